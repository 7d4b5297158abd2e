/**
 * Bounded IPv4 and IPv6 fragment reassembly.
 *
 * Specs: RFC 791 3.2 (IPv4 fragmentation, reassembly keyed by source, destination, protocol and
 * identification), RFC 8200 4.5 (IPv6 Fragment header, key: source, destination,
 * identification; fragments other than the last must be multiples of 8 bytes), RFC 5722
 * (overlapping IPv6 fragments), RFC 815 (hole bookkeeping, done here as a sorted sweep).
 *
 * Policy: the first copy of a byte wins (the `first` policy of Novak's "Target-Based
 * Fragmentation Reassembly", 2005, one of those Snort and Suricata offer): what a monitor saw
 * first cannot be rewritten by a later fragment. An overlap that repeats the same bytes is counted
 * (`*.frag_overlap`); one that carries different bytes is an evasion attempt and counted as
 * `*.frag_overlap_conflict`, and the datagram is still reassembled with the first bytes.
 *
 * Bounds (all attacker-controlled, all counted when hit):
 * - datagrams in progress (`*.frag_limit_reached`: the new fragment is not stored);
 * - fragments per datagram (`*.frag_too_many`) and bytes per datagram (`*.frag_pkt_too_large`):
 *   the datagram is dropped;
 * - bytes held by all datagrams together (`*.frag_memcap_reached`): the datagram is dropped;
 * - time: a datagram still incomplete `timeoutSec` of capture time after its first fragment is
 *   dropped (`*.frag_timeout`).
 * A dropped datagram leaves a tombstone until its timeout so that its later fragments are
 * ignored instead of starting it again.
 *
 * Memory: each stored fragment is an explicit copy of its payload (it must outlive the frame),
 * and a completed datagram is one fresh buffer: the header of the fragment at offset 0 followed
 * by the payload. Fragments are rare; the per-packet path of unfragmented traffic never gets here.
 */
import type { Counters } from '../../core/counters.js';
import type { AnomalyCatalog } from '../decoder.js';

/** Limits of the reassembler (see {@link DEFAULT_REASSEMBLY_LIMITS}). */
export interface ReassemblyLimits {
  /** Datagrams being reassembled at once (IPv4 and IPv6 together). */
  readonly maxDatagrams: number;
  /** Fragments kept for one datagram. */
  readonly maxFragments: number;
  /** Largest datagram (header + payload) in bytes; IP cannot express more than 65,535. */
  readonly maxDatagramBytes: number;
  /** Payload bytes held by all datagrams in progress. */
  readonly maxBytes: number;
  /** Seconds of capture time a datagram may stay incomplete. */
  readonly timeoutSec: number;
}

/** Defaults: generous for real traffic (a 64 KiB UDP datagram over a 1500-byte MTU is 45 fragments). */
export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = Object.freeze({
  maxDatagrams: 4_096,
  maxFragments: 256,
  maxDatagramBytes: 65_535,
  maxBytes: 32 * 1024 * 1024,
  timeoutSec: 30,
});

/** The reassembly anomalies of one IP version, named `<prefix>.frag_*`. */
export function fragmentAnomalies(prefix: 'ipv4' | 'ipv6'): AnomalyCatalog {
  return {
    [`${prefix}.frag_overlap`]: {
      description:
        'A fragment overlaps bytes already received for its datagram, with the same content.',
      severity: 'low',
    },
    [`${prefix}.frag_overlap_conflict`]: {
      description:
        'A fragment overlaps bytes already received with different content (evasion attempt); the first bytes are kept.',
      severity: 'high',
    },
    [`${prefix}.frag_pkt_too_large`]: {
      description:
        'Fragments describe a datagram larger than the maximum (65,535 bytes); the datagram is dropped.',
      severity: 'high',
    },
    [`${prefix}.frag_too_many`]: {
      description: 'A datagram arrived in more fragments than the limit; the datagram is dropped.',
      severity: 'medium',
    },
    [`${prefix}.frag_limit_reached`]: {
      description:
        'Too many datagrams were being reassembled at once; a new fragment was not stored.',
      severity: 'medium',
    },
    [`${prefix}.frag_memcap_reached`]: {
      description: 'The memory cap of fragment reassembly was reached; the datagram is dropped.',
      severity: 'medium',
    },
    [`${prefix}.frag_timeout`]: {
      description:
        'A datagram was still incomplete when its reassembly timed out; its fragments are dropped.',
      severity: 'low',
    },
    [`${prefix}.frag_truncated`]: {
      description:
        'A fragment was not captured whole (snaplen), so its datagram cannot be reassembled.',
      severity: 'low',
    },
    [`${prefix}.frag_invalid_length`]: {
      description:
        'A fragment other than the last has a payload that is empty or not a multiple of 8 bytes.',
      severity: 'medium',
    },
    [`${prefix}.frag_end_conflict`]: {
      description:
        'Fragments disagree on where the datagram ends (two last fragments, or data past the end); the datagram is dropped.',
      severity: 'high',
    },
  };
}

