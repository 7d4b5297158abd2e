// EtherCAT golden scenarios: a master's start-up and cyclic frames, malformed frames and
// non-EtherCAT payloads on EtherType 0x88A4, through the built CLI, event for event against the
// reviewed expected.jsonl.
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
  frame: number;
  src_mac?: string;
  anomaly?: { name: string; detail?: string };
  ethercat?: { datagram_count?: number; datagrams?: { command_name: string }[] };
}

const scenarios = goldenScenarios('ethercat');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['ethercat'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('EtherCAT golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: one event per frame, every datagram listed, start-up writes flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    const frames = events.filter((e) => e.kind === 'ethercat.frame');
    expect(frames).toHaveLength(40);
    expect(new Set(frames.map((e) => e.frame)).size).toBe(40);
    expect(frames.every((e) => e.src_mac !== undefined)).toBe(true);
    expect(frames.find((e) => e.frame === 39)?.ethercat?.datagrams?.[0]?.command_name).toBe('LRD');
    const names = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(names.filter((n) => n === 'ethercat.state_change')).toHaveLength(4);
    expect(names.filter((n) => n === 'ethercat.station_address_write')).toHaveLength(10);
  });

  it('malformed: a datagram past the frame end and an unknown frame type are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    const names = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(names).toContain('ethercat.malformed_datagram');
    expect(names).toContain('ethercat.unknown_type');
    expect(events.filter((e) => e.kind === 'ethercat.frame')).toHaveLength(4);
  });

  it('negative: payloads that are not EtherCAT frames produce nothing', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
