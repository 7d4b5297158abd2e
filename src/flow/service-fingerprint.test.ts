// Service sender fingerprints: rows per server endpoint, the scope rules, merging engines'
// rows whatever the split of flows, and the main thread's decision.
import { describe, expect, it } from 'vitest';
import { Counters } from '../core/counters.js';
import { IpProto } from '../decode/packet.js';
import { Flow } from './flow.js';
import { senderFingerprint } from './sender-fingerprint.js';
import {
  ServiceFingerprints,
  mergeServiceFingerprints,
  serviceChangeEvent,
  serviceFingerprintChanges,
} from './service-fingerprint.js';

const OUTSTATION = 0xc0a80ade; // 192.168.10.222
const MASTER = 0xc0a80a42; // 192.168.10.66
const SECOND = 0xc0a80add; // 192.168.10.221
const PUBLIC = 0x08080808; // 8.8.8.8

const WIN = senderFingerprint(128, true);
const LINUX_RAW = senderFingerprint(64, false);

interface Spec {
  server: number;
  client: number;
  /** Server packets and their fingerprint code. */
  pkts: number;
  code: number;
  sec: number;
  frame: number;
  /** Who started the flow: the client (handshake seen) unless caught mid-way. */
  serverFirst?: boolean;
  proto?: number;
  service?: string;
}

/** A finished flow as the flow table leaves it; returns it with its text addresses. */
function flow(s: Spec): { f: Flow; origIp: string; respIp: string } {
  const f = new Flow();
  f.ipVersion = 4;
  f.ipProto = s.proto ?? IpProto.TCP;
  f.id = `1:${s.frame}`;
  f.firstSec = s.sec;
  f.lastSec = s.sec + 5;
  f.firstFrame = s.frame;
  f.service = s.service ?? 'dnp3';
  const serverOrig = s.serverFirst === true;
  f.sawSyn = !serverOrig;
  f.origA0 = (serverOrig ? s.server : s.client) | 0;
  f.respA0 = (serverOrig ? s.client : s.server) | 0;
  f.origPort = serverOrig ? 20000 : 50000 + (s.frame % 1000);
  f.respPort = serverOrig ? 51328 : 20000;
  if (serverOrig) {
    f.origFp = s.code;
    f.origPkts = s.pkts;
    f.respFp = WIN;
    f.respPkts = 2;
  } else {
    f.respFp = s.code;
    f.respPkts = s.pkts;
    f.origFp = WIN;
    f.origPkts = s.pkts + 1;
  }
  const ip = (a: number): string =>
    [a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff].join('.');
  return { f, origIp: ip(f.origA0 >>> 0), respIp: ip(f.respA0 >>> 0) };
}

function end(sf: ServiceFingerprints, s: Spec): void {
  const { f, origIp, respIp } = flow(s);
  sf.flowEnd(f, 1, f.service !== '', s.serverFirst === true, origIp, respIp);
}

const genuine: Spec = {
  server: OUTSTATION,
  client: MASTER,
  pkts: 26,
  code: WIN,
  sec: 1000,
  frame: 751,
};
const forged: Spec = {
  server: OUTSTATION,
  client: SECOND,
  pkts: 2,
  code: LINUX_RAW,
  sec: 1800,
  frame: 9877,
  serverFirst: true,
};

