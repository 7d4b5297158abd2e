/**
 * SNMP parser: SNMPv1 ([RFC1157] 4), SNMPv2c ([RFC1901] 3, PDUs of [RFC3416] 3) and SNMPv3
 * ([RFC3412] 6 with the USM security parameters of [RFC3414] 2.4), one UDP datagram per call.
 *
 * ```
 * v1/v2c: 30 len | 02 01 version | 04 len community | PDU
 * v3:     30 len | 02 01 03 | 30 len { msgID, msgMaxSize, 04 01 msgFlags, msgSecurityModel }
 *                | 04 len { 30 len { engineID, boots, time, userName, authParams, privParams } }
 *                | 30 len { contextEngineID, contextName, PDU }  or  04 len <encryptedPDU>
 * PDU:    a0..a8 len | request-id | error-status / non-repeaters | error-index / max-repetitions
 *                    | VarBindList
 * trap:   a4 len | enterprise OID | 40 04 agent-addr | generic | specific | 43 time-stamp
 *                | VarBindList
 * ```
 *
 * The community is a cleartext password: it is never copied into an event; its presence, length
 * and whether it is a well-known default are. Likewise USM authentication and privacy parameters
 * are reported as present, never shown. Everything is read in place with the shared BER reader;
 * objects are built only for the event.
 */
import { ipv4ToString } from '../../../core/net-format.js';
import {
  BER_ERRORS,
  BER_LENGTH_OVERFLOW,
  BER_OK,
  BER_TRUNCATED,
  Tlv,
  berInt,
  berOid,
  berText,
  berUint,
  hexOf,
  readTlv,
} from '../../ber.js';
import { OK, incomplete, reject } from '../../decoder.js';
import type {
  DecodeSink,
  DecoderLimits,
  Direction,
  ParseStatus,
  ProbeResult,
} from '../../decoder.js';
import {
  AUTH_FAILURE_TRAP,
  DEFAULT_COMMUNITIES,
  ERROR_STATUS,
  FLAG_AUTH,
  FLAG_PRIV,
  FLAG_REPORTABLE,
  GENERIC_AUTH_FAILURE,
  GENERIC_TRAP,
  PDU,
  PDU_NAMES,
  SECURITY_MODELS,
  SNMP,
  TAG,
  VERSION_NAMES,
} from './constants.js';
import type { SnmpFields, SnmpVarbind } from './events.js';
import { VarbindWalk, WRONG_TAG, oidName, readVarbinds } from './varbind.js';

/** Per-flow state. */
export interface SnmpState {
  confirmed: boolean;
  readonly limits: DecoderLimits;
  /** SNMP over TCP ([RFC3430]): messages back to back on the stream, not one per datagram. */
  readonly stream: boolean;
  /** Per direction: a capture gap lost the stream's framing; the rest is not decoded. */
  readonly lost: [boolean, boolean];
  /** The once-per-flow anomalies were raised. */
  cleartextNoted: boolean;
  defaultNoted: boolean;
  pendingNoted: boolean;
  /** Outstanding requests: request-id to PDU type, bounded by `limits.maxPendingTransactions`. */
  readonly pending: Map<number, number>;
}

/** Fresh per-flow state; `transport` is the flow's (one message per datagram unless `tcp`). */
export function createSnmpState(
  limits: DecoderLimits,
  transport?: 'tcp' | 'udp' | 'ether',
): SnmpState {
  return {
    confirmed: false,
    limits,
    stream: transport === 'tcp',
    lost: [false, false],
    cleartextNoted: false,
    defaultNoted: false,
    pendingNoted: false,
    pending: new Map(),
  };
}

/** Reused TLV records and walk result (parse is not re-entrant). */
const MSG = new Tlv();
const EL = new Tlv();
const SUB = new Tlv();
const WALK = new VarbindWalk();
/** Offset of the message being decoded in its buffer (anomaly details give offsets in it). */
let msgStart = 0;

