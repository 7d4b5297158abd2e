/**
 * EtherNet/IP and CIP code tables.
 *
 * References:
 * - [V1] The CIP Networks Library, Volume 1: Common Industrial Protocol (ODVA, edition 3.x):
 *   2-4 (message router request/response format), 3-5 (Connection Manager: Forward Open 3-5.5.2,
 *   Forward Close 3-5.5.3, Unconnected Send 3-5.5.4, Large Forward Open 3-5.5.6), 4-1 (common
 *   services), 5 (object classes), Appendix A (service codes, table ), Appendix B (general
 *   status codes, table B-1.1), Appendix C (EPATH segments C-1.4, data types C-6.1).
 * - [V2] The CIP Networks Library, Volume 2: EtherNet/IP Adaptation of CIP (ODVA): 2-3
 *   (encapsulation header, commands table 2-3.2, status table 2-3.3), 2-4 (command descriptions),
 *   2-6 (common packet format, item ids table 2-6.1), 3-3 (implicit I/O over UDP 2222).
 * - [PM020] Rockwell Automation, Logix 5000 Controllers Data Access, publication 1756-PM020:
 *   tag services (Read Tag 0x4C, Write Tag 0x4D, Read Modify Write 0x4E, fragmented 0x52/0x53),
 *   atomic data type codes.
 * - [PCCC] Rockwell Automation, DF1 Protocol and Command Set, publication 1770-6.5.16, carried by
 *   CIP class 0x67 (Execute PCCC).
 *
 * Names are snake_case because they are event values that rules match on; they never change
 * once published. Long ODVA lists (vendors, device types, classes) are in the generated
 * `tables.ts`.
 */

/** Encapsulation framing ([V2] 2-3.1). All fields little-endian. */
export const ENCAP = {
  /** command (2) length (2) session handle (4) status (4) sender context (8) options (4). */
  HEADER_BYTES: 24,
  /** Offset of the length field and the first byte after it. */
  LENGTH_OFFSET: 2,
  /** Offset of the status field. */
  STATUS_OFFSET: 8,
  /** Offset of the options field. */
  OPTIONS_OFFSET: 20,
  /** Largest data length: the whole message fits in 65535 bytes ([V2] 2-3.1). */
  MAX_LENGTH: 65_511,
  /** Registered TCP and UDP port for explicit messaging and the List* commands ([V2] 2-2). */
  PORT: 44_818,
  /** Registered UDP port for implicit (class 0/1) I/O ([V2] 3-3.2). */
  IO_PORT: 2_222,
  /** Bytes of the RegisterSession data: protocol version (2) and options flags (2) ([V2] 2-4.4). */
  REGISTER_SESSION_LENGTH: 4,
} as const;

/** Encapsulation commands ([V2] table 2-3.2; 0x0001 is a pre-standard command still sent). */
export const COMMANDS = {
  NOP: 0x0000,
  /** Reserved for legacy use ([V2] table 2-3.2); Rockwell tools still send it ("List Targets"). */
  LIST_TARGETS: 0x0001,
  LIST_SERVICES: 0x0004,
  LIST_IDENTITY: 0x0063,
  LIST_INTERFACES: 0x0064,
  REGISTER_SESSION: 0x0065,
  UNREGISTER_SESSION: 0x0066,
  SEND_RR_DATA: 0x006f,
  SEND_UNIT_DATA: 0x0070,
  INDICATE_STATUS: 0x0072,
  CANCEL: 0x0073,
  START_DTLS: 0x00c8,
} as const;

