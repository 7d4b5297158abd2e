/**
 * STIX 2.1 bundles in (STIX 2.1 OS, 8 "STIX Bundle Object", 4.1 "Indicator", 5.1
 * "Relationship"), indicators out: every `stix` indicator that is not revoked and whose pattern
 * parses, with what it relates to (threat actors, intrusion sets, malware, tools, campaigns,
 * infrastructure) and its ATT&CK technique ids.
 *
 * A bundle is hostile input (DESIGN.md principle 2): its size, nesting depth and object count
 * are capped before it is parsed, each object is checked for the properties this module reads
 * (id format, timestamps, types), and anything wrong is skipped and counted, never thrown.
 * Several bundles (files, TAXII collections) merge; of the versions of one object the one with
 * the latest `modified` wins (STIX 2.1 OS 3.6 "Versioning"), and a revoked latest version
 * removes the object.
 *
 * Technique ids (only ids of the ATT&CK ICS and Enterprise matrices; others are counted as
 * `intel.techniques_unknown`), in order: the `indicates` relationships to attack-patterns (their
 * `mitre-attack`/`mitre-ics-attack` external id), the attack-patterns that the indicated
 * malware or tool `uses`, technique ids written as kill-chain phase names, then one
 * representative technique per ATT&CK tactic named in the indicator's kill-chain phases
 * ({@link TACTIC_TECHNIQUES}); with none of these, a default by observable type
 * ({@link defaultTechniques}). An intel alert's `technique_ids` is never empty.
 */
import type { Severity } from '../alerts.js';
import type { ObservationExpression } from './pattern/ast.js';
import { parsePattern } from './pattern/parse.js';
import { singleObservation } from './pattern/shape.js';
import {
  attackIds,
  defaultTechniques,
  isKnownTechnique,
  killChain,
  TACTIC_TECHNIQUES,
  TECHNIQUE_RE,
} from './attack.js';

/** Largest bundle text read (bytes). */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** Deepest JSON nesting accepted in a bundle. */
export const MAX_JSON_DEPTH = 64;
/** Most objects read from one bundle. */
export const MAX_BUNDLE_OBJECTS = 2_000_000;
/** Most technique ids and related objects kept per indicator. */
const MAX_TECHNIQUES = 10;
const MAX_RELATED = 8;
/** Longest name kept (longer ones are cut). */
const MAX_NAME = 200;
/** Pattern errors kept for reporting (the rest are counted). */
const MAX_ERRORS = 1_000;

/** One indicator, ready to compile (plain data: it crosses to worker threads). */
export interface IntelIndicator {
  /** STIX id (`indicator--…`): the alert's `rule_id`. */
  readonly id: string;
  readonly name: string;
  readonly patternText: string;
  /**
   * The parsed pattern when it needs several observations (`FOLLOWEDBY`, `REPEATS`...), for the
   * thread that decides those; null for the usual one-observation pattern, which each engine
   * parses again from {@link patternText} when it compiles. Not keeping 100,000 syntax trees
   * (and not copying them to every worker) saves most of the indicators' memory, and with it
   * garbage-collection time on the hot path.
   */
  readonly pattern: ObservationExpression | null;
  /** Validity in capture time, milliseconds since the epoch (`validUntil` may be Infinity). */
  readonly validFrom: number;
  readonly validUntil: number;
  readonly severity: Severity;
  /** Never empty. */
  readonly techniqueIds: readonly string[];
  /** Objects the indicator relates to, nearest first (`malware Emotet`, `intrusion-set TA542`). */
  readonly related: readonly {
    readonly type: string;
    readonly name: string;
    readonly id: string;
  }[];
}

/** A pattern that could not be used, for `palisade intel check` and the summary. */
export interface IntelProblem {
  readonly source: string;
  readonly id: string;
  readonly message: string;
  readonly column?: number;
}

