/**
 * DNS parser: the message format of [RFC1035] 4.1 over UDP (one message per datagram) and TCP
 * (each message prefixed by a 2-byte length, [RFC1035] 4.2.2), also multicast DNS ([RFC6762],
 * UDP 5353) and LLMNR ([RFC4795], UDP 5355), which share the format.
 *
 * Names are walked once per occurrence with compression pointers ([RFC1035] 4.1.4) followed at
 * most `DNS.MAX_POINTER_JUMPS` times and at most 255 wire bytes collected; the label positions
 * go into module-level scratch arrays, so the walk allocates nothing and the text form is built
 * only for names an event carries. The entropy of the leftmost labels is computed over a shared
 * histogram that is cleared by walking the same bytes again.
 *
 * The transport comes from `createState` (the pipeline passes the flow's); without it (unit
 * harnesses) the stream form is assumed. Per-flow state: the queries awaiting an answer (by ID,
 * bounded by `maxPendingTransactions`) and the NXDOMAIN history of the last 32 responses as a
 * bit mask.
 */
import { ipv6ToString } from '../../../core/net-format.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  CLASSES,
  DNS,
  EDNS_OPTIONS,
  NXDOMAIN_BURST,
  OPCODES,
  RCODES,
  RCODE_NXDOMAIN,
  RR_TYPES,
  T,
  TUNNEL,
} from './constants.js';
import type { DnsEdns, DnsFields, DnsRecord } from './events.js';

