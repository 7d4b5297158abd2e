/**
 * S7comm-plus (protocol id 0x72, S7-1200/1500 and TIA Portal): recognised and summarised, not
 * decoded in depth. One `s7comm.plus` event per telegram with the protocol version, data length,
 * opcode, function code, sequence number, and the session id of requests (or subscription id of
 * notifications). The integrity part (V2: after the data, V3: a digest before it) is opaque.
 *
 * Reference [S7P]: the public S7comm-plus Wireshark plugin (packet-s7comm_plus.c, header,
 * opcode and function tables).
 *
 * ```
 *  0     1        2         4                                        4+len      +4
 *  +-----+--------+---------+----------------------------------------+----------------+
 *  | 0x72| version| data len| data: opcode, rsvd(2), function(2),    | trailer: 0x72, |
 *  |     |        |         | rsvd(2), sequence(2), [session id(4)]..| version, 0000  |
 *  +-----+--------+---------+----------------------------------------+----------------+
 * ```
 */
import type { DecodeSink } from '../../decoder.js';
import {
  S7P,
  S7P_DATA,
  S7P_FUNCTION_NAMES,
  S7P_OPCODE,
  S7P_OPCODE_NAMES,
  S7P_VERSION_NAMES,
} from './constants.js';
import type { S7PlusFields } from './events.js';

/** Largest V3 digest accepted before the data part (SHA-256 is 32). */
const MAX_DIGEST_BYTES = 64;
const KEEP_ALIVE = 0xff;

/**
 * Decodes one S7comm-plus telegram in data[from, to) and emits its event. Returns false when it
 * is too short to be one (an anomaly, no event).
 */
export function decodePlus(data: Uint8Array, from: number, to: number, sink: DecodeSink): boolean {
  const avail = to - from;
  if (avail < S7P.HEADER_BYTES) {
    sink.anomaly('s7comm.plus_malformed', `${avail}-byte telegram, shorter than its header`);
    return false;
  }
  const version = data[from + 1] as number;
  const dlen = ((data[from + 2] as number) << 8) | (data[from + 3] as number);
  const dataEnd = from + S7P.HEADER_BYTES + dlen;
  const f: S7PlusFields = {
    version,
    version_name: S7P_VERSION_NAMES[version] ?? 'unknown',
    data_length: dlen,
    trailer: dataEnd + S7P.TRAILER_BYTES <= to && data[dataEnd] === S7P.PROTOCOL_ID,
  };
  if (dataEnd > to) {
    sink.anomaly('s7comm.plus_malformed', `data length ${dlen} runs past the ${avail}-byte TSDU`);
  }
  const end = Math.min(to, dataEnd);
  let p = from + S7P.HEADER_BYTES;
  if (version !== KEEP_ALIVE && p < end) {
    if (version === S7P.VERSION_3) {
      const digest = data[p] as number;
      if (digest <= MAX_DIGEST_BYTES && p + 1 + digest < end) {
        f.integrity_length = digest;
        p += 1 + digest;
      }
    }
    const opcode = data[p] as number;
    f.opcode = opcode;
    f.opcode_name = S7P_OPCODE_NAMES[opcode] ?? 'unknown';
    if (opcode === S7P_OPCODE.NOTIFICATION) {
      if (end - p >= S7P_DATA.NOTIFICATION_HEAD_BYTES) f.subscription_id = u32(data, p + 1);
    } else if (end - p >= S7P_DATA.HEAD_BYTES) {
      const fc = ((data[p + 3] as number) << 8) | (data[p + 4] as number);
      f.function_code = fc;
      f.function = S7P_FUNCTION_NAMES[fc] ?? 'unknown';
      f.sequence_number = ((data[p + 7] as number) << 8) | (data[p + 8] as number);
      if (
        opcode === S7P_OPCODE.REQUEST &&
        end - p >= S7P_DATA.HEAD_BYTES + S7P_DATA.SESSION_ID_BYTES
      ) {
        f.session_id = u32(data, p + S7P_DATA.HEAD_BYTES);
      }
    } else {
      sink.anomaly('s7comm.plus_malformed', `${end - p}-byte data part`);
    }
  }
  sink.emit({ kind: 's7comm.plus', s7comm_plus: f });
  return true;
}

function u32(data: Uint8Array, at: number): number {
  return (
    (((data[at] as number) << 24) |
      ((data[at + 1] as number) << 16) |
      ((data[at + 2] as number) << 8) |
      (data[at + 3] as number)) >>>
    0
  );
}
