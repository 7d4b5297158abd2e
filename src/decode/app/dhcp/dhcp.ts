/**
 * DHCPv4 / BOOTP parser ([RFC951], [RFC2131], [RFC2132]): the fixed 236-byte BOOTP message,
 * the magic cookie and the options, including options carried in the `file` and `sname` fields
 * when option 52 says so ([RFC2131] 4.1).
 *
 * One datagram per call: BOOTP has no length of its own. Each option is read by index from the
 * datagram; strings are copied only for the options an event carries, cut to `maxStringBytes`.
 *
 * The rogue-server check keeps, per flow, the server identifier of the first OFFER or ACK of
 * each transaction (at most `maxPendingTransactions`, the oldest forgotten first): two servers
 * answering one client through the same relay or path share a flow. Offers that travel on
 * different flows (each server broadcasting from its own address) are the detection layer's to
 * compare across flows.
 */
import { ipv4ToString, macToString } from '../../../core/net-format.js';
import { OK, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import { ACK, DHCP, MESSAGE_TYPES, OFFER, OPT } from './constants.js';
import type { DhcpFields } from './events.js';

/** Per-flow state. */
export interface DhcpState {
  confirmed: boolean;
  /** Transaction ID to the server identifier that answered it first (insertion order = age). */
  readonly servers: Map<number, number>;
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state. */
export function createDhcpState(limits: DecoderLimits): DhcpState {
  return { confirmed: false, servers: new Map(), limits };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (
    (((d[p] as number) << 24) >>> 0) +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

/**
 * A BOOTP header: op 1 or 2, a known hardware address length (at most 16), at most 16 hops
 * ([RFC1542] 4.1.1 drops beyond), and either the DHCP magic cookie after the fixed part or a
 * plain BOOTP message of at least 300 bytes with a client hardware address.
 */
function plausible(d: Uint8Array): boolean {
  const n = d.length;
  if (n < DHCP.FIXED) return false;
  const op = d[0] as number;
  if (op !== 1 && op !== 2) return false;
  if ((d[2] as number) > 16 || (d[3] as number) > 16) return false;
  if (n >= DHCP.FIXED + 4 && u32(d, DHCP.FIXED) === DHCP.MAGIC) return true;
  if (n < DHCP.BOOTP_MIN) return false;
  // Plain BOOTP: the client hardware address is what the server answers to, never all zero.
  const hlen = d[2] as number;
  for (let i = 28; i < 28 + hlen; i++) if (d[i] !== 0) return true;
  return false;
}

/** Recognises a BOOTP/DHCP datagram. */
export function probeDhcp(data: Uint8Array, _dir: Direction): ProbeResult {
  return plausible(data) ? 'match' : 'no_match';
}

/** Per-message scratch filled by `options`. */
let overload = 0;
let sawEnd = false;
let listed = 0;

/** Decodes one BOOTP/DHCP datagram. */
export function parseDhcp(
  state: DhcpState,
  data: Uint8Array,
  _dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (!plausible(data)) {
    if (!state.confirmed) return reject('dhcp.not_bootp');
    sink.anomaly(
      n < DHCP.FIXED ? 'dhcp.truncated_message' : 'dhcp.not_bootp',
      `${n}-byte datagram, op ${data[0] ?? -1}`,
    );
    return OK;
  }
  const htype = data[1] as number;
  const hlen = data[2] as number;
  const flags = u16(data, 10);
  const f: DhcpFields = {
    op: data[0] as number,
    htype,
    hlen,
    hops: data[3] as number,
    xid: u32(data, 4),
    secs: u16(data, 8),
    flags,
    broadcast: (flags & 0x8000) !== 0,
    ciaddr: ipv4ToString(u32(data, 12)),
    yiaddr: ipv4ToString(u32(data, 16)),
    siaddr: ipv4ToString(u32(data, 20)),
    giaddr: ipv4ToString(u32(data, 24)),
    chaddr: htype === 1 && hlen === 6 ? macToString(data, 28) : hexColons(data, 28, 28 + hlen),
    dhcp: false,
  };
  overload = 0;
  sawEnd = false;
  listed = 0;
  const max = state.limits.maxStringBytes;
  if (n >= DHCP.FIXED + 4 && u32(data, DHCP.FIXED) === DHCP.MAGIC) {
    f.dhcp = true;
    options(data, DHCP.FIXED + 4, n, f, max, sink);
    if (!sawEnd) sink.anomaly('dhcp.missing_end', 'options field without the end option');
    // [RFC2131] 4.1: the file field is read before sname.
    if ((overload & 1) !== 0) {
      sawEnd = false;
      options(data, DHCP.FILE_OFF, DHCP.FILE_OFF + DHCP.FILE_LEN, f, max, sink);
    }
    if ((overload & 2) !== 0) {
      sawEnd = false;
      options(data, DHCP.SNAME_OFF, DHCP.SNAME_OFF + DHCP.SNAME_LEN, f, max, sink);
    }
  }
  if ((overload & 2) === 0) {
    const s = cString(data, DHCP.SNAME_OFF, DHCP.SNAME_LEN, max);
    if (s !== '') f.sname = s;
  }
  if ((overload & 1) === 0) {
    const s = cString(data, DHCP.FILE_OFF, DHCP.FILE_LEN, max);
    if (s !== '') f.file = s;
  }
  if (f.message_type !== undefined && !MESSAGE_TYPES.has(f.message_type)) {
    sink.anomaly('dhcp.unknown_message_type', `message type ${f.message_type}`);
  }
  if (f.message_type === OFFER || f.message_type === ACK) watchServer(state, f, sink);
  sink.emit({ kind: f.op === 1 ? 'dhcp.request' : 'dhcp.reply', dhcp: f });
  if (!state.confirmed) {
    state.confirmed = true;
    sink.confirm();
  }
  return OK;
}

/** Rogue-server sign: a second server identifier answering the same transaction. */
function watchServer(state: DhcpState, f: DhcpFields, sink: DecodeSink): void {
  if (f.server_id === undefined) return;
  const id = serverIdValue;
  const servers = state.servers;
  const first = servers.get(f.xid);
  if (first === undefined) {
    if (servers.size >= state.limits.maxPendingTransactions) {
      const oldest = servers.keys().next();
      if (oldest.done !== true) servers.delete(oldest.value);
    }
    servers.set(f.xid, id);
    return;
  }
  if (first !== id) {
    sink.anomaly(
      'dhcp.multiple_servers',
      `transaction 0x${f.xid.toString(16)} answered by ${ipv4ToString(first)} and ${f.server_id}`,
    );
  }
}

/** Numeric value of the last server identifier option read. */
let serverIdValue = 0;

/** Walks the options in `d[p, end)` into `f`. */
function options(
  d: Uint8Array,
  p: number,
  end: number,
  f: DhcpFields,
  max: number,
  sink: DecodeSink,
): void {
  while (p < end) {
    const code = d[p] as number;
    if (code === OPT.PAD) {
      p++;
      continue;
    }
    if (code === OPT.END) {
      sawEnd = true;
      return;
    }
    if (p + 1 >= end) {
      sink.anomaly('dhcp.malformed_option', `option ${code} without its length`);
      return;
    }
    const len = d[p + 1] as number;
    const v = p + 2;
    if (v + len > end) {
      sink.anomaly('dhcp.malformed_option', `option ${code}: ${len} bytes, ${end - v} left`);
      return;
    }
    if (listed < DHCP.MAX_OPTIONS_LISTED) {
      (f.options ??= []).push(code);
      listed++;
    } else if (listed === DHCP.MAX_OPTIONS_LISTED) {
      sink.anomaly('dhcp.options_limit_reached', `more than ${DHCP.MAX_OPTIONS_LISTED} options`);
      listed++;
    }
    if (!option(d, code, v, len, f, max)) {
      sink.anomaly('dhcp.malformed_option', `option ${code}: length ${len}`);
    }
    p = v + len;
  }
}

/** Reads one option's value into `f`; false when its length is wrong for the option. */
function option(
  d: Uint8Array,
  code: number,
  v: number,
  len: number,
  f: DhcpFields,
  max: number,
): boolean {
  switch (code) {
    case OPT.MESSAGE_TYPE:
      if (len !== 1) return false;
      f.message_type = d[v] as number;
      f.message_type_name = MESSAGE_TYPES.get(d[v] as number) ?? 'unknown';
      return true;
    case OPT.HOSTNAME:
      f.hostname = text(d, v, len, max);
      return len > 0;
    case OPT.VENDOR_CLASS:
      f.vendor_class = text(d, v, len, max);
      return len > 0;
    case OPT.DOMAIN_NAME:
      f.domain_name = text(d, v, len, max);
      return true;
    case OPT.MESSAGE:
      f.message = text(d, v, len, max);
      return true;
    case OPT.CLIENT_ID:
      f.client_id = hexColons(d, v, v + Math.min(len, max));
      return len >= 2;
    case OPT.CLIENT_FQDN:
      // Flags, two obsolete rcode bytes, then the name ([RFC4702] 2).
      if (len < 3) return false;
      f.client_fqdn = fqdn(d, v + 3, v + len, max);
      return true;
    case OPT.REQUESTED_IP:
      if (len !== 4) return false;
      f.requested_ip = ipv4ToString(u32(d, v));
      return true;
    case OPT.SERVER_ID:
      if (len !== 4) return false;
      serverIdValue = u32(d, v);
      f.server_id = ipv4ToString(serverIdValue);
      return true;
    case OPT.SUBNET_MASK:
      if (len !== 4) return false;
      f.subnet_mask = ipv4ToString(u32(d, v));
      return true;
    case OPT.LEASE_TIME:
    case OPT.RENEWAL_TIME:
    case OPT.REBINDING_TIME: {
      if (len !== 4) return false;
      const t = u32(d, v);
      if (code === OPT.LEASE_TIME) f.lease_time = t;
      else if (code === OPT.RENEWAL_TIME) f.renewal_time = t;
      else f.rebinding_time = t;
      return true;
    }
    case OPT.MAX_MESSAGE_SIZE:
      if (len !== 2) return false;
      f.max_message_size = u16(d, v);
      return true;
    case OPT.OVERLOAD:
      if (len !== 1) return false;
      overload = (d[v] as number) & 3;
      f.overload = d[v] as number;
      return true;
    case OPT.PARAM_REQUEST_LIST: {
      const list: number[] = f.param_request_list ?? [];
      for (let i = 0; i < len; i++) list.push(d[v + i] as number);
      f.param_request_list = list;
      return len > 0;
    }
    case OPT.ROUTERS:
    case OPT.DNS_SERVERS: {
      if (len === 0 || len % 4 !== 0) return false;
      const list: string[] = [];
      for (let i = 0; i < len; i += 4) list.push(ipv4ToString(u32(d, v + i)));
      if (code === OPT.ROUTERS) f.routers = list;
      else f.dns_servers = list;
      return true;
    }
    case OPT.RELAY_AGENT:
      return relayAgent(d, v, v + len, f, max);
    default:
      return true;
  }
}

/** Option 82 sub-options ([RFC3046] 2.0): circuit id (1) and remote id (2). */
function relayAgent(d: Uint8Array, p: number, end: number, f: DhcpFields, max: number): boolean {
  while (p + 2 <= end) {
    const sub = d[p] as number;
    const len = d[p + 1] as number;
    if (p + 2 + len > end) return false;
    const s = hexColons(d, p + 2, p + 2 + Math.min(len, max));
    if (sub === 1) f.relay_circuit_id = s;
    else if (sub === 2) f.relay_remote_id = s;
    p += 2 + len;
  }
  return p === end;
}

/** Latin1 text of an option value, trailing NULs dropped, at most `max` characters. */
function text(d: Uint8Array, p: number, len: number, max: number): string {
  let e = p + len;
  while (e > p && d[e - 1] === 0) e--;
  if (e - p > max) e = p + max;
  let s = '';
  for (let i = p; i < e; i++) s += String.fromCharCode(d[i] as number);
  return s;
}

/** A NUL-terminated field (sname, file) as text; empty when it starts with NUL. */
function cString(d: Uint8Array, p: number, size: number, max: number): string {
  let e = p;
  const stop = p + Math.min(size, max);
  while (e < stop && d[e] !== 0) e++;
  let s = '';
  for (let i = p; i < e; i++) s += String.fromCharCode(d[i] as number);
  return s;
}

/** The client FQDN name: wire-form labels when they parse to the end, else ASCII. */
function fqdn(d: Uint8Array, p: number, end: number, max: number): string {
  let q = p;
  let s = '';
  while (q < end) {
    const len = d[q] as number;
    if (len === 0 || len > 63 || q + 1 + len > end) break;
    if (s !== '') s += '.';
    for (let i = q + 1; i <= q + len; i++) s += String.fromCharCode(d[i] as number);
    q += 1 + len;
  }
  if (q < end && d[q] === 0 && q + 1 === end && s !== '') return s.slice(0, max);
  return text(d, p, end - p, max);
}

/** `d[p, e)` as hex bytes joined by colons. */
function hexColons(d: Uint8Array, p: number, e: number): string {
  let s = '';
  for (let i = p; i < e; i++) {
    if (i > p) s += ':';
    const b = d[i] as number;
    s += (b < 16 ? '0' : '') + b.toString(16);
  }
  return s;
}
