// Rule loading: every problem reported with file, line:col, rule id, path and what was expected.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadRules, loadRulesOrThrow, parseRules, ruleFiles } from './loader.js';

const GOOD = `title: Modbus write
id: 6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f
status: experimental
description: A write.
author: Palisade
date: 2026-01-02
logsource:
  product: palisade
  service: modbus
detection:
  selection:
    kind: modbus.request
    modbus.function_code: [5, 6]
  condition: selection
falsepositives:
  - Engineering
level: high
tags:
  - attack.impair-process-control
  - attack.t0855
examples:
  match:
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 5}}
  no_match:
    - {kind: modbus.request, proto: modbus, modbus: {function_code: 3}}
`;

function problems(text: string, strict = false): string[] {
  return parseRules(text, 'r.yml', { strict }).problems.map(formatProblem);
}

describe('loader', () => {
  it('accepts a complete rule', () => {
    const r = parseRules(GOOD, 'r.yml', { strict: true });
    expect(r.problems).toEqual([]);
    expect(r.pack.docs).toHaveLength(1);
    expect(r.pack.docs[0]).toMatchObject({ kind: 'detection', file: 'r.yml', line: 1, col: 1 });
  });

  it('reports YAML errors at their position', () => {
    const p = problems('title: a\ntitle: b\n');
    expect(p[0]).toMatch(/^r\.yml:2:1: error: .*[Mm]ap keys must be unique/);
    expect(problems('title: [unclosed\n')[0]).toMatch(/^r\.yml:\d+:\d+: error:/);
  });

  it('reports schema errors with the path and what was expected', () => {
    const text = GOOD.replace('status: experimental', 'status: finished').replace(
      'level: high',
      'level: severe',
    );
    const p = problems(text);
    expect(p).toContain(
      'r.yml:3:1: error: [6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f] status: expected one of "stable", "test", "experimental", "deprecated", "unsupported"',
    );
    expect(
      p.some((x) => x.startsWith('r.yml:17:1: error:') && x.includes('level: expected one of')),
    ).toBe(true);
    expect(problems('title: x\nlogsource: {product: palisade}\n')[0]).toMatch(
      /missing required property 'detection'/,
    );
  });

  it('checks the Palisade conventions', () => {
    expect(problems(GOOD.replace('product: palisade', 'product: windows'))[0]).toMatch(
      /^r\.yml:8:3: error: .* logsource\.product: expected 'palisade'/,
    );
    expect(problems(GOOD.replace('service: modbus', 'category: process_creation'))[0]).toMatch(
      /logsource\.category: expected anomaly, flow or behaviour/,
    );
    expect(problems(GOOD.replace(/^id: .*\n/m, ''))[0]).toMatch(/missing 'id'/);
    expect(problems(GOOD.replace('4c5d-8e9f', '1c5d-8e9f'))[0]).toMatch(/is not a UUIDv4/);
    expect(problems(GOOD.replace('attack.t0855', 'attack.t0999'))[0]).toMatch(
      /^r\.yml:20:5: error: .* tags\.1: T0999 is not an ATT&CK technique/,
    );
    expect(problems(GOOD.replace('  - attack.t0855\n', ''))[0]).toMatch(
      /needs at least one ATT&CK technique tag/,
    );
    expect(problems(GOOD.replace('attack.impair-process-control', 'attack.made-up'))[0]).toMatch(
      /'attack.made-up' is neither/,
    );
    // A tactic that is not one of the technique's is a warning, not an error.
    const w = parseRules(
      GOOD.replace('attack.impair-process-control', 'attack.discovery'),
      'r.yml',
    );
    expect(w.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(w.pack.docs).toHaveLength(1);
  });

  it('warns about a service no decoder has', () => {
    const r = parseRules(GOOD, 'r.yml', { knownServices: new Set(['dnp3']) });
    expect(r.problems.map(formatProblem)).toEqual([
      "r.yml:9:3: warning: [6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f] logsource.service: 'modbus' is not a decoder id: the rule matches nothing",
    ]);
  });

  it('strict mode requires the pack fields', () => {
    const bare = GOOD.replace(/^description: .*\n/m, '').replace(/^examples:[\s\S]*$/m, '');
    const p = problems(bare, true);
    expect(p).toContain(
      "r.yml:1:1: error: [6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f] missing 'description' (required in the rule pack)",
    );
    expect(p.some((x) => x.includes("missing 'examples'"))).toBe(true);
    expect(problems(GOOD.replace('author: Palisade', 'author: someone'), true)[0]).toMatch(
      /author: expected 'Palisade'/,
    );
  });

  it('checks the shape of examples', () => {
    expect(problems(GOOD.replace('  no_match:', '  nomatch:'))[0]).toMatch(
      /examples: unknown property 'nomatch'/,
    );
    expect(
      problems(
        GOOD.replace(
          '    - {kind: modbus.request, proto: modbus, modbus: {function_code: 5}}',
          '    - 5',
        ),
      )[0],
    ).toMatch(/examples\.match\.0: expected object/);
  });

  it('reports compile errors at the offending key', () => {
    const p = problems(
      GOOD.replace('modbus.function_code: [5, 6]', 'modbus.function_code|gt: many'),
    );
    expect(p[0]).toMatch(
      /^r\.yml:13:5: error: .* detection\.selection\.modbus\.function_code\|gt: 'gt' takes a number/,
    );
    expect(
      problems(GOOD.replace('condition: selection', 'condition: selection and other'))[0],
    ).toMatch(/^r\.yml:14:3: .*'other', which is not a search identifier/);
  });

  it('reports duplicate ids and names across documents', () => {
    const p = problems(`${GOOD}---\n${GOOD}`);
    expect(p).toEqual([
      'r.yml:28:1: error: [6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f] id: duplicate id, also at r.yml:1',
    ]);
  });

  it('checks correlations: references, type, timespan, condition, aliases', () => {
    const corr = (
      body: string,
    ): string => `${GOOD.replace('title: Modbus write', 'title: Modbus write\nname: mb_write')}---
title: Many writes
id: 7f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f
level: high
tags: [attack.t0855, attack.impair-process-control]
correlation:
${body}`;
    expect(
      problems(
        corr(
          '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 5m\n  condition: {gte: 10}\n',
        ),
      ),
    ).toEqual([]);
    expect(
      problems(
        corr(
          '  type: event_count\n  rules: [nope]\n  group-by: [src_ip]\n  timespan: 5m\n  condition: {gte: 10}\n',
        ),
      )[0],
    ).toMatch(/correlation\.rules\.0: no rule has the id or name 'nope'/);
    expect(
      problems(
        corr(
          '  type: event_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: soon\n  condition: {gte: 10}\n',
        ),
      )[0],
    ).toMatch(/correlation\.timespan: expected a number and a unit/);
    expect(
      problems(
        corr(
          '  type: value_count\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 5m\n  condition: {gte: 10}\n',
        ),
      )[0],
    ).toMatch(/needs condition\.field/);
    expect(
      problems(
        corr('  type: temporal\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 5m\n'),
      )[0],
    ).toMatch(/relates two rules or more/);
    expect(
      problems(
        corr(
          '  type: value_percentile\n  rules: [mb_write]\n  group-by: [src_ip]\n  timespan: 5m\n  condition: {gte: 10, field: x}\n',
        ),
      )[0],
    ).toMatch(/correlation type 'value_percentile' is not supported/);
    expect(
      problems(
        corr(
          '  type: event_count\n  rules: [mb_write]\n  group-by: [host]\n  timespan: 5m\n  condition: {gte: 10}\n  aliases:\n    host: {other: src_ip}\n',
        ),
      )[0],
    ).toMatch(/'other' is not one of the correlated rules/);
  });

  it('checks filters and warns about rules they name that are not loaded', () => {
    const filter = `---
title: Known engineering station
logsource: {product: palisade, service: modbus}
filter:
  rules: [6f1c7d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f, 00000000-0000-4000-8000-000000000000]
  selection: {src_ip: 10.0.0.5}
  condition: not selection
`;
    const r = parseRules(GOOD + filter, 'r.yml');
    expect(r.problems.map(formatProblem)).toEqual([
      "r.yml:30:49: warning: [Known engineering station] filter.rules.1: no loaded rule has the id or name '00000000-0000-4000-8000-000000000000'",
    ]);
    expect(r.pack.docs.map((d) => d.kind)).toEqual(['detection', 'filter']);
  });

  it('caps YAML aliases (billion laughs)', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
`;
    expect(problems(bomb)[0]).toMatch(/alias/i);
  });

  it('walks directories for .yml and .yaml files in order, skipping hidden ones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-rules-'));
    mkdirSync(path.join(dir, 'b'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'b', 'two.yaml'), GOOD.replace('6f1c', '8f1c'));
    writeFileSync(path.join(dir, 'a.yml'), GOOD);
    writeFileSync(path.join(dir, 'notes.md'), '# not a rule');
    writeFileSync(path.join(dir, '.git', 'x.yml'), 'broken: [');
    expect(ruleFiles([dir]).map((f) => path.relative(dir, f))).toEqual(['a.yml', 'b/two.yaml']);
    expect(loadRules([dir]).pack.docs).toHaveLength(2);
    writeFileSync(path.join(dir, 'c.yml'), 'title: [');
    expect(() => loadRulesOrThrow([dir])).toThrow(/c\.yml:1:\d+: error:/);
    expect(() => loadRules([path.join(dir, 'missing')])).toThrow(/cannot read rules/);
  });
});
