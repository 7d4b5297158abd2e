/**
 * `palisade rules test`: every rule's `examples` (a Palisade field of the rule document) run
 * through the same engine that analyses traffic.
 *
 *   examples:
 *     match:      # events (partial events.jsonl lines) that must raise the rule
 *       - {kind: modbus.request, proto: modbus, modbus: {function_code: 5}}
 *     no_match:   # events that must not
 *       - {kind: modbus.request, proto: modbus, modbus: {function_code: 3}}
 *
 * A detection rule's example is one event (a flow record for `category: flow`), which must (or
 * must not) match the rule through dispatch, detection and filters. A correlation rule's
 * example is a sequence of events, each with `ts`, given to the correlated rules in order; the
 * correlation must (or must not) fire over their matches.
 */
import { Counters } from '../../core/counters.js';
import { correlate } from './correlation.js';
import { EventView } from './fields.js';
import type { RulePack } from './loader.js';
import type { CompiledCorrelation, CompiledRule } from './pack.js';
import { RuleEngine, type MatchRecord } from './rule-engine.js';

/** One example that did not behave. */
export interface ExampleFailure {
  file: string;
  line: number;
  rule: string;
  title: string;
  /** `match` or `no_match`, and the index of the example in that list. */
  list: 'match' | 'no_match';
  index: number;
  message: string;
}

/** What a run of examples found. */
export interface ExampleResult {
  /** Rules (detection and correlation) that carry examples, and examples run. */
  rules: number;
  examples: number;
  failures: ExampleFailure[];
}

type Obj = Record<string, unknown>;

/** Runs the examples of every rule in the pack. */
export function runExamples(pack: RulePack): ExampleResult {
  const engine = new RuleEngine({ pack, counters: new Counters() });
  const docs = pack.docs;
  const result: ExampleResult = { rules: 0, examples: 0, failures: [] };
  const detections = docs.filter((d) => d.kind === 'detection');
  const correlations = docs.filter((d) => d.kind === 'correlation');
  detections.forEach((d, i) => {
    const rule = engine.pack.rules[i] as CompiledRule;
    const ex = d.doc.examples as { match?: Obj[]; no_match?: Obj[] } | undefined;
    if (ex === undefined) return;
    result.rules++;
    const fail = (list: 'match' | 'no_match', index: number, message: string): void => {
      result.failures.push({
        file: d.file,
        line: d.line,
        rule: rule.id,
        title: rule.title,
        list,
        index,
        message,
      });
    };
    (ex.match ?? []).forEach((ev, k) => {
      result.examples++;
      if (!engine.matchingRules(ev, rule.category === 'flow' ? 'flow' : 'event').includes(rule)) {
        fail('match', k, whyNot(rule, ev));
      }
    });
    (ex.no_match ?? []).forEach((ev, k) => {
      result.examples++;
      if (engine.matchingRules(ev, rule.category === 'flow' ? 'flow' : 'event').includes(rule)) {
        fail('no_match', k, 'matched, and must not');
      }
    });
  });
  correlations.forEach((d) => {
    const c = engine.pack.correlations.find((x) => x.id === String(d.doc.id));
    const ex = d.doc.examples as { match?: Obj[][]; no_match?: Obj[][] } | undefined;
    if (ex === undefined || c === undefined) return;
    result.rules++;
    const fail = (list: 'match' | 'no_match', index: number, message: string): void => {
      result.failures.push({
        file: d.file,
        line: d.line,
        rule: c.id,
        title: c.title,
        list,
        index,
        message,
      });
    };
    (ex.match ?? []).forEach((seq, k) => {
      result.examples++;
      const r = fires(engine, c, seq);
      if (!r.fired)
        fail(
          'match',
          k,
          `did not fire (${r.matches} match${r.matches === 1 ? '' : 'es'} of the correlated rules)`,
        );
    });
    (ex.no_match ?? []).forEach((seq, k) => {
      result.examples++;
      if (fires(engine, c, seq).fired) fail('no_match', k, 'fired, and must not');
    });
  });
  return result;
}

/** Whether correlation `c` fires over the matches its rules make of `events`. */
function fires(
  engine: RuleEngine,
  c: CompiledCorrelation,
  events: Obj[],
): { fired: boolean; matches: number } {
  const records: MatchRecord[] = [];
  for (const ev of events) {
    for (const ri of new Set(c.rules)) {
      const rule = engine.pack.rules[ri] as CompiledRule;
      if (engine.matchingRules(ev, rule.category === 'flow' ? 'flow' : 'event').includes(rule)) {
        records.push(engine.recordOf(rule, ev));
      }
    }
  }
  const alone = { ...engine.pack, correlations: [{ ...c, index: 0 }] };
  const alerts = correlate(alone, records, new Counters());
  return { fired: alerts.some((a) => a.candidate.rule_id === c.id), matches: records.length };
}

/** Why a match example did not match: the log source, the detection, or a filter. */
function whyNot(rule: CompiledRule, ev: Obj): string {
  const view = new EventView(null);
  view.setObject(ev);
  if (!rule.test(view)) return 'did not match the detection';
  if (rule.filters.some((f) => !f(view))) return 'matched the detection, but a filter removed it';
  const need: string[] = [];
  if (rule.category === 'anomaly') need.push("kind 'anomaly'");
  if (rule.category === 'behaviour') need.push("a kind starting 'behaviour.'");
  if (rule.service !== null)
    need.push(`${rule.category === 'flow' ? 'service' : 'proto'} '${rule.service}'`);
  return `matched the detection but not the log source: the event needs ${need.join(' and ') || 'a kind'}`;
}
