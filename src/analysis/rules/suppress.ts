/**
 * Alert suppressions (`palisade analyze --suppress FILE`): a YAML list of entries, each naming
 * a rule id, a source network, a destination network or a combination, with the `reason` the
 * alerts are expected and the date the entry `expires`. The file is validated against
 * `schemas/suppressions.schema.json`; an expired entry is reported as a warning and ignored,
 * so a forgotten suppression cannot hide an attack for ever.
 *
 *   - rule_id: 0b7a3c5e-4d1f-4a8b-9c2d-6e5f4a3b2c1d
 *     src: 10.20.0.15/32
 *     reason: CHG-1234, vendor engineer commissioning the new line
 *     expires: 2026-12-31
 *
 * Suppression applies to the merged alerts at the end of a run (every source: rule, policy,
 * intel), and counts the occurrences it removed (`rules.suppressed`).
 */
import { readFileSync, statSync } from 'node:fs';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { PlatformError } from '../../core/errors.js';
import type { Alert } from '../alerts.js';
import { validateSuppressions } from './schema.js';

/** Largest suppression file read. */
export const MAX_SUPPRESS_BYTES = 4 << 20;

/** One entry of a suppression file. */
export interface Suppression {
  rule_id?: string;
  src?: string;
  dst?: string;
  reason: string;
  expires: string;
}

/** A suppression file with problems: every one, as `file:line:col: message`. */
export class SuppressionError extends PlatformError {
  constructor(file: string, problems: readonly string[]) {
    super(
      'ERR_CONFIG_INVALID',
      `invalid suppression file ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/** Milliseconds after which an entry has expired (a date alone lasts to the end of its day, UTC). */
export function expiryOf(expires: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(expires);
  const ms = Date.parse(dateOnly ? `${expires}T23:59:59.999Z` : expires);
  return Number.isFinite(ms) ? ms : NaN;
}

function network(text: string): { list: BlockList } | null {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  const addr = m?.[1] ?? '';
  const family = isIPv4(addr) ? 'ipv4' : isIPv6(addr) ? 'ipv6' : null;
  if (family === null) return null;
  const prefix = m?.[2] !== undefined ? Number(m[2]) : family === 'ipv4' ? 32 : 128;
  if (prefix > (family === 'ipv4' ? 32 : 128)) return null;
  const list = new BlockList();
  list.addSubnet(addr, prefix, family);
  return { list };
}

/** Parses and validates suppression text; expired entries are left out with a warning. */
export function parseSuppressions(
  text: string,
  file: string,
  now: number = Date.now(),
): { entries: Suppression[]; warnings: string[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): string => {
    const p = lc.linePos(offset);
    return `${file}:${p.line}:${p.col}`;
  };
  const errs = [...doc.errors, ...doc.warnings];
  if (errs.length > 0) {
    throw new SuppressionError(
      file,
      errs.map((e) => `${pos(e.pos[0])}: ${e.message.split('\n')[0] ?? e.code}`),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? [];
  } catch (err) {
    throw new SuppressionError(file, [`${file}:1:1: ${(err as Error).message}`]);
  }
  const at = (path: (string | number)[]): string => {
    const node = doc.getIn(path, true) as Node | undefined;
    return pos(node?.range?.[0] ?? 0);
  };
  const problems = validateSuppressions(data).map(
    (p) => `${at(p.path)}: ${p.path.join('.') || 'the file'}: ${p.message}`,
  );
  if (problems.length > 0) throw new SuppressionError(file, problems);
  const entries: Suppression[] = [];
  const warnings: string[] = [];
  (data as Suppression[]).forEach((e, i) => {
    for (const k of ['src', 'dst'] as const) {
      const v = e[k];
      if (v !== undefined && network(v) === null)
        problems.push(`${at([i, k])}: '${v}' is not an address or network`);
    }
    const exp = expiryOf(e.expires);
    if (Number.isNaN(exp)) problems.push(`${at([i, 'expires'])}: '${e.expires}' is not a date`);
    else if (exp < now)
      warnings.push(`${at([i])}: suppression expired on ${e.expires}, ignored (${e.reason})`);
    else entries.push(e);
  });
  if (problems.length > 0) throw new SuppressionError(file, problems);
  return { entries, warnings };
}

/** Reads a suppression file (see {@link parseSuppressions}). */
export function loadSuppressions(
  file: string,
  now: number = Date.now(),
): { entries: Suppression[]; warnings: string[] } {
  let text: string;
  try {
    if (statSync(file).size > MAX_SUPPRESS_BYTES) {
      throw new SuppressionError(file, [
        `${file}:1:1: file larger than ${MAX_SUPPRESS_BYTES} bytes`,
      ]);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof SuppressionError) throw err;
    throw new PlatformError(
      'ERR_CONFIG_INVALID',
      `cannot read suppression file ${file}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return parseSuppressions(text, file, now);
}

interface Compiled {
  rule: string | null;
  src: BlockList | null;
  dst: BlockList | null;
}

/** Tests alerts against suppression entries. */
export class Suppressor {
  private readonly entries: Compiled[];

  constructor(entries: readonly Suppression[]) {
    this.entries = entries.map((e) => ({
      rule: e.rule_id ?? null,
      src: e.src !== undefined ? (network(e.src)?.list ?? null) : null,
      dst: e.dst !== undefined ? (network(e.dst)?.list ?? null) : null,
    }));
  }

  /** True when an entry covers the alert (every field the entry sets matches). */
  covers(a: Pick<Alert, 'rule_id' | 'src_ip' | 'dst_ip'>): boolean {
    for (const e of this.entries) {
      if (e.rule !== null && e.rule.toLowerCase() !== a.rule_id.toLowerCase()) continue;
      if (e.src !== null && !inList(e.src, a.src_ip)) continue;
      if (e.dst !== null && !inList(e.dst, a.dst_ip)) continue;
      return true;
    }
    return false;
  }
}

function inList(list: BlockList, ip: string | null): boolean {
  if (ip === null) return false;
  if (isIPv4(ip)) return list.check(ip, 'ipv4');
  if (isIPv6(ip)) return list.check(ip, 'ipv6');
  return false;
}
