/**
 * Alerts as DESIGN.md defines them (`alerts.jsonl`), and the collection that deduplicates
 * them: an alert is about one thing that happened, and repeats of the same thing within a
 * window (the same rule, source, destination and subject in the same hour of capture time)
 * are counted on the alert (`count`, `last_ts`) instead of emitted again.
 *
 * Collections from several engines merge (a sharded run), and ids are given after the merge,
 * in time order, so the output does not depend on the number of threads.
 */

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type AlertSource = 'rule' | 'policy' | 'intel' | 'anomaly';

/** One line of `alerts.jsonl`. */
export interface Alert {
  id: string;
  /** First occurrence: time and frame. */
  ts: string;
  frame: number;
  rule_id: string;
  title: string;
  severity: Severity;
  source: AlertSource;
  /** ATT&CK technique ids (ICS `T08xx`, Enterprise `T1xxx[.xxx]`); never empty. */
  technique_ids: string[];
  src_ip: string | null;
  dst_ip: string | null;
  proto: string;
  flow: string;
  evidence: {
    /** Frames of the first occurrences (at most 10). */
    frames: number[];
    /** Event or flow records that showed it, earliest first (at most 3, each with its `frame`). */
    events: unknown[];
    /** For policy alerts: the rule of the model that was broken, in words. */
    explanation?: string;
  };
  zone?: { src?: string; dst?: string };
  asset?: { src?: string; dst?: string };
  /** Occurrences counted on this alert, and the time of the last. */
  count: number;
  last_ts: string;
  /** Policy alerts: the conduit or remote-access entry concerned, when there is one. */
  policy?: { conduit?: string; remote_access?: string };
}

/** An alert before deduplication: everything but `id`, `count` and `last_ts`. */
export type AlertCandidate = Omit<Alert, 'id' | 'count' | 'last_ts'>;

/** Seconds of the deduplication window. */
export const DEDUP_WINDOW_S = 3600;

/** Most distinct alerts one collection keeps; more are counted (`alerts.dropped`). */
export const MAX_ALERTS = 100_000;

const MAX_FRAMES = 10;
const MAX_EVENTS = 3;

/** Deduplicated alerts of one engine (serialisable snapshot for merging). */
export class AlertCollection {
  private readonly alerts = new Map<string, Alert>();
  dropped = 0;

  /**
   * Records one occurrence. `subject` names what makes it the same thing (the operation and
   * function, the protocol...); source, destination and rule are part of the key already.
   */
  add(c: AlertCandidate, subject: string): void {
    this.addCounted(c, subject, 1, c.ts);
  }

  /**
   * Records `count` occurrences at once, the first being `c` and the last at `lastTs` (in the
   * same window): for a stage that pre-aggregates repeats on its hot path.
   */
  addCounted(c: AlertCandidate, subject: string, count: number, lastTs: string): void {
    const bucket = Math.floor(Date.parse(c.ts) / 1000 / DEDUP_WINDOW_S);
    const key = `${c.rule_id}|${c.src_ip ?? ''}|${c.dst_ip ?? ''}|${subject}|${bucket}`;
    const cur = this.alerts.get(key);
    if (cur === undefined) {
      if (this.alerts.size >= MAX_ALERTS) {
        this.dropped++;
        return;
      }
      this.alerts.set(key, { ...c, id: '', count, last_ts: lastTs });
      return;
    }
    merge(cur, { ...c, id: '', count, last_ts: lastTs });
  }

  snapshot(): { alerts: [string, Alert][]; dropped: number } {
    return { alerts: [...this.alerts], dropped: this.dropped };
  }

  mergeSnapshot(s: { alerts: [string, Alert][]; dropped: number }): void {
    this.dropped += s.dropped;
    for (const [k, a] of s.alerts) {
      const cur = this.alerts.get(k);
      if (cur === undefined) this.alerts.set(k, { ...a, evidence: { ...a.evidence } });
      else merge(cur, a);
    }
  }

  /** The alerts in time order (then frame, rule), with ids `A1`, `A2`... */
  list(): Alert[] {
    const out = [...this.alerts.values()].sort(
      (a, b) =>
        (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0) ||
        a.frame - b.frame ||
        (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0) ||
        ((a.src_ip ?? '') < (b.src_ip ?? '') ? -1 : 1),
    );
    out.forEach((a, i) => (a.id = `A${i + 1}`));
    return out;
  }
}

/** Adds occurrence `b` into `a` (the earlier one stays the alert's first). */
function merge(a: Alert, b: Alert): void {
  if (b.ts < a.ts || (b.ts === a.ts && b.frame < a.frame)) {
    const keep = {
      count: a.count,
      last_ts: a.last_ts,
      frames: a.evidence.frames,
      events: a.evidence.events,
    };
    Object.assign(a, b, { id: '' });
    a.count = keep.count;
    a.last_ts = keep.last_ts;
    a.evidence = {
      ...b.evidence,
      frames: [...b.evidence.frames, ...keep.frames],
      events: [...b.evidence.events, ...keep.events],
    };
  } else {
    a.evidence.frames = [...a.evidence.frames, ...b.evidence.frames];
    a.evidence.events = [...a.evidence.events, ...b.evidence.events];
  }
  a.evidence.frames = [...new Set(a.evidence.frames)].sort((x, y) => x - y).slice(0, MAX_FRAMES);
  a.evidence.events = a.evidence.events
    .sort((x, y) => frameOf(x) - frameOf(y))
    .slice(0, MAX_EVENTS);
  a.count += b.count;
  if (b.last_ts > a.last_ts) a.last_ts = b.last_ts;
}

function frameOf(e: unknown): number {
  const f = typeof e === 'object' && e !== null ? (e as { frame?: unknown }).frame : undefined;
  return typeof f === 'number' ? f : 0;
}