/** Per-flow state. */
export interface DnsState {
  /** True for UDP: each `parse` call is one whole message. */
  readonly datagram: boolean;
  confirmed: boolean;
  /** Queries awaiting their response: ID to query name (insertion order = age). */
  readonly pending: Map<number, string>;
  /** Bit i set: the i-th latest response was NXDOMAIN. */
  nxMask: number;
  /** NXDOMAIN burst already reported for the current run. */
  nxReported: boolean;
  /** Per direction: the stream lost its framing (capture gap or oversized message). */
  readonly lost: [boolean, boolean];
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state; `transport` is the flow's (stream form unless `udp`). */
export function createDnsState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): DnsState {
  return {
    datagram: transport === 'udp',
    confirmed: false,
    pending: new Map(),
    nxMask: 0,
    nxReported: false,
    lost: [false, false],
    limits,
  };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

// ---------------------------------------------------------------------------------------------
// Header plausibility (probe and the first message of a flow)

/** Opcodes accepted on a flow's first message: query, notify, update (IQUERY is obsolete, STATUS unused). */
function usualOpcode(op: number): boolean {
  return op === 0 || op === 4 || op === 5;
}

/**
 * Checks a DNS header at `h` and the first question's name when it is there: 1 plausible, 0
 * needs more bytes, -1 not DNS. Each field is judged as soon as its bytes are there, so a
 * prefix is refused as early as possible. Queries must carry a question and rcode 0; a message
 * with every count zero says nothing; counts are bounded (mDNS browsers send a few hundred
 * questions, no real message has 4096 records); the first question name may not use a pointer
 * (nothing precedes it), may not be a NetBIOS name, and its class must be a known one.
 */
function plausible(d: Uint8Array, h: number, n: number): number {
  const avail = n - h;
  if (avail < 3) return 0;
  const b2 = d[h + 2] as number;
  const qr = (b2 & 0x80) !== 0;
  const opcode = (b2 >> 3) & 0x0f;
  if (!usualOpcode(opcode)) return -1;
  if (avail < 4) return 0;
  const b3 = d[h + 3] as number;
  if ((b3 & 0x40) !== 0 || (!qr && (b3 & 0x0f) !== 0)) return -1;
  if (avail < 6) return 0;
  const qd = u16(d, h + 4);
  if (qd > 1024 || (!qr && opcode === 0 && qd === 0)) return -1;
  if (avail < 8) return 0;
  const an = u16(d, h + 6);
  if (an > 4096) return -1;
  if (avail < 10) return 0;
  const ns = u16(d, h + 8);
  if (an + ns > 4096) return -1;
  if (avail < DNS.HEADER) return 0;
  const ar = u16(d, h + 10);
  if (an + ns + ar > 4096 || qd + an + ns + ar === 0) return -1;
  let p = h + DNS.HEADER;
  // The first name, of a question or (qd = 0) of a record, may not be a NetBIOS name.
  if (netbiosName(d, p, n)) return -1;
  if (qd === 0) return 1;
  for (let wire = 0; ;) {
    if (p >= n) return 0;
    const len = d[p] as number;
    if (len === 0) break;
    if (len > DNS.MAX_LABEL) return -1;
    wire += len + 1;
    if (wire > DNS.MAX_NAME_WIRE) return -1;
    p += len + 1;
  }
  if (n - p < 5) return 0;
  const cls = u16(d, p + 3) & 0x7fff;
  return CLASSES.has(cls) ? 1 : -1;
}

/**
 * True when the name at `p` starts with a 32-character label of letters A-P: a NetBIOS name in
 * first-level encoding ([RFC1002] 4.1), i.e. NBNS (UDP 137), which borrows the DNS format but is
 * another protocol.
 */
function netbiosName(d: Uint8Array, p: number, n: number): boolean {
  if (d[p] !== 32 || n - p < 33) return false;
  for (let i = p + 1; i <= p + 32; i++) {
    const c = d[i] as number;
    if (c < 0x41 || c > 0x50) return false;
  }
  return true;
}

/**
 * Recognises a DNS message in either form: a whole datagram (header first; anything that runs
 * past its end is not DNS) or the start of a TCP stream (2-byte length, then the header, which
 * may still be incomplete).
 */
export function probeDns(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n >= DNS.HEADER && plausible(data, 0, n) === 1) return 'match';
  if (n < 2) return 'need_more';
  const len = u16(data, 0);
  // The first message of a TCP flow is a query (small) or, mid-capture, a response; responses
  // above 16 KiB (large zone transfers) are not recognised from their first bytes.
  if (len < DNS.HEADER || len > DNS.PROBE_MAX_TCP_LENGTH) return 'no_match';
  // Queries are small: a longer one is not a query.
  if (n > 4 && ((data[4] as number) & 0x80) === 0 && len > DNS.PROBE_MAX_TCP_QUERY)
    return 'no_match';
  const end = Math.min(n, len + 2);
  const tcp = plausible(data, 2, end);
  if (tcp === 1) return 'match';
  return tcp === 0 && end < len + 2 ? 'need_more' : 'no_match';
}

// ---------------------------------------------------------------------------------------------
// Names

/** Offsets and lengths of the labels of the last name walked. */
const LABEL_OFF = new Int32Array(128);
const LABEL_LEN = new Uint8Array(128);
/** Where each label of the last name starts in its text form (set by nameText). */
const LABEL_TEXT = new Int32Array(128);
let labels = 0;
/** Wire bytes of the last name (length octets included, root octet excluded). */
let wireLen = 0;
/** Offset just after the name where it started (past the first pointer, if any). */
let nameNext = 0;

const NAME_OK = 0;
const NAME_TRUNCATED = 1;
const NAME_LOOP = 2;
const NAME_TOO_LONG = 3;
const NAME_BAD_LABEL = 4;
const NAME_BAD_POINTER = 5;

const NAME_ANOMALY = [
  '',
  'dns.truncated_message',
  'dns.compression_loop',
  'dns.name_too_long',
  'dns.malformed_name',
  'dns.malformed_name',
] as const;

const NAME_DETAIL = [
  '',
  'name runs past the end of the message',
  'more than 32 compression pointers',
  'name longer than 255 bytes',
  'reserved label type (0x40 or 0x80)',
  'compression pointer outside the message',
] as const;

