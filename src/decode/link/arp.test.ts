// ARP requests and replies: operation and IPv4 sender/target addresses.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { rawFrame } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

const REQUEST =
  'ffffffffffff' + // destination: broadcast
  '000e8c000001' + // source MAC
  '0806' + // EtherType ARP
  '0001' + // HTYPE Ethernet
  '0800' + // PTYPE IPv4
  '06' + // HLEN
  '04' + // PLEN
  '0001' + // OPER request
  '000e8c000001' + // SHA
  'c0a80164' + // SPA 192.168.1.100
  '000000000000' + // THA (unknown)
  'c0a80101' + // TPA 192.168.1.1
  '000000000000000000000000000000000000'; // padding to 60 bytes

function decode(text: string): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(hex(text)), pkt);
  return { pkt, counters, kind };
}

describe('ARP', () => {
  it('decodes a request', () => {
    const { pkt, kind, counters } = decode(REQUEST);
    expect(kind).toBe(PacketKind.ARP);
    expect(pkt.arpOp).toBe(1);
    expect(pkt.etherType).toBe(0x0806);
    expect(pkt.l3Off).toBe(14);
    expect(pkt.src4).toBe(0xc0a80164);
    expect(pkt.dst4).toBe(0xc0a80101);
    expect(pkt.ipVersion).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('decodes a reply', () => {
    const reply = REQUEST.replace('08060001080006040001', '08060001080006040002');
    expect(decode(reply).pkt.arpOp).toBe(2);
  });

  it('keeps the operation of a non-IPv4 ARP without addresses', () => {
    const { pkt, kind } = decode(
      'ffffffffffff000e8c000001' + // MACs
        '0806' + // EtherType ARP
        '0006' + // HTYPE IEEE 802
        '86dd' + // PTYPE IPv6 (not defined for ARP, carried anyway)
        '06' + // HLEN
        '10' + // PLEN 16
        '0001' + // OPER
        '00'.repeat(44), // addresses
    );
    expect(kind).toBe(PacketKind.ARP);
    expect(pkt.arpOp).toBe(1);
    expect(pkt.src4).toBe(0);
  });

  it('counts truncation of the fixed header and of the addresses', () => {
    const fixed = decode('ffffffffffff000e8c000001' + '0806' + '00010800');
    expect(fixed.kind).toBe(PacketKind.NONE);
    expect(fixed.counters.get('arp.truncated')).toBe(1);
    const addrs = decode('ffffffffffff000e8c000001' + '0806' + '0001080006040001' + '000e8c000001');
    expect(addrs.kind).toBe(PacketKind.ARP);
    expect(addrs.pkt.arpOp).toBe(1);
    expect(addrs.pkt.src4).toBe(0);
    expect(addrs.counters.get('arp.truncated')).toBe(1);
  });
});
