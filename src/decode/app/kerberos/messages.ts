/**
 * Kerberos V5 message bodies ([RFC4120] 5 and appendix A), read in place with the shared BER
 * reader (`../../ber.ts`): KDC-REQ (AS-REQ, TGS-REQ), KDC-REP (AS-REP, TGS-REP), KRB-ERROR,
 * AP-REQ, AP-REP, KRB-SAFE, KRB-PRIV and KRB-CRED, and inside them PrincipalName, Ticket,
 * EncryptedData and the PA-DATA this decoder understands (PA-TGS-REQ, PA-ENC-TIMESTAMP,
 * PA-ETYPE-INFO/INFO2, PA-PAC-REQUEST, PA-PAC-OPTIONS, PA-FOR-USER, PA-FX-FAST).
 *
 *   KDC-REQ ::= [APPLICATION 10|12] SEQUENCE { pvno [1], msg-type [2], padata [3] OPTIONAL,
 *                                              req-body [4] KDC-REQ-BODY }
 *   KDC-REP ::= [APPLICATION 11|13] SEQUENCE { pvno [0], msg-type [1], padata [2] OPTIONAL,
 *                                              crealm [3], cname [4], ticket [5], enc-part [6] }
 *   every other message: [APPLICATION n] SEQUENCE { pvno [0], msg-type [1], ... }
 *
 * Every SEQUENCE is walked field by field with its context tag, so unknown or missing OPTIONAL
 * fields cost nothing and a malformed one stops the walk with a reason (`fail`). Only the
 * encryption type and key version of an EncryptedData are read, never its cipher text. The
 * walk keeps its position in locals and a single reused {@link Tlv}; it allocates only the
 * strings and arrays of the event it builds.
 */
import {
  BER_ERRORS,
  BER_LENGTH_OVERFLOW,
  BER_OK,
  Tlv,
  berBool,
  berInt,
  berText,
  berUint,
  readTlv,
} from '../../ber.js';
import {
  AP_OPTIONS,
  ERROR_CODES,
  KDC_OPTIONS,
  KERB_AP_ERR_EXTENDED_ERROR,
  KRB,
  MSG,
  MSG_TYPES,
  PA,
  PAC_OPTIONS,
  PADATA_TYPES,
  PREAUTH_TYPES,
  TAG,
  etypeName,
  weakEtype,
} from './constants.js';
import type { KerberosFields, KerberosTicket } from './events.js';

const T = new Tlv();
/** Why the current message could not be read to its end ('' while it could). */
let fail = '';
/** Limit hits of the current message, reported as one anomaly after it. */
let limitHit = '';
/** Encryption types of the current message's EncryptedData and KDC hints (for the weak check). */
let sawWeakCipher = false;
/** A pvno or tkt-vno other than 5 in the current message ('' when none). */
let badVersion = '';

/** Outcome of the last message read; see {@link readMessage}. */
export const last = {
  fail: '',
  limit: '',
  /** A ticket, enc-part, authenticator or pre-authentication is under a weak encryption type. */
  weakCipher: false,
  /** A pvno or tkt-vno other than 5. */
  badVersion: '',
};

function setFail(what: string): void {
  if (fail === '') fail = what;
}

/**
 * Reads the TLV at `p` inside `[p, end)` into `T`. An element longer than its container is
 * still read, cut at the container's end (a frame cut by the snap length), after noting it.
 */
function tlv(d: Uint8Array, p: number, end: number, what: string): boolean {
  const r = readTlv(d, p, end, T);
  if (r === BER_OK) return true;
  setFail(`${what}: ${BER_ERRORS[r] ?? 'bad TLV'}`);
  return r === BER_LENGTH_OVERFLOW;
}

/** Reads the TLV at `p` and checks its identifier. */
function expect(d: Uint8Array, p: number, end: number, tag: number, what: string): boolean {
  if (!tlv(d, p, end, what)) return false;
  if (T.tag !== tag) {
    setFail(`${what}: tag 0x${T.tag.toString(16)} where 0x${tag.toString(16)} was expected`);
    return false;
  }
  return true;
}

