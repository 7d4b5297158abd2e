// pcapng timestamp arithmetic: the double-only split must equal exact BigInt division for every
// resolution on the fast path, at the edges of the 64-bit range and for random counts.
import { describe, expect, it } from 'vitest';
import { Prng } from '../../test/helpers/prng.js';
import { splitTimestamp, tsUnitsFromResol } from './pcapng-time.js';

/** Exact reference: floor division of the 64-bit count. */
function reference(
  hi: number,
  lo: number,
  units: bigint,
  offset = 0,
): { tsSec: number; tsNs: number } {
  const v = (BigInt(hi) << 32n) + BigInt(lo);
  return {
    tsSec: Number(v / units) + offset,
    tsNs: Number(((v % units) * 1_000_000_000n) / units),
  };
}

const resolutions: { resol: number; units: bigint }[] = [];
for (let v = 0; v <= 12; v++) resolutions.push({ resol: v, units: 10n ** BigInt(v) });
for (let k = 0; k <= 40; k++) resolutions.push({ resol: 0x80 | k, units: 1n << BigInt(k) });
resolutions.push({ resol: 0x80 | 64, units: 1n << 64n }, { resol: 19, units: 10n ** 19n });

describe('splitTimestamp', () => {
  const out = { tsSec: 0, tsNs: 0 };
  const split = (hi: number, lo: number, resol: number, offset = 0) => {
    splitTimestamp(hi, lo, tsUnitsFromResol(resol), offset, out);
    return { ...out };
  };

  it('matches exact division at the edges of the 64-bit range', () => {
    const edges = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    for (const { resol, units } of resolutions) {
      for (const hi of edges) {
        for (const lo of edges) {
          expect(split(hi, lo, resol), `resol 0x${resol.toString(16)} hi ${hi} lo ${lo}`).toEqual(
            reference(hi, lo, units),
          );
        }
      }
    }
  });

  it('matches exact division for 20,000 random counts per resolution', () => {
    const rng = new Prng(4242);
    for (const { resol, units } of resolutions) {
      for (let i = 0; i < 20_000; i++) {
        // Half of the draws near real clocks (hi below 2^29), half anywhere.
        const hi = rng.chance(0.5) ? rng.int(1 << 29) : rng.u32();
        const lo = rng.u32();
        const got = split(hi, lo, resol);
        const want = reference(hi, lo, units);
        if (got.tsSec !== want.tsSec || got.tsNs !== want.tsNs) {
          expect(got, `resol 0x${resol.toString(16)} hi ${hi} lo ${lo}`).toEqual(want);
        }
      }
    }
  });

  it('adds if_tsoffset seconds', () => {
    expect(split(0, 1_500_000, 6, -10)).toEqual({ tsSec: -9, tsNs: 500_000_000 });
  });

  it('defaults to microseconds and treats the high bit as a power of two', () => {
    expect(tsUnitsFromResol(6)).toMatchObject({ units: 1e6, nsMul: 1000, nsDiv: 1, big: null });
    expect(tsUnitsFromResol(0x80 | 20)).toMatchObject({
      units: 2 ** 20,
      nsMul: 1_953_125,
      nsDiv: 2 ** 11,
      big: null,
    });
    expect(tsUnitsFromResol(10).big).toBe(10n ** 10n);
  });
});
