// Beacon detector: regular series of short flows emit `behaviour.beacon`, everything else does not.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import type { FlowRecord } from '../../events/envelope.js';
import { BeaconDetector, type BeaconOptions } from './beacon.js';

const T0 = Date.parse('2024-03-01T10:00:00.000Z');

/** A finished flow starting `at` seconds after T0, with `bytes` payload bytes in all. */
function flow(at: number, over: Partial<FlowRecord> = {}, bytes = 400): FlowRecord {
  const frame = Math.round(at * 10) + 1;
  return {
    id: `1:${frame}`,
    ts: new Date(T0 + at * 1000).toISOString().replace('Z', '000Z'),
    duration: 0.2,
    transport: 'tcp',
    src_ip: '10.1.1.20',
    src_port: 49152 + frame,
    dst_ip: '203.0.113.7',
    dst_port: 443,
    orig_pkts: 5,
    orig_ip_bytes: 500,
    orig_bytes: bytes / 2,
    resp_pkts: 5,
    resp_ip_bytes: 500,
    resp_bytes: bytes / 2,
    conn_state: 'SF',
    history: 'ShADadFf',
    missed_bytes: 0,
    first_frame: frame,
    last_frame: frame + 9,
    end_reason: 'closed',
    service: 'tls',
    ...over,
  };
}

function run(
  flows: FlowRecord[],
  opts: Partial<BeaconOptions> = {},
  counters: Counters | null = null,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const d = new BeaconDetector((l) => out.push(l), counters, opts);
  for (const f of flows) d.flow(f, false);
  return out;
}

/** Deterministic jitter in [-j, +j] of the period (a fixed sequence, no randomness). */
const JITTER = [0.1, -0.15, 0.05, 0.18, -0.08, -0.2, 0.12, 0, -0.05, 0.15, -0.12, 0.07];

