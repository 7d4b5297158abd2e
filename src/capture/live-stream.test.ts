// Live capture through tcpdump on the loopback interface: frames of datagrams sent to 127.0.0.1
// arrive, stopping by AbortSignal resolves, drops are reported; plus tcpdump argument and
// counter parsing and its failures.
import { spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { LiveSource, parseTcpdumpStats } from './live-stream.js';
import { runSourceSuite, type FrameCopy, type SessionOutcome } from './source.case.test.js';

const require = process.env['PALISADE_REQUIRE_SERVICES'] === '1';
const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const isRoot = process.getuid?.() === 0;
const canCapture = hasTcpdump && isRoot;
const liveIt = canCapture || require ? it : it.skip;

const DATAGRAMS = 20;
const MARKER = 'palisade-live-test';

/** Resolves when `check()` holds, or after `ms` milliseconds. */
async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Captures on `lo` with a filter for a free UDP port of 127.0.0.1, sends DATAGRAMS datagrams
 * there (and only there), then stops the capture.
 */
async function loopbackSession(): Promise<SessionOutcome & { port: number }> {
  if (!canCapture) throw new Error('live capture needs root and tcpdump');
  // The receiver holds the port, so the datagrams are delivered and no ICMP error follows.
  const receiver: Socket = createSocket('udp4');
  receiver.on('message', () => undefined);
  receiver.bind(0, '127.0.0.1');
  await once(receiver, 'listening');
  const port = receiver.address().port;
  const sender = createSocket('udp4');
  let listening = false;
  const src = new LiveSource('lo', {
    bpf: `udp and dst host 127.0.0.1 and dst port ${port}`,
    onListening: () => {
      listening = true;
    },
  });
  const ac = new AbortController();
  const frames: FrameCopy[] = [];
  const reading = src.read(
    (f) => {
      frames.push({ ...f, data: f.data.slice(), record: f });
    },
    { signal: ac.signal },
  );
  try {
    await waitFor(() => listening, 10_000);
    if (!listening) throw new Error('tcpdump did not start listening');
    for (let i = 0; i < DATAGRAMS; i++) {
      sender.send(Buffer.from(`${MARKER} ${i}`), port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 5));
    }
    // Frames reach the callback as tcpdump writes them (-U, immediate mode).
    await waitFor(() => frames.length >= DATAGRAMS, 5_000);
  } finally {
    ac.abort();
    sender.close();
    receiver.close();
  }
  const result = await reading;
  return { result, frames, minFrames: DATAGRAMS, port };
}

let session: Promise<SessionOutcome & { port: number }> | undefined;
const sharedSession = (): Promise<SessionOutcome & { port: number }> =>
  (session ??= loopbackSession());

describe('live capture on the loopback interface', () => {
  liveIt('captures the datagrams sent to 127.0.0.1, stops on abort and reports drops', async () => {
    const { result, frames, port } = await sharedSession();
    expect(result.error).toBeNull();
    expect(result.format).toBe('pcap');
    expect(frames.length).toBe(DATAGRAMS);
    expect(typeof result.drops).toBe('number');
    expect(result.notes['live.packets_captured']).toBe(DATAGRAMS);
    expect(result.notes['capture.aborted']).toBe(1);
    const texts = frames.map((f) => {
      // Loopback frames carry a (zero) Ethernet header: 14 + IPv4 20 + UDP 8 bytes.
      expect(f.linkType).toBe(1);
      const udp = 14 + 20;
      expect((f.data[udp + 2]! << 8) | f.data[udp + 3]!).toBe(port);
      return Buffer.from(f.data.subarray(udp + 8)).toString();
    });
    expect(texts).toEqual(Array.from({ length: DATAGRAMS }, (_, i) => `${MARKER} ${i}`));
  });

  it('runs tcpdump listen-only, with the filter after `--`', () => {
    expect(new LiveSource('eth0', { bpf: '-w /tmp/x', snaplen: 128 }).tcpdumpArgs()).toEqual([
      '-U',
      '-n',
      '--immediate-mode',
      '-w',
      '-',
      '-i',
      'eth0',
      '-s',
      '128',
      '--',
      '-w /tmp/x',
    ]);
  });

  it('refuses interface names that could be options, and bad snaplens', async () => {
    for (const src of [
      new LiveSource('-r/etc/passwd'),
      new LiveSource(''),
      new LiveSource('lo', { snaplen: 0 }),
    ]) {
      const err: unknown = await src.read(() => undefined).catch((e: unknown) => e);
      expect(isPlatformError(err, 'ERR_LIVE_TOOL')).toBe(true);
    }
  });

  it('rejects with ERR_LIVE_TOOL when the capture program is missing', async () => {
    const src = new LiveSource('lo', { tool: '/nonexistent/tcpdump' });
    const err: unknown = await src.read(() => undefined).catch((e: unknown) => e);
    expect(isPlatformError(err, 'ERR_LIVE_TOOL')).toBe(true);
    expect((err as Error).message).toContain('ENOENT');
  });

  (hasTcpdump || require ? it : it.skip)(
    'rejects with ERR_LIVE_TOOL when tcpdump fails',
    async () => {
      const err: unknown = await new LiveSource('nosuchdev0')
        .read(() => undefined)
        .catch((e: unknown) => e);
      expect(isPlatformError(err, 'ERR_LIVE_TOOL')).toBe(true);
      expect((err as Error).message).toMatch(/tcpdump exited with code \d+: .*nosuchdev0/);
    },
  );

  it('reads tcpdump exit counters', () => {
    const stderr = [
      'tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
      '20 packets captured',
      '40 packets received by filter',
      '1 packet dropped by kernel',
      '',
    ].join('\n');
    expect(parseTcpdumpStats(stderr)).toEqual({
      captured: 20,
      receivedByFilter: 40,
      droppedByKernel: 1,
      droppedByInterface: null,
    });
    expect(parseTcpdumpStats('tcpdump: killed').captured).toBeNull();
  });
});

runSourceSuite({
  name: 'LiveSource (tcpdump on lo)',
  session: sharedSession,
  dropsKnown: true,
  skip:
    canCapture || require
      ? []
      : [
          {
            reason: 'needs root and tcpdump',
            tests: [
              'a session delivers consecutive frame numbers, sane timestamps and drop counters',
            ],
          },
        ],
});
