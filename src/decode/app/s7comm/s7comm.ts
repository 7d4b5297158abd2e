/**
 * ISO-on-TCP framing for S7: TPKT (RFC 1006), COTP (ISO 8073 / ITU-T X.224 class 0), and the
 * per-flow state of the S7comm decoder. S7 PDUs are decoded in `pdu.ts` and `userdata.ts`,
 * S7comm-plus telegrams in `plus.ts`.
 *
 * References:
 * - [RFC1006] ISO Transport Service on top of the TCP, section 6 (TPKT: version 3, reserved,
 *   16-bit length of the whole packet).
 * - [X224] ITU-T X.224 (ISO 8073): 13.2 TPDU codes; 13.3 CR, 13.4 CC, 13.5 DR, 13.6 DC, 13.7 DT
 *   (class 0: length indicator 2, EOT bit + TPDU number); 13.3.4 parameters (0xC0 TPDU size,
 *   0xC1 calling TSAP, 0xC2 called TSAP); 6.3 segmenting (a TSDU is the DT user data up to the
 *   DT with EOT set).
 *
 * ```
 *  0       1       2       4      5      6              7 (DT)
 *  +-------+-------+-------+------+------+--------------+-----------------------+
 *  | vers 3| rsvd  | length| LI   | code | EOT|TPDU-NR  | S7 PDU (0x32) / 0x72  |
 *  +-------+-------+-------+------+------+--------------+-----------------------+
 *  |<--------- TPKT ------>|<---------- COTP ---------->|<-- TSDU (segmented) ->|
 * ```
 *
 * Framing policy. Each TPKT is decoded once it is whole (the pipeline's StreamFeeder buffers
 * partial ones). DT user data is collected until the DT with EOT set, then the TSDU is decoded
 * as one S7 PDU, as Wireshark's COTP reassembly does, so the event lands on the frame that
 * completes it. Before the flow is confirmed a bad TPKT header, or COTP data that is neither
 * S7comm nor S7comm-plus, rejects the flow (MMS and RDP share TPKT/COTP); after confirmation it
 * is an anomaly and the parser scans for the next plausible TPKT header. The scan depends only
 * on the bytes, so any chunking gives the same events.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import { scanForTpkt } from '../../tpkt.js';
import type {
  DecodeSink,
  DecoderLimits,
  ParseStatus,
  ProbeResult,
  Direction,
} from '../../decoder.js';
import {
  COTP,
  COTP_TYPE,
  COTP_TYPE_NAMES,
  DR_REASON_NAMES,
  ROSCTR,
  S7,
  S7P,
  S7P_VERSION_NAMES,
  TPKT,
  TSAP_CONNECTION_TYPES,
} from './constants.js';
import type { CotpFields } from './events.js';
import type { S7Anomaly } from './index.js';
import { PlusHead, decodePlus } from './plus.js';
import { decodeS7Pdu } from './pdu.js';
import type { PendingJob, UploadBlock } from './pdu.js';

/** A userdata answer being reassembled from fragments (same data unit reference). */
export interface UdFragments {
  id: number;
  buf: Uint8Array;
  len: number;
  count: number;
}

