/**
 * FlowTable: every IP packet belongs to one bidirectional flow (Zeek's "connection").
 *
 * References: Zeek `base/protocols/conn/main.zeek` (conn.log fields, `conn_state`), Zeek
 * `TCPSessionAdapter.cc` (`IsReuse`, `update_history`), Zeek `init-bare.zeek` timeouts
 * (`tcp_inactivity_timeout` 5 min, `udp_inactivity_timeout` 1 min, `icmp_inactivity_timeout`
 * 1 min, `tcp_close_delay` and `tcp_reset_delay` 5 s), RFC 9293 section 3.4 (sequence numbers).
 *
 * Layout:
 * - a chained hash table over a power-of-two array of buckets that doubles as flows are added,
 *   up to the first power of two >= `maxFlows` (load factor <= 1). Chains run through
 *   `Flow.chainNext`; the symmetric hash is in flow-key.ts.
 * - one intrusive doubly linked LRU list per timeout class (`Flow.lruPrev/lruNext/lruList`).
 *   Every packet moves its flow to the tail of its class's list, so each list is ordered by last
 *   activity and {@link FlowTable.expire} only ever looks at list heads: O(expired flows).
 *
 * Per packet: one hash, one short chain walk, a few field updates, one list move. No allocation
 * except one Flow (and its id string) per new flow, and a new history string the few times a
 * flow shows a new history letter.
 *
 * Time is capture time. Timeouts have one-second granularity: the table runs {@link expire}
 * when a packet opens a new capture second, ending flows idle for more than their timeout.
 * Captures whose clock steps backwards do not expire anything until it passes its maximum again.
 */
import type { Counters } from '../core/counters.js';
import type { AnomalyCatalog } from '../decode/decoder.js';
import type { Packet } from '../decode/packet.js';
import { IpProto, TcpFlag } from '../decode/packet.js';
import type { FlowEndReason } from './flow.js';
import { Flow } from './flow.js';
import { FlowKey, FROM_ORIG, NO_MATCH, matchKey, readKey, setFlowKey } from './flow-key.js';
import { addHistory, Hist, markFlipped } from './history.js';
import {
  LAST_CORRUPT,
  ORIG_CSUM_OK,
  ORIG_SEQ_KNOWN,
  RESP_CSUM_OK,
  RESP_SEQ_KNOWN,
  tcpClosed,
  tcpTransition,
} from './tcp-state.js';

export { connState } from './tcp-state.js';

/** Flow table settings (seconds for timeouts). Every field is optional. */
export interface FlowTableOptions {
  /** Most flows held at once; when full the least recently active flow is ended. */
  readonly maxFlows?: number;
  /** TCP flows not yet closed: inactivity timeout. */
  readonly tcpTimeout?: number;
  /** TCP flows closed by FIN both ways or by a RST: time kept for late packets. */
  readonly tcpClosedTimeout?: number;
  readonly udpTimeout?: number;
  /** ICMP and ICMPv6. */
  readonly icmpTimeout?: number;
  /** Any other IP protocol. */
  readonly otherTimeout?: number;
  /** Initial bucket count (rounded up to a power of two). */
  readonly initialBuckets?: number;
  /** Hash seed; random by default. Output never depends on it. */
  readonly hashSeed?: number;
  /**
   * What to do with a packet whose checksums the decoder found bad (`pkt.bad`). Always: count
   * it and record history C. Then `strict` (Zeek's default) ignores it for state, sequence
   * tracking and reassembly; `ignore` (the default) analyses it like any packet (tshark's
   * default, Zeek `-C`); `auto` analyses it while its direction of the flow has never sent a
   * packet with good checksums (checksum offloading on the capturing host, loopback captures)
   * and ignores it otherwise (a corrupt or inserted packet). `auto` is not the default because
   * capturing hosts often checksum their handshake in software and offload the rest, which
   * `auto` would take for insertion (docs/adr/0004-bad-checksums.md).
   */
  readonly checksums?: ChecksumPolicy;
}

/** See {@link FlowTableOptions.checksums}. */
export type ChecksumPolicy = 'auto' | 'strict' | 'ignore';

