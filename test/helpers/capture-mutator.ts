/**
 * Structure-aware mutation of real captures for whole-pipeline fuzzing
 * (test/e2e/hostile.test.ts). A capture is loaded once into records; each mutant is a copy with
 * a few mutations that target what the pipeline trusts:
 *
 * - header fields found by walking the frame (link header, IPv4/IPv6, TCP/UDP, Modbus MBAP):
 *   versions, header and total lengths, fragment offsets and flags, protocol numbers, ports,
 *   TCP sequence and acknowledgement numbers, data offset, flags, UDP length, MBAP
 *   transaction id, protocol id, length, unit id and function code; set to boundary values,
 *   nudged, or randomised;
 * - bit flips anywhere in the frame, payload included;
 * - records truncated (as a snaplen would), deleted, duplicated, reordered, flooded, and their
 *   time moved back or far forward (flow timeouts in the middle of a conversation);
 * - TCP segments split in two (the halves possibly swapped or overlapping with other bytes) and
 *   IPv4 and IPv6 packets cut into 2 to 5 fragments (overlapping, repeated, out of order);
 * - random garbage records and, at the file level, truncation.
 *
 * Checksums are recomputed after a mutation most of the time: the pipeline ignores segments with
 * a bad TCP checksum for reassembly, so mutated payload must carry a valid one to reach the
 * application decoders, as a crafted attack would.
 *
 * Output is classic pcap or pcapng; every choice comes from the {@link Prng} so a mutant is
 * reproduced from the seed and its index.
 */
import { BytesSource } from '../../src/capture/index.js';
import type { Prng } from './prng.js';
import { PcapngBuilder, buildPcap } from './pcap-builder.js';

/** One captured frame, as the mutator keeps it. */
export interface CapRecord {
  tsSec: number;
  /** Microseconds within the second. */
  tsUs: number;
  data: Uint8Array;
  origLen: number;
}

/** A capture loaded for mutation (one link type). */
export interface BaseCapture {
  name: string;
  linkType: number;
  records: CapRecord[];
}

/** A mutant: its bytes and the mutations that made it (for failure messages and reduction). */
export interface Mutant {
  base: string;
  format: 'pcap' | 'pcapng';
  ops: string[];
  bytes: Uint8Array;
}

/**
 * Loads the first `maxRecords` frames of a pcap or pcapng file (copied) through the project's
 * capture reader; frames of another link type than the first are left out.
 */
export function loadCapture(name: string, bytes: Uint8Array, maxRecords = Infinity): BaseCapture {
  const records: CapRecord[] = [];
  let linkType = -1;
  new BytesSource(name, bytes).readSync((f) => {
    if (linkType === -1) linkType = f.linkType;
    if (f.linkType !== linkType || records.length >= maxRecords) return;
    records.push({
      tsSec: f.tsSec,
      tsUs: Math.floor(f.tsNs / 1000),
      data: f.data.slice(),
      origLen: f.origLen,
    });
  });
  return { name, linkType, records };
}

/** Where the layers of one frame start; -1 when absent. */
export interface Layout {
  ip: number;
  ipVersion: number;
  /** End of the IP datagram within the captured bytes. */
  ipEnd: number;
  ipProto: number;
  l4: number;
  /** Application payload offset (TCP/UDP), -1 when none. */
  pay: number;
}

