// SEL against tshark: no shared capture carries SEL Fast Message over TCP, so the golden captures
// are compared with Wireshark's `selfm` dissector (scripts/field-agree/sel.ts, docs/fidelity-sel.md);
// and the shared Mirrored Bits capture, an RTAC serial-line capture, is read without a decoder
// bug and counted as an unsupported link type (src/decode/app/sel/README.md says why).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { selSpec } from '../../../scripts/field-agree/sel.js';
import {
  REPO_ROOT,
  REQUIRE,
  haveSharedPcaps,
  haveTool,
  manifest,
  runCli,
} from '../../helpers/shared.js';

const ready = (needShared: boolean): boolean => {
  const ok = haveTool('tshark') && (!needShared || haveSharedPcaps());
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

describe('SEL against tshark', () => {
  it('agrees with tshark on every SEL field of the golden captures', async () => {
    if (!ready(false)) return;
    const sum = new Map<string, FieldResult>();
    for (const s of ['normal', 'malformed']) {
      const file = path.join(REPO_ROOT, 'test/golden/sel', s, 'input.pcap');
      for (const r of await compareFields(selSpec, file, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-sel.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['message type', 10, 10, []],
      ['relay definition protocols', 3, 3, []],
      ['Fast Meter messages', 3, 3, []],
      ['checksum', 5, 5, []],
      ['remote bit operate code', 1, 1, []],
      ['breaker operate code', 1, 1, []],
      ['operate validation', 2, 2, []],
      ['Fast Message function', 3, 3, []],
      ['Fast Message status', 3, 3, []],
      ['Fast Message sequence', 3, 3, []],
      ['Fast Message response number', 3, 3, []],
    ]);
  }, 60_000);

  it('reads the shared Mirrored Bits serial capture without a decoder bug or an event', () => {
    if (!ready(true)) return;
    const m = manifest().find((x) => x.path === 'other-ics/MirroredBits.pcap');
    expect(m?.linkType).toBe('rtac-serial');
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-sel-'));
    const r = runCli(['analyze', m?.abs ?? '', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      bugs: string[];
      events: number;
      counters: Record<string, number>;
    };
    expect(summary.bugs).toEqual([]);
    expect(summary.events).toBe(0);
    expect(summary.counters['link.unsupported_linktype']).toBe(15_485);
  }, 60_000);
});
