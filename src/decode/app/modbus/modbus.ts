/**
 * Modbus/TCP parser: MBAP framing, PDU decoding for the common function codes, and
 * request/response pairing by transaction.
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
 * length outside 2..254) rejects the flow. After confirmation it is an anomaly: an oversized
 * but bufferable PDU is still decoded (as Wireshark does), a well-framed PDU with a foreign
 * protocol id is skipped, and an unframeable header (or a capture gap) makes the parser scan
 * forward for the next plausible MBAP header. The scan is a pure function of the byte stream,
 * so any chunking of the input yields the same events.
 *
 * Quirks seen in real traffic: scanners send function code 0 and every other code (answered by
 * exception 1); Schneider devices use reserved code 90 (UMAS); several PDUs per segment are
 * common; capture files often start mid-exchange (unpaired responses).
 */
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  BITS_PER_BYTE,
  COIL_OFF,
  COIL_ON,
  DEVICE_ID_OBJECT_NAMES,
  EXCEPTION_BIT,
  EXCEPTION_NAMES,
  FUNCTION_CATEGORY,
  FUNCTION_CODES as FC,
  FUNCTION_CODE_MASK,
  FUNCTION_NAMES,
  FunctionCategory,
  MBAP,
  MEI_TYPES,
  MORE_FOLLOWS,
  QUANTITY_LIMITS,
  REQUEST_BODY_BYTES as REQ,
  RESPONSE_BODY_BYTES as RSP,
} from './constants.js';
import type { ModbusDeviceObject, ModbusEvent, ModbusFields } from './events.js';
import type { ModbusAnomaly } from './index.js';

/** Well-formed PDUs after which a flow counts as Modbus even without a paired response. */
const CONFIRM_AFTER_PDUS = 4;
/** First size of the pending-transaction table; it doubles up to the configured limit. */
const INITIAL_PENDING_SLOTS = 8;
const NO_VALUE = -1;

/**
 * Per-flow Modbus state: confirmation, per-direction resynchronisation, and the table of
 * outstanding requests. The table is a set of parallel typed arrays, allocated on the first
 * request and grown by doubling up to `maxPendingTransactions`, so pairing allocates nothing
 * per PDU.
 */
export class ModbusState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be Modbus (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed PDUs seen before confirmation. */
  wellFormed = 0;
  /** Per direction: the stream position is lost, scan for the next MBAP header. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Outstanding requests: `count` live entries in slots 0..count-1. */
  pendingCount = 0;
  /** Key = unit id * 65536 + transaction id. */
  pendingKey: Int32Array = EMPTY_I32;
  pendingFc: Uint8Array = EMPTY_U8;
  pendingAddress: Int32Array = EMPTY_I32;
  pendingQuantity: Int32Array = EMPTY_I32;
  /** Insertion order, to evict the oldest entry when the table is full. */
  pendingSeq: Float64Array = EMPTY_F64;
  nextSeq = 0;
  /** Insertion number of the newest request that got its response (-1 before any). */
  lastAnsweredSeq = -1;
  readonly maxPending: number;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
    this.maxPending = Math.max(1, Math.floor(limits.maxPendingTransactions));
  }
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_F64 = new Float64Array(0);

/** Fresh per-flow state. */
export function createModbusState(limits: DecoderLimits): ModbusState {
  return new ModbusState(limits);
}

