/**
 * TLS framing constants and the small code tables of the record and handshake layers; the large
 * IANA registries (cipher suites, extensions, groups, signature schemes, alerts) are in
 * `tables.ts`.
 *
 * References:
 * - [RFC8446] TLS 1.3: 4 (handshake types), 4.1.3 (HelloRetryRequest random), 4.2 (extensions),
 *   5.1 (record layer, TLSPlaintext), 5.2 (TLSCiphertext length limit 2^14 + 256).
 * - [RFC5246] TLS 1.2: 6.2.1 (record: content type, version, length <= 2^14), 6.2.3 (ciphertext
 *   <= 2^14 + 2048), 7.1 (ChangeCipherSpec), 7.2 (alerts), 7.4 (handshake).
 * - [RFC6101] SSL 3.0; [SSLv2] draft-hickman-netscape-ssl-00 (2-byte record header, CLIENT-HELLO
 *   message 1, 3-byte cipher specs); [RFC6520] heartbeat; [RFC8701] GREASE.
 */

/** Framing constants. */
export const TLS = {
  /** HTTPS, the decoder's first port ([RFC2818]). */
  PORT: 443,
  /** Record header: content type (1), version (2), length (2) ([RFC5246] 6.2.1). */
  RECORD_HEADER: 5,
  /** Largest record length accepted: 2^14 + 2048 ([RFC5246] 6.2.3, the loosest of the limits). */
  MAX_RECORD: 16_384 + 2_048,
  /** Handshake message header: type (1), length (3). */
  HANDSHAKE_HEADER: 4,
  /**
   * Largest handshake message reassembled across records (certificate chains of real servers
   * stay well below); larger ones are skipped and named.
   */
  MAX_HANDSHAKE: 65_536,
  /** Certificates parsed per Certificate message (the chain rarely holds more than 4). */
  MAX_CERTIFICATES: 10,
  /** SAN DNS names and addresses listed per certificate. */
  MAX_SAN: 16,
  /** Entries listed per hello list (cipher suites, extensions, groups...). */
  MAX_LIST: 100,
  /** Non-zero bytes RFC 6520 4 requires as heartbeat padding. */
  HEARTBEAT_MIN_PADDING: 16,
} as const;

/**
 * TLS ports of a plant, beyond 443: the decoder is tried first there ([IANA service names]).
 * 8443 (HTTPS alternate), 4843 (OPC UA over TLS, IEC 62541-6 7.1.1), 8883 (MQTT over TLS), 993
 * (IMAPS), 995 (POP3S), 465 (SMTPS), 636 (LDAPS), 3269 (global catalog over TLS), 5061 (SIP/TLS),
 * 4911 (Niagara Fox over TLS), 990 (FTPS control), 5986 (WinRM over HTTPS), 3389 is not listed:
 * RDP starts with X.224 and switches to TLS later.
 */
export const TLS_PORTS: readonly number[] = [
  443, 465, 636, 990, 993, 995, 3269, 4843, 4911, 5061, 5986, 8443, 8883,
];

/** Record content types ([RFC5246] 6.2.1, [RFC6520] 3). */
export const ContentType = {
  CHANGE_CIPHER_SPEC: 20,
  ALERT: 21,
  HANDSHAKE: 22,
  APPLICATION_DATA: 23,
  HEARTBEAT: 24,
} as const;

/** Content type to name. */
export const CONTENT_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [20, 'change_cipher_spec'],
  [21, 'alert'],
  [22, 'handshake'],
  [23, 'application_data'],
  [24, 'heartbeat'],
]);

/** Handshake message types ([RFC8446] 4, [RFC5246] 7.4, [RFC6066] 8, [RFC8879] 4). */
export const HandshakeType = {
  HELLO_REQUEST: 0,
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  NEW_SESSION_TICKET: 4,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  CERTIFICATE_REQUEST: 13,
  SERVER_HELLO_DONE: 14,
} as const;

/** Handshake type to name. */
export const HANDSHAKE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'hello_request'],
  [1, 'client_hello'],
  [2, 'server_hello'],
  [3, 'hello_verify_request'],
  [4, 'new_session_ticket'],
  [5, 'end_of_early_data'],
  [6, 'hello_retry_request'],
  [8, 'encrypted_extensions'],
  [11, 'certificate'],
  [12, 'server_key_exchange'],
  [13, 'certificate_request'],
  [14, 'server_hello_done'],
  [15, 'certificate_verify'],
  [16, 'client_key_exchange'],
  [20, 'finished'],
  [21, 'certificate_url'],
  [22, 'certificate_status'],
  [23, 'supplemental_data'],
  [24, 'key_update'],
  [25, 'compressed_certificate'],
  [67, 'next_protocol'],
  [254, 'message_hash'],
]);

/** Protocol version code to name ([RFC8446] B.1 legacy versions, [SSLv2] 0x0002). */
export const VERSION_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0002, 'sslv2'],
  [0x0300, 'sslv3'],
  [0x0301, 'tls1.0'],
  [0x0302, 'tls1.1'],
  [0x0303, 'tls1.2'],
  [0x0304, 'tls1.3'],
]);

/** Versions the anomaly `tls.weak_version_*` names: SSL 2.0, SSL 3.0 ([RFC7568]), TLS 1.0. */
export const WEAK_VERSION_MAX = 0x0301;

/** Alert levels ([RFC5246] 7.2). */
export const AlertLevel = { WARNING: 1, FATAL: 2 } as const;

/** Extension codes the decoder reads ([RFC8446] 4.2, [RFC6066], [RFC7301], [RFC8422]). */
export const Ext = {
  SERVER_NAME: 0x0000,
  STATUS_REQUEST: 0x0005,
  SUPPORTED_GROUPS: 0x000a,
  EC_POINT_FORMATS: 0x000b,
  SIGNATURE_ALGORITHMS: 0x000d,
  HEARTBEAT: 0x000f,
  ALPN: 0x0010,
  SESSION_TICKET: 0x0023,
  SUPPORTED_VERSIONS: 0x002b,
  PSK_KEY_EXCHANGE_MODES: 0x002d,
  KEY_SHARE: 0x0033,
} as const;

/**
 * The SHA-256 of "HelloRetryRequest": the random of a ServerHello that is a HelloRetryRequest
 * ([RFC8446] 4.1.3).
 */
export const HRR_RANDOM = new Uint8Array([
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
]);

/** GREASE code points: 0x?a?a with both bytes equal ([RFC8701] 2). */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v & 0xff) === v >> 8;
}

/** SSLv2 CLIENT-HELLO message type ([SSLv2] appendix). */
export const SSL2_CLIENT_HELLO = 1;

/**
 * A cipher suite offering no protection worth the name: NULL encryption, EXPORT-grade keys,
 * RC4 ([RFC7465] prohibits it) or anonymous key exchange (no authentication). Read from the
 * IANA name; the SSLv2 3-byte kinds are classified by the same words.
 */
export function weakCipherName(name: string): boolean {
  return (
    name.includes('_NULL_') ||
    name.endsWith('_NULL') ||
    name.includes('EXPORT') ||
    name.includes('RC4') ||
    name.includes('_anon_')
  );
}
