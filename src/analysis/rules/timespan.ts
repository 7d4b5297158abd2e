/**
 * Correlation timespans (Sigma correlation specification 2.1, `timespan`): a whole number and a
 * unit, `s`, `m`, `h`, `d`, plus `w` (weeks), `M` (30-day months) and `y` (365-day years).
 */

const UNITS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
  M: 2_592_000,
  y: 31_536_000,
};

/** Seconds of a timespan (`5m` is 300); null when it is not one. */
export function parseTimespan(text: string): number | null {
  const m = /^(\d{1,9})([smhdwMy])$/.exec(text.trim());
  if (m === null) return null;
  const n = Number(m[1]) * (UNITS[m[2] as string] as number);
  return n > 0 ? n : null;
}
