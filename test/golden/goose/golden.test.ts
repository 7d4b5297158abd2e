// GOOSE golden scenarios: real publishers (normal), sequence, flag and framing problems
// (malformed) and non-GOOSE frames on the GOOSE and SV EtherTypes (negative), through the built
// CLI, event for event against the reviewed expected.jsonl.
import { describe, expect, it } from 'vitest';
import {
  goldenBasics,
  goldenScenarios,
  runGolden,
  scenarioNamed,
  type GoldenScenario,
} from '../../helpers/golden.js';

interface Line {
  kind: string;
  proto: string;
  frame: number;
  vlan?: number;
  src_mac?: string;
  anomaly?: { name: string };
  goose?: Record<string, unknown>;
}

const scenarios = goldenScenarios('goose');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['goose', 'sv'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('GOOSE golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: one event per frame, per publisher stream, only the GE restart flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    const pdus = events.filter((e) => e.kind === 'goose.pdu');
    expect(pdus.map((e) => e.frame)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(pdus.map((e) => e.src_mac)).size).toBe(3);
    expect(pdus.slice(0, 24).every((e) => e.vlan === 0)).toBe(true);
    expect(pdus.filter((e) => e.goose?.state_change === true).length).toBeGreaterThan(5);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'goose.sqnum_backwards',
    ]);
  });

  it('malformed: every sequence, flag and framing rule named, every frame decoded', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'goose.sqnum_backwards',
      'goose.sqnum_gap',
      'goose.stnum_jump',
      'goose.new_state_sqnum_nonzero',
      'goose.stnum_backwards',
      'goose.entries_mismatch',
      'goose.nesting_limit_reached',
      'goose.entries_mismatch',
      'goose.invalid_time_allowed_to_live',
      'goose.simulation',
      'goose.needs_commissioning',
      'goose.malformed_ber',
      'goose.invalid_length',
      'goose.truncated_frame',
      'goose.malformed_ber',
    ]);
    expect(events.filter((e) => e.kind === 'goose.pdu').map((e) => e.frame)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
  });

  it('negative: nothing that is not GOOSE is taken for GOOSE or Sampled Values', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
