// SSH against tshark: no shared capture holds SSH, so the golden captures are compared field by
// field with scripts/field-agree/ssh.ts (docs/fidelity-ssh.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { sshSpec } from '../../../scripts/field-agree/ssh.js';
import { REQUIRE, haveTool } from '../../helpers/shared.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('SSH against tshark', () => {
  it('agrees on banner, message codes, kex list, HASSH and HASSHServer of the golden captures', async () => {
    if (!haveTool('tshark')) {
      if (REQUIRE) throw new Error('tshark missing');
      return;
    }
    const sum = new Map<string, FieldResult>();
    for (const s of ['normal', 'malformed']) {
      for (const r of await compareFields(sshSpec, path.join(here, s, 'input.pcap'), 100)) {
        const acc = sum.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
        acc.frames += r.frames;
        acc.agree += r.agree;
        acc.diffs.push(...r.diffs);
        sum.set(r.field, acc);
      }
    }
    expect([...sum.values()].map((r) => [r.field, r.agree, r.frames, r.diffs])).toEqual([
      ['protocol banner', 26, 26, []],
      ['message code', 5, 5, []],
      ['kex algorithms', 2, 2, []],
      ['hassh', 1, 1, []],
      ['hasshServer', 1, 1, []],
    ]);
  }, 60_000);
});
