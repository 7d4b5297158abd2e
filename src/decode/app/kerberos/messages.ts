/**
 * Kerberos V5 message bodies ([RFC4120] 5 and appendix A): KDC-REQ (AS-REQ, TGS-REQ), KDC-REP
 * (AS-REP, TGS-REP), KRB-ERROR, AP-REQ, AP-REP, KRB-SAFE, KRB-PRIV and KRB-CRED, each read into
 * a fresh event object by {@link readMessage}; the shared structures are in `asn1.ts`, PA-DATA
 * in `padata.ts`.
 *
 *   KDC-REQ ::= [APPLICATION 10|12] SEQUENCE { pvno [1], msg-type [2], padata [3] OPTIONAL,
 *                                              req-body [4] KDC-REQ-BODY }
 *   KDC-REP ::= [APPLICATION 11|13] SEQUENCE { pvno [0], msg-type [1], padata [2] OPTIONAL,
 *                                              crealm [3], cname [4], ticket [5], enc-part [6] }
 *   every other message: [APPLICATION n] SEQUENCE { pvno [0], msg-type [1], ... }
 */
import { BER_OK, berText, berUint, readTlv } from '../../ber.js';
import {
  ERROR_CODES,
  KDC_OPTIONS,
  KERB_AP_ERR_EXTENDED_ERROR,
  KRB,
  MSG,
  MSG_TYPES,
  PREAUTH_TYPES,
  TAG,
  etypeName,
  weakEtype,
} from './constants.js';
import type { KerberosFields } from './events.js';
import {
  T,
  W,
  apReq,
  encrypted,
  expect,
  flags,
  header,
  integer,
  principal,
  setFail,
  text,
  ticket,
  tickets,
  time,
  tlv,
} from './asn1.js';
import { IN_ERROR, IN_REPLY, IN_REQUEST, padata } from './padata.js';

/** Outcome of the last message read ({@link readMessage}): `fail`, `limit`, `weakCipher`, `badVersion`. */
export const last = W;

/**
 * KDC-REQ-BODY ::= SEQUENCE { kdc-options [0], cname [1] OPTIONAL, realm [2], sname [3]
 * OPTIONAL, from [4] OPTIONAL, till [5], rtime [6] OPTIONAL, nonce [7], etype [8] SEQUENCE OF
 * Int32, addresses [9] OPTIONAL, enc-authorization-data [10] OPTIONAL, additional-tickets [11]
 * OPTIONAL }.
 */
