/**
 * TCP stream reassembly: turns the segments of one flow direction into the ordered byte stream
 * the application decoders read, with holes reported as gaps.
 *
 * References: RFC 9293 section 3.4 (sequence numbers; SYN and FIN each occupy one), section
 * 3.10.7.4 (segment arrival, trimming to the window); RFC 1982 (serial number arithmetic: all
 * comparisons are `(a - b) | 0`, so 32-bit wrap-around is handled); Ptacek & Newsham, "Insertion,
 * Evasion, and Denial of Service" (1998), for the overlap policy; Zeek `TCP_Reassembler` and
 * Suricata `stream-tcp-reassemble.c` for gaps, memcaps and keep-alives.
 *
 * ```
 *           delivered                next       buffered (copies)        FIN
 *   ...|===================|recent|   |   hole   [seg]  hole  [seg][seg]   |
 *                                 ^ in-order segments are delivered as views of pkt.buf
 * ```
 *
 * Policy:
 * - In-order data is passed to the sink as a `subarray` of the packet buffer (no copy). Data
 *   ahead of `next` is copied into a sorted, non-overlapping segment list, bounded per direction
 *   (`maxBytesPerDirection`, `maxSegmentsPerDirection`) and globally (`memcap`).
 * - Overlaps are first-wins: bytes already buffered or delivered are never replaced. New bytes
 *   that differ from buffered ones, or from the last `recentBytes` delivered bytes (kept per
 *   direction from its first delivery, within their own budget `recentMemcap`), raise
 *   `tcp.overlap_conflict`: the classic IDS evasion signal (two different versions of the same
 *   stream bytes).
 * - Mid-stream pickup: without a SYN, the first segment with payload (or FIN) sets the start.
 *   Pure ACKs never do, because a keep-alive (sequence number one below the next) would leave a
 *   permanent one-byte hole.
 * - A hole that cannot be filled is a gap: when the other side acknowledges past it, when a cap
 *   is hit (the oldest hole is skipped, and if nothing is buffered the hole before the new
 *   segment), when the flow is flushed, and for the bytes a snaplen cut off a segment. A gap adds to `flow.missedBytes`, history G, and is
 *   reported to the sink; delivery continues after it.
 * - One path per direction: the Ethernet source of a direction's first payload segment. A later
 *   segment from another Ethernet source that starts inside bytes already received is a second
 *   copy of the connection on the capture (a capture point that sees a router's both sides, or
 *   an ARP-spoofing man in the middle forwarding what it intercepts: there the copies may be
 *   rewritten and longer, and splicing them into the stream would corrupt it). It is compared
 *   with the recent bytes (a rewrite raises `tcp.overlap_conflict`), counted
 *   (`tcp.second_path`) and not used. A segment from another source that brings only new bytes
 *   is used, so a path that changes (router failover) loses nothing.
 * - RST payload is ignored (`tcp.rst_with_data`); payload beyond the first FIN's sequence
 *   number is dropped (`tcp.data_after_fin`). Segments the flow table judged corrupt (bad
 *   checksum, under its `checksums` policy) are ignored.
 */
import type { Counters } from '../core/counters.js';
import type { AnomalyCatalog } from '../decode/decoder.js';
import type { Packet } from '../decode/packet.js';
import { IpProto, TcpFlag } from '../decode/packet.js';
import type { Flow, TcpDirState } from './flow.js';
import { addHistory, Hist } from './history.js';
import { LAST_CORRUPT } from './tcp-state.js';

/** Where reassembled stream data goes. */
export interface StreamSink {
  /**
   * The next bytes of the stream in one direction. `bytes` is a view valid only during the
   * call; `frame` is the frame whose arrival completed them.
   */
  data(
    flow: Flow,
    fromOrig: boolean,
    bytes: Uint8Array,
    frame: number,
    sec: number,
    ns: number,
  ): void;
  /** `size` bytes of the stream were lost; the next `data` follows them. */
  gap(flow: Flow, fromOrig: boolean, size: number): void;
  /** A named anomaly about the stream (`tcp.overlap_conflict`), for an event or alert. */
  anomaly?(flow: Flow, fromOrig: boolean, name: string, frame: number): void;
}

