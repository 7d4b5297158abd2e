/**
 * Modbus/TCP deeper fields against Wireshark's `mbtcp`/`modbus` dissectors (4.0).
 *
 * Where the two put a value differs, the spec compares like with like:
 * - Our response events also carry the paired request's reference number and quantity;
 *   Wireshark shows those fields only where the PDU itself holds them (requests, and the echoing
 *   responses of the write functions 5, 6, 15 and 16), so they are compared there. Its
 *   `word_cnt` is also the record length of a file record sub-request (20, 21) and the FIFO
 *   count of a Read FIFO Queue response (24), which ours has in their own fields.
 * - Our exceptions to Diagnostics (8) and Encapsulated Interface Transport (43) name the
 *   request's sub-function or MEI type; Wireshark's exceptions carry the exception code only.
 * - Wireshark lists register values (`regval_uint16`, numbered `regnum16`) for the responses to
 *   3 and 4 and the requests 16, and coil values (`bitval`, `bitnum`) for the responses to 1 and
 *   2, numbered from the paired request's reference, or from 0 when it did not see the request
 *   (ours then has no address).
 */
import { at, normValue, type EventLine, type FieldSpec, type ProtoSpec } from './spec.js';

const fc = (e: EventLine): unknown => at(e, 'modbus.function_code');
const isRequest = (e: EventLine): boolean => e.kind === 'modbus.request';
const isResponse = (e: EventLine): boolean => e.kind === 'modbus.response';

/** True when the PDU of `e` carries its reference number (`withQuantity`: and its quantity). */
function inPdu(e: EventLine, withQuantity: boolean): boolean {
  if (isRequest(e)) return true;
  if (!isResponse(e)) return false;
  const f = fc(e);
  return withQuantity ? f === 15 || f === 16 : f === 5 || f === 6 || f === 15 || f === 16;
}

/** The file records of `e` (20, 21). */
function records(e: EventLine): Record<string, unknown>[] {
  const r = at(e, 'modbus.file_records');
  return Array.isArray(r) ? (r as Record<string, unknown>[]) : [];
}

/** Quantities as Wireshark shows them in `word_cnt` / `bit_cnt`. */
function quantity(e: EventLine): unknown {
  const f = fc(e);
  // Sub-request record lengths of 20 and 21 (and 21's echo), FIFO count of 24's response.
  if ((f === 20 && isRequest(e)) || (f === 21 && (isRequest(e) || isResponse(e)))) {
    return records(e).map((r) => r.record_length);
  }
  if (f === 24 && isResponse(e)) return at(e, 'modbus.fifo_count');
  // 23 has a read and a write quantity: compared as such below.
  return inPdu(e, true) && f !== 23 ? at(e, 'modbus.quantity') : undefined;
}

/** Register values Wireshark lists: responses to 3 and 4, requests 16. */
function registerEvent(e: EventLine): boolean {
  const f = fc(e);
  if (isRequest(e)) return f === 16;
  return isResponse(e) && (f === 3 || f === 4);
}

/** Coil values Wireshark lists: responses to 1 and 2. */
function coilEvent(e: EventLine): boolean {
  const f = fc(e);
  return isResponse(e) && (f === 1 || f === 2);
}

/**
 * `address + i` for each listed value; Wireshark numbers the values of a response whose
 * request it did not see from 0.
 */
function numbers(e: EventLine): number[] {
  const v = at(e, 'modbus.values');
  const a = at(e, 'modbus.address');
  if (!Array.isArray(v)) return [];
  const base = typeof a === 'number' ? a : 0;
  return v.map((_, i) => base + i);
}

/** The defined values of a list (absent fields left out). */
const defined = (...v: unknown[]): unknown[] => v.filter((x) => x !== undefined);

