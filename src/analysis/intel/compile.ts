/**
 * Compiles indicators into the structures an event is looked up in, so that the cost per event
 * does not grow with the number of indicators:
 *
 * - every observation expression (`[...]`, a "leaf" of the pattern) gets anchors: values that
 *   any observation it matches must contain (an `=` or `IN` constant of an indexed property,
 *   an `ISSUBSET` block). An `OR` needs anchors on every side, an `AND` on one (the most
 *   selective is taken);
 * - anchors go into hash maps by value kind (IP addresses, domain names, URLs, hashes,
 *   certificate serials and names, MAC addresses, ports, file names, accounts, protocols) and
 *   CIDR blocks into prefix tries;
 * - a leaf with no anchor (only `!=`, `LIKE`, `MATCHES`, `<`... or properties Palisade does not
 *   index) is "scanned": evaluated against every observation. Those are counted in the summary
 *   (`intel.indicators_scanned`); their cost is linear in their number.
 *
 * The index only proposes candidates; each candidate leaf is then evaluated in full
 * (`evaluate.ts`), so an anchor never changes what matches, only what is tried.
 */
import { parsePattern } from './pattern/parse.js';
import { patternLeaves, singleObservation } from './pattern/shape.js';
import type { IntelIndicator } from './bundle.js';
import {
  compileExpression,
  type CompiledComparison,
  type CompiledExpression,
  type ValueKind,
} from './evaluate.js';
import { canonicalIp } from './ip.js';
import { IpTrie } from './ip-trie.js';

/** One observation expression of one indicator. */
export interface Leaf {
  readonly indicator: CompiledIndicator;
  /** Position of the leaf in the pattern (depth-first, left to right). */
  readonly index: number;
  /**
   * The expression to evaluate on a candidate observation; null when the index lookup that
   * proposes the leaf already decides it (see {@link exactLookup}), so a hit needs no
   * evaluation and the compiled expression is not kept.
   */
  expr: CompiledExpression | null;
  /** Generation stamp: de-duplicates candidates of one observation without a Set. */
  stamp: number;
}

/** An indicator with its leaves. */
export interface CompiledIndicator {
  readonly spec: IntelIndicator;
  /** Position in the data's indicator list (the id of sequence hits). */
  readonly position: number;
  /**
   * True when one observation decides the pattern (one leaf, no `REPEATS` above 1): a match
   * alerts at once. Otherwise matches of the leaves are collected and the pattern is decided
   * over all of them in capture order (`sequence.ts`).
   */
  readonly immediate: boolean;
  /** START/STOP windows (ms) an immediate match must fall in. */
  readonly windows: readonly { readonly start: number; readonly stop: number }[];
}

/** Plain (not specially normalised) paths that observations carry and the index serves. */
export const INDEXED_PLAIN_PATHS = new Set([
  'network-traffic:protocols[*]',
  'file:name',
  'file:parent_directory_ref.path',
  'user-account:account_login',
]);

/** `type:path` text of a comparison's path (`[*]` for wildcards, `[n]` for indexes). */
export function pathKey(c: CompiledComparison): string {
  let s = c.path.type + ':';
  c.path.steps.forEach((st, i) => {
    if (st === null) s += '[*]';
    else if (typeof st === 'number') s += `[${st}]`;
    else s += (i > 0 ? '.' : '') + st;
  });
  return s;
}

/** A value an observation must contain for a leaf to match. */
type Anchor =
  | {
      readonly kind: 'ip';
      readonly bytes: Uint8Array;
      readonly prefix: number;
      readonly family: 4 | 6;
    }
  | { readonly kind: 'port'; readonly port: number }
  | { readonly kind: 'value'; readonly map: ValueKind | string; readonly value: string };

/** Anchors of an expression; null when it has none (it must be scanned). */
function anchors(e: CompiledExpression): Anchor[] | null {
  if (e.kind === 'or') {
    const all: Anchor[] = [];
    for (const o of e.operands) {
      const a = anchors(o);
      if (a === null) return null;
      all.push(...a);
    }
    return all;
  }
  if (e.kind === 'and') {
    let best: Anchor[] | null = null;
    for (const o of e.operands) {
      const a = anchors(o);
      if (a === null) continue;
      if (best === null || rank(a) < rank(best)) best = a;
    }
    return best;
  }
  if (e.negated || (e.op !== '=' && e.op !== 'IN' && e.op !== 'ISSUBSET')) return null;
  const out: Anchor[] = [];
  for (let i = 0; i < e.values.length; i++) {
    const v = e.values[i];
    if (e.valueKind === 'ip') {
      const b = e.blocks[i];
      if (b === null || b === undefined) continue; // a non-address never equals an address
      out.push({ kind: 'ip', bytes: b.bytes, prefix: b.prefix, family: b.family });
    } else if (e.op === 'ISSUBSET') {
      return null;
    } else if (e.valueKind === 'port') {
      if (typeof v === 'number' && Number.isInteger(v)) out.push({ kind: 'port', port: v });
    } else if (e.valueKind === 'dn') {
      const parts = e.dns[i];
      const cn = parts?.get('CN');
      const o = parts?.get('O');
      if (cn !== undefined) out.push({ kind: 'value', map: 'dn', value: 'cn=' + cn });
      else if (o !== undefined) out.push({ kind: 'value', map: 'dn', value: 'o=' + o });
      else return null;
    } else if (e.valueKind !== 'plain') {
      if (typeof v === 'string') out.push({ kind: 'value', map: e.valueKind, value: v });
    } else {
      const key = pathKey(e);
      if (!INDEXED_PLAIN_PATHS.has(key)) return null;
      if (typeof v === 'string') out.push({ kind: 'value', map: key, value: v });
    }
  }
  return out;
}

