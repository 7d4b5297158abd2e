/**
 * Regression cases whose bug is not fixed yet (folder name under test/regress/ → where the fix
 * belongs). Their replay is expected to fail (`it.fails` in regress.test.ts, and the
 * single-vs-sharded check in test/e2e/hostile.test.ts while a sharding case is open). When a
 * fix lands the replay passes, those tests fail, and the entry must be removed here.
 */
export const OPEN_BUGS: Readonly<Record<string, string>> = {};

/** Open cases that make single-engine and sharded (`--workers N`) output differ. */
export const OPEN_SHARDING_BUGS: readonly string[] = Object.keys(OPEN_BUGS).filter(
  (c) => c === '0003-sharded-flow-clock-lags' || c === '0004-flow-timeout-behind-newer-lru-head',
);
