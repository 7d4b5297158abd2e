/**
 * Timestamps travel as two integers, whole seconds since the Unix epoch and nanoseconds within
 * the second, because a nanosecond count since 1970 does not fit a double exactly.
 */

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/**
 * Formats a timestamp as ISO 8601 UTC with microseconds, the form every event and flow uses:
 * `2016-08-13T00:10:38.123456Z`. Nanoseconds are truncated to microseconds.
 */
export function isoMicros(sec: number, ns: number): string {
  const d = new Date(sec * 1000);
  const us = Math.floor(ns / 1000);
  const frac = String(us).padStart(6, '0');
  return (
    d.getUTCFullYear() +
    '-' +
    pad2(d.getUTCMonth() + 1) +
    '-' +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    ':' +
    pad2(d.getUTCMinutes()) +
    ':' +
    pad2(d.getUTCSeconds()) +
    '.' +
    frac +
    'Z'
  );
}

/** Seconds (as a double, microsecond precision) from `a` to `b`. */
export function diffSeconds(aSec: number, aNs: number, bSec: number, bNs: number): number {
  return bSec - aSec + (bNs - aNs) / 1e9;
}
