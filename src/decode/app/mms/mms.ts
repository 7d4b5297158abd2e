/**
 * MMS over the ISO stack on TCP 102 (IEC 61850-8-1 "A-profile"): TPKT, COTP class 0, ISO
 * session, presentation and ACSE down to the MMS PDU (decoded in `pdu.ts`), plus the per-flow
 * state of the decoder.
 *
 * ```
 *  TPKT (RFC1006) | COTP DT (X.224) | SPDU (X.225) | PPDU (X.226) | ACSE (X.227) | MMS PDU
 *  03 00 len      | 02 f0 80        | 01 00 01 00  | 61 .. 30 ..  | (60 AARQ ..) | a0 .. 02 id ..
 * ```
 *
 * References:
 * - [RFC1006] 6 (TPKT). [X224] 13.3 CR/CC, 13.5 DR, 13.7 DT, 6.3 segmenting.
 * - [X225] 8.3: SPDU structure (SI, LI with 0xff escape, PGI/PI parameters, user data PI 193,
 *   extended user data PI 194); 7.11/8.3.12: GIVE-TOKENS concatenated with DATA TRANSFER, whose
 *   user information follows its parameters.
 * - [X226] 8.2: CP-type and CPA-PPDU (SET of mode-selector [0] and normal-mode-parameters [2]
 *   with the presentation-context-definition-list [4] / -result-list [5]); User-data
 *   fully-encoded-data [APPLICATION 1] of PDV-lists (context id, single-ASN1-type [0]).
 * - [X227] ACSE APDUs: AARQ [APPLICATION 0], AARE [1], RLRQ [2], RLRE [3], ABRT [4];
 *   user-information [30] holds an EXTERNAL whose single-ASN1-type [0] is the MMS PDU.
 *
 * Framing policy (as the S7comm decoder on the same port): whole TPKTs are decoded, partial ones
 * left to the pipeline; DT user data is collected up to EOT. Before the flow is confirmed
 * anything that is not this stack rejects the flow; after it, an anomaly, and a bad TPKT header
 * starts a byte scan for the next plausible one. Some implementations (and the captures of
 * several test suites) put the MMS PDU straight into COTP without session and presentation, as
 * Wireshark's heuristic accepts: a TSDU that starts with an MMS PDU tag is decoded as such.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import { scanForTpkt } from '../../tpkt.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { connectLooksS7 } from '../s7comm/s7comm.js';
import { CLS, T, berInt, berOid, hexOf, readTlv } from './ber.js';
import {
  ACSE_ABORT_SOURCE_NAMES,
  ACSE_PDU_NAMES,
  ACSE_RELEASE_REASON_NAMES,
  ACSE_RESULT_NAMES,
  COTP,
  COTP_TYPE,
  COTP_TYPE_NAMES,
  OID,
  SESSION_REFUSE_NAMES,
  SPDU,
  SPDU_NAMES,
  SPDU_PI,
  TPKT,
} from './constants.js';
import type { MmsFields } from './events.js';
import type { MmsAnomaly } from './index.js';
import { decodeMmsPdu, oidAt } from './pdu.js';

/** Abstract syntax of a presentation context. */
const SYNTAX_ACSE = 1;
const SYNTAX_MMS = 2;
const SYNTAX_OTHER = 3;

/** Presentation contexts remembered per flow (a CP proposes two or three). */
const MAX_CONTEXTS = 16;

/** S7comm and S7comm-plus protocol ids: a DT starting with them belongs to the s7comm decoder. */
const S7_PROTOCOL_ID = 0x32;
const S7P_PROTOCOL_ID = 0x72;

