/**
 * Modbus PDU data decoders: the fields of each function's request and response ([AP] 6.1-6.21)
 * and of exception responses ([AP] 7), written into the event's `modbus` object.
 *
 * Each decoder gets a cursor spanning exactly the PDU data (after the function code), checks the
 * size its function defines once, reads what is there, and reports a `length_mismatch` for any
 * disagreement. Value lists are capped by `maxObjectsPerMessage`, strings by `maxStringBytes`.
 *
 * [AP] MODBUS Application Protocol Specification V1.1b3.
 */
import type { ByteCursor } from '../../cursor.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import {
  BITS_PER_BYTE,
  COIL_OFF,
  COIL_ON,
  DEVICE_ID_OBJECT_NAMES,
  EXCEPTION_BIT,
  EXCEPTION_NAMES,
  FUNCTION_CODES as FC,
  MEI_TYPES,
  MORE_FOLLOWS,
  QUANTITY_LIMITS,
  REQUEST_BODY_BYTES as REQ,
  RESPONSE_BODY_BYTES as RSP,
} from './constants.js';
import type { ModbusDeviceObject, ModbusFields } from './events.js';

/** "No request value" (address or quantity unknown). */
export const NO_VALUE = -1;

/** Exception response ([AP] 7): one exception code byte. */
export function decodeException(sink: DecodeSink, c: ByteCursor, m: ModbusFields): void {
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

/** Request data of function `fc` ([AP] 6.x request PDUs) into `m`. */
export function decodeRequest(
  limits: DecoderLimits,
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
      writeMultipleRequest(limits, sink, c, fc, m);
      return;
    case FC.MASK_WRITE_REGISTER:
      maskWrite(sink, c, fc, m);
      return;
    case FC.READ_WRITE_MULTIPLE_REGISTERS:
      readWriteRequest(limits, sink, c, m);
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

/**
 * Normal response data of function `fc` ([AP] 6.x response PDUs) into `m`; `reqQuantity` is the
 * paired request's quantity (-1 when unknown), which bounds the bits of a coil read.
 */
export function decodeResponse(
  limits: DecoderLimits,
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
        limits,
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
      m.values = readRegisters(limits, sink, c, Math.min(byteCount, body - 1) >> 1, m);
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
        readDeviceIdResponse(limits, sink, c, fc, m);
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
  limits: DecoderLimits,
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
    ? readBits(limits, sink, c, Math.min(q, avail * BITS_PER_BYTE), m)
    : readRegisters(limits, sink, c, Math.min(q, avail >> 1), m);
}

/** Function 23 request ([AP] 6.17): read address/quantity, write address/quantity/values. */
function readWriteRequest(
  limits: DecoderLimits,
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
  m.values = readRegisters(limits, sink, c, Math.min(writeQ, avail >> 1), m);
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
  limits: DecoderLimits,
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
  const limit = limits.maxObjectsPerMessage;
  const maxString = limits.maxStringBytes;
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
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  count: number,
  m: ModbusFields,
): boolean[] {
  const n = capValues(limits, sink, count, m);
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(((c.peek(i >> 3) >> (i & 7)) & 1) === 1);
  return out;
}

/** Reads `count` big-endian 16-bit registers, capped. */
function readRegisters(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  count: number,
  m: ModbusFields,
): number[] {
  const n = capValues(limits, sink, count, m);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(c.u16be());
  return out;
}

/** How many of `count` values to list: at most maxObjectsPerMessage, flagging the cut. */
function capValues(
  limits: DecoderLimits,
  sink: DecodeSink,
  count: number,
  m: ModbusFields,
): number {
  const limit = limits.maxObjectsPerMessage;
  if (count <= limit) return count;
  m.values_truncated = true;
  sink.anomaly('modbus.values_limit_reached', `${count} values, limit ${limit}`);
  return Math.max(0, limit);
}

function lengthMismatch(sink: DecodeSink, fc: number, got: number, expected: number): void {
  sink.anomaly('modbus.length_mismatch', `function ${fc}: ${got} data bytes, expected ${expected}`);
}
