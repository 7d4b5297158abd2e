// ADS end to end against tshark: the built CLI over every shared Beckhoff ADS capture with no
// decoder bug, and the AMS header and ADS fields of scripts/field-agree/ads.ts compared frame by
// frame with Wireshark's `ams` dissector (docs/fidelity-ads.md has the figures).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { adsSpec } from '../../../scripts/field-agree/ads.js';
import { REQUIRE, haveSharedPcaps, haveTool, manifest, runCli } from '../../helpers/shared.js';

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark');
  if (!ok && REQUIRE) throw new Error('shared captures or tshark missing');
  return ok;
};

const captures = () => manifest().filter((m) => m.path.startsWith('other-ics/beckhoff-ads/'));

describe('ADS end to end against tshark', () => {
  it('decodes every shared ADS capture with no decoder bug', () => {
    if (!ready()) return;
    expect(captures()).toHaveLength(10);
    for (const m of captures()) {
      const out = mkdtempSync(path.join(tmpdir(), 'palisade-ads-'));
      const r = runCli(['analyze', m.abs, '--out', out, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
      expect(summary.bugs).toEqual([]);
      expect(summary.counters['decoder_bug.ads'] ?? 0).toBe(0);
    }
  }, 60_000);

  it('agrees with tshark on every AMS field of every frame', async () => {
    if (!ready()) return;
    const sum = new Map<string, FieldResult>();
    for (const m of captures()) {
      for (const r of await compareFields(adsSpec, m.abs, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-ads.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['command id', 4788, 4788, []],
      ['state flags', 4788, 4788, []],
      ['target NetId', 4788, 4788, []],
      ['target port', 4788, 4788, []],
      ['source NetId', 4788, 4788, []],
      ['source port', 4788, 4788, []],
      ['data length', 4788, 4788, []],
      ['error code', 4788, 4788, []],
      ['invoke id', 4788, 4788, []],
      ['index group', 1218, 1218, []],
      ['index offset', 1218, 1218, []],
      ['ADS result', 2332, 2332, []],
      ['ADS state', 1144, 1144, []],
      ['device state', 1144, 1144, []],
      ['device name', 13, 13, []],
      ['notification handle', 18, 18, []],
    ]);
  }, 60_000);
});
