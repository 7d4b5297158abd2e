/**
 * Shard selection for `--workers N`: which worker thread gets a frame. All packets between the
 * same two IP addresses go to the same worker, whatever their direction, ports or
 * fragmentation (a non-first IP fragment has no ports, so ports cannot be part of the key).
 * Ethernet frames that carry no IP (ARP, GOOSE, PROFINET...) are dealt by their MAC address
 * pair, so a publisher's stream stays on one worker; frames of unknown link types go to
 * worker 0. ARP frames all go to worker 0: the ARP decoder checks address bindings across
 * every station of the segment (`decode/app/arp`), so it must see every ARP frame.
 *
 * This is a deliberately small look at the headers (link layer, VLAN tags, IP addresses): the
 * full decode happens once, in the worker.
 *
 * Which worker an address pair goes to is decided by load, not by hash: a few controller pairs
 * carry most of an OT network's traffic, and hashing them put 72% of the benchmark capture's
 * bytes on one of two workers. A {@link Sharder} gives a pair seen for the first time to the
 * worker that has been dealt the fewest bytes so far and remembers the choice until the pair
 * has been idle for longer than any flow lives. Every thread that deals frames runs the same
 * Sharder over the same frames in the same order, so they all make the same choices.
 */
import { LINKTYPE } from '../capture/source.js';
import { FLOW_TABLE_DEFAULTS, type FlowTableOptions } from '../flow/flow-table.js';
import { SENDER_FINGERPRINT_DEFAULTS } from '../flow/sender-fingerprint.js';

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const ETH_ARP = 0x0806;
const ETH_VLAN = 0x8100;
const ETH_QINQ = 0x88a8;
const ETH_QINQ_OLD = 0x9100;

/** Symmetric 32-bit hash of the frame's IP address pair, or -1 when it carries no IP. */
export function ipPairHash(linkType: number, d: Uint8Array): number {
  let off: number;
  let etherType = 0;
  const n = d.length;
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      if (n < 14) return -1;
      off = 12;
      etherType = (d[off]! << 8) | d[off + 1]!;
      off += 2;
      for (let tags = 0; tags < 4; tags++) {
        if (etherType !== ETH_VLAN && etherType !== ETH_QINQ && etherType !== ETH_QINQ_OLD) break;
        if (n < off + 4) return -1;
        etherType = (d[off + 2]! << 8) | d[off + 3]!;
        off += 4;
      }
      break;
    }
    case LINKTYPE.LINUX_SLL:
      if (n < 16) return -1;
      etherType = (d[14]! << 8) | d[15]!;
      off = 16;
      break;
    case LINKTYPE.LINUX_SLL2:
      if (n < 20) return -1;
      etherType = (d[0]! << 8) | d[1]!;
      off = 20;
      break;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      off = 4;
      etherType = 0;
      break;
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      off = 0;
      break;
    default:
      return -1;
  }
  if (etherType !== 0 && etherType !== ETH_IPV4 && etherType !== ETH_IPV6) return -1;
  if (n < off + 1) return -1;
  const version = d[off]! >> 4;
  if (version === 4) {
    if (n < off + 20) return -1;
    const a =
      ((d[off + 12]! << 24) | (d[off + 13]! << 16) | (d[off + 14]! << 8) | d[off + 15]!) >>> 0;
    const b =
      ((d[off + 16]! << 24) | (d[off + 17]! << 16) | (d[off + 18]! << 8) | d[off + 19]!) >>> 0;
    return mix(a ^ b, a + b);
  }
  if (version === 6) {
    if (n < off + 40) return -1;
    let x = 0;
    let s = 0;
    for (let i = 8; i < 24; i += 4) {
      const a =
        ((d[off + i]! << 24) |
          (d[off + i + 1]! << 16) |
          (d[off + i + 2]! << 8) |
          d[off + i + 3]!) >>>
        0;
      const b =
        ((d[off + i + 16]! << 24) |
          (d[off + i + 17]! << 16) |
          (d[off + i + 18]! << 8) |
          d[off + i + 19]!) >>>
        0;
      x = (x ^ a ^ b) >>> 0;
      s = (s + a + b) >>> 0;
    }
    return mix(x, s);
  }
  return -1;
}

/** True for an Ethernet frame of EtherType ARP (after up to four VLAN tags). */
export function isArpFrame(linkType: number, d: Uint8Array): boolean {
  if (linkType !== LINKTYPE.ETHERNET || d.length < 14) return false;
  let off = 12;
  let etherType = (d[off]! << 8) | d[off + 1]!;
  for (let tags = 0; tags < 4; tags++) {
    if (etherType !== ETH_VLAN && etherType !== ETH_QINQ && etherType !== ETH_QINQ_OLD) break;
    off += 4;
    if (d.length < off + 2) return false;
    etherType = (d[off]! << 8) | d[off + 1]!;
  }
  return etherType === ETH_ARP;
}

