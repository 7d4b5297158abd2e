/**
 * Alerts as DESIGN.md defines them (`alerts.jsonl`), and the collection that deduplicates
 * them: an alert is about one thing that happened, and repeats of the same thing are counted
 * on the alert (`count`, `last_ts`) instead of emitted again.
 *
 * "The same thing" is an episode: occurrences of the same rule between the same source and
 * destination (and subject) in the same hour of capture time, each within
 * {@link DEDUP_GAP_S} of another. A polling loop that matches all hour long is one alert; the
 * same behaviour coming back after a quiet quarter of an hour (a second poisoning burst, a
 * second replay) is a second alert, which is what an analyst needs to see it happen again.
 *
 * Episodes are the connected components of the occurrence times under "at most the gap
 * apart", so pre-aggregated runs of repeats (a hot-path gatherer's first..last with a count)
 * and the collections of several engines (a sharded run) merge into the same episodes as one
 * thread would build. Ids are given after the merge, in time order, so the output does not
 * depend on the number of threads.
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

/** Seconds of the deduplication window: an alert never spans two hours of capture time. */
export const DEDUP_WINDOW_S = 3600;

/** Seconds of quiet after which a repeat opens a new alert (a new episode). */
export const DEDUP_GAP_S = 600;

const GAP_MS = DEDUP_GAP_S * 1000;

/** Most distinct alerts one collection keeps; more are counted (`alerts.dropped`). */
export const MAX_ALERTS = 100_000;

const MAX_FRAMES = 10;
const MAX_EVENTS = 3;

/** One episode: its alert and its first and last occurrence (epoch milliseconds). */
interface Episode {
  alert: Alert;
  first: number;
  last: number;
}

/** The base key of an alert: what makes two occurrences the same thing, before time. */
export function alertKey(
  ruleId: string,
  src: string | null,
  dst: string | null,
  subject: string,
  ms: number,
): string {
  return `${ruleId}|${src ?? ''}|${dst ?? ''}|${subject}|${Math.floor(ms / 1000 / DEDUP_WINDOW_S)}`;
}

/** Deduplicated alerts of one engine (serialisable snapshot for merging). */
export class AlertCollection {
  /** By base key: its episodes, no two within {@link DEDUP_GAP_S} of each other. */
  private readonly alerts = new Map<string, Episode[]>();
  private size = 0;
  dropped = 0;

  /**
   * Records one occurrence. `subject` names what makes it the same thing (the operation and
   * function, the protocol...); source, destination and rule are part of the key already.
   */
  add(c: AlertCandidate, subject: string): void {
    this.addCounted(c, subject, 1, c.ts);
  }

  /**
   * Records `count` occurrences at once, the first being `c` and the last at `lastTs`, none of
   * them more than {@link DEDUP_GAP_S} after the one before and all in `c`'s hour: for a stage
   * that pre-aggregates repeats on its hot path.
   */
  addCounted(c: AlertCandidate, subject: string, count: number, lastTs: string): void {
    const key = alertKey(c.rule_id, c.src_ip, c.dst_ip, subject, Date.parse(c.ts));
    this.insert(key, { ...c, id: '', count, last_ts: lastTs });
  }

  /**
   * Adds `count` occurrences, the last at `lastTs`, to the alert of `key` whose episode they
   * belong to (a stage that counted repeats of an alert it had already added). False when no
   * alert of `key` lies within the gap of `lastTs`.
   */
  addRepeats(key: string, count: number, lastTs: string): boolean {
    const t = Date.parse(lastTs);
    for (const e of this.alerts.get(key) ?? []) {
      if (t < e.first - GAP_MS || t > e.last + GAP_MS) continue;
      e.alert.count += count;
      if (lastTs > e.alert.last_ts) {
        e.alert.last_ts = lastTs;
        e.last = Math.max(e.last, t);
      }
      return true;
    }
    return false;
  }

  snapshot(): { alerts: [string, Alert][]; dropped: number } {
    const alerts: [string, Alert][] = [];
    for (const [k, list] of this.alerts) for (const e of list) alerts.push([k, e.alert]);
    return { alerts, dropped: this.dropped };
  }

  mergeSnapshot(s: { alerts: [string, Alert][]; dropped: number }): void {
    this.dropped += s.dropped;
    for (const [k, a] of s.alerts) this.insert(k, { ...a, evidence: { ...a.evidence } });
  }

  /** The alerts in time order (then frame, rule), with ids `A1`, `A2`... */
  list(): Alert[] {
    const out: Alert[] = [];
    for (const list of this.alerts.values()) for (const e of list) out.push(e.alert);
    out.sort(
      (a, b) =>
        (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0) ||
        a.frame - b.frame ||
        (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0) ||
        ((a.src_ip ?? '') < (b.src_ip ?? '') ? -1 : 1),
    );
    out.forEach((a, i) => (a.id = `A${i + 1}`));
    return out;
  }

  /**
   * Adds `a` (one occurrence or a counted run) under `key`: into every episode within the gap
   * of it, which it joins into one, or as a new episode.
   */
  private insert(key: string, a: Alert): void {
    const first = Date.parse(a.ts);
    const last = Math.max(first, Date.parse(a.last_ts));
    let list = this.alerts.get(key);
    let into: Episode | undefined;
    if (list !== undefined) {
      // Stored episodes are more than the gap apart, so whatever `a` joins is exactly the
      // episodes within the gap of `a` itself.
      for (let i = 0; i < list.length;) {
        const e = list[i] as Episode;
        if (e.last + GAP_MS < first || e.first - GAP_MS > last) {
          i++;
          continue;
        }
        if (into === undefined) {
          merge(e.alert, a);
          e.first = Math.min(e.first, first);
          e.last = Math.max(e.last, last);
          into = e;
          i++;
        } else {
          merge(into.alert, e.alert);
          into.first = Math.min(into.first, e.first);
          into.last = Math.max(into.last, e.last);
          list.splice(i, 1);
          this.size--;
        }
      }
    }
    if (into !== undefined) return;
    if (this.size >= MAX_ALERTS) {
      this.dropped++;
      return;
    }
    if (list === undefined) {
      list = [];
      this.alerts.set(key, list);
    }
    list.push({ alert: a, first, last });
    this.size++;
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