describe('BeaconDetector', () => {
  it('emits one event for a 60 s implant with jitter, from the sixth check-in', () => {
    const flows = Array.from({ length: 12 }, (_, i) => flow(i * 60 + 60 * (JITTER[i] ?? 0) * 0.5));
    const out = run(flows);
    expect(out).toHaveLength(1);
    const ev = out[0] as Record<string, unknown> & { beacon: Record<string, unknown> };
    expect(ev).toMatchObject({
      kind: 'behaviour.beacon',
      proto: 'behaviour',
      src_ip: '10.1.1.20',
      dst_ip: '203.0.113.7',
      dst_port: 443,
      transport: 'tcp',
      flow: flows[5]?.id,
      frame: flows[5]?.first_frame,
      ts: flows[5]?.ts,
    });
    expect(ev.beacon).toMatchObject({
      connections: 6,
      total_connections: 6,
      service: 'tls',
      bytes_mean: 400,
      bytes_cv: 0,
      first_ts: flows[0]?.ts,
    });
    expect(ev.beacon.interval_s).toBeGreaterThan(55);
    expect(ev.beacon.interval_s).toBeLessThan(65);
    expect(ev.beacon.jitter).toBeGreaterThan(0);
    expect(ev.beacon.jitter).toBeLessThan(0.2);
    expect(ev.beacon.duration_s).toBeGreaterThan(290);
  });

  it('emits again after reemitAfterS of capture time while the series stays regular', () => {
    const flows = Array.from({ length: 140 }, (_, i) => flow(i * 60));
    const out = run(flows);
    // Flow 6 (t=300 s), then the first flow at least 3600 s later (t=3900 s), then t=7500 s.
    expect(out.map((e) => e.ts)).toEqual([flows[5]?.ts, flows[65]?.ts, flows[125]?.ts]);
    const last = out[2] as { beacon: { connections: number; total_connections: number } };
    expect(last.beacon.connections).toBe(32);
    expect(last.beacon.total_connections).toBe(126);
  });

  it('orders flows by start time: flows reported out of order still make a series', () => {
    const flows = Array.from({ length: 8 }, (_, i) => flow(i * 30));
    const shuffled = [
      flows[3],
      flows[0],
      flows[5],
      flows[1],
      flows[7],
      flows[2],
      flows[6],
      flows[4],
    ];
    const out = run(shuffled as FlowRecord[]);
    expect(out).toHaveLength(1);
    expect((out[0] as { beacon: { interval_s: number } }).beacon.interval_s).toBe(30);
  });

  it('tolerates a missed check-in (one doubled gap)', () => {
    const times = [0, 60, 120, 240, 300, 360, 420];
    expect(run(times.map((t) => flow(t)))).toHaveLength(1);
  });

  it('ignores irregular series, bursts and too few flows', () => {
    const irregular = [0, 7, 95, 130, 400, 410, 900, 1300].map((t) => flow(t));
    expect(run(irregular)).toEqual([]);
    const burst = Array.from({ length: 20 }, (_, i) => flow(i * 0.3));
    expect(run(burst)).toEqual([]);
    const few = Array.from({ length: 5 }, (_, i) => flow(i * 60));
    expect(run(few)).toEqual([]);
    // One wild gap before five regular ones: regular by the median, too dispersed in all.
    const wild = [0, 600, 660, 720, 780, 840, 900].map((t) => flow(t));
    expect(run(wild)).toEqual([]);
  });

  it('counts one long connection as one flow, however regular the traffic inside it', () => {
    // An OT master polling a PLC every second over one TCP connection: one flow record.
    const polling = flow(0, {
      dst_ip: '10.20.0.5',
      dst_port: 502,
      service: 'modbus',
      duration: 3600,
    });
    expect(run([polling])).toEqual([]);
  });

  it('keeps series apart by server port and transport', () => {
    const a = [0, 120, 240, 360].map((t) => flow(t));
    const b = [60, 180, 300].map((t) => flow(t, { dst_port: 8443 }));
    const c = [30, 150, 270].map((t) => flow(t, { transport: 'udp' }));
    expect(run([...a, ...b, ...c])).toEqual([]);
  });

  it('puts the client first when the decoder found the server on the initiator side', () => {
    const out: Record<string, unknown>[] = [];
    const d = new BeaconDetector((l) => out.push(l));
    for (let i = 0; i < 6; i++) {
      d.flow(
        flow(i * 60, {
          src_ip: '203.0.113.7',
          src_port: 443,
          dst_ip: '10.1.1.20',
          dst_port: 50000 + i,
        }),
        true,
      );
    }
    expect(out[0]).toMatchObject({ src_ip: '10.1.1.20', dst_ip: '203.0.113.7', dst_port: 443 });
  });

  it('skips name resolution, time, discovery chatter, group addresses and non-TCP/UDP flows', () => {
    const every = (over: Partial<FlowRecord>): FlowRecord[] =>
      Array.from({ length: 10 }, (_, i) => flow(i * 60, over));
    expect(run(every({ transport: 'udp', dst_port: 53, service: 'dns' }))).toEqual([]);
    expect(run(every({ transport: 'udp', dst_port: 123, service: 'ntp' }))).toEqual([]);
    expect(run(every({ transport: 'udp', dst_port: 5353, dst_ip: '224.0.0.251' }))).toEqual([]);
    expect(run(every({ transport: 'udp', dst_port: 7000, dst_ip: '10.1.1.255' }))).toEqual([]);
    expect(run(every({ transport: 'udp', dst_port: 7000, dst_ip: 'ff02::1:3' }))).toEqual([]);
    expect(run(every({ transport: 'icmp', dst_port: 0 }))).toEqual([]);
    // DNS on an odd port is still DNS by its decoder.
    expect(run(every({ transport: 'udp', dst_port: 5300, service: 'dns' }))).toEqual([]);
  });

  it('measures the spread of bytes per flow', () => {
    const flows = Array.from({ length: 6 }, (_, i) => flow(i * 60, {}, i % 2 === 0 ? 300 : 500));
    const out = run(flows);
    expect((out[0] as { beacon: { bytes_mean: number; bytes_cv: number } }).beacon).toMatchObject({
      bytes_mean: 400,
      bytes_cv: 0.25,
    });
  });

  it('bounds its state: the least recently updated series is forgotten and counted', () => {
    const counters = new Counters();
    const out: Record<string, unknown>[] = [];
    const d = new BeaconDetector((l) => out.push(l), counters, { maxSeries: 3 });
    // Series to servers .1 .. .5, one flow each: two evictions.
    for (let i = 1; i <= 5; i++) d.flow(flow(i, { dst_ip: `203.0.113.${i}` }), false);
    expect(d.size).toBe(3);
    expect(counters.get('behaviour.beacon_series_evicted')).toBe(2);
    // A series that keeps being updated survives the churn of one-flow series around it.
    const beacon: FlowRecord[] = [];
    for (let i = 0; i < 6; i++) {
      beacon.push(flow(100 + i * 60, { dst_ip: '198.51.100.9' }));
      d.flow(beacon[i] as FlowRecord, false);
      d.flow(flow(101 + i * 60, { dst_ip: `192.0.2.${i + 1}` }), false);
    }
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ dst_ip: '198.51.100.9' });
  });

  it('keeps at most maxTimes flows per series', () => {
    const flows = Array.from({ length: 50 }, (_, i) => flow(i * 10));
    const out = run(flows, { maxTimes: 8, reemitAfterS: 100 });
    for (const e of out) {
      expect((e as { beacon: { connections: number } }).beacon.connections).toBeLessThanOrEqual(8);
    }
    expect(out.length).toBeGreaterThan(1);
  });
});
