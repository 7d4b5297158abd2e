/**
 * DNP3 code tables: data link, transport and application layer constants.
 *
 * References:
 * - [1815] IEEE Std 1815-2012, IEEE Standard for Electric Power Systems Communications —
 *   Distributed Network Protocol (DNP3): 4.2.2 (application fragment structure), 4.2.2.4
 *   (application control), 4.2.2.5 (function codes), 4.2.2.6 (internal indications), 4.2.2.7
 *   (object headers and qualifiers), 8 (transport function), 9 (data link layer), Annex A
 *   (object library: A.2 device attributes, A.8 CROB, A.38 file control).
 * - [IP] DNP3 Specification, IP Networking (DNP Users Group, also IEEE 1815-2012 Annex on
 *   IP networking): TCP and UDP port 20000.
 *
 * Names are snake_case because they are event values (`dnp3.function: direct_operate`) that
 * rules match on; they never change once published.
 */

/** Data link frame layout ([1815] 9.2.4). */
export const LINK = {
  /** The two start octets 0x05 0x64 ([1815] 9.2.4.1.1). */
  START_0: 0x05,
  START_1: 0x64,
  /** Header octets: start (2), length (1), control (1), destination (2), source (2), CRC (2). */
  HEADER_BYTES: 10,
  /** Header octets covered by the header CRC. */
  HEADER_CRC_COVERS: 8,
  /** Smallest LENGTH: control + destination + source ([1815] 9.2.4.1.2). */
  MIN_LENGTH: 5,
  /** User data octets protected by one CRC ([1815] 9.2.4.2: blocks of 16 octets). */
  BLOCK_BYTES: 16,
  /** Octets of one CRC, sent least significant octet first. */
  CRC_BYTES: 2,
  /** Largest frame: 10 header + 250 user data + 16 block CRCs. */
  MAX_FRAME_BYTES: 292,
  /** Registered port for DNP3 over TCP and UDP ([IP]). */
  PORT: 20000,
} as const;

/** Data link control octet bits ([1815] 9.2.4.1.3). */
export const LINK_CONTROL = {
  /** DIR: set when the frame comes from a master station. */
  DIR: 0x80,
  /** PRM: set on frames from the primary (initiating) station. */
  PRM: 0x40,
  /** FCB: frame count bit (primary frames). */
  FCB: 0x20,
  /** FCV: frame count valid (primary frames). */
  FCV: 0x10,
  /** DFC: data flow control (secondary frames; bit 0x20 is reserved there). */
  DFC: 0x10,
  /** Function code. */
  FUNCTION: 0x0f,
} as const;

/** Primary-to-secondary link function codes ([1815] 9.2.4.1.3.6). */
export const LINK_PRIMARY = {
  RESET_LINK_STATES: 0,
  /** Obsolete in IEEE 1815-2012 (reset of user process). */
  RESET_USER_PROCESS: 1,
  TEST_LINK_STATES: 2,
  CONFIRMED_USER_DATA: 3,
  UNCONFIRMED_USER_DATA: 4,
  REQUEST_LINK_STATUS: 9,
} as const;

/** Secondary-to-primary link function codes ([1815] 9.2.4.1.3.6). */
export const LINK_SECONDARY = {
  ACK: 0,
  NACK: 1,
  LINK_STATUS: 11,
  /** Obsolete in IEEE 1815-2012 (link not functioning). */
  NOT_FUNCTIONING: 14,
  NOT_SUPPORTED: 15,
} as const;

/** Link function name, indexed by function code, for primary frames ('reserved' elsewhere). */
export const LINK_PRIMARY_NAMES: readonly string[] = names16({
  0: 'reset_link_states',
  1: 'reset_user_process',
  2: 'test_link_states',
  3: 'confirmed_user_data',
  4: 'unconfirmed_user_data',
  9: 'request_link_status',
});

/** Link function name, indexed by function code, for secondary frames. */
export const LINK_SECONDARY_NAMES: readonly string[] = names16({
  0: 'ack',
  1: 'nack',
  11: 'link_status',
  14: 'not_functioning',
  15: 'not_supported',
});

