/**
 * S7comm code tables: TPKT/COTP framing constants, S7 header values, function codes, item
 * syntax ids, areas, transport sizes, return codes, error classes and codes, userdata groups and
 * subfunctions, SZL ids, block types, PI services, and the S7comm-plus opcodes and functions.
 *
 * References (cited per table):
 * - [RFC1006] ISO Transport Service on top of TCP, section 6 (TPKT header).
 * - [X224] ITU-T X.224 / ISO 8073 (COTP): 13.2 TPDU codes, 13.3-13.7 CR/CC/DR/DC/DT layouts,
 *   13.3.4 parameters (TPDU size 0xC0, calling TSAP 0xC1, called TSAP 0xC2).
 * - [S7] Siemens S7 communication (S7comm, protocol id 0x32). Siemens publishes no wire
 *   specification; the layouts follow the public reverse-engineered description maintained with
 *   the Wireshark S7comm dissector (packet-s7comm.c, 4.0) and the SIMATIC "System Software for
 *   S7-300/400 System and Standard Functions" manual (SZL chapter 34, diagnostic events).
 * - [S7P] S7comm-plus (protocol id 0x72) as described by the public S7comm-plus Wireshark
 *   plugin: header, opcodes and function codes only.
 */

/** The TPKT header, shared with the other ISO-on-TCP decoder (`../../tpkt.ts`). */
export { TPKT } from '../../tpkt.js';

/** COTP TPDU codes ([X224] 13.2, high nibble of the second header byte). */
export const COTP_TYPE = {
  ED: 0x10,
  EA: 0x20,
  UD: 0x40,
  RJ: 0x50,
  AK: 0x60,
  ER: 0x70,
  DR: 0x80,
  DC: 0xc0,
  CC: 0xd0,
  CR: 0xe0,
  DT: 0xf0,
} as const;

/** Names of the COTP TPDU codes. */
export const COTP_TYPE_NAMES: Readonly<Record<number, string>> = {
  [COTP_TYPE.ED]: 'ed',
  [COTP_TYPE.EA]: 'ea',
  [COTP_TYPE.UD]: 'ud',
  [COTP_TYPE.RJ]: 'rj',
  [COTP_TYPE.AK]: 'ak',
  [COTP_TYPE.ER]: 'er',
  [COTP_TYPE.DR]: 'dr',
  [COTP_TYPE.DC]: 'dc',
  [COTP_TYPE.CC]: 'cc',
  [COTP_TYPE.CR]: 'cr',
  [COTP_TYPE.DT]: 'dt',
};

/** COTP fixed parts and parameter codes ([X224] 13.3.4, 13.7). */
export const COTP = {
  /** DT in class 0: length indicator 2 (code byte + EOT/TPDU-NR byte). */
  DT_LI: 2,
  /** DT second byte: end of TSDU flag. */
  EOT: 0x80,
  TPDU_NR_MASK: 0x7f,
  /** CR/CC fixed part after the code byte: dst-ref(2) src-ref(2) class/option(1). */
  CONNECT_FIXED: 5,
  /** DR fixed part after the code byte: dst-ref(2) src-ref(2) reason(1). */
  DR_FIXED: 5,
  /** DC fixed part after the code byte: dst-ref(2) src-ref(2). */
  DC_FIXED: 4,
  /** ER fixed part after the code byte: dst-ref(2) cause(1). */
  ER_FIXED: 3,
  PARAM_TPDU_SIZE: 0xc0,
  PARAM_CALLING_TSAP: 0xc1,
  PARAM_CALLED_TSAP: 0xc2,
  CLASS_MASK: 0xf0,
} as const;

/** COTP disconnect reasons ([X224] 13.5.3 e). */
export const DR_REASON_NAMES: Readonly<Record<number, string>> = {
  0: 'not_specified',
  1: 'congestion_at_tsap',
  2: 'session_entity_not_attached',
  3: 'address_unknown',
  128: 'normal',
  129: 'remote_congestion',
  130: 'negotiation_failed',
  131: 'duplicate_source_reference',
  132: 'mismatched_references',
  133: 'protocol_error',
  135: 'reference_overflow',
  136: 'connection_refused',
  138: 'header_or_parameter_length_invalid',
};

/**
 * S7 connection types, the first byte of an S7 TSAP (the second byte is rack * 32 + slot):
 * 1 PG (programming device), 2 OP (operator panel), 3 S7 basic; 0x10 and up are used by
 * S7-1200/1500 and routing ([S7]).
 */
export const TSAP_CONNECTION_TYPES: Readonly<Record<number, string>> = {
  1: 'pg',
  2: 'op',
  3: 's7_basic',
};

/** S7comm header ([S7]): protocol id, header sizes. */
export const S7 = {
  PROTOCOL_ID: 0x32,
  /** Job and userdata header: id, rosctr, redundancy id(2), pdu ref(2), param len(2), data len(2). */
  HEADER_BYTES: 10,
  /** Ack and ack-data headers add error class and error code. */
  ACK_HEADER_BYTES: 12,
} as const;

