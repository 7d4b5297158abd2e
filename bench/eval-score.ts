/**
 * Scoring of the detection evaluation (`npm run eval`): which labelled attack instances the
 * alerts of an analysis cover with an expected ATT&CK technique, which alerts fall outside every
 * attack (false alerts), and how much benign traffic time the captures hold.
 *
 * The rules of the game (docs/detection.md, "Evaluation"):
 *
 * - An alert *occurs* at its first frame (`frame`), at the frames of its evidence
 *   (`evidence.frames`, its first occurrences), at its time (`ts`) and at the time of its last
 *   occurrence (`last_ts`): repeats of the same thing (rule, source, destination, hour) are
 *   counted on one alert, not emitted again (DESIGN.md), so the last repeat is an occurrence
 *   the analyst sees. The time of a frame is read from the capture, so frames and times are
 *   compared on the capture's own clock.
 * - An instance is labelled by spans, each on one capture: whole file, frame ranges (per-packet
 *   labels) or a time window (time-window labels, widened by {@link WINDOW_SLACK_BEFORE_S} and
 *   {@link WINDOW_SLACK_AFTER_S} for the clocks of the lab log and of the capture). An alert
 *   *hits* an instance when one of its occurrences is inside one of the instance's spans on the
 *   alert's capture.
 * - An instance is *detected* when an alert that hits it carries one of the instance's expected
 *   technique ids; it is *missed* otherwise (hit only by alerts with other techniques, or by
 *   none).
 * - A *false alert* is an alert that hits no instance of its capture.
 * - *Benign time* of a capture is its duration (first to last frame) minus the union of its
 *   attack intervals (a whole file, the first to last frame of a frame range, a window clipped to
 *   the capture). A silence of more than {@link MAX_GAP_S} between two frames counts as a break
 *   between traces merged into one file (some shared captures join recordings years apart), not
 *   as monitored time.
 *
 * Nothing here reads files: the evaluation hands in captures' frame times and alerts.
 */

/** Seconds a time window is widened by at its start (clock offset between log and capture). */
export const WINDOW_SLACK_BEFORE_S = 2;
/** Seconds a time window is widened by at its end (clock offset, correlation latency). */
export const WINDOW_SLACK_AFTER_S = 5;

/** Longest silence between two frames still counted as monitored time. */
export const MAX_GAP_S = 3600;

/** Where an attack instance is, on one capture. */
export type Span =
  | { capture: string; kind: 'whole' }
  /** Inclusive 1-based frame ranges. */
  | { capture: string; kind: 'frames'; ranges: readonly (readonly [number, number])[] }
  /** Seconds since the Unix epoch (UTC), inclusive. */
  | { capture: string; kind: 'window'; from: number; to: number };

/** One labelled attack. */
export interface AttackInstance {
  /** Unique within the evaluation (`qut-dnp3/injection#3`). */
  id: string;
  /** The label's name of the attack (`injection_FreezeObj`, `LM_psexec_smb_dcerpc_epm_svcctl`). */
  attack: string;
  /** ATT&CK technique ids that count as detecting it. */
  expected: readonly string[];
  /** Why these techniques (one line), from the technique table. */
  reason: string;
  spans: readonly Span[];
  /**
   * Set when the captures hold none of the attack's traffic (a failed attempt that never left
   * the workstation, a capture port the attacker never reached): why. Such an instance is listed
   * but left out of the detection counts; its time still is attack time.
   */
  unobservable?: string;
}

/** A labelled set: captures analysed one by one, and the attacks inside them. */
export interface Dataset {
  id: string;
  title: string;
  /** Absolute capture paths. */
  captures: readonly string[];
  instances: readonly AttackInstance[];
}

/** What the scoring needs of one alert (a line of alerts.jsonl). */
export interface ScoredAlert {
  id: string;
  ts: string;
  frame: number;
  rule_id: string;
  title: string;
  /** `low`..`critical` (absent in hand-made fixtures). */
  severity?: string;
  /** Time of the last occurrence counted on the alert. */
  last_ts?: string;
  technique_ids: readonly string[];
  evidence: { frames: readonly number[] };
}

