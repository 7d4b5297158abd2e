/**
 * HART-IP and HART token-passing code tables.
 *
 * References:
 * - [HIP] HCF_SPEC-085 HART-IP Specification (rev 1.1 and 2.0): 10.2 message header (version,
 *   message type, message id, status, sequence number, byte count), message types (0 request,
 *   1 response, 2 publish/notification, 3 error, 15 NAK), message ids (0 session initiate,
 *   1 session close, 2 keep alive, 3 token-passing PDU, 4 direct PDU, 5 read audit log),
 *   session initiate body (host type, inactivity close timer), error codes. TCP and UDP 5094.
 * - [TP] HCF_SPEC-081 Token-Passing Data Link Layer: 5.1 frame (preambles, delimiter, address,
 *   expansion bytes, command, byte count, [response code, device status], data, check byte as
 *   the XOR of every byte from the delimiter on); delimiter bits (7 address type, 6-5 expansion
 *   bytes, 4-3 physical layer, 2-0 frame type: 1 BACK, 2 STX, 6 ACK); address bits (7 primary
 *   master, 6 burst mode; polling address 0-63, unique address = expanded device type (14 bits)
 *   and device id (24 bits)).
 * - [UC] HCF_SPEC-127 Universal Command Specification: commands 0-22, 38, 48 (identity layout
 *   of command 0, shared by 11 and 21); [CPC] HCF_SPEC-151 Common Practice Command
 *   Specification: commands 33-122 and 512 on; [RC] HCF_SPEC-307 response code classes.
 * - Wireshark 4.0 epan/dissectors/packet-hartip.c (field names used by the agreement check).
 */

/** Framing constants. */
export const HARTIP = {
  /** Well-known TCP and UDP port ([HIP]). */
  PORT: 5094,
  /** Header: version, type, id, status (1 each), sequence number, byte count (2 each). */
  HEADER: 8,
  /** Session initiate body: host type (1), inactivity close timer (4). */
  SESSION_BODY: 5,
  /** Longest packed-ASCII or Latin-1 text copied from a PDU (a long tag is 32). */
  MAX_TEXT: 32,
} as const;

/** Message types ([HIP] 10.2). */
export const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'request'],
  [1, 'response'],
  [2, 'publish'],
  [3, 'error'],
  [15, 'nak'],
]);

/** Message ids ([HIP] 10.2). */
export const MESSAGE_IDS: ReadonlyMap<number, string> = new Map([
  [0, 'session_initiate'],
  [1, 'session_close'],
  [2, 'keep_alive'],
  [3, 'token_passing_pdu'],
  [4, 'direct_pdu'],
  [5, 'read_audit_log'],
]);

export const MSG_SESSION_INITIATE = 0;
export const MSG_TP_PDU = 3;
export const MSG_DIRECT_PDU = 4;
export const TYPE_REQUEST = 0;
export const TYPE_RESPONSE = 1;
export const TYPE_ERROR = 3;
export const TYPE_NAK = 15;

/** Session initiate host types ([HIP]). */
export const HOST_TYPES: readonly string[] = ['secondary', 'primary'];

/** Error message codes ([HIP]). */
export const ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'session_closed'],
  [1, 'primary_session_unavailable'],
  [2, 'service_unavailable'],
]);

/** Token-passing frame types, delimiter bits 2-0 ([TP] 5.1). */
export const FRAME_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'back'],
  [2, 'stx'],
  [6, 'ack'],
]);

