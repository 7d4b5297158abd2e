/**
 * Sigma string values as compiled tests: wildcards `*` (any run of characters) and `?` (one
 * character), `\` escaping them (Sigma specification 2.1, "Wildcards" and "Escaping": `\*`,
 * `\?` and `\\` are literal; a backslash before any other character is itself literal), and
 * the match modes the modifiers `contains`, `startswith` and `endswith` select.
 *
 * Matching is case-insensitive unless the rule says `cased` (Sigma's default). A value without
 * wildcards compiles to a plain comparison that folds ASCII letters as it compares, so a test
 * of an event string allocates nothing; other values compile to one anchored RegExp.
 */

/** How a value is anchored in the tested string. */
export type MatchMode = 'exact' | 'contains' | 'startswith' | 'endswith';

/** A compiled test of one string. */
export type StringTest = (s: string) => boolean;

/** One piece of a parsed Sigma value: literal text, `*` or `?`. */
type Piece = { lit: string } | { wild: '*' | '?' };

/** Splits a Sigma value into literal text and wildcards, resolving escapes. */
export function parseWildcards(value: string): Piece[] {
  const out: Piece[] = [];
  let lit = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\') {
      const n = value[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        lit += n;
        i++;
      } else lit += c;
    } else if (c === '*' || c === '?') {
      if (lit !== '') out.push({ lit });
      lit = '';
      out.push({ wild: c });
    } else lit += c;
  }
  if (lit !== '') out.push({ lit });
  return out;
}

/** The value with its escapes resolved, when it has no wildcard; null otherwise. */
export function plainValue(value: string): string | null {
  const pieces = parseWildcards(value);
  if (pieces.some((p) => 'wild' in p)) return null;
  return pieces.map((p) => ('lit' in p ? p.lit : '')).join('');
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `s[at..]` starts with `p` (lower-case ASCII), folding ASCII upper-case letters of `s`. */
function foldAt(s: string, at: number, p: string): boolean {
  for (let j = 0; j < p.length; j++) {
    let c = s.charCodeAt(at + j);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== p.charCodeAt(j)) return false;
  }
  return true;
}

/** Compiles literal text (no wildcards) under a mode. */
export function literalTest(text: string, mode: MatchMode, cased: boolean): StringTest {
  if (cased) {
    switch (mode) {
      case 'exact':
        return (s) => s === text;
      case 'contains':
        return (s) => s.includes(text);
      case 'startswith':
        return (s) => s.startsWith(text);
      case 'endswith':
        return (s) => s.endsWith(text);
    }
  }
  const p = text.toLowerCase();
  if (!isAscii(p)) {
    // Unicode case folding can change lengths: let the engine's lower-casing decide.
    switch (mode) {
      case 'exact':
        return (s) => s.toLowerCase() === p;
      case 'contains':
        return (s) => s.toLowerCase().includes(p);
      case 'startswith':
        return (s) => s.toLowerCase().startsWith(p);
      case 'endswith':
        return (s) => s.toLowerCase().endsWith(p);
    }
  }
  const n = p.length;
  switch (mode) {
    case 'exact':
      return (s) => s.length === n && foldAt(s, 0, p);
    case 'startswith':
      return (s) => s.length >= n && foldAt(s, 0, p);
    case 'endswith':
      return (s) => s.length >= n && foldAt(s, s.length - n, p);
    case 'contains':
      return (s) => {
        for (let i = 0; i + n <= s.length; i++) if (foldAt(s, i, p)) return true;
        return false;
      };
  }
}

function escapeRe(s: string): string {
  // The syntax characters of ECMAScript patterns: the only identity escapes the `u` flag allows.
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Compiles a Sigma value (with wildcards and escapes) under a mode: `contains` means the value
 * may appear anywhere, as if it were `*value*`.
 */
export function compilePattern(value: string, mode: MatchMode, cased: boolean): StringTest {
  const pieces = parseWildcards(value);
  if (!pieces.some((p) => 'wild' in p)) {
    return literalTest(pieces.map((p) => ('lit' in p ? p.lit : '')).join(''), mode, cased);
  }
  let src = pieces
    .map((p) => ('lit' in p ? escapeRe(p.lit) : p.wild === '*' ? '[\\s\\S]*' : '[\\s\\S]'))
    .join('');
  if (mode === 'exact' || mode === 'startswith') src = '^' + src;
  if (mode === 'exact' || mode === 'endswith') src += '$';
  const re = new RegExp(src, cased ? 'u' : 'iu');
  return (s) => re.test(s);
}
