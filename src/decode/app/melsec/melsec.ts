/**
 * MELSEC parser: SLMP / MC protocol 3E and 4E binary frames ([SLMP] 5.1) and the MELSOFT
 * engineering frames of GX Works (layout established from the shared captures; README.md has
 * the evidence). The first byte of a flow picks the format and the choice is kept:
 *
 * - 0x50/0xD0 (3E) or 0x54/0xD4 (4E), then 0x00: SLMP binary, framed by its data length;
 * - 0x57/0xD7: MELSOFT, a 21-byte outer header whose bytes 19-20 (little-endian) count the rest;
 * - 0x5A/0xDA: MELSOFT CPU search on UDP 5560, a 4-byte head (query code in byte 3) and, for the
 *   replies seen, a fixed size per query.
 *
 * Bit 7 of the first byte tells a response from a request in every format.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  COMMANDS,
  DEVICE_COMMANDS,
  DEVICES,
  END_CODES,
  MELSEC,
  MELSOFT_COMMANDS,
  MELSOFT_FAMILIES,
  REMOTE_CONTROL,
  WRITE_COMMANDS,
} from './constants.js';
import type { MelsecEventKind, MelsecFields } from './events.js';

const UNKNOWN = 0;
const SLMP = 1;
const MELSOFT = 2;
const SEARCH = 3;

/** Per-flow state. */
export interface MelsecState {
  readonly limits: DecoderLimits;
  /** UNKNOWN until the first byte, then SLMP, MELSOFT or SEARCH. */
  mode: number;
  confirmed: boolean;
  /** SLMP 3E: command of the last request, to name its response (-1: none). */
  lastCommand: number;
  /** CPU search: the head of each direction was read (the rest of the datagram is skipped). */
  searchDone: [boolean, boolean];
}

/** Fresh per-flow state. */
export function createMelsecState(limits: DecoderLimits): MelsecState {
  return { limits, mode: UNKNOWN, confirmed: false, lastCommand: -1, searchDone: [false, false] };
}

