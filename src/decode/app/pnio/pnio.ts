/**
 * PN-IO context management over DCE/RPC connectionless ([C706] 12, [61158-6-10] 4.10.3 and
 * 5.2): the 80-byte RPC header (integers in the byte order its data representation names), the
 * NDR header of the PNIO operations, and the big-endian PN-IO blocks that follow (AR, IOCR,
 * AlarmCR, expected submodules, IOD control, record read/write headers and their record data
 * when it is itself made of blocks).
 *
 * One UDP datagram is one PDU; the body length in the header lets a PDU cut in pieces be
 * resumed (`incomplete`), so the decoder also passes the stream conformance checks.
 */
import { macToString } from '../../../core/net-format.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  AR_TYPES,
  BLOCK_TYPES,
  BT_AR_REQ,
  BT_AR_RES,
  BT_IOCR_REQ,
  BT_IOCR_RES,
  BT_MULTIPLE,
  BT_READ_REQ,
  BT_READ_RES,
  BT_WRITE_REQ,
  BT_WRITE_RES,
  CC_RELEASE,
  CONTROL_COMMANDS,
  IOCR_TYPES,
  OP_RELEASE,
  OP_WRITE,
  PNIO,
  PNIO_INTERFACES,
  PNIO_OPS,
  PNIO_UUID_TAIL,
  PT_REQUEST,
  PT_RESPONSE,
  RECORD_INDEXES,
  RPC_FLAGS1,
  RPC_PTYPES,
  isControlBlock,
  pnioStatusName,
} from './constants.js';
import type { PnioEventKind, PnioFields, PnioIocr, PnioRecord } from './events.js';

/** Per-flow state. */
export class PnioState {
  confirmed = false;
  constructor(readonly limits: DecoderLimits) {}
}

/** Fresh per-flow state. */
export function createPnioState(limits: DecoderLimits): PnioState {
  return new PnioState(limits);
}

const be16 = (d: Uint8Array, o: number): number => ((d[o] as number) << 8) | (d[o + 1] as number);
const be32 = (d: Uint8Array, o: number): number => be16(d, o) * 0x10000 + be16(d, o + 2);
const le16 = (d: Uint8Array, o: number): number => (d[o] as number) | ((d[o + 1] as number) << 8);
const le32 = (d: Uint8Array, o: number): number => le16(d, o) + le16(d, o + 2) * 0x10000;
const r16 = (d: Uint8Array, o: number, le: boolean): number => (le ? le16(d, o) : be16(d, o));
const r32 = (d: Uint8Array, o: number, le: boolean): number => (le ? le32(d, o) : be32(d, o));

/** True when the interface UUID at `o` is one of the PNIO interfaces (any data1). */
function pnioInterface(d: Uint8Array, o: number, le: boolean): string | undefined {
  const name = PNIO_INTERFACES.get(r32(d, o, le));
  if (name === undefined) return undefined;
  const t = PNIO_UUID_TAIL;
  // data2 and data3 follow the byte order of the representation; data4 is a byte string.
  if (r16(d, o + 4, le) !== ((t[0] << 8) | t[1]) || r16(d, o + 6, le) !== ((t[2] << 8) | t[3])) {
    return undefined;
  }
  for (let i = 4; i < 12; i++) if (d[o + 4 + i] !== t[i]) return undefined;
  return name;
}

function hexBytes(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += (d[i] as number).toString(16).padStart(2, '0');
  return s;
}

/** A UUID in text form; the first three fields follow `le`. */
function uuid(d: Uint8Array, o: number, le: boolean): string {
  const a = r32(d, o, le).toString(16).padStart(8, '0');
  const b = r16(d, o + 4, le)
    .toString(16)
    .padStart(4, '0');
  const c = r16(d, o + 6, le)
    .toString(16)
    .padStart(4, '0');
  return `${a}-${b}-${c}-${hexBytes(d, o + 8, o + 10)}-${hexBytes(d, o + 10, o + 16)}`;
}

/**
 * Recognises a DCE/RPC connectionless PDU of a PNIO interface: version 4, a known packet type,
 * a valid data representation and a PNIO interface UUID.
 */
export function probePnio(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== 4) return 'no_match';
  if (n >= 2 && !RPC_PTYPES.has(data[1] as number)) return 'no_match';
  if (n >= 5 && ((data[4] as number) & 0xee) !== 0) return 'no_match';
  if (n >= 6 && (data[5] as number) > 3) return 'no_match';
  if (n >= 12) {
    // PNIO object UUIDs are DEA00000-6C97-11D1-8271-<instance, device, vendor>.
    const le = ((data[4] as number) & 0x10) !== 0;
    if ((le ? le32(data, 8) : be32(data, 8)) !== 0xdea00000) return 'no_match';
  }
  if (n < 40) return 'need_more';
  return pnioInterface(data, 24, ((data[4] as number) & 0x10) !== 0) !== undefined
    ? 'match'
    : 'no_match';
}

