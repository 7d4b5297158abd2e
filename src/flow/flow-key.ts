/**
 * Flow keys: (vlan, vlanInner, ipVersion, ipProto, addrA, portA, addrB, portB), read from a
 * {@link Packet} into one reused {@link FlowKey} scratch object, and a symmetric hash so both
 * directions of a conversation land in the same bucket.
 *
 * Addresses are four 32-bit words (IPv4: the address and three zeros; IPv6: the big-endian
 * words of the 16 bytes at `src6Off`/`dst6Off` in `pkt.buf`), stored signed (`| 0`) so they stay
 * small integers. Nothing is allocated per packet.
 *
 * ICMP has no ports. As in Zeek (`ICMP4_counterpart`/`ICMP6_counterpart` in `src/IP.cc`), the
 * sender's "port" is the ICMP type and the receiver's is the type of the matching reply, so an
 * echo request (8) and its echo reply (0) form one flow; one-way types use the code instead.
 *
 * The hash is murmur3's 32-bit mixing (Appleby, MurmurHash3 `fmix32` and block mix) over each
 * endpoint, the two endpoint hashes added (addition commutes, so A→B and B→A hash alike), then
 * mixed with the protocol and VLAN ids. A random per-table seed keeps an attacker from aiming
 * many flows at one bucket (hash flooding); output order never depends on the hash.
 */
import type { Flow } from './flow.js';
import type { Packet } from '../decode/packet.js';
import { IpProto } from '../decode/packet.js';

/** Reused scratch key: the packet's endpoints as sent (source first). */
export class FlowKey {
  ipVersion = 0;
  ipProto = 0;
  vlan = -1;
  vlanInner = -1;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  sp = 0;
  dp = 0;
  hash = 0;
}

function pairTable(pairs: readonly (readonly [number, number])[]): Int16Array {
  const t = new Int16Array(256).fill(-1);
  for (const [a, b] of pairs) {
    t[a] = b;
    t[b] = a;
  }
  return t;
}

/** ICMPv4 request/reply pairs: echo, router solicitation/advertisement, timestamp, info, mask. */
const ICMP4_PAIR = pairTable([
  [8, 0],
  [10, 9],
  [13, 14],
  [15, 16],
  [17, 18],
]);
/** ICMPv6 pairs: echo, RS/RA, NS/NA, MLD query/report, node information, home agent discovery. */
const ICMP6_PAIR = pairTable([
  [128, 129],
  [133, 134],
  [135, 136],
  [130, 131],
  [139, 140],
  [144, 145],
]);