/** Lowercase default communities as octets, for comparison in place. */
const DEFAULTS: readonly Uint8Array[] = DEFAULT_COMMUNITIES.map((c) =>
  Uint8Array.from(c, (ch) => ch.charCodeAt(0)),
);

/** Verdicts of {@link check}. */
const NO = 0;
const YES = 1;
/** Consistent so far, but the message runs past the bytes at hand (the start of a TCP stream). */
const CUT = 2;

/**
 * Whether `d[s..e)` starts with a plausible SNMP message: a SEQUENCE holding INTEGER version 0,
 * 1 or 3 in one octet, then for v1/v2c an OCTET STRING community followed by a PDU tag [0]-[8],
 * for v3 a msgGlobalData SEQUENCE starting with an INTEGER. YES when the whole message is there
 * and its elements fit; CUT when what is there is consistent but the message goes on.
 */
function check(d: Uint8Array, s: number, e: number): number {
  if (e - s < 2) return e === s || d[s] === TAG.SEQUENCE ? CUT : NO;
  if (d[s] !== TAG.SEQUENCE) return NO;
  let rc = readTlv(d, s, e, MSG);
  if (rc === BER_TRUNCATED) return CUT;
  if (rc !== BER_OK && rc !== BER_LENGTH_OVERFLOW) return NO;
  const cut = rc === BER_LENGTH_OVERFLOW;
  const more = cut ? CUT : NO;
  const end = MSG.end;
  let p = MSG.start;
  if (end - p < 3) return end - p < 1 || d[p] === TAG.INTEGER ? more : NO;
  if (d[p] !== TAG.INTEGER || d[p + 1] !== 1) return NO;
  const version = d[p + 2] as number;
  p += 3;
  if (version === SNMP.VERSION_1 || version === SNMP.VERSION_2C) {
    rc = readTlv(d, p, end, EL);
    if (rc === BER_TRUNCATED || rc === BER_LENGTH_OVERFLOW) {
      return p === end || d[p] === TAG.OCTET_STRING ? more : NO;
    }
    if (rc !== BER_OK || EL.tag !== TAG.OCTET_STRING) return p === end ? more : NO;
    p = EL.end;
    if (p === end) return more;
    rc = readTlv(d, p, end, EL);
    const tag = d[p] as number;
    if (tag < TAG.PDU_FIRST || tag > TAG.PDU_LAST) return NO;
    if (rc === BER_OK) return cut ? CUT : end - s >= 8 ? YES : NO;
    return rc === BER_TRUNCATED || rc === BER_LENGTH_OVERFLOW ? more : NO;
  }
  if (version !== SNMP.VERSION_3) return NO;
  rc = readTlv(d, p, end, EL);
  if (p === end) return more;
  if (d[p] !== TAG.SEQUENCE) return NO;
  if (rc === BER_TRUNCATED || rc === BER_LENGTH_OVERFLOW) return more;
  if (rc !== BER_OK || EL.end - EL.start < 3 || d[EL.start] !== TAG.INTEGER) return NO;
  return cut ? CUT : YES;
}

/**
 * Recognises an SNMP message: `match` on a whole one, `need_more` on the consistent start of
 * one (a TCP stream whose first segment ends inside the first message).
 */
export function probeSnmp(data: Uint8Array, _dir: Direction): ProbeResult {
  const v = check(data, 0, data.length);
  return v === YES ? 'match' : v === CUT ? 'need_more' : 'no_match';
}

/** Decodes one SNMP datagram, or the messages of a TCP stream. */
export function parseSnmp(
  state: SnmpState,
  data: Uint8Array,
  dir: Direction,
  sink: DecodeSink,
): ParseStatus {
  if (state.stream) return stream(state, data, dir, sink);
  if (!state.confirmed) {
    if (check(data, 0, data.length) !== YES) return reject('snmp.not_snmp');
    state.confirmed = true;
    sink.confirm();
  }
  message(state, data, 0, data.length, sink);
  return OK;
}

