/**
 * The address-binding table behind `arp.binding_changed`: IPv4 address -> the MAC that claims
 * it, and the other MAC that claimed it before, each with the capture second of its latest
 * claim.
 *
 * A claim is what an ARP cache learns from a packet ([RFC826] "Packet Reception": the sender
 * protocol and hardware addresses of any request or reply). Two MACs claiming one address
 * within {@link BINDING.HOLD_SEC} of each other is a conflict: a poisoner answering for a
 * victim's address, or a station taking an address another station still uses. While the
 * conflict lasts, every claim by either MAC reports it, so each burst of a poisoner that keeps
 * re-poisoning (and each refresh by the real owner) is seen, not only the first change.
 *
 * Memory is fixed: {@link BINDING.MAX_ADDRESSES} addresses in an open-addressing table twice
 * that size (linear probing, load factor at most 1/2), struct-of-arrays with MACs as two small
 * integers (16 high bits, 32 low bits), so a lookup allocates nothing. When the table is full,
 * the entries whose claims are all older than the hold time are swept out (into the spare
 * arrays, no allocation); if it is still full, the new address is not tracked and the caller
 * reports `arp.bindings_limit_reached`.
 */
import { BINDING } from './constants.js';

/** Result of {@link ArpBindings.claim}. */
export const Claim = {
  /** First claim of the address, or a claim by the MAC that holds it, uncontested. */
  OK: 0,
  /** Another MAC claimed the address within the hold time: `other*` says which and when. */
  CONFLICT: 1,
  /** The table is full of live entries: the address is not tracked. */
  FULL: 2,
} as const;
export type Claim = (typeof Claim)[keyof typeof Claim];

const NONE = -1;

/** One set of parallel arrays (the table and its spare for sweeps). */
class Slots {
  readonly used: Uint8Array;
  readonly ip: Uint32Array;
  /** Current holder: MAC high 16 bits, low 32 bits, second of its latest claim. */
  readonly curHi: Int32Array;
  readonly curLo: Uint32Array;
  readonly curSec: Float64Array;
  /** The MAC that held the address before the current one (`prevHi` -1: none). */
  readonly prevHi: Int32Array;
  readonly prevLo: Uint32Array;
  readonly prevSec: Float64Array;

  constructor(n: number) {
    this.used = new Uint8Array(n);
    this.ip = new Uint32Array(n);
    this.curHi = new Int32Array(n);
    this.curLo = new Uint32Array(n);
    this.curSec = new Float64Array(n);
    this.prevHi = new Int32Array(n);
    this.prevLo = new Uint32Array(n);
    this.prevSec = new Float64Array(n);
  }
}

/** Knuth multiplicative hash of an IPv4 address into `mask + 1` slots. */
function slotOf(ip: number, mask: number): number {
  return (Math.imul(ip, 0x9e3779b1) >>> 0) & mask;
}

/**
 * Fixed-capacity IPv4 -> MAC binding table (see the module comment).
 *
 * @example
 * const b = new ArpBindings();
 * if (b.claim(0xc0a80add, 0x0010, 0x18cb8c13, now) === Claim.CONFLICT) report(b.otherHi, b.otherLo);
 */
export class ArpBindings {
  private slots: Slots;
  private spare: Slots;
  private readonly mask: number;
  private count = 0;
  /** No sweep before this second (after a sweep that freed nothing). */
  private sweepAfter = -Infinity;
  /** The other claimant of the last {@link Claim.CONFLICT}: MAC halves and its latest second. */
  otherHi = 0;
  otherLo = 0;
  otherSec = 0;

  /**
   * @param capacity addresses tracked at most.
   * @param holdSec seconds within which a claim by another MAC is a conflict.
   */
  constructor(
    readonly capacity: number = BINDING.MAX_ADDRESSES,
    readonly holdSec: number = BINDING.HOLD_SEC,
  ) {
    let n = 2;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.slots = new Slots(n);
    this.spare = new Slots(n);
  }

