/**
 * EtherNet/IP parser: encapsulation framing, command-specific data, the common packet format,
 * connected I/O datagrams, and request/response pairing for the CIP layer (`cip.ts`).
 *
 * References:
 * - [V2] The CIP Networks Library Vol. 2, EtherNet/IP Adaptation of CIP: 2-3 (encapsulation
 *   header), 2-4 (commands: NOP, ListServices, ListIdentity, ListInterfaces, RegisterSession,
 *   UnRegisterSession, SendRRData, SendUnitData), 2-6 (common packet format), 3-3 (class 0/1
 *   I/O over UDP 2222).
 * - [V1] The CIP Networks Library Vol. 1: the CIP messages carried in the data items.
 *
 * Encapsulation message ([V2] 2-3.1), all fields little-endian:
 *
 * ```
 *  0        2        4                8          12                 20        24
 *  +--------+--------+----------------+----------+------------------+---------+-----------+
 *  |command | length | session handle |  status  |  sender context  | options | data ...  |
 *  +--------+--------+----------------+----------+------------------+---------+-----------+
 *  SendRRData / SendUnitData data: interface handle(4) timeout(2) then the common packet format:
 *  item count(2) { type id(2) length(2) data } ...  (address item, data item, [sockaddr items])
 * ```
 *
 * Transport. TCP 44818 carries a stream of encapsulation messages, several per segment or one
 * over several segments. UDP 44818 carries one message per datagram (ListIdentity broadcasts).
 * UDP 2222 carries connected I/O: a bare common packet format (sequenced address item +
 * connected data item) with no encapsulation header; it is told apart by its first word, an
 * item count of 2 or 3, which is not an encapsulation command (0x0002 and 0x0003 are reserved).
 *
 * Framing policy. Before the flow is confirmed an unknown command rejects it. After that an
 * unknown command is an anomaly and the message is skipped by its length, as Wireshark does; a
 * capture gap makes the parser scan for the next plausible header (known command, known
 * status, options 0). The scan depends only on the bytes, so any chunking gives the same events.
 *
 * Quirks seen in real traffic: Rockwell tools send the legacy command 0x0001 ("List Targets")
 * next to ListServices/ListInterfaces; clients that reuse one sender context for every request;
 * ListIdentity requests whose sender context starts with a response delay; captures starting
 * mid-session (responses without requests).
 */
import { ByteCursor } from '../../cursor.js';
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { CipDecoder, hexBytes } from './cip.js';
import {
  COMMANDS,
  COMMAND_NAMES,
  ENCAP,
  ENCAP_STATUS_NAMES,
  ITEMS,
  ITEM_BYTES,
  ITEM_NAMES,
  RESPONSE_BIT,
} from './constants.js';
import type { CipFields, CpfItem, EnipEvent, EnipFields, ServiceInfo } from './events.js';
import type { EnipAnomaly } from './index.js';
import { decodeIdentity, decodeSockAddr } from './objects.js';
import { ConnectionTable } from './connections.js';
import { PairKind, TransactionTable } from './transactions.js';

/** Well-formed messages after which a flow counts as EtherNet/IP without a paired response. */
const CONFIRM_AFTER_PDUS = 4;
/** No session registered on the flow (yet). */
const NO_SESSION = -1;
/** Item counts that start a connected I/O datagram ([V2] 3-3.2: address item + data item). */
const IO_MIN_ITEMS = 2;
const IO_MAX_ITEMS = 3;

/** Per-flow EtherNet/IP state. */
/**
 * The first CIP responses of a flow, among which one without its request is not flagged as
 * unsolicited: a capture that begins mid-connection sees the answers to requests still
 * outstanding.
 */
export const MIDSTREAM_RESPONSES = 4;

export class EnipState {
  readonly limits: DecoderLimits;
  /** Set once the flow is known to be EtherNet/IP (sink.confirm() was called). */
  confirmed = false;
  /** Well-formed messages seen before confirmation. */
  wellFormed = 0;
  /** Per direction: the stream position is lost, scan for the next header. */
  readonly resync: [boolean, boolean] = [false, false];
  /** CIP requests waiting for their response. */
  readonly pending: TransactionTable;
  /** CIP responses seen on this flow (counted up to {@link MIDSTREAM_RESPONSES} + 1). */
  responses = 0;
  /** Session handle granted by a successful RegisterSession on this flow. */
  session = NO_SESSION;
  /** Connections opened by Forward Open on this flow. */
  readonly connections: ConnectionTable;

