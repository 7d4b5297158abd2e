/**
 * IEC 60870-5-104 events: one per APDU (APCI + optional ASDU).
 *
 * The kind says what the APDU is for:
 * - `iec104.unnumbered`: U format, connection control (STARTDT, STOPDT, TESTFR act/con).
 * - `iec104.supervisory`: S format, acknowledgement of received I format APDUs.
 * - `iec104.monitor`: I format with an ASDU of monitor direction (process information 1-44,
 *   end of initialization 70).
 * - `iec104.command`: I format with an ASDU of control direction (process commands 45-69,
 *   system commands 100-109: interrogation, counter interrogation, read, clock
 *   synchronization, test, reset process). A command's confirmation and termination (`cot_name`
 *   `actcon`, `actterm`) carry the command's type and are `iec104.command` events too.
 * - `iec104.parameter`: parameter loading and activation (110-113).
 * - `iec104.file`: file transfer (120-127).
 * - `iec104.security`: secure authentication messages of IEC 60870-5-7 (81-95), recognised,
 *   their contents not decoded.
 * - `iec104.asdu`: an I format APDU whose ASDU has a reserved or private type, or is too short
 *   to have a type at all.
 *
 * References: IEC 60870-5-104:2006 ([104]); IEC 60870-5-101:2003 ([101]); IEC 60870-5-7 ([7]).
 */

/** Quality descriptor of a monitored value ([101] 7.2.6.1-4: SIQ, DIQ, QDS, QDP). */
export interface Iec104Quality {
  /** IV: the value is invalid (acquisition failed, device out of service). */
  invalid: boolean;
  /** NT: not topical, the value was not updated successfully at the last refresh. */
  not_topical: boolean;
  /** SB: substituted, set by an operator or an automatic source instead of acquired. */
  substituted: boolean;
  /** BL: blocked for transmission, the value is the one before blocking. */
  blocked: boolean;
  /** OV: overflow, the value is beyond a predefined range (QDS only). */
  overflow?: boolean;
  /** EI: elapsed time invalid (protection equipment events, QDP and SEP only). */
  elapsed_time_invalid?: boolean;
}

/**
 * One information object: its address and its information elements. Which fields appear
 * depends on the type id; `ioa` is always present.
 */
