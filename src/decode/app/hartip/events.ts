/**
 * HART-IP events: one per HART-IP message, its kind from the message type.
 *
 * Every event carries the `hartip` object below; fields a message does not have are absent.
 * References: [HIP], [TP], [UC] (see constants.ts).
 */

/** Event kinds. */
export const HARTIP_EVENT_KINDS = [
  'hartip.request',
  'hartip.response',
  'hartip.publish',
  'hartip.error',
  'hartip.message',
] as const;

/** A HART-IP event kind. */
export type HartipEventKind = (typeof HARTIP_EVENT_KINDS)[number];

/** Identity data of a command 0, 11 or 21 response ([UC] command 0). */
export interface HartIdentity {
  /** Expanded device type (bytes 1-2). */
  expanded_device_type: number;
  /** Minimum number of request preambles. */
  request_preambles: number;
  /** HART protocol major revision (5, 6, 7). */
  hart_revision: number;
  /** Device revision level. */
  device_revision: number;
  /** Software revision level. */
  software_revision: number;
  /** Hardware revision (bits 7-3) and physical signalling code (bits 2-0). */
  hardware_revision: number;
  physical_signaling: number;
  /** Flags byte. */
  flags: number;
  /** Device id (24 bits). */
  device_id: number;
  /** HART 6 on: minimum response preambles, maximum device variables, change counter. */
  response_preambles?: number;
  max_device_variables?: number;
  config_change_counter?: number;
  /** HART 6 on: extended field device status. */
  extended_device_status?: number;
  /** HART 7: manufacturer id and private label distributor code (16 bits each). */
  manufacturer_id?: number;
  private_label?: number;
  /** HART 7: device profile. */
  device_profile?: number;
}

/** The HART token-passing PDU of a token-passing or direct PDU message. */
export interface HartPdu {
  /** Number of 0xFF preamble bytes before the delimiter. */
  preambles: number;
  /** Delimiter byte. */
  delimiter: number;
  /** Delimiter bits 2-0: `stx` (host to device), `ack` (reply), `back` (burst), `unknown`. */
  frame_type: string;
  /** Delimiter bit 7: `unique` (5-byte) or `polling` (1-byte) address. */
  address_type: 'unique' | 'polling';
  /** Delimiter bits 6-5: expansion bytes after the address. */
  expansion_bytes: number;
  /** Address bit 7: the host is the primary (else secondary) master. */
  primary_master: boolean;
  /** Address bit 6: the device is in burst mode. */
  burst_mode: boolean;
  /** Polling address (0-63) of a polling address. */
  polling_address?: number;
  /** Unique address: expanded device type (bits 13-0 of bytes 0-1). */
  device_type?: number;
  /** Unique address: device id (bytes 2-4). */
  device_id?: number;
  /** Command number byte. */
  command: number;
  /** Command 31: the 16-bit extended command number from the data. */
  extended_command?: number;
  /** Name of the command (the extended one for 31), or `unknown`. */
  command_name: string;
  /** Byte count: data bytes, with response code and device status in replies. */
  byte_count: number;
  /** Replies: response code (0 success; bit 7 set: communication error summary). */
  response_code?: number;
  /** Replies: field device status byte. */
  device_status?: number;
  /** Check byte equals the XOR of the frame from the delimiter on. */
  checksum_ok: boolean;
  /** Data bytes after command, byte count (and response code, device status). */
  data_length: number;
  /** Command 0, 11, 21 replies: the identity. */
  identity?: HartIdentity;
  /** Command 11 request, 13 reply, 18 request: tag (packed ASCII). */
  tag?: string;
  /** Command 13 reply, 18 request: descriptor (packed ASCII). */
  descriptor?: string;
  /** Command 13 reply, 18 request: date as `YYYY-MM-DD` (year byte + 1900). */
  date?: string;
  /** Command 12 reply, 17 request: message (packed ASCII). */
  message?: string;
  /** Command 20 reply, 21 and 22 requests: long tag (Latin-1). */
  long_tag?: string;
  /** Command 6 request: new polling address. */
  new_polling_address?: number;
  /** Command 1 and 3 replies: primary variable and its units code. */
  pv?: number;
  pv_units?: number;
  /** Command 2 and 3 replies: loop current in mA. */
  loop_current?: number;
  /** Command 2 reply: percent of range. */
  percent_of_range?: number;
  /** Command 3 reply: secondary, tertiary, quaternary variables present. */
  sv?: number;
  tv?: number;
  qv?: number;
}

/** The `hartip` object of every HART-IP event. Field names are the public schema. */
export interface HartipFields {
  /** Header version (1: HART-IP 1.x, 2: HART-IP 2 with TLS/DTLS sessions). */
  version: number;
  /** Message type and its name (`request`, `response`, `publish`, `error`, `nak`, `unknown`). */
  message_type: number;
  message_type_name: string;
  /** Message id and its name (`session_initiate`, ..., `token_passing_pdu`, `unknown`). */
  message_id: number;
  message_id_name: string;
  /** Status byte (a response code in replies). */
  status: number;
  /** Sequence number: pairs a response with its request. */
  sequence: number;
  /** Byte count of the whole message, header included. */
  byte_count: number;
  /** Session initiate: host type (`primary`, `secondary`). */
  host_type?: string;
  /** Session initiate: inactivity close timer in ms. */
  inactivity_close_timer?: number;
  /** Error and NAK messages: error code and its name. */
  error_code?: number;
  error_name?: string;
  /** Token-passing and direct PDU messages: the HART PDU. */
  pdu?: HartPdu;
}

/** A HART-IP event. */
export type HartipEvent = {
  readonly kind: HartipEventKind;
  readonly hartip: HartipFields;
};
