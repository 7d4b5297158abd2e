// C37.118 golden scenarios: a normal UDP session, malformed frames and non-C37.118 datagrams on
// the synchrophasor ports, through the built CLI, event for event against expected.jsonl.
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
  c37118?: { frame_type_name: string; command_name?: string; data?: { frequency?: number }[] };
}

const scenarios = goldenScenarios('c37118');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['c37118'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('C37.118 golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: commands, CFG-2 and data frames decoded with it', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'c37118.transmission_off',
      'c37118.config_request',
    ]);
    const frames = events.filter((e) => e.kind !== 'anomaly');
    expect(frames.map((e) => e.c37118?.frame_type_name)).toEqual([
      ...['command', 'command', 'cfg2', 'command'],
      ...Array<string>(6).fill('data'),
    ]);
    expect(frames.slice(4).every((e) => e.c37118?.data?.[0]?.frequency !== undefined)).toBe(true);
  });

  it('malformed: each broken frame is named and decoding goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name)).toEqual([
      'c37118.data_before_config',
      'c37118.config_request',
      'c37118.crc_error',
      'c37118.sync_loss',
      'c37118.idcode_change',
      'c37118.idcode_change',
      'c37118.unknown_command',
      'c37118.truncated_datagram',
    ]);
    expect(events.filter((e) => e.kind === 'c37118.data')).toHaveLength(4);
  });

  it('negative: text and undefined frame types on the C37.118 ports are not taken for it', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
