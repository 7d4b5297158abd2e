/**
 * S7comm userdata PDUs (ROSCTR 7): the parameter head (method, type, function group,
 * subfunction, sequence number, and for responses the data unit reference, last-data-unit flag
 * and error code), fragment reassembly by data unit reference, and the data of the groups an
 * analyst needs: CPU functions (Read SZL with SZL xy11 module identification, xy1C component
 * identification and 0x0132 index 4 protection level; diagnostic messages), block functions
 * (list blocks, list blocks of type, block info), security (PLC password), time functions, and
 * mode-transition pushes.
 *
 * Reference [S7]: the public reverse-engineered S7comm description (Wireshark packet-s7comm.c
 * 4.0: s7comm_decode_ud, s7comm_decode_ud_data, s7comm_decode_ud_cpu_szl_subfunc,
 * s7comm_decode_ud_block_subfunc, s7comm_decode_ud_time_subfunc) and the SZL chapter of the
 * SIMATIC S7-300/400 system software manual (SZL-ID W#16#xy11, W#16#xy1C, W#16#0132).
 *
 * ```
 * parameter: | head(3) 00 01 12 | len | method 11/12 | type<<4 | group | subfunc | seq |
 *            [ data unit ref | last data unit | error code(2) ]   (responses)
 * data:      | return code | transport size | length(2) | payload ... |
 * ```
 */
import { ByteCursor } from '../../cursor.js';
import type { DecodeSink, Direction } from '../../decoder.js';
import {
  BLOCK_LANGUAGE_NAMES,
  BLOCK_TYPE_NAMES,
  COMPONENT_ID_FIELDS,
  ERROR_CODE_NAMES,
  MODE_SWITCH_NAMES,
  MODULE_ID_INDEX,
  RETURN_CODE,
  RETURN_CODE_NAMES,
  SUBBLOCK_TYPE_NAMES,
  SZL,
  TIS_AREA_NAMES,
  UD,
  UD_GROUP,
  UD_GROUP_NAMES,
  UD_SUBF,
  UD_SUBFUNCTION_NAMES,
  UD_TYPE_NAMES,
} from './constants.js';
import type { S7Fields, S7Item, SzlComponentRecord, SzlModuleRecord } from './events.js';
import { dataItems, paramItem } from './items.js';
import type { S7State, UdFragments } from './s7comm.js';
import { hexString } from './s7comm.js';

/** Userdata answers reassembled at once per direction. */
const MAX_UD_REASSEMBLIES = 8;
/** Userdata type codes (high nibble). */
const UD_TYPE_REQUEST = 4;
const UD_TYPE_RESPONSE = 8;
/** Block info response: bytes up to and including the checksum. */
const BLOCK_INFO_BYTES = 70;
/** S7 BCD clock: reserved, year(2), month, day, hour, minute, second, ms(1.5), weekday. */
const CLOCK_BYTES = 10;
/** Protection record of SZL 0x0132 index 4: index, key, param, real, mode switch. */
const PROTECTION_RECORD_MIN = 10;
const SZL_PROTECTION_ID = 0x0132;
const SZL_PROTECTION_INDEX = 0x0004;
/** Programmer-command address: memory area, repetition factor or bit, DB number, start. */
const TIS_ADDRESS_BYTES = 6;

const cur = new ByteCursor();

/**
 * Userdata parameter in data[p, pend) and data part in data[pend, dend) into `f`.
 */
