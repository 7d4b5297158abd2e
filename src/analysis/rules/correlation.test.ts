// Correlation rules: every type, group-by and aliases, sliding and closing windows, generate, input order and bounded state.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { correlate, type CorrelationLimits } from './correlation.js';
import { compilePack } from './pack.js';
import { RuleEngine } from './rule-engine.js';
import { toRecords, type MatchRecord } from './records.js';
import { packOf } from '../../../test/helpers/rules.js';

const BASE = `title: Modbus write
name: mb_write
id: bbbbbbbb-0000-4000-8000-000000000001
logsource: {product: palisade, service: modbus}
detection:
  s: {kind: modbus.request, modbus.function_code: [5, 6]}
  condition: s
level: medium
tags: [attack.t0855, attack.impair-process-control]
---
title: Modbus read
name: mb_read
id: bbbbbbbb-0000-4000-8000-000000000002
logsource: {product: palisade, service: modbus}
detection:
  s: {kind: modbus.request, modbus.function_code: 3}
  condition: s
level: low
tags: [attack.t0801, attack.collection]
---
title: Connection refused
name: refused
id: bbbbbbbb-0000-4000-8000-000000000003
logsource: {product: palisade, category: flow}
detection:
  s: {conn_state: [REJ, S0]}
  condition: s
level: low
tags: [attack.t0846, attack.discovery]
`;

function correlation(body: string, extra = ''): string {
  return `${BASE}---
title: The correlation
id: cccccccc-0000-4000-8000-000000000001
level: high
tags: [attack.t0855, attack.impair-process-control]
${extra}correlation:
${body}`;
}

/** A Modbus request line at second `t` (of 2024-01-01T00:00:00Z). */
function mb(
  t: number,
  fc: number,
  src = '10.0.0.5',
  dst = '10.0.0.9',
  unit = 1,
): Record<string, unknown> {
  const d = new Date(Date.UTC(2024, 0, 1) + t * 1000).toISOString().replace('Z', '000Z');
  return {
    ts: d,
    frame: t + 1,
    proto: 'modbus',
    kind: 'modbus.request',
    src_ip: src,
    dst_ip: dst,
    flow: `1:${t + 1}`,
    modbus: { function_code: fc, unit_id: unit },
  };
}

function flow(
  t: number,
  src: string,
  dst: string,
  port: number,
  state = 'REJ',
): Record<string, unknown> {
  return {
    id: `1:${t + 1}`,
    ts: new Date(Date.UTC(2024, 0, 1) + t * 1000).toISOString().replace('Z', '000Z'),
    transport: 'tcp',
    src_ip: src,
    src_port: 40000 + t,
    dst_ip: dst,
    dst_port: port,
    conn_state: state,
    history: 'Sr',
    first_frame: t + 1,
    last_frame: t + 2,
  };
}

/** Runs lines through the engine (base matches recorded), then correlates; returns the alerts. */
function run(
  text: string,
  lines: Record<string, unknown>[],
  opts: { shuffle?: boolean; limits?: Partial<CorrelationLimits>; counters?: Counters } = {},
) {
  const counters = opts.counters ?? new Counters();
  const pack = packOf(text);
  const e = new RuleEngine({ pack, counters });
  for (const l of lines) e.evaluateLine(l);
  const records: MatchRecord[] = toRecords(e.report().records);
  if (opts.shuffle) records.reverse();
  const alerts = correlate(compilePack(pack), records, counters, opts.limits ?? {});
  return { alerts, engineAlerts: e.alertList(), counters };
}

