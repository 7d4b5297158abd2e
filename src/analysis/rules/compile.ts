/**
 * Compiles a Sigma `detection` (or a filter's `filter`) block once into a test of an event
 * view (specification 2.1, "Detection"):
 *
 * - a search identifier holding a map ANDs its entries (`field|modifiers: value(s)`);
 * - one holding a list of maps ORs them; one holding a list of strings or numbers is a keyword
 *   search over the whole event;
 * - the condition (a string, or a list of strings that are ORed) combines identifiers.
 *
 * It also works out which fields every match has equal to a few plain values ("pins": `kind`,
 * `proto`, `modbus.function_code`...), so the dispatcher offers an event only to the rules that
 * can match it (see `dispatch.ts`).
 */
import { expandTarget, parseCondition, type Condition } from './condition.js';
import { RuleSyntaxError } from './errors.js';
import type { EventView } from './fields.js';
import { compileEntry, type ViewTest } from './modifiers.js';
import { plainValue } from './pattern.js';

/** A value a field is pinned to, as the dispatch index keys it (strings lower case). */
export type PinKey = string | number | boolean;

/** Fields every match of a detection has equal to one of a few plain values. */
export type Pins = ReadonlyMap<string, ReadonlySet<PinKey>>;

/** A compiled detection. */
export interface CompiledDetection {
  readonly test: ViewTest;
  /** Event kinds every match has (lower case), or null when any kind may match. */
  readonly kinds: ReadonlySet<string> | null;
  /** Protocols (`proto`) every match has, or null. */
  readonly protos: ReadonlySet<string> | null;
  /**
   * Every field the condition pins to plain values (no wildcard, no modifier but `cased`), with
   * the keys an event value must have (see {@link pinKeys}): the dispatcher indexes rules by them.
   */
  readonly pins: Pins;
}

interface Ident {
  test: ViewTest;
  pins: Map<string, Set<PinKey>>;
}

type Path = readonly (string | number)[];

/**
 * The index keys of a rule value: what an event value equal to it (by the rules of
 * `modifiers.ts`) looks up. A number is found as the number and as its text; a string as its
 * lower-case text and, when it is a number written as JSON writes it, as the number.
 */
export function pinKeys(v: string | number | boolean): PinKey[] {
  if (typeof v === 'number') return [v, String(v)];
  if (typeof v === 'boolean') return [v, String(v)];
  const keys: PinKey[] = [v.toLowerCase()];
  const t = v.trim();
  if (t !== '' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) && String(Number(t)) === v)
    keys.push(Number(t));
  return keys;
}

/** The field and keys an entry pins, when it is a plain equality; else null. */
function pinned(key: string, value: unknown): [string, Set<PinKey>] | null {
  const [name = '', ...mods] = key.split('|');
  if (name === '' || mods.some((m) => m !== 'cased')) return null;
  const list = Array.isArray(value) ? value : [value];
  const out = new Set<PinKey>();
  for (const v of list) {
    if (typeof v === 'string') {
      const p = plainValue(v);
      if (p === null) return null;
      for (const k of pinKeys(p)) out.add(k);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      for (const k of pinKeys(v)) out.add(k);
    } else return null;
  }
  return [name, out];
}

/** Pins of a conjunction: every field either side pins, intersected where both do. */
function andPins(list: readonly Map<string, Set<PinKey>>[]): Map<string, Set<PinKey>> {
  const out = new Map<string, Set<PinKey>>();
  for (const pins of list) {
    for (const [f, keys] of pins) {
      const cur = out.get(f);
      out.set(f, cur === undefined ? new Set(keys) : new Set([...cur].filter((k) => keys.has(k))));
    }
  }
  return out;
}

/** Pins of a disjunction: the fields every branch pins, with the union of their keys. */
function orPins(list: readonly Map<string, Set<PinKey>>[]): Map<string, Set<PinKey>> {
  const out = new Map<string, Set<PinKey>>();
  const first = list[0];
  if (first === undefined) return out;
  for (const [f, keys] of first) {
    if (!list.every((p) => p.has(f))) continue;
    const u = new Set(keys);
    for (const p of list) for (const k of p.get(f) ?? []) u.add(k);
    out.set(f, u);
  }
  return out;
}

function stringsOf(keys: ReadonlySet<PinKey> | undefined): ReadonlySet<string> | null {
  if (keys === undefined) return null;
  return new Set([...keys].filter((k): k is string => typeof k === 'string'));
}

function all(tests: ViewTest[]): ViewTest {
  if (tests.length === 1) return tests[0] as ViewTest;
  return (v) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as ViewTest)(v)) return false;
    return true;
  };
}

