/**
 * The Kerberos ASN.1 structures shared by every message ([RFC4120] 5.2, 5.3, 5.5.1), read in
 * place with the shared BER reader (`../../ber.ts`): PrincipalName, KerberosTime, KerberosFlags,
 * EncryptedData (its etype and kvno only, never the cipher text), Ticket, AP-REQ, and the
 * primitives of the walk. Every SEQUENCE is walked field by field with its context tag, so
 * unknown or missing OPTIONAL fields cost nothing and a malformed one stops the walk with a
 * reason (`W.fail`). The walk keeps its position in locals, one reused {@link Tlv} and the
 * state object `W`; it allocates only the strings and arrays of the event it builds.
 */
import {
  BER_ERRORS,
  BER_LENGTH_OVERFLOW,
  BER_OK,
  Tlv,
  berInt,
  berText,
  berUint,
  readTlv,
} from '../../ber.js';
import { AP_OPTIONS, KRB, MSG, TAG, etypeName, weakEtype } from './constants.js';
import type { KerberosFields, KerberosTicket } from './events.js';

/** The TLV record every read of the walk reuses. */
export const T = new Tlv();

/**
 * State of the walk over the current message, reset by `readMessage`: what went wrong, and the
 * results of the last PrincipalName and EncryptedData read (so that reading them allocates
 * nothing but the name's text).
 */
export const W = {
  /** Why the message could not be read to its end ('' while it could). */
  fail: '',
  /** A listing limit hit, reported as one anomaly after the message ('' when none). */
  limit: '',
  /** A ticket, enc-part, authenticator or pre-authentication is under a weak encryption type. */
  weakCipher: false,
  /** A pvno or tkt-vno other than 5 ('' when none). */
  badVersion: '',
  /** Last PrincipalName: name type and text. */
  pnType: 0,
  pnText: '',
  /** Last EncryptedData: etype and kvno (-1 when absent). */
  encEtype: 0,
  encKvno: -1,
};

export function setFail(what: string): void {
  if (W.fail === '') W.fail = what;
}

/**
 * Reads the TLV at `p` inside `[p, end)` into `T`. An element longer than its container is
 * still read, cut at the container's end (a frame cut by the snap length), after noting it.
 */
export function tlv(d: Uint8Array, p: number, end: number, what: string): boolean {
  const r = readTlv(d, p, end, T);
  if (r === BER_OK) return true;
  setFail(`${what}: ${BER_ERRORS[r] ?? 'bad TLV'}`);
  return r === BER_LENGTH_OVERFLOW;
}

/** Reads the TLV at `p` and checks its identifier. */
export function expect(d: Uint8Array, p: number, end: number, tag: number, what: string): boolean {
  if (!tlv(d, p, end, what)) return false;
  if (T.tag !== tag) {
    setFail(`${what}: tag 0x${T.tag.toString(16)} where 0x${tag.toString(16)} was expected`);
    return false;
  }
  return true;
}

/** An INTEGER of at most 5 content octets (Int32, UInt32 and Microsoft's negative types). */
export function integer(d: Uint8Array, what: string): number | undefined {
  if (T.tag !== TAG.INTEGER || T.end - T.start < 1 || T.end - T.start > 5) {
    setFail(`${what}: not an INTEGER of 1 to 5 octets`);
    return undefined;
  }
  return berInt(d, T.start, T.end);
}

/** A KerberosString (GeneralString, or any other string type some stacks send). */
export function text(d: Uint8Array, s: number, e: number): string {
  if (e - s > KRB.MAX_NAME_CHARS) W.limit = `string of ${e - s} characters`;
  return berText(d, s, e, KRB.MAX_NAME_CHARS);
}

/** KerberosTime "YYYYMMDDHHMMSSZ" ([RFC4120] 5.2.3) as ISO 8601; other forms as they are. */
export function time(d: Uint8Array, s: number, e: number): string {
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
export function flags(
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

/** Escapes `/`, `@` and `\` in a component as MIT krb5_unparse_name does. */
function escape(c: string): string {
  if (c.indexOf('/') < 0 && c.indexOf('@') < 0 && c.indexOf('\\') < 0) return c;
  return c.replace(/[/@\\]/g, (m) => `\\${m}`);
}

/** PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }. */
export function principal(d: Uint8Array, s: number, e: number, what: string): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, what)) return false;
  const se = T.end;
  let p = T.start;
  W.pnType = 0;
  W.pnText = '';
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
      W.pnType = v;
    } else if (n === 1) {
      if (!expect(d, cs, ce, TAG.SEQUENCE, what)) return false;
      const le = T.end;
      let q = T.start;
      let count = 0;
      while (q < le) {
        if (!tlv(d, q, le, what)) return false;
        q = T.end;
        if (++count > KRB.MAX_COMPONENTS) {
          W.limit = `${what} with more than ${KRB.MAX_COMPONENTS} components`;
          continue;
        }
        const c = escape(text(d, T.start, T.end));
        W.pnText = count === 1 ? c : `${W.pnText}/${c}`;
      }
    }
  }
  return true;
}

/** EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }. */
export function encrypted(d: Uint8Array, s: number, e: number, what: string): boolean {
  if (!expect(d, s, e, TAG.SEQUENCE, what)) return false;
  const se = T.end;
  let p = T.start;
  W.encEtype = 0;
  W.encKvno = -1;
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
        W.encEtype = v;
      } else W.encKvno = berUint(d, T.start, T.end);
    }
  }
  if (weakEtype(W.encEtype)) W.weakCipher = true;
  return true;
}

/** Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0], realm [1], sname [2], enc-part [3] }. */
export function ticket(d: Uint8Array, s: number, e: number): KerberosTicket | null {
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
        if (v !== KRB.PVNO) W.badVersion = `tkt-vno ${v}`;
        break;
      }
      case 1:
        if (!tlv(d, cs, ce, 'ticket realm')) return null;
        t.realm = text(d, T.start, T.end);
        break;
      case 2:
        if (!principal(d, cs, ce, 'ticket sname')) return null;
        t.sname = W.pnText;
        t.sname_type = W.pnType;
        break;
      case 3:
        if (!encrypted(d, cs, ce, 'ticket enc-part')) return null;
        t.etype = W.encEtype;
        if (W.encKvno >= 0) t.kvno = W.encKvno;
        break;
      default:
        break;
    }
  }
  t.etype_name = etypeName(t.etype);
  return t;
}

/** SEQUENCE OF Ticket (KRB-CRED tickets, KDC-REQ-BODY additional-tickets). */
export function tickets(
  d: Uint8Array,
  s: number,
  e: number,
  f: KerberosFields,
  what: string,
): boolean {
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
export function apReq(
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
        f.authenticator_etype = W.encEtype;
        break;
      default:
        break;
    }
  }
  return true;
}

/** pvno or msg-type of a message's outer SEQUENCE. */
export function header(
  d: Uint8Array,
  cs: number,
  ce: number,
  pvno: boolean,
  f: KerberosFields,
): boolean {
  if (!tlv(d, cs, ce, pvno ? 'pvno' : 'msg-type')) return false;
  const v = integer(d, pvno ? 'pvno' : 'msg-type');
  if (v === undefined) return false;
  if (pvno) {
    f.pvno = v;
    if (v !== KRB.PVNO) W.badVersion = `pvno ${v}`;
  } else if (v !== f.msg_type)
    setFail(`msg-type ${v} inside an [APPLICATION ${f.msg_type}] message`);
  return true;
}
