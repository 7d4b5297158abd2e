// NetBIOS datagram golden scenarios: real Browser announcements, elections and announcement
// requests from the shared captures; crafted error, truncated, over-long and forged-source
// datagrams; and non-NetBIOS datagrams on UDP 138, through the built CLI, event for event
// against the reviewed expected.jsonl.
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
  nbdgm?: { source_name?: string };
  browser?: { command_name: string; server?: string; os_major?: number };
}

const scenarios = goldenScenarios('nbdgm');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['nbdgm'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('NetBIOS datagram golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every datagram decodes with its Browser command, no anomaly', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    expect(events).toHaveLength(28);
    const commands = new Set(events.map((e) => e.browser?.command_name));
    expect([...commands].sort()).toEqual([
      'announcement_request',
      'domain_announcement',
      'host_announcement',
      'local_master_announcement',
      'request_election',
    ]);
    const host = events.find((e) => e.browser?.command_name === 'host_announcement');
    expect(host?.browser).toMatchObject({ server: 'IE11WIN7', os_major: 6 });
  });

  it('malformed: error, truncated, over-long and forged-source datagrams are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'nbdgm.error_datagram',
      'nbdgm.malformed_mailslot',
      'nbdgm.truncated_message',
      'nbdgm.source_address_mismatch',
    ]);
  });

  it('negative: text, zeros and all-ones datagrams on UDP 138 give no NBDGM event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
