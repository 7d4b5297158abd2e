// IPv6 fixed header and extension-header walk (Hop-by-Hop, Routing, Destination Options, AH, ESP).
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { ipv6ToString } from '../../core/net-format.js';
import { hex } from '../../../test/helpers/hex.js';
import { ipv6, optionsHeader, rawFrame, tcp, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import type { FrameDecoderOptions } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

/** Router Solicitation behind a Hop-by-Hop header, as MLD/ND send it; checksums correct. */
const HOPOPTS_ICMPV6 =
  '60000000' + // version 6, traffic class 0, flow label 0
  '0010' + // payload length 16
  '00' + // next header: Hop-by-Hop Options
  'ff' + // hop limit 255
  'fe800000000000000000000000000001' + // source fe80::1
  'ff020000000000000000000000000002' + // destination ff02::2
  '3a' + // Hop-by-Hop: next header 58 (ICMPv6)
  '00' + // Hop-by-Hop: length 0 (8 bytes)
  '01040000' + // PadN, 4 bytes
  '0000' + // (PadN contents)
  '85' + // ICMPv6 type 133 (Router Solicitation)
  '00' + // code 0
  '7d36' + // checksum
  '00000000'; // reserved

function decode(
  data: Uint8Array,
  opts?: Partial<FrameDecoderOptions>,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters, opts).decode(rawFrame(data, 229), pkt);
  return { pkt, counters, kind };
}

describe('IPv6', () => {
  it('walks a Hop-by-Hop header to ICMPv6', () => {
    const { pkt, kind, counters } = decode(hex(HOPOPTS_ICMPV6));
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipVersion).toBe(6);
    expect(pkt.ipLen).toBe(56);
    expect(pkt.ttl).toBe(255);
    expect(pkt.ipProto).toBe(58);
    expect(ipv6ToString(pkt.buf, pkt.src6Off)).toBe('fe80::1');
    expect(ipv6ToString(pkt.buf, pkt.dst6Off)).toBe('ff02::2');
    expect(pkt.l4Off).toBe(48);
    expect([pkt.icmpType, pkt.icmpCode]).toEqual([133, 0]);
    expect(pkt.src4).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('walks Hop-by-Hop, Routing, Destination Options and AH to TCP', () => {
    const ah = { type: 51, body: new Uint8Array(22) }; // AH: length field (24/4)-2 = 4
    const data = ipv6(
      { proto: 6, ext: [optionsHeader(0), optionsHeader(43, 1), optionsHeader(60), ah] },
      tcp({ v6: true, dport: 443 }),
    );
    const { pkt, kind, counters } = decode(data);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipProto).toBe(6);
    expect(pkt.l4Off).toBe(40 + 8 + 16 + 8 + 24);
    expect(pkt.dstPort).toBe(443);
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('stops at ESP and at No Next Header', () => {
    const esp = decode(ipv6({ proto: 50 }, hex('00000101' + '00000001' + 'abcdef00')));
    expect(esp.kind).toBe(PacketKind.IP);
    expect([esp.pkt.ipProto, esp.pkt.payLen, esp.pkt.srcPort]).toEqual([50, 12, 0]);
    const none = decode(ipv6({ proto: 59, ext: [optionsHeader(60)] }, new Uint8Array(0)));
    expect(none.kind).toBe(PacketKind.IP);
    expect(none.pkt.ipProto).toBe(59);
  });

  it('caps the number of extension headers', () => {
    const many = Array.from({ length: 9 }, () => optionsHeader(60));
    const { kind, counters } = decode(ipv6({ proto: 17, ext: many }, udp({ v6: true })));
    expect(kind).toBe(PacketKind.NONE);
    expect(counters.get('ipv6.exthdr_too_many')).toBe(1);
    expect(
      decode(ipv6({ proto: 17, ext: many }, udp({ v6: true })), { maxIpv6ExtHeaders: 9 }).kind,
    ).toBe(PacketKind.IP);
  });

  it('counts a Hop-by-Hop header that is not first', () => {
    const { kind, counters } = decode(
      ipv6({ proto: 17, ext: [optionsHeader(60), optionsHeader(0)] }, udp({ v6: true })),
    );
    expect(kind).toBe(PacketKind.IP);
    expect(counters.get('ipv6.hopopts_not_first')).toBe(1);
  });

  it('counts extension headers that run past the packet', () => {
    const long = hex(HOPOPTS_ICMPV6);
    long[41] = 3; // Hop-by-Hop length 3: 32 bytes, but only 16 follow
    expect(decode(long).counters.get('ipv6.trunc_exthdr')).toBe(1);
    const short = hex(HOPOPTS_ICMPV6).subarray(0, 41);
    const r = decode(short);
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.counters.get('ipv6.trunc_exthdr')).toBe(1);
    expect(r.counters.get('ipv6.trunc_pkt')).toBe(1);
  });

  it('rejects short packets and wrong versions', () => {
    expect(decode(hex(HOPOPTS_ICMPV6).subarray(0, 39)).counters.get('ipv6.pkt_too_small')).toBe(1);
    const v = hex(HOPOPTS_ICMPV6);
    v[0] = 0x40;
    expect(decode(v).counters.get('ipv6.wrong_ip_version')).toBe(1);
  });

  it('uses the captured length when Payload Length is 0 with a next header (offload)', () => {
    const data = ipv6(
      { proto: 17, payloadLength: 0 },
      udp({ v6: true, dport: 7 }, new Uint8Array(4)),
    );
    const { pkt, kind, counters } = decode(data);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.dstPort).toBe(7);
    expect(counters.get('ipv6.zero_payload_length')).toBe(1);
  });
});
