/**
 * The table of layer-2 streams: frames carried directly over Ethernet (GOOSE, Sampled Values,
 * PROFINET RT, EtherCAT, BACnet/802.2...) keyed by (source MAC, destination MAC, VLAN,
 * EtherType), each with its own decoder state, like a flow.
 *
 * Cyclic layer-2 protocols send thousands of frames a second, so finding a frame's stream
 * allocates nothing: the key is hashed from the frame bytes into a small integer and the
 * stream confirmed by comparing 24-bit halves of the MAC addresses (small integers, never heap
 * numbers or strings). Only a new stream builds its strings. At most `capacity` streams are
 * kept; past that the oldest is forgotten and counted by the caller.
 */

/** One layer-2 stream. `T` is what the caller keeps per stream (its flow). */
export class L2Stream<T> {
  /** Next stream in the same hash bucket. */
  next: L2Stream<T> | null = null;
  constructor(
    readonly hash: number,
    readonly srcHi: number,
    readonly srcLo: number,
    readonly dstHi: number,
    readonly dstLo: number,
    /** (VLAN + 1) * 65536 + EtherType: 0 VLAN + 1 means untagged. */
    readonly sub: number,
    readonly value: T,
  ) {}
}

/** 24 bits of a MAC address at `buf[off..off+3]`. */
function half(buf: Uint8Array, off: number): number {
  return (
    (((buf[off] as number) << 16) | ((buf[off + 1] as number) << 8) | (buf[off + 2] as number)) >>>
    0
  );
}

/** One step of the key hash: 30 bits, a small integer in V8 with or without pointer compression. */
function mix(h: number, v: number): number {
  return Math.imul(h ^ v, 0x9e3779b1) >>> 2;
}

export class L2StreamTable<T> {
  private readonly buckets = new Map<number, L2Stream<T>>();
  /** Every stream in insertion order, for eviction of the oldest. */
  private readonly order = new Set<L2Stream<T>>();

  private readonly mask: number;

  /**
   * @param capacity streams kept at most.
   * @param hashBits bits of the bucket hash (30; fewer only to test collision chains).
   */
  constructor(
    readonly capacity: number,
    hashBits = 30,
  ) {
    this.mask = hashBits >= 30 ? 0x3fffffff : (1 << hashBits) - 1;
  }

  /** Streams kept now. */
  get size(): number {
    return this.order.size;
  }

  /**
   * The stream of the frame whose destination MAC starts at `frame[macOff]` (source MAC 6 bytes
   * later), or null. `frame` must hold 12 bytes from `macOff`.
   */
  find(frame: Uint8Array, macOff: number, vlan: number, etherType: number): L2Stream<T> | null {
    const dstHi = half(frame, macOff);
    const dstLo = half(frame, macOff + 3);
    const srcHi = half(frame, macOff + 6);
    const srcLo = half(frame, macOff + 9);
    const sub = (vlan + 1) * 0x10000 + etherType;
    let s = this.buckets.get(this.hashOf(srcHi, srcLo, dstHi, dstLo, sub)) ?? null;
    while (s !== null) {
      if (
        s.srcLo === srcLo &&
        s.dstLo === dstLo &&
        s.sub === sub &&
        s.srcHi === srcHi &&
        s.dstHi === dstHi
      ) {
        return s;
      }
      s = s.next;
    }
    return null;
  }

  /**
   * Adds the stream of the frame (which {@link find} did not find) holding `value`, and returns
   * the value of the stream evicted to make room, or undefined.
   */
  add(frame: Uint8Array, macOff: number, vlan: number, etherType: number, value: T): T | undefined {
    let evicted: T | undefined;
    if (this.order.size >= this.capacity) {
      const oldest = this.order.values().next().value as L2Stream<T>;
      this.remove(oldest);
      evicted = oldest.value;
    }
    const dstHi = half(frame, macOff);
    const dstLo = half(frame, macOff + 3);
    const srcHi = half(frame, macOff + 6);
    const srcLo = half(frame, macOff + 9);
    const sub = (vlan + 1) * 0x10000 + etherType;
    const hash = this.hashOf(srcHi, srcLo, dstHi, dstLo, sub);
    const s = new L2Stream(hash, srcHi, srcLo, dstHi, dstLo, sub, value);
    s.next = this.buckets.get(hash) ?? null;
    this.buckets.set(hash, s);
    this.order.add(s);
    return evicted;
  }

  /** Forgets every stream. */
  clear(): void {
    this.buckets.clear();
    this.order.clear();
  }

  private remove(s: L2Stream<T>): void {
    this.order.delete(s);
    const head = this.buckets.get(s.hash) ?? null;
    if (head === s) {
      if (s.next === null) this.buckets.delete(s.hash);
      else this.buckets.set(s.hash, s.next);
      return;
    }
    let p = head;
    while (p !== null && p.next !== s) p = p.next;
    if (p !== null) p.next = s.next;
  }

  private hashOf(srcHi: number, srcLo: number, dstHi: number, dstLo: number, sub: number): number {
    return mix(mix(mix(mix(mix(0x811c9dc5, srcHi), srcLo), dstHi), dstLo), sub) & this.mask;
  }
}