/** An INTEGER of at most 5 content octets (Int32, UInt32 and Microsoft's negative types). */
function integer(d: Uint8Array, what: string): number | undefined {
  if (T.tag !== TAG.INTEGER || T.end - T.start < 1 || T.end - T.start > 5) {
    setFail(`${what}: not an INTEGER of 1 to 5 octets`);
    return undefined;
  }
  return berInt(d, T.start, T.end);
}

/** A KerberosString (GeneralString, or any other string type some stacks send). */
function text(d: Uint8Array, s: number, e: number): string {
  if (e - s > KRB.MAX_NAME_CHARS) limitHit = `string of ${e - s} characters`;
  return berText(d, s, e, KRB.MAX_NAME_CHARS);
}

/** KerberosTime "YYYYMMDDHHMMSSZ" ([RFC4120] 5.2.3) as ISO 8601; other forms as they are. */
function time(d: Uint8Array, s: number, e: number): string {
  if (e - s !== 15 || d[s + 14] !== 0x5a) return berText(d, s, e, 32);
  for (let i = s; i < s + 14; i++) {
    const c = d[i] as number;
    if (c < 0x30 || c > 0x39) return berText(d, s, e, 32);
  }
  // One string built from the digits and the separators of "YYYY-MM-DDTHH:MM:SSZ".
  return String.fromCharCode(
    d[s] as number,
    d[s + 1] as number,
    d[s + 2] as number,
    d[s + 3] as number,
    0x2d,
    d[s + 4] as number,
    d[s + 5] as number,
    0x2d,
    d[s + 6] as number,
    d[s + 7] as number,
    0x54,
    d[s + 8] as number,
    d[s + 9] as number,
    0x3a,
    d[s + 10] as number,
    d[s + 11] as number,
    0x3a,
    d[s + 12] as number,
    d[s + 13] as number,
    0x5a,
  );
}

/** Names of the bits set in a BIT STRING of up to 32 bits (bit 0 = MSB of the first octet). */
function flags(
  d: Uint8Array,
  s: number,
  e: number,
  names: readonly (string | null)[],
): [number, string[]] {
  // The first content octet counts the unused bits of the last one (X.690 8.6.2).
  let v = 0;
  for (let i = 0; i < 4; i++) v = v * 256 + (s + 1 + i < e ? (d[s + 1 + i] as number) : 0);
  const out: string[] = [];
  for (let b = 0; b < 32; b++) {
    if (v & (0x80000000 >>> b)) out.push(names[b] ?? `bit-${b}`);
  }
  return [v, out];
}

/** PrincipalName result: name type and text. */
let pnType = 0;
let pnText = '';

/** Escapes `/`, `@` and `\` in a component as MIT krb5_unparse_name does. */
function escape(c: string): string {
  if (c.indexOf('/') < 0 && c.indexOf('@') < 0 && c.indexOf('\\') < 0) return c;
  return c.replace(/[/@\\]/g, (m) => `\\${m}`);
}

/** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }. */
function principal(d: Uint8Array, s: number, e: number, what: string): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, what)) return false;
  const se = T.end;
  let p = T.start;
  pnType = 0;
  pnText = '';
  while (p < se) {
    if (!tlv(d, p, se, what)) return false;
    const n = T.tag - TAG.CONTEXT;
    const ce = T.end;
    const cs = T.start;
    p = ce;
    if (n === 0) {
      if (!tlv(d, cs, ce, what)) return false;
      const v = integer(d, what);
      if (v === undefined) return false;
      pnType = v;
    } else if (n === 1) {
      if (!expect(d, cs, ce, TAG.SEQUENCE, what)) return false;
      const le = T.end;
      let q = T.start;
      let count = 0;
      while (q < le) {
        if (!tlv(d, q, le, what)) return false;
        q = T.end;
        if (++count > KRB.MAX_COMPONENTS) {
          limitHit = `${what} with more than ${KRB.MAX_COMPONENTS} components`;
          continue;
        }
        const c = escape(text(d, T.start, T.end));
        pnText = count === 1 ? c : `${pnText}/${c}`;
      }
    }
  }
  return true;
}

