// S7comm golden scenarios: real traces (and one corrupted from a real trace by make-input.ts)
// through the built CLI, event for event against the reviewed expected.jsonl of each folder.
// PALISADE_GOLDEN_UPDATE=1 rewrites expected.jsonl; review the diff like code.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/shared.js';

interface Line {
  kind: string;
  proto: string;
  anomaly?: { name: string };
  s7comm?: Record<string, unknown>;
}

const ROOT = path.join(REPO_ROOT, 'test/golden/s7comm');
const SCENARIOS = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const UPDATE = process.env.PALISADE_GOLDEN_UPDATE === '1';
const out = mkdtempSync(path.join(tmpdir(), 'palisade-golden-s7-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

/** Runs a scenario; returns its S7comm event lines and the summary. */
function run(name: string): { actual: string[]; expected: string[]; summary: unknown } {
  const dir = path.join(ROOT, name);
  const dest = path.join(out, name);
  const r = runCli(['analyze', path.join(dir, 'input.pcap'), '--out', dest]);
  expect(r.status, r.stderr).toBe(0);
  const actual = lines(readFileSync(path.join(dest, 'events.jsonl'), 'utf8')).filter(
    (l) => (JSON.parse(l) as Line).proto === 's7comm',
  );
  const file = path.join(dir, 'expected.jsonl');
  if (UPDATE) writeFileSync(file, actual.map((l) => `${l}\n`).join(''));
  const expected = existsSync(file) ? lines(readFileSync(file, 'utf8')) : [];
  return {
    actual,
    expected,
    summary: JSON.parse(readFileSync(path.join(dest, 'summary.json'), 'utf8')),
  };
}

const parse = (ls: string[]): Line[] => ls.map((l) => JSON.parse(l) as Line);
const results = new Map(SCENARIOS.map((s) => [s, run(s)] as const));
const get = (name: string): ReturnType<typeof run> => results.get(name) as ReturnType<typeof run>;

describe('S7comm golden scenarios', () => {
  it('has normal, malformed and negative scenarios, each with a README', () => {
    expect(SCENARIOS).toEqual([
      'corrupted-pdus',
      'download-block-db1',
      'mms-on-port-102',
      's7comm-plus-hmi',
      'upload-read-write-stop',
    ]);
    for (const s of SCENARIOS) {
      expect(readFileSync(path.join(ROOT, s, 'README.md'), 'utf8')).toMatch(/What this proves/);
    }
  });

  it.each(SCENARIOS.map((s) => [s] as const))('%s: events equal expected.jsonl', (name) => {
    const r = get(name);
    expect(r.actual).toEqual(r.expected);
  });

  it('normal: upload, read/write, SZL, PLC stop and PI services without an anomaly', () => {
    const events = parse(get('upload-read-write-stop').actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const fns = new Set(events.map((e) => e.s7comm?.function));
    for (const f of ['start_upload', 'upload', 'end_upload', 'read_var', 'write_var', 'plc_stop'])
      expect(fns.has(f), f).toBe(true);
    const szl = events.find((e) => e.s7comm?.module_identification !== undefined);
    expect(szl?.s7comm?.module_identification).toMatchObject({ firmware_version: 'V3.2.7' });
  });

  it('normal: the download sequence names the block and activates it with _INSE', () => {
    const events = parse(get('download-block-db1').actual);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    expect(events.some((e) => e.s7comm?.pi_service === '_INSE')).toBe(true);
    expect(events.filter((e) => e.kind === 's7comm.cotp').length).toBeGreaterThan(0);
  });

  it('normal: S7comm-plus telegrams are recognised, with no S7comm fields', () => {
    const events = parse(get('s7comm-plus-hmi').actual);
    expect(events.some((e) => e.kind === 's7comm.plus')).toBe(true);
    expect(events.some((e) => e.s7comm !== undefined)).toBe(false);
  });

  it('malformed: every corruption is named, decoding goes on', () => {
    const events = parse(get('corrupted-pdus').actual);
    const names = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(names).toEqual([
      's7comm.unknown_rosctr',
      's7comm.length_mismatch',
      's7comm.invalid_tpkt',
      's7comm.malformed_item',
      's7comm.unknown_function',
      's7comm.response_function_mismatch',
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly').length).toBeGreaterThan(55);
  });

  it('negative: MMS on TCP 102 is not taken for S7', () => {
    const r = get('mms-on-port-102');
    expect(r.actual).toEqual([]);
    const s = r.summary as { decoders: Record<string, { flows: number }>; flows: number };
    expect(s.flows).toBeGreaterThan(0);
    expect(s.decoders.s7comm?.flows).toBe(0);
  });
});
