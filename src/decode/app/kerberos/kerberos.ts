/**
 * Kerberos V5 framing ([RFC4120] 7.2): over UDP one message per datagram; over TCP each message
 * is preceded by a 4-octet record mark, the length in the low 31 bits with the high bit reserved
 * (7.2.2). Also kpasswd ([RFC3244], port 464), whose messages carry an AP-REQ or AP-REP then a
 * KRB-PRIV or KRB-ERROR behind a 6-octet header, framed the same way:
 *
 *   TCP:      | record mark (4) | message ...                                   |
 *   kpasswd:  | [record mark (4)] | length (2) | version (2) | AP length (2) | AP-REQ/AP-REP | KRB-PRIV/KRB-ERROR |
 *   message:  [APPLICATION msg-type] SEQUENCE { pvno, msg-type, ... }
 *
 * The message bodies are read by `messages.ts`. Per-flow state: whether the last AS-REQ of the
 * flow carried pre-authentication, so that an AS-REP answering one without it is flagged (the
 * reply's nonce is encrypted, so replies pair with requests by flow: each UDP exchange and each
 * TCP connection is its own flow), and per direction the bytes of an oversized record still to
 * skip.
 */
import { Direction, OK, incomplete, reject } from '../../decoder.js';
import type { DecodeSink, DecoderLimits, ParseStatus, ProbeResult } from '../../decoder.js';
import { KRB, MSG, MSG_TYPES, TAG, etypeName } from './constants.js';
import type { KerberosFields, KpasswdFields } from './events.js';
import { kindOf, last, readMessage, weakRequested } from './messages.js';

/** Per-flow state. */
export interface KerberosState {
  /** True for UDP: each `parse` call is one whole datagram. */
  readonly datagram: boolean;
  confirmed: boolean;
  /** Last AS-REQ of the flow: -1 none seen, 0 without pre-authentication, 1 with. */
  lastAsReq: number;
  /** Per direction: bytes of an oversized TCP record still to skip. */
  readonly skip: [number, number];
  /** Per direction: the stream lost its framing (capture gap, reserved record-mark bit). */
  readonly lost: [boolean, boolean];
  readonly limits: DecoderLimits;
}

/** Fresh per-flow state; `transport` is the flow's (stream form unless `udp`). */
export function createKerberosState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): KerberosState {
  return {
    datagram: transport === 'udp',
    confirmed: false,
    lastAsReq: -1,
    skip: [0, 0],
    lost: [false, false],
    limits,
  };
}

function u16(d: Uint8Array, p: number): number {
  return ((d[p] as number) << 8) | (d[p + 1] as number);
}

function u32(d: Uint8Array, p: number): number {
  return (d[p] as number) * 0x1000000 + (((d[p + 1] as number) << 16) | u16(d, p + 2));
}

// ---------------------------------------------------------------------------------------------
// Recognition

/**
 * Checks the start of a Kerberos message at `s` (bytes up to `n`; the unit ends at `end` when
 * known): the [APPLICATION n] identifier of a message type, a definite length that fits, a
 * SEQUENCE, then pvno = 5 and msg-type = n with their context tags ([1], [2] in KDC-REQ, [0],
 * [1] elsewhere). 1 plausible, 0 needs more bytes, -1 not Kerberos.
 */
