/**
 * Evaluation of one observation's comparisons (STIX 2.1 OS, 9.5 "Comparison Expressions"):
 * the compiled form of a `[...]` expression, tested against an {@link Observation}, the cyber
 * observables (SCOs) Palisade reads from one event or flow record.
 *
 * Semantics, as documented in docs/intel.md:
 * - a comparison holds when some object of its type in the observation has a value at the
 *   path (every element for `[*]`) that satisfies it; a property that is absent makes the
 *   comparison false, negated or not (`NOT EXISTS` is the way to ask for absence);
 * - `NOT` negates the operator for each value (`x NOT = 'a'`: some value is not `a`);
 * - IP properties compare as addresses: `ipv4-addr:value = '10.0.0.0/8'` holds for any address
 *   in the block, `ISSUBSET`/`ISSUPERSET` compare blocks;
 * - domain names, URLs' scheme and host, hashes, certificate serials and MAC addresses compare
 *   without regard to case (and serials without `:` separators or leading zeros); certificate
 *   issuer and subject compare by the name parts Palisade reads (CN and O) that the indicator
 *   names.
 *
 * Compiling (once per indicator) precomputes parsed blocks, regular expressions and
 * normalised constants, so a test allocates nothing but what a path lookup returns.
 */
import type { Comparison, ComparisonExpression, Literal, ObjectPath } from './pattern/ast.js';
import { blockWithin, parseIpOrCidr, prefixEqual, type IpBlock } from './ip.js';

/** The SCOs of one observation, by object type; values are plain JSON-like objects. */
export type Observation = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

/** How the values of a property compare (and are indexed). */
export type ValueKind =
  'ip' | 'domain' | 'url' | 'hash' | 'serial' | 'mac' | 'dn' | 'port' | 'plain';

const IP_REF_PROPS = new Set(['src_ref', 'dst_ref', 'resolves_to_refs', 'resolvesto_refs']);

/** Canonical STIX hash names (STIX 2.1 OS 10.7 hash-algorithm-ov), by upper-case alias. */
const HASH_NAMES: Readonly<Record<string, string>> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  'SHA-1': 'SHA-1',
  SHA256: 'SHA-256',
  'SHA-256': 'SHA-256',
  SHA512: 'SHA-512',
  'SHA-512': 'SHA-512',
  'SHA3-256': 'SHA3-256',
  'SHA3-512': 'SHA3-512',
  SSDEEP: 'SSDEEP',
  TLSH: 'TLSH',
};

/** The path with hash names made canonical (`hashes.sha1` is `hashes.'SHA-1'`). */
export function canonicalPath(p: ObjectPath): ObjectPath {
  if (!p.steps.includes('hashes')) return p;
  const steps = p.steps.map((s, i) =>
    typeof s === 'string' && i > 0 && p.steps[i - 1] === 'hashes'
      ? (HASH_NAMES[s.toUpperCase()] ?? s)
      : s,
  );
  return { type: p.type, steps };
}

/** How values at `path` compare: the kind that decides normalisation and indexing. */
export function valueKind(path: ObjectPath): ValueKind {
  const t = path.type;
  const s = path.steps;
  const last = s[s.length - 1];
  const first = s[0];
  if ((t === 'ipv4-addr' || t === 'ipv6-addr') && s.length === 1 && first === 'value') return 'ip';
  if (last === 'value' && s.length >= 2 && typeof first === 'string' && IP_REF_PROPS.has(first)) {
    return 'ip';
  }
  if (t === 'domain-name' && s.length === 1 && first === 'value') return 'domain';
  if (t === 'url' && s.length === 1 && first === 'value') return 'url';
  if (t === 'mac-addr' && s.length === 1 && first === 'value') return 'mac';
  if (s.length >= 2 && s[s.length - 2] === 'hashes') return 'hash';
  if (t === 'x509-certificate' && s.length === 1) {
    if (first === 'serial_number') return 'serial';
    if (first === 'issuer' || first === 'subject') return 'dn';
  }
  if (t === 'network-traffic' && s.length === 1 && (first === 'src_port' || first === 'dst_port')) {
    return 'port';
  }
  return 'plain';
}

