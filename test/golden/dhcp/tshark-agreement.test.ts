// DHCP end to end against tshark: the built pipeline over every shared capture carrying DHCP,
// the fields of scripts/field-agree/dhcp.ts compared frame by frame (docs/fidelity-dhcp.md has
// the figures), with no decoder bug.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { DHCP_CAPTURES, dhcpSpec } from '../../../scripts/field-agree/dhcp.js';
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

describe('DHCP end to end against tshark', () => {
  it('agrees on every field of every DHCP frame of the shared captures', async () => {
    if (!ready()) return;
    expect(manifest().filter((m) => DHCP_CAPTURES.includes(m.path)).length).toBe(6);
    const sum = new Map<string, FieldResult>();
    for (const p of DHCP_CAPTURES) {
      for (const r of await compareFields(dhcpSpec, path.join(SHARED_PCAPS, p), 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    // Docs: docs/fidelity-dhcp.md, one row per field.
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['message type', 82, 82, []],
      ['op', 86, 86, []],
      ['transaction id', 86, 86, []],
      ['client MAC', 86, 86, []],
      ['host name', 79, 79, []],
      ['vendor class', 30, 30, []],
      ['parameter request list', 78, 78, []],
      ['requested address', 1, 1, []],
      ['assigned address', 86, 86, []],
      ['server id', 5, 5, []],
      ['lease time', 4, 4, []],
    ]);
  }, 120_000);
});