  constructor(limits: DecoderLimits) {
    this.limits = limits;
    this.pending = new TransactionTable(limits.maxPendingTransactions);
    this.connections = new ConnectionTable(limits.maxPendingTransactions);
  }
}

/** Fresh per-flow state. */
export function createEnipState(limits: DecoderLimits): EnipState {
  return new EnipState(limits);
}

/** After a capture gap the next byte is anywhere in a message: scan for a header again. */
export function onEnipGap(state: EnipState, dir: Direction, _size: number): void {
  state.resync[dir] = true;
}

// Reused by every call (decoding is synchronous and not re-entrant).
const cur = new ByteCursor();
const probeCur = new ByteCursor();
const cip = new CipDecoder();

/** Raises a declared anomaly (the name is checked against the catalogue at compile time). */
function flag(sink: DecodeSink, name: EnipAnomaly, detail: string): void {
  sink.anomaly(name, detail);
}

function u16(data: Uint8Array, p: number): number {
  return (data[p] as number) | ((data[p + 1] as number) << 8);
}

function u32(data: Uint8Array, p: number): number {
  return (
    ((data[p] as number) |
      ((data[p + 1] as number) << 8) |
      ((data[p + 2] as number) << 16) |
      ((data[p + 3] as number) << 24)) >>>
    0
  );
}

/**
 * True when the bytes at `p` (at least 4) start a connected I/O datagram: an item count of 2
 * or 3 and a first item that is an address item (sequenced, connected or null).
 */
function isIoStart(data: Uint8Array, p: number): boolean {
  const count = u16(data, p);
  if (count < IO_MIN_ITEMS || count > IO_MAX_ITEMS) return false;
  const type = u16(data, p + 2);
  return (
    type === ITEMS.SEQUENCED_ADDRESS ||
    type === ITEMS.CONNECTED_ADDRESS ||
    type === ITEMS.NULL_ADDRESS
  );
}

/**
 * Length of the common packet format at `p` (bounded by `end`) from its item headers: the
 * byte count when every item header is present (it may exceed `end - p` when the data of the
 * last item is not all there), or minus the byte count needed to read the next item header.
 */
function cpfExtent(data: Uint8Array, p: number, end: number): number {
  if (end - p < 2) return -2;
  const count = u16(data, p);
  let off = p + 2;
  for (let i = 0; i < count; i++) {
    if (off + ITEM_BYTES.HEADER > end) return -(off + ITEM_BYTES.HEADER - p);
    off += ITEM_BYTES.HEADER + u16(data, off + 2);
  }
  return off - p;
}

/** True when a header's length suits its command ([V2] 2-4); `dir` tells requests apart. */
function lengthFits(command: number, length: number, status: number, dir: Direction): boolean {
  switch (command) {
    case COMMANDS.LIST_IDENTITY:
    case COMMANDS.LIST_SERVICES:
    case COMMANDS.LIST_INTERFACES:
    case COMMANDS.LIST_TARGETS:
      // Requests carry no data; replies at least an item count (unless they report an error).
      return dir === Direction.TO_SERVER ? length === 0 : length >= 2 || status !== 0;
    case COMMANDS.REGISTER_SESSION:
      return length === ENCAP.REGISTER_SESSION_LENGTH || status !== 0;
    case COMMANDS.UNREGISTER_SESSION:
      return length === 0;
    case COMMANDS.SEND_RR_DATA:
    case COMMANDS.SEND_UNIT_DATA:
      return length >= ITEM_BYTES.RR_PREFIX + 2 || status !== 0;
    case COMMANDS.NOP:
      return status === 0;
    default:
      return true;
  }
}

/** Commands whose header alone is evidence enough (their length was checked). */
function strongCommand(command: number): boolean {
  return command !== COMMANDS.NOP && command !== COMMANDS.LIST_TARGETS && command <= 0x70;
}

/** True when `data[p..p+24)` is a plausible encapsulation header (resynchronisation). */
function plausibleHeader(data: Uint8Array, p: number): boolean {
  return (
    COMMAND_NAMES.has(u16(data, p)) &&
    ENCAP_STATUS_NAMES.has(u32(data, p + ENCAP.STATUS_OFFSET)) &&
    u32(data, p + ENCAP.OPTIONS_OFFSET) === 0 &&
    u16(data, p + ENCAP.LENGTH_OFFSET) <= ENCAP.MAX_LENGTH
  );
}

