/**
 * NBNS parser: the NetBIOS name service of [RFC1002] 4.2 on UDP 137: name queries, node status
 * (NBSTAT) queries, registrations, releases, refreshes, WACKs and multi-homed registrations
 * ([MS-NBTE] 2.2.1), with their responses. The format borrows DNS's (header, questions, resource
 * records) with NetBIOS names in first-level encoding (`names.ts`).
 *
 * One datagram per call. Fields are read by index; strings and objects are built only for the
 * event. Records listed are bounded ({@link NBNS}.MAX_RECORDS, the node status name table by
 * `maxObjectsPerMessage`); the request ids remembered per flow for response pairing are a fixed
 * ring of {@link NBNS}.MAX_PENDING entries (older ids are overwritten, never grown).
 */
import { ipv4ToString } from '../../../core/net-format.js';
import { OK, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  NBNS,
  NODE_TYPES,
  OPCODES,
  RCODES,
  RCODE_ACT_ERR,
  RCODE_CFT_ERR,
  RR_TYPES,
  TYPE_A,
  TYPE_NB,
  TYPE_NBSTAT,
  TYPE_NS,
} from './constants.js';
import type { NbnsFields, NbnsName, NbnsRecord, NbnsStatusName } from './events.js';
import {
  NAME_BAD_ENCODING,
  NAME_BAD_LABEL,
  NAME_TRUNCATED,
  isFirstLevel,
  nameResult,
  readNetbiosName,
  suffixName,
} from './names.js';

/** Per-flow state. */
export interface NbnsState {
  confirmed: boolean;
  readonly limits: DecoderLimits;
  /** Transaction ids of the last requests, per direction they travelled in (ring buffers). */
  readonly pending: [Int32Array, Int32Array];
  /** Next ring slot, per direction. */
  readonly next: [number, number];
  /** Requests seen, per direction. */
  readonly requests: [number, number];
}