/** Counter names of one IP version, built once (no string building per fragment). */
class Names {
  readonly overlap: string;
  readonly conflict: string;
  readonly tooLarge: string;
  readonly tooMany: string;
  readonly limit: string;
  readonly memcap: string;
  readonly timeout: string;
  readonly truncated: string;
  readonly invalidLength: string;
  readonly endConflict: string;
  constructor(p: string) {
    this.overlap = `${p}.frag_overlap`;
    this.conflict = `${p}.frag_overlap_conflict`;
    this.tooLarge = `${p}.frag_pkt_too_large`;
    this.tooMany = `${p}.frag_too_many`;
    this.limit = `${p}.frag_limit_reached`;
    this.memcap = `${p}.frag_memcap_reached`;
    this.timeout = `${p}.frag_timeout`;
    this.truncated = `${p}.frag_truncated`;
    this.invalidLength = `${p}.frag_invalid_length`;
    this.endConflict = `${p}.frag_end_conflict`;
  }
}

const NAMES_V4 = new Names('ipv4');
const NAMES_V6 = new Names('ipv6');

/** One stored fragment: payload bytes [off, end) of the datagram. */
class Fragment {
  constructor(
    readonly off: number,
    readonly end: number,
    readonly data: Uint8Array,
  ) {}
}

/** A datagram in progress (or a tombstone when `dead`). */
class Datagram {
  /** Hash-chain link and timeout-list links. */
  chain: Datagram | null = null;
  older: Datagram | null = null;
  newer: Datagram | null = null;
  /** Fragments in arrival order, and the same sorted by offset. */
  readonly arrived: Fragment[] = [];
  readonly sorted: Fragment[] = [];
  /** Payload length, known once the last fragment (more-fragments clear) arrived; -1 before. */
  total = -1;
  /** Payload bytes stored. */
  bytes = 0;
  /** Largest fragment end stored (overlaps mean the last by offset need not end last). */
  maxEnd = 0;
  /** Copy of the header of the fragment at offset 0, null until it arrives. */
  hdr: Uint8Array | null = null;
  dead = false;
  constructor(
    readonly hash: number,
    readonly version: number,
    readonly proto: number,
    readonly id: number,
    readonly s0: number,
    readonly s1: number,
    readonly s2: number,
    readonly s3: number,
    readonly d0: number,
    readonly d1: number,
    readonly d2: number,
    readonly d3: number,
    readonly firstSec: number,
  ) {}
}

/** Counts kept by the reassembler, for stats and tests. */
export interface ReassemblyStats {
  /** Datagrams in progress (tombstones included). */
  datagrams: number;
  /** Payload bytes held. */
  bytes: number;
  /** Datagrams completed so far. */
  completed: number;
}

const be32 = (b: Uint8Array, o: number): number =>
  (((b[o] as number) << 24) |
    ((b[o + 1] as number) << 16) |
    ((b[o + 2] as number) << 8) |
    (b[o + 3] as number)) >>>
  0;

/**
 * @internal Reassembles IPv4 and IPv6 fragments within {@link ReassemblyLimits}. Used by the
 * IPv4 and IPv6 decoders; one instance per {@link FrameDecoder}.
 */
export class IpReassembler {
  private readonly table = new Map<number, Datagram>();
  private oldest: Datagram | null = null;
  private newest: Datagram | null = null;
  private count = 0;
  private bytes = 0;
  private completed = 0;
  /** Capture time at which the oldest datagram times out (Infinity when none). */
  nextDeadline = Infinity;

  constructor(
    private readonly counters: Counters,
    private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS,
  ) {}

  /**
   * Adds an IPv4 fragment: payload `b[payOff..payEnd)` at byte offset `fragOff` of the
   * datagram; the header is `b[hdrOff..payOff)`. `wirePayLen` is the payload length the header
   * announces (more than `payEnd - payOff` when the snaplen cut it). Returns the reassembled
   * datagram (header of the offset-0 fragment + payload, header fields not yet patched) when
   * this fragment completed it, else null.
   */
  addV4(
    b: Uint8Array,
    hdrOff: number,
    payOff: number,
    payEnd: number,
    wirePayLen: number,
    fragOff: number,
    more: boolean,
    src: number,
    dst: number,
    id: number,
    proto: number,
    nowSec: number,
  ): Uint8Array | null {
    let h = Math.imul(src ^ 0x5bd1e995, 0x01000193) ^ dst;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (id | (proto << 16));
    h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
    h = (h ^ (h >>> 16)) >>> 0;
    let dg = this.table.get(h) ?? null;
    while (dg !== null) {
      if (dg.version === 4 && dg.s0 === src && dg.d0 === dst && dg.id === id && dg.proto === proto)
        break;
      dg = dg.chain;
    }
    if (dg === null) {
      dg = this.create(NAMES_V4, h, 4, proto, id, src, 0, 0, 0, dst, 0, 0, 0, nowSec);
      if (dg === null) return null;
    }
    return this.add(NAMES_V4, dg, b, hdrOff, payOff, payOff, payEnd, wirePayLen, fragOff, more);
  }

