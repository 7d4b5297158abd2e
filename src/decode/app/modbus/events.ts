/**
 * Modbus/TCP events: one per Modbus PDU (MBAP header + function code + data).
 *
 * - `modbus.request`: a PDU sent to the server (client to server direction).
 * - `modbus.response`: a normal response (function code without the exception bit).
 * - `modbus.exception`: an exception response (function code | 0x80, then an exception code).
 *
 * A response is paired with its request by (unit id, transaction id); the response then carries
 * the request's `address` and `quantity` where its own PDU has none (reads, exceptions), the
 * write range of a Read/Write Multiple Registers request, and an exception the sub-function, MEI
 * type, Read Device ID code and object id its request asked for.
 *
 * References: MODBUS Application Protocol Specification V1.1b3 ([AP]); MODBUS Messaging on
 * TCP/IP Implementation Guide V1.0b ([TCP]).
 */

/** One object of a Read Device Identification response ([AP] 6.21). */
export interface ModbusDeviceObject {
  /** Object id (0x00 VendorName, 0x01 ProductCode, 0x02 MajorMinorRevision, ...). */
  readonly id: number;
  /** Object name: `vendor_name`, `product_code`, ... `reserved` (0x07-0x7F), `private` (0x80+). */
  readonly name: string;
  /** Object value as latin1 text, cut at the decoder's string limit. */
  readonly value: string;
}

/**
 * One sub-request of a Read / Write File Record request, or one sub-response of the reply
 * ([AP] 6.14, 6.15).
 */
export interface ModbusFileRecord {
  /** Reference type: always 6 in a conforming PDU. */
  readonly reference_type: number;
  /**
   * File number (1-0xFFFF). On a Read File Record response it comes from the paired request's
   * sub-request at the same position, as the sub-response does not carry it.
   */
  readonly file_number?: number;
  /** Starting record number within the file (0-9999); on a read response, from the request. */
  readonly record_number?: number;
  /** Record length in 16-bit registers (a read response: the registers it carries). */
  readonly record_length: number;
  /**
   * The record's registers as unsigned 16-bit numbers (Write File Record request and response,
   * Read File Record response). All records of a PDU together list at most
   * `maxObjectsPerMessage` values.
   */
  readonly values?: number[];
}

