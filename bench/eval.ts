/**
 * `npm run eval`: the detection evaluation. Analyses every labelled capture of the shared set
 * (labels.ts) in this process, one capture at a time, with the built-in rule pack and no site
 * model (what `palisade analyze CAPTURE` does out of the box), and scores the alerts against the
 * labels (eval-score.ts): per dataset, the attack instances alerted with an expected technique,
 * the missed ones, the false alerts and the hours of benign traffic. docs/detection.md
 * ("Evaluation") describes the method and shows the results.
 *
 * Options: `--json FILE` (the full results, every instance and false alert by rule),
 * `--markdown` (also print the tables as Markdown), `--only id,id` (datasets), `--keep DIR`
 * (keep each analysis output in DIR/<dataset>/<n>-<capture>/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCapture } from '../src/capture/index.js';
import type { CaptureSource } from '../src/capture/source.js';
import { analyze } from '../src/pipeline/analyze.js';
import { loadRulesOrThrow, type RulePack } from '../src/analysis/rules/loader.js';
import { builtinRulesDir } from '../src/analysis/rules/schema.js';
import {
  byRecording,
  OPERATIONAL_MIN_BENIGN_S,
  OPERATIONAL_MIN_FRAMES,
  scoreDataset,
  totalScore,
  WINDOW_SLACK_AFTER_S,
  WINDOW_SLACK_BEFORE_S,
  type CaptureRun,
  type Dataset,
  type DatasetScore,
  type RecordingScore,
  type ScoredAlert,
} from './eval-score.js';
import { loadDatasets, MERGE_GAP_S } from './labels.js';
import { TECHNIQUE_TABLE } from './labels-techniques.js';
import { repoRoot, sharedPcapsDir } from './paths.js';

/** What `--json` writes. */
export interface EvalReport {
  /** The command that wrote it. */
  generator: string;
  generated: string;
  commit: string | null;
  method: {
    window_slack_before_s: number;
    window_slack_after_s: number;
    merge_gap_s: number;
    operational_min_benign_s: number;
    operational_min_frames: number;
  };
  elapsed_s: number;
  datasets: DatasetScore[];
  total: DatasetScore;
  /** False alerts and benign time of all datasets by kind of recording. */
  recordings: RecordingScore[];
}

/** The built-in rule pack, as `palisade analyze` loads it by default. */
export function builtinRules(): RulePack {
  return loadRulesOrThrow([builtinRulesDir()]).pack;
}

