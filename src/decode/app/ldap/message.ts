/**
 * LDAPMessage decoding ([RFC4511] 4.1.1): messageID, the protocolOp of every operation of
 * [RFC4511] 4.2-4.13 into the event fields, controls, and request/response pairing by messageID.
 * Elements are read in place with the shared BER reader into a few module-level TLV records
 * (decoding is synchronous and not re-entrant); a message that does not decode to its end still
 * emits its event, with `error` and `ldap.malformed_message`.
 */
import { ntlmsspAt, parseNtlmssp } from '../../auth/ntlmssp.js';
import { BER_ERRORS, BER_OK, Tlv, berBool, berInt, readTlv } from '../../ber.js';
import type { DecodeSink } from '../../decoder.js';
import {
  AUTH_TYPES,
  Auth,
  CLEARTEXT_MECHANISMS,
  DEREF,
  EXTENDED_OPS,
  LDAP,
  MOD_OPS,
  OPS,
  Op,
  PASSWORD_MODIFY_OID,
  RESULT_CODES,
  Result,
  SCOPES,
  START_TLS_OID,
} from './constants.js';
import type { LdapEvent, LdapEventKind, LdapFields, LdapModification } from './events.js';
import { FILTER, renderSearchFilter } from './filter.js';
import { parseNetlogon } from './netlogon.js';
import type { LdapState } from './state.js';
import { readAs, text } from './text.js';

// Shared TLV records (decoding is synchronous and not re-entrant); filter levels have their own.
const T_MSG = new Tlv();
const T_ID = new Tlv();
const T_OP = new Tlv();
const T_A = new Tlv();
const T_B = new Tlv();
const T_C = new Tlv();
const T_D = new Tlv();
const T_E = new Tlv();

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
export function decodeMessage(
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
    case Op.BIND_RESPONSE: {
      const p = ldapResult(d, s, e, m, cap);
      if (p < 0) return null;
      // A sicily negotiate answer carries the NTLMSSP CHALLENGE as the matchedDN (as Wireshark
      // reads it); a SASL one in serverSaslCreds [7].
      let extra =
        T_B.end - T_B.start >= 8 && d[T_B.start] === 0x4e ? ntlmIn(d, T_B.start, T_B.end) : null;
      let q = p;
      if (q < e && d[q] === 0x87 && readTlv(d, q, e, T_D) === BER_OK) {
        m.server_sasl_creds_length = T_D.end - T_D.start;
        extra ??= ntlmIn(d, T_D.start, T_D.end);
        q = T_D.end;
      }
      ends(q, e);
      if (m.result_code === Result.INVALID_CREDENTIALS) {
        sink.anomaly(
          'ldap.bind_failed',
          `bind refused: ${m.diagnostic_message ?? 'invalidCredentials'}`,
        );
      }
      return extra;
    }
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
      ends(ldapResult(d, s, e, m, cap), e);
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
  return ntlmIn(d, credS, credE);
}

/**
 * LDAPResult ([RFC4511] 4.1.9): resultCode, matchedDN, diagnosticMessage, referral [3].
 * Returns where it ends (what an operation adds follows), or -1 when it is malformed. The
 * matchedDN element stays in T_B (a sicily bind response carries NTLMSSP there).
 */
function ldapResult(d: Uint8Array, s: number, e: number, m: LdapFields, cap: number): number {
  if (!expect(d, s, e, T_A, 0x0a, 'resultCode')) return -1;
  const code = int(d, T_A);
  m.result_code = code;
  m.result_name = RESULT_CODES.get(code) ?? 'unknown';
  if (!expect(d, T_A.end, e, T_B, 0x04, 'matchedDN')) return -1;
  // A sicily bind response puts an NTLMSSP message there: not a DN.
  if (T_B.end > T_B.start && ntlmsspAt(d, T_B.start, T_B.start + 8) !== T_B.start) {
    m.matched_dn = str(d, T_B, cap);
  }
  if (!expect(d, T_B.end, e, T_C, 0x04, 'diagnosticMessage')) return -1;
  if (T_C.end > T_C.start) {
    m.diagnostic_message = text(d, T_C.start, T_C.end, Math.min(cap, LDAP.MAX_DIAGNOSTIC_CHARS));
  }
  let p = T_C.end;
  if (p < e && d[p] === 0xa3 && readTlv(d, p, e, T_D) === BER_OK) {
    uris(d, T_D.start, T_D.end, m, cap);
    p = T_D.end;
  }
  return p;
}

/** A message must end where its last element does. */
function ends(p: number, e: number): void {
  if (p >= 0 && p < e) fail(`${e - p} bytes after the last element`);
}

/** The NTLMSSP message within `d[s, e)` (searched in its first 4096 bytes), as a layer. */
function ntlmIn(d: Uint8Array, s: number, e: number): LdapExtra | null {
  const at = ntlmsspAt(d, s, Math.min(e, s + LDAP.MAX_NTLMSSP_SCAN));
  if (at < 0) return null;
  const ntlm = parseNtlmssp(d, at, e);
  return ntlm === null ? null : { ntlmssp: ntlm };
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
  const next = renderSearchFilter(d, fp, e, cap);
  m.filter = FILTER.text;
  if (FILTER.deep) {
    sink.anomaly(
      'ldap.filter_too_deep',
      `filter nested deeper than ${LDAP.MAX_FILTER_DEPTH} levels`,
    );
  }
  if (FILTER.long) {
    sink.anomaly('ldap.filter_too_long', `filter longer than ${LDAP.MAX_FILTER_CHARS} characters`);
  }
  if (FILTER.error !== '') fail(FILTER.error);
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
    if (list.length < LDAP.MAX_LISTED && readAs(d, T_C.start, T_C.end, T_D, 0x04)) {
      const type = str(d, T_D, cap);
      list.push(type);
      // The answer of an LDAP ping ([MS-ADTS] 6.3.3): decode the first value.
      if (
        type.length === 8 &&
        type.toLowerCase() === 'netlogon' &&
        readAs(d, T_D.end, T_C.end, T_E, 0x31) &&
        readAs(d, T_E.start, T_E.end, T_E, 0x04)
      ) {
        const info = parseNetlogon(d, T_E.start, T_E.end);
        if (info !== null) m.netlogon = info;
      }
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
      while (q < T_D.end && readTlv(d, q, T_D.end, T_E) === BER_OK) {
        values++;
        q = T_E.end;
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
  const p = ldapResult(d, s, e, m, cap);
  if (p >= 0) optionalName(d, p, e, m, 0x8a, 0x8b, cap);
  // A successful StartTLS response: TLS starts with the next byte ([RFC4511] 4.14.2).
  const req = state.pending.get(m.message_id ?? -1);
  if (req?.oid === START_TLS_OID && m.result_code === Result.SUCCESS && failure === '') {
    return { startTls: true };
  }
  return null;
}