export function decodeUserdata(
  state: S7State,
  data: Uint8Array,
  p: number,
  pend: number,
  dend: number,
  dir: Direction,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const plen = pend - p;
  if (plen < UD.PARAM_MIN_BYTES) {
    sink.anomaly('s7comm.length_mismatch', `userdata parameter of ${plen} bytes`);
    return;
  }
  const method = data[p + 4] as number;
  const tg = data[p + 5] as number;
  const type = tg >> UD.TYPE_SHIFT;
  const group = tg & UD.GROUP_MASK;
  const sub = data[p + 6] as number;
  f.ud_method = method;
  f.ud_type = type;
  f.ud_type_name = UD_TYPE_NAMES[type] ?? 'unknown';
  f.function_group = group;
  f.function_group_name = UD_GROUP_NAMES[group] ?? 'unknown';
  f.subfunction = sub;
  f.subfunction_name = UD_SUBFUNCTION_NAMES[group]?.[sub] ?? 'unknown';
  f.sequence_number = data[p + 7] as number;
  let dur = 0;
  let last: number = UD.LAST_DATA_UNIT_YES;
  if (method === UD.METHOD_RESPONSE && plen >= UD.PARAM_EXT_BYTES) {
    dur = data[p + 8] as number;
    last = data[p + 9] as number;
    const err = ((data[p + 10] as number) << 8) | (data[p + 11] as number);
    f.data_unit_ref = dur;
    f.last_data_unit = last === UD.LAST_DATA_UNIT_YES;
    f.param_error_code = err;
    if (err !== 0) f.param_error_name = ERROR_CODE_NAMES[err] ?? 'unknown';
  }
  // Mode-transition pushes carry the new CPU mode where other groups have the subfunction.
  if (group === UD_GROUP.MODE_TRANSITION) f.cpu_mode = f.subfunction_name;

  if (dend - pend < UD.DATA_HEAD_BYTES) return;
  const ret = data[pend] as number;
  const len = ((data[pend + 2] as number) << 8) | (data[pend + 3] as number);
  f.return_code = ret;
  f.return_code_name = RETURN_CODE_NAMES[ret] ?? 'unknown';
  f.transport_size = data[pend + 1] as number;
  f.ud_data_length = len;
  if (len < 2) return;
  const body = pend + UD.DATA_HEAD_BYTES;
  let buf = data;
  let from = body;
  let to = dend;
  if (dur > 0) {
    // Fragments of one answer share the data unit reference; the payload is their concatenation.
    const frag = addFragment(state, dir, dur, data, body, Math.min(dend, body + len), sink);
    if (frag === null || last !== UD.LAST_DATA_UNIT_YES) return;
    if (frag.count > 1) f.fragments = frag.count;
    buf = frag.buf;
    from = 0;
    to = frag.len;
    removeFragments(state, dir, dur);
  }
  if (last !== UD.LAST_DATA_UNIT_YES || to <= from) return;
  switch (group) {
    case UD_GROUP.CPU:
      if (sub === UD_SUBF.CPU_READ_SZL) readSzl(state, buf, from, to, type, ret, f, sink);
      else if (sub === UD_SUBF.CPU_DIAG_MESSAGE && to - from >= 2) {
        f.event_id = ((buf[from] as number) << 8) | (buf[from + 1] as number);
      }
      break;
    case UD_GROUP.BLOCK:
      blockFunction(state, buf, from, to, type, ret, sub, f, sink);
      break;
    case UD_GROUP.CYCLIC:
      cyclic(state, buf, from, to, type, sub, f, sink);
      break;
    case UD_GROUP.PROGRAMMER:
      if (sub === UD_SUBF.TIS_VARSTAT || sub === UD_SUBF.TIS_MODVAR) {
        programmer(state, buf, from, to, type, sub, f, sink);
      }
      break;
    case UD_GROUP.SECURITY:
      if (sub === UD_SUBF.SEC_PASSWORD && type === UD_TYPE_REQUEST) f.password_length = to - from;
      break;
    case UD_GROUP.TIME: {
      const read = sub === UD_SUBF.TIME_READ || sub === UD_SUBF.TIME_READ_FOLLOWING;
      const set = sub === UD_SUBF.TIME_SET || sub === UD_SUBF.TIME_SET2;
      if (
        ret === RETURN_CODE.SUCCESS &&
        to - from >= CLOCK_BYTES &&
        ((read && type === UD_TYPE_RESPONSE) || (set && type === UD_TYPE_REQUEST))
      ) {
        f.clock = bcdClock(buf, from);
      }
      break;
    }
    default:
      break;
  }
}

