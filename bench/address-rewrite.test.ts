// The per-round address rewrite gives the same bytes as building the frame with the new
// addresses from scratch (so every checksum the rewrite touches is right), and leaves alone
// what it must not touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytes,
  ether,
  fragmentHeader,
  icmp,
  ipv4,
  ipv6,
  optionsHeader,
  tcp,
  udp,
} from '../test/helpers/net-packets.js';
import { rewriteFrame } from './address-rewrite.js';

const IPV4 = 0x0800;
const IPV6 = 0x86dd;
const ARP = 0x0806;

function rewritten(frame: Uint8Array, key: number): Uint8Array {
  const copy = frame.slice();
  rewriteFrame(copy, 0, copy.length, key);
  return copy;
}

function tcp4(src: string, dst: string, extra: { checksum?: number } = {}): Uint8Array {
  const seg = tcp({ src, dst, sport: 40000, dport: 502, ...extra }, bytes(12));
  return ether(IPV4, ipv4({ src, dst, proto: 6 }, seg));
}

/** One's-complement sum of the 16-bit words of `b` (a checksum over it verifies when 0xffff). */
function onesSum(...parts: readonly Uint8Array[]): number {
  let s = 0;
  for (const b of parts) for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

describe('rewriteFrame, IPv4', () => {
  it('XORs the second and third octets and updates the IP and TCP checksums', () => {
    const before = tcp4('192.168.10.221', '192.168.10.222');
    // key 5: third octet 10 ^ 5 = 15; key 0x0300 would change the second octet.
    expect(rewritten(before, 5)).toEqual(tcp4('192.168.15.221', '192.168.15.222'));
    expect(rewritten(before, 0x0105)).toEqual(tcp4('192.169.15.221', '192.169.15.222'));
  });

  it('leaves the frame untouched for round 0', () => {
    const before = tcp4('10.1.2.3', '10.4.5.6');
    expect(rewritten(before, 0)).toEqual(before);
  });

  it('updates UDP checksums and keeps an absent UDP checksum absent', () => {
    const dg = (src: string, dst: string, checksum?: number): Uint8Array =>
      ether(
        IPV4,
        ipv4(
          { src, dst, proto: 17 },
          udp({ src, dst, ...(checksum === undefined ? {} : { checksum }) }, bytes(9)),
        ),
      );
    expect(rewritten(dg('172.16.1.9', '172.16.2.9'), 7)).toEqual(dg('172.16.6.9', '172.16.5.9'));
    expect(rewritten(dg('172.16.1.9', '172.16.2.9', 0), 7)).toEqual(
      dg('172.16.6.9', '172.16.5.9', 0),
    );
  });

  it('keeps multicast, broadcast, loopback and 0/8 addresses', () => {
    const dg = (src: string, dst: string): Uint8Array =>
      ether(IPV4, ipv4({ src, dst, proto: 17 }, udp({ src, dst, dport: 5353 }, bytes(4))));
    expect(rewritten(dg('10.0.0.1', '224.0.0.251'), 1)).toEqual(dg('10.0.1.1', '224.0.0.251'));
    expect(rewritten(dg('0.0.0.0', '255.255.255.255'), 1)).toEqual(
      dg('0.0.0.0', '255.255.255.255'),
    );
    expect(rewritten(dg('127.0.0.1', '127.0.0.1'), 1)).toEqual(dg('127.0.0.1', '127.0.0.1'));
  });

  it('finds the IP header behind two VLAN tags and after IP options', () => {
    const build = (src: string, dst: string): Uint8Array =>
      ether(
        IPV4,
        ipv4(
          { src, dst, proto: 6, options: Uint8Array.of(1, 1, 1, 0) }, // NOP NOP NOP EOL
          tcp({ src, dst }, bytes(3)),
        ),
        [
          [0x88a8, 100],
          [0x8100, 200],
        ],
      );
    expect(rewritten(build('10.20.30.40', '10.20.31.41'), 9)).toEqual(
      build('10.20.23.40', '10.20.22.41'),
    );
  });

  it('updates only the IP header of a non-first fragment', () => {
    const tail = bytes(16, 3); // the middle of some datagram: no transport header here
    const frag = (src: string, dst: string): Uint8Array =>
      ether(IPV4, ipv4({ src, dst, proto: 6, fragOff: 1480, more: true }, tail));
    expect(rewritten(frag('192.168.1.1', '192.168.1.2'), 2)).toEqual(
      frag('192.168.3.1', '192.168.3.2'),
    );
  });

  it('keeps a wrong TCP checksum exactly as wrong', () => {
    const before = tcp4('10.9.8.7', '10.9.8.6', { checksum: 0xbeef });
    const after = rewritten(before, 0x42);
    const seg = (f: Uint8Array): Uint8Array => f.subarray(34);
    // Sum over pseudo-header (addresses, protocol, length) and segment, checksum included.
    const check = (f: Uint8Array): number =>
      onesSum(f.subarray(26, 34), Uint8Array.of(0, 6, 0, seg(f).length), seg(f));
    expect(check(after)).toBe(check(before));
    expect(check(before)).not.toBe(0xffff);
  });

  it('rewrites ARP sender and target addresses', () => {
    const arp = (spa: number[], tpa: number[]): Uint8Array =>
      ether(
        ARP,
        Uint8Array.of(
          ...[0, 1], // hardware type: Ethernet
          ...[8, 0], // protocol type: IPv4
          6, // hardware address length
          4, // protocol address length
          ...[0, 1], // operation: request
          ...[2, 0, 0, 0, 0, 1], // sender hardware address
          ...spa, // sender protocol address
          ...[0, 0, 0, 0, 0, 0], // target hardware address
          ...tpa, // target protocol address
        ),
      );
    expect(rewritten(arp([10, 0, 0, 1], [10, 0, 0, 2]), 3)).toEqual(
      arp([10, 0, 3, 1], [10, 0, 3, 2]),
    );
  });

  it('survives frames cut anywhere, still fixing what is captured', () => {
    const full = tcp4('192.168.0.10', '192.168.0.20');
    for (let len = 0; len <= full.length; len++) {
      const cut = full.slice(0, len);
      rewriteFrame(cut, 0, len, 77);
      if (len >= 34) {
        // The whole IP header is there: it was rewritten and its checksum verifies.
        expect(onesSum(cut.subarray(14, 34))).toBe(0xffff);
      }
    }
  });

  it('equals a from-scratch build for any unicast addresses and key (property)', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const first = fc.integer({ min: 1, max: 223 }).filter((v) => v !== 127);
    const addr = fc.tuple(first, octet, octet, octet);
    fc.assert(
      fc.property(
        addr,
        addr,
        fc.integer({ min: 1, max: 0xffff }),
        fc.boolean(),
        (a, b, key, isTcp) => {
          const text = (x: number[]): string => x.join('.');
          const moved = (x: number[]): string => {
            const w = ((x[1]! << 8) | x[2]!) ^ key;
            return [x[0], w >>> 8, w & 0xff, x[3]].join('.');
          };
          const build = (src: string, dst: string): Uint8Array =>
            ether(
              IPV4,
              ipv4(
                { src, dst, proto: isTcp ? 6 : 17 },
                isTcp ? tcp({ src, dst }, bytes(7)) : udp({ src, dst }, bytes(7)),
              ),
            );
          expect(rewritten(build(text(a), text(b)), key)).toEqual(build(moved(a), moved(b)));
        },
      ),
      { seed: 1624, numRuns: 300 },
    );
  });
});

