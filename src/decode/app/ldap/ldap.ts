/**
 * LDAP parser: LDAPv3 messages ([RFC4511]) over TCP 389 and 3268 (Active Directory Global
 * Catalog), connection-less LDAP over UDP 389 ([RFC1798], the Active Directory "LDAP ping" of
 * [MS-ADTS] 6.3.3), and the SASL security layer that follows a GSSAPI, GSS-SPNEGO or NTLM bind
 * ([RFC4422] 3.7).
 *
 * ```
 *  LDAPMessage ::= SEQUENCE {                       30 len
 *       messageID       MessageID,                   02 len id
 *       protocolOp      CHOICE { ... },              [APPLICATION n] (60..79, 42, 4a, 50)
 *       controls        [0] Controls OPTIONAL }      a0 len
 *
 *  SASL buffer ([RFC4422] 3.7):  | length (4 bytes, big endian) | token ... |
 * ```
 *
 * Framing. The stream is a sequence of BER LDAPMessages (definite lengths only, [RFC4511]
 * 5.1), or after a SASL bind with a security layer, of SASL buffers: a 4-byte length then a
 * GSS-API Wrap token (Kerberos CFX `05 04`, RFC 1964 `60`) or an NTLMSSP signature (`01 00 00
 * 00`). A message always starts with 0x30 and a buffer with 0x00 (lengths stay under 16 MB),
 * so each PDU says which it is, as Wireshark decides. A signed but not sealed buffer carries the
 * LDAP messages in clear after the token header (Active Directory "LDAP signing"): they are
 * decoded and marked with `sasl_layer`; a sealed buffer is counted as an `ldap.sasl_buffer`
 * event. A message larger than `maxPduBytes` is reported and its bytes skipped.
 *
 * Pairing. Requests wait in a per-flow table by messageID (at most `maxPendingTransactions`,
 * the oldest evicted first) until their final response; responses carry `request_op`, and a
 * SearchResultDone the number of entries returned. A successful StartTLS ends decoding: TLS
 * follows.
 *
 * The search filter is rendered in [RFC4515] string form, at most 16 levels deep and 1024
 * characters long. Strings are capped at `maxStringBytes`; attribute lists at 32 names.
 */
import { ntlmsspAt, parseNtlmssp } from '../../auth/ntlmssp.js';
import { BER_ERRORS, BER_OK, Tlv, berBool, berInt, berText, readTlv } from '../../ber.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  AUTH_TYPES,
  Auth,
  CLEARTEXT_MECHANISMS,
  CfxFlag,
  DEREF,
  EXTENDED_OPS,
  Filter,
  LDAP,
  MOD_OPS,
  OPS,
  Op,
  PASSWORD_MODIFY_OID,
  RESULT_CODES,
  Result,
  SCOPES,
  START_TLS_OID,
  SaslToken,
} from './constants.js';
import type { LdapEvent, LdapEventKind, LdapFields, LdapModification } from './events.js';

/** A request awaiting its response. */
interface Pending {
  /** protocolOp tag of the request. */
  readonly op: number;
  /** SASL mechanism of a bind request ('' otherwise). */
  readonly mechanism: string;
  /** requestName of an ExtendedRequest ('' otherwise). */
  readonly oid: string;
  /** Search results counted so far. */
  entries: number;
  references: number;
}

/** Per-flow LDAP state. */
export class LdapState {
  readonly limits: DecoderLimits;
  /** True for UDP (CLDAP): each `parse` call is one whole datagram. */
  readonly datagram: boolean;
  /** Set once the flow is known to be LDAP (sink.confirm() was called). */
  confirmed = false;
  /** Requests awaiting a response, by messageID (insertion order = age). */
  readonly pending = new Map<number, Pending>();
  /** Mechanism of the last successful SASL bind ('' none or unknown). */
  saslMechanism = '';
  /** A StartTLS succeeded: the rest of the flow is TLS, not decoded here. */
  tls = false;
  /** Per direction: bytes of an oversized message or buffer still to skip. */
  readonly skip: [number, number] = [0, 0];
  /** Per direction: a capture gap happened; the next bytes must start a PDU. */
  readonly afterGap: [boolean, boolean] = [false, false];
  /** Per direction: framing lost; nothing more is decoded in that direction. */
  readonly lost: [boolean, boolean] = [false, false];

  constructor(limits: DecoderLimits, datagram: boolean) {
    this.limits = limits;
    this.datagram = datagram;
  }
}

/** Fresh per-flow state; `transport` is the flow's (stream form unless `udp`). */
export function createLdapState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): LdapState {
  return new LdapState(limits, transport === 'udp');
}

/** A capture gap: skipping continues past it, else the next bytes must start a PDU. */
export function onLdapGap(state: LdapState, dir: Direction, size: number): void {
  const skip = state.skip[dir];
  if (skip > size) {
    state.skip[dir] = skip - size;
    return;
  }
  state.skip[dir] = 0;
  state.afterGap[dir] = true;
}

// ---------------------------------------------------------------------------------------------
// Framing

/** Header length of the last {@link messageSize}; 0 when more bytes are needed, -1 when bad. */
let headerBytes = 0;

/**
 * Total size of the BER SEQUENCE header at `p` (0x30 assumed) plus content, reading at most
 * 6 bytes; sets {@link headerBytes}. Indefinite lengths and lengths over 4 octets are bad
 * ([RFC4511] 5.1 allows the definite form only).
 */
function messageSize(d: Uint8Array, p: number, n: number): number {
  if (n - p < 2) {
    headerBytes = 0;
    return 0;
  }
  const l0 = d[p + 1] as number;
  if (l0 < 0x80) {
    headerBytes = 2;
    return 2 + l0;
  }
  const k = l0 & 0x7f;
  if (k === 0 || k > 4) {
    headerBytes = -1;
    return 0;
  }
  if (n - p < 2 + k) {
    headerBytes = 0;
    return 0;
  }
  let len = 0;
  for (let i = 0; i < k; i++) len = len * 256 + (d[p + 2 + i] as number);
  headerBytes = 2 + k;
  return 2 + k + len;
}

