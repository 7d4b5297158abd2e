/**
 * Reads rule files: YAML, one Sigma document per `---` section (detection rules, correlation
 * rules, filters), from files or directory trees. Every document is checked before any traffic
 * is read, and every problem is reported at once with its file, line and column, the rule id,
 * the JSON path and what was expected there:
 *
 * 1. YAML syntax (duplicate keys included), with aliases capped (no "billion laughs");
 * 2. the Sigma 2.1 JSON Schema of the document's kind (`schemas/sigma/`);
 * 3. Palisade's checks: `logsource.product: palisade`, a known `category` (`anomaly`, `flow`,
 *    `behaviour`, or none for protocol events), a UUIDv4 `id` unique in the set, at least one
 *    ATT&CK technique tag that exists (`attack.t0843`) with known tactic tags, references of
 *    correlations and filters that resolve, and the shape of `examples`;
 * 4. compilation: modifiers, values, regular expressions, networks and the condition.
 *
 * With `strict` (the built-in pack's bar) a rule also needs `status`, `description`, `author:
 * Palisade`, `date`, `falsepositives`, `level` and, unless it is a decoder-anomaly rule,
 * `examples`. Files are hostile input: their size and the number of documents are capped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, isMap, isScalar, parseAllDocuments, type Document, type Node } from 'yaml';
import { PlatformError } from '../../core/errors.js';
import { ATTACK_TACTICS, ATTACK_TECHNIQUES } from './attack-ids.js';
import { cachedLoad } from './cache.js';
import { compileDetection } from './compile.js';
import { RuleSyntaxError } from './errors.js';
import { parseTimespan } from './timespan.js';
import { validateExamples, validateSigma, type SchemaProblem } from './schema.js';

/** Largest rule file read. */
export const MAX_RULE_FILE_BYTES = 10 << 20;
/** Most documents loaded in one set. */
export const MAX_RULE_DOCS = 200_000;

/** What a YAML document is. */
export type RuleDocKind = 'detection' | 'correlation' | 'filter';

/** One rule document, checked, in a form that crosses threads (plain data). */
export interface LoadedDoc {
  readonly kind: RuleDocKind;
  readonly file: string;
  /** Position of the document's first key (1-based). */
  readonly line: number;
  readonly col: number;
  /** The document as plain data. */
  readonly doc: Record<string, unknown>;
}

/** A checked set of rule documents, in load order (files sorted by path). */
export interface RulePack {
  readonly docs: readonly LoadedDoc[];
}

/** One problem of a rule file. */
export interface RuleProblem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col: number;
  /** The rule's `id` (or `title` when it has none); null for file-level problems. */
  rule: string | null;
  /** Dotted path in the document (`detection.selection.modbus.function_code|gt`). */
  path: string;
  message: string;
}

/** Options of {@link loadRules}. */
export interface LoadOptions {
  /** Hold rules to the built-in pack's bar (see the module comment). */
  strict?: boolean;
  /** Decoder ids: a `service` that names none of them is reported (a warning). */
  knownServices?: ReadonlySet<string>;
  /** Answer from (and fill) the user's cache of checked packs (`cache.ts`). */
  cache?: boolean;
}

/** Rule files that cannot be used: the message lists every problem as `file:line:col`. */
export class RuleLoadError extends PlatformError {
  constructor(readonly problems: readonly RuleProblem[]) {
    super('ERR_RULE_INVALID', `invalid rules:\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** `file:line:col: error: [rule] path: message`. */
export function formatProblem(p: RuleProblem): string {
  const rule = p.rule !== null ? ` [${p.rule}]` : '';
  const path = p.path !== '' ? ` ${p.path}:` : '';
  return `${p.file}:${p.line}:${p.col}: ${p.severity}:${rule}${path} ${p.message}`;
}

/** The rule files (`*.yml`, `*.yaml`) under each path (a file or a directory tree), sorted. */
export function ruleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, top: boolean): void => {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      if (top) {
        throw new PlatformError(
          'ERR_CONFIG_INVALID',
          `cannot read rules at ${p}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.')) continue;
        visit(join(p, name), false);
      }
    } else if (top || /\.ya?ml$/i.test(p)) out.push(p);
  };
  for (const p of paths) visit(p, true);
  return out;
}

