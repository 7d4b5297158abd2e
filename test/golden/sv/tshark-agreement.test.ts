// Sampled Values against tshark: the shared captures hold no SV, so the generated golden
// captures (normal and malformed, build-captures.ts) are dissected by tshark 4.0 on its own and
// compared frame by frame on every field of scripts/field-agree/sv.ts, the 9-2LE values and
// qualities included (docs/fidelity-sv.md).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { svSpec } from '../../../scripts/field-agree/sv.js';
import { REPO_ROOT, REQUIRE, haveTool } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('tshark missing');
  return ok;
};

describe('Sampled Values against tshark', () => {
  it('agrees with tshark on every frame and every field of the generated captures', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const s of ['normal', 'malformed']) {
      const file = path.join(REPO_ROOT, 'test/golden/sv', s, 'input.pcap');
      for (const r of await compareFields(svSpec, file, 20)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-sv.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['APPID', 27, 27, []],
      ['noASDU', 26, 26, []],
      ['svID', 26, 26, []],
      ['smpCnt', 26, 26, []],
      ['confRev', 25, 25, []],
      ['datSet', 3, 3, []],
      ['refrTm', 3, 3, []],
      ['smpSynch', 25, 25, []],
      ['smpRate', 3, 3, []],
      ['smpMod', 3, 3, []],
      ['Simulate bit', 27, 27, []],
      ['9-2LE values', 24, 24, []],
      ['9-2LE qualities', 24, 24, []],
    ]);
  }, 60_000);
});
