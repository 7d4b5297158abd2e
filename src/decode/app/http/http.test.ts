// HTTP decoder: field values of real curl / Python http.server frames (fixtures.ts), framing
// (length, chunked, until close, bodiless responses), pairing and pipelining, tunnels, NTLM and
// Basic credentials, SSDP datagrams, and every anomaly on hand-built hostile input.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits } from '../../decoder.js';
import { StreamFeeder } from '../../stream-feeder.js';
import type { HttpFields } from './events.js';
import {
  BAD_CHUNK_REQUEST,
  BASIC_AUTH_REQUEST,
  CHUNKED_REQUEST,
  CHUNKED_RESPONSE,
  CREATED_RESPONSE,
  GET_REQUEST,
  MSEARCH_REQUEST,
  NTLM_AUTHENTICATE_REQUEST,
  NTLM_CHALLENGE_RESPONSE,
  OK_RESPONSE,
  PIPELINED_REQUESTS,
  PIPELINED_RESPONSES,
  SMUGGLING_REQUEST,
  SWITCHING_PROTOCOLS,
  WEBSOCKET_REQUEST,
} from './fixtures.js';
import { httpDecoder } from './index.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface Ev extends AppEvent {
  http: HttpFields;
  ntlmssp?: Record<string, unknown>;
}

/** Feeds steps through the pipeline's StreamFeeder (or as datagrams) and records the output. */
function run(
  steps: readonly (readonly [Direction, Uint8Array | string])[],
  opts: { limits?: DecoderLimits; udp?: boolean; gapAfter?: number; gapSize?: number } = {},
): { events: Ev[]; anomalies: string[]; confirmed: boolean; rejected: string | null } {
  const events: Ev[] = [];
  const anomalies: string[] = [];
  let confirmed = false;
  let rejected: string | null = null;
  const sink: DecodeSink = {
    emit: (e) => events.push(e as Ev),
    anomaly: (name) => anomalies.push(name),
    confirm: () => {
      confirmed = true;
    },
  };
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const state = httpDecoder.createState(limits, opts.udp === true ? 'udp' : 'tcp');
  const feeder = new StreamFeeder(limits.maxPduBytes);
  steps.forEach(([dir, data], i) => {
    if (rejected !== null) return;
    const bytes = typeof data === 'string' ? ascii(data) : data;
    if (opts.udp === true) {
      const st = httpDecoder.parse(state, bytes, dir, sink);
      if (st.kind === 'reject') rejected = st.anomaly;
    } else {
      const p = feeder.push(httpDecoder, state, bytes, dir, sink);
      if (p?.kind === 'reject') rejected = p.anomaly;
    }
    if (opts.gapAfter === i) httpDecoder.onGap?.(state, dir, opts.gapSize ?? 0);
  });
  return { events, anomalies, confirmed, rejected };
}

describe('http probe', () => {
  it('takes request lines to the server and status lines to the client', () => {
    expect(httpDecoder.probe(GET_REQUEST, C)).toBe('match');
    expect(httpDecoder.probe(OK_RESPONSE, S)).toBe('match');
    expect(httpDecoder.probe(GET_REQUEST, S)).toBe('no_match');
    expect(httpDecoder.probe(OK_RESPONSE, C)).toBe('no_match');
    expect(httpDecoder.probe(MSEARCH_REQUEST, C)).toBe('match');
  });

  it('waits on a prefix and refuses look-alikes', () => {
    expect(httpDecoder.probe(ascii('GE'), C)).toBe('need_more');
    expect(httpDecoder.probe(ascii('GET /index.html HTT'), C)).toBe('need_more');
    expect(httpDecoder.probe(ascii('HTTP/1.'), S)).toBe('need_more');
    expect(httpDecoder.probe(ascii('FETCH / HTTP/1.1\r\n'), C)).toBe('no_match');
    expect(httpDecoder.probe(ascii('OPTIONS rtsp://h/s RTSP/1.0\r\n'), C)).toBe('no_match');
    expect(httpDecoder.probe(ascii('PRI * HTTP/2.0\r\n'), C)).toBe('no_match');
    expect(httpDecoder.probe(ascii('RTSP/1.0 200 OK\r\n'), S)).toBe('no_match');
    expect(httpDecoder.probe(ascii('HTTP/1.1 2000\r\n'), S)).toBe('no_match');
    // A long target spanning segments: a known method and 256 target bytes are enough.
    expect(httpDecoder.probe(ascii(`GET /${'a'.repeat(300)}`), C)).toBe('match');
  });
});

