/**
 * OPC UA Binary parser: UA TCP framing (HEL, ACK, ERR, RHE), UA Secure Conversation (OPN, MSG,
 * CLO) with chunk reassembly, and the service bodies of channels whose security policy is None.
 *
 * References:
 * - [P6] OPC 10000-6 (Part 6: Mappings) 1.04: 5.2 (binary encoding of built-in types), 6.7.2
 *   (message chunks: message header, security headers, sequence header), 6.7.3 (abort chunks),
 *   7.1.2 (UA TCP message types: Hello, Acknowledge, Error, ReverseHello).
 * - [P4] OPC 10000-4 (Part 4: Services) 1.04: 5.4-5.13 (service parameters), 7 (common types).
 *
 * Message chunk ([P6] 6.7.2.2, all integers little-endian):
 *
 * ```
 *  +---------+-------+---------+------------------+-----------------+----------+-----------+
 *  | type(3) | chunk | size(4) | secure channel id| security header | sequence | body ...  |
 *  | HEL ... | F/C/A |         | (OPN/MSG/CLO)    | asym. (OPN) or  | seq, req | (service) |
 *  |         |       |         |                  | token id        | ids      |           |
 *  +---------+-------+---------+------------------+-----------------+----------+-----------+
 * ```
 *
 * Security. OpenSecureChannel messages carry the SecurityPolicyUri in clear; with a policy other
 * than None the sequence header and body of OPN are encrypted, and those of MSG/CLO are signed or
 * encrypted according to the (encrypted, so unseen) MessageSecurityMode. The decoder remembers
 * each secure channel's policy. On a None channel everything is decoded; on another channel, and
 * on a channel whose OPN was not captured, the body is decoded only when it proves to be
 * cleartext (a sequence header followed by the NodeId of a known service, as with
 * MessageSecurityMode Sign); otherwise the chunk is reported as encrypted, with its metadata.
 *
 * Reassembly ([P6] 6.7.2.1): chunks of one message share the secure channel id and request id;
 * intermediate (C) chunks are kept per direction (at most `MAX_PARTIAL_MESSAGES` messages and
 * `maxPduBytes` bytes each), the final (F) chunk completes the message, an abort (A) chunk
 * discards it. Every chunk gives an event (Wireshark shows each chunk in its own frame).
 *
 * Framing policy. A chunk larger than `maxPduBytes` is reported from its first bytes and its
 * remaining bytes are skipped as they arrive. Before the flow is confirmed, a header that is not
 * OPC UA rejects the flow; after, and after a capture gap, the decoder scans for the next
 * plausible header.
 */
import { ByteCursor } from '../../cursor.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  Direction,
  DecoderLimits,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  APPLICATION_TYPE_NAMES,
  ATTRIBUTE_NAMES,
  BUILTIN_NAMES,
  BuiltIn,
  ChunkType,
  FILTER_NAMES,
  IDENTITY_TOKEN_KINDS,
  IdentityToken,
  MONITORING_MODE_NAMES,
  MsgType,
  OPCUA,
  POLICY_NONE_URI,
  REQUEST_TYPE_NAMES,
  SECURITY_MODE_NAMES,
  SERVICE_NAMES,
  Service,
  USER_TOKEN_TYPE_NAMES,
  isBadStatus,
  isResponse,
  statusName,
} from './constants.js';
import type {
  OpcuaEndpoint,
  OpcuaEventKind,
  OpcuaFields,
  OpcuaMethodCall,
  OpcuaNodeAttribute,
  OpcuaServer,
  OpcuaValue,
} from './events.js';

/** Well-formed chunks after which a flow without HEL/OPN counts as OPC UA. */
const CONFIRM_AFTER_CHUNKS = 2;

/** A message being reassembled from intermediate chunks. */
class PartialMessage {
  channel = 0;
  requestId = 0;
  msgType = 0;
  chunks = 0;
  /** Bytes of body gathered (sequence headers removed). */
  len = 0;
  /** The message outgrew `maxPduBytes`: its bytes are dropped, its chunks still counted. */
  overflow = false;
  buf: Uint8Array | null = null;
}

/** Per secure channel: what its OpenSecureChannel said. */
interface ChannelInfo {
  id: number;
  policyNone: boolean;
}

/** Per-flow OPC UA state. */
export class OpcuaState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be OPC UA (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed chunks seen before confirmation. */
  wellFormed = 0;
  /** Secure channels seen in an OPN, at most `MAX_CHANNELS` (oldest replaced). */
  readonly channels: ChannelInfo[] = [];
  /** Policy of the last OpenSecureChannel request (its channel id is 0 until the response). */
  pendingPolicyNone: boolean | null = null;
  /** Per direction: messages being reassembled. */
  readonly partial: [PartialMessage[], PartialMessage[]] = [[], []];
  /** Per direction: bytes of an oversized chunk still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: the event of the oversized chunk being skipped, emitted at its end. */
  readonly pending: [PendingEvent | null, PendingEvent | null] = [null, null];
  /** Per direction: a capture gap happened; the next header is searched for. */
  readonly resync: [boolean, boolean] = [false, false];
  /** Per direction: bytes skipped so far while searching for a header. */
  readonly skipped: [number, number] = [0, 0];
  /** Per direction: secure channel of the last cleartext sequence number (-1: none yet). */
  readonly seqChannel: [number, number] = [-1, -1];
  /** Per direction: that sequence number. */
  readonly seqLast: [number, number] = [0, 0];

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

interface PendingEvent {
  kind: OpcuaEventKind;
  fields: OpcuaFields;
}

/** Fresh per-flow state. */
export function createOpcuaState(limits: DecoderLimits): OpcuaState {
  return new OpcuaState(limits);
}

/**
 * A gap inside an oversized chunk being skipped only shortens the skip; anywhere else the
 * messages being reassembled in that direction are lost and the next header is searched for.
 */
export function onOpcuaGap(state: OpcuaState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.pending[dir] = null;
  state.partial[dir].length = 0;
  state.resync[dir] = true;
  state.skipped[dir] = 0;
  state.seqChannel[dir] = -1;
}

/** The 3-byte message type at `p` is one of [P6] 7.1.2.2 Table 50 / 6.7.2.2. */
function knownType(t: number): boolean {
  return (
    t === MsgType.MSG ||
    t === MsgType.OPN ||
    t === MsgType.CLO ||
    t === MsgType.HEL ||
    t === MsgType.ACK ||
    t === MsgType.ERR ||
    t === MsgType.RHE
  );
}

/** Smallest MessageSize of a message type. */
function minSize(t: number): number {
  switch (t) {
    case MsgType.HEL:
      return OPCUA.MIN_HELLO_BYTES;
    case MsgType.ACK:
      return OPCUA.MIN_ACK_BYTES;
    case MsgType.ERR:
    case MsgType.RHE:
      return OPCUA.MIN_ERROR_BYTES;
    default:
      return OPCUA.MIN_SECURE_BYTES;
  }
}

/** The chunk type byte is valid for the type: F for UA TCP messages, F/C/A for secure ones. */
function validChunk(t: number, c: number): boolean {
  if (c === ChunkType.FINAL) return true;
  const secure = t === MsgType.MSG || t === MsgType.OPN || t === MsgType.CLO;
  return secure && (c === ChunkType.INTERMEDIATE || c === ChunkType.ABORT);
}

/** A plausible message header at `p` (8 bytes available): type, chunk type and size. */
function plausibleHeader(data: Uint8Array, p: number): boolean {
  const t = ((data[p] as number) << 16) | ((data[p + 1] as number) << 8) | (data[p + 2] as number);
  if (!knownType(t) || !validChunk(t, data[p + 3] as number)) return false;
  const size = u32At(data, p + 4);
  return size >= minSize(t) && size <= OPCUA.MAX_PLAUSIBLE_SIZE;
}

function u32At(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) | ((d[p + 1] as number) << 8) | ((d[p + 2] as number) << 16)) +
    (d[p + 3] as number) * 0x1000000
  );
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is OPC UA Binary: a known
 * message type, a chunk type the message type allows, and a MessageSize at least the type's
 * fixed part and at most 16 MiB.
 */
