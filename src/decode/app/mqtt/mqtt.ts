/**
 * MQTT parser (3.1, 3.1.1 and 5.0): fixed header framing and the variable header and payload of
 * every control packet type.
 *
 * References:
 * - [V3] MQTT V3.1 Protocol Specification: 2 (message format), 3.1-3.14 (commands).
 * - [V4] MQTT Version 3.1.1 (OASIS, 2014): 1.5.3 (UTF-8 strings), 2.2 (fixed header), 2.2.3
 *   (remaining length), 3.1-3.14 (control packets).
 * - [V5] MQTT Version 5.0 (OASIS, 2019): 1.5.5 (variable byte integer), 2.1 (fixed header),
 *   2.2.2 (properties), 2.4 (reason codes), 3.1-3.15 (control packets).
 *
 * Control packet ([V5] 2.1):
 *
 * ```
 *  +------+------------------+-----------------+---------+
 *  | type | remaining length | variable header | payload |
 *  | flags| 1-4 bytes varint |  (per type)     |         |
 *  +------+------------------+-----------------+---------+
 * ```
 *
 * The high nibble of the first byte is the packet type, the low nibble its flags (DUP, QoS,
 * RETAIN for PUBLISH; fixed values for the others). The remaining length is a variable byte
 * integer of 7 bits per byte, least significant group first, at most 4 bytes. Strings are a
 * 2-byte big-endian length then UTF-8. The version (the CONNECT protocol level) decides whether
 * MQTT 5.0 properties follow the variable header; a capture that starts after the CONNECT is
 * decoded as 3.1.1, as Wireshark does.
 *
 * Framing policy. A packet larger than `maxPduBytes` is reported from its fixed header (and
 * for a PUBLISH its topic and packet id) and its bytes are skipped as they arrive, so that a
 * big PUBLISH never stops the flow; its event is emitted with its last byte. Before
 * the flow is confirmed, a reserved packet type, a broken fixed header or a CONNECT with an
 * unknown protocol name rejects the flow; after, they are anomalies (a remaining length over 4
 * bytes leaves no boundary to resume from, so it still stops decoding).
 */
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  CONNACK_V3_NAMES,
  MQTT,
  PACKET_TYPE_NAMES,
  PROPERTIES,
  PacketType,
  PropType,
  ProtocolLevel,
  REQUIRED_FLAGS,
  SENDER,
  reasonName,
} from './constants.js';
import type { MqttEvent, MqttEventKind, MqttFields, MqttFilter, MqttProperty } from './events.js';

/** Well-formed packets after which a flow that showed no CONNECT counts as MQTT. */
const CONFIRM_AFTER_PACKETS = 2;

/** Per-flow MQTT state. */
export class MqttState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be MQTT (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed packets seen before confirmation. */
  wellFormed = 0;
  /** Protocol level of the CONNECT (3, 4, 5), 0 while unknown. */
  version = 0;
  /** A CONNECT was seen; `mqtt.missing_connect` is raised once otherwise. */
  connectSeen = false;
  missingReported = false;
  /** Per direction: bytes of an oversized packet still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: the event of the oversized packet being skipped, emitted at its end. */
  readonly pending: [MqttFields | null, MqttFields | null] = [null, null];
  /**
   * Per direction: a capture gap just happened; the next bytes are decoded only if they form a
   * plausible whole packet (senders write whole packets, so a lost segment usually ends on a
   * packet boundary).
   */
  readonly afterGap: [boolean, boolean] = [false, false];
  /**
   * Per direction: after a gap the next bytes were not a packet. MQTT has no marker to find the
   * next packet by, so the rest of that direction is not decoded.
   */
  readonly lost: [boolean, boolean] = [false, false];

  constructor(limits: DecoderLimits) {
    this.limits = limits;
  }
}

/** Fresh per-flow state. */
export function createMqttState(limits: DecoderLimits): MqttState {
  return new MqttState(limits);
}

/**
 * A capture gap inside an oversized packet being skipped only shortens the skip; anywhere else
 * the next bytes must prove to be a packet before decoding goes on (see `afterGap`).
 */