function any(tests: ViewTest[]): ViewTest {
  if (tests.length === 1) return tests[0] as ViewTest;
  return (v) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as ViewTest)(v)) return true;
    return false;
  };
}

/**
 * Entries shared by the rules of a pack. Rules of one pack repeat the same entries (`kind:
 * goose.pdu`, `goose.gocb_ref|exists: true`), and a site's variations of a rule differ in one
 * value: an entry written the same way in several rules is compiled once, and its result is
 * remembered for the event under evaluation (the view's epoch), so the rules an event meets
 * test it once.
 */
export class SharedEntries {
  private readonly slots = new Map<string, ViewTest>();
  private readonly epochs: number[] = [];
  private readonly results: boolean[] = [];

  /** The shared test of an entry, compiled by `make` the first time it is seen. */
  entry(key: string, value: unknown, make: () => ViewTest): ViewTest {
    const canon = `${key}\u0000${JSON.stringify(value)}`;
    const known = this.slots.get(canon);
    if (known !== undefined) return known;
    const test = make();
    const slot = this.epochs.length;
    this.epochs.push(-1);
    this.results.push(false);
    const epochs = this.epochs;
    const results = this.results;
    const shared: ViewTest = (v) => {
      if (epochs[slot] === v.epoch) return results[slot] as boolean;
      const r = test(v);
      epochs[slot] = v.epoch;
      results[slot] = r;
      return r;
    };
    this.slots.set(canon, shared);
    return shared;
  }
}

function compileMap(map: Record<string, unknown>, path: Path, shared: SharedEntries | null): Ident {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    throw new RuleSyntaxError('an empty map matches everything; say what to match', path);
  }
  const pins: Map<string, Set<PinKey>>[] = [];
  const tests = keys.map((k) => {
    const p = pinned(k, map[k]);
    if (p !== null) pins.push(new Map([p]));
    const make = (): ViewTest => compileEntry(k, map[k], [...path, k]);
    return shared !== null ? shared.entry(k, map[k], make) : make();
  });
  return { test: all(tests), pins: andPins(pins) };
}

function compileIdent(value: unknown, path: Path, shared: SharedEntries | null): Ident {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new RuleSyntaxError('an empty list matches nothing', path);
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { test: compileEntry('', value, path), pins: new Map() };
    }
    if (value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      const parts = value.map((m, i) =>
        compileMap(m as Record<string, unknown>, [...path, i], shared),
      );
      return { test: any(parts.map((p) => p.test)), pins: orPins(parts.map((p) => p.pins)) };
    }
    throw new RuleSyntaxError('a list must hold only maps (ORed) or only keywords', path);
  }
  if (value !== null && typeof value === 'object') {
    return compileMap(value as Record<string, unknown>, path, shared);
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return { test: compileEntry('', [value], path), pins: new Map() };
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
  shared: SharedEntries | null = null,
): CompiledDetection {
  const idents = new Map<string, Ident>();
  for (const [k, v] of Object.entries(block)) {
    if (reserved.includes(k)) continue;
    idents.set(k, compileIdent(v, [...base, k], shared));
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
  const pins = orPins(parts.map((p) => p.pins));
  return {
    test: any(parts.map((p) => p.test)),
    kinds: stringsOf(pins.get('kind')),
    protos: stringsOf(pins.get('proto')),
    pins,
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
      const t = build(c.item, idents, names, path).test;
      return { test: (v: EventView) => !t(v), pins: new Map() };
    }
    case 'and':
    case 'or': {
      const items = c.items.map((x) => build(x, idents, names, path));
      const tests = items.map((x) => x.test);
      const pins = items.map((x) => x.pins);
      return c.t === 'or'
        ? { test: any(tests), pins: orPins(pins) }
        : { test: all(tests), pins: andPins(pins) };
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
      const pins = items.map((x) => x.pins);
      if (c.n !== 'all' && c.n > tests.length) {
        throw new RuleSyntaxError(
          `'${c.n} of ${c.target ?? 'them'}' asks for more than the ${tests.length} identifiers it names`,
          path,
        );
      }
      if (c.n === 'all' || c.n === tests.length) return { test: all(tests), pins: andPins(pins) };
      if (c.n === 1) return { test: any(tests), pins: orPins(pins) };
      const n = c.n;
      return {
        test: (v: EventView) => {
          let k = 0;
          for (const t of tests) if (t(v) && ++k >= n) return true;
          return false;
        },
        // Some n of the identifiers hold: a field pinned by all of them keeps the union.
        pins: orPins(pins),
      };
    }
  }
}
