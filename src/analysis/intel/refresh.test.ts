// The refresh schedule of live capture: loads run one at a time, new data is applied, a failed
// load is reported and keeps the schedule going, and stop ends it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntelData } from './bundle.js';
import { startIntelRefresh } from './refresh.js';

const data = (n: number): IntelData => ({ indicators: [], counters: { n }, problems: [] });

afterEach(() => {
  vi.useRealTimers();
});

describe('startIntelRefresh', () => {
  it('applies each load, skips ticks while one runs, reports failures, stops', async () => {
    vi.useFakeTimers();
    const applied: number[] = [];
    const errors: string[] = [];
    let calls = 0;
    let release: (() => void) | null = null;
    const stop = startIntelRefresh(
      {
        everyMs: 1000,
        load: async () => {
          calls++;
          if (calls === 2) throw new Error('server down');
          if (calls === 3) await new Promise<void>((r) => (release = r));
          return calls === 4 ? null : data(calls);
        },
        onError: (err) => errors.push((err as Error).message),
      },
      (d) => applied.push(d.counters.n as number),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000); // load 3 starts and hangs
    await vi.advanceTimersByTimeAsync(3000); // no new load while it runs
    expect(calls).toBe(3);
    (release as unknown as () => void)();
    await vi.advanceTimersByTimeAsync(1000); // load 4: nothing new
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(5);
    expect(applied).toEqual([1, 3, 5]);
    expect(errors).toEqual(['server down']);
  });
});
