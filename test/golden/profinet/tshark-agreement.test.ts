// PROFINET RT end to end against tshark: the built CLI over every shared PROFINET capture. Every
// acyclic frame Wireshark dissects as pn_rt is matched by one of our events; every cyclic frame
// is counted in a `profinet.rt_cyclic` summary of its stream and FrameID, and the summarised
// frames carry tshark's CycleCounter and DataStatus; the deeper fields of
// scripts/field-agree/profinet.ts agree frame by frame (docs/fidelity-profinet.md has the
// figures).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { profinetSpec } from '../../../scripts/field-agree/profinet.js';
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

interface Ev {
  proto: string;
  kind: string;
  frame: number;
  flow: string;
  src_mac: string;
  dst_mac: string;
  profinet?: { frame_id: number; frames?: number; cycle_counter?: number; data_status?: number };
}

describe('PROFINET end to end against tshark', () => {
  it('decodes every acyclic frame and counts every cyclic frame tshark dissects, with no decoder bug', () => {
    if (!ready()) return;
    const caps = captures();
    expect(caps.length).toBe(6);
    // One CLI run over every capture; flow ids are `<capture number>:<first frame>`.
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-profinet-'));
    const r = runCli(['analyze', ...caps.map((m) => m.abs), '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.profinet'] ?? 0).toBe(0);
    const all = readFileSync(path.join(out, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Ev)
      .filter((e) => e.proto === 'profinet' && e.kind !== 'anomaly');
    let acyclic = 0;
    let acyclicMatched = 0;
    let cyclic = 0;
    let cyclicCounted = 0;
    let summarised = 0;
    let summaryAgree = 0;
    caps.forEach((m, i) => {
      const ours = all.filter((e) => e.flow.startsWith(`${i + 1}:`));
      const rows = tshark([
        '-n',
        '-r',
        m.abs,
        '-Y',
        'pn_rt',
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'eth.src',
        '-e',
        'eth.dst',
        '-e',
        'pn_rt.frame_id',
        '-e',
        'pn_rt.cycle_counter',
        '-e',
        'pn_rt.ds',
      ])
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => l.split('\t'));
      const isCyclic = (row: string[]): boolean => {
        const id = Number(row[3]);
        return id >= 0x0100 && id <= 0xfbff;
      };
      const theirsAcyclic = rows.filter((row) => !isCyclic(row)).map((row) => Number(row[0]));
      const oursAcyclic = new Set(
        ours.filter((e) => e.kind !== 'profinet.rt_cyclic').map((e) => e.frame),
      );
      acyclic += theirsAcyclic.length;
      acyclicMatched += theirsAcyclic.filter((f) => oursAcyclic.has(f)).length;
      expect(
        [...oursAcyclic].filter((f) => !theirsAcyclic.includes(f)),
        m.path,
      ).toEqual([]);
      // Cyclic: tshark's frames per (source, destination, FrameID) against our summaries.
      const perStream = new Map<string, number>();
      const byFrame = new Map<number, string[]>();
      for (const row of rows.filter(isCyclic)) {
        const key = `${row[1]} ${row[2]} ${Number(row[3])}`;
        perStream.set(key, (perStream.get(key) ?? 0) + 1);
        byFrame.set(Number(row[0]), row);
        cyclic++;
      }
      const counted = new Map<string, number>();
      for (const e of ours.filter((x) => x.kind === 'profinet.rt_cyclic')) {
        const key = `${e.src_mac} ${e.dst_mac} ${e.profinet?.frame_id ?? -1}`;
        counted.set(key, (counted.get(key) ?? 0) + (e.profinet?.frames ?? 0));
        summarised++;
        const t = byFrame.get(e.frame);
        if (
          t &&
          Number(t[4]) === e.profinet?.cycle_counter &&
          Number(t[5]) === e.profinet.data_status
        ) {
          summaryAgree++;
        }
      }
      // Frames after a stream's last summary are in no event: less than one period each.
      for (const [key, n] of perStream) {
        const c = counted.get(key) ?? 0;
        expect(c, key).toBeGreaterThan(0);
        expect(n - c, key).toBeLessThan(1000);
        cyclicCounted += c;
      }
    });
    // Docs: docs/fidelity-profinet.md states these figures.
    expect([acyclicMatched, acyclic]).toEqual([84, 84]);
    expect([cyclicCounted, cyclic]).toEqual([2, 102]);
    expect([summaryAgree, summarised]).toEqual([2, 2]);
  }, 60_000);

  it('agrees with tshark on the DCP service, station name and every deeper field', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(profinetSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-profinet.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['frame id', 84, 84, []],
      ['DCP service id', 41, 41, []],
      ['DCP service type', 41, 41, []],
      ['DCP xid', 41, 41, []],
      ['station name', 36, 36, []],
      ['device vendor value', 3, 3, []],
      ['vendor id', 3, 3, []],
      ['device id', 3, 3, []],
      ['IP address', 4, 4, []],
      ['subnet mask', 4, 4, []],
      ['gateway', 4, 4, []],
      ['DCP block error', 2, 2, []],
      ['RTA PDU type', 2, 2, []],
      ['PTCP sequence id', 41, 41, []],
    ]);
  }, 60_000);
});
