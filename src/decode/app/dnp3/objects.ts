/**
 * The DNP3 object library: for each group and variation, its name and how one object is
 * encoded, so the object walker knows each object's size and how to read its value.
 *
 * Reference: [1815] IEEE Std 1815-2012 Annex A (object library), one section per group:
 * A.2 g0 device attributes, A.3-A.6 g1-g4 binary and double-bit inputs, A.7-A.10 g10-g13 binary
 * outputs and commands, A.11-A.14 g20-g23 counters, A.15-A.19 g30-g34 analog inputs,
 * A.20-A.23 g40-g43 analog outputs, A.24-A.26 g50-g52 times, A.27 g60 class data, A.38 g70
 * files, A.39 g80 internal indications, A.46-A.49 g110-g113 octet strings and virtual
 * terminals, A.45 g120-g122 secure authentication.
 *
 * Groups 110-113 encode the object size in the variation (variation n = n octets). Groups 70
 * and 120 objects are free-format: their size comes from a size prefix. Group 0 objects carry a
 * data type and length before their value. Everything else has a fixed size; packed formats
 * (g1v1, g3v1, g10v1, g12v3, g80v1) use one or two bits per object.
 */

/** How the objects of one group/variation are encoded. */
export const ObjKind = {
  /** No object data (variation 0 "any", class data, request-only forms). */
  NONE: 0,
  /** Packed, one bit per object, least significant bit first. */
  BIT: 1,
  /** Packed, two bits per object (double-bit binary input without flags). */
  DOUBLE_BIT_PACKED: 2,
  /** Flags octet with the state in bit 7 (binary input/output, with or without time). */
  BINARY: 3,
  /** Flags octet with the state in bits 7-6 (double-bit binary input). */
  DOUBLE_BIT: 4,
  /** Optional flags octet, then an unsigned counter value, optional time. */
  COUNTER: 5,
  /** Optional flags octet, then a signed or floating analog value, optional time. */
  ANALOG: 6,
  /** Control relay output block or pattern control block (11 octets). */
  CROB: 7,
  /** Analog output block: value then control status. */
  ANALOG_OUTPUT_BLOCK: 8,
  /** Binary output command event: status octet with the commanded state in bit 7. */
  BINARY_COMMAND_EVENT: 9,
  /** Analog output command event: status octet then value, optional time. */
  ANALOG_COMMAND_EVENT: 10,
  /** Absolute time (group 50), with an interval for variations 2 and 4. */
  TIME: 11,
  /** Common time of occurrence (group 51): base time of later relative times. */
  CTO: 12,
  /** Time delay (group 52): seconds (v1) or milliseconds (v2). */
  TIME_DELAY: 13,
  /** Analog input deadband (group 34). */
  DEADBAND: 14,
  /** Octet string or virtual terminal data: the size is the variation. */
  OCTETS: 15,
  /** File control object (group 70): size from the prefix. */
  FILE: 16,
  /** Device attribute (group 0): data type, length, value. */
  ATTRIBUTE: 17,
  /**
   * Free-format object not interpreted: secure authentication (group 120, sized by the prefix
   * except variations 3 and 4) and data sets (groups 85-88).
   */
  AUTH: 18,
  /** Security statistic (groups 121, 122): flags, association id, 32-bit count, optional time. */
  SECURITY_STAT: 19,
} as const;
export type ObjKind = (typeof ObjKind)[keyof typeof ObjKind];

/** Value encodings. */
export const ValueType = {
  NONE: 0,
  U16: 1,
  U32: 2,
  I16: 3,
  I32: 4,
  F32: 5,
  F64: 6,
} as const;
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

/** Octets of each value type, indexed by {@link ValueType}. */
export const VALUE_BYTES: readonly number[] = [0, 2, 4, 2, 4, 4, 8];

/** Time fields. */
export const TimeType = {
  NONE: 0,
  /** 48-bit milliseconds since 1970-01-01 UTC. */
  ABSOLUTE: 1,
  /** 16-bit milliseconds after the preceding common time of occurrence (group 51). */
  RELATIVE: 2,
} as const;
export type TimeType = (typeof TimeType)[keyof typeof TimeType];

