// IPv4 and IPv6 fragment reassembly: order, overlaps (first wins), timeouts and every limit.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import {
  bytes,
  fragmentHeader,
  ipv4,
  ipv6,
  optionsHeader,
  rawFrame,
  udp,
} from '../../../test/helpers/net-packets.js';
import { FrameDecoder } from '../frame-decoder.js';
import type { FrameDecoderOptions } from '../frame-decoder.js';
import { Packet, PacketKind } from '../packet.js';

/** A UDP datagram 10.0.0.1:5000 -> 10.0.0.2:6000 with `n` payload bytes (checksum correct). */
const datagram4 = (n: number, seed = 0): Uint8Array =>
  udp({ sport: 5000, dport: 6000 }, bytes(n, seed));
const datagram6 = (n: number): Uint8Array => udp({ v6: true, sport: 5000, dport: 6000 }, bytes(n));

/** IPv4 fragment `[off, off+len)` of `l4`. */
function frag4(
  l4: Uint8Array,
  off: number,
  len: number,
  more: boolean,
  id = 0x4242,
  proto = 17,
): Uint8Array {
  return ipv4({ proto, id, fragOff: off, more }, l4.subarray(off, off + len));
}

/** IPv6 fragment `[off, off+len)` of `l4`, with a Hop-by-Hop header before the Fragment header. */
function frag6(l4: Uint8Array, off: number, len: number, more: boolean, id = 7): Uint8Array {
  return ipv6(
    { proto: 17, ext: [optionsHeader(0), fragmentHeader(off, more, id)] },
    l4.subarray(off, off + len),
  );
}

class Harness {
  readonly counters = new Counters();
  readonly dec: FrameDecoder;
  readonly pkt = new Packet();
  private n = 0;
  constructor(opts?: Partial<FrameDecoderOptions>) {
    this.dec = new FrameDecoder(this.counters, opts);
  }
  /** Decodes a raw IP frame at capture time `t` seconds. */
  feed(data: Uint8Array, t = 0, origLen = data.length): number {
    return this.dec.decode(
      rawFrame(data, 101, { frame: ++this.n, tsSec: 1000 + t, origLen }),
      this.pkt,
    );
  }
}