/** Wireshark's fields for the data word of the Diagnostics sub-functions it names. */
const DIAGNOSTIC_DATA_FIELDS = [
  'modbus.diagnostic.restart_communication_option',
  'modbus.diagnostic.return_diag_register',
  'modbus.diagnostic.clear_ctr_diag_reg',
  'modbus.diagnostic.bus_message_count',
  'modbus.diagnostic.bus_comm_error_count',
  'modbus.diagnostic.bus_exception_error_count',
  'modbus.diagnostic.slave_message_count',
  'modbus.diagnostic.no_slave_response_count',
  'modbus.diagnostic.slave_nak_count',
  'modbus.diagnostic.slave_busy_count',
  'modbus.diagnostic.bus_char_overrun_count',
] as const;

/** A field only normal (non-exception) PDUs carry. */
function own(path: string): FieldSpec['ours'] {
  return (e) => (e.kind === 'modbus.exception' ? undefined : at(e, path));
}

const fields: readonly FieldSpec[] = [
  { name: 'unit id', tshark: 'mbtcp.unit_id', ours: (e) => at(e, 'modbus.unit_id') },
  {
    name: 'function code',
    tshark: 'modbus.func_code',
    ours: fc,
    norm: (v) => {
      const n = normValue(v);
      return n === undefined ? undefined : String(Number(n) & 0x7f);
    },
  },
  {
    name: 'reference number',
    tshark: 'modbus.reference_num',
    ours: (e) => (inPdu(e, false) && fc(e) !== 23 ? at(e, 'modbus.address') : undefined),
  },
  { name: 'quantity', tshark: ['modbus.word_cnt', 'modbus.bit_cnt'], ours: quantity },
  {
    name: 'exception code',
    tshark: 'modbus.exception_code',
    ours: (e) => at(e, 'modbus.exception_code'),
  },
  {
    name: 'byte count',
    tshark: ['modbus.byte_cnt', 'modbus.byte_cnt_16'],
    ours: (e) => {
      // Wireshark shows 17's byte count inside its undissected data, and each 20 sub-response's
      // length as a byte count of its own.
      const f = fc(e);
      if (f === 17) return undefined;
      const own = at(e, 'modbus.byte_count');
      if (f === 20 && isResponse(e)) {
        return [own, ...records(e).map((r) => 1 + 2 * Number(r.record_length))];
      }
      return own;
    },
  },
  {
    name: 'read/write reference (23)',
    tshark: ['modbus.read_reference_num', 'modbus.write_reference_num'],
    ours: (e) =>
      isRequest(e) && fc(e) === 23
        ? defined(at(e, 'modbus.address'), at(e, 'modbus.write_address'))
        : undefined,
  },
  {
    name: 'read/write quantity (23)',
    tshark: ['modbus.read_word_cnt', 'modbus.write_word_cnt'],
    ours: (e) =>
      isRequest(e) && fc(e) === 23
        ? defined(at(e, 'modbus.quantity'), at(e, 'modbus.write_quantity'))
        : undefined,
  },
  {
    name: 'register values',
    tshark: 'modbus.regval_uint16',
    ours: (e) => (registerEvent(e) ? at(e, 'modbus.values') : undefined),
  },
  {
    name: 'register numbers',
    tshark: 'modbus.regnum16',
    ours: (e) => (registerEvent(e) ? numbers(e) : undefined),
  },
  {
    name: 'coil values',
    tshark: 'modbus.bitval',
    ours: (e) => (coilEvent(e) ? at(e, 'modbus.values') : undefined),
    norm: (v) => (v === 'true' || v === '1' ? '1' : v === 'false' || v === '0' ? '0' : v),
  },
  {
    name: 'coil numbers',
    tshark: 'modbus.bitnum',
    ours: (e) => (coilEvent(e) ? numbers(e) : undefined),
  },
  { name: 'AND mask (22)', tshark: 'modbus.and_mask', ours: own('modbus.and_mask') },
  {
    name: 'diagnostics sub-function',
    tshark: 'modbus.diagnostic_code',
    ours: own('modbus.sub_function'),
  },
  {
    name: 'diagnostics data',
    tshark: DIAGNOSTIC_DATA_FIELDS,
    ours: (e) => {
      if (e.kind === 'modbus.exception' || fc(e) !== 8) return undefined;
      const sub = Number(at(e, 'modbus.sub_function'));
      // Wireshark names the data of sub-function 1 both ways and the register or counter a
      // response returns (2, 10-18); other request data it shows as raw bytes.
      const named = sub === 1 || (isResponse(e) && (sub === 2 || (sub >= 10 && sub <= 18)));
      return named ? (at(e, 'modbus.data') as unknown[] | undefined)?.[0] : undefined;
    },
  },
  { name: 'MEI type', tshark: 'modbus.mei', ours: own('modbus.mei_type') },
  {
    name: 'read device id code',
    tshark: 'modbus.read_device_id',
    ours: own('modbus.read_device_id_code'),
  },
  {
    name: 'device id object id',
    tshark: 'modbus.object_id',
    ours: (e) => {
      if (isRequest(e)) return at(e, 'modbus.object_id');
      const objects = at(e, 'modbus.objects');
      return Array.isArray(objects) ? objects.map((o: { id: number }) => o.id) : undefined;
    },
  },
];

