/**
 * The ASDU of an I format APDU ([101] 7.1, with the 104 field sizes of [104] 9):
 *
 * ```
 *  0      1     2     3    4         6            9
 *  +------+-----+-----+----+---------+------------+----------+------------+----------+-...
 *  | type | VSQ | COT | OA | common  | IOA (3)    | elements | IOA (3)    | elements |
 *  |  id  |     |     |    | address | object 1   |          | object 2   |          |
 *  +------+-----+-----+----+---------+------------+----------+------------+----------+-...
 *           |     |
 *           |     +-- bit 8 T (test), bit 7 P/N (negative), bits 1-6 cause
 *           +-- bit 8 SQ, bits 1-7 number of objects
 * ```
 *
 * With SQ = 1 only the first address is sent and the elements follow one another, their
 * addresses counting up from it ([101] 7.2.2.1). All multi-octet fields are least significant
 * octet first. The element size of each type comes from `TYPES` (constants.ts); a type whose
 * objects have no fixed size (file segment, secure authentication) or that is not defined is
 * recognised without its objects being listed, as Wireshark does.
 */
import type { ByteCursor } from '../../cursor.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import {
  ASDU,
  COT_NAMES,
  COT_UNKNOWN_FIRST,
  COT_UNKNOWN_LAST,
  TYPES,
  TYPE_CATEGORY,
  TYPE_NAMES,
  TYPE_SIZE,
  TypeCategory,
  VARIABLE_SIZE,
  isReservedCause,
} from './constants.js';
import { ElementFlag, readElements } from './elements.js';
import type { Iec104EventKind, Iec104Fields, Iec104Object } from './events.js';

/** Event kind of an I format APDU, by the category of its type id. */
const KIND_BY_CATEGORY: readonly Iec104EventKind[] = [
  'iec104.asdu',
  'iec104.monitor',
  'iec104.command',
  'iec104.parameter',
  'iec104.file',
  'iec104.security',
];

/** F_SG_NA_1: the one file type whose objects carry a length-prefixed segment. */
const F_SG_NA_1 = 125;
/** F_SG_NA_1 fixed elements before the segment: NOF (2), NOS (1), LOS (1). */
const SEGMENT_HEADER_BYTES = 4;

/** What {@link decodeAsdu} found besides the fields. */
export interface AsduResult {
  kind: Iec104EventKind;
  /** False when the ASDU was truncated or longer than its objects: not well formed. */
  wellFormed: boolean;
}

const RESULT: AsduResult = { kind: 'iec104.asdu', wellFormed: true };

/**
 * Decodes the ASDU under `c` (the cursor spans exactly the octets after the control field)
 * into `f`. The returned object is shared: read it before the next call.
 */
export function decodeAsdu(
  c: ByteCursor,
  limits: DecoderLimits,
  sink: DecodeSink,
  f: Iec104Fields,
): AsduResult {
  const n = c.remaining();
  RESULT.kind = 'iec104.asdu';
  RESULT.wellFormed = false;
  if (n === 0) {
    sink.anomaly('iec104.truncated_asdu', 'I format APDU without an ASDU');
    return RESULT;
  }
  const typeId = c.u8();
  const category = TYPE_CATEGORY[typeId] as TypeCategory;
  const typeName = TYPE_NAMES[typeId] as string;
  RESULT.kind = KIND_BY_CATEGORY[category] as Iec104EventKind;
  f.type_id = typeId;
  f.type_name = typeName;
  if (n < ASDU.HEADER_BYTES) {
    // Whatever part of the header there is, as Wireshark shows it before it gives up.
    if (n >= 2) {
      const vsq = c.u8();
      f.sq = (vsq & ASDU.SQ_BIT) !== 0;
      f.num_objects = vsq & ASDU.COUNT_MASK;
    }
    if (n >= 3) setCause(f, c.u8());
    if (n >= 4) f.originator_address = c.u8();
    sink.anomaly('iec104.truncated_asdu', `${typeName}: ASDU of ${n} octets, header needs 6`);
    return RESULT;
  }
  const vsq = c.u8();
  const cot = c.u8();
  const sq = (vsq & ASDU.SQ_BIT) !== 0;
  const count = vsq & ASDU.COUNT_MASK;
  f.sq = sq;
  f.num_objects = count;
  setCause(f, cot);
  f.originator_address = c.u8();
  f.common_address = c.u16le();

  const cause = cot & ASDU.CAUSE_MASK;
  if (isReservedCause(cause)) {
    sink.anomaly('iec104.invalid_cause', `${typeName}: cause ${cause}`);
  } else if (cause >= COT_UNKNOWN_FIRST && cause <= COT_UNKNOWN_LAST) {
    sink.anomaly('iec104.rejected_asdu', `${typeName}: ${COT_NAMES[cause] as string}`);
  }
  const info = TYPES[typeId];
  if (info === undefined) {
    sink.anomaly('iec104.unknown_type', `type id ${typeId} (${typeName})`);
    RESULT.wellFormed = true;
    return RESULT;
  }
  if (!info.in104) sink.anomaly('iec104.type_not_in_104', `${typeName} (type id ${typeId})`);
  if (
    (category === TypeCategory.COMMAND ||
      category === TypeCategory.PARAMETER ||
      category === TypeCategory.FILE) &&
    (sq || count !== 1)
  ) {
    sink.anomaly('iec104.invalid_vsq', `${typeName}: SQ=${sq ? 1 : 0}, ${count} objects`);
  }
  if (count === 0) sink.anomaly('iec104.no_objects', `${typeName}: VSQ number of objects 0`);
  if (category === TypeCategory.SECURITY) {
    // IEC 60870-5-7 messages: recognised, their variable contents are not decoded.
    RESULT.wellFormed = true;
    return RESULT;
  }
  RESULT.wellFormed = decodeObjects(c, limits, sink, f, typeId, typeName, sq, count);
  return RESULT;
}

