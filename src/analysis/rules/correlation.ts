/**
 * Sigma correlation rules (Sigma correlation specification 2.1) over the matches of their base
 * rules, per group (`group-by` values, after `aliases`) within `timespan`:
 *
 * | type | fires when |
 * | --- | --- |
 * | `event_count` | the number of matches in the window satisfies the condition |
 * | `value_count` | the number of distinct values of `condition.field` does |
 * | `value_sum`, `value_avg` | the sum or mean of the numeric `condition.field` does |
 * | `temporal` | every correlated rule (or the number the condition asks) matched in the window |
 * | `temporal_ordered` | the correlated rules matched in the listed order within the window |
 *
 * Windows slide: a condition that can only become true as matches arrive (`gt`, `gte`) is
 * checked at every match over the last `timespan`; one that an absence can satisfy (`lt`,
 * `lte`, `eq`, `neq`) is checked when a window opened by a group's first match closes (or at the
 * end of the run). After firing, a group starts afresh, so a long scan makes one alert per
 * window, which the alert collection then counts on one alert per hour.
 *
 * Input order: {@link correlate} sorts the records by capture time (then capture, frame, rule,
 * flow), which is what makes the result independent of thread count and of the order threads
 * report in. State is bounded: groups per correlation ({@link MAX_GROUPS}, least recently
 * active evicted first), matches kept per window ({@link MAX_WINDOW}) and distinct values per
 * group ({@link MAX_VALUES}); each limit has a counter.
 */
import type { Counters } from '../../core/counters.js';
import { isoMicros } from '../../core/time.js';
import type { AlertCandidate } from '../alerts.js';
import { satisfies, type CompiledCorrelation, type CompiledPack } from './pack.js';
import type { MatchRecord } from './records.js';

/** Groups kept per correlation rule. */
export const MAX_GROUPS = 100_000;
/** Matches kept in one group's window. */
export const MAX_WINDOW = 100_000;
/** Distinct values kept in one group's window (value_count). */
export const MAX_VALUES = 10_000;

/** Counters of correlation (main thread). */
export const CORRELATION_COUNTERS = Object.freeze({
  'rules.correlation.alerts': {
    description: 'times a correlation rule fired (before alert deduplication)',
    severity: 'low',
  },
  'rules.correlation.evicted': {
    description:
      'correlation groups forgotten because a rule had more active groups than it keeps; their partial counts were lost',
    severity: 'medium',
  },
  'rules.correlation.window_capped': {
    description:
      'matches not kept in a correlation window that already held the most it keeps; counts beyond are still correct for event_count',
    severity: 'low',
  },
  'rules.correlation.values_capped': {
    description:
      'distinct values not kept in a value_count window that already held the most it keeps',
    severity: 'low',
  },
} satisfies Record<
  string,
  { description: string; severity: 'low' | 'medium' | 'high' | 'critical' }
>);

/** State limits of a {@link Correlator} (defaults: the constants above). */
export interface CorrelationLimits {
  maxGroups: number;
  maxWindow: number;
  maxValues: number;
}

/** An alert a correlation raised, with the subject that makes it the same thing (the group). */
export interface CorrelationAlert {
  candidate: AlertCandidate;
  subject: string;
}

interface Group {
  /** Kept matches in the window, oldest first (at most {@link MAX_WINDOW}). */
  recs: MatchRecord[];
  /** Matches in the window counted (may exceed recs.length when capped). */
  count: number;
  /** Window start (closing windows), seconds. */
  start: number;
  /** value_count: value -> occurrences in the window. */
  values: Map<string, number> | null;
  /** value_sum / value_avg: running sum and count of numeric values. */
  sum: number;
  nums: number;
  /** temporal: last match of each correlated rule position; temporal_ordered: partial sequences. */
  last: (MatchRecord | null)[];
  seq: ({ t0: number; recs: MatchRecord[] } | null)[];
}

function timeOf(r: MatchRecord): number {
  return r.sec + r.ns / 1e9;
}

function captureOf(flow: string): number {
  const i = flow.indexOf(':');
  const n = i > 0 ? Number(flow.slice(0, i)) : 0;
  return Number.isFinite(n) ? n : 0;
}

