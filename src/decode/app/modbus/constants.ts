/**
 * Modbus code tables.
 *
 * References:
 * - [AP] MODBUS Application Protocol Specification V1.1b3 (Modbus Organization, 2012).
 * - [TCP] MODBUS Messaging on TCP/IP Implementation Guide V1.0b (Modbus-IDA, 2006).
 *
 * Names are snake_case because they are event values (`modbus.function: read_coils`) that
 * rules match on; they never change once published.
 */

/** MBAP header ([TCP] 3.1.3): transaction id (2), protocol id (2), length (2), unit id (1). */
export const MBAP = {
  /** Bytes of the MBAP header. */
  HEADER_BYTES: 7,
  /** Bytes before the length field's count starts (transaction id, protocol id, length). */
  LENGTH_FIELD_END: 6,
  /** MBAP header plus the function code: the smallest ADU that can be dispatched. */
  MIN_ADU_BYTES: 8,
  /** Protocol identifier of Modbus ([TCP] 3.1.3: "0 = MODBUS protocol"). */
  PROTOCOL_ID: 0,
  /** Smallest length: unit id + function code ([TCP] 3.1.3). */
  MIN_LENGTH: 2,
  /**
   * Largest length: unit id + a 253-byte PDU ([AP] 4.1: the PDU is limited to 253 bytes by the
   * RS-485 ADU of 256 bytes, so a TCP ADU is at most 253 + 7 = 260 bytes).
   */
  MAX_LENGTH: 254,
  /** Registered TCP port ([TCP] 3.1.3: "All MODBUS/TCP ADU are sent via TCP to [...] port 502"). */
  PORT: 502,
} as const;

/** Public function codes ([AP] 5.1, with the section describing each). */
export const FUNCTION_CODES = {
  /** [AP] 6.1 */
  READ_COILS: 0x01,
  /** [AP] 6.2 */
  READ_DISCRETE_INPUTS: 0x02,
  /** [AP] 6.3 */
  READ_HOLDING_REGISTERS: 0x03,
  /** [AP] 6.4 */
  READ_INPUT_REGISTERS: 0x04,
  /** [AP] 6.5 */
  WRITE_SINGLE_COIL: 0x05,
  /** [AP] 6.6 */
  WRITE_SINGLE_REGISTER: 0x06,
  /** [AP] 6.7 (serial line only) */
  READ_EXCEPTION_STATUS: 0x07,
  /** [AP] 6.8 (serial line only) */
  DIAGNOSTICS: 0x08,
  /** [AP] 6.9 (serial line only) */
  GET_COMM_EVENT_COUNTER: 0x0b,
  /** [AP] 6.10 (serial line only) */
  GET_COMM_EVENT_LOG: 0x0c,
  /** [AP] 6.11 */
  WRITE_MULTIPLE_COILS: 0x0f,
  /** [AP] 6.12 */
  WRITE_MULTIPLE_REGISTERS: 0x10,
  /** [AP] 6.13 (serial line only) */
  REPORT_SERVER_ID: 0x11,
  /** [AP] 6.14 */
  READ_FILE_RECORD: 0x14,
  /** [AP] 6.15 */
  WRITE_FILE_RECORD: 0x15,
  /** [AP] 6.16 */
  MASK_WRITE_REGISTER: 0x16,
  /** [AP] 6.17 */
  READ_WRITE_MULTIPLE_REGISTERS: 0x17,
  /** [AP] 6.18 */
  READ_FIFO_QUEUE: 0x18,
  /** [AP] 6.19 (MEI transport; 6.20 CANopen, 6.21 Read Device Identification) */
  ENCAPSULATED_INTERFACE_TRANSPORT: 0x2b,
} as const;

/** Function code of an exception response: the request's code with this bit set ([AP] 7). */
export const EXCEPTION_BIT = 0x80;
/** Mask that removes {@link EXCEPTION_BIT}. */
export const FUNCTION_CODE_MASK = 0x7f;

