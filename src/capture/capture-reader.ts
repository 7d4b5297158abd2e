/**
 * The engine every byte source feeds: it sniffs the format from the first four bytes, hands
 * each chunk to the format parser in place, and carries the one incomplete record at the end of
 * a chunk over to the next.
 *
 * Memory: the source's own chunk buffer plus one carry buffer that holds at most one record
 * (grown on demand, never beyond {@link MAX_RECORD_BYTES}, and only as the record's bytes
 * actually arrive: a header that declares a huge length is rejected by the parser before any
 * buffering). Records that lie inside a chunk are delivered as views of that chunk, with no
 * copy; only a record that straddles two chunks is assembled in the carry buffer.
 *
 * Chunking never changes the result: the same bytes pushed whole, in 8 MiB chunks or one byte
 * at a time give the same frames, the same error and the same offsets (tested).
 */
import { Counters } from '../core/counters.js';
import { PlatformError, type ErrorCode } from '../core/errors.js';
import { PcapParser } from './pcap-file.js';
import { PcapngParser } from './pcapng-file.js';
import { MAX_RECORD_BYTES, type FrameCallback, type RecordParser } from './record-parser.js';
import { SNIFF_BYTES, sniffFormat } from './sniff.js';
import type { CaptureResult } from './source.js';

const INITIAL_CARRY_BYTES = 64 * 1024;

/** Feeds chunks of a capture to the right format parser; see the module comment. */
export class CaptureReader {
  private parser: RecordParser | null = null;
  private carry = new Uint8Array(INITIAL_CARRY_BYTES);
  private carryDv = new DataView(this.carry.buffer);
  private carryLen = 0;
  /** Absolute offset of the first byte not consumed yet (carry[0] while the carry is in use). */
  private abs = 0;
  private bytesIn = 0;
  private error: PlatformError | null = null;
  private chunkDv: DataView | null = null;
  private readonly notes = new Counters();

