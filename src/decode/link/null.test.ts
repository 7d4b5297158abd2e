// BSD loopback (LINKTYPE_NULL, host byte order) and OpenBSD loopback (LINKTYPE_LOOP, network order).
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { ipv4, ipv6, rawFrame, tcp, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

const V4 = ipv4({ proto: 6 }, tcp({ dport: 4840 }));
const V6 = ipv6({ proto: 17 }, udp({ v6: true, dport: 20000 }));

function decode(
  data: Uint8Array,
  linkType: number,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, linkType), pkt);
  return { pkt, counters, kind };
}

const withHeader = (h: string, body: Uint8Array): Uint8Array => {
  const head = hex(h);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
};

describe('LINKTYPE_NULL', () => {
  it('reads AF_INET written little-endian', () => {
    const { pkt, kind, counters } = decode(
      withHeader('02000000' /* AF_INET 2, little-endian */, V4),
      0,
    );
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.etherType).toBe(0x0800);
    expect(pkt.l3Off).toBe(4);
    expect(pkt.macOff).toBe(-1);
    expect(pkt.dstPort).toBe(4840);
    expect(counters.toJSON()).toEqual({});
  });

  it('reads AF_INET written big-endian (capture from a big-endian host)', () => {
    expect(decode(withHeader('00000002' /* AF_INET 2, big-endian */, V4), 0).kind).toBe(
      PacketKind.IP,
    );
  });

  it.each([
    ['18000000', 'AF_INET6 24 (BSD, Npcap)'],
    ['1c000000', 'AF_INET6 28 (FreeBSD)'],
    ['1e000000', 'AF_INET6 30 (macOS)'],
    ['0000001e', 'AF_INET6 30, big-endian'],
  ])('reads %s as IPv6: %s', (h) => {
    const { pkt, kind } = decode(withHeader(h, V6), 0);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipVersion).toBe(6);
    expect(pkt.etherType).toBe(0x86dd);
    expect(pkt.src6Off).toBe(4 + 8);
    expect(pkt.dstPort).toBe(20000);
  });

  it('counts an unknown family and a short header', () => {
    const other = decode(withHeader('07000000' /* AF_ISO */, V4), 0);
    expect(other.kind).toBe(PacketKind.NONE);
    expect(other.counters.get('null.unsupported_family')).toBe(1);
    const short = decode(hex('0200'), 0);
    expect(short.counters.get('null.truncated')).toBe(1);
  });
});

describe('LINKTYPE_LOOP', () => {
  it('reads the family in network byte order', () => {
    expect(decode(withHeader('00000002' /* AF_INET */, V4), 108).kind).toBe(PacketKind.IP);
    expect(decode(withHeader('00000018' /* AF_INET6 24 */, V6), 108).pkt.ipVersion).toBe(6);
  });

  it('does not guess the byte order', () => {
    const { kind, counters } = decode(
      withHeader('02000000' /* 0x02000000 in network order */, V4),
      108,
    );
    expect(kind).toBe(PacketKind.NONE);
    expect(counters.get('null.unsupported_family')).toBe(1);
  });
});
