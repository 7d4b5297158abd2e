/**
 * S7comm PDUs (protocol id 0x32): the header, and the parameter and data parts of jobs and
 * ack-data: Setup communication, Read Var / Write Var with every item, block up/download, PI
 * services, PLC stop. Userdata PDUs continue in `userdata.ts`.
 *
 * Reference [S7]: the public reverse-engineered S7comm description (Wireshark packet-s7comm.c,
 * 4.0: header, s7comm_decode_req_resp, s7comm_decode_param_item, s7comm_decode_response_*,
 * s7comm_decode_plc_controls_*, s7comm_decode_pi_service), which this decoder follows so that
 * its fields agree with Wireshark frame for frame.
 *
 * ```
 *  0     1       2       4        6          8          10         12
 *  +-----+-------+-------+--------+----------+----------+----------+-----------+------+
 *  | 0x32| ROSCTR| red.id| PDU ref| param len| data len | err class| param part| data |
 *  +-----+-------+-------+--------+----------+----------+ err code +-----------+------+
 *                                   (error class/code only in ack and ack-data)
 * ```
 */
import { ByteCursor } from '../../cursor.js';
import type { DecodeSink, Direction } from '../../decoder.js';
import {
  BLOCK_CONTROL,
  BLOCK_TYPE_NAMES,
  ERROR_CLASS_NAMES,
  ERROR_CODE_NAMES,
  FILENAME,
  FUNCTION,
  FUNCTION_NAMES,
  PI,
  PI_SERVICE_NAMES,
  RETURN_CODE_NAMES,
  ROSCTR,
  ROSCTR_NAMES,
  S7,
} from './constants.js';
import type { S7Block, S7Fields, S7Item } from './events.js';
import { ROSCTR_KINDS } from './events.js';
import type { S7Anomaly } from './index.js';
import type { S7State } from './s7comm.js';
import { dataItems, paramItem } from './items.js';
import { decodeUserdata } from './userdata.js';

/** A job waiting for its ack-data. */
export interface PendingJob {
  /** Function code of the job (-1 when it had no parameter part). */
  readonly fc: number;
  /** Items of a Read Var / Write Var job, to name the answer's items. */
  readonly items: readonly S7Item[] | undefined;
  /**
   * The job's fields when its answer names what it acknowledges (block up/download: file name
   * and block; PI service and PLC stop: the service), else undefined.
   */
  readonly job: S7Fields | undefined;
}

/** The block of a start upload, kept by upload id for the upload and end upload that follow. */
export interface UploadBlock {
  readonly filename: string;
  readonly block: S7Block | undefined;
}

const cur = new ByteCursor();
const blockCur = new ByteCursor();

/**
 * Decodes one S7comm PDU in data[from, to) and emits its event. Returns null when it was
 * decoded, or the anomaly showing it is not S7comm (shorter than a header, ROSCTR outside 1..7:
 * Wireshark's heuristic refuses it too, and no event is emitted).
 */
export function decodeS7Pdu(
  state: S7State,
  data: Uint8Array,
  from: number,
  to: number,
  dir: Direction,
  sink: DecodeSink,
): S7Anomaly | null {
  const avail = to - from;
  if (avail < S7.HEADER_BYTES) {
    sink.anomaly('s7comm.length_mismatch', `${avail}-byte S7 PDU, shorter than its header`);
    return 's7comm.length_mismatch';
  }
  const rosctr = data[from + 1] as number;
  if (rosctr < ROSCTR.JOB || rosctr > ROSCTR.USERDATA) {
    sink.anomaly('s7comm.unknown_rosctr', `ROSCTR ${rosctr}`);
    return 's7comm.unknown_rosctr';
  }
  const c = cur.reset(data, from + 2, to);
  const f: S7Fields = {
    rosctr,
    rosctr_name: ROSCTR_NAMES[rosctr] ?? 'unknown',
    redundancy_id: c.u16be(),
    pdu_ref: c.u16be(),
    param_length: c.u16be(),
    data_length: c.u16be(),
  };
  let hlen: number = S7.HEADER_BYTES;
  if (rosctr === ROSCTR.ACK || rosctr === ROSCTR.ACK_DATA) {
    hlen = S7.ACK_HEADER_BYTES;
    if (c.remaining() >= 2) {
      const cls = c.u8();
      const code = c.u8();
      f.error_class = cls;
      f.error_class_name = ERROR_CLASS_NAMES[cls] ?? 'unknown';
      f.error_code = code;
      if (cls !== 0 || code !== 0) {
        f.error = (cls << 8) | code;
        f.error_name = ERROR_CODE_NAMES[f.error] ?? 'unknown';
      }
    }
  } else if (rosctr !== ROSCTR.JOB && rosctr !== ROSCTR.USERDATA) {
    sink.anomaly('s7comm.unknown_rosctr', `ROSCTR ${rosctr}`);
  }
  const plen = f.param_length;
  const dlen = f.data_length;
  const pstart = from + hlen;
  if (pstart + plen + dlen !== to) {
    sink.anomaly(
      's7comm.length_mismatch',
      `header says ${hlen}+${plen}+${dlen} bytes, PDU has ${avail}`,
    );
  }
  // Decode what is there: Wireshark shows the fields up to the end of the captured bytes.
  const pend = Math.min(to, pstart + plen);
  const dend = Math.min(to, pend + dlen);
  if (rosctr === ROSCTR.JOB || rosctr === ROSCTR.ACK_DATA) {
    decodeReqResp(state, data, pstart, pend, dend, f, sink);
  } else if (rosctr === ROSCTR.USERDATA) {
    decodeUserdata(state, data, pstart, pend, dend, dir, f, sink);
  }
  if (rosctr === ROSCTR.ACK) pair(state, f, -1, sink);
  sink.emit({ kind: ROSCTR_KINDS[rosctr] ?? 's7comm.unknown', s7comm: f });
  return null;
}

