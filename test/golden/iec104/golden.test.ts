// IEC 104 golden scenarios: a normal, a malformed and a negative trace through the built CLI,
// event for event against the reviewed expected.jsonl of each folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenScenarios, runGolden, type GoldenScenario } from '../../helpers/golden.js';

interface Line {
  kind: string;
  proto: string;
  anomaly?: { name: string };
}

const scenarios = goldenScenarios('iec104');
/** IEC 104 events, and Modbus ones for the scenario where Modbus runs on port 2404. */
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['iec104', 'modbus'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);

describe('IEC 104 golden scenarios', () => {
  it('has a normal, a malformed and a negative scenario, each with a README', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'interrogation-and-commands',
      'modbus-and-others-on-port-2404',
      'stray-octets',
    ]);
    for (const s of scenarios) {
      const readme = path.join(s.dir, 'README.md');
      expect(existsSync(readme), readme).toBe(true);
      expect(readFileSync(readme, 'utf8')).toMatch(/What this proves/);
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: events equal expected.jsonl',
    (_n, s) => {
      const r = run(s);
      expect(r.status, r.stderr).toBe(0);
      expect(r.expected.length).toBeGreaterThan(0);
      expect(r.actual).toEqual(r.expected);
    },
  );

  it('normal: every APDU decoded, no anomaly', () => {
    const s = scenarios.find((x) => x.name === 'interrogation-and-commands');
    const events = parse(s ? run(s).actual : []);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['iec104.unnumbered', 'iec104.supervisory', 'iec104.monitor', 'iec104.command'])
      expect(kinds.has(k), k).toBe(true);
  });

  it('malformed: stray octets are skipped and named, the APDUs after them decoded', () => {
    const s = scenarios.find((x) => x.name === 'stray-octets');
    const events = parse(s ? run(s).actual : []);
    const names = new Set(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name));
    for (const n of [
      'iec104.invalid_start',
      'iec104.truncated_asdu',
      'iec104.invalid_control_field',
    ])
      expect(names.has(n), n).toBe(true);
    expect(events.some((e) => e.kind === 'iec104.asdu')).toBe(true);
    expect(events.filter((e) => e.kind === 'iec104.unnumbered').length).toBeGreaterThan(3);
  });

  it('negative: nothing on port 2404 but Modbus is decoded, and not as IEC 104', () => {
    const s = scenarios.find((x) => x.name === 'modbus-and-others-on-port-2404');
    const events = parse(s ? run(s).actual : []);
    expect(events.some((e) => e.proto === 'iec104')).toBe(false);
    expect(events.filter((e) => e.proto === 'modbus').length).toBeGreaterThan(5);
  });
});
