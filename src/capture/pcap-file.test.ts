// Classic pcap parsing (both byte orders, micro/nanoseconds, snaplen cuts, caps) and the file
// source, which also runs the capture source conformance suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { captureFixtures } from '../../test/fixtures/gen/capture-fixtures.js';
import { hex } from '../../test/helpers/hex.js';
import { buildPcap, payload } from '../../test/helpers/pcap-builder.js';
import { FileSource } from './file-source.js';
import { collect, plain, runSourceSuite } from './source.case.test.js';
import { BytesSource } from './stream-source.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'palisade-pcap-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let seq = 0;
/** Writes `bytes` to a fresh temp file named `fileName` and returns its path. */
function tempFile(bytes: Uint8Array, fileName: string): string {
  const dir = path.join(tmp, String(seq++));
  mkdirSync(dir);
  const file = path.join(dir, fileName);
  writeFileSync(file, bytes);
  return file;
}

const read = (bytes: Uint8Array) => collect(new BytesSource('test.pcap', bytes));

describe('classic pcap records', () => {
  it('reads a big-endian nanosecond file', async () => {
    const bytes = hex(
      'a1b23c4d' + // magic: nanosecond timestamps, written big-endian
        '0002' + // version major 2
        '0004' + // version minor 4
        '00000000' + // thiszone
        '00000000' + // sigfigs
        '00000040' + // snaplen 64
        '00000065' + // LinkType 101 (raw IP)
        '57ae6582' + // record 1: ts_sec 1471047042
        '075bcd15' + // ts_nsec 123456789
        '00000004' + // incl_len 4
        '00000010' + // orig_len 16 (cut by the snaplen)
        '45000010', // data: the start of an IPv4 header
    );
    const { result, frames } = await read(bytes);
    expect(result.error).toBeNull();
    expect(plain(frames)).toEqual([
      {
        frame: 1,
        tsSec: 1471047042,
        tsNs: 123456789,
        linkType: 101,
        capLen: 4,
        origLen: 16,
        iface: 0,
        data: hex('45000010'),
      },
    ]);
  });

  it('reads a little-endian microsecond file', async () => {
    const bytes = hex(
      'd4c3b2a1' + // magic: microsecond timestamps, written little-endian
        '0200' + // version major 2
        '0400' + // version minor 4
        '00000000' + // thiszone
        '00000000' + // sigfigs
        'ffff0000' + // snaplen 65535
        '01000000' + // LinkType 1 (Ethernet)
        '8265ae57' + // record 1: ts_sec 1471047042
        'f1fb0900' + // ts_usec 654321
        '02000000' + // incl_len 2
        '02000000' + // orig_len 2
        'abcd', // data
    );
    const { result, frames } = await read(bytes);
    expect(result.error).toBeNull();
    expect(plain(frames)).toEqual([
      {
        frame: 1,
        tsSec: 1471047042,
        tsNs: 654321000,
        linkType: 1,
        capLen: 2,
        origLen: 2,
        iface: 0,
        data: hex('abcd'),
      },
    ]);
  });

  it('reads a file holding only its header as an empty capture', async () => {
    const { result, frames } = await read(buildPcap({}, []));
    expect(frames).toEqual([]);
    expect(result).toMatchObject({
      format: 'pcap',
      frames: 0,
      bytes: 24,
      error: null,
      drops: null,
    });
  });

  it('reports a file header cut short', async () => {
    const { result } = await read(buildPcap({}, []).subarray(0, 10));
    expect(isPlatformError(result.error, 'ERR_CAPTURE_TRUNCATED')).toBe(true);
    expect(result.error?.message).toBe('test.pcap: truncated pcap file header (10 of 24 bytes)');
  });

  it('accepts incl_len above the snaplen up to the standard maximum, and counts it', async () => {
    const bytes = buildPcap({ snaplen: 64 }, [{ tsSec: 1, tsFrac: 0, data: payload(1500) }]);
    const { result, frames } = await read(bytes);
    expect(result.error).toBeNull();
    expect(frames[0]?.capLen).toBe(1500);
    expect(result.notes['pcap.caplen_over_snaplen']).toBe(1);
  });

  it('treats incl_len above max(snaplen, 262144) as corrupt before buffering it', async () => {
    const head = buildPcap({ snaplen: 64 }, [
      { tsSec: 1, tsFrac: 0, data: payload(10), inclLen: 262_145 },
    ]);
    const { result, frames } = await read(head);
    expect(frames).toEqual([]);
    expect(isPlatformError(result.error, 'ERR_CAPTURE_CORRUPT')).toBe(true);
    expect(result.error?.message).toBe(
      'test.pcap: corrupt record at byte 24 (frame 1): captured length 262145 exceeds the limit of 262144 bytes',
    );
    // A large snaplen raises the limit: a 300 kB frame is fine then.
    const big = buildPcap({ snaplen: 1 << 20 }, [{ tsSec: 1, tsFrac: 0, data: payload(300_000) }]);
    const ok = await read(big);
    expect(ok.result.error).toBeNull();
    expect(ok.frames[0]?.capLen).toBe(300_000);
  });

  it('never accepts a frame above 16 MiB, whatever the snaplen says', async () => {
    const bytes = buildPcap({ snaplen: 0xffffffff }, [
      { tsSec: 1, tsFrac: 0, data: payload(8), inclLen: 16 * 1024 * 1024 + 1 },
    ]);
    const { result } = await read(bytes);
    expect(isPlatformError(result.error, 'ERR_CAPTURE_CORRUPT')).toBe(true);
  });

  it('carries a fraction of a second or more into the seconds', async () => {
    const bytes = buildPcap({}, [{ tsSec: 10, tsFrac: 2_500_000, data: payload(4) }]);
    const { result, frames } = await read(bytes);
    expect(frames[0]).toMatchObject({ tsSec: 12, tsNs: 500_000_000 });
    expect(result.notes['pcap.bad_fraction']).toBe(1);
  });

  it('counts an unexpected version and a capture length above the wire length', async () => {
    const bytes = buildPcap({ versionMajor: 1 }, [
      { tsSec: 1, tsFrac: 0, data: payload(10), origLen: 5 },
    ]);
    const { result, frames } = await read(bytes);
    expect(frames.length).toBe(1);
    expect(result.notes).toEqual({ 'pcap.unexpected_version': 1, 'pcap.caplen_over_origlen': 1 });
  });
});