/** Per-flow S7comm state: confirmation, resynchronisation, reassembly, outstanding jobs. */
export class S7State {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be S7 (sink.confirm() was called). */
  confirmed = false;
  /** Per direction: the stream position is lost, scan for the next TPKT header. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Per direction: DT user data collected until EOT (null: nothing pending). */
  readonly seg: [Uint8Array | null, Uint8Array | null] = [null, null];
  readonly segLen: [number, number] = [0, 0];
  /** Per direction: a segmented TSDU outgrew the limit; drop DTs up to the next EOT. */
  readonly segDrop: [boolean, boolean] = [false, false];
  /** Jobs waiting for their ack / ack-data, by PDU reference (insertion ordered). */
  readonly pending = new Map<number, PendingJob>();
  /** Uploads in progress: the block of each start upload, by the upload id the PLC gave. */
  readonly uploads = new Map<number, UploadBlock>();
  /** Per direction: userdata answers being reassembled. */
  readonly ud: [UdFragments[], UdFragments[]] = [[], []];
  /** Per direction: the first fragment of a fragmented S7comm-plus telegram. */
  readonly plusHead: [PlusHead, PlusHead] = [new PlusHead(), new PlusHead()];
  /** S7comm-plus session ids of outstanding requests, by sequence number (insertion ordered). */
  readonly plusSessions = new Map<number, number>();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createS7State(limits: DecoderLimits): S7State {
  return new S7State(limits);
}

/** After a capture gap the next byte is anywhere in a TPKT: scan for a header again. */
export function onS7Gap(state: S7State, dir: Direction, _size: number): void {
  state.resync[dir] = true;
  state.segLen[dir] = 0;
  state.segDrop[dir] = false;
  state.ud[dir].length = 0;
  state.plusHead[dir].open = false;
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is S7 over ISO-on-TCP: a TPKT
 * header, then either a COTP CR/CC whose TSAPs are S7 ones (two bytes with a non-zero
 * connection type on both sides, or a `SIMATIC-` text TSAP), or a COTP DT whose data starts an
 * S7comm PDU (0x32, ROSCTR 1..7) or an S7comm-plus telegram (0x72, a known version). MMS uses
 * TSAPs with a zero first byte and DT data that starts with a session SPDU; RDP sends no TSAPs.
 */
export function probeS7(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n >= 1 && data[0] !== TPKT.VERSION) return 'no_match';
  if (n >= 2 && data[1] !== 0) return 'no_match';
  if (n < TPKT.HEADER_BYTES) return 'need_more';
  const len = ((data[2] as number) << 8) | (data[3] as number);
  if (len < TPKT.MIN_FRAME_BYTES) return 'no_match';
  if (n < 6) return 'need_more';
  const li = data[4] as number;
  const code = (data[5] as number) & 0xf0;
  if (li < 1 || li + 5 > len) return 'no_match';
  if (code === COTP_TYPE.DT) {
    if (li !== COTP.DT_LI) return 'no_match';
    const at = 5 + li;
    // An empty DT (sent by S7-1200/1500 HMIs) or data not yet seen: undecided.
    if (len === at || n <= at) return 'need_more';
    const id = data[at] as number;
    if (id === S7.PROTOCOL_ID) {
      if (n < at + 2) return 'need_more';
      const rosctr = data[at + 1] as number;
      if (rosctr < ROSCTR.JOB || rosctr > ROSCTR.USERDATA) return 'no_match';
      return len - at >= S7.HEADER_BYTES || ((data[6] as number) & COTP.EOT) === 0
        ? 'match'
        : 'no_match';
    }
    if (id === S7P.PROTOCOL_ID) {
      if (n < at + 2) return 'need_more';
      return S7P_VERSION_NAMES[data[at + 1] as number] !== undefined ? 'match' : 'no_match';
    }
    return 'no_match';
  }
  if (code !== COTP_TYPE.CR && code !== COTP_TYPE.CC) return 'no_match';
  if (n < Math.min(len, 5 + li)) return 'need_more';
  return connectLooksS7(data, 6 + COTP.CONNECT_FIXED, 5 + li) ? 'match' : 'no_match';
}

/** True when the CR/CC parameters in data[from, to) carry S7 TSAPs (see {@link probeS7}). */
export function connectLooksS7(data: Uint8Array, from: number, to: number): boolean {
  let calling = -1;
  let callingLen = 0;
  let called = -1;
  let calledLen = 0;
  let p = from;
  while (p + 2 <= to) {
    const code = data[p] as number;
    const plen = data[p + 1] as number;
    if (p + 2 + plen > to) return false;
    if (code === COTP.PARAM_CALLING_TSAP) {
      calling = p + 2;
      callingLen = plen;
    } else if (code === COTP.PARAM_CALLED_TSAP) {
      called = p + 2;
      calledLen = plen;
    }
    p += 2 + plen;
  }
  if (called < 0) return false;
  if (startsWithSimatic(data, called, calledLen)) return true;
  return (
    calledLen === 2 &&
    callingLen === 2 &&
    (data[called] as number) !== 0 &&
    (data[calling] as number) !== 0
  );
}

const SIMATIC = [0x53, 0x49, 0x4d, 0x41, 0x54, 0x49, 0x43, 0x2d]; // "SIMATIC-"

function startsWithSimatic(data: Uint8Array, at: number, len: number): boolean {
  if (len < SIMATIC.length) return false;
  for (let i = 0; i < SIMATIC.length; i++) if (data[at + i] !== SIMATIC[i]) return false;
  return true;
}

/**
 * Decodes the next bytes of one direction: every whole TPKT is decoded; a partial one at the end
 * is left unconsumed (`incomplete`) for the caller to hand back with more data.
 */
export function parseS7(
  state: S7State,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (state.resync[dir]) {
      const at = scanForTpkt(data, pos, COTP_TYPE_NAMES);
      if (at < 0) {
        const keep = Math.min(TPKT.MIN_FRAME_BYTES - 1, n - pos);
        return incomplete(n - keep, TPKT.MIN_FRAME_BYTES);
      }
      state.resync[dir] = false;
      pos = at;
    }
    const rem = n - pos;
    if (rem < TPKT.HEADER_BYTES) return incomplete(pos, TPKT.HEADER_BYTES);
    const version = data[pos] as number;
    const len = ((data[pos + 2] as number) << 8) | (data[pos + 3] as number);
    if (version !== TPKT.VERSION || len < TPKT.MIN_FRAME_BYTES || len > state.limits.maxPduBytes) {
      const name: S7Anomaly = 's7comm.invalid_tpkt';
      sink.anomaly(name, `version ${version}, length ${len}`);
      if (!state.confirmed) return reject(name);
      state.resync[dir] = true;
      pos += 1;
      continue;
    }
    if (rem < len) return incomplete(pos, len);
    const verdict = decodeCotp(state, data, pos + TPKT.HEADER_BYTES, pos + len, dir, sink);
    if (verdict !== null) return reject(verdict);
    pos += len;
  }
  return OK;
}

