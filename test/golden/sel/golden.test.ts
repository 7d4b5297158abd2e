// SEL golden scenarios: a master polling a relay and operating a breaker and a remote bit over
// Telnet, broken checksums and lengths, and a plain Telnet login, through the built CLI, event
// for event against the reviewed expected.jsonl. The inputs are written by gen-inputs.ts.
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
  sel?: Record<string, unknown>;
}

const scenarios = goldenScenarios('sel');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['sel'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('SEL golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: polls, relay definition, operations and Fast Messages, with the operations flagged', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(
      events.filter((e) => e.kind === 'sel.message').map((e) => e.sel?.message_type_name),
    ).toEqual([
      'relay_definition',
      'relay_definition',
      'fast_operate_remote_bit',
      'fast_operate_breaker_bit',
      'fast_message',
      'fast_message',
    ]);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.detail)).toEqual([
      'RB03 set',
      'breaker 1 open',
      '1 registers at 0x10',
    ]);
  });

  it('malformed: a bad checksum, a bad CRC and a short length are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'sel.checksum_error',
      'sel.crc_error',
      'sel.invalid_length',
    ]);
  });

  it('negative: a Telnet login on port 23 is not taken for SEL', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
