/**
 * HTTP/1.x events, emitted when a message is complete (its body received, as Wireshark reports
 * it in the frame that completes the message):
 *
 * - `http.request`: a request (client to server): method, target, host, headers of interest,
 *   body length.
 * - `http.response`: a response, paired first in, first out with the requests of the flow
 *   (pipelining: responses come in request order, [RFC9112] 9.3.2); it repeats the method and
 *   target of its request. A response read until the connection closes ([RFC9112] 6.3 item 8)
 *   is emitted when its header section ends, with `body_until_close` instead of a body length.
 * - `http.tunnel`: the connection stops carrying HTTP: a 2xx answer to CONNECT ([RFC9110]
 *   9.3.6) or a 101 Switching Protocols (WebSocket, [RFC6455] 4). The bytes after it are counted,
 *   not decoded.
 *
 * Requests with `Authorization: NTLM` / `Negotiate` and responses with an NTLM challenge in
 * `WWW-Authenticate` carry an `ntlmssp` layer as well (names only, never responses or hashes).
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';

/** Event kinds. */
export const HTTP_EVENT_KINDS = ['http.request', 'http.response', 'http.tunnel'] as const;

/** An HTTP event kind. */
export type HttpEventKind = (typeof HTTP_EVENT_KINDS)[number];

/** The `http` object of the events. Fields a message does not have are absent. */
export interface HttpFields {
  /** Request: method token (`GET`, `POST`, `M-SEARCH` ...). The contract path `http.method`. */
  method?: string;
  /** Request: request-target as sent (origin, absolute, authority or asterisk form), capped. */
  uri?: string;
  /** `1.0` or `1.1`. */
  version?: string;
  /** Request: Host header (the first one), capped. */
  host?: string;
  /** User-Agent header (requests; some servers send it too), capped. */
  user_agent?: string;
  /** Request: Referer header, capped. */
  referer?: string;
  /** Request: X-Forwarded-For header, capped. */
  x_forwarded_for?: string;
  /** Request: a Cookie header is present (its value is never reported). */
  cookie_present?: boolean;
  /**
   * Authorization scheme, lower case (`basic`, `ntlm`, `negotiate`, `bearer`, `digest` ...):
   * of the request's Authorization or Proxy-Authorization header, or of the response's first
   * WWW-Authenticate / Proxy-Authenticate header.
   */
  auth_scheme?: string;
  /**
   * Negotiate (SPNEGO) token: the mechanism the client offers first or the server selected
   * (`kerberos`, `ms_kerberos`, `ntlmssp`, `negoex`, or the dotted OID).
   */
  auth_mech?: string;
  /** Request with Basic credentials: the user-id ([RFC7617] 2), capped. */
  auth_user?: string;
  /** Request with Basic credentials: true when a password follows the user-id; never the value. */
  password_present?: boolean;
  /** Response: status code. */
  status_code?: number;
  /** Response: reason phrase, cut at 128 bytes. */
  status_msg?: string;
  /** Server header (responses; SSDP NOTIFY requests carry it too), capped. */
  server?: string;
  /** Location header (redirects, 201; SSDP NOTIFY requests carry it too), capped. */
  location?: string;
  /** Response: a Set-Cookie header is present (its value is never reported). */
  set_cookie_present?: boolean;
  /** Content-Type header, capped. */
  content_type?: string;
  /** Content-Length header value, when valid. */
  content_length?: number;
  /** Transfer-Encoding header, capped. */
  transfer_encoding?: string;
  /** Upgrade header (`websocket`), capped. */
  upgrade?: string;
  /**
   * Body bytes received: after removing the chunked coding; absent for a response read until
   * close. Bytes lost in capture gaps are not counted (see `body_missing`).
   */
  body_length?: number;
  /** Body bytes lost in capture gaps (absent when none). */
  body_missing?: number;
  /** Response: the body runs until the connection closes (no length, not chunked). */
  body_until_close?: boolean;
  /** Header lines of the message (trailer lines of a chunked body included). */
  header_count?: number;
  /** Position of the transaction in the flow: 1 for the first request and its response. */
  trans_depth?: number;
  /** Response: the method of the request it answers (absent when unpaired). */
  request_method?: string;
  /** Response: the request-target of the request it answers (absent when unpaired). */
  request_uri?: string;
  /** Response: true when it was paired with a request of the flow. */
  paired?: boolean;
  /** Tunnel: `connect` (CONNECT 2xx) or `upgrade` (101 Switching Protocols). */
  tunnel?: 'connect' | 'upgrade';
}

/** An HTTP event: the `http` layer, plus `ntlmssp` when the message carries NTLM. */
export type HttpEvent = {
  readonly kind: HttpEventKind;
  readonly http: HttpFields;
  readonly ntlmssp?: NtlmsspLayer;
};