  /** Addresses tracked now. */
  get size(): number {
    return this.count;
  }

  /**
   * Records that MAC `hi:lo` claims address `ip` at capture second `now`, and says whether
   * another MAC claimed it within the hold time (then `otherHi`, `otherLo`, `otherSec` name it).
   */
  claim(ip: number, hi: number, lo: number, now: number): Claim {
    let s = this.slots;
    let i = this.find(s, ip);
    if (s.used[i] === 0) {
      if (this.count >= this.capacity) {
        if (now < this.sweepAfter) return Claim.FULL;
        this.sweep(now);
        s = this.slots;
        if (this.count >= this.capacity) {
          this.sweepAfter = now + BINDING.SWEEP_BACKOFF_SEC;
          return Claim.FULL;
        }
        i = this.find(s, ip);
      }
      s.used[i] = 1;
      s.ip[i] = ip;
      s.curHi[i] = hi;
      s.curLo[i] = lo;
      s.curSec[i] = now;
      s.prevHi[i] = NONE;
      s.prevLo[i] = 0;
      s.prevSec[i] = 0;
      this.count++;
      return Claim.OK;
    }
    const curSec = s.curSec[i] as number;
    if (s.curHi[i] === hi && s.curLo[i] === lo) {
      s.curSec[i] = Math.max(curSec, now);
      if (s.prevHi[i] === NONE || now - (s.prevSec[i] as number) > this.holdSec) return Claim.OK;
      this.otherHi = s.prevHi[i] as number;
      this.otherLo = s.prevLo[i] as number;
      this.otherSec = s.prevSec[i] as number;
      return Claim.CONFLICT;
    }
    // Another MAC: it becomes the holder, the one it displaces is remembered as the other
    // claimant (a stale one too, so that a flip back within the hold time is still caught).
    const conflict = now - curSec <= this.holdSec;
    this.otherHi = s.curHi[i] as number;
    this.otherLo = s.curLo[i] as number;
    this.otherSec = curSec;
    s.prevHi[i] = this.otherHi;
    s.prevLo[i] = this.otherLo;
    s.prevSec[i] = curSec;
    s.curHi[i] = hi;
    s.curLo[i] = lo;
    s.curSec[i] = now;
    return conflict ? Claim.CONFLICT : Claim.OK;
  }

  /** Forgets every binding. */
  clear(): void {
    this.slots.used.fill(0);
    this.count = 0;
    this.sweepAfter = -Infinity;
  }

  /** Slot holding `ip`, or the free slot where it would go (the table is never full). */
  private find(s: Slots, ip: number): number {
    const mask = this.mask;
    let i = slotOf(ip, mask);
    while (s.used[i] === 1 && s.ip[i] !== ip) i = (i + 1) & mask;
    return i;
  }

  /** Moves the entries with a claim younger than the hold time into the spare arrays. */
  private sweep(now: number): void {
    const from = this.slots;
    const to = this.spare;
    to.used.fill(0);
    let kept = 0;
    for (let i = 0; i <= this.mask; i++) {
      if (from.used[i] === 0) continue;
      const latest = Math.max(from.curSec[i] as number, from.prevSec[i] as number);
      if (now - latest > this.holdSec) continue;
      const j = this.find(to, from.ip[i] as number);
      to.used[j] = 1;
      to.ip[j] = from.ip[i] as number;
      to.curHi[j] = from.curHi[i] as number;
      to.curLo[j] = from.curLo[i] as number;
      to.curSec[j] = from.curSec[i] as number;
      to.prevHi[j] = from.prevHi[i] as number;
      to.prevLo[j] = from.prevLo[i] as number;
      to.prevSec[j] = from.prevSec[i] as number;
      kept++;
    }
    this.slots = to;
    this.spare = from;
    this.count = kept;
  }
}
