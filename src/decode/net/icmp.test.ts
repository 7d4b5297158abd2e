// ICMP and ICMPv6: type, code, checksum (ICMPv6 over the pseudo-header).
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { icmp, ipv4, ipv6, rawFrame, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { BadChecksum, Packet, PacketKind } from '../packet.js';

/** ICMP echo request with 8 bytes of data. */
const ECHO =
  '4500002000040000400166d7' + // IPv4: total length 32, id 4, TTL 64, ICMP, checksum
  '0a0000010a000002' + // 10.0.0.1 -> 10.0.0.2
  '08' + // type 8 (echo request)
  '00' + // code 0
  '3337' + // checksum
  '0001' + // identifier 1
  '0001' + // sequence 1
  '61626364'; // data "abcd"

function decode(
  data: Uint8Array,
  origLen = data.length,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, 101, { origLen }), pkt);
  return { pkt, counters, kind };
}

describe('ICMP', () => {
  it('decodes type and code, with no ports', () => {
    const { pkt, kind, counters } = decode(hex(ECHO));
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.ipProto, pkt.icmpType, pkt.icmpCode]).toEqual([1, 8, 0]);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([0, 0]);
    expect([pkt.l4Off, pkt.payOff, pkt.payLen]).toEqual([20, 28, 4]);
    expect(counters.toJSON()).toEqual({});
  });

  it('counts a bad checksum', () => {
    const bad = hex(ECHO);
    bad[31] = 0;
    const { pkt, counters } = decode(bad);
    expect(pkt.bad).toBe(BadChecksum.ICMP);
    expect(counters.get('icmpv4.bad_checksum')).toBe(1);
  });

  it('leaves the quoted datagram of an error in the payload', () => {
    const quoted = ipv4({ proto: 17, src: '10.0.0.2', dst: '10.0.0.9' }, udp({ dport: 161 }));
    const { pkt, kind } = decode(
      ipv4({ proto: 1 }, icmp({ type: 3, code: 3 }, new Uint8Array([0, 0, 0, 0, ...quoted]))),
    );
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.icmpType, pkt.icmpCode, pkt.dstPort]).toEqual([3, 3, 0]);
    expect(pkt.payLen).toBe(quoted.length);
  });

  it('counts a header cut short', () => {
    const r = decode(hex(ECHO).subarray(0, 26), 32);
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.pkt.icmpType).toBe(8);
    expect(r.counters.get('icmpv4.pkt_too_small')).toBe(1);
  });
});

describe('ICMPv6', () => {
  it('verifies the checksum over the pseudo-header', () => {
    const msg = icmp({ v6: true, type: 128 }, hex('00010001'));
    const { pkt, kind, counters } = decode(ipv6({ proto: 58 }, msg));
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.ipProto, pkt.icmpType, pkt.icmpCode, pkt.bad]).toEqual([58, 128, 0, 0]);
    expect(counters.toJSON()).toEqual({});
    // The same message computed without the pseudo-header is wrong for ICMPv6.
    const v4sum = icmp({ type: 128 }, hex('00010001'));
    const bad = decode(ipv6({ proto: 58 }, v4sum));
    expect(bad.pkt.bad).toBe(BadChecksum.ICMP);
    expect(bad.counters.get('icmpv6.bad_checksum')).toBe(1);
  });

  it('counts a short message', () => {
    const r = decode(ipv6({ proto: 58 }, hex('8000')));
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.counters.get('icmpv6.pkt_too_small')).toBe(1);
  });
});