/** Anomaly name for a name walk result (NAME_OK: the question's fixed part was cut). */
function nameAnomaly(r: number): string {
  return r === NAME_OK ? 'dns.truncated_message' : (NAME_ANOMALY[r] ?? 'dns.malformed_name');
}

function nameDetail(r: number): string {
  return NAME_DETAIL[r] ?? 'malformed name';
}

/**
 * Walks the name at `off` of the message `d[ms, me)`; fills the label scratch and `nameNext`.
 * Returns NAME_OK or the failure.
 */
function walkName(d: Uint8Array, ms: number, me: number, off: number): number {
  labels = 0;
  wireLen = 0;
  nameNext = -1;
  let p = off;
  let jumps = 0;
  for (;;) {
    if (p >= me) return NAME_TRUNCATED;
    const len = d[p] as number;
    if (len === 0) {
      if (nameNext < 0) nameNext = p + 1;
      return NAME_OK;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (p + 1 >= me) return NAME_TRUNCATED;
      if (nameNext < 0) nameNext = p + 2;
      if (++jumps > DNS.MAX_POINTER_JUMPS) return NAME_LOOP;
      const target = ms + (((len & 0x3f) << 8) | (d[p + 1] as number));
      if (target >= me) return NAME_BAD_POINTER;
      p = target;
      continue;
    }
    if (kind !== 0) return NAME_BAD_LABEL;
    if (p + 1 + len > me) return NAME_TRUNCATED;
    wireLen += len + 1;
    if (wireLen > DNS.MAX_NAME_WIRE || labels >= LABEL_OFF.length) return NAME_TOO_LONG;
    LABEL_OFF[labels] = p + 1;
    LABEL_LEN[labels] = len;
    labels++;
    p += len + 1;
  }
}

/**
 * Text form of the last name walked, as Wireshark shows it: labels joined by dots, the root as
 * `<Root>`, printable ASCII (space included) as is, a label with bytes above 0x7f decoded as
 * UTF-8 (mDNS service instance names are UTF-8, [RFC6763] 4.3), control bytes as `\xNN`.
 */
