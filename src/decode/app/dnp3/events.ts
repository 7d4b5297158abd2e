/**
 * DNP3 events.
 *
 * - `dnp3.request`: an application fragment with a request function code (0x00-0x7F): sent by
 *   a master (confirm, read, write, select, operate, freeze, restart, file, ...).
 * - `dnp3.response`: a solicited response (0x81) or an authentication response (0x83).
 * - `dnp3.unsolicited_response`: an unsolicited response (0x82) from an outstation.
 * - `dnp3.link`: a data link frame that carries no application data (link reset, link status,
 *   test, ACK/NACK and the like).
 *
 * One application event per application fragment, in the frame where its last transport
 * segment arrives (as Wireshark numbers frames); link frames whose transport segment does not
 * complete a fragment produce no event. The link fields of an application event are those of
 * the frame that completed it.
 *
 * References: IEEE Std 1815-2012 ([1815]): 4.2.2 (application layer), 8 (transport), 9 (data
 * link), Annex A (objects).
 */

/** One object (point) of an object header. Only the fields its object type has are set. */
export interface Dnp3Point {
  /**
   * Point index: from the range (start + n), the count (n), or the index prefix. Absent for
   * size-prefixed free-format objects (files, authentication), which are not points.
   */
  index?: number;
  /**
   * The value: a boolean for binary points (state bit), 0-3 for double-bit inputs
   * (0 intermediate, 1 off, 2 on, 3 indeterminate), a number for counters, analogs, deadbands,
   * time delays (seconds for group 52 variation 1, milliseconds for variation 2) and numeric
   * device attributes, text for string device attributes and virtual terminal data, lower-case
   * hex for octet strings and other opaque data.
   */
  value?: boolean | number | string;
  /** The flags (quality) octet: bit 0 online, 1 restart, 2 comm lost, 3 remote forced, 4 local forced, 5-7 per type ([1815] A.1). */
  flags?: number;
  /** Absolute time (ISO 8601 UTC): event time, time and date (group 50), CTO base plus relative time. */
  time?: string;
  /** Relative time in milliseconds after the common time of occurrence (group 51). */
  relative_time_ms?: number;
  /** Interval of group 50 variation 2 (milliseconds) or variation 4 (in `interval_units`). */
  interval?: number;
  /** Interval units of group 50 variation 4. */
  interval_units?: number;
  /** Name of the point when the object type names it: IIN bit (group 80), device attribute (group 0). */
  name?: string;
  /** Device attribute data type (`vstr`, `uint`, `int`, `flt`, `ostr`, `bstr`, `time`, `u8bs8list`, ...). */
  data_type?: string;
  /** CROB control code octet ([1815] A.8.1). */
  control_code?: number;
  /** CROB operation: `nul`, `pulse_on`, `pulse_off`, `latch_on`, `latch_off` or `reserved`. */
  operation?: string;
  /** CROB trip-close code: `nul`, `close`, `trip`, `reserved`. */
  trip_close?: string;
  /** CROB queue bit (obsolete). */
  queue?: boolean;
  /** CROB clear bit. */
  clear?: boolean;
  /** CROB count: number of times to execute the operation. */
  count?: number;
  /** CROB on-time in milliseconds. */
  on_time_ms?: number;
  /** CROB off-time in milliseconds. */
  off_time_ms?: number;
  /** Control status (CROB, analog output block, command events) or file status code. */
  status?: number;
  /** Name of `status` (`success`, `no_select`, `not_authorized`, ..., or file status names). */
  status_name?: string;
  /** Size prefix of a free-format object, in octets. */
  size?: number;
  /** File name (group 70 variations 3 and 7). */
  file_name?: string;
  /** File handle (group 70 variations 4-6). */
  file_handle?: number;
  /** File size in octets (group 70 variations 3, 4, 7). */
  file_size?: number;
  /** File command operational mode: `null`, `read`, `write`, `append` (group 70 variation 3). */
  mode?: string;
  /** Maximum block size (group 70 variations 3, 4). */
  max_block_size?: number;
  /** Request identifier (group 70 variations 3, 4, 7). */
  request_id?: number;
  /** Permissions (group 70 variations 3, 7; UNIX-style bits). */
  permissions?: number;
  /** Authentication key (group 70 variations 2, 3). */
  auth_key?: number;
  /** File type (group 70 variation 7): 0 directory, 1 simple file. */
  file_type?: number;
  /** Block number without the last-block bit (group 70 variations 5, 6). */
  block_number?: number;
  /** Last-block bit (group 70 variations 5, 6). */
  last_block?: boolean;
  /** Octets of file data or optional text carried (group 70 variations 4-6). */
  data_length?: number;
  /** User name of a file authentication object (group 70 variation 2); the password is never copied. */
  username?: string;
  /** Length of the password of a file authentication object. */
  password_length?: number;
  /** Association id of a security statistic (groups 121, 122). */
  association_id?: number;
}