/** Parameter and data part of a job or ack-data (param in [p, pend), data in [pend, dend)). */
function decodeReqResp(
  state: S7State,
  data: Uint8Array,
  p: number,
  pend: number,
  dend: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const job = f.rosctr === ROSCTR.JOB;
  if (pend <= p) {
    if (!job) pair(state, f, -1, sink);
    return;
  }
  const fc = data[p] as number;
  f.function_code = fc;
  f.function = FUNCTION_NAMES[fc] ?? 'unknown';
  const c = cur.reset(data, p + 1, pend);
  switch (fc) {
    case FUNCTION.READ_VAR:
    case FUNCTION.WRITE_VAR:
      if (job) varJob(state, data, c, pend, dend, f, sink);
      else varAckData(state, data, c, pend, dend, f, sink);
      break;
    case FUNCTION.SETUP_COMMUNICATION:
      if (c.remaining() < 7) {
        sink.anomaly('s7comm.length_mismatch', `setup communication: ${c.remaining() + 1} bytes`);
        break;
      }
      c.skip(1);
      f.max_amq_calling = c.u16be();
      f.max_amq_called = c.u16be();
      f.pdu_length = c.u16be();
      break;
    case FUNCTION.REQUEST_DOWNLOAD:
    case FUNCTION.DOWNLOAD_BLOCK:
    case FUNCTION.DOWNLOAD_ENDED:
    case FUNCTION.START_UPLOAD:
    case FUNCTION.UPLOAD:
    case FUNCTION.END_UPLOAD:
      blockControl(data, c, fc, job, pend - p, pend, dend, f, sink);
      if (job && (fc === FUNCTION.UPLOAD || fc === FUNCTION.END_UPLOAD)) uploadBlock(state, f);
      break;
    case FUNCTION.PI_SERVICE:
      if (job) piService(state.limits.maxObjectsPerMessage, data, p, pend, f, sink);
      else if (pend - p >= 2) f.function_status = data[p + 1] as number;
      break;
    case FUNCTION.PLC_STOP:
      if (job) plcStop(c, f, state);
      break;
    default:
      if (job && f.function === 'unknown') {
        sink.anomaly('s7comm.unknown_function', `function 0x${fc.toString(16)}`);
      }
  }
  if (job) {
    remember(state, f, sink);
  } else {
    pair(state, f, fc, sink);
  }
}

/** Read Var / Write Var job: item count, address items, and (write) the values. */
function varJob(
  state: S7State,
  data: Uint8Array,
  c: ByteCursor,
  pend: number,
  dend: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  if (c.remaining() < 1) {
    sink.anomaly('s7comm.length_mismatch', `${f.function} job without an item count`);
    return;
  }
  const count = c.u8();
  f.item_count = count;
  const limit = state.limits.maxObjectsPerMessage;
  const items: S7Item[] = [];
  let i = 0;
  for (; i < count; i++) {
    const start = c.offset();
    const item = paramItem(c, sink);
    if (item === null) break;
    if (items.length < limit) items.push(item);
    // A fill byte follows an item of odd length unless it is the last.
    if ((c.offset() - start) % 2 !== 0 && i < count - 1) c.skip(1);
  }
  const dataAt = pend;
  if (f.function_code === FUNCTION.WRITE_VAR && dend > dataAt) {
    dataItems(state.limits, data, dataAt, dend, count, items, sink);
  }
  f.items = items;
  if (items.length < Math.min(i, count)) {
    f.items_truncated = true;
    sink.anomaly('s7comm.values_limit_reached', `${count} items`);
  }
}

