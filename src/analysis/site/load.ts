/**
 * Reads a site model: YAML in, a validated {@link SiteModel} out, or every problem at once
 * with the file, line and column it is at and what was expected there.
 *
 * The file is hostile input like any other: its size is capped, YAML aliases cannot expand
 * without bound, the structure is checked against the published JSON Schema
 * (`schemas/site-model.schema.json`, draft 2020-12, with Ajv), and references between parts
 * (conduit zones, asset ids) are checked after that.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { PlatformError } from '../../core/errors.js';
import { parseCidr, type SiteModel } from './model.js';

/** Largest site model file read. */
export const MAX_SITE_BYTES = 10 << 20;

/** The published JSON Schema of site models (found from this module up to the package root). */
export function siteSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas', 'site-model.schema.json');
    try {
      statSync(candidate);
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  return join(process.cwd(), 'schemas', 'site-model.schema.json');
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let validator: Validate | null = null;

function validate(): Validate {
  if (validator === null) {
    const schema = JSON.parse(readFileSync(siteSchemaPath(), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    // ajv-formats is CommonJS: its default export is the plugin function.
    const addFormats =
      (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
      addFormatsModule;
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validator = ajv.compile(schema) as Validate;
  }
  return validator;
}

/** One problem of a site model file. */
export interface SiteProblem {
  line: number;
  column: number;
  message: string;
}

/** A site model with problems: the message lists them all (`file:line:col: message`). */
export class SiteModelError extends PlatformError {
  constructor(
    readonly file: string,
    readonly problems: readonly SiteProblem[],
  ) {
    super(
      'ERR_CONFIG_INVALID',
      `invalid site model ${file}:\n` +
        problems.map((p) => `  ${file}:${p.line}:${p.column}: ${p.message}`).join('\n'),
    );
  }
}

function position(lc: LineCounter, offset: number): { line: number; column: number } {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The node at a JSON pointer path of the document (or its nearest existing parent). */
function nodeAt(doc: Document, path: (string | number)[]): Node | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node;
    if (n === 0) return (doc.contents as Node | null) ?? null;
  }
  return null;
}

function pointer(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): string {
  const where =
    e.instancePath === '' ? 'the document' : e.instancePath.slice(1).replace(/\//g, '.');
  switch (e.keyword) {
    case 'required':
      return `${where}: missing required property '${String(e.params.missingProperty)}'`;
    case 'additionalProperties':
      return `${where}: unknown property '${String(e.params.additionalProperty)}'`;
    case 'enum':
      return `${where}: expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where}: expected ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}

/** Parses and validates site model text (`file` names it in messages). */
export function parseSiteModel(text: string, file: string): SiteModel {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: SiteProblem[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    problems.push({ ...position(lc, err.pos[0]), message: err.message.split('\n')[0] ?? err.code });
  }
  if (problems.length > 0) throw new SiteModelError(file, problems);
  let data: unknown;
  try {
    // Aliases may not multiply the document (a "billion laughs" file).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new SiteModelError(file, [{ line: 1, column: 1, message: (err as Error).message }]);
  }
  const v = validate();
  if (!v(data)) {
    const seen = new Set<string>();
    for (const e of v.errors ?? []) {
      // anyOf/oneOf add a summary error after the branch errors: keep the branches.
      if (e.keyword === 'anyOf' && e.instancePath.endsWith('/ip')) continue;
      const path = pointer(e.instancePath);
      let node = nodeAt(doc, path);
      if (e.keyword === 'additionalProperties' && node && isMap(node)) {
        const key = node.items.find(
          (p) => isScalar(p.key) && p.key.value === e.params.additionalProperty,
        )?.key as Node | undefined;
        if (key?.range) node = key;
      }
      const offset = node?.range?.[0] ?? 0;
      const msg = describe(e);
      const k = `${offset}:${msg}`;
      if (seen.has(k)) continue;
      seen.add(k);
      problems.push({ ...position(lc, offset), message: msg });
    }
    throw new SiteModelError(file, problems);
  }
  const model = data as SiteModel;
  references(model, doc, lc, problems);
  if (problems.length > 0) throw new SiteModelError(file, problems);
  return model;
}

/** Checks what the schema cannot: unique ids, references to zones and assets, CIDRs, windows. */
function references(
  model: SiteModel,
  doc: Document,
  lc: LineCounter,
  problems: SiteProblem[],
): void {
  const at = (path: (string | number)[], message: string): void => {
    problems.push({ ...position(lc, nodeAt(doc, path)?.range?.[0] ?? 0), message });
  };
  const zones = new Set<string>();
  model.zones.forEach((z, i) => {
    if (zones.has(z.id)) at(['zones', i, 'id'], `duplicate zone id '${z.id}'`);
    zones.add(z.id);
  });
  const assets = new Set<string>();
  (model.assets ?? []).forEach((a, i) => {
    if (assets.has(a.id)) at(['assets', i, 'id'], `duplicate asset id '${a.id}'`);
    assets.add(a.id);
    if (a.zone !== undefined && !zones.has(a.zone))
      at(['assets', i, 'zone'], `unknown zone '${a.zone}'`);
  });
  model.zones.forEach((z, i) =>
    z.members.forEach((m, j) => {
      if (m.cidr !== undefined && parseCidr(m.cidr) === null)
        at(['zones', i, 'members', j, 'cidr'], `'${m.cidr}' is not an IPv4 or IPv6 network`);
      if (m.asset !== undefined && !assets.has(m.asset))
        at(['zones', i, 'members', j, 'asset'], `unknown asset '${m.asset}'`);
    }),
  );
  const conduits = new Set<string>();
  (model.conduits ?? []).forEach((c, i) => {
    if (conduits.has(c.id)) at(['conduits', i, 'id'], `duplicate conduit id '${c.id}'`);
    conduits.add(c.id);
    for (const end of ['from', 'to'] as const) {
      if (!zones.has(c[end])) at(['conduits', i, end], `unknown zone '${c[end]}'`);
    }
    c.allow.forEach((r, j) =>
      (r.from_assets ?? []).forEach((a, k) => {
        if (!assets.has(a))
          at(['conduits', i, 'allow', j, 'from_assets', k], `unknown asset '${a}'`);
      }),
    );
    (c.windows ?? []).forEach((w, j) => windowCheck(w, ['conduits', i, 'windows', j], at));
  });
  (model.remote_access ?? []).forEach((r, i) => {
    if (!zones.has(r.to_zone)) at(['remote_access', i, 'to_zone'], `unknown zone '${r.to_zone}'`);
    if (parseCidr(r.from) === null)
      at(['remote_access', i, 'from'], `'${r.from}' is not an address or network`);
    r.windows.forEach((w, j) => windowCheck(w, ['remote_access', i, 'windows', j], at));
  });
}

function windowCheck(
  w: { start?: string; end?: string; from?: string; to?: string },
  path: (string | number)[],
  at: (path: (string | number)[], message: string) => void,
): void {
  if (w.start !== undefined && w.end !== undefined && Date.parse(w.start) >= Date.parse(w.end)) {
    at(path, 'the window ends before it starts');
  }
  if (w.from !== undefined && w.to !== undefined && w.from >= w.to) {
    at(path, "'from' must be earlier than 'to'");
  }
}

/** Reads and validates a site model file. */
export function loadSiteModel(file: string): SiteModel {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new PlatformError(
      'ERR_CONFIG_INVALID',
      `cannot read site model ${file}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  if (size > MAX_SITE_BYTES) {
    throw new SiteModelError(file, [
      { line: 1, column: 1, message: `file larger than ${MAX_SITE_BYTES} bytes` },
    ]);
  }
  return parseSiteModel(readFileSync(file, 'utf8'), file);
}
