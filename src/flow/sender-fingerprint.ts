/**
 * IP sender fingerprints: notices when packets "from" one side of a conversation start coming
 * from a different IP stack, the trace that forged packets leave below the application layer.
 *
 * References: RFC 791 section 3.1 (Time to Live; flags, DF); RFC 1700 / IANA "ip-parameters"
 * (default TTLs); RFC 1122 section 3.2.1.7 (TTL set by the sending host); passive OS
 * fingerprinting as in p0f v3 (`p0f.fp`: initial TTL rounded up to 32, 64, 128 or 255 and the
 * DF bit are the most stable per-stack signals). IPv6 has no DF bit (RFC 8200 section 5): its
 * fingerprint is the hop-limit class alone.
 *
 * ```
 *   class = smallest of 32, 64, 128, 255 at or above the observed TTL   (hops do not change it)
 *   fingerprint = 1 + (class index << 1 | DF)                            (1..8; 0 = not seen yet)
 * ```
 *
 * Every host stack sends with one initial TTL and one DF policy per transport (Windows 128 with
 * DF, Linux 64 with DF, many embedded and tool-built packets 64 or 255 without DF). A packet
 * forger (Scapy, a spoofing tool on another machine) uses its own stack's values, so a forged
 * packet "from" an outstation differs from the outstation's own packets even when its content
 * is perfect. UDP fingerprints are the TTL class alone: UDP senders vary DF per datagram.
 * Two checks, both per (transport, VLAN, address pair): per transport because stacks
 * set DF per protocol (Windows: TCP with DF, UDP without), per pair because `--workers N` deals
 * flows by address pair and a check across pairs would depend on the sharding:
 *
 * - within a flow: a direction's TTL class changes after at least `minPackets` packets (DF alone
 *   may change inside a connection: PMTU black-hole detection clears it on retransmissions);
 * - across flows: a direction's first packet in a new flow differs in TTL class or DF from what
 *   the same address sent in the pair's earlier flows of that transport (at least `minPackets`
 *   packets), which catches a connection where every packet of one side is forged.
 *
 * Packets that stacks or middleboxes commonly send with other values are left out: TCP RSTs
 * (Windows sends them without DF; firewalls forge them), everything but TCP and UDP (ICMP
 * errors come from routers), empty UDP datagrams (port probes from raw sockets, which carry no
 * message to spoof), and flows with a broadcast, multicast or unspecified address
 * (applications choose those TTLs; a last IPv4 octet of 0 or 255 counts as broadcast). Cost: per packet, one TTL comparison chain and one small-integer
 * compare with the flow's field; the pair table is touched at the first packet of each flow
 * direction and at flow end. The table is bounded (`maxPairs`): past it the oldest pair is
 * forgotten (`ip.fingerprint_pair_evicted`).
 */
import type { Counters } from '../core/counters.js';
import type { AnomalyCatalog } from '../decode/decoder.js';
import { IpProto, TcpFlag, type Packet } from '../decode/packet.js';
import type { Flow, SenderPairState } from './flow.js';

/** Counters and anomalies of the sender check, for docs/anomalies.md. */
export const SENDER_FINGERPRINT_COUNTERS: AnomalyCatalog = Object.freeze({
  'ip.sender_fingerprint_changed': {
    description:
      'packets from one side of an address pair came with another initial-TTL class or DF bit than that side sent before (in this flow or the pair\u2019s earlier flows): another IP stack sending as that host (forged or injected packets, a man in the middle), or NAT in front of several hosts',
    severity: 'medium',
  },
  'ip.fingerprint_pair_evicted': {
    description:
      'the sender-fingerprint table held its maximum of address pairs; the oldest pair was forgotten',
    severity: 'low',
  },
});

/** Settings of {@link SenderFingerprints}. */
export interface SenderFingerprintOptions {
  /** Address pairs remembered (default 65,536). */
  readonly maxPairs?: number;
  /** Packets with the old fingerprint needed before a change is reported (default 3). */
  readonly minPackets?: number;
  /**
   * Capture seconds without a packet after which a pair's fingerprints are forgotten (default
   * 3,600). The engine passes the time after which a sharded run may deal the pair to another
   * worker (`pairIdleSeconds`, at least this default), so that whatever the number of workers
   * the check never compares with history a worker cannot have.
   */
  readonly forgetAfterSec?: number;
}

