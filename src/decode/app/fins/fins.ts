/**
 * Omron FINS parser: FINS/TCP framing ([W342] 3-2) and the FINS frame ([W227] 2-3, 5-3).
 *
 * One decoder serves both transports. A FINS/TCP stream starts with the 'FINS' magic; a FINS/UDP
 * datagram starts with the ICF byte, whose reserved bits 1-5 are zero, so 0x46 ('F') is never a
 * valid ICF and the first byte of a flow tells the two apart. The choice is kept for the flow.
 * A datagram has no length field: it is one FINS frame, as the pipeline hands it over whole.
 * Before the flow is confirmed the datagram path is strict (valid ICF, RSV 0, GCT <= 7, known
 * main request code) and checks a prefix before asking for more, so the verdict never depends on
 * how the bytes were cut.
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
  END_CODES,
  FINS,
  KNOWN_MRC,
  MEMORY_AREAS,
  MEMORY_COMMANDS,
  MODE_CHANGE,
  PROGRAM_CHANGE,
  RUN_MODES,
  TCP_COMMANDS,
  TCP_FRAME_SEND,
} from './constants.js';
import type { FinsFields } from './events.js';

const UNKNOWN = 0;
const TCP = 1;
const DATAGRAM = 2;

/** Per-flow state. */
export interface FinsState {
  /** UNKNOWN until the first byte, then TCP or DATAGRAM. */
  mode: number;
  confirmed: boolean;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createFinsState(limits: DecoderLimits): FinsState {
  return { mode: UNKNOWN, confirmed: false, limits };
}

const MAGIC0 = 0x46;

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

/** Byte `i` of the magic 'FINS'. */
function magicByte(i: number): number {
  return (FINS.MAGIC >>> (24 - 8 * i)) & 0xff;
}

/**
 * How many bytes from `p` match a strict FINS header prefix: -1 when the prefix is invalid,
 * else the number of bytes checked (at most 12).
 */
function headerPrefix(d: Uint8Array, p: number, end: number): number {
  const avail = Math.min(end - p, FINS.MIN_FRAME);
  if (avail > 0 && ((d[p] as number) & FINS.ICF_RESERVED) !== 0) return -1;
  if (avail > 1 && d[p + 1] !== 0) return -1;
  if (avail > 2 && (d[p + 2] as number) > FINS.MAX_GCT) return -1;
  if (avail > 10 && !KNOWN_MRC.has(d[p + 10] as number)) return -1;
  return avail;
}

/**
 * Recognises FINS/TCP by its magic and a FINS/UDP datagram by a strict header whose ICF has the
 * gateway bit set (every FINS implementation seen sets it) and a known command code.
 */
export function probeFins(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] === MAGIC0) {
    for (let i = 1; i < 4; i++) {
      if (i >= n) return 'need_more';
      if (data[i] !== magicByte(i)) return 'no_match';
    }
    if (n < 8) return 'need_more';
    const len = u32(data, 4);
    return len >= 8 && len <= 0xffff ? 'match' : 'no_match';
  }
  const ok = headerPrefix(data, 0, n);
  if (ok < 0 || ((data[0] as number) & 0x80) === 0) return 'no_match';
  if (ok < FINS.MIN_FRAME) return 'need_more';
  return COMMANDS.has(u16(data, 10)) ? 'match' : 'no_match';
}

/** Decodes FINS/TCP frames from a stream, or one FINS/UDP datagram. */
export function parseFins(
  state: FinsState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (n === 0) return OK;
  if (state.mode === UNKNOWN) state.mode = data[0] === MAGIC0 ? TCP : DATAGRAM;
  if (state.mode === DATAGRAM) return parseDatagram(state, data, sink);
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    for (let i = 0; i < 4 && i < avail; i++) {
      if (data[pos + i] !== magicByte(i)) return reject('fins.invalid_magic');
    }
    // One byte at a time through the magic, so a bad magic is seen however the stream is cut.
    if (avail < 4) return incomplete(pos, avail + 1);
    if (avail < 8) return incomplete(pos, 8);
    const len = u32(data, pos + 4);
    if (len < 8 || len + 8 > state.limits.maxPduBytes) return reject('fins.invalid_length');
    const total = len + 8;
    if (avail < total) return incomplete(pos, total);
    tcpFrame(state, data, pos, pos + total, sink);
    pos += total;
  }
  return OK;
}

