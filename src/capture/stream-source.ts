/**
 * Captures that arrive as a byte stream: standard input (`palisade analyze -`, fed by
 * `tcpdump -w -` or `cat file |`), any Node Readable, and an in-memory byte array (for tests
 * and for captures already in memory). The stream's own chunks go to the reader as they come;
 * only a record split across two chunks is copied.
 */
import { fstatSync, read } from 'node:fs';
import type { Readable } from 'node:stream';
import { PlatformError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import { errText, readChunks } from './file-source.js';
import type { CaptureResult, CaptureSource, ProgressFn, RawFrame, ReadOptions } from './source.js';

/** Options of {@link pumpStream}. */
export interface PumpOptions {
  signal?: AbortSignal | undefined;
  progress?: ProgressFn | undefined;
  /**
   * What to do when `signal` aborts. Without it the stream is destroyed and the pump resolves at
   * once; with it (live capture) the pump keeps reading until the producer closes the stream.
   */
  onAbort?: (() => void) | undefined;
  /** Backpressure (see `ReadOptions.pause`): the stream is paused until the promise settles. */
  pause?: (() => Promise<void> | undefined) | undefined;
}

/**
 * Feeds every chunk of `stream` to `reader` until the stream ends, the reader stops on a broken
 * capture, or the signal aborts. Resolves with whether it was aborted; rejects only when the
 * frame callback threw (that error is passed on unchanged).
 */
export function pumpStream(
  stream: Readable,
  reader: CaptureReader,
  opts: PumpOptions = {},
): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const signal = opts.signal;
    let aborted = false;
    let settled = false;
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onError);
      signal?.removeEventListener('abort', onAbortSignal);
    };
    const settle = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      cleanup();
      if (err !== undefined) {
        stream.destroy();
        reject(err);
      } else {
        resolve(aborted);
      }
    };
    const onData = (chunk: Uint8Array | string): void => {
      if (typeof chunk === 'string') {
        reader.fail('ERR_CAPTURE_READ', 'the stream delivers text, not bytes');
        stream.destroy();
        settle();
        return;
      }
      let more: boolean;
      try {
        more = reader.push(chunk);
      } catch (err) {
        settle(err);
        return;
      }
      opts.progress?.(reader.bytesRead);
      if (!more) {
        stream.destroy();
        settle();
        return;
      }
      const wait = opts.pause?.();
      if (wait !== undefined) {
        stream.pause();
        void wait.then(() => {
          if (!settled) stream.resume();
        });
      }
    };
    const onEnd = (): void => settle();
    const onError = (err: unknown): void => {
      reader.fail(
        'ERR_CAPTURE_READ',
        `read failed at byte ${reader.bytesRead}: ${errText(err)}`,
        err,
      );
      settle();
    };
    const onAbortSignal = (): void => {
      if (aborted) return;
      aborted = true;
      if (opts.onAbort !== undefined) {
        opts.onAbort();
      } else {
        stream.destroy();
        settle();
      }
    };
    // A stream that already ended (read before) will emit nothing more.
    if (stream.readableEnded || stream.destroyed) {
      settle();
      return;
    }
    stream.on('data', onData);
    stream.once('end', onEnd);
    // A stream destroyed without an 'end' (the producer died) ends the capture too.
    stream.once('close', onEnd);
    stream.on('error', onError);
    if (signal !== undefined) {
      if (signal.aborted) onAbortSignal();
      else signal.addEventListener('abort', onAbortSignal, { once: true });
    }
  });
}

/**
 * A capture read from a Node Readable (standard input by default for the name `-`). A stream
 * is read once: a second `read()` finds it ended.
 *
 * @example
 * const res = await new StreamSource('-', () => process.stdin).read(onFrame);
 */
export class StreamSource implements CaptureSource {
  readonly sizeHint: number | undefined = undefined;

  /**
   * @param name - shown in messages (`-` for standard input).
   * @param open - returns the stream; called by `read()`. A throw becomes ERR_CAPTURE_OPEN.
   */
  constructor(
    readonly name: string,
    private readonly open: () => Readable,
  ) {}

  async read(onFrame: (frame: RawFrame) => void, opts: ReadOptions = {}): Promise<CaptureResult> {
    let stream: Readable;
    try {
      stream = this.open();
    } catch (err) {
      throw err instanceof PlatformError
        ? err
        : new PlatformError('ERR_CAPTURE_OPEN', `${this.name}: cannot open (${errText(err)})`, {
            cause: err,
          });
    }
    const reader = new CaptureReader(this.name, onFrame);
    const aborted = await pumpStream(stream, reader, {
      signal: opts.signal,
      progress: opts.progress,
      pause: opts.pause,
    });
    return reader.finish(aborted);
  }
}

/**
 * Standard input as a capture source. Redirected from a file (`< trace.pcap`), it is read like
 * a file, in large chunks straight from descriptor 0; a pipe (`cat f |`, `tcpdump -w - |`) is
 * read as a stream; a terminal is refused, as it cannot carry a capture.
 */
export function stdinSource(): CaptureSource {
  return {
    name: '-',
    sizeHint: undefined,
    read: (onFrame, opts = {}) => {
      let isFile = false;
      try {
        isFile = fstatSync(0).isFile();
      } catch {
        // No descriptor 0 to inspect: let the stream report what is wrong.
        isFile = false;
      }
      if (isFile) return readChunks('-', readStdin, onFrame, opts);
      return new StreamSource('-', () => {
        if (process.stdin.isTTY === true) {
          throw new PlatformError(
            'ERR_CAPTURE_OPEN',
            '-: standard input is a terminal; pipe a capture into it',
          );
        }
        return process.stdin;
      }).read(onFrame, opts);
    },
  };
}

/** Reads from descriptor 0 at its current position. */
function readStdin(buf: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    read(0, buf, 0, buf.length, null, (err, n) => (err === null ? resolve(n) : reject(err)));
  });
}

/** Options of {@link BytesSource}. */
export interface BytesSourceOptions {
  /** Size of the pieces the bytes are fed in (default: all at once). */
  chunkBytes?: number;
}

/**
 * A capture already in memory. Useful for tests (fuzzing needs no disk) and for captures
 * received whole over another channel.
 */
export class BytesSource implements CaptureSource {
  readonly sizeHint: number;
  private readonly chunkBytes: number;

  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
    opts: BytesSourceOptions = {},
  ) {
    this.sizeHint = bytes.length;
    this.chunkBytes = Math.max(1, Math.floor(opts.chunkBytes ?? Math.max(1, bytes.length)));
  }

  read(onFrame: (frame: RawFrame) => void, opts: ReadOptions = {}): Promise<CaptureResult> {
    try {
      return Promise.resolve(this.readSync(onFrame, opts));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The same as {@link read}, synchronously. */
  readSync(onFrame: (frame: RawFrame) => void, opts: ReadOptions = {}): CaptureResult {
    const reader = new CaptureReader(this.name, onFrame);
    const total = this.bytes.length;
    let aborted = false;
    for (let off = 0; off < total; off += this.chunkBytes) {
      if (opts.signal?.aborted === true) {
        aborted = true;
        break;
      }
      const more = reader.push(this.bytes.subarray(off, Math.min(total, off + this.chunkBytes)));
      opts.progress?.(reader.bytesRead);
      if (!more) break;
    }
    return reader.finish(aborted);
  }
}
