// The readers against real captures and tshark: frame counts of every shared capture equal the
// MANIFEST, timestamps and wire lengths equal tshark's ground-truth dumps, the truncated MELSEC
// file keeps its complete frames, and tshark agrees to the nanosecond on the synthetic fixtures
// and on nanosecond/pcapng conversions of a real capture.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { captureFixtures } from '../../test/fixtures/gen/capture-fixtures.js';
import { openCapture } from './index.js';
import { collect, type FrameCopy } from './source.case.test.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pcaps = path.resolve(here, '../..', '../shared/data/pcaps');
const require = process.env['PALISADE_REQUIRE_SERVICES'] === '1';
const hasData = existsSync(path.join(pcaps, 'MANIFEST.tsv'));
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const hasEditcap = spawnSync('editcap', ['--version']).status === 0;
const dataIt = hasData || require ? it : it.skip;
const tsharkIt = hasTshark || require ? it : it.skip;
const bothIt = (hasData && hasTshark && hasEditcap) || require ? it : it.skip;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'palisade-real-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface ManifestRow {
  relativePath: string;
  packets: number;
  fileFormat: string;
  linkType: string;
}

function manifest(): ManifestRow[] {
  const lines = readFileSync(path.join(pcaps, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string): number => header.indexOf(name);
  const [rel, packets, format, link] = [
    col('relative_path'),
    col('packets'),
    col('file_format'),
    col('link_type'),
  ];
  return lines.map((l) => {
    const f = l.split('\t');
    return {
      relativePath: f[rel] ?? '',
      packets: Number(f[packets]),
      fileFormat: f[format] ?? '',
      linkType: f[link] ?? '',
    };
  });
}

/** tshark's frame.time_epoch ("1471047111.158800000") as whole seconds and nanoseconds. */
function epoch(text: string): { sec: number; ns: number } {
  const [s = '', frac = ''] = text.split('.');
  return { sec: Number(s), ns: Number(frac.padEnd(9, '0').slice(0, 9)) };
}

/** tshark's frame number, epoch time, wire and captured lengths for every frame of `file`. */
function tsharkFrames(
  file: string,
): { number: number; time: string; len: number; capLen: number }[] {
  const out = execFileSync(
    'tshark',
    [
      '-n',
      '-r',
      file,
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      'frame.time_epoch',
      '-e',
      'frame.len',
      '-e',
      'frame.cap_len',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
  );
  return out
    .trim()
    .split('\n')
    .map((l) => {
      const [n = '', t = '', len = '', cap = ''] = l.split('\t');
      return { number: Number(n), time: t, len: Number(len), capLen: Number(cap) };
    });
}

const LINKTYPE_BY_MANIFEST: Record<string, number> = { ether: 1, null: 0 };

describe('real captures', () => {
  dataIt('reads every capture of the MANIFEST with its packet count', async () => {
    const rows = manifest().filter((r) => r.fileFormat === 'pcap' || r.fileFormat === 'pcapng');
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows) {
      const file = path.join(pcaps, row.relativePath);
      const links = new Set<number>();
      let n = 0;
      const res = await openCapture(file).read((f) => {
        n++;
        links.add(f.linkType);
      });
      expect(n, row.relativePath).toBe(row.packets);
      expect(res.frames, row.relativePath).toBe(row.packets);
      expect(res.format, row.relativePath).toBe(row.fileFormat);
      const want = LINKTYPE_BY_MANIFEST[row.linkType];
      if (want !== undefined)
        expect([...links], row.relativePath).toEqual(row.packets > 0 ? [want] : []);
      if (row.relativePath !== 'melsec/melsoft_129_clean.pcap') {
        expect(res.error, row.relativePath).toBeNull();
        expect(res.bytes, row.relativePath).toBe(readFileSync(file).length);
      }
    }
  });

  dataIt(
    'keeps the complete frames of the truncated MELSEC capture and names the cut',
    async () => {
      const file = path.join(pcaps, 'melsec/melsoft_129_clean.pcap');
      const { result, frames } = await collect(openCapture(file));
      expect(frames.length).toBe(2041);
      expect(isPlatformError(result.error, 'ERR_CAPTURE_TRUNCATED')).toBe(true);
      expect(result.error?.message).toBe(`${file}: truncated record at byte 331665 (frame 2042)`);
      expect(result.error?.details).toMatchObject({ file, offset: 331665, frame: 2042 });
      expect(result.bytes).toBe(331665);
    },
  );

  dataIt(
    'agrees with the ground-truth dumps on every frame time (to the microsecond) and length',
    async () => {
      const dir = path.join(pcaps, 'ground-truth');
      const dumps = execFileSync('find', [dir, '-name', '*.tshark.tsv'], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(dumps.length).toBe(23);
      for (const dump of dumps) {
        const rel = path.relative(dir, dump).replace(/\.tshark\.tsv$/, '');
        const { frames } = await collect(openCapture(path.join(pcaps, rel)));
        const lines = readFileSync(dump, 'utf8').trim().split('\n');
        const header = (lines.shift() ?? '').split('\t');
        const [cNum, cTime, cLen] = ['frame.number', 'frame.time_epoch', 'frame.len'].map((h) =>
          header.indexOf(h),
        );
        for (const line of lines) {
          const cells = line.split('\t');
          const num = Number(cells[cNum!]);
          const t = epoch(cells[cTime!] ?? '');
          const f = frames[num - 1];
          expect(f?.frame, `${rel} frame ${num}`).toBe(num);
          expect(f?.tsSec, `${rel} frame ${num}`).toBe(t.sec);
          expect(Math.floor((f?.tsNs ?? -1) / 1000), `${rel} frame ${num}`).toBe(
            Math.floor(t.ns / 1000),
          );
          expect(f?.origLen, `${rel} frame ${num}`).toBe(Number(cells[cLen!]));
        }
      }
    },
  );
});

describe('agreement with tshark to the nanosecond', () => {
  /** Compares our frames with tshark's: number, time (exact), wire and captured length. */
  const compare = (
    label: string,
    ours: readonly FrameCopy[],
    theirs: ReturnType<typeof tsharkFrames>,
    skip: readonly number[] = [],
  ): void => {
    const byNumber = new Map(ours.map((f) => [f.frame, f]));
    let compared = 0;
    for (const t of theirs) {
      const f = byNumber.get(t.number);
      // tshark numbers custom blocks too (they carry no capture time); we skip those records.
      if (f === undefined || t.time === '' || skip.includes(t.number)) continue;
      const e = epoch(t.time);
      expect(
        { sec: f.tsSec, ns: f.tsNs, len: f.origLen, cap: f.capLen },
        `${label} frame ${t.number}`,
      ).toEqual({
        sec: e.sec,
        ns: e.ns,
        len: t.len,
        cap: t.capLen,
      });
      compared++;
    }
    expect(compared, label).toBeGreaterThan(0);
  };

  tsharkIt(
    'on the synthetic fixtures (big/little endian, us/ns, 10^-9, 2^-20, 2^-32, if_tsoffset)',
    async () => {
      for (const fx of captureFixtures()) {
        const file = path.join(tmp, fx.name);
        writeFileSync(file, fx.bytes);
        const { frames } = await collect(openCapture(file));
        compare(fx.name, frames, tsharkFrames(file), fx.tsharkSkip);
      }
    },
  );

  bothIt('on nanosecond pcap and pcapng conversions of a real capture', async () => {
    const original = path.join(pcaps, 'modbus/modbus_test_data_part2.pcap');
    for (const format of ['nsecpcap', 'pcapng']) {
      const file = path.join(tmp, `converted.${format}`);
      execFileSync('editcap', ['-F', format, original, file], { stdio: 'ignore' });
      const { result, frames } = await collect(openCapture(file));
      expect(result.error).toBeNull();
      compare(format, frames, tsharkFrames(file));
    }
  });
});