/** S7comm-plus header ([S7P]). */
export const S7P = {
  PROTOCOL_ID: 0x72,
  HEADER_BYTES: 4,
  TRAILER_BYTES: 4,
  /** V3 ("DataFW1_5") puts a 1-byte digest length and the digest before the data. */
  VERSION_3: 0x03,
} as const;

/** ROSCTR, the S7 PDU type ([S7] header byte 1). */
export const ROSCTR = {
  JOB: 1,
  ACK: 2,
  ACK_DATA: 3,
  USERDATA: 7,
} as const;

/** ROSCTR names; 4-6 pass Wireshark's heuristic (1..7) but are undefined. */
export const ROSCTR_NAMES: Readonly<Record<number, string>> = {
  1: 'job',
  2: 'ack',
  3: 'ack_data',
  7: 'userdata',
};

/** Header error classes of ack and ack-data PDUs ([S7]). */
export const ERROR_CLASS_NAMES: Readonly<Record<number, string>> = {
  0x00: 'no_error',
  0x81: 'application_relationship',
  0x82: 'object_definition',
  0x83: 'no_resources_available',
  0x84: 'error_on_service_processing',
  0x85: 'error_on_supplies',
  0x87: 'access_error',
};

/**
 * Error codes (header class + code, or the userdata parameter error code): every code of [S7]
 * `param_errcode_names` (Wireshark 4.0, from the S7 system manual's error tables), named in
 * snake case; others are reported by number only (`unknown`).
 */
