/**
 * Field-by-field agreement of Palisade's events with tshark, beyond the function codes that
 * ../shared/tools/tshark-agree.mjs compares: for each field of a protocol's spec
 * (`scripts/field-agree/<proto>.ts`), the frames where either side has a value, and those where
 * both sides give the same values (as multisets: a frame may carry several PDUs).
 *
 * usage: node dist/scripts/field-agree.js [--json] [--diffs N] PROTO CAPTURE...
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../src/pipeline/analyze.js';
import { SPECS } from './field-agree/index.js';
import { normValue, type EventLine, type FieldSpec, type ProtoSpec } from './field-agree/spec.js';

/** Agreement of one field. */
export interface FieldResult {
  field: string;
  /** Frames where either side has a value. */
  frames: number;
  agree: number;
  /** A few disagreements: `capture frame N: tshark [..] ours [..]`. */
  diffs: string[];
}

type Values = Map<number, string[]>;

function add(m: Values, frame: number, v: string | undefined): void {
  if (v === undefined) return;
  const a = m.get(frame);
  if (a) a.push(v);
  else m.set(frame, [v]);
}

function flatten(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.flat(Infinity) : [v];
}

/** tshark's values per field, per frame. */
function tsharkValues(spec: ProtoSpec, capture: string): Values[] {
  const names = spec.fields.flatMap((f) =>
    typeof f.tshark === 'string' ? [f.tshark] : [...f.tshark],
  );
  const args = ['-n', '-r', capture, ...(spec.tsharkArgs ?? []), '-Y', spec.filter, '-T', 'fields'];
  args.push('-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number');
  for (const n of names) args.push('-e', n);
  const out = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
  const byName = new Map<string, Values>(names.map((n) => [n, new Map()]));
  for (const line of out.split('\n')) {
    if (!line) continue;
    const cols = line.split('\t');
    const frame = Number(cols[0]);
    names.forEach((n, i) => {
      const cell = cols[i + 1] ?? '';
      if (cell === '') return;
      for (const v of cell.split('|')) add(byName.get(n) as Values, frame, v);
    });
  }
  return spec.fields.map((f) => {
    const merged: Values = new Map();
    const norm = f.norm ?? normValue;
    for (const n of typeof f.tshark === 'string' ? [f.tshark] : f.tshark) {
      for (const [frame, vs] of byName.get(n) as Values)
        for (const v of vs) add(merged, frame, norm(v));
    }
    return merged;
  });
}

function ourValues(f: FieldSpec, events: readonly EventLine[]): Values {
  const m: Values = new Map();
  const norm = f.norm ?? normValue;
  for (const e of events) for (const v of flatten(f.ours(e))) add(m, e.frame, norm(String(v)));
  return m;
}

/** Compares one capture; returns one result per field. */
export async function compareFields(
  spec: ProtoSpec,
  capture: string,
  maxDiffs = 5,
): Promise<FieldResult[]> {
  const out = mkdtempSync(path.join(tmpdir(), 'palisade-fields-'));
  try {
    const engine = spec.checksums ? { engine: { flows: { checksums: spec.checksums } } } : {};
    await analyze({ captures: [capture], outDir: out, ...engine });
    const events = readFileSync(path.join(out, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as EventLine)
      .filter((e) => e.proto === spec.proto && e.kind !== 'anomaly');
    const theirs = tsharkValues(spec, capture);
    return spec.fields.map((f, i) => {
      const t = theirs[i] as Values;
      const o = ourValues(f, events);
      const frames = new Set([...t.keys(), ...o.keys()]);
      let agree = 0;
      const diffs: string[] = [];
      const key = (a: string[] | undefined): string => (a ?? []).slice().sort().join(',');
      for (const fr of [...frames].sort((a, b) => a - b)) {
        if (key(t.get(fr)) === key(o.get(fr))) agree++;
        else if (diffs.length < maxDiffs) {
          diffs.push(
            `${path.basename(capture)} frame ${fr}: tshark [${key(t.get(fr))}] ours [${key(o.get(fr))}]`,
          );
        }
      }
      return { field: f.name, frames: frames.size, agree, diffs };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Compares many captures and adds the results up per field. */
export async function compareAll(
  proto: string,
  captures: readonly string[],
  maxDiffs = 5,
): Promise<FieldResult[]> {
  const spec = SPECS[proto];
  if (!spec) throw new Error(`no field spec for ${proto} (have: ${Object.keys(SPECS).join(', ')})`);
  const total = new Map<string, FieldResult>();
  for (const c of captures) {
    for (const r of await compareFields(spec, c, maxDiffs)) {
      const acc = total.get(r.field) ?? { field: r.field, frames: 0, agree: 0, diffs: [] };
      acc.frames += r.frames;
      acc.agree += r.agree;
      for (const d of r.diffs) if (acc.diffs.length < maxDiffs * 4) acc.diffs.push(d);
      total.set(r.field, acc);
    }
  }
  return [...total.values()];
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const di = argv.indexOf('--diffs');
  const maxDiffs = di >= 0 ? Number(argv[di + 1]) : 5;
  const rest = argv.filter((a, i) => a !== '--json' && a !== '--diffs' && (di < 0 || i !== di + 1));
  const [proto, ...captures] = rest;
  if (!proto || captures.length === 0) {
    process.stderr.write(
      `usage: field-agree.js [--json] [--diffs N] PROTO CAPTURE...  (PROTO: ${Object.keys(SPECS).join(' ')})\n`,
    );
    process.exitCode = 2;
    return;
  }
  const results = await compareAll(proto, captures, maxDiffs);
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 1) + '\n');
    return;
  }
  for (const r of results) {
    const pct = r.frames ? ((100 * r.agree) / r.frames).toFixed(2) : '-';
    process.stdout.write(`${proto} ${r.field}: ${r.agree}/${r.frames} frames agree (${pct}%)\n`);
    for (const d of r.diffs) process.stdout.write(`    ${d}\n`);
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]).endsWith(path.join('scripts', 'field-agree.js'))
) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
