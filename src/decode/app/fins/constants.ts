/**
 * Omron FINS code tables.
 *
 * References:
 * - [W227] Omron FINS Commands Reference Manual W227-E1-2: 2-3 header (ICF, RSV, GCT, DNA, DA1,
 *   DA2, SNA, SA1, SA2, SID), 5-1 command list, 5-2-2 memory area codes, 8-3 end codes.
 * - [W342] Omron SYSMAC CS/CJ Communications Commands W342: 3-2 FINS/TCP header ('FINS' magic,
 *   length, command, error code), 7-2 FINS/TCP commands 0 (client node address data send),
 *   1 (server node address data send), 2 (FINS frame send), 3 (FINS frame send error
 *   notification), 6 (connection confirmation).
 * - Wireshark 4.0 epan/dissectors/packet-omron-fins.c (names cross-checked).
 */

/** Framing constants. */
export const FINS = {
  /** UDP and TCP port 9600 ([W342] 3-2). */
  PORT: 9600,
  /** 'FINS' in ASCII, the first four bytes of every FINS/TCP frame. */
  MAGIC: 0x46494e53,
  /** FINS/TCP header: magic, length, command, error code (4 bytes each). */
  TCP_HEADER: 16,
  /** FINS header: ICF RSV GCT DNA DA1 DA2 SNA SA1 SA2 SID ([W227] 2-3). */
  HEADER: 10,
  /** FINS header plus the two-byte command code (MRC, SRC). */
  MIN_FRAME: 12,
  /** ICF bit 7: gateway used; bit 6: response; bit 0: response not required; 1-5 reserved. */
  ICF_RESERVED: 0x3e,
  ICF_RESPONSE: 0x40,
  ICF_NO_RESPONSE: 0x01,
  /** Largest gateway count [W227] allows (up to 8 networks, count 0-7). */
  MAX_GCT: 7,
} as const;

/** FINS/TCP header commands ([W342] 7-2). */
export const TCP_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0, 'client_node_address_send'],
  [1, 'server_node_address_send'],
  [2, 'fins_frame_send'],
  [3, 'fins_frame_send_error'],
  [6, 'connection_confirmation'],
]);

/** FINS/TCP command carrying a FINS frame. */
export const TCP_FRAME_SEND = 2;

/** FINS command codes, MRC << 8 | SRC ([W227] 5-1). */
export const COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x0101, 'memory_area_read'],
  [0x0102, 'memory_area_write'],
  [0x0103, 'memory_area_fill'],
  [0x0104, 'multiple_memory_area_read'],
  [0x0105, 'memory_area_transfer'],
  [0x0201, 'parameter_area_read'],
  [0x0202, 'parameter_area_write'],
  [0x0203, 'parameter_area_clear'],
  [0x0220, 'data_link_table_read'],
  [0x0221, 'data_link_table_write'],
  [0x0304, 'program_area_protect'],
  [0x0305, 'program_area_protect_clear'],
  [0x0306, 'program_area_read'],
  [0x0307, 'program_area_write'],
  [0x0308, 'program_area_clear'],
  [0x0401, 'run'],
  [0x0402, 'stop'],
  [0x0501, 'controller_data_read'],
  [0x0502, 'connection_data_read'],
  [0x0601, 'controller_status_read'],
  [0x0602, 'network_status_read'],
  [0x0603, 'data_link_status_read'],
  [0x0620, 'cycle_time_read'],
  [0x0701, 'clock_read'],
  [0x0702, 'clock_write'],
  [0x0801, 'loop_back_test'],
  [0x0802, 'broadcast_test_results_read'],
  [0x0803, 'broadcast_test_data_send'],
  [0x0920, 'message_read_clear_fal_fals_read'],
  [0x0c01, 'access_right_acquire'],
  [0x0c02, 'access_right_forced_acquire'],
  [0x0c03, 'access_right_release'],
  [0x2101, 'error_clear'],
  [0x2102, 'error_log_read'],
  [0x2103, 'error_log_clear'],
  [0x2201, 'file_name_read'],
  [0x2202, 'single_file_read'],
  [0x2203, 'single_file_write'],
  [0x2204, 'memory_card_format'],
  [0x2205, 'file_delete'],
  [0x2206, 'volume_label_create_delete'],
  [0x2207, 'file_copy'],
  [0x2208, 'file_name_change'],
  [0x2209, 'file_data_check'],
  [0x220a, 'memory_area_file_transfer'],
  [0x220b, 'parameter_area_file_transfer'],
  [0x220c, 'program_area_file_transfer'],
  [0x220f, 'file_memory_index_read'],
  [0x2210, 'file_memory_read'],
  [0x2211, 'file_memory_write'],
  [0x2301, 'forced_set_reset'],
  [0x2302, 'forced_set_reset_cancel'],
  [0x230a, 'multiple_forced_status_read'],
  [0x2601, 'name_set'],
  [0x2602, 'name_delete'],
  [0x2603, 'name_read'],
]);

