/**
 * ByteCursor: bounds-aware reads over a Uint8Array view, for application decoders.
 *
 * Gate, then read: check `remaining() >= n` once per fixed-size structure, then read without
 * further checks. A read past the end does not throw: it returns 0 and sets the sticky `overrun`
 * flag, which variable-length walks check once at the end of a structure. Reads never copy;
 * `bytes()` returns a view.
 *
 * @example
 * const c = new ByteCursor(data);
 * if (c.remaining() < 7) return need(7);
 * const tid = c.u16be(); const pid = c.u16be(); const len = c.u16be(); const unit = c.u8();
 */
export class ByteCursor {
  private buf: Uint8Array;
  private start: number;
  private end: number;
  /** Absolute read position in `buf`. */
  private pos: number;
  /** Set when a read went past the end; sticky until {@link reset}. */
  overrun = false;

  constructor(data: Uint8Array = new Uint8Array(0)) {
    this.buf = data;
    this.start = 0;
    this.end = data.length;
    this.pos = 0;
  }

  /** Points the cursor at new data (reusing the object). */
  reset(data: Uint8Array, from = 0, to = data.length): this {
    this.buf = data;
    this.start = from;
    this.end = to;
    this.pos = from;
    this.overrun = false;
    return this;
  }

  /** Current offset relative to the start of the data the cursor was given. */
  offset(): number {
    return this.pos - this.start;
  }

  /** Bytes left to read. */
  remaining(): number {
    return this.end - this.pos;
  }

  /** Moves forward `n` bytes (sets `overrun` when that passes the end). */
  skip(n: number): void {
    if (n > this.end - this.pos || n < 0) {
      this.overrun = true;
      this.pos = this.end;
      return;
    }
    this.pos += n;
  }

  /** Moves to `offset` relative to the start. */
  seek(offset: number): void {
    const p = this.start + offset;
    if (p > this.end || p < this.start) {
      this.overrun = true;
      this.pos = this.end;
      return;
    }
    this.pos = p;
  }

  u8(): number {
    if (this.pos >= this.end) return this.fail();
    return this.buf[this.pos++] as number;
  }

  u16be(): number {
    if (this.end - this.pos < 2) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return ((b[p] as number) << 8) | (b[p + 1] as number);
  }

  u16le(): number {
    if (this.end - this.pos < 2) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p] as number) | ((b[p + 1] as number) << 8);
  }

  u24be(): number {
    if (this.end - this.pos < 3) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 3;
    return ((b[p] as number) << 16) | ((b[p + 1] as number) << 8) | (b[p + 2] as number);
  }

  u24le(): number {
    if (this.end - this.pos < 3) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 3;
    return (b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16);
  }

  u32be(): number {
    if (this.end - this.pos < 4) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (
      (((b[p] as number) << 24) |
        ((b[p + 1] as number) << 16) |
        ((b[p + 2] as number) << 8) |
        (b[p + 3] as number)) >>>
      0
    );
  }

  u32le(): number {
    if (this.end - this.pos < 4) return this.fail();
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (
      ((b[p] as number) |
        ((b[p + 1] as number) << 8) |
        ((b[p + 2] as number) << 16) |
        ((b[p + 3] as number) << 24)) >>>
      0
    );
  }

  /** Signed 16/32-bit reads. */
  i16be(): number {
    const v = this.u16be();
    return v & 0x8000 ? v - 0x10000 : v;
  }

  i16le(): number {
    const v = this.u16le();
    return v & 0x8000 ? v - 0x10000 : v;
  }

  i32be(): number {
    return this.u32be() | 0;
  }

  i32le(): number {
    return this.u32le() | 0;
  }

  /** IEEE 754 floats (allocates no DataView: the bits are assembled through a shared scratch). */
  f32be(): number {
    SCRATCH_U32[0] = this.u32be();
    return SCRATCH_F32[0] as number;
  }

  f32le(): number {
    SCRATCH_U32[0] = this.u32le();
    return SCRATCH_F32[0] as number;
  }

  f64le(): number {
    const lo = this.u32le();
    const hi = this.u32le();
    SCRATCH_U32_64[0] = lo;
    SCRATCH_U32_64[1] = hi;
    return SCRATCH_F64[0] as number;
  }

  f64be(): number {
    const hi = this.u32be();
    const lo = this.u32be();
    SCRATCH_U32_64[0] = lo;
    SCRATCH_U32_64[1] = hi;
    return SCRATCH_F64[0] as number;
  }

  /** Unsigned 64-bit little-endian value as a double (exact up to 2^53). */
  u64le(): number {
    const lo = this.u32le();
    const hi = this.u32le();
    return hi * 0x100000000 + lo;
  }

  u64be(): number {
    const hi = this.u32be();
    const lo = this.u32be();
    return hi * 0x100000000 + lo;
  }

  /** A view of the next `n` bytes (no copy). Empty view plus `overrun` when fewer remain. */
  bytes(n: number): Uint8Array {
    if (n < 0 || this.end - this.pos < n) {
      this.overrun = true;
      this.pos = this.end;
      return this.buf.subarray(this.end, this.end);
    }
    const p = this.pos;
    this.pos = p + n;
    return this.buf.subarray(p, p + n);
  }

  /** Reads `n` bytes as latin1 text (protocol text that is not UTF-8), at most `cap` chars. */
  latin1(n: number, cap = n): string {
    const v = this.bytes(n);
    const len = Math.min(v.length, cap);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(v[i] as number);
    return s;
  }

  /** Reads `n` bytes as UTF-8 text (invalid sequences become U+FFFD), at most `cap` bytes. */
  utf8(n: number, cap = n): string {
    const v = this.bytes(n);
    return UTF8.decode(v.length > cap ? v.subarray(0, cap) : v);
  }

  /** Peek at the byte `ahead` positions on, without moving (-1 past the end). */
  peek(ahead = 0): number {
    const p = this.pos + ahead;
    return p < this.end && p >= this.start ? (this.buf[p] as number) : -1;
  }

  private fail(): number {
    this.overrun = true;
    this.pos = this.end;
    return 0;
  }
}

const SCRATCH_U32 = new Uint32Array(1);
const SCRATCH_F32 = new Float32Array(SCRATCH_U32.buffer);
const SCRATCH_U32_64 = new Uint32Array(2);
const SCRATCH_F64 = new Float64Array(SCRATCH_U32_64.buffer);
const UTF8 = new TextDecoder('utf-8', { fatal: false });
