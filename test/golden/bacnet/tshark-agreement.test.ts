// BACnet end to end against tshark: the built CLI over every shared BACnet capture, APDU types per
// frame compared with ../shared/tools/tshark-agree.mjs. Every BACnet/IP frame agrees; every
// disagreeing frame is a BACnet over 802.2 LLC frame, which the pipeline does not route to the
// UDP decoder (src/decode/app/bacnet/README.md, docs/fidelity-bacnet.md).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
  tshark,
} from '../../helpers/shared.js';

const run = promisify(execFile);
const TOOL = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');

async function agree(capture: string, events: string): Promise<{ agree: number; total: number }> {
  const r = await run(process.execPath, [TOOL, capture, events, 'bacnet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const got = /agreeing (\d+)\/(\d+)/.exec(r.stdout);
  expect(got, r.stdout).not.toBeNull();
  return { agree: Number(got?.[1]), total: Number(got?.[2]) };
}

/** Frames tshark dissects as BACnet APDUs carried in 802.2 LLC (not over UDP). */
function llcFrames(capture: string): number {
  const out = tshark([
    '-r',
    capture,
    '-n',
    '-Y',
    'bacapp && llc',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

describe('BACnet end to end against tshark', () => {
  it('agrees on the APDU type of every BACnet/IP frame of every shared BACnet capture', async () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const caps = manifest().filter((m) => m.path.startsWith('bacnet/'));
    expect(caps.length).toBe(17);
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-bacnet-'));
    const r = runCli(['analyze', ...caps.map((m) => m.abs), '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
    expect(summary.bugs).toEqual([]);
    expect(summary.counters['decoder_bug.bacnet'] ?? 0).toBe(0);
    // Flow ids are `<capture number>:<first frame>`: split the events per capture.
    const perCapture = caps.map(() => [] as string[]);
    for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
      const n = /"flow":"(\d+):/.exec(line);
      if (n) perCapture[Number(n[1]) - 1]?.push(line);
    }
    let agreeing = 0;
    let total = 0;
    let llc = 0;
    for (const [i, m] of caps.entries()) {
      const events = path.join(out, `events-${i + 1}.jsonl`);
      writeFileSync(events, (perCapture[i] ?? []).map((l) => `${l}\n`).join(''));
      const a = await agree(m.abs, events);
      const l = llcFrames(m.abs);
      // Pinned: the frames that differ are exactly the LLC ones, where we have no event.
      expect(a.total - a.agree, m.path).toBe(l);
      agreeing += a.agree;
      total += a.total;
      llc += l;
    }
    // Docs: docs/fidelity-bacnet.md states these figures.
    expect(total).toBe(13_580);
    expect(llc).toBe(5_383);
    expect(agreeing).toBe(8_197);
  }, 120_000);
});
