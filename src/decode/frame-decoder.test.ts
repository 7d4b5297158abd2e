// FrameDecoder as a whole: hostile input never throws (every prefix, random and mutated bytes),
// records stay in bounds, fields reset between frames, and every counter is catalogued.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counters } from '../core/counters.js';
import { atOffset } from '../../test/helpers/hex.js';
import { bytes, ipv4, rawFrame, tcp, udp } from '../../test/helpers/net-packets.js';
import { fixtureFrames, netFixtures } from '../../test/fixtures/gen/net-synthetic.js';
import type { RawFrame } from '../capture/source.js';
import { FrameDecoder, NET_ANOMALIES } from './frame-decoder.js';
import { Packet, PacketKind } from './packet.js';

const FRAMES: RawFrame[] = netFixtures().flatMap((f) => fixtureFrames(f));
const LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276];

/** Checks the invariants every decoded record keeps, whatever the input. */
function checkRecord(pkt: Packet, kind: number): void {
  expect(pkt.kind).toBe(kind);
  expect([
    PacketKind.NONE,
    PacketKind.L2,
    PacketKind.ARP,
    PacketKind.IP,
    PacketKind.FRAGMENT,
  ]).toContain(kind);
  const n = pkt.buf.length;
  if (kind === PacketKind.L2 || kind === PacketKind.ARP)
    expect(pkt.l3Off).toBeLessThanOrEqual(pkt.data.length);
  if (kind === PacketKind.IP) {
    expect(pkt.ipVersion === 4 || pkt.ipVersion === 6).toBe(true);
    expect(pkt.l3Off).toBeLessThan(n);
    expect(pkt.l4Off).toBeLessThanOrEqual(n);
    expect(pkt.payOff).toBeGreaterThanOrEqual(pkt.l4Off);
    expect(pkt.payLen).toBeGreaterThanOrEqual(0);
    expect(pkt.payOff + pkt.payLen).toBeLessThanOrEqual(n);
    expect(pkt.payWireLen).toBeGreaterThanOrEqual(pkt.payLen);
    if (pkt.ipVersion === 6) expect(pkt.dst6Off + 16).toBeLessThanOrEqual(n);
  }
  expect(pkt.srcPort).toBeGreaterThanOrEqual(0);
  expect(pkt.srcPort).toBeLessThan(65536);
  expect(pkt.seq).toBeGreaterThanOrEqual(0);
}

function checkCatalogued(counters: Counters): void {
  for (const name of Object.keys(counters.toJSON()))
    expect(NET_ANOMALIES, name).toHaveProperty([name]);
}

describe('FrameDecoder on hostile input', () => {
  it('decodes every prefix of every fixture frame without throwing, captured whole or cut', () => {
    const counters = new Counters();
    const dec = new FrameDecoder(counters);
    const pkt = new Packet();
    for (const f of FRAMES) {
      for (let len = 0; len <= f.data.length; len++) {
        const data = f.data.subarray(0, len);
        checkRecord(pkt, dec.decode({ ...f, data, capLen: len, origLen: len }, pkt));
        checkRecord(pkt, dec.decode({ ...f, data, capLen: len, origLen: f.data.length }, pkt));
      }
    }
    checkCatalogued(counters);
  });

  it('decodes random bytes on every link type without throwing', () => {
    const counters = new Counters();
    const dec = new FrameDecoder(counters);
    const pkt = new Packet();
    fc.assert(
      fc.property(
        fc.constantFrom(...LINK_TYPES, 7, 195),
        fc.uint8Array({ maxLength: 200 }),
        (lt, data) => {
          checkRecord(pkt, dec.decode(rawFrame(data, lt), pkt));
        },
      ),
      { seed: 20261125, numRuns: 5000 },
    );
    checkCatalogued(counters);
  });

  it('decodes mutated fixture frames without throwing', () => {
    const counters = new Counters();
    const dec = new FrameDecoder(counters, { fragMaxDatagrams: 64 });
    const pkt = new Packet();
    fc.assert(
      fc.property(
        fc.constantFrom(...FRAMES),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(),
        (f, edits, cut) => {
          const data = Uint8Array.from(f.data);
          for (const [at, v] of edits) data[at % Math.max(1, data.length)] = v;
          const len = data.length === 0 ? 0 : data.length - (cut % Math.min(8, data.length));
          checkRecord(
            pkt,
            dec.decode({ ...f, data: data.subarray(0, len), capLen: len, origLen: f.origLen }, pkt),
          );
        },
      ),
      { seed: 7, numRuns: 20000 },
    );
    checkCatalogued(counters);
    const s = dec.stats();
    expect(s.frag.datagrams).toBeLessThanOrEqual(64);
  });

  it('keeps reassembly memory within its caps under a flood of random fragments', () => {
    const counters = new Counters();
    const dec = new FrameDecoder(counters, {
      fragMaxDatagrams: 50,
      fragMaxBytes: 100_000,
      fragMaxFragments: 8,
    });
    const pkt = new Packet();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 8190 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1480 }),
        (id, off8, more, len) => {
          const f = ipv4({ proto: 17, id, fragOff: off8 * 8, more }, bytes(len));
          dec.decode(rawFrame(f, 101), pkt);
          const s = dec.stats().frag;
          expect(s.datagrams).toBeLessThanOrEqual(50);
          expect(s.bytes).toBeLessThanOrEqual(100_000);
        },
      ),
      { seed: 99, numRuns: 3000 },
    );
    expect(
      counters.get('ipv4.frag_limit_reached') +
        counters.get('ipv4.frag_memcap_reached') +
        counters.get('ipv4.frag_too_many'),
    ).toBeGreaterThan(0);
    checkCatalogued(counters);
  });
});

