/**
 * Hand-built {@link Packet} records for flow-layer tests: the fields a decoder would fill, set
 * directly, with the payload (and IPv6 addresses) placed in `buf` at the offsets the record
 * names. No real headers are written: the flow layer reads only the record and the payload.
 *
 * Layout of `buf`: [IP header area][transport header area][payload]. IPv4: l3Off 0, l4Off 20;
 * IPv6: l3Off 0, addresses at 8 and 24, l4Off 40. TCP headers take 20 bytes, UDP and ICMP 8, so
 * `payOff + payWireLen - l3Off` is the IP total length, as for decoded packets.
 */
import { BadChecksum, IpProto, Packet, PacketKind, TcpFlag } from '../../src/decode/packet.js';

/** Fields of a hand-built packet; everything has a default. */
export interface PacketSpec {
  frame?: number;
  sec?: number;
  ns?: number;
  /** Dotted quad or IPv6 text (IPv6 when it contains ':'). */
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  proto?: 'tcp' | 'udp' | 'icmp' | 'icmp6' | number;
  /** TCP flags as letters: S SYN, A ACK, F FIN, R RST, P PSH (e.g. 'SA', 'PA', 'FA'). */
  flags?: string;
  seq?: number;
  ack?: number;
  window?: number;
  /** Captured payload (a string is taken as latin1). */
  data?: Uint8Array | string;
  /** Payload length on the wire, when larger than `data` (snaplen cut). */
  wireLen?: number;
  vlan?: number;
  vlanInner?: number;
  icmpType?: number;
  icmpCode?: number;
  /** {@link BadChecksum} bits. */
  bad?: number;
  /**
   * Ethernet source address (`02:00:00:00:00:0a`): the record then has MAC addresses
   * (`macOff` 0 in a 14-byte Ethernet header of its own `data`; the payload stays in `buf`).
   */
  srcMac?: string;
  /** Reuse this record (and its shape) instead of a new one. */
  into?: Packet;
}

/** IPv4 text to an unsigned 32-bit number. */
export function v4(text: string): number {
  const p = text.split('.').map(Number);
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}

