/**
 * NTP code tables.
 *
 * References:
 * - [RFC5905] NTPv4: 7.3 (packet header: LI, VN, mode, stratum, poll, precision, root delay and
 *   dispersion in 16.16 seconds, reference ID, four 64-bit timestamps), 7.4 (kiss-o'-death
 *   codes), Figure 10 (modes), 6 (timestamp eras).
 * - [RFC1305] NTPv3 appendix B: control messages (mode 6: 12-byte header, opcodes).
 * - ntpd `ntp_request.h` (mode 7 private messages: implementation numbers, request codes;
 *   MON_GETLIST_1 = 42 is `monlist`, CVE-2013-5211 amplification).
 */

/** Port and sizes. */
export const NTP = {
  PORT: 123,
  /** The header of modes 1-5 ([RFC5905] 7.3). */
  HEADER: 48,
  /** Mode 6 header ([RFC1305] B.1) and mode 7 header (ntp_request.h). */
  CONTROL_HEADER: 12,
  PRIVATE_HEADER: 8,
  /** Largest mode 6 data field ([RFC1305] B.1: 468 octets). */
  MAX_CONTROL_DATA: 468,
  /** Root delay and dispersion at or above this (256 s in 16.16) are not NTP. */
  MAX_ROOT: 256 * 65536,
  /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
  UNIX_OFFSET: 2_208_988_800,
  /** NTP era length in seconds (2^32). */
  ERA: 4_294_967_296,
} as const;

/** Modes ([RFC5905] Figure 10). */
export const MODES: readonly string[] = [
  'reserved',
  'symmetric_active',
  'symmetric_passive',
  'client',
  'server',
  'broadcast',
  'control',
  'private',
];

export const MODE_CLIENT = 3;
export const MODE_SERVER = 4;
export const MODE_BROADCAST = 5;
export const MODE_SYMMETRIC_PASSIVE = 2;
export const MODE_CONTROL = 6;
export const MODE_PRIVATE = 7;

/** Leap indicator ([RFC5905] Figure 9). */
export const LEAP: readonly string[] = [
  'no_warning',
  'last_minute_61',
  'last_minute_59',
  'unsynchronized',
];

/** Mode 6 opcodes ([RFC1305] B.1; 8-12 and 31 from ntpd ntp_control.h). */
export const CONTROL_OPCODES: ReadonlyMap<number, string> = new Map([
  [1, 'read_status'],
  [2, 'read_variables'],
  [3, 'write_variables'],
  [4, 'read_clock_variables'],
  [5, 'write_clock_variables'],
  [6, 'set_trap'],
  [7, 'async_message'],
  [8, 'configure'],
  [9, 'save_config'],
  [10, 'read_mru'],
  [11, 'read_ordered_list'],
  [12, 'request_nonce'],
  [31, 'unset_trap'],
]);

/** Mode 7 implementation numbers (ntp_request.h). */
export const IMPLEMENTATIONS: ReadonlyMap<number, string> = new Map([
  [0, 'univ'],
  [2, 'xntpd_old'],
  [3, 'xntpd'],
]);

/** Mode 7 request codes (ntp_request.h), the ones ntpdc and scanners send. */
export const PRIVATE_REQUESTS: ReadonlyMap<number, string> = new Map([
  [0, 'peer_list'],
  [1, 'peer_list_sum'],
  [2, 'peer_info'],
  [3, 'peer_stats'],
  [4, 'sys_info'],
  [5, 'sys_stats'],
  [6, 'io_stats'],
  [7, 'mem_stats'],
  [8, 'loop_info'],
  [9, 'timer_stats'],
  [10, 'config'],
  [11, 'unconfig'],
  [12, 'set_sys_flag'],
  [13, 'clr_sys_flag'],
  [16, 'get_restrict'],
  [17, 'resaddflags'],
  [18, 'ressubflags'],
  [19, 'unrestrict'],
  [20, 'mon_getlist'],
  [21, 'reset_stats'],
  [22, 'reset_peer'],
  [23, 'rereadkeys'],
  [26, 'trustkey'],
  [27, 'untrustkey'],
  [28, 'authinfo'],
  [29, 'traps'],
  [30, 'add_trap'],
  [31, 'clr_trap'],
  [32, 'request_key'],
  [33, 'control_key'],
  [34, 'get_ctlstats'],
  [36, 'get_clock_info'],
  [37, 'set_clkfudge'],
  [38, 'get_kernel'],
  [39, 'get_clkbugstats'],
  [41, 'set_precision'],
  [42, 'mon_getlist_1'],
  [43, 'hostname_associd'],
  [44, 'if_stats'],
  [45, 'if_reload'],
]);

/** Request codes of the monitor list (`ntpdc -c monlist`): 20 MON_GETLIST, 42 MON_GETLIST_1. */
export const MONLIST: ReadonlySet<number> = new Set([20, 42]);

/** Kiss codes ([RFC5905] 7.4, Figure 13). */
export const KISS_CODES: ReadonlySet<string> = new Set([
  'ACST',
  'AUTH',
  'AUTO',
  'BCST',
  'CRYP',
  'DENY',
  'DROP',
  'RSTR',
  'INIT',
  'MCST',
  'NKEY',
  'NTSN',
  'RATE',
  'RMOT',
  'STEP',
]);
