// The IT rule pack (rules/it) end to end through the built CLI: beaconing found in a synthetic series of connections and not in one long connection; on the shared captures, each IT attack raises the rules written for it and nothing that is not labelled an attack raises any; the README lists every rule.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Alert } from '../../src/analysis/alerts.js';
import { BeaconDetector } from '../../src/analysis/behaviour/beacon.js';
import type { FlowRecord } from '../../src/events/envelope.js';
import { ether, ipv4, tcp } from '../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../helpers/pcap-builder.js';
import {
  REPO_ROOT,
  SHARED_PCAPS,
  haveSharedPcaps,
  manifest,
  readJsonl,
  runCli,
} from '../helpers/shared.js';

const IT_RULES = path.join(REPO_ROOT, 'rules/it');
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'palisade-rules-it-'));

/**
 * Runs `analyze` with the IT pack only and returns its alerts. `truncatedOk`: a capture of the
 * set that ends in a truncated record (a result, exit status 1) is accepted.
 */
function analyzeIt(captures: string[], truncatedOk = false): { alerts: Alert[]; out: string } {
  const out = tmp();
  const r = runCli([
    'analyze',
    ...captures,
    '--out',
    out,
    '--no-progress',
    '--no-builtin-rules',
    '--rules',
    IT_RULES,
  ]);
  expect(r.stderr).not.toMatch(/invalid rules|ERR_RULE/);
  if (truncatedOk && r.status === 1) expect(r.stdout + r.stderr).toMatch(/ERR_CAPTURE_TRUNCATED/);
  else expect(r.status).toBe(0);
  return { alerts: readJsonl<Alert>(path.join(out, 'alerts.jsonl')), out };
}

// --- a synthetic implant: short TCP connections to one server every 60 s, with jitter ---------

const CLIENT = '10.1.1.20';
const SERVER = '203.0.113.7';
const T0 = 1_709_287_200; // 2024-03-01T10:00:00Z

/** Appends one packet of a connection (Ethernet, IPv4, TCP with correct checksums). */
function push(
  recs: PcapRecord[],
  at: number,
  fromClient: boolean,
  cport: number,
  seq: number,
  ack: number,
  flags: number,
  data: Uint8Array = new Uint8Array(0),
): void {
  const [src, dst] = fromClient ? [CLIENT, SERVER] : [SERVER, CLIENT];
  const seg = fromClient
    ? tcp({ src, dst, sport: cport, dport: 8443, seq, ack, flags }, data)
    : tcp({ src, dst, sport: 8443, dport: cport, seq, ack, flags }, data);
  const sec = Math.floor(at);
  recs.push({
    tsSec: sec,
    tsFrac: Math.round((at - sec) * 1e6),
    data: ether(0x0800, ipv4({ src, dst, proto: 6 }, seg)),
  });
}

const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;
const PSH_ACK = 0x18;
const FIN_ACK = 0x11;

/** One complete exchange at `at`: handshake, a 120-byte request, a 300-byte answer, close. */
function connection(recs: PcapRecord[], at: number, cport: number): void {
  const req = new Uint8Array(120).fill(0x41);
  const resp = new Uint8Array(300).fill(0x42);
  push(recs, at, true, cport, 1000, 0, SYN);
  push(recs, at + 0.01, false, cport, 9000, 1001, SYN_ACK);
  push(recs, at + 0.02, true, cport, 1001, 9001, ACK);
  push(recs, at + 0.03, true, cport, 1001, 9001, PSH_ACK, req);
  push(recs, at + 0.05, false, cport, 9001, 1121, PSH_ACK, resp);
  push(recs, at + 0.06, true, cport, 1121, 9301, FIN_ACK);
  push(recs, at + 0.07, false, cport, 9301, 1122, FIN_ACK);
  push(recs, at + 0.08, true, cport, 1122, 9302, ACK);
}

/** Seconds of jitter per check-in (within 2.5 s of the 60 s period). */
const JITTER = [0, 1.5, -2, 0.7, 2.2, -1.1, 0.3, -2.4, 1.9, -0.6];

