/**
 * Buffered JSON-lines output. Lines are encoded straight into one large reused buffer and
 * written to the file descriptor when it fills, so the per-line cost is one UTF-8 encode, with
 * no intermediate joined string and one system call per few megabytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PlatformError } from '../core/errors.js';

const BUFFER_BYTES = 4 << 20;
const NEWLINE = 0x0a;

export class JsonlWriter {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  /** Lines written so far. */
  lines = 0;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      throw new PlatformError(
        'ERR_OUTPUT_WRITE',
        `cannot write ${path}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }

  /** Appends one line (without its newline). */
  write(line: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    const worst = line.length * 3 + 1;
    if (this.buf.length - this.used < worst) {
      this.flush();
      if (worst > this.buf.length) {
        this.writeAll(Buffer.from(line + '\n', 'utf8'));
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
        this.writeAll(bytes);
        this.lines += lines;
        return;
      }
    }
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
    this.lines += lines;
  }

  /** Writes what is buffered. */
  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private writeAll(bytes: Uint8Array): void {
    let off = 0;
    try {
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    } catch (err) {
      throw new PlatformError(
        'ERR_OUTPUT_WRITE',
        `cannot write ${this.path}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }
}
