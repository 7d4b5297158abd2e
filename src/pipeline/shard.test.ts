import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../capture/source.js';
import { ether, ipv4, udp } from '../../test/helpers/net-packets.js';
import { ipPairHash, MAX_SHARD_PAIRS, pairIdleSeconds, Sharder, shardOf } from './shard.js';

const ETH_IPV4 = 0x0800;

/** An Ethernet/IPv4/UDP frame between two addresses, `size` bytes of payload. */
function frame(src: string, dst: string, size = 10): Uint8Array {
  return ether(
    ETH_IPV4,
    ipv4({ src, dst, proto: 17 }, udp({ sport: 1000, dport: 2000 }, new Uint8Array(size))),
  );
}

function deal(s: Sharder, f: Uint8Array, sec = 0): number {
  return s.shard(LINKTYPE.ETHERNET, f, f.length, sec);
}

describe('Sharder', () => {
  it('keeps both directions of an address pair on one worker', () => {
    const s = new Sharder(4, 360);
    for (let i = 0; i < 50; i++) {
      const a = `10.0.${i}.1`;
      const b = `10.1.${i}.2`;
      expect(deal(s, frame(b, a))).toBe(deal(s, frame(a, b)));
    }
  });

  it('gives the pairs of a heavy talker to different workers by load, not by hash', () => {
    // Two pairs whose hashes land on the same worker of two: a hash deal puts both there.
    const pairs: Array<[string, string]> = [];
    for (let i = 0; pairs.length < 2; i++) {
      const p: [string, string] = [`192.168.0.${i}`, '192.168.1.1'];
      if (shardOf(LINKTYPE.ETHERNET, frame(...p), 2) === 0) pairs.push(p);
    }
    const s = new Sharder(2, 360);
    const first = deal(s, frame(...(pairs[0] as [string, string]), 1000));
    const second = deal(s, frame(...(pairs[1] as [string, string]), 1000));
    expect(second).not.toBe(first);
  });

  it('balances bytes over many pairs of uneven volume', () => {
    const s = new Sharder(2, 360);
    const load = [0, 0];
    for (let i = 0; i < 20_000; i++) {
      const k = i % 37;
      // Pair k sends k+1 frames of (k * 40) bytes for every one of pair 0.
      const f = frame(`10.0.0.${k}`, '10.0.1.1', k * 40);
      const w = deal(s, f, i >> 8);
      load[w] = (load[w] as number) + f.length;
    }
    const [a, b] = load as [number, number];
    expect(Math.abs(a - b) / (a + b)).toBeLessThan(0.1);
  });

  it('deals the same frames the same way in every thread', () => {
    const frames = Array.from({ length: 3000 }, (_, i) =>
      frame(`172.16.${i % 11}.${i % 7}`, `172.17.${i % 5}.9`, (i * 13) % 300),
    );
    const run = (): number[] => {
      const s = new Sharder(3, 360);
      return frames.map((f, i) => deal(s, f, i));
    };
    expect(run()).toEqual(run());
  });

  it('forgets a pair idle for longer than any flow lives, and not before', () => {
    const idle = pairIdleSeconds();
    expect(idle).toBeGreaterThan(300);
    const s = new Sharder(2, idle);
    const heavy = frame('10.9.0.1', '10.9.0.2', 1000);
    const light = frame('10.9.0.3', '10.9.0.4');
    const w = deal(s, heavy, 0);
    deal(s, light, 0);
    // Within the idle time the pair stays put, whatever the load says now.
    for (let i = 0; i < 50; i++) deal(s, light, 10);
    expect(deal(s, heavy, idle - 1)).toBe(w);
    expect(s.size).toBe(2);
    // Idle past the limit: swept at the next sweep, then dealt afresh.
    deal(s, light, 3 * idle);
    expect(s.size).toBe(1);
  });

  it('dates activity on the latest second seen, as the flow table does', () => {
    const idle = pairIdleSeconds();
    const s = new Sharder(2, idle);
    const a = frame('10.8.0.1', '10.8.0.2', 1000);
    const w = deal(s, a, 1000);
    deal(s, frame('10.8.0.3', '10.8.0.4'), 900 + idle); // the clock jumps ahead
    deal(s, a, 1001); // the capture steps back: active now, on the flow table's clock
    deal(s, frame('10.8.0.5', '10.8.0.6'), 1200 + idle); // a sweep, idle - 300 s later
    expect(deal(s, a, 1002)).toBe(w);
    expect(s.size).toBe(3);
  });

  it('stays bounded when more pairs are active than it remembers', () => {
    const s = new Sharder(2, 360);
    const n = MAX_SHARD_PAIRS + 1000;
    const seen = new Set<number>();
    let hashed = 0;
    for (let i = 0; i < n; i++) {
      const f = frame(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, '11.0.0.1');
      const h = ipPairHash(LINKTYPE.ETHERNET, f);
      const w = deal(s, f, 0);
      // A new pair past the limit is dealt by hash (one whose hash is remembered is not new).
      if (seen.size >= MAX_SHARD_PAIRS && !seen.has(h)) {
        expect(w).toBe(shardOf(LINKTYPE.ETHERNET, f, 2));
        hashed++;
      }
      seen.add(h);
    }
    expect(hashed).toBeGreaterThan(900);
    expect(s.size).toBe(MAX_SHARD_PAIRS);
  });

  it('sends frames without addresses to worker 0', () => {
    const s = new Sharder(2, 360);
    expect(s.shard(LINKTYPE.ETHERNET, new Uint8Array(6), 6, 0)).toBe(0);
    expect(s.shard(147, new Uint8Array(60), 60, 0)).toBe(0);
  });
});
