/**
 * Where the benchmark finds things: the repository root (whether it runs from `bench/*.ts` or
 * from the compiled `dist/bench/*.js`), the shared captures beside the repository, and the cache
 * folder for generated inputs and results (`.tmp/bench`, git-ignored).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this module holding Palisade's package.json. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'palisade') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('palisade repository root not found');
    dir = parent;
  }
}

/** The shared captures (`<repo>/../shared/data/pcaps`). */
export function sharedPcapsDir(): string {
  return path.resolve(repoRoot(), '../shared/data/pcaps');
}

/** The benchmark cache folder (`<repo>/.tmp/bench`). */
export function benchCacheDir(): string {
  return path.join(repoRoot(), '.tmp', 'bench');
}
