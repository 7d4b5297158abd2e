/**
 * PA-DATA ([RFC4120] 5.2.7, 7.5.2): the list of a request, a reply or a KRB-ERROR's METHOD-DATA,
 * and the values this decoder reads: PA-TGS-REQ (the AP-REQ with the TGT), PA-ENC-TIMESTAMP
 * (its etype), PA-ETYPE-INFO and PA-ETYPE-INFO2 (the KDC's etype hints), PA-PAC-REQUEST and
 * PA-PAC-OPTIONS ([MS-KILE] 2.2.3, 2.2.10), PA-FOR-USER ([MS-SFU] 2.2.1) and PA-FX-FAST
 * ([RFC6113] 5.4). Other types are named only.
 */
import { berBool } from '../../ber.js';
import { KRB, MSG, PA, PAC_OPTIONS, PADATA_TYPES, TAG, weakEtype } from './constants.js';
import type { KerberosFields } from './events.js';
import { T, W, apReq, encrypted, expect, flags, integer, principal, text, tlv } from './asn1.js';

/** Context of a PA-DATA list: what the enclosing message is. */
export const IN_REQUEST = 0;
export const IN_REPLY = 1;
export const IN_ERROR = 2;

/** SEQUENCE OF PA-DATA; PA-DATA ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING }. */
export function padata(
  d: Uint8Array,
  s: number,
  e: number,
  f: KerberosFields,
  ctx: number,
): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, 'padata')) return false;
  const le = T.end;
  let p = T.start;
  const types: number[] = [];
  while (p < le) {
    if (!expect(d, p, le, TAG.SEQUENCE, 'PA-DATA')) return false;
    const pe = T.end;
    let q = T.start;
    p = pe;
    let type = -1;
    let vs = -1;
    let ve = -1;
    while (q < pe) {
      if (!tlv(d, q, pe, 'PA-DATA')) return false;
      const n = T.tag - TAG.CONTEXT;
      const cs = T.start;
      const ce = T.end;
      q = ce;
      if (n === 1) {
        if (!tlv(d, cs, ce, 'padata-type')) return false;
        const v = integer(d, 'padata-type');
        if (v === undefined) return false;
        type = v;
      } else if (n === 2) {
        if (!expect(d, cs, ce, TAG.OCTET_STRING, 'padata-value')) return false;
        vs = T.start;
        ve = T.end;
      }
    }
    if (types.length < KRB.MAX_LIST) types.push(type);
    else W.limit = `more than ${KRB.MAX_LIST} PA-DATA`;
    if (vs >= 0 && ve > vs && !paValue(d, vs, ve, type, f, ctx)) return false;
  }
  f.padata_types = types;
  f.padata_names = types.map((t) => PADATA_TYPES.get(t) ?? `PA-${t}`);
  return true;
}

/** The padata-value of the PA-DATA types this decoder reads. */
function paValue(
  d: Uint8Array,
  s: number,
  e: number,
  type: number,
  f: KerberosFields,
  ctx: number,
): boolean {
  switch (type) {
    case PA.TGS_REQ:
      return ctx === IN_REQUEST ? apReq(d, s, e, f, false) : true;
    case PA.ENC_TIMESTAMP:
      if (ctx !== IN_REQUEST) return true;
      if (!encrypted(d, s, e, 'PA-ENC-TIMESTAMP')) return false;
      f.preauth_etype = W.encEtype;
      return true;
    case PA.ETYPE_INFO2:
    case PA.ETYPE_INFO:
      return ctx === IN_REQUEST ? true : etypeInfo(d, s, e, f);
    case PA.PAC_REQUEST: {
      // KERB-PA-PAC-REQUEST ::= SEQUENCE { include-pac [0] BOOLEAN }
      if (!expect(d, s, e, TAG.SEQUENCE, 'PA-PAC-REQUEST')) return false;
      if (!expect(d, T.start, T.end, TAG.CONTEXT, 'PA-PAC-REQUEST')) return false;
      if (!expect(d, T.start, T.end, TAG.BOOLEAN, 'PA-PAC-REQUEST include-pac')) return false;
      f.include_pac = berBool(d, T.start, T.end);
      return true;
    }
    case PA.PAC_OPTIONS: {
      // PA-PAC-OPTIONS ::= SEQUENCE { flags [0] PA-PAC-OPTIONSFlags }
      if (!expect(d, s, e, TAG.SEQUENCE, 'PA-PAC-OPTIONS')) return false;
      if (!expect(d, T.start, T.end, TAG.CONTEXT, 'PA-PAC-OPTIONS')) return false;
      if (!expect(d, T.start, T.end, TAG.BIT_STRING, 'PA-PAC-OPTIONS flags')) return false;
      f.pac_options = flags(d, T.start, T.end, PAC_OPTIONS)[1];
      return true;
    }
    case PA.FOR_USER:
      return ctx === IN_REQUEST ? forUser(d, s, e, f) : true;
    case PA.FX_FAST:
      return fast(d, s, e, f, ctx);
    default:
      return true;
  }
}

