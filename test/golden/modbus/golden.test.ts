// Modbus golden scenarios: a normal, a malformed and a negative trace through the built CLI,
// event for event against the reviewed expected.jsonl of each folder (test/helpers/golden.ts;
// rewrite them with PALISADE_GOLDEN_UPDATE=1 and review the diff).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenScenarios, runGolden, type GoldenScenario } from '../../helpers/golden.js';

interface Line {
  kind: string;
  proto: string;
  src_port: number;
  dst_port: number;
  anomaly?: { name: string };
  modbus?: {
    function: string;
    address?: number;
    sub_function_name?: string;
    run_indicator?: string;
    additional_text?: string;
  };
}

const scenarios = goldenScenarios('modbus');
/** Modbus events only: the scenarios do not change when other decoders claim other flows. */
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['modbus'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const byName = (name: string): Line[] => {
  const s = scenarios.find((x) => x.name === name);
  return parse(s ? run(s).actual : []);
};

describe('Modbus golden scenarios', () => {
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
      expect(r.expected.length).toBeGreaterThan(0);
      expect(r.actual).toEqual(r.expected);
    },
  );

  it('normal: every request answered and named, no anomaly', () => {
    const events = byName('normal');
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const requests = events.filter((e) => e.kind === 'modbus.request');
    expect(requests.length).toBe(16);
    expect(events.length).toBe(2 * requests.length);
    const subs = new Set(events.map((e) => e.modbus?.sub_function_name));
    for (const n of [
      'force_listen_only_mode',
      'restart_communications_option',
      'clear_counters_and_diagnostic_register',
    ])
      expect(subs.has(n), n).toBe(true);
    expect(
      events.find((e) => e.modbus?.function === 'report_server_id' && e.modbus.run_indicator),
    ).toMatchObject({ modbus: { run_indicator: 'on', additional_text: 'Wingpath Limited' } });
    // Responses carry their request's address.
    const reads = events.filter(
      (e) => e.kind === 'modbus.response' && e.modbus?.function === 'read_holding_registers',
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.modbus?.address !== undefined)).toBe(true);
  });

  it('malformed: each broken PDU is named, decoding goes on after a stray protocol id', () => {
    const events = byName('malformed');
    const names = new Set(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name));
    for (const n of [
      'modbus.length_mismatch',
      'modbus.response_without_request',
      'modbus.invalid_protocol_id',
    ])
      expect(names.has(n), n).toBe(true);
    // The segment after the stray bytes is decoded again.
    const last = events.filter((e) => e.kind !== 'anomaly').at(-1);
    expect(last?.modbus?.function).toBe('reserved');
    // Nothing of the connection with an out-of-range first header is Modbus.
    expect(events.some((e) => e.src_port === 2585 || e.dst_port === 2585)).toBe(false);
  });

  it('negative: only the Modbus conversation on port 502 is decoded', () => {
    const events = byName('negative');
    expect(events.length).toBe(12);
    expect(events.every((e) => e.src_port === 3082 || e.dst_port === 3082)).toBe(true);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
  });
});