/**
 * Says whether `data`, the first bytes of one direction of a flow (or a datagram), is
 * EtherNet/IP: a connected I/O datagram whose items fill it exactly, or an encapsulation header
 * with a known command, a known status, options 0 and a length that suits the command; when
 * the whole message is present its common packet format must fill it exactly.
 */
export function probeEnip(data: Uint8Array, dir: Direction): ProbeResult {
  const n = data.length;
  if (n >= 4 && isIoStart(data, 0)) {
    const ext = cpfExtent(data, 0, n);
    if (ext < 0) return 'need_more';
    return ext === n ? 'match' : 'no_match';
  }
  const c = probeCur.reset(data);
  if (n < 2) return 'need_more';
  const command = c.u16le();
  if (!COMMAND_NAMES.has(command)) return 'no_match';
  // A NOP (command 0, all of whose header may be zero) is no evidence: zero padding and
  // all-zero payloads would pass for a stream of NOPs. Flows do not start with one.
  if (command === COMMANDS.NOP) return 'no_match';
  // Judge each header field as soon as it is there: short foreign payloads are refused early.
  if (n < 4) return 'need_more';
  const length = c.u16le();
  if (length > ENCAP.MAX_LENGTH) return 'no_match';
  if (n < ENCAP.STATUS_OFFSET + 4) return 'need_more';
  c.skip(4);
  const status = c.u32le();
  if (!ENCAP_STATUS_NAMES.has(status) || !lengthFits(command, length, status, dir)) {
    return 'no_match';
  }
  if (n < ENCAP.HEADER_BYTES) return 'need_more';
  c.skip(8);
  if (c.u32le() !== 0) return 'no_match';
  const total = ENCAP.HEADER_BYTES + length;
  if (n < total) return strongCommand(command) ? 'match' : 'need_more';
  let cpfAt = -1;
  if (command === COMMANDS.SEND_RR_DATA || command === COMMANDS.SEND_UNIT_DATA) {
    if (length >= ITEM_BYTES.RR_PREFIX + 2) cpfAt = ENCAP.HEADER_BYTES + ITEM_BYTES.RR_PREFIX;
  } else if (
    (command === COMMANDS.LIST_IDENTITY ||
      command === COMMANDS.LIST_SERVICES ||
      command === COMMANDS.LIST_INTERFACES) &&
    length >= 2
  ) {
    cpfAt = ENCAP.HEADER_BYTES;
  }
  if (cpfAt >= 0 && cpfExtent(data, cpfAt, total) !== total - cpfAt) return 'no_match';
  // Another message follows: its first bytes must be plausible too.
  if (n >= total + 2 && !COMMAND_NAMES.has(u16(data, total))) return 'no_match';
  return 'match';
}

/**
 * Decodes the next bytes of one direction: every complete encapsulation message (or I/O
 * datagram) becomes one event, plus one `enip.embedded` event per embedded CIP message; a
 * partial message at the end is left unconsumed (`incomplete`).
 */
export function parseEnip(
  state: EnipState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (state.resync[dir]) {
      const at = scanForHeader(data, pos);
      if (at < 0) {
        // Keep the last bytes that may still start a header once more data arrives.
        const keep = Math.min(ENCAP.HEADER_BYTES - 1, n - pos);
        return incomplete(n - keep, ENCAP.HEADER_BYTES);
      }
      state.resync[dir] = false;
      pos = at;
    }
    const rem = n - pos;
    if (rem < 4) return incomplete(pos, 4);
    if (isIoStart(data, pos)) {
      const ext = cpfExtent(data, pos, n);
      if (ext < 0) return incomplete(pos, -ext);
      if (ext > rem) return incomplete(pos, ext);
      decodeIo(state, dir, sink, data, pos, pos + ext);
      pos += ext;
      continue;
    }
    if (rem < ENCAP.HEADER_BYTES) return incomplete(pos, ENCAP.HEADER_BYTES);
    const command = u16(data, pos);
    const length = u16(data, pos + ENCAP.LENGTH_OFFSET);
    const total = ENCAP.HEADER_BYTES + length;
    const known = COMMAND_NAMES.has(command);
    if (!known && !state.confirmed) {
      flag(sink, 'enip.unknown_command', `command 0x${command.toString(16).padStart(4, '0')}`);
      return reject('enip.unknown_command');
    }
    if (total > state.limits.maxPduBytes) {
      flag(
        sink,
        'enip.invalid_length',
        `length ${length} over the ${state.limits.maxPduBytes}-byte limit`,
      );
      if (!state.confirmed) return reject('enip.invalid_length');
      state.resync[dir] = true;
      pos += 1;
      continue;
    }
    if (rem < total) return incomplete(pos, total);
    decodeMessage(state, dir, sink, data, pos, total);
    pos += total;
  }
  return OK;
}

