/**
 * The benchmark's results: one row per stage, the ratios between stages, and the targets, as a
 * printed table and as the JSON written to `.tmp/bench/results.json`.
 */

/** One measured stage. */
export interface StageRow {
  /** Stage id (`raw`, `read`, `flows`, `analyze`, `tshark-fields`...). */
  id: string;
  /** What ran. */
  label: string;
  /** Which input: `full` or `slice <N> MB`. */
  input: string;
  status: 'ok' | 'na' | 'failed' | 'skipped';
  /** Why the stage did not run, or a remark on how it ran. */
  note: string;
  /** Wall time of the process doing the work, seconds. */
  seconds: number | null;
  frames: number | null;
  /** Capture bytes read (file size, pcap headers included). */
  bytes: number | null;
  packetsPerSec: number | null;
  mbitPerSec: number | null;
  peakRssMb: number | null;
  /** Stage-specific numbers reported by the stage. */
  extra: Record<string, unknown>;
}

/** A ratio between two stages. */
export interface Ratio {
  name: string;
  value: number | null;
  /** `>= x` when there is a target. */
  target: number | null;
  met: boolean | null;
}

/** A target on one measured number. */
export interface Target {
  name: string;
  value: number | null;
  unit: string;
  /** Pass when `value >= min` (or `< max`). */
  min?: number;
  max?: number;
  met: boolean | null;
}

/** Fills throughput from frames, bytes and seconds. */
export function withRates(row: StageRow): StageRow {
  if (row.status !== 'ok' || row.seconds === null || row.seconds <= 0) return row;
  return {
    ...row,
    packetsPerSec: row.frames === null ? null : row.frames / row.seconds,
    mbitPerSec: row.bytes === null ? null : (row.bytes * 8) / row.seconds / 1e6,
  };
}

function rowOf(rows: readonly StageRow[], id: string): StageRow | undefined {
  const r = rows.find((x) => x.id === id);
  return r?.status === 'ok' ? r : undefined;
}

function div(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
}

function ratio(name: string, value: number | null, target: number | null = null): Ratio {
  return { name, value, target, met: target === null || value === null ? null : value >= target };
}

/** The ratios the brief asks for, from the rows that ran. */
export function ratios(rows: readonly StageRow[]): Ratio[] {
  const r = (id: string): StageRow | undefined => rowOf(rows, id);
  const mbit = (id: string): number | null | undefined => r(id)?.mbitPerSec;
  const pps = (id: string): number | null | undefined => r(id)?.packetsPerSec;
  return [
    ratio('capture read vs raw read (Mbit/s)', div(mbit('read'), mbit('raw'))),
    ratio('decode+flows+reassembly vs raw read (Mbit/s)', div(mbit('flows'), mbit('raw'))),
    ratio('full analyze vs raw read (Mbit/s)', div(mbit('analyze'), mbit('raw'))),
    ratio(
      'full analyze vs tshark fields (packets/s)',
      div(pps('analyze'), pps('tshark-fields')),
      50,
    ),
    ratio(
      'full analyze vs tshark dissection (packets/s)',
      div(pps('analyze'), pps('tshark-dissect')),
    ),
    ratio('decode+flows+reassembly vs ndpiReader (packets/s)', div(pps('flows'), pps('ndpi'))),
    ratio('full analyze vs ndpiReader (packets/s)', div(pps('analyze'), pps('ndpi'))),
    ratio(
      'flows + protocol recognition vs ndpiReader (packets/s)',
      div(pps('classify'), pps('ndpi')),
    ),
    ratio(
      'asset inventory: pdus+assets vs pdus (time)',
      div(r('assets')?.seconds, r('pdus')?.seconds),
    ),
    ratio(
      'analyze 2 workers vs 1 (speed)',
      div(r('analyze')?.seconds, r('analyze-w2')?.seconds),
      1.8,
    ),
  ];
}

function target(
  name: string,
  value: number | null | undefined,
  unit: string,
  bound: { min?: number; max?: number },
): Target {
  const v = value ?? null;
  let met: boolean | null = null;
  if (v !== null)
    met = bound.min !== undefined ? v >= bound.min : bound.max !== undefined ? v < bound.max : null;
  return { name, value: v, unit, ...bound, met };
}