const be16 = (d: Uint8Array, o: number): number => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
const be32 = (d: Uint8Array, o: number): number => ((be16(d, o) << 16) | be16(d, o + 2)) >>> 0;
function put16(d: Uint8Array, o: number, v: number): void {
  if (o + 2 > d.length) return;
  d[o] = (v >>> 8) & 0xff;
  d[o + 1] = v & 0xff;
}
function put32(d: Uint8Array, o: number, v: number): void {
  put16(d, o, (v >>> 16) & 0xffff);
  put16(d, o + 2, v & 0xffff);
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TPIDS = new Set([0x8100, 0x88a8, 0x9100]);

/** Offset of the IP header for the link types of the shared captures, or -1. */
function ipOffset(linkType: number, d: Uint8Array): number {
  let off: number;
  let et: number;
  switch (linkType) {
    case 1: // Ethernet, possibly VLAN-tagged
      if (d.length < 14) return -1;
      off = 14;
      et = be16(d, 12);
      while (VLAN_TPIDS.has(et) && d.length >= off + 4) {
        et = be16(d, off + 2);
        off += 4;
      }
      return et === ETHERTYPE_IPV4 || et === ETHERTYPE_IPV6 ? off : -1;
    case 0: // BSD loopback
    case 108:
      return d.length > 4 ? 4 : -1;
    case 101: // raw IP
    case 228:
    case 229:
      return 0;
    case 113: // Linux cooked v1
      return d.length > 16 && (be16(d, 14) === ETHERTYPE_IPV4 || be16(d, 14) === ETHERTYPE_IPV6)
        ? 16
        : -1;
    case 276: // Linux cooked v2
      return d.length > 20 && (be16(d, 0) === ETHERTYPE_IPV4 || be16(d, 0) === ETHERTYPE_IPV6)
        ? 20
        : -1;
    default:
      return -1;
  }
}

/** Walks a frame to its IP, transport and payload offsets (as far as the bytes allow). */
export function layout(linkType: number, d: Uint8Array): Layout {
  const out: Layout = { ip: -1, ipVersion: 0, ipEnd: -1, ipProto: -1, l4: -1, pay: -1 };
  const ip = ipOffset(linkType, d);
  if (ip < 0 || d.length < ip + 20) return out;
  const v = (d[ip] ?? 0) >> 4;
  out.ip = ip;
  out.ipVersion = v;
  if (v === 4) {
    const ihl = ((d[ip] ?? 0) & 15) * 4;
    const total = be16(d, ip + 2);
    out.ipEnd = Math.min(d.length, ip + Math.max(total, ihl));
    out.ipProto = d[ip + 9] ?? 0;
    // Only first fragments carry the transport header.
    if (ihl < 20 || (be16(d, ip + 6) & 0x1fff) !== 0) return out;
    out.l4 = ip + ihl;
  } else if (v === 6) {
    if (d.length < ip + 40) return out;
    out.ipEnd = Math.min(d.length, ip + 40 + be16(d, ip + 4));
    out.ipProto = d[ip + 6] ?? 0;
    out.l4 = ip + 40;
  } else return out;
  if (out.ipProto === 6 && out.l4 + 20 <= out.ipEnd) {
    out.pay = Math.min(out.ipEnd, out.l4 + ((d[out.l4 + 12] ?? 0) >> 4) * 4);
  } else if (out.ipProto === 17 && out.l4 + 8 <= out.ipEnd) out.pay = out.l4 + 8;
  return out;
}

function sum16(d: Uint8Array, from: number, to: number, acc: number): number {
  let s = acc;
  let i = from;
  for (; i + 1 < to; i += 2) s += ((d[i] ?? 0) << 8) | (d[i + 1] ?? 0);
  if (i < to) s += (d[i] ?? 0) << 8;
  return s;
}
function fold(s: number): number {
  let x = s;
  while (x > 0xffff) x = (x & 0xffff) + Math.floor(x / 0x10000);
  return ~x & 0xffff;
}

/** Rewrites the IPv4 header checksum and the TCP/UDP checksum (when the segment is whole). */
export function fixChecksums(linkType: number, d: Uint8Array): void {
  const L = layout(linkType, d);
  if (L.ip < 0) return;
  if (L.ipVersion === 4) {
    const ihl = ((d[L.ip] ?? 0) & 15) * 4;
    if (ihl >= 20 && L.ip + ihl <= d.length) {
      put16(d, L.ip + 10, 0);
      put16(d, L.ip + 10, fold(sum16(d, L.ip, L.ip + ihl, 0)));
    }
  }
  if (L.l4 < 0 || L.pay < 0) return;
  const declaredEnd = L.ipVersion === 4 ? L.ip + be16(d, L.ip + 2) : L.ip + 40 + be16(d, L.ip + 4);
  if (declaredEnd > d.length || declaredEnd <= L.l4) return;
  const csumOff = L.ipProto === 6 ? L.l4 + 16 : L.l4 + 6;
  if (csumOff + 2 > declaredEnd) return;
  let s = L.ipProto + (declaredEnd - L.l4);
  if (L.ipVersion === 4) s = sum16(d, L.ip + 12, L.ip + 20, s);
  else s = sum16(d, L.ip + 8, L.ip + 40, s);
  put16(d, csumOff, 0);
  let c = fold(sum16(d, L.l4, declaredEnd, s));
  if (L.ipProto === 17 && c === 0) c = 0xffff;
  put16(d, csumOff, c);
}

/** A mutable field of a frame: offset and size in bytes. */
interface Slot {
  off: number;
  size: 1 | 2 | 4;
  what: string;
}

/**
 * The header fields of a frame worth mutating. A field listed twice is drawn twice as often: TCP
 * sequence numbers and flags, the MBAP length and the function code steer the most code.
 */
function slots(linkType: number, d: Uint8Array): Slot[] {
  const L = layout(linkType, d);
  const out: Slot[] = [];
  const add = (off: number, size: 1 | 2 | 4, what: string): void => {
    if (off >= 0 && off + size <= d.length) out.push({ off, size, what });
  };
  if (linkType === 1) add(12, 2, 'ethertype');
  if (L.ip < 0) return out;
  if (L.ipVersion === 4) {
    add(L.ip, 1, 'ipv4.ver_ihl');
    add(L.ip + 2, 2, 'ipv4.total_len');
    add(L.ip + 4, 2, 'ipv4.id');
    add(L.ip + 6, 2, 'ipv4.flags_frag_off');
    add(L.ip + 9, 1, 'ipv4.proto');
    add(L.ip + 12, 4, 'ipv4.src');
    add(L.ip + 16, 4, 'ipv4.dst');
  } else {
    add(L.ip, 1, 'ipv6.version');
    add(L.ip + 4, 2, 'ipv6.payload_len');
    add(L.ip + 6, 1, 'ipv6.next_header');
    add(L.ip + 36, 4, 'ipv6.dst_low');
  }
  if (L.l4 < 0) return out;
  if (L.ipProto === 6) {
    add(L.l4, 2, 'tcp.sport');
    add(L.l4 + 2, 2, 'tcp.dport');
    add(L.l4 + 4, 4, 'tcp.seq');
    add(L.l4 + 4, 4, 'tcp.seq');
    add(L.l4 + 8, 4, 'tcp.ack');
    add(L.l4 + 12, 1, 'tcp.data_off');
    add(L.l4 + 13, 1, 'tcp.flags');
    add(L.l4 + 13, 1, 'tcp.flags');
    add(L.l4 + 14, 2, 'tcp.window');
    const doff = ((d[L.l4 + 12] ?? 0) >> 4) * 4;
    if (doff > 20) add(L.l4 + 20 + ((d[L.l4 + 13] ?? 0) % (doff - 20)), 1, 'tcp.option');
  } else if (L.ipProto === 17) {
    add(L.l4, 2, 'udp.sport');
    add(L.l4 + 2, 2, 'udp.dport');
    add(L.l4 + 4, 2, 'udp.len');
  }
  if (L.pay < 0 || L.pay >= L.ipEnd) return out;
  const payLen = L.ipEnd - L.pay;
  const modbus = L.ipProto === 6 && (be16(d, L.l4) === 502 || be16(d, L.l4 + 2) === 502);
  if (modbus && payLen >= 8) {
    // MBAP header (MODBUS Messaging on TCP/IP V1.0b section 3.1.3) and the PDU's first bytes.
    add(L.pay, 2, 'mbap.transaction_id');
    add(L.pay + 2, 2, 'mbap.protocol_id');
    add(L.pay + 4, 2, 'mbap.length');
    add(L.pay + 4, 2, 'mbap.length');
    add(L.pay + 6, 1, 'mbap.unit_id');
    add(L.pay + 7, 1, 'modbus.function_code');
    add(L.pay + 7, 1, 'modbus.function_code');
    if (payLen > 8)
      add(L.pay + 8 + (payLen > 9 ? (d[L.pay] ?? 0) % (payLen - 9) : 0), 2, 'modbus.data');
  }
  add(L.pay + ((d[L.pay + 1] ?? 0) % payLen), 1, 'payload');
  return out;
}

/** A boundary, nudged or random value for a field of `size` bytes holding `v`. */
function fieldValue(rng: Prng, size: 1 | 2 | 4, v: number): number {
  const max = size === 4 ? 0xffffffff : (1 << (8 * size)) - 1;
  const mask = (x: number): number => (size === 4 ? x >>> 0 : x & max);
  switch (rng.int(9)) {
    case 0:
      return 0;
    case 1:
      return max;
    case 2:
      return mask(1 << (8 * size - 1));
    case 3:
      return mask(v + rng.range(1, 16));
    case 4:
      return mask(v - rng.range(1, 16));
    case 5:
      return mask(rng.range(0, 64));
    case 6:
      return size === 4
        ? mask(v + rng.pick([65_536, 1 << 20, 0x7fffffff, 0x80000000]))
        : mask(v ^ (1 << rng.int(8 * size)));
    case 7:
      return mask(max - rng.int(16));
    default:
      return size === 4 ? rng.u32() : rng.int(max + 1);
  }
}

function writeField(d: Uint8Array, s: Slot, v: number): void {
  if (s.size === 1) d[s.off] = v & 0xff;
  else if (s.size === 2) put16(d, s.off, v);
  else put32(d, s.off, v);
}
function readField(d: Uint8Array, s: Slot): number {
  return s.size === 1 ? (d[s.off] ?? 0) : s.size === 2 ? be16(d, s.off) : be32(d, s.off);
}

const copyRec = (r: CapRecord, data = r.data.slice()): CapRecord => ({ ...r, data });

/** Splits a TCP segment with payload into two; null when the record has none. */
function splitTcp(linkType: number, r: CapRecord, rng: Prng): CapRecord[] | null {
  const d = r.data;
  const L = layout(linkType, d);
  if (L.ipProto !== 6 || L.pay < 0 || L.ipEnd - L.pay < 2) return null;
  const n = L.ipEnd - L.pay;
  const k = rng.range(1, n - 1);
  const head = d.subarray(0, L.pay);
  const a = new Uint8Array(L.pay + k);
  a.set(head);
  a.set(d.subarray(L.pay, L.pay + k), L.pay);
  const b = new Uint8Array(L.pay + (n - k));
  b.set(head);
  b.set(d.subarray(L.pay + k, L.ipEnd), L.pay);
  // The second half: its sequence number moves by k, or, sometimes, overlaps the first half
  // with different bytes (first-wins reassembly must keep the first).
  const overlap = rng.chance(0.2) ? rng.range(1, k) : 0;
  put32(b, L.l4 + 4, (be32(d, L.l4 + 4) + k - overlap) >>> 0);
  if (overlap > 0)
    for (let i = 0; i < Math.min(overlap, n - k); i++) b[L.pay + i] = rng.u32() & 0xff;
  for (const [x, len] of [
    [a, k],
    [b, n - k],
  ] as const) {
    if (L.ipVersion === 4) put16(x, L.ip + 2, L.pay - L.ip + len);
    else put16(x, L.ip + 4, L.pay - L.ip - 40 + len);
    fixChecksums(linkType, x);
  }
  const ra = { ...r, data: a, origLen: a.length };
  const rb = { ...r, data: b, origLen: b.length };
  return rng.chance(0.3) ? [rb, ra] : [ra, rb];
}

/**
 * Byte ranges [from, to) of a datagram payload of `n` bytes for 2 to 5 fragments: cut at
 * multiples of 8, each piece after the first sometimes starting 8 or 16 bytes early (an
 * overlap), sometimes with one piece sent twice or an 8-byte piece inside another, in a
 * shuffled order.
 */
function fragmentPlan(n: number, rng: Prng): Array<[number, number]> {
  const cuts = new Set<number>();
  const want = rng.range(1, 4);
  for (let i = 0; i < want; i++) cuts.add(8 * rng.range(1, Math.floor((n - 1) / 8)));
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), n];
  const pieces: Array<[number, number]> = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as number;
    const early = i > 0 && rng.chance(0.25) ? 8 * rng.range(1, 2) : 0;
    pieces.push([Math.max(0, from - early), bounds[i + 1] as number]);
  }
  if (rng.chance(0.15)) pieces.push(rng.pick(pieces));
  // A piece inside another one (Ptacek and Newsham's overlap evasions): 8 bytes from within.
  const outer = rng.pick(pieces);
  if (outer[1] - outer[0] >= 24 && rng.chance(0.3)) {
    const from = outer[0] + 8 * rng.range(1, Math.floor((outer[1] - outer[0] - 16) / 8));
    pieces.push([from, from + 8]);
  }
  for (let i = pieces.length - 1; i > 0 && rng.chance(0.5); i--) {
    const j = rng.int(i + 1);
    const t = pieces[i] as [number, number];
    pieces[i] = pieces[j] as [number, number];
    pieces[j] = t;
  }
  return pieces;
}