function u32(d: Uint8Array, p: number): number {
  return (
    (d[p] as number) * 0x1000000 +
    (((d[p + 1] as number) << 16) | ((d[p + 2] as number) << 8) | (d[p + 3] as number))
  );
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

/** The protocolOp identifier octet `b` is one of RFC 4511 with the right encoding. */
function knownOpByte(b: number): boolean {
  if ((b & 0xc0) !== 0x40) return false;
  const info = OPS.get(b & 0x1f);
  return info !== undefined && info.constructed === ((b & 0x20) !== 0);
}

/**
 * Plausibility of an LDAPMessage start at `p`: SEQUENCE, a messageID INTEGER of 1-4 octets,
 * (for CLDAP an optional user DN) and a known protocolOp. 1 yes, 0 needs more, -1 no.
 */
function plausibleMessage(d: Uint8Array, p: number, n: number): number {
  if (n - p < 1) return 0;
  if (d[p] !== 0x30) return -1;
  const size = messageSize(d, p, n);
  if (headerBytes < 0) return -1;
  if (headerBytes === 0) return 0;
  // The smallest message: 30 05 02 01 id 42 00 (unbind).
  if (size < 7) return -1;
  let q = p + headerBytes;
  if (n - q < 1) return 0;
  if (d[q] !== 0x02) return -1;
  if (n - q < 2) return 0;
  const il = d[q + 1] as number;
  if (il < 1 || il > 4) return -1;
  if (n - q < 2 + il) return 0;
  if (((d[q + 2] as number) & 0x80) !== 0) return -1;
  q += 2 + il;
  if (n - q < 1) return 0;
  let b = d[q] as number;
  if (b === 0x04) {
    // [RFC1798] CLDAPMessage: a user DN between messageID and protocolOp.
    if (n - q < 2) return 0;
    const ul = d[q + 1] as number;
    if (ul >= 0x80) return -1;
    q += 2 + ul;
    if (n - q < 1) return 0;
    b = d[q] as number;
  }
  if (!knownOpByte(b)) return -1;
  if (q + 2 > p + size) return -1;
  return 1;
}

/** Plausibility of a SASL buffer start at `p` (Kerberos CFX or NTLMSSP signature). */
function plausibleSasl(d: Uint8Array, p: number, n: number): number {
  if (n - p < 8) return n - p >= 1 && d[p] !== 0 ? -1 : 0;
  const len = u32(d, p);
  if (d[p] !== 0 || len < LDAP.CFX_HEADER) return -1;
  const t0 = d[p + 4] as number;
  const t1 = d[p + 5] as number;
  // CFX Wrap: TOK_ID 05 04, flags using the low 3 bits, filler 0xff.
  if (t0 === 0x05 && t1 === 0x04)
    return ((d[p + 6] as number) & 0xf8) === 0 && d[p + 7] === 0xff ? 1 : -1;
  // NTLMSSP signature: version 1 (little endian).
  if (t0 === 0x01 && t1 === 0 && d[p + 6] === 0 && d[p + 7] === 0) return 1;
  return -1;
}

/**
 * Recognises LDAP from the first bytes of either direction: an LDAPMessage whose messageID and
 * protocolOp are well formed, or (a capture that starts after a Kerberos or NTLM bind) a SASL
 * buffer opening with a CFX Wrap token or an NTLMSSP signature.
 */
export function probeLdap(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  const v = data[0] === 0 ? plausibleSasl(data, 0, n) : plausibleMessage(data, 0, n);
  return v > 0 ? 'match' : v === 0 ? 'need_more' : 'no_match';
}

/**
 * Decodes the next bytes of one direction (TCP), or one datagram (CLDAP): every complete
 * message or SASL buffer becomes events; a partial one at the end is left unconsumed.
 */
export function parseLdap(
  state: LdapState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  if (state.datagram) return parseDatagram(state, data, sink);
  if (state.tls || state.lost[dir]) return OK;
  const n = data.length;
  const max = state.limits.maxPduBytes;
  let pos = 0;
  while (pos < n) {
    const skip = state.skip[dir];
    if (skip > 0) {
      const take = Math.min(skip, n - pos);
      state.skip[dir] = skip - take;
      pos += take;
      continue;
    }
    const b0 = data[pos] as number;
    let total: number;
    if (b0 === 0x30) {
      total = messageSize(data, pos, n);
      if (headerBytes === 0) return incomplete(pos, n - pos + 1);
    } else if (b0 === 0x00) {
      if (n - pos < LDAP.SASL_LENGTH_BYTES) return incomplete(pos, LDAP.SASL_LENGTH_BYTES);
      total = LDAP.SASL_LENGTH_BYTES + u32(data, pos);
      headerBytes = LDAP.SASL_LENGTH_BYTES;
    } else {
      total = 0;
      headerBytes = -1;
    }
    if (state.afterGap[dir]) {
      // After a gap, decoding resumes only on a whole plausible PDU, judged on its own bytes.
      if (headerBytes > 0 && total <= max && n - pos < total) return incomplete(pos, total);
      state.afterGap[dir] = false;
      const whole = data.subarray(pos, pos + Math.min(total, max));
      const v =
        headerBytes < 0
          ? -1
          : b0 === 0
            ? plausibleSasl(whole, 0, whole.length)
            : plausibleMessage(whole, 0, whole.length);
      if (v <= 0) {
        state.lost[dir] = true;
        return OK;
      }
    }
    if (headerBytes < 0) {
      const what =
        b0 === 0x30 ? 'an indefinite or over-long BER length' : `octet 0x${b0.toString(16)}`;
      sink.anomaly(
        state.confirmed ? 'ldap.malformed_message' : 'ldap.not_ldap',
        `${what} where an LDAPMessage starts`,
      );
      if (!state.confirmed) return reject('ldap.not_ldap');
      state.lost[dir] = true;
      return OK;
    }
    if (total > max) {
      if (!state.confirmed) {
        sink.anomaly('ldap.not_ldap', `first PDU of ${total} bytes`);
        return reject('ldap.not_ldap');
      }
      sink.anomaly(
        'ldap.oversized_message',
        `${b0 === 0 ? 'SASL buffer' : 'LDAPMessage'} of ${total} bytes skipped`,
      );
      const take = Math.min(total, n - pos);
      state.skip[dir] = total - take;
      pos += take;
      continue;
    }
    if (n - pos < total) return incomplete(pos, total);
    const good =
      b0 === 0
        ? saslBuffer(state, data, pos, pos + total, sink)
        : decodeMessage(state, data, pos, pos + total, sink, '');
    if (!state.confirmed) {
      if (!good) {
        sink.anomaly('ldap.not_ldap', 'the first PDU of the flow is not LDAP');
        return reject('ldap.not_ldap');
      }
      state.confirmed = true;
      sink.confirm();
    }
    pos += total;
    if (state.tls) return OK;
  }
  return OK;
}

/** One CLDAP datagram: one or more LDAPMessages ([RFC1798] 3.1). */
function parseDatagram(state: LdapState, data: Uint8Array, sink: DecodeSink): ParseStatus {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    if (data[pos] !== 0x30) {
      sink.anomaly(
        state.confirmed ? 'ldap.malformed_message' : 'ldap.not_ldap',
        `octet 0x${(data[pos] as number).toString(16)} where an LDAPMessage starts`,
      );
      return state.confirmed ? OK : reject('ldap.not_ldap');
    }
    const size = messageSize(data, pos, n);
    const end = headerBytes > 0 ? Math.min(n, pos + size) : n;
    if (headerBytes <= 0 || pos + size > n) {
      // A datagram holds whole messages: one that runs past it is cut or crafted.
      sink.anomaly(
        state.confirmed ? 'ldap.malformed_message' : 'ldap.not_ldap',
        'LDAPMessage runs past the end of the datagram',
      );
      if (!state.confirmed) return reject('ldap.not_ldap');
      if (headerBytes <= 0) return OK;
    }
    const good = decodeMessage(state, data, pos, end, sink, '');
    if (!state.confirmed) {
      if (!good) {
        sink.anomaly('ldap.not_ldap', 'the first datagram of the flow is not LDAP');
        return reject('ldap.not_ldap');
      }
      state.confirmed = true;
      sink.confirm();
    }
    pos = end;
  }
  return OK;
}

