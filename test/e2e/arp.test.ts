/** ARP end to end on the QUT DNP3 MITM slice: tshark agreement, poisoning alerts per window, worker identity. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_PCAPS, haveSharedPcaps, haveTool, runCli, tshark } from '../helpers/shared.js';

const SLICE = 'datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice';
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'palisade-arp-'));

interface Line {
  ts: string;
  frame: number;
  proto: string;
  kind: string;
  src_mac?: string;
  arp?: Record<string, unknown>;
  anomaly?: { name: string; detail?: string };
}

interface Alert {
  ts: string;
  last_ts?: string;
  title: string;
  proto: string;
  technique_ids: string[];
}

const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');
const lines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
const epoch = (iso: string): number => Date.parse(iso) / 1000;

describe.runIf(haveSharedPcaps())('ARP on the QUT DNP3 MITM slice', () => {
  const pcap = path.join(SHARED_PCAPS, `${SLICE}.pcap`);
  let one = '';
  let events: Line[] = [];

  beforeAll(() => {
    one = tmp();
    const r = runCli(['analyze', pcap, '--out', one]);
    expect(r.status, r.stderr).toBe(0);
    events = lines<Line>(read(one, 'events.jsonl')).filter((e) => e.proto === 'arp');
  });

  it.runIf(haveTool('tshark', '-v'))(
    'agrees with tshark frame by frame (opcode, sender MAC/IP, target MAC/IP)',
    () => {
      const theirs = tshark([
        '-r',
        pcap,
        '-n',
        '-Y',
        'arp',
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'arp.opcode',
        '-e',
        'arp.src.hw_mac',
        '-e',
        'arp.src.proto_ipv4',
        '-e',
        'arp.dst.hw_mac',
        '-e',
        'arp.dst.proto_ipv4',
      ])
        .trim()
        .split('\n')
        .map((l) => l.split('\t').join(' '));
      const ours = events
        .filter((e) => e.kind !== 'anomaly')
        .map((e) => {
          const a = e.arp ?? {};
          return [e.frame, a.opcode, a.sender_mac, a.sender_ip, a.target_mac, a.target_ip].join(
            ' ',
          );
        });
      expect(theirs.length).toBeGreaterThan(800);
      expect(ours).toEqual(theirs);
    },
  );

  it('raises arp.binding_changed inside each of the four MITM windows and nowhere else', () => {
    const windows = read(SHARED_PCAPS, `${SLICE}.labels.tsv`)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .filter((c) => (c[0] ?? '').startsWith('MITM_'))
      .map((c) => [Number(c[3]), Number(c[4])] as const);
    expect(windows).toHaveLength(4);
    const changed = events.filter((e) => e.anomaly?.name === 'arp.binding_changed');
    // The first spoofed reply of a burst can precede the labelled start by a few ms.
    const inside = (t: number): boolean => windows.some(([s, e]) => t >= s - 1 && t <= e + 1);
    for (const [s, e] of windows) {
      const n = changed.filter((x) => epoch(x.ts) >= s - 1 && epoch(x.ts) <= e + 1).length;
      expect(n, `window ${s}`).toBeGreaterThan(50);
    }
    expect(changed.filter((x) => !inside(epoch(x.ts)))).toEqual([]);
    expect(changed[0]?.anomaly?.detail).toBe(
      '192.168.10.221 new 00:10:18:cb:8c:13 old 00:18:64:02:2f:a6 (old claimed it 254 s before)',
    );
    const mismatch = events.filter((e) => e.anomaly?.name === 'arp.sender_mismatch');
    expect(mismatch.length).toBeGreaterThan(0);
    expect(new Set(mismatch.map((e) => e.src_mac))).toEqual(new Set(['00:10:18:cb:8c:13']));
  });

  it('turns them into one poisoning alert per window, tagged T0830 and T1557.002', () => {
    const alerts = lines<Alert>(read(one, 'alerts.jsonl')).filter(
      (a) => a.proto === 'arp' && a.title.startsWith('ARP binding changed'),
    );
    expect(alerts.map((a) => a.ts.slice(11, 16))).toEqual(['07:09', '07:30', '07:41', '08:01']);
    for (const a of alerts) expect(a.technique_ids).toEqual(['T0830', 'T1557.002']);
  });

  it('gives the same events, alerts and summary with 2 and 3 workers', () => {
    for (const n of ['2', '3']) {
      const many = tmp();
      const r = runCli(['analyze', pcap, '--out', many, '--workers', n]);
      expect(r.status, r.stderr).toBe(0);
      for (const f of ['events.jsonl', 'alerts.jsonl', 'assets.jsonl']) {
        expect(read(many, f)).toBe(read(one, f));
      }
      const s1 = JSON.parse(read(one, 'summary.json')) as Record<string, unknown>;
      const s2 = JSON.parse(read(many, 'summary.json')) as Record<string, unknown>;
      for (const k of ['events', 'decoders', 'counters']) expect(s2[k]).toEqual(s1[k]);
    }
  });
});
