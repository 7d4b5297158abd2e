/**
 * S7 items: the address items of Read Var / Write Var jobs and cyclic-service requests, and the
 * data items of read answers, write jobs and cyclic pushes.
 *
 * Reference [S7]: Wireshark packet-s7comm.c 4.0, s7comm_decode_param_item (syntax ids S7ANY,
 * DBREAD, 1200 symbolic, NCK, DriveES) and s7comm_decode_response_read_data (return code,
 * transport size, length in bits for sizes 3, 4 and 5, a fill byte after odd lengths).
 */
import type { ByteCursor } from '../../cursor.js';
import type { DecodeSink, DecoderLimits } from '../../decoder.js';
import {
  AREA,
  AREA_NAMES,
  DATA_TRANSPORT_SIZE,
  DATA_TRANSPORT_SIZE_NAMES,
  ITEM,
  RETURN_CODE,
  RETURN_CODE_NAMES,
  SYNTAX_ID,
  SYNTAX_ID_NAMES,
  TRANSPORT_SIZE_NAMES,
} from './constants.js';
import type { S7Item } from './events.js';
import { hexString } from './s7comm.js';

/** One address item of a Read Var / Write Var job ([S7] s7comm_decode_param_item). */
export function paramItem(c: ByteCursor, sink: DecodeSink): S7Item | null {
  if (c.remaining() < ITEM.HEAD_BYTES + 1) {
    sink.anomaly('s7comm.malformed_item', `item head needs 3 bytes, ${c.remaining()} left`);
    return null;
  }
  const varSpec = c.u8();
  const len = c.u8();
  if (len < 1 || c.remaining() < len) {
    sink.anomaly('s7comm.malformed_item', `item of length ${len} with ${c.remaining()} bytes left`);
    return null;
  }
  const syntax = c.u8();
  const item: S7Item = {
    var_spec: varSpec,
    syntax_id: syntax,
    syntax: SYNTAX_ID_NAMES[syntax] ?? 'unknown',
  };
  if (varSpec !== ITEM.VAR_SPEC) {
    sink.anomaly('s7comm.malformed_item', `variable specification 0x${varSpec.toString(16)}`);
  }
  const body = len - 1;
  if (varSpec === ITEM.VAR_SPEC && len === ITEM.S7ANY_LENGTH && syntax === SYNTAX_ID.S7ANY) {
    const ts = c.u8();
    item.transport_size = ts;
    item.transport_size_name = TRANSPORT_SIZE_NAMES[ts] ?? 'unknown';
    item.count = c.u16be();
    item.db_number = c.u16be();
    const area = c.u8();
    item.area = area;
    item.area_name = AREA_NAMES[area] ?? 'unknown';
    const address = c.u24be();
    item.address = address;
    if (area !== AREA.TIMER && area !== AREA.COUNTER) {
      item.byte_address = (address >> ITEM.ADDRESS_BYTE_SHIFT) & ITEM.ADDRESS_BYTE_MASK;
      item.bit_address = address & ITEM.ADDRESS_BIT_MASK;
    }
  } else if (
    varSpec === ITEM.VAR_SPEC &&
    len >= ITEM.DBREAD_MIN_LENGTH &&
    syntax === SYNTAX_ID.DBREAD
  ) {
    const end = c.offset() + body;
    const areas = c.u8();
    const list: { length: number; db_number: number; start_address: number }[] = [];
    for (let i = 0; i < areas && c.offset() + 5 <= end; i++) {
      list.push({ length: c.u8(), db_number: c.u16be(), start_address: c.u16be() });
    }
    item.dbread = list;
    c.seek(end);
  } else if (
    varSpec === ITEM.VAR_SPEC &&
    len >= ITEM.SYM1200_MIN_LENGTH &&
    syntax === SYNTAX_ID.SYM1200
  ) {
    const end = c.offset() + body;
    c.skip(1);
    const area1 = c.u16be();
    const area2 = c.u16be();
    if (area1 === 0x8a0e) item.sym_db_number = area2;
    else item.sym_area = area2;
    item.sym_crc = c.u32be();
    c.seek(end);
  } else if (
    varSpec === ITEM.VAR_SPEC &&
    len === ITEM.NCK_LENGTH &&
    (syntax === SYNTAX_ID.NCK || syntax === SYNTAX_ID.NCK_METRIC || syntax === SYNTAX_ID.NCK_INCH)
  ) {
    const au = c.u8();
    item.nck_area = au >> 5;
    item.nck_unit = au & 0x1f;
    item.nck_column = c.u16be();
    item.nck_line = c.u16be();
    item.nck_module = c.u8();
    item.nck_line_count = c.u8();
  } else {
    c.skip(body);
  }
  return item;
}

