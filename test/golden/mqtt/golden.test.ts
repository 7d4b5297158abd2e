// MQTT golden scenarios: a normal, a malformed and a negative trace through the built CLI, event
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
  mqtt?: Record<string, unknown>;
}

const scenarios = goldenScenarios('mqtt');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['mqtt'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('MQTT golden scenarios', () => {
  goldenBasics(scenarios, run);

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