export const SENDER_FINGERPRINT_DEFAULTS = Object.freeze({
  maxPairs: 65_536,
  minPackets: 3,
  forgetAfterSec: 3_600,
});

/** Where a change is reported: the flow, the sending side, the anomaly name and its detail. */
export type SenderAnomalyReport = (
  flow: Flow,
  fromOrig: boolean,
  name: string,
  detail: string,
) => void;

/** IPv4 flags field: Don't Fragment (RFC 791 section 3.1), in the byte at header offset 6. */
const IPV4_FLAGS_BYTE = 6;
const IPV4_DF = 0x40;
/** Flag set on a flow's fingerprint once a within-flow change of that direction was reported. */
const REPORTED = 16;
const CODE_MASK = 15;
/** Bits of `code - 1` that hold the TTL class. */
const TTL_BITS = 6;
/** Fingerprint of a flow the check leaves out (broadcast, multicast, unspecified address). */
const EXEMPT = 32;
const { RST } = TcpFlag;

/**
 * The initial-TTL class of an observed TTL (or IPv6 hop limit): the smallest of 32, 64, 128
 * and 255 at or above it.
 *
 * @example
 * ttlClass(127); // 128 (Windows, one router away)
 */
export function ttlClass(ttl: number): number {
  return ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
}

/**
 * The fingerprint code of a TTL and DF bit: 1..8 (0 stands for "not seen yet").
 *
 * @example
 * senderFingerprint(128, true); // 6
 */
export function senderFingerprint(ttl: number, df: boolean): number {
  const cls = ttl <= 32 ? 0 : ttl <= 64 ? 1 : ttl <= 128 ? 2 : 3;
  return 1 + ((cls << 1) | (df ? 1 : 0));
}

/**
 * Text of a fingerprint code for anomaly details (`TTL 128 DF`, `TTL 64 no DF`).
 *
 * @example
 * describeFingerprint(senderFingerprint(64, false)); // 'TTL 64 no DF'
 */
export function describeFingerprint(code: number): string {
  const c = (code & CODE_MASK) - 1;
  if (c < 0 || c > 7) return 'unknown';
  const cls = [32, 64, 128, 255][c >> 1] as number;
  return `TTL ${cls} ${(c & 1) === 1 ? 'DF' : 'no DF'}`;
}

/** One address pair: what its lower and its higher address send. */
class PairEntry implements SenderPairState {
  declare readonly __senderPair: true;
  readonly key: string;
  /** Fingerprint of each address (index 0: the lower address), 0 while unknown. */
  readonly code = [0, 0];
  /** Frame that set it. */
  readonly frame = [0, 0];
  /** Packets of ended flows that carried it. */
  readonly pkts = [0, 0];
  /** The flow that set it while that flow lasts (its packets count too). */
  readonly live: (Flow | null)[] = [null, null];
  /** Capture second of the pair's last packet known here (first packets and ended flows). */
  lastSec = -Infinity;
  constructor(key: string) {
    this.key = key;
  }
}

/**
 * Checks the IP sender fingerprint of every packet of the flows it is given.
 *
 * @example
 * const fp = new SenderFingerprints({}, counters, (flow, fromOrig, name, detail) => ...);
 * fp.packet(flow, table.lastFromOrig, pkt);   // per IP packet, after the flow lookup
 * fp.flowEnd(flow);                            // when the flow ends
 */
export class SenderFingerprints {
  private readonly pairs = new Map<string, PairEntry>();
  private readonly maxPairs: number;
  private readonly minPackets: number;
  private readonly forgetAfterSec: number;

  constructor(
    opts: SenderFingerprintOptions,
    private readonly counters: Counters,
    private readonly report: SenderAnomalyReport,
  ) {
    this.maxPairs = Math.max(1, opts.maxPairs ?? SENDER_FINGERPRINT_DEFAULTS.maxPairs);
    this.minPackets = opts.minPackets ?? SENDER_FINGERPRINT_DEFAULTS.minPackets;
    this.forgetAfterSec = opts.forgetAfterSec ?? SENDER_FINGERPRINT_DEFAULTS.forgetAfterSec;
  }

  /** Pairs currently remembered. */
  get size(): number {
    return this.pairs.size;
  }