/** The `modbus` object of every Modbus event. Field names are the public schema. */
export interface ModbusFields {
  /** MBAP transaction identifier, copied by the server from the request ([TCP] 3.1.3). */
  transaction_id: number;
  /** MBAP unit identifier: the addressed device behind a gateway, often 0 or 255 ([TCP] 3.1.3). */
  unit_id: number;
  /**
   * Function code WITHOUT the exception bit (0..127), so that a request, its response and its
   * exception all carry the same code ([AP] 5.1, 7).
   */
  function_code: number;
  /**
   * Function name: the public code's name (`read_holding_registers`, `write_single_coil`, ...),
   * or `user_defined` (65-72, 100-110), `reserved` ([AP] Annex A, e.g. 90 used by Schneider
   * UMAS) or `unassigned`.
   */
  function: string;
  /** True for responses and exceptions (sent by the server), false for requests. */
  is_response: boolean;
  /** MBAP length: bytes after the length field, unit id included ([TCP] 3.1.3). */
  length: number;
  /** Exception code of an exception response, or of a request that (oddly) set bit 0x80. */
  exception_code?: number;
  /** Exception name: `illegal_function`, `illegal_data_address`, ..., or `unknown` ([AP] 7). */
  exception?: string;
  /**
   * Starting address (functions 1-4, 15, 16), output/register address (5, 6), reference
   * address (22), FIFO pointer address (24) or read starting address (23). On a response or an
   * exception, taken from the paired request when the response itself has none. Zero-based
   * protocol address, as on the wire ([AP] 4.4).
   */
  address?: number;
  /**
   * Quantity of coils, inputs or registers (1-4, 15, 16; read quantity for 23). On a response or
   * an exception, taken from the paired request when the response itself has none.
   */
  quantity?: number;
  /**
   * Write starting address of a Read/Write Multiple Registers request (23); a response or
   * exception carries its request's.
   */
  write_address?: number;
  /** Write quantity of a Read/Write Multiple Registers request (23), and of its answer. */
  write_quantity?: number;
  /**
   * Byte count field of the PDU (responses to 1-4, 12, 17, 20, 23 and 24, where it is 16 bits;
   * requests 15, 16, 20, 21, 23; the request data length of 21's echo).
   */
  byte_count?: number;
  /** Value written by Write Single Coil (0xFF00 on, 0x0000 off) or Write Single Register. */
  value?: number;
  /**
   * Values carried: coils and discrete inputs as booleans (responses to 1 and 2, requests 15),
   * registers as unsigned 16-bit numbers (responses to 3, 4, 23 and 24; requests 16, 23). At
   * most the decoder's `maxObjectsPerMessage` values are listed.
   */
  values?: boolean[] | number[];
  /**
   * Present and true when `values`, `data`, `events`, `file_records` or `objects` was cut at
   * the objects-per-message limit.
   */
  values_truncated?: boolean;
  /** AND mask of Mask Write Register (22). */
  and_mask?: number;
  /** OR mask of Mask Write Register (22). */
  or_mask?: number;
  /** Output data of Read Exception Status (7 response): eight device-defined status bits. */
  output_data?: number;
  /** Sub-function code of Diagnostics (8), e.g. 4 = Force Listen Only Mode ([AP] 6.8.1). */
  sub_function?: number;
  /**
   * Sub-function name of Diagnostics (8), [AP] 6.8.1: `return_query_data`,
   * `restart_communications_option`, `return_diagnostic_register`,
   * `change_ascii_input_delimiter`, `force_listen_only_mode`,
   * `clear_counters_and_diagnostic_register`, `return_bus_message_count`,
   * `return_bus_communication_error_count`, `return_bus_exception_error_count`,
   * `return_server_message_count`, `return_server_no_response_count`, `return_server_nak_count`,
   * `return_server_busy_count`, `return_bus_character_overrun_count`,
   * `clear_overrun_counter_and_flag`, or `reserved`.
   */
  sub_function_name?: string;
  /**
   * Diagnostics (8) data as 16-bit words: the echoed query data of sub-function 0, 0xFF00 /
   * 0x0000 (clear the event log or not) of 1, the register or counter a response returns, 0 in
   * most requests. At most `maxObjectsPerMessage` words.
   */
  data?: number[];
  /**
   * Status word of Get Comm Event Counter / Log responses (11, 12): 0xFFFF while the server is
   * still busy with a previous program command, 0x0000 otherwise.
   */
  status?: number;
  /** Event counter of Get Comm Event Counter / Log responses (11, 12). */
  event_count?: number;
  /** Message count of a Get Comm Event Log response (12). */
  message_count?: number;
  /**
   * The event bytes of a Get Comm Event Log response (12), most recent first, 0-64 of them
   * ([AP] 6.10: bit 7 set = receive event, bit 6 set = send event, 0x00 = entered listen only
   * mode, 0x04 = communication restart).
   */
  events?: number[];
  /** Server id of a Report Server ID response (17): its device-specific bytes, as hex. */
  server_id?: string;
  /** Run indicator status of a Report Server ID response (17): 0xFF `on`, 0x00 `off`. */
  run_indicator?: 'on' | 'off';
  /**
   * Additional data of a Report Server ID response (17) as hex, at most `maxStringBytes` hex
   * digits.
   */
  additional_data?: string;
  /** The additional data as text, when all of it is printable ASCII (often a device name). */
  additional_text?: string;
  /** Sub-requests of Read / Write File Record (20, 21) or the sub-responses of their replies. */
  file_records?: ModbusFileRecord[];
  /** FIFO count of a Read FIFO Queue response (24): registers queued, at most 31. */
  fifo_count?: number;
  /** MEI type of Encapsulated Interface Transport (43): 13 CANopen, 14 Read Device Id. */
  mei_type?: number;
  /**
   * MEI type name (43): `canopen_general_reference`, `read_device_identification`, or
   * `reserved` ([AP] Annex A).
   */
  mei_type_name?: string;
  /**
   * The MEI-type-specific data of a CANopen General Reference PDU (43/13) or a reserved MEI
   * type, as hex: opaque to Modbus ([AP] 6.20), at most `maxStringBytes` hex digits.
   */
  mei_data?: string;
  /**
   * Read Device ID code (43/14): 1 basic, 2 regular, 3 extended, 4 one specific object. An
   * exception carries its request's.
   */
  read_device_id_code?: number;
  /** Read Device ID code name (43/14): `basic`, `regular`, `extended`, `specific`, `reserved`. */
  read_device_id?: string;
  /** Object id requested (43/14 request, and an exception to it). */
  object_id?: number;
  /** Conformity level of the device (43/14 response: 0x01-0x03, 0x81-0x83). */
  conformity_level?: number;
  /** More objects follow in another transaction (43/14 response). */
  more_follows?: boolean;
  /** Object id to ask for next when `more_follows` (43/14 response). */
  next_object_id?: number;
  /** Number of objects the response says it carries (43/14 response). */
  object_count?: number;
  /** Device identification objects (43/14 response), at most `maxObjectsPerMessage`. */
  objects?: ModbusDeviceObject[];
}

/** A Modbus request PDU (client to server). */
export type ModbusRequestEvent = {
  readonly kind: 'modbus.request';
  readonly modbus: ModbusFields;
};

/** A normal Modbus response PDU (server to client). */
export type ModbusResponseEvent = {
  readonly kind: 'modbus.response';
  readonly modbus: ModbusFields;
};

/** A Modbus exception response PDU (server to client, function code | 0x80). */
export type ModbusExceptionEvent = {
  readonly kind: 'modbus.exception';
  readonly modbus: ModbusFields;
};

/** Every event the Modbus decoder emits. */
export type ModbusEvent = ModbusRequestEvent | ModbusResponseEvent | ModbusExceptionEvent;

/** The kinds of {@link ModbusEvent}, for the descriptor and the schema. */
export const MODBUS_EVENT_KINDS = [
  'modbus.request',
  'modbus.response',
  'modbus.exception',
] as const;
