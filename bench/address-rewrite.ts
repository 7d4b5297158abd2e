/**
 * Per-round address rewriting for the benchmark capture: every round of the shared captures gets
 * its own addresses so that its flows and hosts stay distinct from the other rounds', while each
 * frame remains a valid packet.
 *
 * - IPv4: the second and third octets, taken as one 16-bit number, are XORed with the round key
 *   (high byte into the second octet, low byte into the third). The
 *   first octet (the /8, and so the address class and private ranges for keys < 256) and the
 *   host byte are kept. 0/8, 127/8, multicast and reserved (>= 224) are left alone so that
 *   broadcast and multicast traffic keeps its meaning.
 * - IPv6: the word at bytes 6-7 (the subnet id of a /48 site prefix) is XORed with the key.
 *   Multicast (ff00::/8) and addresses whose first 64 bits are zero (::, ::1, v4-mapped) are
 *   left alone.
 * - ARP (Ethernet/IPv4) sender and target protocol addresses follow the IPv4 rule.
 *
 * XOR with a fixed key is a bijection, so distinct addresses within a round stay distinct.
 *
 * Checksums are updated incrementally, RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for the IPv4
 * header checksum and for the TCP, UDP and ICMPv6 checksums whose pseudo-header holds the
 * addresses (RFC 793, RFC 768, RFC 8200 section 8.1). A wrong checksum stays exactly as wrong;
 * an absent IPv4 UDP checksum (0) stays absent. Non-first IPv4/IPv6 fragments carry no transport
 * header and only get the IP-level update; the first fragment's transport checksum covers the
 * whole datagram, so updating it there is right.
 */

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const ETH_ARP = 0x0806;
const ETH_VLAN = 0x8100;
const ETH_QINQ = 0x88a8;
const ETH_QINQ_OLD = 0x9100;

const PROTO_TCP = 6;
const PROTO_UDP = 17;
const PROTO_ICMPV6 = 58;

/** Offset of the checksum field within each transport header. */
const TCP_CSUM = 16;
const UDP_CSUM = 6;
const ICMPV6_CSUM = 2;

/** IPv6 extension headers walked to find the transport header (RFC 8200 section 4). */
const V6_HOP_BY_HOP = 0;
const V6_ROUTING = 43;
const V6_FRAGMENT = 44;
const V6_AH = 51;
const V6_DEST_OPTS = 60;
const V6_MAX_EXT = 8;

/** One's-complement 16-bit sum with end-around carry folded. */
function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/**
 * RFC 1624 eqn. 3 for a checksum stored big-endian at `at`, after 16-bit words changed in a way
 * whose one's-complement difference is `diff` (sum of ~m + m' over the changed words).
 */
function adjust(buf: Uint8Array, at: number, diff: number, keepZero: boolean): void {
  const hc = (buf[at]! << 8) | buf[at + 1]!;
  if (keepZero && hc === 0) return;
  let next = ~fold((~hc & 0xffff) + diff) & 0xffff;
  // UDP: 0 means "no checksum"; the one's-complement equivalent 0xffff is sent instead.
  if (keepZero && next === 0) next = 0xffff;
  buf[at] = next >>> 8;
  buf[at + 1] = next & 0xff;
}

/** XORs the big-endian word at `at` with `key`, returning ~m + m' for the checksum update. */
function xorWord(buf: Uint8Array, at: number, key: number): number {
  const m = (buf[at]! << 8) | buf[at + 1]!;
  const m2 = m ^ key;
  buf[at] = m2 >>> 8;
  buf[at + 1] = m2 & 0xff;
  return (~m & 0xffff) + m2;
}

function v4Rewritable(first: number): boolean {
  return first !== 0 && first !== 127 && first < 224;
}

function v6Rewritable(buf: Uint8Array, at: number): boolean {
  if (buf[at] === 0xff) return false;
  for (let i = 0; i < 8; i++) if (buf[at + i] !== 0) return true;
  return false;
}

/**
 * Rewrites one IPv4 address at `at` (4 bytes); returns the checksum difference, 0 if kept. The
 * second and third octets straddle the address's two 16-bit words, so both words enter the
 * difference.
 */
function rewriteV4(buf: Uint8Array, at: number, key: number): number {
  if (!v4Rewritable(buf[at]!)) return 0;
  const w0 = (buf[at]! << 8) | buf[at + 1]!;
  const w1 = (buf[at + 2]! << 8) | buf[at + 3]!;
  buf[at + 1] = buf[at + 1]! ^ (key >>> 8);
  buf[at + 2] = buf[at + 2]! ^ (key & 0xff);
  const n0 = (buf[at]! << 8) | buf[at + 1]!;
  const n1 = (buf[at + 2]! << 8) | buf[at + 3]!;
  return (~w0 & 0xffff) + n0 + (~w1 & 0xffff) + n1;
}

