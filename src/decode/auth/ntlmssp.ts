/**
 * NTLMSSP message reader, shared by the protocols that carry NTLM authentication (SMB, HTTP
 * `Authorization: NTLM`/`Negotiate`, LDAP SASL/sicily binds, DCE/RPC auth verifiers).
 *
 * References:
 * - [MS-NLMP] NT LAN Manager (NTLM) Authentication Protocol: 2.2.1.1 NEGOTIATE_MESSAGE,
 *   2.2.1.2 CHALLENGE_MESSAGE, 2.2.1.3 AUTHENTICATE_MESSAGE, 2.2.2.5 NEGOTIATE flags,
 *   2.2.2.10 VERSION, 3.3.1/3.3.2 (NTLM v1 and v2 responses: the NT response is 24 bytes in
 *   v1 and an NTLMv2_RESPONSE, longer than 24, in v2), 3.2.5.1.2 (anonymous authentication:
 *   empty user name and NT response, LM response empty or one zero byte).
 *
 * Every message starts with the 8-byte signature `NTLMSSP\0` and a 32-bit little-endian
 * message type. Variable fields are described by 8-byte "fields" records (length u16, maximum
 * length u16, offset u32 from the start of the message) and live in the payload after the
 * fixed part:
 *
 * ```
 *  NEGOTIATE (1)    | sig | type | flags@12 | domain@16 | workstation@24 | version@32 |
 *  CHALLENGE (2)    | sig | type | target_name@12 | flags@20 | challenge@24 | reserved@32 |
 *                   | target_info@40 | version@48 |
 *  AUTHENTICATE (3) | sig | type | lm@12 | nt@20 | domain@28 | user@36 | workstation@44 |
 *                   | session_key@52 | flags@60 | version@64 | mic@72 |
 * ```
 *
 * Strings are UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE is set and OEM (read as Latin-1)
 * otherwise; a NEGOTIATE message's domain and workstation are always OEM. Only names and the
 * kind of response are reported: challenges, responses, session keys and MICs never leave this
 * module (they are password-equivalent material for cracking or relaying).
 */

/** The 8-byte signature `NTLMSSP\0` ([MS-NLMP] 2.2.1). */
const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00] as const;

/** Message types ([MS-NLMP] 2.2.1). */
export const NtlmMessageType = { NEGOTIATE: 1, CHALLENGE: 2, AUTHENTICATE: 3 } as const;

/** Negotiate flags the reader looks at ([MS-NLMP] 2.2.2.5). */
export const NtlmFlag = {
  /** A: strings are UTF-16LE. */
  UNICODE: 0x0000_0001,
  /** K: the NEGOTIATE message carries a domain name. */
  OEM_DOMAIN_SUPPLIED: 0x0000_1000,
  /** L: the NEGOTIATE message carries a workstation name. */
  OEM_WORKSTATION_SUPPLIED: 0x0000_2000,
  /** Anonymous (J in older revisions): the client authenticates anonymously. */
  ANONYMOUS: 0x0000_0800,
  /** T: a VERSION structure follows the fixed fields. */
  VERSION: 0x0200_0000,
} as const;

/** Longest name reported, in characters (NetBIOS and DNS names are far shorter). */
const MAX_NAME_CHARS = 256;

/** The `ntlmssp` layer of an event: names and negotiation facts, never secrets. */
export interface NtlmsspLayer {
  /** Message type ([MS-NLMP] 2.2.1). */
  message_type: 'negotiate' | 'challenge' | 'authenticate';
  /** NegotiateFlags as a number ([MS-NLMP] 2.2.2.5). */
  flags: number;
  /** Domain name (NEGOTIATE when supplied, AUTHENTICATE). */
  domain?: string;
  /** User name (AUTHENTICATE; empty for anonymous). */
  user?: string;
  /** Client workstation name (NEGOTIATE when supplied, AUTHENTICATE). */
  workstation?: string;
  /** Server's target name, its domain or host name (CHALLENGE). */
  target_name?: string;
  /** Sender's OS version `major.minor.build` when the VERSION structure is present ([MS-NLMP] 2.2.2.10). */
  version?: string;
  /**
   * Response kind of an AUTHENTICATE: `v1` (24-byte NT response, NTLMv1 or NTLM2 session
   * response, crackable offline), `v2` (NTLMv2 response) or `anonymous` (empty user and NT
   * response).
   */
  ntlm_version?: 'v1' | 'v2' | 'anonymous';
}

/**
 * Finds the NTLMSSP signature in `d[start, end)`.
 *
 * @returns the offset of `N` of `NTLMSSP\0`, or -1.
 */
export function ntlmsspAt(d: Uint8Array, start: number, end: number): number {
  const stop = Math.min(end, d.length) - SIGNATURE.length;
  for (let i = Math.max(0, start); i <= stop; i++) {
    if (d[i] !== 0x4e) continue;
    let k = 1;
    while (k < SIGNATURE.length && d[i + k] === SIGNATURE[k]) k++;
    if (k === SIGNATURE.length) return i;
  }
  return -1;
}

