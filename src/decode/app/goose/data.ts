/**
 * allData of a GOOSE message: a SEQUENCE OF MMS Data ([8-1] 8.1.3, ISO 9506-2 Data CHOICE),
 * decoded into {@link GooseValue} trees for the event.
 *
 * Bounded by construction: nesting deeper than LIMITS.MAX_DEPTH is not descended into, at most
 * LIMITS.MAX_VALUES values are listed per message (the rest are still walked, cheaply, to count
 * the top-level entries), strings and octets are capped. The walk reports what it hit in a
 * reusable {@link DataWalk} record so the caller raises each anomaly once per message.
 */
import { BER_ERRORS, BER_OK, Tlv, berBool, berText, hexOf, readTlv, utcTimeIso } from './ber.js';
import { DATA_TYPES, LIMITS } from './constants.js';
import type { GooseValue } from './events.js';

/** What one allData walk found (reused across messages). */
export class DataWalk {
  /** Values still allowed in the event. */
  budget = 0;
  /** A structure or array deeper than MAX_DEPTH was skipped. */
  depthHit = false;
  /** More values than MAX_VALUES. */
  valuesHit = false;
  /** First BER problem met, or '' when none. */
  malformed = '';
  /** Top-level entries present. */
  entries = 0;

  reset(): void {
    this.budget = LIMITS.MAX_VALUES;
    this.depthHit = false;
    this.valuesHit = false;
    this.malformed = '';
    this.entries = 0;
  }
}

const TLV_STACK: Tlv[] = Array.from({ length: LIMITS.MAX_DEPTH + 2 }, () => new Tlv());

/**
 * Decodes the members of the constructed value whose content is `d[start..end)`, at nesting
 * `depth` (0 for allData itself). Returns the listed values; sets `w.entries` at depth 0.
 */
export function decodeData(
  d: Uint8Array,
  start: number,
  end: number,
  depth: number,
  w: DataWalk,
): GooseValue[] {
  const out: GooseValue[] = [];
  const t = TLV_STACK[depth] as Tlv;
  let p = start;
  while (p < end) {
    const err = readTlv(d, p, end, t);
    if (err !== BER_OK) {
      if (w.malformed === '') w.malformed = `allData: ${BER_ERRORS[err] ?? 'bad TLV'}`;
      break;
    }
    if (depth === 0) w.entries++;
    const tagNo = t.tag & 0x1f;
    const constructed = (t.tag & 0x20) !== 0;
    const s = t.start;
    const e = t.end;
    p = e;
    if (w.budget <= 0) {
      w.valuesHit = true;
      // Past the value limit only the top-level count matters.
      if (depth > 0) break;
      continue;
    }
    w.budget--;
    if (constructed && (tagNo === 1 || tagNo === 2)) {
      const type = tagNo === 1 ? 'array' : 'structure';
      if (depth + 1 >= LIMITS.MAX_DEPTH) {
        w.depthHit = true;
        out.push({ type, items: [] });
        continue;
      }
      out.push({ type, items: decodeData(d, s, e, depth + 1, w) });
      continue;
    }
    out.push(scalar(d, t.tag, tagNo, s, e, w));
  }
  return out;
}

function scalar(
  d: Uint8Array,
  tag: number,
  tagNo: number,
  s: number,
  e: number,
  w: DataWalk,
): GooseValue {
  const type = DATA_TYPES.get(tagNo);
  // Data CHOICE alternatives are context-specific ([n] IMPLICIT); anything else is not Data.
  if (type === undefined || (tag & 0xc0) !== 0x80 || (tag & 0x20) !== 0) {
    if (w.malformed === '') w.malformed = `allData: tag 0x${tag.toString(16)} is not MMS Data`;
    return { type: 'unknown', tag, value: hexOf(d, s, e, LIMITS.MAX_VALUE_OCTETS) };
  }
  const n = e - s;
  switch (tagNo) {
    case 3:
      return { type, value: berBool(d, s, e) };
    case 4:
    case 14:
      return { type, value: bits(d, s, e) };
    case 5:
    case 6:
    case 13:
      return { type, value: n <= 6 ? intValue(d, s, e, tagNo !== 5) : `0x${hexOf(d, s, e, 8)}` };
    case 7:
      return { type, value: floatValue(d, s, n) };
    case 10:
    case 16:
      return { type, value: berText(d, s, e, LIMITS.MAX_VALUE_OCTETS) };
    case 15:
      return { type, value: oid(d, s, e) };
    case 17:
      return { type, value: n === 8 ? utcTimeIso(d, s) : hexOf(d, s, e, 8) };
    default:
      // octet-string, binary-time (TimeOfDay), real (X.690 REAL): octets as hex.
      return { type, value: hexOf(d, s, e, LIMITS.MAX_VALUE_OCTETS) };
  }
}

/** INTEGER content; `unsigned` and `bcd` are non-negative by definition (a leading 0x00 pads). */
function intValue(d: Uint8Array, s: number, e: number, unsigned: boolean): number {
  if (s >= e) return 0;
  let v = !unsigned && (d[s] as number) & 0x80 ? -1 : 0;
  for (let i = s; i < e; i++) v = v * 256 + (d[i] as number);
  return v;
}

/** The eight bits of each octet value as text, most significant first. */
const OCTET_BITS: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(2).padStart(8, '0'),
);

/** BIT STRING content: first octet = unused bits in the last octet, then the bits, MSB first. */
function bits(d: Uint8Array, s: number, e: number): string {
  if (e - s < 2) return '';
  const unused = (d[s] as number) & 0x07;
  const last = Math.min(e, s + 1 + LIMITS.MAX_VALUE_OCTETS) - 1;
  let out = '';
  for (let i = s + 1; i < last; i++) out += OCTET_BITS[d[i] as number] as string;
  const tail = OCTET_BITS[d[last] as number] as string;
  // The unused bits are only at the end of the whole string, not of a capped one.
  return out + (last === e - 1 ? tail.slice(0, 8 - unused) : tail);
}

const F32 = new Float32Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * FloatingPoint ([8-1] 8.1.3.4.4): one octet of exponent width (8 for IEEE 754 single, 11 for
 * double), then the IEEE 754 value big-endian. Other layouts are shown as hex.
 */
function floatValue(d: Uint8Array, s: number, n: number): number | string {
  const width = n > 0 ? (d[s] as number) : -1;
  let v: number;
  if (n === 5 && width === 8) {
    for (let i = 0; i < 4; i++) F32_BYTES[LITTLE_ENDIAN ? 3 - i : i] = d[s + 1 + i] as number;
    v = F32[0] as number;
  } else if (n === 9 && width === 11) {
    for (let i = 0; i < 8; i++) F64_BYTES[LITTLE_ENDIAN ? 7 - i : i] = d[s + 1 + i] as number;
    v = F64[0] as number;
  } else {
    return hexOf(d, s, s + n, LIMITS.MAX_VALUE_OCTETS);
  }
  // JSON has no NaN or Infinity.
  return Number.isFinite(v) ? v : String(v);
}

/** OBJECT IDENTIFIER content as dotted text (X.690 8.19), at most 16 arcs. */
function oid(d: Uint8Array, s: number, e: number): string {
  let out = '';
  let v = 0;
  let arcs = 0;
  for (let i = s; i < e && arcs < 16; i++) {
    const b = d[i] as number;
    v = v * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    if (arcs === 0) {
      const first = v < 80 ? Math.floor(v / 40) : 2;
      out = `${first}.${v - first * 40}`;
    } else out += `.${v}`;
    arcs++;
    v = 0;
  }
  return out;
}
