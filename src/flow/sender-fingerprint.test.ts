// IP sender fingerprints: TTL classes, codes, the within-flow and across-flow checks, exemptions and the bounded pair table.
import { describe, expect, it } from 'vitest';
import { Counters } from '../core/counters.js';
import { IpProto, Packet, TcpFlag } from '../decode/packet.js';
import { Flow } from './flow.js';
import {
  SENDER_FINGERPRINT_COUNTERS,
  SenderFingerprints,
  describeFingerprint,
  senderFingerprint,
  ttlClass,
} from './sender-fingerprint.js';

const A = 0xc0a80add; // 192.168.10.221
const B = 0xc0a80ade; // 192.168.10.222

function flow(orig: number, resp: number, proto: number = IpProto.TCP): Flow {
  const f = new Flow();
  f.ipVersion = 4;
  f.ipProto = proto;
  f.origA0 = orig | 0;
  f.respA0 = resp | 0;
  return f;
}

/** An IPv4 packet of `f` with this TTL and DF bit (only the fields the check reads). */
function packet(f: Flow, fromOrig: boolean, ttl: number, df: boolean, frame: number): Packet {
  const p = new Packet();
  p.ipVersion = 4;
  p.ipProto = f.ipProto;
  p.ttl = ttl;
  p.frame = frame;
  p.payLen = 10;
  p.tcpFlags = TcpFlag.ACK;
  p.buf = new Uint8Array(20);
  p.l3Off = 0;
  p.buf[6] = df ? 0x40 : 0x00; // flags: DF bit, fragment offset 0
  if (fromOrig) f.origPkts++;
  else f.respPkts++;
  return p;
}

/** Sends one packet of `f` through the check. */
function send(
  fp: SenderFingerprints,
  f: Flow,
  fromOrig: boolean,
  ttl: number,
  df: boolean,
  frame: number,
): Packet {
  const p = packet(f, fromOrig, ttl, df, frame);
  fp.packet(f, fromOrig, p);
  return p;
}

function checker(opts = {}) {
  const counters = new Counters();
  const seen: { flow: Flow; fromOrig: boolean; name: string; detail: string }[] = [];
  const fp = new SenderFingerprints(opts, counters, (flow, fromOrig, name, detail) =>
    seen.push({ flow, fromOrig, name, detail }),
  );
  return { fp, counters, seen };
}

