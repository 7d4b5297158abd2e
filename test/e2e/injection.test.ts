// Packet injection below DNP3 on the QUT DNP3 captures, end to end through the built CLI: TCP overlap conflicts and IP sender-fingerprint changes (per address pair, and per server endpoint across pairs) fire inside the injection attack windows only, their rules tag T0856, and events and alerts are the same with 1, 2 and 3 workers.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/analysis/alerts.js';
import { SHARED_PCAPS, haveSharedPcaps, readJsonl, runCli } from '../helpers/shared.js';
import { WINDOW_SLACK_AFTER_S, WINDOW_SLACK_BEFORE_S } from '../../bench/eval-score.js';
import { parseDnp3Labels } from '../../bench/labels.js';

const have = haveSharedPcaps();
const QUT = path.join(SHARED_PCAPS, 'datasets/qut-dnp3');
const SLICES = [
  'qut-dnp3_injection_training-frequent_slice',
  'qut-dnp3_replay_training-frequent_slice',
];
const NAMES = new Set(['tcp.overlap_conflict', 'ip.sender_fingerprint_changed']);

interface Window {
  attack: string;
  start: number;
  end: number;
}

interface Line {
  ts: string;
  frame: number;
  proto: string;
  kind: string;
  anomaly?: { name: string; detail?: string };
}

/** Attack windows of a slice's labels, widened as the evaluation does (2 s before, 5 s after). */
function windows(slice: string): Window[] {
  return parseDnp3Labels(readFileSync(path.join(QUT, `${slice}.labels.tsv`), 'utf8')).map((w) => ({
    attack: w.attack,
    start: (w.from - WINDOW_SLACK_BEFORE_S) * 1000,
    end: (w.to + WINDOW_SLACK_AFTER_S) * 1000,
  }));
}

function analyze(slice: string, workers: string): string {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-injection-'));
  const r = runCli([
    'analyze',
    path.join(QUT, `${slice}.pcap`),
    '--out',
    out,
    '--no-progress',
    '--workers',
    workers,
  ]);
  expect(r.status, r.stderr).toBe(0);
  return out;
}

const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');

describe.skipIf(!have)('injection below DNP3 on the QUT DNP3 captures', () => {
  const outs = new Map<string, string>();
  beforeAll(() => {
    for (const s of SLICES) outs.set(s, analyze(s, '1'));
  }, 60_000);

  it('raises the new anomalies inside injection windows only', () => {
    const hit = new Set<string>();
    for (const s of SLICES) {
      const ws = windows(s);
      const events = readJsonl<Line>(path.join(outs.get(s) ?? '', 'events.jsonl')).filter(
        (e) => e.kind === 'anomaly' && NAMES.has(e.anomaly?.name ?? ''),
      );
      for (const e of events) {
        const t = Date.parse(e.ts);
        const w = ws.find((x) => t >= x.start && t <= x.end);
        expect(w?.attack, `${s} frame ${e.frame} ${e.anomaly?.name ?? ''}`).toMatch(/^injection_/);
        expect(e.proto).toBe('dnp3');
        hit.add(`${s}:${e.anomaly?.name ?? ''}@${w?.start ?? 0}`);
      }
    }
    const inj = ws0();
    // injection#3: the forged unsolicited response re-sent with other bytes (frame 3786).
    expect(hit).toContain(`${SLICES[0]}:tcp.overlap_conflict@${inj[2]?.start}`);
    // injection#5: the outstation's side of the connection comes from another stack than in
    // the pair's previous connection.
    expect(hit).toContain(`${SLICES[0]}:ip.sender_fingerprint_changed@${inj[4]?.start}`);
  });

  it('alerts with Spoof Reporting Message in injection#3 and #5', () => {
    const alerts = readJsonl<Alert>(
      path.join(outs.get(SLICES[0] ?? '') ?? '', 'alerts.jsonl'),
    ).filter(
      (a) =>
        a.title.startsWith('Two versions of the same TCP stream bytes') ||
        a.title.startsWith('Another IP stack sending as a host'),
    );
    const inj = ws0();
    for (const w of [inj[2], inj[4]]) {
      const inside = alerts.filter((a) => {
        const t = Date.parse(a.ts);
        return w !== undefined && t >= w.start && t <= w.end;
      });
      expect(inside.length, `window ${w?.start}`).toBeGreaterThan(0);
      for (const a of inside) expect(a.technique_ids).toContain('T0856');
    }
  });

  it('alerts on the forged unsolicited response of the replay slice, across address pairs', () => {
    // injection_replay_updaterAck: the outstation's address and port answer a master they
    // never talked to in the capture, with another stack than towards their own master. No
    // address pair has history, so only the endpoint check over all flows sees it; it is
    // decided after the run, so it is an alert and not an events.jsonl line.
    const s = SLICES[1] ?? '';
    const w = windows(s).find((x) => x.attack === 'injection_replay_updaterAck');
    const alerts = readJsonl<Alert>(path.join(outs.get(s) ?? '', 'alerts.jsonl')).filter((a) =>
      a.title.startsWith('Another IP stack sending as a host'),
    );
    expect(alerts).toHaveLength(1);
    const a = alerts[0] as Alert;
    const t = Date.parse(a.ts);
    expect(w !== undefined && t >= w.start && t <= w.end).toBe(true);
    expect(a.technique_ids).toContain('T0856');
    expect(a.src_ip).toBe('192.168.10.222');
    expect(a.dst_ip).toBe('192.168.10.221');
    expect(JSON.stringify(a.evidence)).toContain('this endpoint answered');
  });

  it('gives the same events and alerts with 2 and 3 workers', () => {
    for (const s of SLICES) {
      const one = outs.get(s) ?? '';
      for (const n of ['2', '3']) {
        const many = analyze(s, n);
        for (const f of ['events.jsonl', 'alerts.jsonl']) {
          expect(read(many, f), `${s} ${f} --workers ${n}`).toBe(read(one, f));
        }
      }
    }
  }, 60_000);
});

function ws0(): Window[] {
  return windows(SLICES[0] ?? '');
}