function word(b: Uint8Array, o: number): number {
  return (
    ((b[o] as number) << 24) |
    ((b[o + 1] as number) << 16) |
    ((b[o + 2] as number) << 8) |
    (b[o + 3] as number)
  );
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Fills `key` from an IP packet (`pkt.kind` must be IP) and computes its symmetric hash.
 * IPv6 address offsets that do not leave 16 bytes in `pkt.buf` read as zero words.
 */
export function readKey(pkt: Packet, key: FlowKey, seed: number): void {
  const v = pkt.ipVersion;
  const proto = pkt.ipProto;
  key.ipVersion = v;
  key.ipProto = proto;
  key.vlan = pkt.vlan;
  key.vlanInner = pkt.vlanInner;
  let hs: number;
  let hd: number;
  let sp = pkt.srcPort;
  let dp = pkt.dstPort;
  if (proto === IpProto.ICMP || proto === IpProto.ICMPV6) {
    const t = pkt.icmpType;
    if (t >= 0 && t <= 255) {
      const pair = (proto === IpProto.ICMP ? ICMP4_PAIR : ICMP6_PAIR)[t] as number;
      sp = t;
      dp = pair >= 0 ? pair : pkt.icmpCode & 0xff;
    } else {
      sp = 0;
      dp = 0;
    }
  }
  key.sp = sp;
  key.dp = dp;
  if (v === 6) {
    const b = pkt.buf;
    const so = pkt.src6Off;
    const dO = pkt.dst6Off;
    const sOk = so >= 0 && so + 16 <= b.length;
    const dOk = dO >= 0 && dO + 16 <= b.length;
    const s0 = sOk ? word(b, so) : 0;
    const s1 = sOk ? word(b, so + 4) : 0;
    const s2 = sOk ? word(b, so + 8) : 0;
    const s3 = sOk ? word(b, so + 12) : 0;
    const d0 = dOk ? word(b, dO) : 0;
    const d1 = dOk ? word(b, dO + 4) : 0;
    const d2 = dOk ? word(b, dO + 8) : 0;
    const d3 = dOk ? word(b, dO + 12) : 0;
    key.s0 = s0;
    key.s1 = s1;
    key.s2 = s2;
    key.s3 = s3;
    key.d0 = d0;
    key.d1 = d1;
    key.d2 = d2;
    key.d3 = d3;
    hs = fmix(mix(mix(mix(mix(mix(seed, sp), s0), s1), s2), s3));
    hd = fmix(mix(mix(mix(mix(mix(seed, dp), d0), d1), d2), d3));
  } else {
    const s0 = pkt.src4 | 0;
    const d0 = pkt.dst4 | 0;
    key.s0 = s0;
    key.s1 = 0;
    key.s2 = 0;
    key.s3 = 0;
    key.d0 = d0;
    key.d1 = 0;
    key.d2 = 0;
    key.d3 = 0;
    hs = fmix(mix(mix(seed, sp), s0));
    hd = fmix(mix(mix(seed, dp), d0));
  }
  const h = mix(mix((hs + hd) | 0, proto | (v << 8) | ((pkt.vlan + 1) << 12)), pkt.vlanInner + 1);
  key.hash = fmix(h);
}

/** Key match result: not this flow, sent by the initiator, or sent by the responder. */
export const NO_MATCH = 0;
export const FROM_ORIG = 1;
export const FROM_RESP = 2;

/** Compares `key` with a flow's key (hash first), in both directions. */
export function matchKey(f: Flow, key: FlowKey): number {
  if (
    f.hash !== key.hash ||
    f.ipProto !== key.ipProto ||
    f.ipVersion !== key.ipVersion ||
    f.vlan !== key.vlan ||
    f.vlanInner !== key.vlanInner
  ) {
    return NO_MATCH;
  }
  if (
    f.origA0 === key.s0 &&
    f.respA0 === key.d0 &&
    f.origPort === key.sp &&
    f.respPort === key.dp &&
    f.origA1 === key.s1 &&
    f.origA2 === key.s2 &&
    f.origA3 === key.s3 &&
    f.respA1 === key.d1 &&
    f.respA2 === key.d2 &&
    f.respA3 === key.d3
  ) {
    return FROM_ORIG;
  }
  if (
    f.origA0 === key.d0 &&
    f.respA0 === key.s0 &&
    f.origPort === key.dp &&
    f.respPort === key.sp &&
    f.origA1 === key.d1 &&
    f.origA2 === key.d2 &&
    f.origA3 === key.d3 &&
    f.respA1 === key.s1 &&
    f.respA2 === key.s2 &&
    f.respA3 === key.s3
  ) {
    return FROM_RESP;
  }
  return NO_MATCH;
}

/** Writes the key's endpoints into a new flow: source as initiator, or reversed. */
export function setFlowKey(f: Flow, key: FlowKey, srcIsOrig: boolean): void {
  f.hash = key.hash;
  f.ipProto = key.ipProto;
  f.ipVersion = key.ipVersion;
  f.vlan = key.vlan;
  f.vlanInner = key.vlanInner;
  if (srcIsOrig) {
    f.origA0 = key.s0;
    f.origA1 = key.s1;
    f.origA2 = key.s2;
    f.origA3 = key.s3;
    f.respA0 = key.d0;
    f.respA1 = key.d1;
    f.respA2 = key.d2;
    f.respA3 = key.d3;
    f.origPort = key.sp;
    f.respPort = key.dp;
  } else {
    f.origA0 = key.d0;
    f.origA1 = key.d1;
    f.origA2 = key.d2;
    f.origA3 = key.d3;
    f.respA0 = key.s0;
    f.respA1 = key.s1;
    f.respA2 = key.s2;
    f.respA3 = key.s3;
    f.origPort = key.dp;
    f.respPort = key.sp;
  }
}
