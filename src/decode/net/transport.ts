/**
 * Dispatch from the IP layer to the transport decoders (TCP, UDP, ICMP, ICMPv6). Other IP
 * protocols (GRE, SCTP, ESP, OSPF, IGMP, IP-in-IP...) are IP packets without ports: the flow
 * layer keys them by addresses and protocol, and their whole IP payload is `payOff`/`payLen`.
 */
import { PacketKind } from '../packet.js';
import type { Packet } from '../packet.js';
import type { NetContext } from './context.js';
import { decodeIcmp } from './icmp.js';
import { decodeTcp } from './tcp.js';
import { decodeUdp } from './udp.js';

/**
 * Decodes the transport header of protocol `proto` at `b[off..end)` (`end`: end of the captured
 * IP payload; `l4Len`: payload length the IP header announces). Returns the packet kind.
 */
export function decodeTransport(
  ctx: NetContext,
  pkt: Packet,
  b: Uint8Array,
  off: number,
  end: number,
  l4Len: number,
  proto: number,
): PacketKind {
  pkt.l4Off = off;
  switch (proto) {
    case 6:
      return decodeTcp(ctx, pkt, b, off, end, l4Len);
    case 17:
      return decodeUdp(ctx, pkt, b, off, end, l4Len);
    case 1:
      return decodeIcmp(ctx, pkt, b, off, end, l4Len, false);
    case 58:
      return decodeIcmp(ctx, pkt, b, off, end, l4Len, true);
    default:
      pkt.payOff = off;
      pkt.payLen = end - off;
      pkt.payWireLen = l4Len;
      return (pkt.kind = PacketKind.IP);
  }
}