function parseDatagram(state: FinsState, data: Uint8Array, sink: DecodeSink): ParseStatus {
  const n = data.length;
  if (!state.confirmed) {
    const ok = headerPrefix(data, 0, n);
    if (ok < 0) return reject('fins.invalid_header');
    // One byte more at a time: each checked byte may reject, whatever the cut.
    if (ok < FINS.MIN_FRAME) return incomplete(0, ok + 1);
  } else if (n < FINS.MIN_FRAME) {
    sink.anomaly('fins.truncated_frame', `${n}-byte datagram`);
    return OK;
  }
  const f: FinsFields = { framing: 'udp' };
  finsFrame(state, data, 0, n, f, sink);
  return OK;
}

function tcpFrame(
  state: FinsState,
  d: Uint8Array,
  start: number,
  end: number,
  sink: DecodeSink,
): void {
  const cmd = u32(d, start + 8);
  const err = u32(d, start + 12);
  const f: FinsFields = {
    framing: 'tcp',
    tcp_command: cmd,
    tcp_command_name: TCP_COMMANDS.get(cmd) ?? 'unknown',
    tcp_error_code: err,
  };
  if (err !== 0) sink.anomaly('fins.tcp_error', `FINS/TCP error code 0x${err.toString(16)}`);
  const body = start + FINS.TCP_HEADER;
  if (cmd === TCP_FRAME_SEND) {
    if (end - body < FINS.MIN_FRAME) {
      sink.anomaly('fins.truncated_frame', `${end - body}-byte FINS frame`);
      sink.emit({ kind: 'fins.tcp_control', fins: f });
      return;
    }
    finsFrame(state, d, body, end, f, sink);
    return;
  }
  if (!TCP_COMMANDS.has(cmd)) sink.anomaly('fins.unknown_command', `FINS/TCP command ${cmd}`);
  if (cmd === 0 && end - body >= 4) f.client_node = u32(d, body);
  if (cmd === 1 && end - body >= 8) {
    f.client_node = u32(d, body);
    f.server_node = u32(d, body + 4);
  }
  sink.emit({ kind: 'fins.tcp_control', fins: f });
  if (!state.confirmed && err === 0 && TCP_COMMANDS.has(cmd)) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** Two BCD digits as a string; `??` when not BCD. */
function bcd(b: number): string {
  const hi = b >> 4;
  const lo = b & 0x0f;
  return hi > 9 || lo > 9 ? '??' : `${hi}${lo}`;
}

/** `YY-MM-DD hh:mm:ss` from BCD bytes at `p`; `seconds` false when the frame omits them. */
function clockAt(d: Uint8Array, p: number, seconds = true): string {
  return `${bcd(d[p] as number)}-${bcd(d[p + 1] as number)}-${bcd(d[p + 2] as number)} ${bcd(d[p + 3] as number)}:${bcd(d[p + 4] as number)}:${seconds ? bcd(d[p + 5] as number) : '00'}`;
}

/** ASCII text of `d[p..p+len)`, stopping at the first NUL, trailing spaces removed. */
function ascii(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = d[p + i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s.trimEnd();
}

/** Decodes the FINS frame `d[start..end)` (at least 12 bytes) into `f` and emits it. */
function finsFrame(
  state: FinsState,
  d: Uint8Array,
  start: number,
  end: number,
  f: FinsFields,
  sink: DecodeSink,
): void {
  const icf = d[start] as number;
  const response = (icf & FINS.ICF_RESPONSE) !== 0;
  const code = u16(d, start + 10);
  f.icf = icf;
  f.response_required = (icf & FINS.ICF_NO_RESPONSE) === 0;
  f.gct = d[start + 2] as number;
  f.dna = d[start + 3] as number;
  f.da1 = d[start + 4] as number;
  f.da2 = d[start + 5] as number;
  f.sna = d[start + 6] as number;
  f.sa1 = d[start + 7] as number;
  f.sa2 = d[start + 8] as number;
  f.sid = d[start + 9] as number;
  f.command_code = code;
  const name = COMMANDS.get(code);
  f.command_name = name ?? 'unknown';
  if ((icf & FINS.ICF_RESERVED) !== 0 || d[start + 1] !== 0) {
    sink.anomaly('fins.invalid_header', `ICF 0x${icf.toString(16)}`);
  }
  if (name === undefined) sink.anomaly('fins.unknown_command', `command 0x${code.toString(16)}`);
  let p = start + FINS.MIN_FRAME;
  if (response) {
    if (end - p < 2) {
      sink.anomaly('fins.truncated_frame', 'response without an end code');
    } else {
      const endCode = u16(d, p);
      f.end_code = endCode;
      f.end_code_name = END_CODES.get((endCode >> 8) & 0x7f) ?? 'unknown';
      // Bit 15 (relay error) and bits 7, 6 (PLC fatal / non-fatal error) are flags, not codes.
      if ((endCode & 0x7f3f) !== 0)
        sink.anomaly('fins.error_response', `end code 0x${endCode.toString(16)}`);
      p += 2;
      responseData(d, p, end, code, f);
    }
  } else {
    requestData(state, d, p, end, code, f, sink);
  }
  f.data_length = Math.max(0, end - p);
  sink.emit({ kind: response ? 'fins.response' : 'fins.request', fins: f });
  if (!state.confirmed && name !== undefined) {
    state.confirmed = true;
    sink.confirm();
  }
}

function requestData(
  state: FinsState,
  d: Uint8Array,
  p: number,
  end: number,
  code: number,
  f: FinsFields,
  sink: DecodeSink,
): void {
  if (MEMORY_COMMANDS.has(code) && end - p >= 6) {
    const area = d[p] as number;
    f.memory_area = area;
    f.memory_area_name = MEMORY_AREAS.get(area) ?? 'unknown';
    f.address = u16(d, p + 1);
    f.bit = d[p + 3] as number;
    f.count = u16(d, p + 4);
  } else if (code === 0x0104 || code === 0x2301) {
    // Multiple memory area read: (area, address, bit) items of 4 bytes ([W227] 5-3-4). Forced
    // set/reset: a count, then (set/reset spec, area, address) items of 6 bytes ([W227] 5-3-32).
    // Wireshark lists every item present whatever the count says; so do we.
    const first = code === 0x0104 ? 0 : 4;
    const stride = code === 0x0104 ? 4 : 6;
    areaList(d, p + first, end, stride, f, state, sink);
  } else if (code === 0x0105 && end - p >= 10) {
    // Memory area transfer: source then destination (area, address, bit) ([W227] 5-3-5).
    f.memory_areas = [d[p] as number, d[p + 4] as number];
  } else if (code === 0x220a && end - p >= 3) {
    // Memory area file transfer: parameter code (2), then the area ([W227] 5-3-28).
    f.memory_areas = [d[p + 2] as number];
  } else if (code === 0x230a && end - p >= 1) {
    // Multiple forced status read: area, address, count ([W227] 5-3-34).
    f.memory_areas = [d[p] as number];
  } else if (code === 0x0401 && end - p >= 2) {
    f.program_number = u16(d, p);
    if (end - p >= 3) {
      const m = d[p + 2] as number;
      f.run_mode = RUN_MODES.get(m) ?? `0x${m.toString(16).padStart(2, '0')}`;
    }
  } else if (code === 0x0702 && end - p >= 5) {
    // Seconds are optional in a clock write ([W227] 5-3-17); shown as 00 when absent.
    f.clock = clockAt(d, p, end - p >= 6);
  }
  if (MODE_CHANGE.has(code)) sink.anomaly('fins.mode_change', COMMANDS.get(code));
  else if (PROGRAM_CHANGE.has(code)) sink.anomaly('fins.program_change', COMMANDS.get(code));
}

/** Area codes of fixed-size items from `p` to `end`, at most `maxObjectsPerMessage`. */
function areaList(
  d: Uint8Array,
  p: number,
  end: number,
  stride: number,
  f: FinsFields,
  state: FinsState,
  sink: DecodeSink,
): void {
  const areas: number[] = [];
  const max = state.limits.maxObjectsPerMessage;
  // An item is listed when its area and 3-byte address are present.
  for (let q = p; q + 4 <= end; q += stride) {
    if (areas.length === max) {
      sink.anomaly('fins.objects_limit_reached', `more than ${max} items`);
      break;
    }
    areas.push(d[q] as number);
  }
  if (areas.length > 0) f.memory_areas = areas;
}

function responseData(d: Uint8Array, p: number, end: number, code: number, f: FinsFields): void {
  if (code === 0x0701 && end - p >= 6) {
    f.clock = clockAt(d, p);
  } else if (code === 0x0501 && end - p >= 40) {
    const c = d[p] as number;
    // Only the "all data" / model-and-version replies start with the ASCII model name.
    if (c >= 0x20 && c < 0x7f) {
      f.controller_model = ascii(d, p, 20);
      f.controller_version = ascii(d, p + 20, 20);
    }
  }
}
