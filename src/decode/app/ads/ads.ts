/**
 * Beckhoff ADS/AMS parser: AMS/TCP framing ([ADS] "AMS/TCP Header"), the AMS header, the ADS
 * command payloads, and the UDP 48899 router service ([ROUTE]).
 *
 * One decoder serves both transports. On TCP 48898 every AMS packet is preceded by a 6-byte
 * AMS/TCP header (reserved word, little-endian length); a reserved word other than 0 is a
 * router control frame. A UDP 48899 datagram is either the router service (discovery, add
 * route; recognised by its magic) or one AMS packet (state flag 0x0040). All integers are
 * little-endian. TCP verdicts are taken on whole AMS/TCP headers and whole frames, so they do
 * not depend on how the stream is cut.
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
  ADS,
  ADS_STATES,
  BY_NAME_GROUPS,
  CMD,
  COMMANDS,
  DISRUPTIVE_STATES,
  ERRORS,
  FLAGS,
  FLAGS_UNDEFINED,
  INDEX_GROUPS,
  ROUTE_SERVICES,
  ROUTE_TAG,
  SUM_ENTRY_BYTES,
  SUM_WRITE_GROUPS,
  SYMBOL_UPLOAD_GROUPS,
  TCP_COMMANDS,
} from './constants.js';
import type { AdsFields } from './events.js';

const UNKNOWN = 0;
const TCP = 1;
const ROUTE = 2;
const AMS_UDP = 3;

/** Per-flow state. */
export interface AdsState {
  /** UNKNOWN until the first byte, then TCP, ROUTE or AMS_UDP. */
  mode: number;
  confirmed: boolean;
  /** Outstanding requests: invoke id -> index group (-1 when the command has none). */
  readonly pending: Map<number, number>;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createAdsState(limits: DecoderLimits): AdsState {
  return { mode: UNKNOWN, confirmed: false, pending: new Map(), limits };
}

function u16(d: Uint8Array, p: number): number {
  return (d[p] as number) | ((d[p + 1] as number) << 8);
}

function u32(d: Uint8Array, p: number): number {
  return (
    ((d[p] as number) |
      ((d[p + 1] as number) << 8) |
      ((d[p + 2] as number) << 16) |
      ((d[p + 3] as number) << 24)) >>>
    0
  );
}

/** Dotted AMS NetId of the 6 bytes at `p`. */
function netId(d: Uint8Array, p: number): string {
  return `${d[p]}.${d[p + 1]}.${d[p + 2]}.${d[p + 3]}.${d[p + 4]}.${d[p + 5]}`;
}

/** Printable text of `d[p..p+len)` up to the first NUL, at most `cap` characters. */
function text(d: Uint8Array, p: number, len: number, cap: number): string {
  let s = '';
  const n = Math.min(len, cap);
  for (let i = 0; i < n; i++) {
    const c = d[p + i] as number;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return s;
}

const hex = (v: number): string => `0x${v.toString(16)}`;

/** True when the 32 bytes at `p` look like an AMS header of a packet of `len` bytes. */
function plausibleAms(d: Uint8Array, p: number, len: number): boolean {
  const cmd = u16(d, p + 16);
  const flags = u16(d, p + 18);
  return (
    cmd >= 1 &&
    cmd <= 9 &&
    (flags & FLAGS.ADS_COMMAND) !== 0 &&
    (flags & FLAGS_UNDEFINED) === 0 &&
    u32(d, p + 20) === len - ADS.AMS_HEADER
  );
}

function routeMagic(d: Uint8Array, n: number): boolean {
  for (let i = 0; i < 4; i++) if (i < n && d[i] !== ADS.ROUTE_MAGIC[i]) return false;
  return true;
}

/**
 * Recognises an AMS/TCP frame (reserved 0, a length that covers an AMS header, a known command
 * with the ADS command flag and a data length that matches), an AMS packet over UDP (UDP flag)
 * or the router service magic.
 */
export function probeAds(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  if (data[0] === ADS.ROUTE_MAGIC[0]) {
    if (!routeMagic(data, n)) return 'no_match';
    return n < ADS.ROUTE_HEADER ? 'need_more' : 'match';
  }
  if (data[0] !== 0 || (n > 1 && data[1] !== 0)) {
    // AMS over UDP: the AMS header starts the datagram.
    if (n < ADS.AMS_HEADER) return 'no_match';
    const flags = u16(data, 18);
    return (flags & FLAGS.UDP) !== 0 && plausibleAms(data, 0, n) ? 'match' : 'no_match';
  }
  if (n < ADS.TCP_HEADER) return 'need_more';
  const len = u32(data, 2);
  if (len < ADS.AMS_HEADER || len > 0xffff) return 'no_match';
  if (n < ADS.TCP_HEADER + ADS.AMS_HEADER) return 'need_more';
  return plausibleAms(data, ADS.TCP_HEADER, len) ? 'match' : 'no_match';
}

/**
 * Decodes AMS/TCP frames from a stream, or UDP 48899 datagrams. The first byte of a flow picks
 * the framing, kept for the flow: 0x00 (the AMS/TCP reserved word) AMS/TCP, 0x03 (the router
 * service magic) the router service, anything else an AMS packet over UDP (a NetId). Each of
 * the three has a length (AMS/TCP length, AMS data length, the tag lengths), so a datagram is
 * framed like a stream and a short one is `incomplete` (`ads.truncated_datagram`).
 */
export function parseAds(
  state: AdsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (n === 0) return OK;
  if (state.mode === UNKNOWN) {
    const b = data[0] as number;
    state.mode = b === 0 ? TCP : b === ADS.ROUTE_MAGIC[0] ? ROUTE : AMS_UDP;
  }
  if (state.mode === ROUTE) return parseRoute(state, data, sink);
  if (state.mode === AMS_UDP) return parseAmsUdp(state, data, dir, sink);
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    if (avail < ADS.TCP_HEADER) return incomplete(pos, ADS.TCP_HEADER);
    const reserved = u16(data, pos);
    const len = u32(data, pos + 2);
    if (reserved === 0 && len < ADS.AMS_HEADER) return reject('ads.invalid_length');
    if (len + ADS.TCP_HEADER > state.limits.maxPduBytes) return reject('ads.invalid_length');
    if (reserved !== 0 && !TCP_COMMANDS.has(reserved) && !state.confirmed) {
      return reject('ads.invalid_header');
    }
    const total = len + ADS.TCP_HEADER;
    if (avail < total) return incomplete(pos, total);
    const start = pos + ADS.TCP_HEADER;
    if (reserved !== 0) {
      routerControl(reserved, data, start, pos + total, sink);
    } else {
      if (!state.confirmed && !plausibleAms(data, start, len)) return reject('ads.invalid_header');
      amsPacket(state, data, start, pos + total, 'tcp', dir, sink);
    }
    pos += total;
  }
  return OK;
}

/** AMS packets over UDP: the AMS header, then `data length` bytes. */
function parseAmsUdp(
  state: AdsState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    if (avail < ADS.AMS_HEADER) return incomplete(pos, ADS.AMS_HEADER);
    const total = ADS.AMS_HEADER + u32(data, pos + 20);
    if (total > state.limits.maxPduBytes) return reject('ads.invalid_length');
    if (!state.confirmed && !plausibleAms(data, pos, total)) return reject('ads.invalid_header');
    if (avail < total) return incomplete(pos, total);
    amsPacket(state, data, pos, pos + total, 'udp', dir, sink);
    pos += total;
  }
  return OK;
}

