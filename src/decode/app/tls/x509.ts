/**
 * A small bounded DER reader for the X.509 certificates of a TLS (<= 1.2) Certificate message:
 * just what a monitor reports, never a validation.
 *
 * References:
 * - [X690] ITU-T X.690 8.1 (identifier, length: short form, long form up to 4 bytes here), 8.19
 *   (object identifiers).
 * - [RFC5280] 4.1 (Certificate, TBSCertificate: version, serialNumber, signature, issuer,
 *   validity, subject, subjectPublicKeyInfo, extensions), 4.1.2.5 (UTCTime years 50-99 are
 *   19xx), 4.2.1.6 (subjectAltName: dNSName [2], iPAddress [7]).
 * - [RFC3279], [RFC4055], [RFC5480], [RFC8410]: algorithm identifiers and curves.
 *
 * Everything is bounded: the reader never leaves the certificate's bytes, reads at most
 * {@link MAX_DEPTH} nested levels, and lists at most `maxSan` subject alternative names.
 */
import { createHash } from 'node:crypto';

/** What the decoder reports of one certificate. */
export interface CertInfo {
  subject_cn?: string;
  subject_o?: string;
  issuer_cn?: string;
  issuer_o?: string;
  serial?: string;
  not_before?: string;
  not_after?: string;
  /** not_after as seconds since the epoch, for the expiry check (not in the event). */
  notAfterSec?: number;
  notBeforeSec?: number;
  san_dns?: string[];
  san_ip?: string[];
  san_truncated?: boolean;
  key_algorithm?: string;
  key_bits?: number;
  signature_algorithm?: string;
  self_signed?: boolean;
  sha1: string;
  size: number;
  /** The DER did not parse to the end of the TBSCertificate fields listed above. */
  malformed?: boolean;
}

const MAX_DEPTH = 8;
/** Longest text value copied (a CN or SAN entry longer than a DNS name is cut). */
const MAX_TEXT = 256;

/** OID (dotted) to name: public key, signature algorithms and curves. */
const OID_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.1.1', 'rsa'],
  ['1.2.840.10045.2.1', 'ec'],
  ['1.2.840.10040.4.1', 'dsa'],
  ['1.2.840.10046.2.1', 'dh'],
  ['1.3.101.110', 'x25519'],
  ['1.3.101.111', 'x448'],
  ['1.3.101.112', 'ed25519'],
  ['1.3.101.113', 'ed448'],
  ['1.2.840.113549.1.1.10', 'rsassa_pss'],
  ['1.2.840.113549.1.1.2', 'md2_with_rsa'],
  ['1.2.840.113549.1.1.4', 'md5_with_rsa'],
  ['1.2.840.113549.1.1.5', 'sha1_with_rsa'],
  ['1.2.840.113549.1.1.11', 'sha256_with_rsa'],
  ['1.2.840.113549.1.1.12', 'sha384_with_rsa'],
  ['1.2.840.113549.1.1.13', 'sha512_with_rsa'],
  ['1.2.840.113549.1.1.14', 'sha224_with_rsa'],
  ['1.2.840.10045.4.1', 'ecdsa_with_sha1'],
  ['1.2.840.10045.4.3.1', 'ecdsa_with_sha224'],
  ['1.2.840.10045.4.3.2', 'ecdsa_with_sha256'],
  ['1.2.840.10045.4.3.3', 'ecdsa_with_sha384'],
  ['1.2.840.10045.4.3.4', 'ecdsa_with_sha512'],
  ['1.2.840.10040.4.3', 'dsa_with_sha1'],
  ['2.16.840.1.101.3.4.3.2', 'dsa_with_sha256'],
]);

/** Named curve OID to key size in bits ([RFC5480] 2.1.1.1). */
const CURVE_BITS: ReadonlyMap<string, number> = new Map([
  ['1.2.840.10045.3.1.7', 256],
  ['1.3.132.0.34', 384],
  ['1.3.132.0.35', 521],
  ['1.3.132.0.10', 256],
  ['1.2.840.10045.3.1.1', 192],
  ['1.3.132.0.33', 224],
  ['1.3.36.3.3.2.8.1.1.7', 256],
  ['1.3.36.3.3.2.8.1.1.11', 384],
  ['1.3.36.3.3.2.8.1.1.13', 512],
]);

