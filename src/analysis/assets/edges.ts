/**
 * The communication map's edges: who sends which operations (read, write, program, control...)
 * to whom, over which protocol, how often, and first and last seen with the frame that first
 * showed each operation.
 *
 * Counting happens per flow while it runs (one map lookup by the flow id, which the event
 * already carries, and an increment), and folds into the edge of its (sender, receiver,
 * protocol) when the flow ends, so the cost per event stays constant and no string is built
 * per event. Layer-2 streams (GOOSE) never end; they fold when a snapshot is taken.
 */
import { isoMicros } from '../../core/time.js';
import type { EventMeta } from '../observer.js';
import { OPERATION_CLASSES, type OperationClass } from '../operations.js';

const N = OPERATION_CLASSES.length;
const INDEX: Readonly<Record<OperationClass, number>> = Object.fromEntries(
  OPERATION_CLASSES.map((c, i) => [c, i]),
) as Record<OperationClass, number>;

/** Bounds. */
export const EDGE_LIMITS = {
  /** Flows with operations being counted at once. */
  maxOpenFlows: 500_000,
  /** Distinct (sender, receiver, protocol) edges. */
  maxEdges: 200_000,
} as const;

/** Operations of one direction of a running flow. */
class Tally {
  readonly counts = new Float64Array(N);
  readonly firstFrame = new Float64Array(N);
  readonly firstSec = new Float64Array(N);
  readonly firstNs = new Float64Array(N);
  readonly lastSec = new Float64Array(N);
  readonly lastNs = new Float64Array(N);
  readonly flow: string;
  constructor(
    readonly proto: string,
    readonly src: string,
    readonly dst: string,
    flow: string,
  ) {
    this.flow = flow;
  }
}

/** One operation class on an edge (serialisable). */
export interface EdgeOperation {
  count: number;
  first_seen: string;
  last_seen: string;
  /** Frame and flow of the first event of this operation on the edge. */
  frame: number;
  flow: string;
}

/** One edge between two addresses (serialisable; becomes an `edges.jsonl` line). */
export interface EdgeObs {
  src: string;
  dst: string;
  protocol: string;
  operations: Partial<Record<OperationClass, EdgeOperation>>;
}

function addressOf(ip: string | null, mac: string): string {
  return ip !== null ? ip : mac;
}

export class EdgeTracker {
  /** Running flows: flow id → tallies (initiator → responder first, then the other way). */
  private readonly open = new Map<string, [Tally | null, Tally | null]>();
  private readonly edges = new Map<string, EdgeObs>();
  private dropped = 0;

  /** Counts one operation of the event described by `meta`. */
  count(meta: EventMeta, op: OperationClass): void {
    let pair = this.open.get(meta.flow);
    if (pair === undefined) {
      if (this.open.size >= EDGE_LIMITS.maxOpenFlows) {
        this.dropped++;
        return;
      }
      pair = [null, null];
      this.open.set(meta.flow, pair);
    }
    const src = addressOf(meta.srcIp, meta.srcMac);
    let t = pair[0];
    if (t === null) {
      t = pair[0] = new Tally(meta.proto, src, addressOf(meta.dstIp, meta.dstMac), meta.flow);
    } else if (t.src !== src) {
      t = pair[1];
      if (t === null) {
        t = pair[1] = new Tally(meta.proto, src, addressOf(meta.dstIp, meta.dstMac), meta.flow);
      }
    }
    const i = INDEX[op];
    if (t.counts[i] === 0) {
      t.firstFrame[i] = meta.frame;
      t.firstSec[i] = meta.sec;
      t.firstNs[i] = meta.ns;
    }
    t.counts[i] = (t.counts[i] as number) + 1;
    t.lastSec[i] = meta.sec;
    t.lastNs[i] = meta.ns;
  }