/** Indicators of one or more bundles, with load counters (`intel.*`). */
export interface IntelData {
  readonly indicators: IntelIndicator[];
  readonly counters: Record<string, number>;
  readonly problems: IntelProblem[];
}

type Obj = Record<string, unknown>;

const ID_RE =
  /^([a-z][a-z0-9-]{1,248}[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const NO_RELATED: IntelIndicator['related'] = Object.freeze([]);

/** Object types whose names an alert cites, nearest meaning first. */
const RELATED_TYPES = [
  'malware',
  'tool',
  'threat-actor',
  'intrusion-set',
  'campaign',
  'infrastructure',
];

/** Nesting depth of JSON text (outside strings); stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inStr = false;
    } else if (c === 0x22) inStr = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Collects bundles, then builds the indicators from every object seen. */
export class BundleReader {
  private readonly objects = new Map<string, Obj>();
  /** Where each kept version came from (for problem reports). */
  private readonly sources = new Map<string, string>();
  readonly counters: Record<string, number> = {};
  readonly problems: IntelProblem[] = [];

  /** Technique lists by content: 100,000 indicators share a handful of arrays. */
  private readonly techniqueLists = new Map<string, readonly string[]>();

  private shared(list: string[]): readonly string[] {
    const key = list.join(',');
    let s = this.techniqueLists.get(key);
    if (s === undefined) this.techniqueLists.set(key, (s = Object.freeze(list.slice())));
    return s;
  }

  private count(name: string, n = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + n;
  }

  private problem(p: IntelProblem): void {
    if (this.problems.length < MAX_ERRORS) this.problems.push(p);
  }

  /**
   * Adds a bundle from its JSON text (a bundle object, or a TAXII envelope `{objects: [...]}`).
   * Returns an error message when the whole text is refused (it is then counted too).
   */
  addText(text: string, source: string): string | null {
    if (text.length > MAX_BUNDLE_BYTES)
      return this.refuse(source, `larger than ${MAX_BUNDLE_BYTES} bytes`);
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return this.refuse(source, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return this.refuse(source, `not JSON: ${(err as Error).message}`);
    }
    return this.addDocument(doc, source);
  }

  /** Adds a parsed bundle or envelope. */
  addDocument(doc: unknown, source: string): string | null {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return this.refuse(source, 'not a STIX bundle (expected an object)');
    }
    const d = doc as Obj;
    if (d.type !== undefined && d.type !== 'bundle') {
      return this.refuse(source, `not a STIX bundle (type ${JSON.stringify(d.type)})`);
    }
    const objects = d.objects ?? [];
    if (!Array.isArray(objects)) return this.refuse(source, 'objects is not a list');
    if (objects.length > MAX_BUNDLE_OBJECTS) {
      return this.refuse(source, `more than ${MAX_BUNDLE_OBJECTS} objects`);
    }
    this.count('intel.bundles');
    for (const o of objects) this.addObject(o, source);
    return null;
  }

  /** Adds one STIX object (the latest `modified` version of an id wins). */
  addObject(o: unknown, source = 'bundle'): void {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      this.count('intel.objects_invalid');
      return;
    }
    const obj = o as Obj;
    const id = obj.id;
    if (
      typeof id !== 'string' ||
      !ID_RE.test(id) ||
      typeof obj.type !== 'string' ||
      !id.startsWith(obj.type + '--')
    ) {
      this.count('intel.objects_invalid');
      return;
    }
    this.count('intel.objects');
    const cur = this.objects.get(id);
    if (cur === undefined || modified(obj) > modified(cur)) {
      this.objects.set(id, obj);
      this.sources.set(id, source);
    }
  }

  private refuse(source: string, message: string): string {
    this.count('intel.bundles_refused');
    this.problem({ source, id: '', message });
    return `${source}: ${message}`;
  }

  /** The indicators, sorted by id (deterministic), with counters and problems. */
  build(): IntelData {
    const live = new Map<string, Obj>();
    for (const [id, o] of this.objects) {
      if (o.revoked === true) this.count('intel.objects_revoked');
      else live.set(id, o);
    }
    // Relationships by source: only the three types this module follows.
    const out = new Map<string, Obj[]>();
    for (const o of live.values()) {
      if (o.type !== 'relationship') continue;
      const rt = o.relationship_type;
      if (rt !== 'indicates' && rt !== 'attributed-to' && rt !== 'uses') continue;
      const src = o.source_ref;
      const dst = o.target_ref;
      if (typeof src !== 'string' || typeof dst !== 'string' || !live.has(src) || !live.has(dst)) {
        this.count('intel.relationships_dangling');
        continue;
      }
      let list = out.get(src);
      if (list === undefined) out.set(src, (list = []));
      list.push(o);
    }
    const users = new Map<string, string[]>(); // target of `uses` → who uses it
    for (const [src, rels] of out) {
      for (const r of rels) {
        if (r.relationship_type !== 'uses') continue;
        const t = r.target_ref as string;
        let list = users.get(t);
        if (list === undefined) users.set(t, (list = []));
        list.push(src);
      }
    }
    const indicators: IntelIndicator[] = [];
    for (const o of [...live.values()].sort((a, b) =>
      (a.id as string) < (b.id as string) ? -1 : 1,
    )) {
      if (o.type !== 'indicator') continue;
      const ind = this.indicator(o, live, out, users);
      if (ind !== null) indicators.push(ind);
    }
    this.count('intel.indicators', indicators.length);
    return { indicators, counters: { ...this.counters }, problems: [...this.problems] };
  }

  private indicator(
    o: Obj,
    live: Map<string, Obj>,
    out: Map<string, Obj[]>,
    users: Map<string, string[]>,
  ): IntelIndicator | null {
    const id = o.id as string;
    const skip = (counter: string, message: string): null => {
      this.count(counter);
      this.problem({ source: this.sources.get(id) ?? '', id, message });
      return null;
    };
    if (o.spec_version !== undefined && o.spec_version !== '2.1') {
      return skip(
        'intel.indicators_invalid',
        `spec_version ${JSON.stringify(o.spec_version)} is not 2.1`,
      );
    }
    const patternType = o.pattern_type ?? 'stix';
    if (patternType !== 'stix') {
      this.count('intel.indicators_pattern_type_unsupported');
      return null;
    }
    if (typeof o.pattern !== 'string')
      return skip('intel.indicators_invalid', 'pattern is missing');
    if (typeof o.valid_from !== 'string' || !TS_RE.test(o.valid_from)) {
      return skip('intel.indicators_invalid', 'valid_from is not a STIX timestamp');
    }
    const validFrom = Date.parse(o.valid_from);
    let validUntil = Infinity;
    if (o.valid_until !== undefined) {
      if (typeof o.valid_until !== 'string' || !TS_RE.test(o.valid_until)) {
        return skip('intel.indicators_invalid', 'valid_until is not a STIX timestamp');
      }
      validUntil = Date.parse(o.valid_until);
      if (!(validUntil > validFrom))
        return skip('intel.indicators_invalid', 'valid_until is not after valid_from');
    }
    const types = Array.isArray(o.indicator_types) ? o.indicator_types : [];
    if (types.length > 0 && types.every((t) => t === 'benign')) {
      // Benign indicators describe what is known good: nothing to alert on.
      this.count('intel.indicators_benign');
      return null;
    }
    const parsed = parsePattern(o.pattern);
    if (!parsed.ok) {
      this.count('intel.indicators_pattern_invalid');
      this.problem({
        source: this.sources.get(id) ?? '',
        id,
        message: parsed.error.message,
        column: parsed.error.column,
      });
      return null;
    }
    const related: { type: string; name: string; id: string }[] = [];
    const techniques: string[] = [];
    const seen = new Set<string>();
    const addRelated = (ref: string): void => {
      const r = live.get(ref);
      if (r === undefined || seen.has(ref) || related.length >= MAX_RELATED) return;
      seen.add(ref);
      if (!RELATED_TYPES.includes(r.type as string)) return;
      related.push({ type: r.type as string, name: text(r.name) ?? ref, id: ref });
    };
    const addTechniquesOf = (ref: string): void => {
      const r = live.get(ref);
      if (r?.type !== 'attack-pattern') return;
      for (const t of attackIds(r)) {
        if (!isKnownTechnique(t)) this.count('intel.techniques_unknown');
        else if (!techniques.includes(t) && techniques.length < MAX_TECHNIQUES) techniques.push(t);
      }
    };
    const indicated = (out.get(id) ?? [])
      .filter((r) => r.relationship_type === 'indicates')
      .map((r) => r.target_ref as string);
    for (const t of indicated) addTechniquesOf(t);
    for (const t of indicated) addRelated(t);
    // One hop further: who the indicated objects are attributed to, who uses them, what they use.
    for (const t of indicated) {
      for (const r of out.get(t) ?? []) {
        if (r.relationship_type === 'attributed-to') addRelated(r.target_ref as string);
        if (r.relationship_type === 'uses') addTechniquesOf(r.target_ref as string);
      }
      for (const u of users.get(t) ?? []) addRelated(u);
    }
    for (const rel of [...related]) {
      for (const r of out.get(rel.id) ?? [])
        if (r.relationship_type === 'attributed-to') addRelated(r.target_ref as string);
    }
    if (techniques.length === 0) {
      for (const p of killChain(o)) {
        const upper = p.phase.toUpperCase();
        const t = TECHNIQUE_RE.test(upper) ? upper : TACTIC_TECHNIQUES[`${p.chain}/${p.phase}`];
        if (t === undefined) continue;
        if (!isKnownTechnique(t)) this.count('intel.techniques_unknown');
        else if (!techniques.includes(t)) techniques.push(t);
      }
    }
    if (techniques.length === 0) techniques.push(...defaultTechniques(o.pattern));
    return {
      id,
      name: text(o.name) ?? id,
      patternText: o.pattern,
      pattern: singleObservation(parsed.pattern) ? null : parsed.pattern,
      validFrom,
      validUntil,
      severity: severityOf(o),
      // Exact-size copies: a grown array keeps spare capacity, times 100,000 indicators.
      techniqueIds: this.shared(techniques),
      related: related.length === 0 ? NO_RELATED : related.slice(),
    };
  }
}