/** Read Var / Write Var ack-data: item count, then values (read) or return codes (write). */
function varAckData(
  state: S7State,
  data: Uint8Array,
  c: ByteCursor,
  pend: number,
  dend: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  if (c.remaining() < 1) {
    sink.anomaly('s7comm.length_mismatch', `${f.function} ack-data without an item count`);
    return;
  }
  const count = c.u8();
  f.item_count = count;
  const items: S7Item[] = [];
  if (dend > pend) {
    if (f.function_code === FUNCTION.READ_VAR) {
      dataItems(state.limits, data, pend, dend, count, items, sink);
    } else {
      const limit = Math.min(count, dend - pend);
      if (limit < count) {
        sink.anomaly('s7comm.malformed_item', `${count} return codes in ${dend - pend} bytes`);
      }
      for (let i = 0; i < limit && items.length < state.limits.maxObjectsPerMessage; i++) {
        const rc = data[pend + i] as number;
        items.push({ return_code: rc, return_code_name: RETURN_CODE_NAMES[rc] ?? 'unknown' });
      }
      if (items.length < limit) {
        f.items_truncated = true;
        sink.anomaly('s7comm.values_limit_reached', `${count} items`);
      }
    }
  }
  f.items = items;
}

/** Block up/download parameters and data ([S7] s7comm_decode_plc_controls_updownload). */
function blockControl(
  data: Uint8Array,
  c: ByteCursor,
  fc: number,
  job: boolean,
  plen: number,
  pend: number,
  dend: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  if (!job) {
    if (plen >= 2) f.function_status = c.u8();
    if (fc === FUNCTION.START_UPLOAD && plen > 8) {
      c.skip(2);
      f.upload_id = c.u32be();
      const n = c.u8();
      const text = c.latin1(Math.min(n, c.remaining()));
      const v = Number.parseInt(text, 10);
      if (Number.isFinite(v)) f.block_length = v;
    } else if ((fc === FUNCTION.UPLOAD || fc === FUNCTION.DOWNLOAD_BLOCK) && dend - pend >= 4) {
      f.block_data_length = ((data[pend] as number) << 8) | (data[pend + 1] as number);
    }
    return;
  }
  if (c.remaining() < BLOCK_CONTROL.PREFIX_BYTES) {
    sink.anomaly('s7comm.length_mismatch', `${f.function} job: ${plen}-byte parameter`);
    return;
  }
  f.function_status = c.u8();
  if (fc === FUNCTION.DOWNLOAD_ENDED || fc === FUNCTION.END_UPLOAD) {
    f.block_error_code = c.u16be();
  } else {
    c.skip(2);
  }
  const id = c.u32be();
  if (fc === FUNCTION.START_UPLOAD || fc === FUNCTION.UPLOAD || fc === FUNCTION.END_UPLOAD) {
    f.upload_id = id;
  }
  if (fc === FUNCTION.UPLOAD || fc === FUNCTION.END_UPLOAD) return;
  if (c.remaining() < 1) {
    sink.anomaly('s7comm.length_mismatch', `${f.function} job without a file name`);
    return;
  }
  fileName(c, f);
  if (fc === FUNCTION.REQUEST_DOWNLOAD && plen > BLOCK_CONTROL.REQUEST_DOWNLOAD_LONG) {
    if (c.remaining() < 2 + 2 * BLOCK_CONTROL.LENGTH_DIGITS) return;
    c.skip(2);
    const load = Number.parseInt(c.latin1(BLOCK_CONTROL.LENGTH_DIGITS), 10);
    const mc7 = Number.parseInt(c.latin1(BLOCK_CONTROL.LENGTH_DIGITS), 10);
    if (Number.isFinite(load)) f.load_memory_length = load;
    if (Number.isFinite(mc7)) f.mc7_length = mc7;
  }
}

/** Up/download file name: length byte, then `_` + block type(2) + number(5) + file system. */
function fileName(c: ByteCursor, f: S7Fields): void {
  const len = c.u8();
  const n = Math.min(len, c.remaining());
  const name = c.latin1(n);
  f.filename = name;
  if (n === FILENAME.PLC_LENGTH && name.charCodeAt(0) === FILENAME.COMPLETE_MODULE) {
    const type = (name.charCodeAt(1) << 8) | name.charCodeAt(2);
    if (type >= FILENAME.TYPE_FIRST && type <= FILENAME.TYPE_LAST) {
      f.block = {
        block_type: BLOCK_TYPE_NAMES[type] ?? name.slice(1, 3),
        block_number: blockNumber(name.slice(3, 3 + FILENAME.NUMBER_DIGITS)),
        filesystem: name.charAt(8),
      };
    }
  }
}