/** Reassembly caps. Every field is optional. */
export interface ReassemblyOptions {
  /** Out-of-order bytes (plus per-segment overhead) buffered per direction. */
  readonly maxBytesPerDirection?: number;
  /** Out-of-order segments buffered per direction. */
  readonly maxSegmentsPerDirection?: number;
  /** All out-of-order bytes (plus per-segment overhead) buffered by this reassembler. */
  readonly memcap?: number;
  /** Delivered bytes remembered per direction to check retransmissions (0 disables). */
  readonly recentBytes?: number;
  /**
   * Budget for those windows, apart from `memcap` so that they never crowd out reordering
   * buffers; directions that find it spent go without a window.
   */
  readonly recentMemcap?: number;
}

export const REASSEMBLY_DEFAULTS = Object.freeze({
  maxBytesPerDirection: 1 << 20,
  maxSegmentsPerDirection: 1024,
  memcap: 256 << 20,
  recentBytes: 256,
  recentMemcap: 64 << 20,
});

/** Bytes charged per buffered segment on top of its data (object, view and buffer headers). */
export const SEGMENT_OVERHEAD = 160;
/** Bytes charged per recent-bytes window on top of its length (its free-list entry). */
export const RECENT_OVERHEAD = 16;

/** Counters the reassembler increments, for docs/anomalies.md. */
export const TCP_REASSEMBLY_COUNTERS: AnomalyCatalog = Object.freeze({
  'tcp.retransmission': {
    description: 'a TCP segment carried stream bytes that were already received',
    severity: 'low',
  },
  'tcp.overlap_conflict': {
    description:
      'a TCP segment carried different bytes for stream positions already received (first version kept): possible IDS evasion',
    severity: 'high',
  },
  'tcp.second_path': {
    description:
      'a TCP segment from a second Ethernet source re-sent stream bytes already received from the first (two copies of the connection on the capture, e.g. an ARP-spoofing man in the middle); not used',
    severity: 'medium',
  },
  'tcp.gap': {
    description: 'a hole in a TCP stream was skipped (bytes never seen)',
    severity: 'low',
  },
  'tcp.gap_bytes': { description: 'total TCP stream bytes skipped in gaps', severity: 'low' },
  'tcp.reassembly_memcap': {
    description: 'the global reassembly memory cap was reached; a hole was skipped',
    severity: 'medium',
  },
  'tcp.recent_window_memcap': {
    description:
      'the budget for recently delivered bytes was spent; a stream direction goes without retransmission content checks',
    severity: 'low',
  },
  'tcp.ooo_bytes_limit': {
    description:
      'the out-of-order byte limit of one stream direction was reached; the oldest hole was skipped',
    severity: 'medium',
  },
  'tcp.ooo_segment_limit': {
    description:
      'the out-of-order segment limit of one stream direction was reached; the oldest hole was skipped',
    severity: 'medium',
  },
  'tcp.data_after_fin': {
    description:
      'a TCP segment carried payload beyond its sender\u2019s FIN; the excess was dropped',
    severity: 'medium',
  },
  'tcp.rst_with_data': {
    description: 'a TCP RST carried payload; it was ignored',
    severity: 'low',
  },
});

const EMPTY = new Uint8Array(0);
const { SYN, FIN, RST, ACK } = TcpFlag;
const FIN_SEEN = 1;
const FIN_DONE = 2;
const NO_RECENT = 4;
const SECOND_PATH = 8;
const copy = Uint8Array.prototype.slice;

/**
 * One buffered out-of-order piece: `len` sequence bytes, of which the first `data.length` were
 * captured, received in frame `frame`.
 */
