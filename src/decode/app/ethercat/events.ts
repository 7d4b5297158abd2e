/**
 * EtherCAT events: one per EtherCAT frame (one Ethernet frame of EtherType 0x88A4), listing its
 * datagrams. Cyclic EtherCAT traffic is dense (a frame every cycle, each sent by the master and
 * seen again on its way back), so a frame is one event: the datagrams it carries travel and are
 * answered together. References: [ETG1000.4], [ESC], [ETG1000.6] (see constants.ts).
 */

/** Event kinds. */
export const ETHERCAT_EVENT_KINDS = ['ethercat.frame'] as const;

/** An EtherCAT event kind. */
export type EthercatEventKind = (typeof ETHERCAT_EVENT_KINDS)[number];

/** One datagram of a frame. */
export interface EthercatDatagram {
  /** Command (0 NOP ... 14 FRMW). */
  command: number;
  /** Name of `command` (`APRD`, `LRW`, ... or `unknown`). */
  command_name: string;
  /** Index: set by the master, pairs the returned datagram with the sent one. */
  index: number;
  /** Physical addressing: slave position (auto-increment, as an unsigned 16-bit value) or station address. */
  adp?: number;
  /** Physical addressing: ESC memory offset. */
  ado?: number;
  /** Logical addressing (LRD, LWR, LRW): 32-bit logical address. */
  logical_address?: number;
  /** Data length in bytes (11 bits). */
  length: number;
  /** Circulating bit: the frame went round the ring once already. */
  circulating: boolean;
  /** More bit: another datagram follows. */
  more: boolean;
  /** IRQ field (event request bits of all slaves, ORed). */
  irq: number;
  /** Working counter: incremented by each slave that processed the datagram. */
  working_counter: number;
  /** AL control write: the requested AL state (`INIT`, `PREOP`, `BOOT`, `SAFEOP`, `OP`, or hex). */
  al_control?: string;
  /** Station address write: the configured station address written. */
  station_address?: number;
  /** Mailbox in the data (mailbox memory write or read): its type (`CoE`, `FoE`, `EoE`...). */
  mailbox_type?: string;
}

/** The `ethercat` object of every EtherCAT event. Field names are the public schema. */
export interface EthercatFields {
  /** Frame header length: bytes of datagrams after the 2-byte header. */
  length: number;
  /** Frame header type (1 commands, 4 network variables, 5 mailbox). */
  type: number;
  /** Name of `type`, or `unknown`. */
  type_name: string;
  /** Datagrams in the frame (all of them, even past the listing cap). */
  datagram_count?: number;
  /** The datagrams, at most `maxObjectsPerMessage`. */
  datagrams?: EthercatDatagram[];
}

/** An EtherCAT event. */
export type EthercatEvent = {
  readonly kind: EthercatEventKind;
  readonly ethercat: EthercatFields;
};
