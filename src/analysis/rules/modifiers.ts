/**
 * Sigma value modifiers (specification 2.1, appendix "Modifiers"): one detection entry
 * `field|mod1|mod2: value(s)` compiles into a test of an event view.
 *
 * | group | modifiers |
 * | --- | --- |
 * | match mode | `contains`, `startswith`, `endswith` (default: the whole value, with wildcards) |
 * | list | `all` (every value must match; default: any) |
 * | case | `cased` (default: case-insensitive) |
 * | transforms | `wide`/`utf16le`, `utf16be`, `utf16`, `base64`, `base64offset`, `windash` |
 * | other tests | `re` (+ `i`, `m`, `s`), `cidr`, `exists`, `gt`, `gte`, `lt`, `lte`, `neq`, `fieldref` |
 * | time parts | `minute`, `hour`, `day`, `week`, `month`, `year` (of an ISO 8601 field, UTC) |
 *
 * Numbers and strings are compared the way Sigma backends over JSON do: a numeric rule value
 * matches the number or its text (`5` matches `5` and `"5"`), and a string value that is a
 * number matches the number. `null` matches a field that is absent, null, empty or an empty
 * list. Regular expressions are case-sensitive unless `i` is given (Sigma), are tested over at
 * most {@link MAX_RE_INPUT} characters, and patterns are capped at {@link MAX_RE_SOURCE}.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { RuleSyntaxError } from './errors.js';
import { fieldRef, type EventView, type FieldRef, type LeafTest } from './fields.js';
import { compilePattern, type MatchMode, type StringTest } from './pattern.js';

/** A compiled test of the event under evaluation. */
export type ViewTest = (v: EventView) => boolean;

/** Longest regular expression source a rule may carry. */
export const MAX_RE_SOURCE = 4096;
/** Characters of a field value a regular expression looks at. */
export const MAX_RE_INPUT = 65_536;
/** Most value variants one entry expands into (`windash` permutations). */
const MAX_VARIANTS = 1024;

const MODES = new Set(['contains', 'startswith', 'endswith']);
const TRANSFORMS = new Set([
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'base64',
  'base64offset',
  'windash',
]);
const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte']);
const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);
const RE_FLAGS = new Set(['i', 'm', 's']);

/** Every modifier name the engine knows (for messages and docs). */
export const MODIFIERS: readonly string[] = [
  ...MODES,
  'all',
  'cased',
  ...TRANSFORMS,
  're',
  ...RE_FLAGS,
  'cidr',
  'exists',
  ...NUMERIC,
  'neq',
  'fieldref',
  ...TIME_PARTS,
].sort();

type Scalar = string | number | boolean | null;

/** A value on its way through the transforms: text, or bytes after a UTF-16 encoding. */
type Variant = string | Buffer;

interface Parsed {
  field: string;
  mode: MatchMode;
  all: boolean;
  cased: boolean;
  transforms: string[];
  re: boolean;
  reFlags: string;
  cidr: boolean;
  exists: boolean;
  numeric: string | null;
  neq: boolean;
  fieldref: boolean;
  timePart: string | null;
}

function parseKey(key: string, path: readonly (string | number)[]): Parsed {
  const [field = '', ...mods] = key.split('|');
  const p: Parsed = {
    field,
    mode: 'exact',
    all: false,
    cased: false,
    transforms: [],
    re: false,
    reFlags: '',
    cidr: false,
    exists: false,
    numeric: null,
    neq: false,
    fieldref: false,
    timePart: null,
  };
  const bad = (msg: string): never => {
    throw new RuleSyntaxError(msg, path);
  };
  for (const m of mods) {
    if (MODES.has(m)) {
      if (p.mode !== 'exact') bad(`'${m}' after '${p.mode}': one match mode per field`);
      p.mode = m as MatchMode;
    } else if (m === 'all') p.all = true;
    else if (m === 'cased') p.cased = true;
    else if (TRANSFORMS.has(m)) p.transforms.push(m);
    else if (m === 're') p.re = true;
    else if (RE_FLAGS.has(m)) {
      if (!p.re) bad(`'${m}' is a flag of 're' and must follow it`);
      p.reFlags += m;
    } else if (m === 'cidr') p.cidr = true;
    else if (m === 'exists') p.exists = true;
    else if (NUMERIC.has(m)) p.numeric = m;
    else if (m === 'neq') p.neq = true;
    else if (m === 'fieldref') p.fieldref = true;
    else if (TIME_PARTS.has(m)) p.timePart = m;
    else if (m === 'expand')
      bad(
        `'expand' needs placeholder values from a processing pipeline, which Palisade does not have`,
      );
    else bad(`unknown modifier '${m}' (known: ${MODIFIERS.join(', ')})`);
  }
  const kinds = [p.re, p.cidr, p.exists, p.numeric !== null, p.fieldref].filter(Boolean).length;
  if (kinds > 1) bad(`'re', 'cidr', 'exists', 'gt/gte/lt/lte' and 'fieldref' do not combine`);
  if (kinds === 1 && p.mode !== 'exact' && !p.fieldref) {
    bad(`'${p.mode}' does not combine with 're', 'cidr', 'exists' or a comparison`);
  }
  if (kinds === 1 && p.transforms.length > 0)
    bad(`value transforms do not combine with this modifier`);
  if (p.transforms.includes('base64offset') && p.mode !== 'contains') {
    bad(`'base64offset' finds a value inside encoded text: it needs 'contains'`);
  }
  if (p.neq && (kinds > 0 || p.mode !== 'exact')) bad(`'neq' stands alone (with 'cased' at most)`);
  if (p.field === '' && (p.exists || p.fieldref || p.neq)) {
    bad(`a keyword search (no field name) cannot use 'exists', 'fieldref' or 'neq'`);
  }
  return p;
}