class Segment {
  seq: number;
  len: number;
  data: Uint8Array;
  /** Frame the bytes arrived in, and its capture time. */
  frame: number;
  sec: number;
  ns: number;
  next: Segment | null = null;
  constructor(seq: number, len: number, data: Uint8Array, frame: number, sec: number, ns: number) {
    this.seq = seq;
    this.len = len;
    this.data = data;
    this.frame = frame;
    this.sec = sec;
    this.ns = ns;
  }
}

/** Per-direction stream state (stored in `flow.tcp[0|1]`). */
class TcpStream implements TcpDirState {
  declare readonly __tcpDir: true;
  /** Next sequence number to deliver. */
  next = 0;
  flags = 0;
  finSeq = 0;
  head: Segment | null = null;
  tail: Segment | null = null;
  segments = 0;
  /** Bytes charged for buffered segments (data + overhead). */
  buffered = 0;
  /**
   * Slot of this direction's window of recently delivered bytes in the reassembler's
   * {@link WindowPool} (-1 while none): `recentLen` bytes ending at sequence `recentEnd`,
   * circular, next write at `recentPos`.
   */
  recentSlot = -1;
  recentPos = 0;
  recentLen = 0;
  recentEnd = 0;
  /** Ethernet source of the first payload segment (high 16 and low 32 bits; -1: none yet). */
  pathHi = -1;
  pathLo = 0;
}

const SLOT_SHIFT = 10;
const SLOT_MASK = (1 << SLOT_SHIFT) - 1;

/**
 * Fixed-size byte windows carved out of shared slabs of 1024 windows each. One window per
 * stream direction as a separate `Uint8Array` would cost an object, an ArrayBuffer and a
 * malloc block (about 150 bytes and two cache misses more per packet); a slot is an integer.
 * Slabs are kept once allocated (bounded by the memcap's peak number of windows, rounded up to
 * a slab) and freed slots are reused.
 */
class WindowPool {
  readonly size: number;
  readonly slabs: Uint8Array[] = [];
  private readonly free: number[] = [];
  private nextSlot = 0;

  constructor(size: number) {
    this.size = size;
  }

  alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    const slot = this.nextSlot++;
    if (slot >> SLOT_SHIFT >= this.slabs.length)
      this.slabs.push(new Uint8Array(this.size << SLOT_SHIFT));
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }
}

/**
 * Reassembles TCP streams for the flows it is given.
 *
 * @example
 * const r = new TcpReassembler({}, counters, sink);
 * r.segment(flow, pkt, table.lastFromOrig);   // per TCP packet of a flow whose data matters
 * r.flush(flow);                              // when the flow ends (releases its memory)
 */
export class TcpReassembler {
  /** Bytes currently charged against `memcap` (buffered segments with their overhead). */
  memUsed = 0;
  /** Bytes currently charged against `recentMemcap` (recent-bytes windows). */
  recentUsed = 0;
  private readonly counters: Counters;
  private readonly sink: StreamSink;
  private readonly maxDir: number;
  private readonly maxSegs: number;
  private readonly memcap: number;
  private readonly recentBytes: number;
  private readonly recentMemcap: number;
  private readonly windows: WindowPool;
  /** Frame reported with deliveries during the current call. */
  private frame = 0;
  /** Capture time of `frame`. */
  private sec = 0;
  private ns = 0;
  /** Whether the current segment was already counted as a retransmission. */
  private counted = false;

  constructor(opts: ReassemblyOptions, counters: Counters, sink: StreamSink) {
    const d = REASSEMBLY_DEFAULTS;
    const n = (v: number | undefined, dflt: number): number =>
      v !== undefined && Number.isFinite(v) && v >= 0 ? Math.floor(v) : dflt;
    this.counters = counters;
    this.sink = sink;
    this.maxDir = n(opts.maxBytesPerDirection, d.maxBytesPerDirection);
    this.maxSegs = n(opts.maxSegmentsPerDirection, d.maxSegmentsPerDirection);
    this.memcap = n(opts.memcap, d.memcap);
    this.recentBytes = n(opts.recentBytes, d.recentBytes);
    this.recentMemcap = n(opts.recentMemcap, d.recentMemcap);
    this.windows = new WindowPool(this.recentBytes);
  }

