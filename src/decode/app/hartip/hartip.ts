/**
 * HART-IP parser ([HIP] 10.2; see constants.ts) with the HART token-passing PDU it carries
 * ([TP] 5.1) and the data of the identity commands and a few reads and writes ([UC]).
 *
 * Every message starts with the 8-byte header whose byte count covers the whole message, so
 * one loop frames a TCP stream and the one or more messages of a UDP datagram. Over UDP the
 * server answers a session initiate from a new port and the session goes on between that port
 * and the client's: the probe is strict enough (known version, type and id, and for a PDU a
 * consistent HART frame with a good check byte) to pick that flow up on any port.
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
  CMD_DEVICE_RESET,
  CMD_EXTENDED,
  COMMANDS,
  ERROR_CODES,
  FIXED_OUTPUT_COMMANDS,
  FRAME_TYPES,
  HARTIP,
  HOST_TYPES,
  IDENTITY_COMMANDS,
  MESSAGE_IDS,
  MESSAGE_TYPES,
  MSG_SESSION_INITIATE,
  MSG_TP_PDU,
  TYPE_ERROR,
  TYPE_NAK,
  TYPE_REQUEST,
  TYPE_RESPONSE,
  WARNING_CODES,
  WRITE_COMMANDS,
} from './constants.js';
import type { HartIdentity, HartPdu, HartipEventKind, HartipFields } from './events.js';

/** Per-flow state. */
export interface HartipState {
  readonly limits: DecoderLimits;
  confirmed: boolean;
}

/** Fresh per-flow state. */
export function createHartipState(limits: DecoderLimits): HartipState {
  return { limits, confirmed: false };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u24(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 16) | ((d[p + 1] as number) << 8) | (d[p + 2] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (((d[p] as number) << 24) >>> 0) | u24(d, p + 1);
}

const SCRATCH = new DataView(new ArrayBuffer(4));

function f32(d: Uint8Array, p: number): number {
  SCRATCH.setUint32(0, u32(d, p));
  const v = SCRATCH.getFloat32(0);
  // NaN (HART's "not a number" marker 0x7FA00000) has no JSON form: report it as null-free 0.
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 + 0 : 0;
}

/** True for the first three header bytes of a known version, message type and id. */
function headerStart(d: Uint8Array, p: number, avail: number): boolean {
  if (avail > 0 && (d[p] === 0 || (d[p] as number) > 2)) return false;
  if (avail > 1 && !MESSAGE_TYPES.has(d[p + 1] as number)) return false;
  if (avail > 2 && !MESSAGE_IDS.has(d[p + 2] as number)) return false;
  return true;
}

/** Frame type and offsets of the HART PDU in `d[p..end)`, or null when it is not one. */
function pduLayout(d: Uint8Array, p: number, end: number): { start: number; body: number } | null {
  let q = p;
  while (q < end && d[q] === 0xff) q++;
  if (q >= end) return null;
  const delim = d[q] as number;
  if (!FRAME_TYPES.has(delim & 0x07)) return null;
  const addrLen = (delim & 0x80) !== 0 ? 5 : 1;
  const body = q + 1 + addrLen + ((delim >> 5) & 0x03) + 2; // after command and byte count
  if (body > end) return null;
  return { start: q, body };
}

/** Checks that `d[p..end)` is exactly one HART frame with a good check byte. */
function pduConsistent(d: Uint8Array, p: number, end: number): boolean {
  const l = pduLayout(d, p, end);
  if (l === null) return false;
  const count = d[l.body - 1] as number;
  if (l.body + count + 1 !== end) return false;
  let x = 0;
  for (let i = l.start; i < end; i++) x ^= d[i] as number;
  return x === 0;
}

/**
 * Recognises HART-IP: version 1 or 2, a known message type and id, a byte count of at least 8,
 * and once the whole message is there a session body of the right size or a consistent HART
 * token-passing frame.
 */
export function probeHartip(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (!headerStart(data, 0, n)) return 'no_match';
  if (n < HARTIP.HEADER) return 'need_more';
  if (data[1] === TYPE_REQUEST && data[3] !== 0) return 'no_match';
  const len = u16(data, 6);
  if (len < HARTIP.HEADER) return 'no_match';
  const id = data[2] as number;
  if (id === 1 || id === 2) return len === HARTIP.HEADER ? 'match' : 'no_match';
  if (n < len) return 'need_more';
  if (id === MSG_SESSION_INITIATE) {
    return len === HARTIP.HEADER + HARTIP.SESSION_BODY ? 'match' : 'no_match';
  }
  if (id === MSG_TP_PDU && (data[1] === TYPE_REQUEST || data[1] === TYPE_RESPONSE)) {
    return pduConsistent(data, HARTIP.HEADER, len) ? 'match' : 'no_match';
  }
  // Direct PDUs, audit logs, publish and error messages have no body to check: eight header
  // bytes are no evidence off the HART-IP port (a TDS packet on TCP 1433 passes for a HART-IP
  // response), so they are only taken on the port, where `need_more` is enough.
  return 'need_more';
}

/** Decodes the HART-IP messages in `data` (next bytes of a TCP stream, or one datagram). */
export function parseHartip(
  state: HartipState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    if (!state.confirmed && !headerStart(data, pos, avail)) return reject('hartip.invalid_header');
    if (avail < HARTIP.HEADER) return incomplete(pos, state.confirmed ? HARTIP.HEADER : avail + 1);
    const len = u16(data, pos + 6);
    if (len < HARTIP.HEADER || len > state.limits.maxPduBytes) {
      // The byte count frames the stream: without a sane one nothing after it can be read.
      return reject('hartip.invalid_length');
    }
    if (avail < len) return incomplete(pos, len);
    message(state, data, pos, pos + len, sink);
    pos += len;
  }
  return OK;
}