/**
 * One COTP TPDU in data[from, to). Returns the anomaly that rejects the flow, or null.
 */
function decodeCotp(
  state: S7State,
  data: Uint8Array,
  from: number,
  to: number,
  dir: Direction,
  sink: DecodeSink,
): string | null {
  const li = data[from] as number;
  const code = (data[from + 1] as number) & 0xf0;
  if (li < 1 || from + 1 + li > to) {
    sink.anomaly('s7comm.invalid_cotp', `length indicator ${li} in a ${to - from}-byte TPDU`);
    return state.confirmed ? null : 's7comm.invalid_cotp';
  }
  if (code !== COTP_TYPE.DT) {
    emitConnectionTpdu(state, data, from, li, code, sink);
    return null;
  }
  if (li < COTP.DT_LI) {
    sink.anomaly('s7comm.invalid_cotp', `DT with length indicator ${li}`);
    return state.confirmed ? null : 's7comm.invalid_cotp';
  }
  const eot = ((data[from + 2] as number) & COTP.EOT) !== 0;
  const user = from + 1 + li;
  const held = state.segLen[dir];
  if (!eot || held > 0 || state.segDrop[dir]) {
    // Segmented TSDU ([X224] 6.3): keep the user data until the DT with EOT.
    if (!state.segDrop[dir] && !appendSegment(state, dir, data, user, to)) {
      sink.anomaly(
        's7comm.reassembly_limit',
        `segmented TSDU over ${state.limits.maxPduBytes} bytes`,
      );
      state.segLen[dir] = 0;
      state.segDrop[dir] = true;
    }
    if (!eot) return null;
    if (state.segDrop[dir]) {
      state.segDrop[dir] = false;
      return null;
    }
    const tsdu = state.seg[dir] as Uint8Array;
    const total = state.segLen[dir];
    state.segLen[dir] = 0;
    return decodeTsdu(state, tsdu, 0, total, dir, sink);
  }
  return decodeTsdu(state, data, user, to, dir, sink);
}

/** Appends DT user data to the direction's TSDU buffer; false when it would exceed the limit. */
function appendSegment(
  state: S7State,
  dir: Direction,
  data: Uint8Array,
  from: number,
  to: number,
): boolean {
  const have = state.segLen[dir];
  const size = have + (to - from);
  if (size > state.limits.maxPduBytes) return false;
  let buf = state.seg[dir];
  if (buf === null || buf.length < size) {
    const grown = new Uint8Array(Math.min(state.limits.maxPduBytes, Math.max(256, size * 2)));
    if (buf !== null && have > 0) grown.set(buf.subarray(0, have));
    buf = grown;
    state.seg[dir] = buf;
  }
  buf.set(data.subarray(from, to), have);
  state.segLen[dir] = size;
  return true;
}

/** One TSDU (the user data of a DT with EOT, reassembled) in data[from, to). */
function decodeTsdu(
  state: S7State,
  data: Uint8Array,
  from: number,
  to: number,
  dir: Direction,
  sink: DecodeSink,
): string | null {
  // An empty TSDU (S7-1200/1500 HMIs send a DT without data after each request) carries nothing.
  if (from >= to) return null;
  const id = data[from] as number;
  if (id === S7.PROTOCOL_ID) {
    const refused = decodeS7Pdu(state, data, from, to, dir, sink);
    if (refused === null) confirm(state, sink);
    else if (!state.confirmed) return refused;
    return null;
  }
  if (id === S7P.PROTOCOL_ID) {
    if (decodePlus(state, dir, data, from, to, sink)) confirm(state, sink);
    return null;
  }
  sink.anomaly('s7comm.unknown_protocol_id', `protocol id 0x${id.toString(16).padStart(2, '0')}`);
  return state.confirmed ? null : 's7comm.unknown_protocol_id';
}

function confirm(state: S7State, sink: DecodeSink): void {
  if (state.confirmed) return;
  state.confirmed = true;
  sink.confirm();
}

