// ADS golden scenarios: a normal TwinCAT session with discovery and add route, a malformed AMS/TCP
// session and non-ADS traffic on the ADS ports, through the built CLI, event for event against
// the reviewed expected.jsonl.
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
  anomaly?: { name: string; detail?: string };
  ads?: Record<string, unknown>;
}

const scenarios = goldenScenarios('ads');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['ads'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('ADS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: add route flagged, discovery and every AMS packet decoded, responses paired', () => {
    const events = parse(run(scenario('normal')).actual);
    const anomalies = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(anomalies[0]).toBe('ads.route_add');
    expect(anomalies.slice(1).every((a) => a === 'ads.error_response')).toBe(true);
    const routes = events.filter((e) => e.kind === 'ads.route');
    expect(routes.map((e) => [e.ads?.service, e.ads?.response])).toEqual([
      ['add_route', false],
      ['add_route', true],
      ['discovery', false],
      ['discovery', true],
    ]);
    expect(JSON.stringify(routes)).not.toMatch(/"password"/);
    const ams = events.filter((e) => e.kind === 'ads.request' || e.kind === 'ads.response');
    expect(ams).toHaveLength(41);
    expect(ams.find((e) => e.ads?.device_name === 'PLC Server')?.ads?.version).toBe('2.11.2103');
  });

  it('malformed: a WriteControl to STOP, a length mismatch and an AMS error are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'ads.state_change',
      'ads.length_mismatch',
      'ads.error_response',
    ]);
    expect(events.find((e) => e.ads?.command === 'WriteControl')?.ads?.ads_state_name).toBe('STOP');
  });

  it('negative: HTTP on TCP 48898 and text on UDP 48899 are not taken for ADS', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
