/**
 * Compiles a Sigma `detection` (or a filter's `filter`) block once into a test of an event
 * view (specification 2.1, "Detection"):
 *
 * - a search identifier holding a map ANDs its entries (`field|modifiers: value(s)`);
 * - one holding a list of maps ORs them; one holding a list of strings or numbers is a keyword
 *   search over the whole event;
 * - the condition (a string, or a list of strings that are ORed) combines identifiers.
 *
 * It also works out which event kinds and protocols can satisfy the condition (from `kind` and
 * `proto` equalities every match needs), so the dispatcher offers an event only to the rules
 * that can match it.
 */
import { expandTarget, parseCondition, type Condition } from './condition.js';
import { RuleSyntaxError } from './errors.js';
import type { EventView } from './fields.js';
import { compileEntry, type ViewTest } from './modifiers.js';
import { plainValue } from './pattern.js';

/** A compiled detection. */
export interface CompiledDetection {
  readonly test: ViewTest;
  /** Event kinds every match has (lower case), or null when any kind may match. */
  readonly kinds: ReadonlySet<string> | null;
  /** Protocols (`proto`) every match has, or null. */
  readonly protos: ReadonlySet<string> | null;
}

interface Ident {
  test: ViewTest;
  kinds: Set<string> | null;
  protos: Set<string> | null;
}

type Path = readonly (string | number)[];

/** The values an entry pins a field to, when it is a plain equality on `field`; else null. */
function pinned(key: string, value: unknown, field: string): Set<string> | null {
  const [name, ...mods] = key.split('|');
  if (name !== field || mods.some((m) => m !== 'cased')) return null;
  const list = Array.isArray(value) ? value : [value];
  const out = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string') return null;
    const p = plainValue(v);
    if (p === null) return null;
    out.add(p.toLowerCase());
  }
  return out;
}

function intersect(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((x) => b.has(x)));
}

function union(list: (Set<string> | null)[]): Set<string> | null {
  const out = new Set<string>();
  for (const s of list) {
    if (s === null) return null;
    for (const x of s) out.add(x);
  }
  return out;
}

function all(tests: ViewTest[]): ViewTest {
  if (tests.length === 1) return tests[0] as ViewTest;
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

function any(tests: ViewTest[]): ViewTest {
  if (tests.length === 1) return tests[0] as ViewTest;
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

function compileMap(map: Record<string, unknown>, path: Path): Ident {
  const keys = Object.keys(map);
  if (keys.length === 0)
    throw new RuleSyntaxError('an empty map matches everything; say what to match', path);
  let kinds: Set<string> | null = null;
  let protos: Set<string> | null = null;
  const tests = keys.map((k) => {
    kinds = intersect(kinds, pinned(k, map[k], 'kind'));
    protos = intersect(protos, pinned(k, map[k], 'proto'));
    return compileEntry(k, map[k], [...path, k]);
  });
  return { test: all(tests), kinds, protos };
}

function compileIdent(value: unknown, path: Path): Ident {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RuleSyntaxError('an empty list matches nothing', path);
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { test: compileEntry('', value, path), kinds: null, protos: null };
    }
    if (value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      const parts = value.map((m, i) => compileMap(m as Record<string, unknown>, [...path, i]));
      return {
        test: any(parts.map((p) => p.test)),
        kinds: union(parts.map((p) => p.kinds)),
        protos: union(parts.map((p) => p.protos)),
      };
    }
    throw new RuleSyntaxError('a list must hold only maps (ORed) or only keywords', path);
  }
  if (value !== null && typeof value === 'object') {
    return compileMap(value as Record<string, unknown>, path);
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return { test: compileEntry('', [value], path), kinds: null, protos: null };
  }
  throw new RuleSyntaxError(
    'a search identifier holds a map, a list of maps or a list of keywords',
    path,
  );
}

/**
 * Compiles a detection block. `reserved` names keys that are not search identifiers
 * (`condition`; for filters also `rules`); `base` is the block's path in the document.
 */
export function compileDetection(
  block: Record<string, unknown>,
  base: Path,
  reserved: readonly string[] = ['condition'],
): CompiledDetection {
  const idents = new Map<string, Ident>();
  for (const [k, v] of Object.entries(block)) {
    if (reserved.includes(k)) continue;
    idents.set(k, compileIdent(v, [...base, k]));
  }
  const names = [...idents.keys()];
  const raw = block.condition;
  const texts = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : null;
  if (texts === null || texts.length === 0 || !texts.every((t) => typeof t === 'string')) {
    throw new RuleSyntaxError('expected a condition string (or a list of them)', [
      ...base,
      'condition',
    ]);
  }
  const parts = (texts as string[]).map((t, i) => {
    const path: Path = typeof raw === 'string' ? [...base, 'condition'] : [...base, 'condition', i];
    return build(parseCondition(t, path), idents, names, path);
  });
  return {
    test: any(parts.map((p) => p.test)),
    kinds: union(parts.map((p) => p.kinds)),
    protos: union(parts.map((p) => p.protos)),
  };
}

function build(c: Condition, idents: Map<string, Ident>, names: string[], path: Path): Ident {
  switch (c.t) {
    case 'id': {
      const id = idents.get(c.name);
      if (id === undefined) {
        throw new RuleSyntaxError(
          `the condition names '${c.name}', which is not a search identifier (have: ${names.join(', ') || 'none'})`,
          path,
        );
      }
      return id;
    }
    case 'not': {
      const inner = build(c.item, idents, names, path);
      const t = inner.test;
      return { test: (v: EventView) => !t(v), kinds: null, protos: null };
    }
    case 'and':
    case 'or': {
      const items = c.items.map((x) => build(x, idents, names, path));
      const tests = items.map((x) => x.test);
      if (c.t === 'or') {
        return {
          test: any(tests),
          kinds: union(items.map((x) => x.kinds)),
          protos: union(items.map((x) => x.protos)),
        };
      }
      let kinds: Set<string> | null = null;
      let protos: Set<string> | null = null;
      for (const x of items) {
        kinds = intersect(kinds, x.kinds);
        protos = intersect(protos, x.protos);
      }
      return { test: all(tests), kinds, protos };
    }
    case 'of': {
      const targets = expandTarget(c.target, names);
      if (targets.length === 0) {
        throw new RuleSyntaxError(
          `'${c.target ?? 'them'}' matches no search identifier (have: ${names.join(', ') || 'none'})`,
          path,
        );
      }
      const items = targets.map((n) => idents.get(n) as Ident);
      const tests = items.map((x) => x.test);
      if (c.n === 'all' || c.n >= tests.length) {
        if (c.n !== 'all' && c.n > tests.length) {
          throw new RuleSyntaxError(
            `'${c.n} of ${c.target ?? 'them'}' asks for more than the ${tests.length} identifiers it names`,
            path,
          );
        }
        let kinds: Set<string> | null = null;
        let protos: Set<string> | null = null;
        for (const x of items) {
          kinds = intersect(kinds, x.kinds);
          protos = intersect(protos, x.protos);
        }
        return { test: all(tests), kinds, protos };
      }
      const kinds = union(items.map((x) => x.kinds));
      const protos = union(items.map((x) => x.protos));
      if (c.n === 1) return { test: any(tests), kinds, protos };
      const n = c.n;
      return {
        test: (v: EventView) => {
          let k = 0;
          for (const t of tests) if (t(v) && ++k >= n) return true;
          return false;
        },
        kinds,
        protos,
      };
    }
  }
}
