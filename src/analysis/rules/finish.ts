/**
 * The end of a run's detection, on the main thread: the alerts of every engine merged, the
 * correlation rules run over the matches every engine recorded (in capture-time order, so the
 * result does not depend on the number of threads), suppression entries applied, and the
 * counters for summary.json.
 */
import type { Counters } from '../../core/counters.js';
import { AlertCollection, type Alert } from '../alerts.js';
import { correlate } from './correlation.js';
import type { RulePack } from './loader.js';
import { compilePack } from './pack.js';
import type { RuleReport } from './rule-engine.js';
import { Suppressor, type Suppression } from './suppress.js';
import { toRecords } from './records.js';

/** What {@link collectAlerts} needs. */
export interface CollectOptions {
  /** The rules the engines ran (their correlations run here). */
  pack: RulePack | null;
  /** Active suppression entries. */
  suppressions?: readonly Suppression[];
  /** Where the counters go (`rules.loaded`, `rules.suppressed`, `rules.correlation.*`). */
  counters: Counters;
}

/** Merges engine alerts and correlation alerts, with suppressions applied. */
export function collectAlerts(
  report: { alerts?: ReturnType<AlertCollection['snapshot']>; rules?: RuleReport },
  opts: CollectOptions,
): AlertCollection {
  const out = new AlertCollection();
  const counters = opts.counters;
  const sup =
    opts.suppressions && opts.suppressions.length > 0 ? new Suppressor(opts.suppressions) : null;
  const keep = (a: Pick<Alert, 'rule_id' | 'src_ip' | 'dst_ip'>, count: number): boolean => {
    if (sup === null || !sup.covers(a)) return true;
    counters.inc('rules.suppressed', count);
    return false;
  };
  if (report.alerts) {
    const snap = report.alerts;
    out.mergeSnapshot({
      dropped: snap.dropped,
      alerts: snap.alerts.filter(([, a]) => keep(a, a.count)),
    });
  }
  if (opts.pack !== null) {
    const pack = compilePack(opts.pack);
    counters.inc('rules.loaded', pack.rules.length + pack.correlations.length);
    const records = report.rules ? toRecords(report.rules.records) : [];
    for (const a of correlate(pack, records, counters)) {
      if (keep(a.candidate, 1)) out.add(a.candidate, a.subject);
    }
  }
  return out;
}