/** Compiles one detection entry (`key: value`) into a test. */
export function compileEntry(
  key: string,
  value: unknown,
  path: readonly (string | number)[],
): ViewTest {
  const p = parseKey(key, path);
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.length === 0)
    throw new RuleSyntaxError('an empty list of values matches nothing', path);
  values.forEach((v, i) => {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new RuleSyntaxError(
        'expected a string, number, boolean or null',
        Array.isArray(value) ? [...path, i] : path,
      );
    }
  });
  const at = (i: number): readonly (string | number)[] =>
    Array.isArray(value) ? [...path, i] : path;
  const f = fieldRef(p.field);

  if (p.exists) {
    if (values.length !== 1 || typeof values[0] !== 'boolean') {
      throw new RuleSyntaxError("'exists' takes true or false", path);
    }
    const want = values[0];
    // Through a list, the field exists when some element has it.
    const present = (x: unknown): boolean => x !== undefined && x !== null;
    return (v) => v.anyLeaf(f, present) === want;
  }
  if (p.fieldref) return fieldrefTest(f, p, values as Scalar[], at);

  const leafTests: LeafTest[] = [];
  let hasNull = false;
  (values as Scalar[]).forEach((val, i) => {
    if (val === null) {
      if (p.field === '') throw new RuleSyntaxError('a keyword cannot be null', at(i));
      hasNull = true;
      return;
    }
    leafTests.push(leafTest(p, val, at(i)));
  });

  if (p.field === '') {
    // Keywords: full-text search over every value of the event, as a substring by default.
    if (p.all) {
      return (v) => {
        for (const t of leafTests) if (!v.anyValue(t)) return false;
        return true;
      };
    }
    const any = anyOf(leafTests);
    return (v) => v.anyValue(any);
  }
  if (p.neq) {
    // "Not equal to the value": the field exists and no element of it equals the value.
    const tests = leafTests;
    return (v) => {
      if (v.isEmpty(f)) return false;
      if (p.all) {
        for (const t of tests) if (v.anyLeaf(f, t)) return false;
        return true;
      }
      for (const t of tests) if (!v.anyLeaf(f, t)) return true;
      return false;
    };
  }
  if (p.all) {
    const tests = leafTests;
    return (v) => {
      if (hasNull && !v.isEmpty(f)) return false;
      for (const t of tests) if (!v.anyLeaf(f, t)) return false;
      return true;
    };
  }
  if (leafTests.length === 0) return (v) => v.isEmpty(f);
  const any = anyOf(leafTests);
  if (!hasNull) return (v) => v.anyLeaf(f, any);
  return (v) => v.isEmpty(f) || v.anyLeaf(f, any);
}

function anyOf(tests: LeafTest[]): LeafTest {
  if (tests.length === 1) return tests[0] as LeafTest;
  return (x) => {
    for (const t of tests) if (t(x)) return true;
    return false;
  };
}