// ---------------------------------------------------------------------------------------------
// SASL security layer

/**
 * One SASL buffer `d[s, e)` (4-byte length included): a Kerberos CFX Wrap token ([RFC4121]
 * 4.2.6.2), an RFC 1964 Wrap token, or an NTLMSSP signature. The messages of a signed buffer
 * are decoded; returns false when the token is none of these.
 */
function saslBuffer(
  state: LdapState,
  d: Uint8Array,
  s: number,
  e: number,
  sink: DecodeSink,
): boolean {
  const b = s + LDAP.SASL_LENGTH_BYTES;
  const m: LdapFields = { sasl_length: e - b };
  let token = 'unknown';
  let sealed = true;
  // Where the clear LDAP messages of a signed buffer lie, if anywhere.
  let inner = -1;
  let innerEnd = e;
  const t0 = d[b];
  const t1 = d[b + 1];
  if (e - b >= LDAP.CFX_HEADER && t0 === 0x05 && t1 === 0x04 && d[b + 3] === 0xff) {
    token = SaslToken.KRB5_CFX;
    sealed = ((d[b + 2] as number) & CfxFlag.SEALED) !== 0;
    if (!sealed) {
      // Without confidentiality the plaintext is followed by an EC-byte checksum, and the whole
      // is rotated right by RRC bytes: Windows rotates by EC, putting the checksum first.
      const ec = u16(d, b + 4);
      const rrc = u16(d, b + 6);
      const body = b + LDAP.CFX_HEADER;
      if (rrc === ec && body + ec <= e) inner = body + ec;
      else if (rrc === 0 && body + ec <= e) {
        inner = body;
        innerEnd = e - ec;
      }
    }
  } else if (
    e - b >= LDAP.NTLM_SIGNATURE &&
    t0 === 0x01 &&
    t1 === 0 &&
    d[b + 2] === 0 &&
    d[b + 3] === 0
  ) {
    token = SaslToken.NTLMSSP;
    // The signature does not say whether the message is sealed: a clear LDAPMessage after it
    // means it is not.
    const body = b + LDAP.NTLM_SIGNATURE;
    sealed = !(body < e && plausibleMessage(d.subarray(body, e), 0, e - body) === 1);
    if (!sealed) inner = body;
  } else if (e - b >= 2 && t0 === 0x60) {
    token = SaslToken.GSSAPI;
    const gss = gssWrapBody(d, b, e);
    sealed = gss < 0;
    if (!sealed) inner = gss;
  }
  m.sasl_token = token;
  m.sealed = sealed;
  if (state.saslMechanism !== '') m.sasl_mechanism = state.saslMechanism;
  let messages = 0;
  if (inner >= 0) {
    let p = inner;
    while (p < innerEnd && d[p] === 0x30) {
      const size = messageSize(d, p, innerEnd);
      if (headerBytes <= 0 || p + size > innerEnd) break;
      decodeMessage(state, d, p, p + size, sink, token);
      messages++;
      p += size;
    }
    if (messages === 0)
      sink.anomaly('ldap.malformed_sasl_buffer', `signed ${token} buffer without an LDAPMessage`);
  }
  m.messages = messages;
  if (token === 'unknown') {
    const first = b < e ? `opens with 0x${(t0 as number).toString(16)}` : 'is empty';
    sink.anomaly('ldap.malformed_sasl_buffer', `buffer of ${e - b} bytes ${first}`);
  }
  emit(sink, 'ldap.sasl_buffer', m);
  return token !== 'unknown';
}

/**
 * The RFC 1964 Wrap token at `b`: [APPLICATION 0] { OID, TOK_ID 02 01, SGN_ALG, SEAL_ALG,
 * filler, SND_SEQ (8), SGN_CKSUM (8), confounder (8), data }. Returns where the data starts
 * when SEAL_ALG is ffff (not sealed), else -1.
 */
function gssWrapBody(d: Uint8Array, b: number, e: number): number {
  const r = readTlv(d, b, e, T_GSS);
  if (r !== BER_OK) return -1;
  let p = T_GSS.start;
  if (d[p] !== 0x06) return -1;
  p += 2 + (d[p + 1] as number);
  if (p + 32 > e || d[p] !== 0x02 || d[p + 1] !== 0x01) return -1;
  if (d[p + 4] !== 0xff || d[p + 5] !== 0xff) return -1;
  return p + 32;
}

// ---------------------------------------------------------------------------------------------
// Messages

