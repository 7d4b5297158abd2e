/**
 * A bounded, allocation-free BER reader (ITU-T X.690 8.1: identifier, length, contents) for the
 * presentation, ACSE and MMS layers. Every read is checked against the end of its enclosing
 * value; indefinite lengths (X.690 8.1.3.6), which MMS and ACSE encoders do not use, and tag
 * numbers or lengths over four octets are refused, so a hostile encoding costs at most one
 * failed read.
 *
 * `readTlv` leaves the parsed header in one module-level object, read with {@link T} (no object per TLV); callers
 * copy what they need into locals before the next read.
 */

/** Class bits of the identifier octet. */
export const CLS = { UNIVERSAL: 0x00, APPLICATION: 0x40, CONTEXT: 0x80, PRIVATE: 0xc0 } as const;

/** The header of a TLV. */
export interface TlvHeader {
  cls: number;
  cons: boolean;
  tag: number;
  vs: number;
  ve: number;
}

/** The header of the last TLV read by {@link readTlv}. */
const H: TlvHeader = {
  /** Class bits (0x00, 0x40, 0x80, 0xc0). */
  cls: 0,
  /** Constructed encoding. */
  cons: false,
  /** Tag number. */
  tag: 0,
  /** Start of the contents. */
  vs: 0,
  /** End of the contents (exclusive); also the end of the TLV. */
  ve: 0,
};

/**
 * The header of the last TLV read by {@link readTlv} (a call, so that TypeScript does not keep
 * narrowings of its fields across reads).
 */
export function T(): TlvHeader {
  return H;
}

/**
 * Reads the TLV at data[p] inside data[.., end). Returns false (T undefined) when the header is
 * malformed or the contents run past `end`.
 */
export function readTlv(data: Uint8Array, p: number, end: number): boolean {
  if (p + 2 > end) return false;
  const id = data[p] as number;
  let q = p + 1;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    let k = 0;
    for (;;) {
      if (q >= end || k === 4) return false;
      const b = data[q++] as number;
      tag = tag * 128 + (b & 0x7f);
      k++;
      if ((b & 0x80) === 0) break;
    }
  }
  if (q >= end) return false;
  let len = data[q++] as number;
  if (len & 0x80) {
    const k = len & 0x7f;
    if (k === 0 || k > 4 || q + k > end) return false;
    len = 0;
    for (let i = 0; i < k; i++) len = len * 256 + (data[q++] as number);
  }
  if (len > end - q) return false;
  H.cls = id & 0xc0;
  H.cons = (id & 0x20) !== 0;
  H.tag = tag;
  H.vs = q;
  H.ve = q + len;
  return true;
}

/** A two's complement INTEGER from data[s, e) (X.690 8.3); NaN when empty or over 6 octets. */
export function berInt(data: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 1 || n > 6) return NaN;
  let v = (data[s] as number) & 0x80 ? -1 : 0;
  for (let i = s; i < e; i++) v = v * 256 + (data[i] as number);
  return v;
}

/** An unsigned value from data[s, e) (leading zero octets allowed); NaN when over 6 octets. */
export function berUint(data: Uint8Array, s: number, e: number): number {
  while (s < e - 1 && data[s] === 0) s++;
  if (e - s > 6 || e <= s) return NaN;
  let v = 0;
  for (let i = s; i < e; i++) v = v * 256 + (data[i] as number);
  return v;
}

/** Text of a string type (VisibleString, GraphicString...) as Latin-1, at most `cap` bytes. */
export function berText(data: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap);
  let out = '';
  for (let i = s; i < stop; i++) out += String.fromCharCode(data[i] as number);
  return out;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/** Lower-case hex of data[s, e), at most `cap` bytes. */
export function hexOf(data: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap);
  let out = '';
  for (let i = s; i < stop; i++) out += HEX[data[i] as number];
  return out;
}

/** Longest OBJECT IDENTIFIER rendered, in contents octets. */
const MAX_OID_BYTES = 32;

/** An OBJECT IDENTIFIER (X.690 8.19) in dotted form; '' when malformed or too long. */
export function berOid(data: Uint8Array, s: number, e: number): string {
  if (e <= s || e - s > MAX_OID_BYTES) return '';
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
