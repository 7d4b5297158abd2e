/**
 * Frame batches: how the reading thread hands frames (and timeout ticks) to a worker thread.
 * A batch is one ArrayBuffer, transferred (not copied) with postMessage, holding records:
 *
 *   offset 0  u32 frame number (0 marks a tick record)
 *          4  u32 nanoseconds        (tick: the frame the tick precedes)
 *          8  f64 seconds            (tick: the capture second)
 *         16  u16 link type
 *         18  u16 interface
 *         20  u32 captured length    (tick: 0)
 *         24  u32 original length
 *         28  u32 reserved
 *         32  captured bytes, padded to a multiple of 4
 *
 * Integers are little-endian.
 */
import type { RawFrame } from '../capture/source.js';

const HEADER = 32;
/** Default batch size: large enough that posting is rare, small enough to keep workers busy. */
export const BATCH_BYTES = 1 << 20;

/** Appends records to a batch buffer. */
export class BatchWriter {
  private buf: ArrayBuffer;
  private u8: Uint8Array;
  private dv: DataView;
  /** Bytes used so far. */
  used = 0;
  /** Records in the batch. */
  count = 0;

  constructor(private readonly size = BATCH_BYTES) {
    this.buf = new ArrayBuffer(size);
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }

  /** True when a frame of `capLen` bytes still fits. */
  fits(capLen: number): boolean {
    return this.used + HEADER + capLen + 3 <= this.buf.byteLength;
  }

  /** Appends a frame (the caller checked {@link fits}, or the batch grows for one huge frame). */
  frame(f: RawFrame): void {
    const need = HEADER + ((f.capLen + 3) & ~3);
    if (this.used + need > this.buf.byteLength) this.grow(this.used + need);
    const dv = this.dv;
    const o = this.used;
    dv.setUint32(o, f.frame, true);
    dv.setUint32(o + 4, f.tsNs, true);
    dv.setFloat64(o + 8, f.tsSec, true);
    dv.setUint16(o + 16, f.linkType, true);
    dv.setUint16(o + 18, f.iface, true);
    dv.setUint32(o + 20, f.capLen, true);
    dv.setUint32(o + 24, f.origLen, true);
    this.u8.set(f.data.subarray(0, f.capLen), o + HEADER);
    this.used = o + need;
    this.count++;
  }

  /** Appends a timeout tick for capture second `sec`, placed before frame `beforeFrame`. */
  tick(sec: number, beforeFrame: number): void {
    if (this.used + HEADER > this.buf.byteLength) this.grow(this.used + HEADER);
    const dv = this.dv;
    const o = this.used;
    dv.setUint32(o, 0, true);
    dv.setUint32(o + 4, beforeFrame, true);
    dv.setFloat64(o + 8, sec, true);
    dv.setUint32(o + 16, 0, true);
    dv.setUint32(o + 20, 0, true);
    dv.setUint32(o + 24, 0, true);
    this.used = o + HEADER;
    this.count++;
  }

  /** Hands the filled buffer over (to be transferred) and starts a fresh one. */
  take(): { buf: ArrayBuffer; used: number } {
    const out = { buf: this.buf, used: this.used };
    this.buf = new ArrayBuffer(this.size);
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
    this.used = 0;
    this.count = 0;
    return out;
  }

  private grow(min: number): void {
    const next = new ArrayBuffer(Math.max(min, this.buf.byteLength * 2));
    new Uint8Array(next).set(this.u8.subarray(0, this.used));
    this.buf = next;
    this.u8 = new Uint8Array(next);
    this.dv = new DataView(next);
  }
}

/** Calls `onFrame` / `onTick` for each record of a batch, reusing one RawFrame. */
export function readBatch(
  buf: ArrayBuffer,
  used: number,
  onFrame: (f: RawFrame) => void,
  onTick: (sec: number, beforeFrame: number) => void,
): void {
  const dv = new DataView(buf, 0, used);
  const u8 = new Uint8Array(buf, 0, used);
  const f: RawFrame = {
    frame: 0,
    tsSec: 0,
    tsNs: 0,
    linkType: 0,
    capLen: 0,
    origLen: 0,
    iface: 0,
    data: u8.subarray(0, 0),
  };
  let o = 0;
  while (o + HEADER <= used) {
    const frame = dv.getUint32(o, true);
    if (frame === 0) {
      onTick(dv.getFloat64(o + 8, true), dv.getUint32(o + 4, true));
      o += HEADER;
      continue;
    }
    const capLen = dv.getUint32(o + 20, true);
    f.frame = frame;
    f.tsNs = dv.getUint32(o + 4, true);
    f.tsSec = dv.getFloat64(o + 8, true);
    f.linkType = dv.getUint16(o + 16, true);
    f.iface = dv.getUint16(o + 18, true);
    f.capLen = capLen;
    f.origLen = dv.getUint32(o + 24, true);
    f.data = u8.subarray(o + HEADER, o + HEADER + capLen);
    onFrame(f);
    o += HEADER + ((capLen + 3) & ~3);
  }
}

/** Encoded output lines of a worker with their (position, order) keys, as sent to the main thread. */
export interface EncodedLines {
  /** UTF-8 lines, each ending in a newline. */
  bytes: ArrayBuffer;
  /** Per line: position, order, and the end offset of the line in `bytes`. */
  keys: Float64Array;
  count: number;
}

const LINE_BATCH_BYTES = 256 << 10;

/**
 * Collects output lines in a worker, encoded to UTF-8 at once (so the main thread only copies
 * bytes), with their sort keys. `take` hands the buffers over for transfer.
 */
export class LineBatch {
  private buf = Buffer.allocUnsafeSlow(LINE_BATCH_BYTES);
  private used = 0;
  private keys: number[] = [];

  add(line: string, position: number, order: number): void {
    const worst = line.length * 3 + 1;
    if (this.buf.length - this.used < worst) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.used + worst));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 0x0a;
    this.keys.push(position, order, this.used);
  }

  /** Encoded bytes held. */
  get size(): number {
    return this.used;
  }

  take(): EncodedLines {
    // A buffer from allocUnsafeSlow owns its ArrayBuffer, so it can be transferred.
    const out: EncodedLines = {
      bytes: this.buf.buffer.slice(0, this.used) as ArrayBuffer,
      keys: Float64Array.from(this.keys),
      count: this.keys.length / 3,
    };
    this.used = 0;
    this.keys = [];
    return out;
  }
}