export function probeOpcua(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  // Match the known types on the bytes there are (a 1- or 2-byte prefix may still be one).
  const t =
    ((data[0] as number) << 16) |
    ((n > 1 ? (data[1] as number) : 0) << 8) |
    (n > 2 ? (data[2] as number) : 0);
  if (n < 3) {
    const mask = n === 1 ? 0xff0000 : 0xffff00;
    for (const k of PROBE_TYPES) if ((k & mask) === t) return 'need_more';
    return 'no_match';
  }
  if (!knownType(t)) return 'no_match';
  if (n < 4) return 'need_more';
  if (!validChunk(t, data[3] as number)) return 'no_match';
  if (n < OPCUA.HEADER_BYTES) return 'need_more';
  const size = u32At(data, 4);
  if (size < minSize(t) || size > OPCUA.MAX_PLAUSIBLE_SIZE) return 'no_match';
  return 'match';
}

const PROBE_TYPES: readonly number[] = [
  MsgType.HEL,
  MsgType.ACK,
  MsgType.ERR,
  MsgType.RHE,
  MsgType.OPN,
  MsgType.MSG,
  MsgType.CLO,
];

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [MsgType.HEL, 'HEL'],
  [MsgType.ACK, 'ACK'],
  [MsgType.ERR, 'ERR'],
  [MsgType.RHE, 'RHE'],
  [MsgType.OPN, 'OPN'],
  [MsgType.MSG, 'MSG'],
  [MsgType.CLO, 'CLO'],
]);

/** Event kinds of the UA TCP messages without a secure channel. */
const SIMPLE_KINDS: ReadonlyMap<number, OpcuaEventKind> = new Map<number, OpcuaEventKind>([
  [MsgType.HEL, 'opcua.hello'],
  [MsgType.ACK, 'opcua.acknowledge'],
  [MsgType.ERR, 'opcua.error'],
  [MsgType.RHE, 'opcua.reverse_hello'],
]);

function chunkName(ct: number): string {
  return ct === ChunkType.FINAL ? 'F' : ct === ChunkType.INTERMEDIATE ? 'C' : 'A';
}

// One cursor per module for headers, one for service bodies (decoding is synchronous).
const hc = new ByteCursor();
const c = new ByteCursor();

/** Decodes the next bytes of one direction. */
export function parseOpcua(
  state: OpcuaState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let p = 0;
  const skip = state.skip[dir];
  if (skip > 0) {
    if (skip > n) {
      state.skip[dir] = skip - n;
      return OK;
    }
    state.skip[dir] = 0;
    p = skip;
    const pend = state.pending[dir];
    state.pending[dir] = null;
    if (pend !== null) sink.emit({ kind: pend.kind, opcua: pend.fields });
  }
  while (p < n) {
    if (state.resync[dir]) {
      // After a gap or a broken header: find the next plausible header ([P6] has no marker
      // other than the message type; senders write whole chunks, so one usually follows).
      // Each byte is looked at once, whatever the chunking.
      const last = n - OPCUA.HEADER_BYTES;
      let q = p;
      while (q <= last && !plausibleHeader(data, q)) q++;
      if (q > last) {
        // Keep the last 7 bytes: they may start a header completed by the next data.
        const keep = Math.max(p, n - (OPCUA.HEADER_BYTES - 1));
        state.skipped[dir] += keep - p;
        return keep >= n ? OK : incomplete(keep, OPCUA.HEADER_BYTES);
      }
      const lost = state.skipped[dir] + (q - p);
      if (lost > 0) sink.anomaly('opcua.lost_sync', `${lost} bytes skipped`);
      state.skipped[dir] = 0;
      state.resync[dir] = false;
      p = q;
    }
    const rem = n - p;
    if (rem < OPCUA.HEADER_BYTES) return incomplete(p, OPCUA.HEADER_BYTES);
    const t =
      ((data[p] as number) << 16) | ((data[p + 1] as number) << 8) | (data[p + 2] as number);
    const ct = data[p + 3] as number;
    const size = u32At(data, p + 4);
    if (
      !knownType(t) ||
      !validChunk(t, ct) ||
      size < minSize(t) ||
      size > OPCUA.MAX_PLAUSIBLE_SIZE
    ) {
      if (!state.confirmed) return reject('opcua.invalid_header');
      sink.anomaly('opcua.invalid_header', `type 0x${t.toString(16)} chunk ${ct} size ${size}`);
      state.resync[dir] = true;
      state.skipped[dir] += 1;
      p += 1;
      continue;
    }
    if (size > state.limits.maxPduBytes) {
      // Oversized: decode what the first bytes say, skip the rest.
      const head = Math.min(size, 24);
      if (rem < head) return incomplete(p, head);
      const f = chunkFields(t, ct, size);
      const secure = t === MsgType.MSG || t === MsgType.OPN || t === MsgType.CLO;
      const kind = secure
        ? secureHeader(state, data.subarray(p, p + head), t, ct, f, true)
        : (SIMPLE_KINDS.get(t) ?? 'opcua.error');
      sink.anomaly('opcua.oversized_chunk', `${f.msg_type} ${size} bytes`);
      if (secure) dropPartial(state, dir, f);
      if (rem >= size) {
        sink.emit({ kind, opcua: f });
        p += size;
        continue;
      }
      state.skip[dir] = size - rem;
      state.pending[dir] = { kind, fields: f };
      return OK;
    }
    if (rem < size) return incomplete(p, size);
    chunk(state, data.subarray(p, p + size), t, ct, dir, sink);
    p += size;
  }
  return OK;
}

/** The fields every event has. */
function chunkFields(t: number, ct: number, size: number): OpcuaFields {
  return { msg_type: TYPE_NAMES.get(t) ?? '', chunk_type: chunkName(ct), message_size: size };
}

/** Counts a well-formed chunk toward confirming the flow. */
function wellFormed(state: OpcuaState, sink: DecodeSink, strong: boolean): void {
  if (state.confirmed) return;
  state.wellFormed++;
  if (strong || state.wellFormed >= CONFIRM_AFTER_CHUNKS) {
    state.confirmed = true;
    sink.confirm();
  }
}

/** Decodes one whole chunk `m` (header included). */
function chunk(
  state: OpcuaState,
  m: Uint8Array,
  t: number,
  ct: number,
  dir: Direction,
  sink: DecodeSink,
): void {
  const f = chunkFields(t, ct, m.length);
  hc.reset(m);
  hc.skip(OPCUA.HEADER_BYTES);
  switch (t) {
    case MsgType.HEL:
    case MsgType.ACK: {
      f.protocol_version = hc.u32le();
      f.receive_buffer_size = hc.u32le();
      f.send_buffer_size = hc.u32le();
      f.max_message_size = hc.u32le();
      f.max_chunk_count = hc.u32le();
      if (t === MsgType.HEL) f.endpoint_url = str(hc, state.limits.maxStringBytes);
      finishSimple(state, f, t === MsgType.HEL ? 'opcua.hello' : 'opcua.acknowledge', sink);
      return;
    }
    case MsgType.ERR: {
      errorBody(hc, f, state.limits.maxStringBytes);
      sink.anomaly('opcua.error_message', `${f.error_name ?? ''}: ${f.reason ?? ''}`);
      finishSimple(state, f, 'opcua.error', sink);
      return;
    }
    case MsgType.RHE: {
      f.server_uri = str(hc, state.limits.maxStringBytes);
      f.endpoint_url = str(hc, state.limits.maxStringBytes);
      finishSimple(state, f, 'opcua.reverse_hello', sink);
      return;
    }
    default:
      secureChunk(state, m, t, ct, f, dir, sink);
  }
}