// Shared TLV records (decoding is synchronous and not re-entrant); filter levels have their own.
const T_MSG = new Tlv();
const T_ID = new Tlv();
const T_OP = new Tlv();
const T_A = new Tlv();
const T_B = new Tlv();
const T_C = new Tlv();
const T_D = new Tlv();
const T_GSS = new Tlv();
const T_FILTER: readonly Tlv[] = Array.from({ length: LDAP.MAX_FILTER_DEPTH + 2 }, () => new Tlv());
const T_SUB = new Tlv();

/** Why the message being decoded stopped ('' while fine). */
let failure = '';

function fail(why: string): void {
  if (failure === '') failure = why;
}

/** Reads the element at `p` inside `[p, end)` into `t`, expecting identifier `tag`. */
function expect(d: Uint8Array, p: number, end: number, t: Tlv, tag: number, what: string): boolean {
  if (failure !== '') return false;
  if (p >= end) {
    fail(`${what} missing`);
    return false;
  }
  const r = readTlv(d, p, end, t);
  if (r !== BER_OK) {
    fail(`${what}: ${BER_ERRORS[r] ?? 'bad TLV'}`);
    return false;
  }
  if (t.tag !== tag) {
    fail(`${what}: tag 0x${t.tag.toString(16)}, expected 0x${tag.toString(16)}`);
    return false;
  }
  return true;
}

/** Reads the element at `p` into `t`; true when it is well formed with identifier `tag`. */
function readAs(d: Uint8Array, p: number, e: number, t: Tlv, tag: number): boolean {
  return readTlv(d, p, e, t) === BER_OK && t.tag === tag;
}

/** Text of `d[s, e)`: ASCII as is, UTF-8 decoded, control characters as '.', at most `cap`. */
function text(d: Uint8Array, s: number, e: number, cap: number): string {
  const stop = Math.min(e, s + cap);
  for (let i = s; i < stop; i++) {
    if ((d[i] as number) >= 0x80) return utf8Text(d, s, stop);
  }
  return berText(d, s, stop, cap);
}

const UTF8 = new TextDecoder('utf-8');

function utf8Text(d: Uint8Array, s: number, e: number): string {
  return UTF8.decode(d.subarray(s, e)).replace(/[\u0000-\u001f\u007f]/g, '.');
}

/** An OCTET STRING element's text. */
function str(d: Uint8Array, t: Tlv, cap: number): string {
  return text(d, t.start, t.end, cap);
}

/** INTEGER or ENUMERATED content as a number (0 when empty). */
function int(d: Uint8Array, t: Tlv): number {
  return berInt(d, t.start, t.end);
}

/**
 * Decodes the LDAPMessage `d[s, e)` and emits its event. `layer` names the SASL token it was unwrapped from ('' when in clear). Returns false when
 * the message is not well formed.
 */
function decodeMessage(
  state: LdapState,
  d: Uint8Array,
  s: number,
  e: number,
  sink: DecodeSink,
  layer: string,
): boolean {
  failure = '';
  const m: LdapFields = {};
  if (layer !== '') m.sasl_layer = layer;
  let kind: LdapEventKind = 'ldap.unknown_operation';
  let extra: LdapExtra | null = null;
  let known = false;
  if (expect(d, s, e, T_MSG, 0x30, 'LDAPMessage')) {
    const end = T_MSG.end;
    if (T_MSG.end < e) fail(`${e - T_MSG.end} bytes after the LDAPMessage`);
    let p = T_MSG.start;
    if (expect(d, p, end, T_ID, 0x02, 'messageID')) {
      const id = int(d, T_ID);
      m.message_id = id;
      if (T_ID.end - T_ID.start > 4 || id < 0) {
        sink.anomaly('ldap.invalid_message_id', `messageID ${id} outside 0..2147483647`);
      }
      p = T_ID.end;
      // [RFC1798] CLDAPMessage carries a user DN here.
      if (state.datagram && d[p] === 0x04 && readTlv(d, p, end, T_A) === BER_OK) p = T_A.end;
      if (p >= end) fail('protocolOp missing');
      else if (readTlv(d, p, end, T_OP) !== BER_OK) fail('protocolOp: bad TLV');
    }
    if (failure === '') {
      const tag = T_OP.tag;
      const num = tag & 0x1f;
      m.protocol_op = num;
      const info = (tag & 0xc0) === 0x40 ? OPS.get(num) : undefined;
      if (info === undefined || info.constructed !== ((tag & 0x20) !== 0)) {
        m.protocol_op_name = 'unknown';
        sink.anomaly('ldap.unknown_operation', `protocolOp identifier 0x${tag.toString(16)}`);
      } else {
        known = true;
        m.protocol_op_name = info.name;
        kind = `ldap.${info.kind}` as LdapEventKind;
        const id = m.message_id as number;
        if (info.request && id === 0) {
          sink.anomaly(
            'ldap.invalid_message_id',
            `${info.name} with messageID 0 (reserved for notifications)`,
          );
        }
        extra = decodeOp(state, d, num, m, sink);
        if (failure === '') pair(state, id, num, m, sink);
      }
      const after = T_OP.end;
      if (failure === '' && after < end) {
        if (d[after] === 0xa0 && readTlv(d, after, end, T_A) === BER_OK) {
          controls(d, T_A, m, state.limits.maxStringBytes);
          if (T_A.end < end) fail(`${end - T_A.end} bytes after the controls`);
        } else fail('bytes after the protocolOp are not controls');
      }
    }
  }
  if (failure !== '') {
    m.error = failure;
    sink.anomaly('ldap.malformed_message', failure);
  }
  const ev: LdapEvent =
    extra?.ntlmssp !== undefined ? { kind, ldap: m, ntlmssp: extra.ntlmssp } : { kind, ldap: m };
  sink.emit(ev);
  if (extra?.startTls === true) state.tls = true;
  return known && failure === '';
}

/** What an operation decoder reports beside the fields. */
interface LdapExtra {
  ntlmssp?: NonNullable<LdapEvent['ntlmssp']>;
  startTls?: boolean;
}

function emit(sink: DecodeSink, kind: LdapEventKind, m: LdapFields): void {
  const ev: LdapEvent = { kind, ldap: m };
  sink.emit(ev);
}

