// Kerberos golden scenarios: an MIT KDC session (UDP, TCP, kpasswd), hand-made malformed
// messages and non-Kerberos traffic on ports 88 and 464, through the built CLI, event for event
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
  frame: number;
  anomaly?: { name: string };
  kerberos?: Record<string, unknown>;
  kpasswd?: Record<string, unknown>;
}

const scenarios = goldenScenarios('kerberos');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['kerberos'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('Kerberos golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every exchange decoded, AS-REP roasting and the RC4 downgrade flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(
      events.filter((e) => e.kind === 'anomaly').map((e) => [e.frame, e.anomaly?.name]),
    ).toEqual([
      [8, 'kerberos.asrep_without_preauth'],
      [45, 'kerberos.weak_etype_requested'],
    ]);
    const msgs = events.filter((e) => e.kind !== 'anomaly');
    expect(msgs.map((e) => e.kind)).toEqual([
      ...['kerberos.as_req', 'kerberos.error', 'kerberos.as_req', 'kerberos.as_rep'],
      ...['kerberos.tgs_req', 'kerberos.tgs_rep', 'kerberos.as_req', 'kerberos.as_rep'],
      ...['kerberos.as_req', 'kerberos.error', 'kerberos.as_req', 'kerberos.error'],
      ...['kerberos.as_req', 'kerberos.error'],
      ...['kerberos.as_req', 'kerberos.error', 'kerberos.as_req', 'kerberos.as_rep'],
      ...['kerberos.tgs_req', 'kerberos.tgs_rep', 'kerberos.as_req', 'kerberos.error'],
      ...['kerberos.as_req', 'kerberos.error', 'kerberos.as_req', 'kerberos.as_rep'],
      ...['kerberos.ap_req', 'kerberos.priv', 'kerberos.ap_rep', 'kerberos.priv'],
    ]);
    expect(msgs.filter((e) => e.kerberos?.transport === 'tcp')).toHaveLength(10);
    expect(msgs.filter((e) => e.kpasswd !== undefined)).toHaveLength(4);
    expect(msgs.map((e) => e.kerberos?.error_name).filter((x) => x !== undefined)).toEqual([
      'KDC_ERR_PREAUTH_REQUIRED',
      'KDC_ERR_C_PRINCIPAL_UNKNOWN',
      'KDC_ERR_PREAUTH_REQUIRED',
      'KDC_ERR_PREAUTH_FAILED',
      'KDC_ERR_PREAUTH_REQUIRED',
      'KDC_ERR_ETYPE_NOSUPP',
      'KDC_ERR_PREAUTH_REQUIRED',
    ]);
    // No password of the make-capture script and no cipher text reaches an event.
    const text = JSON.stringify(events);
    for (const secret of ['Winter2026', 'Summer2026', 'Spring2027x', 'cipher']) {
      expect(text).not.toContain(secret);
    }
  });

  it('malformed: each defect named, decoding goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(
      events.filter((e) => e.kind === 'anomaly').map((e) => [e.frame, e.anomaly?.name]),
    ).toEqual([
      [2, 'kerberos.weak_etype_requested'],
      [3, 'kerberos.limit_reached'],
      [4, 'kerberos.malformed'],
      [5, 'kerberos.malformed'],
      [6, 'kerberos.bad_pvno'],
      [7, 'kerberos.pac_excluded'],
      [8, 'kerberos.cleartext_credentials'],
      [9, 'kerberos.malformed'],
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly')).toHaveLength(9);
  });

  it('negative: HTTP, DNS, text and zeros on ports 88 and 464 give no Kerberos event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