// Result registers of the last `tlv` call (no object per element).
let tTag = 0;
let tStart = 0; // first content byte
let tEnd = 0; // one past the last content byte

/** Tag of the last TLV read (a call, so that checks after each `tlv` are not narrowed away). */
function tag(): number {
  return tTag;
}

/** Reads the TLV at `p` (bounded by `end`); false when it does not fit. */
function tlv(b: Uint8Array, p: number, end: number): boolean {
  if (p + 2 > end) return false;
  tTag = b[p] as number;
  // High-tag-number form (tag 31) does not occur in the fields read here.
  if ((tTag & 0x1f) === 0x1f) return false;
  let len = b[p + 1] as number;
  let q = p + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || q + n > end) return false;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[q + i] as number);
    q += n;
  }
  if (len > end - q) return false;
  tStart = q;
  tEnd = q + len;
  return true;
}

/** Dotted text of the OID contents in b[s, e) ([X690] 8.19). */
function oidText(b: Uint8Array, s: number, e: number): string {
  if (s >= e || e - s > 32) return '';
  let out = '';
  let v = 0;
  let first = true;
  for (let i = s; i < e; i++) {
    const x = b[i] as number;
    v = v * 128 + (x & 0x7f);
    if (x & 0x80) continue;
    if (first) {
      const a = v < 80 ? Math.floor(v / 40) : 2;
      out = `${a}.${v - a * 40}`;
      first = false;
    } else out += `.${v}`;
    v = 0;
  }
  return out;
}

