/**
 * IEC 61850 GOOSE deeper fields against Wireshark's `goose` dissector (4.0, packet-goose.c).
 *
 * - Wireshark shows `t` as `Jan  2, 2000 02:46:11.258165836 UTC`; ours is ISO 8601 with the
 *   same nine digits (both truncate the fraction the same way): the text is rewritten to ISO.
 * - Booleans are 0/1 on the Wireshark side (True/False in some builds): both map to 1/0.
 * - The GSE management frames (0x88B9) share the dissector: their fields are not compared here.
 * - allData: Wireshark shows a bit-string as its octets without the unused-bits count (`80`);
 *   ours lists the bits (`10`), zero-filled to whole octets here. Booleans are 0/1 on both.
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Wireshark's absolute time text, or our ISO text, as `yyyy-mm-ddThh:mm:ss.fffffffffz`. */
export function isoTime(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  const m = /^([a-z]{3}) +(\d{1,2}), (\d{4}) (\d\d:\d\d:\d\d)\.(\d{9}) utc$/.exec(t);
  if (m === null) return t;
  const month = String(MONTHS.indexOf(m[1] as string) + 1).padStart(2, '0');
  return `${m[3]}-${month}-${(m[2] as string).padStart(2, '0')}t${m[4]}.${m[5]}z`;
}

/** Booleans as 1/0 whichever way either side writes them. */
function bool(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  return t === 'true' || t === '1' ? '1' : '0';
}

interface Value {
  type?: string;
  value?: unknown;
  items?: Value[];
}

/** The allData values of type `type`, in order, nested ones included. */
function values(e: EventLine, type: string): unknown[] {
  const out: unknown[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const v of list as Value[]) {
      if (v.type === type) out.push(v.value);
      walk(v.items);
    }
  };
  walk(at(e, 'goose.data'));
  return out;
}

/** Our bits (`10`) as the octets Wireshark shows (`80`): zero-filled to whole octets, hex. */
function bitsToHex(bits: unknown): string {
  const b = String(bits);
  let hex = '';
  for (let i = 0; i < b.length; i += 8) {
    hex += parseInt(b.slice(i, i + 8).padEnd(8, '0'), 2)
      .toString(16)
      .padStart(2, '0');
  }
  return hex;
}

export const gooseSpec: ProtoSpec = {
  proto: 'goose',
  filter: 'goose',
  sharedCaptures: ['iec61850/', 'datasets/qut-dnp3/'],
  fields: [
    { name: 'APPID', tshark: 'goose.appid', ours: (e) => at(e, 'goose.appid') },
    { name: 'gocbRef', tshark: 'goose.gocbRef', ours: (e) => at(e, 'goose.gocb_ref') },
    { name: 'stNum', tshark: 'goose.stNum', ours: (e) => at(e, 'goose.st_num') },
    { name: 'sqNum', tshark: 'goose.sqNum', ours: (e) => at(e, 'goose.sq_num') },
    { name: 'datSet', tshark: 'goose.datSet', ours: (e) => at(e, 'goose.dat_set') },
    { name: 'goID', tshark: 'goose.goID', ours: (e) => at(e, 'goose.go_id') },
    { name: 'confRev', tshark: 'goose.confRev', ours: (e) => at(e, 'goose.conf_rev') },
    {
      name: 'numDatSetEntries',
      tshark: 'goose.numDatSetEntries',
      ours: (e) => at(e, 'goose.num_dat_set_entries'),
    },
    {
      name: 'timeAllowedtoLive',
      tshark: 'goose.timeAllowedtoLive',
      ours: (e) => at(e, 'goose.time_allowed_to_live'),
    },
    { name: 't', tshark: 'goose.t', ours: (e) => at(e, 'goose.t'), norm: isoTime },
    {
      name: 'simulation',
      tshark: 'goose.simulation',
      ours: (e) => (e.kind === 'goose.pdu' ? at(e, 'goose.simulation') : undefined),
      norm: bool,
    },
    {
      name: 'ndsCom',
      tshark: 'goose.ndsCom',
      ours: (e) => (e.kind === 'goose.pdu' ? at(e, 'goose.nds_com') : undefined),
      norm: bool,
    },
    {
      name: 'Simulate bit',
      tshark: 'goose.reserve1.s_bit',
      ours: (e) => at(e, 'goose.simulated'),
      norm: bool,
    },
    { name: 'length', tshark: 'goose.length', ours: (e) => at(e, 'goose.length'), norm: normValue },
    {
      name: 'allData booleans',
      tshark: 'goose.boolean',
      ours: (e) => values(e, 'boolean').map((v) => (v === true ? 1 : 0)),
    },
    {
      name: 'allData bit-strings',
      tshark: 'goose.bit_string',
      ours: (e) => values(e, 'bit-string').map(bitsToHex),
    },
  ],
};