/** Sorts records into capture-time order (then capture, frame, rule, flow); stable. */
export function sortRecords(records: MatchRecord[]): MatchRecord[] {
  return records.sort(
    (a, b) =>
      a.sec - b.sec ||
      a.ns - b.ns ||
      captureOf(a.flow) - captureOf(b.flow) ||
      a.frame - b.frame ||
      a.r - b.r ||
      (a.flow < b.flow ? -1 : a.flow > b.flow ? 1 : 0),
  );
}

/** Runs every correlation rule of `pack` over `records` (sorted here); returns what fired. */
export function correlate(
  pack: CompiledPack,
  records: MatchRecord[],
  counters: Counters,
  limits: Partial<CorrelationLimits> = {},
): CorrelationAlert[] {
  const c = new Correlator(pack, counters, limits);
  for (const r of sortRecords(records)) c.push(r);
  c.finish();
  return c.alerts;
}

/** Incremental correlation over records given in capture-time order. */
export class Correlator {
  readonly alerts: CorrelationAlert[] = [];
  /** For each detection rule: the correlations and positions in their rule lists. */
  private readonly byRule = new Map<number, { c: CompiledCorrelation; pos: number[] }[]>();
  private readonly groups: Map<string, Group>[];
  private readonly limits: CorrelationLimits;

  constructor(
    private readonly pack: CompiledPack,
    private readonly counters: Counters,
    limits: Partial<CorrelationLimits> = {},
  ) {
    this.limits = {
      maxGroups: MAX_GROUPS,
      maxWindow: MAX_WINDOW,
      maxValues: MAX_VALUES,
      ...limits,
    };
    for (const c of pack.correlations) {
      c.rules.forEach((r, pos) => {
        let l = this.byRule.get(r);
        if (l === undefined) {
          l = [];
          this.byRule.set(r, l);
        }
        const e = l.find((x) => x.c === c);
        if (e) e.pos.push(pos);
        else l.push({ c, pos: [pos] });
      });
    }
    this.groups = pack.correlations.map(() => new Map<string, Group>());
  }

  /** Feeds one match record (records must come in capture-time order). */
  push(rec: MatchRecord): void {
    const list = this.byRule.get(rec.r);
    if (list === undefined) return;
    const t = timeOf(rec);
    for (const { c, pos } of list) {
      // Positions of a rule listed once have the same group fields; take the first.
      const p0 = pos[0] as number;
      const key = (c.groupFields[p0] as readonly number[])
        .map((i) => rec.f[i] ?? '')
        .join('\u0001');
      const g = this.group(c, key, t);
      switch (c.type) {
        case 'event_count':
          this.eventCount(c, key, g, rec, t);
          break;
        case 'value_count':
        case 'value_sum':
        case 'value_avg':
          this.valued(c, key, g, rec, t, p0);
          break;
        case 'temporal':
          this.temporal(c, key, g, rec, t, pos);
          break;
        case 'temporal_ordered':
          this.ordered(c, key, g, rec, t, pos);
          break;
      }
    }
  }

  /** Closes the windows still open (conditions checked at window close). */
  finish(): void {
    this.pack.correlations.forEach((c, i) => {
      if (closesAtEnd(c)) {
        for (const [key, g] of this.groups[i] as Map<string, Group>) this.close(c, key, g);
      }
    });
  }

  private group(c: CompiledCorrelation, key: string, t: number): Group {
    const groups = this.groups[c.index] as Map<string, Group>;
    let g = groups.get(key);
    if (g !== undefined) {
      // Least recently active first: move to the end of the insertion order.
      groups.delete(key);
      groups.set(key, g);
      return g;
    }
    if (groups.size >= this.limits.maxGroups) {
      const oldest = groups.keys().next().value as string;
      const og = groups.get(oldest) as Group;
      if (closesAtEnd(c)) this.close(c, oldest, og);
      groups.delete(oldest);
      this.counters.inc('rules.correlation.evicted');
    }
    g = {
      recs: [],
      count: 0,
      start: t,
      values: c.type === 'value_count' ? new Map() : null,
      sum: 0,
      nums: 0,
      last: c.type === 'temporal' ? c.rules.map(() => null) : [],
      seq: c.type === 'temporal_ordered' ? c.rules.map(() => null) : [],
    };
    groups.set(key, g);
    return g;
  }