/** Router service datagrams: magic, header, then `tag count` (tag, length, value) triples. */
function parseRoute(state: AdsState, data: Uint8Array, sink: DecodeSink): ParseStatus {
  const n = data.length;
  const max = state.limits.maxPduBytes;
  let pos = 0;
  while (pos < n) {
    const avail = n - pos;
    for (let i = 0; i < 4 && i < avail; i++) {
      if (data[pos + i] !== ADS.ROUTE_MAGIC[i]) return reject('ads.invalid_header');
    }
    if (avail < ADS.ROUTE_HEADER) return incomplete(pos, ADS.ROUTE_HEADER);
    const count = u32(data, pos + 20);
    // Every tag has a 4-byte header: a count the buffer limit cannot hold is not a datagram.
    if (count > (max - ADS.ROUTE_HEADER) / 4) return reject('ads.invalid_length');
    let q = ADS.ROUTE_HEADER;
    for (let i = 0; i < count; i++) {
      if (avail < q + 4) return incomplete(pos, q + 4);
      q += 4 + u16(data, pos + q + 2);
      if (q > max) return reject('ads.invalid_length');
    }
    if (avail < q) return incomplete(pos, q);
    route(state, data.subarray(pos, pos + q), sink);
    pos += q;
  }
  return OK;
}