  /** Checks one packet of `flow`, sent by the initiator when `fromOrig`. */
  packet(flow: Flow, fromOrig: boolean, pkt: Packet): void {
    const proto = pkt.ipProto;
    if (proto === IpProto.TCP) {
      if ((pkt.tcpFlags & RST) !== 0) return;
    } else if (proto !== IpProto.UDP || pkt.payLen === 0) return;
    // DF counts for TCP only: stacks set it on every segment of a connection for PMTU
    // discovery (RFC 1191), while UDP senders vary it per datagram (Windows NetBIOS sends a
    // datagram without DF and its retries with it).
    const df =
      proto === IpProto.TCP &&
      pkt.ipVersion === 4 &&
      ((pkt.buf[pkt.l3Off + IPV4_FLAGS_BYTE] ?? 0) & IPV4_DF) !== 0;
    const code = senderFingerprint(pkt.ttl, df);
    const cur = fromOrig ? flow.origFp : flow.respFp;
    if ((cur & CODE_MASK) === code || cur === EXEMPT) return;
    if (cur === 0) this.first(flow, fromOrig, code, pkt.frame, pkt.tsSec);
    // Within a flow only the TTL class counts: PMTU black-hole detection (Windows, Linux
    // `tcp_mtu_probing`) clears DF on retransmissions of a live connection (RFC 1191 section 5).
    else if (((cur - 1) & TTL_BITS) !== ((code - 1) & TTL_BITS)) {
      this.changed(flow, fromOrig, cur, code, pkt.frame, true);
    } else this.changed(flow, fromOrig, cur, code, pkt.frame, false);
  }

  /** Adds an ending flow's packets to its pair's counts and lets the pair forget the flow. */
  flowEnd(flow: Flow): void {
    const e = flow.fpPair as PairEntry | null;
    if (e === null) return;
    const lowOrig = origIsLow(flow);
    if (flow.lastSec > e.lastSec) e.lastSec = flow.lastSec;
    this.settle(e, lowOrig ? 0 : 1, flow, flow.origFp, flow.origPkts);
    this.settle(e, lowOrig ? 1 : 0, flow, flow.respFp, flow.respPkts);
    flow.fpPair = null;
  }

  private settle(e: PairEntry, side: number, flow: Flow, fp: number, pkts: number): void {
    if ((fp & CODE_MASK) === e.code[side]) e.pkts[side] = (e.pkts[side] as number) + pkts;
    if (e.live[side] === flow) e.live[side] = null;
  }

  /** First packet of a flow direction: compare with the pair's earlier flows. */
  private first(flow: Flow, fromOrig: boolean, code: number, frame: number, sec: number): void {
    if (!unicastPair(flow)) {
      // Senders pick the TTL of broadcast and multicast datagrams per application
      // (IP_MULTICAST_TTL), and 0.0.0.0 is every DHCP client: no stack fingerprint there.
      flow.origFp = flow.respFp = EXEMPT;
      return;
    }
    if (fromOrig) flow.origFp = code;
    else flow.respFp = code;
    const e = (flow.fpPair as PairEntry | null) ?? this.pair(flow);
    // Packet times only (not the table clock), so every worker layout sees the same gaps.
    if (sec - lastActivity(e) >= this.forgetAfterSec) forget(e);
    if (sec > e.lastSec) e.lastSec = sec;
    const side = origIsLow(flow) === fromOrig ? 0 : 1;
    const old = e.code[side] as number;
    if (old === code) return;
    if (old !== 0) {
      const seen = this.seenPackets(e, side);
      if (seen >= this.minPackets) {
        this.counters.inc('ip.sender_fingerprint_changed');
        this.report(
          flow,
          fromOrig,
          'ip.sender_fingerprint_changed',
          `${describeFingerprint(code)} in a new flow of this address pair; earlier flows: ${describeFingerprint(old)} (${seen} packets since frame ${e.frame[side] as number})`,
        );
      }
    }
    this.setSide(e, side, code, frame, flow);
  }