describe('event_count', () => {
  const text = correlation(
    '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 10s\n  condition: {gte: 3}\n',
  );
  it('fires when a group reaches the count within the timespan, and starts again', () => {
    const lines = [mb(0, 5), mb(4, 6), mb(8, 5), mb(9, 5), mb(30, 5), mb(31, 5), mb(32, 5)];
    const { alerts, engineAlerts } = run(text, lines);
    expect(alerts.map((a) => [a.candidate.frame, a.subject])).toEqual([
      [1, '10.0.0.5'],
      [31, '10.0.0.5'],
    ]);
    const c = alerts[0]!.candidate;
    expect(c).toMatchObject({
      rule_id: 'cccccccc-0000-4000-8000-000000000001',
      severity: 'high',
      technique_ids: ['T0855'],
      src_ip: '10.0.0.5',
      dst_ip: '10.0.0.9',
      proto: 'modbus',
    });
    expect(c.evidence.frames).toEqual([1, 5, 9]);
    expect(c.evidence.events).toHaveLength(3);
    expect(c.evidence.explanation).toMatch(
      /event_count: 3 matches within 10s \(src_ip=10\.0\.0\.5\)/,
    );
    // The base rule does not alert on its own (no generate).
    expect(engineAlerts).toEqual([]);
  });
  it('does not fire when the matches are spread wider than the timespan', () => {
    expect(run(text, [mb(0, 5), mb(6, 5), mb(12, 5), mb(18, 5)]).alerts).toEqual([]);
  });
  it('counts groups apart', () => {
    const lines = [mb(0, 5, 'a'), mb(1, 5, 'b'), mb(2, 5, 'a'), mb(3, 5, 'b'), mb(4, 5, 'a')];
    expect(run(text, lines).alerts.map((a) => a.subject)).toEqual(['a']);
  });
  it('gives the same alerts whatever order the records arrive in (capture time decides)', () => {
    const lines = [mb(0, 5), mb(4, 6), mb(8, 5), mb(9, 5), mb(30, 5), mb(31, 5), mb(32, 5)];
    const a = run(text, lines).alerts;
    const b = run(text, lines, { shuffle: true }).alerts;
    expect(b).toEqual(a);
  });
  it('lt closes windows: fewer than N matches in the window opened by the first', () => {
    const few = correlation(
      '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 10s\n  condition: {lt: 3}\n',
    );
    const { alerts } = run(few, [mb(0, 5), mb(1, 5), mb(20, 5), mb(21, 5), mb(22, 5), mb(23, 5)]);
    // Window [0, 10]: 2 matches (fires); window from 20: 4 matches (does not).
    expect(alerts.map((a) => a.candidate.frame)).toEqual([1]);
  });
  it('generate: true lets the base rule alert too', () => {
    const gen = correlation(
      '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 10s\n  condition: {gte: 3}\n',
      'generate: true\n',
    );
    expect(run(gen, [mb(0, 5)]).engineAlerts).toHaveLength(1);
  });
});

describe('value_count', () => {
  const text = correlation(
    '  type: value_count\n  rules: [refused]\n  group-by: [src_ip]\n  timespan: 1m\n  condition: {gte: 4, field: dst_port}\n',
  );
  it('counts distinct values in the window (a vertical port scan)', () => {
    const lines = [80, 80, 102, 502, 80, 20000].map((p, i) => flow(i, '10.0.0.66', '10.0.0.9', p));
    const { alerts } = run(text, lines);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.candidate).toMatchObject({
      frame: 1,
      src_ip: '10.0.0.66',
      dst_ip: '10.0.0.9',
      proto: 'tcp',
    });
    expect(alerts[0]!.candidate.evidence.explanation).toMatch(/4 distinct dst_port within 60s/);
  });
  it('a horizontal scan: distinct destinations, destination not common', () => {
    const horiz = correlation(
      '  type: value_count\n  rules: [refused]\n  group-by: [src_ip, dst_port]\n  timespan: 1m\n  condition: {gt: 2, field: dst_ip}\n',
    );
    const lines = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((d, i) => flow(i, '10.0.0.66', d, 502));
    const { alerts } = run(horiz, lines);
    expect(alerts.map((a) => [a.candidate.src_ip, a.candidate.dst_ip, a.subject])).toEqual([
      ['10.0.0.66', null, '10.0.0.66\u0001502'],
    ]);
  });
  it('values leave the window as it slides', () => {
    const lines = [
      flow(0, 's', 'd', 1),
      flow(30, 's', 'd', 2),
      flow(61, 's', 'd', 3),
      flow(95, 's', 'd', 4),
    ];
    expect(run(text, lines).alerts).toEqual([]);
  });
  it('bounds distinct values per group and counts the overflow', () => {
    const counters = new Counters();
    const lines = [1, 2, 3, 4, 5].map((p, i) => flow(i, 's', 'd', p));
    const big = correlation(
      '  type: value_count\n  rules: [refused]\n  group-by: [src_ip]\n  timespan: 1m\n  condition: {gte: 5, field: dst_port}\n',
    );
    expect(run(big, lines, { limits: { maxValues: 3 }, counters }).alerts).toEqual([]);
    expect(counters.get('rules.correlation.values_capped')).toBe(2);
  });
});

