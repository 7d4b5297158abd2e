/**
 * Omron FINS events: one per FINS frame (request or response) and one per FINS/TCP frame that
 * carries no FINS frame (node address exchange, error notification).
 *
 * Every event carries the `fins` object below; fields a frame does not have are absent.
 * References: [W227], [W342] (see constants.ts).
 */

/** Event kinds. */
export const FINS_EVENT_KINDS = ['fins.request', 'fins.response', 'fins.tcp_control'] as const;

/** A FINS event kind. */
export type FinsEventKind = (typeof FINS_EVENT_KINDS)[number];

/** The `fins` object of every FINS event. Field names are the public schema. */
export interface FinsFields {
  /** How the frame travelled: `tcp` (FINS/TCP framing) or `udp` (bare FINS header). */
  framing: 'tcp' | 'udp';
  /** FINS/TCP header command: 0 client / 1 server node address send, 2 FINS frame send... */
  tcp_command?: number;
  /** Name of `tcp_command` (`fins_frame_send`, `client_node_address_send`, ... or `unknown`). */
  tcp_command_name?: string;
  /** FINS/TCP header error code (0: normal). */
  tcp_error_code?: number;
  /** FINS/TCP node address exchange: the client's node address (0 asks the server for one). */
  client_node?: number;
  /** FINS/TCP node address exchange: the server's node address. */
  server_node?: number;
  /** Information control field ([W227] 2-3): bit 7 gateway, bit 6 response, bit 0 no reply. */
  icf?: number;
  /** ICF bit 0: the sender asks for no response. */
  response_required?: boolean;
  /** Gateway count. */
  gct?: number;
  /** Destination network, node and unit addresses (DNA, DA1, DA2). */
  dna?: number;
  da1?: number;
  da2?: number;
  /** Source network, node and unit addresses (SNA, SA1, SA2). */
  sna?: number;
  sa1?: number;
  sa2?: number;
  /** Service id: pairs a response with its request. */
  sid?: number;
  /** Command code, MRC << 8 | SRC (0x0101 memory area read, 0x0401 run, ...). */
  command_code?: number;
  /** Name of `command_code` in snake_case, or `unknown`. */
  command_name?: string;
  /** Response end code, MRES << 8 | SRES ([W227] 8-3); bits 15, 7 and 6 are status flags. */
  end_code?: number;
  /** Name of the main end code (MRES without its relay-error flag), or `unknown`. */
  end_code_name?: string;
  /** Memory area read, write, fill requests: memory area code. */
  memory_area?: number;
  /** Name of `memory_area` (`dm_word`, `cio_bit`, ...), or `unknown`. */
  memory_area_name?: string;
  /**
   * Area codes of the other memory commands: every item of a multiple memory area read or a
   * forced set/reset (at most `maxObjectsPerMessage`), source and destination of a memory area
   * transfer, the area of a memory area file transfer or a multiple forced status read.
   */
  memory_areas?: number[];
  /** Memory area read, write, fill requests: beginning word address. */
  address?: number;
  /** Memory area read, write, fill requests: beginning bit (0 for word access). */
  bit?: number;
  /** Memory area read, write, fill requests: number of items. */
  count?: number;
  /** RUN request: program number (0xffff for the CS/CJ series). */
  program_number?: number;
  /** RUN request: mode (`monitor`, `run`, or the code in hex). */
  run_mode?: string;
  /** Clock read response, clock write request: `YY-MM-DD hh:mm:ss` from the BCD fields. */
  clock?: string;
  /** Controller data read response: controller model. */
  controller_model?: string;
  /** Controller data read response: controller version. */
  controller_version?: string;
  /** Bytes after the command code (requests) or end code (responses). */
  data_length?: number;
}

/** A FINS event. */
export type FinsEvent = {
  readonly kind: FinsEventKind;
  readonly fins: FinsFields;
};
