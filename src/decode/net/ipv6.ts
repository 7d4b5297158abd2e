/**
 * IPv6 header and extension-header decoder.
 *
 * Spec: RFC 8200 3 (fixed header), 4 (extension headers: Hop-by-Hop Options 0 first only,
 * Routing 43, Fragment 44, Destination Options 60; length in 8-byte units not counting the
 * first 8), RFC 4302 2.2 (AH 51: length in 4-byte units minus 2), RFC 4303 (ESP 50: opaque,
 * the walk stops), RFC 8200 4.7 (No Next Header 59), RFC 6946 (atomic fragments), RFC 8200 4.5
 * (reassembly, via `ip-reassembly.ts`).
 *
 * ```
 *  0               1               2               3
 *  +-------+-------+---------------+-------------------------------+
 *  |Version| Traffic Class |           Flow Label                  |
 *  |         Payload Length        |  Next Header  |   Hop Limit   |
 *  |                  Source Address (16 bytes)                    |
 *  |               Destination Address (16 bytes)                  |
 *  +---------------------------------------------------------------+
 *   Extension header: | Next Header | Hdr Ext Len | ...           |
 *   Fragment header:  | Next Header |  Reserved   | Offset |Res|M| Identification (32) |
 * ```
 *
 * The number of extension headers walked is capped (`ipv6.exthdr_too_many`), so a chain of
 * thousands of empty options headers costs bounded time. Bytes are read by index (hot path).
 */
import type { AnomalyCatalog } from '../decoder.js';
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import type { NetContext } from './context.js';
import { fragmentAnomalies } from './ip-reassembly.js';
import { decodeTransport } from './transport.js';

/** Anomalies raised by the IPv6 decoder and its fragment reassembly. */
export const IPV6_ANOMALIES: AnomalyCatalog = {
  'ipv6.pkt_too_small': {
    description: 'Fewer than 40 bytes (an IPv6 header) were captured; not decoded.',
    severity: 'low',
  },
  'ipv6.wrong_ip_version': {
    description: 'The version field of a packet announced as IPv6 is not 6; not decoded.',
    severity: 'medium',
  },
  'ipv6.trunc_pkt': {
    description:
      'The IPv6 payload length runs past the end of a frame that was captured whole; the datagram is taken to end with the frame.',
    severity: 'medium',
  },
  'ipv6.zero_payload_length': {
    description:
      'The IPv6 payload length is 0 although a next header follows (segmentation offload on the capturing host, or a jumbogram); the captured length is used.',
    severity: 'low',
  },
  'ipv6.trunc_exthdr': {
    description: 'An IPv6 extension header runs past the end of the packet; not decoded further.',
    severity: 'medium',
  },
  'ipv6.exthdr_too_many': {
    description: 'More IPv6 extension headers than the limit; not decoded further.',
    severity: 'medium',
  },
  'ipv6.hopopts_not_first': {
    description:
      'A Hop-by-Hop Options header appears after another extension header (RFC 8200 4.1).',
    severity: 'medium',
  },
  'ipv6.exthdr_dupl_fh': {
    description:
      'A Fragment header inside a reassembled datagram (nested fragmentation); not decoded further.',
    severity: 'high',
  },
  ...fragmentAnomalies('ipv6'),
};

const IPV6_HEADER_LEN = 40;
/** Next Header values that are extension headers (RFC 8200 4, RFC 4302). */
const NH_HOPOPTS = 0;
const NH_ROUTING = 43;
const NH_FRAGMENT = 44;
const NH_AH = 51;
const NH_DSTOPTS = 60;
const NH_NONE = 59;
const FRAG_HEADER_LEN = 8;
/** Fragment header offset field and M flag (RFC 8200 4.5). */
const FRAG_OFFSET_MASK = 0xfff8;
const FRAG_M = 0x0001;

/**
 * Decodes the IPv6 packet at `b[off..end)`, its extension headers and its transport header.
 * Returns IP, FRAGMENT, or NONE (malformed, counted).
 */
