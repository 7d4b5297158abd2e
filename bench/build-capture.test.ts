// The benchmark capture builder is reproducible byte for byte, reuses its cache only when the
// parameters match, converts non-Ethernet links, keeps time monotonic, and gives round r the
// frames of round 0 with addresses rewritten by key r and every checksum still as valid (or as
// invalid) as in the source.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSharedPcaps, haveTool, SHARED_PCAPS } from '../test/helpers/shared.js';
import { rewriteFrame } from './address-rewrite.js';
import { buildBenchCapture, listSharedCaptures, type BenchCapture } from './build-capture.js';
import { readInputCapture } from './capture-input.js';

/** A few small shared captures: Ethernet, pcapng NULL loopback, raw IPv4, and ARCNET (skipped). */
const PICKED_FORMATS: ReadonlyArray<readonly [string, string]> = [
  ['bacnet/bacnet-arcnet.cap', 'pcap'],
  ['modbus/modbusSmall.pcap', 'pcap'],
  ['omron-fins/omron_fins_tcp_commands_responses.pcap', 'pcap'],
  ['opcua/open62541_client-server-getEndpoints.pcap', 'pcapng'],
];
const PICKED = PICKED_FORMATS.map(([rel]) => rel);
const SIZE = 400_000;
const START_US = Date.UTC(2025, 0, 1) * 1000;

const run = haveSharedPcaps() ? describe : describe.skip;

run('buildBenchCapture', () => {
  let work = '';
  let dataDir = '';
  let cacheDir = '';
  let first: BenchCapture;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'palisade-build-capture-'));
    dataDir = path.join(work, 'pcaps');
    cacheDir = path.join(work, 'cache');
    const rows = ['relative_path\tfile_format'];
    // Listed out of order on purpose: the builder sorts by relative path.
    for (const [rel, format] of [...PICKED_FORMATS].reverse()) {
      mkdirSync(path.dirname(path.join(dataDir, rel)), { recursive: true });
      symlinkSync(path.join(SHARED_PCAPS, rel), path.join(dataDir, rel));
      rows.push(`${rel}\t${format}`);
    }
    rows.push('modbus/labels.csv\ttext');
    writeFileSync(path.join(dataDir, 'MANIFEST.tsv'), rows.join('\n') + '\n');
    first = buildBenchCapture({ sizeBytes: SIZE, dataDir, cacheDir });
  });

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('lists the capture rows of the manifest in path order', () => {
    expect(listSharedCaptures(dataDir).map((f) => f.rel)).toEqual(PICKED);
  });

  it('writes at least the size, ending on a frame boundary, and records what it skipped', () => {
    expect(first.reused).toBe(false);
    expect(first.bytes).toBeGreaterThanOrEqual(SIZE);
    expect(statSync(first.path).size).toBe(first.bytes);
    expect(first.inputs).toBe(PICKED.length);
    expect(first.rounds).toBeGreaterThan(3);
    expect(first.skipped['linktype.7']).toBeGreaterThan(0); // ARCNET carries no IP here
    const back = readInputCapture(first.path);
    expect(back.skipped).toEqual({});
    expect(back.frames.length).toBe(first.frames);
  });

  it('reuses the cached file when nothing changed and rebuilds the same bytes when forced', () => {
    const again = buildBenchCapture({ sizeBytes: SIZE, dataDir, cacheDir });
    expect(again.reused).toBe(true);
    expect(again.sha256).toBe(first.sha256);
    const forced = buildBenchCapture({ sizeBytes: SIZE, dataDir, cacheDir, force: true });
    expect(forced.reused).toBe(false);
    expect(forced.sha256).toBe(first.sha256);
    const other = buildBenchCapture({ sizeBytes: SIZE + 1, dataDir, cacheDir });
    expect(other.reused).toBe(false);
    expect(other.path).not.toBe(first.path);
  });

  it('starts at 2025-01-01 and keeps time monotonic', () => {
    const frames = readInputCapture(first.path).frames;
    expect(frames[0]!.tsUs).toBe(START_US);
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i]!.tsUs).toBeGreaterThanOrEqual(frames[i - 1]!.tsUs);
    }
  });

  it('gives round r the frames of round 0 rewritten with key r, shifted in time', () => {
    const frames = readInputCapture(first.path).frames;
    const per = first.framesPerRound;
    for (const r of [1, 2, first.rounds - 2]) {
      const shift = frames[r * per]!.tsUs - frames[0]!.tsUs;
      expect(shift).toBeGreaterThan(frames[per - 1]!.tsUs - frames[0]!.tsUs);
      for (let i = 0; i < per; i++) {
        const expected = new Uint8Array(frames[i]!.data);
        rewriteFrame(expected, 0, expected.length, r);
        const got = frames[r * per + i]!;
        expect(got.data).toEqual(expected);
        expect(got.tsUs - frames[i]!.tsUs).toBe(shift);
      }
    }
  });

  it('keeps every checksum verdict of round 0 in the later rounds (tshark)', () => {
    if (!haveTool('tshark', '-v')) return;
    const out = execFileSync(
      'tshark',
      [
        '-n',
        '-r',
        first.path,
        '-o',
        'ip.check_checksum:TRUE',
        '-o',
        'tcp.check_checksum:TRUE',
        '-o',
        'udp.check_checksum:TRUE',
        '-T',
        'fields',
        '-e',
        'ip.checksum.status',
        '-e',
        'tcp.checksum.status',
        '-e',
        'udp.checksum.status',
        '-e',
        'icmpv6.checksum.status',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const lines = out.split('\n');
    const per = first.framesPerRound;
    const round0 = lines.slice(0, per);
    expect(round0.some((l) => l.includes('1'))).toBe(true); // some checksums verified good
    for (let r = 1; r + 1 < first.rounds; r++) {
      expect(lines.slice(r * per, (r + 1) * per)).toEqual(round0);
    }
  });
});
