/**
 * TLS events. Granularity: one event per cleartext handshake message (a record holding three
 * messages gives three events, a message spread over records gives one, in the frame of its last
 * byte), one per cleartext alert, ChangeCipherSpec and heartbeat record, and one
 * `tls.application_data` per direction, at the first application data record: later records
 * and encrypted handshake records are counted in the flow state, not reported one by one. So a
 * ClientHello is exactly one event and `tls.sni` agrees frame by frame with Wireshark's
 * `tls.handshake.extensions_server_name`.
 *
 * Every event carries the `tls` object below; fields a message does not have are absent.
 * References: see constants.ts.
 */
import type { CertInfo } from './x509.js';

/** Event kinds. */
export const TLS_EVENT_KINDS = [
  'tls.client_hello',
  'tls.server_hello',
  'tls.certificate',
  'tls.handshake',
  'tls.change_cipher_spec',
  'tls.alert',
  'tls.heartbeat',
  'tls.application_data',
] as const;

/** A TLS event kind. */
export type TlsEventKind = (typeof TLS_EVENT_KINDS)[number];

/** One certificate of a Certificate message ([RFC5280] 4.1); names in UTF-8, cut at 256 bytes. */
export type TlsCertificate = Omit<CertInfo, 'notAfterSec' | 'notBeforeSec'>;

/** The `tls` object of every TLS event. Field names are the public schema. */
export interface TlsFields {
  /** Content type of the record (20-24). */
  content_type: number;
  /** Version field of the record header (0x0301 = 769 ...); for SSLv2, 2. */
  record_version: number;
  /** Length field of the (last) record. */
  record_length?: number;
  /** Handshake message type (1 ClientHello, 2 ServerHello, 11 Certificate ...). */
  handshake_type?: number;
  /** Handshake message name (`client_hello`, `server_hello`, `certificate` ...). */
  handshake?: string;
  /** Handshake message body length. */
  length?: number;
  /** Hello: legacy_version field (ClientHello client_version, ServerHello server_version). */
  version?: number;
  /** Hello: name of `version` (`tls1.2` ...). */
  version_name?: string;
  /** ClientHello sent in the SSL 2.0 record format ([SSLv2]). */
  sslv2?: boolean;
  /** Hello: length of the session id (the id itself is not reported). */
  session_id_length?: number;
  /** ClientHello: offered cipher suites by IANA name (`0x1234` when unknown), GREASE removed, capped. */
  cipher_suites?: string[];
  /** ClientHello: number of offered cipher suites, GREASE removed. */
  cipher_suite_count?: number;
  /** ClientHello: compression methods offered (0 = null). */
  compression_methods?: number[];
  /** Hello: extension names in wire order (`0x1234` when unknown), GREASE removed, capped. */
  extensions?: string[];
  /** Hello: number of extensions, GREASE removed. */
  extension_count?: number;
  /** ClientHello: the host_name of the server_name extension ([RFC6066] 3), cut at the string limit. */
  sni?: string;
  /** Hello: ALPN protocol names ([RFC7301]); the server's choice in a ServerHello. */
  alpn?: string[];
  /** ClientHello: supported_versions offered, by name ([RFC8446] 4.2.1). */
  supported_versions?: string[];
  /** ClientHello: supported_groups by name ([RFC8446] 4.2.7). */
  supported_groups?: string[];
  /** ClientHello: ec_point_formats ([RFC8422] 5.1.2). */
  ec_point_formats?: number[];
  /** ClientHello: signature_algorithms by name ([RFC8446] 4.2.3). */
  signature_algorithms?: string[];
  /** ClientHello: groups of the key_share entries ([RFC8446] 4.2.8). */
  key_share_groups?: string[];
  /** ClientHello: psk_key_exchange_modes (0 psk_ke, 1 psk_dhe_ke). */
  psk_key_exchange_modes?: number[];
  /** Hello: length of the session_ticket extension data (0: asks for a ticket). */
  session_ticket_length?: number;
  /** Hello: heartbeat extension mode (1 peer allowed to send, 2 not allowed) ([RFC6520] 2). */
  heartbeat_mode?: number;
  /** ServerHello: the version in force: supported_versions when present, else `version`. */
  selected_version?: number;
  /** ServerHello: name of `selected_version`. */
  selected_version_name?: string;
  /** ServerHello: chosen cipher suite code. */
  cipher_suite?: number;
  /** ServerHello: chosen cipher suite name. */
  cipher_suite_name?: string;
  /** ServerHello: chosen compression method. */
  compression_method?: number;
  /** ServerHello is a HelloRetryRequest ([RFC8446] 4.1.3). */
  hello_retry_request?: boolean;
  /** ServerHello: group of the key_share entry (or of the HelloRetryRequest). */
  key_share_group?: string;
  /** ClientHello: JA3 string ([JA3]). */
  ja3?: string;
  /** ClientHello: MD5 of the JA3 string. */
  ja3_hash?: string;
  /** ClientHello: JA4 fingerprint ([JA4]). */
  ja4?: string;
  /** ClientHello: JA4 raw (sorted) form. */
  ja4_r?: string;
  /** ServerHello: JA3S string. */
  ja3s?: string;
  /** ServerHello: MD5 of the JA3S string. */
  ja3s_hash?: string;
  /** ServerHello: JA4S fingerprint. */
  ja4s?: string;
  /** Certificate: number of certificates in the message. */
  certificate_count?: number;
  /** Certificate: the parsed certificates, leaf first, capped at 10. */
  certificates?: TlsCertificate[];
  /** ServerKeyExchange of an (EC)DHE suite with a named curve: the group name. */
  server_key_exchange_group?: string;
  /** ServerKeyExchange of a DHE suite: size of the prime p in bits. */
  dh_bits?: number;
  /** CertificateRequest: certificate types requested ([RFC5246] 7.4.4). */
  certificate_types?: number[];
  /** NewSessionTicket: lifetime hint in seconds. */
  ticket_lifetime?: number;
  /** NewSessionTicket: ticket length. */
  ticket_length?: number;
  /** Alert: level (1 warning, 2 fatal); absent when the alert is encrypted. */
  alert_level?: number;
  /** Alert: description code. */
  alert_description?: number;
  /** Alert: description name (`handshake_failure` ...). */
  alert?: string;
  /** Alert or heartbeat sent after ChangeCipherSpec: its content cannot be read. */
  encrypted?: boolean;
  /** Heartbeat: message type (1 request, 2 response) ([RFC6520] 3). */
  heartbeat_type?: number;
  /** Heartbeat: payload_length field. */
  payload_length?: number;
}

/** A TLS event. */
export type TlsEvent = {
  readonly kind: TlsEventKind;
  readonly tls: TlsFields;
};