export interface Iec104Object {
  /**
   * Information object address (3 octets in 104, [104] 9). In an SQ=1 ASDU only the first
   * address is on the wire; the others are the first + 1, + 2, ... ([101] 7.2.2.1).
   */
  ioa: number;
  /**
   * The value: single point or single command state as a boolean (SPI, SCS); double point,
   * double or step command state 0-3 (DPI, DCS, RCS); step position -64..63 (VTI); normalized
   * value -1..1-2^-15 (NVA); scaled value (SVA); short float (R32); 32-bit bitstring as an
   * unsigned number, least significant octet first on the wire (BSI); counter reading (BCR,
   * signed 32 bits); fixed test bit pattern (C_TS_NA_1). Absent for a float that is NaN or
   * infinite (see `value_special`).
   */
  value?: number | boolean;
  /** `nan`, `inf` or `-inf` for a short float that has no finite value. */
  value_special?: string;
  /** The raw 16-bit integer of a normalized value (NVA = raw / 32768). */
  raw?: number;
  /**
   * State name of a double point or protection event (`off`, `on`, `indeterminate`,
   * `indeterminate_or_intermediate`), a double command (`off`, `on`, `not_permitted`) or a
   * regulating step command (`lower`, `higher`, `not_permitted`).
   */
  state?: string;
  /** VTI transient bit: the step position equipment is moving. */
  transient?: boolean;
  /** Quality descriptor (SIQ, DIQ, QDS or QDP; for SEP the quality bits of the event). */
  quality?: Iec104Quality;
  /** BCR sequence number (0-31) of the counter reading. */
  sequence?: number;
  /** BCR CY: the counter overflowed in the period. */
  carry?: boolean;
  /** BCR CA: the counter was adjusted since the last reading. */
  adjusted?: boolean;
  /** BCR IV: the counter reading is invalid. */
  invalid?: boolean;
  /** S/E of SCO, DCO, RCO, QOS: true = select, false = execute ([101] 7.2.6.15-17, 39). */
  select?: boolean;
  /**
   * The qualifier: QU of a command (pulse kind), QL of a set-point command, QOI of an
   * interrogation, QCC of a counter interrogation (whole octet), QRP of a reset process, QPM
   * of a parameter (whole octet), QPA of a parameter activation, or the FRQ/SRQ/SCQ/LSQ/AFQ
   * octet of a file transfer.
   */
  qualifier?: number;
  /**
   * Name of the qualifier: for QU `no_additional_definition`, `short_pulse`, `long_pulse`,
   * `persistent`; for QOI `station`, `group_1`..`group_16`; for QRP `general_reset`,
   * `reset_event_buffer`; `not_used`, `reserved` or `private` otherwise.
   */
  qualifier_name?: string;
  /** QCC RQT: which counters (1-4 group, 5 general). */
  request?: number;
  /** RQT name: `group_1`..`group_4`, `general`, `none`, `reserved`, `private`. */
  request_name?: string;
  /** QCC FRZ: 0 read, 1 freeze, 2 freeze and reset, 3 reset. */
  freeze?: number;
  /** FRZ name: `read`, `freeze`, `freeze_and_reset`, `reset`. */
  freeze_name?: string;
  /** COI cause of initialization: 0 local power on, 1 local manual reset, 2 remote reset. */
  cause?: number;
  /** COI cause name: `local_power_on`, `local_manual_reset`, `remote_reset`, ... */
  cause_name?: string;
  /** COI bit 8: initialization after a change of local parameters. */
  after_parameter_change?: boolean;
  /** QPM KPA: kind of parameter (1 threshold, 2 smoothing factor, 3 low limit, 4 high limit). */
  parameter_kind?: number;
  /** KPA name: `threshold`, `smoothing_factor`, `low_limit`, `high_limit`, ... */
  parameter_kind_name?: string;
  /** QPM LPC: local parameter change. */
  local_change?: boolean;
  /** QPM POP: the parameter is not in operation. */
  not_in_operation?: boolean;
  /** CP16Time2a of protection events (elapsed or relay time) or of C_CD_NA_1, in ms. */
  elapsed_ms?: number;
  /** SPE: packed start events (GS, SL1, SL2, SL3, SIE, SRD as bits 1-6). */
  start_events?: number;
  /** OCI: packed output circuit information (GC, CL1, CL2, CL3 as bits 1-4). */
  output_circuits?: number;
  /** SCD status bits ST of 16 single points (M_PS_NA_1). */
  status?: number;
  /** SCD change detection bits CD of the same 16 points. */
  changes?: number;
  /** AID association id of integrated totals of security statistics (S_IT_TC_1). */
  association_id?: number;
  /** TSC test sequence counter of C_TS_TA_1. */
  test_counter?: number;
  /** NOF name of file. */
  file_name?: number;
  /** LOF length of file, or of a section in F_SR_NA_1, in octets. */
  file_length?: number;
  /** NOS name of section. */
  section?: number;
  /** LOS length of the segment of F_SG_NA_1, in octets. */
  segment_length?: number;
  /** CHS checksum of F_LS_NA_1. */
  checksum?: number;
  /** SOF status of file of F_DR_TA_1. */
  file_status?: number;
  /**
   * The time tag. CP56Time2a: `YYYY-MM-DDTHH:MM:SS.mmm`, year octet 0-99 read as 2000-2099
   * (100-127, which some stacks send as years since 1900, as 2000-2027), in the time zone the
   * stations use (the tag carries none; `time_summer` says whether summer time applies).
   * CP24Time2a, which carries only minutes and milliseconds: `MM:SS.mmm`. Absent when the
   * fields are out of range.
   */
  time?: string;
  /** IV of the time tag: the time is invalid. */
  time_invalid?: boolean;
  /** SU of a CP56Time2a: summer time. */
  time_summer?: boolean;
  /** Bit 7 of the minute octet: the time was substituted, not acquired (ed. 2 GEN bit). */
  time_substituted?: boolean;
  /** Stop time of a query log request (F_SC_NB_1), same form as `time` (the start time). */
  stop_time?: string;
}

