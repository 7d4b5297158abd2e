// DNP3 replay and flooding detected by conversation semantics, end to end through the built CLI on the QUT DNP3 captures: the confirm and superseded-response rules fire inside the labelled master_replay and master_replay_flooding windows and nowhere outside the attack windows, and never on the long benign DNP3 captures.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/analysis/alerts.js';
import { SHARED_PCAPS, haveSharedPcaps, readJsonl, runCli } from '../helpers/shared.js';
import { WINDOW_SLACK_AFTER_S, WINDOW_SLACK_BEFORE_S } from '../../bench/eval-score.js';
import { parseDnp3Labels } from '../../bench/labels.js';

const have = haveSharedPcaps();
const QUT = path.join(SHARED_PCAPS, 'datasets/qut-dnp3');

/** The two rules of rules/anomalies/dnp3.yml this detection adds. */
const RULES = new Set([
  'bd4c04a5-7169-4c9f-b32f-f9831831f8ff', // DNP3 confirm that no response asked for
  '47f11e8e-59c6-40b3-b31f-32933d004efd', // DNP3 requests sent without waiting for the responses
]);

interface Window {
  attack: string;
  start: number;
  end: number;
}

/** Attack windows of a slice's labels, widened as the evaluation does (2 s before, 5 s after). */
function windows(slice: string): Window[] {
  return parseDnp3Labels(readFileSync(path.join(QUT, `${slice}.labels.tsv`), 'utf8')).map((w) => ({
    attack: w.attack,
    start: (w.from - WINDOW_SLACK_BEFORE_S) * 1000,
    end: (w.to + WINDOW_SLACK_AFTER_S) * 1000,
  }));
}

/** Alerts of the two rules on `capture` (built-in pack), with their first and last times. */
function alerts(capture: string): Alert[] {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-dnp3-replay-'));
  const r = runCli(['analyze', capture, '--out', out, '--no-progress']);
  expect(r.status, r.stderr).toBe(0);
  return readJsonl<Alert>(path.join(out, 'alerts.jsonl')).filter((a) => RULES.has(a.rule_id));
}

const inside = (t: number, ws: Window[]): Window | undefined =>
  ws.find((w) => t >= w.start && t <= w.end);

describe.skipIf(!have)('DNP3 replay and flooding on the QUT DNP3 captures', () => {
  it('alerts inside the master_replay and master_replay_flooding windows, never outside', () => {
    const found = new Set<string>();
    for (const slice of [
      'qut-dnp3_replay_training-frequent_slice',
      'qut-dnp3_flooding_training-infrequent_slice',
    ]) {
      const ws = windows(slice);
      const got = alerts(path.join(QUT, `${slice}.pcap`));
      expect(got.length, slice).toBeGreaterThan(0);
      for (const a of got) {
        for (const t of [Date.parse(a.ts), Date.parse(a.last_ts)]) {
          const w = inside(t, ws);
          expect(w, `${slice} ${a.title} at ${new Date(t).toISOString()}`).toBeDefined();
          found.add(`${slice}:${w?.attack ?? ''}@${w?.start ?? 0}`);
        }
      }
    }
    // Both master_replay runs of the replay slice (06:21 and 06:57) and the flooding run.
    expect([...found].filter((k) => k.includes(':master_replay@'))).toHaveLength(2);
    expect([...found].filter((k) => k.includes(':master_replay_flooding@'))).toHaveLength(1);
  }, 120_000);

  it('stays quiet on the benign DNP3 captures and the QUT slices without these attacks', () => {
    for (const f of [
      'dnp3/bro_dnp3.pcap',
      'dnp3/dnp3_test_data_part1.pcap',
      'datasets/qut-dnp3/qut-dnp3_control_training-frequent_slice.pcap',
      'datasets/qut-dnp3/qut-dnp3_injection_training-frequent_slice.pcap',
      'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap',
    ]) {
      expect(alerts(path.join(SHARED_PCAPS, f)), f).toEqual([]);
    }
  }, 120_000);
});
