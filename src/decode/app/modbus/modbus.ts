/**
 * Modbus/TCP parser: MBAP framing, resynchronisation, and request/response pairing by
 * transaction; the data of every public function code is decoded in `pdu.ts`.
 *
 * References:
 * - [AP] MODBUS Application Protocol Specification V1.1b3: 4.1 (PDU size), 4.2 (big-endian
 *   encoding), 5.1 (function code categories), 6.1-6.21 (function PDUs), 7 (exceptions),
 *   Annex A (reserved codes).
 * - [TCP] MODBUS Messaging on TCP/IP Implementation Guide V1.0b: 3.1.2 (ADU), 3.1.3 (MBAP).
 *
 * Modbus/TCP ADU ([TCP] 3.1.2), all fields big-endian:
 *
 * ```
 *  0      2      4      6     7    8
 *  +------+------+------+-----+----+---------------------+
 *  | tid  | pid  | len  | uid | fc | data (len - 2 bytes) |
 *  +------+------+------+-----+----+---------------------+
 *  |<------- MBAP header ------>|<------ PDU ----------->|
 * ```
 *
 * `len` counts the bytes after itself (unit id + PDU), so an ADU is `len + 6` bytes; TCP
 * segments may hold several ADUs or part of one. A response copies the request's transaction id
 * and unit id ([TCP] 3.1.3); an exception response sets bit 0x80 of the function code and
 * carries one exception code byte ([AP] 7).
 *
 * Framing policy. Before the flow is confirmed, a header that is not Modbus (protocol id not 0,
 * length outside 2..254) rejects the flow, unless a capture gap explains it. After confirmation
 * it is an anomaly: an oversized but bufferable PDU is still decoded (as Wireshark does), a
 * well-framed PDU with a foreign protocol id is skipped, and an unframeable header (or a capture
 * gap) makes the parser look for the next plausible MBAP header: on the first byte after a gap
 * whatever its function code, else by scanning (see `scanForHeader`). The search is a pure
 * function of the byte stream and the gap positions, so any chunking of the input yields the
 * same events.
 *
 * Quirks seen in real traffic: scanners send function code 0 and every other code (answered by
 * exception 1); Schneider devices use reserved code 90 (UMAS); several PDUs per segment are
 * common; capture files often start mid-exchange (unpaired responses).
 */
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  EXCEPTION_BIT,
  EXCEPTION_NAMES,
  FUNCTION_CATEGORY,
  FUNCTION_CODES,
  FUNCTION_CODE_MASK,
  FUNCTION_NAMES,
  FunctionCategory,
  MBAP,
  MEI_TYPES,
  MEI_TYPE_NAMES,
  READ_DEVICE_ID_NAMES,
  RESPONSE_BODY_BYTES as RSP,
  diagnosticName,
} from './constants.js';
import type { ModbusEvent, ModbusFields, ModbusFileRecord } from './events.js';
import type { ModbusAnomaly } from './index.js';
import { NO_VALUE, decodeException, decodeRequest, decodeResponse } from './pdu.js';
import { TransactionTable } from './transactions.js';

/** Well-formed PDUs after which a flow counts as Modbus even without a paired response. */
const CONFIRM_AFTER_PDUS = 4;

/** Per-flow Modbus state: confirmation, per-direction resynchronisation, outstanding requests. */
/**
 * Unpaired responses of a flow taken as answers to requests sent before the capture began (a
 * capture that starts mid-connection sees the answers to the requests still outstanding, at
 * most a client's pipeline of them), and how far before the first captured request their
 * transaction ids may be.
 */
export const MIDSTREAM_RESPONSES = 4;
const MIDSTREAM_TID_SPAN = 64;

/**
 * True when a response without its request answers one sent before the capture began: no
 * request has been seen yet, or its transaction id comes shortly before the first request's
 * (clients number transactions upwards, modulo 2^16).
 */
function predatesCapture(state: ModbusState, tid: number): boolean {
  if (state.earlyResponses >= MIDSTREAM_RESPONSES) return false;
  if (state.firstRequestTid < 0) return true;
  const before = (state.firstRequestTid - tid + 0x10000) & 0xffff;
  return before >= 1 && before <= MIDSTREAM_TID_SPAN;
}

