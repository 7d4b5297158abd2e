// MELSEC golden scenarios: MELSOFT over UDP 5560 from the shared captures, malformed frames and
// non-MELSEC datagrams on the port, through the built CLI, event for event against
// expected.jsonl.
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
  anomaly?: { name: string };
  melsec?: { frame: string; command_name?: string; cpu_model?: string; file_path?: string };
}

const scenarios = goldenScenarios('melsec');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['melsec'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('MELSEC golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: CPU searches and MELSOFT exchanges, model and file paths read', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    expect(events).toHaveLength(40);
    expect(events.filter((e) => e.kind === 'melsec.discovery')).toHaveLength(12);
    expect(events.filter((e) => e.melsec?.cpu_model === 'FX5U-32MT/ES')).toHaveLength(3);
    expect(events.some((e) => e.melsec?.file_path === '$MELPRJ$\\CPU.PRM')).toBe(true);
  });

  it('malformed: remote STOP, error end code and a short datagram are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name)).toEqual([
      'melsec.remote_control',
      'melsec.error_response',
      'melsec.truncated_datagram',
    ]);
    expect(events.at(-1)?.melsec?.cpu_model).toBe('FX5U-32MT/ES');
  });

  it('negative: text and foreign frames on UDP 5560 are not taken for MELSEC', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