/** Defaults, as in Zeek where Zeek has the setting. */
export const FLOW_TABLE_DEFAULTS = Object.freeze({
  maxFlows: 1_000_000,
  tcpTimeout: 300,
  tcpClosedTimeout: 5,
  udpTimeout: 60,
  icmpTimeout: 60,
  otherTimeout: 60,
  initialBuckets: 4096,
  checksums: 'ignore' as ChecksumPolicy,
});

/** Timeout classes, one LRU list each (`Flow.lruList`). */
export const TimeoutClass = { TCP: 0, TCP_CLOSED: 1, UDP: 2, ICMP: 3, OTHER: 4 } as const;
export type TimeoutClass = (typeof TimeoutClass)[keyof typeof TimeoutClass];
const CLASSES = 5;

/** Counters the flow table increments, for docs/anomalies.md. */
export const FLOW_TABLE_COUNTERS: AnomalyCatalog = Object.freeze({
  'flow.evicted_table_full': {
    description:
      'the flow table held maxFlows flows; the least recently active one (closed TCP flows first) was ended early to admit a new flow',
    severity: 'medium',
  },
  'flow.port_reuse': {
    description:
      'a SYN reused the key of a closed TCP flow or carried a new initial sequence number; the old flow ended and a new one began',
    severity: 'low',
  },
  'tcp.retransmission': {
    description: 'a TCP segment carried payload that its sender had already sent',
    severity: 'low',
  },
  'flow.bad_checksum_ignored': {
    description:
      'a packet with a bad checksum was counted but not analysed: its sender had sent good checksums before (auto), or the policy is strict',
    severity: 'low',
  },
});

/** Called once per flow when it ends, after it left the table. Must not call back into the table. */
export type FlowEndHandler = (flow: Flow, reason: FlowEndReason) => void;

const { SYN, ACK, FIN, RST } = TcpFlag;

function positive(v: number | undefined, dflt: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : dflt;
}

function pow2AtLeast(n: number): number {
  let p = 16;
  while (p < n && p < 1 << 30) p *= 2;
  return p;
}

/**
 * The flow table.
 *
 * @example
 * const table = new FlowTable({}, counters, (flow, reason) => { reassembler.flush(flow); write(flow, reason); });
 * const flow = table.lookup(pkt, 1);
 * if (pkt.ipProto === 6) reassembler.segment(flow, pkt, table.lastFromOrig);
 */
export class FlowTable {
  /** Set by {@link lookup}: whether the packet was sent by the flow's initiator. */
  lastFromOrig = false;
  /**
   * Set by {@link lookup}: the packet was judged corrupt (bad checksum under the `checksums`
   * policy) and must not be analysed further: skip its payload (the reassembler does so itself).
   */
  lastCorrupt = false;
  /** Flows in the table now, the most ever held, and flows created in total. */
  size = 0;
  peak = 0;
  created = 0;

  private readonly counters: Counters;
  private readonly onEnd: FlowEndHandler;
  private readonly maxFlows: number;
  private readonly maxBuckets: number;
  private readonly timeouts: number[];
  private readonly seed: number;
  /** 0 auto, 1 strict, 2 ignore. */
  private readonly csumPolicy: number;
  private readonly key = new FlowKey();
  private buckets: (Flow | null)[];
  private mask: number;
  private readonly heads: (Flow | null)[] = new Array<Flow | null>(CLASSES).fill(null);
  private readonly tails: (Flow | null)[] = new Array<Flow | null>(CLASSES).fill(null);
  /** Highest capture second seen; expiry runs when a packet passes it. */
  private clockSec = -1;

