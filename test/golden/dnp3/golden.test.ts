// DNP3 golden scenarios: normal, malformed, negative (others on port 20000) and UDP traces
// through the built CLI, event for event against the reviewed expected.jsonl of each folder
// (test/helpers/golden.ts; rewrite them with PALISADE_GOLDEN_UPDATE=1 and review the diff).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenScenarios, runGolden, type GoldenScenario } from '../../helpers/golden.js';
import { readJsonl, runCli } from '../../helpers/shared.js';

interface Point {
  index?: number;
  value?: unknown;
  operation?: string;
  file_name?: string;
}
interface Line {
  kind: string;
  frame: number;
  transport: string;
  anomaly?: { name: string };
  dnp3?: {
    function?: string;
    link_function: string;
    segments?: number;
    iin_flags?: string[];
    object_error?: string;
    objects?: { group: number; variation: number; count: number; points?: Point[] }[];
  };
}

const scenarios = goldenScenarios('dnp3');
/** DNP3 events only: the scenarios do not change when other decoders claim other flows. */
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['dnp3'] });
const byName = (name: string): Line[] => {
  const s = scenarios.find((x) => x.name === name);
  return (s ? run(s).actual : []).map((l) => JSON.parse(l) as Line);
};
const anomalies = (lines: Line[]): string[] =>
  lines.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name ?? '');

describe('DNP3 golden scenarios', () => {
  it('has a normal, a malformed, a negative and a UDP scenario, each with a README', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'malformed',
      'normal',
      'others-on-port-20000',
      'udp',
    ]);
    for (const s of scenarios) {
      const readme = path.join(s.dir, 'README.md');
      expect(existsSync(readme), readme).toBe(true);
      expect(readFileSync(readme, 'utf8')).toMatch(/What this proves/);
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: events equal expected.jsonl',
    (_n, s) => {
      const r = run(s);
      expect(r.status, r.stderr).toBe(0);
      expect(r.actual).toEqual(r.expected);
    },
  );

  it('normal: link frames, requests, responses, unsolicited responses; no anomaly', () => {
    const events = byName('normal');
    expect(anomalies(events)).toEqual([]);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['dnp3.link', 'dnp3.request', 'dnp3.response', 'dnp3.unsolicited_response'])
      expect(kinds.has(k), k).toBe(true);
    const functions = new Set(events.map((e) => e.dnp3?.function));
    for (const f of [
      'read',
      'write',
      'confirm',
      'direct_operate',
      'cold_restart',
      'enable_unsolicited',
      'disable_unsolicited',
      'open_file',
      'close_file',
    ])
      expect(functions.has(f), f).toBe(true);
    // Fragments spanning link frames are emitted once, in their last frame.
    expect(events.some((e) => (e.dnp3?.segments ?? 1) > 1)).toBe(true);
    const crob = events.find((e) => e.dnp3?.function === 'direct_operate');
    expect(crob?.dnp3?.objects?.[0]?.points?.[0]?.operation).toBe('latch_on');
    const open = events.find((e) => e.dnp3?.function === 'open_file');
    expect(open?.dnp3?.objects?.[0]?.points?.[0]?.file_name).toBeTruthy();
  });

  it('malformed: each broken fragment is named and says why its objects stop', () => {
    const events = byName('malformed');
    const names = new Set(anomalies(events));
    for (const n of [
      'dnp3.object_truncated',
      'dnp3.invalid_qualifier',
      'dnp3.invalid_range',
      'dnp3.header_crc_error',
      'dnp3.invalid_variation',
    ])
      expect(names.has(n), n).toBe(true);
    const errors = new Set(events.map((e) => e.dnp3?.object_error).filter((x) => x));
    expect([...errors].sort()).toEqual([
      'invalid_qualifier',
      'invalid_range',
      'invalid_variation',
      'object_truncated',
    ]);
  });

  it('malformed: the summary counts each anomaly as often as it is reported, and no bug', () => {
    const s = scenarios.find((x) => x.name === 'malformed');
    expect(s).toBeDefined();
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-dnp3-'));
    const r = runCli(['analyze', s?.input ?? '', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      bugs: string[];
      counters: Record<string, number>;
      decoders: Record<string, { anomalies: number; bugs: number }>;
    };
    const reported = new Map<string, number>();
    for (const e of readJsonl<Line & { proto: string }>(path.join(out, 'events.jsonl'))) {
      const name = e.anomaly?.name;
      if (e.kind === 'anomaly' && name?.startsWith('dnp3.'))
        reported.set(name, (reported.get(name) ?? 0) + 1);
    }
    expect(reported.size).toBeGreaterThanOrEqual(5);
    const counted = Object.entries(summary.counters).filter(([k]) => k.startsWith('dnp3.'));
    expect(new Map(counted)).toEqual(reported);
    let total = 0;
    for (const n of reported.values()) total += n;
    expect(summary.decoders.dnp3).toMatchObject({ anomalies: total, bugs: 0 });
    expect(summary.bugs).toEqual([]);
  });

  it('negative: nothing of the Modbus, TLS, NFS and HTTP traffic on port 20000 is DNP3', () => {
    expect(byName('others-on-port-20000')).toEqual([]);
  });

  it('udp: DNP3 over UDP, reassembly across datagrams, a datagram cut inside a frame', () => {
    const events = byName('udp');
    expect(events.every((e) => e.transport === 'udp')).toBe(true);
    expect(events.filter((e) => e.kind !== 'anomaly').map((e) => e.dnp3?.function)).toEqual([
      'read',
      'response',
      'unsolicited_response',
      'confirm',
    ]);
    expect(events.find((e) => e.dnp3?.function === 'response')?.dnp3?.segments).toBe(2);
    expect(anomalies(events)).toEqual(['dnp3.truncated_datagram']);
  });
});