/** The test of one non-null value under the entry's modifiers. */
function leafTest(
  p: Parsed,
  val: string | number | boolean,
  path: readonly (string | number)[],
): LeafTest {
  if (p.re) {
    if (typeof val !== 'string')
      throw new RuleSyntaxError("'re' takes a regular expression string", path);
    return regexTest(val, p.reFlags, path);
  }
  if (p.cidr) {
    if (typeof val !== 'string')
      throw new RuleSyntaxError("'cidr' takes a network like 10.0.0.0/8", path);
    return cidrTest(val, path);
  }
  if (p.numeric !== null) {
    const n = typeof val === 'number' ? val : typeof val === 'string' ? numberOf(val) : null;
    if (n === null) throw new RuleSyntaxError(`'${p.numeric}' takes a number`, path);
    const cmp = comparison(p.numeric, n);
    if (p.timePart !== null) {
      const part = p.timePart;
      return (x) => {
        const t = timePart(x, part);
        return t !== null && cmp(t);
      };
    }
    return (x) => {
      const y = typeof x === 'number' ? x : typeof x === 'string' ? numberOf(x) : null;
      return y !== null && cmp(y);
    };
  }
  if (p.timePart !== null) {
    const n = typeof val === 'number' ? val : typeof val === 'string' ? numberOf(val) : null;
    if (n === null) throw new RuleSyntaxError(`'${p.timePart}' takes a number`, path);
    const part = p.timePart;
    return (x) => timePart(x, part) === n;
  }
  // Keyword searches look for the value inside text unless a mode says otherwise.
  const mode: MatchMode = p.field === '' && p.mode === 'exact' ? 'contains' : p.mode;
  if (typeof val === 'boolean' && p.transforms.length === 0) {
    const text = String(val);
    return (x) => x === val || (typeof x === 'string' && x.toLowerCase() === text);
  }
  if (typeof val === 'number' && p.transforms.length === 0 && mode === 'exact') {
    const text = String(val);
    return (x) => x === val || (typeof x === 'string' && x === text);
  }
  const variants = transform(String(val), p.transforms, path);
  const tests = variants.map((s) => compilePattern(s, mode, p.cased));
  const str: StringTest =
    tests.length === 1
      ? (tests[0] as StringTest)
      : (s) => {
          for (const t of tests) if (t(s)) return true;
          return false;
        };
  // A string value that is a number also matches the number itself.
  const asNumber =
    mode === 'exact' && p.transforms.length === 0 ? canonicalNumber(String(val)) : null;
  return (x) => {
    if (typeof x === 'string') return str(x);
    if (typeof x === 'number') return asNumber !== null ? x === asNumber : str(String(x));
    if (typeof x === 'boolean') return str(x ? 'true' : 'false');
    return false;
  };
}

/** The number a text is, when it is written as a plain decimal number; null otherwise. */
function numberOf(s: string): number | null {
  const t = s.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The number a rule string stands for when it is one written the way JSON writes numbers. */
function canonicalNumber(s: string): number | null {
  const n = numberOf(s);
  return n !== null && String(n) === s ? n : null;
}

function comparison(op: string, n: number): (x: number) => boolean {
  switch (op) {
    case 'gt':
      return (x) => x > n;
    case 'gte':
      return (x) => x >= n;
    case 'lt':
      return (x) => x < n;
    default:
      return (x) => x <= n;
  }
}

/** A UTC part of a date-time value (ISO 8601 text or epoch milliseconds). */
function timePart(x: unknown, part: string): number | null {
  const ms = typeof x === 'string' ? Date.parse(x) : typeof x === 'number' ? x : NaN;
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    default: {
      // ISO 8601 week number: the week with the year's first Thursday is week 1.
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const y0 = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - y0) / 86_400_000 + 1) / 7);
    }
  }
}

function regexTest(src: string, flags: string, path: readonly (string | number)[]): LeafTest {
  if (src.length > MAX_RE_SOURCE) {
    throw new RuleSyntaxError(`regular expression longer than ${MAX_RE_SOURCE} characters`, path);
  }
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (err) {
    throw new RuleSyntaxError(`invalid regular expression: ${(err as Error).message}`, path);
  }
  return (x) => {
    const s =
      typeof x === 'string'
        ? x
        : typeof x === 'number' || typeof x === 'boolean'
          ? String(x)
          : null;
    if (s === null) return false;
    return re.test(s.length > MAX_RE_INPUT ? s.slice(0, MAX_RE_INPUT) : s);
  };
}

