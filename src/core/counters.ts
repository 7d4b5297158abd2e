/**
 * Named counters: anomalies (`ipv4.hlen_too_small`), drops (`flow.evicted_table_full`), decoder
 * verdicts (`decoder_bug.modbus`). Incrementing is a Map update; call it for events that are
 * rare per packet (anomalies, evictions), and keep per-packet tallies in plain number fields.
 */
export class Counters {
  private readonly values = new Map<string, number>();

  /** Adds `n` (default 1) to the counter `name`. */
  inc(name: string, n = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + n);
  }

  /** The current value of `name` (0 when never incremented). */
  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  /** Adds every counter of `other` into this one. */
  merge(other: Counters): void {
    for (const [k, v] of other.values) this.inc(k, v);
  }

  /** All counters, sorted by name, as a plain object (for summary.json). */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.values.keys()].sort()) out[k] = this.values.get(k) ?? 0;
    return out;
  }
}
