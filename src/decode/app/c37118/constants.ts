/**
 * IEEE C37.118 synchrophasor code tables and framing constants.
 *
 * References:
 * - [C37.118.2] IEEE Std C37.118.2-2011, Synchrophasor Data Transfer for Power Systems:
 *   6.2 common frame header (SYNC, FRAMESIZE, IDCODE, SOC, FRACSEC, CHK), table 2 word
 *   definitions common to all frames, table 3 time quality flags (FRACSEC bits 31-24), 6.3 data
 *   frame and table 5 STAT word, 6.4 configuration frames CFG-1/CFG-2 (table 8) and CFG-3
 *   (table 10), 6.5 header frame, 6.6 command frame and table 15 command words, annex B
 *   CRC-CCITT (polynomial 0x1021, initial value 0xFFFF).
 * - [C37.118-2005] IEEE Std C37.118-2005 (version 1 frames; same layout without CFG-3).
 * - TCP port 4712 and UDP port 4713 are the defaults of [C37.118.2] annex E (E.2, E.3).
 * - Wireshark 4.0 epan/dissectors/packet-synphasor.c (names and field order cross-checked).
 */

/** Framing constants. */
export const C37 = {
  /** Default TCP port ([C37.118.2] E.2). */
  TCP_PORT: 4712,
  /** Default UDP port ([C37.118.2] E.3). */
  UDP_PORT: 4713,
  /** First byte of SYNC. */
  SYNC: 0xaa,
  /** SYNC, FRAMESIZE, IDCODE, SOC, FRACSEC: 14 bytes before the frame body. */
  HEADER: 14,
  /** Header plus CHK: the smallest frame. */
  MIN_FRAME: 16,
  /** Station and channel names of CFG-1/CFG-2 are 16 bytes each. */
  NAME_LEN: 16,
  /** Phasors listed per PMU in a data frame event; the others are counted. */
  PHASOR_PREVIEW: 8,
  /** Channel names listed per PMU in a configuration event; the others are counted. */
  CHANNEL_NAMES: 32,
  /** CRC checks of candidate frame starts per resynchronisation, then structure alone. */
  RESYNC_CRC_CHECKS: 32,
  /** Longest header frame text copied into an event. */
  HEADER_TEXT: 256,
} as const;

/** Frame types, SYNC bits 6-4 ([C37.118.2] table 2). */
export const FRAME_TYPE = {
  DATA: 0,
  HEADER: 1,
  CFG1: 2,
  CFG2: 3,
  COMMAND: 4,
  CFG3: 5,
} as const;

/** Names of the frame types. */
export const FRAME_TYPES: readonly string[] = ['data', 'header', 'cfg1', 'cfg2', 'command', 'cfg3'];

/** Command words ([C37.118.2] table 15). */
export const COMMANDS: ReadonlyMap<number, string> = new Map([
  [1, 'turn_off_transmission'],
  [2, 'turn_on_transmission'],
  [3, 'send_header'],
  [4, 'send_cfg1'],
  [5, 'send_cfg2'],
  [6, 'send_cfg3'],
  [8, 'extended_frame'],
]);

/** Commands that stop the data stream. */
export const CMD_TURN_OFF = 1;

/** Commands that ask for the header or a configuration: what a reconnaissance tool sends. */
export const CONFIG_REQUESTS: ReadonlySet<number> = new Set([3, 4, 5, 6]);

/** STAT bits 15-14, data error ([C37.118.2] table 5). */
export const DATA_ERRORS: readonly string[] = [
  'good',
  'pmu_error',
  'test_mode',
  'pmu_error_do_not_use',
];

/** Message time quality codes, FRACSEC bits 27-24 ([C37.118.2] table 3). */
export const TIME_QUALITY: ReadonlyMap<number, string> = new Map([
  [0x0, 'locked'],
  [0x1, 'within_1ns'],
  [0x2, 'within_10ns'],
  [0x3, 'within_100ns'],
  [0x4, 'within_1us'],
  [0x5, 'within_10us'],
  [0x6, 'within_100us'],
  [0x7, 'within_1ms'],
  [0x8, 'within_10ms'],
  [0x9, 'within_100ms'],
  [0xa, 'within_1s'],
  [0xb, 'within_10s'],
  [0xf, 'fault'],
]);

/** STAT bits 5-4, unlocked time ([C37.118.2] table 5). */
export const UNLOCKED_TIME: readonly string[] = ['locked', '10s', '100s', 'over_1000s'];

/** STAT bits 3-0, trigger reason ([C37.118.2] table 5; 8-15 user defined). */
export const TRIGGER_REASONS: ReadonlyMap<number, string> = new Map([
  [0, 'manual'],
  [1, 'magnitude_low'],
  [2, 'magnitude_high'],
  [3, 'phase_angle_diff'],
  [4, 'frequency_high_or_low'],
  [5, 'df_dt_high'],
  [7, 'digital'],
]);
