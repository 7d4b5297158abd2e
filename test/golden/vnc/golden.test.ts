// VNC golden scenarios: real TigerVNC sessions (VNC authentication, None over 3.3/3.7/3.8,
// VeNCrypt TLS), hostile ones (nmap brute force and the server's refusals, a wrong password,
// VeNCrypt Plain credentials in clear, broken handshakes) and non-VNC traffic on VNC ports,
// through the built CLI, event for event against the reviewed expected.jsonl.
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
  vnc?: Record<string, unknown>;
}

const scenarios = goldenScenarios('vnc');
// One CLI run per scenario, shared by the checks below (the CLI is the slow part).
const runs = new Map<string, ReturnType<typeof runGolden>>();
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => {
  const cached = runs.get(s.name);
  if (cached) return cached;
  const r = runGolden(s, { protos: ['vnc'] });
  runs.set(s.name, r);
  return r;
};
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const count = (ls: Line[], kind: string): number => ls.filter((e) => e.kind === kind).length;

describe('VNC golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: six sessions with their versions, choices, results and ServerInit', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(count(events, 'vnc.version')).toBe(12);
    expect(count(events, 'vnc.server_init')).toBe(5);
    expect(count(events, 'vnc.tls_start')).toBe(1);
    const names = events
      .filter((e) => e.kind === 'vnc.server_init')
      .map((e) => e.vnc?.desktop_name);
    expect(names).toContain('plant-hmi');
    const anomalies = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(new Set(anomalies)).toEqual(new Set(['vnc.no_authentication']));
  });

  it('malformed: brute force, refusals, cleartext credentials, broken handshakes', () => {
    const names = new Set(
      parse(run(scenario('malformed')).actual)
        .filter((e) => e.kind === 'anomaly')
        .map((e) => e.anomaly?.name),
    );
    expect(names).toEqual(
      new Set([
        'vnc.auth_failed',
        'vnc.connection_refused',
        'vnc.cleartext_credentials',
        'vnc.malformed_handshake',
        'vnc.no_authentication',
        'vnc.objects_limit_reached',
        'vnc.unknown_message',
      ]),
    );
    expect(run(scenario('malformed')).actual.join('\n')).not.toContain('Hunter2');
  });

  it('negative: HTTP and a non-version RFB line on VNC ports are not VNC', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
