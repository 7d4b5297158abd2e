/**
 * TLS client and server fingerprints, computed once per hello message.
 *
 * References:
 * - [JA3] Salesforce, "JA3 - A method for profiling SSL/TLS Clients",
 *   https://github.com/salesforce/ja3 (README "How it works"): JA3 =
 *   `SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats`, decimal values
 *   joined by `-`, GREASE values left out, MD5 of the string; JA3S =
 *   `SSLVersion,Cipher,Extensions` of the ServerHello.
 * - [JA4] FoxIO, technical_details/JA4.md and JA4S.md, https://github.com/FoxIO-LLC/ja4:
 *   `t` + version + `d|i` + cipher count + extension count + ALPN first/last character, then the
 *   first 12 hex digits of SHA-256 over the sorted cipher list and over the sorted extension list
 *   (SNI and ALPN removed) `_` the signature algorithms in wire order.
 * - [RFC8701] GREASE values, ignored everywhere.
 */
import { createHash } from 'node:crypto';
import { isGrease } from './constants.js';

/** What the fingerprints need from a ClientHello, GREASE values already removed. */
export interface HelloLists {
  /** Legacy version field of the hello. */
  version: number;
  /** Highest value of supported_versions (0 when the extension is absent). */
  maxSupportedVersion: number;
  ciphers: number[];
  extensions: number[];
  groups: number[];
  pointFormats: number[];
  sigAlgs: number[];
  /** Raw bytes of the first ALPN protocol name, or null. */
  alpn: Uint8Array | null;
  /** The SNI extension is present. */
  sni: boolean;
}

/** MD5 as lower-case hex. */
export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** First 12 hex digits of SHA-256 ([JA4] "All sha256 functions must output in lower case"). */
export function sha256_12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The JA3 string of a ClientHello ([JA3]). */
export function ja3String(h: HelloLists): string {
  return (
    `${h.version},${h.ciphers.join('-')},${h.extensions.join('-')},` +
    `${h.groups.join('-')},${h.pointFormats.join('-')}`
  );
}

/** The JA3S string of a ServerHello ([JA3] JA3S: version, cipher, extensions). */
export function ja3sString(version: number, cipher: number, extensions: readonly number[]): string {
  return `${version},${cipher},${extensions.join('-')}`;
}

/** The two-character version of [JA4] "TLS and DTLS Version". */
export function ja4Version(v: number): string {
  switch (v) {
    case 0x0304:
      return '13';
    case 0x0303:
      return '12';
    case 0x0302:
      return '11';
    case 0x0301:
      return '10';
    case 0x0300:
      return 's3';
    case 0x0002:
      return 's2';
    case 0xfeff:
      return 'd1';
    case 0xfefd:
      return 'd2';
    case 0xfefc:
      return 'd3';
    default:
      return '00';
  }
}

function alnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

const HEX = '0123456789abcdef';

/**
 * First and last character of the first ALPN value ([JA4] "ALPN Extension Value"): `00` when
 * absent or empty; the first and last hex digit of the value when either end byte is not
 * alphanumeric.
 */
export function ja4Alpn(alpn: Uint8Array | null): string {
  if (alpn === null || alpn.length === 0) return '00';
  const first = alpn[0] as number;
  const last = alpn[alpn.length - 1] as number;
  if (alnum(first) && alnum(last)) return String.fromCharCode(first, last);
  return (HEX[first >> 4] as string) + (HEX[last & 0x0f] as string);
}

/** A 16-bit value as 4 lower-case hex digits. */
export function hex4(v: number): string {
  return (
    (HEX[(v >> 12) & 15] as string) +
    (HEX[(v >> 8) & 15] as string) +
    (HEX[(v >> 4) & 15] as string) +
    (HEX[v & 15] as string)
  );
}

function two(n: number): string {
  const c = n > 99 ? 99 : n;
  return c < 10 ? `0${c}` : String(c);
}

const NONE12 = '000000000000';

/** The JA4 fingerprint of a ClientHello over TCP, and its raw (sorted) form `ja4_r`. */
export function ja4(h: HelloLists): { ja4: string; ja4_r: string } {
  const version = ja4Version(h.maxSupportedVersion !== 0 ? h.maxSupportedVersion : h.version);
  const a =
    `t${version}${h.sni ? 'd' : 'i'}${two(h.ciphers.length)}${two(h.extensions.length)}` +
    ja4Alpn(h.alpn);
  const ciphers = h.ciphers.map(hex4).sort().join(',');
  const exts = h.extensions
    .filter((e) => e !== 0x0000 && e !== 0x0010)
    .map(hex4)
    .sort()
    .join(',');
  const sig = h.sigAlgs.map(hex4).join(',');
  const extText = sig === '' ? exts : `${exts}_${sig}`;
  const b = ciphers === '' ? NONE12 : sha256_12(ciphers);
  const c = exts === '' ? NONE12 : sha256_12(extText);
  return { ja4: `${a}_${b}_${c}`, ja4_r: `${a}_${ciphers}_${extText}` };
}

/** The JA4S fingerprint of a ServerHello over TCP ([JA4] JA4S.md). */
export function ja4s(
  version: number,
  cipher: number,
  extensions: readonly number[],
  alpn: Uint8Array | null,
): string {
  const exts = extensions.map(hex4).join(',');
  const c = exts === '' ? NONE12 : sha256_12(exts);
  return `t${ja4Version(version)}${two(extensions.length)}${ja4Alpn(alpn)}_${hex4(cipher)}_${c}`;
}

/** Drops GREASE values in place ([RFC8701]); returns the list. */
export function withoutGrease(list: number[]): number[] {
  let w = 0;
  for (let i = 0; i < list.length; i++) {
    const v = list[i] as number;
    if (!isGrease(v)) list[w++] = v;
  }
  list.length = w;
  return list;
}