/** Transport header bits ([1815] 8.2.1). */
export const TRANSPORT = {
  FIN: 0x80,
  FIR: 0x40,
  SEQUENCE: 0x3f,
  /** Sequence numbers count modulo 64. */
  MODULO: 64,
  /** Application octets one transport segment carries at most (250 user data - header). */
  MAX_SEGMENT_PAYLOAD: 249,
  /**
   * Segments one fragment may span before it is dropped. The standard bounds fragments by the
   * receiver's buffer (2048 octets recommended, [1815] 4.2.2.1); 60 segments (14940 octets) is
   * what Wireshark 4.0 reassembles, so captures of oversized fragments agree.
   */
  MAX_SEGMENTS: 60,
} as const;

/** Application control octet bits ([1815] 4.2.2.4). */
export const APP_CONTROL = {
  FIR: 0x80,
  FIN: 0x40,
  CON: 0x20,
  UNS: 0x10,
  SEQUENCE: 0x0f,
} as const;

/** Application function codes ([1815] 4.2.2.5: requests 0x00-0x21, responses 0x81-0x83). */
export const FUNCTION_CODES = {
  CONFIRM: 0x00,
  READ: 0x01,
  WRITE: 0x02,
  SELECT: 0x03,
  OPERATE: 0x04,
  DIRECT_OPERATE: 0x05,
  DIRECT_OPERATE_NR: 0x06,
  IMMED_FREEZE: 0x07,
  IMMED_FREEZE_NR: 0x08,
  FREEZE_CLEAR: 0x09,
  FREEZE_CLEAR_NR: 0x0a,
  FREEZE_AT_TIME: 0x0b,
  FREEZE_AT_TIME_NR: 0x0c,
  COLD_RESTART: 0x0d,
  WARM_RESTART: 0x0e,
  INITIALIZE_DATA: 0x0f,
  INITIALIZE_APPL: 0x10,
  START_APPL: 0x11,
  STOP_APPL: 0x12,
  SAVE_CONFIG: 0x13,
  ENABLE_UNSOLICITED: 0x14,
  DISABLE_UNSOLICITED: 0x15,
  ASSIGN_CLASS: 0x16,
  DELAY_MEASURE: 0x17,
  RECORD_CURRENT_TIME: 0x18,
  OPEN_FILE: 0x19,
  CLOSE_FILE: 0x1a,
  DELETE_FILE: 0x1b,
  GET_FILE_INFO: 0x1c,
  AUTHENTICATE_FILE: 0x1d,
  ABORT_FILE: 0x1e,
  ACTIVATE_CONFIG: 0x1f,
  AUTHENTICATE_REQ: 0x20,
  AUTH_REQ_NO_ACK: 0x21,
  RESPONSE: 0x81,
  UNSOLICITED_RESPONSE: 0x82,
  AUTHENTICATE_RESP: 0x83,
} as const;

/** Function name per code (0..255); 'unknown' for codes the standard does not define. */
export const FUNCTION_NAMES: readonly string[] = (() => {
  const n: string[] = new Array<string>(256).fill('unknown');
  const src: Record<number, string> = {
    0x00: 'confirm',
    0x01: 'read',
    0x02: 'write',
    0x03: 'select',
    0x04: 'operate',
    0x05: 'direct_operate',
    0x06: 'direct_operate_nr',
    0x07: 'immed_freeze',
    0x08: 'immed_freeze_nr',
    0x09: 'freeze_clear',
    0x0a: 'freeze_clear_nr',
    0x0b: 'freeze_at_time',
    0x0c: 'freeze_at_time_nr',
    0x0d: 'cold_restart',
    0x0e: 'warm_restart',
    0x0f: 'initialize_data',
    0x10: 'initialize_appl',
    0x11: 'start_appl',
    0x12: 'stop_appl',
    0x13: 'save_config',
    0x14: 'enable_unsolicited',
    0x15: 'disable_unsolicited',
    0x16: 'assign_class',
    0x17: 'delay_measure',
    0x18: 'record_current_time',
    0x19: 'open_file',
    0x1a: 'close_file',
    0x1b: 'delete_file',
    0x1c: 'get_file_info',
    0x1d: 'authenticate_file',
    0x1e: 'abort_file',
    0x1f: 'activate_config',
    0x20: 'authenticate_req',
    0x21: 'auth_req_no_ack',
    0x81: 'response',
    0x82: 'unsolicited_response',
    0x83: 'authenticate_resp',
  };
  for (const [k, v] of Object.entries(src)) n[Number(k)] = v;
  return n;
})();

/** Lowest response function code ([1815] 4.2.2.5: 0x81-0x83 are sent by outstations). */
export const FIRST_RESPONSE_CODE = 0x81;

