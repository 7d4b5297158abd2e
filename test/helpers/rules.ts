/**
 * Rule test helpers: a one-rule pack from a detection block, and whether an event line matches
 * it through the real engine (loader checks, compilation, dispatch, filters).
 */
import { Counters } from '../../src/core/counters.js';
import { parseRules, type RulePack } from '../../src/analysis/rules/loader.js';
import { RuleEngine } from '../../src/analysis/rules/rule-engine.js';
import { stringify } from 'yaml';

let n = 0;

/** A fresh UUIDv4-shaped id (deterministic per test run). */
export function ruleId(): string {
  n++;
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** YAML of a detection rule with the given detection block and log source. */
export function ruleYaml(
  detection: Record<string, unknown>,
  opts: { id?: string; logsource?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): string {
  return stringify({
    title: 'test rule',
    id: opts.id ?? ruleId(),
    logsource: { product: 'palisade', ...(opts.logsource ?? {}) },
    detection,
    level: 'high',
    tags: ['attack.t0855', 'attack.impair-process-control'],
    ...(opts.extra ?? {}),
  });
}

/** Parses rule text that must be free of errors. */
export function packOf(text: string): RulePack {
  const { pack, problems } = parseRules(text, 'test.yml');
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(errors.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`).join('\n'));
  }
  return pack;
}

/** A predicate: does an event line match the rule with this detection block? */
export function matcher(
  detection: Record<string, unknown>,
  logsource: Record<string, unknown> = {},
): (event: Record<string, unknown>) => boolean {
  const engine = new RuleEngine({
    pack: packOf(ruleYaml(detection, { logsource })),
    counters: new Counters(),
  });
  return (event) => engine.matchingRules(event).length > 0;
}
