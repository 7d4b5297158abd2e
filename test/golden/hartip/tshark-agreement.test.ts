// HART-IP end to end against tshark: the built CLI over every shared HART-IP capture, every frame
// Wireshark's `hart_ip` dissector shows matched by one of our events, and the deeper fields of
// scripts/field-agree/hartip.ts compared frame by frame (docs/fidelity-hartip.md has the figures).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { hartipSpec } from '../../../scripts/field-agree/hartip.js';
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

const captures = () => manifest().filter((m) => m.path.startsWith('hart-ip/'));

describe('HART-IP end to end against tshark', () => {
  it('decodes every frame Wireshark dissects as HART-IP, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(1);
    let total = 0;
    let matched = 0;
    const extra: string[] = [];
    for (const m of caps) {
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-hartip-'));
      const r = runCli(['analyze', m.abs, '--out', out, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
      expect(summary.bugs).toEqual([]);
      expect(summary.counters['decoder_bug.hartip'] ?? 0).toBe(0);
      const ours = new Set<number>();
      for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const e = JSON.parse(line) as { proto: string; kind: string; frame: number };
        if (e.proto === 'hartip' && e.kind !== 'anomaly') ours.add(e.frame);
      }
      const theirs = new Set(
        tshark([
          '-n',
          '-r',
          m.abs,
          ...(hartipSpec.tsharkArgs ?? []),
          '-Y',
          hartipSpec.filter,
          '-T',
          'fields',
          '-e',
          'frame.number',
        ])
          .split('\n')
          .filter((l) => l.length > 0)
          .map(Number),
      );
      total += theirs.size;
      for (const f of theirs) if (ours.has(f)) matched++;
      for (const f of ours) if (!theirs.has(f)) extra.push(`${path.basename(m.abs)}:${f}`);
    }
    // Docs: docs/fidelity-hartip.md.
    expect(total).toBe(48);
    expect(matched).toBe(48);
    expect(extra).toEqual([]);
  }, 60_000);

  it('agrees with tshark on the message type, id, sequence, command and every deeper field', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(hartipSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    const rows = [...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs.length]);
    // Docs: docs/fidelity-hartip.md, one row per field.
    expect(rows).toEqual([
      ['version', 48, 48, 0],
      ['message type', 48, 48, 0],
      ['message id', 48, 48, 0],
      ['status', 48, 48, 0],
      ['sequence number', 48, 48, 0],
      ['byte count', 48, 48, 0],
      ['host type', 4, 4, 0],
      ['inactivity close timer', 4, 4, 0],
      ['delimiter', 36, 36, 0],
      ['polling address', 2, 2, 0],
      ['command', 36, 36, 0],
      ['PDU byte count', 36, 36, 0],
      ['response code', 18, 18, 0],
      ['device status', 18, 18, 0],
      ['expanded device type', 2, 2, 0],
      ['manufacturer id', 2, 2, 0],
      ['configuration change counter', 2, 2, 0],
    ]);
    for (const r of sum.values()) expect(r.agree / r.frames).toBeGreaterThanOrEqual(0.999);
  }, 120_000);
});
