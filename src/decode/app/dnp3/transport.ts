/**
 * DNP3 transport function: reassembly of application fragments from transport segments.
 *
 * Reference: [1815] IEEE Std 1815-2012, clause 8. Each link user-data frame carries one
 * transport segment: a header octet (FIN 0x80, FIR 0x40, 6-bit sequence) and up to 249
 * application octets. A fragment starts with a FIR segment and ends with a FIN segment; the
 * segments in between count up by one modulo 64 (8.2.1.3). A FIR segment discards any fragment
 * in progress; a non-FIR segment is discarded when no fragment is in progress or when its
 * sequence number is not the expected one. In the last case the fragment in progress is kept
 * and completes if the expected segment follows: that is what receivers do (opendnp3's
 * `TransportRx::ProcessReceive` drops only the segment; so does the MicroLogix stack, whose
 * counters name "duplicated" and "out of order" segments discarded), so a monitor that dropped
 * the whole fragment would let one injected stray segment hide a command the outstation
 * executes. Every discard is still reported.
 *
 * Fragments in progress are keyed by (stream direction, link source, link destination): one
 * TCP connection may carry several outstations behind a gateway, each with its own sequence.
 * Bounded: at most {@link MAX_REASSEMBLIES} fragments in progress per flow (the oldest is
 * dropped beyond), at most `maxBytes` octets per fragment.
 */

/** Fragments in progress per flow before the oldest is dropped. */
export const MAX_REASSEMBLIES = 16;

/** A fragment in progress. */
class Partial {
  buf: Uint8Array;
  len = 0;
  nextSeq = 0;
  segments = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
}

/** Why {@link Reassembler.add} did not return a fragment. */
export const AddResult = {
  /** The segment was taken; the fragment is not complete yet. */
  PENDING: 0,
  /** The fragment is complete: read it with `fragment()`, `fragmentSegments()`. */
  COMPLETE: 1,
  /** A non-FIR segment arrived with no fragment in progress; dropped. */
  NO_FIRST: 2,
  /** A non-FIR segment arrived out of sequence; it was dropped, the fragment in progress kept. */
  OUT_OF_SEQUENCE: 3,
  /** The fragment grew past the size or segment limit; it was dropped. */
  TOO_LARGE: 4,
} as const;
export type AddResult = (typeof AddResult)[keyof typeof AddResult];

/** The fragments in progress of one flow. */
export class Reassembler {
  private readonly partials = new Map<number, Partial>();
  /** The completed fragment of the last `add` that returned COMPLETE. */
  private done: Uint8Array = new Uint8Array(0);
  private doneSegments = 0;
  /** Sequence number the dropped fragment expected (for anomaly details). */
  expected = 0;
  /** A fragment in progress was replaced by a new FIR segment in the last `add`. */
  replaced = false;
  /** The oldest fragment in progress was dropped to make room in the last `add`. */
  evicted = false;

  constructor(
    private readonly maxBytes: number,
    private readonly maxSegments: number,
  ) {}

  /** Key of a (direction, source, destination) triple. */
  static key(dir: number, source: number, destination: number): number {
    return dir * 0x100000000 + source * 0x10000 + destination;
  }

  /** Fragments in progress. */
  get size(): number {
    return this.partials.size;
  }

  /**
   * Adds one transport segment: header octet `th` and application octets `data[from, to)`.
   * The caller handles FIR+FIN segments itself (no copy); this takes every other segment.
   */
  add(key: number, th: number, data: Uint8Array, from: number, to: number): AddResult {
    this.replaced = false;
    this.evicted = false;
    const fir = (th & 0x40) !== 0;
    const fin = (th & 0x80) !== 0;
    const seq = th & 0x3f;
    let p = this.partials.get(key);
    if (fir) {
      if (p !== undefined) {
        this.replaced = true;
        this.partials.delete(key);
      } else if (this.partials.size >= MAX_REASSEMBLIES) {
        const oldest = this.partials.keys().next().value as number;
        this.partials.delete(oldest);
        this.evicted = true;
      }
      p = new Partial(Math.min(this.maxBytes, Math.max(256, (to - from) * 4)));
      this.partials.set(key, p);
    } else {
      if (p === undefined) return AddResult.NO_FIRST;
      if (seq !== p.nextSeq) {
        this.expected = p.nextSeq;
        return AddResult.OUT_OF_SEQUENCE;
      }
    }
    const n = to - from;
    if (p.len + n > this.maxBytes || p.segments + 1 > this.maxSegments) {
      this.partials.delete(key);
      return AddResult.TOO_LARGE;
    }
    if (p.len + n > p.buf.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(p.buf.length * 2, p.len + n)));
      grown.set(p.buf.subarray(0, p.len));
      p.buf = grown;
    }
    p.buf.set(data.subarray(from, to), p.len);
    p.len += n;
    p.segments++;
    p.nextSeq = (seq + 1) & 0x3f;
    if (!fin) return AddResult.PENDING;
    this.partials.delete(key);
    this.done = p.buf.subarray(0, p.len);
    this.doneSegments = p.segments;
    return AddResult.COMPLETE;
  }

  /** Drops the fragment in progress of `key`, if any; true when there was one. */
  drop(key: number): boolean {
    return this.partials.delete(key);
  }

  /** Drops every fragment in progress of stream direction `dir` (after a capture gap). */
  dropDirection(dir: number): void {
    for (const k of [...this.partials.keys()]) {
      if (Math.floor(k / 0x100000000) === dir) this.partials.delete(k);
    }
  }

  /** The fragment completed by the last `add` (valid until the next call). */
  fragment(): Uint8Array {
    return this.done;
  }

  /** Segments of the fragment completed by the last `add`. */
  fragmentSegments(): number {
    return this.doneSegments;
  }
}