function nameText(d: Uint8Array): string {
  if (labels === 0) return '<Root>';
  let s = '';
  for (let i = 0; i < labels; i++) {
    if (i > 0) s += '.';
    LABEL_TEXT[i] = s.length;
    const o = LABEL_OFF[i] as number;
    const e = o + (LABEL_LEN[i] as number);
    let high = false;
    for (let p = o; p < e; p++) if ((d[p] as number) > 0x7e) high = true;
    if (high) {
      s += UTF8.decode(d.subarray(o, e));
      continue;
    }
    for (let p = o; p < e; p++) {
      const c = d[p] as number;
      if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
      else s += c < 16 ? `\\x0${c.toString(16)}` : `\\x${c.toString(16)}`;
    }
  }
  return s;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Character length of the last name (labels plus separating dots, no escapes). */
function nameChars(): number {
  return labels === 0 ? 0 : wireLen - 1;
}

const HIST = new Uint32Array(256);

/** Shannon entropy (bits per byte) of the leftmost labels of the last name, 3 decimals. */
function leftEntropy(d: Uint8Array): number {
  const upto = labels > 2 ? labels - 2 : Math.min(labels, 1);
  let total = 0;
  for (let i = 0; i < upto; i++) {
    const o = LABEL_OFF[i] as number;
    const e = o + (LABEL_LEN[i] as number);
    for (let p = o; p < e; p++) HIST[d[p] as number] = (HIST[d[p] as number] as number) + 1;
    total += LABEL_LEN[i] as number;
  }
  if (total === 0) return 0;
  let h = 0;
  for (let i = 0; i < upto; i++) {
    const o = LABEL_OFF[i] as number;
    const e = o + (LABEL_LEN[i] as number);
    for (let p = o; p < e; p++) {
      const c = HIST[d[p] as number] as number;
      if (c === 0) continue;
      const q = c / total;
      h -= q * Math.log2(q);
      HIST[d[p] as number] = 0;
    }
  }
  return Math.round(h * 1000) / 1000;
}

/**
 * The domain of the last name, `text` being its text form: its last two labels (the whole name
 * when it has two or fewer), the part a tunnel or a DGA keeps while varying the labels to its
 * left (the same split as {@link leftEntropy}). Names under a two-label public suffix
 * (`example.co.uk`) give the suffix: grouping by it errs towards more names per domain, never
 * towards letting a tunnel spread over several. A slice of the text, no copy of the bytes.
 */
function domainText(text: string): string {
  return labels > 2 ? text.slice(LABEL_TEXT[labels - 2] as number) : text;
}

function longestLabel(): number {
  let m = 0;
  for (let i = 0; i < labels; i++) if ((LABEL_LEN[i] as number) > m) m = LABEL_LEN[i] as number;
  return m;
}

// ---------------------------------------------------------------------------------------------
// Parse

/** Decodes DNS messages: one datagram, or length-prefixed messages from a TCP stream. */
export function parseDns(
  state: DnsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.datagram) {
    if (!state.confirmed && plausible(data, 0, n) !== 1) {
      return n < DNS.HEADER ? incomplete(0, DNS.HEADER) : reject('dns.not_dns');
    }
    if (n < DNS.HEADER) {
      sink.anomaly('dns.truncated_message', `${n}-byte datagram`);
      return OK;
    }
    message(state, data, 0, n, 'udp', sink);
    return OK;
  }
  if (state.lost[dir]) return OK;
  let pos = 0;
  while (pos < n) {
    if (n - pos < 2) return incomplete(pos, 2);
    const len = u16(data, pos);
    if (len < DNS.HEADER) return reject('dns.invalid_length');
    const total = len + 2;
    if (n - pos < total) return incomplete(pos, total);
    const ms = pos + 2;
    if (!state.confirmed && plausible(data, ms, ms + len) !== 1) return reject('dns.not_dns');
    message(state, data, ms, ms + len, 'tcp', sink);
    pos += total;
  }
  return OK;
}

/** A capture gap: the stream's framing is lost in that direction. */
export function dnsGap(state: DnsState, dir: Direction): void {
  if (!state.datagram) state.lost[dir] = true;
}

/** Per-message tallies filled by `section`. */
let txtBytes = 0;
let nullBytes = 0;
let sectionError = '';
let edns: DnsEdns | undefined;
let extRcode = 0;

