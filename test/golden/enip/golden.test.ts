// EtherNet/IP golden scenarios: a normal, a malformed and a negative trace through the built CLI,
// event for event against the reviewed expected.jsonl of each folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenScenarios, runGolden, type GoldenScenario } from '../../helpers/golden.js';

interface Line {
  kind: string;
  proto: string;
  frame: number;
  transport: string;
  anomaly?: { name: string };
  enip?: { command?: number; connection_id?: number };
  cip?: { service: number; is_response: boolean; class_id?: number };
}

const scenarios = goldenScenarios('enip');
/** EtherNet/IP events, and Modbus ones for the scenario where Modbus runs on port 44818. */
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['enip', 'modbus'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const byName = (name: string): Line[] => {
  const s = scenarios.find((x) => x.name === name);
  return parse(s ? run(s).actual : []);
};

describe('EtherNet/IP golden scenarios', () => {
  it('has a normal, a malformed and a negative scenario, each with a README', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'explicit-and-io',
      'malformed-messages',
      'others-on-port-44818',
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

  it('normal: explicit messages over TCP, ListIdentity, I/O over UDP 2222, no anomaly', () => {
    const events = byName('explicit-and-io');
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['enip.request', 'enip.response', 'enip.embedded', 'enip.io'])
      expect(kinds.has(k), k).toBe(true);
    expect(events.filter((e) => e.kind === 'enip.io').every((e) => e.transport === 'udp')).toBe(
      true,
    );
    expect(events.some((e) => e.enip?.command === 0x63)).toBe(true);
    // Every reply was paired with its request: it names the class of the request path.
    const replies = events.filter((e) => e.cip?.is_response === true);
    expect(replies.length).toBeGreaterThan(5);
    expect(replies.every((e) => e.cip?.class_id !== undefined)).toBe(true);
  });

  it('malformed: each broken message is named, the session decodes on', () => {
    const events = byName('malformed-messages');
    const names = new Set(events.filter((e) => e.anomaly).map((e) => e.anomaly?.name));
    for (const n of [
      'enip.invalid_options',
      'enip.epath_malformed',
      'enip.unknown_command',
      'enip.cpf_malformed',
      'enip.cip_truncated',
      'enip.response_service_mismatch',
    ])
      expect(names.has(n), n).toBe(true);
    // The messages after the broken ones are still decoded.
    const last = Math.max(...events.filter((e) => e.kind === 'enip.response').map((e) => e.frame));
    expect(last).toBe(32);
  });

  it('negative: TLS, HTTP and RPC on port 44818 are not EtherNet/IP; Modbus there is Modbus', () => {
    const events = byName('others-on-port-44818');
    expect(events.some((e) => e.proto === 'enip')).toBe(false);
    expect(events.filter((e) => e.proto === 'modbus').length).toBeGreaterThan(5);
  });
});
