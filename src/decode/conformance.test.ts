/** Runs the decoder conformance suite (decoder.case.test.ts) over every registered decoder. */
import { FOREIGN_FIXTURES } from '../../test/helpers/foreign-fixtures.js';
import type { DecoderFixture } from './decoder.js';
import { runDecoderSuite, type DecoderSuiteOptions } from './decoder.case.test.js';
import { DECODERS } from './registry.js';

// Convention: every decoder folder exports `fixtures` from `app/<id>/fixtures.ts`.
// A folder may also export `conformanceSkip`: checks that cannot apply, each with its reason.
const fixturesById = new Map<string, readonly DecoderFixture[]>();
const skipById = new Map<string, DecoderSuiteOptions['skip']>();
for (const d of DECODERS) {
  const file = `./app/${d.id}/fixtures.js`;
  const mod = (await import(/* @vite-ignore */ file)) as {
    fixtures: readonly DecoderFixture[];
    conformanceSkip?: DecoderSuiteOptions['skip'];
  };
  fixturesById.set(d.id, mod.fixtures);
  if (mod.conformanceSkip) skipById.set(d.id, mod.conformanceSkip);
}

for (const d of DECODERS) {
  const foreign: DecoderFixture[] = [...FOREIGN_FIXTURES];
  for (const [other, list] of fixturesById) {
    if (other !== d.id) foreign.push(...list.filter((f) => f.role === 'normal'));
  }
  const skip = skipById.get(d.id);
  runDecoderSuite(d, fixturesById.get(d.id) ?? [], skip ? { foreign, skip } : { foreign });
}
