// The chunk engine: any split of the input gives the same result, frames inside a chunk are
// views of it (no copy), and a stopped reader stays stopped.
import { describe, expect, it } from 'vitest';
import { captureFixtures, twoSectionFixture } from '../../test/fixtures/gen/capture-fixtures.js';
import { atOffset } from '../../test/helpers/hex.js';
import { buildPcap, payload } from '../../test/helpers/pcap-builder.js';
import { CaptureReader } from './capture-reader.js';
import type { CaptureResult } from './source.js';

/** Feeds `pieces` to a fresh reader; returns the result and a digest of every frame. */
function run(pieces: readonly Uint8Array[]): { result: CaptureResult; frames: string[] } {
  const frames: string[] = [];
  const reader = new CaptureReader('split.pcap', (f) => {
    frames.push(
      `${f.frame} ${f.tsSec}.${f.tsNs} ${f.linkType} ${f.iface} ${f.capLen}/${f.origLen} ${Buffer.from(f.data).toString('hex')}`,
    );
  });
  for (const p of pieces) if (!reader.push(p)) break;
  return { result: reader.finish(), frames };
}

describe('CaptureReader', () => {
  it('gives the same frames and result for every two-piece split of every fixture', () => {
    for (const fx of captureFixtures()) {
      const whole = run([fx.bytes]);
      expect(whole.frames.length, fx.name).toBe(fx.frames.length);
      for (let k = 0; k <= fx.bytes.length; k++) {
        const split = run([fx.bytes.subarray(0, k), fx.bytes.subarray(k)]);
        expect(split, `${fx.name} split at ${k}`).toEqual(whole);
      }
    }
  });

  it('gives the same error and offset for every split of a truncated capture', () => {
    const bytes = twoSectionFixture().bytes;
    const cut = bytes.subarray(0, bytes.length - 10);
    const whole = run([cut]);
    expect(whole.result.error?.code).toBe('ERR_CAPTURE_TRUNCATED');
    for (let k = 0; k <= cut.length; k += 3) {
      expect(run([cut.subarray(0, k), cut.subarray(k)]), `split at ${k}`).toEqual(whole);
    }
  });

  it('delivers frames inside a chunk as views of that chunk, at any byteOffset', () => {
    const bytes = atOffset(
      buildPcap({}, [
        { tsSec: 1, tsFrac: 0, data: payload(60) },
        { tsSec: 2, tsFrac: 0, data: payload(70) },
      ]),
    );
    const seen: { buffer: ArrayBufferLike; offset: number }[] = [];
    const reader = new CaptureReader('views.pcap', (f) =>
      seen.push({ buffer: f.data.buffer, offset: f.data.byteOffset }),
    );
    reader.push(bytes);
    expect(reader.finish().error).toBeNull();
    expect(seen).toEqual([
      { buffer: bytes.buffer, offset: bytes.byteOffset + 24 + 16 },
      { buffer: bytes.buffer, offset: bytes.byteOffset + 24 + 16 + 60 + 16 },
    ]);
  });

  it('accepts Node Buffers and hands out plain Uint8Array views', () => {
    const bytes = Buffer.from(buildPcap({}, [{ tsSec: 1, tsFrac: 0, data: payload(8) }]));
    let ctor: unknown;
    const reader = new CaptureReader('buffer.pcap', (f) => (ctor = f.data.constructor));
    reader.push(bytes);
    expect(ctor).toBe(Uint8Array);
  });

  it('stays stopped after an error and ignores later input', () => {
    const reader = new CaptureReader('junk', () => undefined);
    expect(reader.push(new TextEncoder().encode('not a capture'))).toBe(false);
    expect(reader.stopped).toBe(true);
    expect(reader.push(buildPcap({}, []))).toBe(false);
    expect(reader.finish().error?.code).toBe('ERR_CAPTURE_FORMAT');
  });

  it('sniffs the format across pieces of one byte', () => {
    const bytes = twoSectionFixture().bytes;
    const pieces = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(run(pieces)).toEqual(run([bytes]));
  });
});