/**
 * SNMP over TCP ([RFC3430] 2.1): BER messages back to back, framed by their own SEQUENCE
 * length. A stream that is not a SEQUENCE where a message must start has lost its framing:
 * the flow is rejected, as it cannot be resynchronised.
 */
function stream(state: SnmpState, d: Uint8Array, dir: Direction, sink: DecodeSink): ParseStatus {
  if (state.lost[dir]) return OK;
  const n = d.length;
  let pos = 0;
  while (pos < n) {
    if (n - pos < 2) return incomplete(pos, 2);
    if (d[pos] !== TAG.SEQUENCE) return reject('snmp.not_snmp');
    const b1 = d[pos + 1] as number;
    let total = b1 + 2;
    if (b1 & 0x80) {
      const k = b1 & 0x7f;
      if (k === 0 || k > 4) return reject('snmp.not_snmp');
      if (n - pos < 2 + k) return incomplete(pos, 2 + k);
      let len = 0;
      for (let i = 0; i < k; i++) len = len * 256 + (d[pos + 2 + i] as number);
      total = 2 + k + len;
    }
    if (total > state.limits.maxPduBytes) return reject('snmp.oversize_message');
    if (n - pos < total) return incomplete(pos, total);
    if (!state.confirmed) {
      if (check(d, pos, pos + total) !== YES) return reject('snmp.not_snmp');
      state.confirmed = true;
      sink.confirm();
    }
    message(state, d, pos, pos + total, sink);
    pos += total;
  }
  return OK;
}

/** A capture gap: the stream's framing is lost in that direction. */
export function snmpGap(state: SnmpState, dir: Direction): void {
  if (state.stream) state.lost[dir] = true;
}

/** Decodes the message at `d[s..e)` (a datagram, or one message of a stream). */
function message(state: SnmpState, data: Uint8Array, s: number, n: number, sink: DecodeSink): void {
  msgStart = s;
  const rc = n > s && data[s] === TAG.SEQUENCE ? readTlv(data, s, n, MSG) : -1;
  if (rc !== BER_OK && !(rc === BER_LENGTH_OVERFLOW && MSG.tag === TAG.SEQUENCE)) {
    sink.anomaly('snmp.malformed_ber', `message: ${rc === -1 ? 'not a SEQUENCE' : BER_ERRORS[rc]}`);
    return;
  }
  if (rc !== BER_OK) sink.anomaly('snmp.malformed_ber', `message: ${BER_ERRORS[rc]}`);
  else if (MSG.end < n)
    sink.anomaly('snmp.trailing_bytes', `${n - MSG.end} octets after the message`);
  const size = MSG.end - s;
  if (size > SNMP.MAX_MESSAGE) sink.anomaly('snmp.oversize_message', `${size} octets`);
  const end = MSG.end;
  let p = MSG.start;
  if (readTlv(data, p, end, EL) !== BER_OK || EL.tag !== TAG.INTEGER || EL.end - EL.start > 4) {
    sink.anomaly('snmp.malformed_ber', 'version');
    return;
  }
  const version = berInt(data, EL.start, EL.end);
  p = EL.end;
  if (version < SNMP.VERSION_1 || version > SNMP.VERSION_3) {
    sink.anomaly('snmp.unknown_version', `version ${version}`);
    return;
  }
  const f: SnmpFields = { version, version_name: VERSION_NAMES[version] as string };
  if (version === SNMP.VERSION_3) v3(state, data, p, end, f, sink);
  else if (version === SNMP.VERSION_2U) v2u(state, data, p, end, f, sink);
  else community(state, data, p, end, f, sink);
}

/**
 * The historic SNMPv2u ([RFC1910] 3.1: version 2, then `parameters` OCTET STRING, then the PDU):
 * flagged, then decoded past its parameters, as Wireshark does.
 */
