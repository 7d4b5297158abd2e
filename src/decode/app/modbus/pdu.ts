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
  DIAGNOSTIC_SUB_FUNCTIONS as DIAG,
  EXCEPTION_BIT,
  EXCEPTION_NAMES,
  FILE_RECORD,
  FUNCTION_CODES as FC,
  MAX_COMM_EVENTS,
  MAX_FIFO_COUNT,
  MEI_TYPES,
  MEI_TYPE_NAMES,
  MORE_FOLLOWS,
  QUANTITY_LIMITS,
  READ_DEVICE_ID_NAMES,
  REQUEST_BODY_BYTES as REQ,
  RESPONSE_BODY_BYTES as RSP,
  RUN_INDICATOR,
  diagnosticName,
} from './constants.js';
import type { ModbusDeviceObject, ModbusFields, ModbusFileRecord } from './events.js';

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
      diagnostics(limits, sink, c, fc, m, false);
      return;
    case FC.READ_EXCEPTION_STATUS:
    case FC.GET_COMM_EVENT_COUNTER:
    case FC.GET_COMM_EVENT_LOG:
    case FC.REPORT_SERVER_ID:
      // [AP] 6.7, 6.9, 6.10, 6.13: the request is the function code alone.
      if (body !== 0) lengthMismatch(sink, fc, body, 0);
      return;
    case FC.READ_FILE_RECORD:
      readFileRecordRequest(limits, sink, c, m);
      return;
    case FC.WRITE_FILE_RECORD:
      writeFileRecord(limits, sink, c, m);
      return;
    case FC.ENCAPSULATED_INTERFACE_TRANSPORT: {
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      const mei = meiType(c, m);
      if (mei !== MEI_TYPES.READ_DEVICE_IDENTIFICATION) {
        if (mei !== MEI_TYPES.CANOPEN_GENERAL_REFERENCE) {
          sink.anomaly('modbus.unknown_sub_function', `MEI type ${mei}`);
        }
        m.mei_data = hexOf(c, c.remaining(), limits.maxStringBytes);
        return;
      }
      if (body !== REQ.READ_DEVICE_ID) lengthMismatch(sink, fc, body, REQ.READ_DEVICE_ID);
      if (body < REQ.READ_DEVICE_ID) return;
      readDeviceIdCode(c, m);
      m.object_id = c.u8();
      return;
    }
    default:
      // Other codes: function code, name and MBAP length only (README coverage matrix).
      return;
  }
}

/**
 * Normal response data of function `fc` ([AP] 6.x response PDUs) into `m`. `reqQuantity` is the
 * paired request's quantity (-1 when unknown), which bounds the bits of a coil read;
 * `reqRecords` the paired Read File Record request's sub-requests, which name the file and
 * record of each sub-response.
 */
export function decodeResponse(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
  reqQuantity: number,
  reqRecords: readonly ModbusFileRecord[] | undefined,
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
      diagnostics(limits, sink, c, fc, m, true);
      return;
    case FC.READ_EXCEPTION_STATUS:
      // [AP] 6.7: one byte of output data (eight exception status outputs).
      if (body !== RSP.READ_EXCEPTION_STATUS)
        lengthMismatch(sink, fc, body, RSP.READ_EXCEPTION_STATUS);
      if (body >= RSP.READ_EXCEPTION_STATUS) m.output_data = c.u8();
      return;
    case FC.GET_COMM_EVENT_COUNTER:
      // [AP] 6.9: status word, event count.
      if (body !== RSP.COMM_EVENT_COUNTER) lengthMismatch(sink, fc, body, RSP.COMM_EVENT_COUNTER);
      if (body < RSP.COMM_EVENT_COUNTER) return;
      m.status = c.u16be();
      m.event_count = c.u16be();
      return;
    case FC.GET_COMM_EVENT_LOG:
      commEventLog(limits, sink, c, m);
      return;
    case FC.REPORT_SERVER_ID:
      reportServerId(limits, sink, c, m);
      return;
    case FC.READ_FILE_RECORD:
      readFileRecordResponse(limits, sink, c, m, reqRecords);
      return;
    case FC.WRITE_FILE_RECORD:
      // [AP] 6.15: the normal response echoes the request.
      writeFileRecord(limits, sink, c, m);
      return;
    case FC.READ_FIFO_QUEUE:
      readFifoResponse(limits, sink, c, m);
      return;
    case FC.ENCAPSULATED_INTERFACE_TRANSPORT:
      if (body < 1) {
        lengthMismatch(sink, fc, body, 1);
        return;
      }
      if (meiType(c, m) === MEI_TYPES.READ_DEVICE_IDENTIFICATION) {
        readDeviceIdResponse(limits, sink, c, fc, m);
      } else {
        m.mei_data = hexOf(c, c.remaining(), limits.maxStringBytes);
      }
      return;
    default:
      return;
  }
}

