// Replays every crash or fuzz find in test/regress/<id>-<slug>/ through the whole pipeline: no bug report, no output line off contract, the same lines with one engine as with shards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PipelineHarness, ShardedRun } from '../helpers/pipeline-run.js';
import { runCli } from '../helpers/shared.js';
import { OPEN_BUGS } from './open-bugs.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const cases = readdirSync(HERE, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d{4}-[a-z0-9-]+$/.test(d.name))
  .map((d) => d.name)
  .sort();

function input(c: string): string {
  const dir = path.join(HERE, c);
  return path.join(dir, readdirSync(dir).find((f) => /^input\.(pcap|pcapng)$/.test(f)) as string);
}

/** events.jsonl and flows.jsonl of `palisade analyze` (the built CLI) with `workers` threads. */
function cliOutput(file: string, workers: number): string {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-regress-'));
  try {
    const r = runCli(['analyze', file, '--out', out, '--workers', String(workers)]);
    expect(r.stderr).toBe('');
    return ['events.jsonl', 'flows.jsonl']
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .join('--\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function replay(c: string): void {
  const bytes = readFileSync(input(c));
  // Whole, and in 7-byte chunks (records split across reads).
  for (const chunkBytes of [undefined, 7]) {
    const h = new PipelineHarness();
    h.lines = [];
    const run = h.run(c, bytes, chunkBytes);
    expect(run.bugs, `${c}: bug reports`).toEqual([]);
    expect(run.violations, `${c}: output off contract`).toEqual([]);
    expect(run.frames, `${c}: frames`).toBeGreaterThan(0);
    for (const shards of [2, 3]) {
      expect(new ShardedRun(shards).run(c, bytes), `${c}: ${shards} shards`).toEqual(h.lines);
    }
  }
  expect(cliOutput(input(c), 2), `${c}: CLI --workers 2`).toBe(cliOutput(input(c), 1));
}

describe('regressions', () => {
  it('every case folder has one input capture and a README; open bugs name real cases', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const files = readdirSync(path.join(HERE, c));
      expect(files, c).toContain('README.md');
      expect(
        files.filter((f) => /^input\.(pcap|pcapng)$/.test(f)),
        c,
      ).toHaveLength(1);
    }
    for (const c of Object.keys(OPEN_BUGS)) expect(cases).toContain(c);
  });

  for (const c of cases) {
    const open = OPEN_BUGS[c];
    if (open !== undefined) it.fails(`${c} (open: fix in ${open})`, () => replay(c));
    else it(c, () => replay(c));
  }
});