describe('ServiceFingerprints', () => {
  it('reports a server endpoint answering a new client with another stack', () => {
    const sf = new ServiceFingerprints({}, new Counters());
    end(sf, genuine);
    end(sf, { ...genuine, sec: 1200, frame: 4000 });
    end(sf, forged);
    const changes = serviceFingerprintChanges(sf.snapshot());
    expect(changes).toHaveLength(1);
    const c = changes[0]!;
    expect(c.row.flow).toBe('1:9877');
    expect(c.established.flows).toBe(2);
    expect(c.established.pkts).toBe(52);
    expect(c.detail).toBe(
      'TTL 64 no DF from 192.168.10.222 port 20000 to 192.168.10.221; this endpoint answered 2 flows with TTL 128 DF (52 packets since frame 751, to 192.168.10.66 first)',
    );
    const ev = serviceChangeEvent(c);
    expect(ev).toMatchObject({
      frame: 9877,
      proto: 'dnp3',
      kind: 'anomaly',
      src_ip: '192.168.10.222',
      src_port: 20000,
      dst_ip: '192.168.10.221',
      dst_port: 51328,
      flow: '1:9877',
      anomaly: { name: 'ip.sender_fingerprint_changed' },
    });
  });

  it('gives the same rows and changes however flows are split over engines', () => {
    const specs: Spec[] = [
      genuine,
      { ...genuine, sec: 1200, frame: 4000 },
      forged,
      { ...genuine, sec: 2000, frame: 12000 },
    ];
    const one = new ServiceFingerprints({}, new Counters());
    for (const s of specs) end(one, s);
    const a = new ServiceFingerprints({}, new Counters());
    const b = new ServiceFingerprints({}, new Counters());
    // Engine b sees the later genuine flow before the forged one's engine reports.
    end(b, specs[3]!);
    end(a, specs[2]!);
    end(b, specs[0]!);
    end(a, specs[1]!);
    const merged = mergeServiceFingerprints([a.snapshot(), b.snapshot()]);
    expect(merged).toEqual(mergeServiceFingerprints([one.snapshot()]));
    expect(serviceFingerprintChanges(merged)).toEqual(serviceFingerprintChanges(one.snapshot()));
  });

  it('needs the established stack to have sent enough, recently enough', () => {
    const few = new ServiceFingerprints({}, new Counters());
    end(few, { ...genuine, pkts: 2 });
    end(few, forged);
    expect(serviceFingerprintChanges(few.snapshot())).toEqual([]);
    const old = new ServiceFingerprints({}, new Counters());
    end(old, genuine);
    end(old, { ...forged, sec: 1000 + 5 + 3601 });
    expect(serviceFingerprintChanges(old.snapshot())).toEqual([]);
    // ...unless the established stack is still seen after the other appeared.
    end(old, { ...genuine, sec: 9000, frame: 20000 });
    expect(serviceFingerprintChanges(old.snapshot())).toHaveLength(1);
  });

  it('leaves out clients, public servers, unknown roles and exempt flows', () => {
    const counters = new Counters();
    const sf = new ServiceFingerprints({}, counters);
    // A public server: load balancers and anycast hide several stacks there.
    end(sf, { ...genuine, server: PUBLIC });
    end(sf, { ...forged, server: PUBLIC });
    // No decoder and no handshake: which side serves is unknown.
    const { f, origIp, respIp } = flow({ ...forged, service: '' });
    f.sawSyn = false;
    sf.flowEnd(f, 1, false, false, origIp, respIp);
    // Broadcast or multicast flows (code 32) and sides that sent nothing checkable (0).
    end(sf, { ...genuine, code: 32, frame: 5 });
    end(sf, { ...genuine, code: 0, frame: 6 });
    expect(sf.size).toBe(0);
    // The client side of the flows is never recorded: one endpoint, the server's.
    end(sf, genuine);
    expect(sf.snapshot().rows.map((r) => r.key)).toEqual(['1:tcp.-1.-1|192.168.10.222|20000']);
  });

  it('judges each capture file on its own', () => {
    const sf = new ServiceFingerprints({}, new Counters());
    const { f: a, origIp: ao, respIp: ar } = flow(genuine);
    sf.flowEnd(a, 1, true, false, ao, ar);
    const { f: b, origIp: bo, respIp: br } = flow(genuine);
    sf.flowEnd(b, 2, true, false, bo, br);
    const { f: c, origIp: co, respIp: cr } = flow(forged);
    sf.flowEnd(c, 2, true, true, co, cr);
    const changes = serviceFingerprintChanges(sf.snapshot());
    expect(changes.map((x) => [x.row.capture, x.established.capture])).toEqual([[2, 2]]);
    // A forged flow in a file where the endpoint has no history is not compared with another file.
    const other = new ServiceFingerprints({}, new Counters());
    other.flowEnd(a, 1, true, false, ao, ar);
    other.flowEnd(c, 2, true, true, co, cr);
    expect(serviceFingerprintChanges(other.snapshot())).toEqual([]);
  });

  it('keeps the transports apart', () => {
    const sf = new ServiceFingerprints({}, new Counters());
    end(sf, genuine);
    end(sf, { ...forged, proto: IpProto.UDP });
    expect(serviceFingerprintChanges(sf.snapshot())).toEqual([]);
  });

  it('is bounded in endpoints and counts what it drops', () => {
    const counters = new Counters();
    const sf = new ServiceFingerprints({ maxEndpoints: 2 }, counters);
    for (let i = 0; i < 5; i++) end(sf, { ...genuine, server: OUTSTATION + i, frame: 100 + i });
    expect(sf.size).toBe(2);
    expect(counters.get('ip.fingerprint_service_dropped')).toBe(3);
  });
});
