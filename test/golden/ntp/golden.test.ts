// NTP golden scenarios: SNTP client/server exchanges and a GPS clock's broadcasts, crafted
// kiss-o'-death, unsynchronised, control, monlist and truncated messages, and non-NTP datagrams
// on UDP 123, through the built CLI, event for event against the reviewed expected.jsonl.
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
  ntp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('ntp');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['ntp'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('NTP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: client and server modes, strata and broadcasts, no anomaly', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    expect(events.map((e) => e.ntp?.mode_name)).toEqual([
      ...['client', 'server', 'client', 'server', 'client', 'server'],
      ...['client', 'server', 'broadcast', 'broadcast'],
    ]);
    expect(events[9]?.ntp?.ref_id).toBe('GPS');
  });

  it("malformed: kiss-o'-death, stratum 16, control, monlist, private and truncated are named", () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'ntp.kiss_of_death',
      'ntp.unsynchronized_server',
      'ntp.control_request',
      'ntp.monlist_request',
      'ntp.private_request',
      'ntp.truncated_message',
    ]);
  });

  it('negative: text, zeros and all-ones datagrams on UDP 123 give no NTP event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