  /**
   * Adds an IPv6 fragment; the addresses are read from `b` at `srcOff`/`dstOff` and the header
   * kept for the reassembled datagram is the 40-byte fixed header at `hdrOff`. Otherwise as
   * {@link addV4}.
   */
  addV6(
    b: Uint8Array,
    hdrOff: number,
    payOff: number,
    payEnd: number,
    wirePayLen: number,
    fragOff: number,
    more: boolean,
    id: number,
    nowSec: number,
  ): Uint8Array | null {
    const s = hdrOff + 8;
    const s0 = be32(b, s);
    const s1 = be32(b, s + 4);
    const s2 = be32(b, s + 8);
    const s3 = be32(b, s + 12);
    const d0 = be32(b, s + 16);
    const d1 = be32(b, s + 20);
    const d2 = be32(b, s + 24);
    const d3 = be32(b, s + 28);
    let h = Math.imul(s0 ^ s1 ^ 0x5bd1e995, 0x01000193) ^ s2 ^ s3;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ d0 ^ d1;
    h = Math.imul(h ^ (h >>> 13), 0x297a2d39) ^ d2 ^ d3;
    h = Math.imul(h ^ (h >>> 16), 0x01000193) ^ id;
    h = (h ^ (h >>> 15)) >>> 0;
    let dg = this.table.get(h) ?? null;
    while (dg !== null) {
      if (
        dg.version === 6 &&
        dg.id === id &&
        dg.s0 === s0 &&
        dg.s1 === s1 &&
        dg.s2 === s2 &&
        dg.s3 === s3 &&
        dg.d0 === d0 &&
        dg.d1 === d1 &&
        dg.d2 === d2 &&
        dg.d3 === d3
      ) {
        break;
      }
      dg = dg.chain;
    }
    if (dg === null) {
      dg = this.create(NAMES_V6, h, 6, 0, id, s0, s1, s2, s3, d0, d1, d2, d3, nowSec);
      if (dg === null) return null;
    }
    return this.add(
      NAMES_V6,
      dg,
      b,
      hdrOff,
      hdrOff + 40,
      payOff,
      payEnd,
      wirePayLen,
      fragOff,
      more,
    );
  }

  /** Drops every datagram whose timeout passed at capture time `nowSec`. */
  expire(nowSec: number): void {
    const timeout = this.limits.timeoutSec;
    let dg = this.oldest;
    while (dg !== null && dg.firstSec + timeout <= nowSec) {
      if (!dg.dead) this.counters.inc(dg.version === 4 ? NAMES_V4.timeout : NAMES_V6.timeout);
      this.remove(dg);
      dg = this.oldest;
    }
  }

  /**
   * Drops every datagram in progress (end of a capture): the incomplete ones are counted as
   * `*.frag_timeout`.
   */
  flush(): void {
    this.expire(Infinity);
  }

  /** Current counts. */
  stats(): ReassemblyStats {
    return { datagrams: this.count, bytes: this.bytes, completed: this.completed };
  }

  private create(
    n: Names,
    h: number,
    version: number,
    proto: number,
    id: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
    d0: number,
    d1: number,
    d2: number,
    d3: number,
    nowSec: number,
  ): Datagram | null {
    if (this.count >= this.limits.maxDatagrams) {
      this.expire(nowSec);
      if (this.count >= this.limits.maxDatagrams) {
        this.counters.inc(n.limit);
        return null;
      }
    }
    const dg = new Datagram(h, version, proto, id, s0, s1, s2, s3, d0, d1, d2, d3, nowSec);
    dg.chain = this.table.get(h) ?? null;
    this.table.set(h, dg);
    dg.older = this.newest;
    if (this.newest !== null) this.newest.newer = dg;
    else this.oldest = dg;
    this.newest = dg;
    this.count++;
    if (this.oldest === dg) this.nextDeadline = nowSec + this.limits.timeoutSec;
    return dg;
  }