  constructor(opts: FlowTableOptions, counters: Counters, onEnd: FlowEndHandler) {
    const d = FLOW_TABLE_DEFAULTS;
    this.counters = counters;
    this.onEnd = onEnd;
    this.maxFlows = Math.max(1, Math.floor(positive(opts.maxFlows, d.maxFlows)));
    this.timeouts = [
      positive(opts.tcpTimeout, d.tcpTimeout),
      positive(opts.tcpClosedTimeout, d.tcpClosedTimeout),
      positive(opts.udpTimeout, d.udpTimeout),
      positive(opts.icmpTimeout, d.icmpTimeout),
      positive(opts.otherTimeout, d.otherTimeout),
    ];
    this.maxBuckets = pow2AtLeast(this.maxFlows);
    const n = Math.min(
      pow2AtLeast(positive(opts.initialBuckets, d.initialBuckets)),
      this.maxBuckets,
    );
    this.buckets = new Array<Flow | null>(n).fill(null);
    this.mask = n - 1;
    this.seed = opts.hashSeed !== undefined ? opts.hashSeed | 0 : (Math.random() * 0x100000000) | 0;
    const policy = opts.checksums ?? FLOW_TABLE_DEFAULTS.checksums;
    this.csumPolicy = policy === 'strict' ? 1 : policy === 'ignore' ? 2 : 0;
  }

  /** Current number of hash buckets (grows by doubling). */
  get bucketCount(): number {
    return this.buckets.length;
  }

  /**
   * Finds or creates the flow of an IP packet, updates it (counts, times, history, TCP state,
   * LRU position) and sets {@link lastFromOrig}. May end other flows first (timeouts, eviction,
   * port reuse) through the end handler.
   *
   * Call it only for decoded IP packets (`pkt.kind === PacketKind.IP`, fragments once
   * reassembled): the key is read from the IP and transport fields without checking the kind.
   *
   * @param captureNo number of the capture in this run, the first part of new flow ids.
   */
  lookup(pkt: Packet, captureNo: number): Flow {
    if (pkt.tsSec > this.clockSec) {
      this.clockSec = pkt.tsSec;
      if (this.size > 0) this.expire(pkt.tsSec);
    }
    const key = this.key;
    readKey(pkt, key, this.seed);
    let f = this.buckets[key.hash & this.mask] as Flow | null;
    let m = NO_MATCH;
    while (f !== null) {
      m = matchKey(f, key);
      if (m !== NO_MATCH) break;
      f = f.chainNext;
    }
    let fromOrig = m === FROM_ORIG;
    if (f !== null && key.ipProto === IpProto.TCP && this.isReuse(f, pkt, fromOrig)) {
      this.counters.inc('flow.port_reuse');
      this.end(f, 'reused');
      f = null;
    }
    if (f === null) {
      // A SYN-ACK seen first was sent by the responder: its receiver is the initiator.
      const flip =
        key.ipProto === IpProto.TCP && (pkt.tcpFlags & (SYN | ACK | RST)) === (SYN | ACK);
      f = this.create(pkt, captureNo, !flip);
      fromOrig = !flip;
    }
    this.lastFromOrig = fromOrig;
    this.update(f, pkt, fromOrig);
    return f;
  }

  /**
   * Ends every flow idle for longer than its class timeout at capture second `nowSec`
   * (reason `closed` for closed TCP flows, `timeout` otherwise). Looks only at list heads.
   * Returns the number of flows ended.
   */
  expire(nowSec: number): number {
    // Ticks from outside (a sharded engine's reader) advance the clock as packets do.
    if (nowSec > this.clockSec && nowSec !== Infinity) this.clockSec = nowSec;
    let n = 0;
    for (let c = 0; c < CLASSES; c++) {
      const limit = nowSec - (this.timeouts[c] as number);
      const reason: FlowEndReason = c === TimeoutClass.TCP_CLOSED ? 'closed' : 'timeout';
      let f = this.heads[c] as Flow | null;
      while (f !== null && f.activeSec < limit) {
        this.end(f, reason);
        n++;
        f = this.heads[c] as Flow | null;
      }
    }
    return n;
  }