/** Emits `s7comm.cotp` for a connection-management TPDU (CR, CC, DR, DC, ER, ...). */
function emitConnectionTpdu(
  state: S7State,
  data: Uint8Array,
  from: number,
  li: number,
  code: number,
  sink: DecodeSink,
): void {
  const end = from + 1 + li;
  const f: CotpFields = { pdu_type: code, pdu: COTP_TYPE_NAMES[code] ?? 'unknown' };
  const p = from + 2;
  const fixed = end - p;
  switch (code) {
    case COTP_TYPE.CR:
    case COTP_TYPE.CC: {
      if (fixed < COTP.CONNECT_FIXED) {
        sink.anomaly('s7comm.invalid_cotp', `${f.pdu} with a ${fixed}-byte fixed part`);
        break;
      }
      f.dst_ref = u16(data, p);
      f.src_ref = u16(data, p + 2);
      f.class = ((data[p + 4] as number) & COTP.CLASS_MASK) >> 4;
      connectParameters(data, p + COTP.CONNECT_FIXED, end, f, sink);
      break;
    }
    case COTP_TYPE.DR:
      if (fixed < COTP.DR_FIXED) {
        sink.anomaly('s7comm.invalid_cotp', `DR with a ${fixed}-byte fixed part`);
        break;
      }
      f.dst_ref = u16(data, p);
      f.src_ref = u16(data, p + 2);
      f.reason = data[p + 4] as number;
      f.reason_name = DR_REASON_NAMES[f.reason] ?? 'unknown';
      break;
    case COTP_TYPE.DC:
      if (fixed < COTP.DC_FIXED) {
        sink.anomaly('s7comm.invalid_cotp', `DC with a ${fixed}-byte fixed part`);
        break;
      }
      f.dst_ref = u16(data, p);
      f.src_ref = u16(data, p + 2);
      break;
    case COTP_TYPE.ER:
      if (fixed < COTP.ER_FIXED) {
        sink.anomaly('s7comm.invalid_cotp', `ER with a ${fixed}-byte fixed part`);
        break;
      }
      f.dst_ref = u16(data, p);
      f.reject_cause = data[p + 2] as number;
      break;
    default:
      if (f.pdu === 'unknown') {
        sink.anomaly('s7comm.invalid_cotp', `TPDU code 0x${code.toString(16)}`);
      }
  }
  sink.emit({ kind: 's7comm.cotp', cotp: f });
  if (code === COTP_TYPE.CC && f.dst_tsap !== undefined) confirm(state, sink);
}

/** CR/CC variable part ([X224] 13.3.4): TPDU size and the TSAPs, with S7 rack and slot. */
function connectParameters(
  data: Uint8Array,
  from: number,
  to: number,
  f: CotpFields,
  sink: DecodeSink,
): void {
  let p = from;
  while (p + 2 <= to) {
    const code = data[p] as number;
    const len = data[p + 1] as number;
    const v = p + 2;
    if (v + len > to) {
      sink.anomaly('s7comm.invalid_cotp', `parameter 0x${code.toString(16)} runs past the TPDU`);
      return;
    }
    if (code === COTP.PARAM_TPDU_SIZE && len === 1) {
      const e = data[v] as number;
      if (e <= 16) f.tpdu_size = 1 << e;
    } else if (code === COTP.PARAM_CALLING_TSAP) {
      f.src_tsap = hexString(data, v, len);
      const text = printable(data, v, len);
      if (text !== null) f.src_tsap_text = text;
    } else if (code === COTP.PARAM_CALLED_TSAP) {
      f.dst_tsap = hexString(data, v, len);
      const text = printable(data, v, len);
      if (text !== null) f.dst_tsap_text = text;
      if (len === 2) {
        // S7 TSAP: connection type, then rack (bits 5-7) and slot (bits 0-4).
        const type = data[v] as number;
        const rs = data[v + 1] as number;
        f.connection_type = TSAP_CONNECTION_TYPES[type] ?? 'other';
        f.rack = rs >> 5;
        f.slot = rs & 0x1f;
      }
    }
    p = v + len;
  }
}

/** Longest TSAP or identifier rendered as hex. */
const MAX_ID_BYTES = 64;

/** Lower-case hex of data[from, from+len), at most {@link MAX_ID_BYTES} bytes. */
export function hexString(data: Uint8Array, from: number, len: number, cap = MAX_ID_BYTES): string {
  const n = Math.min(len, cap, data.length - from);
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[data[from + i] as number];
  return s;
}

/** The bytes as text when all are printable ASCII (at least 4 of them), else null. */
function printable(data: Uint8Array, from: number, len: number): string | null {
  if (len < 4 || len > MAX_ID_BYTES) return null;
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = data[from + i] as number;
    if (c < 0x20 || c > 0x7e) return null;
    s += String.fromCharCode(c);
  }
  return s;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

function u16(data: Uint8Array, at: number): number {
  return ((data[at] as number) << 8) | (data[at + 1] as number);
}