/** EncryptedData result: etype and kvno (-1 when absent). */
let encEtype = 0;
let encKvno = -1;

/** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }. */
function encrypted(d: Uint8Array, s: number, e: number, what: string): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, what)) return false;
  const se = T.end;
  let p = T.start;
  encEtype = 0;
  encKvno = -1;
  while (p < se) {
    if (!tlv(d, p, se, what)) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    if (n === 0 || n === 1) {
      if (!tlv(d, cs, ce, what)) return false;
      if (n === 0) {
        const v = integer(d, what);
        if (v === undefined) return false;
        encEtype = v;
      } else encKvno = berUint(d, T.start, T.end);
    }
  }
  if (weakEtype(encEtype)) sawWeakCipher = true;
  return true;
}

/** Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }. */
function ticket(d: Uint8Array, s: number, e: number): KerberosTicket | null {
  if (!expect(d, s, e, TAG.TICKET, 'ticket')) return null;
  if (!expect(d, T.start, T.end, TAG.SEQUENCE, 'ticket')) return null;
  const se = T.end;
  let p = T.start;
  const t: KerberosTicket = { realm: '', sname: '', sname_type: 0, etype: 0, etype_name: '' };
  while (p < se) {
    if (!tlv(d, p, se, 'ticket')) return null;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 0: {
        if (!tlv(d, cs, ce, 'ticket tkt-vno')) return null;
        const v = integer(d, 'ticket tkt-vno');
        if (v === undefined) return null;
        if (v !== KRB.PVNO) badVersion = `tkt-vno ${v}`;
        break;
      }
      case 1:
        if (!tlv(d, cs, ce, 'ticket realm')) return null;
        t.realm = text(d, T.start, T.end);
        break;
      case 2:
        if (!principal(d, cs, ce, 'ticket sname')) return null;
        t.sname = pnText;
        t.sname_type = pnType;
        break;
      case 3:
        if (!encrypted(d, cs, ce, 'ticket enc-part')) return null;
        t.etype = encEtype;
        if (encKvno >= 0) t.kvno = encKvno;
        break;
      default:
        break;
    }
  }
  t.etype_name = etypeName(t.etype);
  return t;
}

/** SEQUENCE OF Ticket (KRB-CRED tickets, KDC-REQ-BODY additional-tickets). */
function tickets(d: Uint8Array, s: number, e: number, f: KerberosFields, what: string): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, what)) return false;
  const le = T.end;
  let p = T.start;
  let count = 0;
  const list: KerberosTicket[] = [];
  while (p < le && count < KRB.MAX_TICKETS) {
    if (!tlv(d, p, le, what)) return false;
    const te = T.end;
    const t = ticket(d, p, te);
    if (t === null) return false;
    if (list.length < KRB.MAX_LIST) list.push(t);
    count++;
    p = te;
  }
  f.tickets = list;
  f.ticket_count = count;
  return true;
}

/**
 * AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno [0], msg-type [1], ap-options [2] APOptions,
 * ticket [3] Ticket, authenticator [4] EncryptedData }: standalone, in PA-TGS-REQ or in FAST
 * armor. `s..e` holds the whole [APPLICATION 14] element.
 */
function apReq(
  d: Uint8Array,
  s: number,
  e: number,
  f: KerberosFields,
  standalone: boolean,
): boolean {
  if (!expect(d, s, e, TAG.APPLICATION | MSG.AP_REQ, 'AP-REQ')) return false;
  if (!expect(d, T.start, T.end, TAG.SEQUENCE, 'AP-REQ')) return false;
  const se = T.end;
  let p = T.start;
  while (p < se) {
    if (!tlv(d, p, se, 'AP-REQ')) return false;
    const n = T.tag - TAG.CONTEXT;
    const cs = T.start;
    const ce = T.end;
    p = ce;
    switch (n) {
      case 0:
      case 1:
        if (standalone && !header(d, cs, ce, n === 0, f)) return false;
        break;
      case 2:
        if (!expect(d, cs, ce, TAG.BIT_STRING, 'AP-REQ ap-options')) return false;
        f.ap_options = flags(d, T.start, T.end, AP_OPTIONS)[1];
        break;
      case 3: {
        const t = ticket(d, cs, ce);
        if (t === null) return false;
        f.ticket = t;
        break;
      }
      case 4:
        if (!encrypted(d, cs, ce, 'AP-REQ authenticator')) return false;
        f.authenticator_etype = encEtype;
        break;
      default:
        break;
    }
  }
  return true;
}

