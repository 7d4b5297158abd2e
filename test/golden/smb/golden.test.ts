// SMB golden scenarios: a normal, a malformed and a negative trace through the built CLI, event
// for event against the reviewed expected.jsonl of each folder.
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
  smb?: Record<string, unknown>;
  ntlmssp?: Record<string, unknown>;
  dcerpc?: Record<string, unknown>;
}

const scenarios = goldenScenarios('smb');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['smb'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const names = (events: Line[]): (string | undefined)[] =>
  events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);

describe('SMB golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: DoublePulsar ping and reply, SMB2 share enumeration over the srvsvc pipe', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(names(events)).toEqual(
      expect.arrayContaining([
        'smb.smb1_session',
        'smb.anonymous_session',
        'smb.trans2_session_setup',
        'smb.doublepulsar_reply',
      ]),
    );
    const auth = events.find((e) => e.ntlmssp?.['message_type'] === 'authenticate');
    expect(auth?.ntlmssp).toMatchObject({
      user: 'lgreen',
      domain: '3B',
      workstation: '02694W-WIN10',
    });
    const ops = events.flatMap((e) => (e.dcerpc?.['operation'] ? [e.dcerpc['operation']] : []));
    expect(ops).toEqual(expect.arrayContaining(['NetrShareEnum', 'NetrServerGetInfo']));
    const trees = new Set(events.map((e) => e.smb?.['tree']).filter((t) => t !== undefined));
    expect(trees).toEqual(new Set(['\\\\192.168.198.203\\IPC$', '\\\\172.16.66.36\\IPC$']));
  });

  it('malformed: broken messages are named and the flow recovers', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(names(events)).toEqual(
      expect.arrayContaining([
        'smb.malformed_message',
        'smb.invalid_header',
        'smb.invalid_framing',
        'smb.admin_share',
        'smb.compression_size_overflow',
      ]),
    );
    expect(events.some((e) => e.smb?.['command_name'] === 'tree_connect')).toBe(true);
  });

  it('negative: HTTP and SSH on the SMB ports are not taken for SMB', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