describe('value_sum and value_avg', () => {
  it('sum of a numeric field per group', () => {
    const text = correlation(
      '  type: value_sum\n  rules: [mb_write]\n  group-by: [dst_ip]\n  timespan: 1m\n  condition: {gte: 10, field: modbus.unit_id}\n',
    );
    const { alerts } = run(text, [
      mb(0, 5, 'a', 'd', 4),
      mb(1, 5, 'b', 'd', 4),
      mb(2, 5, 'a', 'd', 2),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.candidate.evidence.explanation).toMatch(/sum of modbus\.unit_id 10/);
    expect(alerts[0]!.candidate.src_ip).toBeNull();
  });
  it('mean of a numeric field', () => {
    const text = correlation(
      '  type: value_avg\n  rules: [mb_write]\n  group-by: [dst_ip]\n  timespan: 1m\n  condition: {gt: 5, field: modbus.unit_id}\n',
    );
    expect(run(text, [mb(0, 5, 'a', 'd', 2), mb(1, 5, 'a', 'd', 6)]).alerts).toEqual([]);
    expect(run(text, [mb(0, 5, 'a', 'd', 2), mb(1, 5, 'a', 'd', 12)]).alerts).toHaveLength(1);
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = correlation(
    '  type: temporal\n  rules: [mb_read, mb_write]\n  group-by: [src_ip]\n  timespan: 10s\n',
  );
  const ordered = correlation(
    '  type: temporal_ordered\n  rules: [mb_read, mb_write]\n  group-by: [src_ip]\n  timespan: 10s\n',
  );
  it('temporal: every rule within the timespan, in any order', () => {
    expect(run(temporal, [mb(0, 5), mb(3, 3)]).alerts).toHaveLength(1);
    expect(run(temporal, [mb(0, 5), mb(30, 3)]).alerts).toEqual([]);
    expect(run(temporal, [mb(0, 5, 'a'), mb(3, 3, 'b')]).alerts).toEqual([]);
  });
  it('temporal_ordered: in the listed order only', () => {
    expect(run(ordered, [mb(0, 3), mb(3, 5)]).alerts).toHaveLength(1);
    expect(run(ordered, [mb(0, 5), mb(3, 3)]).alerts).toEqual([]);
    expect(run(ordered, [mb(0, 3), mb(30, 5)]).alerts).toEqual([]);
    // A later first step restarts the sequence within the timespan.
    expect(run(ordered, [mb(0, 3), mb(25, 3), mb(30, 5)]).alerts).toHaveLength(1);
    const a = run(ordered, [mb(0, 3), mb(3, 5)]).alerts[0]!.candidate;
    expect(a.evidence.frames).toEqual([1, 4]);
    expect(a.evidence.explanation).toMatch(/temporal_ordered: 2 rules matched in order/);
  });
});

describe('aliases', () => {
  it('groups rules whose fields have different names', () => {
    const text = correlation(
      '  type: temporal\n  rules: [mb_write, refused]\n  group-by: [host]\n  timespan: 10s\n  aliases:\n    host:\n      mb_write: dst_ip\n      refused: src_ip\n',
    );
    const lines = [mb(0, 5, '10.0.0.5', '10.0.0.9'), flow(2, '10.0.0.9', '10.0.0.1', 80)];
    const { alerts } = run(text, lines);
    expect(alerts.map((a) => a.subject)).toEqual(['10.0.0.9']);
    expect(
      run(text, [mb(0, 5, '10.0.0.5', '10.0.0.9'), flow(2, '10.0.0.8', '10.0.0.1', 80)]).alerts,
    ).toEqual([]);
  });
});

describe('bounded state', () => {
  it('evicts the least recently active group beyond the limit, and counts it', () => {
    const text = correlation(
      '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 1m\n  condition: {gte: 2}\n',
    );
    const counters = new Counters();
    // a, b, c each once, then a again: with two groups kept, a was evicted by c.
    const lines = [mb(0, 5, 'a'), mb(1, 5, 'b'), mb(2, 5, 'c'), mb(3, 5, 'a'), mb(4, 5, 'c')];
    const { alerts } = run(text, lines, { limits: { maxGroups: 2 }, counters });
    expect(alerts.map((x) => x.subject)).toEqual(['c']);
    expect(counters.get('rules.correlation.evicted')).toBe(2);
    // With room for every group, a fires too.
    expect(run(text, lines).alerts.map((x) => x.subject)).toEqual(['a', 'c']);
  });
});