export const ERROR_CODE_NAMES: Readonly<Record<number, string>> = {
  0x0000: 'no_error',
  0x0110: 'invalid_block_number',
  0x0111: 'invalid_request_length',
  0x0112: 'invalid_parameter',
  0x0113: 'invalid_block_type',
  0x0114: 'block_not_found',
  0x0115: 'block_already_exists',
  0x0116: 'block_write_protected',
  0x0117: 'block_too_large',
  0x0118: 'invalid_block_number',
  0x0119: 'incorrect_password',
  0x011a: 'pg_resource_error',
  0x011b: 'plc_resource_error',
  0x011c: 'protocol_error',
  0x011d: 'too_many_blocks',
  0x011e: 'no_database_connection',
  0x011f: 'result_buffer_too_small',
  0x0120: 'end_of_block_list',
  0x0140: 'insufficient_memory',
  0x0141: 'lack_of_resources',
  0x8001: 'service_not_possible_in_block_status',
  0x8003: 'error_transferring_block',
  0x8100: 'service_unknown',
  0x8104: 'service_not_implemented',
  0x8204: 'object_type_inconsistent',
  0x8205: 'copied_block_exists',
  0x8301: 'insufficient_memory_on_module',
  0x8302: 'too_few_resources',
  0x8304: 'no_further_parallel_upload',
  0x8305: 'function_not_available',
  0x8306: 'insufficient_work_memory',
  0x8307: 'insufficient_retentive_memory',
  0x8401: 'invalid_service_sequence',
  0x8402: 'service_not_possible_in_object_status',
  0x8404: 'function_cannot_be_performed',
  0x8405: 'remote_block_disabled',
  0x8500: 'wrong_frames',
  0x8503: 'service_canceled',
  0x8701: 'object_addressing_error',
  0x8702: 'service_not_supported',
  0x8703: 'access_refused',
  0x8704: 'object_damaged',
  0xd001: 'illegal_job_number',
  0xd002: 'illegal_job_variant',
  0xd003: 'debugging_function_not_supported',
  0xd004: 'illegal_job_status',
  0xd005: 'illegal_job_termination',
  0xd006: 'illegal_link_disconnection_id',
  0xd007: 'illegal_number_of_buffer_elements',
  0xd008: 'illegal_scan_rate',
  0xd009: 'illegal_number_of_executions',
  0xd00a: 'illegal_trigger_event',
  0xd00b: 'illegal_trigger_condition',
  0xd011: 'block_does_not_exist_in_call_path',
  0xd012: 'wrong_address_in_block',
  0xd014: 'block_being_deleted_or_overwritten',
  0xd015: 'illegal_tag_address',
  0xd016: 'test_jobs_impossible_program_errors',
  0xd017: 'illegal_trigger_number',
  0xd025: 'invalid_path',
  0xd026: 'illegal_access_type',
  0xd027: 'number_of_data_blocks_not_permitted',
  0xd031: 'internal_protocol_error',
  0xd032: 'wrong_result_buffer_length',
  0xd033: 'wrong_job_length',
  0xd03f: 'coding_error_in_parameter_section',
  0xd041: 'illegal_status_list_id',
  0xd042: 'illegal_tag_address',
  0xd043: 'referenced_job_not_found',
  0xd044: 'illegal_tag_value',
  0xd045: 'exiting_odis_not_allowed_in_hold',
  0xd046: 'illegal_measuring_stage',
  0xd047: 'illegal_hierarchy_in_read_job_list',
  0xd048: 'illegal_deletion_id',
  0xd049: 'invalid_substitute_id',
  0xd04a: 'error_executing_program_status',
  0xd05f: 'coding_error_in_data_section',
  0xd061: 'no_memory_for_job',
  0xd062: 'job_list_full',
  0xd063: 'trigger_event_occupied',
  0xd064: 'no_memory_for_result_buffer_element',
  0xd065: 'no_memory_for_result_buffer_elements',
  0xd066: 'runtime_measurement_timer_occupied',
  0xd067: 'too_many_modify_tag_jobs',
  0xd081: 'function_not_permitted_in_current_mode',
  0xd082: 'cannot_exit_hold_mode',
  0xd0a1: 'function_not_permitted_in_protection_level',
  0xd0a2: 'memory_modifying_function_running',
  0xd0a3: 'too_many_modify_tag_jobs_on_io',
  0xd0a4: 'forcing_already_established',
  0xd0a5: 'referenced_job_not_found',
  0xd0a6: 'job_cannot_be_disabled_or_enabled',
  0xd0a7: 'job_cannot_be_deleted',
  0xd0a8: 'job_cannot_be_replaced',
  0xd0a9: 'job_cannot_be_read',
  0xd0aa: 'processing_time_limit_exceeded',
  0xd0ab: 'invalid_job_parameters',
  0xd0ac: 'invalid_job_data',
  0xd0ad: 'operating_mode_already_set',
  0xd0ae: 'job_set_up_over_another_connection',
  0xd0c1: 'tag_access_error',
  0xd0c2: 'change_to_stop_or_hold',
  0xd0c3: 'tag_access_error_and_stop_or_hold',
  0xd0c4: 'runtime_measurement_timeout',
  0xd0c5: 'block_stack_inconsistent',
  0xd0c6: 'job_deleted_with_referenced_jobs',
  0xd0c7: 'job_deleted_on_leaving_stop',
  0xd0c8: 'block_status_aborted',
  0xd0c9: 'status_area_left_by_ob90_reset',
  0xd0ca: 'status_area_left_with_access_error',
  0xd0cb: 'peripheral_output_disable_reactivated',
  0xd0cc: 'debugging_data_limited_by_time',
  0xd201: 'block_name_syntax_error',
  0xd202: 'function_parameter_syntax_error',
  0xd205: 'linked_block_exists_in_ram',
  0xd206: 'linked_block_exists_in_eprom',
  0xd208: 'too_many_copied_blocks',
  0xd209: 'block_not_found_on_module',
  0xd20a: 'too_many_blocks_to_link',
  0xd20b: 'too_many_blocks_to_delete',
  0xd20c: 'ob_priority_class_missing',
  0xd20d: 'sdb_cannot_be_interpreted',
  0xd20e: 'no_further_block',
  0xd20f: 'block_size_exceeded',
  0xd210: 'invalid_block_number',
  0xd212: 'incorrect_header_attribute',
  0xd213: 'too_many_sdbs',
  0xd216: 'invalid_user_program',
  0xd217: 'protection_level_not_permitted',
  0xd218: 'incorrect_attribute',
  0xd219: 'incorrect_block_lengths',
  0xd21a: 'incorrect_local_data_length',
  0xd21b: 'compression_failed',
  0xd21d: 'illegal_dynamic_project_data_volume',
  0xd21e: 'module_parameter_assignment_failed',
  0xd220: 'invalid_programming_language',
  0xd221: 'invalid_connection_system_data',
  0xd222: 'invalid_global_data_definition',
  0xd223: 'instance_db_error',
  0xd224: 'invalid_scan_system_data',
  0xd225: 'invalid_dp_system_data',
  0xd226: 'block_structural_error',
  0xd230: 'block_structural_error',
  0xd231: 'loaded_ob_priority_class_missing',
  0xd232: 'illegal_block_number',
  0xd234: 'block_exists_twice',
  0xd235: 'incorrect_block_checksum',
  0xd236: 'block_without_checksum',
  0xd237: 'block_loaded_twice',
  0xd238: 'block_not_a_db',
  0xd239: 'db_not_linked_in_load_memory',
  0xd23a: 'db_differs_from_linked_variant',
  0xd240: 'coordination_rules_violated',
  0xd241: 'function_not_permitted_in_protection_level',
  0xd242: 'f_block_protection_violation',
  0xd250: 'update_module_id_mismatch',
  0xd251: 'incorrect_os_component_sequence',
  0xd252: 'checksum_error',
  0xd253: 'no_executable_loader',
  0xd254: 'operating_system_storage_error',
  0xd280: 's7_300_block_compile_error',
  0xd2a1: 'another_block_function_active',
  0xd2a2: 'trigger_active_on_block',
  0xd2a3: 'block_not_active',
  0xd2a4: 'block_processed_by_another_function',
  0xd2a6: 'cannot_save_and_change_program',
  0xd2a7: 'block_unlinked_or_not_processed',
  0xd2a8: 'debugging_function_prevents_parameter_assignment',
  0xd2a9: 'new_parameters_being_assigned_to_cpu',
  0xd2aa: 'new_parameters_being_assigned_to_modules',
  0xd2ab: 'configuration_limits_being_changed',
  0xd2ac: 'sfc12_assignment_prevents_process',
  0xd2b0: 'cir_configuration_error',
  0xd2c0: 'too_many_technological_objects',
  0xd2c1: 'technology_db_exists',
  0xd2c2: 'download_not_possible',
  0xd401: 'information_function_unavailable',
  0xd402: 'information_function_unavailable',
  0xd403: 'service_already_logged_on_or_off',
  0xd404: 'max_diagnostic_nodes_reached',
  0xd405: 'service_not_supported',
  0xd406: 'information_currently_unavailable',
  0xd407: 'diagnostics_error',
  0xd408: 'update_aborted',
  0xd409: 'dp_bus_error',
  0xd601: 'syntax_error_in_function_parameter',
  0xd602: 'incorrect_password',
  0xd603: 'connection_already_legitimized',
  0xd604: 'connection_already_enabled',
  0xd605: 'password_does_not_exist',
  0xd801: 'invalid_tag_address',
  0xd802: 'job_does_not_exist',
  0xd803: 'illegal_job_status',
  0xd804: 'illegal_cycle_time',
  0xd805: 'no_more_cyclic_read_jobs',
  0xd806: 'job_state_prevents_function',
  0xd807: 'read_cycle_overload',
  0xdc01: 'invalid_date_or_time',
  0xe201: 'cpu_already_master',
  0xe202: 'different_user_program_in_flash',
  0xe203: 'different_firmware',
  0xe204: 'different_memory_configuration',
  0xe205: 'synchronization_error',
  0xe206: 'coordination_violation',
  0xef01: 'protocol_error_at_id2',
  0xef02: 'resource_set_does_not_exist',
};