  /**
   * Ends every flow, in order of first frame, with `reason`, and empties the table. Call at the
   * end of a capture. Ties (flows of different captures) keep timeout-class then activity order.
   */
  flushAll(reason: FlowEndReason = 'end_of_capture'): void {
    const all: Flow[] = [];
    for (let c = 0; c < CLASSES; c++) {
      for (let f = this.heads[c] as Flow | null; f !== null; f = f.lruNext) all.push(f);
    }
    // Per-list order is deterministic (activity order); the stable sort makes the whole order
    // depend on the input only, never on the hash seed.
    all.sort((a, b) => a.firstFrame - b.firstFrame);
    this.buckets.fill(null);
    this.heads.fill(null);
    this.tails.fill(null);
    this.size = 0;
    for (const f of all) {
      f.chainNext = null;
      f.lruPrev = null;
      f.lruNext = null;
      f.lruList = -1;
      f.ended = true;
    }
    for (const f of all) this.onEnd(f, reason);
  }

  /** Timeout class of a flow in its current state. */
  private classOf(f: Flow): number {
    const p = f.ipProto;
    if (p === IpProto.TCP)
      return tcpClosed(f.tcpState) ? TimeoutClass.TCP_CLOSED : TimeoutClass.TCP;
    if (p === IpProto.UDP) return TimeoutClass.UDP;
    if (p === IpProto.ICMP || p === IpProto.ICMPV6) return TimeoutClass.ICMP;
    return TimeoutClass.OTHER;
  }

  /**
   * Zeek `IsReuse`, simplified: a SYN without ACK (and with good checksums) starts a new flow
   * when the old one is closed, when the initiator sends it with a different initial sequence
   * number than it used before, or when the responder sends it (a mid-stream pickup that guessed
   * the initiator wrong, or a new connection the other way). Retransmitted SYNs (same ISN) and
   * a SYN that arrives after its own SYN-ACK (initiator's sequence still unknown) stay.
   */
  private isReuse(f: Flow, pkt: Packet, fromOrig: boolean): boolean {
    if ((pkt.tcpFlags & (SYN | ACK | RST | FIN)) !== SYN) return false;
    // A SYN that would be judged corrupt does not split the flow.
    if (pkt.bad !== 0 && this.csumPolicy !== 2) {
      if (this.csumPolicy === 1 || (f.tcpState & (fromOrig ? ORIG_CSUM_OK : RESP_CSUM_OK)) !== 0)
        return false;
    }
    const st = f.tcpState;
    if (tcpClosed(st)) {
      // The same initial sequence number again is a retry of the same connection attempt
      // (a SYN retransmitted after a RST, as tshark also keeps in one stream); a new one is a
      // new connection.
      return !(fromOrig && (st & ORIG_SEQ_KNOWN) !== 0 && f.origIsn === (pkt.seq | 0));
    }
    if (fromOrig) return (st & ORIG_SEQ_KNOWN) !== 0 && f.origIsn !== (pkt.seq | 0);
    return (st & RESP_SEQ_KNOWN) === 0 || f.respIsn !== (pkt.seq | 0);
  }

  private create(pkt: Packet, captureNo: number, srcIsOrig: boolean): Flow {
    if (this.size >= this.maxFlows) this.evictOne();
    if (this.size >= this.buckets.length && this.buckets.length < this.maxBuckets) this.grow();
    const f = new Flow();
    f.id = `${captureNo}:${pkt.frame}`;
    f.firstFrame = pkt.frame;
    f.firstSec = pkt.tsSec;
    f.firstNs = pkt.tsNs;
    f.lastSec = pkt.tsSec;
    f.lastNs = pkt.tsNs;
    f.activeSec = pkt.tsSec > this.clockSec ? pkt.tsSec : this.clockSec;
    setFlowKey(f, this.key, srcIsOrig);
    if (pkt.ipProto === IpProto.TCP && (pkt.tcpFlags & SYN) !== 0) f.sawSyn = true;
    if (!srcIsOrig) markFlipped(f);
    const i = f.hash & this.mask;
    f.chainNext = this.buckets[i] as Flow | null;
    this.buckets[i] = f;
    this.append(f, this.classOf(f));
    this.size++;
    this.created++;
    if (this.size > this.peak) this.peak = this.size;
    return f;
  }

