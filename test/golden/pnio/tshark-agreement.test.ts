// PN-IO CM end to end against tshark: the built CLI over every shared PROFINET capture, every
// frame Wireshark dissects with a PNIO interface matched by one of our events, and the deeper
// fields of scripts/field-agree/pnio.ts compared frame by frame (docs/fidelity-pnio.md has the
// figures).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { pnioSpec } from '../../../scripts/field-agree/pnio.js';
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

const captures = () => manifest().filter((m) => m.path.startsWith('profinet/'));

describe('PN-IO end to end against tshark', () => {
  it('decodes every frame Wireshark dissects as PN-IO CM, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(6);
    // One CLI run over every capture; flow ids are `<capture number>:<first frame>`.
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-pnio-'));
    const r = runCli(['analyze', ...caps.map((m) => m.abs), '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.pnio'] ?? 0).toBe(0);
    const events = readFileSync(path.join(out, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as { proto: string; kind: string; frame: number; flow: string })
      .filter((e) => e.proto === 'pnio' && e.kind !== 'anomaly');
    let total = 0;
    let matched = 0;
    caps.forEach((m, i) => {
      const ours = new Set(
        events.filter((e) => e.flow.startsWith(`${i + 1}:`)).map((e) => e.frame),
      );
      const theirs = tshark([
        '-n',
        '-r',
        m.abs,
        '-Y',
        pnioSpec.filter,
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
      expect(
        [...ours].filter((f) => !theirs.includes(f)),
        m.path,
      ).toEqual([]);
    });
    // Docs: docs/fidelity-pnio.md states these figures.
    expect([matched, total]).toEqual([40, 40]);
  }, 60_000);

  it('agrees with tshark on opnum, packet type, block types, ControlCommand and records', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(pnioSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-pnio.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['packet type', 40, 40, []],
      ['opnum', 40, 40, []],
      ['sequence number', 40, 40, []],
      ['fragment number', 40, 40, []],
      ['block type', 40, 40, []],
      ['control command', 18, 18, []],
      ['record index', 14, 14, []],
      ['record data length', 14, 14, []],
      ['session key', 26, 26, []],
      ['AR type', 4, 4, []],
    ]);
  }, 60_000);
});