/** Controls ([RFC4511] 4.1.11): SEQUENCE OF Control { controlType, criticality, value }. */
function controls(d: Uint8Array, t: Tlv, m: LdapFields, cap: number): void {
  const list: string[] = [];
  let count = 0;
  let p = t.start;
  while (p < t.end) {
    if (!readAs(d, p, t.end, T_B, 0x30)) {
      fail('malformed control');
      break;
    }
    count++;
    if (
      list.length < LDAP.MAX_LISTED &&
      readTlv(d, T_B.start, T_B.end, T_C) === BER_OK &&
      T_C.tag === 0x04
    ) {
      list.push(str(d, T_C, cap));
    }
    p = T_B.end;
  }
  m.controls = list;
  m.control_count = count;
}

/** Pairs a request or response by messageID ([RFC4511] 4.1.1.1). */
function pair(state: LdapState, id: number, op: number, m: LdapFields, sink: DecodeSink): void {
  const info = OPS.get(op);
  if (info === undefined) return;
  const pending = state.pending;
  if (info.request) {
    if (op === Op.ABANDON_REQUEST) pending.delete(m.abandon_id ?? -1);
    if (!info.answered) return;
    if (!pending.has(id) && pending.size >= state.limits.maxPendingTransactions) {
      const oldest = pending.keys().next().value as number;
      pending.delete(oldest);
      sink.anomaly(
        'ldap.too_many_pending',
        `more than ${state.limits.maxPendingTransactions} requests awaiting a response`,
      );
    }
    pending.set(id, {
      op,
      mechanism: m.mechanism ?? '',
      oid: m.oid ?? '',
      entries: 0,
      references: 0,
    });
    return;
  }
  const req = pending.get(id);
  if (req === undefined) return;
  m.request_op = (OPS.get(req.op) as { name: string }).name;
  if (op === Op.SEARCH_RES_ENTRY) {
    req.entries++;
    return;
  }
  if (op === Op.SEARCH_RES_REF) {
    req.references++;
    return;
  }
  if (op === Op.INTERMEDIATE_RESPONSE) return;
  if (op === Op.SEARCH_RES_DONE) {
    m.entries = req.entries;
    m.references = req.references;
  }
  if (req.oid !== '') m.request_oid = req.oid;
  if (op === Op.BIND_RESPONSE && req.mechanism !== '') {
    m.request_mechanism = req.mechanism;
    // saslBindInProgress keeps the exchange open for the next leg.
    if (m.result_code === Result.SASL_BIND_IN_PROGRESS) return;
    if (m.result_code === Result.SUCCESS) state.saslMechanism = req.mechanism;
  }
  pending.delete(id);
}

/** Decodes the body of the operation in T_OP into `m`. */
function decodeOp(
  state: LdapState,
  d: Uint8Array,
  op: number,
  m: LdapFields,
  sink: DecodeSink,
): LdapExtra | null {
  const cap = state.limits.maxStringBytes;
  const s = T_OP.start;
  const e = T_OP.end;
  switch (op) {
    case Op.BIND_REQUEST:
      return bindRequest(d, s, e, m, sink, cap);
    case Op.BIND_RESPONSE:
      ldapResult(d, s, e, m, sink, cap, (p) => {
        if (d[p] === 0x87 && readTlv(d, p, e, T_D) === BER_OK) {
          m.server_sasl_creds_length = T_D.end - T_D.start;
          return T_D.end;
        }
        return p;
      });
      if (m.result_code === Result.INVALID_CREDENTIALS) {
        sink.anomaly(
          'ldap.bind_failed',
          `bind refused: ${m.diagnostic_message ?? 'invalidCredentials'}`,
        );
      }
      return null;
    case Op.UNBIND_REQUEST:
      return null;
    case Op.SEARCH_REQUEST:
      searchRequest(d, s, e, m, sink, cap);
      return null;
    case Op.SEARCH_RES_ENTRY:
      if (expect(d, s, e, T_A, 0x04, 'objectName')) {
        m.object_name = str(d, T_A, cap);
        if (expect(d, T_A.end, e, T_B, 0x30, 'attributes')) attributeList(d, T_B, m, sink, cap);
      }
      return null;
    case Op.SEARCH_RES_REF:
      uris(d, s, e, m, cap);
      return null;
    case Op.MODIFY_REQUEST:
      if (expect(d, s, e, T_A, 0x04, 'object')) {
        m.object_name = str(d, T_A, cap);
        if (expect(d, T_A.end, e, T_B, 0x30, 'changes')) changes(d, T_B, m, sink, cap);
      }
      return null;
    case Op.ADD_REQUEST:
      if (expect(d, s, e, T_A, 0x04, 'entry')) {
        m.object_name = str(d, T_A, cap);
        if (expect(d, T_A.end, e, T_B, 0x30, 'attributes')) attributeList(d, T_B, m, sink, cap);
      }
      return null;
    case Op.DEL_REQUEST:
      m.object_name = text(d, s, e, cap);
      return null;
    case Op.MODDN_REQUEST:
      if (expect(d, s, e, T_A, 0x04, 'entry')) {
        m.object_name = str(d, T_A, cap);
        if (expect(d, T_A.end, e, T_B, 0x04, 'newrdn')) {
          m.new_rdn = str(d, T_B, cap);
          if (expect(d, T_B.end, e, T_C, 0x01, 'deleteoldrdn')) {
            m.delete_old_rdn = berBool(d, T_C.start, T_C.end);
            if (T_C.end < e && expect(d, T_C.end, e, T_D, 0x80, 'newSuperior')) {
              m.new_superior = str(d, T_D, cap);
            }
          }
        }
      }
      return null;
    case Op.COMPARE_REQUEST:
      if (expect(d, s, e, T_A, 0x04, 'entry')) {
        m.object_name = str(d, T_A, cap);
        if (
          expect(d, T_A.end, e, T_B, 0x30, 'ava') &&
          expect(d, T_B.start, T_B.end, T_C, 0x04, 'attributeDesc')
        ) {
          m.attribute = str(d, T_C, cap);
        }
      }
      return null;
    case Op.ABANDON_REQUEST:
      m.abandon_id = berInt(d, s, e);
      return null;
    case Op.EXTENDED_REQUEST:
      return extendedRequest(d, s, e, m, sink, cap);
    case Op.EXTENDED_RESPONSE:
      return extendedResponse(state, d, s, e, m, sink, cap);
    case Op.INTERMEDIATE_RESPONSE:
      optionalName(d, s, e, m, 0x80, 0x81, cap);
      return null;
    default:
      // Every response left: LDAPResult.
      ldapResult(d, s, e, m, sink, cap, (p) => p);
      return null;
  }
}