function routerControl(
  reserved: number,
  d: Uint8Array,
  start: number,
  end: number,
  sink: DecodeSink,
): void {
  const f: AdsFields = {
    framing: 'tcp',
    tcp_command: reserved,
    tcp_command_name: TCP_COMMANDS.get(reserved) ?? 'unknown',
  };
  if (!TCP_COMMANDS.has(reserved)) sink.anomaly('ads.invalid_header', `AMS/TCP ${hex(reserved)}`);
  // Port connect and local NetId replies carry a NetId and a port.
  if (end - start >= 8) {
    f.source_net_id = netId(d, start);
    f.source_port = u16(d, start + 6);
  }
  sink.emit({ kind: 'ads.router_control', ads: f });
}

/** Decodes the AMS packet `d[start..end)` (header plus ADS data, at least 32 bytes) and emits it. */
function amsPacket(
  state: AdsState,
  d: Uint8Array,
  start: number,
  end: number,
  framing: 'tcp' | 'udp',
  _dir: Direction,
  sink: DecodeSink,
): void {
  const cmd = u16(d, start + 16);
  const flags = u16(d, start + 18);
  const cb = u32(d, start + 20);
  const err = u32(d, start + 24);
  const invoke = u32(d, start + 28);
  const response = (flags & FLAGS.RESPONSE) !== 0;
  const f: AdsFields = {
    framing,
    target_net_id: netId(d, start),
    target_port: u16(d, start + 6),
    source_net_id: netId(d, start + 8),
    source_port: u16(d, start + 14),
    command_id: cmd,
    command: COMMANDS[cmd] ?? 'unknown',
    state_flags: flags,
    data_length: cb,
    error_code: err,
    error: ERRORS.get(err) ?? 'unknown',
    invoke_id: invoke,
  };
  const known = cmd >= 1 && cmd <= 9;
  if (!known) sink.anomaly('ads.unknown_command', `command id ${cmd}`);
  if ((flags & FLAGS_UNDEFINED) !== 0)
    sink.anomaly('ads.invalid_header', `state flags ${hex(flags)}`);
  if (err !== 0) sink.anomaly('ads.error_response', `AMS error ${hex(err)} ${f.error}`);
  const p = start + ADS.AMS_HEADER;
  let q = end;
  if (cb !== end - p) {
    sink.anomaly('ads.length_mismatch', `AMS data length ${cb}, ${end - p} bytes present`);
    if (cb < end - p) q = p + cb;
  }
  if (response) {
    const ig = state.pending.get(invoke);
    if (ig !== undefined) {
      state.pending.delete(invoke);
      if (ig >= 0) f.request_index_group = ig;
    }
    if (known) responseData(d, p, q, cmd, f, sink);
  } else {
    if (known) requestData(state, d, p, q, cmd, f, sink);
    if ((flags & FLAGS.NO_RETURN) === 0 && cmd !== CMD.NOTIFICATION)
      remember(state, invoke, f, sink);
  }
  sink.emit({ kind: response ? 'ads.response' : 'ads.request', ads: f });
  if (!state.confirmed && known && (flags & FLAGS.ADS_COMMAND) !== 0) {
    state.confirmed = true;
    sink.confirm();
  }
}