export class ModbusState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be Modbus (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed PDUs seen before confirmation. */
  wellFormed = 0;
  /** Per direction: the stream position is lost, scan for the next MBAP header. */
  readonly resync: [boolean, boolean] = [false, false];
  /**
   * Per direction: the next byte is the first after a capture gap, not yet judged. Modbus/TCP
   * senders put whole ADUs in segments, so a stream that resumes after a lost segment usually
   * resumes on an ADU boundary: a plausible header there is taken whatever its function code.
   */
  readonly afterGap: [boolean, boolean] = [false, false];
  /** A capture gap happened on this flow (either direction). */
  gapSeen = false;
  /** Transaction id of the first request seen on this flow, or -1. */
  firstRequestTid = -1;
  /** Unpaired responses taken as answers to requests sent before the capture began. */
  earlyResponses = 0;
  /** Requests waiting for their response. */
  readonly pending: TransactionTable;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
    this.pending = new TransactionTable(limits.maxPendingTransactions);
  }
}

/** Fresh per-flow state. */
export function createModbusState(limits: DecoderLimits): ModbusState {
  return new ModbusState(limits);
}

/** After a capture gap the next byte is anywhere in a PDU: scan for a header again. */
export function onModbusGap(state: ModbusState, dir: Direction, _size: number): void {
  state.resync[dir] = true;
  state.afterGap[dir] = true;
  state.gapSeen = true;
}

// One cursor per module, reused by every call (decoding is synchronous and not re-entrant).
const cur = new ByteCursor();
const probeCur = new ByteCursor();

/**
 * Says whether `data`, the first bytes of one direction of a flow, is Modbus/TCP: protocol id
 * 0, length 2..254, a function code that fits the direction, and when a whole ADU is present,
 * either nothing or another plausible header after it. Codes that are not assigned (0, for
 * instance, which scanners send) need that whole-ADU evidence.
 */
export function probeModbus(data: Uint8Array, dir: Direction): ProbeResult {
  const c = probeCur.reset(data);
  const n = data.length;
  if (n >= 4) {
    c.seek(2);
    if (c.u16be() !== MBAP.PROTOCOL_ID) return 'no_match';
  }
  if (n >= MBAP.LENGTH_FIELD_END) {
    const len = c.u16be();
    if (len < MBAP.MIN_LENGTH || len > MBAP.MAX_LENGTH) return 'no_match';
  }
  if (n < MBAP.MIN_ADU_BYTES) return 'need_more';
  c.seek(4);
  const total = c.u16be() + MBAP.LENGTH_FIELD_END;
  c.seek(MBAP.HEADER_BYTES);
  const rawFc = c.u8();
  if (dir === Direction.TO_SERVER && (rawFc & EXCEPTION_BIT) !== 0) return 'no_match';
  const assigned = FUNCTION_CATEGORY[rawFc & FUNCTION_CODE_MASK] !== FunctionCategory.UNASSIGNED;
  if (!lengthFits(data, n, rawFc, total - MBAP.LENGTH_FIELD_END, dir)) return 'no_match';
  if (n < total) return assigned ? 'match' : 'need_more';
  if (n === total) return 'match';
  // Another ADU follows: its header must be plausible too.
  const rest = n - total;
  c.seek(total + 2);
  if (rest >= 4 && c.u16be() !== MBAP.PROTOCOL_ID) return 'no_match';
  if (rest >= MBAP.LENGTH_FIELD_END) {
    const len2 = c.u16be();
    if (len2 < MBAP.MIN_LENGTH || len2 > MBAP.MAX_LENGTH) return 'no_match';
  }
  return 'match';
}

/**
 * Whether the MBAP length fits the PDU of the commonest function codes, whose size the
 * function code and its first bytes fix ([AP] 6.1-6.12): a request to read or to write one
 * value is 6 bytes long after the length field, a read response 3 plus its byte count, an
 * exception 3. Other protocols' messages can look like an MBAP header (a BER SEQUENCE with a
 * four-octet length, as Windows LDAP sends, reads as protocol id 0 and a plausible length), but
 * then claim far more bytes than the PDU holds. A few bytes too many is a malformed Modbus PDU
 * (devices that pad their exceptions exist; the parser names it), so only a length more than
 * {@link LENGTH_SLACK} bytes over is refused. Codes whose size varies otherwise pass.
 */
