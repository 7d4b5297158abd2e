/**
 * TLS parser (SSL 3.0 to TLS 1.3, plus the SSL 2.0 CLIENT-HELLO that old clients and scanners
 * still send): the record layer, handshake reassembly across records, hellos with their
 * extensions and fingerprints, certificates of TLS <= 1.2, alerts, heartbeats.
 *
 * References:
 * - [RFC8446] TLS 1.3: 4.1.2 ClientHello, 4.1.3 ServerHello and HelloRetryRequest, 4.2
 *   extensions, 5.1 record layer.
 * - [RFC5246] TLS 1.2: 6.2 record layer, 7.1 ChangeCipherSpec, 7.2 alerts, 7.4.1-7.4.6
 *   (hellos, Certificate, ServerKeyExchange, CertificateRequest); [RFC5077] 3.3 NewSessionTicket.
 * - [RFC6066] 3 server_name; [RFC7301] 3.1 ALPN; [RFC8422] 5.1 and 5.4 (curves, point formats,
 *   ECDHE ServerKeyExchange); [RFC6520] heartbeat; [RFC8701] GREASE.
 * - [SSLv2] draft-hickman-netscape-ssl-00: 2-byte record header with the high bit set, then
 *   CLIENT-HELLO (1), version, cipher-specs length, session-id length, challenge length.
 *
 * Record:
 *
 * ```
 *  +------+---------+--------+-------------------------------+
 *  | type | version | length | fragment (length bytes)       |
 *  | 1    | 2       | 2      | handshake / alert / ccs / ... |
 *  +------+---------+--------+-------------------------------+
 * ```
 *
 * Handshake messages (type 1 + length 3 + body) may share a record or span several; they are
 * reassembled per direction up to {@link TLS.MAX_HANDSHAKE} bytes. After a ChangeCipherSpec in a
 * direction, and for the server after a TLS 1.3 ServerHello, the content is encrypted: records
 * are counted, not decoded.
 *
 * Framing policy. Before the flow is confirmed (a well-formed hello, or three well-formed
 * records), a record header that is not TLS rejects the flow. After, it is named and the
 * direction resynchronises on the next plausible record header (two in a row), as after a
 * capture gap.
 */
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  AlertLevel,
  CONTENT_TYPE_NAMES,
  ContentType,
  Ext,
  HANDSHAKE_NAMES,
  HRR_RANDOM,
  HandshakeType,
  SSL2_CLIENT_HELLO,
  TLS,
  VERSION_NAMES,
  WEAK_VERSION_MAX,
  isGrease,
  weakCipherName,
} from './constants.js';
import type { TlsEvent, TlsEventKind, TlsFields } from './events.js';
import {
  ja3String,
  ja3sString,
  ja4,
  ja4s,
  md5,
  withoutGrease,
  type HelloLists,
} from './fingerprint.js';
import {
  ALERT_DESCRIPTIONS,
  CIPHER_SUITES,
  EXTENSION_TYPES,
  SIGNATURE_SCHEMES,
  SUPPORTED_GROUPS,
} from './tables.js';
import { certEventFields, parseCertificate } from './x509.js';

/** First size of a reassembly buffer (a typical certificate chain fits after one doubling). */
const INITIAL_BUFFER = 4_096;

/** Well-formed records after which a flow without a hello counts as TLS. */
const CONFIRM_AFTER_RECORDS = 3;

/** Per-direction reassembly and encryption state. */
class Side {
  /** Buffer of a handshake message spanning records (allocated for that message only). */
  buf: Uint8Array | null = null;
  /** Bytes in `buf`. */
  len = 0;
  /**
   * Size of the message being reassembled; `buf` grows towards it as bytes arrive, so a header
   * claiming 64 KiB costs nothing until the bytes exist.
   */
  want = 0;
  /** First four bytes of a handshake header split across records. */
  readonly hdr = new Uint8Array(4);
  hdrLen = 0;
  /** Bytes of an oversized handshake message still to skip. */
  skip = 0;
  /** After ChangeCipherSpec: handshake, alert and heartbeat content is encrypted. */
  encrypted = false;
  /** The first application data record was reported. */
  appSeen = false;
  /** Application data records and bytes (counted, not reported one by one). */
  appRecords = 0;
  appBytes = 0;
  /** Encrypted handshake records (Finished, TLS 1.3 post-handshake...). */
  encryptedHandshakes = 0;
  /** After a gap or a broken header: look for the next plausible record header. */
  resync = false;
  /** A record was seen in this direction (the SSLv2 hello is only the first one). */
  seen = false;
}

