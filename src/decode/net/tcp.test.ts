// TCP header: ports, sequence numbers, flags, options, payload bounds and checksum verification.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import { hex } from '../../../test/helpers/hex.js';
import { cat, ipv4, ipv6, rawFrame, tcp } from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import { BadChecksum, Packet, PacketKind, TcpFlag } from '../packet.js';

const IP_HDR =
  '45000034' + // version 4, IHL 5, total length 52
  '00020000' + // identification 2, no fragmentation
  '4006f753' + // TTL 64, protocol TCP, header checksum
  'c0a8010a' + // source 192.168.1.10
  'c0a80114'; // destination 192.168.1.20

/** A SYN to Modbus/TCP with MSS, window scale and SACK-permitted options. */
const SYN =
  IP_HDR +
  'c000' + // source port 49152
  '01f6' + // destination port 502
  '000003e8' + // sequence number 1000
  '00000000' + // acknowledgment number 0
  '80' + // data offset 8 words (32 bytes)
  '02' + // flags: SYN
  'faf0' + // window 64240
  '2ad3' + // checksum
  '0000' + // urgent pointer
  '020405b4' + // option: MSS 1460
  '01' + // option: NOP
  '030307' + // option: window scale 7
  '0402' + // option: SACK permitted
  '01' + // option: NOP
  '01'; // option: NOP

/** A Modbus/TCP read request segment (PSH, ACK) with 12 payload bytes. */
const DATA =
  '450000341c464000' + // version/IHL, total length 52, identification, DF
  '40069b0f' + // TTL 64, protocol TCP, header checksum
  'c0a8010ac0a80114' + // 192.168.1.10 -> 192.168.1.20
  'c000' + // source port 49152
  '01f6' + // destination port 502
  '01020304' + // sequence number
  '0a0b0c0d' + // acknowledgment number
  '50' + // data offset 5 words
  '18' + // flags: PSH, ACK
  '2000' + // window 8192
  '2ec5' + // checksum
  '0000' + // urgent pointer
  '000100000006' + // MBAP: transaction 1, protocol 0, length 6
  '0103006b0003'; // unit 1, read holding registers 107, 3 registers

function decode(
  data: Uint8Array,
  origLen = data.length,
): { pkt: Packet; counters: Counters; kind: number } {
  const counters = new Counters();
  const pkt = new Packet();
  const kind = new FrameDecoder(counters).decode(rawFrame(data, 101, { origLen }), pkt);
  return { pkt, counters, kind };
}

describe('TCP', () => {
  it('decodes the header and options of a SYN', () => {
    const { pkt, kind, counters } = decode(hex(SYN));
    expect(kind).toBe(PacketKind.IP);
    expect([pkt.srcPort, pkt.dstPort]).toEqual([49152, 502]);
    expect(pkt.seq).toBe(1000);
    expect(pkt.tcpFlags).toBe(TcpFlag.SYN);
    expect(pkt.window).toBe(64240);
    expect(pkt.tcpMss).toBe(1460);
    expect(pkt.tcpWscale).toBe(7);
    expect(pkt.tcpSackOk).toBe(true);
    expect(pkt.payOff).toBe(52);
    expect(pkt.payLen).toBe(0);
    expect(pkt.payWireLen).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('decodes a data segment', () => {
    const { pkt, kind } = decode(hex(DATA));
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.seq).toBe(0x01020304);
    expect(pkt.ack).toBe(0x0a0b0c0d);
    expect(pkt.tcpFlags).toBe(TcpFlag.PSH | TcpFlag.ACK);
    expect([pkt.l4Off, pkt.payOff, pkt.payLen, pkt.payWireLen]).toEqual([20, 40, 12, 12]);
    expect([pkt.tcpMss, pkt.tcpWscale, pkt.tcpSackOk]).toEqual([0, -1, false]);
    expect(pkt.bad).toBe(0);
  });

  it('reads sequence numbers above 2^31 as unsigned', () => {
    const seg = tcp({ seq: 0xfffffff0, ack: 0x80000000 });
    const { pkt } = decode(ipv4({ proto: 6 }, seg));
    expect(pkt.seq).toBe(0xfffffff0);
    expect(pkt.ack).toBe(0x80000000);
  });

  it('counts a bad checksum and keeps the segment', () => {
    const bad = hex(DATA);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    const { pkt, kind, counters } = decode(bad);
    expect(kind).toBe(PacketKind.IP);
    expect(pkt.bad).toBe(BadChecksum.TCP);
    expect(pkt.payLen).toBe(12);
    expect(counters.get('tcp.bad_checksum')).toBe(1);
  });

  it('verifies over the IPv6 pseudo-header', () => {
    const good = ipv6({ proto: 6 }, tcp({ v6: true }, hex('0102')));
    expect(decode(good).pkt.bad).toBe(0);
    const wrong = ipv6({ proto: 6 }, tcp({ v6: false }, hex('0102')));
    expect(decode(wrong).pkt.bad).toBe(BadChecksum.TCP);
  });

  it('does not verify a segment the snaplen cut, and reports both payload lengths', () => {
    const full = hex(DATA);
    const { pkt, counters } = decode(full.subarray(0, 46), full.length);
    expect(pkt.payLen).toBe(6);
    expect(pkt.payWireLen).toBe(12);
    expect(pkt.bad).toBe(0);
    expect(counters.toJSON()).toEqual({});
  });

  it('rejects a data offset below 5 or past the segment, keeping the ports', () => {
    const small = hex(DATA);
    small[32] = 0x40;
    const a = decode(small);
    expect(a.kind).toBe(PacketKind.NONE);
    expect(a.pkt.dstPort).toBe(502);
    expect(a.counters.get('tcp.hlen_too_small')).toBe(1);
    const large = hex(DATA);
    large[32] = 0xf0; // 60 bytes of header in a 32-byte segment
    const b = decode(large);
    expect(b.kind).toBe(PacketKind.NONE);
    expect(b.counters.get('tcp.invalid_optlen')).toBe(1);
  });

  it('counts a header cut short', () => {
    const r = decode(hex(DATA).subarray(0, 30), 52);
    expect(r.kind).toBe(PacketKind.NONE);
    expect(r.pkt.srcPort).toBe(49152);
    expect(r.counters.get('tcp.pkt_too_small')).toBe(1);
    const opts = decode(hex(SYN).subarray(0, 44), 52);
    expect(opts.kind).toBe(PacketKind.NONE);
    expect(opts.counters.get('tcp.pkt_too_small')).toBe(1);
  });

  it('counts malformed options and keeps the segment', () => {
    const syn = hex(SYN);
    syn[41] = 1; // MSS option length 1
    const a = decode(syn);
    expect(a.kind).toBe(PacketKind.IP);
    expect(a.counters.get('tcp.opt_invalid_len')).toBe(1);
    const opts = cat(hex('0203' + '05b4'), hex('030207'), hex('0101'), hex('0101')); // MSS len 3, wscale len 2
    const b = decode(ipv4({ proto: 6 }, tcp({ options: opts, flags: TcpFlag.SYN })));
    expect(b.counters.get('tcp.opt_invalid_len')).toBe(2);
    expect(b.pkt.tcpMss).toBe(0);
    const over = decode(
      ipv4({ proto: 6 }, tcp({ options: hex('0303' + '0f' + '00'), flags: TcpFlag.SYN })),
    );
    expect(over.pkt.tcpWscale).toBe(14);
    const dangling = decode(ipv4({ proto: 6 }, tcp({ options: hex('010101' + '02') })));
    expect(dangling.counters.get('tcp.opt_invalid_len')).toBe(1);
  });
});
