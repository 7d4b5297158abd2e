/**
 * EtherCAT code tables.
 *
 * References:
 * - [ETG1000.4] IEC 61158-4-12 / ETG.1000.4 EtherCAT data link layer protocol specification:
 *   4.2 EtherCAT frame header (11-bit length, 1 reserved bit, 4-bit type), 5.4 EtherCAT
 *   datagram (command, index, address, length with circulating and more bits, IRQ, data,
 *   working counter), 5.4.1-5.4.4 command types NOP..FRMW.
 * - [ESC] Beckhoff EtherCAT Slave Controller Hardware Data Sheet, Section II (register
 *   description): 0x0010 configured station address, 0x0120 AL control, 0x0130 AL status.
 * - [ETG1000.6] ETG.1000.6 application layer: 5.6 mailbox header (length, address,
 *   channel/priority, type, counter), mailbox types AoE 1, EoE 2, CoE 3, FoE 4, SoE 5, VoE 15;
 *   AL states INIT 1, PREOP 2, BOOT 3, SAFEOP 4, OP 8.
 * - Wireshark 4.0 epan/dissectors/packet-ethercat-frame.c and packet-ethercat-datagram.c
 *   (`ecatf.*`, `ecat.*` fields compared by scripts/field-agree/ethercat.ts).
 */

/** Framing constants. */
export const ECAT = {
  /** EtherType 0x88A4 ([ETG1000.4] 4.1). */
  ETHER_TYPE: 0x88a4,
  /** EtherCAT frame header: 2 bytes, little-endian. */
  FRAME_HEADER: 2,
  /** Datagram header: cmd, idx, address (4), length/flags (2), IRQ (2). */
  DATAGRAM_HEADER: 10,
  /** Working counter after the data. */
  WKC: 2,
  /** Frame type 1: EtherCAT datagrams (commands). */
  TYPE_COMMANDS: 1,
  /** Frame type 5: one mailbox (mailbox gateway). */
  MAILBOX_FRAME: 5,
  /** Frame type 4: network variables; publisher header (source id, count, cycle) is 8 bytes. */
  NV_MIN: 8,
  /** Length/flags word: bits 0-10 length, 14 circulating, 15 more datagrams follow. */
  LEN_MASK: 0x07ff,
  CIRCULATING: 0x4000,
  MORE: 0x8000,
  /** Mailbox header: length (2), address (2), channel/priority (1), type/counter (1). */
  MAILBOX_HEADER: 6,
  /** ESC memory from 0x1000 on is process/mailbox RAM, below it registers ([ESC]). */
  ESC_RAM: 0x1000,
} as const;

/** EtherCAT frame types ([ETG1000.4] 4.2). */
export const FRAME_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'commands'],
  [4, 'network_variables'],
  [5, 'mailbox'],
]);

/** Datagram commands ([ETG1000.4] 5.4). */
export const COMMANDS: readonly string[] = [
  'NOP',
  'APRD',
  'APWR',
  'APRW',
  'FPRD',
  'FPWR',
  'FPRW',
  'BRD',
  'BWR',
  'BRW',
  'LRD',
  'LWR',
  'LRW',
  'ARMW',
  'FRMW',
];

/** Commands addressed by a 32-bit logical address (LRD, LWR, LRW). */
export const LOGICAL = (cmd: number): boolean => cmd >= 10 && cmd <= 12;

/**
 * Commands that write ESC memory at a physical address (auto-increment, configured address,
 * broadcast, and the read-multiple-write ones, which write to every slave but the reader).
 */
export const PHYSICAL_WRITE: ReadonlySet<number> = new Set([2, 3, 5, 6, 8, 9, 13, 14]);

/** Broadcast writes (BWR, BRW). */
export const BROADCAST_WRITE: ReadonlySet<number> = new Set([8, 9]);

/** ESC registers of interest ([ESC]). */
export const REG = {
  STATION_ADDRESS: 0x0010,
  AL_CONTROL: 0x0120,
} as const;

/** AL states requested in AL control bits 0-3 ([ETG1000.6]). */
export const AL_STATES: ReadonlyMap<number, string> = new Map([
  [1, 'INIT'],
  [2, 'PREOP'],
  [3, 'BOOT'],
  [4, 'SAFEOP'],
  [8, 'OP'],
]);

/** Mailbox types ([ETG1000.6] 5.6). */
export const MAILBOX_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'AoE'],
  [2, 'EoE'],
  [3, 'CoE'],
  [4, 'FoE'],
  [5, 'SoE'],
  [15, 'VoE'],
]);
