// Deeper fields against tshark, per protocol spec in scripts/field-agree/: every field of every
// spec agrees on at least 99.9% of the frames either side decodes, over the shared captures.
// A spec whose protocol has no shared capture (checked on generated captures by its golden
// tests) or whose figures another test pins with each difference explained (`pinnedBy`) is left
// to those tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareAll } from '../../scripts/field-agree.js';
import { SPECS } from '../../scripts/field-agree/index.js';
import { REPO_ROOT, haveSharedPcaps, haveTool, manifest } from '../helpers/shared.js';

describe('field agreement with tshark', () => {
  for (const [proto, spec] of Object.entries(SPECS)) {
    const deferred = spec.sharedCaptures.length === 0 || spec.pinnedBy !== undefined;
    it.skipIf(deferred)(
      `${proto}: every field agrees on >= 99.9% of frames`,
      async () => {
        if (!haveSharedPcaps() || !haveTool('tshark')) return;
        const prefixes = spec.sharedCaptures;
        const files = manifest()
          .filter((m) => prefixes.some((p) => m.path.startsWith(p)))
          .map((m) => m.abs);
        expect(files.length).toBeGreaterThan(0);
        const results = await compareAll(proto, files);
        // A field neither side ever carries in these captures (a PDU type no capture holds) has
        // nothing to compare; the others must agree.
        const compared = results.filter((r) => r.frames > 0);
        expect(compared.length, proto).toBeGreaterThan(0);
        for (const r of compared) {
          expect(
            r.agree / r.frames,
            `${proto} ${r.field}: ${r.diffs.join('; ')}`,
          ).toBeGreaterThanOrEqual(0.999);
        }
      },
      300_000,
    );

    it.runIf(spec.pinnedBy !== undefined)(`${proto}: the test pinning its figures exists`, () => {
      expect(existsSync(path.join(REPO_ROOT, spec.pinnedBy ?? ''))).toBe(true);
    });
  }
});
