import { describe, expect, it } from 'vitest';
import { L2StreamTable } from './l2-streams.js';

/** A frame whose destination MAC is `dst` and source MAC `src` (6 bytes each), from offset 2. */
function frame(dst: number[], src: number[]): Uint8Array {
  return Uint8Array.from([0xee, 0xee, ...dst, ...src, 0x88, 0xb8]);
}

const A = [0x01, 0x0c, 0xcd, 0x01, 0x00, 0x01];
const B = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];
const C = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5f];

describe('L2StreamTable', () => {
  it('finds a stream by both MACs, VLAN and EtherType, and nothing else', () => {
    const t = new L2StreamTable<string>(16);
    expect(t.find(frame(A, B), 2, -1, 0x88b8)).toBeNull();
    expect(t.add(frame(A, B), 2, -1, 0x88b8, 'goose')).toBeUndefined();
    expect(t.find(frame(A, B), 2, -1, 0x88b8)?.value).toBe('goose');
    // Each key component on its own makes another stream.
    expect(t.find(frame(B, A), 2, -1, 0x88b8)).toBeNull();
    expect(t.find(frame(A, C), 2, -1, 0x88b8)).toBeNull();
    expect(t.find(frame(C, B), 2, -1, 0x88b8)).toBeNull();
    expect(t.find(frame(A, B), 2, 0, 0x88b8)).toBeNull();
    expect(t.find(frame(A, B), 2, -1, 0x88ba)).toBeNull();
    // The MACs are read where the caller says they start.
    const shifted = Uint8Array.from([0, ...frame(A, B)]);
    expect(t.find(shifted, 3, -1, 0x88b8)?.value).toBe('goose');
  });

  it.each([30, 3])(
    'keeps thousands of streams apart and evicts the oldest first (%i hash bits)',
    (bits) => {
      const cap = 3000;
      // With 3 bits every bucket chains hundreds of streams: removal from mid-chain is exercised.
      const t = new L2StreamTable<number>(cap, bits);
      const mk = (i: number): Uint8Array =>
        frame([0, 0, 0, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff], B);
      for (let i = 0; i < cap; i++) expect(t.add(mk(i), 2, i % 5, 0x8892, i)).toBeUndefined();
      expect(t.size).toBe(cap);
      for (let i = 0; i < cap; i++) expect(t.find(mk(i), 2, i % 5, 0x8892)?.value).toBe(i);
      // Full: each new stream pushes out the oldest.
      for (let i = cap; i < cap + 10; i++) expect(t.add(mk(i), 2, i % 5, 0x8892, i)).toBe(i - cap);
      expect(t.size).toBe(cap);
      expect(t.find(mk(0), 2, 0, 0x8892)).toBeNull();
      expect(t.find(mk(9), 2, 4, 0x8892)).toBeNull();
      for (let i = 10; i < cap + 10; i++) expect(t.find(mk(i), 2, i % 5, 0x8892)?.value).toBe(i);
      t.clear();
      expect(t.size).toBe(0);
      expect(t.find(mk(20), 2, 0, 0x8892)).toBeNull();
    },
  );
});