/** Command code -> event name. */
export const COMMAND_NAMES: ReadonlyMap<number, string> = new Map([
  [COMMANDS.NOP, 'nop'],
  [COMMANDS.LIST_TARGETS, 'list_targets'],
  [COMMANDS.LIST_SERVICES, 'list_services'],
  [COMMANDS.LIST_IDENTITY, 'list_identity'],
  [COMMANDS.LIST_INTERFACES, 'list_interfaces'],
  [COMMANDS.REGISTER_SESSION, 'register_session'],
  [COMMANDS.UNREGISTER_SESSION, 'unregister_session'],
  [COMMANDS.SEND_RR_DATA, 'send_rr_data'],
  [COMMANDS.SEND_UNIT_DATA, 'send_unit_data'],
  [COMMANDS.INDICATE_STATUS, 'indicate_status'],
  [COMMANDS.CANCEL, 'cancel'],
  [COMMANDS.START_DTLS, 'start_dtls'],
]);

/** Encapsulation status codes ([V2] table 2-3.3). */
export const ENCAP_STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'success'],
  [0x0001, 'invalid_command'],
  [0x0002, 'insufficient_memory'],
  [0x0003, 'incorrect_data'],
  [0x0064, 'invalid_session_handle'],
  [0x0065, 'invalid_length'],
  [0x0069, 'unsupported_protocol_version'],
  [0x006a, 'encapsulated_cip_not_allowed'],
]);

/** Common packet format item type ids ([V2] table 2-6.1). */
export const ITEMS = {
  NULL_ADDRESS: 0x0000,
  LIST_IDENTITY: 0x000c,
  SECURITY_INFO: 0x0086,
  CAPABILITY: 0x0087,
  USAGE: 0x0088,
  CONNECTED_ADDRESS: 0x00a1,
  CONNECTED_DATA: 0x00b1,
  UNCONNECTED_DATA: 0x00b2,
  LIST_SERVICES: 0x0100,
  SOCKADDR_O_T: 0x8000,
  SOCKADDR_T_O: 0x8001,
  SEQUENCED_ADDRESS: 0x8002,
  UNCONNECTED_UDP: 0x8003,
} as const;

/** Item type id -> event name. */
export const ITEM_NAMES: ReadonlyMap<number, string> = new Map([
  [ITEMS.NULL_ADDRESS, 'null_address'],
  [ITEMS.LIST_IDENTITY, 'cip_identity'],
  [ITEMS.SECURITY_INFO, 'cip_security_information'],
  [ITEMS.CAPABILITY, 'enip_capability'],
  [ITEMS.USAGE, 'enip_usage'],
  [ITEMS.CONNECTED_ADDRESS, 'connected_address'],
  [ITEMS.CONNECTED_DATA, 'connected_data'],
  [ITEMS.UNCONNECTED_DATA, 'unconnected_data'],
  [ITEMS.LIST_SERVICES, 'list_services'],
  [ITEMS.SOCKADDR_O_T, 'sockaddr_o_t'],
  [ITEMS.SOCKADDR_T_O, 'sockaddr_t_o'],
  [ITEMS.SEQUENCED_ADDRESS, 'sequenced_address'],
  [ITEMS.UNCONNECTED_UDP, 'unconnected_message_udp'],
]);

/** Fixed item data lengths ([V2] 2-6.2, 2-6.3). */
export const ITEM_BYTES = {
  CONNECTED_ADDRESS: 4,
  SEQUENCED_ADDRESS: 8,
  SOCKADDR: 16,
  /** Item type id (2) + length (2). */
  HEADER: 4,
  /** Interface handle (4) + timeout (2) before the CPF of SendRRData/SendUnitData ([V2] 2-4.7). */
  RR_PREFIX: 6,
  /** Fixed part of a CIP Identity item before the product name ([V2] table 2-4.4). */
  IDENTITY_FIXED: 33,
  /** A List Services item: version (2), capability flags (2), name (16) ([V2] table 2-4.5). */
  LIST_SERVICES: 20,
  /** Sequence count before the CIP message in a connected data item ([V2] 3-2.1). */
  SEQUENCE_COUNT: 2,
} as const;

/** The CIP service code's response flag ([V1] 2-4.2). */
export const RESPONSE_BIT = 0x80;
/** Mask of the service code proper. */
export const SERVICE_MASK = 0x7f;

