// MQTT golden scenarios: a normal, a malformed and a negative trace through the built CLI, event
// for event against the reviewed expected.jsonl of each folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenScenarios, runGolden, type GoldenScenario } from '../../helpers/golden.js';

interface Line {
  kind: string;
  proto: string;
  anomaly?: { name: string };
  mqtt?: Record<string, unknown>;
}

const scenarios = goldenScenarios('mqtt');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['mqtt'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
};

describe('MQTT golden scenarios', () => {
  it('has a normal, a malformed and a negative scenario, each with a README', () => {
    expect(scenarios.map((s) => s.name)).toEqual(['malformed', 'negative', 'normal']);
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
      expect(r.actual).toEqual(r.expected);
    },
  );

  it('normal: every 5.0 packet decoded with its properties, credentials masked', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'mqtt.cleartext_credentials',
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly').map((e) => e.kind)).toEqual([
      'mqtt.connect',
      'mqtt.connack',
      'mqtt.publish',
      'mqtt.publish_ack',
      'mqtt.disconnect',
    ]);
    const text = JSON.stringify(events);
    expect(text).not.toContain('"pass"');
    expect(text).toContain('"username_masked":"u***"');
    expect(events.find((e) => e.kind === 'mqtt.publish')?.mqtt).toMatchObject({
      topic: 'topicX',
      qos: 1,
      payload_preview: 'baabaablacksheep',
    });
  });

  it('malformed: a QoS 3 PUBLISH is decoded and named', () => {
    const events = parse(run(scenario('malformed')).actual);
    const names = events.filter((e) => e.anomaly).map((e) => e.anomaly?.name);
    expect(names).toContain('mqtt.invalid_qos');
    expect(events.find((e) => e.kind === 'mqtt.publish')?.mqtt).toMatchObject({ qos: 3 });
  });

  it('negative: scanner probes on TCP 1883 are not taken for MQTT', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