function v2u(
  state: SnmpState,
  d: Uint8Array,
  pos: number,
  end: number,
  f: SnmpFields,
  sink: DecodeSink,
): void {
  sink.anomaly('snmp.unknown_version', 'version 2 (SNMPv2u)');
  const rc = readTlv(d, pos, end, EL);
  if (rc !== BER_OK || EL.tag !== TAG.OCTET_STRING) {
    sink.anomaly('snmp.malformed_ber', `parameters: ${berError(rc)}`);
    return;
  }
  pdu(state, d, EL.end, end, f, sink);
}

/** v1/v2c: the community, then the PDU. */
function community(
  state: SnmpState,
  d: Uint8Array,
  pos: number,
  end: number,
  f: SnmpFields,
  sink: DecodeSink,
): void {
  const rc = readTlv(d, pos, end, EL);
  if (rc !== BER_OK || EL.tag !== TAG.OCTET_STRING) {
    sink.anomaly('snmp.malformed_ber', `community: ${berError(rc)}`);
    return;
  }
  const len = EL.end - EL.start;
  const isDefault = defaultCommunity(d, EL.start, EL.end);
  f.community_present = true;
  f.community = '****';
  f.community_length = len;
  f.community_default = isDefault;
  if (!state.cleartextNoted) {
    state.cleartextNoted = true;
    sink.anomaly('snmp.cleartext_community', `${f.version_name} community of ${len} octets`);
  }
  if (isDefault && !state.defaultNoted) {
    state.defaultNoted = true;
    sink.anomaly('snmp.default_community', `${f.version_name} default community`);
  }
  pdu(state, d, EL.end, end, f, sink);
  if (isDefault && f.pdu_type === PDU.SET) {
    sink.anomaly('snmp.set_default_community', `set of ${f.varbind_count ?? 0} variables`);
  }
}

/** Case-insensitive comparison of `d[s..e)` with the default communities, in place. */
function defaultCommunity(d: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  for (const c of DEFAULTS) {
    if (c.length !== len) continue;
    let i = 0;
    // ASCII lower case: OR 0x20 maps A-Z onto a-z; the defaults hold only letters.
    while (i < len && ((d[s + i] as number) | 0x20) === c[i]) i++;
    if (i === len) return true;
  }
  return false;
}