/** Adds a fragment; returns the reassembly it belongs to, or null when a limit dropped it. */
function addFragment(
  state: S7State,
  dir: Direction,
  id: number,
  data: Uint8Array,
  from: number,
  to: number,
  sink: DecodeSink,
): UdFragments | null {
  const list = state.ud[dir];
  let frag: UdFragments | undefined;
  for (const e of list) if (e.id === id) frag = e;
  if (frag === undefined) {
    if (list.length >= MAX_UD_REASSEMBLIES) {
      list.shift();
      sink.anomaly(
        's7comm.reassembly_limit',
        `more than ${MAX_UD_REASSEMBLIES} userdata answers in reassembly`,
      );
    }
    frag = { id, buf: new Uint8Array(Math.max(64, to - from)), len: 0, count: 0 };
    list.push(frag);
  }
  const size = frag.len + (to - from);
  if (size > state.limits.maxPduBytes) {
    sink.anomaly(
      's7comm.reassembly_limit',
      `userdata answer over ${state.limits.maxPduBytes} bytes`,
    );
    removeFragments(state, dir, id);
    return null;
  }
  if (frag.buf.length < size) {
    const grown = new Uint8Array(
      Math.min(state.limits.maxPduBytes, Math.max(size, frag.buf.length * 2)),
    );
    grown.set(frag.buf.subarray(0, frag.len));
    frag.buf = grown;
  }
  frag.buf.set(data.subarray(from, to), frag.len);
  frag.len = size;
  frag.count++;
  return frag;
}

function removeFragments(state: S7State, dir: Direction, id: number): void {
  const list = state.ud[dir];
  for (let i = 0; i < list.length; i++) {
    if ((list[i] as UdFragments).id === id) {
      list.splice(i, 1);
      return;
    }
  }
}