describe('ttlClass and senderFingerprint', () => {
  it('rounds a TTL up to the initial-TTL class', () => {
    expect([1, 32, 33, 63, 64, 65, 127, 128, 129, 255].map(ttlClass)).toEqual([
      32, 32, 64, 64, 64, 128, 128, 128, 255, 255,
    ]);
  });

  it('gives 8 distinct codes in 1..8 and describes them', () => {
    const codes = new Set<number>();
    for (const ttl of [32, 64, 128, 255])
      for (const df of [false, true]) {
        codes.add(senderFingerprint(ttl, df));
      }
    expect([...codes].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(describeFingerprint(senderFingerprint(120, true))).toBe('TTL 128 DF');
    expect(describeFingerprint(senderFingerprint(64, false))).toBe('TTL 64 no DF');
    expect(describeFingerprint(0)).toBe('unknown');
  });

  it('declares every counter it raises', () => {
    expect(Object.keys(SENDER_FINGERPRINT_COUNTERS).sort()).toEqual([
      'ip.fingerprint_pair_evicted',
      'ip.sender_fingerprint_changed',
    ]);
  });
});

describe('SenderFingerprints', () => {
  it('reports a side whose packets in a new flow of the pair come from another stack', () => {
    const { fp, seen, counters } = checker();
    const f1 = flow(A, B);
    let n = 1;
    for (let i = 0; i < 4; i++) {
      send(fp, f1, true, 128, true, n++);
      send(fp, f1, false, 128, true, n++);
    }
    fp.flowEnd(f1);
    // The next connection is opened by the other side, with forged packets "from" B.
    const f2 = flow(B, A);
    send(fp, f2, true, 64, false, 100);
    send(fp, f2, false, 128, true, 101);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.flow).toBe(f2);
    expect(seen[0]?.fromOrig).toBe(true);
    expect(seen[0]?.name).toBe('ip.sender_fingerprint_changed');
    expect(seen[0]?.detail).toBe(
      'TTL 64 no DF in a new flow of this address pair; earlier flows: TTL 128 DF (4 packets since frame 2)',
    );
    expect(counters.get('ip.sender_fingerprint_changed')).toBe(1);
  });

  it('counts the packets of a flow that is still live', () => {
    const { fp, seen } = checker();
    const f1 = flow(A, B);
    for (let i = 1; i <= 3; i++) send(fp, f1, false, 128, true, i);
    const f2 = flow(A, B);
    send(fp, f2, false, 64, false, 10);
    expect(seen.map((s) => s.detail)).toEqual([
      'TTL 64 no DF in a new flow of this address pair; earlier flows: TTL 128 DF (3 packets since frame 1)',
    ]);
  });

  it('needs minPackets packets with the old fingerprint', () => {
    const { fp, seen } = checker({ minPackets: 3 });
    const f1 = flow(A, B);
    send(fp, f1, true, 128, true, 1);
    send(fp, f1, true, 128, true, 2);
    fp.flowEnd(f1);
    const f2 = flow(A, B);
    send(fp, f2, true, 64, false, 3);
    expect(seen).toEqual([]);
  });

  it('reports a TTL class change inside a flow once per direction', () => {
    const { fp, seen } = checker();
    const f = flow(A, B);
    for (let i = 1; i <= 4; i++) send(fp, f, false, 128, true, i);
    send(fp, f, false, 64, false, 5);
    send(fp, f, false, 128, true, 6);
    send(fp, f, false, 64, false, 7);
    expect(seen.map((s) => s.detail)).toEqual([
      'TTL 64 no DF after 4 packets with TTL 128 DF in this flow',
    ]);
  });

  it('adopts a DF change inside a flow without reporting it (PMTU black-hole detection)', () => {
    const { fp, seen } = checker();
    const f1 = flow(A, B);
    for (let i = 1; i <= 4; i++) send(fp, f1, true, 128, true, i);
    send(fp, f1, true, 128, false, 5);
    fp.flowEnd(f1);
    const f2 = flow(A, B);
    send(fp, f2, true, 128, false, 6);
    expect(seen).toEqual([]);
  });

  it('keeps TCP and UDP apart (stacks set DF per protocol)', () => {
    const { fp, seen } = checker();
    const t = flow(A, B, IpProto.TCP);
    for (let i = 1; i <= 4; i++) send(fp, t, true, 128, true, i);
    const u = flow(A, B, IpProto.UDP);
    send(fp, u, true, 128, false, 5);
    expect(seen).toEqual([]);
    expect(fp.size).toBe(2);
  });

  it('ignores DF on UDP (senders vary it per datagram)', () => {
    const { fp, seen } = checker();
    const u1 = flow(A, B, IpProto.UDP);
    for (let i = 1; i <= 4; i++) send(fp, u1, true, 128, i % 2 === 0, i);
    fp.flowEnd(u1);
    const u2 = flow(A, B, IpProto.UDP);
    send(fp, u2, true, 128, true, 5);
    expect(seen).toEqual([]);
    send(fp, u2, true, 64, true, 6);
    fp.flowEnd(u2);
    const u3 = flow(A, B, IpProto.UDP);
    send(fp, u3, true, 64, false, 7);
    expect(seen).toEqual([]);
  });

  it('leaves out RSTs, empty UDP datagrams, ICMP and broadcast or multicast flows', () => {
    const { fp, seen } = checker();
    const f = flow(A, B);
    for (let i = 1; i <= 4; i++) send(fp, f, true, 128, true, i);
    const rst = packet(f, true, 64, false, 5);
    rst.tcpFlags = TcpFlag.RST | TcpFlag.ACK;
    fp.packet(f, true, rst);
    expect(seen).toEqual([]);
    send(fp, f, true, 64, false, 6);
    expect(seen).toHaveLength(1);
    seen.length = 0;

    const probe = flow(A, B, IpProto.UDP);
    const empty = packet(probe, true, 41, false, 10);
    empty.payLen = 0;
    fp.packet(probe, true, empty);
    expect(probe.origFp).toBe(0);

    const icmp = flow(A, B, IpProto.ICMP);
    send(fp, icmp, true, 64, false, 11);
    expect(icmp.origFp).toBe(0);

    for (const dst of [0xc0a80aff, 0xe0000001, 0xffffffff]) {
      const b = flow(A, dst, IpProto.UDP);
      for (let i = 0; i < 4; i++) send(fp, b, true, i % 2 === 0 ? 128 : 32, false, 20 + i);
    }
    expect(seen).toEqual([]);
  });

  it('forgets a pair idle for forgetAfterSec seconds (a sharded run may move it)', () => {
    const { fp, seen } = checker({ forgetAfterSec: 100, minPackets: 1 });
    const at = (f: Flow, fromOrig: boolean, ttl: number, df: boolean, sec: number): void => {
      const p = packet(f, fromOrig, ttl, df, sec);
      p.tsSec = sec;
      f.lastSec = sec;
      fp.packet(f, fromOrig, p);
    };
    const f1 = flow(A, B);
    at(f1, true, 128, true, 1000);
    fp.flowEnd(f1);
    // 100 s later: the history is gone, so no comparison.
    const f2 = flow(A, B);
    at(f2, true, 64, false, 1100);
    fp.flowEnd(f2);
    expect(seen).toEqual([]);
    // 99 s later: compared with the flow before.
    const f3 = flow(A, B);
    at(f3, true, 128, true, 1199);
    expect(seen.map((x) => x.detail)).toEqual([
      'TTL 128 DF in a new flow of this address pair; earlier flows: TTL 64 no DF (1 packets since frame 1100)',
    ]);
  });

  it('forgets the oldest pair when the table is full, and counts it', () => {
    const { fp, counters } = checker({ maxPairs: 2 });
    for (let i = 0; i < 4; i++) {
      const f = flow(A, 0x0a000001 + i);
      send(fp, f, true, 64, true, i + 1);
    }
    expect(fp.size).toBe(2);
    expect(counters.get('ip.fingerprint_pair_evicted')).toBe(2);
  });
});