  /**
   * Stores one fragment of `dg`: header `b[hdrOff..hdrEnd)` (kept from the offset-0 fragment),
   * payload `b[payOff..payEnd)` at datagram offset `fragOff`.
   */
  private add(
    n: Names,
    dg: Datagram,
    b: Uint8Array,
    hdrOff: number,
    hdrEnd: number,
    payOff: number,
    payEnd: number,
    wirePayLen: number,
    fragOff: number,
    more: boolean,
  ): Uint8Array | null {
    if (dg.dead) return null;
    const len = payEnd - payOff;
    if (len < wirePayLen) {
      this.counters.inc(n.truncated);
      this.kill(dg);
      return null;
    }
    const end = fragOff + len;
    const hdrLen = hdrEnd - hdrOff;
    if (hdrLen + end > this.limits.maxDatagramBytes) {
      this.counters.inc(n.tooLarge);
      this.kill(dg);
      return null;
    }
    if (more && (len === 0 || (len & 7) !== 0)) {
      this.counters.inc(n.invalidLength);
      if (len === 0) return null;
    }
    if (!more) {
      if (dg.total < 0) {
        dg.total = end;
        if (dg.maxEnd > end) {
          this.counters.inc(n.endConflict);
          this.kill(dg);
          return null;
        }
      } else if (dg.total !== end) {
        this.counters.inc(n.endConflict);
        this.kill(dg);
        return null;
      }
    } else if (dg.total >= 0 && end > dg.total) {
      this.counters.inc(n.endConflict);
      this.kill(dg);
      return null;
    }
    // Overlaps: compare against every stored fragment (bounded by maxFragments).
    let overlap = false;
    let conflict = false;
    const sorted = dg.sorted;
    for (let i = 0; i < sorted.length; i++) {
      const f = sorted[i] as Fragment;
      if (f.off >= end) break;
      const lo = f.off > fragOff ? f.off : fragOff;
      const hi = f.end < end ? f.end : end;
      if (lo >= hi) continue;
      overlap = true;
      if (!conflict) {
        const fd = f.data;
        for (let k = lo; k < hi; k++) {
          if (fd[k - f.off] !== b[payOff + k - fragOff]) {
            conflict = true;
            break;
          }
        }
      }
    }
    if (overlap) this.counters.inc(conflict ? n.conflict : n.overlap);
    if (dg.arrived.length >= this.limits.maxFragments) {
      this.counters.inc(n.tooMany);
      this.kill(dg);
      return null;
    }
    if (this.bytes + len > this.limits.maxBytes) {
      this.counters.inc(n.memcap);
      this.kill(dg);
      return null;
    }
    // Explicit copies: the frame buffer is reused after this packet.
    const frag = new Fragment(fragOff, end, b.slice(payOff, payEnd));
    dg.arrived.push(frag);
    let i = sorted.length;
    while (i > 0 && (sorted[i - 1] as Fragment).off > fragOff) i--;
    sorted.splice(i, 0, frag);
    dg.bytes += len;
    this.bytes += len;
    if (end > dg.maxEnd) dg.maxEnd = end;
    if (fragOff === 0 && dg.hdr === null) dg.hdr = b.slice(hdrOff, hdrEnd);
    if (dg.total < 0 || dg.hdr === null) return null;
    let reach = 0;
    for (let k = 0; k < sorted.length; k++) {
      const f = sorted[k] as Fragment;
      if (f.off > reach) return null;
      if (f.end > reach) reach = f.end;
    }
    if (reach < dg.total) return null;
    const hdr = dg.hdr;
    const out = new Uint8Array(hdr.length + dg.total);
    out.set(hdr, 0);
    // Reverse arrival order, so the first copy of every byte is written last and wins.
    const arrived = dg.arrived;
    for (let k = arrived.length - 1; k >= 0; k--) {
      const f = arrived[k] as Fragment;
      out.set(f.data, hdr.length + f.off);
    }
    this.completed++;
    this.remove(dg);
    return out;
  }

  /** Drops a datagram's data and leaves a tombstone until its timeout. */
  private kill(dg: Datagram): void {
    dg.dead = true;
    this.bytes -= dg.bytes;
    dg.bytes = 0;
    dg.arrived.length = 0;
    dg.sorted.length = 0;
    dg.hdr = null;
  }

  private remove(dg: Datagram): void {
    this.bytes -= dg.bytes;
    dg.bytes = 0;
    let p = this.table.get(dg.hash) ?? null;
    if (p === dg) {
      if (dg.chain === null) this.table.delete(dg.hash);
      else this.table.set(dg.hash, dg.chain);
    } else {
      while (p !== null && p.chain !== dg) p = p.chain;
      if (p !== null) p.chain = dg.chain;
    }
    if (dg.older !== null) dg.older.newer = dg.newer;
    else this.oldest = dg.newer;
    if (dg.newer !== null) dg.newer.older = dg.older;
    else this.newest = dg.older;
    dg.older = null;
    dg.newer = null;
    dg.chain = null;
    this.count--;
    this.nextDeadline =
      this.oldest === null ? Infinity : this.oldest.firstSec + this.limits.timeoutSec;
  }
}
