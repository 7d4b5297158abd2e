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
import { AlertCollection, type AlertCandidate } from '../alerts.js';
import type { EventMeta, Observer } from '../observer.js';
import { Dispatcher, rulesFor } from './dispatch.js';
import { EventView, type SiteContext } from './fields.js';
import type { RulePack } from './loader.js';
import { compilePack, type CompiledPack, type CompiledRule } from './pack.js';

/** Most correlation match records one engine keeps (`rules.records_dropped` counts the rest). */
export const MAX_MATCH_RECORDS = 250_000;
/** Longest derived event line evaluated. */
export const MAX_LINE_BYTES = 1 << 20;
/** Longest text of a group-by or value field kept in a record. */
const MAX_FIELD_TEXT = 256;

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

/**
 * A match of a correlated rule, as it crosses threads: when and where, the fields the
 * correlations group and count by (as text), and the event for evidence.
 */
export interface MatchRecord {
  /** Detection rule ({@link CompiledRule.index}). */
  r: number;
  sec: number;
  ns: number;
  ts: string;
  frame: number;
  flow: string;
  src: string | null;
  dst: string | null;
  proto: string;
  /** Values of the rule's recordFields (null: absent). */
  f: (string | null)[];
  /** The event line (or flow record) that matched. */
  ev: Record<string, unknown>;
}

/** What the engine hands over at the end: records for correlation. */
export interface RuleReport {
  records: MatchRecord[];
}

/** Options of {@link RuleEngine}. */
export interface RuleEngineOptions {
  /** The checked rules (from `loadRules`). */
  pack: RulePack;
  /** Zones of hosts, for `site.*` fields (a loaded site model). */
  site?: SiteContext | null;
  /** Where alerts go (default: a collection of its own). */
  alerts?: AlertCollection;
  /** Where counters go. */
  counters: Counters;
  /** Cap of {@link MatchRecord}s (default {@link MAX_MATCH_RECORDS}). */
  maxRecords?: number;
}

export class RuleEngine implements Observer {
  readonly pack: CompiledPack;
  readonly alerts: AlertCollection;
  private readonly dispatcher: Dispatcher;
  private readonly view: EventView;
  private readonly counters: Counters;
  private readonly maxRecords: number;
  private readonly records: MatchRecord[] = [];

  constructor(opts: RuleEngineOptions) {
    this.pack = compilePack(opts.pack);
    this.alerts = opts.alerts ?? new AlertCollection();
    this.dispatcher = new Dispatcher(this.pack.rules);
    this.view = new EventView(opts.site ?? null);
    this.counters = opts.counters;
    this.maxRecords = opts.maxRecords ?? MAX_MATCH_RECORDS;
  }

  /** A decoder event (Observer). */
  event(meta: EventMeta, event: AppEvent): void {
    const bucket = this.dispatcher.forEvent(meta.proto, event.kind);
    if (bucket.all.length === 0) return;
    const view = this.view;
    view.setMeta(meta, event);
    const rules = bucket.field === null ? bucket.all : rulesFor(bucket, view.value(bucket.field));
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
    view.setObject(record as unknown as Record<string, unknown>);
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
    for (const r of this.candidates(obj)) {
      this.view.setObject(obj);
      if (r.test(this.view)) this.matched(r, this.view);
    }
  }

  /**
   * The rules an object (event line or flow record) matches, filters applied, with no alert
   * or record made: what `palisade rules test` checks examples with. `as` forces how the
   * object is read (a flow record for `flow`).
   */
  matchingRules(obj: Record<string, unknown>, as?: 'event' | 'flow'): CompiledRule[] {
    const out: CompiledRule[] = [];
    const view = this.view;
    for (const r of this.candidates(obj, as)) {
      view.setObject(obj);
      if (!r.test(view)) continue;
      if (r.filters.every((f) => f(view))) out.push(r);
    }
    return out;
  }

  /** Records of correlated-rule matches so far (for the engine report). */
  report(): RuleReport {
    return { records: this.records };
  }

  /** The match record a correlated rule's match makes (examples feed correlations with it). */
  recordOf(r: CompiledRule, obj: Record<string, unknown>): MatchRecord {
    this.view.setObject(obj);
    return this.record(r, this.view);
  }

  private candidates(obj: Record<string, unknown>, as?: 'event' | 'flow'): readonly CompiledRule[] {
    const kind = obj.kind;
    if (as === 'flow' || (as === undefined && typeof kind !== 'string')) {
      return this.dispatcher.forFlow(typeof obj.service === 'string' ? obj.service : undefined);
    }
    const bucket = this.dispatcher.forEvent(
      typeof obj.proto === 'string' ? obj.proto : '',
      typeof kind === 'string' ? kind : '',
    );
    if (bucket.field === null) return bucket.all;
    this.view.setObject(obj);
    return rulesFor(bucket, this.view.value(bucket.field));
  }

  private matched(r: CompiledRule, view: EventView): void {
    const filters = r.filters;
    for (let i = 0; i < filters.length; i++) {
      if (!(filters[i] as (v: EventView) => boolean)(view)) {
        this.counters.inc('rules.filtered');
        return;
      }
    }
    this.counters.inc('rules.matches');
    if (r.record) {
      if (this.records.length < this.maxRecords) this.records.push(this.record(r, view));
      else this.counters.inc('rules.records_dropped');
    }
    if (!r.alert) return;
    const line = view.toLine();
    const flowRec = line.kind === undefined && typeof line.first_frame === 'number';
    const frame = flowRec ? (line.first_frame as number) : numberOr(line.frame, 0);
    const c: AlertCandidate = {
      ts: typeof line.ts === 'string' ? line.ts : '',
      frame,
      rule_id: r.id,
      title: r.title,
      severity: r.severity,
      source: 'rule',
      technique_ids: [...r.techniqueIds],
      src_ip: stringOrNull(line.src_ip),
      dst_ip: stringOrNull(line.dst_ip),
      proto: flowRec ? String(line.service ?? line.transport ?? '') : String(line.proto ?? ''),
      flow: flowRec ? String(line.id ?? '') : String(line.flow ?? ''),
      evidence: { frames: [frame], events: [flowRec ? { frame, ...line } : line] },
    };
    this.alerts.add(c, '');
  }

  private record(r: CompiledRule, view: EventView): MatchRecord {
    const line = view.toLine();
    const flowRec = line.kind === undefined && typeof line.first_frame === 'number';
    const t = view.time();
    const frame = flowRec ? (line.first_frame as number) : numberOr(line.frame, 0);
    return {
      r: r.index,
      sec: t.sec,
      ns: t.ns,
      ts: typeof line.ts === 'string' ? line.ts : '',
      frame,
      flow: flowRec ? String(line.id ?? '') : String(line.flow ?? ''),
      src: stringOrNull(line.src_ip),
      dst: stringOrNull(line.dst_ip),
      proto: flowRec ? String(line.service ?? line.transport ?? '') : String(line.proto ?? ''),
      f: r.recordFields.map((f) => fieldText(view.value(f))),
      ev: flowRec ? { frame, ...line } : line,
    };
  }
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

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function numberOr(v: unknown, d: number): number {
  return typeof v === 'number' ? v : d;
}

/** A field value as record text: strings as they are, other values as JSON; capped. */
function fieldText(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_FIELD_TEXT ? s.slice(0, MAX_FIELD_TEXT) : s;
}