describe('FileSource', () => {
  it('rejects a missing file with ERR_CAPTURE_OPEN', async () => {
    const missing = path.join(tmp, 'no-such.pcap');
    const src = new FileSource(missing);
    expect(src.sizeHint).toBeUndefined();
    const err: unknown = await src.read(() => undefined).catch((e: unknown) => e);
    expect(isPlatformError(err, 'ERR_CAPTURE_OPEN')).toBe(true);
    expect((err as Error).message).toContain('no-such.pcap');
  });

  it('rejects a directory with ERR_CAPTURE_OPEN', async () => {
    const err: unknown = await new FileSource(tmp).read(() => undefined).catch((e: unknown) => e);
    expect(isPlatformError(err, 'ERR_CAPTURE_OPEN')).toBe(true);
  });

  it('knows the file size in advance', () => {
    const fx = captureFixtures()[0]!;
    expect(new FileSource(tempFile(fx.bytes, fx.name)).sizeHint).toBe(fx.bytes.length);
  });

  it('gives the same frames whatever the read size, records larger than a read included', async () => {
    const big = buildPcap({ snaplen: 262_144 }, [
      { tsSec: 1, tsFrac: 0, data: payload(200_000, 1) },
      { tsSec: 2, tsFrac: 0, data: payload(60, 2) },
      { tsSec: 3, tsFrac: 0, data: payload(250_000, 3) },
    ]);
    const inputs = [
      ...captureFixtures().map((f) => ({ name: f.name, bytes: f.bytes, sizes: [1, 7, 64] })),
      { name: 'big.pcap', bytes: big, sizes: [65_536, 100_003] },
    ];
    for (const { name, bytes, sizes } of inputs) {
      const file = tempFile(bytes, name);
      const whole = await collect(new FileSource(file));
      for (const chunkBytes of sizes) {
        const pieces = await collect(new FileSource(file, { chunkBytes }));
        expect(plain(pieces.frames), `${name} / ${chunkBytes}`).toEqual(plain(whole.frames));
        expect(pieces.result, `${name} / ${chunkBytes}`).toEqual(whole.result);
      }
    }
  });

  it('passes on an exception thrown by the frame callback', async () => {
    const fx = captureFixtures()[0]!;
    const boom = new Error('consumer bug');
    const err: unknown = await new FileSource(tempFile(fx.bytes, fx.name))
      .read(() => {
        throw boom;
      })
      .catch((e: unknown) => e);
    expect(err).toBe(boom);
  });
});

runSourceSuite({
  name: 'FileSource',
  fromBytes: (bytes, fileName) => new FileSource(tempFile(bytes, fileName)),
});

runSourceSuite({
  name: 'FileSource with 5-byte reads',
  fromBytes: (bytes, fileName) => new FileSource(tempFile(bytes, fileName), { chunkBytes: 5 }),
});