/** What kind of code a function code is ([AP] 5.1 and Annex A). */
export const FunctionCategory = {
  /** Not assigned: neither public, user-defined nor reserved. */
  UNASSIGNED: 0,
  /** Public code, documented in [AP] 6. */
  PUBLIC: 1,
  /** User-defined ranges 65-72 and 100-110 ([AP] 5.1). */
  USER_DEFINED: 2,
  /**
   * Reserved for legacy products of some companies ([AP] Annex A: 9, 10, 13, 14, 41, 42, 90, 91,
   * 125, 126, 127). Schneider Electric's UMAS engineering protocol rides on 90 (0x5A).
   */
  RESERVED: 3,
} as const;
export type FunctionCategory = (typeof FunctionCategory)[keyof typeof FunctionCategory];

/** Function code (without the exception bit) to event name, for public codes. */
const PUBLIC_NAMES: Readonly<Record<number, string>> = {
  [FUNCTION_CODES.READ_COILS]: 'read_coils',
  [FUNCTION_CODES.READ_DISCRETE_INPUTS]: 'read_discrete_inputs',
  [FUNCTION_CODES.READ_HOLDING_REGISTERS]: 'read_holding_registers',
  [FUNCTION_CODES.READ_INPUT_REGISTERS]: 'read_input_registers',
  [FUNCTION_CODES.WRITE_SINGLE_COIL]: 'write_single_coil',
  [FUNCTION_CODES.WRITE_SINGLE_REGISTER]: 'write_single_register',
  [FUNCTION_CODES.READ_EXCEPTION_STATUS]: 'read_exception_status',
  [FUNCTION_CODES.DIAGNOSTICS]: 'diagnostics',
  [FUNCTION_CODES.GET_COMM_EVENT_COUNTER]: 'get_comm_event_counter',
  [FUNCTION_CODES.GET_COMM_EVENT_LOG]: 'get_comm_event_log',
  [FUNCTION_CODES.WRITE_MULTIPLE_COILS]: 'write_multiple_coils',
  [FUNCTION_CODES.WRITE_MULTIPLE_REGISTERS]: 'write_multiple_registers',
  [FUNCTION_CODES.REPORT_SERVER_ID]: 'report_server_id',
  [FUNCTION_CODES.READ_FILE_RECORD]: 'read_file_record',
  [FUNCTION_CODES.WRITE_FILE_RECORD]: 'write_file_record',
  [FUNCTION_CODES.MASK_WRITE_REGISTER]: 'mask_write_register',
  [FUNCTION_CODES.READ_WRITE_MULTIPLE_REGISTERS]: 'read_write_multiple_registers',
  [FUNCTION_CODES.READ_FIFO_QUEUE]: 'read_fifo_queue',
  [FUNCTION_CODES.ENCAPSULATED_INTERFACE_TRANSPORT]: 'encapsulated_interface_transport',
};

/** Reserved function codes of [AP] Annex A. */
const RESERVED_CODES: readonly number[] = [9, 10, 13, 14, 41, 42, 90, 91, 125, 126, 127];

/**
 * Category of every 7-bit function code, indexed by code. Built once at load from the tables
 * above so that the hot path does one array read.
 */
export const FUNCTION_CATEGORY: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const k of Object.keys(PUBLIC_NAMES)) t[Number(k)] = FunctionCategory.PUBLIC;
  for (let fc = 65; fc <= 72; fc++) t[fc] = FunctionCategory.USER_DEFINED;
  for (let fc = 100; fc <= 110; fc++) t[fc] = FunctionCategory.USER_DEFINED;
  for (const fc of RESERVED_CODES) t[fc] = FunctionCategory.RESERVED;
  return t;
})();

/**
 * Event name of every 7-bit function code, indexed by code: the public name, or
 * `user_defined`, `reserved`, `unassigned`.
 */
export const FUNCTION_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (let fc = 0; fc < 128; fc++) {
    const cat = FUNCTION_CATEGORY[fc];
    names.push(
      cat === FunctionCategory.PUBLIC
        ? (PUBLIC_NAMES[fc] as string)
        : cat === FunctionCategory.USER_DEFINED
          ? 'user_defined'
          : cat === FunctionCategory.RESERVED
            ? 'reserved'
            : 'unassigned',
    );
  }
  return names;
})();

