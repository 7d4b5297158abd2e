// IPv4 header decoding: options, lengths, padding, checksums, malformed headers.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { ipv4, rawFrame, udp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import type { FrameDecoderOptions } from '../frame-decoder.js';
import { BadChecksum, Packet, PacketKind } from '../packet.js';

/** IPv4 with options (Router Alert, NOPs, EOL) carrying UDP 1234 -> 5678; checksums correct. */
const WITH_OPTIONS =
  '47' + // version 4, IHL 7 (28 bytes)
  '00' + // DSCP/ECN
  '0028' + // total length 40
  '0003' + // identification
  '0000' + // flags, fragment offset
  '40' + // TTL 64
  '11' + // protocol UDP
  '5f4e' + // header checksum
  'c0a8010a' + // source 192.168.1.10
  'c0a80114' + // destination 192.168.1.20
  '94040000' + // option: Router Alert (type 148, length 4, value 0)
  '01' + // option: NOP
  '01' + // option: NOP
  '01' + // option: NOP
  '00' + // option: End of Option List
  '04d2' + // UDP source port 1234
  '162e' + // UDP destination port 5678
  '000c' + // UDP length 12
  '534b' + // UDP checksum
  '00070e15'; // payload

function decode(
  data: Uint8Array,
  o: { origLen?: number; opts?: Partial<FrameDecoderOptions> } = {},
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters, o.opts).decode(
    rawFrame(data, 228, { origLen: o.origLen ?? data.length }),
    pkt,
  );
  return { pkt, counters, kind };
}

describe('IPv4', () => {
  it('skips options and decodes the transport header after them', () => {
    const { pkt, kind, counters } = decode(hex(WITH_OPTIONS));
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipVersion).toBe(4);
    expect(pkt.ipLen).toBe(40);
    expect(pkt.ttl).toBe(64);
    expect(pkt.ipProto).toBe(17);
    expect(pkt.src4).toBe(0xc0a8010a);
    expect(pkt.dst4).toBe(0xc0a80114);
    expect(pkt.l4Off).toBe(28);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([1234, 5678]);
    expect(pkt.payOff).toBe(36);
    expect(pkt.payLen).toBe(4);
    expect(pkt.buf).toBe(pkt.data);
    expect(pkt.reassembled).toBe(false);
    expect(counters.toJSON()).toEqual({});
  });

  it('counts an option whose length runs past the header, and still decodes', () => {
    const bad = hex(WITH_OPTIONS);
    bad[21] = 9; // Router Alert length 9: past the 28-byte header
    const { kind, counters } = decode(bad, { opts: { verifyChecksums: false } });
    expect(kind).toBe(PacketKind.IP);
    expect(counters.get('ipv4.opt_invalid_len')).toBe(1);
  });

  it('counts a bad header checksum and keeps the packet', () => {
    const bad = hex(WITH_OPTIONS);
    bad[10] = bad[10]! ^ 0xff;
    const { pkt, kind, counters } = decode(bad);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.bad & BadChecksum.IPV4).toBe(BadChecksum.IPV4);
    expect(pkt.dstPort).toBe(5678);
    expect(counters.get('ipv4.bad_checksum')).toBe(1);
  });

  it('does not verify checksums when turned off', () => {
    const bad = hex(WITH_OPTIONS);
    bad[10] = bad[10]! ^ 0xff;
    bad[34] = bad[34]! ^ 0xff;
    const { pkt, counters } = decode(bad, { opts: { verifyChecksums: false } });
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('rejects IHL below 5, a wrong version, a total length below the header, a short packet', () => {
    const ihl = hex(WITH_OPTIONS);
    ihl[0] = 0x44;
    expect(decode(ihl).counters.get('ipv4.hlen_too_small')).toBe(1);
    const ver = hex(WITH_OPTIONS);
    ver[0] = 0x67;
    expect(decode(ver).counters.get('ipv4.wrong_ip_version')).toBe(1);
    const tot = hex(WITH_OPTIONS);
    tot[3] = 24;
    const r = decode(tot);
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.counters.get('ipv4.iplen_smaller_than_hlen')).toBe(1);
    expect(decode(hex(WITH_OPTIONS).subarray(0, 19)).counters.get('ipv4.pkt_too_small')).toBe(1);
    const hdrCut = decode(hex(WITH_OPTIONS).subarray(0, 24));
    expect(hdrCut.kind).toBe(PacketKind.NONE);
    expect(hdrCut.counters.get('ipv4.trunc_pkt')).toBe(1);
  });

  it('ends a datagram at the frame end: an anomaly on a whole frame, none on a snaplen cut', () => {
    const data = ipv4({ proto: 17 }, udp({ dport: 53 }, new Uint8Array(100)));
    const cut = data.subarray(0, 60);
    const whole = decode(cut);
    expect(whole.kind).toBe(PacketKind.IP);
    expect(whole.counters.get('ipv4.trunc_pkt')).toBe(1);
    // The frame was whole: the datagram ended where the frame did.
    expect(whole.pkt.ipLen).toBe(data.length);
    expect(whole.pkt.payWireLen).toBe(60 - 28);
    expect(whole.counters.get('udp.len_invalid')).toBe(1);
    const snap = decode(cut, { origLen: data.length });
    expect(snap.kind).toBe(PacketKind.IP);
    expect(snap.counters.toJSON()).toEqual({});
    expect(snap.pkt.payLen).toBe(60 - 28);
    expect(snap.pkt.payWireLen).toBe(100);
    expect(snap.pkt.bad).toBe(0);
  });

  it('uses the captured length when Total Length is 0 (segmentation offload)', () => {
    const data = ipv4({ proto: 17, totalLength: 0 }, udp({ dport: 53 }, new Uint8Array(10)));
    const { pkt, kind, counters } = decode(data);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipLen).toBe(38);
    expect(pkt.payLen).toBe(10);
    expect(counters.get('ipv4.zero_total_length')).toBe(1);
  });

  it('passes other protocols through with their payload and no ports', () => {
    const gre = ipv4({ proto: 47 }, hex('0000' + '0800' + '45000014'));
    const { pkt, kind } = decode(gre);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.ipProto).toBe(47);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([0, 0]);
    expect([pkt.l4Off, pkt.payOff, pkt.payLen, pkt.payWireLen]).toEqual([20, 20, 8, 8]);
  });
});