function rewriteV6(buf: Uint8Array, at: number, key: number): number {
  return v6Rewritable(buf, at) ? xorWord(buf, at + 6, key) : 0;
}

function fixTransport(
  buf: Uint8Array,
  end: number,
  proto: number,
  l4: number,
  diff: number,
  v4: boolean,
): void {
  if (diff === 0) return;
  if (proto === PROTO_TCP && l4 + TCP_CSUM + 2 <= end) adjust(buf, l4 + TCP_CSUM, diff, false);
  else if (proto === PROTO_UDP && l4 + UDP_CSUM + 2 <= end) adjust(buf, l4 + UDP_CSUM, diff, v4);
  else if (proto === PROTO_ICMPV6 && !v4 && l4 + ICMPV6_CSUM + 2 <= end) {
    adjust(buf, l4 + ICMPV6_CSUM, diff, false);
  }
}

function rewriteIpv4(buf: Uint8Array, ip: number, end: number, key: number): void {
  if (ip + 20 > end || buf[ip]! >>> 4 !== 4) return;
  const ihl = (buf[ip]! & 0x0f) * 4;
  if (ihl < 20 || ip + ihl > end) return;
  const diff = rewriteV4(buf, ip + 12, key) + rewriteV4(buf, ip + 16, key);
  if (diff === 0) return;
  adjust(buf, ip + 10, diff, false);
  const fragOffset = ((buf[ip + 6]! << 8) | buf[ip + 7]!) & 0x1fff;
  if (fragOffset !== 0) return;
  fixTransport(buf, end, buf[ip + 9]!, ip + ihl, diff, true);
}

function rewriteIpv6(buf: Uint8Array, ip: number, end: number, key: number): void {
  if (ip + 40 > end || buf[ip]! >>> 4 !== 6) return;
  const diff = rewriteV6(buf, ip + 8, key) + rewriteV6(buf, ip + 24, key);
  if (diff === 0) return;
  let next = buf[ip + 6]!;
  let off = ip + 40;
  for (let i = 0; i < V6_MAX_EXT; i++) {
    if (next === V6_HOP_BY_HOP || next === V6_ROUTING || next === V6_DEST_OPTS) {
      if (off + 2 > end) return;
      const n = buf[off]!;
      off += (buf[off + 1]! + 1) * 8;
      next = n;
    } else if (next === V6_AH) {
      if (off + 2 > end) return;
      const n = buf[off]!;
      off += (buf[off + 1]! + 2) * 4;
      next = n;
    } else if (next === V6_FRAGMENT) {
      if (off + 8 > end) return;
      const fragOffset = ((buf[off + 2]! << 8) | buf[off + 3]!) >>> 3;
      if (fragOffset !== 0) return;
      next = buf[off]!;
      off += 8;
    } else {
      break;
    }
  }
  fixTransport(buf, end, next, off, diff, false);
}

function rewriteArp(buf: Uint8Array, arp: number, end: number, key: number): void {
  // Ethernet (htype 1) / IPv4 (ptype 0x0800), hlen 6, plen 4: SPA at +14, TPA at +24.
  if (arp + 28 > end) return;
  if (buf[arp + 1] !== 1 || buf[arp + 2] !== 0x08 || buf[arp + 3] !== 0x00) return;
  if (buf[arp + 4] !== 6 || buf[arp + 5] !== 4) return;
  rewriteV4(buf, arp + 14, key);
  rewriteV4(buf, arp + 24, key);
}

/**
 * Rewrites, in place, the addresses of the Ethernet frame `buf[start, start + capLen)` for the
 * round key `key` (1..65535; 0 leaves the frame untouched), updating the checksums that cover
 * them. Frames that are too short, or not IPv4/IPv6/ARP after up to two VLAN tags, are kept.
 */
export function rewriteFrame(buf: Uint8Array, start: number, capLen: number, key: number): void {
  if (key === 0) return;
  const end = start + capLen;
  let off = start + 12;
  if (off + 2 > end) return;
  let et = (buf[off]! << 8) | buf[off + 1]!;
  for (
    let tags = 0;
    tags < 2 && (et === ETH_VLAN || et === ETH_QINQ || et === ETH_QINQ_OLD);
    tags++
  ) {
    off += 4;
    if (off + 2 > end) return;
    et = (buf[off]! << 8) | buf[off + 1]!;
  }
  off += 2;
  if (et === ETH_IPV4) rewriteIpv4(buf, off, end, key);
  else if (et === ETH_IPV6) rewriteIpv6(buf, off, end, key);
  else if (et === ETH_ARP) rewriteArp(buf, off, end, key);
}
