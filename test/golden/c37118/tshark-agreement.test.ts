// C37.118 end to end against tshark: the built CLI over every shared C37.118 capture, every frame
// Wireshark's `synphasor` dissector shows matched by one of our events, and the deeper fields of
// scripts/field-agree/c37118.ts compared frame by frame (docs/fidelity-c37118.md has the figures).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { c37118Spec } from '../../../scripts/field-agree/c37118.js';
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

const captures = () => manifest().filter((m) => m.path.startsWith('c37.118/'));

/** Output folder of the CLI run over each capture, shared by the tests of this file. */
const runs = new Map<string, string>();
const analyzed = (abs: string): string => {
  const done = runs.get(abs);
  if (done !== undefined) return done;
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-c37118-'));
  expect(runCli(['analyze', abs, '--out', out]).status).toBe(0);
  runs.set(abs, out);
  return out;
};

describe('C37.118 end to end against tshark', () => {
  it('decodes every frame Wireshark dissects as C37.118, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(8);
    let total = 0;
    let matched = 0;
    const extra: string[] = [];
    for (const m of caps) {
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-c37118-'));
      const r = runCli(['analyze', m.abs, '--out', out, '--json']);
      runs.set(m.abs, out);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
      expect(summary.bugs).toEqual([]);
      expect(summary.counters['decoder_bug.c37118'] ?? 0).toBe(0);
      const ours = new Set<number>();
      for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const e = JSON.parse(line) as { proto: string; kind: string; frame: number };
        if (e.proto === 'c37118' && e.kind !== 'anomaly') ours.add(e.frame);
      }
      const theirs = new Set(
        tshark([
          '-n',
          '-r',
          m.abs,
          ...(c37118Spec.tsharkArgs ?? []),
          '-Y',
          'synphasor',
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
    // Docs: docs/fidelity-c37118.md explains every difference.
    expect(total).toBe(9693);
    expect(matched).toBe(9691);
    expect(extra.sort()).toEqual([
      'c37118_1100_unclean.pcap:223',
      'c37_1100_clean_tcp.pcap:6',
      'c37_pmu_unclean.pcap:67',
    ]);
  }, 60_000);

  it('agrees with tshark on the frame type and every deeper field', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(c37118Spec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    const rows = [...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs.length]);
    // Docs: docs/fidelity-c37118.md, one row per field.
    expect(rows).toEqual([
      ['frame type', 9691, 9696, 5],
      ['version', 9691, 9696, 5],
      ['idcode', 9691, 9696, 5],
      ['command', 42, 42, 0],
      ['data rate', 13, 13, 0],
      ['time base', 13, 13, 0],
      ['number of PMUs', 13, 13, 0],
      ['PMU idcode', 13, 13, 0],
      ['phasor count', 13, 13, 0],
      ['config change count', 13, 13, 0],
      ['nominal frequency 50 Hz', 13, 13, 0],
      ['STAT data error', 9636, 9639, 3],
      ['STAT not synchronised', 9636, 9639, 3],
      ['STAT trigger reason', 9636, 9639, 3],
      ['CRC good', 9691, 9696, 5],
    ]);
    for (const r of sum.values()) expect(r.agree / r.frames).toBeGreaterThanOrEqual(0.999);
  }, 120_000);
  it('names the stations of every configuration frame as tshark -V does', () => {
    if (!ready()) return;
    // Station names of CFG-1/CFG-2 are tree text in Wireshark 4.0, not a field: read them from
    // the verbose dissection (`Station #1: "Blue PMU        "`).
    let frames = 0;
    const diffs: string[] = [];
    for (const m of captures()) {
      const theirs = new Map<number, string[]>();
      let frame = 0;
      const text = tshark([
        '-n',
        '-r',
        m.abs,
        ...(c37118Spec.tsharkArgs ?? []),
        '-Y',
        'synphasor.frtype == 2 || synphasor.frtype == 3',
        '-V',
      ]);
      for (const line of text.split('\n')) {
        const f = /^Frame (\d+):/.exec(line);
        if (f) frame = Number(f[1]);
        const st = /^\s+Station #\d+: "(.*)"$/.exec(line);
        if (st) theirs.set(frame, [...(theirs.get(frame) ?? []), (st[1] ?? '').trimEnd()]);
      }
      const out = analyzed(m.abs);
      const ours = new Map<number, string[]>();
      for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
        if (!line) continue;
        const e = JSON.parse(line) as {
          kind: string;
          frame: number;
          c37118?: { pmus?: { station: string }[] };
        };
        if (e.kind === 'c37118.config')
          ours.set(
            e.frame,
            (e.c37118?.pmus ?? []).map((p) => p.station),
          );
      }
      for (const [f, names] of theirs) {
        frames++;
        if (JSON.stringify(ours.get(f)) !== JSON.stringify(names)) diffs.push(`${m.path} ${f}`);
      }
    }
    // Docs: docs/fidelity-c37118.md.
    expect(frames).toBe(13);
    expect(diffs).toEqual([]);
  }, 60_000);
});