/** A 5-digit ASCII block number, or -1. */
function blockNumber(text: string): number {
  const v = Number.parseInt(text, 10);
  return Number.isFinite(v) ? v : -1;
}

/** PI service job ([S7] s7comm_decode_pi_service): parameter block, then the service name. */
function piService(
  limit: number,
  data: Uint8Array,
  p: number,
  pend: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const c = cur.reset(data, p + PI.PREFIX_BYTES, pend);
  if (p + PI.PREFIX_BYTES >= pend) return;
  if (c.remaining() < 2) {
    sink.anomaly('s7comm.length_mismatch', 'PI service without a parameter block length');
    return;
  }
  const plen = c.u16be();
  if (c.remaining() < plen + 1) {
    sink.anomaly('s7comm.length_mismatch', `PI parameter block of ${plen} bytes runs past the PDU`);
    return;
  }
  c.skip(plen);
  const nlen = c.u8();
  const name = c.latin1(Math.min(nlen, c.remaining()));
  f.pi_service = name;
  f.pi_service_meaning =
    PI_SERVICE_NAMES[name] ?? (name.startsWith('_N_') ? 'nc_service' : 'unknown');
  const blockStart = p + PI.PREFIX_BYTES + 2;
  const b = blockCur.reset(data, blockStart, blockStart + plen);
  if (name === '_INSE' || name === '_INS2' || name === '_DELE') {
    if (b.remaining() < 2) return;
    const count = b.u8();
    b.skip(1);
    const blocks: S7Block[] = [];
    let i = 0;
    for (; i < count && b.remaining() >= PI.BLOCK_ENTRY_BYTES && blocks.length < limit; i++) {
      const type = b.u16be();
      const num = b.latin1(FILENAME.NUMBER_DIGITS);
      const fs = b.latin1(1);
      blocks.push({
        block_type: BLOCK_TYPE_NAMES[type] ?? String.fromCharCode(type >> 8, type & 0xff),
        block_number: blockNumber(num),
        filesystem: fs,
      });
    }
    if (i < count && b.remaining() >= PI.BLOCK_ENTRY_BYTES) {
      sink.anomaly('s7comm.values_limit_reached', `${count} blocks in a PI service`);
    }
    f.blocks = blocks;
  } else if (name === 'P_PROGRAM' || name === '_MODU' || name === '_GARB') {
    if (plen > 0) f.pi_arguments = [b.latin1(plen)];
  } else if (name.startsWith('_N_')) {
    const args: string[] = [];
    while (b.remaining() >= 1) {
      if (args.length >= limit) {
        sink.anomaly('s7comm.values_limit_reached', `more than ${limit} PI service arguments`);
        break;
      }
      const n = b.u8();
      if (b.remaining() < n) break;
      args.push(b.latin1(n));
      // Strings of even length are followed by a pad byte.
      if (n % 2 === 0 && b.remaining() > 0) b.skip(1);
    }
    f.pi_arguments = args;
  }
}

/** PLC stop job ([S7] s7comm_decode_plc_controls_param_hex29): unknown(5), name length, name. */
function plcStop(c: ByteCursor, f: S7Fields, _state: S7State): void {
  if (c.remaining() < PI.STOP_PREFIX_BYTES) return;
  c.skip(PI.STOP_PREFIX_BYTES - 1);
  const n = c.u8();
  const name = c.latin1(Math.min(n, c.remaining()));
  f.pi_service = name;
  f.pi_service_meaning = PI_SERVICE_NAMES[name] ?? 'unknown';
}

/** Records a job for pairing with its ack-data by PDU reference. */
function remember(state: S7State, f: S7Fields, sink: DecodeSink): void {
  const pending = state.pending;
  const key = f.pdu_ref;
  if (pending.has(key)) pending.delete(key);
  else if (pending.size >= Math.max(1, state.limits.maxPendingTransactions)) {
    const oldest = pending.keys().next().value as number;
    pending.delete(oldest);
    sink.anomaly('s7comm.too_many_transactions', `${pending.size + 1} jobs unanswered`);
  }
  const fc = f.function_code ?? -1;
  pending.set(key, { fc, items: f.items, job: NAMED_BY_JOB.has(fc) ? f : undefined });
}

