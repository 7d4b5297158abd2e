/**
 * Repeats of a rule alert, gathered on the hot path. A rule that matches a polling loop matches
 * thousands of times an hour between the same two hosts, and all of them are one alert
 * (DESIGN.md: repeats within a window are counted on the alert). The first occurrences build
 * the alert and its evidence (the earliest ten frames, the earliest three event lines); later
 * ones only count, with no event line built and no alert record touched. Gathered alerts go to
 * the {@link AlertCollection} at the end of the run (or when {@link MAX_PENDING} keys are held),
 * with their count and last time, so the collection ends up as if every match had been added.
 * A gathered run never holds a gap longer than the collection's episode gap: a repeat after a
 * quiet gap hands the run over and starts another.
 */
import { isoMicros } from '../../core/time.js';
import {
  DEDUP_GAP_S,
  DEDUP_WINDOW_S,
  type AlertCandidate,
  type AlertCollection,
} from '../alerts.js';
import type { EventView } from './fields.js';
import type { CompiledRule } from './pack.js';

/** Alert keys gathered before they are handed to the collection. */
export const MAX_PENDING = 50_000;

const MAX_FRAMES = 10;
const MAX_EVENTS = 3;

interface Pending {
  /** Hour of the deduplication window. */
  bucket: number;
  cand: AlertCandidate;
  sec: number;
  ns: number;
  count: number;
  lastSec: number;
  lastNs: number;
}

function frameOf(e: unknown): number {
  const f = (e as { frame?: unknown }).frame;
  return typeof f === 'number' ? f : 0;
}

export class RepeatGatherer {
  /** By rule index, source and destination: the alert being gathered (of one window). */
  private readonly pending = new Map<number, Map<string, Map<string, Pending>>>();
  private size = 0;

  constructor(private readonly out: AlertCollection) {}

  /** One match of `r` on the event in `view`. */
  match(r: CompiledRule, view: EventView): void {
    const sec = view.sec();
    const ns = view.ns();
    const src = view.srcIp();
    const dst = view.dstIp();
    const bucket = Math.floor(sec / DEDUP_WINDOW_S);
    // Nested maps: no key text built per match.
    let bySrc = this.pending.get(r.index);
    if (bySrc === undefined) {
      bySrc = new Map();
      this.pending.set(r.index, bySrc);
    }
    let byDst = bySrc.get(src ?? '');
    if (byDst === undefined) {
      byDst = new Map();
      bySrc.set(src ?? '', byDst);
    }
    let p = byDst.get(dst ?? '');
    if (
      p !== undefined &&
      (p.bucket !== bucket || sec > p.lastSec + DEDUP_GAP_S || sec < p.sec - DEDUP_GAP_S)
    ) {
      // Another window or a repeat after a quiet gap: what was gathered is a separate alert
      // (the collection joins the two again if later occurrences bridge the gap).
      this.emit(p);
      byDst.delete(dst ?? '');
      this.size--;
      p = undefined;
    }
    if (p === undefined) {
      if (this.size >= MAX_PENDING) {
        this.flush();
        this.match(r, view);
        return;
      }
      const frame = view.frame();
      this.size++;
      byDst.set(dst ?? '', {
        bucket,
        cand: {
          ts: view.tsString(),
          frame,
          rule_id: r.id,
          title: r.title,
          severity: r.severity,
          source: 'rule',
          technique_ids: [...r.techniqueIds],
          src_ip: src,
          dst_ip: dst,
          proto: view.proto(),
          flow: view.flowId(),
          evidence: { frames: [frame], events: [view.toLine()] },
        },
        sec,
        ns,
        count: 1,
        lastSec: sec,
        lastNs: ns,
      });
      return;
    }
    p.count++;
    if (sec > p.lastSec || (sec === p.lastSec && ns > p.lastNs)) {
      p.lastSec = sec;
      p.lastNs = ns;
    }
    const c = p.cand;
    const frame = view.frame();
    // An earlier occurrence (flows ended by a timeout report their last events late) becomes
    // the alert's first, as the collection's merge would make it.
    if (
      sec < p.sec ||
      (sec === p.sec && ns < p.ns) ||
      (sec === p.sec && ns === p.ns && frame < c.frame)
    ) {
      p.sec = sec;
      p.ns = ns;
      c.ts = view.tsString();
      c.frame = frame;
      c.flow = view.flowId();
      c.proto = view.proto();
    }
    const frames = c.evidence.frames;
    if (frames.length < MAX_FRAMES || frame < (frames[frames.length - 1] as number)) {
      if (!frames.includes(frame)) {
        frames.push(frame);
        frames.sort((a, b) => a - b);
        if (frames.length > MAX_FRAMES) frames.length = MAX_FRAMES;
      }
    }
    const events = c.evidence.events;
    if (events.length < MAX_EVENTS || frame < frameOf(events[events.length - 1])) {
      events.push(view.toLine());
      events.sort((a, b) => frameOf(a) - frameOf(b));
      if (events.length > MAX_EVENTS) events.length = MAX_EVENTS;
    }
  }

  /** Hands every gathered alert to the collection. */
  flush(): void {
    for (const bySrc of this.pending.values()) {
      for (const byDst of bySrc.values()) for (const p of byDst.values()) this.emit(p);
    }
    this.pending.clear();
    this.size = 0;
  }

  private emit(p: Pending): void {
    const last =
      p.lastSec === p.sec && p.lastNs === p.ns ? p.cand.ts : isoMicros(p.lastSec, p.lastNs);
    this.out.addCounted(p.cand, '', p.count, last);
  }
}