/** Read SZL request (id, index) and response (id, index, record length and count, records). */
function readSzl(
  state: S7State,
  buf: Uint8Array,
  from: number,
  to: number,
  type: number,
  ret: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  if (to - from < SZL.REQUEST_BYTES) return;
  if (type === UD_TYPE_RESPONSE && ret !== RETURN_CODE.SUCCESS) return;
  if (type !== UD_TYPE_REQUEST && type !== UD_TYPE_RESPONSE) return;
  const c = cur.reset(buf, from, to);
  const id = c.u16be();
  const index = c.u16be();
  f.szl_id = id;
  f.szl_index = index;
  if (type !== UD_TYPE_RESPONSE || c.remaining() < 4) return;
  const recLen = c.u16be();
  const count = c.u16be();
  f.szl_record_length = recLen;
  f.szl_record_count = count;
  const list = id & 0xff;
  const limit = state.limits.maxObjectsPerMessage;
  if (list === SZL.LIST_MODULE_ID && recLen === SZL.MODULE_RECORD_BYTES) {
    const records: SzlModuleRecord[] = [];
    const m: NonNullable<S7Fields['module_identification']> = { records };
    let i = 0;
    for (; i < count && c.remaining() >= recLen; i++) {
      const r: SzlModuleRecord = {
        index: c.u16be(),
        order_number: text(c, SZL.MLFB_BYTES),
        module_type_id: c.u16be(),
        ausbg: c.u16be(),
        ausbe: c.u16be(),
      };
      if (r.ausbg >> 8 === SZL.VERSION_MARK) {
        r.version = `V${r.ausbg & 0xff}.${r.ausbe >> 8}.${r.ausbe & 0xff}`;
      }
      if (r.index === MODULE_ID_INDEX.MODULE && r.order_number !== '')
        m.order_number = r.order_number;
      if (r.index === MODULE_ID_INDEX.BASIC_FIRMWARE && r.version !== undefined) {
        m.firmware_version = r.version;
      }
      if (records.length < limit) records.push(r);
    }
    f.module_identification = m;
    if (records.length < i) sink.anomaly('s7comm.values_limit_reached', `${count} SZL records`);
  } else if (list === SZL.LIST_COMPONENT_ID && recLen === SZL.COMPONENT_RECORD_BYTES) {
    const records: SzlComponentRecord[] = [];
    const m: NonNullable<S7Fields['component_identification']> = { records };
    let i = 0;
    for (; i < count && c.remaining() >= recLen; i++) {
      const index = c.u16be();
      const field = COMPONENT_ID_FIELDS[index] ?? 'unknown';
      const at = c.offset();
      // Index 9 (manufacturer and profile) holds numbers, the others text.
      const value =
        index === 0x09 ? hexString(buf, from + at, 6) : text(c, SZL.COMPONENT_TEXT_BYTES);
      c.seek(at + SZL.COMPONENT_TEXT_BYTES);
      const r: SzlComponentRecord = { index, field, value };
      if (field === 'plc_name') m.plc_name = value;
      else if (field === 'module_name') m.module_name = value;
      else if (field === 'serial_number') m.serial_number = value;
      else if (field === 'module_type_name') m.module_type_name = value;
      else if (field === 'plant_designation') m.plant_designation = value;
      else if (field === 'copyright') m.copyright = value;
      if (records.length < limit) records.push(r);
    }
    f.component_identification = m;
    if (records.length < i) sink.anomaly('s7comm.values_limit_reached', `${count} SZL records`);
  } else if (
    id === SZL_PROTECTION_ID &&
    index === SZL_PROTECTION_INDEX &&
    count >= 1 &&
    recLen >= PROTECTION_RECORD_MIN &&
    c.remaining() >= PROTECTION_RECORD_MIN
  ) {
    c.skip(2);
    const key = c.u16be();
    const assigned = c.u16be();
    const effective = c.u16be();
    const sw = c.u16be();
    f.protection = {
      key_switch_level: key,
      assigned_level: assigned,
      effective_level: effective,
      mode_switch: sw,
      mode_switch_name: MODE_SWITCH_NAMES[sw] ?? 'unknown',
    };
  }
}

/**
 * Cyclic services ([S7] s7comm_decode_ud_cyclic_subfunc): a subscription request carries an
 * item count, the interval (time base, factor) and address items like Read Var; the answers and
 * the cyclic pushes carry an item count and read data items.
 */
function cyclic(
  state: S7State,
  buf: Uint8Array,
  from: number,
  to: number,
  type: number,
  sub: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const c = cur.reset(buf, from, to);
  if (sub === UD_SUBF.CYCLIC_UNSUBSCRIBE) {
    if (type === UD_TYPE_REQUEST && c.remaining() >= 2) {
      c.skip(1);
      f.cyclic_job_id = c.u8();
    }
    return;
  }
  if (
    sub !== UD_SUBF.CYCLIC_TRANSFER &&
    sub !== UD_SUBF.CYCLIC_CHANGE &&
    sub !== UD_SUBF.CYCLIC_CHANGE_MOD
  ) {
    return;
  }
  if (c.remaining() < 2) return;
  const count = c.u16be();
  f.item_count = count;
  const limit = state.limits.maxObjectsPerMessage;
  const items: S7Item[] = [];
  if (type === UD_TYPE_REQUEST) {
    if (c.remaining() < 2) return;
    f.cyclic_timebase = c.u8();
    f.cyclic_factor = c.u8();
    let i = 0;
    for (; i < count; i++) {
      const start = c.offset();
      const item = paramItem(c, sink);
      if (item === null) break;
      if (items.length < limit) items.push(item);
      if ((c.offset() - start) % 2 !== 0 && i < count - 1) c.skip(1);
    }
    if (items.length < i) {
      f.items_truncated = true;
      sink.anomaly('s7comm.values_limit_reached', `${count} items`);
    }
  } else {
    dataItems(state.limits, buf, from + c.offset(), to, count, items, sink);
  }
  f.items = items;
}