function plausible(d: Uint8Array, s: number, n: number, end: number): number {
  if (n - s < 1) return 0;
  const id = d[s] as number;
  const mt = id & 0x1f;
  if ((id & 0xe0) !== TAG.APPLICATION || !MSG_TYPES.has(mt)) return -1;
  let p = s + 1;
  // Two definite lengths: of the APPLICATION element, then of its SEQUENCE.
  for (let level = 0; level < 2; level++) {
    if (level === 1) {
      if (n - p < 1) return 0;
      if (d[p] !== TAG.SEQUENCE) return -1;
      p++;
    }
    if (n - p < 1) return 0;
    const b = d[p] as number;
    let len = b;
    p++;
    if (b & 0x80) {
      const k = b & 0x7f;
      if (k === 0 || k > 3) return -1;
      if (n - p < k) return 0;
      len = 0;
      for (let i = 0; i < k; i++) len = len * 256 + (d[p + i] as number);
      p += k;
    }
    if (len < 10 || (end >= 0 && p + len > end)) return -1;
    // A datagram or record is exactly one message.
    if (level === 0 && end >= 0 && p + len !== end) return -1;
  }
  const req = mt === MSG.AS_REQ || mt === MSG.TGS_REQ;
  const first = req ? TAG.CONTEXT | 1 : TAG.CONTEXT;
  // pvno [k] INTEGER 5, msg-type [k+1] INTEGER mt: a1 03 02 01 05 a2 03 02 01 0a for an AS-REQ.
  const want = [first, 3, TAG.INTEGER, 1, KRB.PVNO, first + 1, 3, TAG.INTEGER, 1, mt];
  for (let i = 0; i < want.length; i++) {
    if (p + i >= n) return 0;
    if (d[p + i] !== want[i]) return -1;
  }
  return 1;
}

/**
 * Checks a kpasswd header at `s` of a unit ending at `end` ([RFC3244] 2): the message length
 * equals the unit, version 1 or 0xff80, then an AP-REQ/AP-REP of the stated length, or an AP
 * length of 0 and a KRB-ERROR. 1 plausible, 0 needs more bytes, -1 not kpasswd.
 */
function kpasswdPlausible(d: Uint8Array, s: number, n: number, end: number): number {
  // Each field is judged as soon as its bytes are there, so a prefix is refused early.
  if (n - s < 2) return 0;
  const len = u16(d, s);
  if (len !== end - s) return -1;
  if (n - s < 4) return 0;
  const ver = u16(d, s + 2);
  if (ver !== KRB.KPASSWD_CHANGE && ver !== KRB.KPASSWD_SET) return -1;
  if (n - s < 6) return 0;
  const ap = u16(d, s + 4);
  if (6 + ap > len) return -1;
  if (n - s < 7) return 0;
  const id = d[s + 6] as number;
  if (ap === 0) {
    return id === (TAG.APPLICATION | MSG.ERROR) ? plausible(d, s + 6, n, end) : -1;
  }
  if (id !== (TAG.APPLICATION | MSG.AP_REQ) && id !== (TAG.APPLICATION | MSG.AP_REP)) return -1;
  return plausible(d, s + 6, Math.min(n, s + 6 + ap), s + 6 + ap);
}

/** Longest TCP record the probe accepts as the first of a flow. */
const PROBE_MAX_RECORD = 1 << 20;

/**
 * Recognises Kerberos (or kpasswd) in either form: a whole datagram, or the start of a TCP
 * stream (record mark, then the message, which may still be incomplete).
 */
export function probeKerberos(data: Uint8Array, _dir: Direction): ProbeResult {
  const n = data.length;
  if (n === 0) return 'need_more';
  // A datagram: the message (or kpasswd header) starts at once.
  if (plausible(data, 0, n, n) === 1 || kpasswdPlausible(data, 0, n, n) === 1) return 'match';
  if (n < 4) return data[0] === 0 ? 'need_more' : 'no_match';
  const len = u32(data, 0);
  if (len < 12 || len > PROBE_MAX_RECORD) return 'no_match';
  const end = 4 + len;
  if (n >= 5 && (data[4] as number) < TAG.APPLICATION) {
    // kpasswd's own 16-bit length bounds its records.
    if (len > 0xffff) return 'no_match';
    const k = kpasswdPlausible(data, 4, Math.min(n, end), end);
    return k === 1 ? 'match' : k === 0 && n < end ? 'need_more' : 'no_match';
  }
  const r = plausible(data, 4, Math.min(n, end), end);
  return r === 1 ? 'match' : r === 0 && n < end ? 'need_more' : 'no_match';
}