  private keep(g: Group, rec: MatchRecord): void {
    g.count++;
    if (g.recs.length < this.limits.maxWindow) g.recs.push(rec);
    else this.counters.inc('rules.correlation.window_capped');
  }

  private reset(g: Group, t: number): void {
    g.recs = [];
    g.count = 0;
    g.start = t;
    g.values?.clear();
    g.sum = 0;
    g.nums = 0;
  }

  private eventCount(
    c: CompiledCorrelation,
    key: string,
    g: Group,
    rec: MatchRecord,
    t: number,
  ): void {
    if (closesAtEnd(c)) {
      if (g.count > 0 && t - g.start > c.timespanSec) {
        this.close(c, key, g);
        this.reset(g, t);
      }
      if (g.count === 0) g.start = t;
      this.keep(g, rec);
      return;
    }
    this.slide(c, g, t);
    this.keep(g, rec);
    if (satisfies(g.count, c.conditions)) {
      this.fire(c, key, g.recs, g.count, `${g.count} matches within ${c.timespanSec}s`);
      this.reset(g, t);
    }
  }

  /** Drops matches older than the window ending at `t` (sliding windows). */
  private slide(c: CompiledCorrelation, g: Group, t: number): void {
    let k = 0;
    while (k < g.recs.length && t - timeOf(g.recs[k] as MatchRecord) > c.timespanSec) {
      const old = g.recs[k] as MatchRecord;
      if (g.values !== null) {
        const v = valueOf(c, old);
        if (v !== null) {
          const n = (g.values.get(v) ?? 0) - 1;
          if (n <= 0) g.values.delete(v);
          else g.values.set(v, n);
        }
      } else if (c.type === 'value_sum' || c.type === 'value_avg') {
        const x = numeric(valueOf(c, old));
        if (x !== null) {
          g.sum -= x;
          g.nums--;
        }
      }
      k++;
    }
    if (k > 0) {
      g.recs.splice(0, k);
      g.count -= k;
    }
  }

  private valued(
    c: CompiledCorrelation,
    key: string,
    g: Group,
    rec: MatchRecord,
    t: number,
    pos: number,
  ): void {
    const idx = c.valueField[pos] as number;
    const v = idx >= 0 ? (rec.f[idx] ?? null) : null;
    const raw = v === null ? null : String(v);
    const closing = closesAtEnd(c) && c.type === 'value_count';
    if (closing) {
      if (g.count > 0 && t - g.start > c.timespanSec) {
        this.close(c, key, g);
        this.reset(g, t);
      }
      if (g.count === 0) g.start = t;
    } else this.slide(c, g, t);
    this.keep(g, rec);
    if (c.type === 'value_count') {
      const values = g.values as Map<string, number>;
      if (raw !== null) {
        if (values.has(raw) || values.size < this.limits.maxValues)
          values.set(raw, (values.get(raw) ?? 0) + 1);
        else this.counters.inc('rules.correlation.values_capped');
      }
      if (closing) return;
      if (satisfies(values.size, c.conditions)) {
        this.fire(
          c,
          key,
          g.recs,
          g.count,
          `${values.size} distinct ${c.valueName ?? ''} within ${c.timespanSec}s`,
        );
        this.reset(g, t);
      }
      return;
    }
    const x = numeric(raw);
    if (x !== null) {
      g.sum += x;
      g.nums++;
    }
    if (g.nums === 0) return;
    const stat = c.type === 'value_sum' ? g.sum : g.sum / g.nums;
    if (satisfies(stat, c.conditions)) {
      const what = c.type === 'value_sum' ? 'sum' : 'mean';
      this.fire(
        c,
        key,
        g.recs,
        g.count,
        `${what} of ${c.valueName ?? ''} ${round(stat)} within ${c.timespanSec}s`,
      );
      this.reset(g, t);
    }
  }

  private temporal(
    c: CompiledCorrelation,
    key: string,
    g: Group,
    rec: MatchRecord,
    t: number,
    pos: number[],
  ): void {
    for (const p of pos) g.last[p] = rec;
    const live = g.last.filter(
      (r): r is MatchRecord => r !== null && t - timeOf(r) <= c.timespanSec,
    );
    const distinct = new Set(live.map((r) => r.r)).size;
    const want = new Set(c.rules).size;
    const ok = c.conditions.length > 0 ? satisfies(distinct, c.conditions) : distinct >= want;
    if (!ok) return;
    live.sort((a, b) => timeOf(a) - timeOf(b));
    this.fire(
      c,
      key,
      live,
      live.length,
      `${distinct} correlated rules matched within ${c.timespanSec}s`,
    );
    g.last.fill(null);
  }

