/**
 * pcapng timestamps: a 64-bit count of `if_tsresol` units since the epoch (plus `if_tsoffset`
 * seconds), split into whole seconds and nanoseconds exactly, without BigInt on the common path.
 *
 * Reference: draft-ietf-opsawg-pcapng, section 4.2 (if_tsresol, if_tsoffset) and 4.3 (EPB
 * Timestamp (High)/(Low)).
 *
 * if_tsresol: a byte; with the high bit clear the unit is 10^-v seconds, with it set 2^-(v&0x7f).
 * The default is 10^-6. The count is hi * 2^32 + lo, which does not fit a double exactly once it
 * passes 2^53 (nanosecond counts since 1970 do), so it is divided by U the way one divides
 * by hand, in three digits: the high 32 bits, then the two 16-bit halves of the low word.
 *
 * - Every partial dividend is an exact double: the remainder carried in is below U <= 2^32, so
 *   remainder * 2^16 + digit stays below 2^48.
 * - Every partial quotient is exact: floor(t / U) can only go wrong if the rounded t / U crossed
 *   an integer, but t / U is at least 1/U >= 2^-32 away from the next integer while its
 *   rounding error is below 2^-38 (t / U < 2^16 for the 16-bit digits; for the first digit
 *   the error is at most 2^-21 of that distance).
 * - So the remainder (the fraction of a second in units) is exact, and so are the seconds
 *   whenever they fit 2^53 (always, for U >= 2^11).
 * - Only divisions, no `%` on doubles (a slow fmod call), no BigInt.
 * - A resolution finer than 2^-32 or 10^-9 (no real writer uses one) takes an exact BigInt path.
 *
 * Nanoseconds from the remainder: 10^-v units multiply by 10^(9-v); 2^-k units compute
 * floor(frac * 10^9 / 2^k) as floor(frac * 5^9 / 2^(k-9)), exact because frac * 5^9 < 2^53 for
 * k <= 32, and rounding down as Wireshark does.
 */

/** How one interface's timestamp counts convert to seconds and nanoseconds. */
export interface TsUnits {
  /** Units per second (exact for the fast path). */
  units: number;
  /** tsNs = floor(frac * nsMul / nsDiv) (nsDiv is 1 or a power of two). */
  nsMul: number;
  nsDiv: number;
  /** Units per second as a BigInt for resolutions outside the fast path, else null. */
  big: bigint | null;
}

/** Resolution used when an IDB carries no if_tsresol option: microseconds. */
export const DEFAULT_TSRESOL = 6;

const TWO_32 = 4_294_967_296;
const TWO_16 = 65_536;
const FIVE_9 = 1_953_125;

/** The {@link TsUnits} for an if_tsresol byte. */
export function tsUnitsFromResol(resol: number): TsUnits {
  const exp = resol & 0x7f;
  if ((resol & 0x80) === 0) {
    if (exp <= 9) return { units: 10 ** exp, nsMul: 10 ** (9 - exp), nsDiv: 1, big: null };
    const big = 10n ** BigInt(exp);
    return { units: Number(big), nsMul: 1, nsDiv: 1, big };
  }
  if (exp <= 9) return { units: 2 ** exp, nsMul: FIVE_9 * 2 ** (9 - exp), nsDiv: 1, big: null };
  if (exp <= 32) return { units: 2 ** exp, nsMul: FIVE_9, nsDiv: 2 ** (exp - 9), big: null };
  const big = 1n << BigInt(exp);
  return { units: Number(big), nsMul: 1, nsDiv: 1, big };
}

/** Output of {@link splitTimestamp} (a RawFrame fits). */
export interface TsOut {
  tsSec: number;
  tsNs: number;
}

/**
 * Writes the timestamp `hi * 2^32 + lo` (in `u` units) plus `offsetSec` into `out` as whole
 * seconds and nanoseconds (rounded down).
 */
export function splitTimestamp(
  hi: number,
  lo: number,
  u: TsUnits,
  offsetSec: number,
  out: TsOut,
): void {
  if (u.big !== null) {
    const v = (BigInt(hi) << 32n) | BigInt(lo);
    out.tsSec = Number(v / u.big) + offsetSec;
    out.tsNs = Number(((v % u.big) * 1_000_000_000n) / u.big);
    return;
  }
  // Long division of the count by U in three digits (32, 16 and 16 bits); see the module comment.
  const U = u.units;
  const qa = Math.floor(hi / U);
  let t = (hi - qa * U) * TWO_16 + (lo >>> 16);
  const qb = Math.floor(t / U);
  t = (t - qb * U) * TWO_16 + (lo & 0xffff);
  const qc = Math.floor(t / U);
  const frac = t - qc * U;
  const sec = qa * TWO_32 + qb * TWO_16 + qc;
  out.tsSec = sec + offsetSec;
  out.tsNs = u.nsDiv === 1 ? frac * u.nsMul : Math.floor((frac * u.nsMul) / u.nsDiv);
}
