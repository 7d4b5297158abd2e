/**
 * RDP parser: the connection sequence up to the point where the session is encrypted.
 *
 * References: [MS-RDPBCGR] 1.3.1.1 (connection sequence), 2.2.1.1-2.2.1.4, 5.3, 5.4;
 * [MS-RDPEUDP] 2.2.2.1, 2.2.2.5; [X224]; [RFC1006]; [T125]; [T124] (details in constants.ts).
 *
 * ```
 *  TPKT (RFC 1006)          X.224 CR / CC TPDU (class 0)                 RDP negotiation
 * +----+----+--------+ +----+------+---------+---------+-------+ +------------------------+
 * | 03 | 00 | length | | LI | E0/D0| DST-REF | SRC-REF | class | | Cookie: mstshash=U\r\n |
 * +----+----+--------+ +----+------+---------+---------+-------+ | RDP_NEG_REQ/RSP/FAILURE|
 *                                                               +------------------------+
 *  Then with Standard RDP Security: X.224 DT (02 F0 80) + MCS Connect-Initial (BER 7F 65) whose
 *  GCC user data ("Duca") holds TS_UD_CS_* blocks; the server answers Connect-Response (7F 66,
 *  "McDn", TS_UD_SC_* blocks). With TLS / CredSSP / RDSTLS the TLS handshake starts right
 *  after the confirm: `rdp.tls_start`, then both directions are only counted.
 * ```
 *
 * Framing policy: TPKT frames are decoded until the security layer takes over (the confirm
 * selecting TLS or CredSSP, or the MCS connect PDUs of Standard RDP Security, after which
 * fast-path PDUs that are not TPKT-framed may follow); from then on a direction is counted in
 * bytes. A frame that is not TPKT rejects an unconfirmed flow and, on a confirmed one, is named
 * and ends decoding of that direction.
 *
 * Over UDP 3389 (RDP-UDP, [MS-RDPEUDP]) each datagram starts with an RDPUDP_FEC_HEADER; the SYN
 * and SYN+ACK datagrams are decoded, the rest (DTLS or TLS inside) counted.
 */
import { BER_OK, Tlv, hexOf, readTlv } from '../../ber.js';
import { Direction, OK, incomplete, reject, upgrade } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import {
  COOKIE_PREFIX,
  CORRELATION_INFO_PRESENT,
  CsCore,
  ENCRYPTION_LEVELS,
  ENCRYPTION_METHOD_BITS,
  FAILURE_CODES,
  H221_CLIENT,
  H221_SERVER,
  Mcs,
  NEG_REQ_FLAGS,
  NEG_RSP_FLAGS,
  NegType,
  PROTOCOL_RDP,
  RDP,
  RDP_VERSIONS,
  Tpdu,
  UDP_FLAGS,
  UDP_FLAG_SYN,
  UDP_MTU_MAX,
  UDP_MTU_MIN,
  UserData,
  encryptionMethodName,
  flagNames,
  protocolName,
  protocolNames,
} from './constants.js';
import type { RdpEvent, RdpEventKind, RdpFields } from './events.js';

