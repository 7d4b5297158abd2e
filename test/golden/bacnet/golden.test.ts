// BACnet golden scenarios: a normal, a malformed and a negative trace through the built CLI, event
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
  bacnet?: Record<string, unknown>;
}

const scenarios = goldenScenarios('bacnet');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['bacnet'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('BACnet golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: a foreign device registers with a BBMD and its broadcasts are forwarded', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const fns = events.map((e) => e.bacnet?.bvlc_function_name);
    expect(fns).toContain('register-foreign-device');
    expect(fns).toContain('bvlc-result');
    expect(fns).toContain('forwarded-npdu');
    expect(fns).toContain('distribute-broadcast-to-network');
    expect(events.find((e) => e.bacnet?.service === 'i-am')?.bacnet).toMatchObject({
      object_type_name: 'device',
    });
  });

  it('malformed: an NPDU of version 16 and a cut NPDU are named, DCC and reinit flagged', () => {
    const events = parse(run(scenario('malformed')).actual);
    const names = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(names).toContain('bacnet.invalid_npdu');
    expect(names).toContain('bacnet.truncated');
    expect(names).toContain('bacnet.communication_disabled');
    expect(names).toContain('bacnet.device_reinitialized');
  });

  it('negative: BACnet over ARCNET (no IP) gives no BACnet/IP event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