/** Common services ([V1] table; 0x4B-0x63 are object-specific). */
export const SERVICES = {
  GET_ATTRIBUTES_ALL: 0x01,
  SET_ATTRIBUTES_ALL: 0x02,
  GET_ATTRIBUTE_LIST: 0x03,
  SET_ATTRIBUTE_LIST: 0x04,
  RESET: 0x05,
  START: 0x06,
  STOP: 0x07,
  CREATE: 0x08,
  DELETE: 0x09,
  MULTIPLE_SERVICE_PACKET: 0x0a,
  APPLY_ATTRIBUTES: 0x0d,
  GET_ATTRIBUTE_SINGLE: 0x0e,
  SET_ATTRIBUTE_SINGLE: 0x10,
  FIND_NEXT_OBJECT_INSTANCE: 0x11,
  ERROR_RESPONSE: 0x14,
  RESTORE: 0x15,
  SAVE: 0x16,
  NOP: 0x17,
  GET_MEMBER: 0x18,
  SET_MEMBER: 0x19,
  INSERT_MEMBER: 0x1a,
  REMOVE_MEMBER: 0x1b,
  GROUP_SYNC: 0x1c,
  GET_CONNECTION_POINT_MEMBER_LIST: 0x1d,
} as const;

/** Common service code -> event name ([V1] table ). */
export const SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x01, 'get_attributes_all'],
  [0x02, 'set_attributes_all'],
  [0x03, 'get_attribute_list'],
  [0x04, 'set_attribute_list'],
  [0x05, 'reset'],
  [0x06, 'start'],
  [0x07, 'stop'],
  [0x08, 'create'],
  [0x09, 'delete'],
  [0x0a, 'multiple_service_packet'],
  [0x0d, 'apply_attributes'],
  [0x0e, 'get_attribute_single'],
  [0x10, 'set_attribute_single'],
  [0x11, 'find_next_object_instance'],
  [0x14, 'error_response'],
  [0x15, 'restore'],
  [0x16, 'save'],
  [0x17, 'nop'],
  [0x18, 'get_member'],
  [0x19, 'set_member'],
  [0x1a, 'insert_member'],
  [0x1b, 'remove_member'],
  [0x1c, 'group_sync'],
  [0x1d, 'get_connection_point_member_list'],
]);

/**
 * Reserved service codes ([V1] table: 0x00, 0x0B, 0x0C, 0x0F, 0x12, 0x13, 0x1E-0x31
 * reserved for future common services, 0x32-0x4A reserved; 0x64-0x7F reserved): a request using
 * one is scanning or fuzzing.
 */
export function isReservedService(service: number): boolean {
  return (
    service === 0x00 ||
    service === 0x0b ||
    service === 0x0c ||
    service === 0x0f ||
    service === 0x12 ||
    service === 0x13 ||
    (service >= 0x1e && service <= 0x4a) ||
    service >= 0x64
  );
}

/** Object-specific services: the first code of the range ([V1] table ). */
export const FIRST_OBJECT_SPECIFIC_SERVICE = 0x4b;

/** Connection Manager class (0x06) services ([V1] 3-5.5, table 3-5.11). */
export const CM_SERVICES = {
  FORWARD_CLOSE: 0x4e,
  UNCONNECTED_SEND: 0x52,
  FORWARD_OPEN: 0x54,
  GET_CONNECTION_DATA: 0x56,
  SEARCH_CONNECTION_DATA: 0x57,
  EX_FORWARD_OPEN: 0x59,
  GET_CONNECTION_OWNER: 0x5a,
  LARGE_FORWARD_OPEN: 0x5b,
} as const;

/** Connection Manager service code -> event name. */
export const CM_SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x4e, 'forward_close'],
  [0x52, 'unconnected_send'],
  [0x54, 'forward_open'],
  [0x56, 'get_connection_data'],
  [0x57, 'search_connection_data'],
  [0x59, 'ex_forward_open'],
  [0x5a, 'get_connection_owner'],
  [0x5b, 'large_forward_open'],
]);

