// RDP against tshark: the shared SharpRDP capture and the golden captures, field by field with
// scripts/field-agree/rdp.ts (docs/fidelity-rdp.md).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { rdpSpec } from '../../../scripts/field-agree/rdp.js';
import { REQUIRE, haveTool } from '../../helpers/shared.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(here, '../../../../shared/data/pcaps');

describe('RDP against tshark', () => {
  it('agrees on cookie, negotiation, client core data and encryption on every RDP frame', async () => {
    const shared = path.join(SHARED, rdpSpec.sharedCaptures[0] as string);
    if (!haveTool('tshark') || !existsSync(shared)) {
      if (REQUIRE) throw new Error('tshark or the shared captures missing');
      return;
    }
    const sum = new Map<string, FieldResult>();
    const captures = [
      shared,
      ...['normal', 'malformed'].map((s) => path.join(here, s, 'input.pcap')),
    ];
    for (const c of captures) {
      for (const r of await compareFields(rdpSpec, c, 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['cookie', 14, 14, []],
      ['requested protocols', 10, 10, []],
      ['selected protocol', 6, 6, []],
      ['failure code', 3, 3, []],
      ['client name', 2, 2, []],
      ['client build', 2, 2, []],
      ['keyboard layout', 2, 2, []],
      ['client encryption methods', 2, 2, []],
      ['server encryption method', 1, 1, []],
      ['server encryption level', 1, 1, []],
    ]);
  }, 60_000);
});