// ---------------------------------------------------------------------------------------------
// Parse

/** Decodes Kerberos messages: one datagram, or record-marked messages from a TCP stream. */
export function parseKerberos(
  state: KerberosState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  const n = data.length;
  if (state.datagram) {
    if (!state.confirmed && !unitPlausible(data, 0, n)) return reject('kerberos.not_kerberos');
    unit(state, data, 0, n, 'udp', dir, sink);
    return OK;
  }
  if (state.lost[dir]) return OK;
  let pos = 0;
  const skip = state.skip[dir];
  if (skip > 0) {
    const k = Math.min(skip, n);
    state.skip[dir] = skip - k;
    pos = k;
  }
  while (pos < n) {
    if (n - pos < KRB.RECORD_MARK) return incomplete(pos, KRB.RECORD_MARK);
    const mark = u32(data, pos);
    if (mark >= 0x80000000) {
      // The reserved bit ([RFC4120] 7.2.2): no KDC sends it; the framing cannot be trusted.
      if (!state.confirmed) return reject('kerberos.not_kerberos');
      sink.anomaly('kerberos.invalid_record_mark', `record mark 0x${mark.toString(16)}`);
      state.lost[dir] = true;
      return OK;
    }
    const total = KRB.RECORD_MARK + mark;
    // The pipeline buffers at most maxPduBytes per direction: a longer record is skipped here,
    // which keeps the framing, rather than overflowing the buffer.
    if (total > state.limits.maxPduBytes) {
      if (!state.confirmed) return reject('kerberos.not_kerberos');
      sink.anomaly('kerberos.oversize', `${mark}-byte record skipped`);
      const k = Math.min(total, n - pos);
      state.skip[dir] = total - k;
      pos += k;
      continue;
    }
    if (n - pos < total) return incomplete(pos, total);
    const s = pos + KRB.RECORD_MARK;
    if (!state.confirmed && !unitPlausible(data, s, s + mark))
      return reject('kerberos.not_kerberos');
    unit(state, data, s, s + mark, 'tcp', dir, sink);
    pos += total;
  }
  return OK;
}

/** A capture gap: the stream's framing is lost in that direction. */
export function kerberosGap(state: KerberosState, dir: Direction): void {
  if (!state.datagram) state.lost[dir] = true;
}

function unitPlausible(d: Uint8Array, s: number, e: number): boolean {
  return plausible(d, s, e, e) === 1 || kpasswdPlausible(d, s, e, e) === 1;
}

/** One datagram or TCP record: a Kerberos message or a kpasswd message. */
function unit(
  state: KerberosState,
  d: Uint8Array,
  s: number,
  e: number,
  transport: 'udp' | 'tcp',
  dir: Direction,
  sink: DecodeSink,
): void {
  if (e - s >= 1 && ((d[s] as number) & 0xe0) === TAG.APPLICATION) {
    message(state, d, s, e, transport, null, sink);
    return;
  }
  if (e - s < 6 || kpasswdPlausible(d, s, e, e) !== 1) {
    sink.anomaly(
      'kerberos.malformed',
      `${e - s}-byte unit is neither a Kerberos nor a kpasswd message`,
    );
    return;
  }
  // kpasswd ([RFC3244] 2): the AP-REQ/AP-REP, then KRB-PRIV or KRB-ERROR.
  const ver = u16(d, s + 2);
  const ap = u16(d, s + 4);
  const kp: KpasswdFields = {
    version: ver,
    operation:
      dir === Direction.TO_CLIENT
        ? 'reply'
        : ver === KRB.KPASSWD_SET
          ? 'set_password'
          : 'change_password',
    ap_length: ap,
  };
  let p = s + 6;
  if (ap > 0) {
    message(state, d, p, p + ap, transport, kp, sink);
    p += ap;
  }
  if (p < e) message(state, d, p, e, transport, kp, sink);
}