/** IPv6 text (with optional '::') to 16 bytes. */
export function v6(text: string): Uint8Array {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const w = parseInt(g, 16);
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** Bytes of a latin1 string. */
export function bytesOf(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

/** TCP flag letters to the flags byte. */
export function tcpFlags(letters: string): number {
  let f = 0;
  for (const c of letters) {
    if (c === 'S') f |= TcpFlag.SYN;
    else if (c === 'A') f |= TcpFlag.ACK;
    else if (c === 'F') f |= TcpFlag.FIN;
    else if (c === 'R') f |= TcpFlag.RST;
    else if (c === 'P') f |= TcpFlag.PSH;
    else if (c === 'U') f |= TcpFlag.URG;
  }
  return f;
}

/** Builds (or refills) a decoded IP packet record. */
export function packet(s: PacketSpec = {}): Packet {
  const pkt = s.into ?? new Packet();
  pkt.reset();
  const proto =
    s.proto === undefined || s.proto === 'tcp'
      ? IpProto.TCP
      : s.proto === 'udp'
        ? IpProto.UDP
        : s.proto === 'icmp'
          ? IpProto.ICMP
          : s.proto === 'icmp6'
            ? IpProto.ICMPV6
            : s.proto;
  const src = s.src ?? '10.0.0.1';
  const dst = s.dst ?? '10.0.0.2';
  const six = src.includes(':');
  const data = typeof s.data === 'string' ? bytesOf(s.data) : (s.data ?? new Uint8Array(0));
  const l4Off = six ? 40 : 20;
  const l4Len =
    proto === IpProto.TCP
      ? 20
      : proto === IpProto.UDP || proto === IpProto.ICMP || proto === IpProto.ICMPV6
        ? 8
        : 0;
  const payOff = l4Off + l4Len;
  const buf = new Uint8Array(payOff + data.length);
  buf.set(data, payOff);
  pkt.frame = s.frame ?? 1;
  pkt.tsSec = s.sec ?? 1_700_000_000;
  pkt.tsNs = s.ns ?? 0;
  pkt.kind = PacketKind.IP;
  pkt.etherType = six ? 0x86dd : 0x0800;
  pkt.vlan = s.vlan ?? -1;
  pkt.vlanInner = s.vlanInner ?? -1;
  pkt.buf = buf;
  pkt.data = buf;
  pkt.capLen = buf.length;
  pkt.wireLen = buf.length + (s.wireLen !== undefined ? s.wireLen - data.length : 0);
  if (s.srcMac !== undefined) {
    const eth = new Uint8Array(14);
    eth.set([2, 0, 0, 0, 0, 0xff], 0);
    eth.set(
      s.srcMac.split(':').map((h) => Number.parseInt(h, 16)),
      6,
    );
    eth[12] = pkt.etherType >> 8;
    eth[13] = pkt.etherType & 0xff;
    pkt.data = eth;
    pkt.macOff = 0;
  }
  pkt.l3Off = 0;
  pkt.ipVersion = six ? 6 : 4;
  pkt.ipProto = proto;
  pkt.ttl = 64;
  if (six) {
    buf.set(v6(src), 8);
    buf.set(v6(dst), 24);
    pkt.src6Off = 8;
    pkt.dst6Off = 24;
  } else {
    pkt.src4 = v4(src);
    pkt.dst4 = v4(dst);
  }
  pkt.l4Off = l4Off;
  if (proto === IpProto.TCP || proto === IpProto.UDP) {
    pkt.srcPort = s.sport ?? 40000;
    pkt.dstPort = s.dport ?? 502;
  }
  if (proto === IpProto.TCP) {
    pkt.tcpFlags = tcpFlags(s.flags ?? 'A');
    pkt.seq = (s.seq ?? 1000) >>> 0;
    pkt.ack = (s.ack ?? 0) >>> 0;
    pkt.window = s.window ?? 65535;
  }
  if (proto === IpProto.ICMP || proto === IpProto.ICMPV6) {
    pkt.icmpType = s.icmpType ?? 8;
    pkt.icmpCode = s.icmpCode ?? 0;
  }
  pkt.payOff = payOff;
  pkt.payLen = data.length;
  pkt.payWireLen = s.wireLen ?? data.length;
  pkt.bad = s.bad ?? 0;
  return pkt;
}

export { BadChecksum };

/** Options of a {@link TcpConversation}. */
export interface ConversationOpts {
  client?: string;
  server?: string;
  cport?: number;
  sport?: number;
  /** Initial sequence numbers (unsigned). */
  cisn?: number;
  sisn?: number;
  /** Capture time of the first packet; each packet adds `step` ms. */
  sec?: number;
  stepMs?: number;
  firstFrame?: number;
  vlan?: number;
}

/**
 * A TCP conversation that numbers frames, advances time and tracks both sides' sequence
 * numbers, so tests read as packet lists: `c.client('S')`, `c.server('SA')`, `c.client('PA', 'hi')`.
 */
export class TcpConversation {
  frame: number;
  /** Next sequence number of each side (unsigned). */
  cseq: number;
  sseq: number;
  private ms = 0;
  private readonly o: Required<Omit<ConversationOpts, 'vlan'>> & { vlan: number };

  constructor(opts: ConversationOpts = {}) {
    this.o = {
      client: opts.client ?? '10.0.0.1',
      server: opts.server ?? '10.0.0.2',
      cport: opts.cport ?? 40000,
      sport: opts.sport ?? 502,
      cisn: opts.cisn ?? 1000,
      sisn: opts.sisn ?? 5000,
      sec: opts.sec ?? 1_700_000_000,
      stepMs: opts.stepMs ?? 1,
      firstFrame: opts.firstFrame ?? 1,
      vlan: opts.vlan ?? -1,
    };
    this.frame = this.o.firstFrame;
    this.cseq = this.o.cisn >>> 0;
    this.sseq = this.o.sisn >>> 0;
  }

  /** A packet from the client; sequence numbers advance by SYN, payload and FIN. */
  client(flags: string, data: Uint8Array | string = '', extra: Partial<PacketSpec> = {}): Packet {
    return this.make(true, flags, data, extra);
  }

  /** A packet from the server. */
  server(flags: string, data: Uint8Array | string = '', extra: Partial<PacketSpec> = {}): Packet {
    return this.make(false, flags, data, extra);
  }

  private make(
    fromClient: boolean,
    flags: string,
    data: Uint8Array | string,
    extra: Partial<PacketSpec>,
  ): Packet {
    const o = this.o;
    const seq = extra.seq ?? (fromClient ? this.cseq : this.sseq);
    const len = extra.wireLen ?? (typeof data === 'string' ? data.length : data.length);
    const f = tcpFlags(flags);
    const next = (seq + len + (f & TcpFlag.SYN ? 1 : 0) + (f & TcpFlag.FIN ? 1 : 0)) >>> 0;
    if (extra.seq === undefined) {
      if (fromClient) this.cseq = next;
      else this.sseq = next;
    }
    const totalNs = this.ms * 1_000_000;
    this.ms += o.stepMs;
    return packet({
      frame: this.frame++,
      sec: o.sec + Math.floor(totalNs / 1e9),
      ns: totalNs % 1e9,
      src: fromClient ? o.client : o.server,
      dst: fromClient ? o.server : o.client,
      sport: fromClient ? o.cport : o.sport,
      dport: fromClient ? o.sport : o.cport,
      flags,
      seq,
      ack: fromClient ? this.sseq : this.cseq,
      data,
      vlan: o.vlan,
      ...extra,
    });
  }
}
