// BACnet end to end against tshark: the built CLI over every shared BACnet capture, APDU types per
// frame compared with ../shared/tools/tshark-agree.mjs. Every BACnet/IP frame and every BACnet
// over 802.2 LLC frame (SAP 0x82) agrees; every disagreeing frame is BACnet MS/TP tunnelled in
// an LLC SNAP frame with Cimetrics' OUI, which is not decoded (docs/fidelity-bacnet.md).
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

/** Frames tshark dissects as BACnet APDUs of MS/TP tunnelled in LLC SNAP (Cimetrics OUI). */
function tunnelledFrames(capture: string): number {
  const out = tshark([
    '-r',
    capture,
    '-n',
    '-Y',
    'bacapp && cimetrics',
    '-T',
    'fields',
    '-e',
    'frame.number',
  ]);
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

describe('BACnet end to end against tshark', () => {
  it('agrees on the APDU type of every BACnet/IP and BACnet/Ethernet frame of the shared captures', async () => {
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
    let tunnelled = 0;
    for (const [i, m] of caps.entries()) {
      const events = path.join(out, `events-${i + 1}.jsonl`);
      writeFileSync(events, (perCapture[i] ?? []).map((l) => `${l}\n`).join(''));
      const a = await agree(m.abs, events);
      const t = tunnelledFrames(m.abs);
      // Pinned: the frames that differ are exactly the tunnelled MS/TP ones, with no event.
      expect(a.total - a.agree, m.path).toBe(t);
      agreeing += a.agree;
      total += a.total;
      tunnelled += t;
    }
    // Docs: docs/fidelity-bacnet.md states these figures.
    expect(total).toBe(13_580);
    expect(tunnelled).toBe(141);
    expect(agreeing).toBe(13_439);
  }, 120_000);
});