export const modbusSpec: ProtoSpec = {
  proto: 'modbus',
  filter: 'mbtcp',
  sharedCaptures: ['modbus/', 'datasets/lemay-modbus/'],
  fields,
};

/** The device identification objects of a 43/14 response. */
function objects(e: EventLine): { id: number; value: string }[] {
  const o = at(e, 'modbus.objects');
  return Array.isArray(o) ? (o as { id: number; value: string }[]) : [];
}

/**
 * Fields no shared capture carries (the functions real traffic rarely uses: comm event
 * counters, file records, device identification responses): compared on the decoder's fixtures
 * (`src/decode/app/modbus/fixtures.ts`, real frames and the specification's examples) written
 * as a capture, by `src/decode/app/modbus/tshark.test.ts`.
 */
const fixtureFields: readonly FieldSpec[] = [
  { name: 'OR mask (22)', tshark: 'modbus.or_mask', ours: own('modbus.or_mask') },
  { name: 'comm event status (11, 12)', tshark: 'modbus.ev_status', ours: own('modbus.status') },
  { name: 'comm event count (11, 12)', tshark: 'modbus.ev_count', ours: own('modbus.event_count') },
  {
    name: 'comm message count (12)',
    tshark: 'modbus.ev_msg_count',
    ours: own('modbus.message_count'),
  },
  {
    name: 'file record reference type (20, 21)',
    tshark: 'modbus.reference_type',
    ours: (e) => records(e).map((r) => r.reference_type),
  },
  {
    name: 'file and record number (20, 21)',
    tshark: 'modbus.reference_num_32',
    // Wireshark reads file number and record number as one 32-bit reference, where the PDU
    // holds them (not in a Read File Record response).
    ours: (e) =>
      fc(e) === 20 && isResponse(e)
        ? undefined
        : records(e).map((r) => Number(r.file_number) * 0x10000 + Number(r.record_number)),
  },
  {
    name: 'conformity level (43/14)',
    tshark: 'modbus.conformity_level',
    ours: own('modbus.conformity_level'),
  },
  {
    name: 'more follows (43/14)',
    tshark: 'modbus.more_follows',
    ours: (e) => {
      const m = at(e, 'modbus.more_follows');
      return m === undefined ? undefined : m === true ? 0xff : 0;
    },
  },
  {
    name: 'next object id (43/14)',
    tshark: 'modbus.next_object_id',
    ours: own('modbus.next_object_id'),
  },
  {
    name: 'number of objects (43/14)',
    tshark: 'modbus.num_objects',
    ours: own('modbus.object_count'),
  },
  {
    name: 'object string values (43/14)',
    tshark: 'modbus.object_str_value',
    // Wireshark shows the values of the standard objects (0-6) as strings, the others as bytes.
    ours: (e) =>
      objects(e)
        .filter((o) => o.id < 7)
        .map((o) => o.value),
  },
];

/** {@link modbusSpec} with the fields only the fixtures exercise. */
export const modbusFixtureSpec: ProtoSpec = {
  ...modbusSpec,
  fields: [...fields, ...fixtureFields],
};
