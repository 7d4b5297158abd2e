/**
 * Refreshing threat intelligence on a schedule (live capture): every `everyMs` the loader runs
 * (a TAXII poll with `added_after`), one load at a time; new data replaces the indicators of
 * the running matcher. A failed load keeps the indicators in force and is reported, never
 * thrown into the capture loop.
 */
import type { IntelData } from './bundle.js';

/** How and how often to reload. */
export interface IntelRefresh {
  readonly everyMs: number;
  /** Loads the indicators now in force (null: nothing changed). */
  load(): Promise<IntelData | null>;
  /** Told about a failed load. */
  onError?(err: unknown): void;
}

/** Starts the schedule; `apply` gets each new {@link IntelData}. Returns the stop function. */
export function startIntelRefresh(r: IntelRefresh, apply: (d: IntelData) => void): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    r.load()
      .then((d) => {
        if (d !== null) apply(d);
      })
      .catch((err: unknown) => r.onError?.(err))
      .finally(() => {
        busy = false;
      });
  }, r.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