/** BindRequest ([RFC4511] 4.2): version, name, authentication. */
function bindRequest(
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  sink: DecodeSink,
  cap: number,
): LdapExtra | null {
  if (!expect(d, s, e, T_A, 0x02, 'version')) return null;
  m.version = int(d, T_A);
  if (!expect(d, T_A.end, e, T_B, 0x04, 'name')) return null;
  m.name = str(d, T_B, cap);
  const p = T_B.end;
  if (p >= e || readTlv(d, p, e, T_C) !== BER_OK || (T_C.tag & 0xc0) !== 0x80) {
    fail('authentication missing or malformed');
    return null;
  }
  const choice = T_C.tag & 0x1f;
  m.auth_type = AUTH_TYPES.get(choice) ?? 'unknown';
  if (choice === Auth.SIMPLE) {
    const has = T_C.end > T_C.start;
    m.password_present = has;
    m.anonymous = !has && m.name === '';
    if (has) {
      sink.anomaly(
        'ldap.cleartext_password',
        `simple bind of "${m.name}" with a password in clear`,
      );
    } else if (m.name !== '') {
      m.unauthenticated = true;
      sink.anomaly('ldap.unauthenticated_bind', `bind DN "${m.name}" without a password`);
    } else {
      sink.anomaly('ldap.anonymous_bind', 'anonymous simple bind');
    }
    return null;
  }
  let credS = T_C.start;
  let credE = T_C.end;
  if (choice === Auth.SASL) {
    // SaslCredentials ::= SEQUENCE { mechanism LDAPString, credentials OCTET STRING OPTIONAL }
    if ((T_C.tag & 0x20) === 0 || !expect(d, T_C.start, T_C.end, T_D, 0x04, 'mechanism')) {
      fail('SASL credentials malformed');
      return null;
    }
    m.mechanism = str(d, T_D, cap);
    credS = T_D.end;
    credE = T_C.end;
    if (credS < credE) {
      if (!readAs(d, credS, credE, T_D, 0x04)) {
        fail('SASL credentials malformed');
        return null;
      }
      credS = T_D.start;
      credE = T_D.end;
      m.credentials_length = credE - credS;
    } else credE = credS;
    if (CLEARTEXT_MECHANISMS.has(m.mechanism.toUpperCase()) && credE > credS) {
      m.password_present = true;
      sink.anomaly('ldap.cleartext_password', `SASL ${m.mechanism} bind with a password in clear`);
    }
  } else if (credE > credS) m.credentials_length = credE - credS;
  // NTLM rides in SPNEGO (GSS-SPNEGO) or bare (GSS-SPNEGO second leg, sicily binds).
  const at = ntlmsspAt(d, credS, Math.min(credE, credS + LDAP.MAX_NTLMSSP_SCAN));
  if (at < 0) return null;
  const ntlm = parseNtlmssp(d, at, credE);
  if (ntlm === null) return null;
  return { ntlmssp: ntlm };
}

/**
 * LDAPResult ([RFC4511] 4.1.9): resultCode, matchedDN, diagnosticMessage, referral [3];
 * `tail` reads what an operation adds after it and returns where it stops.
 */
function ldapResult(
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  sink: DecodeSink,
  cap: number,
  tail: (p: number) => number,
): number {
  if (!expect(d, s, e, T_A, 0x0a, 'resultCode')) return e;
  const code = int(d, T_A);
  m.result_code = code;
  m.result_name = RESULT_CODES.get(code) ?? 'unknown';
  if (!expect(d, T_A.end, e, T_B, 0x04, 'matchedDN')) return e;
  const matched = str(d, T_B, cap);
  if (matched !== '') m.matched_dn = matched;
  if (!expect(d, T_B.end, e, T_C, 0x04, 'diagnosticMessage')) return e;
  if (T_C.end > T_C.start) {
    m.diagnostic_message = text(d, T_C.start, T_C.end, Math.min(cap, LDAP.MAX_DIAGNOSTIC_CHARS));
  }
  let p = T_C.end;
  if (p < e && d[p] === 0xa3 && readTlv(d, p, e, T_D) === BER_OK) {
    uris(d, T_D.start, T_D.end, m, cap);
    p = T_D.end;
  }
  void sink;
  p = tail(p);
  if (p < e && failure === '') {
    // Extended and intermediate responses add named optional parts; others must end here.
    fail(`${e - p} bytes after the LDAPResult`);
  }
  return p;
}

/** SEQUENCE OF URI ([RFC4511] 4.1.10, 4.5.3). */
function uris(d: Uint8Array, s: number, e: number, m: LdapFields, cap: number): void {
  const list: string[] = [];
  let count = 0;
  let p = s;
  while (p < e) {
    if (!readAs(d, p, e, T_B, 0x04)) {
      fail('malformed URI');
      break;
    }
    count++;
    if (list.length < LDAP.MAX_LISTED) list.push(str(d, T_B, cap));
    p = T_B.end;
  }
  m.uris = list;
  m.uri_count = count;
}

/** SearchRequest ([RFC4511] 4.5.1). */
function searchRequest(
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  sink: DecodeSink,
  cap: number,
): void {
  if (!expect(d, s, e, T_A, 0x04, 'baseObject')) return;
  m.base_object = str(d, T_A, cap);
  if (!expect(d, T_A.end, e, T_A, 0x0a, 'scope')) return;
  const scope = int(d, T_A);
  m.scope = scope;
  m.scope_name = SCOPES[scope] ?? 'unknown';
  if (!expect(d, T_A.end, e, T_A, 0x0a, 'derefAliases')) return;
  const deref = int(d, T_A);
  m.deref_aliases = deref;
  m.deref_aliases_name = DEREF[deref] ?? 'unknown';
  if (!expect(d, T_A.end, e, T_A, 0x02, 'sizeLimit')) return;
  m.size_limit = int(d, T_A);
  if (!expect(d, T_A.end, e, T_A, 0x02, 'timeLimit')) return;
  m.time_limit = int(d, T_A);
  if (!expect(d, T_A.end, e, T_A, 0x01, 'typesOnly')) return;
  m.types_only = berBool(d, T_A.start, T_A.end);
  const fp = T_A.end;
  if (fp >= e) {
    fail('filter missing');
    return;
  }
  filterOut = '';
  filterDeep = false;
  filterLong = false;
  const next = renderFilter(d, fp, e, 0, cap);
  m.filter = filterLong ? `${filterOut}...` : filterOut;
  if (filterDeep)
    sink.anomaly(
      'ldap.filter_too_deep',
      `filter nested deeper than ${LDAP.MAX_FILTER_DEPTH} levels`,
    );
  if (filterLong)
    sink.anomaly('ldap.filter_too_long', `filter longer than ${LDAP.MAX_FILTER_CHARS} characters`);
  if (next < 0 || failure !== '') return;
  if (!expect(d, next, e, T_A, 0x30, 'attributes')) return;
  const list: string[] = [];
  let count = 0;
  let p = T_A.start;
  while (p < T_A.end) {
    if (!readAs(d, p, T_A.end, T_B, 0x04)) {
      fail('malformed attribute selector');
      break;
    }
    count++;
    if (list.length < LDAP.MAX_LISTED) list.push(str(d, T_B, cap));
    p = T_B.end;
  }
  if (count > LDAP.MAX_LISTED)
    sink.anomaly('ldap.objects_limit_reached', `${count} attributes requested`);
  m.attributes = list;
  m.attribute_count = count;
}

