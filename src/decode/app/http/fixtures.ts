/**
 * HTTP fixtures, from real traffic: curl 7.88 and raw-socket clients against Python's
 * http.server on 127.0.0.1, captured with tcpdump (test/golden/http/normal/input.pcap, frame
 * numbers below; the generator is test/golden/http/make-traffic.py), and the zgrab request of
 * the shared capture modbus/modbus-and-non-modbus-p502.pcap. In array order they are one
 * conversation: each response follows its request, and the WebSocket upgrade ends HTTP on the
 * flow; the malformed ones come after it, so they are decoded on their own.
 *
 * HTTP is text: each fixture is written one line per source line, CR LF spelled out.
 */
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const CRLF = '\r\n';

/** The lines of a message head, each ended by CR LF, then the empty line and `body`. */
function message(lines: readonly string[], body = ''): Uint8Array {
  return ascii(lines.map((l) => l + CRLF).join('') + CRLF + body);
}

/** The bytes of `parts` one after the other. */
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A request with Referer, Cookie and X-Forwarded-For (normal/input.pcap frame 4). */
export const GET_REQUEST = message([
  'GET / HTTP/1.1', // request line: method, origin-form target, version
  'Host: 127.0.0.1:8080',
  'User-Agent: palisade-golden/1.0',
  'Accept: */*',
  'Referer: http://referrer.example/',
  'Cookie: session=secret-value', // reported as cookie_present, never the value
  'X-Forwarded-For: 10.1.2.3',
]);

/** Its answer: head (frame 6) and 12-byte body (frame 8). */
export const OK_RESPONSE = message(
  [
    'HTTP/1.1 200 OK', // status line
    'Server: GoldenHTTP/1.0 ',
    'Date: Thu, 26 Nov 2026 05:49:21 GMT',
    'Content-Type: text/plain',
    'Content-Length: 12', // body framed by length
  ],
  'hello world\n',
);

/** Basic credentials alice:s3cret (frame 54). */
export const BASIC_AUTH_REQUEST = message([
  'GET /auth-basic HTTP/1.1',
  'Host: 127.0.0.1:8080',
  'Authorization: Basic YWxpY2U6czNjcmV0', // base64("alice:s3cret")
  'User-Agent: curl/7.88.1',
  'Accept: */*',
]);

/** NTLM AUTHENTICATE of CORP\bob from WORKSTATION (frame 97). */
export const NTLM_AUTHENTICATE_REQUEST = message([
  'GET /ntlm HTTP/1.1',
  'Host: 127.0.0.1:8080',
  // base64 of an NTLMSSP AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3), NTLMv2 response
  'Authorization: NTLM TlRMTVNTUAADAAAAGAAYAEAAAAAwADAAWAAAAAgACACIAAAABgAGAJAAAAAWABYAlgAAAAAA' +
    'AAAAAAAAAYIJApHhvmB/KHA/n7lU4GZVJWOThsclguuhvh9+27+zWs4IZZVX1n2ycSABAQAAAAAAAAAdvOJpfd0Bk4bH' +
    'JYLrob4AAAAAAAAAAEMATwBSAFAAYgBvAGIAVwBPAFIASwBTAFQAQQBUAEkATwBOAA==',
  'User-Agent: curl/7.88.1',
  'Accept: */*',
]);

/** A server's NTLM CHALLENGE, target CORP (frame 95, written by the generator's server). */
export const NTLM_CHALLENGE_RESPONSE = message([
  'HTTP/1.1 401 Unauthorized',
  'Server: GoldenHTTP/1.0 ',
  'Date: Thu, 26 Nov 2026 05:49:22 GMT',
  'Content-Type: text/plain',
  // base64 of an NTLMSSP CHALLENGE_MESSAGE ([MS-NLMP] 2.2.1.2)
  'WWW-Authenticate: NTLM TlRMTVNTUAACAAAACAAIADgAAAABggkCASNFZ4mrze8AAAAAAAAAAAAAAABAAAAACgBhSg' +
    'AAAA9DAE8AUgBQAA==',
  'Content-Length: 0', // no body
]);