/** Emits a HEL/ACK/ERR/RHE event, checking it fit its size. */
function finishSimple(
  state: OpcuaState,
  f: OpcuaFields,
  kind: OpcuaEventKind,
  sink: DecodeSink,
): void {
  if (hc.overrun) {
    f.truncated = true;
    sink.anomaly('opcua.malformed_message', `${f.msg_type} shorter than its fields`);
  } else {
    wellFormed(state, sink, true);
  }
  sink.emit({ kind, opcua: f });
}

/** ERR message or abort chunk body: Error StatusCode and Reason ([P6] 7.1.2.5, 6.7.3). */
function errorBody(cur: ByteCursor, f: OpcuaFields, cap: number): void {
  const code = cur.u32le();
  f.error_code = code;
  f.error_name = statusName(code);
  f.reason = str(cur, cap);
}

/**
 * Reads the secure channel id and security header of an OPN/MSG/CLO chunk into `f` (the
 * cursor `hc` must be on `m` after the message header); returns the event kind.
 * With `headOnly` (an oversized chunk) nothing after the security header is read.
 */
function secureHeader(
  state: OpcuaState,
  m: Uint8Array,
  t: number,
  ct: number,
  f: OpcuaFields,
  headOnly: boolean,
): OpcuaEventKind {
  if (headOnly) {
    hc.reset(m);
    hc.skip(OPCUA.HEADER_BYTES);
  }
  f.secure_channel_id = hc.u32le();
  if (t === MsgType.OPN) {
    if (!headOnly) {
      const uri = str(hc, state.limits.maxStringBytes);
      f.security_policy_uri = uri;
      f.policy_none = uri === POLICY_NONE_URI;
      const cert = hc.i32le();
      f.sender_certificate_present = cert > 0;
      f.sender_certificate_length = cert > 0 ? cert : 0;
      if (cert > 0) hc.skip(cert);
      const thumb = hc.i32le();
      f.receiver_thumbprint_present = thumb > 0;
      if (thumb > 0) hc.skip(thumb);
    }
  } else {
    f.token_id = hc.u32le();
  }
  if (ct === ChunkType.INTERMEDIATE) return 'opcua.chunk';
  if (ct === ChunkType.ABORT) return 'opcua.abort';
  return t === MsgType.OPN
    ? 'opcua.open_secure_channel'
    : t === MsgType.CLO
      ? 'opcua.close_secure_channel'
      : 'opcua.message';
}

/** The channel's policy: true None, false other, null unknown (its OPN was not seen). */
function channelPolicyNone(state: OpcuaState, id: number): boolean | null {
  for (const ch of state.channels) if (ch.id === id) return ch.policyNone;
  return null;
}

function rememberChannel(state: OpcuaState, id: number, policyNone: boolean): void {
  for (const ch of state.channels) {
    if (ch.id === id) {
      ch.policyNone = policyNone;
      return;
    }
  }
  if (state.channels.length >= OPCUA.MAX_CHANNELS) state.channels.shift();
  state.channels.push({ id, policyNone });
}

/**
 * The bytes at `p` look like a cleartext sequence header and service body: after the 8-byte
 * sequence header, the NodeId of a known service in namespace 0 ([P6] 5.2.2.9 four-byte or
 * numeric encoding).
 */
function cleartextBody(m: Uint8Array, p: number): boolean {
  const q = p + 8;
  if (q + 4 > m.length) return false;
  const enc = m[q] as number;
  if (enc === 0x01) {
    if (m[q + 1] !== 0) return false;
    return SERVICE_NAMES.has((m[q + 2] as number) | ((m[q + 3] as number) << 8));
  }
  if (enc === 0x02) {
    if (q + 7 > m.length || m[q + 1] !== 0 || m[q + 2] !== 0) return false;
    return SERVICE_NAMES.has(u32At(m, q + 3));
  }
  return false;
}

/** Decodes an OPN, MSG or CLO chunk. */
function secureChunk(
  state: OpcuaState,
  m: Uint8Array,
  t: number,
  ct: number,
  f: OpcuaFields,
  dir: Direction,
  sink: DecodeSink,
): void {
  const kind = secureHeader(state, m, t, ct, f, false);
  if (hc.overrun) {
    f.truncated = true;
    sink.anomaly('opcua.malformed_message', `${f.msg_type} security header past its size`);
    sink.emit({ kind, opcua: f });
    return;
  }
  const channel = f.secure_channel_id ?? 0;
  let clear: boolean;
  if (t === MsgType.OPN) {
    const none = f.policy_none === true;
    if (channel === 0) state.pendingPolicyNone = none;
    else rememberChannel(state, channel, none);
    // Asymmetric security encrypts the sequence header and body whenever the policy is not None.
    clear = none;
  } else {
    const none = channelPolicyNone(state, channel);
    clear = none === true || cleartextBody(m, hc.offset());
    if (none === null && !clear && isContinuation(state, dir, channel)) clear = true;
  }
  if (!clear) {
    f.encrypted = true;
    wellFormed(state, sink, t === MsgType.OPN);
    sink.emit({ kind, opcua: f });
    return;
  }
  f.encrypted = false;
  f.sequence_number = hc.u32le();
  f.request_id = hc.u32le();
  if (hc.overrun) {
    f.truncated = true;
    sink.anomaly('opcua.malformed_message', `${f.msg_type} sequence header past its size`);
    sink.emit({ kind, opcua: f });
    return;
  }
  wellFormed(state, sink, t === MsgType.OPN);
  checkSequence(state, dir, channel, f.sequence_number, sink);
  const body = m.subarray(hc.offset());
  const reqId = f.request_id;
  if (ct === ChunkType.ABORT) {
    dropPartial(state, dir, f);
    c.reset(body);
    errorBody(c, f, state.limits.maxStringBytes);
    if (c.overrun) f.truncated = true;
    sink.anomaly('opcua.aborted_message', `${f.msg_type} request ${reqId}: ${f.error_name ?? ''}`);
    sink.emit({ kind, opcua: f });
    return;
  }
  const part = findPartial(state, dir, channel, reqId);
  if (ct === ChunkType.INTERMEDIATE) {
    const pm = part ?? newPartial(state, dir, channel, reqId, t, sink);
    appendPartial(state, pm, body, sink, f);
    sink.emit({ kind, opcua: f });
    return;
  }
  let msg = body;
  f.chunk_count = 1;
  if (part !== null) {
    appendPartial(state, part, body, sink, f);
    removePartial(state, dir, part);
    f.chunk_count = part.chunks;
    if (part.overflow || part.buf === null) {
      f.body_length = part.len;
      sink.emit({ kind, opcua: f });
      return;
    }
    msg = part.buf.subarray(0, part.len);
  }
  f.body_length = msg.length;
  decodeService(state, msg, f, sink);
  sink.emit({ kind, opcua: f });
}

/**
 * [P6] 6.7.2.4: each chunk a side sends on a channel has the previous SequenceNumber plus one
 * (after 4294966271 it may wrap to a value under 1024). A break means a chunk was injected,
 * replayed or dropped on the path (a capture gap resets the expectation).
 */
function checkSequence(
  state: OpcuaState,
  dir: Direction,
  channel: number,
  seq: number,
  sink: DecodeSink,
): void {
  if (state.seqChannel[dir] === channel) {
    const last = state.seqLast[dir];
    const wrapped = last > OPCUA.SEQUENCE_WRAP && seq < 1024;
    if (seq !== last + 1 && !wrapped) {
      sink.anomaly('opcua.sequence_break', `channel ${channel}: sequence ${seq} after ${last}`);
    }
  }
  state.seqChannel[dir] = channel;
  state.seqLast[dir] = seq;
}

/** A channel whose OPN was not seen but whose earlier chunk in this direction was cleartext. */
function isContinuation(state: OpcuaState, dir: Direction, channel: number): boolean {
  for (const pm of state.partial[dir]) if (pm.channel === channel) return true;
  return false;
}

function findPartial(
  state: OpcuaState,
  dir: Direction,
  channel: number,
  reqId: number,
): PartialMessage | null {
  for (const pm of state.partial[dir])
    if (pm.channel === channel && pm.requestId === reqId) return pm;
  return null;
}

