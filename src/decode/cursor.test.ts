/** ByteCursor: big/little-endian reads, sticky overrun instead of throwing, ranges, views and text caps. */
import { describe, expect, it } from 'vitest';
import { atOffset, hex } from '../../test/helpers/hex.js';
import { ByteCursor } from './cursor.js';

describe('ByteCursor', () => {
  it('reads unsigned integers in both byte orders', () => {
    const c = new ByteCursor(
      hex('01' + '0203' + '0302' + '040506' + '060504' + '8899aabb' + 'bbaa9988'),
    );
    expect(c.u8()).toBe(0x01);
    expect(c.u16be()).toBe(0x0203);
    expect(c.u16le()).toBe(0x0203);
    expect(c.u24be()).toBe(0x040506);
    expect(c.u24le()).toBe(0x040506);
    expect(c.u32be()).toBe(0x8899aabb);
    expect(c.u32le()).toBe(0x8899aabb);
    expect(c.remaining()).toBe(0);
    expect(c.overrun).toBe(false);
  });

  it('reads signed integers, floats and 64-bit values', () => {
    const c = new ByteCursor(
      hex(
        'fffe' + // i16be -2
          'feff' + // i16le -2
          'fffffffd' + // i32be -3
          'fdffffff' + // i32le -3
          '3fc00000' + // f32be 1.5
          '0000c03f' + // f32le 1.5
          '400c000000000000' + // f64be 3.5
          '0000000000000c40' + // f64le 3.5
          '0000000100000002' + // u64be 2^32 + 2
          '0200000001000000', // u64le 2^32 + 2
      ),
    );
    expect([c.i16be(), c.i16le(), c.i32be(), c.i32le()]).toEqual([-2, -2, -3, -3]);
    expect([c.f32be(), c.f32le(), c.f64be(), c.f64le()]).toEqual([1.5, 1.5, 3.5, 3.5]);
    expect([c.u64be(), c.u64le()]).toEqual([2 ** 32 + 2, 2 ** 32 + 2]);
    expect(c.overrun).toBe(false);
  });

  it('returns 0 and sets the sticky overrun flag past the end, never throws', () => {
    const c = new ByteCursor(hex('0102'));
    expect(c.u32be()).toBe(0);
    expect(c.overrun).toBe(true);
    expect(c.remaining()).toBe(0);
    for (const read of [
      () => c.u8(),
      () => c.u16le(),
      () => c.u24be(),
      () => c.i32le(),
      () => c.f64be(),
    ]) {
      expect(read()).toBe(0);
    }
    expect(c.bytes(1).length).toBe(0);
    expect(c.overrun).toBe(true);
  });

  it('skips and seeks inside the range; out of range sets overrun', () => {
    const c = new ByteCursor(hex('00112233'));
    c.skip(2);
    expect(c.u8()).toBe(0x22);
    c.seek(1);
    expect(c.offset()).toBe(1);
    expect(c.u8()).toBe(0x11);
    c.skip(-1);
    expect(c.overrun).toBe(true);
    c.reset(hex('00112233'));
    expect(c.overrun).toBe(false);
    c.seek(5);
    expect(c.overrun).toBe(true);
  });

  it('reset(from, to) confines reads to a range, and offsets are relative to it', () => {
    const c = new ByteCursor().reset(hex('aabbccddeeff'), 2, 4);
    expect(c.remaining()).toBe(2);
    expect(c.peek()).toBe(0xcc);
    expect(c.peek(1)).toBe(0xdd);
    expect(c.peek(2)).toBe(-1);
    expect(c.u16be()).toBe(0xccdd);
    expect(c.offset()).toBe(2);
    expect(c.u8()).toBe(0);
    expect(c.overrun).toBe(true);
  });

  it('honours the byteOffset of a view (a pooled Buffer, a subarray)', () => {
    const view = atOffset(hex('0a0b0c0d'), 9);
    const c = new ByteCursor(view);
    expect(c.u32be()).toBe(0x0a0b0c0d);
    const buf = Buffer.from('xx\u0001\u0002', 'latin1').subarray(2);
    expect(new ByteCursor(buf).u16be()).toBe(0x0102);
  });

  it('bytes() returns a view, not a copy', () => {
    const data = hex('01020304');
    const v = new ByteCursor(data).bytes(2);
    expect(v.buffer).toBe(data.buffer);
    data[0] = 9;
    expect(v[0]).toBe(9);
  });

  it('decodes latin1 and UTF-8 text with caps', () => {
    const c = new ByteCursor(hex('e9636f6c65' + 'c3a9636f6c65'));
    expect(c.latin1(5, 3)).toBe('\u00e9co');
    expect(c.offset()).toBe(5);
    expect(c.utf8(6)).toBe('\u00e9cole');
    const d = new ByteCursor(hex('c3a96162'));
    expect(d.utf8(4, 1)).toBe('\ufffd');
  });
});
