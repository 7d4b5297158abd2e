/** Runs the decoder conformance suite (decoder.case.test.ts) over every registered decoder. */
import { FOREIGN_FIXTURES } from '../../test/helpers/foreign-fixtures.js';
import type { DecoderFixture } from './decoder.js';
import { runDecoderSuite } from './decoder.case.test.js';
import { DECODERS } from './registry.js';

// Convention: every decoder folder exports `fixtures` from `app/<id>/fixtures.ts`.
const fixturesById = new Map<string, readonly DecoderFixture[]>();
for (const d of DECODERS) {
  const file = `./app/${d.id}/fixtures.js`;
  const mod = (await import(/* @vite-ignore */ file)) as { fixtures: readonly DecoderFixture[] };
  fixturesById.set(d.id, mod.fixtures);
}

for (const d of DECODERS) {
  const foreign: DecoderFixture[] = [...FOREIGN_FIXTURES];
  for (const [other, list] of fixturesById) {
    if (other !== d.id) foreign.push(...list.filter((f) => f.role === 'normal'));
  }
  runDecoderSuite(d, fixturesById.get(d.id) ?? [], { foreign });
}
