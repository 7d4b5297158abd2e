/**
 * DNS deeper fields against Wireshark's `dns`, `mdns` and `llmnr` dissectors (4.0,
 * packet-dns.c), which share the `dns.*` fields.
 *
 * Where the two put a value differs, the spec compares like with like:
 * - Wireshark shows AA, RA, AD and the rcode of responses only; ours has them on every message.
 * - `dns.flags.rcode` is the 4-bit header rcode; ours is extended by EDNS (the low 4 bits match).
 * - `dns.resp.type` holds the type of every record of the answer, authority and additional
 *   sections, OPT included; ours lists OPT in `edns`.
 * - Header fields come from our `dns.query`/`dns.response` events only: a `dns.question` event
 *   (a second or later question of one message) repeats them.
 * - LLMNR (UDP 5355, [RFC4795] 2.1.1) gives the bits where DNS has AA and RD other meanings
 *   (C, conflict; T, tentative) and has no RA, Z, AD or CD: Wireshark shows them as
 *   `dns.flags.conflict` and `dns.flags.tentative`. The decoder does not see ports, so its events
 *   name the bits as DNS does; the flag comparison leaves LLMNR messages out.
 * - Booleans as 1/0 whichever way either side writes them.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

function bool(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  return t === 'true' || t === '1' ? '1' : '0';
}

const message = (e: EventLine): boolean => e.kind === 'dns.query' || e.kind === 'dns.response';
const llmnr = (e: EventLine): boolean => e.src_port === 5355 || e.dst_port === 5355;
/** A DNS header flag (not of LLMNR messages); `responses` for the flags Wireshark shows in responses only. */
const flag = (e: EventLine, k: string, responses = false): unknown =>
  llmnr(e) || (responses && e.kind !== 'dns.response') ? undefined : head(e, k);
const response = (e: EventLine): boolean => e.kind === 'dns.response';
const head = (e: EventLine, k: string): unknown => (message(e) ? at(e, `dns.${k}`) : undefined);
const resp = (e: EventLine, k: string): unknown => (response(e) ? at(e, `dns.${k}`) : undefined);

/** Types of every record of the three sections, OPT included. */
function recordTypes(e: EventLine): number[] {
  if (!message(e)) return [];
  const out: number[] = [];
  for (const k of ['answers', 'authority', 'additional']) {
    const list = at(e, `dns.${k}`);
    if (Array.isArray(list)) for (const r of list) out.push((r as { type: number }).type);
  }
  if (at(e, 'dns.edns') !== undefined) out.push(41);
  return out;
}

/** The captures of the shared set that carry DNS, mDNS or LLMNR (tshark over MANIFEST.tsv). */
export const DNS_CAPTURES: readonly string[] = [
  'c37.118/c37118_1100_unclean.pcap',
  'c37.118/c37_pmu_unclean.pcap',
  'datasets/qut-dnp3/qut-dnp3_masquerading_training-frequent_slice.pcap',
  'it-attacks/pcap-attack/Command_and_Control/cmds_over_dns_txt_queries_and_reponses.pcap',
  'it-attacks/pcap-attack/Lateral_Movement/Exploit_DoS_cve-2020-1350_dns_sig_maxspl0it.pcapng',
  'it-attacks/pcap-attack/Lateral_Movement/LM_WMI_ProcessCallCreate.pcapng',
  'it-attacks/pcap-attack/Lateral_Movement/LM_rdp_sharprdp.pcapng',
  'it-attacks/scans/nmap-vsn.pcap',
  'it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap',
  'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap',
  'melsec/melsoft_UDP_unclean_1.pcap',
  'modbus/modbusSmall.pcap',
  'opcua/open62541_discover_getendpoints_discover_urls.pcap',
  'other-ics/beckhoff-ads/addroute.pcapng',
  'other-ics/beckhoff-ads/addroute1.pcapng',
  'other-ics/beckhoff-ads/addrouteuse444444444.pcapng',
  'other-ics/beckhoff-ads/beckoffaddroute.pcapng',
  'other-ics/beckhoff-ads/beckoffiplinktc2.pcapng',
  'other-ics/beckhoff-ads/invokeid12.pcapng',
  'profinet/Profinet_Failed.pcap',
  'profinet/profinet_io_cm_mixed_1.pcap',
];

export const dnsSpec: ProtoSpec = {
  proto: 'dns',
  filter: 'dns.id',
  sharedCaptures: DNS_CAPTURES,
  pinnedBy: 'test/golden/dns/tshark-agreement.test.ts',
  fields: [
    { name: 'query name', tshark: 'dns.qry.name', ours: (e) => at(e, 'dns.qname') },
    { name: 'query type', tshark: 'dns.qry.type', ours: (e) => at(e, 'dns.qtype') },
    {
      name: 'rcode',
      tshark: 'dns.flags.rcode',
      ours: (e) => {
        const r = resp(e, 'rcode');
        return typeof r === 'number' ? r & 15 : undefined;
      },
    },
    { name: 'id', tshark: 'dns.id', ours: (e) => head(e, 'id') },
    { name: 'QR', tshark: 'dns.flags.response', ours: (e) => head(e, 'qr'), norm: bool },
    { name: 'opcode', tshark: 'dns.flags.opcode', ours: (e) => head(e, 'opcode') },
    { name: 'AA', tshark: 'dns.flags.authoritative', ours: (e) => flag(e, 'aa', true), norm: bool },
    { name: 'TC', tshark: 'dns.flags.truncated', ours: (e) => head(e, 'tc'), norm: bool },
    { name: 'RD', tshark: 'dns.flags.recdesired', ours: (e) => flag(e, 'rd'), norm: bool },
    { name: 'RA', tshark: 'dns.flags.recavail', ours: (e) => flag(e, 'ra', true), norm: bool },
    { name: 'Z', tshark: 'dns.flags.z', ours: (e) => flag(e, 'z'), norm: bool },
    { name: 'AD', tshark: 'dns.flags.authenticated', ours: (e) => flag(e, 'ad', true), norm: bool },
    { name: 'CD', tshark: 'dns.flags.checkdisable', ours: (e) => flag(e, 'cd'), norm: bool },
    { name: 'answer count', tshark: 'dns.count.answers', ours: (e) => head(e, 'ancount') },
    { name: 'record types', tshark: 'dns.resp.type', ours: recordTypes },
    {
      name: 'EDNS UDP size',
      tshark: 'dns.rr.udp_payload_size',
      ours: (e) => head(e, 'edns.udp_size'),
      norm: normValue,
    },
  ],
};