/** Function codes of job and ack-data parameters ([S7]). */
export const FUNCTION = {
  CPU_SERVICES: 0x00,
  READ_VAR: 0x04,
  WRITE_VAR: 0x05,
  REQUEST_DOWNLOAD: 0x1a,
  DOWNLOAD_BLOCK: 0x1b,
  DOWNLOAD_ENDED: 0x1c,
  START_UPLOAD: 0x1d,
  UPLOAD: 0x1e,
  END_UPLOAD: 0x1f,
  PI_SERVICE: 0x28,
  PLC_STOP: 0x29,
  SETUP_COMMUNICATION: 0xf0,
} as const;

/** Function names. */
export const FUNCTION_NAMES: Readonly<Record<number, string>> = {
  [FUNCTION.CPU_SERVICES]: 'cpu_services',
  [FUNCTION.READ_VAR]: 'read_var',
  [FUNCTION.WRITE_VAR]: 'write_var',
  [FUNCTION.REQUEST_DOWNLOAD]: 'request_download',
  [FUNCTION.DOWNLOAD_BLOCK]: 'download_block',
  [FUNCTION.DOWNLOAD_ENDED]: 'download_ended',
  [FUNCTION.START_UPLOAD]: 'start_upload',
  [FUNCTION.UPLOAD]: 'upload',
  [FUNCTION.END_UPLOAD]: 'end_upload',
  [FUNCTION.PI_SERVICE]: 'pi_service',
  [FUNCTION.PLC_STOP]: 'plc_stop',
  [FUNCTION.SETUP_COMMUNICATION]: 'setup_communication',
};

/** Item variable specification ([S7]): type 0x12, then length, then syntax id. */
export const ITEM = {
  VAR_SPEC: 0x12,
  /** var spec + length byte. */
  HEAD_BYTES: 2,
  /** S7ANY address: syntax id, transport size, length(2), db(2), area(1), address(3). */
  S7ANY_LENGTH: 10,
  NCK_LENGTH: 8,
  DRIVEESANY_LENGTH: 10,
  DBREAD_MIN_LENGTH: 7,
  SYM1200_MIN_LENGTH: 14,
  /** Data item head: return code, transport size, length(2). */
  DATA_HEAD_BYTES: 4,
  /** Address bits: byte address in bits 3..18, bit address in bits 0..2. */
  ADDRESS_BYTE_SHIFT: 3,
  ADDRESS_BIT_MASK: 0x07,
  ADDRESS_BYTE_MASK: 0xffff,
} as const;

/** Syntax ids ([S7]). */
export const SYNTAX_ID = {
  S7ANY: 0x10,
  SHORT: 0x11,
  EXT: 0x12,
  PBC_ID: 0x13,
  NCK: 0x82,
  NCK_METRIC: 0x83,
  NCK_INCH: 0x84,
  DRIVEESANY: 0xa2,
  DBREAD: 0xb0,
  SYM1200: 0xb2,
} as const;