/** v3: msgGlobalData, USM security parameters, then the plaintext or encrypted scoped PDU. */
function v3(
  state: SnmpState,
  d: Uint8Array,
  pos: number,
  end: number,
  f: SnmpFields,
  sink: DecodeSink,
): void {
  let rc = readTlv(d, pos, end, EL);
  if (rc !== BER_OK || EL.tag !== TAG.SEQUENCE) {
    sink.anomaly('snmp.malformed_ber', `msgGlobalData: ${berError(rc)}`);
    return;
  }
  const next = EL.end;
  let p = EL.start;
  // msgID, msgMaxSize: INTEGER (0..2147483647); msgFlags: OCTET STRING (SIZE(1));
  // msgSecurityModel: INTEGER (1..2147483647).
  for (let i = 0; i < 2; i++) {
    rc = readTlv(d, p, next, SUB);
    if (rc !== BER_OK || SUB.tag !== TAG.INTEGER) {
      sink.anomaly('snmp.malformed_ber', `${i === 0 ? 'msgID' : 'msgMaxSize'}: ${berError(rc)}`);
      return;
    }
    if (i === 0) f.msg_id = berInt(d, SUB.start, SUB.end);
    else f.msg_max_size = berInt(d, SUB.start, SUB.end);
    p = SUB.end;
  }
  const maxSize = f.msg_max_size ?? 0;
  rc = readTlv(d, p, next, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.OCTET_STRING || SUB.end === SUB.start) {
    sink.anomaly('snmp.malformed_ber', `msgFlags: ${berError(rc)}`);
    return;
  }
  const flags = d[SUB.start] as number;
  f.msg_flags = flags;
  f.auth = (flags & FLAG_AUTH) !== 0;
  f.priv = (flags & FLAG_PRIV) !== 0;
  f.reportable = (flags & FLAG_REPORTABLE) !== 0;
  rc = readTlv(d, SUB.end, next, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.INTEGER) {
    sink.anomaly('snmp.malformed_ber', `msgSecurityModel: ${berError(rc)}`);
    return;
  }
  const model = berInt(d, SUB.start, SUB.end);
  f.security_model = model;
  f.security_model_name = SECURITY_MODELS.get(model) ?? 'unknown';
  if (maxSize < SNMP.MIN_MSG_MAX_SIZE) {
    sink.anomaly('snmp.invalid_msg_max_size', `msgMaxSize ${maxSize}`);
  }
  if (f.priv && !f.auth) sink.anomaly('snmp.invalid_msg_flags', `msgFlags 0x${flags.toString(16)}`);
  // msgSecurityParameters: an OCTET STRING holding the model's parameters.
  rc = readTlv(d, next, end, EL);
  if (rc !== BER_OK || EL.tag !== TAG.OCTET_STRING) {
    sink.anomaly('snmp.malformed_ber', `msgSecurityParameters: ${berError(rc)}`);
    return;
  }
  const dataAt = EL.end;
  if (model === SNMP.USM && !usm(d, EL.start, EL.end, f)) {
    sink.anomaly('snmp.malformed_ber', 'UsmSecurityParameters');
    return;
  }
  rc = readTlv(d, dataAt, end, EL);
  if (rc !== BER_OK && rc !== BER_LENGTH_OVERFLOW) {
    sink.anomaly('snmp.malformed_ber', `msgData: ${berError(rc)}`);
    return;
  }
  if (EL.tag === TAG.OCTET_STRING) {
    if (rc !== BER_OK) sink.anomaly('snmp.malformed_ber', `encryptedPDU: ${berError(rc)}`);
    f.encrypted = true;
    f.encrypted_length = EL.end - EL.start;
    sink.emit({ kind: 'snmp.encrypted', snmp: f });
    return;
  }
  if (EL.tag !== TAG.SEQUENCE) {
    sink.anomaly('snmp.malformed_ber', `msgData: tag 0x${EL.tag.toString(16)}`);
    return;
  }
  // ScopedPDU: contextEngineID, contextName, data.
  const sEnd = EL.end;
  rc = readTlv(d, EL.start, sEnd, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.OCTET_STRING) {
    sink.anomaly('snmp.malformed_ber', `contextEngineID: ${berError(rc)}`);
    return;
  }
  f.context_engine_id = hexOf(d, SUB.start, SUB.end, SNMP.MAX_NAME / 2);
  rc = readTlv(d, SUB.end, sEnd, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.OCTET_STRING) {
    sink.anomaly('snmp.malformed_ber', `contextName: ${berError(rc)}`);
    return;
  }
  f.context_name = berText(d, SUB.start, SUB.end, SNMP.MAX_NAME);
  pdu(state, d, SUB.end, sEnd, f, sink);
}

/**
 * UsmSecurityParameters ([RFC3414] 2.4): SEQUENCE { msgAuthoritativeEngineID OCTET STRING,
 * msgAuthoritativeEngineBoots INTEGER, msgAuthoritativeEngineTime INTEGER, msgUserName OCTET
 * STRING, msgAuthenticationParameters OCTET STRING, msgPrivacyParameters OCTET STRING }.
 */
function usm(d: Uint8Array, s: number, e: number, f: SnmpFields): boolean {
  if (readTlv(d, s, e, SUB) !== BER_OK || SUB.tag !== TAG.SEQUENCE) return false;
  const end = SUB.end;
  let p = SUB.start;
  for (let i = 0; i < 6; i++) {
    if (readTlv(d, p, end, SUB) !== BER_OK) return false;
    const want = i === 1 || i === 2 ? TAG.INTEGER : TAG.OCTET_STRING;
    if (SUB.tag !== want) return false;
    const a = SUB.start;
    const b = SUB.end;
    if (i === 0) f.engine_id = hexOf(d, a, b, SNMP.MAX_NAME / 2);
    else if (i === 1) f.engine_boots = berUint(d, a, b);
    else if (i === 2) f.engine_time = berUint(d, a, b);
    else if (i === 3) f.user_name = berText(d, a, b, SNMP.MAX_NAME);
    else if (i === 4) f.auth_params_present = b > a;
    else f.priv_params_present = b > a;
    p = b;
  }
  return true;
}

