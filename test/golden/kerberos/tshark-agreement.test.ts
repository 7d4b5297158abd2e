// Kerberos end to end against tshark: the built CLI over the shared captures carrying Kerberos on
// port 88 and over the golden MIT capture, every frame Wireshark's `kerberos` dissector shows on
// ports 88/464 matched by our events, the fields of scripts/field-agree/kerberos.ts compared frame
// by frame (docs/fidelity-kerberos.md has the figures), and the attack signals of the shared
// captures raised where they belong.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { KERBEROS_CAPTURES, kerberosSpec } from '../../../scripts/field-agree/kerberos.js';
import {
  REPO_ROOT,
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  runCli,
  tshark,
} from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const GOLDEN = path.join(REPO_ROOT, 'test/golden/kerberos/normal/input.pcap');
const captures = (): string[] => [
  ...KERBEROS_CAPTURES.map((c) => path.join(SHARED_PCAPS, c)),
  GOLDEN,
];

interface Line {
  proto: string;
  kind: string;
  frame: number;
  anomaly?: { name: string };
}

const analysed = new Map<string, Line[]>();

/** Our Kerberos events of a capture (the CLI runs once per capture). */
function analyze(capture: string): Line[] {
  const done = analysed.get(capture);
  if (done !== undefined) return done;
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-kerberos-'));
  const r = runCli(['analyze', capture, '--out', out, '--json']);
  expect(r.status, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
  expect(summary.bugs).toEqual([]);
  expect(summary.counters['decoder_bug.kerberos'] ?? 0).toBe(0);
  const lines = readFileSync(path.join(out, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Line)
    .filter((e) => e.proto === 'kerberos');
  analysed.set(capture, lines);
  return lines;
}

describe('Kerberos end to end against tshark', () => {
  it('decodes every frame Wireshark shows as Kerberos on ports 88 and 464, and no other', () => {
    if (!ready()) return;
    let total = 0;
    let matched = 0;
    for (const c of captures()) {
      const ours = new Set(
        analyze(c)
          .filter((e) => e.kind !== 'anomaly')
          .map((e) => e.frame),
      );
      const theirs = tshark([
        '-n',
        '-r',
        c,
        '-Y',
        kerberosSpec.filter,
        '-T',
        'fields',
        '-e',
        'frame.number',
      ])
        .split('\n')
        .filter((l) => l.length > 0)
        .map(Number);
      total += theirs.length;
      matched += theirs.filter((f) => ours.has(f)).length;
      expect(
        [...ours].filter((f) => !theirs.includes(f)),
        c,
      ).toEqual([]);
    }
    // Docs: docs/fidelity-kerberos.md states these figures.
    expect([matched, total]).toEqual([64, 64]);
  }, 60_000);

  it('agrees with tshark on every field of every frame', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const c of captures()) {
      for (const r of await compareFields(kerberosSpec, c, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-kerberos.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['message type', 64, 64, []],
      ['cname', 44, 44, []],
      ['sname', 63, 63, []],
      ['realm', 63, 63, []],
      ['crealm', 17, 17, []],
      ['etype', 37, 37, []],
      ['requested etypes', 31, 31, []],
      ['error code', 21, 21, []],
      ['padata type', 39, 39, []],
      ['name type', 63, 63, []],
      ['nonce', 31, 31, []],
      ['kdc-options', 31, 31, []],
      ['till', 31, 31, []],
      ['e-text', 7, 7, []],
      ['pvno', 64, 64, []],
    ]);
  }, 60_000);

  it('flags the Skeleton Key RC4 logon and leaves the kerbrute spray to detection rules', () => {
    if (!ready()) return;
    const [spray, skeleton] = KERBEROS_CAPTURES.map((c) => analyze(path.join(SHARED_PCAPS, c)));
    expect(spray?.filter((e) => e.kind === 'anomaly')).toEqual([]);
    expect(spray?.filter((e) => e.kind === 'kerberos.error')).toHaveLength(13);
    expect(
      skeleton?.filter((e) => e.kind === 'anomaly').map((e) => [e.frame, e.anomaly?.name]),
    ).toEqual([
      [2, 'kerberos.weak_etype_used'],
      [3, 'kerberos.weak_etype_used'],
      [5, 'kerberos.weak_etype_used'],
      [9, 'kerberos.weak_etype_used'],
    ]);
  }, 60_000);
});
