/**
 * HTTP/1.x code tables and limits.
 *
 * References:
 * - [RFC9110] HTTP Semantics: 9.3 (methods; 9.3.6 CONNECT), 8.6 (Content-Length, a list of
 *   identical values is one value), 11.6.2 / 11.7.2 (Authorization, Proxy-Authorization),
 *   15.2 (1xx informational), 15.3.5 (204 No Content), 15.4.5 (304 Not Modified).
 * - [RFC9112] HTTP/1.1 message syntax: 2.2 (empty lines before a request line; lines end in LF),
 *   3 (request-line = method SP request-target SP HTTP-version), 4 (status-line = HTTP-version
 *   SP status-code SP [reason-phrase]), 5.1 (no whitespace between field name and colon), 5.2
 *   (obsolete line folding), 6.1 / 6.3 (message body length: Transfer-Encoding over
 *   Content-Length, both present = possible request smuggling), 7.1 (chunked coding, chunk
 *   size in hex, chunk extensions after ';'), 7.1.2 (trailer section), 9.6 (read until close).
 * - [RFC7617] Basic authentication: base64 of `user-id ":" password`.
 * - [RFC4559] Negotiate (SPNEGO) and [MS-NTHT] NTLM over HTTP: base64 tokens after the scheme.
 * - [RFC6455] 4 WebSocket opening handshake: `Upgrade: websocket`, 101 Switching Protocols.
 * - [UPnP] UPnP Device Architecture 2.0, 1.3 SSDP: HTTP messages over UDP 1900 (HTTPU).
 * - Method list: the RFC 9110 methods, WebDAV ([RFC4918]), SSDP / GENA (M-SEARCH, NOTIFY,
 *   SUBSCRIBE, UNSUBSCRIBE) and the others Zeek's HTTP analyzer recognises
 *   (scripts/base/protocols/http/dpd.sig), so the probe knows the same request lines.
 */

/** TCP ports tried first. */
export const HTTP_PORTS: readonly number[] = [80, 8080, 8000, 8008, 8888];

/** UDP ports: SSDP, HTTP over UDP multicast ([UPnP] 1.3). */
export const HTTP_UDP_PORTS: readonly number[] = [1900];

/** Limits on what one message may make the decoder hold or count. */
export const HTTP = {
  /** Longest start line or header line, LF included ([RFC9112] 2.3 leaves it to the server). */
  MAX_LINE: 8192,
  /** Longest chunk-size line, extensions included. */
  MAX_CHUNK_LINE: 1024,
  /** Header section bytes (start line, header lines, trailer lines) per message. */
  MAX_HEADER_BYTES: 65_536,
  /** Header lines per message (Apache's LimitRequestFields default is 100). */
  MAX_HEADERS: 100,
  /** Empty lines skipped before a start line ([RFC9112] 2.2 asks for at least one). */
  MAX_LEADING_EMPTY_LINES: 8,
  /** Longest reason phrase copied into an event. */
  MAX_STATUS_MSG: 128,
  /** Longest method token the probe and parser accept. */
  MAX_METHOD: 24,
  /** Chunk sizes beyond 2^53 - 1 cannot be counted exactly: they are malformed here. */
  MAX_CHUNK_HEX_DIGITS: 13,
} as const;

/**
 * Request methods recognised in a request line ([RFC9110] 9.3, [RFC4918], [UPnP], Zeek's list).
 * A request line with another token is not taken for HTTP.
 */
export const METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'ACL',
  'MERGE',
  'LABEL',
  'UPDATE',
  'CHECKOUT',
  'CHECKIN',
  'UNCHECKOUT',
  'MKACTIVITY',
  'MKWORKSPACE',
  'VERSION-CONTROL',
  'BASELINE-CONTROL',
  'ORDERPATCH',
  'BCOPY',
  'BDELETE',
  'BMOVE',
  'BPROPFIND',
  'BPROPPATCH',
  'POLL',
  'NOTIFY',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'M-SEARCH',
  'X-MS-ENUMATTS',
  'RPC_IN_DATA',
  'RPC_OUT_DATA',
];

/** Header fields the decoder reads, by lower-case name. */
export const Hdr = {
  HOST: 1,
  USER_AGENT: 2,
  CONTENT_TYPE: 3,
  CONTENT_LENGTH: 4,
  TRANSFER_ENCODING: 5,
  REFERER: 6,
  X_FORWARDED_FOR: 7,
  SERVER: 8,
  LOCATION: 9,
  COOKIE: 10,
  SET_COOKIE: 11,
  AUTHORIZATION: 12,
  PROXY_AUTHORIZATION: 13,
  WWW_AUTHENTICATE: 14,
  PROXY_AUTHENTICATE: 15,
  UPGRADE: 16,
} as const;
export type Hdr = (typeof Hdr)[keyof typeof Hdr];

/** Lower-case header name to its {@link Hdr} id. */
export const HEADER_NAMES: readonly (readonly [string, Hdr])[] = [
  ['host', Hdr.HOST],
  ['user-agent', Hdr.USER_AGENT],
  ['content-type', Hdr.CONTENT_TYPE],
  ['content-length', Hdr.CONTENT_LENGTH],
  ['transfer-encoding', Hdr.TRANSFER_ENCODING],
  ['referer', Hdr.REFERER],
  ['x-forwarded-for', Hdr.X_FORWARDED_FOR],
  ['server', Hdr.SERVER],
  ['location', Hdr.LOCATION],
  ['cookie', Hdr.COOKIE],
  ['set-cookie', Hdr.SET_COOKIE],
  ['authorization', Hdr.AUTHORIZATION],
  ['proxy-authorization', Hdr.PROXY_AUTHORIZATION],
  ['www-authenticate', Hdr.WWW_AUTHENTICATE],
  ['proxy-authenticate', Hdr.PROXY_AUTHENTICATE],
  ['upgrade', Hdr.UPGRADE],
];

/** Byte values used by the parser. */
export const Ch = {
  HT: 0x09,
  LF: 0x0a,
  CR: 0x0d,
  SP: 0x20,
  COLON: 0x3a,
  SEMI: 0x3b,
  SLASH: 0x2f,
  DOT: 0x2e,
} as const;
