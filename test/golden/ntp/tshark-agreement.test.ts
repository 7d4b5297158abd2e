// NTP end to end against tshark: the built pipeline over every shared capture carrying NTP, the
// fields of scripts/field-agree/ntp.ts compared frame by frame (docs/fidelity-ntp.md has the
// figures).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { NTP_CAPTURES, ntpSpec } from '../../../scripts/field-agree/ntp.js';
import {
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  manifest,
} from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

describe('NTP end to end against tshark', () => {
  it('agrees on mode, version, leap indicator, stratum, poll and precision of every frame', async () => {
    if (!ready()) return;
    const caps = manifest().filter(
      (m) => NTP_CAPTURES.some((p) => m.path.startsWith(p)) && /\.pcap(ng)?$/.test(m.path),
    );
    expect(caps.length).toBe(8);
    // The six QUT slices carry the same GPS clock's broadcasts: one of them is compared here
    // (the test budget); `node dist/scripts/field-agree.js ntp` over all eight gives 2897/2897
    // on every field (docs/fidelity-ntp.md).
    const compared = caps.filter(
      (m) => !m.path.startsWith('datasets/') || m.path.includes('control'),
    );
    expect(compared.length).toBe(3);
    const sum = new Map<string, FieldResult>();
    for (const m of compared) {
      for (const r of await compareFields(ntpSpec, path.join(SHARED_PCAPS, m.path), 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-ntp.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['mode', 391, 391, []],
      ['version', 391, 391, []],
      ['leap indicator', 391, 391, []],
      ['stratum', 391, 391, []],
      ['poll', 391, 391, []],
      ['precision', 391, 391, []],
    ]);
  }, 120_000);
});