function u16(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

function u32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16)) +
    (d[p + 3] as number) * 0x100_0000
  );
}

/**
 * Reads a string described by the fields record at `rec` of a message starting at `base`.
 * Returns undefined when the record points outside the message.
 */
function fieldString(
  d: Uint8Array,
  base: number,
  end: number,
  rec: number,
  unicode: boolean,
): string | undefined {
  const len = u16(d, rec);
  if (len === 0) return '';
  const off = base + u32(d, rec + 4);
  if (off < base || off + len > end) return undefined;
  let s = '';
  if (unicode) {
    const n = Math.min(len >>> 1, MAX_NAME_CHARS);
    for (let i = 0; i < n; i++) s += String.fromCharCode(u16(d, off + 2 * i));
  } else {
    const n = Math.min(len, MAX_NAME_CHARS);
    for (let i = 0; i < n; i++) s += String.fromCharCode(d[off + i] as number);
  }
  return s;
}

/** Length of the variable field whose record is at `rec`. */
function fieldLength(d: Uint8Array, rec: number): number {
  return u16(d, rec);
}

/** The VERSION structure at `p` as `major.minor.build`. */
function versionAt(d: Uint8Array, p: number): string {
  return `${d[p] as number}.${d[p + 1] as number}.${u16(d, p + 2)}`;
}

/**
 * Decodes the NTLMSSP message that starts at `start` (the signature) and ends at or before
 * `end`.
 *
 * @returns the layer, or null when the bytes are not a well-formed NTLMSSP message (no
 * signature, an unknown type, or fixed fields cut short). A name whose fields record points
 * outside the message is left out.
 */
export function parseNtlmssp(d: Uint8Array, start: number, end: number): NtlmsspLayer | null {
  const stop = Math.min(end, d.length);
  if (start < 0 || stop - start < 12) return null;
  for (let k = 0; k < SIGNATURE.length; k++) if (d[start + k] !== SIGNATURE[k]) return null;
  const type = u32(d, start + 8);
  if (type === NtlmMessageType.NEGOTIATE) {
    if (stop - start < 16) return null;
    const flags = u32(d, start + 12);
    const layer: NtlmsspLayer = { message_type: 'negotiate', flags };
    // Windows XP-era clients send a 16-byte NEGOTIATE without the name records.
    if (stop - start >= 32) {
      if (flags & NtlmFlag.OEM_DOMAIN_SUPPLIED) {
        const v = fieldString(d, start, stop, start + 16, false);
        if (v !== undefined) layer.domain = v;
      }
      if (flags & NtlmFlag.OEM_WORKSTATION_SUPPLIED) {
        const v = fieldString(d, start, stop, start + 24, false);
        if (v !== undefined) layer.workstation = v;
      }
      if (flags & NtlmFlag.VERSION && stop - start >= 40) layer.version = versionAt(d, start + 32);
    }
    return layer;
  }
  if (type === NtlmMessageType.CHALLENGE) {
    if (stop - start < 32) return null;
    const flags = u32(d, start + 20);
    const layer: NtlmsspLayer = { message_type: 'challenge', flags };
    const t = fieldString(d, start, stop, start + 12, (flags & NtlmFlag.UNICODE) !== 0);
    if (t !== undefined) layer.target_name = t;
    if (flags & NtlmFlag.VERSION && stop - start >= 56) layer.version = versionAt(d, start + 48);
    return layer;
  }
  if (type === NtlmMessageType.AUTHENTICATE) {
    if (stop - start < 52) return null;
    // Flags follow the session key record; an NT4-era message without them (52 bytes of fixed
    // fields) is read as Unicode, as its servers negotiated.
    const hasFlags = stop - start >= 64;
    const flags = hasFlags ? u32(d, start + 60) : NtlmFlag.UNICODE;
    const unicode = (flags & NtlmFlag.UNICODE) !== 0;
    const layer: NtlmsspLayer = { message_type: 'authenticate', flags };
    const dom = fieldString(d, start, stop, start + 28, unicode);
    if (dom !== undefined) layer.domain = dom;
    const user = fieldString(d, start, stop, start + 36, unicode);
    if (user !== undefined) layer.user = user;
    const ws = fieldString(d, start, stop, start + 44, unicode);
    if (ws !== undefined) layer.workstation = ws;
    if (hasFlags && flags & NtlmFlag.VERSION && stop - start >= 72)
      layer.version = versionAt(d, start + 64);
    const lmLen = fieldLength(d, start + 12);
    const ntLen = fieldLength(d, start + 20);
    const lmOff = start + u32(d, start + 16);
    if (
      ntLen === 0 &&
      (user === '' || user === undefined) &&
      (lmLen === 0 || (lmLen === 1 && d[lmOff] === 0))
    ) {
      layer.ntlm_version = 'anonymous';
    } else if (ntLen > 24) {
      layer.ntlm_version = 'v2';
    } else if (ntLen === 24 || (ntLen === 0 && lmLen === 24)) {
      layer.ntlm_version = 'v1';
    }
    return layer;
  }
  return null;
}