export function decodeIpv6(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
): PacketKind {
  const avail = end - off;
  if (avail < IPV6_HEADER_LEN) {
    ctx.counters.inc('ipv6.pkt_too_small');
    return (pkt.kind = PacketKind.NONE);
  }
  if ((b[off] as number) >> 4 !== 6) {
    ctx.counters.inc('ipv6.wrong_ip_version');
    return (pkt.kind = PacketKind.NONE);
  }
  let plen = ((b[off + 4] as number) << 8) | (b[off + 5] as number);
  if (plen === 0 && avail > IPV6_HEADER_LEN && b[off + 6] !== NH_NONE) {
    ctx.counters.inc('ipv6.zero_payload_length');
    plen = avail - IPV6_HEADER_LEN > 0xffff ? 0xffff : avail - IPV6_HEADER_LEN;
  }
  // `wireEnd`: where the datagram ended on the wire (see ipv4.ts: a frame not cut by the
  // snaplen holds all there was).
  let wireEnd = off + IPV6_HEADER_LEN + plen;
  let ipEnd = wireEnd;
  if (ipEnd > end) {
    if (!ctx.cut) {
      ctx.counters.inc('ipv6.trunc_pkt');
      wireEnd = end;
    }
    ipEnd = end;
  }
  pkt.buf = b;
  pkt.l3Off = off;
  pkt.ipVersion = 6;
  pkt.ipLen = IPV6_HEADER_LEN + plen;
  pkt.ttl = b[off + 7] as number;
  pkt.src6Off = off + 8;
  pkt.dst6Off = off + 24;
  let nh = b[off + 6] as number;
  pkt.ipProto = nh;
  let p = off + IPV6_HEADER_LEN;
  const max = ctx.maxIpv6ExtHeaders;
  for (let n = 0; ; n++) {
    let len: number;
    if (nh === NH_HOPOPTS || nh === NH_ROUTING || nh === NH_DSTOPTS) {
      if (p + 2 > ipEnd) return truncExt(ctx, pkt);
      if (nh === NH_HOPOPTS && n > 0) ctx.counters.inc('ipv6.hopopts_not_first');
      len = ((b[p + 1] as number) + 1) << 3;
    } else if (nh === NH_AH) {
      if (p + 2 > ipEnd) return truncExt(ctx, pkt);
      len = ((b[p + 1] as number) + 2) << 2;
    } else if (nh === NH_FRAGMENT) {
      if (p + FRAG_HEADER_LEN > ipEnd) return truncExt(ctx, pkt);
      const word = ((b[p + 2] as number) << 8) | (b[p + 3] as number);
      const fragOff = word & FRAG_OFFSET_MASK;
      const more = (word & FRAG_M) !== 0;
      if (fragOff !== 0 || more) {
        return fragment(ctx, pkt, b, off, p, ipEnd, wireEnd, fragOff, more);
      }
      len = FRAG_HEADER_LEN; // atomic fragment (RFC 6946): a plain packet
    } else {
      break;
    }
    if (n >= max) {
      ctx.counters.inc('ipv6.exthdr_too_many');
      return (pkt.kind = PacketKind.NONE);
    }
    if (p + len > ipEnd) return truncExt(ctx, pkt);
    nh = b[p] as number;
    pkt.ipProto = nh;
    p += len;
  }
  return decodeTransport(ctx, pkt, b, p, ipEnd, wireEnd - p, nh);
}

function truncExt(ctx: NetContext, pkt: Packet): PacketKind {
  ctx.counters.inc('ipv6.trunc_exthdr');
  return (pkt.kind = PacketKind.NONE);
}

/**
 * Hands the fragment whose Fragment header is at `b[p]` to the reassembler; decodes the
 * datagram if this fragment completed it.
 */
function fragment(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  p: number,
  ipEnd: number,
  wireEnd: number,
  fragOff: number,
  more: boolean,
): PacketKind {
  const next = b[p] as number;
  pkt.ipProto = next;
  if (pkt.reassembled) {
    ctx.counters.inc('ipv6.exthdr_dupl_fh');
    return (pkt.kind = PacketKind.NONE);
  }
  const id =
    (((b[p + 4] as number) << 24) |
      ((b[p + 5] as number) << 16) |
      ((b[p + 6] as number) << 8) |
      (b[p + 7] as number)) >>>
    0;
  const payOff = p + FRAG_HEADER_LEN;
  const dg = ctx.reasm.addV6(
    b,
    off,
    payOff,
    ipEnd,
    wireEnd - payOff,
    fragOff,
    more,
    id,
    ctx.nowSec,
  );
  if (dg === null) return (pkt.kind = PacketKind.FRAGMENT);
  // The datagram is the fixed header followed by the fragmentable part (RFC 8200 4.5): the
  // headers of the unfragmentable part are dropped and Next Header names the first header of
  // the fragmentable part, which may itself be an extension header.
  const plen = dg.length - IPV6_HEADER_LEN;
  dg[4] = plen >>> 8;
  dg[5] = plen & 0xff;
  dg[6] = next;
  pkt.reassembled = true;
  const cut = ctx.cut;
  ctx.cut = false;
  const kind = decodeIpv6(ctx, pkt, dg, 0, dg.length);
  ctx.cut = cut;
  return kind;
}
