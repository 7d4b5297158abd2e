/**
 * A loaded rule pack compiled for evaluation: every detection rule becomes a
 * {@link CompiledRule} (its test, what it can match, what an alert from it says), filters are
 * attached to the rules they name, and correlation rules are resolved to the detection rules
 * they relate and the fields they group and count by.
 *
 * Sigma semantics kept here: a rule that a correlation references does not alert on its own
 * unless the correlation says `generate: true`; a filter's condition is ANDed to the rule's
 * (a match the filter's condition rejects is dropped and counted).
 */
import type { Severity } from '../alerts.js';
import { compileDetection, SharedEntries, type Pins } from './compile.js';
import { fieldRef, type FieldRef } from './fields.js';
import type { LoadedDoc, RulePack } from './loader.js';
import type { ViewTest } from './modifiers.js';
import { parseTimespan } from './timespan.js';

/** Which events a rule reads (`logsource.category`). */
export type RuleCategory = 'protocol' | 'anomaly' | 'flow' | 'behaviour';

/** A detection rule ready to run. */
export interface CompiledRule {
  /** Position among the pack's detection rules (the same in every thread). */
  readonly index: number;
  readonly id: string;
  readonly name: string | null;
  readonly title: string;
  readonly severity: Severity;
  /** ATT&CK technique ids, upper case, in tag order. */
  readonly techniqueIds: readonly string[];
  readonly category: RuleCategory;
  /** `logsource.service`: the decoder id events must come from (flows: their `service`). */
  readonly service: string | null;
  readonly test: ViewTest;
  /** Event kinds and protocols every match has (null: any). */
  readonly kinds: ReadonlySet<string> | null;
  readonly protos: ReadonlySet<string> | null;
  /** Fields every match has equal to one of a few values (the dispatch index). */
  readonly pins: Pins;
  /** Raises alerts by itself (false for a base rule of a correlation without `generate`). */
  alert: boolean;
  /** Its matches feed correlations (they are recorded). */
  record: boolean;
  /** Fields correlations group or count its matches by. */
  readonly recordFields: FieldRef[];
  /** Conditions of the filters naming this rule: a match must pass them all. */
  readonly filters: ViewTest[];
  readonly file: string;
}

/** A correlation comparison (`gte: 10`). */
export interface Comparison {
  readonly op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
  readonly value: number;
}

/** A correlation rule ready to run. */
export interface CompiledCorrelation {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly techniqueIds: readonly string[];
  readonly type:
    'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';
  readonly timespanSec: number;
  /** The correlated detection rules, by {@link CompiledRule.index}, in the listed order. */
  readonly rules: readonly number[];
  /** Group-by field names (after aliases, the names of the correlation). */
  readonly groupBy: readonly string[];
  /** For each correlated rule: the index in its recordFields of each group-by field. */
  readonly groupFields: readonly (readonly number[])[];
  /** For value_* types: for each correlated rule, the index in its recordFields of the field. */
  readonly valueField: readonly number[];
  readonly valueName: string | null;
  readonly conditions: readonly Comparison[];
  readonly file: string;
}

/** A compiled pack. */
export interface CompiledPack {
  readonly rules: readonly CompiledRule[];
  readonly correlations: readonly CompiledCorrelation[];
  /** Detection rules by id (lower case) and by name. */
  readonly byRef: ReadonlyMap<string, CompiledRule>;
}