/** Normalised text of a value of `kind` (the form indexes and comparisons use). */
export function normalise(kind: ValueKind, v: string): string {
  switch (kind) {
    case 'domain':
      return (v.endsWith('.') ? v.slice(0, -1) : v).toLowerCase();
    case 'url':
      return normaliseUrl(v);
    case 'hash':
    case 'mac':
      return v.toLowerCase();
    case 'serial': {
      const hex = v.replace(/[:\s-]/g, '').toLowerCase();
      let i = 0;
      while (i < hex.length - 1 && hex[i] === '0') i++;
      return hex.slice(i);
    }
    default:
      return v;
  }
}

/** A URL with its scheme and host in lower case and the default port removed. */
export function normaliseUrl(u: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(u);
  if (m === null) return u;
  const scheme = (m[1] as string).toLowerCase();
  let host = (m[2] as string).toLowerCase();
  if (
    (scheme === 'http' && host.endsWith(':80')) ||
    (scheme === 'https' && host.endsWith(':443'))
  ) {
    host = host.slice(0, host.lastIndexOf(':'));
  }
  const rest = m[3] === '' ? '/' : (m[3] as string);
  return `${scheme}://${host}${rest}`;
}

/** The name parts of a distinguished name (`C=US, O=Acme, CN=x`), by upper-case attribute. */
export function dnParts(dn: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of dn.split(/,(?=\s*[A-Za-z.0-9]+\s*=)/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.set(
      part.slice(0, eq).trim().toUpperCase(),
      part
        .slice(eq + 1)
        .trim()
        .toLowerCase(),
    );
  }
  return out;
}

/** Shared by the many comparisons without IP blocks or names: 100,000 indicators, no arrays. */
const EMPTY: readonly never[] = Object.freeze([]);

/** A compiled comparison. */
export interface CompiledComparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly op: Comparison['op'];
  readonly negated: boolean;
  readonly valueKind: ValueKind;
  /** Constants, normalised; one for most operators, several for IN. */
  readonly values: readonly unknown[];
  /** Parsed blocks of IP constants (same order as `values`). */
  readonly blocks: readonly (IpBlock | null)[];
  /** LIKE and MATCHES. */
  readonly regex: RegExp | null;
  /** DN constants as name parts. */
  readonly dns: readonly Map<string, string>[];
}

/** A compiled comparison expression. */
export type CompiledExpression =
  | CompiledComparison
  | { readonly kind: 'and'; readonly operands: readonly CompiledExpression[] }
  | { readonly kind: 'or'; readonly operands: readonly CompiledExpression[] };

/** Compiles a comparison expression (constants normalised, expressions built). */
export function compileExpression(e: ComparisonExpression): CompiledExpression {
  if (e.kind === 'and') return { kind: 'and', operands: e.operands.map(compileExpression) };
  if (e.kind === 'or') return { kind: 'or', operands: e.operands.map(compileExpression) };
  const path = canonicalPath(e.path);
  const kind = valueKind(path);
  const lits: readonly Literal[] =
    e.value === null ? [] : Array.isArray(e.value) ? e.value : [e.value as Literal];
  const values = lits.map((l) => literalValue(kind, l));
  const blocks =
    kind === 'ip' ? lits.map((l) => (l.type === 'string' ? parseIpOrCidr(l.value) : null)) : EMPTY;
  let regex: RegExp | null = null;
  const first = lits[0];
  if (e.op === 'LIKE' && first?.type === 'string') regex = likeRegex(first.value);
  // `unsafeRegex` refused the expressions this could not compile or run safely.
  if (e.op === 'MATCHES' && first?.type === 'string') regex = new RegExp(first.value, 's');
  const dns = kind === 'dn' ? lits.map((l) => dnParts(l.type === 'string' ? l.value : '')) : EMPTY;
  return {
    kind: 'comparison',
    path,
    op: e.op,
    negated: e.negated,
    valueKind: kind,
    values,
    blocks,
    regex,
    dns,
  };
}

function literalValue(kind: ValueKind, l: Literal): unknown {
  if (l.type === 'string') return normalise(kind, l.value);
  if (l.type === 'timestamp') return Date.parse(l.value);
  return l.value;
}

