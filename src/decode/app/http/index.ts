/**
 * The HTTP/1.x decoder descriptor: registered in `decode/registry.ts`, run first over TCP 80,
 * 8080, 8000, 8008 and 8888 and UDP 1900 (SSDP), recognised on any port by a request line with a
 * known method or a status line. The parser lives in `http.ts`, code tables in `constants.ts`,
 * event types in `events.ts`; README.md has the coverage matrix.
 */
import type { AnomalyCatalog, AppDecoder } from '../../decoder.js';
import { HTTP_PORTS, HTTP_UDP_PORTS } from './constants.js';
import { HTTP_EVENT_KINDS } from './events.js';
import { createHttpState, onHttpGap, parseHttp, probeHttp } from './http.js';
import type { HttpState } from './http.js';

/**
 * Every anomaly the HTTP decoder raises. `rules/anomalies/http.yml` has one default Sigma rule
 * per entry.
 */
export const HTTP_ANOMALIES = {
  'http.cleartext_credentials': {
    description:
      'A request carries Basic credentials (Authorization or Proxy-Authorization): the user ' +
      'name and password cross the network in base64, readable by anyone on the path. The event ' +
      'has the user name; the password is never reported.',
    severity: 'medium',
  },
  'http.content_length_with_transfer_encoding': {
    description:
      'A message has both Transfer-Encoding and Content-Length (RFC 9112 6.1): front end and ' +
      'back end may frame it differently, the request smuggling signature (CL.TE / TE.CL).',
    severity: 'high',
  },
  'http.conflicting_content_length': {
    description:
      'Two different Content-Length values in one message (RFC 9112 6.3 item 5): an ' +
      'unrecoverable framing error that servers and proxies resolve differently (smuggling).',
    severity: 'high',
  },
  'http.bad_content_length': {
    description: 'A Content-Length value that is not a decimal number (RFC 9110 8.6).',
    severity: 'medium',
  },
  'http.bad_transfer_encoding': {
    description:
      'A request whose last transfer coding is not chunked (RFC 9112 6.3 item 4): its length ' +
      'cannot be determined; servers must refuse it, proxies may not.',
    severity: 'medium',
  },
  'http.bad_chunk_size': {
    description:
      'A chunked body with a chunk-size line that is not hexadecimal, too long or too large, or ' +
      'chunk data not followed by CRLF (RFC 9112 7.1): the message is reported as far as it ' +
      'got and the direction resynchronises on the next start line.',
    severity: 'medium',
  },
  'http.header_line_too_long': {
    description:
      'A start line or header line over 8 KiB: buffer overflow attempts, oversized cookies or ' +
      'URIs; the line is skipped.',
    severity: 'medium',
  },
  'http.header_section_too_long': {
    description:
      'A header section (or trailer section) over 64 KiB: resource exhaustion attempts against ' +
      'servers; the decoder keeps reading it line by line without holding it.',
    severity: 'medium',
  },
  'http.too_many_headers': {
    description:
      'More than 100 header lines in one message: header flooding; the rest are not read.',
    severity: 'low',
  },
  'http.malformed_header': {
    description:
      'A header line without a colon, or with whitespace between the field name and the ' +
      'colon, which servers must refuse (RFC 9112 5.1): a smuggling and filter-evasion trick. ' +
      'The detail has its first 64 characters.',
    severity: 'low',
  },
  'http.duplicate_host': {
    description:
      'A request with two Host fields (RFC 9112 3.2): servers must refuse it; proxies that pick ' +
      'different ones can be used for cache poisoning or routing around access control.',
    severity: 'medium',
  },
  'http.not_http': {
    description:
      'Data that is not an HTTP/1.x start line where one was expected on a flow already ' +
      'confirmed as HTTP: a protocol tunnelled after a real exchange, a gap, or a broken ' +
      'client. The detail has its first 64 characters; decoding resumes at the next start line.',
    severity: 'low',
  },
  'http.response_without_request': {
    description:
      'A response with no request waiting for it on the flow (none seen, or all answered): the ' +
      'capture started mid-connection, or a server sends unsolicited data.',
    severity: 'low',
  },
  'http.too_many_pending_requests': {
    description:
      'More pipelined requests without a response than the pending limit (256): the oldest are ' +
      'forgotten, so later responses may pair with the wrong request. Reported once per flow.',
    severity: 'low',
  },
} as const satisfies AnomalyCatalog;

/** Name of an HTTP anomaly. */
export type HttpAnomaly = keyof typeof HTTP_ANOMALIES;

/**
 * The HTTP/1.x decoder.
 *
 * @example
 * const state = httpDecoder.createState(DEFAULT_LIMITS, 'tcp');
 * httpDecoder.parse(state, tcpPayload, Direction.TO_SERVER, sink);
 */
export const httpDecoder: AppDecoder<HttpState> = {
  id: 'http',
  transport: 'tcp',
  defaultPorts: HTTP_PORTS,
  udpPorts: HTTP_UDP_PORTS,
  anomalies: HTTP_ANOMALIES,
  eventKinds: HTTP_EVENT_KINDS,
  probe: probeHttp,
  createState: createHttpState,
  parse: parseHttp,
  onGap: onHttpGap,
};
