// The capture writers: what they write reads back frame for frame (our reader and tshark), with
// exact timestamps at both precisions, and a failed or abandoned file never takes the final name.
import { mkdtempSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { FileSource } from './file-source.js';
import { PcapWriter, PcapngWriter, type WritableFrame } from './pcap-writer.js';
import { LINKTYPE } from './source.js';
import { haveTool, tshark } from '../../test/helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReadBack {
  frame: number;
  tsSec: number;
  tsNs: number;
  linkType: number;
  origLen: number;
  data: Uint8Array;
}

async function readBack(path: string): Promise<{ frames: ReadBack[]; format: string }> {
  const frames: ReadBack[] = [];
  const res = await new FileSource(path).read((f) =>
    frames.push({
      frame: f.frame,
      tsSec: f.tsSec,
      tsNs: f.tsNs,
      linkType: f.linkType,
      origLen: f.origLen,
      data: f.data.slice(),
    }),
  );
  expect(res.error).toBeNull();
  return { frames, format: res.format };
}

function frame(
  tsSec: number,
  tsNs: number,
  len: number,
  seed: number,
  origLen = len,
): WritableFrame {
  const data = new Uint8Array(len);
  for (let i = 0; i < len; i++) data[i] = (i * 13 + seed) & 0xff;
  return { tsSec, tsNs, origLen, data };
}

// Timestamps at the edges: the epoch, a nanosecond before a second, the last 32-bit second.
const FRAMES = [
  frame(0, 0, 60, 1),
  frame(1_471_047_098, 8_652_123, 74, 2),
  frame(1_471_047_098, 999_999_999, 1514, 3, 9000),
  frame(4_294_967_295, 999_999_999, 1, 4),
];