/** The PDU at `d[pos]`, then the event and the PDU-level anomalies. */
function pdu(
  state: SnmpState,
  d: Uint8Array,
  pos: number,
  end: number,
  f: SnmpFields,
  sink: DecodeSink,
): void {
  const rc = readTlv(d, pos, end, EL);
  if (rc !== BER_OK && rc !== BER_LENGTH_OVERFLOW) {
    sink.anomaly('snmp.malformed_ber', `PDU: ${berError(rc)}`);
    return;
  }
  if (EL.tag < TAG.PDU_FIRST || EL.tag > TAG.PDU_LAST) {
    sink.anomaly('snmp.unknown_pdu_type', `tag 0x${EL.tag.toString(16)}`);
    return;
  }
  if (rc !== BER_OK) sink.anomaly('snmp.malformed_ber', `PDU: ${BER_ERRORS[rc]}`);
  const type = EL.tag - TAG.PDU_FIRST;
  f.pdu_type = type;
  f.pdu_name = PDU_NAMES[type] as string;
  const pEnd = EL.end;
  let p = EL.start;
  let where = '';
  const varbinds: SnmpVarbind[] = [];
  WALK.reset();
  if (type === PDU.TRAP_V1) {
    where = trapV1(d, p, pEnd, f);
    p = SUB.end;
  } else {
    where = header(d, p, pEnd, f, type);
    p = SUB.end;
  }
  if (where === '') {
    readVarbinds(d, p, pEnd, varbinds, WALK);
    if (WALK.error !== BER_OK) {
      where = `variable binding ${WALK.count + 1}: ${berError(WALK.error)} at offset ${WALK.errorAt - msgStart}`;
    }
    f.varbind_count = WALK.count;
    f.varbinds = varbinds;
    if (WALK.trapOid !== '') {
      f.trap_oid = WALK.trapOid;
      const name = oidName(WALK.trapOid);
      if (name !== undefined) f.trap_name = name;
    }
  }
  if (where !== '') sink.anomaly('snmp.malformed_ber', where);
  pair(state, f, type, sink);
  const kind =
    type === PDU.RESPONSE || type === PDU.REPORT
      ? 'snmp.response'
      : type === PDU.TRAP_V1 || type === PDU.TRAP_V2 || type === PDU.INFORM
        ? 'snmp.notification'
        : 'snmp.request';
  sink.emit({ kind, snmp: f });
  checks(f, type, sink);
}

/** request-id, error-status (non-repeaters), error-index (max-repetitions); '' when read. */
function header(d: Uint8Array, pos: number, end: number, f: SnmpFields, type: number): string {
  let p = pos;
  for (let i = 0; i < 3; i++) {
    const rc = readTlv(d, p, end, SUB);
    if (rc !== BER_OK || SUB.tag !== TAG.INTEGER) {
      return `${i === 0 ? 'request-id' : i === 1 ? 'error-status' : 'error-index'}: ${berError(rc)}`;
    }
    const v = berInt(d, SUB.start, SUB.end);
    if (i === 0) f.request_id = v;
    else if (type === PDU.GET_BULK) {
      if (i === 1) f.non_repeaters = v;
      else f.max_repetitions = v;
    } else if (i === 1) {
      f.error_status = v;
      f.error_status_name = ERROR_STATUS[v] ?? 'unknown';
    } else f.error_index = v;
    p = SUB.end;
  }
  return '';
}