/**
 * Programmer commands ([S7] s7comm_decode_ud_tis_data) for variable status and modify variable:
 * TIS parameter size, data size, parameters, then the item count and either the addresses
 * (requests; modify variable adds the values) or the values / return codes (pushes, answers).
 */
function programmer(
  state: S7State,
  buf: Uint8Array,
  from: number,
  to: number,
  type: number,
  sub: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const c = cur.reset(buf, from, to);
  if (c.remaining() < 4) return;
  const psize = c.u16be();
  const dsize = c.u16be();
  if (c.remaining() < psize + dsize) {
    sink.anomaly('s7comm.length_mismatch', `TIS parameter ${psize} + data ${dsize} bytes`);
    return;
  }
  c.skip(psize);
  if (dsize < 2) return;
  const end = from + c.offset() + dsize;
  const count = c.u16be();
  f.tis_item_count = count;
  const limit = state.limits.maxObjectsPerMessage;
  if (type === UD_TYPE_REQUEST) {
    const list: NonNullable<S7Fields['tis_items']> = [];
    let i = 0;
    for (; i < count && c.remaining() >= TIS_ADDRESS_BYTES; i++) {
      const area = c.u8();
      const rep = c.u8();
      const db = c.u16be();
      const start = c.u16be();
      if (list.length < limit) {
        list.push({
          memory_area: area,
          memory_area_name: TIS_AREA_NAMES[area] ?? 'unknown',
          repetition_or_bit: rep,
          db_number: db,
          start_address: start,
        });
      }
    }
    f.tis_items = list;
    if (list.length < i) sink.anomaly('s7comm.values_limit_reached', `${count} TIS items`);
    if (sub === UD_SUBF.TIS_MODVAR) {
      const items: S7Item[] = [];
      dataItems(state.limits, buf, from + c.offset(), end, count, items, sink);
      f.items = items;
    }
    return;
  }
  const items: S7Item[] = [];
  if (sub === UD_SUBF.TIS_VARSTAT) {
    dataItems(state.limits, buf, from + c.offset(), end, count, items, sink);
  } else {
    // Modify variable answers: one return code byte per item.
    for (let i = 0; i < count && c.remaining() >= 1 && items.length < limit; i++) {
      const rc = c.u8();
      items.push({ return_code: rc, return_code_name: RETURN_CODE_NAMES[rc] ?? 'unknown' });
    }
  }
  f.items = items;
}