/**
 * Internal indication names, indexed by bit number 0..15 of the 16-bit IIN as Wireshark shows it
 * (IIN1 in the high octet): bit 8 = IIN1.0 ... bit 15 = IIN1.7, bit 0 = IIN2.0 ... bit 7 =
 * IIN2.7 ([1815] 4.2.2.6). Group 80 point index n is IIN1.n for n < 8, IIN2.(n-8) above.
 */
export const IIN_BIT_NAMES: readonly string[] = [
  'no_func_code_support', // IIN2.0
  'object_unknown', // IIN2.1
  'parameter_error', // IIN2.2
  'event_buffer_overflow', // IIN2.3
  'already_executing', // IIN2.4
  'config_corrupt', // IIN2.5
  'reserved_2', // IIN2.6
  'reserved_1', // IIN2.7
  'broadcast', // IIN1.0 (ALL_STATIONS)
  'class_1_events', // IIN1.1
  'class_2_events', // IIN1.2
  'class_3_events', // IIN1.3
  'need_time', // IIN1.4
  'local_control', // IIN1.5
  'device_trouble', // IIN1.6
  'device_restart', // IIN1.7
];

/** Object header qualifier fields ([1815] 4.2.2.7.3). */
export const QUALIFIER = {
  /** Object prefix code: bits 6-4. */
  PREFIX_MASK: 0x70,
  PREFIX_SHIFT: 4,
  /** Range specifier code: bits 3-0. */
  RANGE_MASK: 0x0f,
  /** Bit 7 is reserved and shall be 0. */
  RESERVED: 0x80,
} as const;

/** Object prefix codes ([1815] 4.2.2.7.3.2). */
export const PREFIX = {
  NONE: 0,
  INDEX_1: 1,
  INDEX_2: 2,
  INDEX_4: 3,
  SIZE_1: 4,
  SIZE_2: 5,
  SIZE_4: 6,
} as const;

/** Octets of the prefix per prefix code (7 is reserved). */
export const PREFIX_BYTES: readonly number[] = [0, 1, 2, 4, 1, 2, 4, 0];

/** Range specifier codes ([1815] 4.2.2.7.3.3). */
export const RANGE = {
  START_STOP_1: 0x0,
  START_STOP_2: 0x1,
  START_STOP_4: 0x2,
  /** Virtual (absolute) address ranges 3-5 are obsolete but still decoded (one object). */
  ADDRESS_1: 0x3,
  ADDRESS_2: 0x4,
  ADDRESS_4: 0x5,
  ALL: 0x6,
  COUNT_1: 0x7,
  COUNT_2: 0x8,
  COUNT_4: 0x9,
  /** Variable-format qualifier: one-octet count, objects carry a size prefix. */
  FREE_FORMAT: 0xb,
} as const;

/** Octets of the range field per range code; -1 for the reserved codes 10, 12-15. */
export const RANGE_BYTES: readonly number[] = [2, 4, 8, 1, 2, 4, 0, 1, 2, 4, -1, 1, -1, -1, -1, -1];

/** CROB control code fields ([1815] 11.9.3 / A.8.1). */
export const CROB = {
  OP_TYPE_MASK: 0x0f,
  QUEUE: 0x10,
  CLEAR: 0x20,
  TCC_MASK: 0xc0,
  TCC_SHIFT: 6,
  STATUS_MASK: 0x7f,
} as const;

/** CROB operation type names, indexed by op type ('reserved' for 5-15). */
export const CROB_OPERATIONS: readonly string[] = names16({
  0: 'nul',
  1: 'pulse_on',
  2: 'pulse_off',
  3: 'latch_on',
  4: 'latch_off',
});

/** Trip-close code names, indexed by TCC. */
export const CROB_TRIP_CLOSE: readonly string[] = ['nul', 'close', 'trip', 'reserved'];

/** Control status codes of CROB and analog output command objects ([1815] A.8.1, A.24). */
export const CONTROL_STATUS_NAMES: readonly string[] = (() => {
  const n: string[] = new Array<string>(128).fill('reserved');
  const src = [
    'success',
    'timeout',
    'no_select',
    'format_error',
    'not_supported',
    'already_active',
    'hardware_error',
    'local',
    'too_many_objs',
    'not_authorized',
    'automation_inhibit',
    'processing_limited',
    'out_of_range',
    'downstream_local',
    'already_complete',
    'blocked',
    'canceled',
    'blocked_other_master',
    'downstream_fail',
  ];
  src.forEach((v, i) => (n[i] = v));
  n[126] = 'non_participating';
  n[127] = 'undefined';
  return n;
})();

