/**
 * Patterns decided over several observations (STIX 2.1 OS 9.5 "Observation Operators", 9.6
 * "Qualifiers"): `AND`, `OR` and `FOLLOWEDBY` between `[...]` expressions, `REPEATS n TIMES`,
 * `WITHIN n SECONDS`, `START ... STOP ...`.
 *
 * Engines only record the matches of such patterns' leaves ({@link SequenceHit}); they are
 * decided here, on the thread that merges the engines' reports, over all matches of the run in
 * capture order. So a sharded run, whose workers each see only some flows, gives the same
 * alerts as one thread, and a pattern can span flows (`[a] FOLLOWEDBY [b]` on two connections).
 *
 * Evaluation is greedy and bounded: each leaf keeps its last {@link HISTORY} matches; when a
 * match arrives, the pattern is evaluated for bindings that end with it, each operator taking
 * the binding of its operands that starts latest (the tightest for `WITHIN`). `FOLLOWEDBY` and
 * `REPEATS` need distinct observations in capture order; `AND` and `OR` may use one observation
 * for several leaves. A binding that the greedy choice misses while an earlier one would fit is
 * possible for nested qualifiers; documented in docs/intel.md.
 */
import type { AlertCandidate, AlertCollection } from '../alerts.js';
import type { IntelIndicator } from './bundle.js';
import type { ObservationExpression } from './pattern/ast.js';
import { alertTitle, explanation } from './matcher-text.js';

/** A match of one leaf of a multi-observation pattern, as an engine reports it. */
export interface SequenceHit {
  /** Indicator id and leaf number in its pattern. */
  readonly indicator: string;
  readonly leaf: number;
  /** Capture time in milliseconds. */
  readonly time: number;
  readonly ts: string;
  /** Capture number and frame (a flow record: its first frame), for ordering. */
  readonly capture: number;
  readonly frame: number;
  /** 0 for an event, 1 for a flow record. */
  readonly record: 0 | 1;
  /** Order of the hit within its engine (ties of one frame). */
  readonly seq: number;
  readonly src_ip: string | null;
  readonly dst_ip: string | null;
  readonly proto: string;
  readonly flow: string;
  readonly evidence: unknown;
}

/** Matches kept per leaf and indicator (more when a `REPEATS` asks for more). */
export const HISTORY = 64;

const histories = new WeakMap<ObservationExpression, number>();

/** Matches to keep per leaf of a pattern: {@link HISTORY}, or its largest REPEATS count. */
function historyOf(p: ObservationExpression): number {
  let n = histories.get(p);
  if (n === undefined) {
    n = HISTORY;
    const walk = (e: ObservationExpression): void => {
      if (e.kind === 'qualified') {
        if (e.qualifier.kind === 'repeats') n = Math.max(n as number, e.qualifier.times);
        walk(e.expr);
      } else if (e.kind !== 'observation') e.operands.forEach(walk);
    };
    walk(p);
    histories.set(p, n);
  }
  return n;
}

interface Binding {
  readonly start: number;
  readonly end: number;
  /** Positions (in the sorted hit list) of the first and last observation. */
  readonly first: number;
  readonly last: number;
  readonly hits: readonly SequenceHit[];
}

interface Numbered {
  readonly hit: SequenceHit;
  readonly pos: number;
}

/** Sorts hits of several engines into capture order. */
export function sortHits(hits: SequenceHit[]): SequenceHit[] {
  return hits.sort(
    (a, b) =>
      a.capture - b.capture ||
      a.frame - b.frame ||
      a.record - b.record ||
      a.seq - b.seq ||
      (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0) ||
      a.leaf - b.leaf,
  );
}

/**
 * Decides the multi-observation patterns over `hits` (every engine's, in any order) and adds
 * an alert to `alerts` for each binding completed by a hit.
 */
export function evaluateSequences(
  indicators: readonly IntelIndicator[],
  hits: SequenceHit[],
  alerts: AlertCollection,
): number {
  const sorted = sortHits(hits);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const history = new Map<string, Numbered[][]>();
  let raised = 0;
  sorted.forEach((hit, pos) => {
    const spec = byId.get(hit.indicator);
    if (spec === undefined || spec.pattern === null) return;
    let h = history.get(hit.indicator);
    if (h === undefined) history.set(hit.indicator, (h = []));
    const list = (h[hit.leaf] ??= []);
    list.push({ hit, pos });
    if (list.length > historyOf(spec.pattern)) list.shift();
    if (hit.time < spec.validFrom || hit.time >= spec.validUntil) return;
    const counter = { leaf: 0 };
    const b = bind(spec.pattern, h, pos, counter);
    if (b === null || b.last !== pos) return;
    alerts.add(candidate(spec, hit, b), '');
    raised++;
  });
  return raised;
}

