// HART-IP golden scenarios: the shared capture (UDP and TCP sessions), malformed PDUs and
// non-HART-IP datagrams, through the built CLI, event for event against expected.jsonl.
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
  transport: string;
  anomaly?: { name: string };
  hartip?: { message_id_name: string; pdu?: { command_name: string } };
}

const scenarios = goldenScenarios('hartip');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['hartip'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('HART-IP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: a UDP and a TCP session, every message decoded', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'hartip.unauthenticated_session',
      'hartip.unauthenticated_session',
    ]);
    const msgs = events.filter((e) => e.kind !== 'anomaly');
    expect(msgs.filter((e) => e.transport === 'udp')).toHaveLength(24);
    expect(msgs.filter((e) => e.transport === 'tcp')).toHaveLength(24);
    const commands = msgs
      .filter((e) => e.kind === 'hartip.request' && e.hartip?.pdu)
      .map((e) => e.hartip?.pdu?.command_name);
    expect(commands.slice(0, 9)).toEqual([
      'read_unique_identifier',
      'read_primary_variable',
      'read_loop_current_and_percent_of_range',
      'read_dynamic_variables_and_loop_current',
      'read_device_variables_with_status',
      'read_message',
      'read_tag_descriptor_date',
      'read_long_tag',
      'read_additional_device_status',
    ]);
  });

  it('malformed: each broken message is named and decoding goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name)).toEqual([
      'hartip.unauthenticated_session',
      'hartip.device_reset',
      'hartip.checksum_error',
      'hartip.truncated_pdu',
      'hartip.unknown_message',
    ]);
    expect(events.at(-1)?.hartip?.message_id_name).toBe('keep_alive');
  });

  it('negative: text and undefined headers on the HART-IP ports are not taken for it', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