  /**
   * @param name - what the user called the capture; it starts every error message.
   * @param onFrame - receives each frame (a reused record; see `RawFrame`).
   */
  constructor(
    readonly name: string,
    private readonly onFrame: FrameCallback,
  ) {}

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.bytesIn;
  }

  /** True once an error stopped the reader: further pushes are ignored. */
  get stopped(): boolean {
    return this.error !== null;
  }

  /**
   * Parses `chunk`, delivering every frame it completes. The chunk may be reused by the caller
   * once this returns. Returns false when reading should stop (the capture is broken).
   */
  push(input: Uint8Array): boolean {
    if (this.error !== null) return false;
    // Buffers become plain Uint8Array views, so frames are one type and subarray stays cheap.
    const chunk =
      input.constructor === Uint8Array
        ? input
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const n = chunk.length;
    if (n === 0) return true;
    this.bytesIn += n;
    let pos = 0;
    let parser = this.parser;
    if (parser === null) {
      const take = Math.min(SNIFF_BYTES - this.carryLen, n);
      this.append(chunk, 0, take);
      pos = take;
      if (this.carryLen < SNIFF_BYTES) return true;
      parser = this.createParser(this.carryDv.getUint32(0, false));
      if (parser === null) return false;
    }
    // Finish the record that straddles the previous chunk, a few bytes at a time: first its
    // header, then (once the parser knows its length) the rest.
    while (this.carryLen > 0) {
      const need = parser.need;
      if (need > MAX_RECORD_BYTES) return this.bug(`record of ${need} bytes requested`);
      const take = Math.min(need - this.carryLen, n - pos);
      if (take > 0) {
        this.append(chunk, pos, take);
        pos += take;
      }
      if (this.carryLen < need) return true;
      const used = parser.parse(this.carry, this.carryDv, 0, this.carryLen, this.abs);
      if (parser.error !== null) return this.stop(parser.error);
      if (used > 0) {
        this.abs += used;
        if (used < this.carryLen) this.carry.copyWithin(0, used, this.carryLen);
        this.carryLen -= used;
      } else if (parser.need <= this.carryLen) {
        return this.bug('parser made no progress');
      }
    }
    if (pos < n) {
      const q = parser.parse(chunk, this.dvFor(chunk), pos, n, this.abs);
      this.abs += q - pos;
      if (parser.error !== null) return this.stop(parser.error);
      if (q < n) {
        if (n - q >= parser.need) return this.bug('parser stopped before a complete record');
        this.append(chunk, q, n - q);
      }
    }
    return true;
  }

  /** Stops the reader with an I/O error (the source could not read further). */
  fail(code: ErrorCode, message: string, cause?: unknown): void {
    if (this.error !== null) return;
    this.error = new PlatformError(code, `${this.name}: ${message}`, {
      cause,
      details: { file: this.name, offset: this.bytesIn },
    });
  }

  /**
   * The result once the input has ended (or reading was aborted: then an incomplete record at
   * the end is not reported as truncation, and the note `capture.aborted` is set).
   */
  finish(aborted = false): CaptureResult {
    const parser = this.parser;
    if (aborted) this.notes.inc('capture.aborted');
    if (this.error === null && !aborted) {
      if (parser === null) {
        this.error = new PlatformError(
          'ERR_CAPTURE_FORMAT',
          this.bytesIn === 0
            ? `${this.name}: empty input, not a capture`
            : `${this.name}: ${this.bytesIn} bytes, too short to be a capture`,
          { details: { file: this.name, offset: 0 } },
        );
      } else if (this.carryLen > 0) {
        this.error = parser.truncated(this.abs, this.carryLen);
      }
    }
    const notes = this.notes.toJSON();
    if (parser !== null) Object.assign(notes, parser.notes.toJSON());
    return {
      format: parser?.format ?? 'unknown',
      frames: parser?.frames ?? 0,
      bytes: this.abs,
      error: this.error,
      drops: parser?.drops() ?? null,
      notes,
    };
  }

  private createParser(magic: number): RecordParser | null {
    const format = sniffFormat(magic);
    if (format === 'unknown') {
      this.stop(
        new PlatformError(
          'ERR_CAPTURE_FORMAT',
          `${this.name}: not a pcap or pcapng capture (magic 0x${magic.toString(16).padStart(8, '0')})`,
          { details: { file: this.name, offset: 0 } },
        ),
      );
      return null;
    }
    this.parser =
      format === 'pcap'
        ? new PcapParser(this.name, this.onFrame)
        : new PcapngParser(this.name, this.onFrame);
    return this.parser;
  }

  private append(src: Uint8Array, from: number, count: number): void {
    const total = this.carryLen + count;
    if (total > this.carry.length) {
      const grown = new Uint8Array(
        Math.max(total, Math.min(this.carry.length * 2, MAX_RECORD_BYTES)),
      );
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
      this.carryDv = new DataView(grown.buffer);
    }
    this.carry.set(src.subarray(from, from + count), this.carryLen);
    this.carryLen = total;
  }

  private dvFor(chunk: Uint8Array): DataView {
    const dv = this.chunkDv;
    if (
      dv !== null &&
      dv.buffer === chunk.buffer &&
      dv.byteOffset === chunk.byteOffset &&
      dv.byteLength >= chunk.byteLength
    ) {
      return dv;
    }
    return (this.chunkDv = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  private stop(err: PlatformError): false {
    this.error = err;
    return false;
  }

  /** A broken parser invariant: stop with an error rather than loop or buffer without bound. */
  private bug(why: string): false {
    return this.stop(
      new PlatformError(
        'ERR_CAPTURE_CORRUPT',
        `${this.name}: capture reader stopped at byte ${this.abs}: ${why}`,
        {
          details: { file: this.name, offset: this.abs },
        },
      ),
    );
  }
}