/** Per-flow TLS state. */
export class TlsState {
  readonly limits: DecoderLimits;
  confirmed = false;
  goodRecords = 0;
  readonly sides: [Side, Side] = [new Side(), new Side()];
  /** A hello was decoded (so an unknown handshake type is malformed, not encrypted). */
  helloSeen = false;
  /** ClientHello seen: whether it had an SNI (null until then). */
  clientSni: boolean | null = null;
  /** The negotiated cipher suite (-1 until the ServerHello). */
  cipher = -1;
  /** The server selected TLS 1.3: its handshake after the ServerHello is encrypted. */
  tls13 = false;
  /** `tls.missing_sni` raised once. */
  missingSniReported = false;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createTlsState(limits: DecoderLimits): TlsState {
  return new TlsState(limits);
}

/** A capture gap: the partial handshake is dropped and the direction resynchronises. */
export function onTlsGap(state: TlsState, dir: Direction): void {
  const s = state.sides[dir];
  s.buf = null;
  s.len = 0;
  s.hdrLen = 0;
  s.skip = 0;
  s.resync = true;
}

/** The five bytes at `p` are a plausible record header (type 20-24, version 3.0-3.4, length). */
function plausibleHeader(d: Uint8Array, p: number): boolean {
  const ct = d[p] as number;
  if (ct < ContentType.CHANGE_CIPHER_SPEC || ct > ContentType.HEARTBEAT) return false;
  if (d[p + 1] !== 3 || (d[p + 2] as number) > 4) return false;
  const len = ((d[p + 3] as number) << 8) | (d[p + 4] as number);
  return len > 0 && len <= TLS.MAX_RECORD;
}

/** SSLv2 CLIENT-HELLO header at 0: 2-byte length with the high bit, type 1, version 2 or 3.x. */
function sslv2Hello(d: Uint8Array, n: number): ProbeResult {
  if (n >= 3 && d[2] !== SSL2_CLIENT_HELLO) return 'no_match';
  if (n >= 2 && ((((d[0] as number) & 0x7f) << 8) | (d[1] as number)) < 9) return 'no_match';
  if (n >= 4 && d[3] !== 0 && d[3] !== 3) return 'no_match';
  if (n < 5) return 'need_more';
  const major = d[3] as number;
  const minor = d[4] as number;
  return (major === 0 && minor === 2) || (major === 3 && minor <= 3) ? 'match' : 'no_match';
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is TLS: a plausible record
 * header whose first handshake message (when the record is a handshake) is a hello of the side
 * that sends it; or an SSLv2 CLIENT-HELLO from a client.
 */
export function probeTls(data: Uint8Array, dir: Direction): ProbeResult {
  const n = data.length;
  if (n < 1) return 'need_more';
  const b0 = data[0] as number;
  if (b0 & 0x80) return dir === Direction.TO_SERVER ? sslv2Hello(data, n) : 'no_match';
  if (b0 < ContentType.CHANGE_CIPHER_SPEC || b0 > ContentType.HEARTBEAT) return 'no_match';
  if (n < 5) {
    if (n >= 2 && data[1] !== 3) return 'no_match';
    if (n >= 3 && (data[2] as number) > 4) return 'no_match';
    return 'need_more';
  }
  if (!plausibleHeader(data, 0)) return 'no_match';
  if (b0 === ContentType.HANDSHAKE) {
    if (n < 6) return 'need_more';
    const t = data[5] as number;
    const want =
      dir === Direction.TO_SERVER ? HandshakeType.CLIENT_HELLO : HandshakeType.SERVER_HELLO;
    if (t !== want) return 'no_match';
    if (n < 9) return 'need_more';
    // The hello length fits the version-and-random at least.
    const hl = ((data[6] as number) << 16) | ((data[7] as number) << 8) | (data[8] as number);
    return hl >= 38 && hl <= TLS.MAX_HANDSHAKE ? 'match' : 'no_match';
  }
  if (b0 === ContentType.ALERT) {
    const len = ((data[3] as number) << 8) | (data[4] as number);
    if (len !== 2) return 'no_match';
    if (n < 7) return 'need_more';
    const level = data[5] as number;
    return (level === 1 || level === 2) && ALERT_DESCRIPTIONS.has(data[6] as number)
      ? 'match'
      : 'no_match';
  }
  // A capture that starts mid-session: application data; need the following header too.
  const len = ((data[3] as number) << 8) | (data[4] as number);
  const next = 5 + len;
  if (n < next + 5) return n === next ? 'match' : 'need_more';
  return plausibleHeader(data, next) ? 'match' : 'no_match';
}

// One cursor per module, reused by every call (decoding is synchronous and not re-entrant).
const cur = new ByteCursor();

/** Decodes the next bytes of one direction. */
export function parseTls(
  state: TlsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const s = state.sides[dir];
  const n = data.length;
  let p = 0;
  while (p < n) {
    if (s.resync) {
      const q = findHeader(data, p, n);
      if (q <= -2) {
        const at = -2 - q;
        const next =
          TLS.RECORD_HEADER + (((data[at + 3] as number) << 8) | (data[at + 4] as number));
        return incomplete(at, next + TLS.RECORD_HEADER);
      }
      if (q < 0) {
        // Keep the last 4 bytes: a header may start there.
        const from = Math.max(p, n - 4);
        return incomplete(from, n - from + 1);
      }
      p = q;
      s.resync = false;
    }
    const b0 = data[p] as number;
    if (!s.seen && dir === Direction.TO_SERVER && b0 & 0x80) {
      if (n - p < 2) return incomplete(p, 2);
      const len2 = ((b0 & 0x7f) << 8) | (data[p + 1] as number);
      if (n - p < 2 + len2) return incomplete(p, 2 + len2);
      s.seen = true;
      if (!sslv2ClientHello(state, data.subarray(p + 2, p + 2 + len2), sink)) {
        return reject('tls.malformed_record');
      }
      p += 2 + len2;
      continue;
    }
    if (n - p < TLS.RECORD_HEADER) return incomplete(p, TLS.RECORD_HEADER);
    if (!plausibleHeader(data, p)) {
      if (!state.confirmed) return reject('tls.malformed_record');
      sink.anomaly(
        'tls.malformed_record',
        `type ${b0}, version 0x${hex16(((data[p + 1] as number) << 8) | (data[p + 2] as number))}`,
      );
      s.resync = true;
      p++;
      continue;
    }
    const len = ((data[p + 3] as number) << 8) | (data[p + 4] as number);
    if (n - p < TLS.RECORD_HEADER + len) return incomplete(p, TLS.RECORD_HEADER + len);
    s.seen = true;
    if (b0 === ContentType.APPLICATION_DATA && s.appSeen) {
      // The bulk of a session: counted without a view or an event.
      s.appRecords++;
      s.appBytes += len;
    } else {
      const version = ((data[p + 1] as number) << 8) | (data[p + 2] as number);
      const body = data.subarray(p + TLS.RECORD_HEADER, p + TLS.RECORD_HEADER + len);
      record(state, s, b0, version, body, dir, sink);
    }
    p += TLS.RECORD_HEADER + len;
    if (!state.confirmed && ++state.goodRecords >= CONFIRM_AFTER_RECORDS) confirm(state, sink);
  }
  return OK;
}

/**
 * First offset >= p of a plausible header followed by another plausible header; -1 when there is
 * none, -2 - q when the candidate at q needs more data to check the header after it.
 */
function findHeader(d: Uint8Array, p: number, n: number): number {
  for (let q = p; q + TLS.RECORD_HEADER <= n; q++) {
    if (!plausibleHeader(d, q)) continue;
    const next = q + TLS.RECORD_HEADER + (((d[q + 3] as number) << 8) | (d[q + 4] as number));
    // The second header must be in the data, whatever the chunking: wait for it.
    if (next + TLS.RECORD_HEADER > n) return -2 - q;
    if (plausibleHeader(d, next)) return q;
  }
  return -1;
}

function confirm(state: TlsState, sink: DecodeSink): void {
  if (state.confirmed) return;
  state.confirmed = true;
  sink.confirm();
}

function hex16(v: number): string {
  return (v | 0x10000).toString(16).slice(1);
}

function base(ct: number, version: number, len: number): TlsFields {
  return { content_type: ct, record_version: version, record_length: len };
}

function emit(sink: DecodeSink, kind: TlsEventKind, tls: TlsFields): void {
  const e: TlsEvent = { kind, tls };
  sink.emit(e);
}

/** One whole record of content type `ct`. */
function record(
  state: TlsState,
  s: Side,
  ct: number,
  version: number,
  body: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): void {
  switch (ct) {
    case ContentType.CHANGE_CIPHER_SPEC:
      emit(sink, 'tls.change_cipher_spec', base(ct, version, body.length));
      s.encrypted = true;
      s.buf = null;
      s.hdrLen = 0;
      s.skip = 0;
      return;
    case ContentType.ALERT:
      alert(s, ct, version, body, sink);
      return;
    case ContentType.HANDSHAKE:
      if (s.encrypted || (state.tls13 && dir === Direction.TO_CLIENT)) {
        s.encryptedHandshakes++;
        return;
      }
      handshakeRecord(state, s, version, body, dir, sink);
      return;
    case ContentType.APPLICATION_DATA:
      s.appRecords++;
      s.appBytes += body.length;
      if (!s.appSeen) {
        s.appSeen = true;
        emit(sink, 'tls.application_data', base(ct, version, body.length));
      }
      return;
    default:
      heartbeat(s, ct, version, body, sink);
  }
}

function alert(s: Side, ct: number, version: number, body: Uint8Array, sink: DecodeSink): void {
  const f = base(ct, version, body.length);
  if (s.encrypted || body.length !== 2) {
    f.encrypted = true;
    emit(sink, 'tls.alert', f);
    return;
  }
  const level = body[0] as number;
  const desc = body[1] as number;
  f.alert_level = level;
  f.alert_description = desc;
  const name = ALERT_DESCRIPTIONS.get(desc) ?? `unknown_${desc}`;
  f.alert = name;
  emit(sink, 'tls.alert', f);
  if (level === AlertLevel.FATAL) sink.anomaly('tls.fatal_alert', name);
}

function heartbeat(s: Side, ct: number, version: number, body: Uint8Array, sink: DecodeSink): void {
  const f = base(ct, version, body.length);
  if (s.encrypted || body.length < 3) {
    f.encrypted = true;
    emit(sink, 'tls.heartbeat', f);
    return;
  }
  f.heartbeat_type = body[0] as number;
  const pl = ((body[1] as number) << 8) | (body[2] as number);
  f.payload_length = pl;
  emit(sink, 'tls.heartbeat', f);
  // [RFC6520] 4: type + length + payload + >= 16 bytes of padding must fit the record; a payload
  // length beyond it is the CVE-2014-0160 (Heartbleed) over-read request.
  if (3 + pl + TLS.HEARTBEAT_MIN_PADDING > body.length) {
    sink.anomaly('tls.heartbleed', `payload_length ${pl} in a ${body.length}-byte record`);
  }
}

/** Feeds a handshake record's bytes into the direction's message reassembly. */
function handshakeRecord(
  state: TlsState,
  s: Side,
  version: number,
  body: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): void {
  const n = body.length;
  let i = 0;
  while (i < n) {
    if (s.skip > 0) {
      const k = Math.min(s.skip, n - i);
      s.skip -= k;
      i += k;
      continue;
    }
    if (s.buf !== null) {
      const k = Math.min(s.want - s.len, n - i);
      if (s.len + k > s.buf.length) {
        const grown = new Uint8Array(Math.min(s.want, Math.max(s.buf.length * 2, s.len + k)));
        grown.set(s.buf.subarray(0, s.len));
        s.buf = grown;
      }
      s.buf.set(body.subarray(i, i + k), s.len);
      s.len += k;
      i += k;
      if (s.len === s.want) {
        const msg = s.buf.length === s.want ? s.buf : s.buf.subarray(0, s.want);
        s.buf = null;
        s.len = 0;
        message(state, version, msg, n, dir, sink);
      }
      continue;
    }
    let total: number;
    if (s.hdrLen > 0) {
      while (s.hdrLen < 4 && i < n) s.hdr[s.hdrLen++] = body[i++] as number;
      if (s.hdrLen < 4) return;
      const h = s.hdr;
      total =
        TLS.HANDSHAKE_HEADER +
        (((h[1] as number) << 16) | ((h[2] as number) << 8) | (h[3] as number));
      s.hdrLen = 0;
      if (!start(state, s, h[0] as number, total, 4, sink)) return;
      const buf = s.buf as Uint8Array | null;
      if (buf !== null) {
        buf.set(h, 0);
        s.len = 4;
      }
      continue;
    }
    if (n - i < TLS.HANDSHAKE_HEADER) {
      while (i < n) s.hdr[s.hdrLen++] = body[i++] as number;
      return;
    }
    const type = body[i] as number;
    total =
      TLS.HANDSHAKE_HEADER +
      (((body[i + 1] as number) << 16) | ((body[i + 2] as number) << 8) | (body[i + 3] as number));
    if (total <= n - i) {
      if (!known(state, s, type, total, i, n, sink)) return;
      message(state, version, body.subarray(i, i + total), n, dir, sink);
      i += total;
      continue;
    }
    if (!start(state, s, type, total, 0, sink)) return;
    // start() allocated the buffer (or set skip): the loop copies the bytes.
  }
}

/**
 * An unknown handshake type before any hello was seen is the encrypted handshake of a session
 * whose start the capture missed (counted); after a hello it is malformed (named).
 */
function known(
  state: TlsState,
  s: Side,
  type: number,
  total: number,
  i: number,
  n: number,
  sink: DecodeSink,
): boolean {
  if (HANDSHAKE_NAMES.has(type) && total <= TLS.MAX_HANDSHAKE) return true;
  if (!state.helloSeen) {
    s.encryptedHandshakes++;
    return false;
  }
  sink.anomaly(
    'tls.malformed_handshake',
    `handshake type ${type}, ${total - 4} bytes at ${i}/${n}`,
  );
  return false;
}

/** Starts reassembling a message of `total` bytes; false when the rest of the record is dropped. */
function start(
  state: TlsState,
  s: Side,
  type: number,
  total: number,
  have: number,
  sink: DecodeSink,
): boolean {
  if (!HANDSHAKE_NAMES.has(type)) {
    if (!state.helloSeen) s.encryptedHandshakes++;
    else sink.anomaly('tls.malformed_handshake', `handshake type ${type}`);
    return false;
  }
  if (total > TLS.MAX_HANDSHAKE) {
    sink.anomaly(
      'tls.handshake_too_large',
      `${HANDSHAKE_NAMES.get(type) ?? type} of ${total - 4} bytes`,
    );
    s.skip = total - have;
    return true;
  }
  s.buf = new Uint8Array(Math.min(total, INITIAL_BUFFER));
  s.want = total;
  s.len = 0;
  return true;
}

/** One whole handshake message (header included). */
function message(
  state: TlsState,
  recordVersion: number,
  msg: Uint8Array,
  recordLen: number,
  dir: Direction,
  sink: DecodeSink,
): void {
  const type = msg[0] as number;
  const f: TlsFields = {
    content_type: ContentType.HANDSHAKE,
    record_version: recordVersion,
    record_length: recordLen,
    handshake_type: type,
    handshake: HANDSHAKE_NAMES.get(type) ?? `unknown_${type}`,
    length: msg.length - TLS.HANDSHAKE_HEADER,
  };
  const body = msg.subarray(TLS.HANDSHAKE_HEADER);
  switch (type) {
    case HandshakeType.CLIENT_HELLO:
      clientHello(state, body, f, dir, sink);
      return;
    case HandshakeType.SERVER_HELLO:
      serverHello(state, body, f, sink);
      return;
    case HandshakeType.CERTIFICATE:
      certificate(state, body, f, sink);
      return;
    case HandshakeType.SERVER_KEY_EXCHANGE:
      serverKeyExchange(state, body, f);
      break;
    case HandshakeType.CERTIFICATE_REQUEST:
      if (body.length >= 1) {
        const k = Math.min(body[0] as number, body.length - 1);
        const types: number[] = [];
        for (let j = 0; j < k; j++) types.push(body[1 + j] as number);
        f.certificate_types = types;
      }
      break;
    case HandshakeType.NEW_SESSION_TICKET:
      if (body.length >= 6) {
        cur.reset(body);
        f.ticket_lifetime = cur.u32be();
        // TLS 1.3 adds age_add and a nonce before the ticket ([RFC8446] 4.6.1).
        if (state.tls13) {
          cur.skip(4);
          cur.skip(cur.u8());
        }
        f.ticket_length = cur.u16be();
      }
      break;
    default:
      break;
  }
  emit(sink, 'tls.handshake', f);
}

/** Names a list of 16-bit codes by `table`, capped; sets `truncated` when cut. */
function names(
  codes: readonly number[],
  table: ReadonlyMap<number, string>,
  cap: number,
): string[] {
  const out: string[] = [];
  const k = Math.min(codes.length, cap);
  for (let i = 0; i < k; i++) {
    const c = codes[i] as number;
    out.push(table.get(c) ?? `0x${hex16(c)}`);
  }
  return out;
}

function cap(state: TlsState): number {
  return Math.min(TLS.MAX_LIST, state.limits.maxObjectsPerMessage);
}

/** Reads a list of u16 codes of `len` bytes at the cursor. */
function u16list(len: number): number[] {
  const out: number[] = [];
  const k = len >> 1;
  for (let i = 0; i < k; i++) out.push(cur.u16be());
  if (len & 1) cur.skip(1);
  return out;
}

function u8list(len: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < len; i++) out.push(cur.u8());
  return out;
}

function versionName(v: number): string {
  return VERSION_NAMES.get(v) ?? `0x${hex16(v)}`;
}

function clientHello(
  state: TlsState,
  body: Uint8Array,
  f: TlsFields,
  _dir: Direction,
  sink: DecodeSink,
): void {
  const lim = cap(state);
  const strCap = state.limits.maxStringBytes;
  const c = cur.reset(body);
  const h: HelloLists = {
    version: 0,
    maxSupportedVersion: 0,
    ciphers: [],
    extensions: [],
    groups: [],
    pointFormats: [],
    sigAlgs: [],
    alpn: null,
    sni: false,
  };
  let malformed = '';
  h.version = c.u16be();
  f.version = h.version;
  f.version_name = versionName(h.version);
  c.skip(32);
  const sid = c.u8();
  f.session_id_length = sid;
  c.skip(sid);
  const cl = c.u16be();
  if (cl & 1) malformed = 'odd cipher suites length';
  h.ciphers = withoutGrease(u16list(cl));
  const cm = c.u8();
  f.compression_methods = u8list(cm);
  if (c.overrun) malformed ||= 'hello shorter than its lists';
  const exts = h.extensions;
  const alpn: string[] = [];
  if (!c.overrun && c.remaining() >= 2) {
    const el = c.u16be();
    const extEnd = c.offset() + el;
    if (el > c.remaining()) malformed ||= 'extensions longer than the hello';
    while (!c.overrun && c.offset() + 4 <= extEnd && c.remaining() >= 4) {
      const type = c.u16be();
      const len = c.u16be();
      const at = c.offset();
      if (len > c.remaining()) {
        malformed ||= `extension ${type} longer than the hello`;
        break;
      }
      if (!isGrease(type)) exts.push(type);
      clientExtension(type, len, h, f, alpn, strCap, lim);
      if (c.offset() > at + len) malformed ||= `extension ${type} overruns its length`;
      c.seek(at + len);
    }
  } else if (!c.overrun && c.remaining() === 1) malformed ||= 'trailing byte';
  if (alpn.length > 0) f.alpn = alpn;
  f.cipher_suites = names(h.ciphers, CIPHER_SUITES, lim);
  f.cipher_suite_count = h.ciphers.length;
  f.extensions = names(exts, EXTENSION_TYPES, lim);
  f.extension_count = exts.length;
  if (h.ciphers.length > lim || exts.length > lim) {
    sink.anomaly(
      'tls.objects_limit_reached',
      `${h.ciphers.length} suites, ${exts.length} extensions`,
    );
  }
  const ja3 = ja3String(h);
  f.ja3 = ja3;
  f.ja3_hash = md5(ja3);
  const j4 = ja4(h);
  f.ja4 = j4.ja4;
  f.ja4_r = j4.ja4_r;
  state.helloSeen = true;
  state.clientSni = h.sni;
  emit(sink, 'tls.client_hello', f);
  if (malformed !== '') sink.anomaly('tls.malformed_handshake', `client_hello: ${malformed}`);
  else confirm(state, sink);
  const maxOffered = h.maxSupportedVersion !== 0 ? h.maxSupportedVersion : h.version;
  if (maxOffered <= WEAK_VERSION_MAX) {
    sink.anomaly('tls.weak_version_offered', versionName(maxOffered));
  }
  let weak = 0;
  let first = '';
  for (const cs of h.ciphers) {
    const name = CIPHER_SUITES.get(cs);
    if (name !== undefined && weakCipherName(name)) {
      if (weak++ === 0) first = name;
    }
  }
  if (weak > 0) sink.anomaly('tls.weak_cipher_offered', `${weak} suites, first ${first}`);
}

/** Reads one ClientHello extension's data at the cursor (`len` bytes). */
function clientExtension(
  type: number,
  len: number,
  h: HelloLists,
  f: TlsFields,
  alpn: string[],
  strCap: number,
  lim: number,
): void {
  const c = cur;
  switch (type) {
    case Ext.SERVER_NAME: {
      h.sni = true;
      if (len < 2) return;
      const listEnd = c.offset() + 2 + c.u16be();
      while (c.offset() + 3 <= listEnd && !c.overrun) {
        const nt = c.u8();
        const nl = c.u16be();
        if (nt === 0 && f.sni === undefined) f.sni = c.latin1(nl, strCap);
        else c.skip(nl);
      }
      return;
    }
    case Ext.ALPN: {
      if (len < 2) return;
      const listEnd = c.offset() + 2 + c.u16be();
      while (c.offset() + 1 <= listEnd && !c.overrun) {
        const pl = c.u8();
        const v = c.bytes(pl);
        if (h.alpn === null) h.alpn = v;
        if (alpn.length < lim) alpn.push(latin(v, strCap));
      }
      return;
    }
    case Ext.SUPPORTED_VERSIONS: {
      const vs = withoutGrease(u8count(c.u8(), 2));
      let max = 0;
      for (const v of vs) if (v > max) max = v;
      h.maxSupportedVersion = max;
      f.supported_versions = vs.slice(0, lim).map(versionName);
      return;
    }
    case Ext.SUPPORTED_GROUPS:
      h.groups = withoutGrease(u16list(c.u16be()));
      f.supported_groups = names(h.groups, SUPPORTED_GROUPS, lim);
      return;
    case Ext.EC_POINT_FORMATS:
      h.pointFormats = u8list(Math.min(c.u8(), len - 1));
      f.ec_point_formats = h.pointFormats.slice(0, lim);
      return;
    case Ext.SIGNATURE_ALGORITHMS:
      h.sigAlgs = withoutGrease(u16list(c.u16be()));
      f.signature_algorithms = names(h.sigAlgs, SIGNATURE_SCHEMES, lim);
      return;
    case Ext.KEY_SHARE: {
      if (len < 2) return;
      const listEnd = c.offset() + 2 + c.u16be();
      const groups: number[] = [];
      while (c.offset() + 4 <= listEnd && !c.overrun) {
        const g = c.u16be();
        c.skip(c.u16be());
        if (!isGrease(g)) groups.push(g);
      }
      f.key_share_groups = names(groups, SUPPORTED_GROUPS, lim);
      return;
    }
    case Ext.PSK_KEY_EXCHANGE_MODES:
      f.psk_key_exchange_modes = withoutGrease(u8list(Math.min(c.u8(), len - 1)));
      return;
    case Ext.SESSION_TICKET:
      f.session_ticket_length = len;
      return;
    case Ext.HEARTBEAT:
      if (len >= 1) f.heartbeat_mode = c.u8();
      return;
    default:
      return;
  }
}

/** Reads a u16 list given its byte length `n` read as one byte (supported_versions). */
function u8count(n: number, width: 2): number[] {
  return u16list(n - (n % width));
}

function latin(v: Uint8Array, capBytes: number): string {
  let s = '';
  const k = Math.min(v.length, capBytes);
  for (let i = 0; i < k; i++) s += String.fromCharCode(v[i] as number);
  return s;
}

function serverHello(state: TlsState, body: Uint8Array, f: TlsFields, sink: DecodeSink): void {
  const lim = cap(state);
  const c = cur.reset(body);
  let malformed = '';
  const version = c.u16be();
  f.version = version;
  f.version_name = versionName(version);
  const random = c.bytes(32);
  let hrr = random.length === 32;
  for (let i = 0; hrr && i < 32; i++) if (random[i] !== HRR_RANDOM[i]) hrr = false;
  const sid = c.u8();
  f.session_id_length = sid;
  c.skip(sid);
  const cipher = c.u16be();
  const compression = c.u8();
  if (c.overrun) malformed = 'hello shorter than its fields';
  f.cipher_suite = cipher;
  const cname = CIPHER_SUITES.get(cipher) ?? `0x${hex16(cipher)}`;
  f.cipher_suite_name = cname;
  f.compression_method = compression;
  if (hrr) f.hello_retry_request = true;
  const exts: number[] = [];
  let selected = version;
  let alpn: Uint8Array | null = null;
  if (!c.overrun && c.remaining() >= 2) {
    const el = c.u16be();
    const extEnd = c.offset() + el;
    if (el > c.remaining()) malformed ||= 'extensions longer than the hello';
    while (!c.overrun && c.offset() + 4 <= extEnd && c.remaining() >= 4) {
      const type = c.u16be();
      const len = c.u16be();
      const at = c.offset();
      if (len > c.remaining()) {
        malformed ||= `extension ${type} longer than the hello`;
        break;
      }
      if (!isGrease(type)) exts.push(type);
      if (type === Ext.SUPPORTED_VERSIONS && len >= 2) selected = c.u16be();
      else if (type === Ext.KEY_SHARE && len >= 2)
        f.key_share_group = SUPPORTED_GROUPS.get(c.u16be()) ?? 'unknown';
      else if (type === Ext.ALPN && len >= 3) {
        c.skip(2);
        alpn = c.bytes(c.u8());
        f.alpn = [latin(alpn, state.limits.maxStringBytes)];
      } else if (type === Ext.SESSION_TICKET) f.session_ticket_length = len;
      else if (type === Ext.HEARTBEAT && len >= 1) f.heartbeat_mode = c.u8();
      c.seek(at + len);
    }
  }
  f.selected_version = selected;
  f.selected_version_name = versionName(selected);
  f.extensions = names(exts, EXTENSION_TYPES, lim);
  f.extension_count = exts.length;
  const j3s = ja3sString(version, cipher, exts);
  f.ja3s = j3s;
  f.ja3s_hash = md5(j3s);
  f.ja4s = ja4s(selected, cipher, exts, alpn);
  state.helloSeen = true;
  state.cipher = cipher;
  state.tls13 = selected === 0x0304 && !hrr;
  emit(sink, 'tls.server_hello', f);
  if (malformed !== '') sink.anomaly('tls.malformed_handshake', `server_hello: ${malformed}`);
  else confirm(state, sink);
  if (selected <= WEAK_VERSION_MAX)
    sink.anomaly('tls.weak_version_negotiated', versionName(selected));
  if (weakCipherName(cname)) sink.anomaly('tls.weak_cipher_negotiated', cname);
}

function certificate(state: TlsState, body: Uint8Array, f: TlsFields, sink: DecodeSink): void {
  const c = cur.reset(body);
  // TLS 1.3 Certificate: request context, then entries with extensions ([RFC8446] 4.4.2).
  if (state.tls13) c.skip(c.u8());
  const listLen = c.u24be();
  const end = Math.min(c.offset() + listLen, body.length);
  let malformed = listLen > c.remaining();
  const certs: NonNullable<TlsFields['certificates']> = [];
  let count = 0;
  let leaf: ReturnType<typeof parseCertificate> | null = null;
  const now = captureTime(sink);
  while (c.offset() + 3 <= end && !c.overrun) {
    const cl = c.u24be();
    if (cl > end - c.offset()) {
      malformed = true;
      break;
    }
    const der = c.bytes(cl);
    if (state.tls13) c.skip(c.u16be());
    count++;
    if (certs.length >= TLS.MAX_CERTIFICATES) continue;
    const info = parseCertificate(der, TLS.MAX_SAN);
    if (info.malformed === true) malformed = true;
    if (leaf === null) leaf = info;
    if (now !== undefined) expiry(info, now, sink);
    certs.push(certEventFields(info));
  }
  f.certificate_count = count;
  f.certificates = certs;
  emit(sink, 'tls.certificate', f);
  if (malformed) sink.anomaly('tls.malformed_handshake', 'certificate');
  if (count > TLS.MAX_CERTIFICATES)
    sink.anomaly('tls.objects_limit_reached', `${count} certificates`);
  if (leaf?.self_signed === true) {
    sink.anomaly('tls.self_signed_certificate', leaf.subject_cn ?? leaf.sha1);
  }
  if (state.clientSni === false && !state.missingSniReported && count > 0) {
    state.missingSniReported = true;
    sink.anomaly('tls.missing_sni', leaf?.subject_cn ?? '');
  }
}

/** The capture time the pipeline offers, if any. */
function captureTime(sink: DecodeSink): number | undefined {
  return sink.captureTime?.();
}

function expiry(info: ReturnType<typeof parseCertificate>, now: number, sink: DecodeSink): void {
  if (info.notAfterSec !== undefined && info.notAfterSec < now) {
    sink.anomaly(
      'tls.expired_certificate',
      `${info.subject_cn ?? info.sha1} expired ${info.not_after}`,
    );
  } else if (info.notBeforeSec !== undefined && info.notBeforeSec > now) {
    sink.anomaly(
      'tls.expired_certificate',
      `${info.subject_cn ?? info.sha1} not valid before ${info.not_before}`,
    );
  }
}

/**
 * ServerKeyExchange: for an ECDHE suite the named curve (curve_type 3, [RFC8422] 5.4); for a
 * DHE suite the size of the prime p ([RFC5246] 7.4.3).
 */
function serverKeyExchange(state: TlsState, body: Uint8Array, f: TlsFields): void {
  const name = CIPHER_SUITES.get(state.cipher) ?? '';
  if (name.includes('ECDH')) {
    if (body.length >= 3 && body[0] === 3) {
      const g = ((body[1] as number) << 8) | (body[2] as number);
      f.server_key_exchange_group = SUPPORTED_GROUPS.get(g) ?? `0x${hex16(g)}`;
    }
  } else if (name.includes('_DHE_') || name.includes('_DH_anon_')) {
    if (body.length >= 2) {
      let p = 0;
      const pl = ((body[0] as number) << 8) | (body[1] as number);
      while (p < pl && body[2 + p] === 0) p++;
      if (pl > p && 2 + pl <= body.length) {
        f.dh_bits = (pl - p - 1) * 8 + (32 - Math.clz32(body[2 + p] as number));
      }
    }
  }
}

/** SSL 2.0 CLIENT-HELLO ([SSLv2]); false when the message is not one. */
function sslv2ClientHello(state: TlsState, msg: Uint8Array, sink: DecodeSink): boolean {
  if (msg.length < 9 || msg[0] !== SSL2_CLIENT_HELLO) return false;
  const c = cur.reset(msg, 1);
  const version = c.u16be();
  const specLen = c.u16be();
  const sidLen = c.u16be();
  const challenge = c.u16be();
  const lim = cap(state);
  const suites: string[] = [];
  let count = 0;
  let weak = 0;
  for (let i = 0; i + 3 <= specLen && c.remaining() >= 3; i += 3) {
    const k = c.u24be();
    count++;
    // A 3-byte kind with a zero first byte is a TLS cipher suite ([RFC5246] E.2).
    const name =
      (k >> 16 === 0 ? CIPHER_SUITES.get(k) : SSL2_KINDS.get(k)) ?? `0x${k.toString(16)}`;
    if (weakCipherName(name)) weak++;
    if (suites.length < lim) suites.push(name);
  }
  const f: TlsFields = {
    content_type: ContentType.HANDSHAKE,
    record_version: 2,
    record_length: msg.length,
    handshake_type: HandshakeType.CLIENT_HELLO,
    handshake: 'client_hello',
    length: msg.length,
    version,
    version_name: versionName(version),
    sslv2: true,
    session_id_length: sidLen,
    cipher_suites: suites,
    cipher_suite_count: count,
  };
  state.helloSeen = true;
  state.clientSni = false;
  emit(sink, 'tls.client_hello', f);
  sink.anomaly('tls.sslv2_client_hello', `version ${versionName(version)}, challenge ${challenge}`);
  if (version <= WEAK_VERSION_MAX) sink.anomaly('tls.weak_version_offered', versionName(version));
  if (weak > 0) sink.anomaly('tls.weak_cipher_offered', `${weak} SSLv2 cipher kinds`);
  return true;
}

/** SSL 2.0 cipher kinds ([SSLv2] appendix A.6). */
const SSL2_KINDS: ReadonlyMap<number, string> = new Map([
  [0x010080, 'SSL2_RC4_128_WITH_MD5'],
  [0x020080, 'SSL2_RC4_128_EXPORT40_WITH_MD5'],
  [0x030080, 'SSL2_RC2_128_CBC_WITH_MD5'],
  [0x040080, 'SSL2_RC2_128_CBC_EXPORT40_WITH_MD5'],
  [0x050080, 'SSL2_IDEA_128_CBC_WITH_MD5'],
  [0x060040, 'SSL2_DES_64_CBC_WITH_MD5'],
  [0x0700c0, 'SSL2_DES_192_EDE3_CBC_WITH_MD5'],
]);

/** Name of a content type (for details). */
export function contentTypeName(ct: number): string {
  return CONTENT_TYPE_NAMES.get(ct) ?? `unknown_${ct}`;
}