/** A chunked request body of 313 bytes (frame 66). */
export const CHUNKED_REQUEST = message(
  [
    'POST /upload HTTP/1.1',
    'Host: 127.0.0.1:8080',
    'User-Agent: curl/7.88.1',
    'Accept: */*',
    'Transfer-Encoding: chunked', // chunked coding ([RFC9112] 7.1)
    'Content-Type: application/x-www-form-urlencoded',
  ],
  [
    '139', // chunk-size: 0x139 = 313 bytes
    `name=value&x=${'y'.repeat(300)}`,
    '0', // last chunk
    '', // empty trailer section
    '',
  ].join(CRLF),
);

/** Its answer with a Location (frames 68, 70). */
export const CREATED_RESPONSE = message(
  [
    'HTTP/1.1 201 Created',
    'Server: GoldenHTTP/1.0 ',
    'Date: Thu, 26 Nov 2026 05:49:21 GMT',
    'Content-Type: text/plain',
    'Location: /upload/1',
    'Content-Length: 17',
  ],
  'stored 313 bytes\n',
);

/** Four pipelined requests in one segment (frame 120): GET, HEAD, GET, GET. */
export const PIPELINED_REQUESTS = ascii(
  ['/a', '/', '/notmod', '/empty']
    .map(
      (p, i) =>
        `${i === 1 ? 'HEAD' : 'GET'} ${p} HTTP/1.1${CRLF}` +
        `Host: 127.0.0.1:8080${CRLF}User-Agent: pipeline/1${CRLF}${CRLF}`,
    )
    .join(''),
);

/** Their answers in order: 200 with a body, 200 to HEAD (no body), 304, 204 (frames 122-130). */
export const PIPELINED_RESPONSES = concat(
  message(['HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Content-Length: 12'], 'hello world\n'),
  // The answer to HEAD has a Content-Length but no body ([RFC9110] 9.3.2).
  message(['HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Content-Length: 12']),
  message(['HTTP/1.1 304 Not Modified', 'ETag: "v1"']), // never a body ([RFC9110] 15.4.5)
  message(['HTTP/1.1 204 No Content']), // never a body ([RFC9110] 15.3.5)
);

/** zgrab on TCP 502 (shared modbus/modbus-and-non-modbus-p502.pcap frame 65). */
export const ZGRAB_REQUEST = message([
  'GET / HTTP/1.1',
  'Host: 160.97.70.34',
  'Accept: */*',
  'Accept-Encoding: gzip',
  'User-Agent: Mozilla/5.0 zgrab/0.x',
]);

/** A chunked response with a trailer field (frames 28-36, one segment here). */
export const CHUNKED_RESPONSE = ascii(
  [
    'HTTP/1.1 200 OK',
    'Content-Type: text/html',
    'Transfer-Encoding: chunked',
    'Trailer: X-Checksum',
    '',
    '6', // chunk-size: 6 bytes
    '<html>',
    '14', // chunk-size: 0x14 = 20 bytes
    '<body>chunked</body>',
    '8', // chunk-size: 8 bytes (the data ends in LF)
    '</html>\n',
    '0', // last chunk
    'X-Checksum: 42', // trailer field ([RFC9112] 7.1.2)
    '',
    '',
  ].join(CRLF),
);

/** An SSDP search (normal/input.pcap frame 197, UDP 1900; valid over TCP too). */
export const MSEARCH_REQUEST = message([
  'M-SEARCH * HTTP/1.1', // asterisk-form target
  'HOST: 239.255.255.250:1900',
  'MAN: "ssdp:discover"',
  'MX: 1',
  'ST: ssdp:all',
]);

/** A WebSocket opening handshake ([RFC6455] 4.1, frame 138). */
export const WEBSOCKET_REQUEST = message([
  'GET /ws HTTP/1.1',
  'Host: 127.0.0.1:8080',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
]);