describe('IPv4 reassembly', () => {
  const l4 = datagram4(3000);

  it('reassembles fragments in order, on the frame of the last one', () => {
    const h = new Harness();
    expect(h.feed(frag4(l4, 0, 1480, true))).toBe(PacketKind.FRAGMENT);
    expect(h.pkt.src4).toBe(0x0a000001);
    expect(h.pkt.ipProto).toBe(17);
    expect(h.pkt.dstPort).toBe(0);
    expect(h.feed(frag4(l4, 1480, 1480, true))).toBe(PacketKind.FRAGMENT);
    expect(h.feed(frag4(l4, 2960, 48, false))).toBe(PacketKind.IP);
    const p = h.pkt;
    expect(p.frame).toBe(3);
    expect(p.reassembled).toBe(true);
    expect(p.buf).not.toBe(p.data);
    expect(p.buf.length).toBe(20 + 3008);
    expect(p.ipLen).toBe(3028);
    expect([p.l3Off, p.l4Off, p.srcPort, p.dstPort]).toEqual([0, 20, 5000, 6000]);
    expect(p.buf.subarray(p.payOff, p.payOff + p.payLen)).toEqual(bytes(3000));
    expect(p.bad).toBe(0);
    expect(h.counters.toJSON()).toEqual({});
    expect(h.dec.stats()).toMatchObject({
      fragment: 2,
      ip: 1,
      reassembled: 1,
      frag: { datagrams: 0, bytes: 0, completed: 1 },
    });
  });

  it('reassembles fragments out of order', () => {
    const h = new Harness();
    expect(h.feed(frag4(l4, 2960, 48, false))).toBe(PacketKind.FRAGMENT);
    expect(h.feed(frag4(l4, 0, 1480, true))).toBe(PacketKind.FRAGMENT);
    expect(h.feed(frag4(l4, 1480, 1480, true))).toBe(PacketKind.IP);
    expect(h.pkt.buf.subarray(h.pkt.payOff)).toEqual(bytes(3000));
    expect(h.pkt.bad).toBe(0);
  });

  it('counts an overlap that repeats the same bytes', () => {
    const h = new Harness();
    h.feed(frag4(l4, 0, 1480, true));
    h.feed(frag4(l4, 1000, 1000, true));
    h.feed(frag4(l4, 1480, 1528, false));
    expect(h.pkt.reassembled).toBe(true);
    expect(h.counters.get('ipv4.frag_overlap')).toBe(2);
    expect(h.counters.get('ipv4.frag_overlap_conflict')).toBe(0);
    expect(h.pkt.buf.subarray(h.pkt.payOff)).toEqual(bytes(3000));
  });

  it('keeps the first bytes when an overlap conflicts, and counts it', () => {
    const h = new Harness();
    const evil = datagram4(3000, 99);
    h.feed(frag4(l4, 0, 1480, true));
    h.feed(frag4(evil, 1024, 512, true)); // overlaps [1024, 1480) with different bytes
    h.feed(frag4(l4, 1480, 1528, false));
    expect(h.pkt.reassembled).toBe(true);
    expect(h.counters.get('ipv4.frag_overlap_conflict')).toBe(2);
    // First wins: [1024, 1480) from the first fragment, [1480, 1536) from the evil one (it came before the last).
    const got = h.pkt.buf.subarray(20);
    expect(got.subarray(0, 1480)).toEqual(l4.subarray(0, 1480));
    expect(got.subarray(1480, 1536)).toEqual(evil.subarray(1480, 1536));
    expect(got.subarray(1536)).toEqual(l4.subarray(1536));
  });

  it('keys datagrams by source, destination, identification and protocol', () => {
    const h = new Harness();
    h.feed(frag4(l4, 0, 1480, true, 1));
    h.feed(frag4(l4, 0, 1480, true, 2));
    h.feed(frag4(l4, 1480, 1528, false, 1, 6));
    expect(h.dec.stats().frag.datagrams).toBe(3);
    expect(h.feed(frag4(l4, 1480, 1528, false, 2))).toBe(PacketKind.IP);
    expect(h.dec.stats().frag.datagrams).toBe(2);
  });

  it('keeps datagrams apart when their keys share a hash bucket', () => {
    // These two keys collide in the reassembler's 32-bit hash (found by a brute-force search).
    const a = (off: number, len: number, more: boolean): Uint8Array =>
      ipv4(
        { proto: 17, src: '10.1.2.71', dst: '10.0.0.2', id: 560, fragOff: off, more },
        l4.subarray(off, off + len),
      );
    const b = (off: number, len: number, more: boolean): Uint8Array =>
      ipv4(
        { proto: 17, src: '10.1.5.38', dst: '10.0.0.2', id: 0, fragOff: off, more },
        l4.subarray(off, off + len),
      );
    for (const order of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const h = new Harness();
      h.feed(a(0, 1480, true));
      h.feed(b(0, 1480, true));
      for (const which of order) {
        const last = which === 'a' ? a(1480, 1528, false) : b(1480, 1528, false);
        expect(h.feed(last)).toBe(PacketKind.IP);
        expect(h.pkt.src4).toBe(which === 'a' ? 0x0a010247 : 0x0a010526);
      }
      expect(h.dec.stats().frag).toEqual({ datagrams: 0, bytes: 0, completed: 2 });
    }
  });

  it('drops a datagram still incomplete after the timeout (capture time)', () => {
    const h = new Harness({ fragTimeoutSec: 30 });
    h.feed(frag4(l4, 0, 1480, true), 0);
    h.feed(frag4(l4, 1480, 1480, true), 29);
    expect(h.feed(frag4(l4, 2960, 48, false), 31)).toBe(PacketKind.FRAGMENT);
    expect(h.counters.get('ipv4.frag_timeout')).toBe(1);
    expect(h.dec.stats().frag.datagrams).toBe(1);
    h.dec.expire(1000 + 62);
    expect(h.counters.get('ipv4.frag_timeout')).toBe(2);
    expect(h.dec.stats().frag).toEqual({ datagrams: 0, bytes: 0, completed: 0 });
  });

  it('times out quiet datagrams while other traffic flows, and flushes the rest', () => {
    const h = new Harness({ fragTimeoutSec: 5 });
    h.feed(frag4(l4, 0, 1480, true, 1), 0);
    h.feed(ipv4({ proto: 17 }, datagram4(10)), 6);
    expect(h.counters.get('ipv4.frag_timeout')).toBe(1);
    h.feed(frag4(l4, 0, 1480, true, 2), 7);
    h.dec.flush();
    expect(h.counters.get('ipv4.frag_timeout')).toBe(2);
    expect(h.dec.stats().frag.datagrams).toBe(0);
  });

  it('refuses new datagrams over the concurrent limit', () => {
    const h = new Harness({ fragMaxDatagrams: 2 });
    h.feed(frag4(l4, 0, 1480, true, 1));
    h.feed(frag4(l4, 0, 1480, true, 2));
    expect(h.feed(frag4(l4, 0, 1480, true, 3))).toBe(PacketKind.FRAGMENT);
    expect(h.counters.get('ipv4.frag_limit_reached')).toBe(1);
    expect(h.dec.stats().frag.datagrams).toBe(2);
    // The two in progress still complete.
    h.feed(frag4(l4, 1480, 1528, false, 1));
    expect(h.pkt.reassembled).toBe(true);
  });

  it('drops a datagram with too many fragments and ignores its later fragments', () => {
    const h = new Harness({ fragMaxFragments: 2 });
    h.feed(frag4(l4, 0, 1000, true));
    h.feed(frag4(l4, 1000, 1000, true));
    h.feed(frag4(l4, 2000, 1000, true));
    expect(h.counters.get('ipv4.frag_too_many')).toBe(1);
    expect(h.dec.stats().frag.bytes).toBe(0);
    expect(h.feed(frag4(l4, 3000, 8, false))).toBe(PacketKind.FRAGMENT);
    expect(h.dec.stats().frag.completed).toBe(0);
  });

  it('drops a datagram over the global memory cap', () => {
    const h = new Harness({ fragMaxBytes: 2000 });
    h.feed(frag4(l4, 0, 1480, true));
    h.feed(frag4(l4, 1480, 1480, true));
    expect(h.counters.get('ipv4.frag_memcap_reached')).toBe(1);
    expect(h.dec.stats().frag.bytes).toBe(0);
  });

  it('drops a datagram that would exceed 65,535 bytes (ping of death)', () => {
    const h = new Harness();
    h.feed(frag4(l4, 0, 1480, true));
    const big = ipv4({ proto: 17, id: 0x4242, fragOff: 65528, more: false }, bytes(100));
    h.feed(big);
    expect(h.counters.get('ipv4.frag_pkt_too_large')).toBe(1);
    expect(h.dec.stats().frag.bytes).toBe(0);
  });

  it('cannot reassemble a fragment the snaplen cut', () => {
    const h = new Harness();
    const f = frag4(l4, 0, 1480, true);
    h.feed(f.subarray(0, 200), 0, f.length);
    expect(h.counters.get('ipv4.frag_truncated')).toBe(1);
  });

  it('counts non-final fragments that are not multiples of 8, and conflicting ends', () => {
    const h = new Harness();
    h.feed(frag4(l4, 0, 1001, true));
    expect(h.counters.get('ipv4.frag_invalid_length')).toBe(1);
    const h2 = new Harness();
    h2.feed(frag4(l4, 2960, 48, false));
    h2.feed(frag4(l4, 2960, 40, false));
    expect(h2.counters.get('ipv4.frag_end_conflict')).toBe(1);
    const h3 = new Harness();
    h3.feed(frag4(l4, 1480, 800, false)); // says the datagram ends at 2280...
    h3.feed(frag4(l4, 2280, 800, true)); // ...then data past it
    expect(h3.counters.get('ipv4.frag_end_conflict')).toBe(1);
  });
});

