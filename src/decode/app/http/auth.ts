/**
 * HTTP authentication headers: the scheme of Authorization / Proxy-Authorization and
 * WWW-Authenticate / Proxy-Authenticate, the Basic user-id (never the password), and the NTLMSSP
 * message inside NTLM and Negotiate tokens.
 *
 * References: [RFC9110] 11.6, 11.7 (credentials, challenges); [RFC7617] 2 (Basic: base64 of
 * `user-id ":" password`); [RFC4559] 4 and [MS-NTHT] 2.2 (Negotiate / NTLM tokens: base64 of a
 * SPNEGO or NTLMSSP message, SPNEGO read by `auth/spnego.ts`, [RFC4178]); [RFC4648] 4
 * (base64).
 */
import { ntlmsspAt, parseNtlmssp } from '../../auth/ntlmssp.js';
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import { parseSpnego } from '../../auth/spnego.js';
import type { DecodeSink } from '../../decoder.js';
import { Ch, HTTP } from './constants.js';
import type { HttpFields } from './events.js';
import { text } from './syntax.js';

/** Bounds of the scheme token of an auth header value and the start of its credentials. */
function scheme(d: Uint8Array, vs: number, ve: number): [number, number] {
  let i = vs;
  while (i < ve && d[i] !== Ch.SP && d[i] !== Ch.HT) i++;
  let c = i;
  while (c < ve && (d[c] === Ch.SP || d[c] === Ch.HT)) c++;
  return [i, c];
}

/**
 * Authorization / Proxy-Authorization of a request: sets `auth_scheme`, and for Basic
 * `auth_user` and `password_present` (raising the cleartext-credential anomaly); returns the
 * NTLMSSP layer of an NTLM or Negotiate token, or null.
 */
export function authorization(
  msg: HttpFields,
  d: Uint8Array,
  vs: number,
  ve: number,
  cap: number,
  sink: DecodeSink,
): NtlmsspLayer | null {
  const [se, cs] = scheme(d, vs, ve);
  const name = text(d, vs, se, 32).toLowerCase();
  msg.auth_scheme = name;
  if (name === 'basic') {
    // base64(user-id ":" password) ([RFC7617] 2): the user is reported, the password never.
    const len = base64(d, cs, ve);
    if (len < 0) {
      sink.anomaly('http.cleartext_credentials', 'basic credentials that are not base64');
      return null;
    }
    const colon = B64.subarray(0, len).indexOf(Ch.COLON);
    const userEnd = colon < 0 ? len : colon;
    msg.auth_user = text(B64, 0, userEnd, cap);
    msg.password_present = colon >= 0 && colon + 1 < len;
    sink.anomaly('http.cleartext_credentials', `basic authentication of user ${msg.auth_user}`);
    return null;
  }
  return name === 'ntlm' || name === 'negotiate' ? ntlm(msg, d, cs, ve) : null;
}

/**
 * WWW-Authenticate / Proxy-Authenticate of a response: sets `auth_scheme` to the first
 * challenge's scheme; returns the NTLMSSP layer of an NTLM challenge token, or null.
 */
export function challenge(
  msg: HttpFields,
  d: Uint8Array,
  vs: number,
  ve: number,
): NtlmsspLayer | null {
  const [se, cs] = scheme(d, vs, ve);
  let e = se;
  // A list of challenges may follow the first one ([RFC9110] 11.6.1): the scheme ends at ','.
  for (let i = vs; i < se; i++) {
    if (d[i] === 0x2c) {
      e = i;
      break;
    }
  }
  const name = text(d, vs, e, 32).toLowerCase();
  msg.auth_scheme = name;
  return (name === 'ntlm' || name === 'negotiate') && e === se ? ntlm(msg, d, cs, ve) : null;
}

/**
 * An NTLM or Negotiate token ([RFC4559] 4, [MS-NTHT] 2.2): sets `auth_mech` for a SPNEGO token
 * (the client's first offered mechanism, or the one the server selected) and returns the
 * NTLMSSP message inside, if any.
 */
function ntlm(msg: HttpFields, d: Uint8Array, cs: number, ve: number): NtlmsspLayer | null {
  const len = base64(d, cs, ve);
  if (len <= 0) return null;
  if (B64[0] === SPNEGO_INIT || B64[0] === SPNEGO_RESP) {
    const sp = parseSpnego(B64, 0, len);
    const mech = sp?.mech_types?.[0] ?? sp?.supported_mech;
    if (mech !== undefined) msg.auth_mech = mech;
  }
  // A Negotiate token is SPNEGO around the NTLMSSP message (or Kerberos: no signature).
  const at = ntlmsspAt(B64, 0, len);
  return at < 0 ? null : parseNtlmssp(B64, at, len);
}

/** First octet of a SPNEGO NegTokenInit (GSS `[APPLICATION 0]`) and NegTokenResp (`[1]`). */
const SPNEGO_INIT = 0x60;
const SPNEGO_RESP = 0xa1;

/** Scratch for decoded base64 (a header line is at most 8 KiB). */
const B64 = new Uint8Array((HTTP.MAX_LINE * 3) / 4 + 4);
const B64_VALUE = (() => {
  const t = new Int8Array(256).fill(-1);
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
  return t;
})();

/** Decodes the base64 text `d[s, e)` into {@link B64}; its byte count, or -1 when not base64. */
function base64(d: Uint8Array, s: number, e: number): number {
  let acc = 0;
  let bits = 0;
  let out = 0;
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    if (c === 0x3d) break;
    const v = B64_VALUE[c] as number;
    if (v < 0) return -1;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (out < B64.length) B64[out++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
