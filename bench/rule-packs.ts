/**
 * Rule packs of a given size for the rule-cost stages (`rules-0`, `rules-100`, `rules-1000`).
 * Up to {@link BASE} rules are the built-in pack's detection rules, taken in turn from each of
 * its files (so every protocol is represented), protocol and behaviour rules (rules/ot, rules/it)
 * before decoder-anomaly rules. Beyond that, variations of those same base rules with the same
 * shape and other values (another function code, another name, another port), the way a site
 * grows its own pack: 1,000 rules of which few can match any one event, and whose cost over
 * the base 100 is the engine's scaling, not other rules of the pack.
 *
 * The pack's correlations come along (their base rules record matches instead of alerting, as
 * in `analyze`); they are not counted in N. Variants keep the values of the identifiers the
 * condition negates (`not filter`), so a variant is as selective as its original, and rules
 * with nothing to vary (a bare `kind`) get no variants.
 */
import { loadRules, type LoadedDoc, type RulePack } from '../src/analysis/rules/loader.js';

/** Rule ids of the variants: deterministic UUIDv4s. */
function variantId(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `0ffffff0-0000-4000-8000-${h}`;
}

/**
 * Another value of the same type: numbers move by thousands, strings get a suffix before any
 * wildcard end. The new values are other codes and names than the pack's, so the variants add
 * rules an event must get past, not matches: the stage measures what 1,000 rules cost an event,
 * and the matches (alerts, correlation records) stay those of the base rules.
 */
function vary(v: unknown, k: number): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v + 1000 * k : v * (1 + k);
  if (typeof v === 'string') {
    if (v.endsWith('*')) return `${v.slice(0, -1)}v${k}*`;
    return `${v}.v${k}`;
  }
  if (Array.isArray(v)) return v.map((x) => vary(x, k));
  return v;
}

/** The detection block with every value varied, except the fields that place the rule (kind, proto). */
function varyDetection(det: Record<string, unknown>, k: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const cond = String(det.condition);
  const negated = (id: string): boolean =>
    [...cond.matchAll(/not\s+(?:(?:1|any|all) of\s+)?([A-Za-z0-9_*]+)/g)].some((m) =>
      new RegExp(`^${(m[1] ?? '').replace(/\*/g, '.*')}$`).test(id),
    );
  for (const [id, sel] of Object.entries(det)) {
    if (id === 'condition' || negated(id)) out[id] = sel;
    else if (Array.isArray(sel)) {
      out[id] = sel.map((m) =>
        m !== null && typeof m === 'object' ? varyMap(m as Record<string, unknown>, k) : vary(m, k),
      );
    } else if (sel !== null && typeof sel === 'object') {
      out[id] = varyMap(sel as Record<string, unknown>, k);
    } else out[id] = sel;
  }
  return out;
}

function varyMap(m: Record<string, unknown>, k: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(m)) {
    const field = key.split('|')[0] ?? '';
    const mods = key.split('|').slice(1);
    const keep =
      field === 'kind' ||
      field === 'proto' ||
      field === 'transport' ||
      mods.some((x) => ['exists', 'cidr', 're', 'fieldref'].includes(x));
    out[key] = keep ? v : vary(v, k);
  }
  return out;
}

/** Rules taken from the pack as they are; more are variations of these. */
export const BASE = 100;

/** Round-robin over the files of `docs`, keeping each file's order. */
function byFileInTurn(docs: readonly LoadedDoc[]): LoadedDoc[] {
  const files = new Map<string, LoadedDoc[]>();
  for (const d of docs) {
    const l = files.get(d.file);
    if (l) l.push(d);
    else files.set(d.file, [d]);
  }
  const lists = [...files.values()];
  const out: LoadedDoc[] = [];
  for (let i = 0; out.length < docs.length; i++) {
    for (const l of lists) if (i < l.length) out.push(l[i] as LoadedDoc);
  }
  return out;
}

/** A pack of `n` detection rules from the built-in pack at `rulesDir`. */
export function syntheticPack(rulesDir: string, n: number): RulePack {
  const { pack } = loadRules([rulesDir]);
  const detections = pack.docs.filter((d) => d.kind === 'detection');
  const anomaly = (d: LoadedDoc): boolean =>
    (d.doc.logsource as Record<string, unknown> | undefined)?.category === 'anomaly';
  const ordered = [
    ...byFileInTurn(detections.filter((d) => !anomaly(d))),
    ...byFileInTurn(detections.filter(anomaly)),
  ];
  const base = ordered.slice(0, BASE);
  const docs: LoadedDoc[] = base.slice(0, n);
  const detection = (d: LoadedDoc): Record<string, unknown> =>
    d.doc.detection as Record<string, unknown>;
  const variable = base.filter(
    (d) => JSON.stringify(varyDetection(detection(d), 1)) !== JSON.stringify(detection(d)),
  );
  for (let i = 0; docs.length < n && variable.length > 0; i++) {
    const src = variable[i % variable.length] as LoadedDoc;
    const k = 1 + Math.floor(i / variable.length);
    const doc: Record<string, unknown> = { ...src.doc };
    delete doc.name;
    delete doc.examples;
    doc.id = variantId(docs.length);
    doc.title = `${String(src.doc.title)} (variant ${k})`;
    doc.detection = varyDetection(detection(src), k);
    docs.push({ ...src, doc });
  }
  // The correlations of the rules kept (their base rules record instead of alerting).
  const ids = new Set(docs.flatMap((d) => [String(d.doc.id), String(d.doc.name ?? '')]));
  const correlations = pack.docs.filter(
    (d) =>
      d.kind === 'correlation' &&
      ((d.doc.correlation as { rules?: string[] }).rules ?? []).every((r) => ids.has(r)),
  );
  return { docs: [...docs, ...correlations] };
}
