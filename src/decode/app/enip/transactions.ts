/**
 * Outstanding CIP requests of one flow, for naming responses after their requests.
 *
 * Unconnected messages (SendRRData) are paired by the 8-byte sender context, which the target
 * echoes ([V2] 2-3.1); connected explicit messages (SendUnitData, class 3) by the 16-bit CIP
 * sequence count of the connected data item, which the reply repeats ([V1] 3-4.3, [V2] 3-2.1).
 * Clients that reuse one sender context for every request are still paired in order: the
 * oldest matching request is answered first. The table holds at most `capacity` requests; when
 * it is full the oldest is forgotten.
 */
import type { RequestInfo } from './request-info.js';

/** Which key a request was filed under. */
export const PairKind = { UNCONNECTED: 0, CONNECTED: 1 } as const;
export type PairKind = (typeof PairKind)[keyof typeof PairKind];

/** A bounded FIFO of outstanding requests; structure-of-arrays, no per-request allocation. */
export class TransactionTable {
  private readonly kinds: Uint8Array;
  private readonly keyA: Uint32Array;
  private readonly keyB: Uint32Array;
  private readonly infos: (RequestInfo | null)[];
  /** Insertion order of each slot (0 = free). */
  private readonly ages: Float64Array;
  private clock = 0;
  private used = 0;

  constructor(readonly capacity: number) {
    const n = Math.max(1, capacity);
    this.kinds = new Uint8Array(n);
    this.keyA = new Uint32Array(n);
    this.keyB = new Uint32Array(n);
    this.infos = new Array<RequestInfo | null>(n).fill(null);
    this.ages = new Float64Array(n);
  }

  /** Requests outstanding. */
  size(): number {
    return this.used;
  }

  /** Files a request; returns true when the table was full and the oldest was dropped. */
  add(kind: PairKind, a: number, b: number, info: RequestInfo): boolean {
    let slot = -1;
    let dropped = false;
    if (this.used < this.ages.length) {
      for (let i = 0; i < this.ages.length; i++) {
        if (this.ages[i] === 0) {
          slot = i;
          break;
        }
      }
      this.used++;
    } else {
      slot = this.oldest(-1, 0, 0);
      dropped = true;
    }
    this.kinds[slot] = kind;
    this.keyA[slot] = a;
    this.keyB[slot] = b;
    this.infos[slot] = info;
    this.ages[slot] = ++this.clock;
    return dropped;
  }

  /** Takes the oldest request filed under (kind, a, b), or null. */
  take(kind: PairKind, a: number, b: number): RequestInfo | null {
    const slot = this.oldest(kind, a, b);
    if (slot < 0) return null;
    const info = this.infos[slot] ?? null;
    this.infos[slot] = null;
    this.ages[slot] = 0;
    this.used--;
    return info;
  }

  /** Oldest occupied slot matching the key (kind -1: any slot), or -1. */
  private oldest(kind: number, a: number, b: number): number {
    let best = -1;
    let bestAge = Infinity;
    for (let i = 0; i < this.ages.length; i++) {
      const age = this.ages[i] as number;
      if (age === 0 || age >= bestAge) continue;
      if (kind >= 0 && (this.kinds[i] !== kind || this.keyA[i] !== a || this.keyB[i] !== b)) {
        continue;
      }
      best = i;
      bestAge = age;
    }
    return best;
  }
}
