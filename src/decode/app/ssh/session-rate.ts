/**
 * Brute-force shape: many SSH sessions from one client to one server in a short time. Password
 * guessing tools open a connection per handful of attempts, so the session rate of a
 * client/server pair is the signal that survives encryption (the attempts themselves are not
 * visible after NEWKEYS).
 *
 * Thresholds: {@link SESSION_THRESHOLD} sessions (client identification lines) of one pair within
 * {@link WINDOW_SEC} seconds of capture time raise `ssh.brute_force` once per window. State is
 * bounded: at most {@link MAX_PAIRS} pairs, the least recently started window evicted first.
 * The pipeline deals every flow of an address pair to the same worker, so a per-process tracker
 * sees all sessions of a pair.
 */

/** Window length, seconds of capture time. */
export const WINDOW_SEC = 60;
/** Sessions of one pair within a window that make the brute-force shape. */
export const SESSION_THRESHOLD = 10;
/** Pairs tracked at once. */
export const MAX_PAIRS = 4096;

interface Window {
  start: number;
  count: number;
  reported: boolean;
}

const pairs = new Map<string, Window>();

/**
 * Counts a new session of `client` to `server` at capture time `now`; returns the session count
 * of the window when it just reached the threshold (report it), else 0.
 */
export function noteSession(client: string, server: string, now: number): number {
  const key = `${client}>${server}`;
  let w = pairs.get(key);
  if (w === undefined || now - w.start > WINDOW_SEC || now < w.start) {
    if (w !== undefined) pairs.delete(key);
    else if (pairs.size >= MAX_PAIRS) {
      const oldest = pairs.keys().next();
      if (oldest.done !== true) pairs.delete(oldest.value);
    }
    w = { start: now, count: 0, reported: false };
    pairs.set(key, w);
  }
  w.count++;
  if (!w.reported && w.count >= SESSION_THRESHOLD) {
    w.reported = true;
    return w.count;
  }
  return 0;
}

/** Forgets every pair (tests; a new capture). */
export function resetSessionRates(): void {
  pairs.clear();
}

/** Pairs currently tracked. */
export function trackedPairs(): number {
  return pairs.size;
}