function lengthFits(d: Uint8Array, n: number, rawFc: number, len: number, dir: Direction): boolean {
  const fc = rawFc & FUNCTION_CODE_MASK;
  let expected = -1;
  if (dir === Direction.TO_SERVER) {
    if (fc >= 1 && fc <= 6) expected = 6;
    else if ((fc === 15 || fc === 16) && n > 12) expected = 7 + (d[12] as number);
  } else if ((rawFc & EXCEPTION_BIT) !== 0) expected = 3;
  else if (fc >= 1 && fc <= 4 && n > 8) expected = 3 + (d[8] as number);
  else if (fc === 5 || fc === 6 || fc === 15 || fc === 16) expected = 6;
  return expected < 0 || len <= expected + LENGTH_SLACK;
}

/** Bytes a PDU of fixed size may carry beyond it and still be taken for (malformed) Modbus. */
const LENGTH_SLACK = 8;

/**
 * Decodes the next bytes of one direction: every complete ADU becomes one event; a partial ADU
 * at the end is left unconsumed (`incomplete`) for the caller to hand back with more data.
 */
export function parseModbus(
  state: ModbusState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  const maxAdu = state.limits.maxPduBytes;
  let pos = 0;
  while (pos < n) {
    if (state.resync[dir] && state.afterGap[dir]) {
      // The first bytes after a gap (pos is 0: the feeder dropped what it held before it).
      if (n - pos < MBAP.MIN_ADU_BYTES) return incomplete(pos, MBAP.MIN_ADU_BYTES);
      state.afterGap[dir] = false;
      if (plausibleHeader(data, pos, dir, maxAdu)) state.resync[dir] = false;
    }
    if (state.resync[dir]) {
      const at = scanForHeader(data, pos, dir, maxAdu);
      if (at < 0) {
        // Keep the last bytes that may still start a header once more data arrives.
        const keep = Math.min(MBAP.MIN_ADU_BYTES - 1, n - pos);
        return incomplete(n - keep, MBAP.MIN_ADU_BYTES);
      }
      // A candidate that needs the next header as evidence: wait for it.
      if (scanNeed > 0) return incomplete(at, scanNeed);
      state.resync[dir] = false;
      pos = at;
    }
    const rem = n - pos;
    if (rem < MBAP.MIN_ADU_BYTES) return incomplete(pos, MBAP.MIN_ADU_BYTES);

    const c = cur.reset(data, pos, n);
    const tid = c.u16be();
    const pid = c.u16be();
    const len = c.u16be();
    const total = len + MBAP.LENGTH_FIELD_END;
    const lengthOk = len >= MBAP.MIN_LENGTH && len <= MBAP.MAX_LENGTH;
    // Only a maxPduBytes below 260 (a misconfiguration) makes a valid ADU too big to buffer.
    const fits = total <= maxAdu;

    if (pid !== MBAP.PROTOCOL_ID || !lengthOk || !fits) {
      const name: ModbusAnomaly =
        pid !== MBAP.PROTOCOL_ID ? 'modbus.invalid_protocol_id' : 'modbus.invalid_length';
      // A capture gap explains a bad header as well as foreign traffic does: resynchronise.
      if (!state.confirmed && !state.gapSeen) {
        sink.anomaly(name, `protocol id ${pid}, length ${len}`);
        return reject(name);
      }
      if (pid !== MBAP.PROTOCOL_ID && lengthOk && fits) {
        // Well framed but not Modbus: skip the whole ADU.
        if (rem < total) return incomplete(pos, total);
        sink.anomaly(name, `protocol id ${pid}`);
        pos += total;
        continue;
      }
      if (pid !== MBAP.PROTOCOL_ID || len < MBAP.MIN_LENGTH || !fits) {
        // No trustworthy boundary: look for the next header one byte on.
        sink.anomaly(name, `protocol id ${pid}, length ${len}`);
        state.resync[dir] = true;
        pos += 1;
        continue;
      }
      // Oversized but bufferable: decode it as it claims to be.
      if (rem < total) return incomplete(pos, total);
      sink.anomaly(name, `length ${len}`);
    } else if (rem < total) {
      return incomplete(pos, total);
    }

    const unit = c.u8();
    const rawFc = c.u8();
    c.reset(data, pos + MBAP.MIN_ADU_BYTES, pos + total);
    decodePdu(state, dir, sink, c, tid, unit, rawFc, len);
    pos += total;
  }
  return OK;
}