/**
 * Cuts an IP packet into fragments ({@link fragmentPlan}); IPv6 gets a Fragment header (RFC 8200
 * section 4.5) after the fixed header. The piece ending the datagram has MF clear, the others
 * set (but one in ten plans has a piece that lies); sometimes a piece carries different bytes.
 * Null when the packet is unfit.
 */
function fragment(linkType: number, r: CapRecord, rng: Prng): CapRecord[] | null {
  const d = r.data;
  const L = layout(linkType, d);
  if (L.l4 < 0 || (L.ipVersion !== 4 && L.ipVersion !== 6)) return null;
  const n = L.ipEnd - L.l4;
  if (n < 16) return null;
  const v6 = L.ipVersion === 6;
  const id = rng.u32();
  const out: CapRecord[] = [];
  const plan = fragmentPlan(n, rng);
  // Sometimes a piece in the middle claims to be the last one (MF clear): the datagram then
  // ends before bytes other fragments already hold.
  const liar = rng.chance(0.1) ? rng.int(plan.length) : -1;
  for (let k = 0; k < plan.length; k++) {
    const [from, to] = plan[k] as [number, number];
    const more = to < n && k !== liar;
    const fh = v6 ? 8 : 0;
    const x = new Uint8Array(L.l4 + fh + (to - from));
    x.set(d.subarray(0, L.l4));
    x.set(d.subarray(L.l4 + from, L.l4 + to), L.l4 + fh);
    if (v6) {
      x[L.ip + 6] = 44; // Next Header: Fragment
      put16(x, L.ip + 4, fh + (to - from)); // Payload Length
      x[L.l4] = L.ipProto; // Fragment header: Next Header
      x[L.l4 + 1] = 0; // Reserved
      put16(x, L.l4 + 2, (from & 0xfff8) | (more ? 1 : 0)); // Fragment Offset (8-octet units), M
      put32(x, L.l4 + 4, id); // Identification
    } else {
      put16(x, L.ip + 2, L.l4 - L.ip + (to - from)); // Total Length
      put16(x, L.ip + 6, (be16(d, L.ip + 6) & 0x4000) | (more ? 0x2000 : 0) | (from >> 3)); // DF, MF, offset
    }
    if (to > from && rng.chance(0.1)) x[L.l4 + fh] = (x[L.l4 + fh] ?? 0) ^ 0xff; // conflicting bytes
    fixChecksums(linkType, x);
    out.push({ ...r, data: x, origLen: x.length });
  }
  return out;
}