interface Parsed {
  loaded: LoadedDoc;
  /** True when the document has errors: kept for the cross checks, left out of the pack. */
  failed: boolean;
  ydoc: Document;
  lc: LineCounter;
}

/** Loads and checks every rule document under `paths`; problems are returned, not thrown. */
export function loadRules(
  paths: readonly string[],
  opts: LoadOptions = {},
): { pack: RulePack; problems: RuleProblem[] } {
  const files = ruleFiles(paths);
  if (opts.cache === true) return cachedLoad(files, opts, () => loadFiles(files, opts));
  return loadFiles(files, opts);
}

function loadFiles(
  files: readonly string[],
  opts: LoadOptions,
): { pack: RulePack; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const parsed: Parsed[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (statSync(file).size > MAX_RULE_FILE_BYTES) {
        problems.push(fileProblem(file, `file larger than ${MAX_RULE_FILE_BYTES} bytes`));
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(fileProblem(file, `cannot read: ${(err as Error).message}`));
      continue;
    }
    parseInto(text, file, opts, parsed, problems);
  }
  crossChecks(parsed, problems);
  return { pack: packOf(parsed), problems };
}

/** The documents that passed their checks. */
function packOf(parsed: readonly Parsed[]): RulePack {
  return { docs: parsed.filter((p) => !p.failed).map((p) => p.loaded) };
}

/** Loads rules and throws {@link RuleLoadError} when any has an error (warnings pass). */
export function loadRulesOrThrow(
  paths: readonly string[],
  opts: LoadOptions = {},
): {
  pack: RulePack;
  warnings: RuleProblem[];
} {
  const { pack, problems } = loadRules(paths, opts);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new RuleLoadError(errors);
  return { pack, warnings: problems };
}

/** Parses and checks rule text (`file` names it in problems): for tests and single files. */
export function parseRules(
  text: string,
  file: string,
  opts: LoadOptions = {},
): { pack: RulePack; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const parsed: Parsed[] = [];
  parseInto(text, file, opts, parsed, problems);
  crossChecks(parsed, problems);
  return { pack: packOf(parsed), problems };
}

function fileProblem(file: string, message: string): RuleProblem {
  return { severity: 'error', file, line: 1, col: 1, rule: null, path: '', message };
}

function parseInto(
  text: string,
  file: string,
  opts: LoadOptions,
  parsed: Parsed[],
  problems: RuleProblem[],
): void {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) return; // an empty file
  for (const ydoc of docs) {
    const errs = [...ydoc.errors, ...ydoc.warnings];
    if (errs.length > 0) {
      for (const e of errs) {
        const pos = lc.linePos(e.pos[0]);
        problems.push({
          severity: 'error',
          file,
          line: pos.line,
          col: pos.col,
          rule: null,
          path: '',
          message: e.message.split('\n')[0] ?? e.code,
        });
      }
      continue;
    }
    if (ydoc.contents === null) continue; // an empty document (a trailing `---`)
    if (parsed.length >= MAX_RULE_DOCS) {
      problems.push(fileProblem(file, `more than ${MAX_RULE_DOCS} rule documents`));
      return;
    }
    let data: unknown;
    try {
      data = ydoc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push(fileProblem(file, (err as Error).message));
      continue;
    }
    const start = lc.linePos((ydoc.contents as Node).range?.[0] ?? 0);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push({
        severity: 'error',
        file,
        line: start.line,
        col: start.col,
        rule: null,
        path: '',
        message: 'a rule document is a map (title, logsource, detection...)',
      });
      continue;
    }
    const doc = data as Record<string, unknown>;
    const kind: RuleDocKind =
      'correlation' in doc ? 'correlation' : 'filter' in doc ? 'filter' : 'detection';
    const at = atFn(file, ydoc, lc, doc, problems);
    const before = problems.length;
    checkDoc(kind, doc, opts, at);
    const failed = problems.slice(before).some((p) => p.severity === 'error');
    parsed.push({
      loaded: { kind, file, line: start.line, col: start.col, doc },
      failed,
      ydoc,
      lc,
    });
  }
}