describe('beaconing (behaviour detector and rule)', () => {
  it('ten short connections a minute apart raise one beaconing alert', () => {
    const recs: PcapRecord[] = [];
    JITTER.forEach((j, i) => connection(recs, T0 + i * 60 + j, 50000 + i));
    const file = path.join(tmp(), 'beacon.pcap');
    writeFileSync(file, buildPcap({}, recs));
    const beacons = analyzeIt([file]).alerts.filter((a) =>
      a.title.startsWith('Periodic beaconing'),
    );
    expect(beacons).toHaveLength(1);
    const a = beacons[0] as Alert;
    expect(a).toMatchObject({
      source: 'rule',
      src_ip: CLIENT,
      dst_ip: SERVER,
      technique_ids: ['T1071', 'T1573', 'T0869'],
    });
    // The sixth check-in completes the series (minute 5, 1.1 s early).
    expect(a.ts).toBe('2024-03-01T10:04:58.900000Z');
    const ev = a.evidence.events[0] as {
      kind: string;
      dst_port: number;
      beacon: Record<string, number>;
    };
    expect(ev.kind).toBe('behaviour.beacon');
    expect(ev.dst_port).toBe(8443);
    expect(ev.beacon.connections).toBe(6);
    expect(ev.beacon.interval_s).toBeGreaterThan(58);
    expect(ev.beacon.interval_s).toBeLessThan(62);
    expect(ev.beacon.bytes_mean).toBe(420);
  });

  it('the same requests over one long connection are one flow, not a beacon', () => {
    const recs: PcapRecord[] = [];
    const req = new Uint8Array(120).fill(0x41);
    const resp = new Uint8Array(300).fill(0x42);
    push(recs, T0, true, 50000, 1000, 0, SYN);
    push(recs, T0 + 0.01, false, 50000, 9000, 1001, SYN_ACK);
    push(recs, T0 + 0.02, true, 50000, 1001, 9001, ACK);
    let c = 1001;
    let s = 9001;
    JITTER.forEach((j, i) => {
      const at = T0 + 1 + i * 60 + j;
      push(recs, at, true, 50000, c, s, PSH_ACK, req);
      c += req.length;
      push(recs, at + 0.02, false, 50000, s, c, PSH_ACK, resp);
      s += resp.length;
    });
    const file = path.join(tmp(), 'polling.pcap');
    writeFileSync(file, buildPcap({}, recs));
    const alerts = analyzeIt([file]).alerts;
    expect(alerts.filter((a) => a.title.startsWith('Periodic beaconing'))).toEqual([]);
  });
});

// --- the shared captures ----------------------------------------------------------------------