/** Logix tag services, on a symbolic path or the Symbol class ([PM020] chapter 1). */
export const LOGIX_SERVICES = {
  READ_TAG: 0x4c,
  WRITE_TAG: 0x4d,
  READ_MODIFY_WRITE_TAG: 0x4e,
  READ_TAG_FRAGMENTED: 0x52,
  WRITE_TAG_FRAGMENTED: 0x53,
  GET_INSTANCE_ATTRIBUTE_LIST: 0x55,
} as const;

/** Logix service code -> event name. */
export const LOGIX_SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x4c, 'read_tag'],
  [0x4d, 'write_tag'],
  [0x4e, 'read_modify_write_tag'],
  [0x52, 'read_tag_fragmented'],
  [0x53, 'write_tag_fragmented'],
  [0x55, 'get_instance_attribute_list'],
]);

/** PCCC object (class 0x67) services ([PCCC], carried over CIP). */
export const PCCC_SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x4b, 'execute_pccc'],
  [0x4c, 'execute_dh_plus'],
  [0x4d, 'execute_local_pccc'],
]);

/** Object classes the decoder treats specially ([V1] table 5-1.1; Logix [PM020]). */
export const CLASSES = {
  IDENTITY: 0x01,
  MESSAGE_ROUTER: 0x02,
  CONNECTION_MANAGER: 0x06,
  PCCC: 0x67,
  /** Logix Symbol object: tags addressed by instance. */
  LOGIX_SYMBOL: 0x6b,
  /** Logix Template object: structure definitions. */
  LOGIX_TEMPLATE: 0x6c,
  PORT: 0xf4,
  TCPIP: 0xf5,
  ETHERNET_LINK: 0xf6,
} as const;

/** Logix classes that are not in the ODVA table ([PM020]). */
export const LOGIX_CLASS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x6b, 'logix_symbol'],
  [0x6c, 'logix_template'],
]);

/** General status codes ([V1] table B-1.1). */
export const GENERAL_STATUS_NAMES: readonly string[] = [
  'success',
  'connection_failure',
  'resource_unavailable',
  'invalid_parameter_value',
  'path_segment_error',
  'path_destination_unknown',
  'partial_transfer',
  'connection_lost',
  'service_not_supported',
  'invalid_attribute_value',
  'attribute_list_error',
  'already_in_requested_mode',
  'object_state_conflict',
  'object_already_exists',
  'attribute_not_settable',
  'privilege_violation',
  'device_state_conflict',
  'reply_data_too_large',
  'fragmentation_of_primitive_value',
  'not_enough_data',
  'attribute_not_supported',
  'too_much_data',
  'object_does_not_exist',
  'service_fragmentation_sequence_not_in_progress',
  'no_stored_attribute_data',
  'store_operation_failure',
  'routing_failure_request_too_large',
  'routing_failure_response_too_large',
  'missing_attribute_list_entry_data',
  'invalid_attribute_value_list',
  'embedded_service_error',
  'vendor_specific_error',
  'invalid_parameter',
  'write_once_value_already_written',
  'invalid_reply_received',
  'buffer_overflow',
  'message_format_error',
  'key_failure_in_path',
  'path_size_invalid',
  'unexpected_attribute_in_list',
  'invalid_member_id',
  'member_not_settable',
  'group_2_only_server_general_failure',
  'unknown_modbus_error',
  'attribute_not_gettable',
];

