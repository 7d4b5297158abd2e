/**
 * S7comm-plus (protocol id 0x72, S7-1200/1500 and TIA Portal): recognised and summarised, not
 * decoded in depth. One `s7comm.plus` event per telegram with the protocol version, data length,
 * opcode, function code, sequence number, and the session id of requests (copied into the
 * response with the same sequence number) or the subscription id of notifications. The integrity
 * part (V2: after the data, V3: a digest before it) is opaque.
 *
 * Fragmentation ([S7P] dissect_s7commp, "Fragmentation check"): a telegram too long for one TSDU
 * is sent as several telegrams with their own headers; every one but the last lacks the trailer,
 * and only the first starts with the opcode and function. The protocol marks nothing else, so, as
 * the plugin does, a telegram without a trailer starts (or continues) a fragmented one in its
 * direction and the next telegram with a trailer ends it. Inner and last fragments are data: their
 * events carry the first fragment's opcode, function, sequence number and session id.
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
import type { DecodeSink, Direction } from '../../decoder.js';
import {
  S7P,
  S7P_DATA,
  S7P_FUNCTION_NAMES,
  S7P_OPCODE,
  S7P_OPCODE_NAMES,
  S7P_VERSION_NAMES,
} from './constants.js';
import type { S7PlusFields } from './events.js';
import type { S7State } from './s7comm.js';

/** Largest V3 digest accepted before the data part (SHA-256 is 32). */
const MAX_DIGEST_BYTES = 64;
const KEEP_ALIVE = 0xff;
const EXTENDED_KEEP_ALIVE = 0xfe;
/** Marks an absent number in {@link PlusHead}. */
const NONE = -1;

/**
 * Opcode, function, sequence number and session id of the first fragment of a fragmented
 * telegram, one per direction, reused (no allocation per telegram).
 */
export class PlusHead {
  /** A fragmented telegram is open in this direction (its first fragment came without trailer). */
  open = false;
  opcode = NONE;
  functionCode = NONE;
  sequence = NONE;
  session = NONE;
}

/**
 * Decodes one S7comm-plus telegram in data[from, to) and emits its event. Returns false when it
 * is too short to be one (an anomaly, no event).
 */
export function decodePlus(
  state: S7State,
  dir: Direction,
  data: Uint8Array,
  from: number,
  to: number,
  sink: DecodeSink,
): boolean {
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
  const head = state.plusHead[dir];
  if (version === KEEP_ALIVE || version === EXTENDED_KEEP_ALIVE) {
    sink.emit({ kind: 's7comm.plus', s7comm_plus: f });
    return true;
  }
  if (head.open) {
    // An inner or the last fragment: data only, named after the first fragment.
    f.fragment = f.trailer ? 'last' : 'inner';
    if (f.trailer) head.open = false;
    fromHead(head, f);
    sink.emit({ kind: 's7comm.plus', s7comm_plus: f });
    return true;
  }
  const end = Math.min(to, dataEnd);
  let p = from + S7P.HEADER_BYTES;
  if (p < end) {
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
  pairSession(state, f);
  // No trailer after a data part that fills the TSDU: the first of several fragments.
  if (!f.trailer && dataEnd === to) {
    f.fragment = 'first';
    head.open = true;
    head.opcode = f.opcode ?? NONE;
    head.functionCode = f.function_code ?? NONE;
    head.sequence = f.sequence_number ?? NONE;
    head.session = f.session_id ?? NONE;
  }
  sink.emit({ kind: 's7comm.plus', s7comm_plus: f });
  return true;
}

/** Names an inner or last fragment after its telegram's first fragment. */
function fromHead(head: PlusHead, f: S7PlusFields): void {
  if (head.opcode !== NONE) {
    f.opcode = head.opcode;
    f.opcode_name = S7P_OPCODE_NAMES[head.opcode] ?? 'unknown';
  }
  if (head.functionCode !== NONE) {
    f.function_code = head.functionCode;
    f.function = S7P_FUNCTION_NAMES[head.functionCode] ?? 'unknown';
  }
  if (head.sequence !== NONE) f.sequence_number = head.sequence;
  if (head.session !== NONE) f.session_id = head.session;
}

/**
 * A request's session id is remembered by sequence number (at most `maxPendingTransactions`,
 * oldest forgotten first); the response with that sequence number carries it too.
 */
function pairSession(state: S7State, f: S7PlusFields): void {
  const seq = f.sequence_number;
  if (seq === undefined) return;
  const sessions = state.plusSessions;
  if (f.opcode === S7P_OPCODE.REQUEST) {
    if (f.session_id === undefined) return;
    if (sessions.has(seq)) sessions.delete(seq);
    else if (sessions.size >= Math.max(1, state.limits.maxPendingTransactions)) {
      sessions.delete(sessions.keys().next().value as number);
    }
    sessions.set(seq, f.session_id);
  } else if (f.opcode === S7P_OPCODE.RESPONSE || f.opcode === S7P_OPCODE.RESPONSE2) {
    const session = sessions.get(seq);
    if (session === undefined) return;
    sessions.delete(seq);
    f.session_id = session;
  }
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