function cidrTest(net: string, path: readonly (string | number)[]): LeafTest {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(net.trim());
  const addr = m?.[1] ?? '';
  const family = isIPv4(addr) ? 'ipv4' : isIPv6(addr) ? 'ipv6' : null;
  const prefix = m?.[2] !== undefined ? Number(m[2]) : family === 'ipv4' ? 32 : 128;
  if (family === null || prefix > (family === 'ipv4' ? 32 : 128)) {
    throw new RuleSyntaxError(`'${net}' is not an IPv4 or IPv6 network`, path);
  }
  const list = new BlockList();
  list.addSubnet(addr, prefix, family);
  // Events of one flow repeat their addresses: remember the last answer.
  let last = '';
  let lastHit = false;
  return (x) => {
    if (typeof x !== 'string') return false;
    if (x === last) return lastHit;
    const fam = isIPv4(x) ? 'ipv4' : isIPv6(x) ? 'ipv6' : null;
    last = x;
    lastHit = fam !== null && list.check(x, fam);
    return lastHit;
  };
}

/** `fieldref`: the field equals (or contains, starts or ends with) another field of the event. */
function fieldrefTest(
  f: FieldRef,
  p: Parsed,
  values: Scalar[],
  at: (i: number) => readonly (string | number)[],
): ViewTest {
  const refs = values.map((v, i) => {
    if (typeof v !== 'string' || v === '') {
      throw new RuleSyntaxError("'fieldref' takes the name of another field", at(i));
    }
    return fieldRef(v);
  });
  // The other field's value is set before each walk, so the leaf test is made once.
  let other: unknown;
  const text = (x: unknown): string | null =>
    typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : null;
  const leaf: LeafTest = (x) => {
    const a = text(x);
    const b = text(other);
    if (a === null || b === null) return false;
    const x1 = p.cased ? a : a.toLowerCase();
    const y1 = p.cased ? b : b.toLowerCase();
    switch (p.mode) {
      case 'exact':
        return x1 === y1;
      case 'contains':
        return x1.includes(y1);
      case 'startswith':
        return x1.startsWith(y1);
      case 'endswith':
        return x1.endsWith(y1);
    }
  };
  const one = (v: EventView, g: FieldRef): boolean => {
    other = v.value(g);
    if (other === undefined || other === null) return false;
    return v.anyLeaf(f, leaf);
  };
  if (p.all) {
    return (v) => {
      for (const g of refs) if (!one(v, g)) return false;
      return true;
    };
  }
  return (v) => {
    for (const g of refs) if (one(v, g)) return true;
    return false;
  };
}

/** Applies the transform modifiers in order; the result is the list of texts to look for. */
function transform(
  value: string,
  mods: readonly string[],
  path: readonly (string | number)[],
): string[] {
  let cur: Variant[] = [value];
  for (const m of mods) {
    const next: Variant[] = [];
    for (const v of cur) {
      switch (m) {
        case 'wide':
        case 'utf16le':
          next.push(Buffer.from(text(v), 'utf16le'));
          break;
        case 'utf16be': {
          const b = Buffer.from(text(v), 'utf16le');
          next.push(b.swap16());
          break;
        }
        case 'utf16':
          // With a byte order mark, as Windows writes "Unicode" text.
          next.push(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(v), 'utf16le')]));
          break;
        case 'base64':
          next.push(bytes(v).toString('base64'));
          break;
        case 'base64offset':
          next.push(...base64Offsets(bytes(v)));
          break;
        case 'windash':
          next.push(...windash(text(v)));
          break;
      }
      if (next.length > MAX_VARIANTS) {
        throw new RuleSyntaxError(
          `the modifiers expand the value into more than ${MAX_VARIANTS} variants`,
          path,
        );
      }
    }
    cur = next;
  }
  return cur.map((v) => (typeof v === 'string' ? v : v.toString('latin1')));
}

function text(v: Variant): string {
  return typeof v === 'string' ? v : v.toString('latin1');
}

function bytes(v: Variant): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

/**
 * The three base64 forms of `b` at the three alignments it can have inside a longer encoded
 * text, with the characters that depend on the neighbours cut off (pySigma's algorithm).
 */
function base64Offsets(b: Buffer): string[] {
  const start = [0, 2, 3];
  const end = [0, 3, 2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), b]).toString('base64');
    const cut = end[(b.length + i) % 3] as number;
    out.push(enc.slice(start[i] as number, enc.length - cut));
  }
  return out;
}

/** Windows command-line dash variants of every option prefix (`-x`, `/x`, en/em dash, bar). */
function windash(s: string): string[] {
  const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
  let out = [''];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const starts = (c === '-' || c === '/') && (i === 0 || /\s/.test(s[i - 1] as string));
    if (!starts) {
      out = out.map((o) => o + c);
      continue;
    }
    out = out.flatMap((o) => dashes.map((d) => o + d));
    if (out.length > MAX_VARIANTS) return out;
  }
  return out;
}