/** EPATH segment types: bits 7-5 of the segment byte ([V1] C-1.4). */
export const SEGMENT = {
  TYPE_MASK: 0xe0,
  PORT: 0x00,
  LOGICAL: 0x20,
  NETWORK: 0x40,
  SYMBOLIC: 0x60,
  DATA: 0x80,
  DATA_TYPE_CONSTRUCTED: 0xa0,
  DATA_TYPE_ELEMENTARY: 0xc0,
  RESERVED: 0xe0,
  /** Port segment: extended link address size flag and port identifier ([V1] C-1.4.1). */
  PORT_EXTENDED_LINK: 0x10,
  PORT_ID_MASK: 0x0f,
  /** Port identifier 15: a 16-bit port number follows. */
  PORT_ID_EXTENDED: 0x0f,
  /** Logical segment: logical type bits 4-2, format bits 1-0 ([V1] C-1.4.2). */
  LOGICAL_TYPE_MASK: 0x1c,
  LOGICAL_FORMAT_MASK: 0x03,
  /** Symbolic segment: symbol size in bits 4-0 (0 = extended string) ([V1] C-1.4.4). */
  SYMBOL_SIZE_MASK: 0x1f,
  /** Data segment subtypes ([V1] C-1.4.5). */
  DATA_SIMPLE: 0x80,
  DATA_ANSI_SYMBOL: 0x91,
  /** Network segment: 0x5X carry a word count, 0x4X one byte ([V1] C-1.4.3). */
  NETWORK_EXTENDED_FLAG: 0x10,
} as const;

/** Logical segment types, bits 4-2 ([V1] table C-1.4.2.1). */
export const LOGICAL = {
  CLASS: 0x00,
  INSTANCE: 0x04,
  MEMBER: 0x08,
  CONNECTION_POINT: 0x0c,
  ATTRIBUTE: 0x10,
  SPECIAL: 0x14,
  SERVICE: 0x18,
  EXTENDED: 0x1c,
} as const;

/** Logical segment formats, bits 1-0 ([V1] C-1.4.2): 8, 16 (padded) and 32-bit (padded). */
export const LOGICAL_FORMAT = { BITS_8: 0, BITS_16: 1, BITS_32: 2 } as const;

/** Electronic key segment (logical special, format 0): key format 4 ([V1] C-1.4.2.4). */
export const ELECTRONIC_KEY = {
  SEGMENT: 0x34,
  FORMAT_4: 4,
  /** key format (1) vendor (2) device type (2) product code (2) major (1) minor (1). */
  BYTES: 9,
  COMPATIBILITY_BIT: 0x80,
  MAJOR_MASK: 0x7f,
} as const;

/**
 * Network connection parameters of Forward Open ([V1] 3-5.5.1.1): the 16-bit form; Large
 * Forward Open uses the same fields in a 32-bit word, shifted up by 16 (size in bits 15-0).
 */
export const NET_PARAMS = {
  REDUNDANT_OWNER: 0x8000,
  TYPE_SHIFT: 13,
  TYPE_MASK: 0x3,
  PRIORITY_SHIFT: 10,
  PRIORITY_MASK: 0x3,
  VARIABLE: 0x0200,
  SIZE_MASK: 0x01ff,
  LARGE_SIZE_MASK: 0xffff,
  LARGE_SHIFT: 16,
} as const;

/** Connection types (network connection parameters bits 14-13). */
export const CONNECTION_TYPES: readonly string[] = [
  'null',
  'multicast',
  'point_to_point',
  'reserved',
];

/** Connection priorities (network connection parameters bits 11-10). */
export const CONNECTION_PRIORITIES: readonly string[] = ['low', 'high', 'scheduled', 'urgent'];

/** Transport class and trigger byte of Forward Open ([V1] 3-4.4.3). */
export const TRANSPORT = {
  DIRECTION_SERVER: 0x80,
  TRIGGER_SHIFT: 4,
  TRIGGER_MASK: 0x7,
  CLASS_MASK: 0x0f,
} as const;

/** Production triggers (transport class/trigger bits 6-4). */
export const TRIGGERS: readonly string[] = [
  'cyclic',
  'change_of_state',
  'application_object',
  'reserved_3',
  'reserved_4',
  'reserved_5',
  'reserved_6',
  'reserved_7',
];