  /**
   * A later packet of a flow direction with another fingerprint than its first ones; reported
   * when the TTL class changed (`ttl`), adopted silently when only DF did, so that the pair's
   * next flows are compared with what the host sends now.
   */
  private changed(
    flow: Flow,
    fromOrig: boolean,
    cur: number,
    code: number,
    frame: number,
    ttl: boolean,
  ): void {
    const before = (fromOrig ? flow.origPkts : flow.respPkts) - 1;
    let next = code | (cur & REPORTED);
    if (ttl && (cur & REPORTED) === 0 && before >= this.minPackets) {
      next |= REPORTED;
      this.counters.inc('ip.sender_fingerprint_changed');
      this.report(
        flow,
        fromOrig,
        'ip.sender_fingerprint_changed',
        `${describeFingerprint(code)} after ${before} packets with ${describeFingerprint(cur)} in this flow`,
      );
    }
    if (fromOrig) flow.origFp = next;
    else flow.respFp = next;
    const e = flow.fpPair as PairEntry | null;
    if (e !== null) this.setSide(e, origIsLow(flow) === fromOrig ? 0 : 1, code, frame, flow);
  }

  private setSide(e: PairEntry, side: number, code: number, frame: number, flow: Flow): void {
    e.code[side] = code;
    e.frame[side] = frame;
    e.pkts[side] = 0;
    e.live[side] = flow;
  }

  /** Packets seen with a pair side's fingerprint: ended flows plus the live flow's so far. */
  private seenPackets(e: PairEntry, side: number): number {
    const f = e.live[side];
    let n = e.pkts[side] as number;
    if (f) n += origIsLow(f) === (side === 0) ? f.origPkts : f.respPkts;
    return n;
  }

  /** The pair entry of a flow's address pair, created (and the oldest evicted) when new. */
  private pair(flow: Flow): PairEntry {
    const key = pairKey(flow);
    let e = this.pairs.get(key);
    if (e === undefined) {
      if (this.pairs.size >= this.maxPairs) {
        // Map iteration follows insertion order: the first key is the oldest pair.
        const oldest = this.pairs.keys().next().value;
        if (oldest !== undefined) this.pairs.delete(oldest);
        this.counters.inc('ip.fingerprint_pair_evicted');
      }
      e = new PairEntry(key);
      this.pairs.set(key, e);
    }
    flow.fpPair = e;
    return e;
  }
}

/** Capture second of the pair's last packet: ended flows, first packets, live flows. */
function lastActivity(e: PairEntry): number {
  let t = e.lastSec;
  for (const f of e.live) if (f !== null && f.lastSec > t) t = f.lastSec;
  return t;
}

/** Drops what a pair's sides sent (the pair was idle too long to be sure of its history). */
function forget(e: PairEntry): void {
  for (let side = 0; side < 2; side++) {
    e.code[side] = 0;
    e.pkts[side] = 0;
    e.live[side] = null;
  }
}

/** True when the flow initiator's address sorts below the responder's (unsigned words). */
function origIsLow(f: Flow): boolean {
  if (f.origA0 !== f.respA0) return f.origA0 >>> 0 < f.respA0 >>> 0;
  if (f.origA1 !== f.respA1) return f.origA1 >>> 0 < f.respA1 >>> 0;
  if (f.origA2 !== f.respA2) return f.origA2 >>> 0 < f.respA2 >>> 0;
  return f.origA3 >>> 0 <= f.respA3 >>> 0;
}

/** Map key of a flow's (VLAN, address pair), the same in both directions. */
function pairKey(f: Flow): string {
  const o =
    f.ipVersion === 6 ? `${f.origA0},${f.origA1},${f.origA2},${f.origA3}` : String(f.origA0);
  const r =
    f.ipVersion === 6 ? `${f.respA0},${f.respA1},${f.respA2},${f.respA3}` : String(f.respA0);
  const lowOrig = origIsLow(f);
  return `${f.ipProto}.${f.vlan}.${f.vlanInner}|${lowOrig ? o : r}|${lowOrig ? r : o}`;
}

/**
 * False when either address is IPv4 unspecified, limited or (by its last octet) directed
 * broadcast, or IPv4/IPv6 multicast.
 */
function unicastPair(f: Flow): boolean {
  if (f.ipVersion === 6) return f.origA0 >>> 24 !== 0xff && f.respA0 >>> 24 !== 0xff;
  return unicast4(f.origA0 >>> 0) && unicast4(f.respA0 >>> 0);
}

function unicast4(a: number): boolean {
  const last = a & 0xff;
  return a !== 0 && a < 0xe0000000 && last !== 0xff && last !== 0;
}