/** One capture's share of a dataset score, with its false alerts (for finding noisy rules). */
export interface CaptureScore {
  capture: string;
  alerts: number;
  /** Frames of the capture. */
  frames: number;
  benignSeconds: number;
  /** What kind of recording it is ({@link recordingKind}). */
  recording: RecordingKind;
  falseAlerts: { frame: number; ts: string; rule_id: string; title: string; severity: string }[];
}

/**
 * Benign time is of two kinds, told apart by a rule on the capture, never by file:
 *
 * - an *operational recording* holds at least {@link OPERATIONAL_MIN_BENIGN_S} of benign
 *   time carried by at least {@link OPERATIONAL_MIN_FRAMES} frames: a running process
 *   recorded for a while, what a sensor sees all day;
 * - a *protocol sample* is anything shorter or sparser: a few exchanges recorded to show a
 *   protocol function (a cold restart, a file transfer, a write), often the very operation a
 *   rule is there to flag, or a test script's handful of packets spread over hours.
 *
 * The false-alert rate an analyst lives with is the one of operational recordings; samples
 * are reported beside it, per capture.
 */
export type RecordingKind = 'operational' | 'sample';

/** Benign seconds an operational recording holds at least. */
export const OPERATIONAL_MIN_BENIGN_S = 600;
/** Frames an operational recording holds at least. */
export const OPERATIONAL_MIN_FRAMES = 1000;

/** The kind of recording of a capture with `frames` frames and `benignSeconds` benign time. */
export function recordingKind(frames: number, benignSeconds: number): RecordingKind {
  return frames >= OPERATIONAL_MIN_FRAMES && benignSeconds >= OPERATIONAL_MIN_BENIGN_S
    ? 'operational'
    : 'sample';
}

/** False alerts and benign time of the captures of one kind of recording. */
export interface RecordingScore {
  kind: RecordingKind;
  captures: number;
  benignSeconds: number;
  falseAlerts: number;
  /** Per hour of benign time (null without benign time). */
  falsePerBenignHour: number | null;
  /** Captures with at least one false alert. */
  capturesWithFalseAlerts: number;
}

/** The false alerts of every capture scored, by kind of recording. */
export function byRecording(captures: readonly CaptureScore[]): RecordingScore[] {
  return (['operational', 'sample'] as const).map((kind) => {
    const mine = captures.filter((c) => c.recording === kind);
    const benign = mine.reduce((a, c) => a + c.benignSeconds, 0);
    const falseAlerts = mine.reduce((a, c) => a + c.falseAlerts.length, 0);
    return {
      kind,
      captures: mine.length,
      benignSeconds: benign,
      falseAlerts,
      falsePerBenignHour: benign > 0 ? falseAlerts / (benign / 3600) : null,
      capturesWithFalseAlerts: mine.filter((c) => c.falseAlerts.length > 0).length,
    };
  });
}

/** One analysed capture: its frame times and its alerts. */
export interface CaptureRun {
  capture: string;
  /** Epoch seconds of frame i + 1 at index i. */
  times: Float64Array;
  alerts: readonly ScoredAlert[];
}

/** The outcome for one instance. */
export interface InstanceResult {
  id: string;
  attack: string;
  expected: readonly string[];
  detected: boolean;
  /** Why the instance cannot be detected from its captures (not counted), or null. */
  unobservable: string | null;
  /** Alerts that hit the instance with an expected technique (`rule_id: title`). */
  detectedBy: string[];
  /** Alerts that hit it with other techniques only (`rule_id [T...]`). */
  otherAlerts: string[];
}

/** The outcome for one dataset. */
export interface DatasetScore {
  id: string;
  title: string;
  captures: number;
  alerts: number;
  /** Observable instances, and of them the detected and the missed ones. */
  instances: number;
  detected: number;
  missed: number;
  /** Instances whose captures hold none of their traffic (listed, not counted above). */
  unobservable: number;
  falseAlerts: number;
  /** False alerts by rule (`rule_id: title` → count) and by severity. */
  falseByRule: Record<string, number>;
  falseBySeverity: Record<string, number>;
  benignSeconds: number;
  attackSeconds: number;
  /** False alerts per hour of benign time (null when there is no benign time). */
  falsePerBenignHour: number | null;
  results: InstanceResult[];
  captureScores: CaptureScore[];
}

