// The cache of checked packs: a second load of the same files is answered from it, a changed file is not, and a broken cache is ignored.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedLoad, cacheDir } from './cache.js';
import { loadRules } from './loader.js';
import { ruleYaml } from '../../../test/helpers/rules.js';

describe('cachedLoad', () => {
  const saved = process.env.XDG_CACHE_HOME;
  let home = '';
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'palisade-cache-'));
    process.env.XDG_CACHE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  });

  it('answers a second load of the same files from the cache, and a changed file from the files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-rules-'));
    const file = path.join(dir, 'r.yml');
    writeFileSync(file, ruleYaml({ s: { kind: 'x.e' }, condition: 's' }));
    let loads = 0;
    const load = () => {
      loads++;
      return loadRules([file]);
    };
    const first = cachedLoad([file], {}, load);
    const second = cachedLoad([file], {}, load);
    expect(loads).toBe(1);
    expect(second).toEqual(first);
    expect(readdirSync(cacheDir() ?? '')).toHaveLength(1);
    // Other options, or other content: not the cached answer.
    cachedLoad([file], { strict: true }, load);
    expect(loads).toBe(2);
    writeFileSync(file, ruleYaml({ s: { kind: 'x.f' }, condition: 's' }));
    cachedLoad([file], {}, load);
    expect(loads).toBe(3);
    // A broken cache file is ignored (and replaced).
    for (const f of readdirSync(cacheDir() ?? ''))
      writeFileSync(path.join(cacheDir() ?? '', f), '{');
    expect(cachedLoad([file], {}, load).pack.docs).toHaveLength(1);
    expect(loads).toBe(4);
    // loadRules with cache: true goes through it.
    expect(loadRules([file], { cache: true }).pack.docs[0]?.doc.detection).toEqual({
      s: { kind: 'x.f' },
      condition: 's',
    });
  });
});