/** One group/variation of the library. */
export interface ObjectType {
  readonly group: number;
  readonly variation: number;
  /** Event name of the object type (`binary_input_with_flags`). */
  readonly name: string;
  readonly kind: ObjKind;
  /** Octets of one object for fixed-size kinds; bits for packed kinds; 0 otherwise. */
  readonly size: number;
  /** Whether a flags octet leads the object (counters, analogs). */
  readonly flags: boolean;
  readonly value: ValueType;
  readonly time: TimeType;
}

const V = ValueType;
const T = TimeType;
const K = ObjKind;

/** Library key of a group and variation. */
export function objectKey(group: number, variation: number): number {
  return (group << 8) | variation;
}

const TABLE = new Map<number, ObjectType>();

function def(
  group: number,
  variation: number,
  name: string,
  kind: ObjKind,
  size = 0,
  flags = false,
  value: ValueType = V.NONE,
  time: TimeType = T.NONE,
): void {
  TABLE.set(objectKey(group, variation), {
    group,
    variation,
    name,
    kind,
    size,
    flags,
    value,
    time,
  });
}

/** Defines a fixed-size numeric object: its size follows from flags, value and time. */
function num(
  group: number,
  variation: number,
  name: string,
  kind: ObjKind,
  flags: boolean,
  value: ValueType,
  time: TimeType = T.NONE,
): void {
  const size =
    (flags ? 1 : 0) +
    (VALUE_BYTES[value] as number) +
    (time === T.ABSOLUTE ? 6 : time === T.RELATIVE ? 2 : 0);
  def(group, variation, name, kind, size, flags, value, time);
}

// A.3-A.6: binary and double-bit inputs and their events.
def(1, 0, 'binary_input_any', K.NONE);
def(1, 1, 'binary_input_packed', K.BIT, 1);
def(1, 2, 'binary_input_with_flags', K.BINARY, 1);
def(2, 0, 'binary_input_event_any', K.NONE);
def(2, 1, 'binary_input_event', K.BINARY, 1);
def(2, 2, 'binary_input_event_with_time', K.BINARY, 7, false, V.NONE, T.ABSOLUTE);
def(2, 3, 'binary_input_event_with_relative_time', K.BINARY, 3, false, V.NONE, T.RELATIVE);
def(3, 0, 'double_bit_input_any', K.NONE);
def(3, 1, 'double_bit_input_packed', K.DOUBLE_BIT_PACKED, 2);
def(3, 2, 'double_bit_input_with_flags', K.DOUBLE_BIT, 1);
def(4, 0, 'double_bit_input_event_any', K.NONE);
def(4, 1, 'double_bit_input_event', K.DOUBLE_BIT, 1);
def(4, 2, 'double_bit_input_event_with_time', K.DOUBLE_BIT, 7, false, V.NONE, T.ABSOLUTE);
def(4, 3, 'double_bit_input_event_with_relative_time', K.DOUBLE_BIT, 3, false, V.NONE, T.RELATIVE);

// A.7-A.10: binary outputs, CROB, binary output events and command events.
def(10, 0, 'binary_output_any', K.NONE);
def(10, 1, 'binary_output_packed', K.BIT, 1);
def(10, 2, 'binary_output_with_flags', K.BINARY, 1);
def(11, 0, 'binary_output_event_any', K.NONE);
def(11, 1, 'binary_output_event', K.BINARY, 1);
def(11, 2, 'binary_output_event_with_time', K.BINARY, 7, false, V.NONE, T.ABSOLUTE);
def(12, 0, 'binary_command_any', K.NONE);
def(12, 1, 'crob', K.CROB, 11);
def(12, 2, 'pattern_control_block', K.CROB, 11);
def(12, 3, 'pattern_mask', K.BIT, 1);
def(13, 0, 'binary_command_event_any', K.NONE);
def(13, 1, 'binary_command_event', K.BINARY_COMMAND_EVENT, 1);
def(13, 2, 'binary_command_event_with_time', K.BINARY_COMMAND_EVENT, 7, false, V.NONE, T.ABSOLUTE);

