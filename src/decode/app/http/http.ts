/**
 * HTTP/1.0 and 1.1 parser: request and status lines, header fields of interest, message framing
 * (Content-Length, chunked with trailers, read until close, bodiless responses), request and
 * response pairing, CONNECT and Upgrade tunnels; SSDP (HTTP over UDP) one datagram per message.
 *
 * References: see constants.ts ([RFC9110], [RFC9112], [RFC7617], [RFC4559], [RFC6455], [UPnP]).
 *
 * ```
 *  request   GET /index.html HTTP/1.1 CRLF        response   HTTP/1.1 200 OK CRLF
 *            Host: example.com CRLF                          Content-Length: 5 CRLF
 *            CRLF                                            CRLF
 *                                                            hello
 *  chunked   Transfer-Encoding: chunked CRLF CRLF  5 CRLF hello CRLF  0 CRLF  [trailers] CRLF
 * ```
 *
 * Streaming. Each direction is a state machine that reads lines (start line, header lines,
 * chunk-size lines, trailers) one at a time, keeping only the current line (at most 8 KiB, the
 * pipeline buffers it via `incomplete`), and counts body bytes without holding them, so a body
 * of any size costs nothing and the events do not depend on how the stream is cut.
 *
 * Body length ([RFC9112] 6.3), in order: responses to HEAD, 1xx, 204 and 304 have none; a 2xx
 * answer to CONNECT and a 101 start a tunnel; Transfer-Encoding whose last coding is `chunked`
 * is chunked (a request with another coding has no length it can be framed by; a response is read
 * until close); else Content-Length; else none for a request and until close for a response.
 * Transfer-Encoding together with Content-Length, or two different Content-Length values, are
 * the request smuggling signatures ([RFC9112] 6.1, 6.3 items 3 and 5): flagged, and
 * Transfer-Encoding wins as the RFC says.
 *
 * Pairing. Requests are queued at the end of their header section (a response can come before
 * a request body ends: 100 Continue, early errors) and responses take them first in, first out;
 * 1xx responses other than 101 are interim and do not take one. The queue is bounded by
 * `maxPendingTransactions` (the oldest is dropped, once-per-flow anomaly).
 *
 * Resynchronisation. After non-HTTP data on a confirmed flow, a line too long, broken chunk
 * framing or a capture gap that lands outside a body, the direction skips lines until one is a
 * start line again. A gap inside a body of known length is skipped over and counted.
 */
import type { NtlmsspLayer } from '../../auth/ntlmssp.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import { authorization, challenge } from './auth.js';
import { Ch, HEADER_NAMES, HTTP, Hdr, METHODS } from './constants.js';
import type { HttpEvent, HttpFields } from './events.js';
import {
  HTTP_SLASH_1,
  isDigit,
  latin1Bytes,
  methodChar,
  methodIndex,
  startsWith,
  text,
  versionString,
} from './syntax.js';

export { probeHttp } from './syntax.js';

const Phase = {
  START: 0,
  HEADERS: 1,
  BODY: 2,
  CHUNK_SIZE: 3,
  CHUNK_DATA: 4,
  CHUNK_END: 5,
  TRAILERS: 6,
  UNTIL_CLOSE: 7,
  TUNNEL: 8,
  RESYNC: 9,
} as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Transfer-Encoding of the message: none, last coding chunked, or another coding. */
const Te = { NONE: 0, CHUNKED: 1, OTHER: 2 } as const;
type Te = (typeof Te)[keyof typeof Te];

/** Content-Length of the message: none yet, or invalid. */
const CL_NONE = -1;
const CL_INVALID = -2;

/** Per-direction state: the message being read. */
class Side {
  phase: Phase = Phase.START;
  /** Discarding the rest of an over-long line. */
  skipLine = false;
  /** Bytes of the current line already searched for LF (the pipeline hands them back). */
  scan = 0;
  msg: HttpFields | null = null;
  ntlm: NtlmsspLayer | null = null;
  headerBytes = 0;
  headerCount = 0;
  /** Header limits already reported for this message. */
  overCount = false;
  overBytes = false;
  contentLength = CL_NONE;
  te: Te = Te.NONE;
  hostSeen = false;
  /** Body or chunk bytes still expected. */
  remaining = 0;
  bodyLen = 0;
  bodyMissing = 0;

