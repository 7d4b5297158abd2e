// S7comm end to end against tshark: every shared capture of the protocol (s7comm/ and the labelled
// datasets/qut-s7comm/) through the built CLI in one run, then per capture the values tshark shows
// frame by frame for the two keys of ../shared/tools/tshark-agree.mjs (`s7comm`: parameter
// function, `s7comm.rosctr`: PDU type), compared as multisets per frame. The overall agreement must
// reach 99.9% on each key and the decoder must count no bug. Disagreements are explained in
// docs/fidelity-s7comm.md (TCP-level: Wireshark's spurious-retransmission and out-of-order
// handling).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { haveSharedPcaps, haveTool, manifest, readJsonl, runCli } from '../../helpers/shared.js';

type Values = Map<number, string[]>;

interface Event {
  frame: number;
  proto: string;
  flow: string;
  s7comm?: { rosctr?: number; function_code?: number };
}

function add(m: Values, frame: number, v: string | undefined): void {
  if (v === undefined || v === '') return;
  const a = m.get(frame);
  if (a) a.push(v);
  else m.set(frame, [v]);
}

/** tshark's ROSCTR and function values per frame of one capture. */
function tsharkValues(file: string): Promise<[Values, Values]> {
  return new Promise((resolve, reject) => {
    const args = ['-n', '-r', file, '-Y', 's7comm.header.rosctr', '-T', 'fields'];
    args.push('-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number');
    args.push('-e', 's7comm.header.rosctr', '-e', 's7comm.param.func');
    const p = spawn('tshark', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => (out += d));
    p.on('error', reject);
    p.on('close', () => {
      const rosctr: Values = new Map();
      const func: Values = new Map();
      for (const line of out.split('\n')) {
        if (!line) continue;
        const [frame, r, f] = line.split('\t');
        for (const v of (r ?? '').split('|')) add(rosctr, Number(frame), v && String(Number(v)));
        for (const v of (f ?? '').split('|')) add(func, Number(frame), v && String(Number(v)));
      }
      resolve([rosctr, func]);
    });
  });
}

/** Frames where either side has a value, and those whose value multisets agree. */
function agreement(theirs: Values, ours: Values): { frames: number; agree: number } {
  const key = (a: string[] | undefined): string => (a ?? []).slice().sort().join(',');
  const frames = new Set([...theirs.keys(), ...ours.keys()]);
  let agree = 0;
  for (const f of frames) if (key(theirs.get(f)) === key(ours.get(f))) agree++;
  return { frames: frames.size, agree };
}

describe('S7comm agreement with tshark over the shared captures', () => {
  it('function and ROSCTR agree on >= 99.9% of frames; no decoder bug', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark', '-v')) return;
    const files = manifest()
      .filter((m) => m.path.startsWith('s7comm/') || m.path.startsWith('datasets/qut-s7comm/'))
      .map((m) => m.abs);
    expect(files.length).toBeGreaterThanOrEqual(76);
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-s7-agree-'));
    try {
      const r = runCli(['analyze', ...files, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
        bugs: unknown[];
        decoders: Record<string, { bugs: number }>;
      };
      expect(summary.bugs).toEqual([]);
      expect(summary.decoders.s7comm?.bugs).toBe(0);
      // Our values per capture (the flow id starts with the capture's 1-based number).
      const ours = files.map((): [Values, Values] => [new Map(), new Map()]);
      for (const e of readJsonl<Event>(path.join(out, 'events.jsonl'))) {
        if (e.proto !== 's7comm' || e.s7comm === undefined) continue;
        const slot = ours[Number(e.flow.split(':')[0]) - 1];
        if (slot === undefined) continue;
        add(slot[0], e.frame, e.s7comm.rosctr === undefined ? undefined : String(e.s7comm.rosctr));
        add(
          slot[1],
          e.frame,
          e.s7comm.function_code === undefined ? undefined : String(e.s7comm.function_code),
        );
      }
      // tshark, two captures at a time.
      const theirs: [Values, Values][] = new Array(files.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length) {
          const i = next++;
          theirs[i] = await tsharkValues(files[i] as string);
        }
      };
      await Promise.all([worker(), worker()]);
      const total = [
        { frames: 0, agree: 0 },
        { frames: 0, agree: 0 },
      ];
      files.forEach((_, i) => {
        for (const k of [0, 1] as const) {
          const a = agreement((theirs[i] as [Values, Values])[k], (ours[i] as [Values, Values])[k]);
          (total[k] as { frames: number }).frames += a.frames;
          (total[k] as { agree: number }).agree += a.agree;
        }
      });
      const [rosctr, func] = total as [{ frames: number; agree: number }, (typeof total)[0]];
      expect(rosctr.frames).toBeGreaterThan(50_000);
      expect(rosctr.agree / rosctr.frames).toBeGreaterThanOrEqual(0.999);
      expect(func.agree / func.frames).toBeGreaterThanOrEqual(0.999);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
