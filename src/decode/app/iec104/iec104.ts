/**
 * IEC 60870-5-104 parser: APCI framing, the I, S and U formats, the ASDU (asdu.ts, elements.ts)
 * and the connection's sequence numbers and data transfer state (session.ts).
 *
 * References:
 * - [104] IEC 60870-5-104:2006 (ed. 2): 5.1 APCI and APDU length, 5.2 I format, 5.3 U format
 *   (STARTDT, STOPDT, TESTFR), 5.4 S format, 5.5 sequence numbers, 9 ASDU field sizes,
 *   10 TCP port 2404.
 * - [101] IEC 60870-5-101:2003 (ed. 2): 7.2 ASDU fields, 7.3 the ASDU of each type.
 *
 * APDU ([104] 5.1, figure 4):
 *
 * ```
 *  0      1        2          3          4          5          6
 *  +------+--------+----------+----------+----------+----------+---------------------+
 *  | 0x68 | length | control1 | control2 | control3 | control4 | ASDU (I format only) |
 *  +------+--------+----------+----------+----------+----------+---------------------+
 *  I format: control1 bit 1 = 0; N(S) = control1..2 >> 1, N(R) = control3..4 >> 1
 *  S format: control1 = 0x01, control2 = 0; N(R) = control3..4 >> 1
 *  U format: control1 bits 1-2 = 11, one function bit of 3-8 set; control2..4 = 0
 * ```
 *
 * `length` counts the octets after itself: 4 for S and U format, 4 + ASDU for I format, at most
 * 253. Segments may hold several APDUs or part of one.
 *
 * Framing policy. Before the flow is confirmed, a start octet other than 0x68 or a length
 * below 4 or above 253 rejects the flow. After confirmation it is an anomaly: a length of 254
 * or 255 is decoded as it claims (as Wireshark does); otherwise the parser skips to the next
 * 0x68 followed by a length of 4..253, and so it does after a capture gap. The search depends
 * only on the bytes, so any chunking yields the same events.
 *
 * Quirks seen in real traffic and tests: several APDUs per segment (an S format acknowledgement
 * followed by I format APDUs); test tools that put stray octets before an APDU
 * (TestDissectIec104.pcap); I format APDUs too short for their ASDU header; ASDUs from
 * IEC 60870-5-101 stacks with CP24Time2a types that 104 does not allow.
 */
import { ByteCursor } from '../../cursor.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { decodeAsdu } from './asdu.js';
import {
  APCI,
  ASDU,
  CONTROL,
  TYPES,
  TYPE_CATEGORY,
  TYPE_SIZE,
  TypeCategory,
  U_FUNCTIONS,
  isReservedCause,
} from './constants.js';
import type { Iec104Event, Iec104EventKind, Iec104Fields } from './events.js';
import type { Iec104Anomaly } from './index.js';
import { Session } from './session.js';

/** Well-formed I and S format APDUs after which a flow counts as IEC 104. */
const CONFIRM_AFTER_APDUS = 2;