  /**
   * Feeds one TCP packet of `flow`, sent by the initiator when `fromOrig`, right after
   * `FlowTable.lookup` returned the flow for it. Delivers whatever became in-order to the sink.
   * Packets that are not TCP, or that the table judged corrupt, are ignored.
   */
  segment(flow: Flow, pkt: Packet, fromOrig: boolean): void {
    // The flow table judged this packet's checksums (its `checksums` policy) just before.
    if (pkt.ipProto !== IpProto.TCP || (flow.tcpState & LAST_CORRUPT) !== 0) return;
    const fl = pkt.tcpFlags;
    const wire = pkt.payWireLen > 0 ? pkt.payWireLen : 0;
    if ((fl & RST) !== 0) {
      if (wire > 0) this.counters.inc('tcp.rst_with_data');
      return;
    }
    const syn = (fl & SYN) !== 0;
    const fin = (fl & FIN) !== 0;
    // Payload starts after the SYN's sequence number.
    const seq = syn ? (pkt.seq + 1) | 0 : pkt.seq | 0;
    const side = fromOrig ? 0 : 1;
    if ((fl & ACK) !== 0) {
      const other = flow.tcp[1 - side] as TcpStream | null;
      if (other !== null && other.head !== null)
        this.acked(flow, other, !fromOrig, pkt.ack | 0, pkt);
    }
    let st = flow.tcp[side] as TcpStream | null;
    if (st === null) {
      if (!syn && !fin && wire === 0) return;
      st = new TcpStream();
      st.next = seq;
      st.recentEnd = seq;
      flow.tcp[side] = st;
    }
    this.frame = pkt.frame;
    this.sec = pkt.tsSec;
    this.ns = pkt.tsNs;
    this.counted = false;
    if (wire > 0) {
      const cap = pkt.payLen < wire ? (pkt.payLen > 0 ? pkt.payLen : 0) : wire;
      if (this.secondPath(flow, st, fromOrig, pkt, seq, cap)) return;
      this.data(flow, st, fromOrig, pkt.buf, pkt.payOff, seq, wire, cap);
    }
    if (fin) this.fin(st, (seq + wire) | 0);
  }

  /**
   * Ends reassembly of `flow`: skips the remaining holes (reported as gaps), delivers what was
   * buffered, reports data missing before a FIN, and releases the flow's memory. Call it when
   * the flow ends (from the flow table's end handler), before writing the flow record.
   */
  flush(flow: Flow): void {
    this.frame = flow.lastFrame;
    this.sec = flow.lastSec;
    this.ns = flow.lastNs;
    for (let side = 0; side < 2; side++) {
      const st = flow.tcp[side] as TcpStream | null;
      if (st === null) continue;
      const fromOrig = side === 0;
      while (st.head !== null) this.skipHole(flow, st, fromOrig);
      if ((st.flags & (FIN_SEEN | FIN_DONE)) === FIN_SEEN) {
        const missing = (st.finSeq - st.next) | 0;
        if (missing > 0) this.gap(flow, st, fromOrig, missing);
        this.finCheck(st);
      }
      if (st.recentSlot >= 0) {
        this.windows.release(st.recentSlot);
        this.recentUsed -= this.recentBytes + RECENT_OVERHEAD;
        st.recentSlot = -1;
      }
      flow.tcp[side] = null;
    }
  }