/** Lower is more selective: ports and short prefixes propose many observations. */
function rank(a: Anchor[]): number {
  let r = a.length;
  for (const x of a) {
    if (x.kind === 'port') r += 1000;
    if (x.kind === 'ip' && x.prefix < (x.family === 4 ? 16 : 48)) r += 100;
  }
  return r;
}

/** The compiled indicators of one {@link IntelData}, indexed. */
export class IntelIndex {
  readonly indicators: CompiledIndicator[] = [];
  /** Exact IP addresses (canonical text). */
  readonly ipExact = new Map<string, Leaf[]>();
  readonly trie4 = new IpTrie<Leaf>(32);
  readonly trie6 = new IpTrie<Leaf>(128);
  readonly ports = new Map<number, Leaf[]>();
  /** Other anchors, by value kind (`domain`, `url`...) or plain path (`file:name`). */
  readonly values = new Map<string, Map<string, Leaf[]>>();
  /** Leaves without anchors: evaluated against every observation. */
  readonly scanned: Leaf[] = [];

  constructor(indicators: readonly IntelIndicator[]) {
    indicators.forEach((spec, position) => {
      let windows: { start: number; stop: number }[] = [];
      // One-observation patterns come as text (see IntelIndicator.pattern): parsed here, their
      // syntax tree is garbage once compiled. The text parsed when the bundle was read.
      let pattern = spec.pattern;
      if (pattern === null) {
        const r = parsePattern(spec.patternText);
        if (!r.ok) return;
        pattern = r.pattern;
      }
      const immediate = singleObservation(pattern, windows);
      if (windows.length === 0) windows = NO_WINDOWS;
      const ind: CompiledIndicator = { spec, position, immediate, windows };
      this.indicators.push(ind);
      patternLeaves(pattern).forEach((c, index) => {
        const leaf: Leaf = { indicator: ind, index, expr: compileExpression(c), stamp: -1 };
        this.add(leaf);
      });
    });
  }

  /** Value map of a kind or plain path (null when no anchor uses it). */
  map(name: string): Map<string, Leaf[]> | undefined {
    return this.values.get(name);
  }

  private add(leaf: Leaf): void {
    const as = leaf.expr === null ? null : anchors(leaf.expr);
    if (as === null) {
      this.scanned.push(leaf);
      return;
    }
    for (const a of as) {
      if (a.kind === 'ip') {
        const max = a.family === 4 ? 32 : 128;
        if (a.prefix === max) push(this.ipExact, canonicalIp(a), leaf);
        else (a.family === 4 ? this.trie4 : this.trie6).insert(a.bytes, a.prefix, leaf);
      } else if (a.kind === 'port') {
        push(this.ports, a.port, leaf);
      } else {
        let m = this.values.get(a.map);
        if (m === undefined) this.values.set(a.map, (m = new Map()));
        push(m, a.value, leaf);
      }
    }
    if (leaf.expr !== null && exactLookup(leaf.expr)) leaf.expr = null;
  }
}

const NO_WINDOWS: { start: number; stop: number }[] = [];

/**
 * True when finding the leaf through its anchors is the same as evaluating it: one `=` or
 * `IN` comparison, not negated, on a property whose lookups read exactly the values the
 * observation holds (any address of the event, a domain name, URL, MAC address, certificate
 * serial or SHA-1, protocol, file name or account). Ports, certificate names and role-bound
 * addresses (`network-traffic:dst_ref.value`) are still evaluated: their lookups read more
 * than the property. Most feed indicators are of this kind, so most hits cost no evaluation
 * and most indicators keep no compiled expression.
 */
export function exactLookup(e: CompiledExpression): boolean {
  if (e.kind !== 'comparison' || e.negated || (e.op !== '=' && e.op !== 'IN')) return false;
  const key = pathKey(e);
  switch (e.valueKind) {
    case 'ip':
      return (
        (key === 'ipv4-addr:value' || key === 'ipv6-addr:value') &&
        e.blocks.every((b) => b !== null)
      );
    case 'domain':
    case 'url':
    case 'mac':
    case 'serial':
      return e.values.every((v) => typeof v === 'string');
    case 'hash':
      return (
        key === 'x509-certificate:hashes.SHA-1' && e.values.every((v) => typeof v === 'string')
      );
    case 'plain':
      return INDEXED_PLAIN_PATHS.has(key) && e.values.every((v) => typeof v === 'string');
    default:
      return false;
  }
}

function push<K>(m: Map<K, Leaf[]>, k: K, leaf: Leaf): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [leaf]);
  else if (list[list.length - 1] !== leaf) list.push(leaf);
}