  reset(phase: Phase): void {
    this.phase = phase;
    this.skipLine = false;
    this.scan = 0;
    this.msg = null;
    this.ntlm = null;
    this.headerBytes = 0;
    this.headerCount = 0;
    this.overCount = false;
    this.overBytes = false;
    this.contentLength = CL_NONE;
    this.te = Te.NONE;
    this.hostSeen = false;
    this.remaining = 0;
    this.bodyLen = 0;
    this.bodyMissing = 0;
  }
}

/** What a response takes from the request it answers. */
interface PendingRequest {
  readonly method: string;
  readonly uri: string;
  readonly depth: number;
}

/** Per-flow HTTP state. */
export class HttpState {
  readonly limits: DecoderLimits;
  /** Datagrams (SSDP): one message per call, no pairing. */
  readonly udp: boolean;
  confirmed = false;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  /**
   * Requests whose response has not been seen, oldest first: only what a response needs, so a
   * flood of pipelined requests holds at most `maxPendingTransactions` small records.
   */
  readonly pending: PendingRequest[] = [];
  /** Requests seen (trans_depth of the last one). */
  requests = 0;
  /** The pending-queue overflow was reported. */
  overflowNoted = false;
  /** A capture gap hit the requests: unpaired responses are expected, not anomalous. */
  requestGap = false;

  constructor(limits: DecoderLimits, udp: boolean) {
    this.limits = limits;
    this.udp = udp;
  }
}

/** Fresh per-flow state; `transport` `udp` for SSDP datagrams. */
export function createHttpState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): HttpState {
  return new HttpState(limits, transport === 'udp');
}

/** A capture gap of `size` bytes in direction `dir`. */
export function onHttpGap(state: HttpState, dir: Direction, size: number): void {
  const s = state.sides[dir];
  if (dir === Direction.TO_SERVER) state.requestGap = true;
  s.skipLine = false;
  s.scan = 0;
  switch (s.phase) {
    case Phase.TUNNEL:
    case Phase.UNTIL_CLOSE:
      return;
    case Phase.BODY:
    case Phase.CHUNK_DATA:
      // A gap inside a body of known length: skip it and go on ([RFC9112] 6.3 lengths).
      if (size <= s.remaining) {
        s.remaining -= size;
        s.bodyMissing += size;
        return;
      }
      s.reset(Phase.RESYNC);
      return;
    default:
      s.reset(Phase.RESYNC);
  }
}

const HEADER_BYTES: readonly (readonly [Uint8Array, Hdr])[] = HEADER_NAMES.map(
  ([n, id]) => [latin1Bytes(n), id] as const,
);

/** Decodes the next bytes of direction `dir` (one whole datagram on UDP). */
export function parseHttp(
  state: HttpState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const s = state.sides[dir];
  if (state.udp) return datagram(state, s, data, dir, sink);
  return stream(state, s, data, dir, sink);
}

/** One SSDP datagram: a whole message; a body runs to the end of the datagram. */
function datagram(
  state: HttpState,
  s: Side,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  s.reset(Phase.START);
  const st = stream(state, s, data, dir, sink);
  if (st.kind === 'reject') return st;
  if (s.phase === Phase.UNTIL_CLOSE || s.phase === Phase.BODY) {
    finish(s, dir, sink);
    return OK;
  }
  if (s.phase === Phase.START || s.phase === Phase.RESYNC) return OK;
  s.reset(Phase.START);
  return incomplete(0, data.length + 1);
}

