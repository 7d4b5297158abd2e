/**
 * NBNS fields against Wireshark's `nbns` dissector (4.0, packet-nbns.c). tshark's
 * `nbns.name` pools the question and record names, appending the suffix's description to record
 * names (`WORKGROUP<1e> (Browser Election Service)`); the normaliser drops it.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** The captures of the shared set that carry NBNS (tshark over MANIFEST.tsv). */
export const NBNS_CAPTURES: readonly string[] = [
  'c37.118/c37118_1100_unclean.pcap',
  'datasets/lemay-modbus/CnC_uploading_exe_modbus_6RTU_with_operate.pcap',
  'datasets/lemay-modbus/send_a_fake_command_modbus_6RTU_with_operate.pcap',
  'datasets/qut-dnp3/qut-dnp3_control_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_flooding_training-infrequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_injection_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_masquerading_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap',
  'datasets/qut-dnp3/qut-dnp3_replay_training-frequent_slice.pcap',
  'enip-cip/quickdraw/EIP-ControlProtocolChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-RemoteModeChangeAttempt.pcap',
  'enip-cip/quickdraw/EIP-SoftwareUploadFailure.pcap',
  'iec61850/Sample_File_MMS_and_GOOSE.pcap',
  'it-attacks/pcap-attack/Command_and_Control/cmds_over_dns_txt_queries_and_reponses.pcap',
  'it-attacks/pcap-attack/Lateral_Movement/LM_WMI_ProcessCallCreate.pcapng',
  'it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap',
  'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap',
  'other-ics/beckhoff-ads/addroute.pcapng',
  'other-ics/beckhoff-ads/addroute1.pcapng',
  'other-ics/beckhoff-ads/addrouteuse444444444.pcapng',
  'other-ics/beckhoff-ads/beckoffaddroute.pcapng',
  'other-ics/beckhoff-ads/beckoffiplink.pcapng',
  'other-ics/beckhoff-ads/beckoffiplinktc2.pcapng',
  'other-ics/beckhoff-ads/beckoffiplinktc3.pcapng',
  'other-ics/beckhoff-ads/invokeid12.pcapng',
  'profinet/profinet_io_cm_mixed_1.pcap',
];

function records(e: EventLine): Record<string, unknown>[] {
  const r = at(e, 'nbns.records');
  return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
}

function questions(e: EventLine): Record<string, unknown>[] {
  const q = at(e, 'nbns.questions');
  return Array.isArray(q) ? (q as Record<string, unknown>[]) : [];
}

/** Names compared as shown, without Wireshark's ` (description)` tail. */
function name(v: string): string | undefined {
  const t = v.replace(/ \([^()]*\)$/, '');
  return t === '' ? undefined : t;
}

export const nbnsSpec: ProtoSpec = {
  proto: 'nbns',
  filter: 'nbns',
  sharedCaptures: NBNS_CAPTURES,
  fields: [
    { name: 'transaction id', tshark: 'nbns.id', ours: (e) => at(e, 'nbns.transaction_id') },
    { name: 'opcode', tshark: 'nbns.flags.opcode', ours: (e) => at(e, 'nbns.opcode') },
    {
      name: 'rcode',
      tshark: 'nbns.flags.rcode',
      ours: (e) => (at(e, 'nbns.response') === true ? at(e, 'nbns.rcode') : undefined),
    },
    {
      name: 'name',
      tshark: 'nbns.name',
      ours: (e) => [...questions(e), ...records(e)].map((x) => x.name),
      norm: name,
    },
    {
      name: 'type',
      tshark: 'nbns.type',
      ours: (e) => [...questions(e), ...records(e)].map((x) => x.type),
      norm: normValue,
    },
    {
      name: 'ttl',
      tshark: 'nbns.ttl',
      ours: (e) => records(e).map((x) => x.ttl),
    },
    {
      name: 'address',
      tshark: 'nbns.addr',
      ours: (e) =>
        records(e).flatMap((r) =>
          Array.isArray(r.addresses)
            ? (r.addresses as { address: string }[]).map((a) => a.address)
            : [],
        ),
    },
    {
      name: 'node status names',
      tshark: 'nbns.netbios_name',
      ours: (e) =>
        records(e).flatMap((r) =>
          Array.isArray(r.node_names)
            ? (r.node_names as { netbios_name: string }[]).map((x) => x.netbios_name)
            : [],
        ),
    },
    {
      name: 'unit id',
      tshark: 'nbns.unit_id',
      ours: (e) => records(e).flatMap((r) => (r.unit_id === undefined ? [] : [r.unit_id])),
    },
  ],
};