/** Fixed request/response sizes of the Connection Manager services ([V1] 3-5.5). */
export const CM_BYTES = {
  /** Forward Open request up to the connection path size byte (inclusive). */
  FORWARD_OPEN: 36,
  /** Large Forward Open: both network connection parameters are 32-bit. */
  LARGE_FORWARD_OPEN: 40,
  /** Successful Forward Open response up to the reserved byte after the reply size. */
  FORWARD_OPEN_REPLY: 26,
  /** Unsuccessful Forward Open/Close response: serial, vendor, originator serial, size, rsvd. */
  FORWARD_ERROR_REPLY: 10,
  /** Forward Close request up to the reserved byte after the path size. */
  FORWARD_CLOSE: 12,
  /** Unconnected Send request: priority/tick (1), timeout ticks (1), message size (2). */
  UNCONNECTED_SEND: 4,
} as const;

/** CIP elementary data types ([V1] table C-6.1) and the Logix structure marker ([PM020]). */
export const DATA_TYPES = {
  BOOL: 0xc1,
  SINT: 0xc2,
  INT: 0xc3,
  DINT: 0xc4,
  LINT: 0xc5,
  USINT: 0xc6,
  UINT: 0xc7,
  UDINT: 0xc8,
  ULINT: 0xc9,
  REAL: 0xca,
  LREAL: 0xcb,
  BYTE: 0xd1,
  WORD: 0xd2,
  DWORD: 0xd3,
  LWORD: 0xd4,
  /** Logix: a structure; a 16-bit structure handle follows the type code. */
  STRUCT: 0x02a0,
} as const;

/** Data type code -> name ([V1] table C-6.1). */
export const DATA_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0xc1, 'bool'],
  [0xc2, 'sint'],
  [0xc3, 'int'],
  [0xc4, 'dint'],
  [0xc5, 'lint'],
  [0xc6, 'usint'],
  [0xc7, 'uint'],
  [0xc8, 'udint'],
  [0xc9, 'ulint'],
  [0xca, 'real'],
  [0xcb, 'lreal'],
  [0xcc, 'stime'],
  [0xcd, 'date'],
  [0xce, 'time_of_day'],
  [0xcf, 'date_and_time'],
  [0xd0, 'string'],
  [0xd1, 'byte'],
  [0xd2, 'word'],
  [0xd3, 'dword'],
  [0xd4, 'lword'],
  [0xd5, 'string2'],
  [0xd6, 'ftime'],
  [0xd7, 'ltime'],
  [0xd8, 'itime'],
  [0xd9, 'stringn'],
  [0xda, 'short_string'],
  [0xdb, 'time'],
  [0xdc, 'epath'],
  [0xdd, 'engunit'],
  [0xde, 'stringi'],
  [0x02a0, 'struct'],
]);

/** Identity object (class 1) state attribute 8 ([V1] table 5-2.4). */
export const IDENTITY_STATES: ReadonlyMap<number, string> = new Map([
  [0, 'nonexistent'],
  [1, 'self_testing'],
  [2, 'standby'],
  [3, 'operational'],
  [4, 'major_recoverable_fault'],
  [5, 'major_unrecoverable_fault'],
  [255, 'default'],
]);

/** PCCC framing inside Execute PCCC ([PCCC] 6-1, 7-1): requestor id then CMD STS TNS [FNC]. */
export const PCCC = {
  /** Reply commands are the request command with this bit set. */
  REPLY_BIT: 0x40,
  /** Commands followed by a function code byte: diagnostic (0x06), 0x07, 0x0E, typed (0x0F). */
  FUNCTION_COMMANDS: [0x06, 0x07, 0x0e, 0x0f] as readonly number[],
  /** Requestor id: length (1) vendor (2) serial (4) at least. */
  MIN_REQUESTOR_ID: 7,
} as const;

/**
 * How deep CIP messages may nest (Unconnected Send carrying a Multiple Service Packet carrying
 * Unconnected Sends...): a real route needs at most two or three levels.
 */
export const MAX_NESTING = 4;

/** Longest EPATH the decoder walks, in segments (a connection path with a key has about 8). */
export const MAX_PATH_SEGMENTS = 64;

/** Bytes of element data rendered in `data_hex` fields. */
export const MAX_HEX_BYTES = 64;
