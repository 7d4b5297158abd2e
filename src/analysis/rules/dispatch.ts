/**
 * Which rules an event meets. Rules are indexed by what every match of theirs has, so the cost
 * of an event grows with the rules that can match it, not with the size of the pack:
 *
 * 1. the log source (`category`, `service`) and the `kind` and `proto` values the condition
 *    requires (`compile.ts` "pins"): the rules of a (protocol, kind) pair are selected the
 *    first time the pair is seen and kept, so finding them costs two map lookups;
 * 2. within a pair, a small decision tree over the fields its rules pin to plain values
 *    (`modbus.function_code`, `cip.service`, `anomaly.name`...): at each level the field that
 *    leaves the fewest rules to test on average, and the event's value of it picks the rules
 *    that pin that value, and then those that do not pin the field (a prefilter in the spirit of
 *    Suricata's, on exact values instead of content patterns). At most {@link MAX_DEPTH} levels.
 *
 * Categories: `anomaly` rules meet events of kind `anomaly`; `behaviour` rules meet derived
 * events (`behaviour.*`); rules without a category meet every other protocol event; `flow`
 * rules meet flow records, indexed by the flow's `service`.
 */
import { fieldRef, type FieldRef } from './fields.js';
import type { PinKey } from './compile.js';
import type { CompiledRule, RuleCategory } from './pack.js';

/** (protocol, kind) pairs whose rule lists are kept; more are computed each time. */
export const MAX_DISPATCH_KEYS = 4096;
/** Fewest rules in a list before indexing it by a field is tried. */
const MIN_INDEXED_RULES = 3;
/** Deepest level of the decision tree. */
const MAX_DEPTH = 3;
/** An index level must leave at most this share of its rules to test on average. */
const WORTH = 0.7;

/**
 * A node of a pair's decision tree. The rules of a node are split in two: those that pin the
 * node's field (found under the event's value in `byValue`) and those that do not (`rest`); an
 * event meets the rules of the child for its value and those of `rest`, each rule at most once.
 */
export interface Bucket {
  /** Every rule of the node, in pack order. */
  readonly all: readonly CompiledRule[];
  /** The field that splits the node, or null for a leaf (the event meets `all`). */
  readonly field: FieldRef | null;
  /** The rules pinning each value of the field (lower-case text, numbers, booleans). */
  readonly byValue: ReadonlyMap<PinKey, Bucket>;
  /** The rules that do not pin the field. */
  readonly rest: Bucket | null;
  /** Event texts not found as they are: the child of their lower-case form (capped). */
  readonly folded: Map<string, Bucket | null>;
}

/** Event texts per node whose lower-case lookup is remembered. */
const MAX_FOLDED = 256;

const EMPTY: Bucket = { all: [], field: null, byValue: new Map(), rest: null, folded: new Map() };

function leaf(all: readonly CompiledRule[]): Bucket {
  return all.length === 0
    ? EMPTY
    : { all, field: null, byValue: new Map(), rest: null, folded: new Map() };
}

/** The child of a split node for value `v`; null when no rule pins it; the node itself for lists. */
function child(b: Bucket, v: unknown): Bucket | null {
  switch (typeof v) {
    case 'number':
    case 'boolean':
      return b.byValue.get(v) ?? null;
    case 'string': {
      const hit = b.byValue.get(v);
      if (hit !== undefined) return hit;
      // Text in another case: remember the answer, so the value is lower-cased once.
      const cache = b.folded;
      const known = cache.get(v);
      if (known !== undefined) return known;
      const found = b.byValue.get(v.toLowerCase()) ?? null;
      if (cache.size < MAX_FOLDED) cache.set(v, found);
      return found;
    }
    case 'undefined':
      return null;
    default:
      // Any element of a list may match: every rule of the node.
      return v === null ? null : b;
  }
}

/** Calls `each` for every rule of the tree the event can match (reading fields through `value`). */
export function visitRules(
  b: Bucket,
  value: (f: FieldRef) => unknown,
  each: (r: CompiledRule) => void,
): void {
  for (;;) {
    if (b.field === null) {
      const all = b.all;
      for (let i = 0; i < all.length; i++) each(all[i] as CompiledRule);
      return;
    }
    const c = child(b, value(b.field));
    if (c === b) {
      const all = b.all;
      for (let i = 0; i < all.length; i++) each(all[i] as CompiledRule);
      return;
    }
    if (c !== null) visitRules(c, value, each);
    b = b.rest as Bucket;
  }
}

