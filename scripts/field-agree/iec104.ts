/**
 * IEC 60870-5-104 deeper fields against Wireshark's `iec60870_104` / `iec60870_asdu` dissectors:
 * the APCI (format, length, U function, N(S), N(R)), the ASDU header (type, SQ, number of
 * objects, cause, P/N, T, originator and common address), every information object address
 * (with SQ=1 Wireshark adds the generated addresses too), and the element values of the types
 * the shared captures carry.
 *
 * Differences of representation are normalised here, never in the decoder:
 * - Wireshark shows booleans as 0/1, U functions as the function bits shifted right by 2
 *   (STARTDT act = 1 ... TESTFR con = 32), the format as 0 (I), 1 (S), 3 (U);
 * - it prints normalized values with 6 significant digits;
 * - it reads a 32-bit bitstring most significant octet first, where IEC 60870-5-4 sends the
 *   least significant first (as the decoder reads it): the octets are swapped for the comparison;
 * - it prints CP56Time2a as a local time (`Jul  4, 2013 08:23:24.007000000 UTC`; the tests run
 *   with TZ=UTC) and reads years 70-99 as 1970-1999 (the decoder: 2070-2099; no capture has them).
 *
 * Wireshark analyses segments whatever their TCP checksum; so does this comparison
 * (`checksums: 'ignore'`), because the server of TestDissectIec104.pcap sent every segment with an
 * unfinished checksum after a correct SYN-ACK, which the default `auto` policy takes for inserted
 * packets (docs/fidelity-iec104.md).
 */
import { at, normValue, type EventLine, type ProtoSpec } from './spec.js';

/** The objects of an event. */
function objects(e: EventLine): Record<string, unknown>[] {
  const o = at(e, 'iec104.objects');
  return Array.isArray(o) ? (o as Record<string, unknown>[]) : [];
}

/** `field` of every object of an event whose type id is in `types`. */
function objectField(types: ReadonlySet<number>, field: string, map?: (v: unknown) => unknown) {
  return (e: EventLine): unknown[] => {
    const t = at(e, 'iec104.type_id');
    if (typeof t !== 'number' || !types.has(t)) return [];
    return objects(e)
      .map((o) => o[field])
      .filter((v) => v !== undefined)
      .map((v) => (map ? map(v) : v));
  };
}

const set = (...ids: number[]): ReadonlySet<number> => new Set(ids);

const FLOAT = set(13, 14, 36, 50, 63, 112);
const SCALED = set(11, 12, 35, 49, 62, 111);
const NORMALIZED = set(9, 10, 21, 34, 48, 61, 110);
const SINGLE_POINT = set(1, 2, 30);
const DOUBLE_POINT = set(3, 4, 31);
const STEP = set(5, 6, 32);
const BITSTRING = set(7, 8, 33, 51, 64);
const SCO = set(45, 58);
const DCO = set(46, 59);
const RCO = set(47, 60);
const QOS = set(48, 49, 50, 61, 62, 63);
/** Types whose CP56Time2a Wireshark 4.0 decodes (not 41, 107, 126, 127). */
const CP56 = set(30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 58, 59, 60, 61, 62, 63, 64, 103);

const bool = (v: string): string | undefined => {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  return t === '1' || t === 'true' ? '1' : t === '0' || t === 'false' ? '0' : t;
};

