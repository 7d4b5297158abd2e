/**
 * HTTP/1.x start-line syntax shared by the probe and the parser: method tokens, the `HTTP/1.`
 * prefix, Latin-1 text; and the probe itself.
 *
 * References: [RFC9112] 3 (request-line), 4 (status-line); method list in constants.ts.
 */
import { Direction } from '../../decoder.js';
import type { ProbeResult } from '../../decoder.js';
import { Ch, HTTP, METHODS } from './constants.js';

export const METHOD_BYTES: readonly Uint8Array[] = METHODS.map((m) => latin1Bytes(m));
export const HTTP_SLASH_1 = latin1Bytes('HTTP/1.');

export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** A method token character: upper-case letter, `-` or `_`. */
export function methodChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x5f;
}

/** Index of the known method `d[s, e)` in METHODS, or -1. */
export function methodIndex(d: Uint8Array, s: number, e: number): number {
  const len = e - s;
  for (let i = 0; i < METHOD_BYTES.length; i++) {
    const m = METHOD_BYTES[i] as Uint8Array;
    if (m.length !== len) continue;
    let k = 0;
    while (k < len && d[s + k] === m[k]) k++;
    if (k === len) return i;
  }
  return -1;
}

/** Compares `d[s, s + pat.length)` with `pat`, as far as `d` goes: 1 equal, 0 prefix, -1 no. */
export function startsWith(d: Uint8Array, s: number, pat: Uint8Array): number {
  const k = Math.min(pat.length, d.length - s);
  for (let i = 0; i < k; i++) if (d[s + i] !== pat[i]) return -1;
  return k === pat.length ? 1 : 0;
}

export const isDigit = (c: number | undefined): boolean =>
  c !== undefined && c >= 0x30 && c <= 0x39;

/** Target bytes the probe reads before it takes a known method and a target for HTTP. */
const PROBE_TARGET_BYTES = 256;

/**
 * Says whether the first bytes of a direction are an HTTP/1.x request line (to the server:
 * `METHOD SP target SP HTTP/1.x` with a known method) or status line (to the client: `HTTP/1.x
 * SP 3DIGIT`). A known method and a target longer than 256 bytes is taken as well (long URIs
 * span segments).
 */
export function probeHttp(data: Uint8Array, dir: Direction): ProbeResult {
  return dir === Direction.TO_SERVER ? probeRequest(data) : probeStatus(data);
}

function probeRequest(d: Uint8Array): ProbeResult {
  const n = d.length;
  let i = 0;
  while (i < n && i < HTTP.MAX_METHOD && methodChar(d[i] as number)) i++;
  if (i === n) return n < HTTP.MAX_METHOD ? 'need_more' : 'no_match';
  if (i === 0 || d[i] !== Ch.SP || methodIndex(d, 0, i) < 0) return 'no_match';
  const t = ++i;
  while (i < n && i - t < HTTP.MAX_LINE) {
    const c = d[i] as number;
    if (c === Ch.SP) break;
    if (c <= 0x20 || c === 0x7f) return 'no_match';
    i++;
  }
  if (i === t && i < n) return 'no_match';
  if (i === n || i - t >= HTTP.MAX_LINE) {
    return i - t >= PROBE_TARGET_BYTES ? 'match' : 'need_more';
  }
  const v = startsWith(d, i + 1, HTTP_SLASH_1);
  if (v < 0) return 'no_match';
  if (v === 0 || i + 9 >= n) return 'need_more';
  if (!isDigit(d[i + 8])) return 'no_match';
  // Trailing whitespace after the version is seen in the field (SSDP NOTIFY of some routers).
  const c = d[i + 9];
  return c === Ch.CR || c === Ch.LF || c === Ch.SP ? 'match' : 'no_match';
}

function probeStatus(d: Uint8Array): ProbeResult {
  const v = startsWith(d, 0, HTTP_SLASH_1);
  if (v < 0) return 'no_match';
  if (v === 0) return 'need_more';
  const n = d.length;
  // HTTP/1.x SP 3DIGIT: the minor digit at 7, SP at 8, the code at 9-11.
  for (let i = 7; i < 12; i++) {
    if (i >= n) return 'need_more';
    const c = d[i] as number;
    if (i === 8 ? c !== Ch.SP : !isDigit(c)) return 'no_match';
  }
  if (n === 12) return 'need_more';
  const c = d[12];
  return c === Ch.SP || c === Ch.CR || c === Ch.LF ? 'match' : 'no_match';
}

const LATIN1 = new TextDecoder('latin1');

/** Latin-1 text of `d[s, e)`, at most `cap` bytes. */
export function text(d: Uint8Array, s: number, e: number, cap: number): string {
  return LATIN1.decode(d.subarray(s, Math.min(e, s + cap)));
}

/** `1.0`, `1.1` ... from the minor version digit. */
export function versionString(minor: number): string {
  return minor === 0x31 ? '1.1' : minor === 0x30 ? '1.0' : `1.${String.fromCharCode(minor)}`;
}