/** Seconds since the epoch of an ISO 8601 UTC time with up to nanoseconds. */
export function isoSeconds(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  if (!m) return NaN;
  return Date.parse(`${m[1]}Z`) / 1000 + Number(`0.${m[2] ?? '0'}`);
}

/** The time of frame `n` (NaN when the capture has no such frame). */
function frameTime(times: Float64Array, n: number): number {
  return n >= 1 && n <= times.length ? (times[n - 1] as number) : NaN;
}

function inRanges(n: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [a, b] of ranges) if (n >= a && n <= b) return true;
  return false;
}

/** True when an occurrence (a frame and/or a time) is inside a span. */
function inside(span: Span, frame: number | null, t: number): boolean {
  if (span.kind === 'whole') return true;
  if (span.kind === 'frames') return frame !== null && inRanges(frame, span.ranges);
  return t >= span.from - WINDOW_SLACK_BEFORE_S && t <= span.to + WINDOW_SLACK_AFTER_S;
}

/** True when the alert occurs inside one of the spans (those on its capture). */
export function alertHits(
  alert: ScoredAlert,
  spans: readonly Span[],
  times: Float64Array,
): boolean {
  if (spans.length === 0) return false;
  const frames = [alert.frame, ...alert.evidence.frames];
  for (const span of spans) {
    for (const f of frames) if (inside(span, f, frameTime(times, f))) return true;
    if (inside(span, null, isoSeconds(alert.ts))) return true;
    if (alert.last_ts !== undefined && inside(span, null, isoSeconds(alert.last_ts))) return true;
  }
  return false;
}

/** Attack intervals of a capture (epoch seconds), merged and clipped to the capture. */
export function attackIntervals(spans: readonly Span[], times: Float64Array): [number, number][] {
  if (times.length === 0) return [];
  const [first, last] = sampleEnds(times);
  const raw: [number, number][] = [];
  for (const s of spans) {
    if (s.kind === 'whole') raw.push([first, last]);
    else if (s.kind === 'window') raw.push([Math.max(first, s.from), Math.min(last, s.to)]);
    else {
      for (const [a, b] of s.ranges) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let n = Math.max(1, a); n <= Math.min(b, times.length); n++) {
          const t = times[n - 1] as number;
          if (t < lo) lo = t;
          if (t > hi) hi = t;
        }
        if (lo <= hi) raw.push([lo, hi]);
      }
    }
  }
  const sorted = raw.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const cur = out[out.length - 1];
    if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** First and last time of a capture, robust to frames out of time order. */
function sampleEnds(times: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}

/**
 * Monitored time of a capture (the gaps between consecutive frames, in time order, up to
 * {@link MAX_GAP_S} each), split into the part inside the attack intervals and the rest.
 */
export function splitTime(
  times: Float64Array,
  intervals: readonly (readonly [number, number])[],
): { attack: number; benign: number } {
  const t = Float64Array.from(times).sort();
  let attack = 0;
  let benign = 0;
  for (let i = 0; i + 1 < t.length; i++) {
    const a = t[i] as number;
    const b = t[i + 1] as number;
    if (b - a > MAX_GAP_S) continue;
    let overlap = 0;
    for (const [x, y] of intervals) overlap += Math.max(0, Math.min(b, y) - Math.max(a, x));
    attack += overlap;
    benign += b - a - overlap;
  }
  return { attack, benign };
}

