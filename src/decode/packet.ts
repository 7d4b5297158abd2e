/**
 * The per-packet record filled by the link and network decoders (`decode/link`, `decode/net`)
 * and read by the flow table. One instance is reused for every packet: every field is set in the
 * constructor so the object keeps one shape, and addresses stay numbers or offsets into `buf`,
 * formatted to text only when something is written out.
 */

/** What the link/network decoders made of a frame. */
export const PacketKind = {
  /**
   * Not decoded: unknown link type, or malformed (a named counter says why). The fields decoded
   * before the fault stay set (an IP packet whose TCP header is broken keeps its addresses).
   */
  NONE: 0,
  /**
   * An L2 frame for an EtherType decoder (GOOSE, PROFINET...): `etherType`, `l3Off` set. An
   * IEEE 802.3 frame whose 802.2 LLC header carries no EtherType (STP, BACnet/Ethernet, CDP)
   * has `etherType` 0 and `l3Off` at its LLC header.
   */
  L2: 1,
  /**
   * ARP: `arpOp`, sender/target addresses at `l3Off`; for Ethernet/IPv4 ARP also `src4` (sender
   * protocol address) and `dst4` (target protocol address).
   */
  ARP: 2,
  /** An IP packet (a whole datagram, possibly reassembled from fragments) with transport fields. */
  IP: 3,
  /**
   * An IP fragment that did not complete a datagram (stored for reassembly, or dropped with a
   * counter): addresses and `ipProto` are set, transport fields are not. Nothing to do until the
   * datagram completes.
   */
  FRAGMENT: 4,
} as const;
export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind];

/** Flags of {@link Packet.bad} (bit set = checksum verified and wrong). */
export const BadChecksum = { IPV4: 1, TCP: 2, UDP: 4, ICMP: 8 } as const;

const EMPTY = new Uint8Array(0);

/** A decoded packet. Reused: copy out anything that must outlive the current packet. */
export class Packet {
  // --- capture ---
  /** 1-based frame number. */
  frame = 0;
  tsSec = 0;
  tsNs = 0;
  /** Captured length and wire length. */
  capLen = 0;
  wireLen = 0;
  linkType = 0;
  /** The frame bytes (view into the capture buffer). */
  data: Uint8Array = EMPTY;

  // --- link ---
  kind: PacketKind = PacketKind.NONE;
  /** Offset of the Ethernet destination MAC in `data`, -1 when the link has no MACs. */
  macOff = -1;
  /**
   * Innermost EtherType (after VLAN tags). Links without one report the equivalent value
   * (0x0800 for an AF_INET loopback frame or a raw IPv4 packet, 0x86dd for IPv6); 0 if none.
   */
  etherType = 0;
  /** Outer and inner 802.1Q VLAN ids, -1 when absent. */
  vlan = -1;
  vlanInner = -1;
  /** ARP operation (1 request, 2 reply), 0 if not ARP. */
  arpOp = 0;

  // --- network ---
  /**
   * The buffer that holds the network layer onwards: `data` itself, or a reassembled datagram
   * when the packet completed IP fragment reassembly (`reassembled` is then true).
   */
  buf: Uint8Array = EMPTY;
  /** Offset of the IP (or L2 payload / ARP) header in `buf` (in `data` for L2 and ARP). */
  l3Off = 0;
  /** 4 or 6 for IP, 0 otherwise. */
  ipVersion = 0;
  /**
   * IP datagram length the header announces (IPv4 total length, IPv6 40 + payload length), or
   * the length of the reassembled datagram.
   */
  ipLen = 0;
  /** IP protocol / IPv6 final next-header (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6...). */
  ipProto = 0;
  ttl = 0;
  /** IPv4 addresses as unsigned 32-bit numbers (0 for IPv6). */
  src4 = 0;
  dst4 = 0;
  /** Offsets of the 16-byte IPv6 source and destination addresses in `buf` (-1 for IPv4). */
  src6Off = -1;
  dst6Off = -1;
  /** True when this packet completed an IP fragment reassembly (`buf` is the datagram). */
  reassembled = false;

  // --- transport ---
  /** Offset of the TCP/UDP/ICMP header in `buf`. */
  l4Off = 0;
  srcPort = 0;
  dstPort = 0;
  /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20, ECE, CWR). */
  tcpFlags = 0;
  seq = 0;
  ack = 0;
  window = 0;
  /** TCP options (RFC 9293 3.2, RFC 7323): MSS (0 when absent), window scale shift (-1 when absent), SACK permitted. */
  tcpMss = 0;
  tcpWscale = -1;
  tcpSackOk = false;
  /** ICMP / ICMPv6 type and code (-1 when not ICMP). */
  icmpType = -1;
  icmpCode = -1;
  /**
   * Application payload in `buf`: offset and captured length. For IP protocols without a
   * transport decoder (GRE, ESP, OSPF...) this is the whole IP payload; for ICMP the bytes after
   * the 8-byte ICMP header.
   */
  payOff = 0;
  payLen = 0;
  /**
   * Payload length the headers announce (TCP segment length from the IP total length, UDP
   * length). Larger than `payLen` when the snaplen cut the frame.
   */
  payWireLen = 0;
  /** {@link BadChecksum} bits of the checksums that were verified and found wrong. */
  bad = 0;

  /** Resets every decoded field before a new frame (capture fields are set by the caller). */
  reset(): void {
    this.kind = PacketKind.NONE;
    this.macOff = -1;
    this.etherType = 0;
    this.vlan = -1;
    this.vlanInner = -1;
    this.arpOp = 0;
    this.buf = EMPTY;
    this.l3Off = 0;
    this.ipVersion = 0;
    this.ipLen = 0;
    this.ipProto = 0;
    this.ttl = 0;
    this.src4 = 0;
    this.dst4 = 0;
    this.src6Off = -1;
    this.dst6Off = -1;
    this.reassembled = false;
    this.l4Off = 0;
    this.srcPort = 0;
    this.dstPort = 0;
    this.tcpFlags = 0;
    this.seq = 0;
    this.ack = 0;
    this.window = 0;
    this.tcpMss = 0;
    this.tcpWscale = -1;
    this.tcpSackOk = false;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.payOff = 0;
    this.payLen = 0;
    this.payWireLen = 0;
    this.bad = 0;
  }
}

/** TCP flag bits. */
export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/** IP protocol numbers the flow layer knows. */
export const IpProto = { ICMP: 1, TCP: 6, UDP: 17, ICMPV6: 58 } as const;
