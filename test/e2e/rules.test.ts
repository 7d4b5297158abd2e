// Detection end to end through the built CLI: the built-in pack passes `rules check --strict` and its own examples; anomaly rules alert on malformed real captures; a correlation across flows gives the same alerts.jsonl with one thread and with two.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/analysis/alerts.js';
import { REPO_ROOT, SHARED_PCAPS, haveSharedPcaps, readJsonl, runCli } from '../helpers/shared.js';

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'palisade-rules-'));

describe('palisade rules check|test', () => {
  it('the built-in pack is valid at the pack bar and every example in it passes', () => {
    const check = runCli(['rules', 'check', '--strict', path.join(REPO_ROOT, 'rules')]);
    expect(check.stderr.split('\n').filter((l) => l.includes(': error:'))).toEqual([]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^ok: \d+ detection rules/);
    const test = runCli(['rules', 'test', path.join(REPO_ROOT, 'rules')]);
    expect(test.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(test.status).toBe(0);
    expect(test.stdout).toMatch(/^ok: \d+ examples of \d+ rules, 0 failing/m);
  });

  it('a broken rule file: exit 1 with file:line:col, rule id, path and what was expected', () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'bad.yml'),
      `title: bad
id: 11111111-2222-4333-8444-555555555555
logsource: {product: palisade}
detection:
  s: {modbus.function_code|gt: many}
  condition: s
tags: [attack.t0855]
`,
    );
    const r = runCli(['rules', 'check', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${path.join(dir, 'bad.yml')}:5:7: error: [11111111-2222-4333-8444-555555555555] detection.s.modbus.function_code|gt: 'gt' takes a number`,
    );
    expect(r.stdout).toBe('1 error, 2 warnings\n');
    // analyze refuses to start on it, before reading any capture.
    const a = runCli(['analyze', '--rules', dir, '--out', tmp(), 'no-such-capture.pcap']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/invalid rules:[\s\S]*bad\.yml:5:7[\s\S]*\(ERR_RULE_INVALID\)/);
  });

  it('a failing example: exit 1 naming the rule and the example', () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'r.yml'),
      `title: write coil
id: 11111111-2222-4333-8444-666666666666
logsource: {product: palisade, service: modbus}
detection:
  s: {kind: modbus.request, modbus.function_code: 5}
  condition: s
level: high
tags: [attack.t0855, attack.impair-process-control]
examples:
  match:
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 6}}
`,
    );
    const r = runCli(['rules', 'test', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `FAIL 11111111-2222-4333-8444-666666666666 (write coil) ${path.join(dir, 'r.yml')}:1 examples.match[0]: did not match the detection`,
    );
  });
});

const SWEEP = `title: Refused or unanswered connection
name: refused_connection
id: 22222222-3333-4444-8555-666666666666
logsource: {product: palisade, category: flow}
detection:
  s: {transport: tcp, conn_state: [REJ, S0]}
  condition: s
level: low
tags: [attack.t0846, attack.discovery]
---
title: Host sweep
id: 22222222-3333-4444-8555-777777777777
level: medium
tags: [attack.t0846, attack.discovery]
correlation:
  type: value_count
  rules: [refused_connection]
  group-by: [src_ip]
  timespan: 1m
  condition: {gte: 5, field: dst_ip}
`;

describe.skipIf(!haveSharedPcaps())('analyze with rules on real captures', () => {
  it('anomaly rules alert on a malformed Modbus capture (built-in pack, by default)', () => {
    const out = tmp();
    const r = runCli([
      'analyze',
      path.join(SHARED_PCAPS, 'modbus/fuzz-72.pcap'),
      '--out',
      out,
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const alerts = readJsonl<Alert>(path.join(out, 'alerts.jsonl'));
    const unknown = alerts.find((a) => a.rule_id === 'ecec525f-6207-4751-a518-e512b3da812f');
    expect(unknown).toMatchObject({
      source: 'rule',
      title: 'Modbus request with an unassigned function code',
      proto: 'modbus',
      technique_ids: ['T0888', 'T0814'],
      count: 12,
    });
    expect(unknown?.evidence.events[0]).toMatchObject({
      kind: 'anomaly',
      anomaly: { name: 'modbus.unknown_function' },
    });
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      counters: Record<string, number>;
      alerts: number;
    };
    expect(summary.counters['rules.loaded']).toBeGreaterThan(400);
    expect(summary.counters['rules.matches']).toBeGreaterThanOrEqual(12);
    expect(summary.alerts).toBe(alerts.length);
    // --no-builtin-rules: no rule alerts at all.
    const none = tmp();
    expect(
      runCli([
        'analyze',
        path.join(SHARED_PCAPS, 'modbus/fuzz-72.pcap'),
        '--out',
        none,
        '--no-builtin-rules',
      ]).status,
    ).toBe(0);
    expect(readJsonl<Alert>(path.join(none, 'alerts.jsonl'))).toEqual([]);
  });

  it('a correlation over flows of many IP pairs: same alerts.jsonl with --workers 1 and 2', () => {
    const rules = tmp();
    writeFileSync(path.join(rules, 'sweep.yml'), SWEEP);
    const capture = path.join(SHARED_PCAPS, 'it-attacks/scans/nmap-vsn.pcap');
    const outs = [1, 2].map((w) => {
      const out = tmp();
      const r = runCli([
        'analyze',
        capture,
        '--out',
        out,
        '--rules',
        rules,
        '--workers',
        String(w),
      ]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(path.join(out, 'alerts.jsonl'), 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    const sweep = (outs[0] ?? '')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Alert)
      .filter((a) => a.rule_id === '22222222-3333-4444-8555-777777777777');
    expect(sweep).toHaveLength(1);
    expect(sweep[0]).toMatchObject({
      src_ip: '192.168.1.71',
      dst_ip: null,
      technique_ids: ['T0846'],
    });
    expect(sweep[0]?.evidence.explanation).toMatch(
      /value_count: 5 distinct dst_ip within 60s \(src_ip=192\.168\.1\.71\)/,
    );
  });

  it('suppressions remove alerts and are counted; expired ones warn', () => {
    const dir = tmp();
    const file = path.join(dir, 'suppress.yml');
    writeFileSync(
      file,
      `- rule_id: ecec525f-6207-4751-a518-e512b3da812f
  reason: fuzzing lab
  expires: 2999-01-01
- src: 0.0.0.0/0
  reason: everything, long ago
  expires: 2001-01-01
`,
    );
    const out = tmp();
    const r = runCli([
      'analyze',
      path.join(SHARED_PCAPS, 'modbus/fuzz-72.pcap'),
      '--out',
      out,
      '--suppress',
      file,
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /warning: .*suppress\.yml:4:3: suppression expired on 2001-01-01, ignored/,
    );
    const alerts = readJsonl<Alert>(path.join(out, 'alerts.jsonl'));
    expect(alerts.some((a) => a.rule_id === 'ecec525f-6207-4751-a518-e512b3da812f')).toBe(false);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
      counters: Record<string, number>;
    };
    expect(summary.counters['rules.suppressed']).toBe(12);
  });
});
