// MELSEC end to end against independent evidence: tshark 4.0 has no MELSEC dissector, so the
// built CLI runs over every shared MELSEC capture, every frame with a payload on the MELSOFT
// ports must carry one of our events, and scripts/field-agree/melsec.ts compares our fields with
// the bytes of tshark's raw `udp.payload` / `tcp.payload` (docs/fidelity-melsec.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { melsecSpec } from '../../../scripts/field-agree/melsec.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest, runCli } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const captures = () => manifest().filter((m) => m.path.startsWith('melsec/'));

describe('MELSEC end to end against the raw payloads', () => {
  it('decodes every MELSOFT frame of the shared captures, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(4);
    let total = 0;
    let matched = 0;
    const extra: string[] = [];
    for (const m of caps) {
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-melsec-'));
      const r = runCli(['analyze', m.abs, '--out', out, '--json']);
      const summary = JSON.parse(r.stdout) as {
        bugs: string[];
        counters: Record<string, number>;
        captures: { error?: { code: string } }[];
      };
      // melsoft_129_clean.pcap ends inside a record: the CLI says so with exit status 1.
      const cut = summary.captures.some((c) => c.error?.code === 'ERR_CAPTURE_TRUNCATED');
      expect(r.status, r.stderr).toBe(cut ? 1 : 0);
      expect(summary.bugs).toEqual([]);
      expect(summary.counters['decoder_bug.melsec'] ?? 0).toBe(0);
      const ours = new Set<number>();
      for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const e = JSON.parse(line) as { proto: string; kind: string; frame: number };
        if (e.proto === 'melsec' && e.kind !== 'anomaly') ours.add(e.frame);
      }
      // Not the tshark helper: tshark exits 2 on the truncated capture after printing every frame.
      const listed = spawnSync(
        'tshark',
        ['-n', '-r', m.abs, '-Y', melsecSpec.filter, '-T', 'fields', '-e', 'frame.number'],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      ).stdout;
      const theirs = new Set(
        listed
          .split('\n')
          .filter((l) => l.length > 0)
          .map(Number),
      );
      total += theirs.size;
      for (const f of theirs) if (ours.has(f)) matched++;
      for (const f of ours) if (!theirs.has(f)) extra.push(`${path.basename(m.abs)}:${f}`);
    }
    // Docs: docs/fidelity-melsec.md.
    expect(total).toBe(3843);
    expect(matched).toBe(3843);
    expect(extra).toEqual([]);
  }, 60_000);

  it('agrees with the payload bytes on every field', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(melsecSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-melsec.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['subheader', 3843, 3843, []],
      ['length', 3575, 3575, []],
      ['command', 3575, 3575, []],
      ['serial', 3575, 3575, []],
      ['end code', 1788, 1788, []],
      ['search query', 268, 268, []],
      ['CPU model', 62, 62, []],
    ]);
  }, 120_000);
});