function setCause(f: Iec104Fields, cot: number): void {
  const cause = cot & ASDU.CAUSE_MASK;
  f.cot = cause;
  f.cot_name = COT_NAMES[cause] as string;
  f.negative = (cot & ASDU.NEGATIVE_BIT) !== 0;
  f.test = (cot & ASDU.TEST_BIT) !== 0;
}

/** The information objects; returns false when they were truncated or followed by extra octets. */
function decodeObjects(
  c: ByteCursor,
  limits: DecoderLimits,
  sink: DecodeSink,
  f: Iec104Fields,
  typeId: number,
  typeName: string,
  sq: boolean,
  count: number,
): boolean {
  const size = TYPE_SIZE[typeId] as number;
  const cap = limits.maxObjectsPerMessage;
  const objects: Iec104Object[] = [];
  f.objects = objects;
  let flags = 0;
  let ioa = 0;
  for (let i = 0; i < count; i++) {
    if (i === 0 || !sq) {
      if (c.remaining() < ASDU.IOA_BYTES) return truncated(sink, typeName, i, count);
      ioa = c.u24le();
    } else {
      ioa = (ioa + 1) & 0xffffff;
    }
    let elementBytes = size;
    if (size === VARIABLE_SIZE) {
      // F_SG_NA_1: NOF, NOS, LOS, then LOS octets of segment.
      if (c.remaining() < SEGMENT_HEADER_BYTES) return truncated(sink, typeName, i, count);
      elementBytes = SEGMENT_HEADER_BYTES + c.peek(SEGMENT_HEADER_BYTES - 1);
    }
    if (c.remaining() < elementBytes) return truncated(sink, typeName, i, count);
    if (objects.length >= cap) {
      f.objects_truncated = true;
      c.skip(elementBytes);
      continue;
    }
    const o: Iec104Object = { ioa };
    if (typeId === F_SG_NA_1) {
      o.file_name = c.u16le();
      o.section = c.u8();
      o.segment_length = c.u8();
      c.skip(elementBytes - SEGMENT_HEADER_BYTES);
    } else {
      flags |= readElements(c, typeId, o);
    }
    objects.push(o);
  }
  if (f.objects_truncated === true) {
    sink.anomaly('iec104.objects_limit_reached', `${typeName}: ${count} objects, ${cap} listed`);
  }
  if (flags & ElementFlag.INVALID_TIME) {
    sink.anomaly('iec104.invalid_time', `${typeName}: time tag out of range`);
  }
  if (flags & ElementFlag.RESERVED_QUALIFIER) {
    sink.anomaly('iec104.reserved_qualifier', `${typeName}: reserved qualifier value`);
  }
  if (flags & ElementFlag.COMMAND_NOT_PERMITTED) {
    sink.anomaly('iec104.invalid_command_state', `${typeName}: state 0 or 3`);
  }
  const rest = c.remaining();
  if (rest > 0) {
    sink.anomaly('iec104.length_mismatch', `${typeName}: ${rest} octets after ${count} objects`);
    return false;
  }
  return true;
}

function truncated(sink: DecodeSink, typeName: string, at: number, count: number): boolean {
  sink.anomaly('iec104.truncated_asdu', `${typeName}: ends in object ${at + 1} of ${count}`);
  return false;
}
