/**
 * Text helpers of the LDAP decoder: LDAPString ([RFC4511] 4.1.2, UTF-8) shown as Wireshark
 * shows it (ASCII as is, UTF-8 decoded), with control characters as '.', and the BER element
 * check the parsers share.
 */
import { BER_OK, berText, readTlv } from '../../ber.js';
import type { Tlv } from '../../ber.js';

/** Reads the element at `p` into `t`; true when it is well formed with identifier `tag`. */
export function readAs(d: Uint8Array, p: number, e: number, t: Tlv, tag: number): boolean {
  return readTlv(d, p, e, t) === BER_OK && t.tag === tag;
}

/** Text of `d[s, e)`: ASCII as is, UTF-8 decoded, control characters as '.', at most `cap`. */
export function text(d: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap);
  // One pass decides: printable ASCII (the common case, one string built in one call), UTF-8,
  // or ASCII with control characters.
  let plain = true;
  for (let i = s; i < stop; i++) {
    const c = d[i] as number;
    if (c >= 0x80) return utf8Text(d, s, stop);
    if (c < 0x20 || c === 0x7f) plain = false;
  }
  if (!plain) return berText(d, s, stop, cap);
  if (stop <= s) return '';
  return String.fromCharCode.apply(null, d.subarray(s, stop) as unknown as number[]);
}

export const UTF8 = new TextDecoder('utf-8');

function utf8Text(d: Uint8Array, s: number, e: number): string {
  return UTF8.decode(d.subarray(s, e)).replace(/[\u0000-\u001f\u007f]/g, '.');
}

/** True when `d[s, e)` is well-formed UTF-8 (so that a value is shown as text, not escapes). */
export function validUtf8(d: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    if (c < 0x80) continue;
    const len = c >= 0xf8 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len === 0 || i + len > e) return false;
    for (let k = 1; k < len; k++) if (((d[i + k] as number) & 0xc0) !== 0x80) return false;
    i += len - 1;
  }
  return true;
}