export function onMqttGap(state: MqttState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.pending[dir] = null;
  state.afterGap[dir] = true;
}

// One cursor per module, reused by every call (decoding is synchronous and not re-entrant).
const cur = new ByteCursor();

/** Bytes the last {@link varintAt} read; 0 when it needs more data, -1 when malformed. */
let varintBytes = 0;

/** Reads a variable byte integer at `p` ([V5] 1.5.5); sets {@link varintBytes}. */
function varintAt(data: Uint8Array, p: number, end: number): number {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < MQTT.MAX_VARINT_BYTES; i++) {
    if (p + i >= end) {
      varintBytes = 0;
      return 0;
    }
    const b = data[p + i] as number;
    value += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) {
      varintBytes = i + 1;
      return value;
    }
    mul *= 128;
  }
  varintBytes = -1;
  return 0;
}

/** The fixed header byte `b0` is a type with the flags its type requires (QoS 3 excluded). */
function plausibleFirstByte(b0: number, dir: Direction): boolean {
  const type = b0 >> 4;
  const flags = b0 & 0x0f;
  if (type === PacketType.RESERVED || type === PacketType.AUTH) return false;
  const req = REQUIRED_FLAGS[type] as number;
  if (req >= 0 ? flags !== req : (flags & 0x06) === 0x06) return false;
  const sender = SENDER[type] as number;
  return dir === Direction.TO_SERVER ? sender !== 2 : sender !== 1;
}

/**
 * Says whether `data`, the first bytes of one direction of a flow, is MQTT: a CONNECT with the
 * protocol name `MQTT` (level 4, 5) or `MQIsdp` (level 3); or, for a capture that starts later, a
 * whole packet of a type the direction may send, with the flags and size its type requires,
 * ending with the data or followed by another plausible fixed header.
 */
export function probeMqtt(data: Uint8Array, dir: Direction): ProbeResult {
  const n = data.length;
  if (n < 1) return 'need_more';
  const b0 = data[0] as number;
  if (!plausibleFirstByte(b0, dir)) return 'no_match';
  if (n < 2) return 'need_more';
  const rl = varintAt(data, 1, n);
  if (varintBytes < 0) return 'no_match';
  if (varintBytes === 0) return 'need_more';
  const h = 1 + varintBytes;
  const type = b0 >> 4;
  if (type === PacketType.CONNECT) {
    if (rl < 10) return 'no_match';
    if (n < h + 7) return 'need_more';
    const nameLen = ((data[h] as number) << 8) | (data[h + 1] as number);
    const level = data[h + 2 + nameLen];
    if (nameLen === 4 && data[h + 2] === 0x4d && data[h + 3] === 0x51 && data[h + 4] === 0x54) {
      if (data[h + 5] !== 0x54) return 'no_match';
      if (level === undefined) return 'need_more';
      return level === ProtocolLevel.V311 || level === ProtocolLevel.V5 ? 'match' : 'no_match';
    }
    if (nameLen === 6 && data[h + 2] === 0x4d && data[h + 3] === 0x51 && data[h + 4] === 0x49) {
      if (n < h + 9) return 'need_more';
      if (data[h + 5] !== 0x73 || data[h + 6] !== 0x64 || data[h + 7] !== 0x70) return 'no_match';
      return level === ProtocolLevel.V31 ? 'match' : 'no_match';
    }
    return 'no_match';
  }
  if (!plausibleSize(data, type, h, rl, n)) return 'no_match';
  const total = h + rl;
  if (n < total) return 'need_more';
  if (n === total) return 'match';
  return plausibleFirstByte(data[total] as number, dir) ? 'match' : 'no_match';
}

