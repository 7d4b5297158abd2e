// Gathered repeats end up as the alert collection would have them had every match been added: count, first and last time, evidence.
import { describe, expect, it } from 'vitest';
import { AlertCollection } from '../alerts.js';
import { EventView } from './fields.js';
import { compilePack } from './pack.js';
import { RepeatGatherer } from './repeats.js';
import { Prng } from '../../../test/helpers/prng.js';
import { packOf, ruleYaml } from '../../../test/helpers/rules.js';

describe('RepeatGatherer', () => {
  it('equals adding every match to the collection, whatever the order of frames', () => {
    const pack = compilePack(packOf(ruleYaml({ s: { kind: 'x.e' }, condition: 's' })));
    const rule = pack.rules[0]!;
    const prng = new Prng(3);
    const lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 400; i++) {
      // Mostly ascending frames, some late ones, three hosts, two hours.
      const frame = prng.chance(0.1) ? prng.int(400) + 1 : i + 1;
      const sec = 1_700_000_000 + frame * 20;
      const us = String(frame % 1_000_000).padStart(6, '0');
      lines.push({
        ts: new Date(sec * 1000).toISOString().replace('.000Z', `.${us}Z`),
        frame,
        proto: 'x',
        kind: 'x.e',
        src_ip: `10.0.0.${prng.int(3)}`,
        dst_ip: '10.0.0.9',
        flow: `1:${frame}`,
      });
    }
    const direct = new AlertCollection();
    const gathered = new AlertCollection();
    const g = new RepeatGatherer(gathered);
    const view = new EventView(null);
    for (const l of lines) {
      direct.add(
        {
          ts: l.ts as string,
          frame: l.frame as number,
          rule_id: rule.id,
          title: rule.title,
          severity: rule.severity,
          source: 'rule',
          technique_ids: [...rule.techniqueIds],
          src_ip: l.src_ip as string,
          dst_ip: l.dst_ip as string,
          proto: 'x',
          flow: l.flow as string,
          evidence: { frames: [l.frame as number], events: [l] },
        },
        '',
      );
      view.setObject(l);
      g.match(rule, view);
    }
    g.flush();
    const a = direct.list();
    expect(a.length).toBeGreaterThan(3);
    expect(gathered.list()).toEqual(a);
  });
});
