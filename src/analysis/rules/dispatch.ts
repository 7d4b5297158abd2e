/**
 * Which rules an event meets. Rules are indexed by what every match of theirs has: the log
 * source (`category`, `service`) and the `kind` and `proto` equalities their condition requires
 * (see `compile.ts`). The list for a (protocol, kind) pair is built the first time the pair is
 * seen and kept, so a decoder event costs two map lookups before the rules that can match it
 * run, and the cost grows with those rules, not with the size of the pack.
 *
 * Categories: `anomaly` rules meet events of kind `anomaly`; `behaviour` rules meet derived
 * events (`behaviour.*`); rules without a category meet every other protocol event; `flow`
 * rules meet flow records, indexed by the flow's `service`.
 */
import type { CompiledRule, RuleCategory } from './pack.js';

/** (protocol, kind) pairs whose rule lists are kept; more are computed each time. */
export const MAX_DISPATCH_KEYS = 4096;

const NONE: readonly CompiledRule[] = [];

export class Dispatcher {
  private readonly byProto = new Map<string, Map<string, readonly CompiledRule[]>>();
  private readonly byService = new Map<string, readonly CompiledRule[]>();
  private keys = 0;
  private readonly flowRules: readonly CompiledRule[];

  constructor(private readonly rules: readonly CompiledRule[]) {
    this.flowRules = rules.filter((r) => r.category === 'flow');
  }

  /** The rules an event of `proto` and `kind` can match (a cached list: do not modify). */
  forEvent(proto: string, kind: string): readonly CompiledRule[] {
    let byKind = this.byProto.get(proto);
    const hit = byKind?.get(kind);
    if (hit !== undefined) return hit;
    const list = this.select(proto, kind);
    if (this.keys < MAX_DISPATCH_KEYS) {
      if (byKind === undefined) {
        byKind = new Map();
        this.byProto.set(proto, byKind);
      }
      byKind.set(kind, list);
      this.keys++;
    }
    return list;
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

  private select(proto: string, kind: string): readonly CompiledRule[] {
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
    return list.length === 0 ? NONE : list;
  }
}