/** Decodes DCE/RPC PDUs: one datagram, or a stream of them as the conformance suite feeds. */
export function parsePnio(
  state: PnioState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    const bad =
      data[pos] !== 4 ||
      (avail >= 2 && !RPC_PTYPES.has(data[pos + 1] as number)) ||
      (avail >= 5 && ((data[pos + 4] as number) & 0xee) !== 0);
    // Without a valid header the next PDU cannot be found: stop decoding the flow.
    if (bad) return reject('pnio.invalid_header');
    // One byte more at a time through the checked bytes, so a bad header is seen however the
    // input is cut.
    if (avail < 5) return incomplete(pos, avail + 1);
    if (avail < PNIO.RPC_HEADER) return incomplete(pos, PNIO.RPC_HEADER);
    const le = ((data[pos + 4] as number) & 0x10) !== 0;
    const total = PNIO.RPC_HEADER + r16(data, pos + 74, le);
    // A body longer than the decoder buffers cannot be a PNIO call (they fit one datagram).
    if (total > state.limits.maxPduBytes) return reject('pnio.invalid_header');
    if (avail < total) return incomplete(pos, total);
    pdu(state, data, pos, pos + total, le, sink);
    pos += total;
  }
  return OK;
}

const FLAG_NAMES: string[][] = Array.from({ length: 256 }, (_, v) =>
  RPC_FLAGS1.filter(([bit]) => (v & bit) !== 0).map(([, name]) => name),
);

function pdu(
  state: PnioState,
  d: Uint8Array,
  start: number,
  end: number,
  le: boolean,
  sink: DecodeSink,
): void {
  const ptype = d[start + 1] as number;
  const flags1 = d[start + 2] as number;
  const opnum = r16(d, start + 68, le);
  const iface = pnioInterface(d, start + 24, le);
  const f: PnioFields = {
    packet_type: ptype,
    packet_type_name: RPC_PTYPES.get(ptype) ?? 'unknown',
    flags1,
    flags: (FLAG_NAMES[flags1] as string[]).slice(),
    flags2: d[start + 3] as number,
    drep: le ? 'little' : 'big',
    object_uuid: uuid(d, start + 8, le),
    interface_uuid: uuid(d, start + 24, le),
    interface: iface ?? 'unknown',
    activity_uuid: uuid(d, start + 40, le),
    server_boot: r32(d, start + 56, le),
    interface_version: r32(d, start + 60, le),
    sequence_number: r32(d, start + 64, le),
    opnum,
    operation: iface !== undefined ? (PNIO_OPS.get(opnum) ?? `opnum_${opnum}`) : `opnum_${opnum}`,
    fragment_number: r16(d, start + 76, le),
    body_length: end - start - PNIO.RPC_HEADER,
  };
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  const body = start + PNIO.RPC_HEADER;
  let kind: PnioEventKind = 'pnio.rpc';
  if (ptype === PT_REQUEST || ptype === PT_RESPONSE) {
    kind = ptype === PT_REQUEST ? 'pnio.request' : 'pnio.response';
    // Only the first fragment starts with the NDR header ([C706] 12.5.3.3).
    if (iface !== undefined && f.fragment_number === 0)
      ndr(state, d, body, end, le, ptype, f, sink);
  } else if (ptype === 3 || ptype === 6) {
    kind = 'pnio.fault';
    if (end - body >= 4) f.fault_status = r32(d, body, le);
    sink.anomaly(
      'pnio.fault',
      `${f.packet_type_name} status 0x${(f.fault_status ?? 0).toString(16)}`,
    );
  }
  if (ptype === PT_REQUEST && iface !== undefined) requestAnomalies(f, sink);
  sink.emit({ kind, pnio: f });
}