/** The remaining length (and what can be checked of the body) fits the packet type. */
function plausibleSize(data: Uint8Array, type: number, h: number, rl: number, n: number): boolean {
  switch (type) {
    case PacketType.CONNACK:
      return rl >= 2 && rl <= 256 && (n <= h || ((data[h] as number) & 0xfe) === 0);
    case PacketType.PUBLISH: {
      if (rl < 3) return false;
      if (n < h + 2) return true;
      const tl = ((data[h] as number) << 8) | (data[h + 1] as number);
      if (tl === 0 || tl + 2 > rl) return false;
      const end = Math.min(n, h + 2 + tl);
      for (let i = h + 2; i < end; i++) {
        const b = data[i] as number;
        if (b < 0x20 || b === 0x7f) return false;
      }
      return true;
    }
    case PacketType.PUBACK:
    case PacketType.PUBREC:
    case PacketType.PUBREL:
    case PacketType.PUBCOMP:
      return rl === 2 || rl === 3 || (rl >= 4 && (n <= h + 3 || data[h + 3] === rl - 4));
    case PacketType.SUBSCRIBE:
      return rl >= 5;
    case PacketType.SUBACK:
      return rl >= 3;
    case PacketType.UNSUBSCRIBE:
      return rl >= 4;
    case PacketType.UNSUBACK:
      return rl >= 2;
    case PacketType.PINGREQ:
    case PacketType.PINGRESP:
      return rl === 0;
    default:
      // DISCONNECT: empty, or a 5.0 reason code and properties.
      return rl <= 256;
  }
}

/**
 * Decodes the next bytes of one direction: every complete packet becomes one event; a partial
 * packet at the end is left unconsumed (`incomplete`).
 */
export function parseMqtt(
  state: MqttState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.lost[dir]) return OK;
  let pos = 0;
  while (pos < n) {
    const skip = state.skip[dir];
    if (skip > 0) {
      const take = Math.min(skip, n - pos);
      state.skip[dir] = skip - take;
      pos += take;
      if (skip === take) emitPending(state, dir, sink);
      continue;
    }
    if (n - pos < 2) return incomplete(pos, 2);
    const b0 = data[pos] as number;
    const rl = varintAt(data, pos + 1, n);
    if (varintBytes === 0) return incomplete(pos, n - pos + 1);
    if (state.afterGap[dir]) {
      // The first bytes after a gap: a whole plausible packet, judged on its own bytes only so
      // that the verdict does not depend on how the stream is chunked.
      const whole = 1 + varintBytes + rl;
      if (varintBytes > 0 && whole <= state.limits.maxPduBytes && n - pos < whole) {
        return incomplete(pos, whole);
      }
      state.afterGap[dir] = false;
      if (
        varintBytes < 0 ||
        whole > state.limits.maxPduBytes ||
        !plausibleFirstByte(b0, dir) ||
        !plausibleSize(data.subarray(pos, pos + whole), b0 >> 4, 1 + varintBytes, rl, whole)
      ) {
        state.lost[dir] = true;
        return OK;
      }
    }
    if (varintBytes < 0) {
      sink.anomaly('mqtt.invalid_length', 'remaining length longer than 4 bytes');
      return reject('mqtt.invalid_length');
    }
    const h = 1 + varintBytes;
    const type = b0 >> 4;
    const flags = b0 & 0x0f;
    const req = REQUIRED_FLAGS[type] as number;
    const reserved =
      type === PacketType.RESERVED ||
      (type === PacketType.AUTH && state.version !== 0 && state.version < ProtocolLevel.V5);
    if (!state.confirmed && (reserved || (req >= 0 && flags !== req))) {
      const name = reserved ? 'mqtt.invalid_packet_type' : 'mqtt.invalid_flags';
      sink.anomaly(name, `first byte 0x${b0.toString(16)}`);
      return reject(name);
    }
    const total = h + rl;
    if (total > state.limits.maxPduBytes) {
      // Reported where it ends (as Wireshark does), with the topic when its header fits.
      const m = fields(state, type, flags, rl);
      if (type === PacketType.PUBLISH) {
        publishFlags(m, flags);
        if (n - pos < h + 2) return incomplete(pos, h + 2);
        const tl = ((data[pos + h] as number) << 8) | (data[pos + h + 1] as number);
        const head = h + 2 + tl + (m.qos === 0 ? 0 : 2);
        if (head <= state.limits.maxPduBytes) {
          if (n - pos < head) return incomplete(pos, head);
          const c = cur.reset(data, pos + h, pos + head);
          m.topic = str(c, state.limits.maxStringBytes);
          if (m.qos !== 0) m.packet_id = c.u16be();
          // In 5.0 the properties come first and are not read: no payload length then.
          if (state.version !== ProtocolLevel.V5) m.payload_length = total - head;
        }
      }
      sink.anomaly('mqtt.oversized_packet', `remaining length ${rl}`);
      state.pending[dir] = m;
      const take = Math.min(total, n - pos);
      state.skip[dir] = total - take;
      pos += take;
      if (take === total) emitPending(state, dir, sink);
      continue;
    }
    if (n - pos < total) return incomplete(pos, total);
    const c = cur.reset(data, pos + h, pos + total);
    const good = decodePacket(state, dir, sink, c, type, flags, rl);
    if (good === REJECTED) return reject('mqtt.invalid_protocol');
    pos += total;
    if (!state.confirmed && good === GOOD) {
      if (type === PacketType.CONNECT || ++state.wellFormed >= CONFIRM_AFTER_PACKETS) {
        state.confirmed = true;
        sink.confirm();
      }
    }
  }
  return OK;
}