  private data(
    flow: Flow,
    st: TcpStream,
    fromOrig: boolean,
    buf: Uint8Array,
    off: number,
    seq: number,
    wire: number,
    cap: number,
  ): void {
    if ((st.flags & FIN_SEEN) !== 0) {
      const room = (st.finSeq - seq) | 0;
      if (room < wire) {
        this.counters.inc('tcp.data_after_fin');
        if (room <= 0) return;
        wire = room;
        if (cap > wire) cap = wire;
      }
    }
    // Keep-alive probe: one byte just below the next expected sequence number (its content is
    // often garbage, so comparing it would cry wolf).
    if (wire === 1 && ((st.next - seq) | 0) === 1) return;
    for (;;) {
      const behind = (st.next - seq) | 0;
      if (behind > 0) {
        const old = behind < wire ? behind : wire;
        this.retransmission(flow, fromOrig);
        this.checkRecent(flow, st, fromOrig, buf, off, seq, old < cap ? old : cap);
        if (behind >= wire) return;
        seq = st.next;
        off += behind;
        wire -= behind;
        cap = cap > behind ? cap - behind : 0;
      }
      if (seq === st.next) {
        this.inOrder(flow, st, fromOrig, buf, off, seq, wire, cap);
        return;
      }
      if (this.insert(flow, st, fromOrig, buf, off, seq, wire, cap)) return;
      // A cap was hit: give up the oldest hole, or, with nothing buffered, the hole before this
      // segment, then try again. Each pass removes a buffered segment or makes this segment
      // in-order, so the loop ends.
      if (st.head !== null) this.skipHole(flow, st, fromOrig);
      else this.gap(flow, st, fromOrig, (seq - st.next) | 0);
    }
  }

  /** Delivers a segment that starts at `next`, merging buffered segments in (first wins). */
  private inOrder(
    flow: Flow,
    st: TcpStream,
    fromOrig: boolean,
    buf: Uint8Array,
    off: number,
    seq: number,
    wire: number,
    cap: number,
  ): void {
    let pos = 0;
    let conflict = false;
    while (pos < wire) {
      const h = st.head;
      const hOff = h === null ? wire : (h.seq - seq) | 0;
      if (h !== null && hOff <= pos) {
        const hEnd = hOff + h.len;
        const stop = Math.min(hEnd, wire, cap, hOff + h.data.length);
        const hd = h.data;
        for (let i = pos; i < stop; i++) {
          if (buf[off + i] !== hd[i - hOff]) {
            conflict = true;
            break;
          }
        }
        this.retransmission(flow, fromOrig);
        this.popHead(st);
        this.emitSegment(flow, st, fromOrig, h);
        pos = hEnd;
      } else {
        const lim = hOff < wire ? hOff : wire;
        const cEnd = lim < cap ? lim : cap;
        if (cEnd > pos) this.emit(flow, st, fromOrig, buf.subarray(off + pos, off + cEnd));
        const lost = lim - (cEnd > pos ? cEnd : pos);
        if (lost > 0) this.gap(flow, st, fromOrig, lost);
        pos = lim;
      }
    }
    if (conflict) this.conflict(flow, fromOrig);
    this.drain(flow, st, fromOrig);
  }