/** First offset at or after `from` where a plausible header starts, or -1 (direct indexing). */
function scanForHeader(data: Uint8Array, from: number): number {
  const last = data.length - ENCAP.HEADER_BYTES;
  for (let p = from; p <= last; p++) if (plausibleHeader(data, p)) return p;
  return -1;
}

/** Where the CIP message of a SendRRData/SendUnitData was found by the CPF walk. */
const found = { start: -1, end: -1, connected: false, sequence: 0 };

/** Decodes one encapsulation message `data[pos, pos + total)` and emits its events. */
function decodeMessage(
  state: EnipState,
  dir: Direction,
  sink: DecodeSink,
  data: Uint8Array,
  pos: number,
  total: number,
): void {
  const c = cur.reset(data, pos, pos + total);
  const command = c.u16le();
  const length = c.u16le();
  const session = c.u32le();
  const status = c.u32le();
  const ctxLo = c.u32le();
  const ctxHi = c.u32le();
  const options = c.u32le();
  const isResponse = dir === Direction.TO_CLIENT;
  const known = COMMAND_NAMES.has(command);
  const e: EnipFields = {
    command,
    command_name: COMMAND_NAMES.get(command) ?? 'unknown',
    length,
    session_handle: session,
    status,
    status_name: ENCAP_STATUS_NAMES.get(status) ?? 'unknown',
    sender_context: hexBytes(data, pos + 12, 8),
    options,
    is_response: isResponse,
  };
  let wellFormed = known && options === 0;
  if (!known) {
    flag(sink, 'enip.unknown_command', `command 0x${command.toString(16).padStart(4, '0')}`);
  }
  if (options !== 0) flag(sink, 'enip.invalid_options', `options 0x${options.toString(16)}`);
  if (status !== 0) {
    flag(
      sink,
      'enip.encapsulation_error',
      `${e.command_name}: status 0x${status.toString(16)} (${e.status_name})`,
    );
  }

  let cipFields: CipFields | undefined;
  let paired = false;
  cip.begin(state.limits, sink, state.connections);
  switch (command) {
    case COMMANDS.LIST_IDENTITY:
    case COMMANDS.LIST_SERVICES:
    case COMMANDS.LIST_INTERFACES:
      if (length > 0) wellFormed = walkItems(state, sink, c, e, data, pos) && wellFormed;
      if (isResponse && e.identity !== undefined) paired = true;
      break;
    case COMMANDS.REGISTER_SESSION:
      if (length >= ENCAP.REGISTER_SESSION_LENGTH) {
        e.protocol_version = c.u16le();
        e.session_options = c.u16le();
      }
      if (length !== ENCAP.REGISTER_SESSION_LENGTH && status === 0) {
        flag(sink, 'enip.invalid_length', `register session with ${length} data bytes`);
        wellFormed = false;
      }
      if (isResponse && status === 0) {
        state.session = session;
        paired = true;
      }
      break;
    case COMMANDS.UNREGISTER_SESSION:
      // [V2] 2-4.5: no command data, and no reply (the target closes the connection).
      if (length !== 0) {
        flag(sink, 'enip.invalid_length', `unregister session with ${length} data bytes`);
        wellFormed = false;
      }
      if (!isResponse) state.session = NO_SESSION;
      break;
    case COMMANDS.SEND_RR_DATA:
    case COMMANDS.SEND_UNIT_DATA: {
      if (!isResponse && state.session !== NO_SESSION && session !== state.session) {
        flag(
          sink,
          'enip.session_mismatch',
          `session 0x${session.toString(16)}, registered 0x${state.session.toString(16)}`,
        );
      }
      if (length < ITEM_BYTES.RR_PREFIX) {
        if (status === 0) {
          flag(sink, 'enip.cpf_malformed', `${e.command_name} with ${length} data bytes`);
          wellFormed = false;
        }
        break;
      }
      e.interface_handle = c.u32le();
      e.timeout = c.u16le();
      found.start = -1;
      wellFormed = walkItems(state, sink, c, e, data, pos) && wellFormed;
      if (e.connection_id !== undefined && state.connections.size() > 0) {
        const conn = state.connections.byId(e.connection_id);
        if (conn !== undefined) e.connection = conn.toFields();
      }
      if (found.start >= 0 && found.end > found.start) {
        cip.context = embeddedContext(e);
        const r = decodeCip(state, sink, data, ctxLo, ctxHi);
        cipFields = r;
        if (r.is_response && r.class_id !== undefined) paired = true;
      }
      break;
    }
    default:
      break;
  }

  const event: EnipEvent =
    cipFields === undefined
      ? { kind: isResponse ? 'enip.response' : 'enip.request', enip: e }
      : { kind: isResponse ? 'enip.response' : 'enip.request', enip: e, cip: cipFields };
  sink.emit(event);
  for (const emb of cip.embedded) sink.emit(emb);
  if (!state.confirmed && (paired || (wellFormed && ++state.wellFormed >= CONFIRM_AFTER_PDUS))) {
    state.confirmed = true;
    sink.confirm();
  }
}

