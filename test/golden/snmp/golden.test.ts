// SNMP golden scenarios: Net-SNMP v1/v2c/v3 traffic with traps and informs, attack patterns and
// crafted broken messages, and other protocols on UDP 161/162, through the built CLI, event for
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
  snmp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('snmp');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['snmp'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const anomalies = (events: Line[]): string[] =>
  [...new Set(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name ?? ''))].sort();

describe('SNMP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every PDU type and version, credentials masked, only the expected anomalies', () => {
    const r = run(scenario('normal'));
    const events = parse(r.actual);
    const pdus = new Set(events.map((e) => e.snmp?.pdu_name).filter((n) => n !== undefined));
    expect([...pdus].sort()).toEqual([
      'get_bulk_request',
      'get_next_request',
      'get_request',
      'inform_request',
      'report',
      'response',
      'set_request',
      'snmpv2_trap',
      'trap',
    ]);
    expect(events.filter((e) => e.kind === 'snmp.encrypted').length).toBe(5);
    expect(anomalies(events)).toEqual([
      'snmp.cleartext_community',
      'snmp.default_community',
      'snmp.set_default_community',
      'snmp.usm_authentication_failure',
      'snmp.v3_no_auth',
    ]);
    const text = r.actual.join('\n');
    for (const c of ['"public"', 'private"', 'plantRW2024', 's3cr3tRO', 'wrongcommunity']) {
      expect(text).not.toContain(c);
    }
  });

  it('malformed: attack patterns and broken encodings are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(anomalies(events)).toEqual([
      'snmp.authentication_failure_trap',
      'snmp.cleartext_community',
      'snmp.default_community',
      'snmp.invalid_msg_flags',
      'snmp.invalid_msg_max_size',
      'snmp.large_max_repetitions',
      'snmp.malformed_ber',
      'snmp.set_default_community',
      'snmp.too_many_varbinds',
      'snmp.trailing_bytes',
      'snmp.unknown_pdu_type',
      'snmp.unknown_version',
      'snmp.usm_authentication_failure',
    ]);
  });

  it('negative: other protocols on UDP 161/162 give no SNMP line', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