/** HART command numbers ([UC], [CPC]). */
export const COMMANDS: ReadonlyMap<number, string> = new Map([
  [0, 'read_unique_identifier'],
  [1, 'read_primary_variable'],
  [2, 'read_loop_current_and_percent_of_range'],
  [3, 'read_dynamic_variables_and_loop_current'],
  [6, 'write_polling_address'],
  [7, 'read_loop_configuration'],
  [8, 'read_dynamic_variable_classifications'],
  [9, 'read_device_variables_with_status'],
  [11, 'read_unique_identifier_with_tag'],
  [12, 'read_message'],
  [13, 'read_tag_descriptor_date'],
  [14, 'read_pv_transducer_information'],
  [15, 'read_device_information'],
  [16, 'read_final_assembly_number'],
  [17, 'write_message'],
  [18, 'write_tag_descriptor_date'],
  [19, 'write_final_assembly_number'],
  [20, 'read_long_tag'],
  [21, 'read_unique_identifier_with_long_tag'],
  [22, 'write_long_tag'],
  [31, 'extended_command'],
  [33, 'read_device_variables'],
  [34, 'write_pv_damping_value'],
  [35, 'write_pv_range_values'],
  [36, 'set_pv_upper_range_value'],
  [37, 'set_pv_lower_range_value'],
  [38, 'reset_configuration_changed_flag'],
  [39, 'eeprom_control'],
  [40, 'enter_exit_fixed_current_mode'],
  [41, 'perform_self_test'],
  [42, 'perform_device_reset'],
  [43, 'set_pv_zero'],
  [44, 'write_pv_units'],
  [45, 'trim_loop_current_zero'],
  [46, 'trim_loop_current_gain'],
  [47, 'write_pv_transfer_function'],
  [48, 'read_additional_device_status'],
  [49, 'write_pv_transducer_serial_number'],
  [50, 'read_dynamic_variable_assignments'],
  [51, 'write_dynamic_variable_assignments'],
  [52, 'set_device_variable_zero'],
  [53, 'write_device_variable_units'],
  [54, 'read_device_variable_information'],
  [55, 'write_device_variable_damping_value'],
  [56, 'write_device_variable_transducer_serial_number'],
  [57, 'read_unit_tag_descriptor_date'],
  [58, 'write_unit_tag_descriptor_date'],
  [59, 'write_number_of_response_preambles'],
  [60, 'read_analog_channel_and_percent_of_range'],
  [62, 'read_analog_channels'],
  [63, 'read_analog_channel_information'],
  [64, 'write_analog_channel_additional_damping_value'],
  [65, 'write_analog_channel_range_values'],
  [66, 'enter_exit_fixed_analog_channel_mode'],
  [67, 'trim_analog_channel_zero'],
  [68, 'trim_analog_channel_gain'],
  [69, 'write_analog_channel_transfer_function'],
  [70, 'read_analog_channel_endpoint_values'],
  [71, 'lock_device'],
  [72, 'squawk'],
  [73, 'find_device'],
  [74, 'read_io_system_capabilities'],
  [75, 'poll_sub_device'],
  [76, 'read_lock_device_state'],
  [77, 'send_command_to_sub_device'],
  [78, 'read_aggregated_commands'],
  [79, 'write_device_variable'],
  [80, 'read_device_variable_trim_points'],
  [81, 'read_device_variable_trim_guidelines'],
  [82, 'write_device_variable_trim_point'],
  [83, 'reset_device_variable_trim'],
  [84, 'read_sub_device_identity_summary'],
  [89, 'set_real_time_clock'],
  [90, 'read_real_time_clock'],
  [101, 'read_sub_device_to_burst_message_map'],
  [102, 'map_sub_device_to_burst_message'],
  [103, 'write_burst_period'],
  [104, 'write_burst_trigger'],
  [105, 'read_burst_mode_configuration'],
  [106, 'flush_delayed_responses'],
  [107, 'write_burst_device_variables'],
  [108, 'write_burst_mode_command_number'],
  [109, 'burst_mode_control'],
  [118, 'event_notification_control'],
  [119, 'acknowledge_event_notification'],
  [512, 'read_country_code'],
  [513, 'write_country_code'],
  [520, 'read_process_unit_tag'],
  [521, 'write_process_unit_tag'],
  [532, 'read_client_subscription_summary'],
  [533, 'write_client_subscription_flags'],
  [538, 'read_hart_ip_server_ports'],
  [539, 'write_hart_ip_udp_port'],
  [540, 'write_hart_ip_tcp_port'],
  [541, 'write_client_pake_password'],
  [542, 'write_client_pre_shared_key'],
  [543, 'read_syslog_server'],
  [544, 'write_syslog_port'],
  [545, 'write_syslog_server_hostname'],
  [546, 'write_syslog_server_pre_shared_key'],
  [547, 'write_syslog_server_pake_password'],
]);

/** Extended command number escape: the 16-bit number follows in the data ([TP], [UC]). */
export const CMD_EXTENDED = 31;

/** Commands that change the device's configuration, outputs or security ([UC], [CPC]). */
export const WRITE_COMMANDS: ReadonlySet<number> = new Set([
  6, 17, 18, 19, 22, 34, 35, 36, 37, 38, 39, 43, 44, 45, 46, 47, 49, 51, 52, 53, 55, 56, 58, 59, 64,
  65, 67, 68, 69, 71, 79, 82, 83, 89, 102, 103, 104, 107, 108, 109, 118, 513, 521, 533, 539, 540,
  541, 542, 544, 545, 546, 547,
]);

/** Perform device reset ([CPC] 42). */
export const CMD_DEVICE_RESET = 42;

/** Commands that force the loop current or an analog channel to a fixed value ([CPC] 40, 66). */
export const FIXED_OUTPUT_COMMANDS: ReadonlySet<number> = new Set([40, 66]);

/** Identity commands whose response has the command 0 layout ([UC] 0, 11, 21). */
export const IDENTITY_COMMANDS: ReadonlySet<number> = new Set([0, 11, 21]);

/**
 * Response codes that are warnings, not errors ([RC]): 8 update failure / set to nearest
 * possible value, 14 span too small / new LRV pushed URV, 24-27 and 30-31 warnings. 0 is
 * success; bit 7 set means a communication error summary byte.
 */
export const WARNING_CODES: ReadonlySet<number> = new Set([8, 14, 24, 25, 26, 27, 30, 31]);