  /**
   * Buffers a segment that starts after `next`: copies only the parts not already buffered
   * (first wins) and compares the rest. Returns false, changing nothing, when a cap forbids it.
   */
  private insert(
    flow: Flow,
    st: TcpStream,
    fromOrig: boolean,
    buf: Uint8Array,
    off: number,
    seq: number,
    wire: number,
    cap: number,
  ): boolean {
    const t = st.tail;
    if (t === null || ((seq - t.seq - t.len) | 0) >= 0) {
      // Common case: beyond everything buffered.
      if (!this.fits(st, 1, cap + SEGMENT_OVERHEAD)) return false;
      this.link(
        st,
        t,
        null,
        new Segment(
          seq,
          wire,
          cap > 0 ? copy.call(buf, off, off + cap) : EMPTY,
          this.frame,
          this.sec,
          this.ns,
        ),
      );
      return true;
    }
    // First pass: what would be added.
    let pieces = 0;
    let bytes = 0;
    let pos = 0;
    let cur: Segment | null = st.head;
    while (pos < wire) {
      while (cur !== null && ((cur.seq + cur.len - seq) | 0) <= pos) cur = cur.next;
      const cOff = cur === null ? wire : (cur.seq - seq) | 0;
      if (cOff > pos) {
        const e = cOff < wire ? cOff : wire;
        pieces++;
        bytes += (e < cap ? e : cap) > pos ? (e < cap ? e : cap) - pos : 0;
        pos = e;
      } else {
        const e = ((cur as Segment).seq + (cur as Segment).len - seq) | 0;
        pos = e < wire ? e : wire;
      }
    }
    if (pieces > 0 && !this.fits(st, pieces, bytes + pieces * SEGMENT_OVERHEAD)) return false;
    // Second pass: link new pieces, compare overlaps.
    let prev: Segment | null = null;
    let conflict = false;
    let dup = false;
    pos = 0;
    cur = st.head;
    while (pos < wire) {
      while (cur !== null && ((cur.seq + cur.len - seq) | 0) <= pos) {
        prev = cur;
        cur = cur.next;
      }
      const cOff = cur === null ? wire : (cur.seq - seq) | 0;
      if (cOff > pos) {
        const e = cOff < wire ? cOff : wire;
        const ce = e < cap ? e : cap;
        const piece = new Segment(
          (seq + pos) | 0,
          e - pos,
          ce > pos ? copy.call(buf, off + pos, off + ce) : EMPTY,
          this.frame,
          this.sec,
          this.ns,
        );
        this.link(st, prev, cur, piece);
        prev = piece;
        pos = e;
      } else {
        const c = cur as Segment;
        const cEnd = (c.seq + c.len - seq) | 0;
        const e = cEnd < wire ? cEnd : wire;
        const stop = Math.min(e, cap, cOff + c.data.length);
        const cd = c.data;
        for (let i = pos; i < stop && !conflict; i++)
          if (buf[off + i] !== cd[i - cOff]) conflict = true;
        dup = true;
        pos = e;
        prev = c;
        cur = c.next;
      }
    }
    if (dup) this.retransmission(flow, fromOrig);
    if (conflict) this.conflict(flow, fromOrig);
    return true;
  }

  private fits(st: TcpStream, pieces: number, bytes: number): boolean {
    if (st.segments + pieces > this.maxSegs) {
      this.counters.inc('tcp.ooo_segment_limit');
      return false;
    }
    if (st.buffered + bytes > this.maxDir) {
      this.counters.inc('tcp.ooo_bytes_limit');
      return false;
    }
    if (this.memUsed + bytes > this.memcap) {
      this.counters.inc('tcp.reassembly_memcap');
      return false;
    }
    return true;
  }

  private link(st: TcpStream, prev: Segment | null, next: Segment | null, s: Segment): void {
    s.next = next;
    if (prev === null) st.head = s;
    else prev.next = s;
    if (next === null) st.tail = s;
    const cost = s.data.length + SEGMENT_OVERHEAD;
    st.segments++;
    st.buffered += cost;
    this.memUsed += cost;
  }

  private popHead(st: TcpStream): void {
    const h = st.head as Segment;
    st.head = h.next;
    if (st.head === null) st.tail = null;
    h.next = null;
    const cost = h.data.length + SEGMENT_OVERHEAD;
    st.segments--;
    st.buffered -= cost;
    this.memUsed -= cost;
  }

  /** Delivers a buffered segment (already unlinked) from `next` on. */
  private emitSegment(flow: Flow, st: TcpStream, fromOrig: boolean, h: Segment): void {
    const skip = (st.next - h.seq) | 0;
    if (skip >= h.len) return;
    const from = skip > 0 ? skip : 0;
    const n = h.data.length;
    if (n > from) this.emit(flow, st, fromOrig, from === 0 ? h.data : h.data.subarray(from));
    const lost = h.len - (n > from ? n : from);
    if (lost > 0) this.gap(flow, st, fromOrig, lost);
  }

