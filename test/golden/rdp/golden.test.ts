// RDP golden scenarios: real xfreerdp/xrdp and nmap sessions (normal: Standard RDP Security with
// client and server data, a TLS negotiation, security-layer enumeration with refusals), hostile and
// broken connection requests, and non-RDP traffic on 3389, through the built CLI, event for
// event against the reviewed expected.jsonl.
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
  rdp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('rdp');
// One CLI run per scenario, shared by the checks below (the CLI is the slow part).
const runs = new Map<string, ReturnType<typeof runGolden>>();
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => {
  const cached = runs.get(s.name);
  if (cached) return cached;
  const r = runGolden(s, { protos: ['rdp'] });
  runs.set(s.name, r);
  return r;
};
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const kinds = (ls: Line[]): string[] =>
  ls.map((e) => (e.kind === 'anomaly' ? `anomaly:${e.anomaly?.name}` : e.kind));

describe('RDP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: Standard RDP Security with client and server data, TLS, refusals', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(kinds(events).slice(0, 8)).toEqual([
      'rdp.connection_request',
      'rdp.connection_confirm',
      'rdp.tls_start',
      'rdp.connection_request',
      'rdp.connection_confirm',
      'anomaly:rdp.standard_security',
      'rdp.client_data',
      'rdp.server_data',
    ]);
    expect(events[6]?.rdp?.client_name).toBe('vm');
    expect(events[7]?.rdp?.encryption_method_name).toBe('128bit');
    const failures = events.filter(
      (e) => e.kind === 'anomaly' && e.anomaly?.name === 'rdp.negotiation_failed',
    );
    expect(failures).toHaveLength(3);
  });

  it('malformed: long cookie, restricted admin, unrequested protocol, no CR LF, TLS after standard, LI overrun', () => {
    const names = parse(run(scenario('malformed')).actual)
      .filter((e) => e.kind === 'anomaly')
      .map((e) => e.anomaly?.name);
    expect(names).toEqual([
      'rdp.cookie_too_long',
      'rdp.restricted_admin_requested',
      'rdp.malformed_negotiation',
      'rdp.malformed_negotiation',
      'rdp.standard_security',
      'rdp.malformed_tpkt',
      'rdp.malformed_x224',
    ]);
  });

  it('negative: HTTP and an S7comm connection request on 3389 are not RDP', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
