/**
 * MELSEC code tables: SLMP / MC protocol binary frames and the MELSOFT engineering frames.
 *
 * References:
 * - [SLMP] Mitsubishi Electric SLMP Reference Manual (SH-080956ENG): 5.1 3E and 4E frame
 *   (subheader 0x5000/0xD000, 0x5400/0xD400 with serial number, network no, PC no, request
 *   destination module I/O no, station no, data length, monitoring timer, command, subcommand,
 *   end code), 5.2 command list, 5.3 device codes, 9 end codes.
 * - [MC] MELSEC Communication Protocol Reference Manual (SH-080008): the same 3E/4E frames for
 *   Q/L series Ethernet modules, device codes for the 1-byte binary form.
 * - MELSOFT: GX Works engineering traffic (FX5 CPUs: UDP 5560 for search and UDP/TCP 5560/5562
 *   for the session; Q/L: UDP 5006, TCP 5007). No public specification; the layout below is
 *   established from the shared captures (see README.md, "MELSOFT frame evidence").
 */

/** Framing constants. */
export const MELSEC = {
  /** MELSOFT ports: FX5 search and session (UDP 5560, TCP 5562), Q/L (UDP 5006, TCP 5007). */
  TCP_PORTS: [5007, 5562],
  UDP_PORTS: [5006, 5560],
  /** SLMP 3E header before the data length: subheader, network, PC, I/O (2), station. */
  E3_HEADER: 9,
  /** SLMP 4E header: subheader (2), serial (2), fixed 0 (2), then as 3E. */
  E4_HEADER: 13,
  /** MELSOFT outer header: 19 bytes, then the 16-bit little-endian length of the rest. */
  MELSOFT_HEADER: 21,
  /** MELSOFT inner header flags byte without its response bit. */
  MELSOFT_INNER: 0x1c,
  /** Discovery (CPU search) frames: 0x5A request, 0xDA reply, 4-byte head. */
  DISCOVERY_HEAD: 4,
  /** Longest text copied from a frame (model names, file paths). */
  MAX_TEXT: 64,
} as const;

/** SLMP/MC commands ([SLMP] 5.2). */
export const COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x0401, 'device_read'],
  [0x1401, 'device_write'],
  [0x0403, 'device_read_random'],
  [0x1402, 'device_write_random'],
  [0x0406, 'device_read_block'],
  [0x1406, 'device_write_block'],
  [0x0801, 'monitor_register'],
  [0x0802, 'monitor'],
  [0x0101, 'read_type_name'],
  [0x0601, 'extend_unit_read'],
  [0x1601, 'extend_unit_write'],
  [0x0613, 'memory_read'],
  [0x1613, 'memory_write'],
  [0x1001, 'remote_run'],
  [0x1002, 'remote_stop'],
  [0x1003, 'remote_pause'],
  [0x1005, 'remote_latch_clear'],
  [0x1006, 'remote_reset'],
  [0x1617, 'clear_error'],
  [0x0619, 'self_test'],
  [0x1630, 'remote_password_unlock'],
  [0x1631, 'remote_password_lock'],
  [0x1810, 'file_read_directory'],
  [0x1811, 'file_search_directory'],
  [0x1820, 'file_create'],
  [0x1822, 'file_delete'],
  [0x1824, 'file_copy'],
  [0x1825, 'file_change_attribute'],
  [0x1826, 'file_change_date'],
  [0x1827, 'file_open'],
  [0x1828, 'file_read'],
  [0x1829, 'file_write'],
  [0x182a, 'file_close'],
]);

/** Remote operations: the CPU's run state changes ([SLMP] 5.2 remote control). */
export const REMOTE_CONTROL: ReadonlySet<number> = new Set([
  0x1001, 0x1002, 0x1003, 0x1005, 0x1006,
]);

/** Commands that write devices, memory, files or the program ([SLMP] 5.2). */
export const WRITE_COMMANDS: ReadonlySet<number> = new Set([
  0x1401, 0x1402, 0x1406, 0x1601, 0x1613, 0x1617, 0x1820, 0x1822, 0x1824, 0x1825, 0x1826, 0x1829,
]);

/** Batch and block commands whose request starts with a device reference. */
export const DEVICE_COMMANDS: ReadonlySet<number> = new Set([0x0401, 0x1401]);

/** Device codes of the binary frames ([SLMP] 5.3; [MC] 3.3). */
export const DEVICES: ReadonlyMap<number, string> = new Map([
  [0x9c, 'X'],
  [0x9d, 'Y'],
  [0x90, 'M'],
  [0x91, 'SM'],
  [0x92, 'L'],
  [0x93, 'F'],
  [0x94, 'V'],
  [0x98, 'S'],
  [0xa0, 'B'],
  [0xa1, 'SB'],
  [0xa2, 'DX'],
  [0xa3, 'DY'],
  [0xa8, 'D'],
  [0xa9, 'SD'],
  [0xaf, 'R'],
  [0xb0, 'ZR'],
  [0xb4, 'W'],
  [0xb5, 'SW'],
  [0xc0, 'TC'],
  [0xc1, 'TS'],
  [0xc2, 'TN'],
  [0xc3, 'CC'],
  [0xc4, 'CS'],
  [0xc5, 'CN'],
  [0xc6, 'SC'],
  [0xc7, 'SS'],
  [0xc8, 'SN'],
  [0xcc, 'Z'],
]);

/** End codes ([SLMP] 9; 0 is normal completion). */
export const END_CODES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'normal'],
  [0xc050, 'ascii_not_convertible'],
  [0xc051, 'points_out_of_range'],
  [0xc052, 'points_out_of_range'],
  [0xc053, 'points_out_of_range'],
  [0xc054, 'points_out_of_range'],
  [0xc056, 'device_out_of_range'],
  [0xc058, 'data_length_mismatch'],
  [0xc059, 'wrong_command_or_subcommand'],
  [0xc05b, 'device_not_accessible'],
  [0xc05c, 'wrong_request'],
  [0xc05f, 'request_not_executable'],
  [0xc060, 'wrong_request'],
  [0xc061, 'request_length_mismatch'],
  [0xc06f, 'ascii_binary_mismatch'],
  [0xc070, 'not_supported_by_target'],
  [0xc0b5, 'cpu_cannot_handle'],
  [0xc200, 'remote_password_mismatch'],
  [0xc201, 'port_locked'],
  [0xc204, 'other_device_requested_unlock'],
]);

/**
 * MELSOFT command families. The 16-bit command (big-endian, after the inner header) falls in
 * the same numbering blocks as SLMP commands: 0x04xx reads and monitors, 0x10xx remote
 * operations (0x1002 carries the SLMP remote STOP data 0x0001), 0x18xx requests naming files
 * (UTF-16 paths such as `$MELPRJ$\CPU.PRM`), 0x01xx CPU information (0x0121's reply carries
 * the model name). Named here only where the captures show it.
 */
export const MELSOFT_COMMANDS: ReadonlyMap<number, string> = new Map([
  [0x0121, 'read_cpu_model'],
  [0x1001, 'remote_run'],
  [0x1002, 'remote_stop'],
  [0x1003, 'remote_pause'],
  [0x1005, 'remote_latch_clear'],
  [0x1006, 'remote_reset'],
]);

/** MELSOFT command family from the high byte. */
export const MELSOFT_FAMILIES: ReadonlyMap<number, string> = new Map([
  [0x01, 'cpu_information'],
  [0x04, 'read_monitor'],
  [0x10, 'remote_operation'],
  [0x14, 'write'],
  [0x18, 'file'],
]);
