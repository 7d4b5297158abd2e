/**
 * SEL Fast Message parser ([AG95-10], [AG2002-14], packet-selfm.c): the 0xA5 binary messages a
 * SEL relay exchanges with its master over a Telnet or raw TCP session, in between ASCII text.
 *
 * Framing: every binary message starts with 0xA5 and a type byte. A master's configuration and
 * data polls (0xA5C0-0xA5C3, 0xA5D1-0xA5D3, 0xA5CD-0xA5CF, 0xA5B9) are those two bytes alone;
 * every other message, and every message from the relay, carries its total length in the third
 * byte. The relay is the server of the TCP session, so the direction tells a poll from a
 * reply. Bytes between binary messages are ASCII text (prompts, commands) and are skipped once
 * the flow is confirmed. Not handled: Telnet's doubling of 0xFF bytes (IAC) inside binary
 * messages, which Wireshark undoes; such a message fails its checksum.
 */
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { Direction as Dir } from '../../decoder.js';
import {
  FUNCTION_CODES,
  MESSAGE_TYPES,
  OPERATE,
  POLLS,
  PROTOCOLS,
  SEL,
  WRITE_FUNCTIONS,
  breakerName,
  remoteBitName,
} from './constants.js';
import type { SelFields } from './events.js';

/** Per-flow state. */
export interface SelState {
  confirmed: boolean;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createSelState(limits: DecoderLimits): SelState {
  return { confirmed: false, limits };
}

/** CRC-16 table: polynomial 0x8005 reflected (0xA001), as Wireshark's crc16_plain. */
const CRC_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-16 of `d[p..q)` seeded 0xFFFF (packet-selfm.c `crc16_plain_tvb_offset_seed`). */
export function selCrc16(d: Uint8Array, p: number, q: number): number {
  let c = 0xffff;
  for (let i = p; i < q; i++) c = (c >>> 8) ^ (CRC_TABLE[(c ^ (d[i] as number)) & 0xff] as number);
  return c;
}

/** 8-bit sum of `d[p..q)`: the Fast Meter checksum ([AG95-10]). */
function sum8(d: Uint8Array, p: number, q: number): number {
  let s = 0;
  for (let i = p; i < q; i++) s += d[i] as number;
  return s & 0xff;
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (((d[p] as number) << 24) >>> 0) + (((d[p + 1] as number) << 16) | u16(d, p + 2));
}

/**
 * Recognises a flow that starts with a SEL binary message: 0xA5 and a known type, then either
 * a lone 2-byte poll or a length byte that covers at least the header and checksum.
 */
export function probeSel(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] !== SEL.SYNC) return 'no_match';
  if (n < 2) return 'need_more';
  const type = u16(data, 0);
  if (!MESSAGE_TYPES.has(type)) return 'no_match';
  if (n === 2) return POLLS.has(type) ? 'match' : 'need_more';
  const len = data[2] as number;
  if (len < SEL.MIN_LENGTH) return 'no_match';
  if (type === 0xa546 && len < SEL.FAST_MESSAGE_HEADER + 2) return 'no_match';
  return 'match';
}

/** Decodes the SEL binary messages of a stream. */
export function parseSel(
  state: SelState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (data[pos] !== SEL.SYNC) {
      // ASCII text between binary messages (once the flow is known to be SEL).
      if (!state.confirmed) return reject('sel.invalid_header');
      pos++;
      continue;
    }
    if (n - pos < 2) return incomplete(pos, 2);
    const type = u16(data, pos);
    if (!MESSAGE_TYPES.has(type)) {
      if (!state.confirmed) return reject('sel.invalid_header');
      sink.anomaly('sel.unknown_message_type', `0x${type.toString(16)}`);
      pos++;
      continue;
    }
    if (dir === Dir.TO_SERVER && POLLS.has(type)) {
      emit(
        state,
        { message_type: type, message_type_name: name(type), family: family(type), poll: true },
        sink,
      );
      pos += 2;
      continue;
    }
    if (n - pos < 3) return incomplete(pos, 3);
    const len = data[pos + 2] as number;
    const min = type === 0xa546 ? SEL.FAST_MESSAGE_HEADER + 2 : SEL.MIN_LENGTH;
    if (len < min) {
      if (!state.confirmed) return reject('sel.invalid_length');
      sink.anomaly('sel.invalid_length', `${name(type)} length ${len}`);
      pos++;
      continue;
    }
    if (n - pos < len) return incomplete(pos, len);
    message(state, data, pos, pos + len, type, sink);
    pos += len;
  }
  return OK;
}

function name(type: number): string {
  return MESSAGE_TYPES.get(type) ?? 'unknown';
}

