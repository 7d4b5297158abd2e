/**
 * The ASN.1 BER subset (ITU-T X.690) that Palisade's decoders read, in place over the packet:
 * one-octet identifiers, definite lengths in short or long form (at most four length octets),
 * INTEGER, BOOLEAN, character strings, OBJECT IDENTIFIER. Shared by every BER protocol decoder
 * (GOOSE, Sampled Values, Kerberos, LDAP, SNMP...).
 *
 * High tag numbers (>= 31) and the indefinite length form are reported, not decoded
 * (X.690 8.1.2.4, 8.1.3.6): the protocols that use this reader never send them, so meeting one is
 * a malformed PDU. No function here throws or allocates, except those that build a string for an
 * event.
 */

/** One decoded TLV header: the reader reuses a single record (no per-element allocation). */
export class Tlv {
  /** Identifier octet (class, constructed bit and tag number). */
  tag = 0;
  /** First content octet. */
  start = 0;
  /** One past the last content octet. */
  end = 0;
}

/** Why a TLV could not be read. */
export const BER_OK = 0;
export const BER_TRUNCATED = 1;
export const BER_HIGH_TAG = 2;
export const BER_INDEFINITE = 3;
export const BER_LENGTH_OVERFLOW = 4;
export const BER_LONG_LENGTH = 5;

/** Text for each BER error code (anomaly details). */
export const BER_ERRORS: readonly string[] = [
  'ok',
  'truncated TLV header',
  'multi-octet tag',
  'indefinite length',
  'length runs past its container',
  'more than four length octets',
];

/**
 * Reads the TLV header at `d[pos]`, which must lie inside `[pos, end)`, into `t`.
 *
 * @returns BER_OK, or the error code: t is then unspecified, except for BER_LENGTH_OVERFLOW
 *   where it holds the element cut at `end`.
 */
export function readTlv(d: Uint8Array, pos: number, end: number, t: Tlv): number {
  if (end - pos < 2) return BER_TRUNCATED;
  const tag = d[pos] as number;
  if ((tag & 0x1f) === 0x1f) return BER_HIGH_TAG;
  let len = d[pos + 1] as number;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) return BER_INDEFINITE;
    if (n > 4) return BER_LONG_LENGTH;
    if (end - p < n) return BER_TRUNCATED;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (d[p + i] as number);
    p += n;
  }
  t.tag = tag;
  t.start = p;
  // On overflow the record still holds the element, cut at its container's end, so a caller may
  // decode what is there (a frame cut by the snap length) after reporting it.
  if (len > end - p) {
    t.end = end;
    return BER_LENGTH_OVERFLOW;
  }
  t.end = p + len;
  return BER_OK;
}

/** Two's complement INTEGER content `d[start..end)` (exact up to 6 octets; 0 when empty). */
export function berInt(d: Uint8Array, start: number, end: number): number {
  if (end <= start) return 0;
  let v = (d[start] as number) & 0x80 ? -1 : 0;
  // A 7- or 8-octet value loses its low bits; callers report such values as hex text.
  for (let i = start; i < end && i < start + 8; i++) v = v * 256 + (d[i] as number);
  return v;
}

/** INTEGER content read as unsigned (stNum, sqNum: INTEGER (0..MAX) per 8-1 A.3). */
export function berUint(d: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end && i < start + 8; i++) v = v * 256 + (d[i] as number);
  return v;
}

/**
 * Decimal text of an unsigned INTEGER content `d[start..end)` of up to 9 octets (SNMP Counter64,
 * [RFC2578] 7.1.10, with its leading zero octet); exact beyond 2^53, where {@link berUint} is not.
 * '' when longer.
 */
export function berUintText(d: Uint8Array, start: number, end: number): string {
  if (end - start > 9) return '';
  if (end - start <= 6) return String(berUint(d, start, end));
  let v = 0n;
  for (let i = start; i < end; i++) v = (v << 8n) | BigInt(d[i] as number);
  return v.toString();
}

/** Unsigned big-endian value of the octets `d[start..end)` (OCTET STRING counters of SV). */
export const octetsUint = berUint;

/** BOOLEAN content: any non-zero octet is TRUE (X.690 8.2.2). */
export function berBool(d: Uint8Array, start: number, end: number): boolean {
  return end > start && d[start] !== 0;
}

/** VisibleString / octet text as latin1, at most `cap` characters; controls become '.'. */
export function berText(d: Uint8Array, start: number, end: number, cap: number): string {
  const stop = Math.min(end, start + cap);
  let printable = true;
  for (let i = start; i < stop; i++) {
    const c = d[i] as number;
    if (c < 0x20 || c === 0x7f) {
      printable = false;
      break;
    }
  }
  // The common case builds the string in one call, without a string per character.
  if (printable)
    return String.fromCharCode.apply(null, d.subarray(start, stop) as unknown as number[]);
  let s = '';
  for (let i = start; i < stop; i++) {
    const c = d[i] as number;
    s += c >= 0x20 && c !== 0x7f ? String.fromCharCode(c) : '.';
  }
  return s;
}

/** Two hex digits of each octet value. */
const OCTET_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
);

/** Lowercase hex of `d[start..end)`, at most `cap` octets. */
export function hexOf(d: Uint8Array, start: number, end: number, cap: number): string {
  const stop = Math.min(end, start + cap);
  let s = '';
  for (let i = start; i < stop; i++) s += OCTET_HEX[d[i] as number] as string;
  return s;
}

/** Longest OBJECT IDENTIFIER rendered, in contents octets. */
const MAX_OID_BYTES = 32;

/**
 * An OBJECT IDENTIFIER (X.690 8.19) in dotted form; '' when malformed or longer than `maxBytes`
 * contents octets (SNMP variable names with table indices run past the default 32).
 */
export function berOid(data: Uint8Array, s: number, e: number, maxBytes = MAX_OID_BYTES): string {
  if (e <= s || e - s > maxBytes) return '';
  let out = '';
  let v = 0;
  let first = true;
  for (let i = s; i < e; i++) {
    const b = data[i] as number;
    v = v * 128 + (b & 0x7f);
    if (b & 0x80) {
      if (v > 0xffffffff) return '';
      continue;
    }
    if (first) {
      const a = v < 40 ? 0 : v < 80 ? 1 : 2;
      out = `${a}.${v - a * 40}`;
      first = false;
    } else out += `.${v}`;
    v = 0;
  }
  return (data[e - 1] as number) & 0x80 ? '' : out;
}