/** Main request codes (MRC) of {@link COMMANDS}: a fresh datagram flow must start with one. */
export const KNOWN_MRC: ReadonlySet<number> = new Set([...COMMANDS.keys()].map((c) => c >> 8));

/** Commands that change the operating mode of the PLC (ATT&CK for ICS T0858). */
export const MODE_CHANGE: ReadonlySet<number> = new Set([0x0401, 0x0402]);

/** Commands that change or erase the program, its protection, or files on the PLC (T0843). */
export const PROGRAM_CHANGE: ReadonlySet<number> = new Set([
  0x0105, 0x0203, 0x0304, 0x0305, 0x0307, 0x0308, 0x2203, 0x2204, 0x2205, 0x220c, 0x2211,
]);

/** Commands whose command data starts with a memory area code, address and count ([W227] 5-3-1..3). */
export const MEMORY_COMMANDS: ReadonlySet<number> = new Set([0x0101, 0x0102, 0x0103]);

/** Memory area codes, CS/CJ series ([W342] 5-2-2); other series reuse some values. */
export const MEMORY_AREAS: ReadonlyMap<number, string> = new Map([
  [0x30, 'cio_bit'],
  [0x31, 'wr_bit'],
  [0x32, 'hr_bit'],
  [0x33, 'ar_bit'],
  [0x70, 'cio_bit_forced'],
  [0x71, 'wr_bit_forced'],
  [0x72, 'hr_bit_forced'],
  [0xb0, 'cio_word'],
  [0xb1, 'wr_word'],
  [0xb2, 'hr_word'],
  [0xb3, 'ar_word'],
  [0xf0, 'cio_word_forced'],
  [0xf1, 'wr_word_forced'],
  [0xf2, 'hr_word_forced'],
  [0x09, 'timer_counter_completion_flag'],
  [0x89, 'timer_counter_pv'],
  [0x02, 'dm_bit'],
  [0x82, 'dm_word'],
  [0x06, 'task_flag_bit'],
  [0x46, 'task_flag_status'],
  [0x07, 'index_register'],
  [0x9c, 'data_register'],
  [0x00, 'clock_pulses_condition_flags'],
  [0x80, 'cio_word_cv'],
  [0x81, 'timer_counter_pv_cv'],
  [0x01, 'timer_counter_completion_cv'],
  [0x98, 'em_current_bank_word'],
  [0xbc, 'em_current_bank_number'],
]);

/** Main end codes (MRES) of a response ([W227] 8-3); the sub code (SRES) refines them. */
export const END_CODES: ReadonlyMap<number, string> = new Map([
  [0x00, 'normal_completion'],
  [0x01, 'local_node_error'],
  [0x02, 'destination_node_error'],
  [0x03, 'communications_controller_error'],
  [0x04, 'not_executable'],
  [0x05, 'routing_error'],
  [0x10, 'command_format_error'],
  [0x11, 'parameter_error'],
  [0x20, 'read_not_possible'],
  [0x21, 'write_not_possible'],
  [0x22, 'not_executable_in_current_mode'],
  [0x23, 'no_unit'],
  [0x24, 'start_stop_not_possible'],
  [0x25, 'unit_error'],
  [0x26, 'command_error'],
  [0x30, 'access_right_error'],
  [0x40, 'abort'],
]);

/** RUN command modes ([W227] 5-3-9). */
export const RUN_MODES: ReadonlyMap<number, string> = new Map([
  [0x02, 'monitor'],
  [0x04, 'run'],
]);
