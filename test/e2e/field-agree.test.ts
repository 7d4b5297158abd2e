// Deeper fields against tshark, per protocol spec in scripts/field-agree/: every field of every
// spec agrees on at least 99.9% of the frames either side decodes, over the shared captures.
import { describe, expect, it } from 'vitest';
import { compareAll } from '../../scripts/field-agree.js';
import { SPECS } from '../../scripts/field-agree/index.js';
import { haveSharedPcaps, haveTool, manifest } from '../helpers/shared.js';

describe('field agreement with tshark', () => {
  for (const proto of Object.keys(SPECS)) {
    it(`${proto}: every field agrees on >= 99.9% of frames`, async () => {
      if (!haveSharedPcaps() || !haveTool('tshark')) return;
      const prefixes = SPECS[proto]?.sharedCaptures ?? [];
      const files = manifest()
        .filter((m) => prefixes.some((p) => m.path.startsWith(p)))
        .map((m) => m.abs);
      expect(files.length).toBeGreaterThan(0);
      const results = await compareAll(proto, files);
      for (const r of results) {
        expect(r.frames, `${proto} ${r.field}`).toBeGreaterThan(0);
        expect(
          r.agree / r.frames,
          `${proto} ${r.field}: ${r.diffs.join('; ')}`,
        ).toBeGreaterThanOrEqual(0.999);
      }
    }, 300_000);
  }
});
