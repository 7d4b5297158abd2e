/**
 * SSH code tables.
 *
 * References:
 * - [RFC4253] SSH Transport Layer: 4.2 (protocol version exchange: `SSH-protoversion-
 *   softwareversion SP comments CR LF`, at most 255 bytes, other lines may precede the server's),
 *   6 (binary packet: packet_length, padding_length, payload, padding >= 4, total a multiple of 8
 *   or the cipher block size, at least 16 bytes), 7.1 (SSH_MSG_KEXINIT), 12 (message numbers).
 * - [RFC4250] 4.1 (message numbers); [RFC4419] (DH group exchange 30-34); [RFC5656] 7.1
 *   (ECDH 30, 31); [RFC8308] (ext-info); [RFC9142] and [RFC8758], [RFC8332] (weak algorithms:
 *   diffie-hellman-group1-sha1, ssh-dss, arcfour, CBC modes, hmac-md5).
 * - [HASSH] Salesforce, https://github.com/salesforce/hassh (README "How does HASSH work").
 */

/** Framing constants. */
export const SSH = {
  PORT: 22,
  /** Longest identification line, CR LF included ([RFC4253] 4.2). */
  MAX_BANNER: 255,
  /** Lines a server may send before its identification, and their total bytes (bounded here). */
  MAX_PRE_BANNER_LINES: 16,
  /** Largest packet_length before NEWKEYS (implementations accept 35000, [RFC4253] 6.1). */
  MAX_PACKET: 35_000,
  /** Names listed per name-list. */
  MAX_NAMES: 64,
} as const;

/** Ports tried first: 22 and the common alternate 2222. */
export const SSH_PORTS: readonly number[] = [22, 2222];

/** Message numbers ([RFC4250] 4.1, [RFC4419], [RFC5656]). */
export const Msg = {
  DISCONNECT: 1,
  KEXINIT: 20,
  NEWKEYS: 21,
} as const;

/** Message number to name (30-34 depend on the key exchange method; generic names here). */
export const MESSAGE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'disconnect'],
  [2, 'ignore'],
  [3, 'unimplemented'],
  [4, 'debug'],
  [5, 'service_request'],
  [6, 'service_accept'],
  [7, 'ext_info'],
  [8, 'newcompress'],
  [20, 'kexinit'],
  [21, 'newkeys'],
  [30, 'kex_dh_init'],
  [31, 'kex_dh_reply'],
  [32, 'kex_dh_gex_init'],
  [33, 'kex_dh_gex_reply'],
  [34, 'kex_dh_gex_request'],
  [50, 'userauth_request'],
  [51, 'userauth_failure'],
  [52, 'userauth_success'],
  [53, 'userauth_banner'],
  [60, 'userauth_pk_ok'],
  [80, 'global_request'],
  [81, 'request_success'],
  [82, 'request_failure'],
  [90, 'channel_open'],
  [91, 'channel_open_confirmation'],
  [92, 'channel_open_failure'],
  [93, 'channel_window_adjust'],
  [94, 'channel_data'],
  [95, 'channel_extended_data'],
  [96, 'channel_eof'],
  [97, 'channel_close'],
  [98, 'channel_request'],
  [99, 'channel_success'],
  [100, 'channel_failure'],
]);

/** KEX methods whose messages 30/31 are ECDH ([RFC5656] 7.1) or group exchange 30-34 ([RFC4419]). */
export function kexMessageName(code: number, kex: string): string {
  if (kex.startsWith('diffie-hellman-group-exchange')) {
    if (code === 30) return 'kex_dh_gex_request_old';
    if (code === 31) return 'kex_dh_gex_group';
  } else if (kex.startsWith('ecdh-') || kex.startsWith('curve') || kex.includes('sntrup')) {
    if (code === 30) return 'kex_ecdh_init';
    if (code === 31) return 'kex_ecdh_reply';
  }
  return MESSAGE_NAMES.get(code) ?? `unknown_${code}`;
}

/**
 * Algorithms considered weak: SHA-1 1024-bit DH group 1 ([RFC9142] 4), DSA host keys ([RFC8332]
 * deprecation in OpenSSH 7.0), RC4 ([RFC8758]), CBC modes (CVE-2008-5161 plaintext recovery),
 * MD5 and 96-bit truncated MACs, and no encryption or MAC at all.
 */
export function weakAlgorithm(name: string): boolean {
  return (
    name === 'diffie-hellman-group1-sha1' ||
    name === 'ssh-dss' ||
    name.startsWith('arcfour') ||
    name.endsWith('-cbc') ||
    name.includes('-cbc@') ||
    name.startsWith('hmac-md5') ||
    name === 'none' ||
    name === 'des' ||
    name === '3des' ||
    name === 'blowfish'
  );
}

/** Index of each name-list of SSH_MSG_KEXINIT ([RFC4253] 7.1). */
export const KexList = {
  KEX: 0,
  HOST_KEY: 1,
  ENC_C2S: 2,
  ENC_S2C: 3,
  MAC_C2S: 4,
  MAC_S2C: 5,
  COMP_C2S: 6,
  COMP_S2C: 7,
  LANG_C2S: 8,
  LANG_S2C: 9,
} as const;