/** Decodes one message at `d[s..e)`, raises its anomalies and emits its event. */
function message(
  state: KerberosState,
  d: Uint8Array,
  s: number,
  e: number,
  transport: 'udp' | 'tcp',
  kp: KpasswdFields | null,
  sink: DecodeSink,
): void {
  const f = readMessage(d, s, e, transport);
  if (f === null) {
    sink.anomaly(
      'kerberos.malformed',
      `identifier 0x${(d[s] ?? 0).toString(16)} is not a Kerberos message`,
    );
    return;
  }
  if (last.fail !== '') {
    const name = f.msg_type_name;
    sink.anomaly(
      'kerberos.malformed',
      last.fail.startsWith(name) ? last.fail : `${name}: ${last.fail}`,
    );
  }
  if (last.limit !== '')
    sink.anomaly('kerberos.limit_reached', `${f.msg_type_name}: ${last.limit}`);
  if (last.badVersion !== '')
    sink.anomaly('kerberos.bad_pvno', `${f.msg_type_name}: ${last.badVersion}`);
  anomalies(state, f, sink);
  if (kp === null) sink.emit({ kind: kindOf(f.msg_type), kerberos: f });
  else sink.emit({ kind: kindOf(f.msg_type), kerberos: f, kpasswd: kp });
  if (!state.confirmed && last.fail === '') {
    state.confirmed = true;
    sink.confirm();
  }
}

/** Security anomalies of a decoded message. */
function anomalies(state: KerberosState, f: KerberosFields, sink: DecodeSink): void {
  if (weakRequested(f)) {
    sink.anomaly(
      'kerberos.weak_etype_requested',
      `${f.msg_type_name} for ${f.cname ?? ''} asks only for ${(f.etype_names ?? []).join(', ')}`,
    );
  }
  if (last.weakCipher) sink.anomaly('kerberos.weak_etype_used', weakDetail(f));
  if (f.include_pac === false) {
    sink.anomaly('kerberos.pac_excluded', `${f.msg_type_name} for ${f.cname ?? f.sname ?? ''}`);
  }
  if (f.msg_type === MSG.AS_REQ) state.lastAsReq = f.preauth === true ? 1 : 0;
  else if (f.msg_type === MSG.AS_REP) {
    // Only a reply that carries its ticket is an answer to the request.
    if (state.lastAsReq === 0 && f.ticket !== undefined) {
      sink.anomaly(
        'kerberos.asrep_without_preauth',
        `${f.cname ?? ''}@${f.crealm ?? ''} got a ticket without pre-authentication`,
      );
    }
    state.lastAsReq = -1;
  } else if (f.msg_type === MSG.CRED && f.enc_part_etype === 0) {
    sink.anomaly(
      'kerberos.cleartext_credentials',
      `KRB-CRED with ${f.ticket_count ?? 0} ticket(s) and their session keys unencrypted (etype 0)`,
    );
  }
}

/** Names where the weak encryption type is. */
function weakDetail(f: KerberosFields): string {
  const parts: string[] = [];
  if (f.ticket !== undefined) parts.push(`ticket ${f.ticket.sname} ${f.ticket.etype_name}`);
  if (f.enc_part_etype !== undefined) parts.push(`enc-part ${etypeName(f.enc_part_etype)}`);
  if (f.preauth_etype !== undefined) parts.push(`pre-authentication ${etypeName(f.preauth_etype)}`);
  if (f.authenticator_etype !== undefined) {
    parts.push(`authenticator ${etypeName(f.authenticator_etype)}`);
  }
  if (f.etype_info !== undefined)
    parts.push(`KDC offers ${f.etype_info.map(etypeName).join(', ')}`);
  return `${f.msg_type_name}: ${parts.join('; ')}`;
}