/**
 * Data items (read ack-data, write job) in data[at, end) ([S7] s7comm_decode_response_read_data):
 * return code, transport size, length (in bits for sizes 3, 4, 5), data, and a fill byte after
 * an odd length unless last. Values go into `items[i]` (created when the job had none).
 */
export function dataItems(
  limits: DecoderLimits,
  data: Uint8Array,
  at: number,
  end: number,
  count: number,
  items: S7Item[],
  sink: DecodeSink,
): void {
  const limit = limits.maxObjectsPerMessage;
  const cap = limits.maxStringBytes;
  const ts0 = end - at >= 2 ? (data[at + 1] as number) : -1;
  if (ts0 === DATA_TRANSPORT_SIZE.NCK_ADDRESS1 || ts0 === DATA_TRANSPORT_SIZE.NCK_ADDRESS2) {
    // Sinumerik: one return code and transport size, then an array of NCK addresses.
    const rc = data[at] as number;
    const item: S7Item = items[0] ?? {};
    item.return_code = rc;
    item.return_code_name = RETURN_CODE_NAMES[rc] ?? 'unknown';
    item.data_transport_size = ts0;
    if (items.length === 0) items.push(item);
    return;
  }
  let p = at;
  let tsize = 0;
  let len = 0;
  for (let i = 0; i < count; i++) {
    if (end - p < ITEM.DATA_HEAD_BYTES) {
      sink.anomaly(
        's7comm.malformed_item',
        `data item ${i + 1} of ${count}: ${end - p} bytes left`,
      );
      return;
    }
    const rc = data[p] as number;
    // Wireshark keeps the previous item's size and length for other return codes.
    if (
      rc === RETURN_CODE.RESERVED ||
      rc === RETURN_CODE.SUCCESS ||
      rc === RETURN_CODE.OBJECT_DOES_NOT_EXIST
    ) {
      tsize = data[p + 1] as number;
      len = ((data[p + 2] as number) << 8) | (data[p + 3] as number);
      if (
        tsize === DATA_TRANSPORT_SIZE.BIT ||
        tsize === DATA_TRANSPORT_SIZE.BYTE_WORD_DWORD ||
        tsize === DATA_TRANSPORT_SIZE.INTEGER
      ) {
        len = (len + 7) >> 3;
      }
    }
    p += ITEM.DATA_HEAD_BYTES;
    let item = items[i];
    if (item === undefined) {
      if (items.length >= limit) {
        item = {};
      } else {
        item = {};
        items.push(item);
      }
    }
    item.return_code = rc;
    item.return_code_name = RETURN_CODE_NAMES[rc] ?? 'unknown';
    item.data_transport_size = tsize;
    if (DATA_TRANSPORT_SIZE_NAMES[tsize] === undefined && rc === RETURN_CODE.SUCCESS) {
      sink.anomaly('s7comm.malformed_item', `data transport size 0x${tsize.toString(16)}`);
    }
    // Wireshark shows the length of every item (the previous item's for other return codes);
    // data follows only a success or reserved return code.
    item.data_length = len;
    if (rc === RETURN_CODE.SUCCESS || rc === RETURN_CODE.RESERVED) {
      if (end - p < len) {
        sink.anomaly('s7comm.malformed_item', `data item ${i + 1}: ${len} bytes, ${end - p} left`);
        item.data = hexString(data, p, end - p, cap);
        if (end - p > cap) item.data_truncated = true;
        return;
      }
      item.data = hexString(data, p, len, cap);
      if (len > cap) item.data_truncated = true;
      p += len;
      if (len % 2 !== 0 && i < count - 1) p += 1;
    }
  }
}
