/**
 * The small subset of ASN.1 BER (ITU-T X.690) that IEC 61850 GOOSE and Sampled Values use,
 * read in place over the frame: one-octet identifiers, definite lengths in short or long form
 * (at most four length octets), INTEGER, BOOLEAN, VisibleString and the 8-octet UtcTime of
 * IEC 61850-8-1 8.1.3.7 / IEC 61850-7-2 6.1.2.9. Shared by the `goose` and `sv` decoders.
 *
 * GOOSE and SV never use high tag numbers (>= 31) or the indefinite length form; both are
 * reported as malformed rather than decoded (X.690 8.1.2.4, 8.1.3.6). No function here throws or
 * allocates, except the ones that build a string for an event.
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

/** TimeQuality octet of UtcTime (IEC 61850-7-2 6.1.2.9.3 / 8-1 8.1.3.7). */
export const TIME_QUALITY = {
  LEAP_SECONDS_KNOWN: 0x80,
  CLOCK_FAILURE: 0x40,
  CLOCK_NOT_SYNCHRONIZED: 0x20,
  ACCURACY_MASK: 0x1f,
} as const;

/**
 * The 8-octet UtcTime at `d[p..p+8)` as ISO 8601 with nanoseconds: SecondSinceEpoch (4 octets),
 * FractionOfSecond (3 octets, in units of 2^-24 s), TimeQuality (1 octet, not included).
 * Nanoseconds are truncated as Wireshark does (fraction * 10^9 / 2^24, rounded down), so the
 * text compares digit for digit. 10^9 / 2^24 = 1953125 / 2^15 exactly, which keeps the product
 * below 2^53.
 */
export function utcTimeIso(d: Uint8Array, p: number): string {
  const secs =
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number));
  const frac = ((d[p + 4] as number) << 16) | ((d[p + 5] as number) << 8) | (d[p + 6] as number);
  const ns = Math.floor((frac * 1953125) / 32768);
  const base = new Date(secs * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${base.slice(0, 19)}.${String(ns).padStart(9, '0')}Z`;
}