/** SQL LIKE (`%` any run, `_` one character) as an anchored regular expression. */
function likeRegex(pattern: string): RegExp {
  let src = '^';
  for (const ch of pattern) {
    if (ch === '%') src += '.*';
    else if (ch === '_') src += '.';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(src + '$', 's');
}

/** Longest string a LIKE or MATCHES test reads (values are cut to it). */
export const MAX_MATCH_INPUT = 4_096;

/** True when the compiled expression holds for the observation. */
export function evaluate(e: CompiledExpression, obs: Observation): boolean {
  if (e.kind === 'and') {
    for (const o of e.operands) if (!evaluate(o, obs)) return false;
    return true;
  }
  if (e.kind === 'or') {
    for (const o of e.operands) if (evaluate(o, obs)) return true;
    return false;
  }
  const objects = obs[e.path.type];
  const values: unknown[] = [];
  if (objects !== undefined) for (const o of objects) collect(o, e.path.steps, 0, values);
  if (e.op === 'EXISTS') return values.length > 0 !== e.negated;
  for (const v of values) if (test(e, v) !== e.negated) return true;
  return false;
}

/** Appends the values at `steps[i..]` of `v` (every element for `[*]`). */
function collect(
  v: unknown,
  steps: readonly (string | number | null)[],
  i: number,
  out: unknown[],
): void {
  if (v === undefined || v === null) return;
  if (i === steps.length) {
    out.push(v);
    return;
  }
  const s = steps[i];
  if (s === undefined) return;
  if (s === null) {
    if (Array.isArray(v)) for (const x of v) collect(x, steps, i + 1, out);
  } else if (typeof s === 'number') {
    if (Array.isArray(v)) collect(v[s < 0 ? v.length + s : s], steps, i + 1, out);
  } else if (typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, s)) {
    collect((v as Record<string, unknown>)[s], steps, i + 1, out);
  }
}

function test(c: CompiledComparison, raw: unknown): boolean {
  switch (c.op) {
    case '=':
      return equals(c, 0, raw);
    case '!=':
      return !equals(c, 0, raw);
    case 'IN':
      for (let i = 0; i < c.values.length; i++) if (equals(c, i, raw)) return true;
      return false;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const d = order(c.values[0], raw, c.valueKind);
      if (d === null) return false;
      return c.op === '<' ? d < 0 : c.op === '<=' ? d <= 0 : c.op === '>' ? d > 0 : d >= 0;
    }
    case 'LIKE':
    case 'MATCHES': {
      if (typeof raw !== 'string' || c.regex === null) return false;
      const s = raw.length > MAX_MATCH_INPUT ? raw.slice(0, MAX_MATCH_INPUT) : raw;
      return c.regex.test(s);
    }
    case 'ISSUBSET':
    case 'ISSUPERSET': {
      const lit = c.blocks[0];
      if (typeof raw !== 'string' || lit === null || lit === undefined) return false;
      const v = parseIpOrCidr(raw);
      if (v === null) return false;
      return c.op === 'ISSUBSET' ? blockWithin(v, lit) : blockWithin(lit, v);
    }
    default:
      return false;
  }
}

function equals(c: CompiledComparison, i: number, raw: unknown): boolean {
  const lit = c.values[i];
  if (typeof raw === 'string') {
    if (c.valueKind === 'ip') {
      const block = c.blocks[i];
      if (block === null || block === undefined) return false;
      const v = parseIpOrCidr(raw);
      // An address equals a block that contains it (STIX allows CIDR values on both sides).
      return (
        v !== null &&
        v.family === block.family &&
        v.prefix >= block.prefix &&
        prefixEqual(v.bytes, block.bytes, block.prefix)
      );
    }
    if (c.valueKind === 'dn') {
      const want = c.dns[i];
      if (want === undefined || want.size === 0) return false;
      const have = dnParts(raw);
      for (const [k, val] of want) {
        const h = have.get(k);
        if (h !== undefined && h !== val) return false;
        if (h === undefined && (k === 'CN' || k === 'O')) return false;
      }
      return true;
    }
    if (typeof lit === 'number') return Date.parse(raw) === lit;
    return normalise(c.valueKind, raw) === lit;
  }
  return raw === lit;
}

/** Sign of `raw - lit` for ordered operators; null when they do not compare. */
function order(lit: unknown, raw: unknown, kind: ValueKind): number | null {
  if (typeof lit === 'number') {
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
    return Number.isNaN(v) ? null : v - lit;
  }
  if (typeof lit === 'string' && typeof raw === 'string') {
    const v = normalise(kind, raw);
    return v < lit ? -1 : v > lit ? 1 : 0;
  }
  return null;
}