describe('IPv6 reassembly', () => {
  const l4 = datagram6(2000);

  it('reassembles and continues the header walk in the reassembled datagram', () => {
    const h = new Harness();
    expect(h.feed(frag6(l4, 0, 1232, true))).toBe(PacketKind.FRAGMENT);
    expect(h.pkt.ipVersion).toBe(6);
    expect(h.pkt.ipProto).toBe(17);
    expect(h.feed(frag6(l4, 1232, 776, false))).toBe(PacketKind.IP);
    const p = h.pkt;
    expect(p.reassembled).toBe(true);
    expect(p.buf.length).toBe(40 + 2008);
    expect([p.src6Off, p.dst6Off, p.l4Off]).toEqual([8, 24, 40]);
    expect([p.srcPort, p.dstPort]).toEqual([5000, 6000]);
    expect(p.buf.subarray(p.payOff)).toEqual(bytes(2000));
    expect(p.bad).toBe(0);
    expect(h.counters.toJSON()).toEqual({});
  });

  it('keys by identification', () => {
    const h = new Harness();
    h.feed(frag6(l4, 0, 1232, true, 1));
    expect(h.feed(frag6(l4, 1232, 776, false, 2))).toBe(PacketKind.FRAGMENT);
    expect(h.feed(frag6(l4, 1232, 776, false, 1))).toBe(PacketKind.IP);
  });

  it('decodes an atomic fragment (offset 0, M clear) as a plain packet', () => {
    const h = new Harness();
    const atomic = ipv6({ proto: 17, ext: [fragmentHeader(0, false, 9)] }, datagram6(20));
    expect(h.feed(atomic)).toBe(PacketKind.IP);
    expect(h.pkt.reassembled).toBe(false);
    expect(h.pkt.dstPort).toBe(6000);
  });

  it('refuses a Fragment header inside a reassembled datagram', () => {
    const h = new Harness();
    // The fragmentable part starts with another (non-atomic) Fragment header.
    const inner = new Uint8Array(16);
    inner.set([17, 0, 0, 1, 0, 0, 0, 5]); // Next Header UDP, offset 0, M set, id 5
    const first = ipv6({ proto: 44, ext: [fragmentHeader(0, true, 3)] }, inner.subarray(0, 8));
    const last = ipv6({ proto: 44, ext: [fragmentHeader(8, false, 3)] }, inner.subarray(8, 16));
    h.feed(first);
    expect(h.feed(last)).toBe(PacketKind.NONE);
    expect(h.counters.get('ipv6.exthdr_dupl_fh')).toBe(1);
  });

  it('counts its own anomalies under ipv6.*', () => {
    const h = new Harness({ fragMaxFragments: 1 });
    h.feed(frag6(l4, 0, 1004, true)); // not a multiple of 8
    h.feed(frag6(l4, 1000, 1008, false));
    expect(h.counters.get('ipv6.frag_too_many')).toBe(1);
    expect(h.counters.get('ipv6.frag_invalid_length')).toBe(1);
  });
});