/** Fresh per-flow state. */
export function createNbnsState(limits: DecoderLimits): NbnsState {
  return {
    confirmed: false,
    limits,
    pending: [new Int32Array(NBNS.MAX_PENDING).fill(-1), new Int32Array(NBNS.MAX_PENDING).fill(-1)],
    next: [0, 0],
    requests: [0, 0],
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

/**
 * A plausible NBNS message: a known opcode, the two reserved NM_FLAGS bits clear, 1 to 8
 * entries in all, and a first name (question or, without one, answer) in first-level encoding
 * right after the header. The encoding check is what tells NBNS from DNS.
 */
function plausible(d: Uint8Array): boolean {
  const n = d.length;
  if (n < NBNS.HEADER + 34) return false;
  const flags = u16(d, 2);
  if (!OPCODES.has((flags >> 11) & 0xf) || (flags & 0x0060) !== 0) return false;
  const qd = u16(d, 4);
  const total = qd + u16(d, 6) + u16(d, 8) + u16(d, 10);
  if (total < 1 || total > 8) return false;
  return isFirstLevel(d, NBNS.HEADER, n);
}

/** Recognises an NBNS datagram. */
export function probeNbns(data: Uint8Array, _dir: Direction): ProbeResult {
  return plausible(data) ? 'match' : 'no_match';
}

const NAME_ANOMALY = ['', 'nbns.truncated_message', 'nbns.bad_name_encoding', 'nbns.bad_label'];

/** Copies the name just read into `into`. */
function nameFields<T extends NbnsName>(into: T): T {
  into.name = nameResult.display;
  into.netbios_name = nameResult.name;
  into.suffix = nameResult.suffix;
  into.suffix_name = suffixName(nameResult.suffix);
  if (nameResult.scope !== '') into.scope = nameResult.scope;
  return into;
}

/** Decodes one NBNS datagram. */
export function parseNbns(
  state: NbnsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const d = data;
  const n = d.length;
  if (!plausible(d)) {
    if (!state.confirmed) return reject('nbns.not_nbns');
    if (n < NBNS.HEADER) sink.anomaly('nbns.truncated_message', `${n}-byte datagram`);
    else if (!OPCODES.has((u16(d, 2) >> 11) & 0xf))
      sink.anomaly('nbns.not_nbns', `opcode ${(u16(d, 2) >> 11) & 0xf}`);
    else return message(state, d, dir, sink);
    return OK;
  }
  message(state, d, dir, sink);
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  return OK;
}

function message(state: NbnsState, d: Uint8Array, dir: Direction, sink: DecodeSink): ParseStatus {
  const n = d.length;
  const flags = u16(d, 2);
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  const f: NbnsFields = {
    transaction_id: u16(d, 0),
    response: (flags & 0x8000) !== 0,
    opcode,
    opcode_name: OPCODES.get(opcode) ?? 'unknown',
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    broadcast: (flags & 0x0010) !== 0,
    rcode,
    rcode_name: RCODES[rcode] ?? 'unknown',
    qdcount: u16(d, 4),
    ancount: u16(d, 6),
    nscount: u16(d, 8),
    arcount: u16(d, 10),
    questions: [],
    records: [],
  };
  let p: number = NBNS.HEADER;
  let listed = 0;
  let omitted = 0;
  let broken = false;
  for (let i = 0; i < f.qdcount && !broken; i++) {
    const st = readNetbiosName(d, p, n, true);
    if (st === NAME_TRUNCATED || st === NAME_BAD_LABEL || nameResult.next + 4 > n) {
      sink.anomaly(NAME_ANOMALY[st] || 'nbns.truncated_message', `question ${i + 1}`);
      broken = true;
      break;
    }
    if (st === NAME_BAD_ENCODING) sink.anomaly('nbns.bad_name_encoding', nameResult.display);
    p = nameResult.next;
    const type = u16(d, p);
    if (listed < NBNS.MAX_RECORDS) {
      listed++;
      f.questions.push(
        nameFields({
          name: '',
          netbios_name: '',
          suffix: 0,
          suffix_name: '',
          type,
          type_name: RR_TYPES.get(type) ?? 'unknown',
        }),
      );
    } else omitted++;
    p += 4;
  }
  const sections = [f.ancount, f.nscount, f.arcount];
  const names = ['answer', 'authority', 'additional'] as const;
  for (let s = 0; s < 3 && !broken; s++) {
    const count = sections[s] as number;
    for (let i = 0; i < count; i++) {
      const next = record(
        state,
        d,
        p,
        names[s] as NbnsRecord['section'],
        listed < NBNS.MAX_RECORDS,
        f,
        sink,
      );
      if (next < 0) {
        broken = true;
        break;
      }
      if (listed < NBNS.MAX_RECORDS) listed++;
      else omitted++;
      p = next;
    }
  }
  if (omitted > 0) {
    f.records_omitted = omitted;
    sink.anomaly('nbns.too_many_records', `${omitted} entries beyond ${NBNS.MAX_RECORDS}`);
  }
  const q = f.questions[0];
  const first = q ?? f.records[0];
  if (first) {
    f.name = first.name;
    f.netbios_name = first.netbios_name;
    f.suffix = first.suffix;
    f.suffix_name = first.suffix_name;
  }
  pair(state, f, dir, sink);
  if (f.response && (rcode === RCODE_CFT_ERR || rcode === RCODE_ACT_ERR))
    sink.anomaly('nbns.name_conflict', `${f.opcode_name} ${f.rcode_name} for ${f.name ?? '?'}`);
  sink.emit({ kind: f.response ? 'nbns.response' : 'nbns.request', nbns: f });
  return OK;
}

/** Remembers request ids; flags a response whose id matches no request seen on this flow. */
function pair(state: NbnsState, f: NbnsFields, dir: Direction, sink: DecodeSink): void {
  const id = f.transaction_id;
  if (!f.response) {
    const ring = state.pending[dir];
    if (ring.includes(id)) return;
    ring[state.next[dir]] = id;
    state.next[dir] = (state.next[dir] + 1) % NBNS.MAX_PENDING;
    state.requests[dir]++;
    return;
  }
  // A broadcast query is answered on another flow (unicast back to the asker), so only a flow
  // that carried requests the other way can tell that a response answers none of them.
  const other = dir === 0 ? 1 : 0;
  if (state.requests[other] > 0 && !state.pending[other].includes(id))
    sink.anomaly('nbns.unmatched_response', `transaction ${id} (${f.opcode_name})`);
}

/** Reads one resource record at `p`; returns the offset after it, or -1 when broken. */
function record(
  state: NbnsState,
  d: Uint8Array,
  p: number,
  section: NbnsRecord['section'],
  list: boolean,
  f: NbnsFields,
  sink: DecodeSink,
): number {
  const n = d.length;
  const st = readNetbiosName(d, p, n, true);
  if (st === NAME_TRUNCATED || st === NAME_BAD_LABEL) {
    sink.anomaly(NAME_ANOMALY[st] || 'nbns.truncated_message', `${section} record`);
    return -1;
  }
  if (st === NAME_BAD_ENCODING) sink.anomaly('nbns.bad_name_encoding', nameResult.display);
  p = nameResult.next;
  if (p + 10 > n) {
    sink.anomaly('nbns.truncated_message', `${section} record header`);
    return -1;
  }
  const type = u16(d, p);
  const rdlen = u16(d, p + 8);
  const rd = p + 10;
  if (rd + rdlen > n) {
    sink.anomaly('nbns.truncated_message', `${section} record data (${rdlen} bytes)`);
    return -1;
  }
  if (!list) return rd + rdlen;
  const r: NbnsRecord = nameFields({
    name: '',
    netbios_name: '',
    suffix: 0,
    suffix_name: '',
    section,
    type,
    type_name: RR_TYPES.get(type) ?? 'unknown',
    ttl: u32(d, p + 4),
  });
  if (f.opcode === 7 && f.response) {
    // WACK ([RFC1002] 4.2.16): the RDATA echoes the request's header flags.
    if (rdlen >= 2) r.wack_flags = u16(d, rd);
  } else if (type === TYPE_NB) {
    nbRecord(d, rd, rdlen, r, sink);
  } else if (type === TYPE_NBSTAT) {
    nodeStatus(state, d, rd, rdlen, r, sink);
  } else if (type === TYPE_A) {
    if (rdlen === 4) r.redirect = ipv4ToString(u32(d, rd));
    else sink.anomaly('nbns.bad_rdata', `A record of ${rdlen} bytes`);
  } else if (type === TYPE_NS) {
    const ns = readNetbiosName(d, rd, rd + rdlen, true);
    if (ns !== NAME_TRUNCATED && ns !== NAME_BAD_LABEL) r.redirect = nameResult.display;
  }
  f.records.push(r);
  return rd + rdlen;
}

/** NB RDATA ([RFC1002] 4.2.2): 6-byte entries of NB_FLAGS and NB_ADDRESS. */
function nbRecord(d: Uint8Array, p: number, len: number, r: NbnsRecord, sink: DecodeSink): void {
  if (len % 6 !== 0) sink.anomaly('nbns.bad_rdata', `NB record of ${len} bytes`);
  const count = Math.min(Math.floor(len / 6), NBNS.MAX_RECORDS);
  if (count === 0) return;
  r.addresses = [];
  for (let i = 0; i < count; i++) {
    const fl = u16(d, p + 6 * i);
    r.addresses.push({
      address: ipv4ToString(u32(d, p + 6 * i + 2)),
      group: (fl & 0x8000) !== 0,
      node_type: NODE_TYPES[(fl >> 13) & 3] as string,
    });
  }
}

/**
 * NBSTAT RDATA ([RFC1002] 4.2.18): NUM_NAMES, then 18-byte entries (the 16-byte name, not
 * encoded, and NAME_FLAGS), then the statistics, which open with the 6-byte unit id. Windows
 * puts the adapter's MAC address there.
 */
function nodeStatus(
  state: NbnsState,
  d: Uint8Array,
  p: number,
  len: number,
  r: NbnsRecord,
  sink: DecodeSink,
): void {
  if (len < 1) {
    sink.anomaly('nbns.bad_rdata', 'empty node status');
    return;
  }
  const num = d[p] as number;
  const tableEnd = p + 1 + 18 * num;
  if (tableEnd > p + len) {
    sink.anomaly('nbns.bad_rdata', `${num} names do not fit ${len} bytes`);
    return;
  }
  const list = Math.min(num, state.limits.maxObjectsPerMessage);
  const names: NbnsStatusName[] = [];
  for (let i = 0; i < list; i++) {
    const e = p + 1 + 18 * i;
    let end = 15;
    while (end > 0 && d[e + end - 1] === 0x20) end--;
    let s = '';
    for (let k = 0; k < end; k++) {
      const b = d[e + k] as number;
      s += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : `<${b.toString(16).padStart(2, '0')}>`;
    }
    const suffix = d[e + 15] as number;
    const fl = u16(d, e + 16);
    names.push({
      name: `${s}<${suffix.toString(16).padStart(2, '0')}>`,
      netbios_name: s,
      suffix,
      suffix_name: suffixName(suffix),
      group: (fl & 0x8000) !== 0,
      node_type: NODE_TYPES[(fl >> 13) & 3] as string,
      deregistering: (fl & 0x1000) !== 0,
      conflict: (fl & 0x0800) !== 0,
      active: (fl & 0x0400) !== 0,
      permanent: (fl & 0x0200) !== 0,
    });
  }
  r.node_names = names;
  if (num > list) {
    r.node_names_omitted = num - list;
    sink.anomaly('nbns.too_many_records', `${num - list} node status names beyond ${list}`);
  }
  if (tableEnd + 6 <= p + len) {
    let mac = '';
    for (let i = 0; i < 6; i++) {
      const b = d[tableEnd + i] as number;
      mac += (i > 0 ? ':' : '') + (b < 16 ? '0' : '') + b.toString(16);
    }
    r.unit_id = mac;
  }
}