/** Functions whose ack-data carries its job's file name, block or PI service. */
const NAMED_BY_JOB: ReadonlySet<number> = new Set([
  FUNCTION.REQUEST_DOWNLOAD,
  FUNCTION.DOWNLOAD_BLOCK,
  FUNCTION.DOWNLOAD_ENDED,
  FUNCTION.START_UPLOAD,
  FUNCTION.UPLOAD,
  FUNCTION.END_UPLOAD,
  FUNCTION.PI_SERVICE,
  FUNCTION.PLC_STOP,
]);

/**
 * Upload and end upload jobs carry only the upload id the PLC gave in its start upload answer:
 * name the block from that answer's job.
 */
function uploadBlock(state: S7State, f: S7Fields): void {
  const up = f.upload_id === undefined ? undefined : state.uploads.get(f.upload_id);
  if (up === undefined) return;
  f.filename = up.filename;
  if (up.block !== undefined) f.block = up.block;
}

/**
 * Copies what a block or PI job named into its ack-data ([S7] has these only in the job), and
 * keeps track of uploads: a start upload answer opens one under its upload id (at most
 * `maxPendingTransactions`, the oldest forgotten first), the end upload answer closes it.
 */
function nameFromJob(state: S7State, job: S7Fields, f: S7Fields): void {
  if (job.filename !== undefined) f.filename = job.filename;
  if (job.block !== undefined) f.block = job.block;
  if (job.pi_service !== undefined) f.pi_service = job.pi_service;
  if (job.pi_service_meaning !== undefined) f.pi_service_meaning = job.pi_service_meaning;
  if (job.blocks !== undefined) f.blocks = job.blocks;
  if (job.pi_arguments !== undefined) f.pi_arguments = job.pi_arguments;
  const uploads = state.uploads;
  if (f.function_code === FUNCTION.START_UPLOAD && f.upload_id !== undefined) {
    if (job.filename === undefined) return;
    if (uploads.has(f.upload_id)) uploads.delete(f.upload_id);
    else if (uploads.size >= Math.max(1, state.limits.maxPendingTransactions)) {
      uploads.delete(uploads.keys().next().value as number);
    }
    uploads.set(f.upload_id, { filename: job.filename, block: job.block });
  } else if (f.function_code === FUNCTION.END_UPLOAD && job.upload_id !== undefined) {
    uploads.delete(job.upload_id);
    f.upload_id = job.upload_id;
  } else if (f.function_code === FUNCTION.UPLOAD && job.upload_id !== undefined) {
    f.upload_id = job.upload_id;
  }
}

/**
 * Pairs an ack / ack-data with its job: a read or write answer's items get the job item's
 * address fields (the answer carries only values and return codes); a block or PI answer gets
 * the job's file name, block or service.
 */
function pair(state: S7State, f: S7Fields, fc: number, sink: DecodeSink): void {
  const job = state.pending.get(f.pdu_ref);
  if (job === undefined) {
    sink.anomaly('s7comm.response_without_request', `PDU reference ${f.pdu_ref}`);
    return;
  }
  state.pending.delete(f.pdu_ref);
  // An ack (no parameter part: a refusal, error class and code in its header) names the block
  // or service of the job it refuses.
  if (fc < 0 && f.rosctr === ROSCTR.ACK && job.job !== undefined) nameFromJob(state, job.job, f);
  if (fc < 0 || job.fc < 0) return;
  if (job.fc !== fc) {
    sink.anomaly(
      's7comm.response_function_mismatch',
      `job function 0x${job.fc.toString(16)}, ack-data function 0x${fc.toString(16)}`,
    );
    return;
  }
  if (job.job !== undefined) nameFromJob(state, job.job, f);
  const req = job.items;
  const items = f.items;
  if (req === undefined || items === undefined) return;
  const n = Math.min(req.length, items.length);
  for (let i = 0; i < n; i++) {
    const r = req[i] as S7Item;
    const a = items[i] as S7Item;
    if (r.syntax_id !== undefined) a.syntax_id = r.syntax_id;
    if (r.transport_size !== undefined) a.transport_size = r.transport_size;
    if (r.transport_size_name !== undefined) a.transport_size_name = r.transport_size_name;
    if (r.count !== undefined) a.count = r.count;
    if (r.db_number !== undefined) a.db_number = r.db_number;
    if (r.area !== undefined) a.area = r.area;
    if (r.area_name !== undefined) a.area_name = r.area_name;
    if (r.address !== undefined) a.address = r.address;
    if (r.byte_address !== undefined) a.byte_address = r.byte_address;
    if (r.bit_address !== undefined) a.bit_address = r.bit_address;
  }
}