/** Analyses one capture into `outDir`; returns its alerts and its frame times. */
export async function runCapture(
  capture: string,
  outDir: string,
  rules: RulePack,
): Promise<CaptureRun> {
  let times = new Float64Array(1024);
  let n = 0;
  // The capture is read once: its frame times are taken on the way into the engine.
  const open = (name: string): CaptureSource => {
    const inner = openCapture(name);
    return {
      name: inner.name,
      sizeHint: inner.sizeHint,
      read: (onFrame, opts) =>
        inner.read((f) => {
          if (f.frame > times.length) {
            const grown = new Float64Array(Math.max(times.length * 2, f.frame));
            grown.set(times);
            times = grown;
          }
          times[f.frame - 1] = f.tsSec + f.tsNs / 1e9;
          if (f.frame > n) n = f.frame;
          onFrame(f);
        }, opts),
    };
  };
  await analyze({ captures: [capture], outDir, open, engine: { rules } });
  const alerts = readFileSync(path.join(outDir, 'alerts.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ScoredAlert);
  return { capture, times: times.subarray(0, n), alerts };
}

/** Runs and scores one dataset. */
export async function evaluateDataset(
  ds: Dataset,
  work: string,
  rules: RulePack,
): Promise<DatasetScore> {
  const runs: CaptureRun[] = [];
  for (const [i, capture] of ds.captures.entries()) {
    const out = path.join(work, ds.id, `${i + 1}-${path.basename(capture)}`);
    mkdirSync(out, { recursive: true });
    runs.push(await runCapture(capture, out, rules));
  }
  return scoreDataset(ds, runs);
}

const hours = (s: number): string => (s / 3600).toFixed(2);
const rate = (r: number | null): string => (r === null ? 'n/a' : r.toFixed(2));

const COLUMNS = [
  'dataset',
  'captures',
  'instances',
  'detected',
  'missed',
  'n/o',
  'alerts',
  'false alerts',
  'benign h',
  'false/benign h',
] as const;

function row(s: DatasetScore): string[] {
  return [
    s.id,
    String(s.captures),
    String(s.instances),
    String(s.detected),
    String(s.missed),
    String(s.unobservable),
    String(s.alerts),
    String(s.falseAlerts),
    hours(s.benignSeconds),
    rate(s.falsePerBenignHour),
  ];
}

/** The results as text: the table, the missed instances, the false alerts by rule. */
export function formatReport(r: EvalReport): string {
  const rows = [...r.datasets.map(row), row(r.total)];
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((x) => (x[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  const out = [line(COLUMNS), line(widths.map((w) => '-'.repeat(w)))];
  for (const x of rows.slice(0, -1)) out.push(line(x));
  out.push(line(widths.map((w) => '-'.repeat(w))), line(rows[rows.length - 1] ?? []), '');
  out.push(
    `false alerts by kind of recording (operational: >= ${OPERATIONAL_MIN_BENIGN_S / 60} min of benign time and >= ${OPERATIONAL_MIN_FRAMES} frames):`,
  );
  for (const x of recordingRows(r.recordings)) out.push('  ' + x.join('  '));
  out.push('');
  const missed = r.total.results.filter((x) => !x.detected && x.unobservable === null);
  out.push(`missed instances (${missed.length}):`);
  for (const m of missed) {
    const why =
      m.otherAlerts.length > 0
        ? `alerted without an expected technique: ${m.otherAlerts.join('; ')}`
        : 'no alert';
    out.push(`  ${m.id} (${m.attack}; expected ${m.expected.join(',')}): ${why}`);
  }
  const hidden = r.total.results.filter((x) => x.unobservable !== null);
  out.push('', `not observable in the captures (n/o, not counted: ${hidden.length}):`);
  for (const h of hidden) out.push(`  ${h.id}: ${h.unobservable ?? ''}`);
  const fa = Object.entries(r.total.falseByRule).sort((a, b) => b[1] - a[1]);
  const sev = ['critical', 'high', 'medium', 'low', 'unknown']
    .filter((k) => r.total.falseBySeverity[k] !== undefined)
    .map((k) => `${k} ${r.total.falseBySeverity[k]}`)
    .join(', ');
  out.push('', `false alerts by rule (${r.total.falseAlerts}${sev ? `: ${sev}` : ''}):`);
  for (const [k, v] of fa) out.push(`  ${String(v).padStart(5)}  ${k}`);
  return out.join('\n') + '\n';
}

const RECORDING_COLUMNS = [
  'recording',
  'captures',
  'benign h',
  'false alerts',
  'false/benign h',
  'captures with false alerts',
] as const;

function recordingRows(list: readonly RecordingScore[]): string[][] {
  const rows = [
    [...RECORDING_COLUMNS],
    ...list.map((x) => [
      x.kind,
      String(x.captures),
      hours(x.benignSeconds),
      String(x.falseAlerts),
      rate(x.falsePerBenignHour),
      String(x.capturesWithFalseAlerts),
    ]),
  ];
  const widths = RECORDING_COLUMNS.map((_, i) => Math.max(...rows.map((x) => (x[i] ?? '').length)));
  return rows.map((x) =>
    x.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))),
  );
}

/** The dataset table and the table by kind of recording as Markdown (for docs/detection.md). */
export function formatMarkdown(r: EvalReport): string {
  const rows = [
    ...r.datasets.map(row),
    row(r.total).map((c, i) => (i === 0 ? '**total**' : `**${c}**`)),
  ];
  const rec = recordingRows(r.recordings).slice(1);
  return (
    `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|\n` +
    rows.map((x) => `| ${x.join(' | ')} |`).join('\n') +
    '\n\n' +
    `| ${RECORDING_COLUMNS.join(' | ')} |\n|${RECORDING_COLUMNS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|\n` +
    rec.map((x) => `| ${x.map((c) => c.trim()).join(' | ')} |`).join('\n') +
    '\n'
  );
}

/** The expected-technique table as Markdown (for docs/detection.md). */
export function formatTechniquesMarkdown(): string {
  const esc = (t: string): string => t.replace(/\|/g, '\\|');
  return (
    '| attack (label or file name) | accepted techniques | why |\n| --- | --- | --- |\n' +
    TECHNIQUE_TABLE.map(
      (e) => `| \`${esc(e.match.source)}\` | ${e.ids.join(', ')} | ${esc(e.reason)} |`,
    ).join('\n') +
    '\n'
  );
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

interface Args {
  json: string | null;
  markdown: boolean;
  only: string[] | null;
  keep: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { json: null, markdown: false, only: null, keep: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--json') a.json = v();
    else if (k === '--markdown') a.markdown = true;
    else if (k === '--only') a.only = v().split(',');
    else if (k === '--keep') a.keep = v();
    else throw new Error(`unknown option ${k} (--json FILE, --markdown, --only ids, --keep DIR)`);
  }
  return a;
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const pcaps = sharedPcapsDir();
  if (!existsSync(path.join(pcaps, 'MANIFEST.tsv'))) {
    process.stderr.write(`eval: the shared captures are missing (${pcaps})\n`);
    return 2;
  }
  const started = Date.now();
  let datasets = await loadDatasets(pcaps);
  if (args.only) {
    const unknown = args.only.filter((id) => !datasets.some((d) => d.id === id));
    if (unknown.length > 0) throw new Error(`unknown dataset ${unknown.join(', ')}`);
    datasets = datasets.filter((d) => args.only?.includes(d.id));
  }
  const rules = builtinRules();
  const work = args.keep ?? mkdtempSync(path.join(os.tmpdir(), 'palisade-eval-'));
  const scores: DatasetScore[] = [];
  try {
    for (const ds of datasets) {
      const t0 = Date.now();
      const s = await evaluateDataset(ds, work, rules);
      scores.push(s);
      process.stderr.write(
        `eval: ${ds.id}: ${s.captures} captures, ${s.detected}/${s.instances} detected, ${s.falseAlerts} false alerts (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
    }
  } finally {
    if (args.keep === null) rmSync(work, { recursive: true, force: true });
  }
  // Capture paths relative to the shared captures, so the results read the same on any machine.
  for (const s of scores)
    for (const c of s.captureScores) c.capture = path.relative(pcaps, c.capture);
  const report: EvalReport = {
    generator: 'npm run eval -- --json FILE (bench/eval.ts)',
    generated: new Date().toISOString(),
    commit: commit(),
    method: {
      window_slack_before_s: WINDOW_SLACK_BEFORE_S,
      window_slack_after_s: WINDOW_SLACK_AFTER_S,
      merge_gap_s: MERGE_GAP_S,
      operational_min_benign_s: OPERATIONAL_MIN_BENIGN_S,
      operational_min_frames: OPERATIONAL_MIN_FRAMES,
    },
    elapsed_s: Math.round((Date.now() - started) / 100) / 10,
    datasets: scores,
    total: totalScore(scores),
    recordings: byRecording(scores.flatMap((x) => x.captureScores)),
  };
  process.stdout.write(formatReport(report));
  if (args.markdown) {
    process.stdout.write('\n' + formatMarkdown(report) + '\n' + formatTechniquesMarkdown());
  }
  if (args.json !== null) writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `eval: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