/** Per-flow MMS state: confirmation, resynchronisation, reassembly, contexts, pairing. */
export class MmsState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be MMS (sink.confirm() was called). */
  confirmed = false;
  /** An initiate exchange was seen: responses without a request are then suspicious. */
  associated = false;
  /** Per direction: the stream position is lost, scan for the next TPKT header. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Per direction: DT user data collected until EOT. */
  readonly seg: [Uint8Array | null, Uint8Array | null] = [null, null];
  readonly segLen: [number, number] = [0, 0];
  /** Per direction: a segmented TSDU outgrew the limit; drop DTs up to the next EOT. */
  readonly segDrop: [boolean, boolean] = [false, false];
  /** Direction of the PDU being decoded (invoke ids are per requester). */
  dir: Direction = 0;
  /** Outstanding confirmed requests: invoke id * 2 + direction -> service (insertion ordered). */
  readonly pending = new Map<number, number>();
  /** Presentation context id -> abstract syntax (SYNTAX_*), from the CP. */
  readonly contexts = new Map<number, number>();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createMmsState(limits: DecoderLimits): MmsState {
  return new MmsState(limits);
}

/** After a capture gap the next byte is anywhere in a TPKT: scan for a header again. */
export function onMmsGap(state: MmsState, dir: Direction, _size: number): void {
  state.resync[dir] = true;
  state.segLen[dir] = 0;
  state.segDrop[dir] = false;
}

/** True for the first octet of an MMS PDU ([ISO9506-2] MMSpdu tags [0]..[13]). */
function isMmsTag(b: number): boolean {
  return (
    (b >= 0xa0 && b <= 0xa4) ||
    b === 0x85 ||
    b === 0x86 ||
    (b >= 0xa7 && b <= 0xaa) ||
    b === 0x8b ||
    b === 0x8c ||
    b === 0xad
  );
}

/** True for the SI of a session SPDU that starts an MMS TSDU. */
function isSessionStart(si: number): boolean {
  return (
    si === SPDU.DATA_TRANSFER ||
    si === SPDU.CONNECT ||
    si === SPDU.ACCEPT ||
    si === SPDU.FINISH ||
    si === SPDU.DISCONNECT ||
    si === SPDU.REFUSE ||
    si === SPDU.ABORT ||
    si === SPDU.ABORT_ACCEPT ||
    si === SPDU.NOT_FINISHED
  );
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is MMS over ISO-on-TCP: a
 * TPKT header, then a COTP CR/CC with TSAPs that are not S7 ones (S7 TSAPs: see the s7comm
 * decoder), or a COTP DT whose data starts a session SPDU (CONNECT, ACCEPT, GIVE-TOKENS + DATA
 * TRANSFER, FINISH, DISCONNECT, REFUSE, ABORT) or an MMS PDU. S7comm (0x32), S7comm-plus (0x72)
 * and TSAP-less CRs (RDP) are refused, so the s7comm decoder keeps every S7 flow on port 102.
 */
export function probeMms(data: Uint8Array, _dir: Direction): ProbeResult {
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
    // An empty DT is what S7-1200/1500 HMIs send; MMS never does.
    if (len === at) return 'no_match';
    if (n <= at) return 'need_more';
    const b = data[at] as number;
    if (b === S7_PROTOCOL_ID || b === S7P_PROTOCOL_ID) return 'no_match';
    if (isMmsTag(b)) return 'match';
    if (!isSessionStart(b)) return 'no_match';
    if (n < at + 2) return 'need_more';
    const sli = data[at + 1] as number;
    // The SPDU's parameters must fit the TPKT (0xff: a two-octet length follows).
    if (sli !== 0xff && at + 2 + sli > len) return 'no_match';
    if (b === SPDU.DATA_TRANSFER) {
      // GIVE-TOKENS (01 00) then DATA TRANSFER (01 ..).
      if (sli !== 0) return 'no_match';
      if (len <= at + 2) return 'no_match';
      if (n < at + 3) return 'need_more';
      return data[at + 2] === SPDU.DATA_TRANSFER ? 'match' : 'no_match';
    }
    return 'match';
  }
  if (code !== COTP_TYPE.CR && code !== COTP_TYPE.CC) return 'no_match';
  if (n < Math.min(len, 5 + li)) return 'need_more';
  const from = 6 + COTP.CONNECT_FIXED;
  const to = 5 + li;
  if (connectLooksS7(data, from, to)) return 'no_match';
  return hasTsap(data, from, to) ? 'match' : 'no_match';
}