function ndr(
  state: PnioState,
  d: Uint8Array,
  body: number,
  end: number,
  le: boolean,
  ptype: number,
  f: PnioFields,
  sink: DecodeSink,
): void {
  if (end - body < PNIO.NDR_HEADER) {
    if (end > body) sink.anomaly('pnio.truncated', `${end - body}-byte body without NDR header`);
    return;
  }
  if (ptype === PT_RESPONSE) {
    const st = pnioStatusName(
      d[body] as number,
      d[body + 1] as number,
      d[body + 2] as number,
      d[body + 3] as number,
    );
    f.pnio_status = st;
    if (st !== 'ok') sink.anomaly('pnio.error_status', `${f.operation}: ${st}`);
  }
  f.args_length = r32(d, body + 4, le);
  const actual = r32(d, body + 16, le);
  const from = body + PNIO.NDR_HEADER;
  let to = from + actual;
  if (to > end) {
    sink.anomaly('pnio.truncated', `ActualCount ${actual} past the ${end - from} bytes left`);
    to = end;
  }
  const w = new BlockWalk(state.limits.maxObjectsPerMessage, f, sink);
  w.blocks(d, from, to, 0);
  if (w.dropped > 0) {
    sink.anomaly('pnio.objects_limit_reached', `${w.dropped} blocks or records not listed`);
  }
}

/** Walks the blocks of one body, collecting into the event fields; bounded in count and depth. */
class BlockWalk {
  dropped = 0;
  private count = 0;
  constructor(
    private readonly max: number,
    private readonly f: PnioFields,
    private readonly sink: DecodeSink,
  ) {}

  blocks(d: Uint8Array, from: number, to: number, depth: number): void {
    let p = from;
    while (to - p >= PNIO.BLOCK_HEADER) {
      const type = be16(d, p);
      const len = be16(d, p + 2);
      const bend = p + 4 + len;
      if (len < 2 || bend > to) {
        this.sink.anomaly(
          'pnio.malformed_block',
          `block 0x${type.toString(16).padStart(4, '0')} length ${len} past its ${to - p - 4} bytes`,
        );
        return;
      }
      this.note(type);
      p = this.block(d, type, p + PNIO.BLOCK_HEADER, bend, to, depth);
    }
    if (p < to && depth === 0 && to - p > 0 && this.f.block_types !== undefined) {
      // Trailing bytes after the last block of a body: NDR padding is allowed, report the rest.
      let zero = true;
      for (let i = p; i < to; i++) if (d[i] !== 0) zero = false;
      if (!zero)
        this.sink.anomaly('pnio.malformed_block', `${to - p} stray bytes after the blocks`);
    }
  }

  private note(type: number): void {
    if (this.count++ >= this.max) {
      this.dropped++;
      return;
    }
    (this.f.block_types ??= []).push(type);
    (this.f.blocks ??= []).push(
      BLOCK_TYPES.get(type) ?? `unknown_0x${type.toString(16).padStart(4, '0')}`,
    );
  }

  /** Decodes one block body [b, bend); returns where the next block starts. */
  private block(
    d: Uint8Array,
    type: number,
    b: number,
    bend: number,
    to: number,
    depth: number,
  ): number {
    const f = this.f;
    const blen = bend - b;
    if (type === BT_AR_REQ || type === BT_AR_RES) {
      if (blen < 26) return this.short(type, bend);
      f.ar_type = be16(d, b);
      f.ar_type_name = AR_TYPES.get(f.ar_type) ?? `reserved_${f.ar_type}`;
      f.ar_uuid = uuid(d, b + 2, false);
      f.session_key = be16(d, b + 18);
      f.cm_mac = macToString(d, b + 20);
      if (type === BT_AR_REQ && blen >= 54) {
        const nameLen = be16(d, b + 52);
        const nend = Math.min(bend, b + 54 + nameLen);
        let s = '';
        for (let i = b + 54; i < nend && s.length < 240; i++)
          s += String.fromCharCode(d[i] as number);
        f.station_name = s;
      }
      return bend;
    }
    if (type === BT_IOCR_REQ || type === BT_IOCR_RES) {
      const need = type === BT_IOCR_REQ ? 20 : 6;
      if (blen < need) return this.short(type, bend);
      const t = be16(d, b);
      const io: PnioIocr = {
        type: t,
        type_name: IOCR_TYPES.get(t) ?? `reserved_${t}`,
        reference: be16(d, b + 2),
        frame_id: type === BT_IOCR_REQ ? be16(d, b + 12) : be16(d, b + 4),
      };
      if (type === BT_IOCR_REQ) {
        io.data_length = be16(d, b + 10);
        io.send_clock_factor = be16(d, b + 14);
        io.reduction_ratio = be16(d, b + 16);
        io.cycle_time_us = (io.send_clock_factor * io.reduction_ratio * 31_250) / 1000;
      }
      const list = (f.iocrs ??= []);
      if (list.length < this.max) list.push(io);
      return bend;
    }
    if (isControlBlock(type)) {
      if (blen < 24) return this.short(type, bend);
      f.ar_uuid = uuid(d, b + 2, false);
      f.session_key = be16(d, b + 18);
      const cc = be16(d, b + 22);
      f.control_command = cc;
      f.control_commands = CONTROL_COMMANDS.filter(([bit]) => (cc & bit) !== 0).map(([, n]) => n);
      return bend;
    }
    if (
      type === BT_WRITE_REQ ||
      type === BT_WRITE_RES ||
      type === BT_READ_REQ ||
      type === BT_READ_RES
    ) {
      return this.record(d, type, b, bend, to, depth);
    }
    if (type === BT_MULTIPLE && depth < PNIO.MAX_DEPTH && blen >= 10) {
      // MultipleBlockHeader: padding(2), API(4), slot(2), subslot(2), then blocks.
      this.blocks(d, b + 10, bend, depth + 1);
    }
    return bend;
  }

