// The decoder fuzzer's own parts: mutants are reproducible from the seed and bounded, the DNP3
// checksum repair gives frames whose CRCs the decoder accepts, and a short run finds an
// exception and an impossible status planted in a wrapped decoder, saves reproducers that
// replay them, and finds nothing in the real decoder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crcMatches } from '../src/decode/app/dnp3/crc.js';
import { fixtures as dnp3Fixtures } from '../src/decode/app/dnp3/fixtures.js';
import { fixtures as modbusFixtures } from '../src/decode/app/modbus/fixtures.js';
import { modbusDecoder } from '../src/decode/app/modbus/index.js';
import type { DecoderFixture, ParseStatus } from '../src/decode/decoder.js';
import { Prng } from '../test/helpers/prng.js';
import { fuzzDecoder, replay, type FuzzOptions, type Reproducer } from './fuzz.js';
import { FIXUPS } from './fuzz-fixups.js';
import { MAX_MUTANT_BYTES, Mutator } from './fuzz-mutate.js';
import type { Corpus } from './fuzz-seeds.js';

const out = mkdtempSync(path.join(tmpdir(), 'palisade-fuzz-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const options = (count: number): FuzzOptions => ({
  seed: 7,
  count,
  only: null,
  hangMs: 10_000,
  heapBoundMb: 64,
  outDir: out,
  sampleEvery: 256,
  quiet: true,
});

function fixtureCorpus(id: string, list: readonly DecoderFixture[]): Corpus {
  const pieces = list.map((f) => ({ dir: f.dir, bytes: f.bytes, datagram: false }));
  return {
    id,
    seeds: pieces,
    fixtures: pieces,
    conversations: [pieces],
    fromFixtures: pieces.length,
    fromCaptures: 0,
    captures: 0,
  };
}

describe('Mutator', () => {
  const seeds = modbusFixtures.map((f) => f.bytes);

  it('gives the same mutants for the same seed and never edits the seed', () => {
    const before = seeds.map((s) => Buffer.from(s).toString('hex'));
    const run = (): string[] => {
      const m = new Mutator(new Prng(42), seeds);
      return seeds.map((s) => Buffer.from(m.mutate(s, null)).toString('hex'));
    };
    expect(run()).toEqual(run());
    expect(seeds.map((s) => Buffer.from(s).toString('hex'))).toEqual(before);
  });

  it('names its edits and keeps mutants under the size cap', () => {
    const m = new Mutator(new Prng(3), seeds);
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const ops: string[] = [];
      const b = m.mutate(seeds[i % seeds.length] as Uint8Array, ops);
      expect(b.length).toBeLessThanOrEqual(MAX_MUTANT_BYTES);
      expect(ops.length).toBeGreaterThan(0);
      for (const op of ops) seen.add(op.split('@')[0] as string);
    }
    // Every edit is drawn in 5,000 mutants.
    expect(seen.size).toBe(18);
  });
});

describe('DNP3 checksum repair', () => {
  it('makes the header and every block CRC of a corrupted frame valid again', () => {
    const frame = (dnp3Fixtures.find((f) => f.bytes.length > 40) as DecoderFixture).bytes.slice();
    frame[3] = (frame[3] as number) ^ 0x40; // control octet: header CRC now wrong
    frame[12] = (frame[12] as number) ^ 0x01; // first data block: its CRC now wrong
    expect(crcMatches(frame, 0, 8)).toBe(false);
    expect(crcMatches(frame, 10, 26)).toBe(false);
    (FIXUPS.dnp3 as (b: Uint8Array) => void)(frame);
    expect(crcMatches(frame, 0, 8)).toBe(true);
    const user = (frame[2] as number) - 5;
    let off = 10;
    for (let left = user; left > 0; left -= 16) {
      const n = Math.min(16, left);
      expect(crcMatches(frame, off, off + n)).toBe(true);
      off += n + 2;
    }
  });
});

describe('fuzzDecoder', () => {
  it('finds nothing in the Modbus decoder over its fixtures', () => {
    const r = fuzzDecoder(modbusDecoder, fixtureCorpus('modbus', modbusFixtures), options(3_000));
    expect(r.inputs).toBe(3_000);
    expect(r.decoderBug + r.contractBreaches).toBe(0);
    expect(r.events).toBeGreaterThan(0);
    expect(r.chunked).toBeGreaterThan(0);
    expect(r.atOffset).toBeGreaterThan(0);
  });

  it('reports a planted exception and impossible status with reproducers that replay', () => {
    // Modbus with two planted bugs: function code 0x63 throws, function code 0x64 asks for
    // fewer bytes than it was given.
    const broken: typeof modbusDecoder = {
      ...modbusDecoder,
      parse(state, data, dir, sink): ParseStatus {
        if (data.length > 7 && data[7] === 0x63) throw new RangeError('planted bug');
        if (data.length > 7 && data[7] === 0x64) {
          return { kind: 'incomplete', consumed: 0, needed: 1 };
        }
        return modbusDecoder.parse(state, data, dir, sink);
      },
    };
    const r = fuzzDecoder(broken, fixtureCorpus('modbus', modbusFixtures), options(20_000));
    expect(r.exceptions).toBeGreaterThan(0);
    expect(r.impossibleStatus).toBeGreaterThan(0);
    expect(r.decoderBug).toBe(r.exceptions + r.impossibleStatus);
    const thrown = r.findings.find((f) => f.kind === 'exception' && f.file !== null);
    expect(thrown?.message).toContain('planted bug');
    const repro = JSON.parse(readFileSync(thrown?.file as string, 'utf8')) as Reproducer;
    expect(replay(broken, repro).error).toContain('planted bug');
    expect(replay(modbusDecoder, repro).error).toBeNull();
  });
});