/** Per-flow IEC 104 state: confirmation, per-direction resynchronisation, the session. */
export class Iec104State {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be IEC 104 (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed APDUs seen before confirmation. */
  wellFormed = 0;
  /** Per direction: the stream position is lost, search for the next APCI. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Sequence numbers and data transfer state. */
  readonly session = new Session();

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createIec104State(limits: DecoderLimits): Iec104State {
  return new Iec104State(limits);
}

/** After a capture gap the next byte is anywhere in an APDU: search for an APCI again. */
export function onIec104Gap(state: Iec104State, dir: Direction, _size: number): void {
  state.resync[dir] = true;
  state.session.onGap(dir);
}

// One cursor per module, reused by every call (decoding is synchronous and not re-entrant).
const cur = new ByteCursor();

function plausibleLength(len: number): boolean {
  return len >= APCI.CONTROL_BYTES && len <= APCI.MAX_LENGTH;
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is IEC 104: an APCI whose
 * control field is a valid I, S or U format; for I format an ASDU with a defined type, a
 * defined cause and, for fixed-size types, a length that fits its objects; when the whole APDU
 * is present, either nothing or another APCI start after it.
 */
export function probeIec104(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== APCI.START) return 'no_match';
  if (n < 2) return 'need_more';
  const len = data[1] as number;
  if (!plausibleLength(len)) return 'no_match';
  const total = len + APCI.HEADER_BYTES;
  if (n < 3) return 'need_more';
  const c1 = data[2] as number;
  if ((c1 & CONTROL.I_MASK) === 0) {
    // I format: an ASDU header and at least one address.
    if (len < APCI.CONTROL_BYTES + ASDU.HEADER_BYTES + ASDU.IOA_BYTES) return 'no_match';
    if (n >= 5 && ((data[4] as number) & 1) !== 0) return 'no_match';
    if (n < 7) return 'need_more';
    const typeId = data[6] as number;
    if (TYPE_CATEGORY[typeId] === TypeCategory.UNKNOWN) return 'no_match';
    if (n < 9) return 'need_more';
    const vsq = data[7] as number;
    const cause = (data[8] as number) & ASDU.CAUSE_MASK;
    if (isReservedCause(cause) || cause > 47) return 'no_match';
    const size = TYPE_SIZE[typeId] as number;
    if (size >= 0 && TYPES[typeId] !== undefined) {
      const count = vsq & ASDU.COUNT_MASK;
      const objects =
        (vsq & ASDU.SQ_BIT) !== 0 ? ASDU.IOA_BYTES + count * size : count * (ASDU.IOA_BYTES + size);
      if (count === 0 || len !== APCI.CONTROL_BYTES + ASDU.HEADER_BYTES + objects)
        return 'no_match';
    }
  } else {
    if (len !== APCI.CONTROL_BYTES) return 'no_match';
    if ((c1 & CONTROL.SU_MASK) === CONTROL.S_FORMAT) {
      if (c1 !== CONTROL.S_FORMAT) return 'no_match';
      if (n >= 4 && data[3] !== 0) return 'no_match';
      if (n >= 5 && ((data[4] as number) & 1) !== 0) return 'no_match';
    } else {
      if (U_FUNCTIONS[c1 & CONTROL.U_FUNCTION_MASK] === undefined) return 'no_match';
      for (let i = 3; i < Math.min(n, total); i++) if (data[i] !== 0) return 'no_match';
    }
  }
  if (n < total) return 'need_more';
  if (n === total) return 'match';
  // Another APDU follows: its start must be plausible too.
  if (data[total] !== APCI.START) return 'no_match';
  if (n > total + 1 && !plausibleLength(data[total + 1] as number)) return 'no_match';
  return 'match';
}

/**
 * Decodes the next bytes of one direction: every complete APDU becomes one event; a partial
 * APDU at the end is left unconsumed (`incomplete`) for the caller to hand back with more data.
 */
export function parseIec104(
  state: Iec104State,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (state.resync[dir]) {
      const at = scanForApci(data, pos);
      if (at < 0) {
        // A start octet in the last byte may begin an APCI once its length arrives.
        if (data[n - 1] === APCI.START) return incomplete(n - 1, APCI.HEADER_BYTES);
        return OK;
      }
      state.resync[dir] = false;
      pos = at;
    }
    if (n - pos < APCI.HEADER_BYTES) return incomplete(pos, APCI.HEADER_BYTES);
    const start = data[pos] as number;
    const len = data[pos + 1] as number;
    if (start !== APCI.START || len < APCI.CONTROL_BYTES) {
      const name: Iec104Anomaly =
        start !== APCI.START ? 'iec104.invalid_start' : 'iec104.invalid_length';
      const detail =
        start !== APCI.START
          ? `octet 0x${hex2(start)} where an APCI start (0x68) was expected`
          : `APDU length ${len}, below the 4 control octets`;
      sink.anomaly(name, detail);
      if (!state.confirmed) return reject(name);
      state.resync[dir] = true;
      pos += 1;
      continue;
    }
    const total = len + APCI.HEADER_BYTES;
    if (n - pos < total) return incomplete(pos, total);
    if (len > APCI.MAX_LENGTH) {
      sink.anomaly('iec104.invalid_length', `APDU length ${len}, above 253`);
      if (!state.confirmed) return reject('iec104.invalid_length');
    }
    decodeApdu(state, dir, sink, data, pos, len);
    pos += total;
  }
  return OK;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/**
 * First offset at or after `from` of a 0x68 followed by a length of 4..253, or -1. Direct
 * indexing: this loop runs per byte while resynchronising.
 */
function scanForApci(data: Uint8Array, from: number): number {
  const last = data.length - APCI.HEADER_BYTES;
  for (let p = from; p <= last; p++) {
    if (data[p] === APCI.START && plausibleLength(data[p + 1] as number)) return p;
  }
  return -1;
}

/** Decodes one whole APDU of length octet `len` at `pos` and emits its event. */
function decodeApdu(
  state: Iec104State,
  dir: Direction,
  sink: DecodeSink,
  data: Uint8Array,
  pos: number,
  len: number,
): void {
  const c = cur.reset(data, pos + APCI.HEADER_BYTES, pos + APCI.HEADER_BYTES + len);
  const c1 = c.u8();
  const c2 = c.u8();
  const c3 = c.u8();
  const c4 = c.u8();
  const session = state.session;
  let kind: Iec104EventKind;
  let f: Iec104Fields;
  let wellFormed = true;
  let unnumbered = false;

  if ((c1 & CONTROL.I_MASK) === 0) {
    const ns = (c1 >> 1) | (c2 << 7);
    const nr = (c3 >> 1) | (c4 << 7);
    f = { format: 'I', apdu_length: len, send_seq: ns, recv_seq: nr };
    const r = decodeAsdu(c, state.limits, sink, f);
    kind = r.kind;
    wellFormed = r.wellFormed;
    session.onInformation(dir, ns, nr, sink);
  } else if ((c1 & CONTROL.SU_MASK) === CONTROL.S_FORMAT) {
    const nr = (c3 >> 1) | (c4 << 7);
    f = { format: 'S', apdu_length: len, recv_seq: nr };
    kind = 'iec104.supervisory';
    if (c1 !== CONTROL.S_FORMAT || c2 !== 0 || (c3 & 1) !== 0) {
      sink.anomaly(
        'iec104.invalid_control_field',
        `S format control 0x${hex2(c1)}${hex2(c2)}${hex2(c3)}${hex2(c4)}`,
      );
      wellFormed = false;
    }
    if (len !== APCI.CONTROL_BYTES) wellFormed = lengthMismatch(sink, 'S', len);
    session.onAck(dir, nr, sink);
  } else {
    const fn = c1 & CONTROL.U_FUNCTION_MASK;
    const name = U_FUNCTIONS[fn];
    f = { format: 'U', apdu_length: len, u_function: name ?? 'invalid' };
    kind = 'iec104.unnumbered';
    if (name === undefined || c2 !== 0 || c3 !== 0 || c4 !== 0) {
      sink.anomaly(
        'iec104.invalid_control_field',
        `U format control 0x${hex2(c1)}${hex2(c2)}${hex2(c3)}${hex2(c4)}`,
      );
      wellFormed = false;
    } else {
      session.onUnnumbered(dir, fn);
      // Six fixed octets (68 04, one function bit, three zeros): no other protocol's first
      // bytes look like this, and a connection often opens with one before stray data.
      unnumbered = true;
    }
    if (len !== APCI.CONTROL_BYTES) wellFormed = lengthMismatch(sink, 'U', len);
  }

  const event: Iec104Event = { kind, iec104: f };
  sink.emit(event);
  if (!state.confirmed && wellFormed && (unnumbered || ++state.wellFormed >= CONFIRM_AFTER_APDUS)) {
    state.confirmed = true;
    sink.confirm();
  }
}

function lengthMismatch(sink: DecodeSink, format: string, len: number): boolean {
  sink.anomaly('iec104.length_mismatch', `${format} format APDU of length ${len}, not 4`);
  return false;
}