/** pvno or msg-type of a message's outer SEQUENCE. */
function header(d: Uint8Array, cs: number, ce: number, pvno: boolean, f: KerberosFields): boolean {
  if (!tlv(d, cs, ce, pvno ? 'pvno' : 'msg-type')) return false;
  const v = integer(d, pvno ? 'pvno' : 'msg-type');
  if (v === undefined) return false;
  if (pvno) {
    f.pvno = v;
    if (v !== KRB.PVNO) badVersion = `pvno ${v}`;
  } else if (v !== f.msg_type)
    setFail(`msg-type ${v} inside an [APPLICATION ${f.msg_type}] message`);
  return true;
}

/** Context of a PA-DATA list: what the enclosing message is. */
const IN_REQUEST = 0;
const IN_REPLY = 1;
const IN_ERROR = 2;

/** SEQUENCE OF PA-DATA; PA-DATA ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING }. */
function padata(d: Uint8Array, s: number, e: number, f: KerberosFields, ctx: number): boolean {
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
    else limitHit = `more than ${KRB.MAX_LIST} PA-DATA`;
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
      f.preauth_etype = encEtype;
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
    else limitHit = `more than ${KRB.MAX_LIST} ETYPE-INFO entries`;
  }
  if (list.length > 0) {
    f.etype_info = list;
    // A KDC that offers only weak keys: the account has no AES keys, or a Skeleton Key patch
    // forces RC4 ([RFC8429]).
    if (allWeak) sawWeakCipher = true;
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
      f.for_user = pnText;
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
      f.fast_etype = encEtype;
    }
  }
  return true;
}

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
        f.cname = pnText;
        f.cname_type = pnType;
        break;
      case 2:
        if (!tlv(d, cs, ce, 'realm')) return false;
        f.realm = text(d, T.start, T.end);
        break;
      case 3:
        if (!principal(d, cs, ce, 'sname')) return false;
        f.sname = pnText;
        f.sname_type = pnType;
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
          else limitHit = `more than ${KRB.MAX_LIST} encryption types`;
        }
        f.etypes = list;
        f.etype_names = list.map(etypeName);
        break;
      }
      case 10:
        if (!encrypted(d, cs, ce, 'enc-authorization-data')) return false;
        f.authorization_data_etype = encEtype;
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
        f.cname = pnText;
        f.cname_type = pnType;
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
  f.enc_part_etype = encEtype;
  f.enc_part_etype_name = etypeName(encEtype);
  if (encKvno >= 0) f.enc_part_kvno = encKvno;
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
          f.cname = pnText;
          f.cname_type = pnType;
        } else {
          f.sname = pnText;
          f.sname_type = pnType;
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
  fail = '';
  limitHit = '';
  sawWeakCipher = false;
  badVersion = '';
  const id = d[s] as number;
  const mt = id & 0x1f;
  const info = (id & 0xe0) === TAG.APPLICATION ? MSG_TYPES.get(mt) : undefined;
  if (info === undefined) return null;
  const f: KerberosFields = { transport, msg_type: mt, msg_type_name: info.name, pvno: 0 };
  if (expect(d, s, e, id, info.name)) {
    const appEnd = T.end;
    if (appEnd < e && fail === '') setFail(`${e - appEnd} bytes after the message`);
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
  if (weakRequested(f) || sawWeakCipher) f.weak_etype = true;
  if (fail !== '') f.error = fail;
  last.fail = fail;
  last.limit = limitHit;
  last.weakCipher = sawWeakCipher;
  last.badVersion = badVersion;
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