/**
 * Rule titles each IT attack capture must raise (`palisade analyze --rules rules/it`). Captures
 * that hold nothing these rules can see are listed in rules/it/README.md.
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  '445_scan': ['Slow sweep of internal hosts'],
  C2_Foudre_Backdoor_DGA: ['HTTP request to a host under a TLD favoured by malware'],
  CA_LM_SpoolSample_SMB_BiAuth: [
    'Print spooler change notification requested (PrinterBug, SpoolSample)',
  ],
  'CA_kerbrute_passwordspray_kerberos_AS-REQ': [
    'Kerberos account sweep from one host (user enumeration or password spraying)',
    'Kerberos user enumeration (unknown principals)',
  ],
  CredAccess_BackupMasterKey_LSARPC_43_RetrievePrivateData: [
    'Domain DPAPI backup key read from a domain controller (LSA secret G$BCKUPKEY)',
    'LSA secret read or written remotely',
  ],
  CA_masterkey_rpc_protectedstorage: [
    'DPAPI backup key protocol used (domain master key recovery)',
  ],
  'CVE-2020-0796_SMBGhost_PrivEsc_Loopback_traffic': ['SMB 3.1.1 compressed message'],
  'CVE-2020-1472_Zerologon_RPC_NetLogon_NullChallenge_SecChan_6_from_nonDC_to_DC': [
    'Netlogon authentication burst (Zerologon, CVE-2020-1472)',
  ],
  CnC_uploading_exe_modbus_6RTU_with_operate: [
    'Connection to a default attack-framework handler port',
  ],
  DCShadow_add_primarygroupid_512_to_std_account: [
    'Domain controller registration or replication link from a new host (DCShadow)',
    "Server object added to the directory's sites (rogue domain controller)",
  ],
  DE_byt3bl33d3r_remote_eventservice_crash: ['Windows event log cleared remotely'],
  Discovery_PsLoggedOn_remotelocalusers_enum_winreg_lsarpc_dcerpc_smb: ['Remote registry access'],
  Discovery_dcerp_srvsvc_NetShareEnum: ['Network share enumeration (srvsvc NetrShareEnum)'],
  Discovery_impacket_rpcdump: ['Endpoint mapper listing (rpcdump, ifmap)'],
  Discovery_privgroups_domain_admins_samr_lookupnames_req: [
    'SAMR enumeration of domain users or groups',
  ],
  'Exploit_DoS_cve-2020-1350_dns_sig_maxspl0it': [
    'Oversized DNS SIG record (SIGRed, CVE-2020-1350)',
    'Query for obsolete DNS SIG records',
  ],
  LM_WMI_ProcessCallCreate: ['Remote WMI method execution', 'Remote WMI session opened'],
  'LM_dcom_mmc20.application_dcerpc': [
    'Remote DCOM activation of a class used for lateral movement',
    'Remote DCOM automation call (IDispatch::Invoke)',
  ],
  LM_psexec_smb_dcerpc_epm_svcctl: [
    'Executable written to an administrative share',
    'PsExec-family named pipe opened',
    'PsExec-style lateral movement (binary copied to an admin share, then a service created)',
    'Windows service created remotely',
  ],
  LM_rdp_sharprdp: ['Interactive RDP session negotiated'],
  LM_smbexec_smb_dcerpc_svcctl_epm: ['Windows service created remotely'],
  Remote_Pwd_Reset_RPC_Admin_Mimikatz_PostZeroLogon: [
    'LSA secret read or written remotely',
    'SAMR account manipulation (password reset, new account, group membership)',
    'SAMR enumeration of domain users or groups',
  ],
  cmds_over_dns_txt_queries_and_reponses: [
    'DNS TXT channel (many TXT or NULL queries from one host)',
    'DNS download volume (TXT answer bytes to one host)',
    'Long encoded blob in a DNS TXT answer',
    'Script or command in a DNS TXT answer',
  ],
  discovery_scan_dcerpc_endpoint_mapper: ['Endpoint mapper listing (rpcdump, ifmap)'],
  'eternalblue-success-unpatched-win7': [
    'Burst of SMB1 secondary transactions (EternalBlue heap grooming)',
    'Oversized or invalid SMB1 NT_TRANSACT request (EternalBlue)',
  ],
  multiport_scan: ['Slow sweep of internal hosts'],
  'nmap-vsn': ['Horizontal scan (one port across many internal hosts)'],
  port_scan: ['Vertical port scan (many ports of one host)'],
  scan_with_zero_windows: [
    'Horizontal scan (one port across many internal hosts)',
    'Slow sweep of internal hosts',
  ],
  zerologon_mimikatz_ntlm_privacy_scan_and_exploit_encrypted: [
    'Netlogon authentication burst (Zerologon, CVE-2020-1472)',
  ],
};

/** Alert titles per capture of one run: flow ids start with the capture's 1-based position. */
function titlesByCapture(
  names: readonly string[],
  alerts: readonly Alert[],
): Map<string, string[]> {
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const a of alerts) {
    const name = names[Number(a.flow.split(':')[0]) - 1];
    if (name === undefined) continue;
    const list = out.get(name) as string[];
    if (!list.includes(a.title)) list.push(a.title);
  }
  for (const l of out.values()) l.sort();
  return out;
}