/** The `iec104` object of every IEC 104 event. Field names are the public schema. */
export interface Iec104Fields {
  /** APCI format: `I` (numbered information), `S` (supervisory) or `U` (unnumbered control). */
  format: 'I' | 'S' | 'U';
  /** APDU length octet: the octets after it (4 control octets + the ASDU) ([104] 5.1). */
  apdu_length: number;
  /** N(S): send sequence number of an I format APDU (0-32767) ([104] 5.2). */
  send_seq?: number;
  /** N(R): receive sequence number of an I or S format APDU, the next N(S) expected. */
  recv_seq?: number;
  /**
   * U format function: `startdt_act`, `startdt_con`, `stopdt_act`, `stopdt_con`, `testfr_act`,
   * `testfr_con`, or `invalid` when not exactly one function bit is set ([104] 5.3).
   */
  u_function?: string;
  /** ASDU type identification (0-255) ([101] 7.2.1). */
  type_id?: number;
  /** Type name (`M_SP_NA_1`, `C_SC_NA_1`, ...), or `reserved`, `private`, `not_defined`. */
  type_name?: string;
  /** VSQ SQ bit: the objects are one address followed by consecutive elements. */
  sq?: boolean;
  /** VSQ number of information objects (SQ=0) or elements (SQ=1), 0-127. */
  num_objects?: number;
  /** Cause of transmission, 0-63 ([101] 7.2.3). */
  cot?: number;
  /**
   * Cause name, the standard's abbreviation: `per_cyc`, `back`, `spont`, `init`, `req`, `act`,
   * `actcon`, `deact`, `deactcon`, `actterm`, `retrem`, `retloc`, `file`, `auth`, `seskey`,
   * `usrkey`, `inrogen`, `inro1`..`inro16`, `reqcogen`, `reqco1`..`reqco4`, `unknown_type_id`,
   * `unknown_cause`, `unknown_common_address`, `unknown_ioa`, `not_used`, `reserved`, `private`.
   */
  cot_name?: string;
  /** P/N bit: negative confirmation (the requested activation was refused). */
  negative?: boolean;
  /** T bit: test, not a real process event or command. */
  test?: boolean;
  /** Originator address (second COT octet): which controlling station, 0 = default. */
  originator_address?: number;
  /** Common address of ASDU (2 octets): the station or sector; 65535 = broadcast. */
  common_address?: number;
  /**
   * The information objects with their decoded elements, at most `maxObjectsPerMessage`.
   * Absent for types whose objects are not decoded (reserved, private, secure authentication).
   */
  objects?: Iec104Object[];
  /** Present and true when `objects` was cut at the objects-per-message limit. */
  objects_truncated?: boolean;
}

/** An IEC 104 event: `kind` is one of {@link IEC104_EVENT_KINDS}. */
export type Iec104Event = {
  readonly kind: Iec104EventKind;
  readonly iec104: Iec104Fields;
};

/** The kinds of {@link Iec104Event}, for the descriptor and the schema. */
export const IEC104_EVENT_KINDS = [
  'iec104.unnumbered',
  'iec104.supervisory',
  'iec104.monitor',
  'iec104.command',
  'iec104.parameter',
  'iec104.file',
  'iec104.security',
  'iec104.asdu',
] as const;

/** One of the IEC 104 event kinds. */
export type Iec104EventKind = (typeof IEC104_EVENT_KINDS)[number];
