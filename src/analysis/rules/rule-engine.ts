/**
 * The rule engine as an analysis stage: every decoder event, flow record and derived event line
 * meets the rules that can match it (`dispatch.ts`), and a match becomes an alert candidate in
 * the engine's {@link AlertCollection} (`source: rule`, deduplicated per rule, source,
 * destination and hour) or, for the base rules of correlations, a small {@link MatchRecord}.
 *
 * Hot path: the event is read through a reused {@link EventView} (envelope fields from the
 * pipeline's EventMeta, protocol fields from the event object), so a rule that does not match
 * costs its compiled test and allocates nothing; the event line (evidence) is built only for a
 * match. Correlation runs later, over the records of every thread merged in capture-time order
 * (`correlation.ts`), so a sharded run raises the same correlation alerts as one thread. Records
 * are capped per engine ({@link MAX_MATCH_RECORDS}); the excess is counted, not kept.
 */
import type { Counters } from '../../core/counters.js';
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import { AlertCollection } from '../alerts.js';
import type { EventMeta, Observer } from '../observer.js';
import { Dispatcher, rulesFor, visitRules } from './dispatch.js';
import { EventView, type FieldRef, type LearnedContext, type SiteContext } from './fields.js';
import type { RulePack } from './loader.js';
import { compilePack, type CompiledPack, type CompiledRule } from './pack.js';
import {
  emptyColumns,
  pushRecord,
  recordCount,
  type FieldValue,
  type MatchRecord,
  type RecordColumns,
} from './records.js';
import { RepeatGatherer } from './repeats.js';

/** Most correlation match records one engine keeps (`rules.records_dropped` counts the rest). */
export const MAX_MATCH_RECORDS = 250_000;
/** Longest derived event line evaluated. */
export const MAX_LINE_BYTES = 1 << 20;
/** Longest text of a group-by or value field kept in a record. */
const MAX_FIELD_TEXT = 256;
/** Re-exported for callers of the engine. */
export type { MatchRecord, RecordColumns };

/**
 * Records of one rule in one flow that keep their event line (evidence of a correlation); later
 * ones keep only their frame. A flow lives in one thread, so which records keep their line does
 * not depend on the number of threads.
 */
export const EVIDENCE_PER_FLOW = 3;

/**
 * Counters of the rule engine (summary.json). Match counters add up over threads; correlation
 * counters are the main thread's.
 */
export const RULE_ENGINE_COUNTERS = Object.freeze({
  'rules.loaded': {
    description: 'detection and correlation rules the run evaluated',
    severity: 'low',
  },
  'rules.matches': {
    description: 'events, flow records and derived events that matched a detection rule',
    severity: 'low',
  },
  'rules.filtered': {
    description: 'rule matches removed by a Sigma filter naming the rule',
    severity: 'low',
  },
  'rules.suppressed': {
    description: 'alert occurrences removed by a suppression entry (--suppress)',
    severity: 'low',
  },
  'rules.records_dropped': {
    description:
      'matches of correlated rules beyond the records an engine keeps for correlation; correlations may miss them',
    severity: 'medium',
  },
  'rules.lines_invalid': {
    description:
      'derived event lines that were not a JSON object (or too long) and were not evaluated',
    severity: 'low',
  },
} satisfies Record<
  string,
  { description: string; severity: 'low' | 'medium' | 'high' | 'critical' }
>);

/** What the engine hands over at the end: the matches of correlated rules, in columns. */
export interface RuleReport {
  records: RecordColumns;
}

/** Options of {@link RuleEngine}. */
export interface RuleEngineOptions {
  /** The checked rules (from `loadRules`). */
  pack: RulePack;
  /** Zones of hosts, for `site.*` fields (a loaded site model). */
  site?: SiteContext | null;
  /** What the analysis learned so far, for `learned.*` fields (the asset tracker). */
  learned?: LearnedContext | null;
  /** Where alerts go (default: a collection of its own). */
  alerts?: AlertCollection;
  /** Where counters go. */
  counters: Counters;
  /** Cap of match records (default {@link MAX_MATCH_RECORDS}). */
  maxRecords?: number;
}

export class RuleEngine implements Observer {
  readonly pack: CompiledPack;
  readonly alerts: AlertCollection;
  private readonly dispatcher: Dispatcher;
  private readonly view: EventView;
  private readonly counters: Counters;
  private readonly maxRecords: number;
  private readonly records: RecordColumns = emptyColumns();
  /** Per rule: records per flow so far (which keep their event line). */
  private readonly perFlow: Map<string, number>[];
  private readonly repeats: RepeatGatherer;
  /** Matches not yet added to `rules.matches` (a plain number on the hot path). */
  private matches = 0;
  /** Reads a field of the event in the view (made once: the dispatcher calls it per event). */
  private readonly read = (f: FieldRef): unknown => this.view.value(f);
  /** Tests one rule on the event in the view (made once, for the dispatcher's visits). */
  private readonly tryRule = (r: CompiledRule): void => {
    if (r.test(this.view)) this.matched(r, this.view);
  };

  constructor(opts: RuleEngineOptions) {
    this.pack = compilePack(opts.pack);
    this.alerts = opts.alerts ?? new AlertCollection();
    this.dispatcher = new Dispatcher(this.pack.rules);
    this.view = new EventView(opts.site ?? null, opts.learned ?? null);
    this.counters = opts.counters;
    this.maxRecords = opts.maxRecords ?? MAX_MATCH_RECORDS;
    this.repeats = new RepeatGatherer(this.alerts);
    this.perFlow = this.pack.rules.map(() => new Map<string, number>());
  }