/** Syntax id names. */
export const SYNTAX_ID_NAMES: Readonly<Record<number, string>> = {
  0x10: 's7any',
  0x11: 'parameter_short',
  0x12: 'parameter_extended',
  0x13: 'pbc_r_id',
  0x15: 'alarm_lockfree',
  0x16: 'alarm_ind',
  0x19: 'alarm_ack',
  0x1a: 'alarm_queryreq',
  0x1c: 'notify_ind',
  0x82: 'nck',
  0x83: 'nck_metric',
  0x84: 'nck_inch',
  0xa2: 'driveesany',
  0xb0: 'dbread',
  0xb2: 'sym1200',
};

/** Memory areas of an S7ANY address ([S7]). */
export const AREA = {
  DATA_RECORD: 0x01,
  DB: 0x84,
  DI: 0x85,
  COUNTER: 0x1c,
  TIMER: 0x1d,
} as const;

/** Area names (short forms as in STEP 7 addresses). */
export const AREA_NAMES: Readonly<Record<number, string>> = {
  0x01: 'data_record',
  0x03: 'system_info_200',
  0x05: 'system_flags_200',
  0x06: 'analog_inputs_200',
  0x07: 'analog_outputs_200',
  0x1c: 'counter',
  0x1d: 'timer',
  0x1e: 'iec_counter_200',
  0x1f: 'iec_timer_200',
  0x80: 'peripheral',
  0x81: 'inputs',
  0x82: 'outputs',
  0x83: 'flags',
  0x84: 'db',
  0x85: 'instance_db',
  0x86: 'local',
  0x87: 'previous_local',
};

/** Transport sizes of an item address ([S7]). */
export const TRANSPORT_SIZE_NAMES: Readonly<Record<number, string>> = {
  1: 'bit',
  2: 'byte',
  3: 'char',
  4: 'word',
  5: 'int',
  6: 'dword',
  7: 'dint',
  8: 'real',
  9: 'date',
  10: 'tod',
  11: 'time',
  12: 's5time',
  15: 'date_and_time',
  28: 'counter',
  29: 'timer',
  30: 'iec_counter',
  31: 'iec_timer',
  32: 'hs_counter',
};

/** Transport sizes of a data item ([S7]); 3, 4 and 5 count the length in bits. */
export const DATA_TRANSPORT_SIZE = {
  NULL: 0x00,
  BIT: 0x03,
  BYTE_WORD_DWORD: 0x04,
  INTEGER: 0x05,
  DINTEGER: 0x06,
  REAL: 0x07,
  OCTET_STRING: 0x09,
  NCK_ADDRESS1: 0x11,
  NCK_ADDRESS2: 0x12,
} as const;

/** Data transport size names. */
export const DATA_TRANSPORT_SIZE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'null',
  0x03: 'bit',
  0x04: 'byte_word_dword',
  0x05: 'integer',
  0x06: 'dinteger',
  0x07: 'real',
  0x09: 'octet_string',
  0x11: 'nck_address1',
  0x12: 'nck_address2',
};

/** Return codes of data items ([S7]). */
export const RETURN_CODE = {
  RESERVED: 0x00,
  HARDWARE_FAULT: 0x01,
  ACCESS_FAULT: 0x03,
  ADDRESS_OUT_OF_RANGE: 0x05,
  TYPE_NOT_SUPPORTED: 0x06,
  TYPE_INCONSISTENT: 0x07,
  OBJECT_DOES_NOT_EXIST: 0x0a,
  SUCCESS: 0xff,
} as const;

/** Return code names. */
export const RETURN_CODE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'reserved',
  0x01: 'hardware_fault',
  0x03: 'access_not_allowed',
  0x05: 'invalid_address',
  0x06: 'data_type_not_supported',
  0x07: 'data_type_inconsistent',
  0x0a: 'object_does_not_exist',
  0xff: 'success',
};

/** Userdata parameter layout ([S7]): head(3) length(1) method(1) type|group(1) subfunc(1) seq(1). */
export const UD = {
  PARAM_MIN_BYTES: 8,
  /** Response parameter adds data unit ref(1), last data unit(1), error code(2). */
  PARAM_EXT_BYTES: 12,
  METHOD_REQUEST: 0x11,
  METHOD_RESPONSE: 0x12,
  TYPE_SHIFT: 4,
  GROUP_MASK: 0x0f,
  /** Data part head: return code, transport size, length(2). */
  DATA_HEAD_BYTES: 4,
  LAST_DATA_UNIT_YES: 0x00,
  /** Mode-transition push parameter: byte 6 is the new CPU mode. */
  MODE_OFFSET: 6,
} as const;

/** Userdata types (high nibble of the type/group byte). */
export const UD_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'push',
  4: 'request',
  8: 'response',
  3: 'nc_push',
  7: 'nc_request',
  11: 'nc_response',
};

/** Userdata function groups ([S7]). */
export const UD_GROUP = {
  MODE_TRANSITION: 0,
  PROGRAMMER: 1,
  CYCLIC: 2,
  BLOCK: 3,
  CPU: 4,
  SECURITY: 5,
  PBC: 6,
  TIME: 7,
  NC: 15,
} as const;

