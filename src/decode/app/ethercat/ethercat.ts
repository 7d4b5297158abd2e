/**
 * EtherCAT parser: the EtherCAT frame header and its chain of datagrams ([ETG1000.4] 4.2, 5.4),
 * one Ethernet frame (EtherType 0x88A4) per call, from the EtherCAT header on.
 *
 * The pipeline keeps one state per (source MAC, destination MAC, VLAN) stream. A master's
 * frames and the same frames returned by the last slave (Beckhoff slave controllers set the
 * locally administered bit of the source MAC on the way back) are two streams; the returned
 * stream's state remembers, per datagram index, the command, address and working counter of
 * the last cycle in two fixed typed arrays, so a working counter that changes between cycles
 * of the same datagram is seen without any per-frame allocation beyond the event.
 */
import { OK } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  AL_STATES,
  BROADCAST_WRITE,
  COMMANDS,
  ECAT,
  FRAME_TYPES,
  LOGICAL,
  MAILBOX_TYPES,
  PHYSICAL_WRITE,
  REG,
} from './constants.js';
import type { EthercatDatagram, EthercatFields } from './events.js';

/** Per-stream state. */
export interface EthercatState {
  /** Per datagram index: command * 2^32 + address of the last returned datagram (-1: none). */
  readonly lastKey: Float64Array;
  /** Per datagram index: its working counter. */
  readonly lastWkc: Int32Array;
  readonly limits: DecoderLimits;
}

/** Fresh per-stream state. */
export function createEthercatState(limits: DecoderLimits): EthercatState {
  return { lastKey: new Float64Array(256).fill(-1), lastWkc: new Int32Array(256), limits };
}

function u16(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

function u32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) |
      ((d[p + 1] as number) << 8) |
      ((d[p + 2] as number) << 16) |
      ((d[p + 3] as number) << 24)) >>>
    0
  );
}

const hex = (v: number): string => `0x${v.toString(16)}`;

/**
 * Recognises an EtherCAT frame: a known frame type and a length that fits; for a mailbox frame
 * a mailbox header that fits, for a network variable frame room for its header, for a command
 * frame a first datagram with a known command and clean reserved bits.
 */
export function probeEthercat(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n < ECAT.FRAME_HEADER) return 'need_more';
  const h = u16(data, 0);
  const type = h >>> 12;
  const end = ECAT.FRAME_HEADER + (h & ECAT.LEN_MASK);
  if (!FRAME_TYPES.has(type) || (h & 0x0800) !== 0 || end > n) return 'no_match';
  if (type === ECAT.MAILBOX_FRAME) {
    // A mailbox frame carries one mailbox: its header's length must fit the frame.
    if (end - 2 < ECAT.MAILBOX_HEADER) return 'no_match';
    const ml = u16(data, ECAT.FRAME_HEADER);
    return ml + ECAT.MAILBOX_HEADER <= end - 2 && MAILBOX_TYPES.has((data[7] as number) & 0x0f)
      ? 'match'
      : 'no_match';
  }
  if (type !== ECAT.TYPE_COMMANDS) return end - 2 >= ECAT.NV_MIN ? 'match' : 'no_match';
  // The EtherType already names the protocol: the first datagram header is enough, so a frame
  // whose chain is broken further on still reaches the parser and its anomalies.
  if (end - ECAT.FRAME_HEADER < ECAT.DATAGRAM_HEADER + ECAT.WKC) return 'no_match';
  const lf = u16(data, ECAT.FRAME_HEADER + 6);
  return (data[ECAT.FRAME_HEADER] as number) < COMMANDS.length && (lf & 0x3800) === 0
    ? 'match'
    : 'no_match';
}

/** Decodes one EtherCAT frame (the Ethernet payload from the EtherCAT header on). */
export function parseEthercat(
  state: EthercatState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (n < ECAT.FRAME_HEADER) {
    sink.anomaly('ethercat.invalid_length', `${n}-byte frame`);
    return OK;
  }
  const h = u16(data, 0);
  const type = h >>> 12;
  let len = h & ECAT.LEN_MASK;
  const f: EthercatFields = { length: len, type, type_name: FRAME_TYPES.get(type) ?? 'unknown' };
  if (len > n - ECAT.FRAME_HEADER) {
    sink.anomaly('ethercat.invalid_length', `header length ${len}, ${n - 2} bytes present`);
    len = n - ECAT.FRAME_HEADER;
  }
  if (type === ECAT.TYPE_COMMANDS) {
    datagrams(state, data, ECAT.FRAME_HEADER, ECAT.FRAME_HEADER + len, f, sink);
  } else if (!FRAME_TYPES.has(type)) {
    sink.anomaly('ethercat.unknown_type', `frame type ${type}`);
  }
  sink.emit({ kind: 'ethercat.frame', ethercat: f });
  // A known frame type whose announced length fits: the stream is EtherCAT.
  if (FRAME_TYPES.has(type) && (h & ECAT.LEN_MASK) <= n - ECAT.FRAME_HEADER) sink.confirm();
  return OK;
}