  /** A decoder event (Observer). */
  event(meta: EventMeta, event: AppEvent): void {
    const bucket = this.dispatcher.forEvent(meta.proto, event.kind);
    if (bucket.all.length === 0) return;
    const view = this.view;
    view.setMeta(meta, event);
    if (bucket.field !== null) {
      visitRules(bucket, this.read, this.tryRule);
      return;
    }
    const rules = bucket.all;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as CompiledRule;
      if (r.test(view)) this.matched(r, view);
    }
  }

  /** A finished flow (Observer): `category: flow` rules. */
  flow(record: FlowRecord): void {
    const rules = this.dispatcher.forFlow(record.service);
    if (rules.length === 0) return;
    const view = this.view;
    view.setObject(record as unknown as Record<string, unknown>, true);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as CompiledRule;
      if (r.test(view)) this.matched(r, view);
    }
  }

  /**
   * A derived event line (a behaviour detector's `behaviour.*` event, or any event line as
   * text or parsed object). Lines without `kind` are taken as flow records.
   */
  evaluateLine(line: string | Record<string, unknown>): void {
    const obj = typeof line === 'string' ? parseLine(line) : line;
    if (obj === null) {
      this.counters.inc('rules.lines_invalid');
      return;
    }
    const rules = this.candidates(obj);
    const view = this.view;
    view.setObject(obj, isFlow(obj));
    for (const r of rules) if (r.test(view)) this.matched(r, view);
  }

  /**
   * The rules an object (event line or flow record) matches, filters applied, with no alert
   * or record made: what `palisade rules test` checks examples with. `as` forces how the
   * object is read (a flow record for `flow`).
   */
  matchingRules(obj: Record<string, unknown>, as?: 'event' | 'flow'): CompiledRule[] {
    const out: CompiledRule[] = [];
    const rules = this.candidates(obj, as);
    const view = this.view;
    view.setObject(obj, isFlow(obj, as));
    for (const r of rules) {
      if (!r.test(view)) continue;
      if (r.filters.every((f) => f(view))) out.push(r);
    }
    return out;
  }

  /**
   * Records of correlated-rule matches so far (for the engine report); the alerts gathered so
   * far are handed to the alert collection first.
   */
  report(): RuleReport {
    this.repeats.flush();
    this.flushCounters();
    return { records: this.records };
  }

  /** Alerts so far, with gathered repeats counted (for tests and callers without a report). */
  alertList(): ReturnType<AlertCollection['list']> {
    this.repeats.flush();
    this.flushCounters();
    return this.alerts.list();
  }

  /** The match record a correlated rule's match makes (examples feed correlations with it). */
  recordOf(r: CompiledRule, obj: Record<string, unknown>): MatchRecord {
    const view = this.view;
    view.setObject(obj, isFlow(obj, r.category === 'flow' ? 'flow' : 'event'));
    return {
      r: r.index,
      sec: view.sec(),
      ns: view.ns(),
      frame: view.frame(),
      flow: view.flowId(),
      src: view.srcIp(),
      dst: view.dstIp(),
      proto: view.proto(),
      f: r.recordFields.map((f) => fieldValue(view.value(f))),
      ev: view.toLine(),
    };
  }

  private flushCounters(): void {
    if (this.matches > 0) this.counters.inc('rules.matches', this.matches);
    this.matches = 0;
  }

  private candidates(obj: Record<string, unknown>, as?: 'event' | 'flow'): readonly CompiledRule[] {
    const kind = obj.kind;
    if (isFlow(obj, as)) {
      return this.dispatcher.forFlow(typeof obj.service === 'string' ? obj.service : undefined);
    }
    const bucket = this.dispatcher.forEvent(
      typeof obj.proto === 'string' ? obj.proto : '',
      typeof kind === 'string' ? kind : '',
    );
    if (bucket.field === null) return bucket.all;
    this.view.setObject(obj, false);
    return rulesFor(bucket, this.read);
  }

  private matched(r: CompiledRule, view: EventView): void {
    const filters = r.filters;
    for (let i = 0; i < filters.length; i++) {
      if (!(filters[i] as (v: EventView) => boolean)(view)) {
        this.counters.inc('rules.filtered');
        return;
      }
    }
    this.matches++;
    if (r.record) {
      if (recordCount(this.records) < this.maxRecords) this.record(r, view);
      else this.counters.inc('rules.records_dropped');
    }
    if (r.alert) this.repeats.match(r, view);
  }

  private record(r: CompiledRule, view: EventView): void {
    const flow = view.flowId();
    const seen = this.perFlow[r.index] as Map<string, number>;
    const n = seen.get(flow) ?? 0;
    if (n < EVIDENCE_PER_FLOW) seen.set(flow, n + 1);
    const c = this.records;
    pushRecord(
      c,
      r.index,
      view.sec(),
      view.ns(),
      view.frame(),
      flow,
      view.srcIp(),
      view.dstIp(),
      view.proto(),
      n < EVIDENCE_PER_FLOW ? view.toLine() : null,
    );
    const fields = r.recordFields;
    for (let i = 0; i < fields.length; i++) c.f.push(fieldValue(view.value(fields[i] as FieldRef)));
  }
}

/** Whether an object is read as a flow record: forced by `as`, else when it has no `kind`. */
function isFlow(obj: Record<string, unknown>, as?: 'event' | 'flow'): boolean {
  return as === 'flow' || (as === undefined && typeof obj.kind !== 'string');
}

function parseLine(line: string): Record<string, unknown> | null {
  if (line.length > MAX_LINE_BYTES) return null;
  try {
    const v = JSON.parse(line) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A field value as a record keeps it: primitives as they are, other values as capped JSON. */
function fieldValue(v: unknown): FieldValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_FIELD_TEXT ? s.slice(0, MAX_FIELD_TEXT) : s;
}
