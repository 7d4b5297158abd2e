import { describe, expect, it } from 'vitest';
import {
  BER_HIGH_TAG,
  BER_INDEFINITE,
  BER_LENGTH_OVERFLOW,
  BER_LONG_LENGTH,
  BER_OK,
  BER_TRUNCATED,
  Tlv,
  berInt,
  berOid,
  berUint,
  readTlv,
} from './ber.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('readTlv', () => {
  it('reads short and long definite lengths', () => {
    const t = new Tlv();
    // 30 03 02 01 05: SEQUENCE { INTEGER 5 }
    const seq = bytes(0x30, 0x03, 0x02, 0x01, 0x05);
    expect(readTlv(seq, 0, seq.length, t)).toBe(BER_OK);
    expect([t.tag, t.start, t.end]).toEqual([0x30, 2, 5]);
    // 04 81 02 aa bb: OCTET STRING, length in one long-form octet
    const long = bytes(0x04, 0x81, 0x02, 0xaa, 0xbb);
    expect(readTlv(long, 0, long.length, t)).toBe(BER_OK);
    expect([t.start, t.end]).toEqual([3, 5]);
  });

  it('names every malformed header', () => {
    const t = new Tlv();
    expect(readTlv(bytes(0x30), 0, 1, t)).toBe(BER_TRUNCATED);
    expect(readTlv(bytes(0x1f, 0x81, 0x00), 0, 3, t)).toBe(BER_HIGH_TAG);
    expect(readTlv(bytes(0x30, 0x80, 0x00, 0x00), 0, 4, t)).toBe(BER_INDEFINITE);
    expect(readTlv(bytes(0x04, 0x85, 1, 0, 0, 0, 0), 0, 7, t)).toBe(BER_LONG_LENGTH);
    // Declares 5 content octets but 1 is present: the element is cut at its container's end.
    expect(readTlv(bytes(0x04, 0x05, 0xaa), 0, 3, t)).toBe(BER_LENGTH_OVERFLOW);
    expect([t.start, t.end]).toEqual([2, 3]);
  });
});

describe('values', () => {
  it('reads signed and unsigned integers', () => {
    expect(berInt(bytes(0xff, 0x7f), 0, 2)).toBe(-129);
    expect(berInt(bytes(0x01, 0x00), 0, 2)).toBe(256);
    expect(berUint(bytes(0xff, 0xff), 0, 2)).toBe(65535);
  });

  it('renders object identifiers', () => {
    // 1.3.6.1.2.1.1.1.0 (sysDescr.0)
    expect(berOid(bytes(0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00), 0, 8)).toBe(
      '1.3.6.1.2.1.1.1.0',
    );
    // 1.2.840.113549 (RSA): multi-octet arcs 86 48 and 86 f7 0d
    expect(berOid(bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d), 0, 6)).toBe('1.2.840.113549');
    // A last octet with its continuation bit set is malformed.
    expect(berOid(bytes(0x2b, 0x86), 0, 2)).toBe('');
  });
});
