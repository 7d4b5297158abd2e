/**
 * The end of a run's detection, on the main thread: the alerts of every engine merged, the
 * correlation rules run over the matches every engine recorded (in capture-time order, so the
 * result does not depend on the number of threads), the anomalies decided over every engine's
 * observations (server endpoints answering with two IP stacks, `flow/service-fingerprint.ts`)
 * run through the rules, suppression entries applied, and the counters for summary.json.
 */
import { Counters } from '../../core/counters.js';
import { AlertCollection, type Alert } from '../alerts.js';
import { correlate } from './correlation.js';
import type { RulePack } from './loader.js';
import { compilePack } from './pack.js';
import { RuleEngine, type RuleReport } from './rule-engine.js';
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
  /**
   * Event lines decided on the main thread over every engine's observations (anomalies no
   * single engine could see), evaluated by the pack's detection rules.
   */
  decided?: readonly Record<string, unknown>[];
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
    if (opts.decided && opts.decided.length > 0) {
      const snap = decidedAlerts(opts.pack, opts.decided);
      out.mergeSnapshot({
        dropped: snap.dropped,
        alerts: snap.alerts.filter(([, a]) => keep(a, a.count)),
      });
    }
  }
  return out;
}

/** Alerts of the decided event lines, from a rule engine of their own. */
function decidedAlerts(
  pack: RulePack,
  events: readonly Record<string, unknown>[],
): ReturnType<AlertCollection['snapshot']> {
  const engine = new RuleEngine({ pack, counters: new Counters() });
  for (const e of events) engine.evaluateLine(e);
  engine.report();
  return engine.alerts.snapshot();
}
