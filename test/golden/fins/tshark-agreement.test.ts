// FINS end to end against tshark: the built CLI over every shared Omron FINS capture, every
// frame Wireshark's `omron` dissector shows matched by one of our events, and the deeper fields
// of scripts/field-agree/fins.ts compared frame by frame (docs/fidelity-fins.md has the figures).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { finsSpec } from '../../../scripts/field-agree/fins.js';
import {
  REQUIRE,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
  tshark,
} from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const captures = () => manifest().filter((m) => m.path.startsWith('omron-fins/'));

describe('FINS end to end against tshark', () => {
  it('decodes every frame Wireshark dissects as FINS, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(3);
    let total = 0;
    let matched = 0;
    for (const m of caps) {
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-fins-'));
      const r = runCli(['analyze', m.abs, '--out', out, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
      expect(summary.bugs).toEqual([]);
      expect(summary.counters['decoder_bug.fins'] ?? 0).toBe(0);
      const ours = new Set<number>();
      for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const e = JSON.parse(line) as { proto: string; kind: string; frame: number };
        if (e.proto === 'fins' && e.kind !== 'anomaly') ours.add(e.frame);
      }
      const theirs = tshark([
        '-n',
        '-r',
        m.abs,
        '-Y',
        'omron',
        '-T',
        'fields',
        '-e',
        'frame.number',
      ])
        .split('\n')
        .filter((l) => l.length > 0)
        .map(Number);
      total += theirs.length;
      matched += theirs.filter((f) => ours.has(f)).length;
      // Nothing decoded as FINS that Wireshark does not call FINS either.
      expect(
        [...ours].filter((f) => !theirs.includes(f)),
        m.path,
      ).toEqual([]);
    }
    // Docs: docs/fidelity-fins.md states these figures.
    expect(total).toBe(122);
    expect(matched).toBe(122);
  }, 60_000);

  it('agrees with tshark on the command code and every deeper field of every frame', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(finsSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-fins.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['command code', 120, 120, []],
      ['ICF', 120, 120, []],
      ['gateway count', 120, 120, []],
      ['destination node', 120, 120, []],
      ['source node', 120, 120, []],
      ['service id', 120, 120, []],
      ['end code', 17, 17, []],
      ['FINS/TCP command', 20, 20, []],
      ['FINS/TCP error code', 20, 20, []],
      ['memory area', 28, 28, []],
      ['controller model', 5, 5, []],
    ]);
  }, 60_000);
});