/** Names of the record-level mutations, for failure messages. */
const OPS = [
  'field',
  'field',
  'field',
  'field',
  'field',
  'bitflip',
  'bitflip',
  'truncate-record',
  'duplicate',
  'delete',
  'swap',
  'move',
  'split-tcp',
  'split-tcp',
  'fragment',
  'fragment',
  'time-jump',
  'time-back',
  'garbage',
  'flood',
] as const;

/**
 * Builds a mutant of `base` from the generator's next draws: 1 to `maxOps` mutations, then 1 in 4
 * written as pcapng, 1 in 20 cut short. The records of `base` are never modified.
 */
export function mutate(base: BaseCapture, rng: Prng, maxOps = 6): Mutant {
  const lt = base.linkType;
  const ops: string[] = [];
  // Many real captures were taken on hosts with checksum offload, so their TCP checksums are
  // wrong and the reassembler (rightly) ignores those segments; mostly start from repaired
  // copies so that the mutations reach the application decoders.
  const repair = rng.chance(0.7);
  const recs: CapRecord[] = repair
    ? base.records.map((r) => {
        const c = copyRec(r);
        fixChecksums(lt, c.data);
        return c;
      })
    : base.records.slice();
  if (repair) ops.push('checksums repaired');
  const nOps = rng.range(1, maxOps);
  const pickIndex = (): number => rng.int(recs.length);
  for (let i = 0; i < nOps && recs.length > 0; i++) {
    const op = rng.pick(OPS);
    const at = pickIndex();
    const r = recs[at] as CapRecord;
    switch (op) {
      case 'field': {
        const s = slots(lt, r.data);
        if (s.length === 0) continue;
        const slot = rng.pick(s);
        const c = copyRec(r);
        const v = fieldValue(rng, slot.size, readField(c.data, slot));
        writeField(c.data, slot, v);
        if (rng.chance(0.9)) fixChecksums(lt, c.data);
        recs[at] = c;
        ops.push(`field ${slot.what}=${v} @${at + 1}`);
        break;
      }
      case 'bitflip': {
        if (r.data.length === 0) continue;
        const c = copyRec(r);
        const flips = rng.range(1, 4);
        for (let f = 0; f < flips; f++) {
          const o = rng.int(c.data.length);
          c.data[o] = (c.data[o] ?? 0) ^ (1 << rng.int(8));
        }
        if (rng.chance(0.7)) fixChecksums(lt, c.data);
        recs[at] = c;
        ops.push(`bitflip x${flips} @${at + 1}`);
        break;
      }
      case 'truncate-record': {
        const len = rng.int(r.data.length + 1);
        recs[at] = {
          ...r,
          data: r.data.subarray(0, len),
          origLen: rng.chance(0.7) ? r.origLen : len,
        };
        ops.push(`truncate-record to ${len} @${at + 1}`);
        break;
      }
      case 'duplicate': {
        const to = rng.chance(0.5) ? at + 1 : rng.int(recs.length + 1);
        recs.splice(to, 0, r);
        ops.push(`duplicate @${at + 1} to ${to + 1}`);
        break;
      }
      case 'delete':
        recs.splice(at, 1);
        ops.push(`delete @${at + 1}`);
        break;
      case 'swap': {
        if (at + 1 >= recs.length) continue;
        recs[at] = recs[at + 1] as CapRecord;
        recs[at + 1] = r;
        ops.push(`swap @${at + 1}`);
        break;
      }
      case 'move': {
        const to = pickIndex();
        recs.splice(at, 1);
        recs.splice(to, 0, r);
        ops.push(`move @${at + 1} to ${to + 1}`);
        break;
      }
      case 'split-tcp': {
        const parts = splitTcp(lt, r, rng);
        if (parts === null) continue;
        recs.splice(at, 1, ...parts);
        ops.push(`split-tcp @${at + 1}`);
        break;
      }
      case 'fragment': {
        const parts = fragment(lt, r, rng);
        if (parts === null) continue;
        recs.splice(at, 1, ...parts);
        ops.push(`fragment x${parts.length} @${at + 1}`);
        break;
      }
      case 'time-jump': {
        const by = rng.pick([61, 301, 3_601, 86_400 * 30]);
        for (let j = at; j < recs.length; j++) {
          const x = recs[j] as CapRecord;
          recs[j] = { ...x, tsSec: Math.min(0xffffffff, x.tsSec + by) };
        }
        ops.push(`time-jump +${by}s from @${at + 1}`);
        break;
      }
      case 'time-back': {
        const by = rng.pick([1, 10, 400, r.tsSec]);
        recs[at] = { ...r, tsSec: Math.max(0, r.tsSec - by) };
        ops.push(`time-back -${by}s @${at + 1}`);
        break;
      }
      case 'garbage': {
        const data = rng.bytes(rng.int(80));
        recs.splice(at, 0, { ...r, data, origLen: data.length });
        ops.push(`garbage ${data.length} bytes @${at + 1}`);
        break;
      }
      case 'flood': {
        // Many copies of one record, each with the next TCP sequence number or IP id: floods of
        // flows, segments and fragments stay bounded by the pipeline's limits.
        const copies = rng.range(20, 200);
        const L = layout(lt, r.data);
        const out: CapRecord[] = [];
        for (let j = 0; j < copies; j++) {
          const c = copyRec(r);
          if (L.ipProto === 6 && L.l4 >= 0 && L.l4 + 8 <= c.data.length) {
            put32(c.data, L.l4 + 4, (be32(c.data, L.l4 + 4) + j * 1000) >>> 0);
          }
          if (L.l4 >= 0 && L.l4 + 2 <= c.data.length && rng.chance(0.5))
            put16(c.data, L.l4, 1024 + j);
          if (L.ipVersion === 4) put16(c.data, L.ip + 4, j);
          fixChecksums(lt, c.data);
          out.push(c);
        }
        recs.splice(at, 0, ...out);
        ops.push(`flood x${copies} @${at + 1}`);
        break;
      }
    }
  }
  const format = rng.chance(0.25) ? 'pcapng' : 'pcap';
  let bytes =
    format === 'pcap'
      ? buildPcap(
          { linkType: lt, littleEndian: rng.chance(0.8), snaplen: 262_144 },
          recs.map((r) => ({ tsSec: r.tsSec, tsFrac: r.tsUs, data: r.data, origLen: r.origLen })),
        )
      : pcapng(lt, recs, rng, ops);
  if (rng.chance(0.05)) {
    const cut = rng.int(bytes.length);
    bytes = bytes.subarray(0, cut);
    ops.push(`truncate-file at ${cut}`);
  }
  return { base: base.name, format, ops, bytes };
}