function u16le(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

function u16be(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u24le(d: Uint8Array, p: number): number {
  return u16le(d, p) | ((d[p + 2] as number) << 16);
}

function u32le(d: Uint8Array, p: number): number {
  return (u24le(d, p) + (d[p + 3] as number) * 0x1000000) >>> 0;
}

function hex4(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}

function modeOf(b0: number): number {
  const s = b0 & 0x7f;
  if (s === 0x50 || s === 0x54) return SLMP;
  if (s === 0x57) return MELSOFT;
  if (s === 0x5a) return SEARCH;
  return UNKNOWN;
}

/**
 * How many bytes from `p` match a MELSOFT header prefix: -1 when invalid. Checks the constant
 * bytes 4-6 (00 11 11), the inner header flags (0x1C, bit 7 = response) and its length byte.
 */
function melsoftPrefix(d: Uint8Array, p: number, end: number): number {
  const avail = Math.min(end - p, 25);
  const want = [0, 0, 0, 0, 0x00, 0x11, 0x11];
  for (let i = 4; i < 7 && i < avail; i++) if (d[p + i] !== want[i]) return -1;
  if (avail > 21 && ((d[p + 21] as number) & 0x7f) !== MELSEC.MELSOFT_INNER) return -1;
  if (avail > 23 && ((d[p + 23] as number) < 0x10 || (d[p + 23] as number) > 0x40)) return -1;
  return avail;
}

/** SLMP header prefix check: subheader second byte 0, 4E fixed zeros: -1 when invalid. */
function slmpPrefix(d: Uint8Array, p: number, end: number): number {
  const avail = end - p;
  if (avail > 1 && d[p + 1] !== 0) return -1;
  if (((d[p] as number) & 0x7f) === 0x54) {
    if (avail > 4 && d[p + 4] !== 0) return -1;
    if (avail > 5 && d[p + 5] !== 0) return -1;
  }
  return avail;
}

/**
 * Recognises SLMP 3E/4E binary frames (a known command in requests), MELSOFT frames (constant
 * header bytes and inner header) and MELSOFT CPU search datagrams.
 */
export function probeMelsec(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  const b0 = data[0] as number;
  const mode = modeOf(b0);
  if (mode === UNKNOWN) return 'no_match';
  const response = (b0 & 0x80) !== 0;
  if (mode === SEARCH) {
    for (let i = 1; i < 3; i++) {
      if (i >= n) return 'need_more';
      if (data[i] !== 0) return 'no_match';
    }
    if (n < MELSEC.DISCOVERY_HEAD) return 'need_more';
    return response ? (n >= 6 ? 'match' : 'no_match') : n === 4 ? 'match' : 'no_match';
  }
  if (mode === MELSOFT) {
    const ok = melsoftPrefix(data, 0, n);
    if (ok < 0) return 'no_match';
    if (ok < 25) return 'need_more';
    if (((data[21] as number) & 0x80) !== (b0 & 0x80)) return 'no_match';
    return 'match';
  }
  if (slmpPrefix(data, 0, n) < 0) return 'no_match';
  const h = (b0 & 0x7f) === 0x54 ? MELSEC.E4_HEADER : MELSEC.E3_HEADER;
  if (n < h) return 'need_more';
  const len = u16le(data, h - 2);
  if (response) return len >= 2 ? 'match' : 'no_match';
  if (len < 6) return 'no_match';
  if (n < h + 4) return 'need_more';
  return COMMANDS.has(u16le(data, h + 2)) ? 'match' : 'no_match';
}

/** Decodes the MELSEC frames in `data` (next bytes of a TCP stream, or one datagram). */
export function parseMelsec(
  state: MelsecState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (n === 0) return OK;
  if (state.mode === UNKNOWN) {
    state.mode = modeOf(data[0] as number);
    if (state.mode === UNKNOWN) return reject('melsec.invalid_frame');
  }
  if (state.mode === SEARCH) return search(state, data, dir, sink);
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    const b0 = data[pos] as number;
    if (modeOf(b0) !== state.mode) return reject('melsec.invalid_frame');
    let hdr: number;
    let lenAt: number;
    if (state.mode === MELSOFT) {
      const ok = melsoftPrefix(data, pos, n);
      if (ok < 0) return reject('melsec.invalid_frame');
      hdr = MELSEC.MELSOFT_HEADER;
      lenAt = 19;
      // Byte by byte through the checked prefix: the verdict does not depend on the cut.
      if (ok < 25 && avail < 25) return incomplete(pos, avail + 1);
    } else {
      if (slmpPrefix(data, pos, n) < 0) return reject('melsec.invalid_frame');
      hdr = (b0 & 0x7f) === 0x54 ? MELSEC.E4_HEADER : MELSEC.E3_HEADER;
      lenAt = hdr - 2;
      if (avail < hdr) return incomplete(pos, avail < 6 ? avail + 1 : hdr);
    }
    const total = hdr + u16le(data, pos + lenAt);
    if (total > state.limits.maxPduBytes) return reject('melsec.invalid_length');
    if (avail < total) return incomplete(pos, total);
    if (state.mode === MELSOFT) melsoft(state, data, pos, pos + total, sink);
    else slmp(state, data, pos, pos + total, hdr, sink);
    pos += total;
  }
  return OK;
}

function emit(state: MelsecState, kind: MelsecEventKind, f: MelsecFields, sink: DecodeSink): void {
  sink.emit({ kind, melsec: f });
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** One SLMP 3E/4E frame `d[start..end)` with header size `hdr`. */
function slmp(
  state: MelsecState,
  d: Uint8Array,
  start: number,
  end: number,
  hdr: number,
  sink: DecodeSink,
): void {
  const b0 = d[start] as number;
  const response = (b0 & 0x80) !== 0;
  const e4 = hdr === MELSEC.E4_HEADER;
  const q = start + hdr - 7; // network number
  const f: MelsecFields = {
    frame: e4 ? 'slmp_4e' : 'slmp_3e',
    subheader: u16be(d, start),
    network: d[q] as number,
    pc: d[q + 1] as number,
    module_io: u16le(d, q + 2),
    station: d[q + 4] as number,
    data_length: end - start - hdr,
  };
  if (e4) f.serial = u16le(d, start + 2);
  const p = start + hdr;
  if (response) {
    if (end - p < 2) {
      sink.anomaly('melsec.truncated_frame', 'response without an end code');
    } else {
      const code = u16le(d, p);
      f.end_code = code;
      f.end_code_name = END_CODES.get(code) ?? `error_${hex4(code)}`;
      if (code !== 0) sink.anomaly('melsec.error_response', `end code ${hex4(code)}`);
      if (!e4 && state.lastCommand >= 0) {
        f.command = state.lastCommand;
        f.command_name = COMMANDS.get(state.lastCommand) ?? 'unknown';
        // Read type name reply: 16 ASCII characters of model name, then the model code.
        if (code === 0 && state.lastCommand === 0x0101 && end - p >= 18) {
          f.cpu_model = ascii(d, p + 2, 16);
        }
      }
    }
    state.lastCommand = -1;
    emit(state, 'melsec.response', f, sink);
    return;
  }
  if (end - p < 6) {
    sink.anomaly('melsec.truncated_frame', 'request without timer, command and subcommand');
    emit(state, 'melsec.request', f, sink);
    return;
  }
  const cmd = u16le(d, p + 2);
  const sub = u16le(d, p + 4);
  f.timer = u16le(d, p);
  f.command = cmd;
  f.subcommand = sub;
  const name = COMMANDS.get(cmd);
  f.command_name = name ?? 'unknown';
  state.lastCommand = cmd;
  const r = p + 6;
  if (DEVICE_COMMANDS.has(cmd)) {
    // Q/L form: head device (3), device code (1); iQ-R form (subcommand 2, 3): head (4), code (2).
    const wide = (sub & 0x0002) !== 0;
    if (!wide && end - r >= 6) {
      const code = d[r + 3] as number;
      f.device = {
        code,
        name: DEVICES.get(code) ?? 'unknown',
        head: u24le(d, r),
        points: u16le(d, r + 4),
      };
    } else if (wide && end - r >= 8) {
      const code = u16le(d, r + 4);
      f.device = {
        code,
        name: DEVICES.get(code) ?? 'unknown',
        head: u32le(d, r),
        points: u16le(d, r + 6),
      };
    }
  }
  if (name === undefined) sink.anomaly('melsec.unknown_command', `command ${hex4(cmd)}`);
  else if (REMOTE_CONTROL.has(cmd)) sink.anomaly('melsec.remote_control', name);
  else if (WRITE_COMMANDS.has(cmd)) sink.anomaly('melsec.write', name);
  emit(state, 'melsec.request', f, sink);
}

/** ASCII text of `d[p..p+len)`, stopping at a NUL, trailing spaces removed. */
function ascii(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len && i < MELSEC.MAX_TEXT; i++) {
    const c = d[p + i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s.trimEnd();
}

/**
 * The first UTF-16LE text in `d[p..end)` preceded by its 16-bit byte length, as the MELSOFT file
 * requests carry their paths (`22 00` then `$MELPRJ$\CPU.PRM` and a NUL): searched in the
 * first 24 bytes of the data.
 */
function utf16Path(d: Uint8Array, p: number, end: number): string | undefined {
  for (let q = p; q + 4 <= end && q < p + 24; q += 2) {
    const len = u16le(d, q);
    if (len < 4 || len > 2 * MELSEC.MAX_TEXT + 2 || (len & 1) !== 0 || q + 2 + len > end) continue;
    if (d[q + 3] !== 0 || (d[q + 2] as number) < 0x20) continue;
    // The paths seen end with a NUL counted in the length: that tells them from small integers.
    if (u16le(d, q + len) !== 0) continue;
    let s = '';
    let ok = true;
    for (let i = 0; i < len - 2; i += 2) {
      const c = u16le(d, q + 2 + i);
      if (c < 0x20 || c > 0x7e) {
        ok = false;
        break;
      }
      s += String.fromCharCode(c);
    }
    if (ok && s.length > 0) return s;
  }
  return undefined;
}

/** One MELSOFT frame `d[start..end)` (at least 25 bytes). */
function melsoft(
  state: MelsecState,
  d: Uint8Array,
  start: number,
  end: number,
  sink: DecodeSink,
): void {
  const b0 = d[start] as number;
  const response = (b0 & 0x80) !== 0;
  let route = '';
  for (let i = 2; i < 19; i++) route += (d[start + i] as number).toString(16).padStart(2, '0');
  const f: MelsecFields = {
    frame: 'melsoft',
    subheader: b0,
    data_length: end - start - MELSEC.MELSOFT_HEADER,
    link: d[start + 1] as number,
    route,
    channel: d[start + 22] as number,
  };
  // The inner header length byte (23) counts from itself to the command: 0x16 in requests,
  // 0x18 in responses, whose two extra bytes (45-46) are the end code.
  const c = start + 23 + (d[start + 23] as number);
  if (response && c - 2 >= start + 25 && c <= end) {
    const code = u16le(d, c - 2);
    f.end_code = code;
    f.end_code_name = code === 0 ? 'normal' : `error_${hex4(code)}`;
    if (code !== 0) sink.anomaly('melsec.error_response', `end code ${hex4(code)}`);
  }
  if (end - c < 2) {
    sink.anomaly('melsec.truncated_frame', 'MELSOFT frame without a command');
    emit(state, response ? 'melsec.response' : 'melsec.request', f, sink);
    return;
  }
  const cmd = u16be(d, c);
  const name = MELSOFT_COMMANDS.get(cmd);
  f.command = cmd;
  f.command_name = name ?? 'unknown';
  f.command_family = MELSOFT_FAMILIES.get(cmd >> 8) ?? 'unknown';
  if (end - c >= 6) f.serial = u32le(d, c + 2);
  const data = c + 6;
  if (response && cmd === 0x0121 && end - data >= 1) {
    f.cpu_model = ascii(d, data, Math.min(16, end - data));
  } else if (!response && f.command_family === 'file') {
    const path = utf16Path(d, data, end);
    if (path !== undefined) f.file_path = path;
  }
  if (!response && name !== undefined && REMOTE_CONTROL.has(cmd)) {
    sink.anomaly('melsec.remote_control', name);
  }
  emit(state, response ? 'melsec.response' : 'melsec.request', f, sink);
}

/** Reply sizes of the CPU search queries seen in the captures: query code to datagram size. */
function searchReplySize(query: number): number {
  if (query === 0x01 || query === 0x11 || query === 0x22) return 14;
  if (query === 0xff) return 28;
  return MELSEC.DISCOVERY_HEAD;
}

/** A MELSOFT CPU search datagram: the head once per direction, the rest skipped. */
function search(state: MelsecState, d: Uint8Array, dir: Direction, sink: DecodeSink): ParseStatus {
  if (state.searchDone[dir]) return OK;
  const n = d.length;
  const b0 = d[0] as number;
  if ((b0 & 0x7f) !== 0x5a) return reject('melsec.invalid_frame');
  for (let i = 1; i < 3 && i < n; i++) if (d[i] !== 0) return reject('melsec.invalid_frame');
  if (n < MELSEC.DISCOVERY_HEAD) return incomplete(0, n + 1);
  const response = (b0 & 0x80) !== 0;
  const query = d[3] as number;
  const size = response ? searchReplySize(query) : MELSEC.DISCOVERY_HEAD;
  if (n < size) return incomplete(0, size);
  const f: MelsecFields = {
    frame: 'melsoft_search',
    subheader: b0,
    data_length: size - MELSEC.DISCOVERY_HEAD,
    query,
  };
  if (response && size === 14) {
    f.addresses = [ipv4(d, 6), ipv4(d, 10)];
  }
  state.searchDone[dir] = true;
  emit(state, 'melsec.discovery', f, sink);
  return OK;
}

function ipv4(d: Uint8Array, p: number): string {
  return `${d[p] as number}.${d[p + 1] as number}.${d[p + 2] as number}.${d[p + 3] as number}`;
}