function remember(state: AdsState, invoke: number, f: AdsFields, sink: DecodeSink): void {
  const pending = state.pending;
  if (!pending.has(invoke) && pending.size >= state.limits.maxPendingTransactions) {
    sink.anomaly('ads.too_many_pending', `${pending.size} requests without a response`);
    // Forget the oldest: a peer that never answers must not pin the table.
    const oldest = pending.keys().next().value as number;
    pending.delete(oldest);
  }
  pending.set(invoke, f.index_group ?? -1);
}

function setGroup(f: AdsFields, ig: number, io: number): void {
  f.index_group = ig;
  const name = INDEX_GROUPS.get(ig);
  if (name !== undefined) f.index_group_name = name;
  f.index_offset = io;
}

function requestData(
  state: AdsState,
  d: Uint8Array,
  p: number,
  end: number,
  cmd: number,
  f: AdsFields,
  sink: DecodeSink,
): void {
  const avail = end - p;
  switch (cmd) {
    case CMD.READ_DEVICE_INFO:
    case CMD.READ_STATE:
      if (avail !== 0) sink.anomaly('ads.length_mismatch', `${avail} bytes after ${f.command}`);
      return;
    case CMD.READ: {
      if (avail < 12) return short(f, 12, avail, sink);
      const ig = u32(d, p);
      setGroup(f, ig, u32(d, p + 4));
      f.length = u32(d, p + 8);
      if (SYMBOL_UPLOAD_GROUPS.has(ig)) sink.anomaly('ads.symbol_upload', f.index_group_name);
      return;
    }
    case CMD.WRITE: {
      if (avail < 12) return short(f, 12, avail, sink);
      const ig = u32(d, p);
      const io = u32(d, p + 4);
      setGroup(f, ig, io);
      f.length = u32(d, p + 8);
      if (f.length !== avail - 12) {
        sink.anomaly('ads.length_mismatch', `write length ${f.length}, ${avail - 12} bytes`);
      }
      // Releasing a handle is housekeeping, not a write to the process.
      if (ig !== 0xf006) sink.anomaly('ads.write', `index group ${hex(ig)} offset ${hex(io)}`);
      return;
    }
    case CMD.WRITE_CONTROL: {
      if (avail < 8) return short(f, 8, avail, sink);
      const s = u16(d, p);
      f.ads_state = s;
      f.ads_state_name = ADS_STATES[s] ?? 'unknown';
      f.device_state = u16(d, p + 2);
      f.length = u32(d, p + 4);
      sink.anomaly(
        'ads.state_change',
        `${DISRUPTIVE_STATES.has(s) ? 'disruptive ' : ''}ADS state ${f.ads_state_name}`,
      );
      return;
    }
    case CMD.ADD_NOTIFICATION: {
      if (avail < 24) return short(f, 24, avail, sink);
      setGroup(f, u32(d, p), u32(d, p + 4));
      f.length = u32(d, p + 8);
      f.transmission_mode = u32(d, p + 12);
      f.max_delay = u32(d, p + 16);
      f.cycle_time = u32(d, p + 20);
      return;
    }
    case CMD.DEL_NOTIFICATION:
      if (avail < 4) return short(f, 4, avail, sink);
      f.notification_handle = u32(d, p);
      return;
    case CMD.NOTIFICATION:
      notification(state, d, p, end, f, sink);
      return;
    case CMD.READ_WRITE: {
      if (avail < 16) return short(f, 16, avail, sink);
      const ig = u32(d, p);
      const io = u32(d, p + 4);
      setGroup(f, ig, io);
      f.read_length = u32(d, p + 8);
      const wl = u32(d, p + 12);
      f.write_length = wl;
      const w = p + 16;
      if (wl !== end - w)
        sink.anomaly('ads.length_mismatch', `write length ${wl}, ${end - w} bytes`);
      const wend = Math.min(end, w + wl);
      if (BY_NAME_GROUPS.has(ig)) f.symbol_name = text(d, w, wend - w, state.limits.maxStringBytes);
      const entry = SUM_ENTRY_BYTES.get(ig);
      if (entry !== undefined) sumCommand(state, d, w, wend, entry, io, f, sink);
      if (SUM_WRITE_GROUPS.has(ig)) sink.anomaly('ads.write', `${f.index_group_name} of ${io}`);
      if (SYMBOL_UPLOAD_GROUPS.has(ig)) sink.anomaly('ads.symbol_upload', f.index_group_name);
      return;
    }
  }
}