  private update(f: Flow, pkt: Packet, fromOrig: boolean): void {
    const sec = pkt.tsSec;
    // The LRU lists only need to be ordered by whole seconds (timeouts have one-second
    // granularity), so a flow moves to the tail only when its last second advances: a burst
    // within one second costs no list surgery (and no cache misses on its neighbours).
    const active = sec > this.clockSec ? sec : this.clockSec;
    const newSecond = active > f.activeSec;
    if (newSecond) f.activeSec = active;
    if (sec > f.lastSec || (sec === f.lastSec && pkt.tsNs > f.lastNs)) {
      f.lastSec = sec;
      f.lastNs = pkt.tsNs;
    }
    f.lastFrame = pkt.frame;
    const pay = pkt.payWireLen;
    // IP datagram length as announced: headers up to the payload plus the announced payload.
    const ip = pkt.payOff + pay - pkt.l3Off;
    const ipBytes = ip > 0 ? ip : 0;
    if (fromOrig) {
      f.origPkts++;
      f.origIpBytes += ipBytes;
      f.origPayBytes += pay;
      if (f.origMacHi < 0 && pkt.macOff >= 0) readSourceMac(f, pkt, true);
    } else {
      f.respPkts++;
      f.respIpBytes += ipBytes;
      f.respPayBytes += pay;
      if (f.respMacHi < 0 && pkt.macOff >= 0) readSourceMac(f, pkt, false);
    }
    const proto = pkt.ipProto;
    let corrupt = false;
    if (pkt.bad !== 0) {
      addHistory(f, Hist.C, fromOrig);
      const p = this.csumPolicy;
      corrupt =
        p === 1 || (p === 0 && (f.tcpState & (fromOrig ? ORIG_CSUM_OK : RESP_CSUM_OK)) !== 0);
      if (corrupt) this.counters.inc('flow.bad_checksum_ignored');
    } else {
      f.tcpState |= fromOrig ? ORIG_CSUM_OK : RESP_CSUM_OK;
    }
    this.lastCorrupt = corrupt;
    if (corrupt) {
      f.tcpState |= LAST_CORRUPT;
    } else {
      f.tcpState &= ~LAST_CORRUPT;
      if (proto === IpProto.TCP) this.tcp(f, pkt, fromOrig);
      else if (proto === IpProto.UDP) addHistory(f, Hist.D, fromOrig);
    }
    const cls = proto === IpProto.TCP ? this.classOf(f) : f.lruList;
    if (cls !== f.lruList || (newSecond && f.lruNext !== null)) {
      this.unlink(f);
      this.append(f, cls);
    }
  }

  private tcp(f: Flow, pkt: Packet, fromOrig: boolean): void {
    const fl = pkt.tcpFlags;
    const syn = (fl & SYN) !== 0;
    const fin = (fl & FIN) !== 0;
    const rst = (fl & RST) !== 0;
    const pay = pkt.payWireLen;
    // Zeek update_history(): one letter per packet by its flags.
    const n = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (n > 1) {
      addHistory(f, fin && rst ? Hist.I : Hist.Q, fromOrig);
    } else if (n === 1) {
      if (syn) addHistory(f, (fl & ACK) !== 0 ? Hist.H : Hist.S, fromOrig);
      else if (fin) addHistory(f, Hist.F, fromOrig);
      else addHistory(f, Hist.R, fromOrig);
    } else if (pay > 0) {
      addHistory(f, Hist.D, fromOrig);
    } else if ((fl & ACK) !== 0) {
      addHistory(f, Hist.A, fromOrig);
    }
    if (n === 0 && pkt.window === 0) addHistory(f, Hist.W, fromOrig);

    // Sequence tracking. RST sequence numbers are often arbitrary, so RSTs never set them.
    if (!rst) {
      const seq = pkt.seq | 0;
      const end = (seq + pay + (syn ? 1 : 0) + (fin ? 1 : 0)) | 0;
      const known = fromOrig ? ORIG_SEQ_KNOWN : RESP_SEQ_KNOWN;
      if ((f.tcpState & known) === 0) {
        f.tcpState |= known;
        if (fromOrig) {
          f.origIsn = seq;
          f.origSeqEnd = end;
        } else {
          f.respIsn = seq;
          f.respSeqEnd = end;
        }
      } else {
        const prevEnd = fromOrig ? f.origSeqEnd : f.respSeqEnd;
        // Retransmission, for flows the reassembler does not follow (it judges its own, and
        // tells a retransmission from a late out-of-order segment). A 1-byte segment ending at
        // the highest sequence is a keep-alive probe, not a retransmission.
        if (pay > 0 && !syn) {
          const d = (seq + pay - prevEnd) | 0;
          if (d <= 0 && !(pay === 1 && d === 0) && f.tcp[fromOrig ? 0 : 1] === null) {
            this.counters.inc('tcp.retransmission');
            addHistory(f, Hist.T, fromOrig);
          }
        }
        if (((end - prevEnd) | 0) > 0) {
          if (fromOrig) f.origSeqEnd = end;
          else f.respSeqEnd = end;
        }
      }
    }
    f.tcpState = tcpTransition(f.tcpState, fromOrig, fl);
  }