describe('rewriteFrame, IPv6', () => {
  it('XORs bytes 6-7 and updates the TCP checksum behind extension headers', () => {
    const build = (src: string, dst: string): Uint8Array =>
      ether(
        IPV6,
        ipv6(
          { src, dst, proto: 6, ext: [optionsHeader(0), optionsHeader(60, 1)] },
          tcp({ v6: true, src, dst }, bytes(5)),
        ),
      );
    expect(rewritten(build('2001:db8:0:10::1', '2001:db8:0:10::2'), 0x11)).toEqual(
      build('2001:db8:0:1::1', '2001:db8:0:1::2'),
    );
  });

  it('updates ICMPv6 and UDP checksums, keeps multicast and unspecified addresses', () => {
    const echo = (src: string, dst: string): Uint8Array =>
      ether(IPV6, ipv6({ src, dst, proto: 58 }, icmp({ v6: true, src, dst, type: 128 }, bytes(8))));
    expect(rewritten(echo('fe80::1', 'ff02::1'), 1)).toEqual(echo('fe80:0:0:1::1', 'ff02::1'));
    const dg = (src: string, dst: string): Uint8Array =>
      ether(IPV6, ipv6({ src, dst, proto: 17 }, udp({ v6: true, src, dst }, bytes(3))));
    expect(rewritten(dg('::', '2001:db8::5'), 2)).toEqual(dg('::', '2001:db8:0:2::5'));
  });

  it('updates only the IP level of a non-first fragment', () => {
    const frag = (src: string, dst: string): Uint8Array =>
      ether(IPV6, ipv6({ src, dst, proto: 6, ext: [fragmentHeader(1448, true, 7)] }, bytes(24)));
    expect(rewritten(frag('2001:db8::1', '2001:db8::2'), 4)).toEqual(
      frag('2001:db8:0:4::1', '2001:db8:0:4::2'),
    );
  });
});