// A.11-A.14: counters, frozen counters and their events.
const COUNTER_NAMES = ['counter', 'frozen_counter', 'counter_event', 'frozen_counter_event'];
for (let g = 20; g <= 23; g++) {
  const base = COUNTER_NAMES[g - 20] as string;
  def(g, 0, `${base}_any`, K.NONE);
  // v1-v4 with flag; events v5-v8 and frozen v5-v8 add a time; static v5-v8 drop the flag.
  num(g, 1, `${base}_32bit_with_flag`, K.COUNTER, true, V.U32);
  num(g, 2, `${base}_16bit_with_flag`, K.COUNTER, true, V.U16);
  num(g, 3, `${base}_delta_32bit_with_flag`, K.COUNTER, true, V.U32);
  num(g, 4, `${base}_delta_16bit_with_flag`, K.COUNTER, true, V.U16);
  if (g === 20) {
    num(g, 5, `${base}_32bit`, K.COUNTER, false, V.U32);
    num(g, 6, `${base}_16bit`, K.COUNTER, false, V.U16);
    num(g, 7, `${base}_delta_32bit`, K.COUNTER, false, V.U32);
    num(g, 8, `${base}_delta_16bit`, K.COUNTER, false, V.U16);
  } else {
    num(g, 5, `${base}_32bit_with_flag_and_time`, K.COUNTER, true, V.U32, T.ABSOLUTE);
    num(g, 6, `${base}_16bit_with_flag_and_time`, K.COUNTER, true, V.U16, T.ABSOLUTE);
    num(g, 7, `${base}_delta_32bit_with_flag_and_time`, K.COUNTER, true, V.U32, T.ABSOLUTE);
    num(g, 8, `${base}_delta_16bit_with_flag_and_time`, K.COUNTER, true, V.U16, T.ABSOLUTE);
  }
  if (g === 21) {
    num(g, 9, `${base}_32bit`, K.COUNTER, false, V.U32);
    num(g, 10, `${base}_16bit`, K.COUNTER, false, V.U16);
    num(g, 11, `${base}_delta_32bit`, K.COUNTER, false, V.U32);
    num(g, 12, `${base}_delta_16bit`, K.COUNTER, false, V.U16);
  }
}

// A.15-A.19: analog inputs, frozen analog inputs, their events, deadbands.
def(30, 0, 'analog_input_any', K.NONE);
num(30, 1, 'analog_input_32bit_with_flag', K.ANALOG, true, V.I32);
num(30, 2, 'analog_input_16bit_with_flag', K.ANALOG, true, V.I16);
num(30, 3, 'analog_input_32bit', K.ANALOG, false, V.I32);
num(30, 4, 'analog_input_16bit', K.ANALOG, false, V.I16);
num(30, 5, 'analog_input_float_with_flag', K.ANALOG, true, V.F32);
num(30, 6, 'analog_input_double_with_flag', K.ANALOG, true, V.F64);
def(31, 0, 'frozen_analog_input_any', K.NONE);
num(31, 1, 'frozen_analog_input_32bit_with_flag', K.ANALOG, true, V.I32);
num(31, 2, 'frozen_analog_input_16bit_with_flag', K.ANALOG, true, V.I16);
num(31, 3, 'frozen_analog_input_32bit_with_time', K.ANALOG, true, V.I32, T.ABSOLUTE);
num(31, 4, 'frozen_analog_input_16bit_with_time', K.ANALOG, true, V.I16, T.ABSOLUTE);
num(31, 5, 'frozen_analog_input_32bit', K.ANALOG, false, V.I32);
num(31, 6, 'frozen_analog_input_16bit', K.ANALOG, false, V.I16);
num(31, 7, 'frozen_analog_input_float_with_flag', K.ANALOG, true, V.F32);
num(31, 8, 'frozen_analog_input_double_with_flag', K.ANALOG, true, V.F64);
for (const [g, base] of [
  [32, 'analog_input_event'],
  [33, 'frozen_analog_input_event'],
  [42, 'analog_output_event'],
] as const) {
  def(g, 0, `${base}_any`, K.NONE);
  num(g, 1, `${base}_32bit`, K.ANALOG, true, V.I32);
  num(g, 2, `${base}_16bit`, K.ANALOG, true, V.I16);
  num(g, 3, `${base}_32bit_with_time`, K.ANALOG, true, V.I32, T.ABSOLUTE);
  num(g, 4, `${base}_16bit_with_time`, K.ANALOG, true, V.I16, T.ABSOLUTE);
  num(g, 5, `${base}_float`, K.ANALOG, true, V.F32);
  num(g, 6, `${base}_double`, K.ANALOG, true, V.F64);
  num(g, 7, `${base}_float_with_time`, K.ANALOG, true, V.F32, T.ABSOLUTE);
  num(g, 8, `${base}_double_with_time`, K.ANALOG, true, V.F64, T.ABSOLUTE);
}
def(34, 0, 'analog_input_deadband_any', K.NONE);
num(34, 1, 'analog_input_deadband_16bit', K.DEADBAND, false, V.U16);
num(34, 2, 'analog_input_deadband_32bit', K.DEADBAND, false, V.U32);
num(34, 3, 'analog_input_deadband_float', K.DEADBAND, false, V.F32);

