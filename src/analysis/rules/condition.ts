/**
 * The Sigma condition language (specification 2.1, "Condition"): a recursive-descent parser.
 *
 *   expr     := and ( 'or' and )*
 *   and      := unary ( 'and' unary )*
 *   unary    := 'not' unary | '(' expr ')' | quantity 'of' target | identifier
 *   quantity := '1' | 'any' | 'all' | a whole number
 *   target   := 'them' | identifier pattern (`*` wildcards)
 *
 * `not` binds tighter than `and`, which binds tighter than `or`. Keywords are case-insensitive;
 * identifiers are case-sensitive, as detection keys are. `them` leaves out identifiers that start
 * with `_` (specification: "identifiers starting with an underscore are ignored by `them`").
 */
import { RuleSyntaxError } from './errors.js';

/** A parsed condition. */
export type Condition =
  | { readonly t: 'id'; readonly name: string }
  | { readonly t: 'and'; readonly items: readonly Condition[] }
  | { readonly t: 'or'; readonly items: readonly Condition[] }
  | { readonly t: 'not'; readonly item: Condition }
  /** `n of target`: `n` is `all` or a count; `target` null means `them`. */
  | { readonly t: 'of'; readonly n: number | 'all'; readonly target: string | null };

/** Longest condition text accepted. */
const MAX_CONDITION = 8192;
/** Deepest nesting of parentheses and `not`. */
const MAX_DEPTH = 64;

const TOKEN = /\s*(\(|\)|[^\s()]+)/y;

/** Parses a condition; `path` locates it in the rule for errors. */
export function parseCondition(text: string, path: readonly (string | number)[]): Condition {
  if (text.length > MAX_CONDITION) {
    throw new RuleSyntaxError(`condition longer than ${MAX_CONDITION} characters`, path);
  }
  const tokens: string[] = [];
  let pos = 0;
  for (;;) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) break;
    tokens.push(m[1] as string);
    pos = TOKEN.lastIndex;
  }
  if (text.slice(pos).trim() !== '') {
    throw new RuleSyntaxError(`cannot read the condition from '${text.slice(pos)}'`, path);
  }
  let i = 0;
  let depth = 0;
  const fail = (msg: string): never => {
    throw new RuleSyntaxError(`condition '${text}': ${msg}`, path);
  };
  const peek = (): string | undefined => tokens[i];
  const kw = (w: string): boolean => tokens[i]?.toLowerCase() === w;

  const expr = (): Condition => {
    const items = [and()];
    while (kw('or')) {
      i++;
      items.push(and());
    }
    return items.length === 1 ? (items[0] as Condition) : { t: 'or', items };
  };
  const and = (): Condition => {
    const items = [unary()];
    while (kw('and')) {
      i++;
      items.push(unary());
    }
    return items.length === 1 ? (items[0] as Condition) : { t: 'and', items };
  };
  const unary = (): Condition => {
    if (++depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`);
    try {
      const tok = peek();
      if (tok === undefined) return fail('ends where an identifier was expected');
      const low = tok.toLowerCase();
      if (low === 'not') {
        i++;
        return { t: 'not', item: unary() };
      }
      if (tok === '(') {
        i++;
        const e = expr();
        if (peek() !== ')')
          fail(`expected ')' ${peek() === undefined ? 'at the end' : `before '${peek()}'`}`);
        i++;
        return e;
      }
      if (tok === ')') fail(`unexpected ')'`);
      if (tokens[i + 1]?.toLowerCase() === 'of') {
        let n: number | 'all';
        if (low === 'all') n = 'all';
        else if (low === 'any') n = 1;
        else if (/^[1-9]\d{0,3}$/.test(tok)) n = Number(tok);
        else return fail(`'${tok} of': expected 1, any or all before 'of'`);
        i += 2;
        const target = peek();
        if (target === undefined || target === '(' || target === ')') {
          return fail(`expected 'them' or an identifier pattern after 'of'`);
        }
        i++;
        return { t: 'of', n, target: target.toLowerCase() === 'them' ? null : target };
      }
      if (['and', 'or', 'of', 'them'].includes(low)) fail(`unexpected '${tok}'`);
      i++;
      return { t: 'id', name: tok };
    } finally {
      depth--;
    }
  };

  const c = expr();
  if (i < tokens.length) fail(`unexpected '${tokens[i]}'`);
  return c;
}

/** Identifiers a `x of` target names: all but `_`-prefixed ones for `them`, else a `*` pattern. */
export function expandTarget(target: string | null, identifiers: readonly string[]): string[] {
  if (target === null) return identifiers.filter((id) => !id.startsWith('_'));
  if (!target.includes('*')) return identifiers.filter((id) => id === target);
  const re = new RegExp(
    '^' +
      target
        .split('*')
        .map((s) => s.replace(/[\\^$.+?()[\]{}|]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return identifiers.filter((id) => re.test(id));
}