// Filter rendering state (one filter at a time).
let filterOut = '';
let filterDeep = false;
let filterLong = false;

function put(s: string): void {
  if (filterLong) return;
  if (filterOut.length + s.length > LDAP.MAX_FILTER_CHARS) {
    filterOut += s.slice(0, LDAP.MAX_FILTER_CHARS - filterOut.length);
    filterLong = true;
    return;
  }
  filterOut += s;
}

const HEX = '0123456789abcdef';

/** Appends an assertion value escaped as [RFC4515] 3 requires (and non-printables as \xx). */
function putValue(d: Uint8Array, s: number, e: number, cap: number): void {
  const stop = Math.min(e, s + cap);
  let plain = true;
  for (let i = s; i < stop; i++) {
    const c = d[i] as number;
    if (c < 0x20 || c >= 0x7f || c === 0x2a || c === 0x28 || c === 0x29 || c === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) {
    put(berText(d, s, stop, cap));
    return;
  }
  // UTF-8 text stays readable; binary values (SIDs, GUIDs) become \xx escapes.
  const utf8 = validUtf8(d, s, stop);
  let out = '';
  for (let i = s; i < stop && out.length <= LDAP.MAX_FILTER_CHARS; i++) {
    const c = d[i] as number;
    if (
      c < 0x20 ||
      c === 0x7f ||
      c === 0x2a ||
      c === 0x28 ||
      c === 0x29 ||
      c === 0x5c ||
      (c >= 0x80 && !utf8)
    ) {
      out += `\\${HEX[c >> 4] as string}${HEX[c & 15] as string}`;
    } else if (c >= 0x80) {
      // A whole UTF-8 sequence (validated above).
      const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      out += UTF8.decode(d.subarray(i, i + len));
      i += len - 1;
    } else out += String.fromCharCode(c);
  }
  put(out);
}

function validUtf8(d: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = d[i] as number;
    if (c < 0x80) continue;
    const len = c >= 0xf8 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len === 0 || i + len > e) return false;
    for (let k = 1; k < len; k++) if (((d[i + k] as number) & 0xc0) !== 0x80) return false;
    i += len - 1;
  }
  return true;
}

/**
 * Renders the Filter element at `p` ([RFC4511] 4.5.1.7) into `filterOut` as [RFC4515] text;
 * returns the offset after it, or -1 when it is malformed (failure set).
 */
function renderFilter(d: Uint8Array, p: number, e: number, depth: number, cap: number): number {
  const t = T_FILTER[depth] as Tlv;
  if (readTlv(d, p, e, t) !== BER_OK) {
    fail('malformed filter');
    return -1;
  }
  const tag = t.tag;
  const choice = tag & 0x1f;
  if ((tag & 0xc0) !== 0x80) {
    fail(`filter element 0x${tag.toString(16)}`);
    return -1;
  }
  if (depth >= LDAP.MAX_FILTER_DEPTH) {
    // The deeper levels are left out where they start; the levels above still close.
    filterDeep = true;
    put('...');
    return t.end;
  }
  const end = t.end;
  switch (choice) {
    case Filter.AND:
    case Filter.OR: {
      put(choice === Filter.AND ? '(&' : '(|');
      let q = t.start;
      while (q < end && !filterLong) {
        q = renderFilter(d, q, end, depth + 1, cap);
        if (q < 0) return -1;
      }
      put(')');
      return end;
    }
    case Filter.NOT: {
      put('(!');
      if (renderFilter(d, t.start, end, depth + 1, cap) < 0) return -1;
      put(')');
      return end;
    }
    case Filter.PRESENT:
      put('(');
      put(text(d, t.start, end, cap));
      put('=*)');
      return end;
    case Filter.EQUALITY:
    case Filter.GREATER_OR_EQUAL:
    case Filter.LESS_OR_EQUAL:
    case Filter.APPROX: {
      // AttributeValueAssertion ::= SEQUENCE { attributeDesc, assertionValue }
      if (!readAs(d, t.start, end, T_SUB, 0x04)) break;
      put('(');
      put(text(d, T_SUB.start, T_SUB.end, cap));
      put(
        choice === Filter.EQUALITY
          ? '='
          : choice === Filter.APPROX
            ? '~='
            : choice === Filter.GREATER_OR_EQUAL
              ? '>='
              : '<=',
      );
      const v = T_SUB.end;
      if (!readAs(d, v, end, T_SUB, 0x04)) break;
      putValue(d, T_SUB.start, T_SUB.end, cap);
      put(')');
      return end;
    }
    case Filter.SUBSTRINGS: {
      // SubstringFilter ::= SEQUENCE { type, substrings SEQUENCE OF CHOICE { initial [0],
      // any [1], final [2] } }
      if (!readAs(d, t.start, end, T_SUB, 0x04)) break;
      put('(');
      put(text(d, T_SUB.start, T_SUB.end, cap));
      put('=');
      const list = T_SUB.end;
      if (!readAs(d, list, end, T_SUB, 0x30)) break;
      const le = T_SUB.end;
      let q = T_SUB.start;
      let first = true;
      let lastFinal = false;
      while (q < le) {
        if (readTlv(d, q, le, T_SUB) !== BER_OK || (T_SUB.tag & 0xdc) !== 0x80) {
          fail('malformed substring');
          return -1;
        }
        const which = T_SUB.tag & 0x03;
        if (which !== 0 || !first) put('*');
        putValue(d, T_SUB.start, T_SUB.end, cap);
        lastFinal = which === 2;
        first = false;
        q = T_SUB.end;
      }
      put(lastFinal ? ')' : '*)');
      return end;
    }
    case Filter.EXTENSIBLE: {
      // MatchingRuleAssertion ::= SEQUENCE { matchingRule [1] OPTIONAL, type [2] OPTIONAL,
      // matchValue [3], dnAttributes [4] BOOLEAN DEFAULT FALSE }; text: type:dn:rule:=value
      let q = t.start;
      let rule = '';
      let type = '';
      let dn = false;
      let vs = -1;
      let ve = -1;
      while (q < end) {
        if (readTlv(d, q, end, T_SUB) !== BER_OK) {
          fail('malformed extensible match');
          return -1;
        }
        const k = T_SUB.tag;
        if (k === 0x81) rule = text(d, T_SUB.start, T_SUB.end, cap);
        else if (k === 0x82) type = text(d, T_SUB.start, T_SUB.end, cap);
        else if (k === 0x83) {
          vs = T_SUB.start;
          ve = T_SUB.end;
        } else if (k === 0x84) dn = berBool(d, T_SUB.start, T_SUB.end);
        q = T_SUB.end;
      }
      if (vs < 0) break;
      put('(');
      put(type);
      if (dn) put(':dn');
      if (rule !== '') put(`:${rule}`);
      put(':=');
      putValue(d, vs, ve, cap);
      put(')');
      return end;
    }
    default:
      fail(`unknown filter choice ${choice}`);
      return -1;
  }
  fail('malformed filter item');
  return -1;
}

