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
import { BER_OK, Tlv, readTlv } from '../../ber.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, Direction, ParseStatus, ProbeResult } from '../../decoder.js';
import { CfxFlag, LDAP, OPS, SaslToken } from './constants.js';
import type { LdapEvent, LdapFields } from './events.js';
import { decodeMessage } from './message.js';
import type { LdapState } from './state.js';

export { LdapState, createLdapState, onLdapGap } from './state.js';

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
  } else if (state.saslMechanism !== '') {
    // Another mechanism's layer (DIGEST-MD5: the message, then a 16-byte MAC when only signed,
    // [RFC2831] 2.3): a clear LDAPMessage first means integrity only.
    token = SaslToken.OTHER;
    sealed = !(b < e && plausibleMessage(d.subarray(b, e), 0, e - b) === 1);
    if (!sealed) inner = b;
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
  const ev: LdapEvent = { kind: 'ldap.sasl_buffer', ldap: m };
  sink.emit(ev);
  return token !== 'unknown';
}

/**
 * The RFC 1964 Wrap token at `b`: [APPLICATION 0] { OID, TOK_ID 02 01, SGN_ALG, SEAL_ALG,
 * filler, SND_SEQ (8), SGN_CKSUM (8), confounder (8), data }. Returns where the data starts
 * when SEAL_ALG is ffff (not sealed), else -1.
 */
const T_GSS = new Tlv();

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