/** Exception codes ([AP] 7, "MODBUS Exception Codes"). */
export const EXCEPTION_CODES = {
  ILLEGAL_FUNCTION: 0x01,
  ILLEGAL_DATA_ADDRESS: 0x02,
  ILLEGAL_DATA_VALUE: 0x03,
  SERVER_DEVICE_FAILURE: 0x04,
  ACKNOWLEDGE: 0x05,
  SERVER_DEVICE_BUSY: 0x06,
  MEMORY_PARITY_ERROR: 0x08,
  GATEWAY_PATH_UNAVAILABLE: 0x0a,
  GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND: 0x0b,
} as const;

/** Exception code to event name (`unknown` for codes [AP] 7 does not define). */
export const EXCEPTION_NAMES: readonly string[] = (() => {
  const names: string[] = new Array<string>(256).fill('unknown');
  for (const [k, v] of Object.entries(EXCEPTION_CODES)) names[v] = k.toLowerCase();
  return names;
})();

/** MEI types carried by function 43 ([AP] 6.19; Annex A reserves 0-12 and 15-255). */
export const MEI_TYPES = {
  /** [AP] 6.20 CANopen General Reference Request and Response PDU. */
  CANOPEN_GENERAL_REFERENCE: 0x0d,
  /** [AP] 6.21 Read Device Identification. */
  READ_DEVICE_IDENTIFICATION: 0x0e,
} as const;

/** MEI type to event name: the two of [AP] 6.19, `reserved` for the others (Annex A). */
export const MEI_TYPE_NAMES: readonly string[] = (() => {
  const names: string[] = new Array<string>(256).fill('reserved');
  for (const [k, v] of Object.entries(MEI_TYPES)) names[v] = k.toLowerCase();
  return names;
})();

/**
 * Diagnostics (function 8) sub-function codes ([AP] 6.8.1, "Sub-function codes supported by the
 * serial line devices"); 5-9, 19 and 21-65535 are reserved.
 */
export const DIAGNOSTIC_SUB_FUNCTIONS = {
  /** [AP] 6.8.1 00: the request data is echoed (loopback). */
  RETURN_QUERY_DATA: 0x00,
  /** [AP] 6.8.1 01: restarts the serial port; data 0xFF00 also clears the event log. */
  RESTART_COMMUNICATIONS_OPTION: 0x01,
  /** [AP] 6.8.1 02: returns the 16-bit diagnostic register. */
  RETURN_DIAGNOSTIC_REGISTER: 0x02,
  /** [AP] 6.8.1 03: data "CHAR 00" sets the ASCII-mode end-of-message delimiter. */
  CHANGE_ASCII_INPUT_DELIMITER: 0x03,
  /** [AP] 6.8.1 04: the server stops answering until restarted (no response is sent). */
  FORCE_LISTEN_ONLY_MODE: 0x04,
  /** [AP] 6.8.1 10: clears every counter and the diagnostic register. */
  CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER: 0x0a,
  /** [AP] 6.8.1 11 */
  RETURN_BUS_MESSAGE_COUNT: 0x0b,
  /** [AP] 6.8.1 12 (CRC errors) */
  RETURN_BUS_COMMUNICATION_ERROR_COUNT: 0x0c,
  /** [AP] 6.8.1 13 */
  RETURN_BUS_EXCEPTION_ERROR_COUNT: 0x0d,
  /** [AP] 6.8.1 14 */
  RETURN_SERVER_MESSAGE_COUNT: 0x0e,
  /** [AP] 6.8.1 15 */
  RETURN_SERVER_NO_RESPONSE_COUNT: 0x0f,
  /** [AP] 6.8.1 16 */
  RETURN_SERVER_NAK_COUNT: 0x10,
  /** [AP] 6.8.1 17 */
  RETURN_SERVER_BUSY_COUNT: 0x11,
  /** [AP] 6.8.1 18 */
  RETURN_BUS_CHARACTER_OVERRUN_COUNT: 0x12,
  /** [AP] 6.8.1 20 */
  CLEAR_OVERRUN_COUNTER_AND_FLAG: 0x14,
} as const;

/** Sub-functions up to this one have a table entry; every higher code is reserved. */
const LAST_DIAGNOSTIC_SUB_FUNCTION = DIAGNOSTIC_SUB_FUNCTIONS.CLEAR_OVERRUN_COUNTER_AND_FLAG;