function newPartial(
  state: OpcuaState,
  dir: Direction,
  channel: number,
  reqId: number,
  t: number,
  sink: DecodeSink,
): PartialMessage {
  const list = state.partial[dir];
  if (list.length >= OPCUA.MAX_PARTIAL_MESSAGES) {
    const old = list.shift();
    sink.anomaly(
      'opcua.reassembly_limit',
      `more than ${OPCUA.MAX_PARTIAL_MESSAGES} messages in reassembly; request ${old?.requestId ?? 0} dropped`,
    );
  }
  const pm = new PartialMessage();
  pm.channel = channel;
  pm.requestId = reqId;
  pm.msgType = t;
  list.push(pm);
  return pm;
}

function removePartial(state: OpcuaState, dir: Direction, pm: PartialMessage): void {
  const list = state.partial[dir];
  const i = list.indexOf(pm);
  if (i >= 0) list.splice(i, 1);
}

/** Drops the message an abort or oversized chunk ends. */
function dropPartial(state: OpcuaState, dir: Direction, f: OpcuaFields): void {
  const list = state.partial[dir];
  for (let i = 0; i < list.length; i++) {
    const pm = list[i] as PartialMessage;
    if (
      pm.channel === f.secure_channel_id &&
      (f.request_id === undefined || pm.requestId === f.request_id)
    ) {
      list.splice(i, 1);
      return;
    }
  }
}

/** Appends a chunk body to a message in reassembly, within `maxPduBytes`. */
function appendPartial(
  state: OpcuaState,
  pm: PartialMessage,
  body: Uint8Array,
  sink: DecodeSink,
  f: OpcuaFields,
): void {
  pm.chunks++;
  f.chunk_count = pm.chunks;
  const size = pm.len + body.length;
  if (pm.overflow || size > state.limits.maxPduBytes) {
    if (!pm.overflow) {
      sink.anomaly(
        'opcua.message_too_large',
        `request ${pm.requestId}: more than ${state.limits.maxPduBytes} bytes in chunks`,
      );
      pm.overflow = true;
      pm.buf = null;
    }
    pm.len = size;
    return;
  }
  let b = pm.buf;
  if (b === null || b.length < size) {
    const grown = new Uint8Array(
      Math.min(state.limits.maxPduBytes, Math.max(size, (b?.length ?? 0) * 2, 1024)),
    );
    if (b !== null) grown.set(b.subarray(0, pm.len));
    b = grown;
    pm.buf = b;
  }
  b.set(body, pm.len);
  pm.len = size;
}

// ---------------------------------------------------------------------------------------------
// Built-in type encodings ([P6] 5.2.2)
// ---------------------------------------------------------------------------------------------

/** Depth of the Variant/ExtensionObject/DiagnosticInfo walk; set when the limit was hit. */
let depthHit = false;
/** Items not listed because of the objects limit, during one body decode. */
let omitted = 0;

/** String ([P6] 5.2.2.4): Int32 length (-1 null) then UTF-8; '' for null, cut at `cap` bytes. */
function str(cur: ByteCursor, cap: number): string {
  const len = cur.i32le();
  if (len <= 0) {
    if (len < -1) cur.skip(-1);
    return '';
  }
  if (len > cur.remaining()) {
    cur.skip(len);
    return '';
  }
  return cur.utf8(len, cap);
}

/** Skips a String or ByteString. */
function skipStr(cur: ByteCursor): void {
  const len = cur.i32le();
  if (len > 0) cur.skip(len);
  else if (len < -1) cur.skip(-1);
}

/** ByteString length (0 for null), skipping its bytes. */
function byteStringLen(cur: ByteCursor): number {
  const len = cur.i32le();
  if (len > 0) {
    cur.skip(len);
    return len;
  }
  if (len < -1) cur.skip(-1);
  return 0;
}

/** Array length ([P6] 5.2.5): Int32, -1 null; a count the remaining bytes cannot hold is malformed. */
function arrayLen(cur: ByteCursor, minElemBytes: number): number {
  const n = cur.i32le();
  if (n <= 0) {
    if (n < -1) cur.skip(-1);
    return 0;
  }
  if (n * minElemBytes > cur.remaining()) {
    cur.skip(-1);
    return 0;
  }
  return n;
}

const HEX = '0123456789abcdef';

function hexOf(v: Uint8Array, maxBytes: number): string {
  let s = '';
  const len = Math.min(v.length, maxBytes);
  for (let i = 0; i < len; i++) {
    const b = v[i] as number;
    s += (HEX[b >> 4] as string) + (HEX[b & 15] as string);
  }
  return s;
}

/** Guid ([P6] 5.2.2.7) in its text form. */
function guidText(cur: ByteCursor): string {
  const d1 = cur.u32le();
  const d2 = cur.u16le();
  const d3 = cur.u16le();
  const d4 = cur.bytes(8);
  const h = hexOf(d4, 8);
  return (
    d1.toString(16).padStart(8, '0') +
    '-' +
    d2.toString(16).padStart(4, '0') +
    '-' +
    d3.toString(16).padStart(4, '0') +
    '-' +
    h.slice(0, 4) +
    '-' +
    h.slice(4)
  );
}

/** NodeId ([P6] 5.2.2.9) body after its encoding byte, as text ([P6] 5.3.1.10). */
function nodeIdBody(cur: ByteCursor, enc: number, cap: number): string {
  let ns = 0;
  let id: string;
  switch (enc & 0x0f) {
    case 0x00:
      id = `i=${cur.u8()}`;
      break;
    case 0x01:
      ns = cur.u8();
      id = `i=${cur.u16le()}`;
      break;
    case 0x02:
      ns = cur.u16le();
      id = `i=${cur.u32le()}`;
      break;
    case 0x03:
      ns = cur.u16le();
      id = `s=${str(cur, cap)}`;
      break;
    case 0x04:
      ns = cur.u16le();
      id = `g=${guidText(cur)}`;
      break;
    case 0x05: {
      ns = cur.u16le();
      const len = cur.i32le();
      id = `b=${len > 0 ? Buffer.from(cur.bytes(Math.min(len, cur.remaining()))).toString('base64') : ''}`;
      if (len > cur.remaining() && len > 0) cur.skip(-1);
      break;
    }
    default:
      cur.skip(-1);
      return '';
  }
  return ns === 0 ? id : `ns=${ns};${id}`;
}

/** Reads a NodeId as text. */
function nodeId(cur: ByteCursor, cap: number): string {
  return nodeIdBody(cur, cur.u8(), cap);
}

/** Skips a NodeId body after its encoding byte. */
function skipNodeIdBody(cur: ByteCursor, enc: number): void {
  switch (enc & 0x0f) {
    case 0x00:
      cur.skip(1);
      return;
    case 0x01:
      cur.skip(3);
      return;
    case 0x02:
      cur.skip(6);
      return;
    case 0x03:
    case 0x05:
      cur.skip(2);
      skipStr(cur);
      return;
    case 0x04:
      cur.skip(18);
      return;
    default:
      cur.skip(-1);
  }
}

function skipNodeId(cur: ByteCursor): void {
  const enc = cur.u8();
  if (enc & 0xc0) {
    cur.skip(-1);
    return;
  }
  skipNodeIdBody(cur, enc);
}

/** ExpandedNodeId ([P6] 5.2.2.10): NodeId with NamespaceUri (0x80) and ServerIndex (0x40) flags. */
function skipExpandedNodeId(cur: ByteCursor): void {
  const enc = cur.u8();
  skipNodeIdBody(cur, enc);
  if (enc & 0x80) skipStr(cur);
  if (enc & 0x40) cur.skip(4);
}

/** Numeric id of a NodeId in namespace 0, or -1. */
function numericNodeId(cur: ByteCursor): number {
  const enc = cur.u8();
  switch (enc) {
    case 0x00:
      return cur.u8();
    case 0x01: {
      const ns = cur.u8();
      const id = cur.u16le();
      return ns === 0 ? id : -1;
    }
    case 0x02: {
      const ns = cur.u16le();
      const id = cur.u32le();
      return ns === 0 ? id : -1;
    }
    default:
      skipNodeIdBody(cur, enc);
      return -1;
  }
}

