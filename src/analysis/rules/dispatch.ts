/**
 * Which rules an event meets. Rules are indexed by what every match of theirs has, so the cost
 * of an event grows with the rules that can match it, not with the size of the pack:
 *
 * 1. the log source (`category`, `service`) and the `kind` and `proto` values the condition
 *    requires (`compile.ts` "pins"): the rules of a (protocol, kind) pair are selected the
 *    first time the pair is seen and kept, so finding them costs two map lookups;
 * 2. within a pair, the field most of its rules pin to plain values (`modbus.function_code`,
 *    `s7comm.function_code`, `anomaly.name`...): the event's value of that field picks the rules
 *    that pin that value, plus those that do not pin the field (a prefilter in the spirit of
 *    Suricata's, on an exact value instead of a content pattern).
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
/** Fewest rules of a pair that must pin a field before it is worth indexing by it. */
const MIN_INDEXED_RULES = 3;

/** The rules of one (protocol, kind) pair, with their value index. */
export interface Bucket {
  /** Every rule of the pair, in pack order. */
  readonly all: readonly CompiledRule[];
  /** The indexed field, or null (then `all` is what the event meets). */
  readonly field: FieldRef | null;
  /** Rules for an event whose field has this value: those pinning it and those not pinning the field. */
  readonly byValue: ReadonlyMap<PinKey, readonly CompiledRule[]>;
  /** Rules for an event whose value is none of the keys (or absent): those not pinning the field. */
  readonly rest: readonly CompiledRule[];
}

const EMPTY: Bucket = { all: [], field: null, byValue: new Map(), rest: [] };

/**
 * The rules a bucket offers an event whose indexed field has value `v` (a list the bucket owns:
 * do not modify). Arrays and objects meet every rule of the pair, since any element may match.
 */
export function rulesFor(b: Bucket, v: unknown): readonly CompiledRule[] {
  switch (typeof v) {
    case 'number':
    case 'boolean':
      return b.byValue.get(v) ?? b.rest;
    case 'string':
      return b.byValue.get(v) ?? b.byValue.get(v.toLowerCase()) ?? b.rest;
    case 'undefined':
      return b.rest;
    default:
      return v === null ? b.rest : b.all;
  }
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
    // The field most rules of the pair pin (kind and proto are already decided).
    const counts = new Map<string, number>();
    for (const r of list) {
      for (const f of r.pins.keys()) {
        if (f !== 'kind' && f !== 'proto') counts.set(f, (counts.get(f) ?? 0) + 1);
      }
    }
    let best: string | null = null;
    let bestN = MIN_INDEXED_RULES - 1;
    for (const [f, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (n > bestN) {
        best = f;
        bestN = n;
      }
    }
    if (best === null) return { all: list, field: null, byValue: new Map(), rest: list };
    const field = best;
    const rest = list.filter((r) => !r.pins.has(field));
    const byValue = new Map<PinKey, CompiledRule[]>();
    for (const r of list) {
      for (const key of r.pins.get(field) ?? []) {
        let l = byValue.get(key);
        if (l === undefined) {
          l = [...rest];
          byValue.set(key, l);
        }
        l.push(r);
      }
    }
    // Pack order within each list, so rules run in the same order whatever the index.
    for (const l of byValue.values()) l.sort((a, b) => a.index - b.index);
    return { all: list, field: fieldRef(field), byValue, rest };
  }
}