function family(type: number): SelFields['family'] {
  if (type === 0xa546) return 'fast_message';
  if (
    OPERATE.has(type) ||
    type === 0xa5cd ||
    type === 0xa5ce ||
    type === 0xa5cf ||
    type === 0xa5ed
  ) {
    return 'fast_operate';
  }
  if (type >= 0xa5b9 && type <= 0xa5d3) return 'fast_meter';
  return 'other';
}

function emit(state: SelState, f: SelFields, sink: DecodeSink): void {
  sink.emit({ kind: 'sel.message', sel: f });
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** One message with a length byte, `d[p..end)`. */
function message(
  state: SelState,
  d: Uint8Array,
  p: number,
  end: number,
  type: number,
  sink: DecodeSink,
): void {
  const f: SelFields = {
    message_type: type,
    message_type_name: name(type),
    family: family(type),
    poll: false,
    length: end - p,
  };
  if (type === 0xa546) {
    fastMessage(d, p, end, f, sink);
  } else {
    const ok = sum8(d, p, end - 1) === d[end - 1];
    f.checksum = d[end - 1] as number;
    f.checksum_ok = ok;
    if (!ok) sink.anomaly('sel.checksum_error', `${f.message_type_name}`);
    body(state, d, p, end, type, f, sink);
  }
  emit(state, f, sink);
}

/** Fields of the Fast Meter and Fast Operate messages. */
function body(
  state: SelState,
  d: Uint8Array,
  p: number,
  end: number,
  type: number,
  f: SelFields,
  sink: DecodeSink,
): void {
  const avail = end - 1 - (p + 3);
  if (type === 0xa5c0 && avail >= 3) {
    // Relay definition: protocols, Fast Meter pairs, status flags, then 4-byte message pairs,
    // 8-byte status flag entries and 2-byte protocol codes.
    const numProto = d[p + 3] as number;
    const numFm = d[p + 4] as number;
    const numFlags = d[p + 5] as number;
    f.fast_meter_messages = numFm;
    f.status_flags = numFlags;
    let q = p + 6 + numFm * 4 + numFlags * 8;
    const protocols: string[] = [];
    const max = state.limits.maxObjectsPerMessage;
    for (let i = 0; i < numProto && q + 2 <= end - 1 && protocols.length < max; i++, q += 2) {
      const code = u16(d, q);
      protocols.push(PROTOCOLS.get(code) ?? `0x${code.toString(16).padStart(4, '0')}`);
    }
    f.protocols = protocols;
  } else if (type >= 0xa5c1 && type <= 0xa5c3 && avail >= 1) {
    f.status_flags = d[p + 3] as number;
  } else if (type === 0xa5ce && avail >= 2) {
    f.breakers = d[p + 3] as number;
    f.remote_bits = d[p + 4] as number;
  } else if (type === 0xa5cf && avail >= 3) {
    f.breakers = d[p + 4] as number;
    f.remote_bits = d[p + 5] as number;
  } else if (OPERATE.has(type) && avail >= 2) {
    const code = d[p + 3] as number;
    f.operate_code = code;
    f.validation = d[p + 4] as number;
    f.operation =
      type === 0xa5e0
        ? remoteBitName(code)
        : type === 0xa5e3
          ? breakerName(code)
          : `${name(type).replace('alternate_fast_operate_', '').replace(/_/g, ' ')} ${code}`;
    const breaker = type === 0xa5e3 || type === 0xa5e5 || type === 0xa5e6;
    sink.anomaly(breaker ? 'sel.breaker_operation' : 'sel.remote_bit_operation', f.operation);
  }
}

/** Fast Message (0xA546): header, function data, CRC-16. */
function fastMessage(d: Uint8Array, p: number, end: number, f: SelFields, sink: DecodeSink): void {
  f.status = d[p + 8] as number;
  const fc = d[p + 9] as number;
  f.function_code = fc;
  f.function_name = FUNCTION_CODES.get(fc) ?? 'unknown';
  const seq = d[p + 10] as number;
  f.sequence = seq & 0x3f;
  f.first = (seq & 0x80) !== 0;
  f.final = (seq & 0x40) !== 0;
  f.response_number = d[p + 11] as number;
  const crc = u16(d, end - 2);
  f.crc_ok = selCrc16(d, p, end - 2) === crc;
  if (!f.crc_ok) sink.anomaly('sel.crc_error', f.function_name);
  if (!FUNCTION_CODES.has(fc)) sink.anomaly('sel.unknown_function', `0x${fc.toString(16)}`);
  const q = p + SEL.FAST_MESSAGE_HEADER;
  const avail = end - 2 - q;
  if ((fc === 0x10 || fc === 0x31 || fc === 0x33) && avail >= 4) {
    f.base_address = u32(d, q);
  } else if (WRITE_FUNCTIONS.has(fc) && avail >= 6) {
    f.write_address = u16(d, q);
    f.register_count = u16(d, q + 4);
    sink.anomaly('sel.write', `${f.register_count} registers at 0x${f.write_address.toString(16)}`);
  }
}