/** LocalizedText ([P6] 5.2.2.14): mask, Locale (0x01), Text (0x02); returns the text. */
function localizedText(cur: ByteCursor, cap: number): string {
  const mask = cur.u8();
  if (mask & 0x01) skipStr(cur);
  return mask & 0x02 ? str(cur, cap) : '';
}

/** ExtensionObject ([P6] 5.2.2.15): TypeId NodeId, encoding byte, body (Int32 length). */
function skipExtensionObject(cur: ByteCursor): void {
  skipNodeId(cur);
  const enc = cur.u8();
  if (enc === 0x01 || enc === 0x02) skipStr(cur);
  else if (enc !== 0) cur.skip(-1);
}

/** Skips an ExtensionObject, returning the numeric id of its TypeId (0 when none or not numeric). */
function extensionObjectType(cur: ByteCursor): number {
  const id = numericNodeId(cur);
  const enc = cur.u8();
  if (enc === 0x01 || enc === 0x02) skipStr(cur);
  else if (enc !== 0) cur.skip(-1);
  return id < 0 ? 0 : id;
}

/** DiagnosticInfo ([P6] 5.2.2.12), recursive through InnerDiagnosticInfo up to MAX_DEPTH. */
function skipDiagnosticInfo(cur: ByteCursor, depth: number): void {
  if (depth > OPCUA.MAX_DEPTH) {
    depthHit = true;
    cur.skip(-1);
    return;
  }
  const mask = cur.u8();
  let fixed = 0;
  if (mask & 0x01) fixed += 4; // SymbolicId
  if (mask & 0x02) fixed += 4; // NamespaceUri
  if (mask & 0x08) fixed += 4; // Locale
  if (mask & 0x04) fixed += 4; // LocalizedText
  cur.skip(fixed);
  if (mask & 0x10) skipStr(cur); // AdditionalInfo
  if (mask & 0x20) cur.skip(4); // InnerStatusCode
  if (mask & 0x40) skipDiagnosticInfo(cur, depth + 1);
}

function skipDiagnosticInfos(cur: ByteCursor): void {
  const n = arrayLen(cur, 1);
  for (let i = 0; i < n && !cur.overrun; i++) skipDiagnosticInfo(cur, 0);
}

/** Fixed size in bytes of a built-in type, 0 when variable. */
const FIXED_SIZE: readonly number[] = [0, 1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8, 0, 8, 16, 0, 0, 0, 0, 4];

/** Skips one value of built-in type `type` ([P6] 5.2.2). */
function skipBuiltin(cur: ByteCursor, type: number, depth: number): void {
  const fixed = type < FIXED_SIZE.length ? (FIXED_SIZE[type] as number) : 0;
  if (fixed > 0) {
    cur.skip(fixed);
    return;
  }
  switch (type) {
    case 0:
      return;
    case BuiltIn.STRING:
    case BuiltIn.BYTESTRING:
    case BuiltIn.XMLELEMENT:
      skipStr(cur);
      return;
    case BuiltIn.NODEID:
      skipNodeId(cur);
      return;
    case BuiltIn.EXPANDEDNODEID:
      skipExpandedNodeId(cur);
      return;
    case BuiltIn.QUALIFIEDNAME:
      cur.skip(2);
      skipStr(cur);
      return;
    case BuiltIn.LOCALIZEDTEXT: {
      const mask = cur.u8();
      if (mask & 0x01) skipStr(cur);
      if (mask & 0x02) skipStr(cur);
      return;
    }
    case BuiltIn.EXTENSIONOBJECT:
      skipExtensionObject(cur);
      return;
    case BuiltIn.DATAVALUE:
      skipDataValue(cur, depth + 1);
      return;
    case BuiltIn.VARIANT:
      skipVariant(cur, depth + 1);
      return;
    case BuiltIn.DIAGNOSTICINFO:
      skipDiagnosticInfo(cur, depth + 1);
      return;
    default:
      cur.skip(-1);
  }
}

/** Variant ([P6] 5.2.2.16): encoding mask (type, 0x80 array, 0x40 dimensions), value(s). */
function skipVariant(cur: ByteCursor, depth: number): void {
  readVariant(cur, depth, null);
}

/**
 * Reads a Variant, summarising it into a new {@link OpcuaValue} when `want` is not null (the
 * caller's cap on string characters), else only skipping it.
 */
function readVariant(cur: ByteCursor, depth: number, want: number | null): OpcuaValue | null {
  if (depth > OPCUA.MAX_DEPTH) {
    depthHit = true;
    cur.skip(-1);
    return null;
  }
  const enc = cur.u8();
  const type = enc & 0x3f;
  const name = BUILTIN_NAMES[type] ?? `Unknown${type}`;
  if (type > BuiltIn.DIAGNOSTICINFO) {
    cur.skip(-1);
    return want === null ? null : { type: name };
  }
  if (enc & 0x80) {
    const count = arrayLen(cur, type === 0 ? 0 : 1);
    const fixed = type < FIXED_SIZE.length ? (FIXED_SIZE[type] as number) : 0;
    // The first elements are summarised; the rest skipped in one step when of fixed size.
    const listed = want === null || type === 0 ? 0 : Math.min(count, OPCUA.MAX_ARRAY_ELEMENTS);
    let elements: (number | boolean | string)[] | undefined;
    for (let i = 0; i < listed && !cur.overrun; i++) {
      const v = scalar(cur, type, depth, want ?? 0);
      if (v !== undefined) (elements ??= []).push(v);
    }
    const rest = count - listed;
    // Null elements take no bytes: there is nothing to walk, whatever the count says.
    if (fixed > 0) cur.skip(rest * fixed);
    else if (type !== 0)
      for (let i = 0; i < rest && !cur.overrun; i++) skipBuiltin(cur, type, depth);
    if (enc & 0x40) {
      const dims = arrayLen(cur, 4);
      cur.skip(dims * 4);
    }
    if (want === null) return null;
    return elements === undefined
      ? { type: name, array_length: count }
      : { type: name, array_length: count, elements };
  }
  if (want === null) {
    skipBuiltin(cur, type, depth);
    return null;
  }
  const value = scalar(cur, type, depth, want);
  return value === undefined ? { type: name } : { type: name, value };
}

/** DateTime ([P6] 5.2.2.5): 100 ns ticks since 1601-01-01 UTC, as ISO text (or the raw number). */
function dateTime(cur: ByteCursor): string | number {
  const lo = cur.u32le();
  const hi = cur.i32le();
  const ticks = hi * 0x100000000 + lo;
  const ms = ticks / 10_000 - 11_644_473_600_000;
  if (ticks <= 0 || ms > 253_402_300_799_999) return ticks;
  return new Date(ms).toISOString();
}

