// Ethernet II, IEEE 802.1Q/802.1ad VLAN tags and IEEE 802.3 LLC/SNAP framing into Packet fields.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { ether, ipv4, rawFrame, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

const ETH_HDR =
  '001b1b000002' + // destination MAC
  '000e8c000001'; // source MAC

/** A UDP/IPv4 datagram (BACnet/IP Who-Is), 40 bytes, checksums correct. */
const IPV4_UDP =
  '45' + // version 4, IHL 5
  '00' + // DSCP/ECN
  '0028' + // total length 40
  '0001' + // identification
  '0000' + // flags, fragment offset
  '40' + // TTL 64
  '11' + // protocol 17 (UDP)
  '66c2' + // header checksum
  '0a000001' + // source 10.0.0.1
  '0a000002' + // destination 10.0.0.2
  'bac0' + // UDP source port 47808
  'bac0' + // UDP destination port 47808
  '0014' + // UDP length 20
  'e303' + // UDP checksum
  '810b000c0120ffff00ff1008'; // BVLC + NPDU + Who-Is

function decode(
  data: Uint8Array,
  opts: { origLen?: number } = {},
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, 1, opts), pkt);
  return { pkt, counters, kind };
}

describe('Ethernet II', () => {
  it('decodes an IPv4/UDP frame and ignores the padding to 60 bytes', () => {
    const frame = hex(
      ETH_HDR +
        '0800' + // EtherType IPv4
        IPV4_UDP +
        '0000000000000000000000000000', // padding, not part of the datagram
    );
    const { pkt, counters, kind } = decode(frame);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.macOff).toBe(0);
    expect(pkt.etherType).toBe(0x0800);
    expect(pkt.l3Off).toBe(14);
    expect(pkt.vlan).toBe(-1);
    expect(pkt.src4).toBe(0x0a000001);
    expect(pkt.dst4).toBe(0x0a000002);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([47808, 47808]);
    expect(pkt.payOff).toBe(14 + 28);
    expect(pkt.payLen).toBe(12);
    expect(pkt.payWireLen).toBe(12);
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('marks other EtherTypes as L2 with the payload offset (GOOSE)', () => {
    const frame = hex(
      '010ccd010001' + // destination: IEC 61850 GOOSE multicast
        '000e8c000001' + // source MAC
        '88b8' + // EtherType GOOSE
        '0001' + // APPID
        '0008' + // length
        '00000000', // reserved 1, reserved 2
    );
    const { pkt, kind } = decode(frame);
    expect(kind).toBe(PacketKind.L2);
    expect(pkt.etherType).toBe(0x88b8);
    expect(pkt.l3Off).toBe(14);
    expect(pkt.ipVersion).toBe(0);
  });

  it('counts a frame shorter than the header', () => {
    const { kind, counters } = decode(hex('001b1b000002000e8c0000010800').subarray(0, 13));
    expect(kind).toBe(PacketKind.NONE);
    expect(counters.get('eth.truncated')).toBe(1);
  });
});

describe('VLAN tags', () => {
  it('reads one 802.1Q tag', () => {
    const frame = hex(
      ETH_HDR +
        '8100' + // TPID 802.1Q
        'a064' + // PCP 5, DEI 0, VID 100
        '0800' + // EtherType IPv4
        IPV4_UDP,
    );
    const { pkt, kind } = decode(frame);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.vlan).toBe(100);
    expect(pkt.vlanInner).toBe(-1);
    expect(pkt.etherType).toBe(0x0800);
    expect(pkt.l3Off).toBe(18);
  });

  it('reads QinQ: an 802.1ad S-tag then a C-tag', () => {
    const frame = hex(
      ETH_HDR +
        '88a8' + // TPID 802.1ad
        '00c8' + // VID 200 (service)
        '8100' + // TPID 802.1Q
        '0fff' + // VID 4095 (customer)
        '0800' + // EtherType IPv4
        IPV4_UDP,
    );
    const { pkt, kind } = decode(frame);
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.vlan, pkt.vlanInner]).toEqual([200, 4095]);
    expect(pkt.l3Off).toBe(22);
  });

  it('accepts the pre-standard 0x9100 TPID', () => {
    const frame = ether(0x0800, hex(IPV4_UDP), [
      [0x9100, 7],
      [0x8100, 8],
    ]);
    const { pkt } = decode(frame);
    expect([pkt.vlan, pkt.vlanInner]).toEqual([7, 8]);
  });

  it('refuses a third tag', () => {
    const frame = ether(0x0800, hex(IPV4_UDP), [
      [0x88a8, 1],
      [0x8100, 2],
      [0x8100, 3],
    ]);
    const { kind, counters } = decode(frame);
    expect(kind).toBe(PacketKind.NONE);
    expect(counters.get('vlan.too_many_tags')).toBe(1);
  });

  it('counts a tag cut short', () => {
    const { kind, counters } = decode(hex(ETH_HDR + '8100' + '00'));
    expect(kind).toBe(PacketKind.NONE);
    expect(counters.get('vlan.truncated')).toBe(1);
  });

  it('passes a tagged GOOSE frame to L2 with its VLAN', () => {
    const { pkt, kind } = decode(ether(0x88b8, hex('00010008000000000000'), [[0x8100, 0]]));
    expect(kind).toBe(PacketKind.L2);
    expect(pkt.vlan).toBe(0);
    expect(pkt.etherType).toBe(0x88b8);
    expect(pkt.l3Off).toBe(18);
  });
});