const LEVELS: Readonly<Record<string, Severity>> = {
  informational: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** Alert severity of a Sigma `level` (informational is low; missing is medium). */
export function severityOf(level: unknown): Severity {
  return typeof level === 'string' ? (LEVELS[level] ?? 'medium') : 'medium';
}

/** ATT&CK technique ids of a rule's tags (`attack.t0843` is `T0843`), in order, once each. */
export function techniqueIds(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  const out: string[] = [];
  for (const t of tags) {
    const m = typeof t === 'string' ? /^attack\.(t\d{4}(\.\d{3})?)$/.exec(t) : null;
    if (m) {
      const id = (m[1] as string).toUpperCase();
      if (!out.includes(id)) out.push(id);
    }
  }
  return out;
}

function categoryOf(ls: Record<string, unknown>): RuleCategory {
  const c = ls.category;
  return c === 'anomaly' || c === 'flow' || c === 'behaviour' ? c : 'protocol';
}

/** Compiles a checked pack (see `loader.ts`); documents that fail to compile are skipped. */
export function compilePack(pack: RulePack): CompiledPack {
  const rules: CompiledRule[] = [];
  const byRef = new Map<string, CompiledRule>();
  const detections = pack.docs.filter((d) => d.kind === 'detection');
  const shared = new SharedEntries();
  for (const d of detections) {
    const doc = d.doc;
    const ls = (doc.logsource ?? {}) as Record<string, unknown>;
    const det = compileDetection(
      doc.detection as Record<string, unknown>,
      ['detection'],
      ['condition'],
      shared,
    );
    const rule: CompiledRule = {
      index: rules.length,
      id: String(doc.id),
      name: typeof doc.name === 'string' ? doc.name : null,
      title: String(doc.title),
      severity: severityOf(doc.level),
      techniqueIds: techniqueIds(doc.tags),
      category: categoryOf(ls),
      service: typeof ls.service === 'string' ? ls.service : null,
      test: det.test,
      kinds: det.kinds,
      protos: det.protos,
      pins: det.pins,
      alert: true,
      record: false,
      recordFields: [],
      filters: [],
      file: d.file,
    };
    rules.push(rule);
    byRef.set(rule.id.toLowerCase(), rule);
    if (rule.name !== null) byRef.set(rule.name, rule);
  }
  const find = (ref: string): CompiledRule | undefined =>
    byRef.get(ref) ?? byRef.get(ref.toLowerCase());

  for (const d of pack.docs.filter((x) => x.kind === 'filter')) attachFilter(d, find);

  const correlations: CompiledCorrelation[] = [];
  for (const d of pack.docs.filter((x) => x.kind === 'correlation')) {
    const c = compileCorrelation(d, correlations.length, find);
    if (c !== null) correlations.push(c);
  }
  return { rules, correlations, byRef };
}

function attachFilter(d: LoadedDoc, find: (ref: string) => CompiledRule | undefined): void {
  const f = d.doc.filter as Record<string, unknown>;
  const test = compileDetection(f, ['filter'], ['condition', 'rules']).test;
  const ls = (d.doc.logsource ?? {}) as Record<string, unknown>;
  for (const ref of (f.rules ?? []) as string[]) {
    const rule = find(ref);
    if (rule === undefined) continue;
    // A filter applies to the rules of its log source only (Sigma filters specification).
    if (ls.category !== undefined && categoryOf(ls) !== rule.category) continue;
    if (typeof ls.service === 'string' && rule.service !== null && ls.service !== rule.service)
      continue;
    rule.filters.push(test);
  }
}

function fieldIndex(rule: CompiledRule, name: string): number {
  const i = rule.recordFields.findIndex((f) => f.name === name);
  if (i >= 0) return i;
  rule.recordFields.push(fieldRef(name));
  return rule.recordFields.length - 1;
}

function compileCorrelation(
  d: LoadedDoc,
  index: number,
  find: (ref: string) => CompiledRule | undefined,
): CompiledCorrelation | null {
  const doc = d.doc;
  const c = doc.correlation as Record<string, unknown>;
  const refs = (c.rules ?? []) as string[];
  const targets = refs.map((r) => find(r));
  if (targets.some((t) => t === undefined)) return null;
  const rules = targets as CompiledRule[];
  const generate = doc.generate === true || c.generate === true;
  const aliases = (c.aliases ?? {}) as Record<string, Record<string, string>>;
  const resolve = (name: string, refIdx: number): string =>
    aliases[name]?.[refs[refIdx] as string] ?? name;
  const groupBy = ((c['group-by'] ?? []) as string[]).slice();
  const cond = (c.condition ?? {}) as Record<string, unknown>;
  const valueName = typeof cond.field === 'string' ? cond.field : null;
  for (const r of rules) {
    r.record = true;
    if (!generate) r.alert = false;
  }
  const conditions: Comparison[] = [];
  for (const op of ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const) {
    const v = cond[op];
    if (typeof v === 'number') conditions.push({ op, value: v });
  }
  return {
    index,
    id: String(doc.id),
    title: String(doc.title),
    severity: severityOf(doc.level),
    techniqueIds: techniqueIds(doc.tags),
    type: String(c.type) as CompiledCorrelation['type'],
    timespanSec: parseTimespan(String(c.timespan)) ?? 0,
    rules: rules.map((r) => r.index),
    groupBy,
    groupFields: rules.map((r, i) => groupBy.map((g) => fieldIndex(r, resolve(g, i)))),
    valueField: rules.map((r, i) =>
      valueName !== null ? fieldIndex(r, resolve(valueName, i)) : -1,
    ),
    valueName,
    conditions,
    file: d.file,
  };
}

/** True when `n` satisfies every comparison. */
export function satisfies(n: number, conditions: readonly Comparison[]): boolean {
  for (const c of conditions) {
    switch (c.op) {
      case 'gt':
        if (!(n > c.value)) return false;
        break;
      case 'gte':
        if (!(n >= c.value)) return false;
        break;
      case 'lt':
        if (!(n < c.value)) return false;
        break;
      case 'lte':
        if (!(n <= c.value)) return false;
        break;
      case 'eq':
        if (n !== c.value) return false;
        break;
      case 'neq':
        if (n === c.value) return false;
        break;
    }
  }
  return true;
}