/** A scalar value for a summary; undefined for the types that have none (skipped). */
function scalar(
  cur: ByteCursor,
  type: number,
  depth: number,
  cap: number,
): number | boolean | string | undefined {
  switch (type) {
    case BuiltIn.BOOLEAN:
      return cur.u8() !== 0;
    case BuiltIn.SBYTE: {
      const v = cur.u8();
      return v & 0x80 ? v - 0x100 : v;
    }
    case BuiltIn.BYTE:
      return cur.u8();
    case BuiltIn.INT16:
      return cur.i16le();
    case BuiltIn.UINT16:
      return cur.u16le();
    case BuiltIn.INT32:
      return cur.i32le();
    case BuiltIn.UINT32:
      return cur.u32le();
    case BuiltIn.INT64: {
      const lo = cur.u32le();
      return cur.i32le() * 0x100000000 + lo;
    }
    case BuiltIn.UINT64:
      return cur.u64le();
    case BuiltIn.FLOAT:
      return finite(cur.f32le());
    case BuiltIn.DOUBLE:
      return finite(cur.f64le());
    case BuiltIn.STRING:
    case BuiltIn.XMLELEMENT:
      return str(cur, cap);
    case BuiltIn.DATETIME:
      return dateTime(cur);
    case BuiltIn.GUID:
      return guidText(cur);
    case BuiltIn.BYTESTRING: {
      const len = cur.i32le();
      if (len <= 0) return '';
      if (len > cur.remaining()) {
        cur.skip(-1);
        return '';
      }
      return hexOf(cur.bytes(len), cap >> 1);
    }
    case BuiltIn.NODEID:
      return nodeId(cur, cap);
    case BuiltIn.EXPANDEDNODEID: {
      // [P6] 5.2.2.10: the NodeId, then NamespaceUri (0x80) and ServerIndex (0x40) when flagged.
      const enc = cur.u8();
      const id = nodeIdBody(cur, enc, cap);
      const uri = enc & 0x80 ? str(cur, cap) : '';
      const server = enc & 0x40 ? cur.u32le() : 0;
      return (server !== 0 ? `svr=${server};` : '') + (uri !== '' ? `nsu=${uri};` : '') + id;
    }
    case BuiltIn.STATUSCODE:
      return statusName(cur.u32le());
    case BuiltIn.QUALIFIEDNAME: {
      const ns = cur.u16le();
      const name = str(cur, cap);
      return ns === 0 ? name : `${ns}:${name}`;
    }
    case BuiltIn.LOCALIZEDTEXT:
      return localizedText(cur, cap);
    default:
      skipBuiltin(cur, type, depth);
      return undefined;
  }
}