/**
 * The `enip` object of the `enip.embedded` events of a message: the encapsulation context that
 * ties them to it (direction, session, connection), without the command, which Wireshark lists
 * once per encapsulation message.
 */
function embeddedContext(e: EnipFields): EnipFields {
  const x: EnipFields = { is_response: e.is_response };
  if (e.session_handle !== undefined) x.session_handle = e.session_handle;
  if (e.connection_id !== undefined) x.connection_id = e.connection_id;
  if (e.cip_sequence !== undefined) x.cip_sequence = e.cip_sequence;
  return x;
}

/** Decodes the CIP message the CPF walk found, pairing responses with requests. */
function decodeCip(
  state: EnipState,
  sink: DecodeSink,
  data: Uint8Array,
  ctxLo: number,
  ctxHi: number,
): CipFields {
  const kind = found.connected ? PairKind.CONNECTED : PairKind.UNCONNECTED;
  const a = found.connected ? found.sequence : ctxLo;
  const b = found.connected ? 0 : ctxHi;
  const isResponse = ((data[found.start] as number) & RESPONSE_BIT) !== 0;
  let paired = null;
  if (isResponse) {
    paired = state.pending.take(kind, a, b);
    if (state.responses <= MIDSTREAM_RESPONSES) state.responses++;
    // A capture that starts mid-connection sees, among its first replies, the answers to
    // requests it never saw.
    const midstream = sink.handshakeSeen?.() === false && state.responses <= MIDSTREAM_RESPONSES;
    if (paired === null && !midstream) {
      flag(
        sink,
        'enip.response_without_request',
        found.connected
          ? `cip sequence ${a}`
          : `sender context ${ctxLo.toString(16)}:${ctxHi.toString(16)}`,
      );
    }
  }
  const f = cip.message(data, found.start, found.end, 0, paired, 0, -1);
  if (!isResponse && cip.lastInfo !== null && state.pending.add(kind, a, b, cip.lastInfo)) {
    flag(sink, 'enip.too_many_transactions', `${state.pending.capacity} requests unanswered`);
  }
  return f;
}

/**
 * Walks the common packet format at the cursor: lists the items in `e.items`, decodes the
 * address, socket address, identity and service items, and records where a data item's CIP
 * message is (in {@link found}). Returns false when the items do not fit the message.
 */
function walkItems(
  state: EnipState,
  sink: DecodeSink,
  c: ByteCursor,
  e: EnipFields,
  data: Uint8Array,
  pos: number,
): boolean {
  if (c.remaining() < 2) {
    flag(sink, 'enip.cpf_malformed', 'no item count');
    return false;
  }
  const count = c.u16le();
  const max = state.limits.maxObjectsPerMessage;
  const items: CpfItem[] = [];
  e.items = items;
  let ok = true;
  for (let i = 0; i < count; i++) {
    if (i >= max) {
      flag(sink, 'enip.too_many_items', `${count} items`);
      ok = false;
      break;
    }
    if (c.remaining() < ITEM_BYTES.HEADER) {
      flag(sink, 'enip.cpf_malformed', `item ${i} of ${count}: no header`);
      ok = false;
      break;
    }
    const type = c.u16le();
    const len = c.u16le();
    if (len > c.remaining()) {
      flag(
        sink,
        'enip.cpf_malformed',
        `item ${i} (0x${type.toString(16)}): ${len} bytes, ${c.remaining()} left`,
      );
      ok = false;
      break;
    }
    items.push({ type_id: type, type: ITEM_NAMES.get(type) ?? 'unknown', length: len });
    const at = c.offset();
    decodeItem(state, sink, c, e, data, pos, type, len);
    c.seek(at + len);
  }
  return ok;
}