/**
 * Writes records as pcapng with a random timestamp resolution (if_tsresol: micro, nano, whole
 * seconds, or 2^-20) and, sometimes, a second interface of another link type that some records
 * are filed under (mislabelled traffic).
 */
function pcapng(
  linkType: number,
  recs: readonly CapRecord[],
  rng: Prng,
  ops: string[],
): Uint8Array {
  const resol = rng.pick([6, 6, 9, 0, 0x94]);
  const units = resol & 0x80 ? 1n << BigInt(resol & 0x7f) : 10n ** BigInt(resol);
  const b = new PcapngBuilder()
    .shb({ littleEndian: rng.chance(0.7) })
    .idb(linkType, 262_144, { tsresol: resol });
  const other = rng.chance(0.1) ? rng.pick([0, 1, 101, 113, 276, 228, 229]) : -1;
  if (other >= 0) {
    b.idb(other, 65_535, { tsresol: resol });
    ops.push(`second interface linktype ${other}`);
  }
  ops.push(`if_tsresol ${resol}`);
  for (const r of recs) {
    const ts = BigInt(r.tsSec) * units + (BigInt(r.tsUs) * units) / 1_000_000n;
    b.epb(other >= 0 && rng.chance(0.1) ? 1 : 0, ts, r.data, { origLen: r.origLen });
  }
  return b.bytes();
}
