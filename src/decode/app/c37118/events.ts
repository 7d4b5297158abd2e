/**
 * IEEE C37.118 events: one per frame (data, header, configuration, command).
 *
 * Every event carries the `c37118` object below; fields a frame does not have are absent.
 * References: [C37.118.2] (see constants.ts).
 */

/** Event kinds. */
export const C37118_EVENT_KINDS = [
  'c37118.data',
  'c37118.header',
  'c37118.config',
  'c37118.command',
] as const;

/** A C37.118 event kind. */
export type C37118EventKind = (typeof C37118_EVENT_KINDS)[number];

/** One PMU block of a configuration frame. */
export interface C37118PmuConfig {
  /** Station name (STN), trailing spaces and NULs removed. */
  station: string;
  /** Data source IDCODE of the PMU. */
  idcode: number;
  /** FORMAT word: bit 3 FREQ/DFREQ float, bit 2 analogs float, bit 1 phasors float, bit 0 polar. */
  format: number;
  /** Phasors are sent as 32-bit floats (else 16-bit integers). */
  phasor_float: boolean;
  /** Phasors are polar (magnitude, angle) rather than rectangular (real, imaginary). */
  phasor_polar: boolean;
  /** Analog values are 32-bit floats. */
  analog_float: boolean;
  /** FREQ and DFREQ are 32-bit floats. */
  freq_float: boolean;
  /** PHNMR: number of phasors. */
  phasors: number;
  /** ANNMR: number of analog values. */
  analogs: number;
  /** DGNMR: number of digital status words. */
  digitals: number;
  /** Channel names (phasors, analogs, then 16 per digital word), at most 32 listed. */
  channel_names: string[];
  /** Nominal frequency in Hz (FNOM bit 0: 50, else 60). */
  nominal_frequency: number;
  /** CFGCNT: configuration change count. */
  config_count: number;
}

/** One PMU block of a data frame, decoded with the configuration seen on the flow. */
export interface C37118PmuData {
  /** IDCODE of the PMU, from the configuration. */
  idcode: number;
  /** Station name, from the configuration. */
  station: string;
  /** STAT word. */
  stat: number;
  /** STAT bits 15-14 (`good`, `pmu_error`, `test_mode`, `pmu_error_do_not_use`). */
  data_error: string;
  /** STAT bit 13 clear: the PMU is synchronised to UTC. */
  pmu_sync: boolean;
  /** STAT bit 12: data sorted by arrival rather than by time stamp. */
  sorting_by_arrival: boolean;
  /** STAT bit 11: the PMU detected a trigger. */
  trigger: boolean;
  /** STAT bit 10: the configuration changes within a minute. */
  config_change: boolean;
  /** STAT bit 9: data modified by a post-processing device. */
  data_modified: boolean;
  /** STAT bits 8-6: PMU time quality code (0 not used, 1 < 100 ns ... 7 > 10 ms). */
  pmu_time_quality: number;
  /** STAT bits 5-4: time since the PMU lost sync (`locked`, `10s`, `100s`, `over_1000s`). */
  unlocked_time: string;
  /** STAT bits 3-0: trigger reason name, or `user_<n>` for 8-15. */
  trigger_reason: string;
  /** Frequency in Hz (nominal plus the deviation for the integer format). */
  frequency?: number;
  /** Rate of change of frequency, Hz/s. */
  rocof?: number;
  /** Number of phasors in the block. */
  phasor_count: number;
  /** The first phasors as (magnitude, angle in degrees), scaled as the configuration says. */
  phasors?: { magnitude: number; angle: number }[];
  /** Number of analog values. */
  analog_count: number;
  /** Number of digital status words. */
  digital_count: number;
}

/** The `c37118` object of every C37.118 event. Field names are the public schema. */
export interface C37118Fields {
  /** Frame type from SYNC bits 6-4 (0 data, 1 header, 2 CFG-1, 3 CFG-2, 4 command, 5 CFG-3). */
  frame_type: number;
  /** Name of `frame_type` (`data`, `header`, `cfg1`, `cfg2`, `command`, `cfg3`). */
  frame_type_name: string;
  /** Version from SYNC bits 3-0 (1: C37.118-2005, 2: C37.118.2-2011). */
  version: number;
  /** FRAMESIZE in bytes. */
  frame_size: number;
  /** IDCODE: the stream source (PMU or PDC) the frame is from or for. */
  idcode: number;
  /** SOC: seconds since 1970-01-01 UTC. */
  soc: number;
  /** FRACSEC bits 23-0: fraction of second, in units of the configuration's time base. */
  fracsec: number;
  /** FRACSEC bits 31-24: time quality flags. */
  time_quality_flags: number;
  /** Message time quality (`locked`, `within_1us`, ..., `fault`, or `code_<n>`). */
  time_quality: string;
  /** Leap second pending, occurred and direction (bit 6: 1 delete) flags. */
  leap_second_pending: boolean;
  leap_second_occurred: boolean;
  /** SOC and FRACSEC as ISO 8601 UTC (fraction when the time base is known). */
  timestamp: string;
  /** CHK matches the CRC-CCITT of the frame. */
  crc_ok: boolean;
  /** Command frames: the command word. */
  command?: number;
  /** Command frames: name of `command`, or `unknown`. */
  command_name?: string;
  /** Command frames: length of the extended frame data. */
  extended_length?: number;
  /** Header frames: the text (at most 256 characters). */
  header_text?: string;
  /** Configuration frames: CFG-3 continuation index. */
  continuation_index?: number;
  /** Configuration frames: TIME_BASE bits 23-0 (fractions of a second). */
  time_base?: number;
  /** Configuration and data frames: number of PMU blocks. */
  num_pmu?: number;
  /** Configuration frames: DATA_RATE (> 0 frames per second, < 0 seconds per frame). */
  data_rate?: number;
  /** Configuration frames: the PMU blocks (at most `maxObjectsPerMessage`). */
  pmus?: C37118PmuConfig[];
  /** Data frames: the PMU blocks (at most `maxObjectsPerMessage`). */
  data?: C37118PmuData[];
  /** Data frames: no configuration was seen on the flow, so the blocks are not decoded. */
  no_config?: boolean;
}

/** A C37.118 event. */
export type C37118Event = {
  readonly kind: C37118EventKind;
  readonly c37118: C37118Fields;
};