// A.20-A.23: analog output status, blocks and command events.
def(40, 0, 'analog_output_status_any', K.NONE);
num(40, 1, 'analog_output_status_32bit', K.ANALOG, true, V.I32);
num(40, 2, 'analog_output_status_16bit', K.ANALOG, true, V.I16);
num(40, 3, 'analog_output_status_float', K.ANALOG, true, V.F32);
num(40, 4, 'analog_output_status_double', K.ANALOG, true, V.F64);
def(41, 0, 'analog_output_any', K.NONE);
// Analog output blocks end with a control status octet ([1815] A.21), counted in the size.
def(41, 1, 'analog_output_32bit', K.ANALOG_OUTPUT_BLOCK, 5, false, V.I32);
def(41, 2, 'analog_output_16bit', K.ANALOG_OUTPUT_BLOCK, 3, false, V.I16);
def(41, 3, 'analog_output_float', K.ANALOG_OUTPUT_BLOCK, 5, false, V.F32);
def(41, 4, 'analog_output_double', K.ANALOG_OUTPUT_BLOCK, 9, false, V.F64);
def(43, 0, 'analog_command_event_any', K.NONE);
num(43, 1, 'analog_command_event_32bit', K.ANALOG_COMMAND_EVENT, true, V.I32);
num(43, 2, 'analog_command_event_16bit', K.ANALOG_COMMAND_EVENT, true, V.I16);
num(43, 3, 'analog_command_event_32bit_with_time', K.ANALOG_COMMAND_EVENT, true, V.I32, T.ABSOLUTE);
num(43, 4, 'analog_command_event_16bit_with_time', K.ANALOG_COMMAND_EVENT, true, V.I16, T.ABSOLUTE);
num(43, 5, 'analog_command_event_float', K.ANALOG_COMMAND_EVENT, true, V.F32);
num(43, 6, 'analog_command_event_double', K.ANALOG_COMMAND_EVENT, true, V.F64);
num(43, 7, 'analog_command_event_float_with_time', K.ANALOG_COMMAND_EVENT, true, V.F32, T.ABSOLUTE);
num(
  43,
  8,
  'analog_command_event_double_with_time',
  K.ANALOG_COMMAND_EVENT,
  true,
  V.F64,
  T.ABSOLUTE,
);

// A.24-A.27: time and date, common time of occurrence, time delay, class data.
def(50, 0, 'time_and_date_any', K.NONE);
def(50, 1, 'time_and_date', K.TIME, 6);
def(50, 2, 'time_and_date_with_interval', K.TIME, 10);
def(50, 3, 'time_and_date_last_recorded', K.TIME, 6);
def(50, 4, 'indexed_time_and_interval', K.TIME, 11);
def(51, 1, 'cto_synchronized', K.CTO, 6);
def(51, 2, 'cto_unsynchronized', K.CTO, 6);
def(52, 1, 'time_delay_coarse', K.TIME_DELAY, 2);
def(52, 2, 'time_delay_fine', K.TIME_DELAY, 2);
def(60, 1, 'class_0_data', K.NONE);
def(60, 2, 'class_1_data', K.NONE);
def(60, 3, 'class_2_data', K.NONE);
def(60, 4, 'class_3_data', K.NONE);

// A.38: file control (free format, size prefix).
def(70, 1, 'file_identifier', K.FILE);
def(70, 2, 'file_authentication', K.FILE);
def(70, 3, 'file_command', K.FILE);
def(70, 4, 'file_command_status', K.FILE);
def(70, 5, 'file_transport', K.FILE);
def(70, 6, 'file_transport_status', K.FILE);
def(70, 7, 'file_descriptor', K.FILE);
def(70, 8, 'file_specification_string', K.FILE);