const GOOD = 0;
const BAD = 1;
const REJECTED = 2;

/** The fields every event has. */
function fields(state: MqttState, type: number, flags: number, rl: number): MqttFields {
  const m: MqttFields = {
    msg_type: type,
    msg_type_name: PACKET_TYPE_NAMES[type] as string,
    flags,
    length: rl,
  };
  if (state.version !== 0) m.version = state.version;
  return m;
}

/** PUBLISH fixed header flags ([V5] 3.3.1). */
function publishFlags(m: MqttFields, flags: number): void {
  m.dup = (flags & 0x08) !== 0;
  m.qos = (flags >> 1) & 0x03;
  m.retain = (flags & 0x01) !== 0;
}

const KINDS: readonly MqttEventKind[] = [
  'mqtt.reserved',
  'mqtt.connect',
  'mqtt.connack',
  'mqtt.publish',
  'mqtt.publish_ack',
  'mqtt.publish_ack',
  'mqtt.publish_ack',
  'mqtt.publish_ack',
  'mqtt.subscribe',
  'mqtt.suback',
  'mqtt.unsubscribe',
  'mqtt.unsuback',
  'mqtt.ping',
  'mqtt.ping',
  'mqtt.disconnect',
  'mqtt.auth',
];

/** Emits the event of the oversized packet whose last byte was just skipped. */
function emitPending(state: MqttState, dir: Direction, sink: DecodeSink): void {
  const m = state.pending[dir];
  state.pending[dir] = null;
  if (m !== null) emit(sink, m);
}

function emit(sink: DecodeSink, m: MqttFields): void {
  const e: MqttEvent = { kind: KINDS[m.msg_type] as MqttEventKind, mqtt: m };
  sink.emit(e);
}

/** Reads a length-prefixed UTF-8 string ([V4] 1.5.3), cut at `cap` bytes. */
function str(c: ByteCursor, cap: number): string {
  const len = c.u16be();
  if (c.overrun) return '';
  return c.utf8(len, cap);
}

/** Reads a variable byte integer from the cursor; -1 (and overrun) when malformed. */
function varint(c: ByteCursor): number {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < MQTT.MAX_VARINT_BYTES; i++) {
    const b = c.u8();
    if (c.overrun) return -1;
    value += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return value;
    mul *= 128;
  }
  c.skip(c.remaining() + 1);
  return -1;
}

/**
 * Reads an MQTT 5.0 property block ([V5] 2.2.2): a variable byte integer length then
 * properties. Returns the list (at most `maxObjectsPerMessage`), or undefined when the block
 * overruns the packet (the cursor is then left in overrun).
 */