/** Reads the MEI type byte of function 43 ([AP] 6.19) and names it. */
function meiType(c: ByteCursor, m: ModbusFields): number {
  const mei = c.u8();
  m.mei_type = mei;
  m.mei_type_name = MEI_TYPE_NAMES[mei] as string;
  return mei;
}

/** Reads the Read Device ID code of function 43/14 ([AP] 6.21) and names it. */
function readDeviceIdCode(c: ByteCursor, m: ModbusFields): void {
  const code = c.u8();
  m.read_device_id_code = code;
  m.read_device_id = READ_DEVICE_ID_NAMES[code] as string;
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
    // A short PDU gives the read range if it holds it (scanners send 4 data bytes).
    if (body >= REQ.READ) {
      m.address = c.u16be();
      m.quantity = c.u16be();
    }
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

/**
 * Function 22 request and response ([AP] 6.16): reference address, AND mask, OR mask. A short
 * PDU gives the fields it holds (scanners send 4 data bytes), as Wireshark shows them.
 */
function maskWrite(sink: DecodeSink, c: ByteCursor, fc: number, m: ModbusFields): void {
  const body = c.remaining();
  if (body !== REQ.MASK_WRITE) lengthMismatch(sink, fc, body, REQ.MASK_WRITE);
  if (body >= 2) m.address = c.u16be();
  if (body >= 4) m.and_mask = c.u16be();
  if (body >= REQ.MASK_WRITE) m.or_mask = c.u16be();
}

/**
 * Function 8 request and response ([AP] 6.8): sub-function, then data words. Sub-function 00
 * (Return Query Data) carries any number of words, echoed by the response; every other defined
 * sub-function carries exactly one word ([AP] 6.8.1). Reserved sub-functions have no defined
 * data, so only their words are listed.
 */
function diagnostics(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  fc: number,
  m: ModbusFields,
  isResponse: boolean,
): void {
  const body = c.remaining();
  if (body < REQ.DIAGNOSTICS_HEADER) {
    lengthMismatch(sink, fc, body, REQ.DIAGNOSTICS_HEADER);
    return;
  }
  const sub = c.u16be();
  m.sub_function = sub;
  const name = diagnosticName(sub);
  m.sub_function_name = name;
  const dataBytes = body - REQ.DIAGNOSTICS_HEADER;
  if (name === 'reserved') {
    if (!isResponse) sink.anomaly('modbus.unknown_sub_function', `diagnostics sub-function ${sub}`);
  } else if (sub === DIAG.RETURN_QUERY_DATA) {
    if ((dataBytes & 1) !== 0) lengthMismatch(sink, fc, body, body + 1);
  } else if (dataBytes !== REQ.DIAGNOSTIC_WORD) {
    lengthMismatch(sink, fc, body, REQ.DIAGNOSTICS_HEADER + REQ.DIAGNOSTIC_WORD);
  }
  m.data = readRegisters(limits, sink, c, dataBytes >> 1, m);
}

/**
 * Function 12 response ([AP] 6.10): byte count, status, event count, message count, then 0-64
 * event bytes.
 */
function commEventLog(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.GET_COMM_EVENT_LOG;
  const body = c.remaining();
  if (body < RSP.COMM_EVENT_LOG_HEADER) {
    lengthMismatch(sink, fc, body, RSP.COMM_EVENT_LOG_HEADER);
    return;
  }
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (body !== 1 + byteCount || byteCount < RSP.COMM_EVENT_LOG_MIN_BYTE_COUNT) {
    lengthMismatch(sink, fc, body, 1 + Math.max(byteCount, RSP.COMM_EVENT_LOG_MIN_BYTE_COUNT));
  } else if (byteCount - RSP.COMM_EVENT_LOG_MIN_BYTE_COUNT > MAX_COMM_EVENTS) {
    sink.anomaly(
      'modbus.length_mismatch',
      `${byteCount - RSP.COMM_EVENT_LOG_MIN_BYTE_COUNT} comm events, at most ${MAX_COMM_EVENTS}`,
    );
  }
  m.status = c.u16be();
  m.event_count = c.u16be();
  m.message_count = c.u16be();
  const n = capValues(
    limits,
    sink,
    Math.min(byteCount, body - 1) - RSP.COMM_EVENT_LOG_MIN_BYTE_COUNT,
    m,
  );
  const events: number[] = [];
  for (let i = 0; i < n; i++) events.push(c.u8());
  m.events = events;
}

/**
 * Function 17 response ([AP] 6.13): byte count, server id (device-specific length), run
 * indicator status (0x00 OFF, 0xFF ON), additional data. The server id's length is not on the
 * wire: the run indicator is taken to be the first 0x00 or 0xFF byte after the first byte (a
 * one-byte server id, the common case, is always split right).
 */
function reportServerId(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.REPORT_SERVER_ID;
  const body = c.remaining();
  if (body < 1) {
    lengthMismatch(sink, fc, body, 1);
    return;
  }
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (body !== 1 + byteCount) lengthMismatch(sink, fc, body, 1 + byteCount);
  const n = Math.min(byteCount, body - 1);
  if (n === 0) return;
  let run = 1;
  while (run < n) {
    const b = c.peek(run);
    if (b === RUN_INDICATOR.ON || b === RUN_INDICATOR.OFF) break;
    run++;
  }
  m.server_id = hexOf(c, run, limits.maxStringBytes);
  if (run >= n) return;
  m.run_indicator = c.u8() === RUN_INDICATOR.ON ? 'on' : 'off';
  const extra = n - run - 1;
  if (extra === 0) return;
  const text = printableText(c, extra, limits.maxStringBytes);
  m.additional_data = hexOf(c, extra, limits.maxStringBytes);
  if (text !== undefined) m.additional_text = text;
}

/**
 * Function 20 request ([AP] 6.14): byte count (0x07-0xF5), then 7-byte sub-requests of
 * reference type, file number, record number and record length.
 */
function readFileRecordRequest(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.READ_FILE_RECORD;
  const body = c.remaining();
  if (body < 1) {
    lengthMismatch(sink, fc, body, 1);
    return;
  }
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (body !== 1 + byteCount) {
    lengthMismatch(sink, fc, body, 1 + byteCount);
  } else if (
    byteCount % FILE_RECORD.SUB_REQUEST_BYTES !== 0 ||
    byteCount < FILE_RECORD.MIN_READ_BYTE_COUNT ||
    byteCount > FILE_RECORD.MAX_READ_BYTE_COUNT
  ) {
    sink.anomaly('modbus.length_mismatch', `read file record byte count ${byteCount}`);
  }
  const count = Math.floor(Math.min(byteCount, body - 1) / FILE_RECORD.SUB_REQUEST_BYTES);
  const n = capValues(limits, sink, count, m);
  const records: ModbusFileRecord[] = [];
  let badReference = false;
  for (let i = 0; i < count; i++) {
    const referenceType = c.u8();
    const fileNumber = c.u16be();
    const recordNumber = c.u16be();
    const recordLength = c.u16be();
    badReference ||= !validReference(referenceType, fileNumber, recordNumber);
    if (i < n) {
      records.push({
        reference_type: referenceType,
        file_number: fileNumber,
        record_number: recordNumber,
        record_length: recordLength,
      });
    }
  }
  m.file_records = records;
  if (badReference) fileReferenceAnomaly(sink, fc, records);
}

/**
 * Function 20 response ([AP] 6.14): response data length, then per sub-request a file response
 * length (reference type + data bytes), reference type and the record's registers. The file
 * and record numbers come from the paired request's sub-request at the same position.
 */
function readFileRecordResponse(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
  reqRecords: readonly ModbusFileRecord[] | undefined,
): void {
  const fc = FC.READ_FILE_RECORD;
  const body = c.remaining();
  if (body < 1) {
    lengthMismatch(sink, fc, body, 1);
    return;
  }
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (body !== 1 + byteCount) lengthMismatch(sink, fc, body, 1 + byteCount);
  const end = c.offset() + Math.min(byteCount, body - 1);
  const records: ModbusFileRecord[] = [];
  let budget = limits.maxObjectsPerMessage;
  let cut = false;
  let malformed = false;
  let seen = 0;
  while (end - c.offset() >= FILE_RECORD.SUB_RESPONSE_HEADER_BYTES) {
    const i = seen++;
    const fileLength = c.u8();
    const referenceType = c.u8();
    // The file response length counts the reference type byte and the record data.
    const dataBytes = Math.min(Math.max(fileLength - 1, 0), end - c.offset());
    if (fileLength < 1 || (fileLength & 1) === 0 || dataBytes !== fileLength - 1) malformed = true;
    const words = dataBytes >> 1;
    const req = reqRecords?.[i];
    if (req !== undefined && req.record_length !== words) malformed = true;
    if (i >= limits.maxObjectsPerMessage) {
      cut = true;
      c.skip(dataBytes);
      continue;
    }
    const take = Math.min(words, Math.max(budget, 0));
    if (take < words) cut = true;
    budget -= take;
    const values: number[] = [];
    for (let k = 0; k < take; k++) values.push(c.u16be());
    c.skip(dataBytes - 2 * take);
    records.push(
      req === undefined
        ? { reference_type: referenceType, record_length: words, values }
        : {
            reference_type: referenceType,
            file_number: req.file_number as number,
            record_number: req.record_number as number,
            record_length: words,
            values,
          },
    );
  }
  if (end - c.offset() !== 0) malformed = true;
  if (reqRecords !== undefined) {
    // A request list cut at the limit is shorter than the request was: more is then fine.
    const reqCut = reqRecords.length >= limits.maxObjectsPerMessage;
    if (seen < reqRecords.length || (seen > reqRecords.length && !reqCut)) malformed = true;
  }
  m.file_records = records;
  if (malformed) {
    sink.anomaly(
      'modbus.length_mismatch',
      `read file record response: ${records.length} sub-responses disagree with the data or the request`,
    );
  }
  if (cut) {
    m.values_truncated = true;
    sink.anomaly('modbus.values_limit_reached', `read file record response over the limit`);
  }
}

/**
 * Function 21 request and its echoing response ([AP] 6.15): request data length, then per
 * sub-request reference type, file number, record number, record length and the record's
 * registers.
 */
function writeFileRecord(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.WRITE_FILE_RECORD;
  const body = c.remaining();
  if (body < 1) {
    lengthMismatch(sink, fc, body, 1);
    return;
  }
  const byteCount = c.u8();
  m.byte_count = byteCount;
  if (body !== 1 + byteCount) lengthMismatch(sink, fc, body, 1 + byteCount);
  const end = c.offset() + Math.min(byteCount, body - 1);
  const records: ModbusFileRecord[] = [];
  let budget = limits.maxObjectsPerMessage;
  let cut = false;
  let badReference = false;
  let seen = 0;
  while (end - c.offset() >= FILE_RECORD.SUB_REQUEST_BYTES) {
    const referenceType = c.u8();
    const fileNumber = c.u16be();
    const recordNumber = c.u16be();
    const recordLength = c.u16be();
    badReference ||= !validReference(referenceType, fileNumber, recordNumber);
    const words = Math.min(recordLength, (end - c.offset()) >> 1);
    seen++;
    if (words < recordLength) {
      lengthMismatch(sink, fc, body, body + 2 * (recordLength - words));
    }
    if (seen > limits.maxObjectsPerMessage) {
      cut = true;
      c.skip(2 * words);
      continue;
    }
    const take = Math.min(words, Math.max(budget, 0));
    if (take < words) cut = true;
    budget -= take;
    const values: number[] = [];
    for (let k = 0; k < take; k++) values.push(c.u16be());
    c.skip(2 * (words - take));
    records.push({
      reference_type: referenceType,
      file_number: fileNumber,
      record_number: recordNumber,
      record_length: recordLength,
      values,
    });
  }
  const left = end - c.offset();
  if (left !== 0) sink.anomaly('modbus.length_mismatch', `write file record: ${left} bytes left`);
  m.file_records = records;
  if (badReference) fileReferenceAnomaly(sink, fc, records);
  if (cut) {
    m.values_truncated = true;
    sink.anomaly('modbus.values_limit_reached', `write file record over the limit`);
  }
}

/** [AP] 6.14, 6.15: reference type 6, file number 1-0xFFFF, record number 0-0x270F. */
function validReference(referenceType: number, fileNumber: number, recordNumber: number): boolean {
  return (
    referenceType === FILE_RECORD.REFERENCE_TYPE &&
    fileNumber !== 0 &&
    recordNumber <= FILE_RECORD.MAX_RECORD_NUMBER
  );
}

function fileReferenceAnomaly(
  sink: DecodeSink,
  fc: number,
  records: readonly ModbusFileRecord[],
): void {
  let detail = `function ${fc}`;
  for (const r of records) {
    if (!validReference(r.reference_type, r.file_number ?? 1, r.record_number ?? 0)) {
      detail += `: reference type ${r.reference_type}, file ${r.file_number}, record ${r.record_number}`;
      break;
    }
  }
  sink.anomaly('modbus.invalid_file_reference', detail);
}

/**
 * Function 24 response ([AP] 6.18): byte count (2 bytes: FIFO count + values), FIFO count (at
 * most 31), then the queued registers.
 */
function readFifoResponse(
  limits: DecoderLimits,
  sink: DecodeSink,
  c: ByteCursor,
  m: ModbusFields,
): void {
  const fc = FC.READ_FIFO_QUEUE;
  const body = c.remaining();
  if (body < RSP.FIFO_HEADER) {
    lengthMismatch(sink, fc, body, RSP.FIFO_HEADER);
    return;
  }
  const byteCount = c.u16be();
  m.byte_count = byteCount;
  const count = c.u16be();
  m.fifo_count = count;
  if (body !== 2 + byteCount) {
    lengthMismatch(sink, fc, body, 2 + byteCount);
  } else if (byteCount !== 2 + 2 * count) {
    sink.anomaly('modbus.length_mismatch', `byte count ${byteCount} for FIFO count ${count}`);
  }
  if (count > MAX_FIFO_COUNT) sink.anomaly('modbus.invalid_quantity', `FIFO count ${count}`);
  m.values = readRegisters(limits, sink, c, Math.min(count, c.remaining() >> 1), m);
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
  readDeviceIdCode(c, m);
  m.conformity_level = c.u8();
  m.more_follows = c.u8() === MORE_FOLLOWS;
  m.next_object_id = c.u8();
  const count = c.u8();
  m.object_count = count;
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

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Reads `n` bytes and returns them as hex, at most `maxChars` digits (whole bytes). */
function hexOf(c: ByteCursor, n: number, maxChars: number): string {
  const shown = Math.min(n, maxChars >> 1);
  let s = '';
  for (let i = 0; i < shown; i++) s += HEX_DIGITS[c.u8()] as string;
  c.skip(n - shown);
  return s;
}

/**
 * The next `n` bytes as text when every one is printable ASCII (0x20-0x7E), at most `maxChars`
 * of them; undefined otherwise. Does not move the cursor.
 */
function printableText(c: ByteCursor, n: number, maxChars: number): string | undefined {
  for (let i = 0; i < n; i++) {
    const b = c.peek(i);
    if (b < 0x20 || b > 0x7e) return undefined;
  }
  let s = '';
  const shown = Math.min(n, maxChars);
  for (let i = 0; i < shown; i++) s += String.fromCharCode(c.peek(i));
  return s;
}
