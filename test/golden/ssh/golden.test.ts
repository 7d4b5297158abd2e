// SSH golden scenarios: an OpenSSH key exchange, hostile and broken sessions (SSH-1, a banner
// grabber, a 2 GiB packet, password guessing), and non-SSH text on SSH ports, through the built
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
  anomaly?: { name: string };
  ssh?: Record<string, unknown>;
}

const scenarios = goldenScenarios('ssh');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['ssh'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('SSH golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: banners, both KEXINITs with HASSH, ECDH, NEWKEYS, then encrypted', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.map((e) => e.kind)).toEqual([
      'ssh.banner',
      'ssh.banner',
      'ssh.kexinit',
      'ssh.kexinit',
      'ssh.message',
      'ssh.message',
      'ssh.message',
      'ssh.encrypted',
    ]);
    expect(typeof events[2]?.ssh?.hassh).toBe('string');
    expect(typeof events[3]?.ssh?.hassh_server).toBe('string');
  });

  it('malformed: SSH-1, a non-SSH client, and a broken packet', () => {
    const names = parse(run(scenario('malformed')).actual)
      .filter((e) => e.kind === 'anomaly')
      .map((e) => e.anomaly?.name);
    expect(names).toEqual(['ssh.v1_protocol', 'ssh.not_ssh_client', 'ssh.malformed_packet']);
  });

  it('negative: a login prompt and an SSH-9 line are not SSH', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