/** Scores one dataset from the runs of its captures. */
export function scoreDataset(ds: Dataset, runs: readonly CaptureRun[]): DatasetScore {
  const results = new Map<string, InstanceResult>();
  for (const inst of ds.instances) {
    results.set(inst.id, {
      id: inst.id,
      attack: inst.attack,
      expected: inst.expected,
      detected: false,
      unobservable: inst.unobservable ?? null,
      detectedBy: [],
      otherAlerts: [],
    });
  }
  const falseByRule: Record<string, number> = {};
  const falseBySeverity: Record<string, number> = {};
  const captureScores: CaptureScore[] = [];
  let falseAlerts = 0;
  let alerts = 0;
  let benign = 0;
  let attack = 0;
  for (const run of runs) {
    const cs: CaptureScore = {
      capture: run.capture,
      alerts: run.alerts.length,
      frames: run.times.length,
      benignSeconds: 0,
      recording: 'sample',
      falseAlerts: [],
    };
    captureScores.push(cs);
    const mine = ds.instances
      .map((inst) => ({ inst, spans: inst.spans.filter((s) => s.capture === run.capture) }))
      .filter((x) => x.spans.length > 0);
    for (const alert of run.alerts) {
      alerts++;
      let hitAny = false;
      for (const { inst, spans } of mine) {
        if (!alertHits(alert, spans, run.times)) continue;
        hitAny = true;
        const r = results.get(inst.id) as InstanceResult;
        const good = alert.technique_ids.some((t) => inst.expected.includes(t));
        const label = `${alert.rule_id} [${alert.technique_ids.join(',')}] ${alert.title}`;
        if (good) {
          r.detected = true;
          if (!r.detectedBy.includes(label)) r.detectedBy.push(label);
        } else if (!r.otherAlerts.includes(label)) r.otherAlerts.push(label);
      }
      if (!hitAny) {
        falseAlerts++;
        const key = `${alert.rule_id}: ${alert.title}`;
        falseByRule[key] = (falseByRule[key] ?? 0) + 1;
        const severity = alert.severity ?? 'unknown';
        falseBySeverity[severity] = (falseBySeverity[severity] ?? 0) + 1;
        cs.falseAlerts.push({
          frame: alert.frame,
          ts: alert.ts,
          rule_id: alert.rule_id,
          title: alert.title,
          severity,
        });
      }
    }
    const split = splitTime(
      run.times,
      attackIntervals(
        mine.flatMap((x) => x.spans),
        run.times,
      ),
    );
    attack += split.attack;
    benign += split.benign;
    cs.benignSeconds = split.benign;
    cs.recording = recordingKind(cs.frames, cs.benignSeconds);
  }
  const list = [...results.values()];
  const counted = list.filter((r) => r.unobservable === null);
  const detected = counted.filter((r) => r.detected).length;
  return {
    id: ds.id,
    title: ds.title,
    captures: runs.length,
    alerts,
    instances: counted.length,
    detected,
    missed: counted.length - detected,
    unobservable: list.length - counted.length,
    falseAlerts,
    falseByRule,
    falseBySeverity,
    benignSeconds: benign,
    attackSeconds: attack,
    falsePerBenignHour: benign > 0 ? falseAlerts / (benign / 3600) : null,
    results: list,
    captureScores,
  };
}

/** The sum of several dataset scores (instance results concatenated). */
export function totalScore(scores: readonly DatasetScore[]): DatasetScore {
  const falseByRule: Record<string, number> = {};
  const falseBySeverity: Record<string, number> = {};
  for (const s of scores) {
    for (const [k, v] of Object.entries(s.falseByRule)) falseByRule[k] = (falseByRule[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.falseBySeverity)) {
      falseBySeverity[k] = (falseBySeverity[k] ?? 0) + v;
    }
  }
  const sum = (f: (s: DatasetScore) => number): number => scores.reduce((a, s) => a + f(s), 0);
  const benign = sum((s) => s.benignSeconds);
  const falseAlerts = sum((s) => s.falseAlerts);
  return {
    id: 'total',
    title: 'all datasets',
    captures: sum((s) => s.captures),
    alerts: sum((s) => s.alerts),
    instances: sum((s) => s.instances),
    detected: sum((s) => s.detected),
    missed: sum((s) => s.missed),
    unobservable: sum((s) => s.unobservable),
    falseAlerts,
    falseByRule,
    falseBySeverity,
    benignSeconds: benign,
    attackSeconds: sum((s) => s.attackSeconds),
    falsePerBenignHour: benign > 0 ? falseAlerts / (benign / 3600) : null,
    results: scores.flatMap((s) => s.results),
    captureScores: scores.flatMap((s) => s.captureScores),
  };
}