/** Function group names. */
export const UD_GROUP_NAMES: Readonly<Record<number, string>> = {
  0: 'mode_transition',
  1: 'programmer_commands',
  2: 'cyclic_services',
  3: 'block_functions',
  4: 'cpu_functions',
  5: 'security',
  6: 'pbc_bsend',
  7: 'time_functions',
  15: 'nc_programming',
};

/** Subfunction names per function group ([S7]). */
export const UD_SUBFUNCTION_NAMES: Readonly<Record<number, Readonly<Record<number, string>>>> = {
  0: {
    0: 'stop',
    1: 'warm_restart',
    2: 'run',
    3: 'hot_restart',
    4: 'hold',
    6: 'cold_restart',
    9: 'run_redundant',
    11: 'link_up',
    12: 'update',
  },
  1: {
    1: 'block_status',
    2: 'variable_status',
    3: 'output_istack',
    4: 'output_bstack',
    5: 'output_lstack',
    6: 'time_measurement',
    7: 'force_selection',
    8: 'modify_variable',
    9: 'force',
    10: 'breakpoint',
    11: 'exit_hold',
    12: 'memory_reset',
    13: 'disable_job',
    14: 'enable_job',
    15: 'delete_job',
    16: 'read_job_list',
    17: 'read_job',
    18: 'replace_job',
    19: 'block_status_v2',
    22: 'flash_led',
  },
  2: {
    1: 'cyclic_transfer',
    4: 'unsubscribe',
    5: 'change_driven_transfer',
    7: 'change_driven_transfer_modify',
    8: 'rdrec',
  },
  3: { 1: 'list_blocks', 2: 'list_blocks_of_type', 3: 'get_block_info' },
  4: {
    1: 'read_szl',
    2: 'message_service',
    3: 'diagnostic_message',
    5: 'alarm8_indication',
    6: 'notify_indication',
    7: 'alarm8_lock',
    8: 'alarm8_unlock',
    9: 'scan_indication',
    11: 'alarm_ack',
    12: 'alarm_ack_indication',
    13: 'alarm_lock_indication',
    14: 'alarm_unlock_indication',
    16: 'ar_send_indication',
    17: 'alarm_sq_indication',
    18: 'alarm_s_indication',
    19: 'alarm_query',
    22: 'notify8_indication',
  },
  5: { 1: 'plc_password', 2: 'clean_session' },
  7: { 1: 'read_clock', 2: 'set_clock', 3: 'read_clock_following', 4: 'set_clock' },
  15: {
    1: 'request_download',
    2: 'download_block',
    3: 'continue_download',
    4: 'download_ended',
    6: 'start_upload',
    7: 'upload',
    8: 'continue_upload',
  },
};

/** Memory areas of programmer-command (TIS) variable addresses ([S7]): low nibble = width. */
export const TIS_AREA_NAMES: Readonly<Record<number, string>> = {
  0x00: 'MX',
  0x01: 'MB',
  0x02: 'MW',
  0x03: 'MD',
  0x10: 'IX',
  0x11: 'IB',
  0x12: 'IW',
  0x13: 'ID',
  0x20: 'QX',
  0x21: 'QB',
  0x22: 'QW',
  0x23: 'QD',
  0x31: 'PIB',
  0x32: 'PIW',
  0x33: 'PID',
  0x54: 'TIMER',
  0x64: 'COUNTER',
  0x70: 'DBX',
  0x71: 'DBB',
  0x72: 'DBW',
  0x73: 'DBD',
};

/** Subfunctions the decoder parses. */
export const UD_SUBF = {
  TIS_VARSTAT: 2,
  TIS_MODVAR: 8,
  CYCLIC_TRANSFER: 1,
  CYCLIC_UNSUBSCRIBE: 4,
  CYCLIC_CHANGE: 5,
  CYCLIC_CHANGE_MOD: 7,
  CPU_READ_SZL: 1,
  CPU_DIAG_MESSAGE: 3,
  BLOCK_LIST: 1,
  BLOCK_LIST_TYPE: 2,
  BLOCK_INFO: 3,
  SEC_PASSWORD: 1,
  TIME_READ: 1,
  TIME_SET: 2,
  TIME_READ_FOLLOWING: 3,
  TIME_SET2: 4,
} as const;

/** SZL read ([S7] system manual ch. 34): id(2) index(2); response adds length(2) count(2). */
export const SZL = {
  REQUEST_BYTES: 4,
  RESPONSE_HEAD_BYTES: 8,
  /** Partial list number (low byte of the id) of module identification (xy11). */
  LIST_MODULE_ID: 0x11,
  /** Partial list number of component identification (xy1C). */
  LIST_COMPONENT_ID: 0x1c,
  /** Partial list number of the communication status data (xy32). */
  LIST_COMM_STATUS: 0x32,
  /** xy11 record: index(2) MLFB(20) BGTyp(2) Ausbg(2) Ausbe(2). */
  MODULE_RECORD_BYTES: 28,
  MLFB_BYTES: 20,
  /** xy1C record: index(2) then 32 bytes of text (or ids for index 9 and 10). */
  COMPONENT_RECORD_BYTES: 34,
  COMPONENT_TEXT_BYTES: 32,
  /** Firmware records of xy11 carry 'V' (0x56) in the high byte of Ausbg. */
  VERSION_MARK: 0x56,
} as const;