function properties(
  c: ByteCursor,
  sink: DecodeSink,
  limits: DecoderLimits,
): MqttProperty[] | undefined {
  const len = varint(c);
  if (len < 0 || len > c.remaining()) {
    sink.anomaly('mqtt.invalid_property', `property length ${len} beyond the packet`);
    c.skip(c.remaining() + 1);
    return undefined;
  }
  const end = c.offset() + len;
  const out: MqttProperty[] = [];
  let limited = false;
  while (c.offset() < end && !c.overrun) {
    const id = varint(c);
    const def = PROPERTIES[id];
    if (def === undefined) {
      sink.anomaly('mqtt.invalid_property', `unknown property id ${id}`);
      c.seek(end);
      break;
    }
    let value: number | string;
    switch (def.type) {
      case PropType.BYTE:
        value = c.u8();
        break;
      case PropType.U16:
        value = c.u16be();
        break;
      case PropType.U32:
        value = c.u32be();
        break;
      case PropType.VARINT:
        value = varint(c);
        break;
      case PropType.STRING:
        value = str(c, limits.maxStringBytes);
        break;
      case PropType.BINARY: {
        const bl = c.u16be();
        c.skip(bl);
        value = `binary[${bl}]`;
        break;
      }
      default: {
        const k = str(c, limits.maxStringBytes);
        const v = str(c, limits.maxStringBytes);
        value = `${k}=${v}`;
      }
    }
    if (c.offset() > end) {
      sink.anomaly('mqtt.invalid_property', `property ${def.name} beyond the property length`);
      break;
    }
    if (out.length < limits.maxObjectsPerMessage) out.push({ id, name: def.name, value });
    else limited = true;
  }
  if (limited) sink.anomaly('mqtt.objects_limit_reached', 'properties');
  return out;
}

/** `text` holds an MQTT wildcard (`+` or `#`, [V4] 4.7.1). */
function hasWildcard(text: string): boolean {
  return text.includes('+') || text.includes('#');
}