describe('FrameDecoder records', () => {
  it('resets every field between frames', () => {
    // Frames without fragments: reassembly state is meant to carry over between frames.
    const whole = netFixtures()
      .filter((f) => !f.name.includes('fragments'))
      .flatMap((f) => fixtureFrames(f));
    const dec = new FrameDecoder(new Counters());
    const reused = new Packet();
    for (let i = 0; i < whole.length; i++) {
      const f = whole[i]!;
      const before = whole[(i * 7 + 3) % whole.length]!;
      dec.decode(before, reused);
      const fresh = new Packet();
      new FrameDecoder(new Counters()).decode(f, fresh);
      dec.decode(f, reused);
      expect({ ...reused, buf: null }).toEqual({ ...fresh, buf: null });
    }
  });

  it('honours the byte offset of a view (a pooled Node Buffer)', () => {
    const data = ipv4({ proto: 6 }, tcp({ dport: 502 }, bytes(10)));
    const a = new Packet();
    const b = new Packet();
    new FrameDecoder(new Counters()).decode(rawFrame(data, 101), a);
    const c = new Counters();
    new FrameDecoder(c).decode(rawFrame(atOffset(data), 101), b);
    expect({ ...b, data: null, buf: null }).toEqual({ ...a, data: null, buf: null });
    expect(c.toJSON()).toEqual({});
  });

  it('copies the capture fields and counts frames by kind', () => {
    const counters = new Counters();
    const dec = new FrameDecoder(counters);
    const pkt = new Packet();
    const data = ipv4({ proto: 17 }, udp({}, bytes(4)));
    dec.decode(rawFrame(data, 101, { frame: 42, tsSec: 5, tsNs: 6, origLen: 100 }), pkt);
    expect([pkt.frame, pkt.tsSec, pkt.tsNs, pkt.capLen, pkt.wireLen, pkt.linkType]).toEqual([
      42,
      5,
      6,
      data.length,
      100,
      101,
    ]);
    expect(pkt.data).toBe(data);
    dec.decode(rawFrame(data, 7 /* ARCNET */), pkt);
    dec.decode(rawFrame(data, 195 /* IEEE 802.15.4 */), pkt);
    expect(counters.get('link.unsupported_linktype')).toBe(2);
    expect(dec.stats()).toMatchObject({
      frames: 3,
      ip: 1,
      none: 2,
      l2: 0,
      arp: 0,
      fragment: 0,
      reassembled: 0,
    });
  });
});

describe('NET_ANOMALIES', () => {
  it('names every anomaly <proto>.<what> in snake case, with a description and a severity', () => {
    for (const [name, info] of Object.entries(NET_ANOMALIES)) {
      expect(name).toMatch(/^[a-z0-9]+\.[a-z0-9_]+$/);
      expect(info.description.length).toBeGreaterThan(20);
      expect(['low', 'medium', 'high', 'critical']).toContain(info.severity);
    }
  });
});