  private short(type: number, bend: number): number {
    this.sink.anomaly('pnio.malformed_block', `${BLOCK_TYPES.get(type) ?? type} body too short`);
    return bend;
  }

  /** IODRead/Write Req/Res header, and the record data that follows a write request or read response. */
  private record(
    d: Uint8Array,
    type: number,
    b: number,
    bend: number,
    to: number,
    depth: number,
  ): number {
    if (bend - b < 34) return this.short(type, bend);
    const index = be16(d, b + 28);
    const rdl = be32(d, b + 30);
    const r: PnioRecord = {
      block: BLOCK_TYPES.get(type) as string,
      seq_number: be16(d, b),
      api: be32(d, b + 18),
      slot: be16(d, b + 22),
      subslot: be16(d, b + 24),
      index,
      record_data_length: rdl,
    };
    const name = RECORD_INDEXES.get(index);
    if (name !== undefined) r.index_name = name;
    if (type === BT_WRITE_RES && bend - b >= 42) {
      r.status = pnioStatusName(
        d[b + 38] as number,
        d[b + 39] as number,
        d[b + 40] as number,
        d[b + 41] as number,
      );
    }
    const f = this.f;
    if (f.ar_uuid === undefined) f.ar_uuid = uuid(d, b + 2, false);
    const list = (f.records ??= []);
    if (list.length < this.max) list.push(r);
    else this.dropped++;
    // Record data follows only a write request and a read response.
    if (type !== BT_WRITE_REQ && type !== BT_READ_RES) return bend;
    const dataEnd = bend + rdl;
    if (dataEnd > to) {
      this.sink.anomaly(
        'pnio.truncated',
        `RecordDataLength ${rdl} past the ${to - bend} bytes left`,
      );
      return to;
    }
    if (depth >= PNIO.MAX_DEPTH) return dataEnd;
    if (index === PNIO.MULTIPLE_WRITE && type === BT_WRITE_REQ) {
      this.multipleWrite(d, bend, dataEnd, depth + 1);
    } else if (index >= 0x8000 && rdl >= PNIO.BLOCK_HEADER) {
      // Standard records (0x8000 up) are made of blocks; lower indexes are user data.
      this.blocks(d, bend, dataEnd, depth + 1);
    }
    return dataEnd;
  }

  /** IODWriteMultipleReq: write headers with their data, each aligned to 4 bytes. */
  private multipleWrite(d: Uint8Array, from: number, to: number, depth: number): void {
    let p = from;
    while (to - p >= PNIO.BLOCK_HEADER) {
      const type = be16(d, p);
      const len = be16(d, p + 2);
      const bend = p + 4 + len;
      if (type !== BT_WRITE_REQ || len < 2 || bend > to) {
        this.sink.anomaly(
          'pnio.malformed_block',
          `multiple write entry 0x${type.toString(16)} length ${len}`,
        );
        return;
      }
      this.note(type);
      p = this.record(d, type, p + PNIO.BLOCK_HEADER, bend, to, depth);
      p += (4 - ((p - from) & 3)) & 3;
    }
  }
}

/** Configuration changes and AR teardown requested of a device. */
function requestAnomalies(f: PnioFields, sink: DecodeSink): void {
  if (f.opnum === OP_WRITE && f.records !== undefined) {
    const top = f.records[0];
    if (top !== undefined) {
      sink.anomaly(
        'pnio.write_record',
        `write of ${f.records.length > 1 ? `${f.records.length - 1} records (multiple write)` : `index 0x${top.index.toString(16)}`} to slot ${top.slot}/${top.subslot}`,
      );
    }
  }
  if (f.opnum === OP_RELEASE || ((f.control_command ?? 0) & CC_RELEASE) !== 0) {
    sink.anomaly('pnio.release', `AR ${f.ar_uuid ?? '?'} released`);
  }
}
