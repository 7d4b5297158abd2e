// End to end through the built CLI: output files and their contract, stdin, worker sharding,
// broken captures, and Modbus agreement with tshark on the real captures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REPO_ROOT,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
  readJsonl,
  runCli,
  tshark,
} from '../helpers/shared.js';

const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'palisade-e2e-'));
const ENVELOPE = new Set([
  'ts',
  'frame',
  'proto',
  'kind',
  'transport',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'flow',
  'src_mac',
  'dst_mac',
  'vlan',
]);
const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

interface Summary {
  packets: number;
  events: number;
  flows: number;
  captures: { frames: number; error: { code: string; message: string; offset: number } | null }[];
  decoders: Record<string, { events: number; bugs: number }>;
  bugs: string[];
}

describe('palisade analyze', () => {
  it('writes events, flows and a summary for the bundled samples, every line on contract', () => {
    const out = tmp();
    const samples = readdirSync(path.join(REPO_ROOT, 'samples'))
      .filter((f) => f.endsWith('.pcap'))
      .map((f) => path.join(REPO_ROOT, 'samples', f));
    const r = runCli(['analyze', ...samples, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary).toEqual(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')));
    expect(summary.bugs).toEqual([]);
    expect(summary.packets).toBe(summary.captures.reduce((a, c) => a + c.frames, 0));
    const events = readJsonl(path.join(out, 'events.jsonl'));
    expect(events.length).toBe(summary.events);
    expect(summary.decoders.modbus?.events).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.ts).toMatch(ISO_US);
      expect(Number.isInteger(e.frame) && (e.frame as number) > 0).toBe(true);
      expect(typeof e.proto).toBe('string');
      expect(typeof e.kind).toBe('string');
      if (e.transport === 'ether') {
        // Protocols straight over Ethernet (ARP, GOOSE, DCP): MAC addresses, no IP or port.
        expect(e.src_mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        expect(e.dst_mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        expect([e.src_ip, e.dst_ip, e.src_port, e.dst_port]).toEqual([null, null, null, null]);
      } else {
        expect(typeof e.src_ip).toBe('string');
        expect(typeof e.dst_ip).toBe('string');
        expect(Number.isInteger(e.src_port)).toBe(true);
        expect(Number.isInteger(e.dst_port)).toBe(true);
      }
      expect(e.flow).toMatch(/^\d+:\d+$/);
      if (e.kind === 'anomaly') expect(typeof (e.anomaly as { name: string }).name).toBe('string');
      else {
        // One object per protocol layer the event describes (ADR 0002): usually the event's
        // own protocol; COTP connection events of S7comm carry `cotp`, embedded CIP services
        // of EtherNet/IP carry `cip`.
        const layers = Object.keys(e).filter(
          (k) => !ENVELOPE.has(k) && typeof e[k] === 'object' && e[k] !== null,
        );
        expect(layers.length, JSON.stringify(e)).toBeGreaterThan(0);
        expect(String(e.kind).startsWith(`${String(e.proto)}.`)).toBe(true);
      }
    }
    const flows = readJsonl(path.join(out, 'flows.jsonl'));
    expect(flows.length).toBe(summary.flows);
    const ids = new Set(flows.map((f) => f.id));
    expect(ids.size).toBe(flows.length);
    // Layer-2 streams (ARP, GOOSE) have ids but no flow record.
    for (const e of events) if (e.transport !== 'ether') expect(ids.has(e.flow)).toBe(true);
    for (const f of flows) {
      expect(f.ts).toMatch(ISO_US);
      expect(f.first_frame as number).toBeLessThanOrEqual(f.last_frame as number);
      expect(typeof f.conn_state).toBe('string');
    }
  });

  it('reads standard input exactly as it reads the file', () => {
    if (!haveSharedPcaps()) return;
    const file = path.join(SHARED_PCAPS, 'modbus/modbus_test_data_part2.pcap');
    const a = tmp();
    const b = tmp();
    expect(runCli(['analyze', file, '--out', a]).status).toBe(0);
    expect(runCli(['analyze', '-', '--out', b], readFileSync(file)).status).toBe(0);
    // Standard input with workers: this thread reads and deals frames in batches.
    const c = tmp();
    expect(runCli(['analyze', '-', '--out', c, '--workers', '2'], readFileSync(file)).status).toBe(
      0,
    );
    for (const f of ['events.jsonl', 'flows.jsonl', 'assets.jsonl']) {
      expect(readFileSync(path.join(b, f), 'utf8')).toBe(readFileSync(path.join(a, f), 'utf8'));
      expect(readFileSync(path.join(c, f), 'utf8')).toBe(readFileSync(path.join(a, f), 'utf8'));
    }
  });

  it('gives the same output with 2 and 3 workers as with one thread', () => {
    if (!haveSharedPcaps()) return;
    const files = [
      'modbus/modbus_test_2.pcap',
      'dnp3/dnp3_test_data_part1.pcap',
      's7comm/s7comm_clean.pcap',
      'enip-cip/enip_cip_example.pcap',
      'it-attacks/scans/nmap-vsn.pcap',
      'datasets/lemay-modbus/characterization_modbus_6RTU_with_operate.pcap',
      'opcua/open62541_browse_next.pcap',
      // Unanswered flows from several hosts to a directed broadcast address.
      'datasets/qut-dnp3/qut-dnp3_injection_training-frequent_slice.pcap',
    ].map((f) => path.join(SHARED_PCAPS, f));
    const one = tmp();
    expect(runCli(['analyze', ...files, '--out', one]).status).toBe(0);
    for (const n of ['2', '3']) {
      const many = tmp();
      const r = runCli(['analyze', ...files, '--out', many, '--workers', n]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const f of [
        'events.jsonl',
        'flows.jsonl',
        'assets.jsonl',
        'edges.jsonl',
        'alerts.jsonl',
      ]) {
        expect(readFileSync(path.join(many, f), 'utf8')).toBe(
          readFileSync(path.join(one, f), 'utf8'),
        );
      }
      const s1 = JSON.parse(readFileSync(path.join(one, 'summary.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const s2 = JSON.parse(readFileSync(path.join(many, 'summary.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const k of ['packets', 'bytes', 'flows', 'events', 'link', 'decoders', 'counters']) {
        expect(s2[k]).toEqual(s1[k]);
      }
    }
  });

  it('keeps everything before the break of a truncated capture and names file and offset', () => {
    if (!haveSharedPcaps()) return;
    const file = path.join(SHARED_PCAPS, 'melsec/melsoft_129_clean.pcap');
    const out = tmp();
    const r = runCli(['analyze', file, '--out', out, '--json']);
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    const err = s.captures[0]?.error;
    expect(err?.code).toBe('ERR_CAPTURE_TRUNCATED');
    expect(err?.message).toContain('melsoft_129_clean.pcap');
    expect(err?.offset).toBeGreaterThan(0);
    expect(s.packets).toBe(
      manifest().find((m) => m.path === 'melsec/melsoft_129_clean.pcap')?.packets,
    );
    expect(readJsonl(path.join(out, 'flows.jsonl')).length).toBeGreaterThan(0);
  });

  it('says clearly when the input is not a capture', () => {
    const dir = tmp();
    const bogus = path.join(dir, 'notes.pcap');
    writeFileSync(bogus, 'this is not a capture file\n');
    const r = runCli(['analyze', bogus, '--out', path.join(dir, 'out'), '--json']);
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout) as Summary;
    expect(s.captures[0]?.error?.code).toBe('ERR_CAPTURE_FORMAT');
    const missing = runCli([
      'analyze',
      path.join(dir, 'absent.pcap'),
      '--out',
      path.join(dir, 'out2'),
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('absent.pcap');
  });

  it('rejects a bad --workers value', () => {
    const r = runCli(['analyze', 'x.pcap', '--out', tmp(), '--workers', 'lots']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--workers');
  });
});

describe('event time', () => {
  it('is the capture time of the event frame, also for data delivered after a hole', () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    for (const name of [
      'modbus/fuzz-72.pcap',
      'modbus/mb2.pcap',
      'modbus/modbus_test_data_part1.pcap',
    ]) {
      const file = path.join(SHARED_PCAPS, name);
      const out = tmp();
      expect(runCli(['analyze', file, '--out', out]).status).toBe(0);
      const times = new Map<number, string>();
      for (const line of tshark([
        '-n',
        '-r',
        file,
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'frame.time_epoch',
      ]).split('\n')) {
        const [frame, epoch] = line.split('\t');
        if (!frame || !epoch) continue;
        const [sec = '0', frac = '0'] = epoch.split('.');
        const iso = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
        times.set(Number(frame), `${iso}.${frac.padEnd(9, '0').slice(0, 6)}Z`);
      }
      const events = readJsonl(path.join(out, 'events.jsonl'));
      expect(events.length).toBeGreaterThan(0);
      for (const e of events)
        expect(e.ts, `${name} frame ${String(e.frame)}`).toBe(times.get(e.frame as number));
    }
  });
});

describe('Modbus end to end against tshark', () => {
  it('agrees frame by frame on every shared Modbus capture', () => {
    if (!haveSharedPcaps() || !haveTool('tshark')) return;
    const tool = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');
    const files = manifest().filter(
      (m) => m.path.startsWith('modbus/') || m.path.startsWith('datasets/lemay-modbus/'),
    );
    expect(files.length).toBeGreaterThan(5);
    let agree = 0;
    let total = 0;
    const lines: string[] = [];
    for (const m of files) {
      const out = tmp();
      const r = runCli(['analyze', m.abs, '--out', out]);
      expect(r.status).toBe(0);
      const text = execFileSync(
        process.execPath,
        [tool, m.abs, path.join(out, 'events.jsonl'), 'modbus'],
        {
          encoding: 'utf8',
        },
      );
      const last = text.trim().split('\n').pop() ?? '';
      const got = /agreeing (\d+)\/(\d+)/.exec(last);
      expect(got, text).not.toBeNull();
      agree += Number(got?.[1]);
      total += Number(got?.[2]);
      lines.push(`${m.path}: ${last}`);
    }
    expect(total).toBeGreaterThan(10_000);
    // The figure and its per-file breakdown are in docs/fidelity.md.
    expect(agree / total, lines.join('\n')).toBeGreaterThanOrEqual(0.999);
  });
});