function kindOf(type: number): HartipEventKind {
  if (type === TYPE_REQUEST) return 'hartip.request';
  if (type === TYPE_RESPONSE) return 'hartip.response';
  if (type === 2) return 'hartip.publish';
  if (type === TYPE_ERROR || type === TYPE_NAK) return 'hartip.error';
  return 'hartip.message';
}

function message(
  state: HartipState,
  d: Uint8Array,
  start: number,
  end: number,
  sink: DecodeSink,
): void {
  const type = d[start + 1] as number;
  const id = d[start + 2] as number;
  const typeName = MESSAGE_TYPES.get(type);
  const idName = MESSAGE_IDS.get(id);
  const f: HartipFields = {
    version: d[start] as number,
    message_type: type,
    message_type_name: typeName ?? 'unknown',
    message_id: id,
    message_id_name: idName ?? 'unknown',
    status: d[start + 3] as number,
    sequence: u16(d, start + 4),
    byte_count: end - start,
  };
  if (typeName === undefined || idName === undefined) {
    sink.anomaly('hartip.unknown_message', `message type ${type}, id ${id}`);
  }
  const body = start + HARTIP.HEADER;
  if (type === TYPE_ERROR || type === TYPE_NAK) {
    if (end - body >= 1) {
      f.error_code = d[body] as number;
      f.error_name = ERROR_CODES.get(f.error_code) ?? 'unknown';
    }
    sink.anomaly('hartip.error_response', `${f.message_type_name} ${f.error_name ?? ''}`.trim());
  } else if (id === MSG_SESSION_INITIATE) {
    if (end - body >= HARTIP.SESSION_BODY) {
      f.host_type = HOST_TYPES[d[body] as number] ?? `code_${d[body] as number}`;
      f.inactivity_close_timer = u32(d, body + 1);
    }
    // HART-IP 1.x sessions carry no authentication at all ([HIP] rev 1.1; 2.0 adds TLS/DTLS).
    if (type === TYPE_REQUEST && f.version < 2) {
      sink.anomaly('hartip.unauthenticated_session', `HART-IP version ${f.version}`);
    }
  } else if (id === MSG_TP_PDU && end > body) {
    const frame = pdu(d, body, end, sink);
    if (frame !== undefined) f.pdu = frame;
  }
  if (type === TYPE_RESPONSE && f.status !== 0 && !WARNING_CODES.has(f.status)) {
    sink.anomaly('hartip.error_response', `status ${f.status}`);
  }
  sink.emit({ kind: kindOf(type), hartip: f });
  if (!state.confirmed && typeName !== undefined && idName !== undefined) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** The HART token-passing frame in `d[p..end)`; undefined when cut before its command. */
function pdu(d: Uint8Array, p: number, end: number, sink: DecodeSink): HartPdu | undefined {
  const l = pduLayout(d, p, end);
  if (l === null) {
    sink.anomaly('hartip.truncated_pdu', `${end - p}-byte PDU without delimiter, address, command`);
    return undefined;
  }
  const q = l.start;
  const delim = d[q] as number;
  const ftype = delim & 0x07;
  const unique = (delim & 0x80) !== 0;
  const a0 = d[q + 1] as number;
  const reply = ftype !== 2;
  const command = d[l.body - 2] as number;
  const count = d[l.body - 1] as number;
  const f: HartPdu = {
    preambles: q - p,
    delimiter: delim,
    frame_type: FRAME_TYPES.get(ftype) ?? 'unknown',
    address_type: unique ? 'unique' : 'polling',
    expansion_bytes: (delim >> 5) & 0x03,
    primary_master: (a0 & 0x80) !== 0,
    burst_mode: (a0 & 0x40) !== 0,
    command,
    command_name: '',
    byte_count: count,
    checksum_ok: false,
    data_length: 0,
  };
  if (unique) {
    f.device_type = ((a0 & 0x3f) << 8) | (d[q + 2] as number);
    f.device_id = u24(d, q + 3);
  } else {
    f.polling_address = a0 & 0x3f;
  }
  let dataStart = l.body;
  let dataEnd = l.body + count;
  if (dataEnd + 1 > end) {
    sink.anomaly('hartip.truncated_pdu', `byte count ${count}, ${end - l.body} bytes left`);
    dataEnd = Math.max(l.body, end - 1);
  } else {
    let x = 0;
    for (let i = q; i <= dataEnd; i++) x ^= d[i] as number;
    f.checksum_ok = x === 0;
    if (!f.checksum_ok)
      sink.anomaly('hartip.checksum_error', `check byte 0x${(d[dataEnd] as number).toString(16)}`);
  }
  if (reply && dataEnd - dataStart >= 2) {
    f.response_code = d[dataStart] as number;
    f.device_status = d[dataStart + 1] as number;
    dataStart += 2;
    const rc = f.response_code;
    if (rc !== 0 && !WARNING_CODES.has(rc))
      sink.anomaly('hartip.command_error', `command ${command}: response code ${rc}`);
  }
  let cmd = command;
  if (command === CMD_EXTENDED && dataEnd - dataStart >= 2) {
    cmd = u16(d, dataStart);
    f.extended_command = cmd;
    dataStart += 2;
  }
  f.command_name = COMMANDS.get(cmd) ?? 'unknown';
  f.data_length = dataEnd - dataStart;
  if (reply) replyData(d, dataStart, dataEnd, cmd, f);
  else requestData(d, dataStart, dataEnd, cmd, f, sink);
  return f;
}

/** Packed ASCII ([UC] 6-bit characters, 4 per 3 bytes) of `d[p..p+len)`, spaces trimmed. */
function packedAscii(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i + 2 < len; i += 3) {
    const v = u24(d, p + i);
    for (let k = 18; k >= 0; k -= 6) {
      const c = (v >> k) & 0x3f;
      // Bit 6 is the complement of bit 5: 0x20-0x3F stay, 0x00-0x1F become 0x40-0x5F.
      s += String.fromCharCode(c | (((c & 0x20) << 1) ^ 0x40));
    }
  }
  return s.trimEnd();
}

