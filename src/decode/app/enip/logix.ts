/**
 * Logix tag services ([PM020] chapter 1: Read Tag 0x4C, Write Tag 0x4D, Read Modify Write Tag
 * 0x4E, Read Tag Fragmented 0x52, Write Tag Fragmented 0x53), addressed by a symbolic path
 * (`ANSI extended symbol` segments) or to a Symbol object (class 0x6B) instance. The Template
 * object (0x6C) gives the same codes other meanings (0x4C reads a structure definition by offset;
 * Studio 5000 writes new definitions with 0x4D, EIP-ControlProtocolChangeAttempt.pcap), so its
 * object-specific services are not tag services, as in Wireshark ("Unknown Service").
 *
 * ```
 *  Read Tag            request: elements(2)                      reply: type(2[+2]) data...
 *  Read Tag Fragmented request: elements(2) offset(4)             reply: type(2[+2]) data...
 *  Write Tag           request: type(2[+2]) elements(2) data...
 *  Write Tag Fragmented request: type(2[+2]) elements(2) offset(4) data...
 *  Read Modify Write   request: mask size(2) OR mask(size) AND mask(size)
 * ```
 *
 * A structure's type code is 0x02A0 followed by a 16-bit structure handle. Atomic values are
 * little-endian; values of other types are reported as hex.
 */
import type { ByteCursor } from '../../cursor.js';
import {
  CLASSES,
  DATA_TYPES,
  DATA_TYPE_NAMES,
  LOGIX_SERVICES,
  MAX_HEX_BYTES,
} from './constants.js';
import type { CipDecoder } from './cip.js';
import { hexBytes } from './cip.js';
import type { CipFields, TagFields } from './events.js';

/** True when a message to `classId` (or with a symbolic path) is a Logix tag service. */
export function isLogix(classId: number, symbolic: boolean): boolean {
  return symbolic || classId === CLASSES.LOGIX_SYMBOL;
}

/** Bytes per element of the atomic types, 0 for the others ([V1] C-6.1). */
function atomicSize(type: number): number {
  switch (type) {
    case DATA_TYPES.BOOL:
    case DATA_TYPES.SINT:
    case DATA_TYPES.USINT:
    case DATA_TYPES.BYTE:
      return 1;
    case DATA_TYPES.INT:
    case DATA_TYPES.UINT:
    case DATA_TYPES.WORD:
      return 2;
    case DATA_TYPES.DINT:
    case DATA_TYPES.UDINT:
    case DATA_TYPES.DWORD:
    case DATA_TYPES.REAL:
      return 4;
    case DATA_TYPES.LINT:
    case DATA_TYPES.ULINT:
    case DATA_TYPES.LWORD:
    case DATA_TYPES.LREAL:
      return 8;
    default:
      return 0;
  }
}

/** A float as a JSON-safe value: NaN and infinities as text, -0 as 0. */
function jsonFloat(v: number): number | string {
  if (Number.isFinite(v)) return v === 0 ? 0 : v;
  return String(v);
}

/** One atomic value of `type` at the cursor. */
function readValue(c: ByteCursor, type: number): number | string | boolean {
  switch (type) {
    case DATA_TYPES.BOOL:
      return c.u8() !== 0;
    case DATA_TYPES.SINT: {
      const v = c.u8();
      return v & 0x80 ? v - 0x100 : v;
    }
    case DATA_TYPES.USINT:
    case DATA_TYPES.BYTE:
      return c.u8();
    case DATA_TYPES.INT:
      return c.i16le();
    case DATA_TYPES.UINT:
    case DATA_TYPES.WORD:
      return c.u16le();
    case DATA_TYPES.DINT:
      return c.i32le();
    case DATA_TYPES.UDINT:
    case DATA_TYPES.DWORD:
      return c.u32le();
    case DATA_TYPES.REAL:
      return jsonFloat(c.f32le());
    case DATA_TYPES.LREAL:
      return jsonFloat(c.f64le());
    default: {
      // 64-bit integers: exact as decimal text (JSON numbers stop at 2^53).
      const lo = c.u32le();
      const hi = c.u32le();
      let v = (BigInt(hi) << 32n) | BigInt(lo);
      if (type === DATA_TYPES.LINT && hi >= 0x80000000) v -= 1n << 64n;
      return v.toString();
    }
  }
}

