// TLS golden scenarios: a real HTTPS exchange with a client-certificate request, malformed and
// hostile records on TCP 443, and non-TLS traffic on TLS ports, through the built CLI, event for
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
  tls?: Record<string, unknown>;
}

const scenarios = goldenScenarios('tls');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['tls'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('TLS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: three handshakes with SNI, certificates and the client giving up', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'tls.client_hello').map((e) => e.tls?.sni)).toEqual([
      'smp.threebeesco.com',
      'smp.threebeesco.com',
      'smp.threebeesco.com',
    ]);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'tls.fatal_alert',
      'tls.fatal_alert',
    ]);
  });

  it('malformed: SSLv2, weak negotiation, Heartbleed, a broken record and a recovery', () => {
    const names = parse(run(scenario('malformed')).actual)
      .filter((e) => e.kind === 'anomaly')
      .map((e) => e.anomaly?.name);
    expect(names).toEqual([
      'tls.sslv2_client_hello',
      'tls.weak_version_offered',
      'tls.weak_cipher_offered',
      'tls.fatal_alert',
      'tls.weak_version_negotiated',
      'tls.weak_cipher_negotiated',
      'tls.heartbleed',
      'tls.malformed_record',
      'tls.fatal_alert',
      'tls.fatal_alert',
    ]);
  });

  it('negative: plain HTTP on 443 and junk on 8443 are not TLS', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