/** ISO Latin-1 text of `d[p..p+len)`, stopping at a NUL, trailing spaces removed. */
function latin1(d: Uint8Array, p: number, len: number): string {
  let s = '';
  for (let i = 0; i < len && i < HARTIP.MAX_TEXT; i++) {
    const c = d[p + i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c !== 0x7f ? String.fromCharCode(c) : '.';
  }
  return s.trimEnd();
}

function dateAt(d: Uint8Array, p: number): string {
  const day = d[p] as number;
  const month = d[p + 1] as number;
  const year = 1900 + (d[p + 2] as number);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requestData(
  d: Uint8Array,
  p: number,
  end: number,
  cmd: number,
  f: HartPdu,
  sink: DecodeSink,
): void {
  const len = end - p;
  if (cmd === 11 && len >= 6) f.tag = packedAscii(d, p, 6);
  else if ((cmd === 21 || cmd === 22) && len >= 1) f.long_tag = latin1(d, p, Math.min(len, 32));
  else if (cmd === 17 && len >= 24) f.message = packedAscii(d, p, 24);
  else if (cmd === 18 && len >= 21) {
    f.tag = packedAscii(d, p, 6);
    f.descriptor = packedAscii(d, p + 6, 12);
    f.date = dateAt(d, p + 18);
  } else if (cmd === 6 && len >= 1) f.new_polling_address = d[p] as number;
  if (cmd === CMD_DEVICE_RESET) sink.anomaly('hartip.device_reset', f.command_name);
  else if (FIXED_OUTPUT_COMMANDS.has(cmd)) sink.anomaly('hartip.fixed_output', f.command_name);
  else if (WRITE_COMMANDS.has(cmd)) sink.anomaly('hartip.write_command', f.command_name);
}

function replyData(d: Uint8Array, p: number, end: number, cmd: number, f: HartPdu): void {
  const len = end - p;
  if (IDENTITY_COMMANDS.has(cmd) && len >= 12) f.identity = identity(d, p, len);
  else if (cmd === 1 && len >= 5) {
    f.pv_units = d[p] as number;
    f.pv = f32(d, p + 1);
  } else if (cmd === 2 && len >= 8) {
    f.loop_current = f32(d, p);
    f.percent_of_range = f32(d, p + 4);
  } else if (cmd === 3 && len >= 9) {
    f.loop_current = f32(d, p);
    f.pv_units = d[p + 4] as number;
    f.pv = f32(d, p + 5);
    if (len >= 14) f.sv = f32(d, p + 10);
    if (len >= 19) f.tv = f32(d, p + 15);
    if (len >= 24) f.qv = f32(d, p + 20);
  } else if (cmd === 12 && len >= 24) f.message = packedAscii(d, p, 24);
  else if (cmd === 13 && len >= 21) {
    f.tag = packedAscii(d, p, 6);
    f.descriptor = packedAscii(d, p + 6, 12);
    f.date = dateAt(d, p + 18);
  } else if (cmd === 20 && len >= 1) f.long_tag = latin1(d, p, Math.min(len, 32));
}

/** Command 0 reply layout ([UC] command 0), as far as the data goes. */
function identity(d: Uint8Array, p: number, len: number): HartIdentity {
  const hw = d[p + 7] as number;
  const id: HartIdentity = {
    expanded_device_type: u16(d, p + 1),
    request_preambles: d[p + 3] as number,
    hart_revision: d[p + 4] as number,
    device_revision: d[p + 5] as number,
    software_revision: d[p + 6] as number,
    hardware_revision: hw >> 3,
    physical_signaling: hw & 0x07,
    flags: d[p + 8] as number,
    device_id: u24(d, p + 9),
  };
  if (len >= 16) {
    id.response_preambles = d[p + 12] as number;
    id.max_device_variables = d[p + 13] as number;
    id.config_change_counter = u16(d, p + 14);
  }
  if (len >= 17) id.extended_device_status = d[p + 16] as number;
  if (len >= 19) id.manufacturer_id = u16(d, p + 17);
  if (len >= 22) {
    id.private_label = u16(d, p + 19);
    id.device_profile = d[p + 21] as number;
  }
  return id;
}
