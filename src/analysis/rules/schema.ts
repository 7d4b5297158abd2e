/**
 * JSON Schema validation of rule documents: the Sigma 2.1 schemas as published
 * (`schemas/sigma/`, draft 2020-12, validated with Ajv) and Palisade's own schemas for the
 * `examples` field of a rule and for suppression files (`schemas/suppressions.schema.json`).
 * Ajv's errors become one message per offending path, saying what was expected there.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** A schema violation: where (JSON path segments) and what was expected. */
export interface SchemaProblem {
  path: (string | number)[];
  message: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The package root (the folder holding `schemas/`), found from this module upwards. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      statSync(join(dir, 'schemas', 'sigma'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  return process.cwd();
}

/** The built-in rule pack shipped with the package (`rules/`). */
export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

let ajv: Ajv2020 | null = null;
const validators = new Map<string, Validate>();

function compiler(): Ajv2020 {
  if (ajv === null) {
    // The Sigma schemas use keywords Ajv's strict mode rejects (`items` on objects, bare
    // property names inside `anyOf`); they are read as published, so strict mode is off.
    ajv = new Ajv2020({ allErrors: true, strict: false });
    const addFormats =
      (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
      addFormatsModule;
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  }
  return ajv;
}

/** The validator of a schema file under `schemas/` (compiled once). */
function validator(rel: string): Validate {
  let v = validators.get(rel);
  if (v === undefined) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', rel), 'utf8')) as object;
    v = compiler().compile(schema) as Validate;
    validators.set(rel, v);
  }
  return v;
}

/** The validator of an in-code schema (compiled once, by name). */
function inline(name: string, schema: object): Validate {
  let v = validators.get(name);
  if (v === undefined) {
    v = compiler().compile(schema) as Validate;
    validators.set(name, v);
  }
  return v;
}

/** The three Sigma document kinds, by their schema file. */
export const SIGMA_SCHEMAS = {
  detection: 'sigma/sigma-detection-rule-schema.json',
  correlation: 'sigma/sigma-correlation-rules-schema.json',
  filter: 'sigma/sigma-filters-schema.json',
} as const;

/** Validates a document against a Sigma schema. */
export function validateSigma(kind: keyof typeof SIGMA_SCHEMAS, doc: unknown): SchemaProblem[] {
  const v = validator(SIGMA_SCHEMAS[kind]);
  return v(doc) ? [] : describeErrors(v.errors ?? []);
}

const EVENT = { type: 'object', minProperties: 1 };

/** The `examples` field of a detection rule: events that must and must not raise it. */
const DETECTION_EXAMPLES = {
  type: 'object',
  additionalProperties: false,
  required: ['match'],
  properties: {
    match: { type: 'array', minItems: 1, items: EVENT },
    no_match: { type: 'array', items: EVENT },
  },
};

/** The `examples` of a correlation rule: each item a sequence of events with a `ts`. */
const CORRELATION_EXAMPLES = {
  type: 'object',
  additionalProperties: false,
  required: ['match'],
  properties: {
    match: {
      type: 'array',
      minItems: 1,
      items: { type: 'array', minItems: 1, items: { ...EVENT, required: ['ts'] } },
    },
    no_match: {
      type: 'array',
      items: { type: 'array', minItems: 1, items: { ...EVENT, required: ['ts'] } },
    },
  },
};

/** Validates a rule's `examples` field. */
export function validateExamples(
  kind: 'detection' | 'correlation',
  examples: unknown,
): SchemaProblem[] {
  const v =
    kind === 'detection'
      ? inline('examples.detection', DETECTION_EXAMPLES)
      : inline('examples.correlation', CORRELATION_EXAMPLES);
  return v(examples) ? [] : describeErrors(v.errors ?? []);
}

/** Validates a suppression file's content against `schemas/suppressions.schema.json`. */
export function validateSuppressions(data: unknown): SchemaProblem[] {
  const v = validator('suppressions.schema.json');
  return v(data) ? [] : describeErrors(v.errors ?? []);
}

function pointer(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * One message per path. `oneOf` lists of constants (Sigma's `status` and `level`) become
 * "expected one of ..."; the summary errors Ajv adds after the branches of `anyOf`/`oneOf`
 * are dropped when a branch said something more precise at the same path.
 */
export function describeErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const l = byPath.get(e.instancePath);
    if (l) l.push(e);
    else byPath.set(e.instancePath, [e]);
  }
  const out: SchemaProblem[] = [];
  for (const [p, list] of byPath) {
    const path = pointer(p);
    const consts = list.filter((e) => e.keyword === 'const');
    if (consts.length > 0) {
      const allowed = consts.map((e) => JSON.stringify(e.params.allowedValue)).join(', ');
      out.push({ path, message: `expected one of ${allowed}` });
      continue;
    }
    const specific = list.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
    const seen = new Set<string>();
    for (const e of specific.length > 0 ? specific : list) {
      const msg = describe(e);
      if (seen.has(msg)) continue;
      seen.add(msg);
      out.push({ path, message: msg });
    }
  }
  return out;
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `missing required property '${String(e.params.missingProperty)}'`;
    case 'additionalProperties':
      return `unknown property '${String(e.params.additionalProperty)}'`;
    case 'enum':
      return `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `expected ${String(e.params.type)}`;
    case 'format':
      return `expected a ${String(e.params.format)}`;
    case 'pattern':
      return `expected text matching ${String(e.params.pattern)}`;
    default:
      return `${e.message ?? e.keyword}`;
  }
}
