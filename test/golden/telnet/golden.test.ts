// Telnet golden scenarios: real GNU inetutils telnetd sessions (a login with commands, a failed
// login, a login with the user sent as NEW-ENVIRON USER), a hostile client typing one key per
// segment after broken option sequences on port 2323, and HTTP / SSH on Telnet ports, through
// the built CLI, event for event against the reviewed expected.jsonl.
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
  telnet?: Record<string, unknown>;
}

const scenarios = goldenScenarios('telnet');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['telnet'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const of = (events: Line[], kind: string): Record<string, unknown>[] =>
  events.filter((e) => e.kind === kind).map((e) => e.telnet ?? {});

describe('Telnet golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: three sessions, logins with their outcome, commands, the USER variable', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(of(events, 'telnet.login_result').map((r) => [r.user, r.success])).toEqual([
      ['alice', true],
      ['alice', false],
      ['alice', true],
    ]);
    expect(of(events, 'telnet.command').map((c) => c.line)).toEqual([
      'id',
      'uname -a',
      'cat /etc/hostname',
      'exit',
      'ls /tmp/gen/root',
      'exit',
    ]);
    const neg = of(events, 'telnet.negotiation');
    expect(neg.map((n) => n.terminal_type).filter(Boolean)).toEqual(['XTERM', 'XTERM', 'XTERM']);
    expect(neg.map((n) => n.env_user).filter(Boolean)).toEqual(['alice']);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual(
      Array<string>(3).fill('telnet.cleartext_credentials'),
    );
    expect(JSON.stringify(events)).not.toContain('Secr3t');
  });

  it('malformed: broken option sequences are named; keys sent one per segment still make lines', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'telnet.malformed_command',
      'telnet.malformed_subnegotiation',
      'telnet.subnegotiation_too_long',
      'telnet.malformed_subnegotiation',
      'telnet.malformed_command',
      'telnet.cleartext_credentials',
    ]);
    expect(of(events, 'telnet.login')).toEqual([{ user: 'alice', password_present: true }]);
    expect(of(events, 'telnet.command').map((c) => c.line)).toEqual(['id', 'exit']);
  });

  it('negative: HTTP on port 23 and SSH on 2323 are not taken for Telnet', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