// A.40-A.44: data sets (free format, size prefix; their elements are not interpreted).
def(85, 1, 'data_set_prototype', K.AUTH);
def(86, 1, 'data_set_descriptor', K.AUTH);
def(86, 2, 'data_set_characteristics', K.AUTH);
def(86, 3, 'data_set_point_index_attributes', K.AUTH);
def(87, 1, 'data_set_present_value', K.AUTH);
def(88, 1, 'data_set_snapshot', K.AUTH);

// A.39: internal indications (packed bits, index = IIN bit number).
def(80, 1, 'internal_indications', K.BIT, 1);

// A.45: secure authentication (free format, size prefix) and security statistics.
const AUTH_NAMES = [
  '',
  'auth_challenge',
  'auth_reply',
  'auth_aggressive_mode_request',
  'auth_session_key_status_request',
  'auth_session_key_status',
  'auth_session_key_change',
  'auth_error',
  'auth_user_certificate',
  'auth_mac',
  'auth_user_status_change',
  'auth_update_key_change_request',
  'auth_update_key_change_reply',
  'auth_update_key_change',
  'auth_update_key_change_signature',
  'auth_update_key_change_confirmation',
];
// Variations 3 (challenge sequence + user number) and 4 (user number) have a fixed size; the
// others are free format with a size prefix.
for (let v = 1; v < AUTH_NAMES.length; v++) {
  def(120, v, AUTH_NAMES[v] as string, K.AUTH, v === 3 ? 6 : v === 4 ? 2 : 0);
}
def(121, 0, 'security_statistic_any', K.NONE);
def(121, 1, 'security_statistic', K.SECURITY_STAT, 7);
def(122, 0, 'security_statistic_event_any', K.NONE);
def(122, 1, 'security_statistic_event', K.SECURITY_STAT, 7);
def(122, 2, 'security_statistic_event_with_time', K.SECURITY_STAT, 13, false, V.NONE, T.ABSOLUTE);

const OCTET_GROUPS: Readonly<Record<number, string>> = {
  110: 'octet_string',
  111: 'octet_string_event',
  112: 'virtual_terminal_output',
  113: 'virtual_terminal_event',
};

/**
 * The library entry of `group`/`variation`, or undefined when the standard defines none
 * (or the decoder does not know it). Groups 0 and 110-113 are synthesised: any variation.
 */
export function objectType(group: number, variation: number): ObjectType | undefined {
  const t = TABLE.get(objectKey(group, variation));
  if (t !== undefined) return t;
  if (group === 0) return attributeType(variation);
  const octets = OCTET_GROUPS[group];
  if (octets !== undefined) return octetType(group, variation, octets);
  return undefined;
}

const ATTRIBUTE_CACHE: (ObjectType | undefined)[] = [];
const OCTET_CACHE = new Map<number, ObjectType>();

/** Group 0: every variation is a device attribute; 254 and 255 are requests without data. */
function attributeType(variation: number): ObjectType {
  let t = ATTRIBUTE_CACHE[variation];
  if (t === undefined) {
    t = {
      group: 0,
      variation,
      name: 'device_attribute',
      kind: variation === 254 ? K.NONE : K.ATTRIBUTE,
      size: 0,
      flags: false,
      value: V.NONE,
      time: T.NONE,
    };
    ATTRIBUTE_CACHE[variation] = t;
  }
  return t;
}

/** Groups 110-113: the variation is the string length; variation 0 (any) has no data. */
function octetType(group: number, variation: number, name: string): ObjectType {
  const key = objectKey(group, variation);
  let t = OCTET_CACHE.get(key);
  if (t === undefined) {
    t = {
      group,
      variation,
      name,
      kind: variation === 0 ? K.NONE : K.OCTETS,
      size: variation,
      flags: false,
      value: V.NONE,
      time: T.NONE,
    };
    OCTET_CACHE.set(key, t);
  }
  return t;
}

/** Number of library entries (for tests and docs). */
export function libraryEntries(): number {
  return TABLE.size;
}