/** Walks the datagram chain in `d[p..end)`. */
function datagrams(
  state: EthercatState,
  d: Uint8Array,
  start: number,
  end: number,
  f: EthercatFields,
  sink: DecodeSink,
): void {
  const max = state.limits.maxObjectsPerMessage;
  const list: EthercatDatagram[] = [];
  let count = 0;
  let p = start;
  let more = true;
  // Each datagram moves forward by at least 12 bytes, so the walk ends with the frame.
  while (more) {
    if (end - p < ECAT.DATAGRAM_HEADER + ECAT.WKC) {
      sink.anomaly(
        'ethercat.malformed_datagram',
        count === 0 ? 'no datagram in a command frame' : `datagram ${count} cut by the frame end`,
      );
      break;
    }
    const cmd = d[p] as number;
    const lf = u16(d, p + 6);
    const dlen = lf & ECAT.LEN_MASK;
    more = (lf & ECAT.MORE) !== 0;
    const dataAt = p + ECAT.DATAGRAM_HEADER;
    if (dataAt + dlen + ECAT.WKC > end) {
      sink.anomaly(
        'ethercat.malformed_datagram',
        `datagram ${count} length ${dlen} past the frame end`,
      );
      break;
    }
    const wkc = u16(d, dataAt + dlen);
    const dg: EthercatDatagram = {
      command: cmd,
      command_name: COMMANDS[cmd] ?? 'unknown',
      index: d[p + 1] as number,
      length: dlen,
      circulating: (lf & ECAT.CIRCULATING) !== 0,
      more,
      irq: u16(d, p + 8),
      working_counter: wkc,
    };
    const address = u32(d, p + 2);
    if (LOGICAL(cmd)) {
      dg.logical_address = address;
    } else {
      dg.adp = u16(d, p + 2);
      dg.ado = u16(d, p + 4);
    }
    if (cmd >= COMMANDS.length) sink.anomaly('ethercat.unknown_command', `command ${cmd}`);
    else inspect(d, dataAt, dlen, cmd, dg, sink);
    if (wkc !== 0) workingCounter(state, dg, cmd * 0x100000000 + address, sink);
    if (count < max) list.push(dg);
    else if (count === max)
      sink.anomaly('ethercat.objects_limit_reached', `more than ${max} datagrams`);
    count++;
    p = dataAt + dlen + ECAT.WKC;
  }
  f.datagram_count = count;
  f.datagrams = list;
}

/** Register writes and mailboxes in a datagram's data. */
function inspect(
  d: Uint8Array,
  dataAt: number,
  dlen: number,
  cmd: number,
  dg: EthercatDatagram,
  sink: DecodeSink,
): void {
  const ado = dg.ado;
  if (ado === undefined) return;
  if (PHYSICAL_WRITE.has(cmd)) {
    if (BROADCAST_WRITE.has(cmd)) {
      sink.anomaly('ethercat.broadcast_write', `${dg.command_name} ado ${hex(ado)} length ${dlen}`);
    }
    if (ado <= REG.STATION_ADDRESS && ado + dlen >= REG.STATION_ADDRESS + 2) {
      dg.station_address = u16(d, dataAt + REG.STATION_ADDRESS - ado);
      sink.anomaly(
        'ethercat.station_address_write',
        `${dg.command_name} adp ${hex(dg.adp ?? 0)}: station address ${hex(dg.station_address)}`,
      );
    }
    if (ado <= REG.AL_CONTROL && ado + dlen > REG.AL_CONTROL) {
      const v = (d[dataAt + REG.AL_CONTROL - ado] as number) & 0x0f;
      const name = AL_STATES.get(v) ?? hex(v);
      dg.al_control = name;
      // INIT drops the slave out of operation; BOOT prepares a firmware download.
      if (v === 1 || v === 3) {
        sink.anomaly(
          'ethercat.state_change',
          `${dg.command_name} adp ${hex(dg.adp ?? 0)}: AL control ${name}`,
        );
      }
    }
  }
  if (ado >= ECAT.ESC_RAM && (cmd === 1 || cmd === 2 || cmd === 4 || cmd === 5)) {
    mailbox(d, dataAt, dlen, dg);
  }
}

/** A mailbox header at the start of the data names its type ([ETG1000.6] 5.6). */
function mailbox(d: Uint8Array, p: number, dlen: number, dg: EthercatDatagram): void {
  if (dlen < ECAT.MAILBOX_HEADER) return;
  const mlen = u16(d, p);
  const type = MAILBOX_TYPES.get((d[p + 5] as number) & 0x0f);
  // An empty mailbox buffer reads as zeros: length 0 is no mailbox.
  if (type === undefined || mlen === 0 || mlen + ECAT.MAILBOX_HEADER > dlen) return;
  dg.mailbox_type = type;
}

/** Compares a returned datagram's working counter with the last cycle of the same datagram. */
function workingCounter(
  state: EthercatState,
  dg: EthercatDatagram,
  key: number,
  sink: DecodeSink,
): void {
  const i = dg.index;
  const prev = state.lastWkc[i] as number;
  if (state.lastKey[i] === key && prev !== dg.working_counter) {
    sink.anomaly(
      'ethercat.working_counter_changed',
      `${dg.command_name} index ${hex(i)}: working counter ${prev} -> ${dg.working_counter}`,
    );
  }
  state.lastKey[i] = key;
  state.lastWkc[i] = dg.working_counter;
}