/** The rules of the tree an event can match, as a new list in pack order. */
export function rulesFor(b: Bucket, value: (f: FieldRef) => unknown): CompiledRule[] {
  const out: CompiledRule[] = [];
  visitRules(b, value, (r) => out.push(r));
  return out.sort((x, y) => x.index - y.index);
}

/** Builds a decision tree over `list`, splitting on fields not in `used`. */
function tree(list: readonly CompiledRule[], used: ReadonlySet<string>, depth: number): Bucket {
  if (list.length < MIN_INDEXED_RULES || depth >= MAX_DEPTH) return leaf(list);
  // Expected rules left to test, for an event value spread evenly over the keys and "other".
  const stats = new Map<string, { pinned: number; keyed: number; keys: Set<PinKey> }>();
  for (const r of list) {
    for (const [f, keys] of r.pins) {
      if (used.has(f)) continue;
      let st = stats.get(f);
      if (st === undefined) {
        st = { pinned: 0, keyed: 0, keys: new Set() };
        stats.set(f, st);
      }
      st.pinned++;
      st.keyed += keys.size;
      for (const k of keys) st.keys.add(k);
    }
  }
  let best: string | null = null;
  let bestCost = list.length * WORTH;
  for (const [f, st] of [...stats].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cost = list.length - st.pinned + st.keyed / (st.keys.size + 1);
    if (cost < bestCost) {
      best = f;
      bestCost = cost;
    }
  }
  if (best === null) return leaf(list);
  const field = best;
  const usedNext = new Set(used).add(field);
  const groups = new Map<PinKey, CompiledRule[]>();
  const rest: CompiledRule[] = [];
  for (const r of list) {
    const keys = r.pins.get(field);
    if (keys === undefined) {
      rest.push(r);
      continue;
    }
    for (const key of keys) {
      const l = groups.get(key);
      if (l === undefined) groups.set(key, [r]);
      else l.push(r);
    }
  }
  const byValue = new Map<PinKey, Bucket>();
  for (const [k, l] of groups) byValue.set(k, tree(l, usedNext, depth + 1));
  return {
    all: list,
    field: fieldRef(field),
    byValue,
    rest: tree(rest, usedNext, depth + 1),
    folded: new Map(),
  };
}

export class Dispatcher {
  private readonly byProto = new Map<string, Map<string, Bucket>>();
  private readonly byService = new Map<string, readonly CompiledRule[]>();
  private keys = 0;
  private readonly flowRules: readonly CompiledRule[];

  constructor(private readonly rules: readonly CompiledRule[]) {
    this.flowRules = rules.filter((r) => r.category === 'flow');
  }

  /** The rules an event of `proto` and `kind` can match. */
  forEvent(proto: string, kind: string): Bucket {
    let byKind = this.byProto.get(proto);
    const hit = byKind?.get(kind);
    if (hit !== undefined) return hit;
    const bucket = this.bucket(proto, kind);
    if (this.keys < MAX_DISPATCH_KEYS) {
      if (byKind === undefined) {
        byKind = new Map();
        this.byProto.set(proto, byKind);
      }
      byKind.set(kind, bucket);
      this.keys++;
    }
    return bucket;
  }

  /** The rules a flow record with this `service` (undefined: none recognised) can match. */
  forFlow(service: string | undefined): readonly CompiledRule[] {
    const key = service ?? '';
    const hit = this.byService.get(key);
    if (hit !== undefined) return hit;
    const list = this.flowRules.filter((r) => r.service === null || r.service === key);
    if (this.byService.size < MAX_DISPATCH_KEYS) this.byService.set(key, list);
    return list;
  }

  private bucket(proto: string, kind: string): Bucket {
    const cat: RuleCategory =
      kind === 'anomaly' ? 'anomaly' : kind.startsWith('behaviour.') ? 'behaviour' : 'protocol';
    const k = kind.toLowerCase();
    const p = proto.toLowerCase();
    const list = this.rules.filter(
      (r) =>
        r.category === cat &&
        (r.service === null || r.service === proto) &&
        (r.kinds === null || r.kinds.has(k)) &&
        (r.protos === null || r.protos.has(p)),
    );
    if (list.length === 0) return EMPTY;
    return tree(list, new Set(['kind', 'proto']), 0);
  }
}
