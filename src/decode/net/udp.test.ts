// UDP header: lengths, payload bounds, optional checksum over IPv4, mandatory over IPv6.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { ipv4, ipv6, rawFrame, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { BadChecksum, Packet, PacketKind } from '../packet.js';

/** BACnet/IP Who-Is over UDP in IPv4. */
const WHO_IS =
  '4500002800010000401166c2' + // IPv4: total length 40, id 1, TTL 64, UDP, checksum
  '0a0000010a000002' + // 10.0.0.1 -> 10.0.0.2
  'bac0' + // source port 47808
  'bac0' + // destination port 47808
  '0014' + // length 20
  'e303' + // checksum
  '810b000c' + // BVLC: BACnet/IP, Original-Broadcast-NPDU, length 12
  '0120ffff00ff' + // NPDU
  '1008'; // APDU: unconfirmed Who-Is

function decode(
  data: Uint8Array,
  origLen = data.length,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, 101, { origLen }), pkt);
  return { pkt, counters, kind };
}

describe('UDP', () => {
  it('decodes ports, payload and a good checksum', () => {
    const { pkt, kind, counters } = decode(hex(WHO_IS));
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([47808, 47808]);
    expect([pkt.l4Off, pkt.payOff, pkt.payLen, pkt.payWireLen]).toEqual([20, 28, 12, 12]);
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('counts a bad checksum and keeps the datagram', () => {
    const bad = hex(WHO_IS);
    bad[39] = bad[39]! ^ 0x10;
    const { pkt, kind, counters } = decode(bad);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.bad).toBe(BadChecksum.UDP);
    expect(counters.get('udp.bad_checksum')).toBe(1);
  });

  it('treats checksum 0 as none over IPv4 and counts it over IPv6', () => {
    expect(
      decode(ipv4({ proto: 17 }, udp({ checksum: 0 }, hex('00ff')))).counters.toJSON(),
    ).toEqual({});
    const v6 = decode(ipv6({ proto: 17 }, udp({ v6: true, checksum: 0 }, hex('00ff'))));
    expect(v6.kind).toBe(PacketKind.IP);
    expect(v6.pkt.bad).toBe(0);
    expect(v6.counters.get('udp.ipv6_zero_checksum')).toBe(1);
    expect(decode(ipv6({ proto: 17 }, udp({ v6: true }, hex('00ff')))).pkt.bad).toBe(0);
  });

  it('lets a shorter UDP length end the payload', () => {
    const dg = udp({ length: 10 }, hex('aabbccdd'));
    const { pkt, counters } = decode(ipv4({ proto: 17 }, dg), undefined);
    expect([pkt.payLen, pkt.payWireLen]).toEqual([2, 2]);
    expect(counters.get('udp.len_invalid')).toBe(0);
  });

  it('counts a length below 8 or past the IP payload, and uses the IP payload', () => {
    const a = decode(ipv4({ proto: 17 }, udp({ length: 4, checksum: 0 }, hex('aabbccdd'))));
    expect(a.kind).toBe(PacketKind.IP);
    expect(a.pkt.payLen).toBe(4);
    expect(a.counters.get('udp.hlen_invalid')).toBe(1);
    const b = decode(ipv4({ proto: 17 }, udp({ length: 400 }, hex('aabbccdd'))));
    expect(b.kind).toBe(PacketKind.IP);
    expect([b.pkt.payLen, b.pkt.payWireLen]).toEqual([4, 4]);
    expect(b.counters.get('udp.len_invalid')).toBe(1);
    expect(b.pkt.bad).toBe(0);
  });

  it('does not verify a datagram the snaplen cut', () => {
    const full = hex(WHO_IS);
    const { pkt, counters } = decode(full.subarray(0, 32), full.length);
    expect([pkt.payLen, pkt.payWireLen]).toEqual([4, 12]);
    expect(counters.toJSON()).toEqual({});
  });

  it('counts a header cut short, keeping the ports', () => {
    const r = decode(hex(WHO_IS).subarray(0, 26), 40);
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.pkt.dstPort).toBe(47808);
    expect(r.counters.get('udp.pkt_too_small')).toBe(1);
  });
});