function stream(
  state: HttpState,
  s: Side,
  d: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = d.length;
  let p = 0;
  while (p < n) {
    if (s.skipLine) {
      const lf = d.indexOf(Ch.LF, p);
      if (lf < 0) return OK;
      s.skipLine = false;
      p = lf + 1;
      continue;
    }
    switch (s.phase) {
      case Phase.TUNNEL:
        return OK;
      case Phase.UNTIL_CLOSE:
        s.bodyLen += n - p;
        return OK;
      case Phase.BODY:
      case Phase.CHUNK_DATA: {
        const take = Math.min(s.remaining, n - p);
        s.remaining -= take;
        s.bodyLen += take;
        p += take;
        if (s.remaining > 0) return OK;
        if (s.phase === Phase.BODY) finish(s, dir, sink);
        else s.phase = Phase.CHUNK_END;
        break;
      }
      default: {
        const chunkLine = s.phase === Phase.CHUNK_SIZE || s.phase === Phase.CHUNK_END;
        const max = chunkLine ? HTTP.MAX_CHUNK_LINE : HTTP.MAX_LINE;
        const limit = Math.min(n, p + max);
        let lf = d.indexOf(Ch.LF, p + s.scan);
        if (lf >= limit) lf = -1;
        if (lf < 0) {
          if (n - p < max) {
            s.scan = n - p;
            return incomplete(p, n - p + 1);
          }
          s.scan = 0;
          const st = longLine(state, s, dir, sink);
          if (st !== null) return st;
          p += max;
          s.skipLine = true;
          continue;
        }
        s.scan = 0;
        const st = line(state, s, d, p, lf, dir, sink);
        if (st !== null) return st;
        p = lf + 1;
      }
    }
  }
  return OK;
}

/** A line longer than the limit of its phase; a status when decoding stops. */
function longLine(state: HttpState, s: Side, dir: Direction, sink: DecodeSink): ParseStatus | null {
  switch (s.phase) {
    case Phase.START:
      if (!state.confirmed) return reject('http.not_http');
      sink.anomaly('http.header_line_too_long', `start line over ${HTTP.MAX_LINE} bytes`);
      s.reset(Phase.RESYNC);
      return null;
    case Phase.HEADERS:
    case Phase.TRAILERS:
      sink.anomaly('http.header_line_too_long', `header line over ${HTTP.MAX_LINE} bytes`);
      s.headerBytes += HTTP.MAX_LINE;
      checkHeaderBytes(s, sink);
      return null;
    case Phase.CHUNK_SIZE:
    case Phase.CHUNK_END:
      badChunk(state, s, dir, sink, `chunk line over ${HTTP.MAX_CHUNK_LINE} bytes`);
      return null;
    default:
      return null;
  }
}

/** Broken chunk framing: the message is reported as far as it got and the direction resyncs. */
function badChunk(state: HttpState, s: Side, dir: Direction, sink: DecodeSink, why: string): void {
  sink.anomaly('http.bad_chunk_size', why);
  finish(s, dir, sink);
  s.phase = Phase.RESYNC;
}

function checkHeaderBytes(s: Side, sink: DecodeSink): void {
  if (s.headerBytes > HTTP.MAX_HEADER_BYTES && !s.overBytes) {
    s.overBytes = true;
    sink.anomaly('http.header_section_too_long', `over ${HTTP.MAX_HEADER_BYTES} bytes`);
  }
}

