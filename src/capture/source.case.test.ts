// Conformance suite every capture source runs: ordering, frame numbers, timestamps, clean end,
// truncation, corruption, unknown formats, drop counters, abort.
import { describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import {
  captureFixtures,
  classicFixture,
  twoSectionFixture,
  type ExpectedFrame,
} from '../../test/fixtures/gen/capture-fixtures.js';
import { buildPcap, payload } from '../../test/helpers/pcap-builder.js';
import type { CaptureResult, CaptureSource, RawFrame } from './source.js';

/** A frame copied out of the callback (the record and its bytes are reused by the reader). */
export interface FrameCopy extends ExpectedFrame {
  /** The record object the callback received (to check that it is reused). */
  record: RawFrame;
}

/** What a live session produced, for the checks that do not need known bytes. */
export interface SessionOutcome {
  result: CaptureResult;
  frames: FrameCopy[];
  /** At least this many frames must have arrived. */
  minFrames: number;
}

/** Tests of the suite a source skips, with the reason. */
export interface SuiteSkip {
  reason: string;
  tests: readonly string[];
}

/** How a source plugs into the suite. */
export interface SourceSuiteOptions {
  /** Name of the source under test (describe block title). */
  name: string;
  /**
   * Opens a source that delivers exactly `bytes` as a capture called `fileName` (its name must
   * contain `fileName`). Sources that cannot replay bytes (live capture) leave it out.
   */
  fromBytes?: (bytes: Uint8Array, fileName: string) => CaptureSource | Promise<CaptureSource>;
  /** Sources that produce their own traffic run one session instead. */
  session?: () => Promise<SessionOutcome>;
  /** Whether `drops` must be a number (live) or may be null. */
  dropsKnown?: boolean;
  skip?: readonly SuiteSkip[];
}

/** Reads a source to its end, copying every frame. */
export async function collect(
  src: CaptureSource,
  opts: Parameters<CaptureSource['read']>[1] = {},
): Promise<{ result: CaptureResult; frames: FrameCopy[] }> {
  const frames: FrameCopy[] = [];
  const result = await src.read((f) => {
    frames.push({
      frame: f.frame,
      tsSec: f.tsSec,
      tsNs: f.tsNs,
      linkType: f.linkType,
      capLen: f.capLen,
      origLen: f.origLen,
      iface: f.iface,
      data: f.data.slice(),
      record: f,
    });
  }, opts);
  return { result, frames };
}

/** Drops the `record` field so copies compare with expected frames. */
export function plain(frames: readonly FrameCopy[]): ExpectedFrame[] {
  return frames.map(({ record: _record, ...rest }) => rest);
}

/** Registers the conformance tests for one source. */
export function runSourceSuite(opts: SourceSuiteOptions): void {
  const skipped = new Map<string, string>();
  for (const s of opts.skip ?? []) for (const t of s.tests) skipped.set(t, s.reason);
  const replay = opts.fromBytes;
  const test = (
    title: string,
    fn: () => Promise<void>,
    needs: 'replay' | 'session' = 'replay',
  ): void => {
    const missing =
      needs === 'replay'
        ? replay === undefined
          ? 'the source cannot replay given bytes'
          : undefined
        : opts.session === undefined
          ? 'the source replays bytes; the replay tests cover it'
          : undefined;
    const reason = skipped.get(title) ?? missing;
    if (reason !== undefined) it.skip(`${title} (skipped: ${reason})`, fn);
    else it(title, fn);
  };
  const open = async (bytes: Uint8Array, fileName: string): Promise<CaptureSource> => {
    if (replay === undefined) throw new Error('no fromBytes');
    return replay(bytes, fileName);
  };

  describe(`capture source conformance: ${opts.name}`, () => {
    test('delivers every frame in order, numbered as Wireshark numbers them', async () => {
      for (const fx of captureFixtures()) {
        const { result, frames } = await collect(await open(fx.bytes, fx.name));
        expect(result.error, fx.name).toBeNull();
        expect(plain(frames), fx.name).toEqual(fx.frames);
        expect(result.frames, fx.name).toBe(fx.frames.length);
      }
    });

    test('reports the format, the bytes consumed, drops and notes at a clean end', async () => {
      for (const fx of captureFixtures()) {
        const { result } = await collect(await open(fx.bytes, fx.name));
        expect(result.format, fx.name).toBe(fx.format);
        expect(result.bytes, fx.name).toBe(fx.bytes.length);
        expect(result.drops, fx.name).toBe(fx.drops);
        expect(result.notes, fx.name).toEqual(fx.notes);
      }
    });

    test('reuses one frame record whose data is a capLen-long view', async () => {
      const fx = twoSectionFixture();
      const { frames } = await collect(await open(fx.bytes, fx.name));
      expect(frames.length).toBeGreaterThan(1);
      for (const f of frames) {
        expect(f.record).toBe(frames[0]?.record);
        expect(f.data.length).toBe(f.capLen);
      }
    });

    test('keeps the frames before a truncation and names the file, offset and frame', async () => {
      const fx = classicFixture(true, false);
      // Record 3 (empty) starts after the file header and two records; record 4 follows it.
      const rec3 = 24 + 16 + 60 + 16 + 96;
      const rec4 = rec3 + 16;
      const cases = [
        { cut: rec3 + 1, kept: 2, errorAt: rec3 },
        { cut: rec3 + 15, kept: 2, errorAt: rec3 },
        { cut: rec4 + 5, kept: 3, errorAt: rec4 },
        { cut: rec4 + 16 + 41, kept: 3, errorAt: rec4 },
      ];
      for (const { cut, kept, errorAt } of cases) {
        const { result, frames } = await collect(
          await open(fx.bytes.slice(0, cut), 'trunc-test.pcap'),
        );
        expect(plain(frames)).toEqual(fx.frames.slice(0, kept));
        expect(isPlatformError(result.error, 'ERR_CAPTURE_TRUNCATED')).toBe(true);
        expect(result.error?.message).toContain('trunc-test.pcap');
        expect(result.error?.message).toContain(
          `truncated record at byte ${errorAt} (frame ${kept + 1})`,
        );
        expect(result.error?.details['offset']).toBe(errorAt);
        expect(result.frames).toBe(kept);
        expect(result.bytes).toBe(errorAt);
      }
      const ng = twoSectionFixture();
      const { result, frames } = await collect(
        await open(ng.bytes.slice(0, ng.bytes.length - 3), ng.name),
      );
      expect(plain(frames)).toEqual(ng.frames);
      expect(isPlatformError(result.error, 'ERR_CAPTURE_TRUNCATED')).toBe(true);
      expect(result.error?.details['offset']).toBeLessThan(ng.bytes.length);
    });

    test('stops at an impossible record length with ERR_CAPTURE_CORRUPT and its offset', async () => {
      const bytes = buildPcap({ snaplen: 65535 }, [
        { tsSec: 1, tsFrac: 0, data: payload(60) },
        { tsSec: 2, tsFrac: 0, data: payload(60), inclLen: 0xffffffff },
      ]);
      const { result, frames } = await collect(await open(bytes, 'corrupt.pcap'));
      expect(frames.map((f) => f.frame)).toEqual([1]);
      expect(isPlatformError(result.error, 'ERR_CAPTURE_CORRUPT')).toBe(true);
      expect(result.error?.details['offset']).toBe(24 + 16 + 60);
      expect(result.error?.message).toContain('corrupt.pcap');
    });

    test('refuses input that is not a capture with ERR_CAPTURE_FORMAT', async () => {
      for (const bytes of [
        new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'),
        new Uint8Array(0),
        Uint8Array.of(0xd4),
      ]) {
        const { result, frames } = await collect(await open(bytes, 'not-a-capture.pcap'));
        expect(frames).toEqual([]);
        expect(result.format).toBe('unknown');
        expect(isPlatformError(result.error, 'ERR_CAPTURE_FORMAT')).toBe(true);
      }
    });

    test('reports progress up to the whole input', async () => {
      const fx = twoSectionFixture();
      const seen: number[] = [];
      await collect(await open(fx.bytes, fx.name), { progress: (n) => seen.push(n) });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[seen.length - 1]).toBe(fx.bytes.length);
    });

    test('resolves without an error when aborted before reading', async () => {
      const fx = classicFixture(false, true);
      const ac = new AbortController();
      ac.abort();
      const { result } = await collect(await open(fx.bytes, fx.name), { signal: ac.signal });
      expect(result.error).toBeNull();
      expect(result.notes['capture.aborted']).toBe(1);
    });

    test(
      'a session delivers consecutive frame numbers, sane timestamps and drop counters',
      async () => {
        if (opts.session === undefined) throw new Error('no session');
        const { result, frames, minFrames } = await opts.session();
        expect(result.error).toBeNull();
        expect(frames.length).toBeGreaterThanOrEqual(minFrames);
        expect(result.frames).toBe(frames.length);
        frames.forEach((f, i) => {
          expect(f.frame).toBe(i + 1);
          expect(f.data.length).toBe(f.capLen);
          expect(f.capLen).toBeLessThanOrEqual(f.origLen);
          expect(Number.isInteger(f.tsNs) && f.tsNs >= 0 && f.tsNs < 1e9).toBe(true);
        });
        for (let i = 1; i < frames.length; i++) {
          const a = frames[i - 1]!;
          const b = frames[i]!;
          expect(b.tsSec * 1e9 + b.tsNs).toBeGreaterThanOrEqual(a.tsSec * 1e9 + a.tsNs);
        }
        if (opts.dropsKnown === true) expect(typeof result.drops).toBe('number');
      },
      'session',
    );
  });
}