describe.runIf(haveSharedPcaps())('rules/it on the shared captures', () => {
  it('every IT attack capture raises the rules written for its behaviour', () => {
    const rows = manifest().filter(
      (r) =>
        r.path.startsWith('it-attacks/') ||
        r.path === 'datasets/lemay-modbus/CnC_uploading_exe_modbus_6RTU_with_operate.pcap',
    );
    expect(rows.length).toBe(34);
    const names = rows.map((r) => path.basename(r.path).replace(/\.pcap(ng)?$/, ''));
    const got = titlesByCapture(names, analyzeIt(rows.map((r) => r.abs)).alerts);
    for (const [name, titles] of Object.entries(EXPECTED)) {
      expect({ name, titles: got.get(name) }).toEqual({ name, titles: [...titles].sort() });
    }
    // The captures without an expectation raise nothing from this pack (see the README).
    const silent = names.filter((n) => EXPECTED[n] === undefined);
    expect(silent.sort()).toEqual([
      'DCSync_krbtgt_dcerpc_smb',
      'doublepulsar-backdoor-connect-win7',
      'eternalblue-failed-patched-win7',
      'lm_mimikazt_skeleton_kerberos_rc4_etype',
    ]);
    for (const n of silent) expect({ n, titles: got.get(n) }).toEqual({ n, titles: [] });
  });

  it('gives the same alerts with one thread and with three workers', () => {
    const files = manifest()
      .filter((r) => r.path.startsWith('it-attacks/'))
      .map((r) => r.abs);
    const one = tmp();
    const three = tmp();
    for (const [out, w] of [
      [one, '1'],
      [three, '3'],
    ] as const) {
      const r = runCli([
        'analyze',
        ...files,
        '--out',
        out,
        '--no-progress',
        '--no-builtin-rules',
        '--rules',
        IT_RULES,
        '--workers',
        w,
      ]);
      expect(r.status).toBe(0);
    }
    const a = readFileSync(path.join(one, 'alerts.jsonl'), 'utf8');
    expect(a.split('\n').length).toBeGreaterThan(40);
    expect(readFileSync(path.join(three, 'alerts.jsonl'), 'utf8')).toBe(a);
  });

  it('no capture that is not labelled an attack raises an IT alert', () => {
    const rows = manifest().filter((r) => !r.label.startsWith('attack'));
    expect(rows.length).toBeGreaterThan(200);
    const { alerts } = analyzeIt(
      rows.map((r) => r.abs),
      true,
    );
    expect(alerts.map((a) => `${a.title} ${a.src_ip} -> ${a.dst_ip}`)).toEqual([]);
  });

  it('an OT master reconnecting every 5.5 s is a regular series, left out as OT polling', () => {
    const file = path.join(SHARED_PCAPS, 'modbus/modbus_test_2.pcap');
    const { alerts, out } = analyzeIt([file]);
    expect(alerts.filter((a) => a.title.startsWith('Periodic beaconing'))).toEqual([]);
    // The detector does see the series (so the rule's OT filter is what keeps it quiet).
    const lines: Record<string, unknown>[] = [];
    const detector = new BeaconDetector((l) => lines.push(l));
    for (const f of readJsonl<FlowRecord>(path.join(out, 'flows.jsonl'))) detector.flow(f, false);
    expect(lines.map((l) => [l.dst_port, (l.beacon as { service: string }).service])).toEqual([
      [502, 'modbus'],
    ]);
  });
});

describe('rules/it/README.md', () => {
  it('lists every rule of the pack with its id, title and level', () => {
    const readme = readFileSync(path.join(IT_RULES, 'README.md'), 'utf8');
    const files = readdirSync(IT_RULES).filter((f) => f.endsWith('.yml'));
    let n = 0;
    for (const f of files) {
      for (const d of parseAllDocuments(readFileSync(path.join(IT_RULES, f), 'utf8'))) {
        const doc = d.toJS() as { id: string; title: string; level: string };
        n++;
        const row = readme.split('\n').find((l) => l.startsWith(`| \`${doc.id}\` |`));
        expect({ file: f, id: doc.id, row: row?.split(' | ').slice(1, 2)[0] }).toEqual({
          file: f,
          id: doc.id,
          row: doc.title,
        });
        expect(row).toContain(`| ${doc.level} |`);
      }
    }
    expect(readme).toContain(`${n} documents`);
  });
});
