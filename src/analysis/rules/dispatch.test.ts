// Dispatch: the (protocol, kind) and value indexes offer an event every rule that can match it, and only those; the result equals testing every rule.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { EventView } from './fields.js';
import { Dispatcher, rulesFor } from './dispatch.js';
import { RuleEngine } from './rule-engine.js';
import { packOf, ruleYaml } from '../../../test/helpers/rules.js';
import { Prng } from '../../../test/helpers/prng.js';

/** Rules over Modbus requests: most pin function codes, some pin nothing but the kind. */
function pack(): string {
  const docs: string[] = [];
  for (let i = 0; i < 24; i++) {
    const codes = [1 + (i % 8), 9 + (i % 5)];
    docs.push(
      ruleYaml(
        {
          s: {
            kind: 'modbus.request',
            'modbus.function_code': i % 3 === 0 ? codes.map(String) : codes,
          },
          condition: 's',
        },
        { logsource: { service: 'modbus' } },
      ),
    );
  }
  docs.push(ruleYaml({ s: { kind: 'modbus.request', 'modbus.unit_id|gt': 200 }, condition: 's' }));
  docs.push(ruleYaml({ s: { 'modbus.function_code': 3 }, condition: 's' }));
  docs.push(
    ruleYaml({
      s: { kind: 'modbus.request', 'modbus.function_code|cased': 'Write' },
      condition: 's',
    }),
  );
  docs.push(
    ruleYaml({
      a: { kind: 'modbus.request' },
      b: { 'modbus.function_code': 4 },
      condition: 'a and not b',
    }),
  );
  docs.push(
    ruleYaml(
      { s: { kind: 'dnp3.request', 'dnp3.function_code': 3 }, condition: 's' },
      { logsource: { service: 'dnp3' } },
    ),
  );
  return docs.join('---\n');
}

describe('Dispatcher', () => {
  it('splits a pair on the field that leaves the fewest rules to test', () => {
    const e = new RuleEngine({ pack: packOf(pack()), counters: new Counters() });
    const d = new Dispatcher(e.pack.rules);
    const b = d.forEvent('modbus', 'modbus.request');
    expect(b.field?.name).toBe('modbus.function_code');
    expect(b.all.length).toBe(28);
    const at = (v: unknown): readonly unknown[] =>
      rulesFor(b, (f) => (f.name === 'modbus.function_code' ? v : undefined));
    // Rules pinning 3 (as number or text) plus the two that do not pin the field.
    const three = at(3);
    expect(at('3')).toEqual(three);
    expect(three).toEqual(b.all.filter((r) => r.pins.get('modbus.function_code')?.has(3) ?? true));
    expect(at('WRITE').length).toBe(at(99).length + 1);
    expect(at(undefined)).toEqual(b.rest?.all);
    expect(at([3, 4])).toEqual(b.all);
    // Another protocol's pair: the rules without a service that pin this kind (or no kind).
    expect(d.forEvent('dnp3', 'modbus.request').all.map((r) => r.index)).toEqual([24, 25, 26, 27]);
    expect(d.forEvent('dnp3', 'dnp3.request').all.map((r) => r.index)).toEqual([25, 28]);
    expect(d.forEvent('modbus', 'modbus.request')).toBe(b);
  });

  it('gives the same matches as testing every rule, over random events', () => {
    const e = new RuleEngine({ pack: packOf(pack()), counters: new Counters() });
    const prng = new Prng(7);
    const rnd = (): number => prng.u32() / 2 ** 32;
    const view = new EventView(null);
    const values: unknown[] = [
      1,
      2,
      3,
      4,
      9,
      13,
      '3',
      '03',
      'write',
      'Write',
      true,
      null,
      undefined,
      [2, 10],
      3.5,
    ];
    for (let i = 0; i < 3000; i++) {
      const fc = values[Math.floor(rnd() * values.length)];
      const ev: Record<string, unknown> = {
        proto: rnd() < 0.9 ? 'modbus' : 'dnp3',
        kind: rnd() < 0.9 ? 'modbus.request' : 'dnp3.request',
        modbus: { function_code: fc, unit_id: Math.floor(rnd() * 256) },
        dnp3: { function_code: 3 },
      };
      const got = e.matchingRules(ev).map((r) => r.index);
      view.setObject(ev);
      const want = e.pack.rules
        .filter(
          (r) =>
            (r.service === null || r.service === ev.proto) &&
            r.category === 'protocol' &&
            r.test(view),
        )
        .map((r) => r.index);
      expect(got, JSON.stringify(ev)).toEqual(want);
    }
  });

  it('offers every rule of a split on a field under a list (any element may match)', () => {
    // Three rules pin `profinet.blocks.name` (a list of blocks): the split is on that field,
    // and an event whose blocks hold the pinned name in its second element meets its rule.
    const names = ['name_of_station', 'ip_parameter', 'device_id'];
    const docs = names.map((n) =>
      ruleYaml(
        { s: { kind: 'profinet.dcp', 'profinet.blocks.name': n }, condition: 's' },
        { logsource: { service: 'profinet' } },
      ),
    );
    const e = new RuleEngine({ pack: packOf(docs.join('---\n')), counters: new Counters() });
    expect(new Dispatcher(e.pack.rules).forEvent('profinet', 'profinet.dcp').field?.name).toBe(
      'profinet.blocks.name',
    );
    const ev = {
      proto: 'profinet',
      kind: 'profinet.dcp',
      profinet: { blocks: [{ name: 'device_options' }, { name: 'ip_parameter' }] },
    };
    expect(e.matchingRules(ev).map((r) => r.index)).toEqual([1]);
    expect(e.matchingRules({ ...ev, profinet: { blocks: [] } })).toEqual([]);
  });
});