  /**
   * The peer acknowledged `ack` in the direction of `st`: a hole that ends at or before it was
   * received by the peer and will not be sent again, so it is a gap now, not at the end of the
   * flow (Zeek's content gap), and the segments buffered behind it are delivered in order with
   * the other direction's traffic.
   */
  private acked(flow: Flow, st: TcpStream, fromOrig: boolean, ack: number, pkt: Packet): void {
    const frame = this.frame;
    const sec = this.sec;
    const ns = this.ns;
    this.frame = pkt.frame;
    this.sec = pkt.tsSec;
    this.ns = pkt.tsNs;
    let head = st.head;
    while (head !== null && ((head.seq - st.next) | 0) > 0 && ((ack - head.seq) | 0) >= 0) {
      this.skipHole(flow, st, fromOrig);
      head = st.head;
    }
    this.frame = frame;
    this.sec = sec;
    this.ns = ns;
  }

  /** Delivers buffered segments that became in-order, then consumes a reached FIN. */
  private drain(flow: Flow, st: TcpStream, fromOrig: boolean): void {
    for (let h = st.head; h !== null && ((h.seq - st.next) | 0) <= 0; h = st.head) {
      this.popHead(st);
      this.emitSegment(flow, st, fromOrig, h);
    }
    this.finCheck(st);
  }

  /**
   * Gives up the hole before the first buffered segment and delivers the run that follows it.
   * Bytes after a hole that is never filled were complete when they arrived, so each delivery
   * of the run carries the latest arrival frame so far in the run, not the current frame.
   */
  private skipHole(flow: Flow, st: TcpStream, fromOrig: boolean): void {
    this.gap(flow, st, fromOrig, ((st.head as Segment).seq - st.next) | 0);
    const current = this.frame;
    const currentSec = this.sec;
    const currentNs = this.ns;
    let frame = 0;
    for (let h = st.head; h !== null && ((h.seq - st.next) | 0) <= 0; h = st.head) {
      if (h.frame > frame) {
        frame = h.frame;
        this.sec = h.sec;
        this.ns = h.ns;
      }
      this.frame = frame;
      this.popHead(st);
      this.emitSegment(flow, st, fromOrig, h);
    }
    this.frame = current;
    this.sec = currentSec;
    this.ns = currentNs;
    this.finCheck(st);
  }

  private fin(st: TcpStream, finSeq: number): void {
    if ((st.flags & FIN_SEEN) !== 0) return;
    // A FIN below what was already delivered cannot end this stream; ignore it.
    if (((finSeq - st.next) | 0) < 0) return;
    st.flags |= FIN_SEEN;
    st.finSeq = finSeq;
    this.finCheck(st);
  }

  private finCheck(st: TcpStream): void {
    if ((st.flags & (FIN_SEEN | FIN_DONE)) === FIN_SEEN && st.next === st.finSeq) {
      st.next = (st.next + 1) | 0;
      st.flags |= FIN_DONE;
    }
  }

  private emit(flow: Flow, st: TcpStream, fromOrig: boolean, view: Uint8Array): void {
    st.next = (st.next + view.length) | 0;
    this.remember(st, view);
    st.recentEnd = st.next;
    this.sink.data(flow, fromOrig, view, this.frame, this.sec, this.ns);
  }

  private gap(flow: Flow, st: TcpStream, fromOrig: boolean, size: number): void {
    if (size <= 0) return;
    st.next = (st.next + size) | 0;
    st.recentLen = 0;
    st.recentEnd = st.next;
    flow.missedBytes += size;
    addHistory(flow, Hist.G, fromOrig);
    this.counters.inc('tcp.gap');
    this.counters.inc('tcp.gap_bytes', size);
    this.sink.gap(flow, fromOrig, size);
  }