const Phase = { X224: 0, COUNT: 1 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Per-flow RDP state. */
export class RdpState {
  readonly limits: DecoderLimits;
  /** Datagrams (RDP-UDP) rather than a TCP stream. */
  readonly udp: boolean;
  confirmed = false;
  /** Per direction: TPKT frames decoded, or bytes only counted. */
  readonly phase: [Phase, Phase] = [Phase.X224, Phase.X224];
  /** Bytes counted per direction once the security layer took over. */
  readonly counted: [number, number] = [0, 0];
  /** Datagrams seen (UDP). */
  datagrams = 0;
  /** requestedProtocols of the connection request (-1: none seen). */
  requested = -1;
  /** The confirm selected TLS, CredSSP or RDSTLS: the stream continues as TLS. */
  tls = false;

  constructor(limits: DecoderLimits, udp: boolean) {
    this.limits = limits;
    this.udp = udp;
  }
}

/** Fresh per-flow state; `transport` 'udp' for RDP-UDP datagrams. */
export function createRdpState(limits: DecoderLimits, transport?: string): RdpState {
  return new RdpState(limits, transport === 'udp');
}

/** A capture gap: TPKT framing cannot be found again reliably, so the direction is counted. */
export function onRdpGap(state: RdpState, dir: Direction): void {
  state.phase[dir] = Phase.COUNT;
}

function startsWith(d: Uint8Array, at: number, end: number, bytes: readonly number[]): boolean {
  if (end - at < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (d[at + i] !== bytes[i]) return false;
  return true;
}

const u16le = (d: Uint8Array, p: number): number => (d[p] as number) | ((d[p + 1] as number) << 8);
const u32le = (d: Uint8Array, p: number): number =>
  ((d[p] as number) |
    ((d[p + 1] as number) << 8) |
    ((d[p + 2] as number) << 16) |
    ((d[p + 3] as number) << 24)) >>>
  0;
const u16be = (d: Uint8Array, p: number): number => ((d[p] as number) << 8) | (d[p + 1] as number);

/**
 * Says whether the first bytes of a direction are an RDP connection: a client X.224 Connection
 * Request whose variable part is a `Cookie: ` line or an RDP_NEG_REQ, or a Connection Confirm
 * carrying an RDP_NEG_RSP / RDP_NEG_FAILURE; a bare CR or CC (nmap's TerminalServer probe, a
 * pre-5.2 server) is undecided (`need_more`: on port 3389 that is enough). An RDP-UDP SYN
 * datagram (snSourceAck -1, SYN flag, MTUs 1132-1232) matches too. S7comm and MMS connection
 * requests carry TSAP parameters (C1/C2) instead and are refused.
 */
export function probeRdp(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n >= 1 && data[0] === 0xff) return probeUdpSyn(data);
  if (n >= 1 && data[0] !== RDP.TPKT_VERSION) return 'no_match';
  if (n >= 2 && data[1] !== 0) return 'no_match';
  if (n < 6) return 'need_more';
  const len = u16be(data, 2);
  const li = data[4] as number;
  const code = (data[5] as number) & 0xf0;
  if (code !== Tpdu.CR && code !== Tpdu.CC) return 'no_match';
  // RDP puts all of its data in the CR/CC header: LI covers the rest of the TPKT frame.
  if (len < RDP.CONNECT_VARIABLE_AT || li + 5 !== len) return 'no_match';
  if (n < RDP.CONNECT_VARIABLE_AT) return 'need_more';
  // Class 0 without options, as MS-RDPBCGR 2.2.1.1 requires.
  if (data[10] !== 0) return 'no_match';
  const v = RDP.CONNECT_VARIABLE_AT;
  const varLen = len - v;
  if (varLen === 0) return 'need_more';
  if (n <= v) return 'need_more';
  if (code === Tpdu.CR) {
    if (data[v] === COOKIE_PREFIX[0]) {
      const k = Math.min(n - v, COOKIE_PREFIX.length);
      for (let i = 1; i < k; i++) if (data[v + i] !== COOKIE_PREFIX[i]) return 'no_match';
      return k < COOKIE_PREFIX.length ? 'need_more' : 'match';
    }
    if (varLen !== RDP.NEG_LENGTH && varLen !== RDP.NEG_LENGTH + RDP.CORRELATION_LENGTH) {
      return 'no_match';
    }
    return negHeader(data, v, NegType.REQ, n);
  }
  if (varLen !== RDP.NEG_LENGTH) return 'no_match';
  const t = data[v];
  return negHeader(data, v, t === NegType.FAILURE ? NegType.FAILURE : NegType.RSP, n);
}

/** An RDP_NEG_* header of type `type` with length 8 at `v`. */
function negHeader(d: Uint8Array, v: number, type: number, n: number): ProbeResult {
  if (d[v] !== type) return 'no_match';
  if (n < v + 4) return 'need_more';
  return u16le(d, v + 2) === RDP.NEG_LENGTH ? 'match' : 'no_match';
}

function probeUdpSyn(d: Uint8Array): ProbeResult {
  const n = d.length;
  for (let i = 1; i < Math.min(n, 4); i++) if (d[i] !== 0xff) return 'no_match';
  if (n < 16) return 'need_more';
  if ((u16be(d, 6) & UDP_FLAG_SYN) === 0) return 'no_match';
  const up = u16be(d, 12);
  const down = u16be(d, 14);
  return up >= UDP_MTU_MIN && up <= UDP_MTU_MAX && down >= UDP_MTU_MIN && down <= UDP_MTU_MAX
    ? 'match'
    : 'no_match';
}

function emit(sink: DecodeSink, kind: RdpEventKind, rdp: RdpFields): void {
  const e: RdpEvent = { kind, rdp };
  sink.emit(e);
}

function confirm(state: RdpState, sink: DecodeSink): void {
  if (state.confirmed) return;
  state.confirmed = true;
  sink.confirm();
}

/** Decodes the next bytes of one direction (or one RDP-UDP datagram). */
export function parseRdp(
  state: RdpState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  if (state.udp) return datagram(state, data, sink);
  const n = data.length;
  let p = 0;
  while (p < n) {
    if (state.phase[dir] === Phase.COUNT) {
      state.counted[dir] += n - p;
      return OK;
    }
    if (n - p < 4) return incomplete(p, 4);
    const len = u16be(data, p + 2);
    if (data[p] !== RDP.TPKT_VERSION || data[p + 1] !== 0 || len < 7) {
      if (!state.confirmed) return reject('rdp.malformed_tpkt');
      sink.anomaly('rdp.malformed_tpkt', `header ${hexOf(data, p, n, 4)}`);
      state.phase[dir] = Phase.COUNT;
      continue;
    }
    if (n - p < len) return incomplete(p, len);
    const bad = tpdu(state, data, p, p + len, dir, sink);
    if (bad !== null) return bad;
    p += len;
  }
  return OK;
}

/** One TPKT frame data[p, end); a status when decoding of the flow stops. */
function tpdu(
  state: RdpState,
  d: Uint8Array,
  p: number,
  end: number,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus | null {
  const li = d[p + 4] as number;
  const code = (d[p + 5] as number) & 0xf0;
  if (li === 0 || p + 5 + li > end) return malformedX224(state, sink, `LI ${li}, TPKT ${end - p}`);
  switch (code) {
    case Tpdu.CR:
      if (end - p < RDP.CONNECT_VARIABLE_AT) return malformedX224(state, sink, 'short CR');
      connectRequest(state, d, p + RDP.CONNECT_VARIABLE_AT, end, sink);
      return null;
    case Tpdu.CC:
      if (end - p < RDP.CONNECT_VARIABLE_AT) return malformedX224(state, sink, 'short CC');
      connectConfirm(state, d, p + RDP.CONNECT_VARIABLE_AT, end, sink);
      // Enhanced RDP Security: both sides start the TLS handshake right after the confirm, so
      // the TLS decoder takes the stream from here (ClientHello, certificates, JA3/JA4).
      return state.tls ? upgrade(end, 'tls') : null;
    case Tpdu.DT: {
      if (li !== RDP.DT_LI) return malformedX224(state, sink, `DT with LI ${li}`);
      const at = p + 7;
      if (end - at >= 2 && d[at] === Mcs.APPLICATION) {
        const tag = d[at + 1];
        if (tag === Mcs.CONNECT_INITIAL && dir === Direction.TO_SERVER) {
          mcsConnect(d, at, end, true, sink);
        } else if (tag === Mcs.CONNECT_RESPONSE && dir === Direction.TO_CLIENT) {
          mcsConnect(d, at, end, false, sink);
        }
      }
      // After the MCS connect PDUs (or data joined mid-session) the rest is encrypted or
      // fast-path framed: count it.
      state.phase[dir] = Phase.COUNT;
      return null;
    }
    case Tpdu.DR:
    case Tpdu.ER:
      return null;
    default:
      return malformedX224(state, sink, `TPDU code 0x${code.toString(16)}`);
  }
}

function malformedX224(state: RdpState, sink: DecodeSink, detail: string): ParseStatus | null {
  if (!state.confirmed) return reject('rdp.malformed_x224');
  sink.anomaly('rdp.malformed_x224', detail);
  return null;
}

function text(d: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    out += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  return out;
}

const MSTSHASH = [0x6d, 0x73, 0x74, 0x73, 0x68, 0x61, 0x73, 0x68, 0x3d]; // "mstshash="

/** Client X.224 Connection Request: variable part d[q, end) ([MS-RDPBCGR] 2.2.1.1). */
function connectRequest(
  state: RdpState,
  d: Uint8Array,
  q: number,
  end: number,
  sink: DecodeSink,
): void {
  const f: RdpFields = {};
  const problems: string[] = [];
  let tokenLen = -1;
  // routingToken / cookie: any text up to CR LF, unless the variable part is an RDP_NEG_REQ.
  const negOnly =
    d[q] === NegType.REQ &&
    (end - q === RDP.NEG_LENGTH || end - q === RDP.NEG_LENGTH + RDP.CORRELATION_LENGTH);
  if (q < end && !negOnly) {
    let crlf = -1;
    for (let i = q; i + 1 < end; i++) {
      if (d[i] === 0x0d && d[i + 1] === 0x0a) {
        crlf = i;
        break;
      }
    }
    const stop = crlf < 0 ? end : crlf;
    const from = startsWith(d, q, stop, COOKIE_PREFIX) ? q + COOKIE_PREFIX.length : q;
    tokenLen = stop - q;
    const cut = Math.min(stop, from + state.limits.maxStringBytes);
    if (startsWith(d, from, stop, MSTSHASH)) f.cookie = text(d, from + MSTSHASH.length, cut);
    else f.routing_token = text(d, from, cut);
    if (crlf < 0) problems.push('cookie without CR LF');
    q = crlf < 0 ? end : crlf + 2;
  }
  let flags = 0;
  if (end - q >= RDP.NEG_LENGTH && d[q] === NegType.REQ) {
    flags = d[q + 1] as number;
    const len = u16le(d, q + 2);
    if (len !== RDP.NEG_LENGTH) problems.push(`RDP_NEG_REQ length ${len}`);
    const req = u32le(d, q + 4);
    f.requested_protocols = req;
    state.requested = req;
    f.requested_protocol_names = protocolNames(req);
    f.neg_flags = flags;
    f.neg_flag_names = flagNames(flags, NEG_REQ_FLAGS);
    q += RDP.NEG_LENGTH;
    if (flags & CORRELATION_INFO_PRESENT) {
      if (end - q >= RDP.CORRELATION_LENGTH && d[q] === NegType.CORRELATION_INFO) {
        f.correlation_id = hexOf(d, q + 4, q + 20, 16);
        q += RDP.CORRELATION_LENGTH;
      } else {
        problems.push('correlation info flagged but absent');
      }
    }
  }
  if (q < end) problems.push(`${end - q} unexpected bytes after the negotiation request`);
  emit(sink, 'rdp.connection_request', f);
  confirm(state, sink);
  if (tokenLen > RDP.MAX_COOKIE) {
    sink.anomaly('rdp.cookie_too_long', `${tokenLen} bytes`);
  }
  if (problems.length > 0) sink.anomaly('rdp.malformed_negotiation', problems.join('; '));
  if (flags & 0x01) sink.anomaly('rdp.restricted_admin_requested', f.cookie ?? '');
}

/** Server X.224 Connection Confirm: variable part d[q, end) ([MS-RDPBCGR] 2.2.1.2). */
function connectConfirm(
  state: RdpState,
  d: Uint8Array,
  q: number,
  end: number,
  sink: DecodeSink,
): void {
  const f: RdpFields = {};
  let problem = '';
  if (end - q >= RDP.NEG_LENGTH && (d[q] === NegType.RSP || d[q] === NegType.FAILURE)) {
    const type = d[q] as number;
    const flags = d[q + 1] as number;
    const len = u16le(d, q + 2);
    const v = u32le(d, q + 4);
    if (len !== RDP.NEG_LENGTH) problem = `negotiation length ${len}`;
    f.negotiated = true;
    if (type === NegType.RSP) {
      f.neg_flags = flags;
      f.neg_flag_names = flagNames(flags, NEG_RSP_FLAGS);
      f.selected_protocol = v;
      f.selected_protocol_name = protocolName(v);
    } else {
      f.failure_code = v;
      f.failure_name = FAILURE_CODES.get(v) ?? `unknown_${v}`;
    }
    if (end - q > RDP.NEG_LENGTH) problem = `${end - q - RDP.NEG_LENGTH} bytes after RDP_NEG_RSP`;
  } else {
    // No RDP_NEG_RSP: the server speaks Standard RDP Security only ([MS-RDPBCGR] 2.2.1.2).
    f.negotiated = false;
    f.selected_protocol = PROTOCOL_RDP;
    f.selected_protocol_name = 'rdp';
    if (q < end) problem = `${end - q} unexpected bytes in the confirm`;
  }
  const sel = f.selected_protocol ?? -1;
  const req = state.requested;
  // The server must pick one of the protocols offered ([MS-RDPBCGR] 3.3.5.3.2).
  if (sel > 0 && req >= 0 && (sel & req) === 0) {
    problem = `selected ${protocolName(sel)}, not requested`;
  }
  emit(sink, 'rdp.connection_confirm', f);
  confirm(state, sink);
  if (problem !== '') sink.anomaly('rdp.malformed_negotiation', problem);
  if (f.failure_name !== undefined) {
    sink.anomaly('rdp.negotiation_failed', f.failure_name);
    return;
  }
  if (sel === PROTOCOL_RDP) {
    // A client that offered TLS or CredSSP and got Standard RDP Security was downgraded: a
    // server policy, or a man in the middle (Seth and similar tools strip the offer).
    const detail = !f.negotiated
      ? 'no RDP_NEG_RSP'
      : req > 0
        ? `downgrade: the client requested ${protocolNames(req).join(',')}`
        : 'selected by negotiation';
    sink.anomaly('rdp.standard_security', detail);
    return;
  }
  // Enhanced RDP Security ([MS-RDPBCGR] 5.4): the TLS handshake follows at once on both sides.
  emit(sink, 'rdp.tls_start', {
    selected_protocol: sel,
    selected_protocol_name: f.selected_protocol_name as string,
  });
  state.phase[Direction.TO_SERVER] = Phase.COUNT;
  state.phase[Direction.TO_CLIENT] = Phase.COUNT;
  state.tls = true;
}

const tlv = new Tlv();

/** Reads a BER length at d[p]; sets `berEnd` past it and returns the length, or -1. */
let berEnd = 0;
function berLength(d: Uint8Array, p: number, end: number): number {
  if (p >= end) return -1;
  const b = d[p] as number;
  if (b < 0x80) {
    berEnd = p + 1;
    return b;
  }
  const k = b & 0x7f;
  if (k === 0 || k > 2 || p + 1 + k > end) return -1;
  berEnd = p + 1 + k;
  return k === 1 ? (d[p + 1] as number) : u16be(d, p + 1);
}

/**
 * MCS Connect-Initial (client) or Connect-Response (server) at d[at, end): skips the BER
 * fields before userData, finds the GCC H.221 key and decodes the user data blocks.
 */
function mcsConnect(
  d: Uint8Array,
  at: number,
  end: number,
  client: boolean,
  sink: DecodeSink,
): void {
  const len = berLength(d, at + 2, end);
  if (len < 0 || berEnd + len > end) {
    sink.anomaly('rdp.malformed_mcs', 'connect PDU length runs past the TPKT frame');
    return;
  }
  let p = berEnd;
  const stop = p + len;
  // Connect-Initial: calling/called domain selectors, upwardFlag, three DomainParameters, then
  // userData. Connect-Response: result, calledConnectId, domainParameters, then userData.
  const skip = client ? 6 : 3;
  for (let i = 0; i <= skip; i++) {
    if (readTlv(d, p, stop, tlv) !== BER_OK) {
      sink.anomaly('rdp.malformed_mcs', `BER field ${i + 1} of the connect PDU`);
      return;
    }
    if (i < skip) p = tlv.end;
  }
  if (tlv.tag !== Mcs.OCTET_STRING) {
    sink.anomaly('rdp.malformed_mcs', 'userData is not an OCTET STRING');
    return;
  }
  const ud = tlv.start;
  const udEnd = tlv.end;
  const key = client ? H221_CLIENT : H221_SERVER;
  let k = -1;
  for (let i = ud; i < Math.min(udEnd - 4, ud + RDP.H221_SEARCH); i++) {
    if (startsWith(d, i, udEnd, key)) {
      k = i + 4;
      break;
    }
  }
  if (k < 0 || k >= udEnd) {
    sink.anomaly('rdp.malformed_mcs', 'no GCC H.221 key in the user data');
    return;
  }
  // PER length determinant ([X691] 10.9): one octet, or two with the top bit set.
  let blocksLen = d[k] as number;
  if (blocksLen & 0x80) {
    if (k + 1 >= udEnd) blocksLen = 0;
    else blocksLen = ((blocksLen & 0x3f) << 8) | (d[k + 1] as number);
    k += 2;
  } else {
    k += 1;
  }
  const f: RdpFields = {};
  const bEnd = Math.min(udEnd, k + blocksLen);
  let q = k;
  let bad = '';
  while (q + 4 <= bEnd) {
    const type = u16le(d, q);
    const blen = u16le(d, q + 2);
    if (blen < 4 || q + blen > bEnd) {
      bad = `user data block 0x${type.toString(16)} of length ${blen}`;
      break;
    }
    if (client) clientBlock(d, q, q + blen, type, f);
    else serverBlock(d, q, q + blen, type, f);
    q += blen;
  }
  emit(sink, client ? 'rdp.client_data' : 'rdp.server_data', f);
  if (bad !== '') sink.anomaly('rdp.malformed_mcs', bad);
  if (!client && f.encryption_method !== undefined) {
    if (f.encryption_method === 0) {
      sink.anomaly('rdp.no_encryption', `encryption level ${f.encryption_level_name ?? '?'}`);
    } else if (f.encryption_method === 0x01 || f.encryption_method === 0x08) {
      sink.anomaly('rdp.weak_encryption', f.encryption_method_name as string);
    }
  }
}

/** UTF-16LE text up to the first NUL, printable ASCII only (others as '.'). */
function utf16(d: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i + 1 < e; i += 2) {
    const c = u16le(d, i);
    if (c === 0) break;
    out += c >= 0x20 && c !== 0x7f ? String.fromCharCode(c) : '.';
  }
  return out;
}

/** One TS_UD_CS_* block d[b, e) (header included). */
function clientBlock(d: Uint8Array, b: number, e: number, type: number, f: RdpFields): void {
  const len = e - b;
  switch (type) {
    case UserData.CS_CORE:
      if (len < CsCore.FIXED_END) return;
      f.version = u32le(d, b + CsCore.VERSION);
      f.rdp_version = RDP_VERSIONS.get(f.version) ?? 'unknown';
      f.desktop_width = u16le(d, b + CsCore.DESKTOP_WIDTH);
      f.desktop_height = u16le(d, b + CsCore.DESKTOP_HEIGHT);
      f.keyboard_layout = u32le(d, b + CsCore.KEYBOARD_LAYOUT);
      f.client_build = u32le(d, b + CsCore.CLIENT_BUILD);
      f.client_name = utf16(
        d,
        b + CsCore.CLIENT_NAME,
        b + CsCore.CLIENT_NAME + CsCore.CLIENT_NAME_BYTES,
      );
      f.keyboard_type = u32le(d, b + CsCore.KEYBOARD_TYPE);
      if (len >= CsCore.SERVER_SELECTED_PROTOCOL + 4) {
        f.server_selected_protocol = u32le(d, b + CsCore.SERVER_SELECTED_PROTOCOL);
      }
      return;
    case UserData.CS_SECURITY:
      if (len < 12) return;
      f.encryption_methods = u32le(d, b + 4);
      f.encryption_method_names = flagNames(f.encryption_methods, ENCRYPTION_METHOD_BITS);
      return;
    case UserData.CS_NET: {
      if (len < 8) return;
      const count = u32le(d, b + 4);
      const names: string[] = [];
      for (let i = 0; i < count && i < RDP.MAX_CHANNELS; i++) {
        const at = b + 8 + i * 12;
        if (at + 12 > e) break;
        let stop = at;
        while (stop < at + 8 && d[stop] !== 0) stop++;
        names.push(text(d, at, stop));
      }
      f.channels = names;
      return;
    }
    case UserData.CS_CLUSTER:
      if (len >= 8) f.cluster_flags = u32le(d, b + 4);
      return;
    default:
  }
}

/** One TS_UD_SC_* block d[b, e) (header included). */
function serverBlock(d: Uint8Array, b: number, e: number, type: number, f: RdpFields): void {
  const len = e - b;
  if (type === UserData.SC_CORE) {
    if (len < 8) return;
    f.version = u32le(d, b + 4);
    f.rdp_version = RDP_VERSIONS.get(f.version) ?? 'unknown';
    if (len >= 12) f.client_requested_protocols = u32le(d, b + 8);
  } else if (type === UserData.SC_SECURITY) {
    if (len < 12) return;
    f.encryption_method = u32le(d, b + 4);
    f.encryption_method_name = encryptionMethodName(f.encryption_method);
    f.encryption_level = u32le(d, b + 8);
    f.encryption_level_name = ENCRYPTION_LEVELS[f.encryption_level] ?? 'unknown';
    if (len >= 20) f.server_certificate_length = u32le(d, b + 16);
  }
}

/** One RDP-UDP datagram: RDPUDP_FEC_HEADER, and RDPUDP_SYNDATA_PAYLOAD on SYNs. */
function datagram(state: RdpState, d: Uint8Array, sink: DecodeSink): ParseStatus {
  state.datagrams++;
  if (d.length < 8) {
    if (!state.confirmed) return reject('rdp.malformed_udp');
    sink.anomaly('rdp.malformed_udp', `${d.length}-byte datagram`);
    return OK;
  }
  const flags = u16be(d, 6);
  if ((flags & UDP_FLAG_SYN) === 0) {
    if (!state.confirmed) return reject('rdp.malformed_udp');
    state.counted[Direction.TO_SERVER] += d.length;
    return OK;
  }
  if (d.length < 16) {
    if (!state.confirmed) return reject('rdp.malformed_udp');
    sink.anomaly('rdp.malformed_udp', 'SYN without RDPUDP_SYNDATA_PAYLOAD');
    return OK;
  }
  const f: RdpFields = {
    udp_flags: flags,
    udp_flag_names: flagNames(flags, UDP_FLAGS),
    mtu_up: u16be(d, 12),
    mtu_down: u16be(d, 14),
  };
  emit(sink, 'rdp.udp_syn', f);
  confirm(state, sink);
  return OK;
}
