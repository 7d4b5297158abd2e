// FINS golden scenarios: a normal FINS/TCP session, a malformed FINS/UDP exchange and non-FINS
// traffic on UDP 9600, through the built CLI, event for event against the reviewed expected.jsonl.
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
  anomaly?: { name: string };
  fins?: Record<string, unknown>;
}

const scenarios = goldenScenarios('fins');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['fins'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('FINS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every FINS/TCP request and response, RUN and STOP flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'fins.mode_change',
      'fins.mode_change',
    ]);
    const frames = events.filter((e) => e.kind !== 'anomaly');
    expect(frames.map((e) => e.fins?.command_name)).toEqual([
      ...['run', 'run', 'stop', 'stop'],
      ...Array<string>(8).fill('controller_data_read'),
      ...['clock_read', 'clock_read', 'clock_write', 'clock_write'],
    ]);
    expect(frames.every((e) => e.fins?.framing === 'tcp' && e.fins.tcp_command === 2)).toBe(true);
  });

  it('malformed: an unknown command and reserved ICF bits are named, decoding goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name)).toEqual([
      'fins.unknown_command',
      'fins.invalid_header',
      'fins.mode_change',
      'fins.mode_change',
    ]);
    expect(events.filter((e) => e.kind === 'fins.request')).toHaveLength(5);
  });

  it('negative: text probes and empty datagrams on UDP 9600 are not taken for FINS', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
