// IEC 104 end to end against tshark: the built CLI over every shared IEC 104 capture, type ids
// per frame compared with ../shared/tools/tshark-agree.mjs (docs/fidelity-iec104.md has the
// figures and explains every difference).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
  tshark,
} from '../../helpers/shared.js';

const TOOL = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');

interface Agreement {
  agree: number;
  total: number;
  /** Frames where the two sides differ (tshark-agree lists the first 15). */
  diffs: number[];
  text: string;
}

function agreement(capture: string, extra: string[] = []): Agreement {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-iec104-'));
  const r = runCli(['analyze', capture, '--out', out, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  const text = execFileSync(
    process.execPath,
    [TOOL, capture, path.join(out, 'events.jsonl'), 'iec104'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const got = /agreeing (\d+)\/(\d+)/.exec(text);
  expect(got, text).not.toBeNull();
  const diffs = [...text.matchAll(/^frame (\d+):/gm)].map((m) => Number(m[1]));
  return { agree: Number(got?.[1]), total: Number(got?.[2]), diffs, text };
}

describe('IEC 104 end to end against tshark', () => {
  const files = (): ReturnType<typeof manifest> =>
    manifest().filter((m) => m.path.startsWith('iec104/'));

  it('agrees on the type id of every ASDU of every shared capture', () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    expect(files().length).toBeGreaterThanOrEqual(5);
    let agree = 0;
    let total = 0;
    const lines: string[] = [];
    for (const m of files()) {
      const a = agreement(m.abs);
      agree += a.agree;
      total += a.total;
      lines.push(`${m.path}: ${a.agree}/${a.total}\n${a.text}`);
    }
    expect(total).toBeGreaterThan(250);
    expect(agree / total, lines.join('\n')).toBeGreaterThanOrEqual(0.999);
  }, 60_000);

  it('with --checksum-policy auto differs only on segments sent with bad TCP checksums', () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    for (const m of files()) {
      const a = agreement(m.abs, ['--checksum-policy', 'auto']);
      if (a.agree === a.total) continue;
      // The server of TestDissectIec104.pcap sent a correct SYN-ACK, then every segment with an
      // unfinished (offloaded) checksum; the `auto` policy ignores them as inserted packets,
      // which is why it is not the default (docs/adr/0004-bad-checksums.md).
      expect(a.diffs.length, a.text).toBe(a.total - a.agree);
      const bad = new Set(
        tshark([
          '-r',
          m.abs,
          '-o',
          'tcp.check_checksum:TRUE',
          '-Y',
          'tcp.checksum.status == 0',
          '-T',
          'fields',
          '-e',
          'frame.number',
        ])
          .split('\n')
          .filter((l) => l.length > 0)
          .map(Number),
      );
      for (const f of a.diffs) expect(bad.has(f), `${m.path} frame ${f}`).toBe(true);
    }
  }, 60_000);
});
