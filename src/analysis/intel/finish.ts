/**
 * The end of a run's threat-intelligence matching, on the thread that merges the engines'
 * reports: the multi-observation patterns are decided over every engine's sequence hits, in
 * capture order (`sequence.ts`), and their alerts join the engines' alerts, before suppressions
 * and ids are applied. The load counters of the bundles go to the summary here, once.
 */
import type { Counters } from '../../core/counters.js';
import { AlertCollection } from '../alerts.js';
import type { IntelData } from './bundle.js';
import { evaluateSequences, type SequenceHit } from './sequence.js';

/** What an engine report carries for intel. */
export interface IntelReport {
  hits: SequenceHit[];
}

/**
 * Decides the sequence patterns and merges their alerts into `report.alerts`; adds the load
 * counters (`intel.indicators`, `intel.indicators_pattern_invalid`...) and
 * `intel.sequence_alerts` to `counters`.
 */
export function finishIntel(
  report: { alerts?: ReturnType<AlertCollection['snapshot']>; intel?: IntelReport },
  data: IntelData,
  counters: Counters,
): void {
  for (const [k, v] of Object.entries(data.counters)) counters.inc(k, v);
  const hits = report.intel?.hits ?? [];
  if (hits.length === 0) return;
  const seq = new AlertCollection();
  counters.inc('intel.sequence_alerts', evaluateSequences(data.indicators, hits, seq));
  const all = new AlertCollection();
  if (report.alerts) all.mergeSnapshot(report.alerts);
  all.mergeSnapshot(seq.snapshot());
  report.alerts = all.snapshot();
}