/** v1 Trap-PDU fields ([RFC1157] 4.1.6); '' when read. */
function trapV1(d: Uint8Array, pos: number, end: number, f: SnmpFields): string {
  let rc = readTlv(d, pos, end, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.OID) return `enterprise: ${berError(rc)}`;
  f.enterprise = berOid(d, SUB.start, SUB.end, SNMP.MAX_OID_BYTES);
  rc = readTlv(d, SUB.end, end, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.IP_ADDRESS) return `agent-addr: ${berError(rc)}`;
  f.agent_addr =
    SUB.end - SUB.start === 4
      ? ipv4ToString(berUint(d, SUB.start, SUB.end))
      : hexOf(d, SUB.start, SUB.end, 16);
  rc = readTlv(d, SUB.end, end, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.INTEGER) return `generic-trap: ${berError(rc)}`;
  const generic = berInt(d, SUB.start, SUB.end);
  f.generic_trap = generic;
  f.generic_trap_name = GENERIC_TRAP[generic] ?? 'unknown';
  rc = readTlv(d, SUB.end, end, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.INTEGER) return `specific-trap: ${berError(rc)}`;
  f.specific_trap = berInt(d, SUB.start, SUB.end);
  rc = readTlv(d, SUB.end, end, SUB);
  if (rc !== BER_OK || SUB.tag !== TAG.TIMETICKS) return `time-stamp: ${berError(rc)}`;
  f.time_stamp = berUint(d, SUB.start, SUB.end);
  return '';
}

/** Request/response pairing by request-id within the flow, bounded. */
function pair(state: SnmpState, f: SnmpFields, type: number, sink: DecodeSink): void {
  const id = f.request_id;
  if (id === undefined) return;
  if (type === PDU.RESPONSE || type === PDU.REPORT) {
    const req = state.pending.get(id);
    if (req !== undefined) {
      state.pending.delete(id);
      f.request_pdu_name = PDU_NAMES[req] as string;
    }
    return;
  }
  if (type === PDU.TRAP_V2) return;
  const pending = state.pending;
  if (pending.size >= state.limits.maxPendingTransactions && !pending.has(id)) {
    // Forget the oldest (Map keeps insertion order): a scanner's unanswered guesses.
    const oldest = pending.keys().next().value as number;
    pending.delete(oldest);
    if (!state.pendingNoted) {
      state.pendingNoted = true;
      sink.anomaly('snmp.too_many_pending', `${pending.size + 1} unanswered requests`);
    }
  }
  pending.set(id, type);
}

/** Anomalies that depend on the decoded PDU. */
function checks(f: SnmpFields, type: number, sink: DecodeSink): void {
  if (WALK.count > SNMP.MAX_VARBINDS) {
    sink.anomaly('snmp.too_many_varbinds', `${WALK.count} variable bindings`);
  }
  if (type === PDU.GET_BULK && (f.max_repetitions ?? 0) > SNMP.MAX_REPETITIONS) {
    sink.anomaly('snmp.large_max_repetitions', `max-repetitions ${f.max_repetitions}`);
  }
  if (
    (type === PDU.TRAP_V1 && f.generic_trap === GENERIC_AUTH_FAILURE) ||
    f.trap_oid === AUTH_FAILURE_TRAP
  ) {
    sink.anomaly('snmp.authentication_failure_trap', `${f.version_name} ${f.pdu_name}`);
  }
  if (type === PDU.REPORT && WALK.usmFailure !== '') {
    sink.anomaly('snmp.usm_authentication_failure', WALK.usmFailure);
  }
  if (
    f.version === SNMP.VERSION_3 &&
    f.auth === false &&
    (f.user_name ?? '') !== '' &&
    type !== PDU.RESPONSE &&
    type !== PDU.REPORT
  ) {
    sink.anomaly('snmp.v3_no_auth', `noAuthNoPriv ${f.pdu_name}`);
  }
}

function berError(rc: number): string {
  return rc === WRONG_TAG || rc === BER_OK ? 'unexpected tag' : (BER_ERRORS[rc] ?? 'error');
}
