// Raw IP link types: LINKTYPE_RAW (version from the first nibble), LINKTYPE_IPV4, LINKTYPE_IPV6.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { ipv4, ipv6, rawFrame, tcp, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

const V4 = ipv4({ proto: 6 }, tcp({ dport: 9600 }));
const V6 = ipv6({ proto: 17 }, udp({ v6: true, dport: 2222 }));

function decode(
  data: Uint8Array,
  linkType: number,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, linkType), pkt);
  return { pkt, counters, kind };
}

describe('raw IP', () => {
  it.each([101, 12, 14])('LINKTYPE %i takes the version from the first nibble', (lt) => {
    const a = decode(V4, lt);
    expect(a.kind).toBe(PacketKind.IP);
    expect([a.pkt.ipVersion, a.pkt.etherType, a.pkt.l3Off, a.pkt.dstPort]).toEqual([
      4, 0x0800, 0, 9600,
    ]);
    const b = decode(V6, lt);
    expect([b.pkt.ipVersion, b.pkt.etherType, b.pkt.dstPort]).toEqual([6, 0x86dd, 2222]);
  });

  it('LINKTYPE_IPV4 and LINKTYPE_IPV6 fix the version', () => {
    expect(decode(V4, 228).pkt.ipVersion).toBe(4);
    expect(decode(V6, 229).pkt.ipVersion).toBe(6);
    const wrong = decode(V6, 228);
    expect(wrong.kind).toBe(PacketKind.NONE);
    expect(wrong.counters.get('ipv4.wrong_ip_version')).toBe(1);
    expect(decode(V4, 229).counters.get('ipv6.wrong_ip_version')).toBe(1);
  });

  it('counts other versions and empty frames', () => {
    const v5 = Uint8Array.from(V4);
    v5[0] = 0x55;
    expect(decode(v5, 101).counters.get('raw.unknown_version')).toBe(1);
    expect(decode(new Uint8Array(0), 101).counters.get('raw.unknown_version')).toBe(1);
  });
});