/** Protocol id 0, length 2..254 within `maxAdu`, no exception bit towards the server. */
function plausibleHeader(data: Uint8Array, p: number, dir: Direction, maxAdu: number): boolean {
  if (data[p + 2] !== 0 || data[p + 3] !== 0) return false;
  const len = ((data[p + 4] as number) << 8) | (data[p + 5] as number);
  if (len < MBAP.MIN_LENGTH || len > MBAP.MAX_LENGTH) return false;
  if (len + MBAP.LENGTH_FIELD_END > maxAdu) return false;
  return dir !== Direction.TO_SERVER || ((data[p + 7] as number) & EXCEPTION_BIT) === 0;
}

/**
 * Set by {@link scanForHeader} when the candidate it returns cannot be judged yet: the bytes,
 * counted from the candidate, needed to see the header that must follow it; 0 otherwise.
 */
let scanNeed = 0;

/**
 * First offset at or after `from` where a plausible MBAP header starts, or -1 if none starts
 * before the last 7 bytes. Plausible: protocol id 0, length 2..254 and a function code that
 * fits the direction. A code that is not assigned (a scanner walking every code sends them;
 * random bytes hold them too) must also frame a whole ADU followed by another plausible header,
 * the evidence the probe asks for; when the data ends before that evidence, the candidate is
 * returned with `scanNeed` set, so that the decision, like every other, depends on the bytes
 * alone and not on how they were chunked. Direct indexing: this loop runs per byte while
 * resynchronising.
 */
function scanForHeader(data: Uint8Array, from: number, dir: Direction, maxAdu: number): number {
  scanNeed = 0;
  const n = data.length;
  const last = n - MBAP.MIN_ADU_BYTES;
  for (let p = from; p <= last; p++) {
    if (data[p + 2] !== 0 || data[p + 3] !== 0) continue;
    const len = ((data[p + 4] as number) << 8) | (data[p + 5] as number);
    if (len < MBAP.MIN_LENGTH || len > MBAP.MAX_LENGTH) continue;
    const rawFc = data[p + 7] as number;
    if (dir === Direction.TO_SERVER && (rawFc & EXCEPTION_BIT) !== 0) continue;
    if (FUNCTION_CATEGORY[rawFc & FUNCTION_CODE_MASK] !== FunctionCategory.UNASSIGNED) return p;
    const next = p + len + MBAP.LENGTH_FIELD_END;
    const evidence = len + 2 * MBAP.LENGTH_FIELD_END;
    if (evidence > maxAdu) continue;
    if (next + MBAP.LENGTH_FIELD_END > n) {
      scanNeed = evidence;
      return p;
    }
    if (data[next + 2] !== 0 || data[next + 3] !== 0) continue;
    const len2 = ((data[next + 4] as number) << 8) | (data[next + 5] as number);
    if (len2 >= MBAP.MIN_LENGTH && len2 <= MBAP.MAX_LENGTH) return p;
  }
  return -1;
}