/** File command operational modes (group 70 variation 3, [1815] A.38.3). */
export const FILE_MODES: readonly string[] = ['null', 'read', 'write', 'append'];

/** File status codes (group 70 variations 4 and 6, [1815] A.38.4, A.38.6). */
export const FILE_STATUS_NAMES: readonly string[] = (() => {
  const n: string[] = new Array<string>(256).fill('reserved');
  const src: Record<number, string> = {
    0: 'success',
    1: 'permission_denied',
    2: 'invalid_mode',
    3: 'file_not_found',
    4: 'file_locked',
    5: 'too_many_open',
    6: 'invalid_handle',
    7: 'write_block_size',
    8: 'comm_lost',
    9: 'cannot_abort',
    16: 'not_opened',
    17: 'handle_expired',
    18: 'buffer_overrun',
    19: 'fatal',
    20: 'block_seq',
    255: 'undefined',
  };
  for (const [k, v] of Object.entries(src)) n[Number(k)] = v;
  return n;
})();

/** Last-block bit of a file transport block number (group 70 variations 5 and 6). */
export const FILE_LAST_BLOCK = 0x80000000;

/** Device attribute data type codes (group 0, [1815] A.2). */
export const ATTRIBUTE_TYPES: readonly string[] = (() => {
  const n: string[] = new Array<string>(256).fill('unknown');
  const src: Record<number, string> = {
    1: 'vstr',
    2: 'uint',
    3: 'int',
    4: 'flt',
    5: 'ostr',
    6: 'bstr',
    7: 'time',
    254: 'u8bs8list',
    255: 'u8bs8exlist',
  };
  for (const [k, v] of Object.entries(src)) n[Number(k)] = v;
  return n;
})();

/** Device attribute names by group 0 variation ([1815] A.2, variations 196-255). */
export const ATTRIBUTE_NAMES: Readonly<Record<number, string>> = {
  196: 'config_id',
  197: 'config_version',
  198: 'config_build_date',
  199: 'config_change_date',
  200: 'config_signature',
  201: 'config_signature_algorithm',
  202: 'master_resource_id',
  203: 'device_altitude',
  204: 'device_longitude',
  205: 'device_latitude',
  206: 'secondary_operator_name',
  207: 'primary_operator_name',
  208: 'system_name',
  209: 'secure_auth_version',
  210: 'security_stats_per_association',
  211: 'user_specific_attributes',
  212: 'master_data_set_prototypes',
  213: 'outstation_data_set_prototypes',
  214: 'master_data_sets',
  215: 'outstation_data_sets',
  216: 'max_binary_outputs_per_request',
  217: 'local_timing_accuracy',
  218: 'timing_accuracy_duration',
  219: 'analog_output_events',
  220: 'max_analog_output_index',
  221: 'analog_output_count',
  222: 'binary_output_events',
  223: 'max_binary_output_index',
  224: 'binary_output_count',
  225: 'frozen_counter_events',
  226: 'frozen_counters',
  227: 'counter_events',
  228: 'max_counter_index',
  229: 'counter_count',
  230: 'frozen_analog_inputs',
  231: 'analog_input_events',
  232: 'max_analog_input_index',
  233: 'analog_input_count',
  234: 'double_bit_input_events',
  235: 'max_double_bit_input_index',
  236: 'double_bit_input_count',
  237: 'binary_input_events',
  238: 'max_binary_input_index',
  239: 'binary_input_count',
  240: 'max_transmit_fragment_size',
  241: 'max_receive_fragment_size',
  242: 'software_version',
  243: 'hardware_version',
  244: 'owner_name',
  245: 'location_name',
  246: 'device_id',
  247: 'device_name',
  248: 'serial_number',
  249: 'subset_and_conformance',
  250: 'product_name_and_model',
  252: 'manufacturer_name',
  254: 'all_attributes',
  255: 'attribute_list',
};

/** A 16-entry name table from sparse entries ('reserved' elsewhere). */
function names16(src: Record<number, string>): string[] {
  const n: string[] = new Array<string>(16).fill('reserved');
  for (const [k, v] of Object.entries(src)) n[Number(k)] = v;
  return n;
}