/** xy11 record indexes ([S7] SZL-ID W#16#xy11). */
export const MODULE_ID_INDEX = {
  MODULE: 0x0001,
  BASIC_HARDWARE: 0x0006,
  BASIC_FIRMWARE: 0x0007,
  FIRMWARE_EXTENSION: 0x0081,
} as const;

/** xy1C record indexes and the field each names ([S7] SZL-ID W#16#xy1C). */
export const COMPONENT_ID_FIELDS: Readonly<Record<number, string>> = {
  0x01: 'plc_name',
  0x02: 'module_name',
  0x03: 'plant_designation',
  0x04: 'copyright',
  0x05: 'serial_number',
  0x07: 'module_type_name',
  0x08: 'memory_card_serial',
  0x09: 'manufacturer_profile',
  0x0a: 'oem_id',
  0x0b: 'location',
};

/** Mode switch positions of SZL 0x0132 index 4 ([S7]). */
export const MODE_SWITCH_NAMES: Readonly<Record<number, string>> = {
  1: 'run',
  2: 'run_p',
  3: 'stop',
  4: 'mres',
};

/**
 * Block types as two ASCII characters in file names, PI parameters and block functions ([S7]):
 * '08' OB, '09' CMod, '0A' DB, '0B' SDB, '0C' FC, '0D' SFC, '0E' FB, '0F' SFB.
 */
export const BLOCK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x3038: 'OB',
  0x3039: 'CMod',
  0x3041: 'DB',
  0x3042: 'SDB',
  0x3043: 'FC',
  0x3044: 'SFC',
  0x3045: 'FB',
  0x3046: 'SFB',
};

/** Sub-block types (one byte) in block info responses ([S7]). */
export const SUBBLOCK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0x08: 'OB',
  0x0a: 'DB',
  0x0b: 'SDB',
  0x0c: 'FC',
  0x0d: 'SFC',
  0x0e: 'FB',
  0x0f: 'SFB',
};

/** Block languages in block functions ([S7]). */
export const BLOCK_LANGUAGE_NAMES: Readonly<Record<number, string>> = {
  0x00: 'not_defined',
  0x01: 'awl',
  0x02: 'kop',
  0x03: 'fup',
  0x04: 'scl',
  0x05: 'db',
  0x06: 'graph',
  0x07: 'sdb',
  0x08: 'cpu_db',
  0x11: 'sdb_after_reset',
  0x12: 'sdb_routing',
  0x29: 'encrypt',
};

/** Block file name of up/download ([S7]): '_' + type(2) + number(5) + filesystem(1). */
export const FILENAME = {
  PLC_LENGTH: 9,
  COMPLETE_MODULE: 0x5f,
  TYPE_FIRST: 0x3038,
  TYPE_LAST: 0x3046,
  NUMBER_DIGITS: 5,
} as const;

/** Block control (up/download) parameter offsets ([S7]), counted after the function code. */
export const BLOCK_CONTROL = {
  /** function status(1) unknown(2) id(4) before the file name. */
  PREFIX_BYTES: 7,
  /** Request download parameter longer than this carries the load memory and MC7 lengths. */
  REQUEST_DOWNLOAD_LONG: 18,
  LENGTH_DIGITS: 6,
  STATUS_MORE: 0x01,
  STATUS_ERROR: 0x02,
} as const;

/** PI service request ([S7]): function(1) unknown(7) param block length(2) block, name length(1) name. */
export const PI = {
  PREFIX_BYTES: 8,
  /** PLC stop (0x29): function(1) unknown(5) name length(1) name. */
  STOP_PREFIX_BYTES: 6,
  /** _INSE/_DELE block entry: type(2) number(5) filesystem(1). */
  BLOCK_ENTRY_BYTES: 8,
} as const;

/**
 * PI service names with their meaning: every service of [S7] `pi_service_names` (Wireshark 4.0)
 * that it describes; `_N_` services are Sinumerik NC services (`_N_ENDEXT` and `_N_F_PROR`, which
 * it does not describe, are `nc_service`).
 */
