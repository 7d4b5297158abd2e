/**
 * NTP fields against Wireshark's `ntp` dissector (4.0, packet-ntp.c). Only time packets
 * (modes 1-5) occur in the shared captures; Wireshark puts the mode 6 and 7 headers in other
 * fields (`ntpctrl.*`, `ntppriv.*`).
 */
import { at, type ProtoSpec } from './spec.js';

/** The captures of the shared set that carry NTP (tshark over MANIFEST.tsv). */
export const NTP_CAPTURES: readonly string[] = [
  'datasets/qut-dnp3/',
  'iec104/JavaRMI_and_IEC_Misc.pcap',
  'iec61850/Sample_File_MMS_and_GOOSE.pcap',
];

/** Wireshark shows poll and precision as unsigned bytes (222); ours are signed (-34). */
function int8(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return String(n > 127 ? n - 256 : n);
}

export const ntpSpec: ProtoSpec = {
  proto: 'ntp',
  filter: 'ntp',
  sharedCaptures: NTP_CAPTURES,
  fields: [
    { name: 'mode', tshark: 'ntp.flags.mode', ours: (e) => at(e, 'ntp.mode') },
    { name: 'version', tshark: 'ntp.flags.vn', ours: (e) => at(e, 'ntp.version') },
    { name: 'leap indicator', tshark: 'ntp.flags.li', ours: (e) => at(e, 'ntp.li') },
    { name: 'stratum', tshark: 'ntp.stratum', ours: (e) => at(e, 'ntp.stratum') },
    { name: 'poll', tshark: 'ntp.ppoll', ours: (e) => at(e, 'ntp.poll'), norm: int8 },
    {
      name: 'precision',
      tshark: 'ntp.precision',
      ours: (e) => at(e, 'ntp.precision'),
      norm: int8,
    },
  ],
};
