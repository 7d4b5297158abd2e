/**
 * The link and network decoder: turns a captured frame into a {@link Packet} (link fields,
 * VLANs, IPv4/IPv6 with fragment reassembly, TCP/UDP/ICMP headers) for the flow table.
 *
 * Link types (tcpdump.org LINKTYPE_* registry): ETHERNET 1 (with 802.1Q/802.1ad tags and
 * 802.3/LLC/SNAP), NULL 0 and LOOP 108 (BSD loopback), RAW 101 (and 12/14), IPV4 228, IPV6 229,
 * LINUX_SLL 113, LINUX_SLL2 276. Anything else (ARCNET, IEEE 802.15.4, serial captures...) is
 * counted as `link.unsupported_linktype` and left undecoded.
 *
 * Hot path: one call per frame, no allocation except the buffer of a datagram completed by
 * fragment reassembly (and the copies of stored fragments). Unlike the application decoders,
 * these read the frame bytes by index (`d[o] << 8 | d[o + 1]`) rather than through ByteCursor:
 * they run on every packet, their structures are fixed-size headers, and each is read only
 * after one length check covering all of it, which the truncation tests (every prefix of every
 * fixture) hold them to. Malformed input never throws: it is counted under a named anomaly (the
 * catalogue is {@link NET_ANOMALIES}) and the packet is returned as far as it could be decoded.
 * Fidelity against tshark is measured in docs/fidelity-net.md.
 *
 * @example
 * const dec = new FrameDecoder(counters);
 * const pkt = new Packet();
 * await source.read((frame) => {
 *   if (dec.decode(frame, pkt) === PacketKind.IP) flows.add(pkt);
 * });
 */
import { LINKTYPE } from '../capture/source.js';
import type { RawFrame } from '../capture/source.js';
import type { Counters } from '../core/counters.js';
import type { AnomalyCatalog } from './decoder.js';
import { ARP_ANOMALIES } from './link/arp.js';
import { ETHERNET_ANOMALIES, decodeEthernet } from './link/ethernet.js';
import { ETHERTYPE_ANOMALIES } from './link/ethertype.js';
import { LLC_ANOMALIES } from './link/llc.js';
import { NULL_ANOMALIES, decodeNull } from './link/null.js';
import { RAW_ANOMALIES, decodeRaw } from './link/raw.js';
import { SLL_ANOMALIES, decodeSll, decodeSll2 } from './link/sll.js';
import type { NetContext } from './net/context.js';
import { ICMP_ANOMALIES } from './net/icmp.js';
import { DEFAULT_REASSEMBLY_LIMITS, IpReassembler } from './net/ip-reassembly.js';
import type { ReassemblyStats } from './net/ip-reassembly.js';
import { IPV4_ANOMALIES } from './net/ipv4.js';
import { IPV6_ANOMALIES } from './net/ipv6.js';
import { TCP_ANOMALIES } from './net/tcp.js';
import { UDP_ANOMALIES } from './net/udp.js';
import { PacketKind } from './packet.js';
import type { Packet } from './packet.js';

/** Anomalies of the frame decoder itself. */
export const LINK_ANOMALIES: AnomalyCatalog = {
  'link.unsupported_linktype': {
    description:
      'A frame of a link type Palisade does not decode (ARCNET, IEEE 802.15.4, serial...); counted, not decoded.',
    severity: 'low',
  },
};

/** Every anomaly the link and network decoders may count, for docs/anomalies.md. */
export const NET_ANOMALIES: AnomalyCatalog = {
  ...LINK_ANOMALIES,
  ...ETHERNET_ANOMALIES,
  ...ETHERTYPE_ANOMALIES,
  ...LLC_ANOMALIES,
  ...ARP_ANOMALIES,
  ...NULL_ANOMALIES,
  ...RAW_ANOMALIES,
  ...SLL_ANOMALIES,
  ...IPV4_ANOMALIES,
  ...IPV6_ANOMALIES,
  ...ICMP_ANOMALIES,
  ...TCP_ANOMALIES,
  ...UDP_ANOMALIES,
};

/** Options of {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** Verify IPv4 header, TCP, UDP, ICMP and ICMPv6 checksums (bad ones are counted, never dropped). */
  verifyChecksums: boolean;
  /** Most IPv6 extension headers walked per packet. */
  maxIpv6ExtHeaders: number;
  /** IP datagrams reassembled at once (IPv4 and IPv6 together). */
  fragMaxDatagrams: number;
  /** Fragments kept per datagram. */
  fragMaxFragments: number;
  /** Largest reassembled datagram, header included (at most 65,535). */
  fragMaxDatagramBytes: number;
  /** Payload bytes held by all datagrams in progress. */
  fragMaxBytes: number;
  /** Seconds of capture time a datagram may stay incomplete. */
  fragTimeoutSec: number;
}

/** Defaults of {@link FrameDecoderOptions}. */
export const DEFAULT_FRAME_DECODER_OPTIONS: Readonly<FrameDecoderOptions> = Object.freeze({
  verifyChecksums: true,
  maxIpv6ExtHeaders: 8,
  fragMaxDatagrams: DEFAULT_REASSEMBLY_LIMITS.maxDatagrams,
  fragMaxFragments: DEFAULT_REASSEMBLY_LIMITS.maxFragments,
  fragMaxDatagramBytes: DEFAULT_REASSEMBLY_LIMITS.maxDatagramBytes,
  fragMaxBytes: DEFAULT_REASSEMBLY_LIMITS.maxBytes,
  fragTimeoutSec: DEFAULT_REASSEMBLY_LIMITS.timeoutSec,
});