export const PI_SERVICE_NAMES: Readonly<Record<string, string>> = {
  _INSE: 'activate_module',
  _INS2: 'activate_module',
  _DELE: 'delete_module',
  P_PROGRAM: 'plc_start_stop',
  _MODU: 'copy_ram_to_rom',
  _GARB: 'compress_memory',
  _N_LOGIN_: 'nc_login',
  _N_LOGOUT: 'nc_logout',
  _N_CANCEL: 'cancel_nc_alarm',
  _N_DASAVE: 'copy_sram_to_flash',
  _N_DIGIOF: 'digitizing_off',
  _N_DIGION: 'digitizing_on',
  _N_DZERO_: 'invalidate_d_numbers',
  _N_F_OPER: 'open_file_read_only',
  _N_OST_OF: 'overstore_off',
  _N_OST_ON: 'overstore_on',
  _N_SCALE_: 'set_unit_of_measurement',
  _N_SETUFR: 'activate_user_frame',
  _N_STRTLK: 'set_global_start_disable',
  _N_STRTUL: 'reset_global_start_disable',
  _N_TMRASS: 'reset_active_status',
  _N_F_DELE: 'delete_file',
  _N_EXTERN: 'select_external_program',
  _N_EXTMOD: 'select_external_program',
  _N_F_DELR: 'delete_file_without_access_rights',
  _N_F_XFER: 'select_file_for_upload',
  _N_LOCKE_: 'lock_file_for_editing',
  _N_SELECT: 'select_program',
  _N_SRTEXT: 'mark_file_in_ext_dir',
  _N_F_CLOS: 'close_file',
  _N_F_OPEN: 'open_file',
  _N_F_SEEK: 'position_file_pointer',
  _N_ASUP__: 'assign_interrupt',
  _N_CHEKDM: 'check_d_number_uniqueness',
  _N_CHKDNO: 'check_tool_d_numbers',
  _N_CONFIG: 'reconfigure_machine_data',
  _N_CRCEDN: 'create_cutting_edge_by_number',
  _N_DELECE: 'delete_cutting_edge',
  _N_CREACE: 'create_cutting_edge',
  _N_CREATO: 'create_tool',
  _N_DELETO: 'delete_tool',
  _N_CRTOCE: 'create_tool_with_edge',
  _N_DELVAR: 'delete_data_block',
  _N_F_COPY: 'copy_file',
  _N_F_DMDA: 'delete_mda_memory',
  _N_F_PROT: 'set_file_protection_level',
  _N_F_RENA: 'rename_file',
  _N_FINDBL: 'activate_search',
  _N_IBN_SS: 'set_setup_switch',
  _N_MMCSEM: 'mmc_semaphore',
  _N_NCKMOD: 'set_nck_mode',
  _N_NEWPWD: 'new_password',
  _N_SEL_BL: 'select_block',
  _N_SETTST: 'activate_replacement_tools',
  _N_TMAWCO: 'set_active_wear_group',
  _N_TMCRTC: 'create_tool_with_edge',
  _N_TMCRTO: 'create_managed_tool',
  _N_TMFDPL: 'find_empty_place_for_loading',
  _N_TMFPBP: 'find_empty_location',
  _N_TMGETT: 'get_t_number',
  _N_TMMVTL: 'load_or_unload_tool',
  _N_TMPCIT: 'set_piece_counter_increment',
  _N_TMPOSM: 'position_magazine_or_tool',
  _N_TRESMO: 'reset_monitoring_values',
  _N_TSEARC: 'complex_search',
};

/** S7comm-plus protocol versions ([S7P]). */
export const S7P_VERSION_NAMES: Readonly<Record<number, string>> = {
  0x01: 'v1',
  0x02: 'v2',
  0x03: 'v3',
  0xfe: 'extended_keep_alive',
  0xff: 'keep_alive',
};

/** S7comm-plus opcodes ([S7P]). */
export const S7P_OPCODE = {
  REQUEST: 0x31,
  RESPONSE: 0x32,
  NOTIFICATION: 0x33,
  RESPONSE2: 0x02,
} as const;

/** S7comm-plus opcode names. */
export const S7P_OPCODE_NAMES: Readonly<Record<number, string>> = {
  0x31: 'request',
  0x32: 'response',
  0x33: 'notification',
  0x02: 'response2',
};

/** S7comm-plus function codes ([S7P]). */
export const S7P_FUNCTION_NAMES: Readonly<Record<number, string>> = {
  0x04b1: 'error',
  0x04bb: 'explore',
  0x04ca: 'create_object',
  0x04d4: 'delete_object',
  0x04f2: 'set_variable',
  0x04fc: 'get_variable',
  0x0506: 'add_link',
  0x051a: 'remove_link',
  0x0524: 'get_link',
  0x0542: 'set_multi_variables',
  0x054c: 'get_multi_variables',
  0x0556: 'begin_sequence',
  0x0560: 'end_sequence',
  0x056b: 'invoke',
  0x057c: 'set_var_sub_streamed',
  0x0586: 'get_var_sub_streamed',
  0x0590: 'get_variables_address',
  0x059a: 'abort',
};

/** S7comm-plus data part: opcode(1) reserved(2) function(2) reserved(2) sequence(2). */
export const S7P_DATA = {
  HEAD_BYTES: 9,
  /** Requests follow the sequence number with a 4-byte session id. */
  SESSION_ID_BYTES: 4,
  /** Notifications: opcode(1) then the 4-byte subscription object id. */
  NOTIFICATION_HEAD_BYTES: 5,
} as const;