const U_NAMES: Readonly<Record<string, string>> = {
  '1': 'startdt_act',
  '2': 'startdt_con',
  '4': 'stopdt_act',
  '8': 'stopdt_con',
  '16': 'testfr_act',
  '32': 'testfr_con',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jul  4, 2013 08:23:24.007000000 UTC` -> `2013-07-04T08:23:24.007`; ours pass through. */
function cp56(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const m = /^(\w{3})\s+(\d+), (\d{4}) (\d{2}:\d{2}:\d{2})\.(\d{3})\d* \w+$/.exec(t);
  if (!m) return t;
  const month = String(MONTHS.indexOf(m[1] as string) + 1).padStart(2, '0');
  return `${m[3]}-${month}-${(m[2] as string).padStart(2, '0')}T${m[4]}.${m[5]}`;
}

/** The octets of a 32-bit value in reverse order (see the header). */
function swap32(v: unknown): number {
  const n = Number(v) >>> 0;
  return (
    (((n & 0xff) << 24) | ((n & 0xff00) << 8) | ((n >>> 8) & 0xff00) | ((n >>> 24) & 0xff)) >>> 0
  );
}

/** The fields of the system commands and counters only the fixtures carry. */
const fixtureFields: ProtoSpec['fields'] = [
  { name: 'QCC RQT', tshark: 'iec60870_asdu.rqt', ours: objectField(set(101), 'request') },
  { name: 'QCC FRZ', tshark: 'iec60870_asdu.frz', ours: objectField(set(101), 'freeze') },
  { name: 'QRP', tshark: 'iec60870_asdu.qrp', ours: objectField(set(105), 'qualifier') },
  {
    name: 'counter reading',
    tshark: 'iec60870_asdu.bcr.count',
    ours: objectField(set(15, 16, 37), 'value'),
  },
  {
    name: 'counter sequence',
    tshark: 'iec60870_asdu.bcr.sq',
    ours: objectField(set(15, 16, 37), 'sequence'),
  },
  {
    name: 'counter carry, adjusted, invalid',
    tshark: ['iec60870_asdu.bcr.cy', 'iec60870_asdu.bcr.ca', 'iec60870_asdu.bcr.iv'],
    ours: (e) => [
      ...objectField(set(15, 16, 37), 'carry')(e),
      ...objectField(set(15, 16, 37), 'adjusted')(e),
      ...objectField(set(15, 16, 37), 'invalid')(e),
    ],
    norm: bool,
  },
];

export const iec104Spec: ProtoSpec = {
  proto: 'iec104',
  // A 0x68 followed by a length below 4 starts no APDU ([104] 5.1): Wireshark still shows that
  // length (TestDissectIec104.pcap frames 11, 16, 18, 23, stray octets of a robustness test);
  // the decoder raises iec104.invalid_length and emits no APDU. Such frames are left out.
  filter: 'iec60870_104 && !(iec60870_104.apdulen < 4)',
  sharedCaptures: ['iec104/'],
  checksums: 'ignore',
  fields: [
    {
      name: 'APDU length',
      tshark: 'iec60870_104.apdulen',
      ours: (e) => at(e, 'iec104.apdu_length'),
    },
    {
      name: 'APCI format',
      tshark: 'iec60870_104.type',
      ours: (e) => ({ I: 0, S: 1, U: 3 })[at(e, 'iec104.format') as 'I' | 'S' | 'U'],
    },
    {
      name: 'U function',
      tshark: 'iec60870_104.utype',
      ours: (e) => at(e, 'iec104.u_function'),
      // Wireshark's bits, or our name; a value with no single function bit is `invalid` on both.
      norm: (v) => {
        const n = normValue(v);
        if (n === undefined || !/^\d+$/.test(n)) return n;
        return U_NAMES[n] ?? 'invalid';
      },
    },
    { name: 'N(S)', tshark: 'iec60870_104.tx', ours: (e) => at(e, 'iec104.send_seq') },
    { name: 'N(R)', tshark: 'iec60870_104.rx', ours: (e) => at(e, 'iec104.recv_seq') },
    { name: 'type id', tshark: 'iec60870_asdu.typeid', ours: (e) => at(e, 'iec104.type_id') },
    { name: 'SQ', tshark: 'iec60870_asdu.sq', ours: (e) => at(e, 'iec104.sq'), norm: bool },
    {
      name: 'number of objects',
      tshark: 'iec60870_asdu.numix',
      ours: (e) => at(e, 'iec104.num_objects'),
    },
    {
      name: 'cause of transmission',
      tshark: 'iec60870_asdu.causetx',
      ours: (e) => at(e, 'iec104.cot'),
    },
    {
      name: 'P/N',
      tshark: 'iec60870_asdu.nega',
      ours: (e) => at(e, 'iec104.negative'),
      norm: bool,
    },
    { name: 'test', tshark: 'iec60870_asdu.test', ours: (e) => at(e, 'iec104.test'), norm: bool },
    {
      name: 'originator address',
      tshark: 'iec60870_asdu.oa',
      ours: (e) => at(e, 'iec104.originator_address'),
    },
    {
      name: 'common address',
      tshark: 'iec60870_asdu.addr',
      ours: (e) => at(e, 'iec104.common_address'),
    },
    { name: 'IOA', tshark: 'iec60870_asdu.ioa', ours: (e) => objects(e).map((o) => o.ioa) },
    {
      name: 'single point',
      tshark: 'iec60870_asdu.siq.spi',
      ours: objectField(SINGLE_POINT, 'value'),
      norm: bool,
    },
    {
      name: 'double point',
      tshark: 'iec60870_asdu.diq.dpi',
      ours: objectField(DOUBLE_POINT, 'value'),
    },
    { name: 'step position', tshark: 'iec60870_asdu.vti.v', ours: objectField(STEP, 'value') },
    {
      name: 'normalized value',
      tshark: 'iec60870_asdu.normval',
      ours: objectField(NORMALIZED, 'value'),
      norm: (v) => (v.trim() === '' ? undefined : String(Number(Number(v).toPrecision(6)))),
    },
    { name: 'scaled value', tshark: 'iec60870_asdu.scalval', ours: objectField(SCALED, 'value') },
    { name: 'short float', tshark: 'iec60870_asdu.float', ours: objectField(FLOAT, 'value') },
    {
      name: 'bitstring',
      tshark: 'iec60870_asdu.bitstring',
      ours: objectField(BITSTRING, 'value', swap32),
    },
    {
      name: 'command state',
      tshark: ['iec60870_asdu.sco.on', 'iec60870_asdu.dco.on', 'iec60870_asdu.rco.up'],
      ours: (e) => [
        ...objectField(SCO, 'value', (v) => (v === true ? 1 : 0))(e),
        ...objectField(DCO, 'value')(e),
        ...objectField(RCO, 'value')(e),
      ],
      norm: bool,
    },
    {
      name: 'select/execute',
      tshark: [
        'iec60870_asdu.sco.se',
        'iec60870_asdu.dco.se',
        'iec60870_asdu.rco.se',
        'iec60870_asdu.qos.se',
      ],
      ours: (e) => [
        ...objectField(SCO, 'select')(e),
        ...objectField(DCO, 'select')(e),
        ...objectField(RCO, 'select')(e),
        ...objectField(QOS, 'select')(e),
      ],
      norm: bool,
    },
    {
      name: 'command qualifier',
      tshark: [
        'iec60870_asdu.sco.qu',
        'iec60870_asdu.dco.qu',
        'iec60870_asdu.rco.qu',
        'iec60870_asdu.qos.ql',
      ],
      ours: (e) => [
        ...objectField(SCO, 'qualifier')(e),
        ...objectField(DCO, 'qualifier')(e),
        ...objectField(RCO, 'qualifier')(e),
        ...objectField(QOS, 'qualifier')(e),
      ],
    },
    { name: 'QOI', tshark: 'iec60870_asdu.qoi', ours: objectField(set(100), 'qualifier') },
    { name: 'COI', tshark: 'iec60870_asdu.coi_r', ours: objectField(set(70), 'cause') },
    {
      name: 'CP56Time2a',
      tshark: 'iec60870_asdu.cp56time',
      ours: objectField(CP56, 'time'),
      norm: cp56,
    },
  ],
};

/** {@link iec104Spec} with the fields only the fixtures exercise (counter interrogation, reset process, counters). */
export const iec104FixtureSpec: ProtoSpec = {
  ...iec104Spec,
  fields: [...iec104Spec.fields, ...fixtureFields],
};