/** One object header with its objects ([1815] 4.2.2.7). */
export interface Dnp3Object {
  /** Object group ([1815] Annex A). */
  group: number;
  /** Object variation (0 = any variation, in requests). */
  variation: number;
  /** Object type name (`binary_input_with_flags`, `crob`, `class_1_data`, ...), `unknown` if not in the library. */
  name: string;
  /** Qualifier octet. */
  qualifier: number;
  /** Object prefix code (qualifier bits 6-4): 0 none, 1-3 index of 1/2/4 octets, 4-6 size of 1/2/4 octets. */
  prefix_code: number;
  /** Range specifier code (qualifier bits 3-0): 0-2 start-stop, 3-5 address, 6 all, 7-9 count, 11 free format. */
  range_code: number;
  /** First index of a start-stop (0-2) or address (3-5) range. */
  start?: number;
  /** Last index of a start-stop or address range. */
  stop?: number;
  /** Number of objects the range or count announces (0 for range code 6, "all"). */
  count: number;
  /** The objects decoded, at most the decoder's objects-per-message limit over the fragment. */
  points?: Dnp3Point[];
  /** Present and true when `points` was cut at the limit or by the end of the fragment. */
  points_truncated?: boolean;
}

/** Link layer fields, common to every DNP3 event ([1815] 9.2.4.1). */
export interface Dnp3LinkFields {
  /** Link source address. */
  source: number;
  /** Link destination address (0xFFFD-0xFFFF are broadcast addresses). */
  destination: number;
  /** DIR bit: true when the frame comes from a master station. */
  from_master: boolean;
  /** PRM bit: true on frames of the primary (initiating) station. */
  primary: boolean;
  /** Link function code (primary codes when `primary`, secondary codes otherwise). */
  link_function_code: number;
  /** Link function name (`unconfirmed_user_data`, `request_link_status`, `ack`, `link_status`, ..., `reserved`). */
  link_function: string;
  /** Link LENGTH field: octets after it, CRCs excluded. */
  length: number;
  /** FCB bit (primary frames). */
  fcb?: boolean;
  /** FCV bit (primary frames). */
  fcv?: boolean;
  /** DFC bit (secondary frames). */
  dfc?: boolean;
}

/** The `dnp3` object of application events (requests and responses). */
export interface Dnp3AppFields extends Dnp3LinkFields {
  /** Transport sequence number of the segment that completed the fragment. */
  transport_sequence: number;
  /** Transport segments (link frames) the fragment spanned. */
  segments: number;
  /** Octets of the application fragment (application header included). */
  fragment_length: number;
  /** Application function code ([1815] 4.2.2.5). */
  function_code: number;
  /** Function name (`read`, `direct_operate`, `cold_restart`, `open_file`, `response`, ..., `unknown`). */
  function: string;
  /** Application sequence number (0-15). */
  app_sequence: number;
  /** FIR bit: first fragment of a multi-fragment message. */
  fir: boolean;
  /** FIN bit: final fragment. */
  fin: boolean;
  /** CON bit: the sender asks for an application confirm. */
  con: boolean;
  /** UNS bit: unsolicited response, or the confirm of one. */
  uns: boolean;
  /** Internal indications of a response: IIN1 in the high octet, IIN2 in the low ([1815] 4.2.2.6). */
  iin?: number;
  /** Names of the IIN bits set (`device_restart`, `need_time`, `class_1_events`, `object_unknown`, ...). */
  iin_flags?: string[];
  /** Object headers, in order, at most the objects-per-message limit. */
  objects: Dnp3Object[];
  /** Present and true when objects or points were left out (limit reached or data ended early). */
  objects_truncated?: boolean;
  /**
   * Why the objects are malformed, when they are: the first object-level anomaly of the
   * fragment without its `dnp3.` prefix (`object_truncated`, `unknown_object`,
   * `invalid_qualifier`, `invalid_range`, `invalid_variation`).
   */
  object_error?: string;
}

/** A request fragment (function code 0x00-0x7F). */
export type Dnp3RequestEvent = { readonly kind: 'dnp3.request'; readonly dnp3: Dnp3AppFields };
/** A solicited or authentication response (0x81, 0x83). */
export type Dnp3ResponseEvent = { readonly kind: 'dnp3.response'; readonly dnp3: Dnp3AppFields };
/** An unsolicited response (0x82). */
export type Dnp3UnsolicitedEvent = {
  readonly kind: 'dnp3.unsolicited_response';
  readonly dnp3: Dnp3AppFields;
};
/** A link frame without application data. */
export type Dnp3LinkEvent = { readonly kind: 'dnp3.link'; readonly dnp3: Dnp3LinkFields };

/** Every event the DNP3 decoder emits. */
export type Dnp3Event = Dnp3RequestEvent | Dnp3ResponseEvent | Dnp3UnsolicitedEvent | Dnp3LinkEvent;

/** The kinds of {@link Dnp3Event}, for the descriptor and the schema. */
export const DNP3_EVENT_KINDS = [
  'dnp3.request',
  'dnp3.response',
  'dnp3.unsolicited_response',
  'dnp3.link',
] as const;