/** ETYPE-INFO2 / ETYPE-INFO: SEQUENCE OF SEQUENCE { etype [0] Int32, salt [1] ..., ... }. */
function etypeInfo(d: Uint8Array, s: number, e: number, f: KerberosFields): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, 'ETYPE-INFO')) return false;
  const le = T.end;
  let p = T.start;
  const list = f.etype_info ?? [];
  let allWeak = true;
  while (p < le) {
    if (!expect(d, p, le, TAG.SEQUENCE, 'ETYPE-INFO entry')) return false;
    const ee = T.end;
    const es = T.start;
    p = ee;
    if (!expect(d, es, ee, TAG.CONTEXT, 'ETYPE-INFO etype')) return false;
    if (!tlv(d, T.start, T.end, 'ETYPE-INFO etype')) return false;
    const v = integer(d, 'ETYPE-INFO etype');
    if (v === undefined) return false;
    if (!weakEtype(v)) allWeak = false;
    if (list.length < KRB.MAX_LIST) list.push(v);
    else W.limit = `more than ${KRB.MAX_LIST} ETYPE-INFO entries`;
  }
  if (list.length > 0) {
    f.etype_info = list;
    // A KDC that offers only weak keys: the account has no AES keys, or a Skeleton Key patch
    // forces RC4 ([RFC8429]).
    if (allWeak) W.weakCipher = true;
  }
  return true;
}

/**
 * PA-FOR-USER ::= SEQUENCE { userName [0] PrincipalName, userRealm [1] Realm, cksum [2]
 * Checksum, auth-package [3] KerberosString } ([MS-SFU] 2.2.1).
 */
function forUser(d: Uint8Array, s: number, e: number, f: KerberosFields): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, 'PA-FOR-USER')) return false;
  const se = T.end;
  let p = T.start;
  while (p < se) {
    if (!tlv(d, p, se, 'PA-FOR-USER')) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 0) {
      if (!principal(d, cs, ce, 'PA-FOR-USER userName')) return false;
      f.for_user = W.pnText;
    } else if (n === 1) {
      if (!tlv(d, cs, ce, 'PA-FOR-USER userRealm')) return false;
      f.for_user_realm = text(d, T.start, T.end);
    }
  }
  return true;
}

/**
 * PA-FX-FAST ([RFC6113] 5.4.2, 5.4.3): armored-data [0]. A request's KrbFastArmoredReq is
 * SEQUENCE { armor [0] KrbFastArmor OPTIONAL, req-checksum [1], enc-fast-req [2] EncryptedData },
 * its armor an AP-REQ (armor-type 1); a reply's KrbFastArmoredRep is SEQUENCE { enc-fast-rep [0]
 * EncryptedData }.
 */
function fast(d: Uint8Array, s: number, e: number, f: KerberosFields, ctx: number): boolean {
  if (!expect(d, s, e, TAG.CONTEXT, 'PA-FX-FAST')) return false;
  if (!expect(d, T.start, T.end, TAG.SEQUENCE, 'PA-FX-FAST')) return false;
  const se = T.end;
  let p = T.start;
  while (p < se) {
    if (!tlv(d, p, se, 'PA-FX-FAST')) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (ctx === IN_REQUEST && n === 0) {
      // KrbFastArmor ::= SEQUENCE { armor-type [0] Int32, armor-value [1] OCTET STRING }
      if (!expect(d, cs, ce, TAG.SEQUENCE, 'FAST armor')) return false;
      const ae = T.end;
      let q = T.start;
      while (q < ae) {
        if (!tlv(d, q, ae, 'FAST armor')) return false;
        const an = T.tag - TAG.CONTEXT;
        const vs = T.start;
        const ve = T.end;
        q = ve;
        if (an !== 1) continue;
        if (!expect(d, vs, ve, TAG.OCTET_STRING, 'FAST armor-value')) return false;
        if (T.end > T.start && d[T.start] === (TAG.APPLICATION | MSG.AP_REQ)) {
          if (!apReq(d, T.start, T.end, f, false)) return false;
        }
      }
    } else if ((ctx === IN_REQUEST && n === 2) || (ctx !== IN_REQUEST && n === 0)) {
      if (!encrypted(d, cs, ce, 'FAST enc-part')) return false;
      f.fast_etype = W.encEtype;
    }
  }
  return true;
}