/** Printable preview of a PUBLISH payload: at most PREVIEW_BYTES, non-printables as `.`. */
function preview(bytes: Uint8Array): string {
  const len = Math.min(bytes.length, MQTT.PREVIEW_BYTES);
  let s = '';
  for (let i = 0; i < len; i++) {
    const b = bytes[i] as number;
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return s;
}

/** Decodes one packet body (the cursor spans it) and emits its event. */
function decodePacket(
  state: MqttState,
  dir: Direction,
  sink: DecodeSink,
  c: ByteCursor,
  type: number,
  flags: number,
  rl: number,
): number {
  const limits = state.limits;
  const cap = limits.maxStringBytes;
  const v5 = state.version === ProtocolLevel.V5;
  const m = fields(state, type, flags, rl);
  let bad = false;
  const req = REQUIRED_FLAGS[type] as number;
  if (type === PacketType.RESERVED || (type === PacketType.AUTH && state.version !== 0 && !v5)) {
    sink.anomaly('mqtt.invalid_packet_type', `type ${type} in version ${state.version}`);
    bad = true;
  } else if (req >= 0 && flags !== req) {
    sink.anomaly('mqtt.invalid_flags', `${PACKET_TYPE_NAMES[type]} flags ${flags}`);
    bad = true;
  }
  const sender = SENDER[type] as number;
  if (sender !== 0 && sender !== 3 && sender !== (dir === Direction.TO_SERVER ? 1 : 2)) {
    sink.anomaly('mqtt.unexpected_direction', `${PACKET_TYPE_NAMES[type]} sent by the wrong side`);
    bad = true;
  }
  if (type !== PacketType.CONNECT && !state.connectSeen && !state.missingReported) {
    state.missingReported = true;
    sink.anomaly('mqtt.missing_connect', `${PACKET_TYPE_NAMES[type]} before any CONNECT`);
  }

  switch (type) {
    case PacketType.CONNECT: {
      // [V4] 3.1.2, [V5] 3.1.2: protocol name, level, connect flags, keep alive.
      const name = str(c, cap);
      const level = c.u8();
      const cf = c.u8();
      const keepAlive = c.u16be();
      const known =
        (name === 'MQTT' && (level === ProtocolLevel.V311 || level === ProtocolLevel.V5)) ||
        (name === 'MQIsdp' && level === ProtocolLevel.V31);
      if (c.overrun || !known) {
        sink.anomaly('mqtt.invalid_protocol', `protocol ${name} level ${level}`);
        if (!state.confirmed) return REJECTED;
        bad = true;
      }
      state.connectSeen = true;
      if (known) state.version = level;
      m.version = level;
      m.protocol_name = name;
      m.clean_session = (cf & 0x02) !== 0;
      m.keep_alive = keepAlive;
      m.will = (cf & 0x04) !== 0;
      m.will_qos = (cf >> 3) & 0x03;
      m.will_retain = (cf & 0x20) !== 0;
      m.username_present = (cf & 0x80) !== 0;
      m.password_present = (cf & 0x40) !== 0;
      if ((cf & 0x01) !== 0) {
        sink.anomaly('mqtt.invalid_flags', 'CONNECT reserved flag set');
        bad = true;
      }
      if (m.will_qos === 3 || (!m.will && (m.will_qos !== 0 || m.will_retain))) {
        sink.anomaly('mqtt.invalid_qos', `will QoS ${m.will_qos}`);
        bad = true;
      }
      if (level === ProtocolLevel.V5 && !c.overrun) {
        const p = properties(c, sink, limits);
        if (p !== undefined && p.length > 0) m.properties = p;
      }
      // Payload ([V4] 3.1.3): client id, will (properties, topic, message), user name, password.
      m.client_id = str(c, cap);
      if (m.will) {
        if (level === ProtocolLevel.V5 && !c.overrun) {
          const p = properties(c, sink, limits);
          if (p !== undefined && p.length > 0) m.will_properties = p;
        }
        m.will_topic = str(c, cap);
        const wl = c.u16be();
        c.skip(wl);
        m.will_payload_length = wl;
      }
      if (m.username_present) {
        const u = str(c, cap);
        m.username_masked = u.length > 0 ? `${u.charAt(0)}***` : '';
      }
      if (m.password_present) {
        const pl = c.u16be();
        c.skip(pl);
        m.password_length = pl;
      }
      if (m.username_present || m.password_present) {
        sink.anomaly(
          'mqtt.cleartext_credentials',
          m.password_present ? 'user name and password in clear' : 'user name in clear',
        );
      }
      break;
    }
    case PacketType.CONNACK: {
      // [V4] 3.2.2: acknowledge flags, return code; [V5] 3.2.2: reason code, properties.
      const af = c.u8();
      const code = c.u8();
      m.session_present = (af & 0x01) !== 0;
      m.reason_code = code;
      m.reason = v5 ? reasonName(code, type) : (CONNACK_V3_NAMES[code] ?? 'unknown');
      if (v5 && c.remaining() > 0) {
        const p = properties(c, sink, limits);
        if (p !== undefined && p.length > 0) m.properties = p;
      }
      if (!c.overrun && code !== 0) {
        sink.anomaly('mqtt.connection_refused', `${m.reason} (${code})`);
      }
      break;
    }
    case PacketType.PUBLISH: {
      // [V5] 3.3: topic name, packet id when QoS > 0, properties, payload.
      publishFlags(m, flags);
      if (m.qos === 3) {
        sink.anomaly('mqtt.invalid_qos', 'PUBLISH QoS 3');
        bad = true;
      }
      m.topic = str(c, cap);
      if (m.qos !== 0) m.packet_id = c.u16be();
      if (v5 && !c.overrun) {
        const p = properties(c, sink, limits);
        if (p !== undefined && p.length > 0) m.properties = p;
      }
      if (!c.overrun) {
        const payload = c.bytes(c.remaining());
        m.payload_length = payload.length;
        m.payload_preview = preview(payload);
      }
      break;
    }
    case PacketType.PUBACK:
    case PacketType.PUBREC:
    case PacketType.PUBREL:
    case PacketType.PUBCOMP:
    case PacketType.UNSUBACK:
    case PacketType.SUBACK: {
      m.packet_id = c.u16be();
      if (type === PacketType.SUBACK || type === PacketType.UNSUBACK) {
        // [V5] 3.9, 3.11: properties then one reason code per filter; 3.1.1 SUBACK: codes.
        if (v5 && !c.overrun) {
          const p = properties(c, sink, limits);
          if (p !== undefined && p.length > 0) m.properties = p;
        }
        if (!c.overrun && c.remaining() > 0) {
          const codes: number[] = [];
          while (c.remaining() > 0 && codes.length < limits.maxObjectsPerMessage) {
            codes.push(c.u8());
          }
          if (c.remaining() > 0) {
            sink.anomaly('mqtt.objects_limit_reached', 'reason codes');
            c.skip(c.remaining());
          }
          m.reason_codes = codes;
        }
      } else if (v5 && c.remaining() > 0) {
        // [V5] 3.4.2.1: the reason code and properties may be omitted.
        const code = c.u8();
        m.reason_code = code;
        m.reason = reasonName(code, type);
        if (c.remaining() > 0) {
          const p = properties(c, sink, limits);
          if (p !== undefined && p.length > 0) m.properties = p;
        }
      }
      break;
    }
    case PacketType.SUBSCRIBE:
    case PacketType.UNSUBSCRIBE: {
      // [V5] 3.8, 3.10: packet id, properties, then topic filters (with options on SUBSCRIBE).
      m.packet_id = c.u16be();
      if (v5 && !c.overrun) {
        const p = properties(c, sink, limits);
        if (p !== undefined && p.length > 0) m.properties = p;
      }
      const list: MqttFilter[] = [];
      let count = 0;
      while (!c.overrun && c.remaining() > 0) {
        const filter = str(c, cap);
        let f: MqttFilter;
        if (type === PacketType.SUBSCRIBE) {
          const o = c.u8();
          const qos = o & 0x03;
          if (qos === 3) {
            sink.anomaly('mqtt.invalid_qos', `subscription QoS 3 for ${filter}`);
            bad = true;
          }
          f = v5
            ? {
                filter,
                wildcard: hasWildcard(filter),
                qos,
                no_local: (o & 0x04) !== 0,
                retain_as_published: (o & 0x08) !== 0,
                retain_handling: (o >> 4) & 0x03,
              }
            : { filter, wildcard: hasWildcard(filter), qos };
        } else {
          f = { filter, wildcard: hasWildcard(filter) };
        }
        if (c.overrun) break;
        if (type === PacketType.SUBSCRIBE && (filter === '#' || filter === '$SYS/#')) {
          sink.anomaly('mqtt.wildcard_subscription', `subscription to ${filter}`);
        }
        if (++count <= limits.maxObjectsPerMessage) list.push(f);
      }
      if (count > limits.maxObjectsPerMessage) {
        sink.anomaly('mqtt.objects_limit_reached', `${count} topic filters`);
      }
      if (count === 0 && !c.overrun) {
        // [V4] 3.8.3, 3.10.3: at least one topic filter.
        sink.anomaly('mqtt.malformed_packet', `${PACKET_TYPE_NAMES[type]} without topic filter`);
        bad = true;
      }
      m.filters = list;
      break;
    }
    case PacketType.DISCONNECT:
    case PacketType.AUTH: {
      // [V5] 3.14, 3.15: optional reason code and properties.
      if (c.remaining() > 0 && (v5 || type === PacketType.AUTH)) {
        const code = c.u8();
        m.reason_code = code;
        m.reason = reasonName(code, type);
        if (c.remaining() > 0) {
          const p = properties(c, sink, limits);
          if (p !== undefined && p.length > 0) m.properties = p;
        }
      }
      break;
    }
    default:
      // PINGREQ, PINGRESP ([V4] 3.12, 3.13) and the reserved type 0: no body.
      break;
  }
  if (c.overrun || c.remaining() > 0) {
    sink.anomaly(
      'mqtt.malformed_packet',
      c.overrun
        ? `${PACKET_TYPE_NAMES[type]} content beyond its remaining length ${rl}`
        : `${c.remaining()} bytes left after the ${PACKET_TYPE_NAMES[type]} content`,
    );
    bad = true;
  }
  emit(sink, m);
  return bad ? BAD : GOOD;
}