  /**
   * The read operations the sender of `meta` has sent its receiver over `meta.proto` so far
   * (this flow and the ones that ended before): how many, and when the first was (epoch
   * seconds). Asked only for the events a rule wants it for (control writes), so the key text
   * built here is not per event.
   */
  readsBefore(meta: EventMeta): { count: number; first: number } {
    const src = addressOf(meta.srcIp, meta.srcMac);
    const dst = addressOf(meta.dstIp, meta.dstMac);
    let count = 0;
    let first = Infinity;
    const pair = this.open.get(meta.flow);
    const t = pair?.[0]?.src === src ? pair[0] : pair?.[1]?.src === src ? pair[1] : null;
    const r = INDEX.read;
    if (t && (t.counts[r] as number) > 0) {
      count += t.counts[r] as number;
      first = (t.firstSec[r] as number) + (t.firstNs[r] as number) / 1e9;
    }
    const done = this.edges.get(`${src}|${dst}|${meta.proto}`)?.operations.read;
    if (done !== undefined) {
      count += done.count;
      first = Math.min(first, Date.parse(done.first_seen) / 1000);
    }
    return { count, first };
  }

  /** Folds a finished flow's operations into the edges. */
  flowEnded(flowId: string): void {
    const pair = this.open.get(flowId);
    if (pair === undefined) return;
    this.open.delete(flowId);
    if (pair[0]) this.fold(pair[0]);
    if (pair[1]) this.fold(pair[1]);
  }

  /** Folds every running flow (layer-2 streams, flows cut by the end of the analysis). */
  foldAll(): void {
    for (const id of [...this.open.keys()]) this.flowEnded(id);
  }

  /** The edges so far, and the operations the bounds dropped. */
  snapshot(): { edges: EdgeObs[]; dropped: number } {
    this.foldAll();
    return { edges: [...this.edges.values()], dropped: this.dropped };
  }

  /** Adds edges from another tracker. */
  merge(edges: readonly EdgeObs[], dropped: number): void {
    this.dropped += dropped;
    for (const e of edges) {
      const cur = this.edge(e.src, e.dst, e.protocol);
      if (cur === null) continue;
      for (const [op, o] of Object.entries(e.operations) as [OperationClass, EdgeOperation][]) {
        mergeOperation(cur, op, { ...o });
      }
    }
  }

  /** Operations dropped at the bounds. */
  get droppedCount(): number {
    return this.dropped;
  }

  private fold(t: Tally): void {
    const e = this.edge(t.src, t.dst, t.proto);
    if (e === null) return;
    for (let i = 0; i < N; i++) {
      const n = t.counts[i] as number;
      if (n === 0) continue;
      mergeOperation(e, OPERATION_CLASSES[i] as OperationClass, {
        count: n,
        first_seen: isoMicros(t.firstSec[i] as number, t.firstNs[i] as number),
        last_seen: isoMicros(t.lastSec[i] as number, t.lastNs[i] as number),
        frame: t.firstFrame[i] as number,
        flow: t.flow,
      });
    }
  }

  private edge(src: string, dst: string, protocol: string): EdgeObs | null {
    const key = `${src}|${dst}|${protocol}`;
    let e = this.edges.get(key);
    if (e === undefined) {
      if (this.edges.size >= EDGE_LIMITS.maxEdges) {
        this.dropped++;
        return null;
      }
      e = { src, dst, protocol, operations: {} };
      this.edges.set(key, e);
    }
    return e;
  }
}

function mergeOperation(e: EdgeObs, op: OperationClass, o: EdgeOperation): void {
  const cur = e.operations[op];
  if (cur === undefined) {
    e.operations[op] = o;
    return;
  }
  if (o.first_seen < cur.first_seen || (o.first_seen === cur.first_seen && o.frame < cur.frame)) {
    cur.first_seen = o.first_seen;
    cur.frame = o.frame;
    cur.flow = o.flow;
  }
  if (o.last_seen > cur.last_seen) cur.last_seen = o.last_seen;
  cur.count += o.count;
}
