// Fox golden scenarios: a Workbench hello to a Niagara station and its challenge, a broken
// challenge, and HTTP on TCP 1911, through the built CLI, event for event against the reviewed
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
  fox?: Record<string, unknown>;
}

const scenarios = goldenScenarios('fox');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['fox'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('Fox golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: both hellos identify client and station, the challenge is flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    const msgs = events.filter((e) => e.kind === 'fox.message');
    expect(msgs.map((e) => e.fox?.command)).toEqual(['hello', 'hello', 'challenge']);
    expect(msgs[0]?.fox).toMatchObject({ app_name: 'Workbench', os_name: 'Windows XP' });
    expect(msgs[1]?.fox).toMatchObject({ station_name: 'Legion_HQ_V4', app_version: '3.5.41.1' });
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'fox.cleartext_authentication',
    ]);
  });

  it('malformed: a nonce whose length misses its bracket is named, the hellos stand', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'fox.malformed_message',
    ]);
    expect(events.filter((e) => e.kind === 'fox.message')).toHaveLength(2);
  });

  it('negative: HTTP on TCP 1911 is not taken for Fox', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