/** Block functions: list blocks, list blocks of type, get block info. */
function blockFunction(
  state: S7State,
  buf: Uint8Array,
  from: number,
  to: number,
  type: number,
  ret: number,
  sub: number,
  f: S7Fields,
  sink: DecodeSink,
): void {
  const c = cur.reset(buf, from, to);
  const limit = state.limits.maxObjectsPerMessage;
  if (type === UD_TYPE_REQUEST) {
    if (sub === UD_SUBF.BLOCK_LIST_TYPE && c.remaining() >= 2) {
      f.list_block_type = blockTypeName(c.u16be());
    } else if (sub === UD_SUBF.BLOCK_INFO && c.remaining() >= 8) {
      const t = c.u16be();
      const num = Number.parseInt(c.latin1(5), 10);
      f.block = {
        block_type: blockTypeName(t),
        block_number: Number.isFinite(num) ? num : -1,
        filesystem: c.latin1(1),
      };
    }
    return;
  }
  if (type !== UD_TYPE_RESPONSE || ret !== RETURN_CODE.SUCCESS) return;
  if (sub === UD_SUBF.BLOCK_LIST) {
    const counts: { block_type: string; count: number }[] = [];
    let n = 0;
    while (c.remaining() >= 4) {
      const t = c.u16be();
      const count = c.u16be();
      n++;
      if (counts.length < limit) counts.push({ block_type: blockTypeName(t), count });
    }
    f.block_counts = counts;
    if (counts.length < n) sink.anomaly('s7comm.values_limit_reached', `${n} block types`);
  } else if (sub === UD_SUBF.BLOCK_LIST_TYPE) {
    const list: NonNullable<S7Fields['block_list']> = [];
    let n = 0;
    while (c.remaining() >= 4) {
      const num = c.u16be();
      const flags = c.u8();
      const lang = c.u8();
      n++;
      if (list.length < limit) {
        list.push({
          block_number: num,
          flags,
          language: lang,
          language_name: BLOCK_LANGUAGE_NAMES[lang] ?? 'unknown',
        });
      }
    }
    f.block_list = list;
    if (list.length < n) sink.anomaly('s7comm.values_limit_reached', `${n} blocks`);
  } else if (sub === UD_SUBF.BLOCK_INFO && c.remaining() >= BLOCK_INFO_BYTES) {
    // Offsets after the data head: 8 const parts, flags(9) language(10) sub-block type(11),
    // number(12) load memory length(14) security(18) timestamps(22, 28) SSB/ADD/local/MC7
    // lengths(34-41) author(42) family(50) name(58) version(66) checksum(68).
    const at = from;
    const subType = buf[at + 11] as number;
    f.block_info = {
      block_type: SUBBLOCK_TYPE_NAMES[subType] ?? 'unknown',
      block_number: u16(buf, at + 12),
      language: buf[at + 10] as number,
      language_name: BLOCK_LANGUAGE_NAMES[buf[at + 10] as number] ?? 'unknown',
      flags: buf[at + 9] as number,
      load_memory_length: u32(buf, at + 14),
      mc7_length: u16(buf, at + 40),
      author: textAt(buf, at + 42, 8),
      family: textAt(buf, at + 50, 8),
      name: textAt(buf, at + 58, 8),
      version: `${(buf[at + 66] as number) >> 4}.${(buf[at + 66] as number) & 0x0f}`,
      checksum: u16(buf, at + 68),
    };
  }
}

/** A block type as two ASCII characters ('0A' is DB), by name where known. */
function blockTypeName(t: number): string {
  return BLOCK_TYPE_NAMES[t] ?? String.fromCharCode(t >> 8, t & 0xff).replace(/[^\x20-\x7e]/g, '?');
}

/** Reads `n` bytes as text up to the first NUL, trimmed of spaces. */
function text(c: ByteCursor, n: number): string {
  const s = c.latin1(n);
  const z = s.indexOf('\0');
  return (z >= 0 ? s.slice(0, z) : s).trim();
}

function textAt(buf: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = buf[at + i] as number;
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s.trim();
}

/** An S7 BCD clock (10 bytes) as ISO 8601 without zone; years 89-99 are 19xx, else 20xx. */
function bcdClock(buf: Uint8Array, at: number): string {
  const d = (i: number): number => {
    const b = buf[at + i] as number;
    return (b >> 4) * 10 + (b & 0x0f);
  };
  const y2 = d(2);
  const year = y2 >= 89 ? 1900 + y2 : 2000 + y2;
  const ms = d(8) * 10 + ((buf[at + 9] as number) >> 4);
  const p2 = (v: number): string => String(v).padStart(2, '0');
  return (
    `${year}-${p2(d(3))}-${p2(d(4))}T${p2(d(5))}:${p2(d(6))}:${p2(d(7))}.` +
    String(ms).padStart(3, '0')
  );
}

function u16(buf: Uint8Array, at: number): number {
  return ((buf[at] as number) << 8) | (buf[at + 1] as number);
}

function u32(buf: Uint8Array, at: number): number {
  return (u16(buf, at) * 0x10000 + u16(buf, at + 2)) >>> 0;
}