  /**
   * Keeps the last `recentBytes` delivered bytes in the direction's circular window: the byte
   * at sequence `recentEnd - k` (1 <= k <= recentLen) is at `(recentPos - k) mod size` within
   * the window. One copy of the payload per delivery, no shifting.
   */
  private remember(st: TcpStream, view: Uint8Array): void {
    const size = this.recentBytes;
    if (size === 0 || (st.flags & NO_RECENT) !== 0) return;
    let slot = st.recentSlot;
    if (slot < 0) {
      if (this.recentUsed + size + RECENT_OVERHEAD > this.recentMemcap) {
        st.flags |= NO_RECENT;
        this.counters.inc('tcp.recent_window_memcap');
        return;
      }
      slot = this.windows.alloc();
      st.recentSlot = slot;
      this.recentUsed += size + RECENT_OVERHEAD;
    }
    const r = this.windows.slabs[slot >> SLOT_SHIFT] as Uint8Array;
    const base = (slot & SLOT_MASK) * size;
    const n = view.length;
    if (n >= size) {
      r.set(n === size ? view : view.subarray(n - size), base);
      st.recentPos = 0;
      st.recentLen = size;
      return;
    }
    const pos = st.recentPos;
    const room = size - pos;
    if (n <= room) {
      r.set(view, base + pos);
    } else {
      r.set(view.subarray(0, room), base + pos);
      r.set(view.subarray(room), base);
    }
    st.recentPos = n < room ? pos + n : n - room;
    st.recentLen = st.recentLen + n < size ? st.recentLen + n : size;
  }

  /** Compares `len` captured bytes at `seq` (all before `next`) with the recent window. */
  private checkRecent(
    flow: Flow,
    st: TcpStream,
    fromOrig: boolean,
    buf: Uint8Array,
    off: number,
    seq: number,
    len: number,
  ): void {
    const slot = st.recentSlot;
    if (slot < 0 || st.recentLen === 0) return;
    const size = this.recentBytes;
    const r = this.windows.slabs[slot >> SLOT_SHIFT] as Uint8Array;
    const base = (slot & SLOT_MASK) * size;
    let i = (st.recentEnd - st.recentLen - seq) | 0;
    if (i < 0) i = 0;
    let stop = (st.recentEnd - seq) | 0;
    if (stop > len) stop = len;
    for (; i < stop; i++) {
      let at = st.recentPos - ((st.recentEnd - seq - i) | 0);
      if (at < 0) at += size;
      if (buf[off + i] !== r[base + at]) {
        this.conflict(flow, fromOrig);
        return;
      }
    }
  }

  /**
   * Records the direction's path on its first payload segment; true when this segment re-sends
   * received bytes from another Ethernet source (see the module comment), after checking it.
   */
  private secondPath(
    flow: Flow,
    st: TcpStream,
    fromOrig: boolean,
    pkt: Packet,
    seq: number,
    cap: number,
  ): boolean {
    const m = pkt.macOff;
    const d = pkt.data;
    if (m < 0 || d.length < m + 12) return false;
    const hi = (d[m + 6]! << 8) | d[m + 7]!;
    const lo = ((d[m + 8]! << 24) | (d[m + 9]! << 16) | (d[m + 10]! << 8) | d[m + 11]!) >>> 0;
    if (st.pathHi < 0) {
      st.pathHi = hi;
      st.pathLo = lo;
      return false;
    }
    if ((hi === st.pathHi && lo === st.pathLo) || ((st.next - seq) | 0) <= 0) return false;
    this.checkRecent(flow, st, fromOrig, pkt.buf, pkt.payOff, seq, cap);
    this.counters.inc('tcp.second_path');
    if ((st.flags & SECOND_PATH) === 0) {
      st.flags |= SECOND_PATH;
      this.sink.anomaly?.(flow, fromOrig, 'tcp.second_path', this.frame);
    }
    return true;
  }

  private retransmission(flow: Flow, fromOrig: boolean): void {
    if (this.counted) return;
    this.counted = true;
    this.counters.inc('tcp.retransmission');
    addHistory(flow, Hist.T, fromOrig);
  }

  private conflict(flow: Flow, fromOrig: boolean): void {
    this.counters.inc('tcp.overlap_conflict');
    this.sink.anomaly?.(flow, fromOrig, 'tcp.overlap_conflict', this.frame);
  }
}