/** Diagnostics sub-function names indexed by code 0..20 (`reserved` for 5-9 and 19). */
const DIAGNOSTIC_NAME_TABLE: readonly string[] = (() => {
  const names: string[] = new Array<string>(LAST_DIAGNOSTIC_SUB_FUNCTION + 1).fill('reserved');
  for (const [k, v] of Object.entries(DIAGNOSTIC_SUB_FUNCTIONS)) names[v] = k.toLowerCase();
  return names;
})();

/** Event name of a Diagnostics sub-function code: its [AP] 6.8.1 name, or `reserved`. */
export function diagnosticName(subFunction: number): string {
  return subFunction <= LAST_DIAGNOSTIC_SUB_FUNCTION
    ? (DIAGNOSTIC_NAME_TABLE[subFunction] as string)
    : 'reserved';
}

/** Restart Communications Option data ([AP] 6.8.1 01): 0xFF00 clears the event log too. */
export const RESTART_CLEAR_LOG = 0xff00;

/**
 * Status word of Get Comm Event Counter / Log responses ([AP] 6.9, 6.10): 0xFFFF while a
 * previous command is still being processed (busy), 0x0000 otherwise.
 */
export const COMM_STATUS_BUSY = 0xffff;

/**
 * Run Indicator Status of a Report Server ID response ([AP] 6.13): 0x00 OFF, 0xFF ON. The
 * server id before it is device specific in length.
 */
export const RUN_INDICATOR = { OFF: 0x00, ON: 0xff } as const;

/** File record access ([AP] 6.14 Read File Record, 6.15 Write File Record). */
export const FILE_RECORD = {
  /** Reference type of every sub-request and sub-response: "must be specified as 6". */
  REFERENCE_TYPE: 6,
  /** Sub-request header: reference type (1), file number (2), record number (2), length (2). */
  SUB_REQUEST_BYTES: 7,
  /** Sub-response header of a read: file response length (1), reference type (1). */
  SUB_RESPONSE_HEADER_BYTES: 2,
  /** Highest record number (0x270F = 9999: records 0000-9999 of a file). */
  MAX_RECORD_NUMBER: 0x270f,
  /** Smallest and largest byte count of a Read File Record request (0x07-0xF5). */
  MIN_READ_BYTE_COUNT: 0x07,
  MAX_READ_BYTE_COUNT: 0xf5,
} as const;

/** Get Comm Event Log ([AP] 6.10): the response carries 0 to 64 event bytes. */
export const MAX_COMM_EVENTS = 64;

/** Read FIFO Queue ([AP] 6.18): at most 31 queued registers are returned. */
export const MAX_FIFO_COUNT = 31;

/** Read Device ID code to event name ([AP] 6.21); `reserved` for other values. */
export const READ_DEVICE_ID_NAMES: readonly string[] = (() => {
  const names: string[] = new Array<string>(256).fill('reserved');
  names[0x01] = 'basic';
  names[0x02] = 'regular';
  names[0x03] = 'extended';
  names[0x04] = 'specific';
  return names;
})();

/** Read Device ID codes of a Read Device Identification request ([AP] 6.21). */
export const READ_DEVICE_ID_CODES = {
  /** Stream access to the basic objects (0x00-0x02). */
  BASIC: 0x01,
  /** Stream access to the regular objects (0x03-0x7F). */
  REGULAR: 0x02,
  /** Stream access to the extended objects (0x80-0xFF). */
  EXTENDED: 0x03,
  /** One specific object. */
  SPECIFIC: 0x04,
} as const;

/** Device identification object ids with a meaning defined by [AP] 6.21 (table of objects). */
export const DEVICE_ID_OBJECTS = {
  VENDOR_NAME: 0x00,
  PRODUCT_CODE: 0x01,
  MAJOR_MINOR_REVISION: 0x02,
  VENDOR_URL: 0x03,
  PRODUCT_NAME: 0x04,
  MODEL_NAME: 0x05,
  USER_APPLICATION_NAME: 0x06,
} as const;

/**
 * Device identification object id to event name: the names above, `reserved` for 0x07-0x7F,
 * `private` for the vendor-defined extended objects 0x80-0xFF ([AP] 6.21).
 */