/** After a capture gap the next byte is anywhere in a PDU: scan for a header again. */
export function onModbusGap(state: ModbusState, dir: Direction, _size: number): void {
  state.resync[dir] = true;
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
    if (state.resync[dir]) {
      const at = scanForHeader(data, pos, dir);
      if (at < 0) {
        // Keep the last bytes that may still start a header once more data arrives.
        const keep = Math.min(MBAP.MIN_ADU_BYTES - 1, n - pos);
        return incomplete(n - keep, MBAP.MIN_ADU_BYTES);
      }
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
      if (!state.confirmed) {
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

/**
 * First offset at or after `from` where a plausible MBAP header starts (protocol id 0, length
 * 2..254, an assigned function code that fits the direction), or -1 if none starts before the
 * last 7 bytes. Direct indexing: this loop runs per byte while resynchronising.
 */
function scanForHeader(data: Uint8Array, from: number, dir: Direction): number {
  const last = data.length - MBAP.MIN_ADU_BYTES;
  for (let p = from; p <= last; p++) {
    if (data[p + 2] !== 0 || data[p + 3] !== 0) continue;
    const len = ((data[p + 4] as number) << 8) | (data[p + 5] as number);
    if (len < MBAP.MIN_LENGTH || len > MBAP.MAX_LENGTH) continue;
    const rawFc = data[p + 7] as number;
    if (dir === Direction.TO_SERVER && (rawFc & EXCEPTION_BIT) !== 0) continue;
    if (FUNCTION_CATEGORY[rawFc & FUNCTION_CODE_MASK] === FunctionCategory.UNASSIGNED) continue;
    return p;
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
  const key = unit * 0x10000 + tid;
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
      decodeRequest(state, sink, c, fc, m);
      addPending(state, sink, key, fc, m.address ?? NO_VALUE, m.quantity ?? NO_VALUE);
    }
    event = { kind: 'modbus.request', modbus: m };
  } else {
    let reqAddress = NO_VALUE;
    let reqQuantity = NO_VALUE;
    const slot = findPending(state, key);
    if (slot < 0) {
      sink.anomaly('modbus.response_without_request', `transaction ${tid}, unit ${unit}`);
      if (unassigned) sink.anomaly('modbus.unknown_function', `function code ${fc}`);
    } else {
      const reqFc = state.pendingFc[slot] as number;
      const seq = state.pendingSeq[slot] as number;
      if (seq > state.lastAnsweredSeq) state.lastAnsweredSeq = seq;
      if (reqFc === fc) {
        paired = true;
        reqAddress = state.pendingAddress[slot] as number;
        reqQuantity = state.pendingQuantity[slot] as number;
      } else {
        sink.anomaly(
          'modbus.response_function_mismatch',
          `request function ${reqFc}, response function ${fc}`,
        );
      }
      removePending(state, slot);
    }
    if (reqAddress !== NO_VALUE) m.address = reqAddress;
    if (reqQuantity !== NO_VALUE) m.quantity = reqQuantity;
    if ((rawFc & EXCEPTION_BIT) !== 0) {
      decodeException(sink, c, m);
      event = { kind: 'modbus.exception', modbus: m };
    } else {
      decodeResponse(state, sink, c, fc, m, reqQuantity);
      event = { kind: 'modbus.response', modbus: m };
    }
  }

  sink.emit(event);
  if (!state.confirmed && (paired || ++state.wellFormed >= CONFIRM_AFTER_PDUS)) {
    state.confirmed = true;
    sink.confirm();
  }
}

function decodeException(sink: DecodeSink, c: ByteCursor, m: ModbusFields): void {
  const body = c.remaining();
  if (body < RSP.EXCEPTION) {
    sink.anomaly('modbus.invalid_exception_code', 'exception response without a code');
    return;
  }
  if (body !== RSP.EXCEPTION)
    lengthMismatch(sink, m.function_code | EXCEPTION_BIT, body, RSP.EXCEPTION);
  const code = c.u8();
  m.exception_code = code;
  m.exception = EXCEPTION_NAMES[code] as string;
  if (m.exception === 'unknown') sink.anomaly('modbus.invalid_exception_code', `code ${code}`);
}

function decodeRequest(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
): void {
  const body = c.remaining();
  switch (fc) {
    case FC.READ_COILS:
    case FC.READ_DISCRETE_INPUTS:
      readRequest(sink, c, fc, m, QUANTITY_LIMITS.READ_BITS);
      return;
    case FC.READ_HOLDING_REGISTERS:
    case FC.READ_INPUT_REGISTERS:
      readRequest(sink, c, fc, m, QUANTITY_LIMITS.READ_REGISTERS);
      return;
    case FC.WRITE_SINGLE_COIL:
    case FC.WRITE_SINGLE_REGISTER:
      if (body !== REQ.WRITE_SINGLE) lengthMismatch(sink, fc, body, REQ.WRITE_SINGLE);
      if (body < REQ.WRITE_SINGLE) return;
      m.address = c.u16be();
      m.value = c.u16be();
      if (fc === FC.WRITE_SINGLE_COIL && m.value !== COIL_ON && m.value !== COIL_OFF) {
        sink.anomaly('modbus.invalid_coil_value', `value ${m.value}`);
      }
      return;
    case FC.WRITE_MULTIPLE_COILS:
    case FC.WRITE_MULTIPLE_REGISTERS:
      writeMultipleRequest(state, sink, c, fc, m);
      return;
    case FC.MASK_WRITE_REGISTER:
      maskWrite(sink, c, fc, m);
      return;
    case FC.READ_WRITE_MULTIPLE_REGISTERS:
      readWriteRequest(state, sink, c, m);
      return;
    case FC.READ_FIFO_QUEUE:
      if (body !== REQ.READ_FIFO) lengthMismatch(sink, fc, body, REQ.READ_FIFO);
      if (body >= REQ.READ_FIFO) m.address = c.u16be();
      return;
    case FC.DIAGNOSTICS:
      diagnostics(sink, c, fc, m);
      return;
    case FC.ENCAPSULATED_INTERFACE_TRANSPORT:
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      m.mei_type = c.u8();
      if (m.mei_type !== MEI_TYPES.READ_DEVICE_IDENTIFICATION) return;
      if (body !== REQ.READ_DEVICE_ID) lengthMismatch(sink, fc, body, REQ.READ_DEVICE_ID);
      if (body < REQ.READ_DEVICE_ID) return;
      m.read_device_id_code = c.u8();
      m.object_id = c.u8();
      return;
    default:
      // Other codes: function code, name and MBAP length only (README coverage matrix).
      return;
  }
}

function decodeResponse(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
  reqQuantity: number,
): void {
  const body = c.remaining();
  switch (fc) {
    case FC.READ_COILS:
    case FC.READ_DISCRETE_INPUTS: {
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      const byteCount = c.u8();
      m.byte_count = byteCount;
      if (body !== 1 + byteCount) lengthMismatch(sink, fc, body, 1 + byteCount);
      else if (reqQuantity !== NO_VALUE && byteCount !== Math.ceil(reqQuantity / BITS_PER_BYTE)) {
        sink.anomaly(
          'modbus.length_mismatch',
          `byte count ${byteCount} for ${reqQuantity} requested bits`,
        );
      }
      const bits = Math.min(byteCount, body - 1) * BITS_PER_BYTE;
      m.values = readBits(
        state,
        sink,
        c,
        reqQuantity !== NO_VALUE ? Math.min(reqQuantity, bits) : bits,
        m,
      );
      return;
    }
    case FC.READ_HOLDING_REGISTERS:
    case FC.READ_INPUT_REGISTERS:
    case FC.READ_WRITE_MULTIPLE_REGISTERS: {
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      const byteCount = c.u8();
      m.byte_count = byteCount;
      if (body !== 1 + byteCount || byteCount % 2 !== 0) {
        lengthMismatch(sink, fc, body, 1 + byteCount);
      } else if (reqQuantity !== NO_VALUE && byteCount !== 2 * reqQuantity) {
        sink.anomaly(
          'modbus.length_mismatch',
          `byte count ${byteCount} for ${reqQuantity} requested registers`,
        );
      }
      m.values = readRegisters(state, sink, c, Math.min(byteCount, body - 1) >> 1, m);
      return;
    }
    case FC.WRITE_SINGLE_COIL:
    case FC.WRITE_SINGLE_REGISTER:
      // [AP] 6.5, 6.6: the normal response echoes the request.
      if (body !== REQ.WRITE_SINGLE) lengthMismatch(sink, fc, body, REQ.WRITE_SINGLE);
      if (body < REQ.WRITE_SINGLE) return;
      m.address = c.u16be();
      m.value = c.u16be();
      return;
    case FC.WRITE_MULTIPLE_COILS:
    case FC.WRITE_MULTIPLE_REGISTERS:
      if (body !== RSP.WRITE_MULTIPLE) lengthMismatch(sink, fc, body, RSP.WRITE_MULTIPLE);
      if (body < RSP.WRITE_MULTIPLE) return;
      m.address = c.u16be();
      m.quantity = c.u16be();
      return;
    case FC.MASK_WRITE_REGISTER:
      maskWrite(sink, c, fc, m);
      return;
    case FC.DIAGNOSTICS:
      diagnostics(sink, c, fc, m);
      return;
    case FC.ENCAPSULATED_INTERFACE_TRANSPORT:
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      m.mei_type = c.u8();
      if (m.mei_type === MEI_TYPES.READ_DEVICE_IDENTIFICATION)
        readDeviceIdResponse(state, sink, c, fc, m);
      return;
    default:
      return;
  }
}

/** Functions 1-4 request ([AP] 6.1-6.4): starting address, quantity. */
function readRequest(
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
  maxQuantity: number,
): void {
  const body = c.remaining();
  if (body !== REQ.READ) lengthMismatch(sink, fc, body, REQ.READ);
  if (body < REQ.READ) return;
  m.address = c.u16be();
  const q = c.u16be();
  m.quantity = q;
  if (q < 1 || q > maxQuantity)
    sink.anomaly('modbus.invalid_quantity', `function ${fc}, quantity ${q}`);
}

/** Functions 15 and 16 request ([AP] 6.11, 6.12): address, quantity, byte count, values. */
function writeMultipleRequest(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
): void {
  const body = c.remaining();
  if (body < REQ.WRITE_MULTIPLE_HEADER) {
    lengthMismatch(sink, fc, body, REQ.WRITE_MULTIPLE_HEADER);
    return;
  }
  const coils = fc === FC.WRITE_MULTIPLE_COILS;
  m.address = c.u16be();
  const q = c.u16be();
  m.quantity = q;
  const byteCount = c.u8();
  m.byte_count = byteCount;
  const maxQ = coils ? QUANTITY_LIMITS.WRITE_COILS : QUANTITY_LIMITS.WRITE_REGISTERS;
  if (q < 1 || q > maxQ) sink.anomaly('modbus.invalid_quantity', `function ${fc}, quantity ${q}`);
  const expected = coils ? Math.ceil(q / BITS_PER_BYTE) : 2 * q;
  if (body !== REQ.WRITE_MULTIPLE_HEADER + byteCount) {
    lengthMismatch(sink, fc, body, REQ.WRITE_MULTIPLE_HEADER + byteCount);
  } else if (byteCount !== expected) {
    sink.anomaly('modbus.length_mismatch', `byte count ${byteCount} for quantity ${q}`);
  }
  const avail = Math.min(byteCount, body - REQ.WRITE_MULTIPLE_HEADER);
  m.values = coils
    ? readBits(state, sink, c, Math.min(q, avail * BITS_PER_BYTE), m)
    : readRegisters(state, sink, c, Math.min(q, avail >> 1), m);
}

/** Function 23 request ([AP] 6.17): read address/quantity, write address/quantity/values. */
function readWriteRequest(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.READ_WRITE_MULTIPLE_REGISTERS;
  const body = c.remaining();
  if (body < REQ.READ_WRITE_HEADER) {
    lengthMismatch(sink, fc, body, REQ.READ_WRITE_HEADER);
    return;
  }
  m.address = c.u16be();
  const readQ = c.u16be();
  m.quantity = readQ;
  m.write_address = c.u16be();
  const writeQ = c.u16be();
  m.write_quantity = writeQ;
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (readQ < 1 || readQ > QUANTITY_LIMITS.READ_WRITE_READ) {
    sink.anomaly('modbus.invalid_quantity', `function ${fc}, read quantity ${readQ}`);
  }
  if (writeQ < 1 || writeQ > QUANTITY_LIMITS.READ_WRITE_WRITE) {
    sink.anomaly('modbus.invalid_quantity', `function ${fc}, write quantity ${writeQ}`);
  }
  if (body !== REQ.READ_WRITE_HEADER + byteCount) {
    lengthMismatch(sink, fc, body, REQ.READ_WRITE_HEADER + byteCount);
  } else if (byteCount !== 2 * writeQ) {
    sink.anomaly('modbus.length_mismatch', `byte count ${byteCount} for write quantity ${writeQ}`);
  }
  const avail = Math.min(byteCount, body - REQ.READ_WRITE_HEADER);
  m.values = readRegisters(state, sink, c, Math.min(writeQ, avail >> 1), m);
}

/** Function 22 request and response ([AP] 6.16): reference address, AND mask, OR mask. */
function maskWrite(sink: DecodeSink, c: ByteCursor, fc: number, m: ModbusFields): void {
  const body = c.remaining();
  if (body !== REQ.MASK_WRITE) lengthMismatch(sink, fc, body, REQ.MASK_WRITE);
  if (body < REQ.MASK_WRITE) return;
  m.address = c.u16be();
  m.and_mask = c.u16be();
  m.or_mask = c.u16be();
}

/** Function 8 ([AP] 6.8): sub-function, then data whose layout depends on it. */
function diagnostics(sink: DecodeSink, c: ByteCursor, fc: number, m: ModbusFields): void {
  const body = c.remaining();
  if (body < REQ.DIAGNOSTICS_HEADER) {
    lengthMismatch(sink, fc, body, REQ.DIAGNOSTICS_HEADER);
    return;
  }
  m.sub_function = c.u16be();
}

/**
 * Function 43 / MEI 14 response ([AP] 6.21): read device id code, conformity level, more
 * follows, next object id, number of objects, then (id, length, value) per object.
 */
function readDeviceIdResponse(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
): void {
  // The MEI type byte was already read.
  const header = RSP.READ_DEVICE_ID_HEADER - 1;
  if (c.remaining() < header) {
    lengthMismatch(sink, fc, c.remaining() + 1, RSP.READ_DEVICE_ID_HEADER);
    return;
  }
  m.read_device_id_code = c.u8();
  m.conformity_level = c.u8();
  m.more_follows = c.u8() === MORE_FOLLOWS;
  m.next_object_id = c.u8();
  const count = c.u8();
  const limit = state.limits.maxObjectsPerMessage;
  const maxString = state.limits.maxStringBytes;
  const objects: ModbusDeviceObject[] = [];
  let seen = 0;
  for (; seen < count; seen++) {
    if (c.remaining() < RSP.DEVICE_ID_OBJECT_HEADER) break;
    const id = c.u8();
    const len = c.u8();
    if (c.remaining() < len) break;
    if (objects.length < limit) {
      objects.push({
        id,
        name: DEVICE_ID_OBJECT_NAMES[id] as string,
        value: c.latin1(len, maxString),
      });
    } else {
      c.skip(len);
    }
  }
  m.objects = objects;
  if (seen < count || c.remaining() > 0) {
    sink.anomaly(
      'modbus.length_mismatch',
      `device identification: ${seen} of ${count} objects, ${c.remaining()} bytes left`,
    );
  }
  if (objects.length < seen) {
    m.values_truncated = true;
    sink.anomaly('modbus.values_limit_reached', `${seen} device identification objects`);
  }
}

/** Reads `count` packed bits (LSB of the first byte first, [AP] 6.1) as booleans, capped. */
function readBits(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  count: number,
  m: ModbusFields,
): boolean[] {
  const n = capValues(state, sink, count, m);
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(((c.peek(i >> 3) >> (i & 7)) & 1) === 1);
  return out;
}

/** Reads `count` big-endian 16-bit registers, capped. */
function readRegisters(
  state: ModbusState,
  sink: DecodeSink,
  c: ByteCursor,
  count: number,
  m: ModbusFields,
): number[] {
  const n = capValues(state, sink, count, m);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(c.u16be());
  return out;
}

/** How many of `count` values to list: at most maxObjectsPerMessage, flagging the cut. */
function capValues(state: ModbusState, sink: DecodeSink, count: number, m: ModbusFields): number {
  const limit = state.limits.maxObjectsPerMessage;
  if (count <= limit) return count;
  m.values_truncated = true;
  sink.anomaly('modbus.values_limit_reached', `${count} values, limit ${limit}`);
  return Math.max(0, limit);
}

function lengthMismatch(sink: DecodeSink, fc: number, got: number, expected: number): void {
  sink.anomaly('modbus.length_mismatch', `function ${fc}: ${got} data bytes, expected ${expected}`);
}

function findPending(state: ModbusState, key: number): number {
  const keys = state.pendingKey;
  for (let i = 0; i < state.pendingCount; i++) if (keys[i] === key) return i;
  return -1;
}

/**
 * Remembers an outstanding request. A repeated (unit, transaction) replaces the earlier entry
 * (clients that always send transaction 0). When the table is at its limit the oldest entry is
 * forgotten. That is routine when the oldest request is older than one that was answered since:
 * the server will not answer it any more (a gateway polling units that are down leaves many
 * such requests behind). Only when every outstanding request is newer than the last answered
 * one (a flood, or a server that stopped answering) is `too_many_transactions` raised.
 */
function addPending(
  state: ModbusState,
  sink: DecodeSink,
  key: number,
  fc: number,
  address: number,
  quantity: number,
): void {
  let slot = findPending(state, key);
  if (slot < 0) {
    if (state.pendingCount === state.pendingKey.length) {
      if (state.pendingKey.length < state.maxPending) {
        growPending(state);
      } else {
        const oldest = oldestPending(state);
        if ((state.pendingSeq[oldest] as number) > state.lastAnsweredSeq) {
          sink.anomaly('modbus.too_many_transactions', `${state.maxPending} requests unanswered`);
        }
        removePending(state, oldest);
      }
    }
    slot = state.pendingCount++;
    state.pendingKey[slot] = key;
  }
  state.pendingFc[slot] = fc;
  state.pendingAddress[slot] = address;
  state.pendingQuantity[slot] = quantity;
  state.pendingSeq[slot] = state.nextSeq++;
}

function growPending(state: ModbusState): void {
  const size = Math.min(
    state.maxPending,
    Math.max(INITIAL_PENDING_SLOTS, state.pendingKey.length * 2),
  );
  const key = new Int32Array(size);
  key.set(state.pendingKey);
  const fc = new Uint8Array(size);
  fc.set(state.pendingFc);
  const address = new Int32Array(size);
  address.set(state.pendingAddress);
  const quantity = new Int32Array(size);
  quantity.set(state.pendingQuantity);
  const seq = new Float64Array(size);
  seq.set(state.pendingSeq);
  state.pendingKey = key;
  state.pendingFc = fc;
  state.pendingAddress = address;
  state.pendingQuantity = quantity;
  state.pendingSeq = seq;
}

function oldestPending(state: ModbusState): number {
  let oldest = 0;
  const seq = state.pendingSeq;
  for (let i = 1; i < state.pendingCount; i++)
    if ((seq[i] as number) < (seq[oldest] as number)) oldest = i;
  return oldest;
}

/** Removes entry `slot` by moving the last entry into its place. */
function removePending(state: ModbusState, slot: number): void {
  const last = --state.pendingCount;
  if (slot === last) return;
  state.pendingKey[slot] = state.pendingKey[last] as number;
  state.pendingFc[slot] = state.pendingFc[last] as number;
  state.pendingAddress[slot] = state.pendingAddress[last] as number;
  state.pendingQuantity[slot] = state.pendingQuantity[last] as number;
  state.pendingSeq[slot] = state.pendingSeq[last] as number;
}