function text(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const s = v.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return s.length > MAX_NAME ? s.slice(0, MAX_NAME) + '…' : s;
}

function modified(o: Obj): number {
  const m = typeof o.modified === 'string' ? Date.parse(o.modified) : NaN;
  return Number.isNaN(m) ? 0 : m;
}

/**
 * Alert severity of an indicator: high for malicious activity, compromised hosts and
 * attribution, medium for the other indicator types (anomalous activity, anonymization,
 * unknown) and when no type is given; one step lower when `confidence` is below 50.
 */
function severityOf(o: Obj): Severity {
  const types = Array.isArray(o.indicator_types) ? (o.indicator_types as unknown[]) : [];
  let s: Severity = types.some(
    (t) => t === 'malicious-activity' || t === 'compromised' || t === 'attribution',
  )
    ? 'high'
    : 'medium';
  if (typeof o.confidence === 'number' && o.confidence < 50) s = s === 'high' ? 'medium' : 'low';
  return s;
}

/** Reads bundles from JSON texts into indicators (a convenience over {@link BundleReader}). */
export function readBundles(
  texts: readonly { text: string; source: string }[],
): IntelData & { errors: string[] } {
  const r = new BundleReader();
  const errors: string[] = [];
  for (const t of texts) {
    const e = r.addText(t.text, t.source);
    if (e !== null) errors.push(e);
  }
  return { ...r.build(), errors };
}
