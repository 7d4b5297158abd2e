/**
 * IP address text for threat intelligence: indicator values (`'198.51.100.0/24'`,
 * `'2001:0db8::1/128'`) parsed once when a bundle is compiled, and event addresses parsed on
 * the hot path into a reused byte buffer (no allocation). STIX `ipv4-addr:value` and
 * `ipv6-addr:value` may hold a single address or a CIDR block (STIX 2.1 OS, 6.4 and 6.5).
 */
import { ipv4ToString, ipv6ToString } from '../../core/net-format.js';

/** An address or block: its family, the address bytes (4 or 16) and the prefix length. */
export interface IpBlock {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/**
 * Parses `a.b.c.d`, an IPv6 address (with `::`, or an IPv4 tail), optionally followed by
 * `/prefix`. Host bits under the prefix are cleared. Null when the text is neither.
 */
export function parseIpOrCidr(text: string): IpBlock | null {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = new Uint8Array(16);
  const family = ipToBytes(addr, bytes);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > max) return null;
  }
  const out = bytes.slice(0, family === 4 ? 4 : 16);
  for (let bit = prefix; bit < max; bit++) {
    out[bit >> 3] = (out[bit >> 3] as number) & ~(0x80 >> (bit & 7));
  }
  return { family, bytes: out, prefix };
}

/** The text events use for an address block's address (dotted quad, RFC 5952 IPv6). */
export function canonicalIp(b: IpBlock): string {
  if (b.family === 4) {
    const x = b.bytes;
    return ipv4ToString(
      (((x[0] as number) << 24) |
        ((x[1] as number) << 16) |
        ((x[2] as number) << 8) |
        (x[3] as number)) >>>
        0,
    );
  }
  return ipv6ToString(b.bytes, 0);
}

/**
 * Parses an address into `out` (at least 16 bytes) without allocating: returns 4 or 6 for the
 * family, 0 when `text` is not an address.
 */
export function ipToBytes(text: string, out: Uint8Array): 0 | 4 | 6 {
  if (text.indexOf(':') >= 0) return parseV6(text, out) ? 6 : 0;
  return parseV4(text, 0, text.length, out, 0) ? 4 : 0;
}

function parseV4(s: string, from: number, to: number, out: Uint8Array, at: number): boolean {
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? s.charCodeAt(i) : 0x2e;
    if (c >= 0x30 && c <= 0x39) {
      // No leading zeros: `010` is octal to some parsers and decimal to others.
      if (digits > 0 && value === 0) return false;
      value = value * 10 + (c - 0x30);
      if (++digits > 3 || value > 255) return false;
    } else if (c === 0x2e) {
      if (digits === 0 || part > 3) return false;
      out[at + part++] = value;
      value = 0;
      digits = 0;
    } else return false;
  }
  return part === 4;
}

function parseV6(s: string, out: Uint8Array): boolean {
  const n = s.length;
  if (n < 2 || n > 45) return false;
  let words = 0;
  let gap = -1;
  let i = 0;
  if (s.charCodeAt(0) === 0x3a) {
    if (s.charCodeAt(1) !== 0x3a) return false;
    gap = 0;
    i = 2;
    if (i === n) {
      out.fill(0, 0, 16);
      return true;
    }
  }
  while (i < n) {
    // An IPv4 tail (`::ffff:192.0.2.1`) takes the last two words.
    let j = i;
    let hasDot = false;
    while (j < n && s.charCodeAt(j) !== 0x3a) {
      if (s.charCodeAt(j) === 0x2e) hasDot = true;
      j++;
    }
    if (hasDot) {
      if (j !== n || words > 6 || !parseV4(s, i, n, out, words * 2)) return false;
      words += 2;
      i = n;
      break;
    }
    const len = j - i;
    if (len === 0 || len > 4 || words >= 8) return false;
    let w = 0;
    for (let k = i; k < j; k++) {
      const h = hexValue(s.charCodeAt(k));
      if (h < 0) return false;
      w = (w << 4) | h;
    }
    out[words * 2] = w >> 8;
    out[words * 2 + 1] = w & 0xff;
    words++;
    if (j === n) {
      i = n;
      break;
    }
    // j is at a colon: a second colon marks the gap.
    if (j + 1 < n && s.charCodeAt(j + 1) === 0x3a) {
      if (gap >= 0) return false;
      gap = words;
      i = j + 2;
    } else {
      if (j + 1 === n) return false;
      i = j + 1;
    }
  }
  if (gap < 0) return words === 8;
  if (words > 7) return false;
  const tail = words - gap;
  for (let k = tail - 1; k >= 0; k--) {
    out[16 - 2 * (tail - k)] = out[2 * (gap + k)] as number;
    out[16 - 2 * (tail - k) + 1] = out[2 * (gap + k) + 1] as number;
  }
  out.fill(0, gap * 2, 16 - tail * 2);
  return true;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** True when block `inner` lies within block `outer` (same family). */
export function blockWithin(inner: IpBlock, outer: IpBlock): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  return prefixEqual(inner.bytes, outer.bytes, outer.prefix);
}

/** True when the first `prefix` bits of `a` and `b` are equal. */
export function prefixEqual(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff00 >> rest) & 0xff;
  return (((a[full] as number) ^ (b[full] as number)) & mask) === 0;
}
