/**
 * Buffered JSON-lines output. Lines are encoded straight into a large buffer; a full buffer is
 * handed to the file system in the background (libuv's thread pool, at an explicit file
 * offset, so completion order does not matter) while the next one fills. The per-line cost on
 * the analysing thread is one UTF-8 encode; the kernel copy overlaps with decoding.
 *
 * At most {@link MAX_PENDING} buffers are in flight; past that a flush writes synchronously,
 * which bounds memory whatever the disk speed.
 */
import { close as closeFd, openSync, write as writeFd, writeSync } from 'node:fs';
import { PlatformError } from '../core/errors.js';

const BUFFER_BYTES = 4 << 20;
const MAX_PENDING = 4;
const NEWLINE = 0x0a;

export class JsonlWriter {
  private readonly fd: number;
  private buf: Buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private used = 0;
  /** File offset of the next flushed byte. */
  private position = 0;
  private pending = 0;
  private readonly spare: Buffer[] = [];
  private failure: Error | null = null;
  private drained: (() => void) | null = null;
  /** Lines written so far. */
  lines = 0;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw this.error(err);
    }
  }

  /** Appends one line (without its newline). */
  write(line: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    const worst = line.length * 3 + 1;
    if (this.buf.length - this.used < worst) {
      this.flush();
      if (worst > this.buf.length) {
        this.writeNow(Buffer.from(line + '\n', 'utf8'));
        this.lines++;
        return;
      }
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = NEWLINE;
    this.lines++;
  }

  /** Appends already encoded bytes holding `lines` complete lines (each ending in a newline). */
  writeBytes(bytes: Uint8Array, lines: number): void {
    if (this.buf.length - this.used < bytes.length) {
      this.flush();
      if (bytes.length > this.buf.length) {
        this.writeNow(bytes);
        this.lines += lines;
        return;
      }
    }
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
    this.lines += lines;
  }

  /** Hands what is buffered to the file system. */
  flush(): void {
    if (this.failure) throw this.failure;
    if (this.used === 0) return;
    if (this.pending >= MAX_PENDING) {
      this.writeNow(this.buf.subarray(0, this.used));
      this.used = 0;
      return;
    }
    const full = this.buf;
    const len = this.used;
    const at = this.position;
    this.position += len;
    this.pending++;
    this.buf = this.spare.pop() ?? Buffer.allocUnsafeSlow(BUFFER_BYTES);
    this.used = 0;
    this.writeFrom(full, 0, len, at);
  }

  /** Flushes, waits for background writes, and closes the file. */
  async close(): Promise<void> {
    try {
      this.flush();
    } finally {
      if (this.pending > 0) {
        await new Promise<void>((resolve) => {
          this.drained = resolve;
        });
      }
      await new Promise<void>((resolve) => closeFd(this.fd, () => resolve()));
    }
    if (this.failure) throw this.failure;
  }

  private writeFrom(buf: Buffer, off: number, len: number, at: number): void {
    writeFd(this.fd, buf, off, len, at, (err, n) => {
      if (err) {
        this.failure ??= this.error(err);
      } else if (n < len) {
        // A short write: the rest goes out from where it stopped.
        this.writeFrom(buf, off + n, len - n, at + n);
        return;
      }
      this.pending--;
      if (this.spare.length < MAX_PENDING) this.spare.push(buf);
      if (this.pending === 0 && this.drained) {
        const d = this.drained;
        this.drained = null;
        d();
      }
    });
  }

  private writeNow(bytes: Uint8Array): void {
    let off = 0;
    try {
      while (off < bytes.length) {
        off += writeSync(this.fd, bytes, off, bytes.length - off, this.position + off);
      }
    } catch (err) {
      throw this.error(err);
    }
    this.position += bytes.length;
  }

  private error(err: unknown): PlatformError {
    return new PlatformError(
      'ERR_OUTPUT_WRITE',
      `cannot write ${this.path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