function reqBody(d: Uint8Array, s: number, e: number, f: KerberosFields): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, 'req-body')) return false;
  const se = T.end;
  let p = T.start;
  while (p < se) {
    if (!tlv(d, p, se, 'req-body')) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 0: {
        if (!expect(d, cs, ce, TAG.BIT_STRING, 'kdc-options')) return false;
        const [v, names] = flags(d, T.start, T.end, KDC_OPTIONS);
        f.kdc_options = v;
        f.kdc_option_names = names;
        break;
      }
      case 1:
        if (!principal(d, cs, ce, 'cname')) return false;
        f.cname = W.pnText;
        f.cname_type = W.pnType;
        break;
      case 2:
        if (!tlv(d, cs, ce, 'realm')) return false;
        f.realm = text(d, T.start, T.end);
        break;
      case 3:
        if (!principal(d, cs, ce, 'sname')) return false;
        f.sname = W.pnText;
        f.sname_type = W.pnType;
        break;
      case 4:
      case 5:
      case 6: {
        if (!expect(d, cs, ce, TAG.GENERALIZED_TIME, 'KerberosTime')) return false;
        const t = time(d, T.start, T.end);
        if (n === 4) f.from = t;
        else if (n === 5) f.till = t;
        else f.rtime = t;
        break;
      }
      case 7:
        if (!expect(d, cs, ce, TAG.INTEGER, 'nonce')) return false;
        f.nonce = berUint(d, T.start, T.end);
        break;
      case 8: {
        if (!expect(d, cs, ce, TAG.SEQUENCE, 'etype')) return false;
        const le = T.end;
        let q = T.start;
        const list: number[] = [];
        while (q < le) {
          if (!tlv(d, q, le, 'etype')) return false;
          q = T.end;
          const v = integer(d, 'etype');
          if (v === undefined) return false;
          if (list.length < KRB.MAX_LIST) list.push(v);
          else W.limit = `more than ${KRB.MAX_LIST} encryption types`;
        }
        f.etypes = list;
        f.etype_names = list.map(etypeName);
        break;
      }
      case 10:
        if (!encrypted(d, cs, ce, 'enc-authorization-data')) return false;
        f.authorization_data_etype = W.encEtype;
        break;
      case 11:
        if (!tickets(d, cs, ce, f, 'additional-tickets')) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/** KDC-REQ body fields (after the APPLICATION and SEQUENCE wrappers). */
function kdcReq(d: Uint8Array, s: number, e: number, f: KerberosFields): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, f.msg_type_name)) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 1:
      case 2:
        if (!header(d, cs, ce, n === 1, f)) return;
        break;
      case 3:
        if (!padata(d, cs, ce, f, IN_REQUEST)) return;
        break;
      case 4:
        if (!reqBody(d, cs, ce, f)) return;
        break;
      default:
        break;
    }
  }
  if (f.msg_type === MSG.AS_REQ) {
    let pre = false;
    for (const t of f.padata_types ?? []) if (PREAUTH_TYPES.has(t)) pre = true;
    f.preauth = pre;
  }
}

/** KDC-REP fields. */
function kdcRep(d: Uint8Array, s: number, e: number, f: KerberosFields): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, f.msg_type_name)) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 0:
      case 1:
        if (!header(d, cs, ce, n === 0, f)) return;
        break;
      case 2:
        if (!padata(d, cs, ce, f, IN_REPLY)) return;
        break;
      case 3:
        if (!tlv(d, cs, ce, 'crealm')) return;
        f.crealm = text(d, T.start, T.end);
        break;
      case 4:
        if (!principal(d, cs, ce, 'cname')) return;
        f.cname = W.pnText;
        f.cname_type = W.pnType;
        break;
      case 5: {
        const t = ticket(d, cs, ce);
        if (t === null) return;
        f.ticket = t;
        break;
      }
      case 6:
        if (!encPart(d, cs, ce, f)) return;
        break;
      default:
        break;
    }
  }
}

function encPart(d: Uint8Array, s: number, e: number, f: KerberosFields): boolean {
  if (!encrypted(d, s, e, 'enc-part')) return false;
  f.enc_part_etype = W.encEtype;
  f.enc_part_etype_name = etypeName(W.encEtype);
  if (W.encKvno >= 0) f.enc_part_kvno = W.encKvno;
  return true;
}

/** KRB-ERROR fields ([RFC4120] 5.9.1). */
function krbError(d: Uint8Array, s: number, e: number, f: KerberosFields): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, 'KRB-ERROR')) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 0:
      case 1:
        if (!header(d, cs, ce, n === 0, f)) return;
        break;
      case 2:
      case 4:
        if (!expect(d, cs, ce, TAG.GENERALIZED_TIME, 'KerberosTime')) return;
        if (n === 2) f.ctime = time(d, T.start, T.end);
        else f.stime = time(d, T.start, T.end);
        break;
      case 6: {
        if (!tlv(d, cs, ce, 'error-code')) return;
        const v = integer(d, 'error-code');
        if (v === undefined) return;
        f.error_code = v;
        f.error_name = ERROR_CODES.get(v) ?? `KRB_ERR_${v}`;
        break;
      }
      case 7:
      case 9:
        if (!tlv(d, cs, ce, 'realm')) return;
        if (n === 7) f.crealm = text(d, T.start, T.end);
        else f.realm = text(d, T.start, T.end);
        break;
      case 8:
      case 10:
        if (!principal(d, cs, ce, n === 8 ? 'cname' : 'sname')) return;
        if (n === 8) {
          f.cname = W.pnText;
          f.cname_type = W.pnType;
        } else {
          f.sname = W.pnText;
          f.sname_type = W.pnType;
        }
        break;
      case 11:
        if (!tlv(d, cs, ce, 'e-text')) return;
        f.e_text = berText(d, T.start, T.end, KRB.MAX_E_TEXT);
        break;
      case 12:
        if (!expect(d, cs, ce, TAG.OCTET_STRING, 'e-data')) return;
        if (!eData(d, T.start, T.end, f)) return;
        break;
      default:
        break;
    }
  }
}