/** PartialAttributeList / AttributeList: the attribute types ([RFC4511] 4.1.7). */
function attributeList(d: Uint8Array, t: Tlv, m: LdapFields, sink: DecodeSink, cap: number): void {
  const list: string[] = [];
  let count = 0;
  let p = t.start;
  const e = t.end;
  while (p < e) {
    if (!readAs(d, p, e, T_C, 0x30)) {
      fail('malformed attribute');
      break;
    }
    count++;
    if (
      list.length < LDAP.MAX_LISTED &&
      readTlv(d, T_C.start, T_C.end, T_D) === BER_OK &&
      T_D.tag === 0x04
    ) {
      list.push(str(d, T_D, cap));
    }
    p = T_C.end;
  }
  if (count > LDAP.MAX_LISTED) sink.anomaly('ldap.objects_limit_reached', `${count} attributes`);
  m.attributes = list;
  m.attribute_count = count;
}

/** ModifyRequest changes ([RFC4511] 4.6): SEQUENCE OF { operation, modification }. */
function changes(d: Uint8Array, t: Tlv, m: LdapFields, sink: DecodeSink, cap: number): void {
  const list: LdapModification[] = [];
  let count = 0;
  let p = t.start;
  const e = t.end;
  while (p < e) {
    if (!expect(d, p, e, T_C, 0x30, 'change')) break;
    const ce = T_C.end;
    if (!expect(d, T_C.start, ce, T_D, 0x0a, 'operation')) break;
    const op = int(d, T_D);
    if (!expect(d, T_D.end, ce, T_D, 0x30, 'modification')) break;
    const me = T_D.end;
    if (!expect(d, T_D.start, me, T_D, 0x04, 'type')) break;
    const type = str(d, T_D, cap);
    let values = 0;
    if (expect(d, T_D.end, me, T_D, 0x31, 'vals')) {
      let q = T_D.start;
      while (q < T_D.end && readTlv(d, q, T_D.end, T_SUB) === BER_OK) {
        values++;
        q = T_SUB.end;
      }
    }
    count++;
    if (list.length < LDAP.MAX_LISTED)
      list.push({ operation: MOD_OPS[op] ?? 'unknown', type, values });
    p = ce;
  }
  if (count > LDAP.MAX_LISTED) sink.anomaly('ldap.objects_limit_reached', `${count} modifications`);
  m.modifications = list;
  m.modification_count = count;
}

/** An optional [n] OID and [n+1] value (extended and intermediate responses). */
function optionalName(
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  nameTag: number,
  valueTag: number,
  cap: number,
): void {
  let p = s;
  while (p < e) {
    if (readTlv(d, p, e, T_D) !== BER_OK) {
      fail('malformed response name or value');
      return;
    }
    if (T_D.tag === nameTag) {
      const oid = text(d, T_D.start, T_D.end, cap);
      m.oid = oid;
      const name = EXTENDED_OPS.get(oid);
      if (name !== undefined) m.oid_name = name;
    } else if (T_D.tag === valueTag) m.value_length = T_D.end - T_D.start;
    else {
      fail(`unexpected element 0x${T_D.tag.toString(16)}`);
      return;
    }
    p = T_D.end;
  }
}

/** ExtendedRequest ([RFC4511] 4.12): requestName [0] LDAPOID, requestValue [1] OPTIONAL. */
function extendedRequest(
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  sink: DecodeSink,
  cap: number,
): LdapExtra | null {
  if (!expect(d, s, e, T_A, 0x80, 'requestName')) return null;
  optionalName(d, s, e, m, 0x80, 0x81, cap);
  if (m.oid === PASSWORD_MODIFY_OID && m.value_length !== undefined) {
    sink.anomaly('ldap.cleartext_password', 'Password Modify extended operation in clear');
  }
  return null;
}

/** ExtendedResponse ([RFC4511] 4.12): LDAPResult, responseName [10], responseValue [11]. */
function extendedResponse(
  state: LdapState,
  d: Uint8Array,
  s: number,
  e: number,
  m: LdapFields,
  sink: DecodeSink,
  cap: number,
): LdapExtra | null {
  ldapResult(d, s, e, m, sink, cap, (p) => {
    optionalName(d, p, e, m, 0x8a, 0x8b, cap);
    return e;
  });
  // A successful StartTLS response: TLS starts with the next byte ([RFC4511] 4.14.2).
  const req = state.pending.get(m.message_id ?? -1);
  if (req?.oid === START_TLS_OID && m.result_code === Result.SUCCESS && failure === '') {
    return { startTls: true };
  }
  return null;
}