/** Symmetric hash of the Ethernet MAC address pair, or -1 when the frame is not Ethernet. */
export function macPairHash(linkType: number, d: Uint8Array): number {
  if (linkType !== LINKTYPE.ETHERNET || d.length < 14) return -1;
  const a = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
  const b = ((d[6]! << 24) | (d[7]! << 16) | (d[8]! << 8) | d[9]!) >>> 0;
  const c = (d[4]! << 8) | d[5]!;
  const e = (d[10]! << 8) | d[11]!;
  return mix((a ^ b ^ c ^ e) >>> 0, (a + b + c + e) >>> 0);
}

/** Address pairs remembered at once; past this, new pairs are dealt by hash. */
export const MAX_SHARD_PAIRS = 1 << 17;
/** Load charged per frame on top of its bytes: the per-packet part of the work. */
const FRAME_LOAD = 64;
/** Capture seconds between sweeps of idle pairs. */
const SWEEP_SEC = 60;

interface PairEntry {
  shard: number;
  lastSec: number;
}

/**
 * Seconds a pair must stay idle before it is forgotten: every flow of it has ended by then, and
 * the sender-fingerprint check (flow/sender-fingerprint.ts) has forgotten the pair's history,
 * so a pair that comes back on another worker finds the same (empty) history there.
 */
export function pairIdleSeconds(flows: Partial<FlowTableOptions> = {}): number {
  const d = FLOW_TABLE_DEFAULTS;
  return (
    Math.max(
      SENDER_FINGERPRINT_DEFAULTS.forgetAfterSec,
      flows.tcpTimeout ?? d.tcpTimeout,
      flows.tcpClosedTimeout ?? d.tcpClosedTimeout,
      flows.udpTimeout ?? d.udpTimeout,
      flows.icmpTimeout ?? d.icmpTimeout,
      flows.otherTimeout ?? d.otherTimeout,
    ) + SWEEP_SEC
  );
}

/**
 * Deals frames to `shards` workers by address pair, balancing load (see the module comment).
 * Deterministic: the same frames in the same order give the same choices. Memory is bounded by
 * {@link MAX_SHARD_PAIRS}; when that many pairs are active, a new pair is dealt by hash.
 */
export class Sharder {
  private readonly pairs = new Map<number, PairEntry>();
  private readonly load: Float64Array;
  private nextSweep = -Infinity;
  private clock = -Infinity;

  constructor(
    readonly shards: number,
    private readonly idleSec: number,
  ) {
    this.load = new Float64Array(shards);
  }

  /** Worker index for a frame of `capLen` bytes captured at second `sec`. */
  shard(linkType: number, d: Uint8Array, capLen: number, sec: number): number {
    if (this.shards === 1) return 0;
    let h = ipPairHash(linkType, d);
    if (h < 0 && isArpFrame(linkType, d)) {
      this.load[0] = (this.load[0] as number) + capLen + FRAME_LOAD;
      return 0;
    }
    if (h < 0) h = macPairHash(linkType, d);
    if (h < 0) return 0;
    // Activity is dated on the flow table's clock, the latest second seen: a capture that steps
    // back in time ages nothing, so a pair is forgotten only once its flows have timed out.
    if (sec > this.clock) this.clock = sec;
    const now = this.clock;
    if (now >= this.nextSweep) this.sweep(now);
    let s: number;
    const e = this.pairs.get(h);
    if (e !== undefined) {
      s = e.shard;
      e.lastSec = now;
    } else if (this.pairs.size < MAX_SHARD_PAIRS) {
      s = 0;
      for (let i = 1; i < this.shards; i++) {
        if ((this.load[i] as number) < (this.load[s] as number)) s = i;
      }
      this.pairs.set(h, { shard: s, lastSec: now });
    } else {
      s = h % this.shards;
    }
    this.load[s] = (this.load[s] as number) + capLen + FRAME_LOAD;
    return s;
  }

  /** Address pairs remembered now. */
  get size(): number {
    return this.pairs.size;
  }

  private sweep(sec: number): void {
    this.nextSweep = sec + SWEEP_SEC;
    const before = sec - this.idleSec;
    for (const [h, e] of this.pairs) if (e.lastSec < before) this.pairs.delete(h);
  }
}

/** Worker index for a frame among `n` workers, by hash of its address pair alone. */
export function shardOf(linkType: number, d: Uint8Array, n: number): number {
  let h = ipPairHash(linkType, d);
  if (h < 0 && isArpFrame(linkType, d)) return 0;
  if (h < 0) h = macPairHash(linkType, d);
  return h < 0 ? 0 : h % n;
}

function mix(x: number, y: number): number {
  // Both inputs are symmetric in the two addresses; a multiply-xorshift spreads them.
  let h = Math.imul(x ^ Math.imul(y, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