/** Decodes one PDU (the cursor spans its data, after the function code) and emits its event. */
function decodePdu(
  state: ModbusState,
  dir: Direction,
  sink: DecodeSink,
  c: ByteCursor,
  tid: number,
  unit: number,
  rawFc: number,
  len: number,
): void {
  const fc = rawFc & FUNCTION_CODE_MASK;
  const isResponse = dir === Direction.TO_CLIENT;
  const m: ModbusFields = {
    transaction_id: tid,
    unit_id: unit,
    function_code: fc,
    function: FUNCTION_NAMES[fc] as string,
    is_response: isResponse,
    length: len,
  };
  const key = TransactionTable.key(unit, tid);
  const unassigned = FUNCTION_CATEGORY[fc] === FunctionCategory.UNASSIGNED;
  let paired = false;
  let event: ModbusEvent;

  if (!isResponse) {
    if (unassigned) sink.anomaly('modbus.unknown_function', `function code ${fc}`);
    if ((rawFc & EXCEPTION_BIT) !== 0) {
      sink.anomaly('modbus.exception_in_request', `function code ${rawFc}`);
      if (c.remaining() >= RSP.EXCEPTION) {
        const code = c.u8();
        m.exception_code = code;
        m.exception = EXCEPTION_NAMES[code] as string;
      }
    } else {
      decodeRequest(state.limits, sink, c, fc, m);
      const sub = m.sub_function ?? m.mei_type ?? NO_VALUE;
      const records = fc === FUNCTION_CODES.READ_FILE_RECORD ? m.file_records : undefined;
      const second = m.write_address ?? m.read_device_id_code ?? NO_VALUE;
      const secondQuantity = m.write_quantity ?? m.object_id ?? NO_VALUE;
      const address = m.address ?? NO_VALUE;
      const quantity = m.quantity ?? NO_VALUE;
      if (state.pending.add(key, fc, address, quantity, sub, records, second, secondQuantity)) {
        sink.anomaly(
          'modbus.too_many_transactions',
          `${state.pending.capacity} requests unanswered`,
        );
      }
    }
    if (state.firstRequestTid < 0) state.firstRequestTid = tid;
    event = { kind: 'modbus.request', modbus: m };
  } else {
    let reqAddress = NO_VALUE;
    let reqQuantity = NO_VALUE;
    let reqSub = NO_VALUE;
    let reqSecond = NO_VALUE;
    let reqSecondQuantity = NO_VALUE;
    let reqRecords: readonly ModbusFileRecord[] | undefined;
    const slot = state.pending.find(key);
    if (slot < 0 && sink.handshakeSeen?.() === false && predatesCapture(state, tid)) {
      // A capture that starts mid-connection sees the answers to requests sent before it
      // began: no anomaly for those (a flow of nothing but responses is still flagged).
      state.earlyResponses++;
      if (unassigned) sink.anomaly('modbus.unknown_function', `function code ${fc}`);
    } else if (slot < 0) {
      sink.anomaly('modbus.response_without_request', `transaction ${tid}, unit ${unit}`);
      if (unassigned) sink.anomaly('modbus.unknown_function', `function code ${fc}`);
    } else {
      const reqFc = state.pending.fcAt(slot);
      if (reqFc === fc) {
        paired = true;
        reqAddress = state.pending.addressAt(slot);
        reqQuantity = state.pending.quantityAt(slot);
        reqSub = state.pending.subAt(slot);
        reqSecond = state.pending.secondAt(slot);
        reqSecondQuantity = state.pending.secondQuantityAt(slot);
        reqRecords = state.pending.recordsAt(slot);
      } else {
        sink.anomaly(
          'modbus.response_function_mismatch',
          `request function ${reqFc}, response function ${fc}`,
        );
      }
      state.pending.answer(slot);
    }
    if (reqAddress !== NO_VALUE) m.address = reqAddress;
    if (reqQuantity !== NO_VALUE) m.quantity = reqQuantity;
    if (fc === FUNCTION_CODES.READ_WRITE_MULTIPLE_REGISTERS) {
      // The response holds only the registers read: name the range the request wrote too.
      if (reqSecond !== NO_VALUE) m.write_address = reqSecond;
      if (reqSecondQuantity !== NO_VALUE) m.write_quantity = reqSecondQuantity;
    }
    if ((rawFc & EXCEPTION_BIT) !== 0) {
      // An exception has no sub-code of its own: name what the request asked for.
      if (reqSub !== NO_VALUE) nameRequestSub(fc, reqSub, reqSecond, reqSecondQuantity, m);
      decodeException(sink, c, m);
      event = { kind: 'modbus.exception', modbus: m };
    } else {
      decodeResponse(state.limits, sink, c, fc, m, reqQuantity, reqRecords);
      event = { kind: 'modbus.response', modbus: m };
    }
  }

  sink.emit(event);
  if (!state.confirmed && (paired || ++state.wellFormed >= CONFIRM_AFTER_PDUS)) {
    state.confirmed = true;
    sink.confirm();
  }
}

/**
 * Copies the paired request's sub-function (8) or MEI type (43) into an exception's fields, and
 * for Read Device Identification (43/14) the Read Device ID code and object id it asked for.
 */
function nameRequestSub(
  fc: number,
  sub: number,
  code: number,
  objectId: number,
  m: ModbusFields,
): void {
  if (fc === FUNCTION_CODES.DIAGNOSTICS) {
    m.sub_function = sub;
    m.sub_function_name = diagnosticName(sub);
  } else if (fc === FUNCTION_CODES.ENCAPSULATED_INTERFACE_TRANSPORT) {
    m.mei_type = sub;
    m.mei_type_name = MEI_TYPE_NAMES[sub] as string;
    if (sub === MEI_TYPES.READ_DEVICE_IDENTIFICATION && code !== NO_VALUE) {
      m.read_device_id_code = code;
      m.read_device_id = READ_DEVICE_ID_NAMES[code] ?? 'reserved';
      if (objectId !== NO_VALUE) m.object_id = objectId;
    }
  }
}