/** Per-kind packet counts and reassembly state, from {@link FrameDecoder.stats}. */
export interface FrameDecoderStats {
  frames: number;
  /** Frames by the {@link PacketKind} they decoded to. */
  none: number;
  l2: number;
  arp: number;
  ip: number;
  fragment: number;
  /** IP packets that completed a fragmented datagram (included in `ip`, or `none` if malformed). */
  reassembled: number;
  /** Fragment reassembly: datagrams in progress, bytes held, datagrams completed. */
  frag: ReassemblyStats;
}

/** DLT_RAW as some BSDs wrote it into files before LINKTYPE_RAW existed (libpcap pcap-common.c). */
const LT_RAW_BSD12 = 12;
const LT_RAW_BSD14 = 14;

/**
 * Decodes frames into {@link Packet}s.
 *
 * Pitfall: `pkt.buf` is the frame bytes, valid only during the capture callback, except after
 * fragment reassembly (`pkt.reassembled`), when it is a buffer of its own.
 */
export class FrameDecoder {
  private readonly ctx: NetContext;
  private readonly reasm: IpReassembler;
  private frames = 0;
  private readonly byKind = [0, 0, 0, 0, 0];
  private reassembled = 0;

  constructor(counters: Counters, opts?: Partial<FrameDecoderOptions>) {
    const o = { ...DEFAULT_FRAME_DECODER_OPTIONS, ...opts };
    this.reasm = new IpReassembler(counters, {
      maxDatagrams: Math.max(1, o.fragMaxDatagrams),
      maxFragments: Math.max(1, o.fragMaxFragments),
      // The rebuilt header stores the length in 16 bits.
      maxDatagramBytes: Math.min(0xffff, o.fragMaxDatagramBytes),
      maxBytes: o.fragMaxBytes,
      timeoutSec: o.fragTimeoutSec,
    });
    this.ctx = {
      counters,
      verifyChecksums: o.verifyChecksums,
      maxIpv6ExtHeaders: Math.max(0, o.maxIpv6ExtHeaders),
      reasm: this.reasm,
      cut: false,
      nowSec: 0,
    };
  }

  /**
   * Decodes `frame` into `pkt` (capture fields copied, everything else reset first).
   *
   * @returns `pkt.kind`: IP (with transport fields), FRAGMENT (stored for reassembly), ARP, L2
   * (for an EtherType decoder), or NONE (unsupported or malformed, counted).
   */
  decode(frame: RawFrame, pkt: Packet): PacketKind {
    pkt.reset();
    const d = frame.data;
    pkt.frame = frame.frame;
    pkt.tsSec = frame.tsSec;
    pkt.tsNs = frame.tsNs;
    pkt.capLen = frame.capLen;
    pkt.wireLen = frame.origLen;
    pkt.linkType = frame.linkType;
    pkt.data = d;
    pkt.buf = d;
    const ctx = this.ctx;
    const end = d.length;
    ctx.cut = end < frame.origLen;
    const now = frame.tsSec + frame.tsNs * 1e-9;
    ctx.nowSec = now;
    if (now >= this.reasm.nextDeadline) this.reasm.expire(now);
    let kind: PacketKind;
    switch (frame.linkType) {
      case LINKTYPE.ETHERNET:
        kind = decodeEthernet(ctx, pkt, d, end);
        break;
      case LINKTYPE.NULL:
        kind = decodeNull(ctx, pkt, d, end, false);
        break;
      case LINKTYPE.LOOP:
        kind = decodeNull(ctx, pkt, d, end, true);
        break;
      case LINKTYPE.RAW:
      case LT_RAW_BSD12:
      case LT_RAW_BSD14:
        kind = decodeRaw(ctx, pkt, d, end, 0);
        break;
      case LINKTYPE.IPV4:
        kind = decodeRaw(ctx, pkt, d, end, 4);
        break;
      case LINKTYPE.IPV6:
        kind = decodeRaw(ctx, pkt, d, end, 6);
        break;
      case LINKTYPE.LINUX_SLL:
        kind = decodeSll(ctx, pkt, d, end);
        break;
      case LINKTYPE.LINUX_SLL2:
        kind = decodeSll2(ctx, pkt, d, end);
        break;
      default:
        ctx.counters.inc('link.unsupported_linktype');
        kind = pkt.kind = PacketKind.NONE;
    }
    this.frames++;
    this.byKind[kind] = (this.byKind[kind] as number) + 1;
    if (pkt.reassembled) this.reassembled++;
    return kind;
  }

  /**
   * Drops fragment reassemblies that timed out at capture time `nowSec` (seconds since the
   * epoch). `decode` already does this as capture time advances; call it at the end of a
   * capture, or on a timer for live capture.
   */
  expire(nowSec: number): void {
    this.reasm.expire(nowSec);
  }

  /**
   * Drops every fragment reassembly in progress, counting the incomplete datagrams as
   * `ipv4.frag_timeout` / `ipv6.frag_timeout`: call it at the end of a capture file, since
   * fragments do not continue into the next one.
   */
  flush(): void {
    this.reasm.flush();
  }

  /** Packet counts by kind and the reassembly state. */
  stats(): FrameDecoderStats {
    const k = this.byKind;
    return {
      frames: this.frames,
      none: k[PacketKind.NONE] as number,
      l2: k[PacketKind.L2] as number,
      arp: k[PacketKind.ARP] as number,
      ip: k[PacketKind.IP] as number,
      fragment: k[PacketKind.FRAGMENT] as number,
      reassembled: this.reassembled,
      frag: this.reasm.stats(),
    };
  }
}