/** A sum command: `count` sub-request headers of `entry` bytes each from `p`. */
function sumCommand(
  state: AdsState,
  d: Uint8Array,
  p: number,
  end: number,
  entry: number,
  count: number,
  f: AdsFields,
  sink: DecodeSink,
): void {
  f.sum_count = count;
  // Sum delete-notification lists handles, not index groups.
  if (entry < 12) return;
  const max = state.limits.maxObjectsPerMessage;
  const groups: number[] = [];
  for (let i = 0, q = p; i < count && q + entry <= end; i++, q += entry) {
    if (groups.length === max) {
      sink.anomaly('ads.objects_limit_reached', `more than ${max} sum sub-requests`);
      break;
    }
    groups.push(u32(d, q));
  }
  f.sum_index_groups = groups;
}

/** DeviceNotification: length, stamps, then per stamp a timestamp, samples and their data. */
function notification(
  state: AdsState,
  d: Uint8Array,
  p: number,
  end: number,
  f: AdsFields,
  sink: DecodeSink,
): void {
  if (end - p < 8) return short(f, 8, end - p, sink);
  f.length = u32(d, p);
  const stamps = u32(d, p + 4);
  f.stamps = stamps;
  if (f.length !== end - p - 4) {
    sink.anomaly('ads.length_mismatch', `notification length ${f.length}, ${end - p - 4} bytes`);
  }
  const max = state.limits.maxObjectsPerMessage;
  let samples = 0;
  let q = p + 8;
  // Every step moves forward by at least 8 bytes, so the walk ends with the buffer.
  for (let s = 0; s < stamps; s++) {
    if (end - q < 12) {
      sink.anomaly('ads.length_mismatch', `stamp ${s} of ${stamps} missing`);
      break;
    }
    const n = u32(d, q + 8);
    q += 12;
    for (let i = 0; i < n; i++) {
      if (samples === max) {
        sink.anomaly('ads.objects_limit_reached', `more than ${max} samples`);
        f.samples = samples;
        return;
      }
      if (end - q < 8) {
        sink.anomaly('ads.length_mismatch', `sample ${i} of ${n} missing`);
        f.samples = samples;
        return;
      }
      const size = u32(d, q + 4);
      q += 8;
      if (size > end - q) {
        sink.anomaly('ads.length_mismatch', `sample of ${size} bytes past the end`);
        f.samples = samples + 1;
        return;
      }
      q += size;
      samples++;
    }
  }
  f.samples = samples;
}

function short(f: AdsFields, need: number, got: number, sink: DecodeSink): void {
  sink.anomaly('ads.length_mismatch', `${f.command} needs ${need} bytes, ${got} present`);
}

function setResult(f: AdsFields, r: number, sink: DecodeSink): void {
  f.result = r;
  f.result_name = ERRORS.get(r) ?? 'unknown';
  if (r !== 0) sink.anomaly('ads.error_response', `ADS result ${hex(r)} ${f.result_name}`);
}