function message(
  state: DnsState,
  d: Uint8Array,
  ms: number,
  me: number,
  transport: 'udp' | 'tcp',
  sink: DecodeSink,
): void {
  const id = u16(d, ms);
  const b2 = d[ms + 2] as number;
  const b3 = d[ms + 3] as number;
  const qr = (b2 & 0x80) !== 0;
  const opcode = (b2 >> 3) & 0x0f;
  const qd = u16(d, ms + 4);
  const an = u16(d, ms + 6);
  const ns = u16(d, ms + 8);
  const ar = u16(d, ms + 10);
  const f: DnsFields = {
    transport,
    id,
    qr,
    opcode,
    opcode_name: OPCODES.get(opcode) ?? 'unknown',
    aa: (b2 & 0x04) !== 0,
    tc: (b2 & 0x02) !== 0,
    rd: (b2 & 0x01) !== 0,
    ra: (b3 & 0x80) !== 0,
    z: (b3 & 0x40) !== 0,
    ad: (b3 & 0x20) !== 0,
    cd: (b3 & 0x10) !== 0,
    rcode: b3 & 0x0f,
    rcode_name: '',
    qdcount: qd,
    ancount: an,
    nscount: ns,
    arcount: ar,
  };
  if (!OPCODES.has(opcode)) sink.anomaly('dns.unknown_opcode', `opcode ${opcode}`);
  const kind = qr ? 'dns.response' : 'dns.query';
  let p = ms + DNS.HEADER;
  let error = '';
  // Questions: the first in the message event, the others as `dns.question` events after it.
  let extra: DnsFields[] | null = null;
  for (let i = 0; i < qd; i++) {
    const r = walkName(d, ms, me, p);
    if (r !== NAME_OK || me - nameNext < 4) {
      error = r !== NAME_OK ? nameDetail(r) : 'question runs past the end of the message';
      sink.anomaly(nameAnomaly(r), `question ${i + 1}: ${error}`);
      break;
    }
    const qtype = u16(d, nameNext);
    const qclassRaw = u16(d, nameNext + 2);
    const target: DnsFields = i === 0 ? f : questionBase(f);
    target.qname = nameText(d);
    target.qtype = qtype;
    target.qtype_name = typeName(qtype);
    // The top bit of QCLASS is mDNS's unicast-response bit ([RFC6762] 5.4).
    const mdnsBit = (qclassRaw & 0x8000) !== 0 && (qclassRaw & 0x7fff) !== 255;
    target.qclass = mdnsBit ? qclassRaw & 0x7fff : qclassRaw;
    target.qclass_name = className(target.qclass);
    if (mdnsBit) target.qu = true;
    target.qname_length = nameChars();
    target.label_count = labels;
    target.longest_label = longestLabel();
    target.entropy = leftEntropy(d);
    if (labels > 0) target.domain = domainText(target.qname);
    if (i > 0) {
      target.question_index = i;
      if (extra === null) extra = [];
      if (extra.length < state.limits.maxObjectsPerMessage) extra.push(target);
    }
    if (!qr) queryAnomalies(target, qtype, sink);
    p = nameNext + 4;
  }
  txtBytes = 0;
  nullBytes = 0;
  edns = undefined;
  extRcode = 0;
  if (error === '') {
    p = section(d, ms, me, p, an, f, 'answers', sink);
    if (p >= 0) p = section(d, ms, me, p, ns, f, 'authority', sink);
    if (p >= 0) p = section(d, ms, me, p, ar, f, 'additional', sink);
    if (p < 0) error = sectionError;
  }
  if (error !== '') f.error = error;
  if (edns !== undefined) {
    f.edns = edns;
    f.rcode = (extRcode << 4) | f.rcode;
  }
  f.rcode_name = RCODES.get(f.rcode) ?? 'unknown';
  if (txtBytes > 0) f.txt_bytes = txtBytes;
  if (nullBytes > 0) f.null_bytes = nullBytes;
  if (qr) response(state, f, sink);
  else if (f.qname !== undefined) remember(state, id, f.qname);
  sink.emit({ kind, dns: f });
  if (extra !== null) {
    for (const q of extra) {
      q.rcode = f.rcode;
      q.rcode_name = f.rcode_name;
      sink.emit({ kind: 'dns.question', dns: q });
    }
  }
  if (!state.confirmed && error === '') {
    state.confirmed = true;
    sink.confirm();
  }
}

/** The header fields of `f` for a `dns.question` event (the rcode is completed later). */
function questionBase(f: DnsFields): DnsFields {
  return {
    transport: f.transport,
    id: f.id,
    qr: f.qr,
    opcode: f.opcode,
    opcode_name: f.opcode_name,
    aa: f.aa,
    tc: f.tc,
    rd: f.rd,
    ra: f.ra,
    z: f.z,
    ad: f.ad,
    cd: f.cd,
    rcode: f.rcode,
    rcode_name: '',
    qdcount: f.qdcount,
    ancount: f.ancount,
    nscount: f.nscount,
    arcount: f.arcount,
  };
}

function typeName(t: number): string {
  return RR_TYPES.get(t) ?? `TYPE${t}`;
}

function className(c: number): string {
  return CLASSES.get(c) ?? `CLASS${c}`;
}