function candidate(spec: IntelIndicator, last: SequenceHit, b: Binding): AlertCandidate {
  const hits = [...b.hits].sort((x, y) => x.time - y.time);
  const first = hits[0] ?? last;
  const frames = [...new Set(hits.map((x) => x.frame))].sort((x, y) => x - y).slice(0, 10);
  return {
    ts: first.ts,
    frame: first.frame,
    rule_id: spec.id,
    title: alertTitle(spec),
    severity: spec.severity,
    source: 'intel',
    technique_ids: [...spec.techniqueIds],
    src_ip: last.src_ip,
    dst_ip: last.dst_ip,
    proto: last.proto,
    flow: last.flow,
    evidence: {
      frames,
      events: hits.slice(0, 3).map((x) => x.evidence),
      explanation: explanation(spec, `${hits.length} observations`),
    },
  };
}

/**
 * The binding of `p` that ends at or before position `max` and starts latest, or null. Leaves
 * are numbered depth-first through `counter`, as `patternLeaves` numbers them.
 */
function bind(
  p: ObservationExpression,
  h: Numbered[][],
  max: number,
  counter: { leaf: number },
): Binding | null {
  switch (p.kind) {
    case 'observation': {
      const list = h[counter.leaf++] ?? [];
      for (let i = list.length - 1; i >= 0; i--) {
        const n = list[i] as Numbered;
        if (n.pos <= max)
          return { start: n.hit.time, end: n.hit.time, first: n.pos, last: n.pos, hits: [n.hit] };
      }
      return null;
    }
    case 'and': {
      const parts: Binding[] = [];
      let ok = true;
      for (const o of p.operands) {
        const b = bind(o, h, max, counter);
        if (b === null) ok = false;
        else parts.push(b);
      }
      return ok ? combine(parts) : null;
    }
    case 'or': {
      let best: Binding | null = null;
      for (const o of p.operands) {
        const b = bind(o, h, max, counter);
        if (
          b !== null &&
          (best === null || b.last > best.last || (b.last === best.last && b.start > best.start))
        )
          best = b;
      }
      return best;
    }
    case 'followedby': {
      // Bind from the last operand backwards, each before the one after it.
      const start = counter.leaf;
      const sizes = p.operands.map((o) => leafCount(o));
      const parts: Binding[] = [];
      let bound = max;
      for (let i = p.operands.length - 1; i >= 0; i--) {
        const c = { leaf: start + sizes.slice(0, i).reduce((a, n) => a + n, 0) };
        const b = bind(p.operands[i] as ObservationExpression, h, bound, c);
        if (b === null) {
          counter.leaf = start + sizes.reduce((a, n) => a + n, 0);
          return null;
        }
        parts.push(b);
        bound = b.first - 1;
      }
      counter.leaf = start + sizes.reduce((a, n) => a + n, 0);
      return combine(parts);
    }
    case 'qualified': {
      const q = p.qualifier;
      if (q.kind === 'repeats') {
        const start = counter.leaf;
        const parts: Binding[] = [];
        let bound = max;
        for (let k = 0; k < q.times; k++) {
          const c = { leaf: start };
          const b = bind(p.expr, h, bound, c);
          counter.leaf = c.leaf;
          if (b === null) return null;
          parts.push(b);
          bound = b.first - 1;
        }
        return combine(parts);
      }
      const b = bind(p.expr, h, max, counter);
      if (b === null) return null;
      if (q.kind === 'within') return b.end - b.start <= q.seconds * 1000 ? b : null;
      return b.start >= Date.parse(q.start) && b.end < Date.parse(q.stop) ? b : null;
    }
  }
}

function leafCount(p: ObservationExpression): number {
  if (p.kind === 'observation') return 1;
  if (p.kind === 'qualified') return leafCount(p.expr);
  return p.operands.reduce((a, o) => a + leafCount(o), 0);
}

function combine(parts: readonly Binding[]): Binding {
  let start = Infinity;
  let end = -Infinity;
  let first = Infinity;
  let last = -Infinity;
  const hits: SequenceHit[] = [];
  for (const b of parts) {
    start = Math.min(start, b.start);
    end = Math.max(end, b.end);
    first = Math.min(first, b.first);
    last = Math.max(last, b.last);
    for (const x of b.hits) if (!hits.includes(x)) hits.push(x);
  }
  return { start, end, first, last, hits };
}
