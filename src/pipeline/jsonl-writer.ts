/**
 * Buffered JSON-lines output. Lines are appended as strings and flushed to the file descriptor
 * in large writes, so the per-event cost is a string concatenation, not a system call.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { PlatformError } from '../core/errors.js';

const FLUSH_AT = 1 << 20;

export class JsonlWriter {
  private fd: number;
  private pending: string[] = [];
  private pendingLen = 0;
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
    this.pending.push(line);
    this.pendingLen += line.length + 1;
    this.lines++;
    if (this.pendingLen >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n') + '\n';
    this.pending = [];
    this.pendingLen = 0;
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