function queryAnomalies(q: DnsFields, qtype: number, sink: DecodeSink): void {
  if (qtype === T.AXFR || qtype === T.IXFR) {
    sink.anomaly('dns.zone_transfer', `${typeName(qtype)} ${q.qname ?? ''}`);
  } else if (qtype === T.ANY) {
    sink.anomaly('dns.any_query', q.qname);
  }
  const len = q.qname_length ?? 0;
  if (len >= TUNNEL.LONG_NAME || (q.longest_label ?? 0) >= TUNNEL.LONG_LABEL) {
    sink.anomaly('dns.long_name', `${len} characters, longest label ${q.longest_label ?? 0}`);
  }
  const leftBytes = len - (q.label_count ?? 0);
  if ((q.entropy ?? 0) >= TUNNEL.HIGH_ENTROPY && leftBytes >= TUNNEL.MIN_ENTROPY_BYTES) {
    sink.anomaly('dns.high_entropy_name', `entropy ${q.entropy ?? 0} bits per byte`);
  }
}

function remember(state: DnsState, id: number, qname: string): void {
  const pending = state.pending;
  pending.delete(id);
  if (pending.size >= state.limits.maxPendingTransactions) {
    const oldest = pending.keys().next();
    if (oldest.done !== true) pending.delete(oldest.value);
  }
  pending.set(id, qname);
}

function response(state: DnsState, f: DnsFields, sink: DecodeSink): void {
  const q = state.pending.get(f.id);
  if (q !== undefined && (f.qname === undefined || q === f.qname)) {
    f.paired = true;
    state.pending.delete(f.id);
  }
  if (f.tc) sink.anomaly('dns.truncated_response', f.qname);
  const nx = f.rcode === RCODE_NXDOMAIN ? 1 : 0;
  state.nxMask = ((state.nxMask << 1) | nx) >>> (32 - NXDOMAIN_BURST.WINDOW);
  let c = state.nxMask;
  let count = 0;
  while (c !== 0) {
    c &= c - 1;
    count++;
  }
  if (count >= NXDOMAIN_BURST.COUNT) {
    if (!state.nxReported) {
      state.nxReported = true;
      sink.anomaly('dns.nxdomain_burst', `${count} of the last ${NXDOMAIN_BURST.WINDOW} responses`);
    }
  } else if (count === 0) state.nxReported = false;
}

/**
 * Walks `count` resource records from `p`; lists the first `DNS.MAX_RECORDS_LISTED` in
 * `f[key]`. Returns the offset after the section, or -1 (reason in `sectionError`).
 */
function section(
  d: Uint8Array,
  ms: number,
  me: number,
  p: number,
  count: number,
  f: DnsFields,
  key: 'answers' | 'authority' | 'additional',
  sink: DecodeSink,
): number {
  if (count === 0) return p;
  const list: DnsRecord[] = [];
  f[key] = list;
  for (let i = 0; i < count; i++) {
    const r = walkName(d, ms, me, p);
    if (r !== NAME_OK) {
      sectionError = `${key} record ${i + 1}: ${nameDetail(r)}`;
      sink.anomaly(nameAnomaly(r), sectionError);
      return -1;
    }
    const q = nameNext;
    if (me - q < 10) {
      sectionError = `${key} record ${i + 1}: runs past the end of the message`;
      sink.anomaly('dns.truncated_message', sectionError);
      return -1;
    }
    const type = u16(d, q);
    const cls = u16(d, q + 2);
    const ttl = u32(d, q + 4);
    const rdlen = u16(d, q + 8);
    const rd = q + 10;
    if (rd + rdlen > me) {
      sectionError = `${key} record ${i + 1}: RDATA runs past the end of the message`;
      sink.anomaly('dns.truncated_message', sectionError);
      return -1;
    }
    if (type === T.OPT) {
      opt(d, cls, ttl, rd, rd + rdlen);
    } else {
      if (key === 'answers') {
        if (type === T.TXT) txtBytes += rdlen;
        else if (type === T.NULL) nullBytes += rdlen;
      }
      if (list.length < DNS.MAX_RECORDS_LISTED) {
        list.push(record(d, ms, me, type, cls, ttl, rdlen, rd));
      } else if (list.length === DNS.MAX_RECORDS_LISTED && i === DNS.MAX_RECORDS_LISTED) {
        sink.anomaly('dns.records_limit_reached', `${count} ${key} records`);
      }
    }
    p = rd + rdlen;
  }
  if (list.length === 0) delete f[key];
  return p;
}