describe('http requests and responses', () => {
  it('reads the fields of a request and pairs its response', () => {
    const r = run([
      [C, GET_REQUEST],
      [S, OK_RESPONSE],
    ]);
    expect(r.confirmed).toBe(true);
    expect(r.anomalies).toEqual([]);
    expect(r.events.map((e) => e.kind)).toEqual(['http.request', 'http.response']);
    expect(r.events[0]?.http).toEqual({
      method: 'GET',
      uri: '/',
      version: '1.1',
      host: '127.0.0.1:8080',
      user_agent: 'palisade-golden/1.0',
      referer: 'http://referrer.example/',
      cookie_present: true,
      x_forwarded_for: '10.1.2.3',
      trans_depth: 1,
      body_length: 0,
      header_count: 6,
    });
    expect(JSON.stringify(r.events)).not.toContain('secret-value');
    expect(r.events[1]?.http).toEqual({
      version: '1.1',
      status_code: 200,
      status_msg: 'OK',
      server: 'GoldenHTTP/1.0',
      content_type: 'text/plain',
      content_length: 12,
      paired: true,
      request_method: 'GET',
      request_uri: '/',
      trans_depth: 1,
      body_length: 12,
      header_count: 4,
    });
  });

  it('reports the Basic user, never the password, and flags the cleartext credentials', () => {
    const r = run([[C, BASIC_AUTH_REQUEST]]);
    expect(r.events[0]?.http).toMatchObject({
      auth_scheme: 'basic',
      auth_user: 'alice',
      password_present: true,
    });
    expect(JSON.stringify(r.events)).not.toMatch(/s3cret|YWxpY2U6czNjcmV0/);
    expect(r.anomalies).toEqual(['http.cleartext_credentials']);
  });

  it('attaches the NTLMSSP layer of NTLM authorizations and challenges', () => {
    const r = run([
      [C, NTLM_AUTHENTICATE_REQUEST],
      [S, NTLM_CHALLENGE_RESPONSE],
    ]);
    expect(r.events[0]?.http.auth_scheme).toBe('ntlm');
    expect(r.events[0]?.ntlmssp).toMatchObject({
      message_type: 'authenticate',
      user: 'bob',
      domain: 'CORP',
      workstation: 'WORKSTATION',
      ntlm_version: 'v2',
    });
    expect(r.events[1]?.http).toMatchObject({ status_code: 401, auth_scheme: 'ntlm' });
    expect(r.events[1]?.ntlmssp).toMatchObject({ message_type: 'challenge', target_name: 'CORP' });
  });

  it('reads the mechanism and the NTLMSSP message of a Negotiate (SPNEGO) token', () => {
    // The SPNEGO NegTokenInit of LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 3 (an SMB2
    // security blob): HTTP Negotiate carries the same GSS token in base64 ([RFC4559] 4.1).
    const r = run([
      [
        C,
        'GET /ews HTTP/1.1\r\nHost: mail\r\n' +
          'Authorization: Negotiate YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAA' +
          'AJeCCOIAAAAAAAAAAAAAAAAAAAAACgBaKQAAAA8=\r\n\r\n',
      ],
    ]);
    expect(r.events[0]?.http).toMatchObject({ auth_scheme: 'negotiate', auth_mech: 'ntlmssp' });
    expect(r.events[0]?.ntlmssp).toMatchObject({
      message_type: 'negotiate',
      version: '10.0.10586',
    });
  });

  it('counts chunked bodies without the coding, trailers among the headers', () => {
    const r = run([
      [C, CHUNKED_REQUEST],
      [S, CREATED_RESPONSE],
      [C, GET_REQUEST],
      [S, CHUNKED_RESPONSE],
    ]);
    expect(r.anomalies).toEqual([]);
    expect(r.events[0]?.http).toMatchObject({
      method: 'POST',
      transfer_encoding: 'chunked',
      body_length: 313,
    });
    expect(r.events[1]?.http).toMatchObject({ status_code: 201, location: '/upload/1' });
    expect(r.events[3]?.http).toMatchObject({ body_length: 34, header_count: 4, trans_depth: 2 });
  });

  it('pairs pipelined requests in order; HEAD, 304 and 204 answers have no body', () => {
    const r = run([
      [C, PIPELINED_REQUESTS],
      [S, PIPELINED_RESPONSES],
    ]);
    expect(r.anomalies).toEqual([]);
    const res = r.events.filter((e) => e.kind === 'http.response').map((e) => e.http);
    expect(res.map((h) => [h.request_method, h.request_uri, h.status_code, h.body_length])).toEqual(
      [
        ['GET', '/a', 200, 12],
        ['HEAD', '/', 200, 0],
        ['GET', '/notmod', 304, 0],
        ['GET', '/empty', 204, 0],
      ],
    );
    expect(res[1]?.content_length).toBe(12);
  });

  it('takes 100 Continue as interim: the final answer pairs with the same request', () => {
    const r = run([
      [C, 'POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n'],
      [S, 'HTTP/1.1 100 Continue\r\n\r\n'],
      [C, 'a=1'],
      [S, 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
    ]);
    expect(r.anomalies).toEqual([]);
    expect(r.events.map((e) => [e.kind, e.http.status_code, e.http.trans_depth])).toEqual([
      ['http.response', 100, 1],
      ['http.request', undefined, 1],
      ['http.response', 200, 1],
    ]);
  });

  it('reports a response without length when its header section ends', () => {
    const r = run([
      [C, GET_REQUEST],
      [S, 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes\n'],
      [S, 'more body'],
    ]);
    expect(r.events[1]?.http).toMatchObject({ version: '1.0', body_until_close: true });
    expect(r.events[1]?.http.body_length).toBeUndefined();
    expect(r.anomalies).toEqual([]);
  });

  it('skips a capture gap inside a body of known length and counts it', () => {
    const r = run(
      [
        [C, GET_REQUEST],
        [S, 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'],
        [S, 'abcdefghij'],
        [C, GET_REQUEST],
      ],
      { gapAfter: 1, gapSize: 80 },
    );
    expect(r.events[1]?.http).toMatchObject({ body_length: 20, body_missing: 80 });
    expect(r.events).toHaveLength(3);
  });
  it('resynchronises on the next request line after a gap in a header section', () => {
    const r = run(
      [
        [C, 'GET /lost HTTP/1.1\r\nHost: h\r\nUser-Ag'],
        [C, 'ent: x\r\n\r\n'],
        [C, GET_REQUEST],
        [S, OK_RESPONSE],
        [S, OK_RESPONSE],
      ],
      { gapAfter: 0, gapSize: 100 },
    );
    // The request cut by the gap is lost; the next one decodes; with requests lost, an answer
    // without a request is expected and not flagged.
    expect(r.events.map((e) => [e.kind, e.http.uri ?? e.http.request_uri])).toEqual([
      ['http.request', '/'],
      ['http.response', '/'],
      ['http.response', undefined],
    ]);
    expect(r.anomalies).toEqual([]);
  });
});

describe('http tunnels', () => {
  it('stops after 101 Switching Protocols (WebSocket)', () => {
    const r = run([
      [C, WEBSOCKET_REQUEST],
      [S, SWITCHING_PROTOCOLS],
      [C, new Uint8Array([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x6d, 0x74, 0x60, 0x78])],
    ]);
    expect(r.anomalies).toEqual([]);
    expect(r.events.map((e) => e.kind)).toEqual(['http.request', 'http.response', 'http.tunnel']);
    expect(r.events[2]?.http).toEqual({
      tunnel: 'upgrade',
      status_code: 101,
      request_method: 'GET',
      request_uri: '/ws',
      upgrade: 'websocket',
      trans_depth: 1,
    });
  });

  it('stops after a 2xx answer to CONNECT and reports the tunnel target', () => {
    const r = run([
      [C, 'CONNECT 127.0.0.1:8443 HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n\r\n'],
      [S, 'HTTP/1.1 200 Connection established\r\n\r\n'],
      [C, new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])],
      [S, new Uint8Array([0x16, 0x03, 0x03, 0x00, 0x02, 2, 40])],
    ]);
    expect(r.anomalies).toEqual([]);
    expect(r.events.at(-1)?.http).toMatchObject({
      tunnel: 'connect',
      request_uri: '127.0.0.1:8443',
      status_code: 200,
    });
  });

  it('keeps decoding when CONNECT is refused', () => {
    const r = run([
      [C, 'CONNECT x:443 HTTP/1.1\r\n\r\n'],
      [S, 'HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n'],
      [C, GET_REQUEST],
    ]);
    expect(r.events.map((e) => e.kind)).toEqual(['http.request', 'http.response', 'http.request']);
  });
});

describe('http anomalies', () => {
  it('flags Content-Length with Transfer-Encoding, and frames by the chunked coding', () => {
    const r = run([
      [C, SMUGGLING_REQUEST],
      [C, GET_REQUEST],
    ]);
    expect(r.anomalies).toEqual(['http.content_length_with_transfer_encoding']);
    expect(r.events.map((e) => [e.http.uri, e.http.body_length])).toEqual([
      ['/smuggle', 0],
      ['/', 0],
    ]);
  });

  it('flags two different Content-Length values and a value that is not a number', () => {
    const twice = run([
      [C, 'POST /t HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc'],
    ]);
    expect(twice.anomalies).toEqual(['http.conflicting_content_length']);
    expect(twice.events[0]?.http.body_length).toBe(3);
    const list = run([[C, 'POST /t HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nab']]);
    expect(list.anomalies).toEqual([]);
    const bad = run([[C, 'GET /t HTTP/1.1\r\nContent-Length: x1\r\n\r\n']]);
    expect(bad.anomalies).toEqual(['http.bad_content_length']);
  });

  it('flags a request coding that is not chunked', () => {
    const r = run([[C, 'POST /g HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n']]);
    expect(r.anomalies).toEqual(['http.bad_transfer_encoding']);
  });

  it('flags a bad chunk size, reports the message and resynchronises', () => {
    const r = run([
      [C, BAD_CHUNK_REQUEST],
      [C, GET_REQUEST],
    ]);
    expect(r.anomalies).toEqual(['http.bad_chunk_size']);
    expect(r.events.map((e) => e.http.uri)).toEqual(['/badchunk', '/']);
  });

  it('flags chunk data not followed by CRLF', () => {
    const r = run([
      [C, GET_REQUEST],
      [S, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n'],
    ]);
    expect(r.anomalies).toEqual(['http.bad_chunk_size']);
    expect(r.events[1]?.http.body_length).toBe(5);
  });

  it('bounds header lines, header count and header section size', () => {
    const long = run([[C, `GET /l HTTP/1.1\r\nX-Big: ${'A'.repeat(9000)}\r\nHost: h\r\n\r\n`]]);
    expect(long.anomalies).toEqual(['http.header_line_too_long']);
    expect(long.events[0]?.http.host).toBe('h');
    const many = '';
    const lines = Array.from({ length: 150 }, (_, i) => `X-H${i}: v\r\n`).join(many);
    const r = run([[C, `GET /m HTTP/1.1\r\n${lines}\r\n`]]);
    expect(r.anomalies).toEqual(['http.too_many_headers']);
    expect(r.events[0]?.http.header_count).toBe(150);
    const big = Array.from({ length: 50 }, (_, i) => `X-P${i}: ${'p'.repeat(1400)}\r\n`).join('');
    const h = run([[C, `GET /h HTTP/1.1\r\n${big}\r\n`]]);
    expect(h.anomalies).toEqual(['http.header_section_too_long']);
    expect(h.events).toHaveLength(1);
  });

  it('flags two Host fields and malformed header lines', () => {
    const r = run([
      [
        C,
        'GET /d HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nBad Header : x\r\nNoColon\r\n\r\n',
      ],
    ]);
    expect(r.anomalies).toEqual([
      'http.duplicate_host',
      'http.malformed_header',
      'http.malformed_header',
    ]);
    expect(r.events[0]?.http.host).toBe('a.example');
  });

  it('rejects a flow that does not start with HTTP, flags non-HTTP after a confirmed start', () => {
    expect(run([[C, 'SSH-2.0-OpenSSH_9.2\r\n']]).rejected).toBe('http.not_http');
    const r = run([
      [C, GET_REQUEST],
      [C, '\u0016\u0003\u0001 junk\r\nmore junk\r\n'],
      [C, GET_REQUEST],
    ]);
    expect(r.anomalies).toEqual(['http.not_http']);
    expect(r.events).toHaveLength(2);
  });

  it('flags a response no request waits for', () => {
    const r = run([
      [C, GET_REQUEST],
      [S, OK_RESPONSE],
      [S, OK_RESPONSE],
    ]);
    expect(r.anomalies).toEqual(['http.response_without_request']);
    expect(r.events[2]?.http.paired).toBe(false);
  });

  it('bounds the pending requests and reports it once', () => {
    const limits = { ...DEFAULT_LIMITS, maxPendingTransactions: 2 };
    const r = run(
      [
        [C, GET_REQUEST],
        [C, GET_REQUEST],
        [C, GET_REQUEST],
        [C, GET_REQUEST],
      ],
      { limits },
    );
    expect(r.anomalies).toEqual(['http.too_many_pending_requests']);
    expect(r.events.map((e) => e.http.trans_depth)).toEqual([1, 2, 3, 4]);
  });
});

describe('SSDP over UDP', () => {
  it('decodes one message per datagram, with no pairing', () => {
    const r = run(
      [
        [C, MSEARCH_REQUEST],
        [S, 'HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://h/d.xml\r\n\r\n'],
        [C, 'NOTIFY * HTTP/1.1 \r\nHOST: 239.255.255.250:1900\r\nSERVER: UPnP/1.0 x/1\r\n\r\n'],
      ],
      { udp: true },
    );
    expect(r.anomalies).toEqual([]);
    expect(r.events.map((e) => [e.kind, e.http.method ?? e.http.status_code])).toEqual([
      ['http.request', 'M-SEARCH'],
      ['http.response', 200],
      ['http.request', 'NOTIFY'],
    ]);
    expect(r.events[0]?.http).toMatchObject({ uri: '*', host: '239.255.255.250:1900' });
    expect(r.events[1]?.http).toMatchObject({ location: 'http://h/d.xml', body_length: 0 });
    expect(r.events[2]?.http.server).toBe('UPnP/1.0 x/1');
  });
});
