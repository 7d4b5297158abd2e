/**
 * IEC 61850 GOOSE events: the public schema of `goose.*` events (snake_case fields inside the
 * `goose` object, docs/adr/0002). One event per GOOSE APDU (`goose.pdu`) or GSE management APDU
 * (`goose.management`); the pipeline adds `src_mac`, `dst_mac` and `vlan`.
 * References: [8-1], [7-2] (see constants.ts).
 */

/** Event kinds. */
export const GOOSE_EVENT_KINDS = ['goose.pdu', 'goose.management'] as const;

/** A GOOSE event kind. */
export type GooseEventKind = (typeof GOOSE_EVENT_KINDS)[number];

/**
 * One allData value (MMS Data, [8-1] 8.1.3). Scalars carry `value`; `structure` and `array`
 * carry `items`. Values nested deeper than the depth limit, or past the value limit, are not
 * listed.
 */
export interface GooseValue {
  /**
   * MMS Data type: `boolean`, `bit-string`, `integer`, `unsigned`, `floating-point`, `real`,
   * `octet-string`, `visible-string`, `binary-time`, `bcd`, `boolean-array`, `obj-id`,
   * `mms-string`, `utc-time`, `structure`, `array`, or `unknown`.
   */
  type: string;
  /**
   * The value: boolean; number (integer, unsigned, bcd, floating-point; a non-finite float as
   * `NaN`, `Infinity` or `-Infinity` text; an integer longer than 6 octets as `0x` hex text);
   * bits as a `0`/`1` string, first bit first (bit-string, boolean-array: a Dbpos `10` is on);
   * text (visible-string, mms-string, capped); ISO 8601 time (utc-time); dotted OID (obj-id);
   * hex octets (octet-string, binary-time, real, unknown types; capped).
   */
  value?: boolean | number | string;
  /** structure / array members, in order. */
  items?: GooseValue[];
  /** MMS Data tag number when `type` is `unknown`. */
  tag?: number;
}

/** The `goose` object of every GOOSE event. Field names are the public schema. */
export interface GooseFields {
  /** APPID of the frame header ([8-1] C.2.3.1; GOOSE uses 0x0000-0x3FFF). */
  appid: number;
  /** Length field: octets from APPID to the end of the APDU. */
  length: number;
  /** Reserved 1 field, whole (bit 15 is the Simulate bit in Ed.2). */
  reserved1: number;
  /** Reserved 2 field (IEC 62351-6 puts a CRC here). */
  reserved2: number;
  /** Reserved 1 bit 15: the frame is simulated (Ed.2 test/simulation mode). */
  simulated: boolean;
  /** goosePdu: GoCB reference, `LD/LLN0$GO$name`. */
  gocb_ref?: string;
  /** goosePdu: ms a subscriber waits for the next message before declaring the stream dead. */
  time_allowed_to_live?: number;
  /** goosePdu (and GSE management responses): data set reference, `LD/LLN0$name`. */
  dat_set?: string;
  /** goosePdu: goID (the GoCB's GoID attribute); absent when the frame omits it. */
  go_id?: string;
  /** goosePdu: time of the last state change, ISO 8601 UTC with nanoseconds. */
  t?: string;
  /** goosePdu: TimeQuality octet of `t` (bit 7 leap seconds known, 6 clock failure, 5 not synchronised, 0-4 accuracy). */
  t_quality?: number;
  /** goosePdu: TimeQuality ClockFailure bit. */
  t_clock_failure?: boolean;
  /** goosePdu: TimeQuality ClockNotSynchronized bit. */
  t_clock_not_synchronized?: boolean;
  /** goosePdu: state number, incremented on every change of the data set values. */
  st_num?: number;
  /** goosePdu: sequence number of retransmissions of the same state (0 on a new state). */
  sq_num?: number;
  /** goosePdu: simulation (Ed.2) / test (Ed.1) attribute (false when absent, its DEFAULT). */
  simulation?: boolean;
  /** goosePdu: configuration revision of the data set. */
  conf_rev?: number;
  /** goosePdu: needs-commissioning (the GoCB configuration is incomplete or inconsistent). */
  nds_com?: boolean;
  /** goosePdu: numDatSetEntries, as the publisher states it. */
  num_dat_set_entries?: number;
  /** goosePdu: number of top-level allData entries actually present. */
  data_entries?: number;
  /** goosePdu: the allData values (nested, capped; see {@link GooseValue}). */
  data?: GooseValue[];
  /**
   * goosePdu: stNum differs from the previous message of the same GoCB on this stream (a new
   * state: a trip, a position change); absent on the first message seen.
   */
  state_change?: boolean;
  /** GSE management: stateID. */
  state_id?: number;
  /** GSE management: `request` or `response`. */
  mngt_type?: string;
  /** GSE management: service (`get_go_reference`, `get_goose_element_number`, ...). */
  mngt_service?: string;
  /** GSE management: ident (the reference asked about or answered). */
  ident?: string;
}

/** A GOOSE event. */
export type GooseEvent = {
  readonly kind: GooseEventKind;
  readonly goose: GooseFields;
};
