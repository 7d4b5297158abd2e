// `palisade watch` end to end: live capture on the loopback interface through tcpdump, with a
// BPF filter, while the test sends a bounded number of UDP datagrams to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REQUIRE, haveTool, readJsonl } from '../helpers/shared.js';

const canCapture = (): boolean => {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root && REQUIRE)
    throw new Error('live capture tests need root (PALISADE_REQUIRE_SERVICES=1)');
  return root && haveTool('tcpdump', '--version');
};

describe('palisade watch', () => {
  it('captures live traffic on lo with a filter and writes flows and a summary', async () => {
    if (!canCapture()) return;
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-watch-'));
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(
      process.execPath,
      [
        CLI,
        'watch',
        '-i',
        'lo',
        '--bpf',
        `udp port ${port}`,
        '--duration',
        '4',
        '--out',
        out,
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Wait until tcpdump has its filter in place, then send 25 datagrams, 20 ms apart.
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(() => reject(new Error(`watch did not start: ${stderr}`)), 10_000);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('listening on lo')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const sock = createSocket('udp4');
    for (let i = 0; i < 25; i++) {
      await new Promise<void>((r) => sock.send(`palisade ${i}`, port, '127.0.0.1', () => r()));
      await new Promise((r) => setTimeout(r, 20));
    }
    sock.close();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { packets: number; drops: number | null; flows: number };
    expect(summary.packets).toBe(25);
    expect(typeof summary.drops).toBe('number');
    expect(summary).toEqual(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')));
    const flows = readJsonl(path.join(out, 'flows.jsonl'));
    expect(flows).toHaveLength(1);
    expect(flows[0]).toMatchObject({
      transport: 'udp',
      dst_ip: '127.0.0.1',
      dst_port: port,
      orig_pkts: 25,
    });
  }, 30_000);
});
