/**
 * Parsing and checking STIX 2.1 patterns (STIX 2.1 OS, section 9). The grammar is
 * `stix-pattern.peggy` (generated into `pattern-parser.ts`); this module gives the parser its
 * types, turns its exceptions into results with a column, and adds the checks a grammar cannot
 * make:
 *
 * - `START` must be before `STOP`, `WITHIN` a positive number of seconds, `REPEATS` at least 1
 *   (section 9.6) and at most {@link MAX_REPEATS} (matches are kept per leaf up to that many);
 * - `ISSUBSET`/`ISSUPERSET` take an IPv4 or IPv6 address or CIDR block (section 9.5, table
 *   "Comparison operators");
 * - `MATCHES` takes a regular expression this runtime can run safely. The specification says
 *   PCRE; JavaScript's syntax covers the common subset. Patterns are run on every observation,
 *   so a regular expression with nested quantifiers (`(a+)+`), the shape of catastrophic
 *   backtracking, or with back-references is refused, as are expressions over
 *   {@link MAX_REGEX_LENGTH} characters;
 * - patterns over {@link MAX_PATTERN_LENGTH} characters or nested deeper than
 *   {@link MAX_PATTERN_DEPTH} are refused (hostile bundles).
 *
 * A refused pattern is a value, never an exception: the indicator is skipped and counted.
 */
import type { Comparison, ComparisonExpression, Literal, ObservationExpression } from './ast.js';
import { parse as peggyParse } from './pattern-parser.js';
import { parseIpOrCidr } from '../ip.js';

/** Longest pattern text accepted. */
export const MAX_PATTERN_LENGTH = 16_384;
/** Deepest nesting of expressions accepted. */
export const MAX_PATTERN_DEPTH = 32;
/** Largest `REPEATS` count accepted (matches are kept per leaf up to this many). */
export const MAX_REPEATS = 1_000;
/** Longest `MATCHES` regular expression accepted. */
export const MAX_REGEX_LENGTH = 1_024;

/** Why a pattern was refused: a message and where (1-based line and column). */
export interface PatternError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** The result of {@link parsePattern}. */
export type ParseResult =
  | { readonly ok: true; readonly pattern: ObservationExpression }
  | { readonly ok: false; readonly error: PatternError };

interface PeggyError {
  message: string;
  location?: { start: { line: number; column: number } };
}

/**
 * Parses and checks a STIX pattern.
 *
 * @example
 * const r = parsePattern("[ipv4-addr:value = '198.51.100.7']");
 * if (!r.ok) console.log(`column ${r.error.column}: ${r.error.message}`);
 */
export function parsePattern(text: string): ParseResult {
  if (text.length > MAX_PATTERN_LENGTH) {
    return fail(`pattern longer than ${MAX_PATTERN_LENGTH} characters`, 1, 1);
  }
  let tree: ObservationExpression;
  try {
    tree = peggyParse(text, {}) as ObservationExpression;
  } catch (err) {
    const e = err as PeggyError;
    if (e.location === undefined) {
      // The parser recursed too deep: a pathological nesting, not a grammar error.
      return fail('pattern nested too deeply', 1, 1);
    }
    return fail(e.message, e.location.start.line, e.location.start.column);
  }
  const problem = checkObservation(tree, 1);
  return problem === null ? { ok: true, pattern: tree } : { ok: false, error: problem };
}

function fail(message: string, line: number, column: number): ParseResult {
  return { ok: false, error: { message, line, column } };
}

function problemAt(message: string, column: number): PatternError {
  return { message, line: 1, column };
}

function checkObservation(e: ObservationExpression, depth: number): PatternError | null {
  if (depth > MAX_PATTERN_DEPTH) return problemAt('pattern nested too deeply', 1);
  switch (e.kind) {
    case 'observation':
      return checkComparisons(e.comparison, depth + 1);
    case 'qualified': {
      const q = e.qualifier;
      if (q.kind === 'startstop' && !(Date.parse(q.start) < Date.parse(q.stop))) {
        return problemAt(`START ${q.start} is not before STOP ${q.stop}`, q.column);
      }
      if (q.kind === 'within' && !(q.seconds > 0)) {
        return problemAt('WITHIN needs a positive number of seconds', q.column);
      }
      if (q.kind === 'repeats' && !(q.times >= 1)) {
        return problemAt('REPEATS needs a count of at least 1', q.column);
      }
      if (q.kind === 'repeats' && q.times > MAX_REPEATS) {
        return problemAt(`REPEATS over ${MAX_REPEATS} is not supported`, q.column);
      }
      return checkObservation(e.expr, depth + 1);
    }
    default:
      for (const o of e.operands) {
        const p = checkObservation(o, depth + 1);
        if (p !== null) return p;
      }
      return null;
  }
}

function checkComparisons(e: ComparisonExpression, depth: number): PatternError | null {
  if (depth > MAX_PATTERN_DEPTH) return problemAt('pattern nested too deeply', 1);
  if (e.kind === 'comparison') return checkComparison(e);
  for (const o of e.operands) {
    const p = checkComparisons(o, depth + 1);
    if (p !== null) return p;
  }
  return null;
}

function checkComparison(c: Comparison): PatternError | null {
  const v = c.value as Literal | null;
  if (c.op === 'ISSUBSET' || c.op === 'ISSUPERSET') {
    const s = v !== null && v.type === 'string' ? v.value : '';
    if (parseIpOrCidr(s) === null) {
      return problemAt(`${c.op} needs an IP address or CIDR block, not '${s}'`, c.column);
    }
  }
  if (c.op === 'MATCHES' && v !== null && v.type === 'string') {
    const why = unsafeRegex(v.value);
    if (why !== null) return problemAt(`MATCHES: ${why}`, c.column);
  }
  return null;
}

/**
 * Why a regular expression is refused (null when it is accepted): too long, not valid
 * JavaScript syntax, a back-reference, or a quantified group that itself holds a quantifier or an alternation
 * (`(a+)+`, `(a|ab)*`).
 */
export function unsafeRegex(source: string): string | null {
  if (source.length > MAX_REGEX_LENGTH) {
    return `regular expression longer than ${MAX_REGEX_LENGTH} characters`;
  }
  try {
    new RegExp(source);
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  // Scan for nested quantifiers: the group stack remembers whether each open group holds one.
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupQuantified = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9k]/.test(next)) return 'back-references are not supported';
      i++;
      lastGroupQuantified = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      lastGroupQuantified = false;
    } else if (ch === '(') {
      stack.push(false);
      lastGroupQuantified = false;
    } else if (ch === ')') {
      // A group holding a quantifier or an alternation makes its enclosing group hold one.
      const inner = stack.pop() ?? false;
      if (inner && stack.length > 0) stack[stack.length - 1] = true;
      lastGroupQuantified = inner;
      continue;
    } else if (ch === '|') {
      if (stack.length > 0) stack[stack.length - 1] = true;
      lastGroupQuantified = false;
    } else if (ch === '*' || ch === '+' || ch === '{' || (ch === '?' && source[i - 1] !== '(')) {
      const unbounded = ch !== '?';
      if (lastGroupQuantified && unbounded) {
        return 'a repeated group holding a quantifier or an alternation (catastrophic backtracking) is not supported';
      }
      if (unbounded && stack.length > 0) stack[stack.length - 1] = true;
      lastGroupQuantified = false;
    } else {
      lastGroupQuantified = false;
    }
  }
  return null;
}