/**
 * e-data: METHOD-DATA (SEQUENCE OF PA-DATA, [RFC4120] 5.9.1, 7.5.9; sent with
 * PREAUTH_REQUIRED and by FAST) or Microsoft's KERB-ERROR-DATA ::= SEQUENCE { data-type [1]
 * INTEGER, data-value [2] OCTET STRING OPTIONAL } ([MS-KILE] 2.2.1). Anything else is left
 * alone (e-data is free-form for other errors).
 */
function eData(d: Uint8Array, s: number, e: number, f: KerberosFields): boolean {
  if (e - s < 4 || d[s] !== TAG.SEQUENCE) return true;
  if (readTlv(d, s, e, T) !== BER_OK || T.end - T.start < 2) return true;
  const first = d[T.start] as number;
  if (first === TAG.SEQUENCE) return padata(d, s, e, f, IN_ERROR);
  if (first !== (TAG.CONTEXT | 1)) return true;
  const se = T.end;
  let p = T.start;
  while (p < se) {
    if (!tlv(d, p, se, 'KERB-ERROR-DATA')) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 1) {
      if (!tlv(d, cs, ce, 'data-type')) return false;
      const v = integer(d, 'data-type');
      if (v === undefined) return false;
      f.e_data_type = v;
    } else if (n === 2 && f.e_data_type === KERB_AP_ERR_EXTENDED_ERROR) {
      // KERB-EXT-ERROR: NTSTATUS (little-endian), reserved, flags ([MS-KILE] 2.2.2).
      if (!expect(d, cs, ce, TAG.OCTET_STRING, 'data-value')) return false;
      if (T.end - T.start >= 4) {
        const q = T.start;
        const st =
          ((d[q] as number) | ((d[q + 1] as number) << 8) | ((d[q + 2] as number) << 16)) +
          (d[q + 3] as number) * 0x1000000;
        f.nt_status = `0x${st.toString(16).padStart(8, '0')}`;
      }
    }
  }
  return true;
}

/** AP-REP, KRB-PRIV: pvno, msg-type and enc-part ([2] and [3] respectively). */
function encOnly(d: Uint8Array, s: number, e: number, f: KerberosFields, encTag: number): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, f.msg_type_name)) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 0 || n === 1) {
      if (!header(d, cs, ce, n === 0, f)) return;
    } else if (n === encTag) {
      if (!encPart(d, cs, ce, f)) return;
    }
  }
}