  private ordered(
    c: CompiledCorrelation,
    key: string,
    g: Group,
    rec: MatchRecord,
    t: number,
    pos: number[],
  ): void {
    const seq = g.seq;
    // Latest positions first, so one match does not advance a sequence twice.
    for (const p of [...pos].sort((a, b) => b - a)) {
      if (p === 0) {
        seq[0] = { t0: t, recs: [rec] };
        continue;
      }
      const prev = seq[p - 1];
      if (prev === null || prev === undefined || t - prev.t0 > c.timespanSec) continue;
      seq[p] = { t0: prev.t0, recs: [...prev.recs, rec] };
    }
    const done = seq[seq.length - 1];
    if (done !== null && done !== undefined) {
      this.fire(
        c,
        key,
        done.recs,
        done.recs.length,
        `${c.rules.length} rules matched in order within ${c.timespanSec}s`,
      );
      seq.fill(null);
    }
  }

  /** Checks a closing window's condition. */
  private close(c: CompiledCorrelation, key: string, g: Group): void {
    if (g.count === 0) return;
    const n = c.type === 'value_count' ? (g.values?.size ?? 0) : g.count;
    if (!satisfies(n, c.conditions)) return;
    const what = c.type === 'value_count' ? `${n} distinct ${c.valueName ?? ''}` : `${n} matches`;
    this.fire(c, key, g.recs, g.count, `${what} within ${c.timespanSec}s`);
  }

  private fire(
    c: CompiledCorrelation,
    key: string,
    recs: readonly MatchRecord[],
    count: number,
    what: string,
  ): void {
    const first = recs[0];
    if (first === undefined) return;
    this.counters.inc('rules.correlation.alerts');
    const src = common(recs, (r) => r.src);
    const dst = common(recs, (r) => r.dst);
    const frames = [...new Set(recs.map((r) => r.frame))].sort((a, b) => a - b).slice(0, 10);
    const group =
      c.groupBy.length > 0
        ? ` (${c.groupBy.map((g, i) => `${g}=${key.split('\u0001')[i] ?? ''}`).join(', ')})`
        : '';
    const names = [...new Set(recs.map((r) => this.pack.rules[r.r]?.title ?? ''))].join('; ');
    this.alerts.push({
      subject: key,
      candidate: {
        ts: isoMicros(first.sec, first.ns),
        frame: first.frame,
        rule_id: c.id,
        title: c.title,
        severity: c.severity,
        source: 'rule',
        technique_ids: [...c.techniqueIds],
        src_ip: src,
        dst_ip: dst,
        proto: common(recs, (r) => r.proto) ?? first.proto,
        flow: first.flow,
        evidence: {
          frames,
          events: recs
            .filter((r) => r.ev !== null)
            .slice(0, 3)
            .map((r) => r.ev),
          explanation: `${c.type}: ${what}${group}; ${count} match${count === 1 ? '' : 'es'} of ${names}`,
        },
      },
    });
  }
}

/** True when the correlation's condition is checked when a window closes, not at each match. */
function closesAtEnd(c: CompiledCorrelation): boolean {
  if (c.type !== 'event_count' && c.type !== 'value_count') return false;
  return c.conditions.some((x) => x.op !== 'gt' && x.op !== 'gte');
}

function valueOf(c: CompiledCorrelation, r: MatchRecord): string | null {
  const pos = c.rules.indexOf(r.r);
  const idx = pos >= 0 ? (c.valueField[pos] as number) : -1;
  const v = idx >= 0 ? (r.f[idx] ?? null) : null;
  return v === null ? null : String(v);
}

function numeric(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The value every record shares, or null. */
function common(
  recs: readonly MatchRecord[],
  get: (r: MatchRecord) => string | null,
): string | null {
  const v = get(recs[0] as MatchRecord);
  for (const r of recs) if (get(r) !== v) return null;
  return v;
}