describe('PcapWriter', () => {
  it('writes microsecond records that read back with the fraction cut to microseconds', async () => {
    const path = join(dir, 'us.pcap');
    const w = new PcapWriter(path, { linkType: LINKTYPE.ETHERNET });
    for (const f of FRAMES) w.write(f);
    const totals = w.close();
    expect(totals.frames).toBe(4);
    const bytes = readFileSync(path);
    expect(totals.bytes).toBe(bytes.length);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    const { frames, format } = await readBack(path);
    expect(format).toBe('pcap');
    expect(frames.map((f) => [f.tsSec, f.tsNs, f.origLen, f.linkType])).toEqual(
      FRAMES.map((f) => [f.tsSec, Math.floor(f.tsNs / 1000) * 1000, f.origLen, 1]),
    );
    frames.forEach((f, i) => expect(f.data).toEqual(FRAMES[i]!.data));
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('writes nanosecond records exactly, with the link type given', async () => {
    const path = join(dir, 'ns.pcap');
    const w = new PcapWriter(path, { linkType: LINKTYPE.RAW, nanosecond: true, snaplen: 2000 });
    for (const f of FRAMES) w.write(f);
    w.close();
    const bytes = readFileSync(path);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b23c4d);
    expect(bytes.readUInt32LE(16)).toBe(2000);
    const { frames } = await readBack(path);
    expect(frames.map((f) => [f.tsSec, f.tsNs, f.linkType])).toEqual(
      FRAMES.map((f) => [f.tsSec, f.tsNs, LINKTYPE.RAW]),
    );
  });

  it('streams frames larger than its buffer and many frames past it', async () => {
    const path = join(dir, 'big.pcap');
    // Readers refuse records over the snapshot length (ours above 262144 bytes): say it.
    const w = new PcapWriter(path, { linkType: LINKTYPE.ETHERNET, snaplen: 4 << 20 });
    const big = frame(10, 0, 3 << 20, 9);
    w.write(big);
    for (let i = 0; i < 2000; i++) w.write(frame(11 + i, i * 1000, 1500, i));
    w.close();
    const { frames } = await readBack(path);
    expect(frames.length).toBe(2001);
    expect(frames[0]!.data).toEqual(big.data);
    expect(frames[2000]!.tsSec).toBe(11 + 1999);
    expect(frames[2000]!.data).toEqual(frame(0, 0, 1500, 1999).data);
  });

  it('leaves no file behind when aborted, and reports an unwritable path as ERR_OUTPUT_WRITE', () => {
    const path = join(dir, 'aborted.pcap');
    const w = new PcapWriter(path, { linkType: 1 });
    w.write(FRAMES[1]!);
    w.abort();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
    let err: unknown;
    try {
      new PcapWriter(join(dir, 'no-such-dir', 'x.pcap'), { linkType: 1 });
    } catch (e) {
      err = e;
    }
    expect(isPlatformError(err, 'ERR_OUTPUT_WRITE')).toBe(true);
  });

  it('does not replace an existing file until it is closed', () => {
    const path = join(dir, 'existing.pcap');
    writeFileSync(path, 'old');
    const w = new PcapWriter(path, { linkType: 1 });
    w.write(FRAMES[0]!);
    expect(readFileSync(path, 'utf8')).toBe('old');
    w.close();
    expect(readFileSync(path).readUInt32LE(0)).toBe(0xa1b2c3d4);
  });
});

describe('PcapngWriter', () => {
  it('writes one interface per link type, each at its precision', async () => {
    const path = join(dir, 'two.pcapng');
    const w = new PcapngWriter(path, [
      { linkType: LINKTYPE.ETHERNET },
      { linkType: LINKTYPE.RAW, nanosecond: true },
    ]);
    FRAMES.forEach((f, i) => w.write(i % 2, f));
    w.close();
    const { frames, format } = await readBack(path);
    expect(format).toBe('pcapng');
    expect(frames.map((f) => [f.linkType, f.tsSec, f.tsNs, f.origLen])).toEqual(
      FRAMES.map((f, i) => [
        i % 2 === 0 ? LINKTYPE.ETHERNET : LINKTYPE.RAW,
        f.tsSec,
        i % 2 === 0 ? Math.floor(f.tsNs / 1000) * 1000 : f.tsNs,
        f.origLen,
      ]),
    );
    frames.forEach((f, i) => expect(f.data).toEqual(FRAMES[i]!.data));
  });

  it('refuses an interface it does not have', () => {
    const w = new PcapngWriter(join(dir, 'one.pcapng'), [{ linkType: 1 }]);
    expect(() => w.write(1, FRAMES[0]!)).toThrow(/no interface 1/);
    w.abort();
  });
});

describe.runIf(haveTool('tshark', '-v') && haveTool('capinfos', '-v'))('read by tshark', () => {
  it('agrees on the frame count, times and lengths of both formats', () => {
    const sub = join(dir, 'tshark');
    mkdirSync(sub);
    const pcap = join(sub, 'ns.pcap');
    const ng = join(sub, 'mixed.pcapng');
    const w1 = new PcapWriter(pcap, { linkType: LINKTYPE.ETHERNET, nanosecond: true });
    const w2 = new PcapngWriter(ng, [
      { linkType: LINKTYPE.ETHERNET },
      { linkType: LINKTYPE.ETHERNET, nanosecond: true },
    ]);
    FRAMES.slice(0, 3).forEach((f, i) => {
      w1.write(f);
      w2.write(i % 2, f);
    });
    w1.close();
    w2.close();
    for (const [path, nsOf] of [
      [pcap, (): boolean => true],
      [ng, (i: number): boolean => i % 2 === 1],
    ] as const) {
      const rows = tshark([
        '-n',
        '-r',
        path,
        '-T',
        'fields',
        '-e',
        'frame.time_epoch',
        '-e',
        'frame.len',
        '-e',
        'frame.cap_len',
      ])
        .trim()
        .split('\n')
        .map((l) => l.split('\t'));
      expect(rows.length).toBe(3);
      rows.forEach((r, i) => {
        const f = FRAMES[i]!;
        const frac = nsOf(i) ? f.tsNs : Math.floor(f.tsNs / 1000) * 1000;
        expect(r[0]).toBe(`${f.tsSec}.${String(frac).padStart(9, '0')}`);
        expect(Number(r[1])).toBe(f.origLen);
        expect(Number(r[2])).toBe(f.data.length);
      });
    }
  });
});