/** KRB-SAFE ([RFC4120] 5.6.1): user data length and checksum type; the user data is not copied. */
function safe(d: Uint8Array, s: number, e: number, f: KerberosFields): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, 'KRB-SAFE')) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 0 || n === 1) {
      if (!header(d, cs, ce, n === 0, f)) return;
    } else if (n === 2) {
      // KRB-SAFE-BODY ::= SEQUENCE { user-data [0] OCTET STRING, ... }
      if (!expect(d, cs, ce, TAG.SEQUENCE, 'safe-body')) return;
      if (T.end > T.start && d[T.start] === TAG.CONTEXT) {
        if (!tlv(d, T.start, T.end, 'user-data')) return;
        if (!expect(d, T.start, T.end, TAG.OCTET_STRING, 'user-data')) return;
        f.user_data_length = T.end - T.start;
      }
    } else if (n === 3) {
      // Checksum ::= SEQUENCE { cksumtype [0] Int32, checksum [1] OCTET STRING }
      if (!expect(d, cs, ce, TAG.SEQUENCE, 'cksum')) return;
      if (!expect(d, T.start, T.end, TAG.CONTEXT, 'cksumtype')) return;
      if (!tlv(d, T.start, T.end, 'cksumtype')) return;
      const v = integer(d, 'cksumtype');
      if (v === undefined) return;
      f.cksum_type = v;
    }
  }
}

/** KRB-CRED ([RFC4120] 5.8.1): tickets [2] and enc-part [3]. */
function cred(d: Uint8Array, s: number, e: number, f: KerberosFields): void {
  let p = s;
  while (p < e) {
    if (!tlv(d, p, e, 'KRB-CRED')) return;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 0 || n === 1) {
      if (!header(d, cs, ce, n === 0, f)) return;
    } else if (n === 2) {
      if (!tickets(d, cs, ce, f, 'tickets')) return;
    } else if (n === 3) {
      if (!encPart(d, cs, ce, f)) return;
    }
  }
}

/**
 * Reads one Kerberos message, the [APPLICATION n] element at `d[s]` inside `[s, e)`, into a
 * fresh fields object; `last` tells what went wrong. Returns null when `d[s]` is not a
 * Kerberos message type.
 */
export function readMessage(
  d: Uint8Array,
  s: number,
  e: number,
  transport: 'udp' | 'tcp',
): KerberosFields | null {
  W.fail = '';
  W.limit = '';
  W.weakCipher = false;
  W.badVersion = '';
  const id = d[s] as number;
  const mt = id & 0x1f;
  const info = (id & 0xe0) === TAG.APPLICATION ? MSG_TYPES.get(mt) : undefined;
  if (info === undefined) return null;
  const f: KerberosFields = { transport, msg_type: mt, msg_type_name: info.name, pvno: 0 };
  if (expect(d, s, e, id, info.name)) {
    const appEnd = T.end;
    if (appEnd < e && W.fail === '') setFail(`${e - appEnd} bytes after the message`);
    if (expect(d, T.start, appEnd, TAG.SEQUENCE, info.name)) {
      const bs = T.start;
      const be = T.end;
      switch (mt) {
        case MSG.AS_REQ:
        case MSG.TGS_REQ:
          kdcReq(d, bs, be, f);
          break;
        case MSG.AS_REP:
        case MSG.TGS_REP:
          kdcRep(d, bs, be, f);
          break;
        case MSG.ERROR:
          krbError(d, bs, be, f);
          break;
        case MSG.AP_REQ:
          apReq(d, s, e, f, true);
          break;
        case MSG.AP_REP:
          encOnly(d, bs, be, f, 2);
          break;
        case MSG.PRIV:
          encOnly(d, bs, be, f, 3);
          break;
        case MSG.SAFE:
          safe(d, bs, be, f);
          break;
        default:
          cred(d, bs, be, f);
          break;
      }
    }
  }
  if (weakRequested(f) || W.weakCipher) f.weak_etype = true;
  if (W.fail !== '') f.error = W.fail;
  return f;
}

/** A request whose etype list holds only weak types: a downgrade ([RFC8429]). */
export function weakRequested(f: KerberosFields): boolean {
  const list = f.etypes;
  if (list === undefined || list.length === 0) return false;
  for (const e of list) if (!weakEtype(e)) return false;
  return true;
}

/** Event kind of a message type. */
export function kindOf(mt: number): string {
  return MSG_TYPES.get(mt)?.kind ?? 'kerberos.error';
}