type At = (
  path: readonly (string | number)[],
  message: string,
  severity?: 'error' | 'warning',
) => void;

function atFn(
  file: string,
  ydoc: Document,
  lc: LineCounter,
  doc: Record<string, unknown>,
  problems: RuleProblem[],
): At {
  const rule =
    typeof doc.id === 'string' ? doc.id : typeof doc.title === 'string' ? doc.title : null;
  return (path, message, severity = 'error') => {
    const pos = lc.linePos(offsetOf(ydoc, path));
    problems.push({
      severity,
      file,
      line: pos.line,
      col: pos.col,
      rule,
      path: path.join('.'),
      message,
    });
  };
}

/** Offset of the node at `path` (its key when it is a map entry), or of its nearest parent. */
function offsetOf(ydoc: Document, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const parent = n === 0 ? null : (ydoc.getIn(path.slice(0, n - 1), true) as Node | undefined);
    if (n > 0 && parent && isMap(parent)) {
      const key = path[n - 1];
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      const k = pair?.key as Node | undefined;
      if (k?.range) return k.range[0];
    }
    const node =
      n === 0
        ? (ydoc.contents as Node | null)
        : (ydoc.getIn(path.slice(0, n), true) as Node | undefined);
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return 0;
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const CATEGORIES = new Set(['anomaly', 'flow', 'behaviour']);
const TACTIC_NAMES = new Set(ATTACK_TACTICS.map((t) => t.shortname));
/** Other ATT&CK object tags Sigma allows: groups, software, mitigations, assets, campaigns, data sources. */
const OTHER_ATTACK = /^attack\.(g|s|m|a|c|ds)\d{4}$/;
const TECHNIQUE = /^attack\.(t\d{4}(\.\d{3})?)$/;
const CORRELATION_TYPES = new Set([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
]);
const STRICT_RULE = ['status', 'description', 'author', 'date', 'falsepositives', 'level', 'tags'];

function checkDoc(
  kind: RuleDocKind,
  doc: Record<string, unknown>,
  opts: LoadOptions,
  at: At,
): void {
  // Sigma allows a list of conditions; the published schema knows only the string form.
  let forSchema = doc;
  const det = doc.detection;
  if (
    kind === 'detection' &&
    det &&
    typeof det === 'object' &&
    Array.isArray((det as Record<string, unknown>).condition)
  ) {
    const d = det as Record<string, unknown>;
    const first = (d.condition as unknown[])[0];
    forSchema = {
      ...doc,
      detection: { ...d, condition: typeof first === 'string' ? first : d.condition },
    };
  }
  const schemaProblems = validateSigma(kind, forSchema);
  for (const p of schemaProblems) at(p.path, p.message);
  if (schemaProblems.length > 0) return;

  if (kind !== 'filter') {
    if (typeof doc.id !== 'string') at([], "missing 'id': alerts name the rule by it (a UUIDv4)");
    else if (!UUID4.test(doc.id)) at(['id'], `'${doc.id}' is not a UUIDv4`);
    checkTags(doc, at);
    if (doc.level === undefined) at([], "no 'level': alerts get severity medium", 'warning');
  } else if (doc.id !== undefined && typeof doc.id === 'string' && !UUID4.test(doc.id)) {
    at(['id'], `'${doc.id}' is not a UUIDv4`);
  }
  if (kind !== 'correlation') checkLogsource(doc, opts, at);

  if (opts.strict === true && kind !== 'filter') {
    for (const k of STRICT_RULE)
      if (doc[k] === undefined) at([], `missing '${k}' (required in the rule pack)`);
    if (doc.author !== undefined && doc.author !== 'Palisade')
      at(['author'], "expected 'Palisade'");
    const anomaly = (doc.logsource as Record<string, unknown> | undefined)?.category === 'anomaly';
    if (doc.examples === undefined && !anomaly)
      at([], "missing 'examples' (required in the rule pack)");
  }
  if (doc.examples !== undefined) {
    if (kind === 'filter') at(['examples'], 'filters carry no examples');
    else
      for (const p of validateExamples(kind, doc.examples)) at(['examples', ...p.path], p.message);
  }

  if (kind === 'detection') {
    try {
      compileDetection(doc.detection as Record<string, unknown>, ['detection']);
    } catch (err) {
      if (!(err instanceof RuleSyntaxError)) throw err;
      at(err.path, err.message);
    }
  } else if (kind === 'filter') {
    try {
      compileDetection(doc.filter as Record<string, unknown>, ['filter'], ['condition', 'rules']);
    } catch (err) {
      if (!(err instanceof RuleSyntaxError)) throw err;
      at(err.path, err.message);
    }
  } else checkCorrelation(doc, at);
}

function checkLogsource(doc: Record<string, unknown>, opts: LoadOptions, at: At): void {
  const ls = (doc.logsource ?? {}) as Record<string, unknown>;
  if (ls.product !== 'palisade')
    at(['logsource', 'product'], "expected 'palisade' (rules read Palisade's events)");
  if (ls.category !== undefined && !CATEGORIES.has(String(ls.category))) {
    at(
      ['logsource', 'category'],
      `expected anomaly, flow or behaviour (or no category for protocol events), not '${String(ls.category)}'`,
    );
  }
  if (typeof ls.service === 'string' && opts.knownServices && !opts.knownServices.has(ls.service)) {
    at(
      ['logsource', 'service'],
      `'${ls.service}' is not a decoder id: the rule matches nothing`,
      'warning',
    );
  }
}

function checkTags(doc: Record<string, unknown>, at: At): void {
  const tags = Array.isArray(doc.tags) ? (doc.tags as string[]) : [];
  const techniques: string[] = [];
  const tactics: string[] = [];
  tags.forEach((t, i) => {
    if (!t.startsWith('attack.')) return;
    const m = TECHNIQUE.exec(t);
    if (m) {
      const id = (m[1] as string).toUpperCase();
      if (ATTACK_TECHNIQUES[id] === undefined)
        at(['tags', i], `${id} is not an ATT&CK technique (ICS or Enterprise, current release)`);
      else techniques.push(id);
    } else if (TACTIC_NAMES.has(t.slice(7))) tactics.push(t.slice(7));
    else if (!OTHER_ATTACK.test(t))
      at(
        ['tags', i],
        `'${t}' is neither an ATT&CK technique, tactic, group, software nor mitigation`,
      );
  });
  if (techniques.length === 0) {
    at(
      tags.length > 0 ? ['tags'] : [],
      'needs at least one ATT&CK technique tag (attack.t0855, attack.t1021.002): alerts carry technique ids',
    );
    return;
  }
  if (tactics.length === 0) {
    at(['tags'], 'no tactic tag (attack.lateral-movement...) for its techniques', 'warning');
    return;
  }
  const ofTechniques = new Set(techniques.flatMap((id) => ATTACK_TECHNIQUES[id]?.[2] ?? []));
  for (const t of tactics) {
    if (!ofTechniques.has(t)) {
      at(
        ['tags'],
        `tactic '${t}' is not a tactic of ${techniques.join(', ')} (${[...ofTechniques].join(', ')})`,
        'warning',
      );
    }
  }
}

function checkCorrelation(doc: Record<string, unknown>, at: At): void {
  const c = doc.correlation as Record<string, unknown>;
  const type = String(c.type);
  if (!CORRELATION_TYPES.has(type)) {
    at(
      ['correlation', 'type'],
      `correlation type '${type}' is not supported (${[...CORRELATION_TYPES].join(', ')})`,
    );
    return;
  }
  if (parseTimespan(String(c.timespan)) === null) {
    at(
      ['correlation', 'timespan'],
      `expected a number and a unit (s, m, h, d), like 5m, not '${String(c.timespan)}'`,
    );
  }
  const cond = c.condition as Record<string, unknown> | undefined;
  const ops = cond ? Object.keys(cond).filter((k) => k !== 'field') : [];
  for (const op of ops) {
    if (!['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(op))
      at(['correlation', 'condition', op], `unknown comparison '${op}'`);
    else if (typeof cond?.[op] !== 'number' || !Number.isFinite(cond[op]))
      at(['correlation', 'condition', op], 'expected a number');
  }
  const counting = type === 'event_count' || type.startsWith('value_');
  if (counting && ops.length === 0)
    at(['correlation', 'condition'], `'${type}' needs a condition (gte: 10...)`);
  if (type.startsWith('value_') && typeof cond?.field !== 'string') {
    at(
      ['correlation', 'condition'],
      `'${type}' needs condition.field: the field whose values are counted or summed`,
    );
  }
  if (c.generate !== undefined && typeof c.generate !== 'boolean')
    at(['correlation', 'generate'], 'expected true or false');
  if (doc.generate !== undefined && typeof doc.generate !== 'boolean')
    at(['generate'], 'expected true or false');
  const rules = (c.rules ?? []) as unknown[];
  if (rules.length === 0) at(['correlation', 'rules'], 'names no rule');
  if (type === 'temporal' || type === 'temporal_ordered') {
    if (rules.length < 2) at(['correlation', 'rules'], `'${type}' relates two rules or more`);
  }
  const aliases = (c.aliases ?? {}) as Record<string, unknown>;
  for (const [name, map] of Object.entries(aliases)) {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) {
      at(['correlation', 'aliases', name], 'expected a map of rule name to field');
      continue;
    }
    for (const [ref, field] of Object.entries(map)) {
      if (!rules.includes(ref))
        at(['correlation', 'aliases', name, ref], `'${ref}' is not one of the correlated rules`);
      if (typeof field !== 'string')
        at(['correlation', 'aliases', name, ref], 'expected a field name');
    }
  }
}

/** Checks across documents: unique ids and names, references that resolve. */
function crossChecks(parsed: readonly Parsed[], problems: RuleProblem[]): void {
  const ids = new Map<string, Parsed>();
  const names = new Map<string, Parsed>();
  const at = (
    p: Parsed,
    path: (string | number)[],
    message: string,
    severity: 'error' | 'warning' = 'error',
  ): void => atFn(p.loaded.file, p.ydoc, p.lc, p.loaded.doc, problems)(path, message, severity);
  for (const p of parsed) {
    const { id, name } = p.loaded.doc;
    if (typeof id === 'string') {
      const prev = ids.get(id.toLowerCase());
      if (prev) at(p, ['id'], `duplicate id, also at ${prev.loaded.file}:${prev.loaded.line}`);
      else ids.set(id.toLowerCase(), p);
    }
    if (typeof name === 'string') {
      const prev = names.get(name);
      if (prev) at(p, ['name'], `duplicate name, also at ${prev.loaded.file}:${prev.loaded.line}`);
      else names.set(name, p);
    }
  }
  const find = (ref: string): Parsed | undefined => names.get(ref) ?? ids.get(ref.toLowerCase());
  for (const p of parsed) {
    if (p.failed) continue;
    const doc = p.loaded.doc;
    if (p.loaded.kind === 'correlation') {
      const refs = ((doc.correlation as Record<string, unknown>).rules ?? []) as string[];
      refs.forEach((r, i) => {
        const target = find(r);
        if (target === undefined)
          at(p, ['correlation', 'rules', i], `no rule has the id or name '${r}'`);
        else if (target.loaded.kind !== 'detection')
          at(
            p,
            ['correlation', 'rules', i],
            `'${r}' is a ${target.loaded.kind}; correlations relate detection rules`,
          );
      });
    } else if (p.loaded.kind === 'filter') {
      const refs = ((doc.filter as Record<string, unknown>).rules ?? []) as string[];
      refs.forEach((r, i) => {
        if (find(r) === undefined)
          at(p, ['filter', 'rules', i], `no loaded rule has the id or name '${r}'`, 'warning');
      });
    }
  }
}

/** Re-exported for callers that format schema problems themselves. */
export type { SchemaProblem };