function responseData(
  d: Uint8Array,
  p: number,
  end: number,
  cmd: number,
  f: AdsFields,
  sink: DecodeSink,
): void {
  const avail = end - p;
  // An AMS error response (error code set) may carry no ADS data at all.
  if (avail === 0 && f.error_code !== 0) return;
  if (avail < 4) return short(f, 4, avail, sink);
  setResult(f, u32(d, p), sink);
  switch (cmd) {
    case CMD.READ_DEVICE_INFO:
      if (avail >= 24) {
        f.version = `${d[p + 4]}.${d[p + 5]}.${u16(d, p + 6)}`;
        f.device_name = text(d, p + 8, 16, 16);
      } else if (f.result === 0) short(f, 24, avail, sink);
      return;
    case CMD.READ:
    case CMD.READ_WRITE:
      if (avail >= 8) {
        f.length = u32(d, p + 4);
        if (f.length !== avail - 8) {
          sink.anomaly('ads.length_mismatch', `read length ${f.length}, ${avail - 8} bytes`);
        }
      } else if (f.result === 0) short(f, 8, avail, sink);
      return;
    case CMD.READ_STATE:
      if (avail >= 8) {
        const s = u16(d, p + 4);
        f.ads_state = s;
        f.ads_state_name = ADS_STATES[s] ?? 'unknown';
        f.device_state = u16(d, p + 6);
      } else if (f.result === 0) short(f, 8, avail, sink);
      return;
    case CMD.ADD_NOTIFICATION:
      if (avail >= 8) f.notification_handle = u32(d, p + 4);
      else if (f.result === 0) short(f, 8, avail, sink);
      return;
  }
}

/** One router service message ([ROUTE]), framed by parseRoute: header, then its tags. */
function route(state: AdsState, d: Uint8Array, sink: DecodeSink): void {
  const n = d.length;
  const sid = u32(d, 8);
  const service = sid & 0x7fffffff;
  const f: AdsFields = {
    framing: 'udp',
    service_id: service,
    service: ROUTE_SERVICES.get(service) ?? 'unknown',
    response: sid >>> 31 === 1,
    source_net_id: netId(d, 12),
    source_port: u16(d, 18),
  };
  const count = u32(d, 20);
  f.tag_count = count;
  const cap = state.limits.maxStringBytes;
  let q = ADS.ROUTE_HEADER;
  // Every tag moves forward by at least its 4-byte header, so the walk ends with the buffer.
  for (let i = 0; i < count; i++) {
    if (n - q < 4) {
      sink.anomaly('ads.length_mismatch', `tag ${i} of ${count} missing`);
      break;
    }
    const tag = u16(d, q);
    const len = u16(d, q + 2);
    q += 4;
    if (len > n - q) {
      sink.anomaly('ads.length_mismatch', `tag ${tag} of ${len} bytes past the end`);
      break;
    }
    routeTag(d, q, len, tag, cap, f);
    q += len;
  }
  if (service === 6 && !f.response) {
    sink.anomaly(
      'ads.route_add',
      `route ${f.route_name ?? '?'} for ${f.route_net_id ?? '?'}${f.password_present === true ? ' with password' : ''}`,
    );
  }
  if (f.status !== undefined && f.status !== 0) {
    sink.anomaly('ads.error_response', `router service status ${hex(f.status)}`);
  }
  sink.emit({ kind: 'ads.route', ads: f });
  if (!state.confirmed && ROUTE_SERVICES.has(service)) {
    state.confirmed = true;
    sink.confirm();
  }
}

function routeTag(
  d: Uint8Array,
  q: number,
  len: number,
  tag: number,
  cap: number,
  f: AdsFields,
): void {
  switch (tag) {
    case ROUTE_TAG.STATUS:
      if (len >= 4) f.status = u32(d, q);
      return;
    case ROUTE_TAG.PASSWORD:
      f.password_present = true;
      return;
    case ROUTE_TAG.TC_VERSION:
      if (len >= 4) f.tc_version = `${d[q]}.${d[q + 1]}.${u16(d, q + 2)}`;
      return;
    case ROUTE_TAG.OS_VERSION:
      // OSVERSIONINFO: size, major, minor, build, platform (4 bytes each).
      if (len >= 16) f.os_version = `${u32(d, q + 4)}.${u32(d, q + 8)}.${u32(d, q + 12)}`;
      return;
    case ROUTE_TAG.HOST:
      f.host = text(d, q, len, cap);
      return;
    case ROUTE_TAG.NET_ID:
      if (len >= 6) f.route_net_id = netId(d, q);
      return;
    case ROUTE_TAG.ROUTE_NAME:
      f.route_name = text(d, q, len, cap);
      return;
    case ROUTE_TAG.USER_NAME:
      f.user_name = text(d, q, len, cap);
      return;
  }
}