/** One line `d[p, lf)` (LF at `lf`); a status when decoding stops. */
function line(
  state: HttpState,
  s: Side,
  d: Uint8Array,
  p: number,
  lf: number,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus | null {
  const end = lf > p && d[lf - 1] === Ch.CR ? lf - 1 : lf;
  switch (s.phase) {
    case Phase.START:
    case Phase.RESYNC: {
      // Empty lines before a start line are allowed ([RFC9112] 2.2).
      if (end === p) return null;
      const resync = s.phase === Phase.RESYNC;
      if (startLine(state, s, d, p, end, dir)) {
        s.headerBytes = lf + 1 - p;
        return null;
      }
      if (resync) return null;
      if (!state.confirmed) return reject('http.not_http');
      sink.anomaly('http.not_http', text(d, p, end, 64));
      s.reset(Phase.RESYNC);
      return null;
    }
    case Phase.HEADERS:
    case Phase.TRAILERS:
      s.headerBytes += lf + 1 - p;
      checkHeaderBytes(s, sink);
      if (end === p) {
        if (s.phase === Phase.HEADERS) headersDone(state, s, dir, sink);
        else finish(s, dir, sink);
        return null;
      }
      headerLine(state, s, d, p, end, dir, sink);
      return null;
    case Phase.CHUNK_SIZE:
      chunkSize(state, s, d, p, end, dir, sink);
      return null;
    case Phase.CHUNK_END:
      if (end === p) s.phase = Phase.CHUNK_SIZE;
      else badChunk(state, s, dir, sink, 'chunk data not followed by CRLF');
      return null;
    default:
      return null;
  }
}

/**
 * A request line (to the server) or status line (to the client) in `d[p, end)`; true when it
 * is one, with the new message started.
 */
function startLine(
  state: HttpState,
  s: Side,
  d: Uint8Array,
  p: number,
  lineEnd: number,
  dir: Direction,
): boolean {
  const cap = state.limits.maxStringBytes;
  let end = lineEnd;
  if (dir === Direction.TO_CLIENT) {
    // HTTP/1.x SP 3DIGIT [SP reason-phrase] ([RFC9112] 4).
    if (end - p < 12 || startsWith(d, p, HTTP_SLASH_1) !== 1) return false;
    const minor = d[p + 7] as number;
    if (!isDigit(minor) || d[p + 8] !== Ch.SP) return false;
    if (!isDigit(d[p + 9]) || !isDigit(d[p + 10]) || !isDigit(d[p + 11])) return false;
    if (end > p + 12 && d[p + 12] !== Ch.SP) return false;
    const code =
      ((d[p + 9] as number) - 0x30) * 100 +
      ((d[p + 10] as number) - 0x30) * 10 +
      ((d[p + 11] as number) - 0x30);
    const msg: HttpFields = { version: versionString(minor), status_code: code };
    msg.status_msg = end > p + 13 ? text(d, p + 13, end, HTTP.MAX_STATUS_MSG) : '';
    s.reset(Phase.HEADERS);
    s.msg = msg;
    return true;
  }
  // method SP request-target SP HTTP-version ([RFC9112] 3); trailing whitespace tolerated.
  while (end > p && (d[end - 1] === Ch.SP || d[end - 1] === Ch.HT)) end--;
  let i = p;
  while (i < end && i - p < HTTP.MAX_METHOD && methodChar(d[i] as number)) i++;
  if (i === p || i >= end || d[i] !== Ch.SP) return false;
  // SP request-target SP HTTP/1.x: at least 11 bytes from the first SP.
  if (end - i < 11) return false;
  const v = end - 8;
  if (d[v - 1] !== Ch.SP || startsWith(d, v, HTTP_SLASH_1) !== 1) return false;
  const minor = d[v + 7] as number;
  if (!isDigit(minor)) return false;
  let ts = i + 1;
  let te = v - 1;
  while (ts < te && d[ts] === Ch.SP) ts++;
  while (te > ts && d[te - 1] === Ch.SP) te--;
  if (ts === te) return false;
  const k = methodIndex(d, p, i);
  const msg: HttpFields = {
    method: k >= 0 ? (METHODS[k] as string) : text(d, p, i, HTTP.MAX_METHOD),
    uri: text(d, ts, te, cap),
    version: versionString(minor),
  };
  s.reset(Phase.HEADERS);
  s.msg = msg;
  return true;
}

/** Id of the header named `d[s, e)`, case-insensitively, or 0 for one not read. */
function headerId(d: Uint8Array, s: number, e: number): number {
  const len = e - s;
  for (const [name, id] of HEADER_BYTES) {
    if (name.length !== len) continue;
    let k = 0;
    while (k < len) {
      let c = d[s + k] as number;
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      if (c !== name[k]) break;
      k++;
    }
    if (k === len) return id;
  }
  return 0;
}

function headerLine(
  state: HttpState,
  s: Side,
  d: Uint8Array,
  p: number,
  end: number,
  dir: Direction,
  sink: DecodeSink,
): void {
  const msg = s.msg as HttpFields;
  s.headerCount++;
  if (s.headerCount > HTTP.MAX_HEADERS) {
    if (!s.overCount) {
      s.overCount = true;
      sink.anomaly('http.too_many_headers', `over ${HTTP.MAX_HEADERS} header lines`);
    }
    return;
  }
  const c0 = d[p] as number;
  // Obsolete line folding ([RFC9112] 5.2): a continuation of the previous value, not read.
  if (c0 === Ch.SP || c0 === Ch.HT) return;
  let colon = p;
  while (colon < end && d[colon] !== Ch.COLON) colon++;
  if (colon >= end || colon === p) {
    sink.anomaly('http.malformed_header', text(d, p, end, 64));
    return;
  }
  const before = d[colon - 1] as number;
  if (before === Ch.SP || before === Ch.HT) {
    // Whitespace between name and colon: a smuggling vector servers must refuse ([RFC9112] 5.1).
    sink.anomaly('http.malformed_header', text(d, p, end, 64));
    return;
  }
  const id = headerId(d, p, colon);
  if (id === 0) return;
  let vs = colon + 1;
  let ve = end;
  while (vs < ve && (d[vs] === Ch.SP || d[vs] === Ch.HT)) vs++;
  while (ve > vs && (d[ve - 1] === Ch.SP || d[ve - 1] === Ch.HT)) ve--;
  const cap = state.limits.maxStringBytes;
  const request = dir === Direction.TO_SERVER;
  switch (id) {
    case Hdr.HOST:
      if (!request) return;
      if (s.hostSeen) {
        // Two Host fields: the server must answer 400 ([RFC9112] 3.2); proxies may disagree.
        sink.anomaly('http.duplicate_host', text(d, vs, ve, 64));
        return;
      }
      s.hostSeen = true;
      msg.host = text(d, vs, ve, cap);
      return;
    case Hdr.USER_AGENT:
      if (msg.user_agent === undefined) msg.user_agent = text(d, vs, ve, cap);
      return;
    case Hdr.REFERER:
      if (request && msg.referer === undefined) msg.referer = text(d, vs, ve, cap);
      return;
    case Hdr.X_FORWARDED_FOR:
      if (request && msg.x_forwarded_for === undefined) msg.x_forwarded_for = text(d, vs, ve, cap);
      return;
    case Hdr.COOKIE:
      if (request) msg.cookie_present = true;
      return;
    case Hdr.SERVER:
      if (msg.server === undefined) msg.server = text(d, vs, ve, cap);
      return;
    case Hdr.LOCATION:
      if (msg.location === undefined) msg.location = text(d, vs, ve, cap);
      return;
    case Hdr.SET_COOKIE:
      if (!request) msg.set_cookie_present = true;
      return;
    case Hdr.CONTENT_TYPE:
      if (msg.content_type === undefined) msg.content_type = text(d, vs, ve, cap);
      return;
    case Hdr.UPGRADE:
      if (msg.upgrade === undefined) msg.upgrade = text(d, vs, ve, cap);
      return;
    case Hdr.CONTENT_LENGTH:
      contentLength(s, d, vs, ve, sink);
      return;
    case Hdr.TRANSFER_ENCODING:
      msg.transfer_encoding = text(d, vs, ve, cap);
      s.te = lastCodingChunked(d, vs, ve) ? Te.CHUNKED : Te.OTHER;
      return;
    case Hdr.AUTHORIZATION:
    case Hdr.PROXY_AUTHORIZATION:
      if (request && msg.auth_scheme === undefined) {
        s.ntlm = authorization(msg, d, vs, ve, cap, sink) ?? s.ntlm;
      }
      return;
    case Hdr.WWW_AUTHENTICATE:
    case Hdr.PROXY_AUTHENTICATE:
      if (!request && msg.auth_scheme === undefined) s.ntlm = challenge(msg, d, vs, ve) ?? s.ntlm;
      return;
    default:
  }
}

/**
 * Content-Length: 1*DIGIT, or a list of identical values ([RFC9110] 8.6). Another value than
 * one seen before, in this field or an earlier one, is the smuggling signature of [RFC9112] 6.3
 * item 5.
 */
function contentLength(s: Side, d: Uint8Array, vs: number, ve: number, sink: DecodeSink): void {
  let value = CL_NONE;
  let i = vs;
  while (i < ve) {
    let v = 0;
    const start = i;
    while (i < ve && isDigit(d[i])) {
      v = v * 10 + ((d[i] as number) - 0x30);
      i++;
    }
    if (i === start || v > Number.MAX_SAFE_INTEGER) {
      value = CL_INVALID;
      break;
    }
    if (value >= 0 && v !== value) {
      s.contentLength = value;
      sink.anomaly('http.conflicting_content_length', text(d, vs, ve, 64));
      return;
    }
    value = v;
    while (i < ve && (d[i] === Ch.SP || d[i] === Ch.HT)) i++;
    if (i < ve && d[i] !== 0x2c) {
      value = CL_INVALID;
      break;
    }
    i++;
    while (i < ve && (d[i] === Ch.SP || d[i] === Ch.HT)) i++;
  }
  if (value === CL_INVALID || value === CL_NONE) {
    sink.anomaly('http.bad_content_length', text(d, vs, ve, 64));
    if (s.contentLength === CL_NONE) s.contentLength = CL_INVALID;
    return;
  }
  if (s.contentLength >= 0 && s.contentLength !== value) {
    sink.anomaly('http.conflicting_content_length', `${s.contentLength} and ${value}`);
    return;
  }
  s.contentLength = value;
  (s.msg as HttpFields).content_length = value;
}

const CHUNKED = latin1Bytes('chunked');

/** True when the last transfer coding of `d[vs, ve)` is `chunked` ([RFC9112] 6.1). */
function lastCodingChunked(d: Uint8Array, vs: number, ve: number): boolean {
  let e = ve;
  while (e > vs && (d[e - 1] === Ch.SP || d[e - 1] === Ch.HT)) e--;
  let b = e;
  while (b > vs && d[b - 1] !== 0x2c) b--;
  while (b < e && (d[b] === Ch.SP || d[b] === Ch.HT)) b++;
  if (e - b !== CHUNKED.length) return false;
  for (let k = 0; k < CHUNKED.length; k++)
    if (((d[b + k] as number) | 0x20) !== CHUNKED[k]) return false;
  return true;
}

/** The empty line after the header section: pair, frame the body. */
function headersDone(state: HttpState, s: Side, dir: Direction, sink: DecodeSink): void {
  const msg = s.msg as HttpFields;
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  if (s.te !== Te.NONE && s.contentLength !== CL_NONE) {
    sink.anomaly(
      'http.content_length_with_transfer_encoding',
      `Content-Length with Transfer-Encoding ${msg.transfer_encoding ?? ''}`,
    );
  }
  if (dir === Direction.TO_SERVER) {
    requestFraming(state, s, msg, sink);
    return;
  }
  responseFraming(state, s, msg, sink);
}

function requestFraming(state: HttpState, s: Side, msg: HttpFields, sink: DecodeSink): void {
  if (!state.udp) {
    msg.trans_depth = ++state.requests;
    if (state.pending.length >= state.limits.maxPendingTransactions) {
      state.pending.shift();
      if (!state.overflowNoted) {
        state.overflowNoted = true;
        sink.anomaly(
          'http.too_many_pending_requests',
          `over ${state.limits.maxPendingTransactions} requests without a response`,
        );
      }
    }
    state.pending.push({
      method: msg.method as string,
      uri: msg.uri as string,
      depth: msg.trans_depth,
    });
  }
  if (s.te === Te.CHUNKED) {
    s.phase = Phase.CHUNK_SIZE;
    return;
  }
  if (s.te === Te.OTHER) {
    // No length to frame it by: the server must answer 400 and close ([RFC9112] 6.3 item 4).
    sink.anomaly('http.bad_transfer_encoding', msg.transfer_encoding ?? '');
    finish(s, Direction.TO_SERVER, sink);
    s.phase = Phase.RESYNC;
    return;
  }
  bodyByLength(state, s, Direction.TO_SERVER, sink, false);
}

function responseFraming(state: HttpState, s: Side, msg: HttpFields, sink: DecodeSink): void {
  const code = msg.status_code as number;
  const interim = code >= 100 && code < 200 && code !== 101;
  let req: PendingRequest | undefined;
  if (!state.udp) {
    req = interim ? state.pending[0] : state.pending.shift();
    if (req === undefined) {
      if (!state.requestGap) sink.anomaly('http.response_without_request', `status ${code}`);
    }
    msg.paired = req !== undefined;
    if (req !== undefined) {
      msg.request_method = req.method;
      msg.request_uri = req.uri;
      msg.trans_depth = req.depth;
    }
  }
  const method = req?.method;
  if (method === 'CONNECT' && code >= 200 && code < 300) {
    finish(s, Direction.TO_CLIENT, sink);
    tunnel(state, sink, 'connect', msg);
    return;
  }
  if (code === 101 && !state.udp) {
    finish(s, Direction.TO_CLIENT, sink);
    tunnel(state, sink, 'upgrade', msg);
    return;
  }
  if (method === 'HEAD' || interim || code === 204 || code === 304) {
    finish(s, Direction.TO_CLIENT, sink);
    return;
  }
  if (s.te === Te.CHUNKED) {
    s.phase = Phase.CHUNK_SIZE;
    return;
  }
  bodyByLength(state, s, Direction.TO_CLIENT, sink, s.te === Te.OTHER);
}

/** Frames a body by Content-Length, or until close for a response without one. */
function bodyByLength(
  state: HttpState,
  s: Side,
  dir: Direction,
  sink: DecodeSink,
  untilClose: boolean,
): void {
  const cl = s.contentLength;
  if (!untilClose && cl > 0) {
    s.phase = Phase.BODY;
    s.remaining = cl;
    return;
  }
  if (!untilClose && (cl === 0 || dir === Direction.TO_SERVER)) {
    finish(s, dir, sink);
    return;
  }
  // Read until close ([RFC9112] 6.3 item 8): the end is never seen by a decoder, so the response
  // is reported now (a datagram's body ends with it).
  if (state.udp) {
    s.phase = Phase.UNTIL_CLOSE;
    return;
  }
  (s.msg as HttpFields).body_until_close = true;
  finish(s, dir, sink);
  s.phase = Phase.UNTIL_CLOSE;
}

/** Chunk-size line: 1*HEXDIG [chunk-ext] ([RFC9112] 7.1). */
function chunkSize(
  state: HttpState,
  s: Side,
  d: Uint8Array,
  p: number,
  end: number,
  dir: Direction,
  sink: DecodeSink,
): void {
  let i = p;
  while (i < end && (d[i] === Ch.SP || d[i] === Ch.HT)) i++;
  let v = 0;
  const start = i;
  while (i < end) {
    const c = (d[i] as number) | 0x20;
    const h = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (h < 0) break;
    v = v * 16 + h;
    i++;
  }
  const digits = i - start;
  while (i < end && (d[i] === Ch.SP || d[i] === Ch.HT)) i++;
  if (digits === 0 || digits > HTTP.MAX_CHUNK_HEX_DIGITS || (i < end && d[i] !== Ch.SEMI)) {
    badChunk(state, s, dir, sink, text(d, p, end, 64));
    return;
  }
  if (v === 0) {
    s.phase = Phase.TRAILERS;
    return;
  }
  s.phase = Phase.CHUNK_DATA;
  s.remaining = v;
}

/** Starts a tunnel: both directions stop being decoded. */
function tunnel(
  state: HttpState,
  sink: DecodeSink,
  kind: 'connect' | 'upgrade',
  msg: HttpFields,
): void {
  state.sides[Direction.TO_SERVER].reset(Phase.TUNNEL);
  state.sides[Direction.TO_CLIENT].reset(Phase.TUNNEL);
  state.pending.length = 0;
  const http: HttpFields = { tunnel: kind, status_code: msg.status_code as number };
  if (msg.request_method !== undefined) http.request_method = msg.request_method;
  if (msg.request_uri !== undefined) http.request_uri = msg.request_uri;
  if (msg.upgrade !== undefined) http.upgrade = msg.upgrade;
  if (msg.trans_depth !== undefined) http.trans_depth = msg.trans_depth;
  const e: HttpEvent = { kind: 'http.tunnel', http };
  sink.emit(e);
}

/** The message of `s` is complete: emit it; the side waits for the next start line. */
function finish(s: Side, dir: Direction, sink: DecodeSink): void {
  const msg = s.msg;
  if (msg === null) return;
  if (msg.body_until_close !== true) msg.body_length = s.bodyLen;
  if (s.bodyMissing > 0) msg.body_missing = s.bodyMissing;
  msg.header_count = s.headerCount;
  const e: HttpEvent =
    s.ntlm === null
      ? { kind: dir === Direction.TO_SERVER ? 'http.request' : 'http.response', http: msg }
      : {
          kind: dir === Direction.TO_SERVER ? 'http.request' : 'http.response',
          http: msg,
          ntlmssp: s.ntlm,
        };
  sink.emit(e);
  s.reset(Phase.START);
}
