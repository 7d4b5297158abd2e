/**
 * A cache of checked rule packs. Reading YAML is most of the cost of loading rules (about 1.5 ms
 * a document with the `yaml` package: a second for the built-in pack), and `analyze` loads the
 * same pack at every run. The result of `loadRules` (the checked documents and the problems) is
 * kept as JSON under the user's cache folder (`$XDG_CACHE_HOME/palisade`, else
 * `~/.cache/palisade`, created private), named by a SHA-256 over everything the result depends
 * on: the contents and paths of the rule files, the options, the package's schemas and the code
 * of the rule engine (size and time of each module). Anything unreadable is ignored and the rules
 * are loaded from their files.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, RulePack, RuleProblem } from './loader.js';
import { packageRoot } from './schema.js';

/** Bumped when the cached form changes. */
const FORMAT = 1;
/** Cached packs kept (the most recently written). */
const KEEP = 16;

/** The folder of cached packs, or null when there is no home to put it in. */
export function cacheDir(): string | null {
  const base = process.env.XDG_CACHE_HOME ?? (homedir() !== '' ? join(homedir(), '.cache') : '');
  return base === '' ? null : join(base, 'palisade');
}

/** What a load's result depends on, hashed. */
function key(files: readonly string[], opts: LoadOptions): string {
  const h = createHash('sha256');
  h.update(`format ${FORMAT}\0`);
  h.update(
    JSON.stringify({
      strict: opts.strict === true,
      services: [...(opts.knownServices ?? [])].sort(),
    }),
  );
  for (const f of files) {
    h.update(`\0file ${f}\0`);
    h.update(readFileSync(f));
  }
  // The engine's own code and schemas: a changed check must not be answered from the cache.
  const here = dirname(fileURLToPath(import.meta.url));
  const schemas = join(packageRoot(), 'schemas');
  for (const dir of [here, join(schemas, 'sigma'), schemas]) {
    for (const name of readdirSync(dir).sort()) {
      const st = statSync(join(dir, name));
      if (st.isFile()) h.update(`\0${dir}/${name} ${st.size} ${st.mtimeMs}`);
    }
  }
  return h.digest('hex');
}

/**
 * `load(files)`'s result for these files and options, from the cache when it holds it; stored
 * there otherwise.
 */
export function cachedLoad(
  files: readonly string[],
  opts: LoadOptions,
  load: () => { pack: RulePack; problems: RuleProblem[] },
): { pack: RulePack; problems: RuleProblem[] } {
  const dir = cacheDir();
  let file: string | null = null;
  try {
    if (dir !== null) {
      file = join(dir, `rules-${key(files, opts)}.json`);
      const hit = JSON.parse(readFileSync(file, 'utf8')) as {
        pack?: RulePack;
        problems?: RuleProblem[];
      };
      if (Array.isArray(hit.pack?.docs) && Array.isArray(hit.problems)) {
        return { pack: hit.pack, problems: hit.problems };
      }
    }
  } catch {
    // Not cached yet, or unreadable: load from the files.
  }
  const res = load();
  if (file !== null && dir !== null) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Written aside and renamed, so a concurrent run never reads half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(res), { mode: 0o600 });
      renameSync(tmp, file);
      prune(dir);
    } catch {
      // A cache that cannot be written only costs the next run its speed.
    }
  }
  return res;
}

/** Removes all but the {@link KEEP} most recent cached packs. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((n) => /^rules-[0-9a-f]{64}\.json$/.test(n))
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const f of files.slice(KEEP)) unlinkSync(join(dir, f.n));
}
