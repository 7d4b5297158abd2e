/**
 * Search filter rendering: the Filter CHOICE of [RFC4511] 4.5.1.7 as [RFC4515] text, with the
 * value escaping of [RFC4515] 3 (`*`, `(`, `)`, `\\`, NUL, and every byte of a value that is not
 * UTF-8 text as `\\xx`). Bounded: 16 nesting levels (deeper ones become `...`) and 1024
 * characters (cut). One filter at a time: the output goes into {@link FILTER}.
 *
 * ```
 *  and [0] / or [1]        SET OF Filter              (&(a)(b)) (|(a)(b))
 *  not [2]                 Filter                     (!(a))
 *  equality [3], >= [5], <= [6], approx [8]   { attr, value }   (a=v) (a>=v) (a<=v) (a~=v)
 *  substrings [4]          { attr, SEQUENCE OF initial [0] / any [1] / final [2] }  (a=i*y*f)
 *  present [7]             attr                       (a=*)
 *  extensibleMatch [9]     { rule [1], type [2], value [3], dnAttributes [4] }  (a:dn:r:=v)
 * ```
 */
import { BER_OK, Tlv, berBool, berText, readTlv } from '../../ber.js';
import { Filter, LDAP } from './constants.js';
import { UTF8, readAs, text, validUtf8 } from './text.js';

/** The last rendered filter. */
export const FILTER = {
  /** RFC 4515 text (cut at 1024 characters). */
  text: '',
  /** Levels past the 16th were left out. */
  deep: false,
  /** The text was cut at 1024 characters. */
  long: false,
  /** Why the filter is malformed ('' when it is not). */
  error: '',
};

// One TLV record per nesting level, and one for the parts of an item.
const T_FILTER: readonly Tlv[] = Array.from({ length: LDAP.MAX_FILTER_DEPTH + 2 }, () => new Tlv());
const T_SUB = new Tlv();

function fail(why: string): void {
  if (FILTER.error === '') FILTER.error = why;
}

/**
 * Renders the Filter element at `d[p]` (inside `[p, e)`) into {@link FILTER}; returns the
 * offset after it, or -1 when it is malformed (`FILTER.error` says why).
 */
export function renderSearchFilter(d: Uint8Array, p: number, e: number, cap: number): number {
  FILTER.text = '';
  FILTER.deep = false;
  FILTER.long = false;
  FILTER.error = '';
  const next = renderFilter(d, p, e, 0, cap);
  if (FILTER.long) FILTER.text += '...';
  return next;
}

function put(s: string): void {
  if (FILTER.long) return;
  if (FILTER.text.length + s.length > LDAP.MAX_FILTER_CHARS) {
    FILTER.text += s.slice(0, LDAP.MAX_FILTER_CHARS - FILTER.text.length);
    FILTER.long = true;
    return;
  }
  FILTER.text += s;
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

/**
 * Renders the Filter element at `p` ([RFC4511] 4.5.1.7) into `FILTER.text` as [RFC4515] text;
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
    FILTER.deep = true;
    put('...');
    return t.end;
  }
  const end = t.end;
  switch (choice) {
    case Filter.AND:
    case Filter.OR: {
      put(choice === Filter.AND ? '(&' : '(|');
      let q = t.start;
      while (q < end && !FILTER.long) {
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
