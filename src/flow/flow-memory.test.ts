// Memory: 1,000,000 concurrent flows (and the same with both directions reassembled) fit in
// less than 1 GiB of process RSS. Measured in a child process so the figure is the process total.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GIB = 2 ** 30;

interface Memory {
  flows: number;
  rssBytes: number;
  heapBytesPerFlow: number;
  reassemblyMemUsed: number;
}

function measure(extra: string[]): Memory {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      'bench/flow-table.bench.ts',
      '--memory',
      '1000000',
      '--json',
      ...extra,
    ],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Memory;
}

describe('flow memory', () => {
  it('holds 1,000,000 concurrent flows in less than 1 GiB RSS', () => {
    const m = measure([]);
    expect(m.flows).toBe(1_000_000);
    expect(m.rssBytes).toBeLessThan(GIB);
    // The Flow object, its id, its `tcp` pair and its bucket: keep it lean.
    expect(m.heapBytesPerFlow).toBeLessThan(600);
  });

  it('holds 1,000,000 flows reassembled both ways in less than 1 GiB RSS', () => {
    const m = measure(['--streams']);
    expect(m.flows).toBe(1_000_000);
    expect(m.rssBytes).toBeLessThan(GIB);
    expect(m.reassemblyMemUsed).toBe(0);
  });
});
