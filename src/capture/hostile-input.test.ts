// Hostile input: 10,000 mutated copies of real and synthetic captures (byte flips, truncation,
// inserted garbage, corrupted record lengths; fixed seed) are read in random chunkings with no
// exception, bounded time and memory, and every failure is an error value with a code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../core/errors.js';
import { captureFixtures } from '../../test/fixtures/gen/capture-fixtures.js';
import { buildPcap, payload, recordLayout } from '../../test/helpers/pcap-builder.js';
import { Prng } from '../../test/helpers/prng.js';
import { MAX_RECORD_BYTES } from './record-parser.js';
import type { CaptureResult } from './source.js';
import { BytesSource } from './stream-source.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pcaps = path.resolve(here, '../..', '../shared/data/pcaps');
const require = process.env['PALISADE_REQUIRE_SERVICES'] === '1';
const hasData = existsSync(path.join(pcaps, 'MANIFEST.tsv'));

const SEED = 0x5eed_cafe;
const ITERATIONS = 10_000;
const MAX_BASE_BYTES = 48 * 1024;
const RESULT_CODES = new Set([
  'ERR_CAPTURE_FORMAT',
  'ERR_CAPTURE_TRUNCATED',
  'ERR_CAPTURE_CORRUPT',
]);

/** Small real captures (every format and link type the set has under 48 kB) plus the fixtures. */
function corpus(): { name: string; bytes: Uint8Array }[] {
  const out = captureFixtures().map((f) => ({ name: f.name, bytes: f.bytes }));
  if (!hasData) return out;
  const lines = readFileSync(path.join(pcaps, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [rel = '', , , , , bytes = '0', , , , format = ''] = line.split('\t');
    if ((format === 'pcap' || format === 'pcapng') && Number(bytes) <= MAX_BASE_BYTES) {
      out.push({ name: rel, bytes: new Uint8Array(readFileSync(path.join(pcaps, rel))) });
    }
  }
  return out;
}

/** Values that make a length field interesting. */
function hostileLength(rng: Prng, current: number): number {
  switch (rng.int(8)) {
    case 0:
      return 0;
    case 1:
      return 0xffffffff;
    case 2:
      return current + rng.range(-8, 8);
    case 3:
      return MAX_RECORD_BYTES + rng.range(-4, 4);
    case 4:
      return 262_144 + rng.range(-4, 4);
    case 5:
      return rng.range(1, 64);
    case 6:
      return 0x7ffffffc;
    default:
      return rng.u32();
  }
}

/** One to four mutations of `base`. */
function mutate(base: Uint8Array, rng: Prng): Uint8Array {
  let b = base.slice();
  const ops = 1 + rng.int(4);
  for (let i = 0; i < ops; i++) {
    const op = rng.int(4);
    if (op === 0 && b.length > 0) {
      // Byte flips, clustered in the headers (the first 64 bytes) half of the time.
      const flips = 1 + rng.int(8);
      for (let k = 0; k < flips; k++) {
        const at = rng.chance(0.5) ? rng.int(Math.min(64, b.length)) : rng.int(b.length);
        b[at] = rng.int(256);
      }
    } else if (op === 1) {
      b = b.slice(0, rng.int(b.length + 1));
    } else if (op === 2) {
      const at = rng.int(b.length + 1);
      const garbage = rng.bytes(1 + rng.int(64));
      const grown = new Uint8Array(b.length + garbage.length);
      grown.set(b.subarray(0, at));
      grown.set(garbage, at);
      grown.set(b.subarray(at), at + garbage.length);
      b = grown;
    } else {
      const layout = recordLayout(b);
      if (layout.lengthFields.length === 0) continue;
      const k = rng.int(layout.lengthFields.length);
      const at = layout.lengthFields[k]!;
      const le = layout.littleEndian[k]!;
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      dv.setUint32(at, hostileLength(rng, dv.getUint32(at, le)) >>> 0, le);
    }
  }
  return b;
}

/** Reads `bytes` and checks every invariant a hostile input must not break. */
function readChecked(bytes: Uint8Array, chunkBytes: number, label: string): CaptureResult {
  let delivered = 0;
  let lastNumber = 0;
  let bad = '';
  const res = new BytesSource(label, bytes, { chunkBytes }).readSync((f) => {
    delivered++;
    if (f.frame <= lastNumber) bad ||= `frame number ${f.frame} after ${lastNumber}`;
    lastNumber = f.frame;
    if (f.data.length !== f.capLen) bad ||= `data ${f.data.length} != capLen ${f.capLen}`;
    if (!(Number.isInteger(f.tsNs) && f.tsNs >= 0 && f.tsNs < 1e9)) bad ||= `tsNs ${f.tsNs}`;
    if (!Number.isFinite(f.tsSec)) bad ||= `tsSec ${f.tsSec}`;
  });
  expect(bad, label).toBe('');
  expect(res.frames, label).toBe(delivered);
  // Every frame costs at least a 12-byte block or a 16-byte record header.
  expect(delivered, label).toBeLessThanOrEqual(Math.floor(bytes.length / 12));
  expect(res.bytes, label).toBeLessThanOrEqual(bytes.length);
  if (res.error !== null) {
    expect(res.error, label).toBeInstanceOf(PlatformError);
    expect(RESULT_CODES.has(res.error.code), `${label}: ${res.error.code}`).toBe(true);
    expect(res.error.message.startsWith(label), label).toBe(true);
    // The reader's own invariant checks (a parser that made no progress) never fire.
    expect(res.error.message, label).not.toContain('capture reader stopped');
  }
  return res;
}

describe('hostile capture input', () => {
  (hasData || require ? it : it.skip)(
    `survives ${ITERATIONS} mutated captures with a result for each`,
    () => {
      const bases = corpus();
      expect(bases.length).toBeGreaterThan(hasData ? 100 : 5);
      const rng = new Prng(SEED);
      const codes = new Map<string, number>();
      const started = Date.now();
      let slowest = 0;
      const heapBefore = process.memoryUsage().heapUsed;
      for (let i = 0; i < ITERATIONS; i++) {
        const base = rng.pick(bases);
        const bytes = mutate(base.bytes, rng);
        const chunkBytes = rng.chance(0.5) ? Math.max(1, bytes.length) : 1 + rng.int(4096);
        const t0 = Date.now();
        let res: CaptureResult;
        try {
          res = readChecked(bytes, chunkBytes, `mutant-${i}`);
        } catch (err) {
          throw new Error(
            `seed ${SEED} iteration ${i} (${base.name}, chunk ${chunkBytes}): ${String(err)}`,
            { cause: err },
          );
        }
        slowest = Math.max(slowest, Date.now() - t0);
        const code = res.error?.code ?? 'ok';
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      // Every kind of outcome happened, so the mutations reach the interesting paths.
      for (const code of ['ok', ...RESULT_CODES])
        expect(codes.get(code) ?? 0, code).toBeGreaterThan(50);
      expect(slowest).toBeLessThan(2_000);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);
    },
  );

  it('buffers no more than what arrives when a record declares a huge length', () => {
    // A legal 16 MiB frame (snaplen allows it) of which 100 bytes exist: the reader waits for
    // it, holding only the bytes that came, and then reports the truncation.
    const bytes = buildPcap({ snaplen: 0xffffffff }, [
      { tsSec: 1, tsFrac: 0, data: payload(100), inclLen: 16 * 1024 * 1024 },
    ]);
    const before = process.memoryUsage().arrayBuffers;
    const results = Array.from({ length: 50 }, (_, i) =>
      readChecked(bytes, 1 + (i % 7), 'huge.pcap'),
    );
    for (const res of results) expect(res.error?.code).toBe('ERR_CAPTURE_TRUNCATED');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('reads random bytes behind a valid magic number without failing', () => {
    const rng = new Prng(7);
    const magics = [
      [0xd4, 0xc3, 0xb2, 0xa1],
      [0xa1, 0xb2, 0x3c, 0x4d],
      [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    for (let i = 0; i < 2_000; i++) {
      const body = rng.bytes(rng.int(2048));
      const bytes = new Uint8Array(4 + body.length);
      bytes.set(rng.pick(magics));
      bytes.set(body, 4);
      readChecked(bytes, 1 + rng.int(512), `random-${i}`);
    }
  });
});
