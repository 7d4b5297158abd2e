/**
 * Builders of link/IP/transport headers for tests and synthetic captures: Ethernet (with VLAN
 * tags), IPv4 (options, fragments), IPv6 (extension headers), TCP, UDP, ICMP, with correct
 * checksums unless told otherwise. The checksum here is a deliberately naive implementation,
 * independent of src/decode/net/checksum.ts, so that tests do not check the code against itself.
 */

import type { RawFrame } from '../../src/capture/source.js';

/** Concatenates byte arrays. */
export function cat(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Internet checksum (RFC 1071), computed the slow obvious way. */
export function inetChecksum(...parts: readonly Uint8Array[]): number {
  const all = cat(...parts);
  let sum = 0;
  for (let i = 0; i < all.length; i += 2) {
    sum += ((all[i] ?? 0) << 8) + (all[i + 1] ?? 0);
    while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  }
  return ~sum & 0xffff;
}

/** `a.b.c.d` to 4 bytes. */
export function ip4(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** An IPv6 address in full or `::` form to 16 bytes. */
export function ip6(text: string): Uint8Array {
  const [head = '', tail] = text.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const words = [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t].map((w) =>
    parseInt(w, 16),
  );
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

const u16 = (v: number): Uint8Array => Uint8Array.of((v >> 8) & 0xff, v & 0xff);
const u32 = (v: number): Uint8Array =>
  Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);

/** Ethernet II header + payload; `tags` are VLAN tags [tpid, vid] outermost first. */
export function ether(
  type: number,
  payload: Uint8Array,
  tags: ReadonlyArray<readonly [number, number]> = [],
): Uint8Array {
  const dst = Uint8Array.of(0x00, 0x1b, 0x1b, 0x00, 0x00, 0x02);
  const src = Uint8Array.of(0x00, 0x0e, 0x8c, 0x00, 0x00, 0x01);
  const t = tags.map(([tpid, vid]) => cat(u16(tpid), u16(vid)));
  return cat(dst, src, ...t, u16(type), payload);
}

/** Fields of {@link ipv4}. */
export interface Ipv4Opts {
  src?: string;
  dst?: string;
  proto: number;
  id?: number;
  ttl?: number;
  /** Fragment offset in bytes (multiple of 8). */
  fragOff?: number;
  more?: boolean;
  dontFragment?: boolean;
  options?: Uint8Array;
  /** Total length to write (default: the real one). */
  totalLength?: number;
  /** Checksum to write (default: correct). */
  checksum?: number;
}

/** An IPv4 header (with correct checksum) followed by `payload`. */
export function ipv4(o: Ipv4Opts, payload: Uint8Array): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  const hlen = 20 + opts.length;
  const flags = (o.more ? 0x2000 : 0) | (o.dontFragment ? 0x4000 : 0) | ((o.fragOff ?? 0) >> 3);
  const h = cat(
    Uint8Array.of(0x40 | (hlen >> 2), 0),
    u16(o.totalLength ?? hlen + payload.length),
    u16(o.id ?? 0x1234),
    u16(flags),
    Uint8Array.of(o.ttl ?? 64, o.proto),
    u16(0),
    ip4(o.src ?? '10.0.0.1'),
    ip4(o.dst ?? '10.0.0.2'),
    opts,
  );
  const c = o.checksum ?? inetChecksum(h);
  h[10] = c >> 8;
  h[11] = c & 0xff;
  return cat(h, payload);
}

/** An extension header of {@link ipv6}: next-header value and the header's body (after its first 2 bytes). */
export interface Ipv6Ext {
  type: number;
  body: Uint8Array;
}

/** Fields of {@link ipv6}. */
export interface Ipv6Opts {
  src?: string;
  dst?: string;
  /** Upper-layer protocol after the extension headers. */
  proto: number;
  hopLimit?: number;
  ext?: readonly Ipv6Ext[];
  payloadLength?: number;
}

/** A generic 8-byte-unit extension header (Hop-by-Hop, Destination Options, Routing) with PadN filling. */
export function optionsHeader(type: number, units = 0): Ipv6Ext {
  const len = (units + 1) * 8 - 2;
  const body = new Uint8Array(len);
  body[0] = 1; // PadN
  body[1] = len - 2;
  return { type, body };
}

/** A Fragment header (RFC 8200 4.5). */
export function fragmentHeader(fragOff: number, more: boolean, id: number): Ipv6Ext {
  return { type: 44, body: cat(u16(fragOff | (more ? 1 : 0)), u32(id)) };
}

/** An IPv6 header, extension headers and `payload`. */
export function ipv6(o: Ipv6Opts, payload: Uint8Array): Uint8Array {
  const ext = o.ext ?? [];
  const parts: Uint8Array[] = [];
  for (let i = 0; i < ext.length; i++) {
    const e = ext[i]!;
    const next = i + 1 < ext.length ? ext[i + 1]!.type : o.proto;
    // Fragment header: reserved byte; AH: 4-byte units minus 2; others: 8-byte units minus 1.
    const lenByte =
      e.type === 44 ? 0 : e.type === 51 ? (e.body.length + 2) / 4 - 2 : (e.body.length + 2) / 8 - 1;
    parts.push(cat(Uint8Array.of(next, lenByte), e.body));
  }
  const rest = cat(...parts, payload);
  return cat(
    Uint8Array.of(0x60, 0, 0, 0),
    u16(o.payloadLength ?? rest.length),
    Uint8Array.of(ext.length > 0 ? ext[0]!.type : o.proto, o.hopLimit ?? 64),
    ip6(o.src ?? 'fe80::1'),
    ip6(o.dst ?? 'fe80::2'),
    rest,
  );
}

function pseudo(v6: boolean, src: string, dst: string, proto: number, len: number): Uint8Array {
  return v6
    ? cat(ip6(src), ip6(dst), u32(len), Uint8Array.of(0, 0, 0, proto))
    : cat(ip4(src), ip4(dst), Uint8Array.of(0, proto), u16(len));
}

/** Where a transport header goes, for its pseudo-header checksum. */
export interface Endpoints {
  v6?: boolean;
  src?: string;
  dst?: string;
}

function endpoints(e: Endpoints): [boolean, string, string] {
  const v6 = e.v6 ?? false;
  return [v6, e.src ?? (v6 ? 'fe80::1' : '10.0.0.1'), e.dst ?? (v6 ? 'fe80::2' : '10.0.0.2')];
}

/** Fields of {@link tcp}. */
export interface TcpOpts extends Endpoints {
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: number;
  window?: number;
  options?: Uint8Array;
  checksum?: number;
}

/** A TCP header + payload with a correct checksum for the given endpoints. */
export function tcp(o: TcpOpts, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  const hlen = 20 + opts.length;
  const seg = cat(
    u16(o.sport ?? 40000),
    u16(o.dport ?? 502),
    u32(o.seq ?? 1),
    u32(o.ack ?? 0),
    Uint8Array.of((hlen >> 2) << 4, o.flags ?? 0x18),
    u16(o.window ?? 8192),
    u16(0),
    u16(0),
    opts,
    payload,
  );
  const [v6, s, d] = endpoints(o);
  const c = o.checksum ?? inetChecksum(pseudo(v6, s, d, 6, seg.length), seg);
  seg[16] = c >> 8;
  seg[17] = c & 0xff;
  return seg;
}

/** Fields of {@link udp}. */
export interface UdpOpts extends Endpoints {
  sport?: number;
  dport?: number;
  length?: number;
  checksum?: number;
}

/** A UDP header + payload with a correct checksum. */
export function udp(o: UdpOpts, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const len = 8 + payload.length;
  const dg = cat(u16(o.sport ?? 50000), u16(o.dport ?? 53), u16(o.length ?? len), u16(0), payload);
  const [v6, s, d] = endpoints(o);
  let c = o.checksum ?? inetChecksum(pseudo(v6, s, d, 17, len), dg);
  if (o.checksum === undefined && c === 0) c = 0xffff;
  dg[6] = c >> 8;
  dg[7] = c & 0xff;
  return dg;
}

/** An ICMP (or ICMPv6 when `v6`) message with a correct checksum. */
export function icmp(
  o: Endpoints & { type: number; code?: number; checksum?: number },
  body: Uint8Array,
): Uint8Array {
  const msg = cat(Uint8Array.of(o.type, o.code ?? 0, 0, 0), body);
  const [v6, s, d] = endpoints(o);
  const c =
    o.checksum ?? (v6 ? inetChecksum(pseudo(true, s, d, 58, msg.length), msg) : inetChecksum(msg));
  msg[2] = c >> 8;
  msg[3] = c & 0xff;
  return msg;
}

/** `n` recognisable payload bytes. */
export function bytes(n: number, seed = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + seed) & 0xff;
  return out;
}

/** Options of {@link rawFrame}. */
export interface RawFrameOpts {
  frame?: number;
  tsSec?: number;
  tsNs?: number;
  /** Wire length (default: the data length; more means the snaplen cut the frame). */
  origLen?: number;
}

/** A {@link RawFrame} around `data`, as a capture source would deliver it. */
export function rawFrame(data: Uint8Array, linkType = 1, o: RawFrameOpts = {}): RawFrame {
  return {
    frame: o.frame ?? 1,
    tsSec: o.tsSec ?? 1_700_000_000,
    tsNs: o.tsNs ?? 0,
    linkType,
    capLen: data.length,
    origLen: o.origLen ?? data.length,
    iface: 0,
    data,
  };
}