export const DEVICE_ID_OBJECT_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (let id = 0; id < 256; id++) names.push(id < 0x80 ? 'reserved' : 'private');
  for (const [k, v] of Object.entries(DEVICE_ID_OBJECTS)) names[v] = k.toLowerCase();
  return names;
})();

/** Value of "More Follows" when more objects follow in another transaction ([AP] 6.21). */
export const MORE_FOLLOWS = 0xff;

/** Write Single Coil output values ([AP] 6.5: "0xFF00 requests the output to be ON"). */
export const COIL_ON = 0xff00;
export const COIL_OFF = 0x0000;

/** Quantity ranges per request ([AP] 6.1-6.4, 6.11, 6.12, 6.17). */
export const QUANTITY_LIMITS = {
  /** [AP] 6.1, 6.2: 1 to 2000 (0x7D0) coils or discrete inputs. */
  READ_BITS: 2000,
  /** [AP] 6.3, 6.4: 1 to 125 (0x7D) registers. */
  READ_REGISTERS: 125,
  /** [AP] 6.11: 1 to 1968 (0x7B0) coils. */
  WRITE_COILS: 1968,
  /** [AP] 6.12: 1 to 123 (0x7B) registers. */
  WRITE_REGISTERS: 123,
  /** [AP] 6.17: 1 to 125 registers read. */
  READ_WRITE_READ: 125,
  /** [AP] 6.17: 1 to 121 (0x79) registers written. */
  READ_WRITE_WRITE: 121,
} as const;

/** Fixed request body sizes after the function code ([AP] 6.x request PDU tables). */
export const REQUEST_BODY_BYTES = {
  /** Starting address (2) + quantity (2): functions 1-4. */
  READ: 4,
  /** Output/register address (2) + value (2): functions 5 and 6. */
  WRITE_SINGLE: 4,
  /** Address (2) + quantity (2) + byte count (1), before the values: functions 15 and 16. */
  WRITE_MULTIPLE_HEADER: 5,
  /** Read address, read quantity, write address, write quantity (2 each) + byte count (1): 23. */
  READ_WRITE_HEADER: 9,
  /** Reference address (2) + AND mask (2) + OR mask (2): function 22. */
  MASK_WRITE: 6,
  /** FIFO pointer address (2): function 24. */
  READ_FIFO: 2,
  /** Sub-function (2): function 8, before its data. */
  DIAGNOSTICS_HEADER: 2,
  /** MEI type (1) + Read Device ID code (1) + Object id (1): function 43/14. */
  READ_DEVICE_ID: 3,
  /** Data of a Diagnostics sub-function other than 00: one 16-bit word ([AP] 6.8.1). */
  DIAGNOSTIC_WORD: 2,
} as const;

/** Fixed response body sizes after the function code ([AP] 6.x response PDU tables). */
export const RESPONSE_BODY_BYTES = {
  /** Address (2) + quantity (2): functions 15 and 16 echo. */
  WRITE_MULTIPLE: 4,
  /** MEI type, Read Device ID code, conformity level, more follows, next object id, count. */
  READ_DEVICE_ID_HEADER: 6,
  /** Object id (1) + object length (1), before the value. */
  DEVICE_ID_OBJECT_HEADER: 2,
  /** Exception code (1) ([AP] 7). */
  EXCEPTION: 1,
  /** Output data (1): function 7 ([AP] 6.7). */
  READ_EXCEPTION_STATUS: 1,
  /** Status (2) + event count (2): function 11 ([AP] 6.9). */
  COMM_EVENT_COUNTER: 4,
  /** Byte count (1), status (2), event count (2), message count (2): function 12 ([AP] 6.10). */
  COMM_EVENT_LOG_HEADER: 7,
  /** The byte count of function 12 covers status, event count and message count at least. */
  COMM_EVENT_LOG_MIN_BYTE_COUNT: 6,
  /** Byte count (2) + FIFO count (2): function 24 ([AP] 6.18). */
  FIFO_HEADER: 4,
} as const;

/** Bits per byte of a packed coil/discrete-input status ([AP] 6.1: LSB first). */
export const BITS_PER_BYTE = 8;