/** The performance targets, each met, not met, or n/a. */
export function targets(rows: readonly StageRow[]): Target[] {
  const r = (id: string): StageRow | undefined => rowOf(rows, id);
  const ours = ['read', 'decode', 'flows', 'analyze', 'analyze-w2'];
  const rss = ours.map((id) => r(id)?.peakRssMb).filter((v): v is number => typeof v === 'number');
  const oneM = r('flows-1m');
  // The cost of rules: extra CPU time over the same engine without rules.
  const cpu = (id: string): number | null => {
    const row = r(id);
    const v = row?.extra.cpuSeconds;
    return typeof v === 'number' ? v : (row?.seconds ?? null);
  };
  const t0 = cpu('rules-0');
  const cost = (id: string): number | null => {
    const t = cpu(id);
    return t === null || t0 === null || t0 <= 0 ? null : t / t0 - 1;
  };
  const c100 = cost('rules-100');
  const c1000 = cost('rules-1000');
  return [
    target('decode+flows+reassembly throughput', r('flows')?.mbitPerSec, 'Mbit/s', { min: 2000 }),
    target('full analyze throughput', r('analyze')?.mbitPerSec, 'Mbit/s', { min: 1000 }),
    target(
      `peak RSS of our stages (max of ${ours.join(', ')})`,
      rss.length ? Math.max(...rss) : null,
      'MB',
      { max: 400 },
    ),
    target('RSS with 1 M concurrent flows', oneM?.peakRssMb, 'MB', { max: 1024 }),
    target('cost of 100 rules (CPU time over 0 rules)', c100, 'fraction', { max: 0.15 }),
    target(
      'cost of 1,000 rules over the cost of 100',
      c100 === null || c1000 === null ? null : c1000 / Math.max(c100, 0.01),
      'times',
      { max: 2 },
    ),
  ];
}

/** Decimals a target's value is shown with: ratios and fractions need two. */
function digitsOf(t: Target): number {
  return t.unit === 'fraction' || t.unit === 'times' ? 2 : 0;
}

function fmt(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return v.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function table(
  header: readonly string[],
  body: readonly (readonly string[])[],
  right: ReadonlySet<number>,
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function metText(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'met' : 'NOT met';
}

/** The stage table, the ratios and the targets as text. */
export function formatReport(rows: readonly StageRow[]): string {
  const stageBody = rows.map((r) => [
    r.id,
    r.input,
    r.status === 'ok' ? fmt(r.seconds, 2) : r.status === 'na' ? 'n/a' : r.status,
    fmt(r.packetsPerSec, 0),
    fmt(r.mbitPerSec, 0),
    fmt(r.peakRssMb, 0),
    r.status === 'na' ? `n/a (${r.note})` : r.note,
  ]);
  const ratioBody = ratios(rows).map((x) => [
    x.name,
    x.value === null ? 'n/a' : `${fmt(x.value, 2)}x`,
    x.target === null ? '' : `>= ${x.target}x: ${metText(x.met)}`,
  ]);
  const targetBody = targets(rows).map((t) => [
    t.name,
    t.value === null ? 'n/a' : `${fmt(t.value, digitsOf(t))} ${t.unit}`,
    `${t.min !== undefined ? `>= ${t.min}` : `< ${t.max ?? ''}`} ${t.unit}`,
    metText(t.met),
  ]);
  return [
    table(
      ['stage', 'input', 'seconds', 'packets/s', 'Mbit/s', 'peak RSS MB', 'note'],
      stageBody,
      new Set([2, 3, 4, 5]),
    ),
    '',
    table(['ratio', 'value', 'target'], ratioBody, new Set([1])),
    '',
    table(['target', 'measured', 'goal', ''], targetBody, new Set([1])),
  ].join('\n');
}

/** Renders the stage table as Markdown (for docs/benchmarks.md). */
export function formatMarkdown(rows: readonly StageRow[]): string {
  const out = [
    '| stage | input | seconds | packets/s | Mbit/s | peak RSS MB | note |',
    '|---|---|--:|--:|--:|--:|---|',
  ];
  for (const r of rows) {
    const secs = r.status === 'ok' ? fmt(r.seconds, 2) : r.status === 'na' ? 'n/a' : r.status;
    const note = r.status === 'na' ? `n/a (${r.note})` : r.note;
    out.push(
      `| ${r.id} | ${r.input} | ${secs} | ${fmt(r.packetsPerSec, 0)} | ${fmt(r.mbitPerSec, 0)} | ${fmt(r.peakRssMb, 0)} | ${note} |`,
    );
  }
  out.push('', '| ratio | value | target |', '|---|--:|---|');
  for (const x of ratios(rows)) {
    out.push(
      `| ${x.name} | ${x.value === null ? 'n/a' : `${fmt(x.value, 2)}x`} | ${x.target === null ? '' : `>= ${x.target}x: ${metText(x.met)}`} |`,
    );
  }
  out.push('', '| target | measured | goal | |', '|---|--:|---|---|');
  for (const t of targets(rows)) {
    const goal = `${t.min !== undefined ? `>= ${t.min}` : `< ${t.max ?? ''}`} ${t.unit}`;
    out.push(
      `| ${t.name} | ${t.value === null ? 'n/a' : `${fmt(t.value, digitsOf(t))} ${t.unit}`} | ${goal} | ${metText(t.met)} |`,
    );
  }
  return out.join('\n');
}
