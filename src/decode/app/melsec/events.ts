/**
 * MELSEC events: one per SLMP/MC 3E or 4E binary frame, MELSOFT engineering frame or MELSOFT
 * CPU search frame.
 *
 * Every event carries the `melsec` object below; fields a frame does not have are absent.
 * References: [SLMP], [MC] and the MELSOFT evidence in README.md (see constants.ts).
 */

/** Event kinds. */
export const MELSEC_EVENT_KINDS = [
  'melsec.request',
  'melsec.response',
  'melsec.discovery',
] as const;

/** A MELSEC event kind. */
export type MelsecEventKind = (typeof MELSEC_EVENT_KINDS)[number];

/** A device reference of a batch read or write ([SLMP] 5.3). */
export interface MelsecDevice {
  /** Device code (0xA8 D, 0x9C X, 0x90 M, ...). */
  code: number;
  /** Device name (`D`, `X`, `M`, ...), or `unknown`. */
  name: string;
  /** Head device number. */
  head: number;
  /** Number of device points. */
  points: number;
}

/** The `melsec` object of every MELSEC event. Field names are the public schema. */
export interface MelsecFields {
  /** Frame format: `slmp_3e`, `slmp_4e`, `melsoft` or `melsoft_search`. */
  frame: 'slmp_3e' | 'slmp_4e' | 'melsoft' | 'melsoft_search';
  /** Subheader: 0x5000/0xD000 (3E), 0x5400/0xD400 (4E), 0x57/0xD7 (MELSOFT), 0x5A/0xDA (search). */
  subheader: number;
  /** 4E: serial number pairing a response with its request. MELSOFT: the request counter. */
  serial?: number;
  /** SLMP: network number, PC number, request destination module I/O number and station. */
  network?: number;
  pc?: number;
  module_io?: number;
  station?: number;
  /** Length field: SLMP request/response data length; MELSOFT bytes after the outer header. */
  data_length: number;
  /** SLMP request: monitoring timer (units of 250 ms; 0 waits forever). */
  timer?: number;
  /** Command (SLMP little-endian; MELSOFT big-endian after its inner header). */
  command?: number;
  /** Name of `command` in snake_case, or `unknown`. */
  command_name?: string;
  /** MELSOFT: command family from its high byte (`read_monitor`, `file`, ...), or `unknown`. */
  command_family?: string;
  /** SLMP request: subcommand (0x0000 words, 0x0001 bits; 0x0002/0x0003 iQ-R device form). */
  subcommand?: number;
  /** Device batch read/write requests: the device range. */
  device?: MelsecDevice;
  /** Responses: end code (0 normal completion) and its name (`error_0x....` when unknown). */
  end_code?: number;
  end_code_name?: string;
  /** MELSOFT: byte 1 (0x01 over UDP, 0x00 over TCP in the captures). */
  link?: number;
  /** MELSOFT: the routing bytes 2-18 of the outer header, as hex. */
  route?: string;
  /** MELSOFT: byte 22 of the inner header (0x0A over UDP, 0x02 over TCP in the captures). */
  channel?: number;
  /** MELSOFT read CPU model reply, SLMP read type name reply: the model name. */
  cpu_model?: string;
  /** MELSOFT file requests: the UTF-16 path named in the request. */
  file_path?: string;
  /** MELSOFT CPU search: the query code (byte 3). */
  query?: number;
  /** MELSOFT CPU search reply to query 1: the IPv4 addresses it carries. */
  addresses?: string[];
}

/** A MELSEC event. */
export type MelsecEvent = {
  readonly kind: MelsecEventKind;
  readonly melsec: MelsecFields;
};