/** Decodes one item's data (the cursor is at its start; the caller moves past it). */
function decodeItem(
  state: EnipState,
  sink: DecodeSink,
  c: ByteCursor,
  e: EnipFields,
  data: Uint8Array,
  pos: number,
  type: number,
  len: number,
): void {
  switch (type) {
    case ITEMS.CONNECTED_ADDRESS:
      if (len >= ITEM_BYTES.CONNECTED_ADDRESS) e.connection_id = c.u32le();
      break;
    case ITEMS.SEQUENCED_ADDRESS:
      if (len >= ITEM_BYTES.SEQUENCED_ADDRESS) {
        e.connection_id = c.u32le();
        e.sequence_number = c.u32le();
      }
      break;
    case ITEMS.UNCONNECTED_DATA:
      e.data_length = len;
      found.start = pos + c.offset();
      found.end = found.start + len;
      found.connected = false;
      break;
    case ITEMS.CONNECTED_DATA:
      if (len >= ITEM_BYTES.SEQUENCE_COUNT) {
        e.cip_sequence = c.u16le();
        e.data_length = len - ITEM_BYTES.SEQUENCE_COUNT;
        found.start = pos + c.offset();
        found.end = found.start + len - ITEM_BYTES.SEQUENCE_COUNT;
        found.connected = true;
        found.sequence = e.cip_sequence;
      }
      break;
    case ITEMS.SOCKADDR_O_T:
    case ITEMS.SOCKADDR_T_O:
      if (len >= ITEM_BYTES.SOCKADDR) {
        const s = decodeSockAddr(c);
        (e.sockaddr ??= []).push({
          direction: type === ITEMS.SOCKADDR_O_T ? 'o_t' : 't_o',
          family: s.family,
          port: s.port,
          address: s.address,
        });
      }
      break;
    case ITEMS.LIST_IDENTITY:
      if (e.identity === undefined) {
        if (len < ITEM_BYTES.IDENTITY_FIXED) {
          flag(sink, 'enip.cpf_malformed', `identity item of ${len} bytes`);
          break;
        }
        const version = c.u16le();
        const socket = decodeSockAddr(c);
        const id = decodeIdentity(c, state.limits.maxStringBytes, true);
        if (id !== undefined) {
          e.identity = { encap_version: version, socket, ...id };
        }
      }
      break;
    case ITEMS.LIST_SERVICES:
      if (len >= ITEM_BYTES.LIST_SERVICES - 16) {
        const version = c.u16le();
        const flags = c.u16le();
        const name = c.latin1(Math.min(16, c.remaining()), state.limits.maxStringBytes);
        const svc: ServiceInfo = {
          type_id: type,
          version,
          capability_flags: flags,
          name: trimNul(name),
        };
        (e.services ??= []).push(svc);
      }
      break;
    default:
      break;
  }
}

/** Drops the NUL padding of a fixed-size name. */
function trimNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** Decodes one connected I/O datagram `data[pos, end)` ([V2] 3-3.2) and emits its event. */
function decodeIo(
  state: EnipState,
  dir: Direction,
  sink: DecodeSink,
  data: Uint8Array,
  pos: number,
  end: number,
): void {
  const c = cur.reset(data, pos, end);
  const e: EnipFields = { is_response: dir === Direction.TO_CLIENT };
  const count = c.u16le();
  const items: CpfItem[] = [];
  e.items = items;
  for (let i = 0; i < count; i++) {
    const type = c.u16le();
    const len = c.u16le();
    items.push({ type_id: type, type: ITEM_NAMES.get(type) ?? 'unknown', length: len });
    const at = c.offset();
    if (type === ITEMS.SEQUENCED_ADDRESS && len >= ITEM_BYTES.SEQUENCED_ADDRESS) {
      e.connection_id = c.u32le();
      e.sequence_number = c.u32le();
    } else if (type === ITEMS.CONNECTED_ADDRESS && len >= ITEM_BYTES.CONNECTED_ADDRESS) {
      e.connection_id = c.u32le();
    } else if (type === ITEMS.CONNECTED_DATA) {
      e.data_length = len;
    }
    c.seek(at + len);
  }
  sink.emit({ kind: 'enip.io', enip: e });
  if (!state.confirmed && e.connection_id !== undefined && e.data_length !== undefined) {
    state.confirmed = true;
    sink.confirm();
  }
}