  /** Ends one flow to make room: a closed TCP flow if any, else the least recently active. */
  private evictOne(): void {
    let victim = this.heads[TimeoutClass.TCP_CLOSED] as Flow | null;
    if (victim === null) {
      for (let c = 0; c < CLASSES; c++) {
        const h = this.heads[c] as Flow | null;
        if (
          h !== null &&
          (victim === null ||
            h.activeSec < victim.activeSec ||
            (h.activeSec === victim.activeSec && h.firstFrame < victim.firstFrame))
        ) {
          victim = h;
        }
      }
    }
    if (victim === null) return;
    this.counters.inc('flow.evicted_table_full');
    this.end(victim, 'evicted');
  }

  private end(f: Flow, reason: FlowEndReason): void {
    this.unhash(f);
    this.unlink(f);
    f.lruList = -1;
    f.ended = true;
    this.size--;
    this.onEnd(f, reason);
  }

  private unhash(f: Flow): void {
    const i = f.hash & this.mask;
    let p = this.buckets[i] as Flow | null;
    if (p === f) {
      this.buckets[i] = f.chainNext;
    } else {
      while (p !== null && p.chainNext !== f) p = p.chainNext;
      if (p !== null) p.chainNext = f.chainNext;
    }
    f.chainNext = null;
  }

  private grow(): void {
    const n = this.buckets.length * 2;
    const nb = new Array<Flow | null>(n).fill(null);
    const m = n - 1;
    for (let i = 0; i < this.buckets.length; i++) {
      let f = this.buckets[i] as Flow | null;
      while (f !== null) {
        const next: Flow | null = f.chainNext;
        const j = f.hash & m;
        f.chainNext = nb[j] as Flow | null;
        nb[j] = f;
        f = next;
      }
    }
    this.buckets = nb;
    this.mask = m;
  }

  private append(f: Flow, cls: number): void {
    const t = this.tails[cls] as Flow | null;
    f.lruList = cls;
    f.lruPrev = t;
    f.lruNext = null;
    if (t === null) this.heads[cls] = f;
    else t.lruNext = f;
    this.tails[cls] = f;
  }

  private unlink(f: Flow): void {
    const cls = f.lruList;
    if (cls < 0) return;
    const p = f.lruPrev;
    const n = f.lruNext;
    if (p === null) this.heads[cls] = n;
    else p.lruNext = n;
    if (n === null) this.tails[cls] = p;
    else n.lruPrev = p;
    f.lruPrev = null;
    f.lruNext = null;
  }
}

/** Records the source MAC address of `pkt` (which has one) as the flow side's. */
function readSourceMac(f: Flow, pkt: Packet, orig: boolean): void {
  const d = pkt.data;
  const m = pkt.macOff + 6;
  if (d.length < m + 6) return;
  const hi = ((d[m] as number) << 8) | (d[m + 1] as number);
  const lo =
    (((d[m + 2] as number) << 24) |
      ((d[m + 3] as number) << 16) |
      ((d[m + 4] as number) << 8) |
      (d[m + 5] as number)) >>>
    0;
  if (orig) {
    f.origMacHi = hi;
    f.origMacLo = lo;
  } else {
    f.respMacHi = hi;
    f.respMacLo = lo;
  }
}