/** Reads a type code (and a structure handle after 0x02A0) into `t`; false when too short. */
function readType(c: ByteCursor, t: TagFields): boolean {
  if (c.remaining() < 2) return false;
  const type = c.u16le();
  t.data_type = type;
  t.data_type_name = DATA_TYPE_NAMES.get(type) ?? 'unknown';
  if (type === DATA_TYPES.STRUCT) {
    if (c.remaining() < 2) return false;
    t.struct_handle = c.u16le();
  }
  return true;
}

/** Decodes the rest of the data as values of `t.data_type` (or hex when not atomic). */
function readValues(dec: CipDecoder, c: ByteCursor, t: TagFields): void {
  const left = c.remaining();
  if (left === 0) return;
  const size = atomicSize(t.data_type ?? 0);
  if (size === 0) {
    const n = Math.min(left, MAX_HEX_BYTES);
    t.data_hex = hexBytes(c.bytes(n), 0, n);
    c.skip(c.remaining());
    return;
  }
  const max = dec.limits.maxObjectsPerMessage;
  const count = Math.floor(left / size);
  const n = Math.min(count, max);
  const values: (number | string | boolean)[] = [];
  for (let i = 0; i < n; i++) values.push(readValue(c, t.data_type as number));
  t.values = values;
  if (count > max) {
    t.values_truncated = true;
    dec.anomaly('enip.values_limit_reached', `${count} tag values`);
  }
  c.skip(c.remaining());
}

/** A Logix tag service request. */
export function decodeTagRequest(dec: CipDecoder, c: ByteCursor, f: CipFields): void {
  const t: TagFields = {};
  f.tag = t;
  switch (f.service) {
    case LOGIX_SERVICES.READ_TAG:
      if (c.remaining() >= 2) t.elements = c.u16le();
      break;
    case LOGIX_SERVICES.READ_TAG_FRAGMENTED:
      if (c.remaining() >= 2) t.elements = c.u16le();
      if (c.remaining() >= 4) t.offset = c.u32le();
      break;
    case LOGIX_SERVICES.WRITE_TAG:
      if (!readType(c, t) || c.remaining() < 2) break;
      t.elements = c.u16le();
      readValues(dec, c, t);
      break;
    case LOGIX_SERVICES.WRITE_TAG_FRAGMENTED:
      if (!readType(c, t) || c.remaining() < 6) break;
      t.elements = c.u16le();
      t.offset = c.u32le();
      readValues(dec, c, t);
      break;
    case LOGIX_SERVICES.READ_MODIFY_WRITE_TAG: {
      if (c.remaining() < 2) break;
      const size = c.u16le();
      if (size > 0 && c.remaining() >= size * 2 && size <= MAX_HEX_BYTES) {
        t.or_mask = hexBytes(c.bytes(size), 0, size);
        t.and_mask = hexBytes(c.bytes(size), 0, size);
      }
      break;
    }
    default:
      break;
  }
}

/** A Logix tag service reply: read replies carry the type and the data. */
export function decodeTagResponse(dec: CipDecoder, c: ByteCursor, f: CipFields): void {
  if (f.service !== LOGIX_SERVICES.READ_TAG && f.service !== LOGIX_SERVICES.READ_TAG_FRAGMENTED) {
    return;
  }
  if (c.remaining() === 0) return;
  const t: TagFields = {};
  f.tag = t;
  if (readType(c, t)) readValues(dec, c, t);
}
