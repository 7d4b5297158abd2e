/**
 * A capture file on disk (pcap or pcapng, sniffed from its magic number), streamed in large
 * chunks through two reused buffers (one being parsed while the next is read): memory does not
 * grow with the file, and records inside a chunk reach the callback as views of that buffer.
 *
 * Anything `open()` accepts works, so `/dev/stdin` or a named pipe read the same way; a directory
 * is refused with ERR_CAPTURE_OPEN.
 */
import { statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PlatformError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import type { CaptureResult, CaptureSource, RawFrame, ReadOptions } from './source.js';

/** Default read size: large enough that per-chunk costs vanish, small enough to stay in cache. */
export const FILE_CHUNK_BYTES = 8 * 1024 * 1024;

/** Options of {@link FileSource}. */
export interface FileSourceOptions {
  /** Bytes per read (default {@link FILE_CHUNK_BYTES}). */
  chunkBytes?: number;
}

/**
 * Reads a capture file.
 *
 * @example
 * const res = await new FileSource('trace.pcap').read((f) => count++);
 */
export class FileSource implements CaptureSource {
  readonly sizeHint: number | undefined;
  private readonly chunkBytes: number;

  constructor(
    readonly name: string,
    opts: FileSourceOptions = {},
  ) {
    this.chunkBytes = Math.max(1, Math.floor(opts.chunkBytes ?? FILE_CHUNK_BYTES));
    let size: number | undefined;
    try {
      const st = statSync(name);
      size = st.isFile() ? st.size : undefined;
    } catch {
      // A missing file is reported by read(), where the caller expects it.
      size = undefined;
    }
    this.sizeHint = size;
  }

  async read(onFrame: (frame: RawFrame) => void, opts: ReadOptions = {}): Promise<CaptureResult> {
    const fh = await openForReading(this.name);
    try {
      return await readChunks(
        this.name,
        (buf) => readInto(fh, buf),
        onFrame,
        opts,
        this.chunkBytes,
      );
    } finally {
      await fh.close();
    }
  }
}

/**
 * The chunk loop shared by files and by standard input redirected from a file: `readAt` fills a
 * buffer from the current position and resolves with the byte count (0 at the end).
 *
 * Two buffers: the next read runs in the thread pool while this chunk is parsed. A buffer is
 * free again once push() returns (the reader copies a straddling record's head out).
 */
export async function readChunks(
  name: string,
  readAt: (buf: Uint8Array) => Promise<number>,
  onFrame: (frame: RawFrame) => void,
  opts: ReadOptions,
  chunkBytes: number = FILE_CHUNK_BYTES,
): Promise<CaptureResult> {
  const reader = new CaptureReader(name, onFrame);
  const bufs = [new Uint8Array(chunkBytes), new Uint8Array(chunkBytes)] as const;
  let cur = 0;
  let pending: Promise<number> | null = readAt(bufs[0]);
  let aborted = false;
  try {
    for (;;) {
      let n: number;
      try {
        n = await pending;
      } catch (err) {
        pending = null;
        reader.fail(
          'ERR_CAPTURE_READ',
          `read failed at byte ${reader.bytesRead}: ${errText(err)}`,
          err,
        );
        break;
      }
      pending = null;
      if (n === 0) break;
      if (opts.signal?.aborted === true) {
        aborted = true;
        break;
      }
      const buf = bufs[cur]!;
      cur ^= 1;
      pending = readAt(bufs[cur]!);
      const more = reader.push(buf.subarray(0, n));
      opts.progress?.(reader.bytesRead);
      if (!more) break;
      const wait = opts.pause?.();
      if (wait !== undefined) await wait;
    }
  } finally {
    // Let an abandoned read finish (its result no longer matters) before the caller closes.
    if (pending !== null) await pending.catch(() => 0);
  }
  return reader.finish(aborted);
}

function readInto(fh: FileHandle, buf: Uint8Array): Promise<number> {
  return fh.read(buf, 0, buf.length, null).then((r) => r.bytesRead);
}

async function openForReading(name: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(name, 'r');
  } catch (err) {
    throw new PlatformError('ERR_CAPTURE_OPEN', `${name}: cannot open (${errText(err)})`, {
      cause: err,
      details: { file: name },
    });
  }
  try {
    if ((await fh.stat()).isDirectory()) {
      throw new PlatformError('ERR_CAPTURE_OPEN', `${name}: is a directory, not a capture file`, {
        details: { file: name },
      });
    }
  } catch (err) {
    await fh.close();
    throw err instanceof PlatformError
      ? err
      : new PlatformError('ERR_CAPTURE_OPEN', `${name}: cannot stat (${errText(err)})`, {
          cause: err,
        });
  }
  return fh;
}

/** The errno code (ENOENT...) or message of an I/O error. */
export function errText(err: unknown): string {
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string')
    return err.code;
  return err instanceof Error ? err.message : String(err);
}