function text(b: Uint8Array, s: number, e: number, tag: number): string {
  const end = Math.min(e, s + MAX_TEXT);
  // BMPString (0x1e) is UTF-16BE; everything else here is ASCII or UTF-8.
  if (tag === 0x1e) {
    let out = '';
    for (let i = s; i + 1 < end; i += 2)
      out += String.fromCharCode(((b[i] as number) << 8) | (b[i + 1] as number));
    return out;
  }
  return UTF8.decode(b.subarray(s, end));
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** CN and O of a Name (RDNSequence) in b[s, e). */
function nameParts(b: Uint8Array, s: number, e: number): { cn?: string; o?: string } {
  const out: { cn?: string; o?: string } = {};
  let p = s;
  while (p < e && tlv(b, p, e)) {
    const setEnd = tEnd;
    let q = tStart;
    p = setEnd;
    while (q < setEnd && tlv(b, q, setEnd)) {
      const atvEnd = tEnd;
      q = atvEnd;
      if (!tlv(b, tStart, atvEnd) || tag() !== 0x06) continue;
      const oidS = tStart;
      const oidE = tEnd;
      if (!tlv(b, oidE, atvEnd)) continue;
      // id-at-commonName 2.5.4.3 and id-at-organizationName 2.5.4.10 ([RFC5280] 4.1.2.4).
      if (oidE - oidS === 3 && b[oidS] === 0x55 && b[oidS + 1] === 0x04) {
        const at = b[oidS + 2];
        if (at === 0x03 && out.cn === undefined) out.cn = text(b, tStart, tEnd, tTag);
        else if (at === 0x0a && out.o === undefined) out.o = text(b, tStart, tEnd, tTag);
      }
    }
  }
  return out;
}

function digits(b: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = (b[p + i] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** UTCTime (0x17) or GeneralizedTime (0x18) as seconds since the epoch; NaN when malformed. */
function timeSec(b: Uint8Array, s: number, e: number, tag: number): number {
  let p = s;
  let year: number;
  if (tag === 0x17) {
    if (e - s < 11) return NaN;
    const yy = digits(b, p, 2);
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    p += 2;
  } else if (tag === 0x18) {
    if (e - s < 13) return NaN;
    year = digits(b, p, 4);
    p += 4;
  } else return NaN;
  const mo = digits(b, p, 2);
  const d = digits(b, p + 2, 2);
  const h = digits(b, p + 4, 2);
  const mi = digits(b, p + 6, 2);
  const sec = e - (p + 8) >= 3 ? digits(b, p + 8, 2) : 0;
  if (year < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || sec < 0) return NaN;
  return Date.UTC(year, mo - 1, d, h, mi, sec) / 1000;
}

function iso(sec: number): string {
  return new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
}

function hexOf(b: Uint8Array, s: number, e: number, cap: number): string {
  let out = '';
  const end = Math.min(e, s + cap);
  for (let i = s; i < end; i++) out += ((b[i] as number) | 0x100).toString(16).slice(1);
  return out;
}

function ipText(b: Uint8Array, s: number, e: number): string {
  if (e - s === 4) return `${b[s]}.${b[s + 1]}.${b[s + 2]}.${b[s + 3]}`;
  if (e - s === 16) {
    const parts: string[] = [];
    for (let i = s; i < e; i += 2)
      parts.push((((b[i] as number) << 8) | (b[i + 1] as number)).toString(16));
    return parts.join(':');
  }
  return hexOf(b, s, e, 32);
}

/** Key algorithm and size from a SubjectPublicKeyInfo in b[s, e). */
function publicKey(b: Uint8Array, s: number, e: number, c: CertInfo): void {
  if (!tlv(b, s, e) || tag() !== 0x30) return; // AlgorithmIdentifier
  const algEnd = tEnd;
  const keyStart = tEnd;
  if (!tlv(b, tStart, algEnd) || tag() !== 0x06) return;
  const oid = oidText(b, tStart, tEnd);
  const alg = OID_NAMES.get(oid) ?? oid;
  c.key_algorithm = alg;
  const paramAt = tEnd;
  if (alg === 'ec' && tlv(b, paramAt, algEnd) && tag() === 0x06) {
    const bits = CURVE_BITS.get(oidText(b, tStart, tEnd));
    if (bits !== undefined) c.key_bits = bits;
    return;
  }
  if (alg === 'ed25519' || alg === 'x25519') c.key_bits = 256;
  else if (alg === 'ed448') c.key_bits = 456;
  else if (alg === 'x448') c.key_bits = 448;
  if (alg !== 'rsa' && alg !== 'dsa' && alg !== 'dh') return;
  // subjectPublicKey BIT STRING: unused-bits byte, then RSAPublicKey SEQUENCE { modulus, e }
  // ([RFC3279] 2.3.1); for DSA/DH the prime p of the parameters gives the size.
  if (alg === 'rsa') {
    if (!tlv(b, keyStart, e) || tag() !== 0x03) return;
    if (!tlv(b, tStart + 1, tEnd) || tag() !== 0x30) return;
    if (!tlv(b, tStart, tEnd) || tag() !== 0x02) return;
    c.key_bits = intBits(b, tStart, tEnd);
    return;
  }
  if (tlv(b, paramAt, algEnd) && tag() === 0x30 && tlv(b, tStart, tEnd) && tag() === 0x02)
    c.key_bits = intBits(b, tStart, tEnd);
}

/** Bit length of a positive INTEGER's contents (leading zero bytes skipped). */
function intBits(b: Uint8Array, s: number, e: number): number {
  let p = s;
  while (p < e && b[p] === 0) p++;
  if (p >= e) return 0;
  return (e - p - 1) * 8 + (32 - Math.clz32(b[p] as number));
}

/** subjectAltName extension value (GeneralNames) in b[s, e). */
function sans(b: Uint8Array, s: number, e: number, c: CertInfo, max: number): void {
  if (!tlv(b, s, e) || tag() !== 0x30) return;
  let p = tStart;
  const end = tEnd;
  while (p < end && tlv(b, p, end)) {
    p = tEnd;
    if (tag() !== 0x82 && tag() !== 0x87) continue;
    const n = (c.san_dns?.length ?? 0) + (c.san_ip?.length ?? 0);
    if (n >= max) {
      c.san_truncated = true;
      return;
    }
    if (tag() === 0x82) (c.san_dns ??= []).push(text(b, tStart, tEnd, 0x16));
    else (c.san_ip ??= []).push(ipText(b, tStart, tEnd));
  }
}

/** Extensions [3] of the TBSCertificate in b[s, e): reads subjectAltName (2.5.29.17). */
function extensions(b: Uint8Array, s: number, e: number, c: CertInfo, maxSan: number): void {
  if (!tlv(b, s, e) || tag() !== 0x30) return;
  let p = tStart;
  const end = tEnd;
  for (let guard = 0; p < end && guard < 64 && tlv(b, p, end); guard++) {
    const extEnd = tEnd;
    p = extEnd;
    if (!tlv(b, tStart, extEnd) || tag() !== 0x06) continue;
    const isSan =
      tEnd - tStart === 3 && b[tStart] === 0x55 && b[tStart + 1] === 0x1d && b[tStart + 2] === 0x11;
    if (!isSan) continue;
    let q = tEnd;
    if (!tlv(b, q, extEnd)) continue;
    if (tag() === 0x01) {
      q = tEnd; // critical BOOLEAN
      if (!tlv(b, q, extEnd)) continue;
    }
    if (tag() === 0x04) sans(b, tStart, tEnd, c, maxSan);
  }
}

/**
 * Parses one DER certificate. Never throws; a certificate that does not parse still gets its
 * SHA-1 fingerprint and size, with `malformed` set.
 */
export function parseCertificate(der: Uint8Array, maxSan: number): CertInfo {
  const c: CertInfo = {
    sha1: createHash('sha1').update(der).digest('hex'),
    size: der.length,
  };
  const b = der;
  const n = der.length;
  // Certificate SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
  if (!tlv(b, 0, n) || tag() !== 0x30) return bad(c);
  const certEnd = tEnd;
  if (!tlv(b, tStart, certEnd) || tag() !== 0x30) return bad(c);
  const tbsEnd = tEnd;
  const sigAlgAt = tEnd;
  let p = tStart;
  if (!tlv(b, p, tbsEnd)) return bad(c);
  if (tag() === 0xa0) {
    p = tEnd; // [0] version
    if (!tlv(b, p, tbsEnd)) return bad(c);
  }
  if (tag() !== 0x02) return bad(c);
  c.serial = hexOf(b, tStart, tEnd, 40);
  p = tEnd;
  if (!tlv(b, p, tbsEnd) || tag() !== 0x30) return bad(c); // signature AlgorithmIdentifier
  p = tEnd;
  if (!tlv(b, p, tbsEnd) || tag() !== 0x30) return bad(c); // issuer
  const issS = tStart;
  const issE = tEnd;
  const issAll = p;
  p = tEnd;
  const issuer = nameParts(b, issS, issE);
  if (issuer.cn !== undefined) c.issuer_cn = issuer.cn;
  if (issuer.o !== undefined) c.issuer_o = issuer.o;
  if (!tlv(b, p, tbsEnd) || tag() !== 0x30) return bad(c); // validity
  const valEnd = tEnd;
  p = tEnd;
  if (tlv(b, tStart, valEnd)) {
    const nb = timeSec(b, tStart, tEnd, tTag);
    const naAt = tEnd;
    if (!Number.isNaN(nb)) {
      c.notBeforeSec = nb;
      c.not_before = iso(nb);
    }
    if (tlv(b, naAt, valEnd)) {
      const na = timeSec(b, tStart, tEnd, tTag);
      if (!Number.isNaN(na)) {
        c.notAfterSec = na;
        c.not_after = iso(na);
      }
    }
  }
  if (!tlv(b, p, tbsEnd) || tag() !== 0x30) return bad(c); // subject
  const subject = nameParts(b, tStart, tEnd);
  if (subject.cn !== undefined) c.subject_cn = subject.cn;
  if (subject.o !== undefined) c.subject_o = subject.o;
  c.self_signed = sameBytes(b, issAll, issE, p, tEnd);
  p = tEnd;
  if (!tlv(b, p, tbsEnd) || tag() !== 0x30) return bad(c); // subjectPublicKeyInfo
  publicKey(b, tStart, tEnd, c);
  p = tEnd;
  for (let depth = 0; p < tbsEnd && depth < MAX_DEPTH && tlv(b, p, tbsEnd); depth++) {
    p = tEnd;
    if (tag() === 0xa3) extensions(b, tStart, tEnd, c, maxSan);
  }
  if (tlv(b, sigAlgAt, certEnd) && tag() === 0x30 && tlv(b, tStart, tEnd) && tag() === 0x06) {
    const oid = oidText(b, tStart, tEnd);
    c.signature_algorithm = OID_NAMES.get(oid) ?? oid;
  }
  return c;
}

/** The encoded issuer b[s1, e1) equals the encoded subject starting at s2 (ending at e2). */
function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (b[s1 + i] !== b[s2 + i]) return false;
  return true;
}

function bad(c: CertInfo): CertInfo {
  c.malformed = true;
  return c;
}

/** The certificate in the event form (internal epoch fields dropped). */
export function certEventFields(c: CertInfo): Omit<CertInfo, 'notAfterSec' | 'notBeforeSec'> {
  const { notAfterSec: _a, notBeforeSec: _b, ...rest } = c;
  return rest;
}
