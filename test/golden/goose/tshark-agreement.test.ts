// GOOSE end to end against tshark: the shared captures Wireshark dissects as GOOSE, compared frame
// by frame on every field of scripts/field-agree/goose.ts (the APPID row doubles as the frame
// check: every frame tshark shows as GOOSE carries one of our events, and no other frame does).
// The IEC 61850 captures and the smallest QUT substation slice run here; docs/fidelity-goose.md
// has the figures over all ten captures (`node dist/scripts/field-agree.js goose ...`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { gooseSpec } from '../../../scripts/field-agree/goose.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest, runCli } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

/** Every shared capture whose protocols include GOOSE. */
const gooseCaptures = () =>
  manifest().filter((m) => m.protocols.split(',').includes('goose') && m.path.endsWith('.pcap'));

/** The ones this test compares (the five other QUT slices are the same substation). */
const compared = () =>
  gooseCaptures().filter(
    (m) => m.path.startsWith('iec61850/') || m.path.includes('control_training-frequent'),
  );

describe('GOOSE end to end against tshark', () => {
  it('finds the shared GOOSE captures', () => {
    if (!ready()) return;
    expect(gooseCaptures().map((m) => path.basename(m.path))).toHaveLength(10);
    expect(compared()).toHaveLength(5);
  });

  it('agrees with tshark on every frame and every field', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of compared()) {
      for (const r of await compareFields(gooseSpec, m.abs, 20)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // 34 + 8 + 1 + 451 frames of the IEC 61850 captures, 8,171 of the QUT control slice; the
    // GOOSE_DEMO frame has no bit-string. Docs: docs/fidelity-goose.md.
    const frames = (field: string): number => (field === 'allData bit-strings' ? 8664 : 8665);
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual(
      gooseSpec.fields.map((f) => [f.name, frames(f.name), frames(f.name), []]),
    );
  }, 60_000);

  it('decodes a labelled substation capture with no decoder bug', () => {
    if (!ready()) return;
    const slice = compared().find((m) => m.path.startsWith('datasets/'));
    expect(slice).toBeDefined();
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-goose-'));
    const r = runCli(['analyze', slice?.abs ?? '', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.goose'] ?? 0).toBe(0);
  }, 60_000);
});