/** True when the CR/CC parameters in data[from, to) are well formed and name a TSAP. */
function hasTsap(data: Uint8Array, from: number, to: number): boolean {
  let p = from;
  let found = false;
  while (p + 2 <= to) {
    const c = data[p] as number;
    const l = data[p + 1] as number;
    if (p + 2 + l > to) return false;
    if (c === COTP.PARAM_CALLING_TSAP || c === COTP.PARAM_CALLED_TSAP) found = true;
    p += 2 + l;
  }
  return found && p === to;
}

/**
 * Decodes the next bytes of one direction: every whole TPKT is decoded; a partial one at the end
 * is left unconsumed (`incomplete`) for the caller to hand back with more data.
 */
export function parseMms(
  state: MmsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  state.dir = dir;
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
    if (version !== TPKT.VERSION || len < 5 || len > state.limits.maxPduBytes) {
      const name: MmsAnomaly = 'mms.invalid_tpkt';
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

function confirm(state: MmsState, sink: DecodeSink): void {
  if (state.confirmed) return;
  state.confirmed = true;
  sink.confirm();
}

/** One COTP TPDU in data[from, to); returns the anomaly that rejects the flow, or null. */
function decodeCotp(
  state: MmsState,
  data: Uint8Array,
  from: number,
  to: number,
  dir: Direction,
  sink: DecodeSink,
): string | null {
  const li = data[from] as number;
  if (from + 1 >= to || li < 1 || from + 1 + li > to) {
    // Some stacks send a TPKT holding a bare 2-byte COTP header ("00 d0"): nothing to decode.
    sink.anomaly('mms.invalid_cotp', `length indicator ${li} in a ${to - from}-byte TPDU`);
    return state.confirmed ? null : 'mms.invalid_cotp';
  }
  const code = (data[from + 1] as number) & 0xf0;
  if (code !== COTP_TYPE.DT) {
    connectionTpdu(state, data, from, li, code, sink);
    return null;
  }
  if (li < COTP.DT_LI) {
    sink.anomaly('mms.invalid_cotp', `DT with length indicator ${li}`);
    return state.confirmed ? null : 'mms.invalid_cotp';
  }
  const eot = ((data[from + 2] as number) & COTP.EOT) !== 0;
  const user = from + 1 + li;
  if (!eot || state.segLen[dir] > 0 || state.segDrop[dir]) {
    // Segmented TSDU ([X224] 6.3): keep the user data until the DT with EOT.
    if (!state.segDrop[dir] && !appendSegment(state, dir, data, user, to)) {
      sink.anomaly('mms.reassembly_limit', `segmented TSDU over ${state.limits.maxPduBytes} bytes`);
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
    return decodeTsdu(state, tsdu, 0, total, sink);
  }
  return decodeTsdu(state, data, user, to, sink);
}

function appendSegment(
  state: MmsState,
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

/** Emits `mms.cotp` for a connection-management TPDU (CR, CC, DR, DC, ER...). */
function connectionTpdu(
  state: MmsState,
  data: Uint8Array,
  from: number,
  li: number,
  code: number,
  sink: DecodeSink,
): void {
  const end = from + 1 + li;
  const f: MmsFields = { cotp_type: code, cotp_pdu: COTP_TYPE_NAMES[code] ?? 'unknown' };
  if (code === COTP_TYPE.CR || code === COTP_TYPE.CC) {
    let p = from + 2 + COTP.CONNECT_FIXED;
    while (p + 2 <= end) {
      const c = data[p] as number;
      const l = data[p + 1] as number;
      if (p + 2 + l > end) {
        sink.anomaly('mms.invalid_cotp', `parameter 0x${c.toString(16)} runs past the TPDU`);
        break;
      }
      if (c === COTP.PARAM_CALLING_TSAP) f.calling_tsap = hexOf(data, p + 2, p + 2 + l, 64);
      else if (c === COTP.PARAM_CALLED_TSAP) f.called_tsap = hexOf(data, p + 2, p + 2 + l, 64);
      p += 2 + l;
    }
    // The probe admitted the flow on these TSAPs (not S7 ones): an ISO transport connection.
    if (f.calling_tsap !== undefined || f.called_tsap !== undefined) confirm(state, sink);
  } else if (code === COTP_TYPE.DR && li >= 6) {
    f.disconnect_reason = data[from + 6] as number;
  } else if (f.cotp_pdu === 'unknown') {
    sink.anomaly('mms.invalid_cotp', `TPDU code 0x${code.toString(16)}`);
  }
  sink.emit({ kind: 'mms.cotp', mms: f });
}

// ---------------------------------------------------------------- session ([X225])

/** One TSDU in data[from, to): session SPDUs, or a bare MMS PDU. */
function decodeTsdu(
  state: MmsState,
  data: Uint8Array,
  from: number,
  to: number,
  sink: DecodeSink,
): string | null {
  if (from >= to) return null;
  const first = data[from] as number;
  if (isMmsTag(first)) {
    const f: MmsFields = {};
    if (decodeMmsPdu(state, data, from, to, f, sink)) {
      confirm(state, sink);
      return null;
    }
    return state.confirmed ? null : 'mms.invalid_pdu';
  }
  if (first === S7_PROTOCOL_ID || first === S7P_PROTOCOL_ID || !isSessionStart(first)) {
    sink.anomaly('mms.invalid_spdu', `SPDU identifier 0x${first.toString(16)}`);
    return state.confirmed ? null : 'mms.invalid_spdu';
  }
  let p = from;
  while (p < to) {
    const si = data[p] as number;
    if (p + 2 > to) return badSpdu(state, sink, 'SPDU header cut short');
    let li = data[p + 1] as number;
    let hdr = 2;
    if (li === 0xff) {
      if (p + 4 > to) return badSpdu(state, sink, 'SPDU length cut short');
      li = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
      hdr = 4;
    }
    const ps = p + hdr;
    const pe = ps + li;
    if (pe > to)
      return badSpdu(state, sink, `SPDU 0x${si.toString(16)} length ${li} past the TSDU`);
    if (si === SPDU.DATA_TRANSFER && li === 0 && pe < to && data[pe] === SPDU.DATA_TRANSFER) {
      // GIVE-TOKENS (category 0) concatenated with the DATA TRANSFER that follows.
      p = pe;
      continue;
    }
    const f: MmsFields = { spdu_type: si, spdu: SPDU_NAMES[si] ?? 'unknown' };
    if (si === SPDU.DATA_TRANSFER) {
      // User information follows the parameters, to the end of the TSDU.
      const r = userData(state, data, pe, to, f, sink);
      if (r < 0) return badPpdu(state, sink);
      if (r === 0) sink.emit({ kind: 'mms.session', mms: f });
      confirm(state, sink);
      return null;
    }
    let us = -1;
    let ue = -1;
    let q = ps;
    while (q + 2 <= pe) {
      const pi = data[q] as number;
      let pl = data[q + 1] as number;
      let ph = 2;
      if (pl === 0xff) {
        if (q + 4 > pe) break;
        pl = ((data[q + 2] as number) << 8) | (data[q + 3] as number);
        ph = 4;
      }
      const vs = q + ph;
      if (vs + pl > pe) return badSpdu(state, sink, `parameter 0x${pi.toString(16)} past the SPDU`);
      if (pi === SPDU_PI.USER_DATA || pi === SPDU_PI.EXTENDED_USER_DATA) {
        us = vs;
        ue = vs + pl;
      } else if (pi === SPDU_PI.REASON_CODE && si === SPDU.REFUSE && pl >= 1) {
        f.refuse_reason = data[vs] as number;
        f.refuse_reason_name = SESSION_REFUSE_NAMES[f.refuse_reason] ?? 'unknown';
      }
      q = vs + pl;
    }
    if (si === SPDU.REFUSE) {
      sink.anomaly('mms.association_rejected', `session refused: ${f.refuse_reason_name ?? '?'}`);
    } else if (si === SPDU.ABORT) {
      sink.anomaly('mms.association_abort', 'session abort');
    }
    let r = 0;
    if (us >= 0) {
      if (si === SPDU.CONNECT || si === SPDU.ACCEPT) r = connectPpdu(state, data, us, ue, f, sink);
      else if (si === SPDU.ABORT) r = abortPpdu(state, data, us, ue, f, sink);
      else if (si !== SPDU.REFUSE) r = userData(state, data, us, ue, f, sink);
    }
    if (r < 0) return badPpdu(state, sink);
    if (r === 0) sink.emit({ kind: 'mms.session', mms: f });
    confirm(state, sink);
    p = pe;
  }
  return null;
}

function badSpdu(state: MmsState, sink: DecodeSink, detail: string): string | null {
  sink.anomaly('mms.invalid_spdu', detail);
  return state.confirmed ? null : 'mms.invalid_spdu';
}

function badPpdu(state: MmsState, sink: DecodeSink): string | null {
  sink.anomaly('mms.invalid_ppdu', 'presentation or ACSE PDU not decodable');
  return state.confirmed ? null : 'mms.invalid_ppdu';
}

// ---------------------------------------------------------------- presentation ([X226])

/** CP-type / CPA-PPDU: a SET of mode-selector [0] and normal-mode-parameters [2]. */
function connectPpdu(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): number {
  if (!readTlv(data, s, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 17 || !T().cons) return -1;
  const end = T().ve;
  let p = T().vs;
  let r = 0;
  while (p < end) {
    if (!readTlv(data, p, end)) return -1;
    p = T().ve;
    if (T().cls !== CLS.CONTEXT || T().tag !== 2 || !T().cons) continue;
    const ne = T().ve;
    let q = T().vs;
    while (q < ne) {
      if (!readTlv(data, q, ne)) return -1;
      q = T().ve;
      if (T().cls === CLS.CONTEXT && T().tag === 4 && T().cons) {
        if (!contextList(state, data, T().vs, T().ve, f)) return -1;
      } else if (T().cls === CLS.CONTEXT && T().tag === 5 && T().cons) {
        contextResults(data, T().vs, T().ve, f);
      } else if (T().cls === CLS.APPLICATION && T().tag === 1 && T().cons) {
        r = pdvList(state, data, T().vs, T().ve, f, sink);
        if (r < 0) return -1;
      }
    }
  }
  return r;
}

/** presentation-context-definition-list: SEQUENCE OF { id INTEGER, abstract syntax OID, ... }. */
function contextList(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
): boolean {
  const list: string[] = [];
  let p = s;
  while (p < e) {
    if (!readTlv(data, p, e) || !T().cons) return false;
    p = T().ve;
    const ie = T().ve;
    if (!readTlv(data, T().vs, ie) || T().tag !== 2) return false;
    const id = berInt(data, T().vs, T().ve);
    const oid = oidAt(data, T().ve, ie);
    if (Number.isNaN(id)) return false;
    if (list.length < MAX_CONTEXTS) list.push(`${id}=${oid}`);
    if (state.contexts.size < MAX_CONTEXTS || state.contexts.has(id)) {
      state.contexts.set(
        id,
        oid === OID.ACSE ? SYNTAX_ACSE : oid.startsWith('1.0.9506.2.') ? SYNTAX_MMS : SYNTAX_OTHER,
      );
    }
  }
  f.presentation_contexts = list;
  return true;
}

/** presentation-context-definition-result-list: SEQUENCE OF { result [0], ... }. */
function contextResults(data: Uint8Array, s: number, e: number, f: MmsFields): void {
  const out: number[] = [];
  let p = s;
  while (p < e && readTlv(data, p, e)) {
    p = T().ve;
    if (readTlv(data, T().vs, T().ve) && T().cls === CLS.CONTEXT && T().tag === 0) {
      if (out.length < MAX_CONTEXTS) out.push(berInt(data, T().vs, T().ve));
    }
  }
  f.presentation_results = out;
}

/**
 * User-data: fully-encoded-data [APPLICATION 1] (or simply-encoded-data [APPLICATION 0]).
 * Returns -1 when malformed, 0 when no event was emitted, 1 when the PDVs emitted theirs.
 */
function userData(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): number {
  if (s >= e) return 0;
  if (!readTlv(data, s, e) || T().cls !== CLS.APPLICATION) return -1;
  if (T().tag === 0) return 0;
  if (T().tag !== 1 || !T().cons) return -1;
  return pdvList(state, data, T().vs, T().ve, f, sink);
}

/** ARU-PPDU: normal-mode [0] { presentation-context-identifier-list [0], user-data }. */
function abortPpdu(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): number {
  if (!readTlv(data, s, e)) return -1;
  if (!T().cons) return 0;
  const end = T().ve;
  let p = T().vs;
  while (p < end) {
    if (!readTlv(data, p, end)) return -1;
    p = T().ve;
    if (T().cls === CLS.APPLICATION && T().tag === 1 && T().cons) {
      return pdvList(state, data, T().vs, T().ve, f, sink);
    }
  }
  return 0;
}

/**
 * The PDV-lists of fully-encoded-data: for each, its context id and its single-ASN1-type, an
 * ACSE APDU or an MMS PDU by the context's abstract syntax (by its tag when the CP was not seen:
 * ACSE APDUs are [APPLICATION 0..4], MMS PDUs context-specific).
 */
function pdvList(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): number {
  let p = s;
  let cur = f;
  let decoded = false;
  while (p < e) {
    if (!readTlv(data, p, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 16 || !T().cons) return -1;
    p = T().ve;
    const le = T().ve;
    let q = T().vs;
    let ctx = -1;
    while (q < le) {
      if (!readTlv(data, q, le)) return -1;
      q = T().ve;
      if (T().cls === CLS.UNIVERSAL && T().tag === 2) ctx = berInt(data, T().vs, T().ve);
      else if (T().cls === CLS.CONTEXT && T().tag === 0 && T().cons) {
        const vs = T().vs;
        const ve = T().ve;
        if (decoded) cur = { spdu_type: f.spdu_type as number, spdu: f.spdu as string };
        cur.presentation_context = ctx;
        const syntax = state.contexts.get(ctx) ?? 0;
        const b = data[vs] as number;
        const acse = syntax === SYNTAX_ACSE || (syntax === 0 && b >= 0x60 && b <= 0x64);
        if (acse) {
          if (!decodeAcse(state, data, vs, ve, cur, sink)) return -1;
        } else if (syntax === SYNTAX_OTHER) {
          sink.emit({ kind: 'mms.session', mms: cur });
        } else if (!decodeMmsPdu(state, data, vs, ve, cur, sink)) return -1;
        decoded = true;
      }
    }
  }
  return decoded ? 1 : 0;
}

// ---------------------------------------------------------------- ACSE ([X227])

/** An ACSE APDU in data[s, e); its user-information MMS PDU, if any, is decoded too. */
function decodeAcse(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.APPLICATION || T().tag > 4 || !T().cons) {
    sink.anomaly('mms.invalid_acse', `APDU tag 0x${(data[s] ?? 0).toString(16)}`);
    return false;
  }
  const apdu = T().tag;
  f.acse_pdu = ACSE_PDU_NAMES[apdu] as string;
  const end = T().ve;
  let p = T().vs;
  let us = -1;
  let ue = -1;
  while (p < end) {
    if (!readTlv(data, p, end)) {
      sink.anomaly('mms.invalid_acse', `malformed ${f.acse_pdu}`);
      return false;
    }
    p = T().ve;
    if (T().cls !== CLS.CONTEXT) continue;
    const tag = T().tag;
    const vs = T().vs;
    const ve = T().ve;
    if (tag === 30) {
      us = vs;
      ue = ve;
      continue;
    }
    if (apdu === 0) aarqField(data, tag, vs, ve, f, sink);
    else if (apdu === 1) aareField(data, tag, vs, ve, f);
    else if (tag === 0) {
      const v = berInt(data, vs, ve);
      if (apdu === 4) {
        f.abort_source = ACSE_ABORT_SOURCE_NAMES[v] ?? 'unknown';
      } else if (!Number.isNaN(v)) {
        f.release_reason = v;
        f.release_reason_name = ACSE_RELEASE_REASON_NAMES[v] ?? 'unknown';
      }
    }
  }
  if (apdu === 1 && f.acse_result !== undefined && f.acse_result !== 0) {
    sink.anomaly('mms.association_rejected', `AARE ${f.acse_result_name}`);
  }
  if (apdu === 4) sink.anomaly('mms.association_abort', `ACSE abort by ${f.abort_source}`);
  if (us >= 0 && userInformation(state, data, us, ue, f, sink)) return true;
  sink.emit({ kind: 'mms.session', mms: f });
  return true;
}

/** AP title (form 2: an OID) inside an explicit tag. */
function apTitle(data: Uint8Array, s: number, e: number): string {
  return oidAt(data, s, e);
}

/** AE qualifier (form 2: an INTEGER) inside an explicit tag. */
function aeQualifier(data: Uint8Array, s: number, e: number): number {
  if (!readTlv(data, s, e) || T().tag !== 2) return NaN;
  return berInt(data, T().vs, T().ve);
}

function aarqField(
  data: Uint8Array,
  tag: number,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): void {
  switch (tag) {
    case 1:
      f.application_context = oidAt(data, s, e);
      break;
    case 2:
      f.called_ap_title = apTitle(data, s, e);
      break;
    case 3: {
      const v = aeQualifier(data, s, e);
      if (!Number.isNaN(v)) f.called_ae_qualifier = v;
      break;
    }
    case 6:
      f.calling_ap_title = apTitle(data, s, e);
      break;
    case 7: {
      const v = aeQualifier(data, s, e);
      if (!Number.isNaN(v)) f.calling_ae_qualifier = v;
      break;
    }
    case 11:
      f.authentication_mechanism = berOid(data, s, e);
      break;
    case 12:
      if (readTlv(data, s, e)) {
        const kinds = ['password', 'bitstring', 'external', 'other'];
        f.authentication = kinds[T().tag] ?? 'unknown';
        if (T().tag === 0) {
          sink.anomaly('mms.cleartext_password', 'ACSE authentication value is a character string');
        }
      }
      break;
  }
}

function aareField(data: Uint8Array, tag: number, s: number, e: number, f: MmsFields): void {
  switch (tag) {
    case 1:
      f.application_context = oidAt(data, s, e);
      break;
    case 2: {
      if (readTlv(data, s, e) && T().tag === 2) {
        const v = berInt(data, T().vs, T().ve);
        if (!Number.isNaN(v)) {
          f.acse_result = v;
          f.acse_result_name = ACSE_RESULT_NAMES[v] ?? 'unknown';
        }
      }
      break;
    }
    case 3:
      // result-source-diagnostic: acse-service-user [1] / -provider [2], each an INTEGER.
      if (readTlv(data, s, e) && T().cons && readTlv(data, T().vs, T().ve) && T().tag === 2) {
        const v = berInt(data, T().vs, T().ve);
        if (!Number.isNaN(v)) f.acse_diagnostic = v;
      }
      break;
    case 4:
      f.responding_ap_title = apTitle(data, s, e);
      break;
    case 5: {
      const v = aeQualifier(data, s, e);
      if (!Number.isNaN(v)) f.responding_ae_qualifier = v;
      break;
    }
  }
}

/**
 * user-information: Association-information (SEQUENCE OF EXTERNAL); the EXTERNAL's encoding
 * single-ASN1-type [0] is the MMS PDU. Returns true when an MMS PDU was decoded (and emitted).
 */
function userInformation(
  state: MmsState,
  data: Uint8Array,
  s: number,
  e: number,
  f: MmsFields,
  sink: DecodeSink,
): boolean {
  if (!readTlv(data, s, e) || T().cls !== CLS.UNIVERSAL || T().tag !== 8 || !T().cons) return false;
  const end = T().ve;
  let p = T().vs;
  while (p < end) {
    if (!readTlv(data, p, end)) return false;
    p = T().ve;
    if (T().cls === CLS.CONTEXT && T().tag === 0 && T().cons) {
      return decodeMmsPdu(state, data, T().vs, T().ve, f, sink);
    }
  }
  return false;
}