function record(
  d: Uint8Array,
  ms: number,
  me: number,
  type: number,
  clsRaw: number,
  ttl: number,
  rdlen: number,
  rd: number,
): DnsRecord {
  const name = nameText(d);
  // mDNS sets the top bit of CLASS for cache-flush ([RFC6762] 10.2).
  const flush = (clsRaw & 0x8000) !== 0;
  const cls = clsRaw & 0x7fff;
  const r: DnsRecord = {
    name,
    type,
    type_name: typeName(type),
    class: flush ? cls : clsRaw,
    class_name: className(flush ? cls : clsRaw),
    ttl,
    rdlength: rdlen,
  };
  if (flush) r.cache_flush = true;
  const end = rd + rdlen;
  switch (type) {
    case T.A:
      if (rdlen === 4) r.data = `${d[rd]}.${d[rd + 1]}.${d[rd + 2]}.${d[rd + 3]}`;
      break;
    case T.AAAA:
      if (rdlen === 16) r.data = ipv6ToString(d, rd);
      break;
    case T.CNAME:
    case T.NS:
    case T.PTR:
    case T.DNAME:
      if (walkName(d, ms, me, rd) === NAME_OK && nameNext <= end) r.data = nameText(d);
      break;
    case T.MX:
      if (rdlen >= 3 && walkName(d, ms, me, rd + 2) === NAME_OK && nameNext <= end) {
        r.data = `${u16(d, rd)} ${nameText(d)}`;
      }
      break;
    case T.SRV:
      if (rdlen >= 7 && walkName(d, ms, me, rd + 6) === NAME_OK && nameNext <= end) {
        r.data = `${u16(d, rd)} ${u16(d, rd + 2)} ${u16(d, rd + 4)} ${nameText(d)}`;
      }
      break;
    case T.SOA: {
      if (walkName(d, ms, me, rd) !== NAME_OK) break;
      const mname = nameText(d);
      if (walkName(d, ms, me, nameNext) !== NAME_OK || nameNext + 20 > end) break;
      const x = nameNext;
      r.data = `${mname} ${nameText(d)} ${u32(d, x)} ${u32(d, x + 4)} ${u32(d, x + 8)} ${u32(d, x + 12)} ${u32(d, x + 16)}`;
      break;
    }
    case T.TXT: {
      const txt: string[] = [];
      for (let p = rd; p < end && txt.length < DNS.MAX_TXT_STRINGS;) {
        const len = d[p] as number;
        const stop = Math.min(p + 1 + len, end);
        const cut = Math.min(stop, p + 1 + DNS.MAX_TXT_CHARS);
        let s = '';
        for (let i = p + 1; i < cut; i++) s += String.fromCharCode(d[i] as number);
        txt.push(s);
        p = stop;
      }
      r.txt = txt;
      break;
    }
    default:
      break;
  }
  return r;
}

function opt(d: Uint8Array, cls: number, ttl: number, p: number, end: number): void {
  extRcode = ttl >>> 24;
  const e: DnsEdns = {
    udp_size: cls,
    version: (ttl >>> 16) & 0xff,
    do: (ttl & 0x8000) !== 0,
    ext_rcode: extRcode,
    options: [],
  };
  while (end - p >= 4 && e.options.length < DNS.MAX_EDNS_OPTIONS) {
    const code = u16(d, p);
    const len = u16(d, p + 2);
    e.options.push({ code, name: EDNS_OPTIONS.get(code) ?? 'unknown', length: len });
    p += 4 + len;
  }
  edns = e;
}