/** 101 then the first WebSocket frame: text "hello" (frame 140 and the next). */
export const SWITCHING_PROTOCOLS = concat(
  message([
    'HTTP/1.1 101 Switching Protocols',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
  ]),
  new Uint8Array([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), // FIN text frame "hello": not HTTP
);

/** Content-Length and Transfer-Encoding together (malformed/input.pcap, the smuggling shape). */
export const SMUGGLING_REQUEST = message(
  [
    'POST /smuggle HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Length: 4', // a front end using this reads "0\r\n\r" as the body
    'Transfer-Encoding: chunked', // a back end using this sees an empty body
  ],
  '0' + CRLF + CRLF,
);

/** A chunk-size line that is not hexadecimal. */
export const BAD_CHUNK_REQUEST = message(
  ['POST /badchunk HTTP/1.1', 'Host: 127.0.0.1', 'Transfer-Encoding: chunked'],
  'xyz' + CRLF + 'hello' + CRLF + '0' + CRLF + CRLF, // "xyz": not a chunk size
);

/** The answer to the Basic request, setting a cookie (frames 56, 58). */
export const WELCOME_RESPONSE = message(
  [
    'HTTP/1.1 200 OK',
    'Server: GoldenHTTP/1.0 ',
    'Date: Thu, 26 Nov 2026 05:49:21 GMT',
    'Content-Type: text/plain',
    'Set-Cookie: sid=abc123; HttpOnly', // reported as set_cookie_present, never the value
    'Content-Length: 8',
  ],
  'welcome\n',
);

const TO_SERVER = Direction.TO_SERVER;
const TO_CLIENT = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  { name: 'get-request', dir: TO_SERVER, role: 'normal', bytes: GET_REQUEST },
  { name: 'ok-response', dir: TO_CLIENT, role: 'normal', bytes: OK_RESPONSE },
  {
    name: 'ntlm-authenticate-request',
    dir: TO_SERVER,
    role: 'normal',
    bytes: NTLM_AUTHENTICATE_REQUEST,
  },
  {
    name: 'ntlm-challenge-response',
    dir: TO_CLIENT,
    role: 'normal',
    bytes: NTLM_CHALLENGE_RESPONSE,
  },
  { name: 'chunked-request', dir: TO_SERVER, role: 'normal', bytes: CHUNKED_REQUEST },
  { name: 'created-response', dir: TO_CLIENT, role: 'normal', bytes: CREATED_RESPONSE },
  { name: 'pipelined-requests', dir: TO_SERVER, role: 'normal', bytes: PIPELINED_REQUESTS },
  { name: 'pipelined-responses', dir: TO_CLIENT, role: 'normal', bytes: PIPELINED_RESPONSES },
  { name: 'http-get-on-port-502', dir: TO_SERVER, role: 'normal', bytes: ZGRAB_REQUEST },
  { name: 'chunked-response', dir: TO_CLIENT, role: 'normal', bytes: CHUNKED_RESPONSE },
  { name: 'basic-auth-request', dir: TO_SERVER, role: 'normal', bytes: BASIC_AUTH_REQUEST },
  { name: 'welcome-response', dir: TO_CLIENT, role: 'normal', bytes: WELCOME_RESPONSE },
  { name: 'websocket-request', dir: TO_SERVER, role: 'normal', bytes: WEBSOCKET_REQUEST },
  { name: 'switching-protocols', dir: TO_CLIENT, role: 'normal', bytes: SWITCHING_PROTOCOLS },
  // After the tunnel nothing more is HTTP: the malformed ones decode alone (and seed the fuzzer).
  { name: 'smuggling-request', dir: TO_SERVER, role: 'malformed', bytes: SMUGGLING_REQUEST },
  { name: 'bad-chunk-request', dir: TO_SERVER, role: 'malformed', bytes: BAD_CHUNK_REQUEST },
  {
    name: 'binary-after-start',
    dir: TO_SERVER,
    role: 'malformed',
    bytes: ascii('\u0016\u0003\u0001 junk-not-http\r\n'),
  },
  {
    name: 'long-header-line',
    dir: TO_SERVER,
    role: 'malformed',
    bytes: message(['GET /long HTTP/1.1', 'Host: 127.0.0.1', `X-Big: ${'A'.repeat(9000)}`]),
  },
];
