// Linux cooked captures: LINKTYPE_LINUX_SLL (v1) and LINKTYPE_LINUX_SLL2, protocol and ARPHRD handling.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { cat, ipv4, ipv6, rawFrame, tcp, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

const V4 = ipv4({ proto: 6 }, tcp({ dport: 20000 }));
const V6 = ipv6({ proto: 17 }, udp({ v6: true, dport: 123 }));

function decode(
  data: Uint8Array,
  linkType: number,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, linkType), pkt);
  return { pkt, counters, kind };
}

/** SLL v1 header with the given ARPHRD type and protocol. */
const sll = (hatype: string, proto: string): string =>
  '0000' + // packet type: to us
  hatype + // ARPHRD type
  '0006' + // link-layer address length
  '000e8c0000010000' + // address (8 bytes, 6 used)
  proto; // protocol

/** SLL2 header with the given protocol and ARPHRD type. */
const sll2 = (proto: string, hatype: string): string =>
  proto + // protocol
  '0000' + // reserved
  '00000003' + // interface index 3
  hatype + // ARPHRD type
  '04' + // packet type: outgoing
  '06' + // address length
  '000e8c0000010000'; // address

describe('LINKTYPE_LINUX_SLL', () => {
  it('decodes IPv4 after the 16-byte header', () => {
    const { pkt, kind, counters } = decode(cat(hex(sll('0001', '0800')), V4), 113);
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.etherType, pkt.l3Off, pkt.macOff, pkt.dstPort]).toEqual([0x0800, 16, -1, 20000]);
    expect(counters.toJSON()).toEqual({});
  });

  it('walks an in-band VLAN tag that libpcap re-inserted', () => {
    const { pkt, kind } = decode(
      cat(
        hex(
          sll('0001', '8100') +
            '002a' + // VID 42
            '0800', // EtherType IPv4
        ),
        V4,
      ),
      113,
    );
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.vlan).toBe(42);
    expect(pkt.l3Off).toBe(20);
  });

  it('decodes an 802.2 frame (protocol 0x0004) as LLC', () => {
    const stp = decode(hex(sll('0001', '0004') + '424203' + '0000000000'), 113);
    expect(stp.kind).toBe(PacketKind.L2);
    expect(stp.pkt.etherType).toBe(0);
    const snap = decode(cat(hex(sll('0001', '0004') + 'aaaa03' + '000000' + '0800'), V4), 113);
    expect(snap.kind).toBe(PacketKind.IP);
    expect(snap.pkt.l3Off).toBe(24);
  });

  it('decodes GRE-tunnel interfaces (ARPHRD_IPGRE) by their EtherType', () => {
    expect(decode(cat(hex(sll('030a', '0800')), V4), 113).kind).toBe(PacketKind.IP);
  });

  it('counts netlink, radiotap and Linux pseudo-protocols as unsupported', () => {
    for (const h of [
      sll('0338', '0010'),
      sll('0323', '0800'),
      sll('0001', '000c'),
      sll('0001', '0001'),
    ]) {
      const { kind, counters } = decode(hex(h + '00000000'), 113);
      expect(kind).toBe(PacketKind.NONE);
      expect(counters.get('sll.unsupported_type')).toBe(1);
    }
  });

  it('counts a short header', () => {
    expect(
      decode(hex(sll('0001', '0800')).subarray(0, 15), 113).counters.get('sll.truncated'),
    ).toBe(1);
  });
});

describe('LINKTYPE_LINUX_SLL2', () => {
  it('decodes IPv6 after the 20-byte header', () => {
    const { pkt, kind } = decode(cat(hex(sll2('86dd', '0001')), V6), 276);
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.etherType, pkt.l3Off, pkt.ipVersion, pkt.dstPort]).toEqual([0x86dd, 20, 6, 123]);
  });

  it('decodes ARP and counts unsupported types and short headers', () => {
    const arp = decode(
      hex(
        sll2('0806', '0001') + '0001080006040002' + '000e8c000001c0a80101' + '000e8c000002c0a80102',
      ),
      276,
    );
    expect(arp.kind).toBe(PacketKind.ARP);
    expect(arp.pkt.arpOp).toBe(2);
    expect(decode(hex(sll2('0010', '0338') + '00'), 276).counters.get('sll.unsupported_type')).toBe(
      1,
    );
    expect(
      decode(hex(sll2('0800', '0001')).subarray(0, 19), 276).counters.get('sll.truncated'),
    ).toBe(1);
  });
});