/** JSON has no NaN or infinities: those become their text. */
function finite(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** DataValue ([P6] 5.2.2.17): mask, Value, StatusCode, timestamps and picoseconds. */
function skipDataValue(cur: ByteCursor, depth: number): void {
  const mask = cur.u8();
  if (mask & 0x01) skipVariant(cur, depth + 1);
  let fixed = 0;
  if (mask & 0x02) fixed += 4;
  if (mask & 0x04) fixed += 8;
  if (mask & 0x10) fixed += 2;
  if (mask & 0x08) fixed += 8;
  if (mask & 0x20) fixed += 2;
  cur.skip(fixed);
}

/** A DataValue summarised: its value and, when present, its StatusCode name. */
function readDataValue(cur: ByteCursor, cap: number): OpcuaValue {
  const mask = cur.u8();
  const v = mask & 0x01 ? readVariant(cur, 1, cap) : null;
  const status = mask & 0x02 ? statusName(cur.u32le()) : undefined;
  let fixed = 0;
  if (mask & 0x04) fixed += 8;
  if (mask & 0x10) fixed += 2;
  if (mask & 0x08) fixed += 8;
  if (mask & 0x20) fixed += 2;
  cur.skip(fixed);
  const out: { -readonly [K in keyof OpcuaValue]: OpcuaValue[K] } =
    v === null ? { type: 'Null' } : { ...v };
  if (status !== undefined) out.status = status;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Services ([P4] 5)
// ---------------------------------------------------------------------------------------------

/** Max items listed per message: the decoder's objects limit. */
function listCap(state: OpcuaState): number {
  return state.limits.maxObjectsPerMessage;
}

/** StatusCode[] ([P4] 7.39) as names into `f.results`. */
function statusArray(state: OpcuaState, f: OpcuaFields): void {
  const n = arrayLen(c, 4);
  const cap = listCap(state);
  const out: string[] = [];
  for (let i = 0; i < n && !c.overrun; i++) {
    const code = c.u32le();
    if (out.length < cap) out.push(statusName(code));
  }
  addResults(f, out, n - out.length);
}

function addResults(f: OpcuaFields, out: string[], more: number): void {
  f.results = out;
  if (more > 0) {
    f.results_omitted = more;
    omitted += more;
  }
}

/** RequestHeader ([P4] 7.37). */
function requestHeader(f: OpcuaFields): void {
  skipNodeId(c); // AuthenticationToken
  c.skip(8); // Timestamp
  f.request_handle = c.u32le();
  c.skip(4); // ReturnDiagnostics
  skipStr(c); // AuditEntryId
  c.skip(4); // TimeoutHint
  skipExtensionObject(c); // AdditionalHeader
}

/** ResponseHeader ([P4] 7.38). */
function responseHeader(f: OpcuaFields): void {
  c.skip(8); // Timestamp
  f.request_handle = c.u32le();
  const result = c.u32le();
  f.service_result = result;
  f.service_result_name = statusName(result);
  skipDiagnosticInfo(c, 0); // ServiceDiagnostics
  const n = arrayLen(c, 4); // StringTable
  for (let i = 0; i < n && !c.overrun; i++) skipStr(c);
  skipExtensionObject(c); // AdditionalHeader
}

/** Decodes a reassembled service message body (after the sequence header). */
function decodeService(
  state: OpcuaState,
  body: Uint8Array,
  f: OpcuaFields,
  sink: DecodeSink,
): void {
  c.reset(body);
  depthHit = false;
  omitted = 0;
  const enc = c.u8();
  let id = -1;
  let ns = 0;
  if (enc === 0x00) id = c.u8();
  else if (enc === 0x01) {
    ns = c.u8();
    id = c.u16le();
  } else if (enc === 0x02) {
    ns = c.u16le();
    id = c.u32le();
  } else {
    skipNodeIdBody(c, enc);
  }
  if (c.overrun || id < 0) {
    if (c.overrun) f.truncated = true;
    sink.anomaly('opcua.malformed_message', `${f.msg_type} body without a numeric service id`);
    return;
  }
  f.service_id = id;
  if (ns !== 0) f.service_namespace = ns;
  const name = ns === 0 ? SERVICE_NAMES.get(id) : undefined;
  f.service_name = name ?? 'Unknown';
  if (name === undefined) return;
  if (isResponse(id)) responseHeader(f);
  else requestHeader(f);
  if (!c.overrun) serviceBody(state, id, f);
  if (c.overrun) {
    f.truncated = true;
    sink.anomaly('opcua.malformed_message', `${f.service_name} body ends before its fields`);
  }
  if (depthHit)
    sink.anomaly('opcua.nesting_limit', `${f.service_name} nested deeper than ${OPCUA.MAX_DEPTH}`);
  if (omitted > 0)
    sink.anomaly('opcua.objects_limit_reached', `${f.service_name}: ${omitted} items not listed`);
  serviceAnomalies(id, f, sink);
}

/** Anomalies an analyst needs from a decoded service. */
function serviceAnomalies(id: number, f: OpcuaFields, sink: DecodeSink): void {
  if (f.service_result !== undefined && isBadStatus(f.service_result)) {
    sink.anomaly(
      'opcua.bad_service_result',
      `${f.service_name ?? ''}: ${f.service_result_name ?? ''}`,
    );
  }
  switch (id) {
    case Service.OPEN_SECURE_CHANNEL_REQ:
      if (f.policy_none === true || f.security_mode === 1) {
        sink.anomaly(
          'opcua.security_none',
          `OpenSecureChannel with policy ${f.security_policy_uri ?? ''}, mode ${f.security_mode_name ?? ''}`,
        );
      }
      return;
    case Service.ACTIVATE_SESSION_REQ:
      if (f.identity_token === 'anonymous')
        sink.anomaly('opcua.anonymous_session', 'ActivateSession with an anonymous identity token');
      else if (f.identity_token === 'username') {
        if (f.password_present === true && f.password_encrypted !== true) {
          sink.anomaly(
            'opcua.cleartext_password',
            'UserNameIdentityToken with an unencrypted password',
          );
        } else {
          sink.anomaly(
            'opcua.username_on_cleartext_channel',
            'UserNameIdentityToken on a channel without encryption',
          );
        }
      }
      return;
    case Service.WRITE_REQ:
      sink.anomaly(
        'opcua.write_request',
        `Write of ${(f.attributes?.length ?? 0) + (f.items_omitted ?? 0)} attributes`,
      );
      return;
    case Service.CALL_REQ:
      sink.anomaly('opcua.call_request', `Call of ${f.methods?.[0]?.method_id ?? ''}`);
      return;
    default:
  }
}

/** The service-specific part of a body. */
function serviceBody(state: OpcuaState, id: number, f: OpcuaFields): void {
  const cap = state.limits.maxStringBytes;
  switch (id) {
    case Service.OPEN_SECURE_CHANNEL_REQ: {
      c.skip(4); // ClientProtocolVersion
      const rt = c.u32le();
      f.request_type = REQUEST_TYPE_NAMES[rt] ?? `Unknown${rt}`;
      const mode = c.u32le();
      f.security_mode = mode;
      f.security_mode_name = SECURITY_MODE_NAMES[mode] ?? `Unknown${mode}`;
      skipStr(c); // ClientNonce
      f.lifetime = c.u32le();
      return;
    }
    case Service.OPEN_SECURE_CHANNEL_RES: {
      c.skip(4); // ServerProtocolVersion
      const ch = c.u32le();
      f.token_id = c.u32le();
      c.skip(8); // CreatedAt
      f.lifetime = c.u32le();
      skipStr(c); // ServerNonce
      if (!c.overrun && state.pendingPolicyNone !== null && ch !== 0) {
        rememberChannel(state, ch, state.pendingPolicyNone);
      }
      return;
    }
    case Service.GET_ENDPOINTS_REQ:
    case Service.FIND_SERVERS_REQ:
      f.endpoint_url = str(c, cap);
      return;
    case Service.GET_ENDPOINTS_RES:
      f.endpoints = endpoints(state);
      return;
    case Service.FIND_SERVERS_RES: {
      const n = arrayLen(c, 4);
      const out: OpcuaServer[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const s = applicationDescription(cap);
        if (out.length < listCap(state)) out.push(s);
      }
      f.servers = out;
      omit(f, n - out.length);
      return;
    }
    case Service.CREATE_SESSION_REQ: {
      f.client_application_uri = applicationDescription(cap).application_uri;
      skipStr(c); // ServerUri
      f.endpoint_url = str(c, cap);
      f.session_name = str(c, cap);
      skipStr(c); // ClientNonce
      f.client_certificate_length = byteStringLen(c);
      f.session_timeout = finiteNum(c.f64le());
      return;
    }
    case Service.CREATE_SESSION_RES: {
      f.session_id = nodeId(c, cap);
      skipNodeId(c); // AuthenticationToken
      f.session_timeout = finiteNum(c.f64le());
      skipStr(c); // ServerNonce
      skipStr(c); // ServerCertificate
      f.endpoints = endpoints(state);
      return;
    }
    case Service.ACTIVATE_SESSION_REQ:
      activateSession(f, cap);
      return;
    case Service.BROWSE_REQ: {
      skipNodeId(c); // View.ViewId
      c.skip(12); // View.Timestamp, View.ViewVersion
      c.skip(4); // RequestedMaxReferencesPerNode
      const n = arrayLen(c, 1);
      const out: string[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const node = nodeId(c, cap);
        c.skip(4); // BrowseDirection
        skipNodeId(c); // ReferenceTypeId
        c.skip(9); // IncludeSubtypes, NodeClassMask, ResultMask
        if (out.length < listCap(state)) out.push(node);
      }
      f.nodes = out;
      omit(f, n - out.length);
      return;
    }
    case Service.BROWSE_NEXT_REQ: {
      f.release_continuation_points = c.u8() !== 0;
      const n = arrayLen(c, 4);
      for (let i = 0; i < n && !c.overrun; i++) skipStr(c);
      f.continuation_points = n;
      return;
    }
    case Service.BROWSE_RES:
    case Service.BROWSE_NEXT_RES: {
      const n = arrayLen(c, 12);
      const out: string[] = [];
      let refs = 0;
      for (let i = 0; i < n && !c.overrun; i++) {
        const code = c.u32le();
        skipStr(c); // ContinuationPoint
        const r = arrayLen(c, 1);
        for (let j = 0; j < r && !c.overrun; j++) {
          skipNodeId(c); // ReferenceTypeId
          c.skip(1); // IsForward
          skipExpandedNodeId(c); // NodeId
          c.skip(2); // BrowseName namespace
          skipStr(c); // BrowseName name
          skipBuiltin(c, BuiltIn.LOCALIZEDTEXT, 0); // DisplayName
          c.skip(4); // NodeClass
          skipExpandedNodeId(c); // TypeDefinition
        }
        refs += r;
        if (out.length < listCap(state)) out.push(statusName(code));
      }
      addResults(f, out, n - out.length);
      f.reference_count = refs;
      skipDiagnosticInfos(c);
      return;
    }
    case Service.READ_REQ: {
      f.max_age = finiteNum(c.f64le());
      c.skip(4); // TimestampsToReturn
      const n = arrayLen(c, 1);
      const out: OpcuaNodeAttribute[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const a = readValueId(cap);
        if (out.length < listCap(state)) out.push(a);
      }
      f.attributes = out;
      omit(f, n - out.length);
      return;
    }
    case Service.READ_RES: {
      const n = arrayLen(c, 1);
      const out: OpcuaValue[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        if (out.length < listCap(state)) out.push(readDataValue(c, OPCUA.MAX_VALUE_CHARS));
        else skipDataValue(c, 0);
      }
      f.values = out;
      omit(f, n - out.length);
      skipDiagnosticInfos(c);
      return;
    }
    case Service.WRITE_REQ: {
      const n = arrayLen(c, 1);
      const out: OpcuaNodeAttribute[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const node = nodeId(c, cap);
        const attr = c.u32le();
        const range = str(c, cap);
        if (out.length < listCap(state)) {
          const value = readDataValue(c, OPCUA.MAX_VALUE_CHARS);
          out.push(nodeAttribute(node, attr, range, value));
        } else {
          skipDataValue(c, 0);
        }
      }
      f.attributes = out;
      omit(f, n - out.length);
      return;
    }
    case Service.WRITE_RES:
      statusArray(state, f);
      skipDiagnosticInfos(c);
      return;
    case Service.CALL_REQ: {
      const n = arrayLen(c, 1);
      const out: OpcuaMethodCall[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const objectId = nodeId(c, cap);
        const methodId = nodeId(c, cap);
        const args = arrayLen(c, 1);
        const vals: OpcuaValue[] = [];
        const listed = out.length < listCap(state);
        for (let j = 0; j < args && !c.overrun; j++) {
          if (listed && vals.length < listCap(state)) {
            const v = readVariant(c, 1, OPCUA.MAX_VALUE_CHARS);
            if (v !== null) vals.push(v);
          } else {
            skipVariant(c, 1);
          }
        }
        if (listed) out.push({ object_id: objectId, method_id: methodId, input_arguments: vals });
      }
      f.methods = out;
      omit(f, n - out.length);
      return;
    }
    case Service.CALL_RES: {
      const n = arrayLen(c, 4);
      const out: string[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const code = c.u32le();
        const inputs = arrayLen(c, 4);
        c.skip(inputs * 4); // InputArgumentResults
        skipDiagnosticInfos(c); // InputArgumentDiagnosticInfos
        const outs = arrayLen(c, 1);
        for (let j = 0; j < outs && !c.overrun; j++) skipVariant(c, 1);
        if (out.length < listCap(state)) out.push(statusName(code));
      }
      addResults(f, out, n - out.length);
      skipDiagnosticInfos(c);
      return;
    }
    case Service.CREATE_SUBSCRIPTION_REQ:
      f.publishing_interval = finiteNum(c.f64le());
      f.lifetime_count = c.u32le();
      f.max_keep_alive_count = c.u32le();
      c.skip(4); // MaxNotificationsPerPublish
      f.publishing_enabled = c.u8() !== 0;
      f.priority = c.u8();
      return;
    case Service.CREATE_SUBSCRIPTION_RES:
      f.subscription_id = c.u32le();
      f.publishing_interval = finiteNum(c.f64le());
      f.lifetime_count = c.u32le();
      f.max_keep_alive_count = c.u32le();
      return;
    case Service.CREATE_MONITORED_ITEMS_REQ: {
      f.subscription_id = c.u32le();
      c.skip(4); // TimestampsToReturn
      const n = arrayLen(c, 1);
      const out: OpcuaNodeAttribute[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const a = readValueId(cap);
        const mode = c.u32le();
        c.skip(4); // ClientHandle
        const sampling = finiteNum(c.f64le());
        const filter = extensionObjectType(c); // Filter
        const queue = c.u32le();
        c.skip(1); // DiscardOldest
        if (out.length < listCap(state)) {
          const item: { -readonly [K in keyof OpcuaNodeAttribute]: OpcuaNodeAttribute[K] } = {
            ...a,
            monitoring_mode: MONITORING_MODE_NAMES[mode] ?? `Unknown${mode}`,
            sampling_interval: sampling,
            queue_size: queue,
          };
          if (filter > 0) item.filter = FILTER_NAMES[filter] ?? `Unknown${filter}`;
          out.push(item);
        }
      }
      f.attributes = out;
      omit(f, n - out.length);
      return;
    }
    case Service.CREATE_MONITORED_ITEMS_RES: {
      const n = arrayLen(c, 4);
      const out: string[] = [];
      const ids: number[] = [];
      for (let i = 0; i < n && !c.overrun; i++) {
        const code = c.u32le();
        const itemId = c.u32le();
        c.skip(12); // RevisedSamplingInterval, RevisedQueueSize
        skipExtensionObject(c); // FilterResult
        if (out.length < listCap(state)) {
          out.push(statusName(code));
          ids.push(itemId);
        }
      }
      addResults(f, out, n - out.length);
      f.monitored_item_ids = ids;
      skipDiagnosticInfos(c);
      return;
    }
    case Service.PUBLISH_REQ: {
      const n = arrayLen(c, 8);
      c.skip(n * 8);
      f.acknowledgements = n;
      return;
    }
    case Service.PUBLISH_RES: {
      f.subscription_id = c.u32le();
      const avail = arrayLen(c, 4);
      c.skip(avail * 4);
      f.more_notifications = c.u8() !== 0;
      notificationMessage(f);
      statusArray(state, f);
      skipDiagnosticInfos(c);
      return;
    }
    case Service.REPUBLISH_REQ:
      f.subscription_id = c.u32le();
      f.notification_sequence_number = c.u32le();
      return;
    case Service.REPUBLISH_RES:
      notificationMessage(f);
      return;
    default:
  }
}

function finiteNum(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

function omit(f: OpcuaFields, more: number): void {
  if (more > 0) {
    f.items_omitted = (f.items_omitted ?? 0) + more;
    omitted += more;
  }
}

function nodeAttribute(
  node: string,
  attr: number,
  range: string,
  value?: OpcuaValue,
): OpcuaNodeAttribute {
  const a: {
    node_id: string;
    attribute_id: number;
    attribute: string;
    index_range?: string;
    value?: OpcuaValue;
  } = { node_id: node, attribute_id: attr, attribute: ATTRIBUTE_NAMES[attr] ?? 'Unknown' };
  if (range !== '') a.index_range = range;
  if (value !== undefined) a.value = value;
  return a;
}

/** ReadValueId ([P4] 7.29): NodeId, AttributeId, IndexRange, DataEncoding. */
function readValueId(cap: number): OpcuaNodeAttribute {
  const node = nodeId(c, cap);
  const attr = c.u32le();
  const range = str(c, cap);
  c.skip(2); // DataEncoding namespace
  skipStr(c); // DataEncoding name
  return nodeAttribute(node, attr, range);
}

/** NotificationMessage ([P4] 7.25): SequenceNumber, PublishTime, NotificationData[]. */
function notificationMessage(f: OpcuaFields): void {
  f.notification_sequence_number = c.u32le();
  c.skip(8); // PublishTime
  const n = arrayLen(c, 1);
  for (let i = 0; i < n && !c.overrun; i++) skipExtensionObject(c);
  f.notification_count = n;
}

/** ApplicationDescription ([P4] 7.2). */
function applicationDescription(cap: number): OpcuaServer {
  const applicationUri = str(c, cap);
  const productUri = str(c, cap);
  const name = localizedText(c, cap);
  const type = c.u32le();
  skipStr(c); // GatewayServerUri
  skipStr(c); // DiscoveryProfileUri
  const n = arrayLen(c, 4);
  const urls: string[] = [];
  for (let i = 0; i < n && !c.overrun; i++) {
    const u = str(c, cap);
    if (urls.length < 16) urls.push(u);
  }
  return {
    application_uri: applicationUri,
    product_uri: productUri,
    application_name: name,
    application_type: APPLICATION_TYPE_NAMES[type] ?? `Unknown${type}`,
    discovery_urls: urls,
  };
}

/** EndpointDescription[] ([P4] 7.14). */
function endpoints(state: OpcuaState): OpcuaEndpoint[] {
  const cap = state.limits.maxStringBytes;
  const n = arrayLen(c, 4);
  const out: OpcuaEndpoint[] = [];
  for (let i = 0; i < n && !c.overrun; i++) {
    const url = str(c, cap);
    const server = applicationDescription(cap);
    skipStr(c); // ServerCertificate
    const mode = c.u32le();
    const policy = str(c, cap);
    const tokens = arrayLen(c, 4);
    const types: string[] = [];
    for (let j = 0; j < tokens && !c.overrun; j++) {
      skipStr(c); // PolicyId
      const tt = c.u32le();
      skipStr(c); // IssuedTokenType
      skipStr(c); // IssuerEndpointUrl
      skipStr(c); // SecurityPolicyUri
      if (types.length < 16) types.push(USER_TOKEN_TYPE_NAMES[tt] ?? `Unknown${tt}`);
    }
    skipStr(c); // TransportProfileUri
    const level = c.u8();
    if (out.length < listCap(state)) {
      out.push({
        endpoint_url: url,
        security_mode: mode,
        security_mode_name: SECURITY_MODE_NAMES[mode] ?? `Unknown${mode}`,
        security_policy_uri: policy,
        user_token_types: types,
        security_level: level,
        server_uri: server.application_uri,
      });
    }
  }
  if (n > out.length) omitted += n - out.length;
  return out;
}

/**
 * ActivateSession request ([P4] 5.6.3): ClientSignature, ClientSoftwareCertificates, LocaleIds,
 * then the UserIdentityToken ExtensionObject, whose encoding id names the token kind ([P4]
 * 7.41). The password of a UserNameIdentityToken is never read, only its presence.
 */
function activateSession(f: OpcuaFields, cap: number): void {
  skipStr(c); // ClientSignature.Algorithm
  skipStr(c); // ClientSignature.Signature
  const certs = arrayLen(c, 8);
  for (let i = 0; i < certs && !c.overrun; i++) {
    skipStr(c);
    skipStr(c);
  }
  const locales = arrayLen(c, 4);
  for (let i = 0; i < locales && !c.overrun; i++) skipStr(c);
  const typeId = numericNodeId(c);
  const enc = c.u8();
  if (c.overrun) return;
  if (enc !== 0x01) {
    f.identity_token = typeId === 0 && enc === 0 ? 'none' : 'unknown';
    if (enc === 0x02) skipStr(c);
    return;
  }
  const len = c.i32le();
  if (len < 0 || len > c.remaining()) {
    c.skip(-1);
    return;
  }
  const end = c.offset() + len;
  f.identity_token = IDENTITY_TOKEN_KINDS[typeId] ?? 'unknown';
  f.identity_policy_id = str(c, cap);
  if (typeId === IdentityToken.USERNAME) {
    const user = c.i32le();
    f.username_present = user > 0;
    if (user > 0) c.skip(user);
    const pass = c.i32le();
    f.password_present = pass > 0;
    if (pass > 0) c.skip(pass);
    const alg = c.i32le();
    f.password_encrypted = alg > 0;
  }
  c.seek(end);
  skipStr(c); // UserTokenSignature.Algorithm
  skipStr(c); // UserTokenSignature.Signature
}
