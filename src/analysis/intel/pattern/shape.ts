/**
 * The shape of a parsed pattern: whether one observation decides it (one `[...]`, no `REPEATS`
 * above 1; `START`/`STOP` and `WITHIN` only bound its time), and its leaves in depth-first
 * order, the numbering engines and the sequence evaluator share.
 */
import type { ComparisonExpression, ObservationExpression } from './ast.js';

/** True when one observation decides the pattern; START/STOP windows (ms) go to `windows`. */
export function singleObservation(
  p: ObservationExpression,
  windows: { start: number; stop: number }[] = [],
): boolean {
  if (p.kind === 'observation') return true;
  if (p.kind === 'qualified') {
    const q = p.qualifier;
    if (q.kind === 'repeats' && q.times > 1) return false;
    if (q.kind === 'startstop')
      windows.push({ start: Date.parse(q.start), stop: Date.parse(q.stop) });
    return singleObservation(p.expr, windows);
  }
  return false;
}

/** Depth-first leaves of a pattern: the comparison expression of every `[...]`. */
export function patternLeaves(
  p: ObservationExpression,
  out: ComparisonExpression[] = [],
): ComparisonExpression[] {
  if (p.kind === 'observation') out.push(p.comparison);
  else if (p.kind === 'qualified') patternLeaves(p.expr, out);
  else for (const o of p.operands) patternLeaves(o, out);
  return out;
}
