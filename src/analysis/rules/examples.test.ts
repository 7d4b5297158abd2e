// `rules test`: examples of detection and correlation rules pass when right and fail, with the reason, when wrong.
import { describe, expect, it } from 'vitest';
import { runExamples } from './examples.js';
import { packOf } from '../../../test/helpers/rules.js';

const RULE = `title: Modbus write
name: mb_write
id: dddddddd-0000-4000-8000-000000000001
logsource: {product: palisade, service: modbus}
detection:
  s: {kind: modbus.request, modbus.function_code: [5, 6]}
  condition: s
level: high
tags: [attack.t0855, attack.impair-process-control]
examples:
  match:
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 5}}
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 3}}
    - {kind: modbus.request, modbus: {function_code: 6}}
  no_match:
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 3}}
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 6}}
`;

const CORR = `---
title: Writes to many units
id: dddddddd-0000-4000-8000-000000000002
level: high
tags: [attack.t0855, attack.impair-process-control]
correlation:
  type: value_count
  rules: [mb_write]
  group-by: [src_ip]
  timespan: 1m
  condition: {gte: 3, field: modbus.unit_id}
examples:
  match:
    - - {ts: '2024-01-01T00:00:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 1}}
      - {ts: '2024-01-01T00:00:10.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 2}}
      - {ts: '2024-01-01T00:00:20.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 6, unit_id: 3}}
    - - {ts: '2024-01-01T00:00:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 1}}
  no_match:
    - - {ts: '2024-01-01T00:00:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 1}}
      - {ts: '2024-01-01T00:05:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 2}}
      - {ts: '2024-01-01T00:10:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 3}}
    - - {ts: '2024-01-01T00:00:00.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 1}}
      - {ts: '2024-01-01T00:00:01.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 2}}
      - {ts: '2024-01-01T00:00:02.000000Z', kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5, unit_id: 3}}
`;

describe('runExamples', () => {
  it('reports each failing example with its list, index and reason', () => {
    const res = runExamples(packOf(RULE + CORR));
    expect(res.rules).toBe(2);
    expect(res.examples).toBe(9);
    expect(res.failures.map((f) => [f.rule, f.list, f.index, f.message])).toEqual([
      ['dddddddd-0000-4000-8000-000000000001', 'match', 1, 'did not match the detection'],
      [
        'dddddddd-0000-4000-8000-000000000001',
        'match',
        2,
        "matched the detection but not the log source: the event needs proto 'modbus'",
      ],
      ['dddddddd-0000-4000-8000-000000000001', 'no_match', 1, 'matched, and must not'],
      [
        'dddddddd-0000-4000-8000-000000000002',
        'match',
        1,
        'did not fire (1 match of the correlated rules)',
      ],
      ['dddddddd-0000-4000-8000-000000000002', 'no_match', 1, 'fired, and must not'],
    ]);
    expect(res.failures[0]).toMatchObject({ file: 'test.yml', line: 1, title: 'Modbus write' });
  });

  it('passes when every example behaves', () => {
    const fixed = RULE.replace(
      / {4}- \{kind: modbus.request, proto: modbus, modbus: \{function_code: 3\}\}\n {4}- \{kind: modbus.request, modbus: \{function_code: 6\}\}\n/,
      '',
    ).replace(/ {4}- \{kind: modbus.request, proto: modbus, modbus: \{function_code: 6\}\}\n/, '');
    const corr = CORR.replace(
      / {4}- - \{ts: '2024-01-01T00:00:00.000000Z'[^\n]*\n {2}no_match:/,
      '  no_match:',
    ).replace(
      /\n {4}- - \{ts: '2024-01-01T00:00:00.000000Z'[^\n]*\n {6}- \{ts: '2024-01-01T00:00:01[^\n]*\n[^\n]*\n$/,
      '\n',
    );
    const res = runExamples(packOf(fixed + corr));
    expect(res.failures).toEqual([]);
    expect(res.examples).toBe(4);
  });

  it('applies filters to examples, as analysis does', () => {
    const filtered = `${RULE.replace(/ {4}- \{kind: modbus.request, proto: modbus, modbus: \{function_code: 3\}\}\n {4}- \{kind: modbus.request, modbus: \{function_code: 6\}\}\n/, '')}---
title: no writes from the engineering station
logsource: {product: palisade, service: modbus}
filter:
  rules: [mb_write]
  selection: {src_ip: 10.0.0.5}
  condition: not selection
`;
    const res = runExamples(
      packOf(
        filtered.replace(
          '{kind: modbus.request, proto: modbus, modbus: {function_code: 5}}',
          '{kind: modbus.request, proto: modbus, src_ip: 10.0.0.5, modbus: {function_code: 5}}',
        ),
      ),
    );
    expect(res.failures.map((f) => f.message)).toEqual([
      'matched the detection, but a filter removed it',
      'matched, and must not',
    ]);
  });
});