describe('IEEE 802.3 with LLC', () => {
  it('makes a spanning-tree BPDU an L2 frame with etherType 0 at the LLC header', () => {
    const frame = hex(
      '0180c2000000' + // destination: STP multicast
        '000e8c000001' + // source MAC
        '0026' + // 802.3 length 38
        '42' + // DSAP: spanning tree
        '42' + // SSAP
        '03' + // control: UI
        '0000' + // BPDU protocol id
        '00' + // version
        '00' + // type: configuration
        '00'.repeat(31) + // rest of the BPDU
        '0000000000000000', // padding to 60 bytes
    );
    const { pkt, kind, counters } = decode(frame);
    expect(kind).toBe(PacketKind.L2);
    expect(pkt.etherType).toBe(0);
    expect(pkt.l3Off).toBe(14);
    expect(counters.toJSON()).toEqual({});
  });

  it('decodes IPv4 carried in SNAP (RFC 1042)', () => {
    const ip = hex(IPV4_UDP);
    const frame = hex(
      ETH_HDR +
        (8 + ip.length).toString(16).padStart(4, '0') + // 802.3 length
        'aa' + // DSAP: SNAP
        'aa' + // SSAP: SNAP
        '03' + // control: UI
        '000000' + // OUI: RFC 1042 (EtherType follows)
        '0800' + // PID: IPv4
        IPV4_UDP,
    );
    const { pkt, kind } = decode(frame);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.etherType).toBe(0x0800);
    expect(pkt.l3Off).toBe(22);
    expect(pkt.dstPort).toBe(47808);
  });

  it('leaves SNAP with a vendor OUI to L2', () => {
    const frame = hex(
      ETH_HDR +
        '0010' + // 802.3 length 16
        'aaaa03' + // SNAP
        '00000c' + // OUI: Cisco
        '2000' + // PID: CDP
        '0000000000000000', // CDP body
    );
    const { pkt, kind } = decode(frame);
    expect(kind).toBe(PacketKind.L2);
    expect(pkt.etherType).toBe(0);
    expect(pkt.l3Off).toBe(14);
  });

  it('counts a length past the frame end, and a cut LLC header', () => {
    const long = decode(hex(ETH_HDR + '0040' + '424203' + '0000'));
    expect(long.kind).toBe(PacketKind.L2);
    expect(long.counters.get('eth.invalid_length')).toBe(1);
    const cut = decode(hex(ETH_HDR + '0002' + '4242'));
    expect(cut.kind).toBe(PacketKind.NONE);
    expect(cut.counters.get('llc.truncated')).toBe(1);
    const iFormat = decode(hex(ETH_HDR + '0003' + '424200' /* control 0x00: I-format, 2 bytes */));
    expect(iFormat.counters.get('llc.truncated')).toBe(1);
    const snapCut = decode(hex(ETH_HDR + '0006' + 'aaaa03000000'));
    expect(snapCut.counters.get('llc.truncated')).toBe(1);
  });

  it('does not count a length past a frame the snaplen cut', () => {
    const { counters } = decode(hex(ETH_HDR + '0040' + '424203' + '0000'), { origLen: 80 });
    expect(counters.get('eth.invalid_length')).toBe(0);
  });
});

describe('frames with an FCS', () => {
  it('ignores the 4 trailing bytes because IP stops at its total length', () => {
    const frame = ether(0x0800, ipv4({ proto: 17 }, udp({ dport: 2222 }, new Uint8Array(30))));
    const withFcs = new Uint8Array(frame.length + 4);
    withFcs.set(frame);
    withFcs.set([0xde, 0xad, 0xbe, 0xef], frame.length);
    const { pkt, counters } = decode(withFcs);
    expect(pkt.payLen).toBe(30);
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });
});
