/**
 * `npm run bench`: measures Palisade's hot path against the raw read speed of the same file,
 * against tshark and against ndpiReader, on one deterministic mixed IT+OT capture
 * (build-capture.ts), and prints a table of wall time, packets/s, Mbit/s and peak RSS per stage,
 * the ratios between stages and the targets. Results also go to `.tmp/bench/results.json`.
 *
 * Every stage runs in its own child process (our stages through stage.ts, the full analyze
 * through the CLI), after the page cache was warmed. Building the capture and cutting the
 * slices happen before any timing. Stages whose code is not built print "n/a (not built)".
 *
 * Options: --size BYTES (capture size, default 1.1 GB), --only a,b (stage ids),
 * --skip-tshark, --tshark-rounds N (default 3), --fields-rounds N (default 1): how many rounds of
 * the capture the slower tshark stages read, --repeat N (keep the fastest of N
 * runs of each stage), --markdown (also print the tables as Markdown).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchCapture, DEFAULT_SIZE, type BenchCapture } from './build-capture.js';
import { hasGnuTime, killRunning, measure, which, type Measured } from './measure.js';
import { benchCacheDir, repoRoot } from './paths.js';
import {
  formatMarkdown,
  formatReport,
  ratios,
  targets,
  withRates,
  type StageRow,
} from './report.js';
import { SPECS } from '../scripts/field-agree/index.js';
import { slicePcap, type PcapSlice } from './slice.js';
import type { StageReport } from './stage.js';

/** Stage ids in the order they run. */
export const STAGES = [
  'raw',
  'read',
  'decode',
  'flows',
  'classify',
  'pdus',
  'assets',
  'rules-0',
  'rules-100',
  'rules-1000',
  'analyze',
  'analyze-w2',
  'tshark',
  'tshark-dissect',
  'tshark-fields',
  'ndpi',
  'flows-1m',
  'decoders',
] as const;
type StageId = (typeof STAGES)[number];

/**
 * The fields our events carry, as tshark names them: the envelope and the fields
 * ../shared/tools/tshark-agree.mjs reads (the ground-truth dumps' set), then every deeper field
 * the field-agreement specs map (`scripts/field-agree/`), so tshark extracts what we emit.
 */
const BASE_FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'ip.src',
  'ip.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'modbus.func_code',
  'dnp3.al.func',
  's7comm.param.func',
  'enip.command',
  'cip.sc',
  'iec60870_asdu.typeid',
  'bacapp.type',
  'mqtt.msgtype',
  'opcua.transport.type',
  'dns.qry.name',
  'http.request.method',
  'tls.handshake.extensions_server_name',
];
const TSHARK_FIELDS = [
  ...new Set([
    ...BASE_FIELDS,
    ...Object.values(SPECS).flatMap((p) => p.fields.flatMap((f) => [f.tshark].flat())),
  ]),
];

const STAGE_TIMEOUT_S = 300;

interface Options {
  size: number;
  only: Set<StageId> | null;
  skipTshark: boolean;
  tsharkRounds: number;
  fieldsRounds: number;
  markdown: boolean;
  repeat: number;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    size: DEFAULT_SIZE,
    only: null,
    skipTshark: false,
    tsharkRounds: 3,
    fieldsRounds: 1,
    markdown: false,
    repeat: 1,
  };
  const num = (v: string | undefined, flag: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--size') o.size = num(argv[++i], a);
    else if (a === '--tshark-rounds') o.tsharkRounds = num(argv[++i], a);
    else if (a === '--fields-rounds') o.fieldsRounds = num(argv[++i], a);
    else if (a === '--repeat') o.repeat = num(argv[++i], a);
    else if (a === '--skip-tshark') o.skipTshark = true;
    else if (a === '--markdown') o.markdown = true;
    else if (a === '--only') {
      const ids = (argv[++i] ?? '').split(',').filter((s) => s !== '');
      for (const id of ids) {
        if (!(STAGES as readonly string[]).includes(id))
          throw new Error(`unknown stage ${id} (${STAGES.join(', ')})`);
      }
      o.only = new Set(ids as StageId[]);
    } else {
      throw new Error(`unknown argument ${a ?? ''}`);
    }
  }
  return o;
}

function mb(n: number): string {
  return `${Math.round(n / 1e6)} MB`;
}

function emptyRow(id: string, label: string, input: string): StageRow {
  return {
    id,
    label,
    input,
    status: 'ok',
    note: '',
    seconds: null,
    frames: null,
    bytes: null,
    packetsPerSec: null,
    mbitPerSec: null,
    peakRssMb: null,
    extra: {},
  };
}

function na(row: StageRow, note: string): StageRow {
  return { ...row, status: 'na', note };
}

function fromMeasured(row: StageRow, m: Measured, frames: number, bytes: number): StageRow {
  if (m.timedOut) {
    return {
      ...row,
      status: 'failed',
      note: `timed out after ${STAGE_TIMEOUT_S} s`,
      seconds: m.seconds,
    };
  }
  if (m.code !== 0) {
    const why = m.stderr.trim().split('\n').slice(-3).join(' | ');
    return {
      ...row,
      status: 'failed',
      note: `exit ${String(m.code)}: ${why}`.slice(0, 300),
      seconds: m.seconds,
    };
  }
  return withRates({
    ...row,
    seconds: m.seconds,
    frames,
    bytes,
    peakRssMb: m.peakRssKb === null ? null : m.peakRssKb / 1024,
  });
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = repoRoot();
const stageJs = path.join(here, 'stage.js');
const cliJs = path.join(root, 'bin', 'palisade.js');
const cliMain = path.join(root, 'dist', 'src', 'cli', 'main.js');

async function ourStage(
  id:
    | 'read'
    | 'decode'
    | 'flows'
    | 'classify'
    | 'pdus'
    | 'assets'
    | 'rules-0'
    | 'rules-100'
    | 'rules-1000'
    | 'flows-1m',
  label: string,
  cap: BenchCapture | null,
): Promise<StageRow> {
  const row = emptyRow(id, label, cap === null ? 'synthetic 1 M SYN' : 'full');
  const args = ['--expose-gc', stageJs, id, ...(cap === null ? [] : [cap.path])];
  const m = await measure(process.execPath, args, {
    captureStdout: true,
    timeoutSeconds: STAGE_TIMEOUT_S,
  });
  let rep: StageReport | null = null;
  try {
    rep = JSON.parse(m.stdout.trim().split('\n').pop() ?? '') as StageReport;
  } catch {
    rep = null;
  }
  if (m.code === 0 && rep?.status === 'na') return na(row, rep.note ?? 'not built');
  if (m.code !== 0 || rep === null) {
    return fromMeasured(row, { ...m, code: m.code === 0 ? -1 : m.code }, 0, 0);
  }
  const out = fromMeasured(row, m, rep.frames, cap === null ? rep.bytes : cap.bytes);
  // Prefer the kernel's number; fall back to what the stage saw itself.
  if (out.peakRssMb === null) out.peakRssMb = rep.maxRssKb / 1024;
  if (cap !== null && rep.frames !== cap.frames) {
    out.note = `read ${rep.frames} of ${cap.frames} frames`;
  }
  return { ...out, extra: { ...rep.extra, workSeconds: rep.seconds } };
}

function cliHelp(): string | null {
  if (!existsSync(cliMain)) return null;
  try {
    return execFileSync(process.execPath, [cliJs, 'analyze', '--help'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const out = (err as { stdout?: string }).stdout;
    return typeof out === 'string' && out !== '' ? out : null;
  }
}

async function analyzeStage(
  id: 'analyze' | 'analyze-w2',
  cap: BenchCapture,
  help: string | null,
): Promise<StageRow> {
  const workers = id === 'analyze-w2' ? 2 : 1;
  const label = `palisade analyze${workers > 1 ? ' --workers 2' : ''}`;
  const row = emptyRow(id, label, 'full');
  if (help === null) return na(row, 'not built: dist/src/cli/main.js');
  if (!/\banalyze\b/.test(help) && !help.includes('--out'))
    return na(row, 'not built: analyze command');
  if (workers > 1 && !help.includes('--workers')) return na(row, 'not built: analyze --workers');
  const outDir = path.join(benchCacheDir(), `analyze-out-${workers}`);
  rmSync(outDir, { recursive: true, force: true });
  const args = [cliJs, 'analyze', cap.path, '--out', outDir];
  if (help.includes('--no-progress')) args.push('--no-progress');
  if (workers > 1) args.push('--workers', String(workers));
  const m = await measure(process.execPath, args, { timeoutSeconds: STAGE_TIMEOUT_S });
  const result = fromMeasured(row, m, cap.frames, cap.bytes);
  try {
    const summary = JSON.parse(readFileSync(path.join(outDir, 'summary.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    result.extra = { summary: pickSummary(summary) };
  } catch {
    // No summary: the row already says the command failed.
  }
  rmSync(outDir, { recursive: true, force: true });
  return result;
}

/** The summary's headline numbers (not its per-decoder detail). */
function pickSummary(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s))
    if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  for (const k of ['totals', 'packets', 'events', 'flows']) if (k in s) out[k] = s[k];
  return out;
}

async function externalStage(
  id: StageId,
  label: string,
  input: PcapSlice | BenchCapture,
  inputName: string,
  cmd: string,
  args: readonly string[],
  note: string,
): Promise<StageRow> {
  const row = emptyRow(id, label, inputName);
  const m = await measure(cmd, args, { timeoutSeconds: STAGE_TIMEOUT_S });
  return { ...fromMeasured(row, m, input.frames, input.bytes), note };
}

async function decodersStage(): Promise<{ row: StageRow; text: string }> {
  const row = emptyRow('decoders', 'per-decoder parse rate (decode.bench.ts)', 'shared captures');
  const m = await measure(process.execPath, [path.join(here, 'decode.bench.js'), '--json'], {
    captureStdout: true,
    timeoutSeconds: STAGE_TIMEOUT_S,
  });
  try {
    const rep = JSON.parse(m.stdout.trim().split('\n').pop() ?? '') as {
      status: string;
      note?: string;
      text: string;
      rows: unknown[];
    };
    if (rep.status !== 'ok') return { row: na(row, rep.note ?? 'not built'), text: '' };
    return {
      row: {
        ...row,
        seconds: m.seconds,
        peakRssMb: m.peakRssKb === null ? null : m.peakRssKb / 1024,
        extra: { decoders: rep.rows },
      },
      text: rep.text,
    };
  } catch {
    return { row: fromMeasured(row, { ...m, code: m.code === 0 ? -1 : m.code }, 0, 0), text: '' };
  }
}

function toolVersion(cmd: string, args: readonly string[], re: RegExp): string | null {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return re.exec(out)?.[1] ?? null;
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? '');
    return re.exec(out)?.[1] ?? null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const want = (id: StageId): boolean => o.only === null || o.only.has(id);
  const log = (l: string): void => void process.stderr.write(`${l}\n`);

  // --- preparation (not timed) ---
  // The synthetic and per-decoder stages need no capture: `--only flows-1m` builds nothing.
  const needsCapture = STAGES.some((s) => s !== 'flows-1m' && s !== 'decoders' && want(s));
  const cap = needsCapture ? buildBenchCapture({ sizeBytes: o.size, log }) : null;
  if (cap !== null) {
    log(
      `capture: ${cap.path} (${mb(cap.bytes)}, ${cap.frames.toLocaleString('en-US')} frames, ` +
        `${cap.rounds} rounds of ${cap.inputs} files` +
        `${cap.reused ? ', cached' : `, built in ${cap.buildSeconds.toFixed(1)} s`})`,
    );
  }
  const file = (): BenchCapture => {
    if (cap === null) throw new Error('internal: stage needs the capture');
    return cap;
  };
  const tshark = o.skipTshark ? null : which('tshark');
  const ndpi = which('ndpiReader');
  // tshark runs on whole rounds of the capture: the same protocol mix as the full file.
  const rounds = (n: number): number => n * file().framesPerRound;
  const tag = cap?.sha256.slice(0, 12) ?? '';
  const tsharkSlice =
    tshark && want('tshark-dissect') ? slicePcap(file().path, rounds(o.tsharkRounds), tag) : null;
  const fieldsSlice =
    tshark && want('tshark-fields') ? slicePcap(file().path, rounds(o.fieldsRounds), tag) : null;
  // Warm the page cache so every stage reads from memory (the capture fits in RAM here).
  for (const f of [cap?.path, tsharkSlice?.path, fieldsSlice?.path]) {
    if (f !== undefined) await measure('cat', [f]);
  }
  if (!hasGnuTime())
    log('GNU time not found (apt-get install time): peak RSS is polled from /proc');

  // --- timed stages ---
  // Other work on the machine skews every number: the load average goes into the results.
  const loadBefore = os.loadavg()[0] ?? 0;
  const rows: StageRow[] = [];
  let decoderText = '';
  const help = want('analyze') || want('analyze-w2') ? cliHelp() : null;
  const push = (row: StageRow): void => {
    rows.push(row);
    const v =
      row.status === 'ok' ? `${row.seconds?.toFixed(2) ?? '-'} s` : `${row.status} ${row.note}`;
    log(`  ${row.id.padEnd(15)} ${v}`);
  };
  const noTshark = o.skipTshark ? 'skipped (--skip-tshark)' : 'tshark not installed';
  const runOnce = async (id: StageId): Promise<StageRow> => {
    switch (id) {
      case 'raw':
        return externalStage(id, 'cat FILE > /dev/null', file(), 'full', 'cat', [file().path], '');
      case 'read':
        return ourStage(id, 'openCapture().read(), counting frames', file());
      case 'decode':
        return ourStage(id, 'capture -> FrameDecoder', file());
      case 'flows':
        return ourStage(id, 'capture -> FrameDecoder -> FlowTable -> TcpReassembler', file());
      case 'classify':
        return ourStage(id, 'flows + protocol recognition (each flow until confirmed)', file());
      case 'pdus':
        return ourStage(id, 'flows + every PDU decoded, no event output', file());
      case 'assets':
        return ourStage(id, 'pdus + the asset inventory and map (observer)', file());
      case 'rules-0':
      case 'rules-100':
      case 'rules-1000':
        return ourStage(id, `assets + ${id.slice(6)} detection rules (no output)`, file());
      case 'analyze':
      case 'analyze-w2':
        return analyzeStage(id, file(), help);
      case 'tshark': {
        const label = 'tshark -r FILE -q';
        if (tshark === null) return na(emptyRow(id, label, 'full'), noTshark);
        const args = ['-r', file().path, '-q'];
        const note = 'reads only: -q without taps does not dissect';
        return externalStage(id, label, file(), 'full', tshark, args, note);
      }
      case 'tshark-dissect': {
        const label = 'tshark -n -r SLICE -q -z io,stat,0';
        if (tshark === null || tsharkSlice === null) return na(emptyRow(id, label, '-'), noTshark);
        const args = ['-n', '-r', tsharkSlice.path, '-q', '-z', 'io,stat,0'];
        const input = `${o.tsharkRounds} round(s), ${mb(tsharkSlice.bytes)}`;
        return externalStage(
          id,
          label,
          tsharkSlice,
          input,
          tshark,
          args,
          'full dissection, no output',
        );
      }
      case 'tshark-fields': {
        const label = 'tshark -n -r SLICE -T fields -e ...';
        if (tshark === null || fieldsSlice === null) return na(emptyRow(id, label, '-'), noTshark);
        const fields = TSHARK_FIELDS.flatMap((f) => ['-e', f]);
        const args = ['-n', '-r', fieldsSlice.path, '-T', 'fields', ...fields];
        const input = `${o.fieldsRounds} round(s), ${mb(fieldsSlice.bytes)}`;
        const note = `${TSHARK_FIELDS.length} fields to /dev/null`;
        return externalStage(id, label, fieldsSlice, input, tshark, args, note);
      }
      case 'ndpi': {
        const label = 'ndpiReader -i FILE -q';
        if (ndpi === null) {
          return na(
            emptyRow(id, label, 'full'),
            'ndpiReader not installed (apt-get install libndpi-bin)',
          );
        }
        const args = ['-i', file().path, '-q'];
        return externalStage(id, label, file(), 'full', ndpi, args, 'nDPI classification, quiet');
      }
      case 'flows-1m':
        return ourStage(id, '1 M distinct TCP SYN -> FrameDecoder -> FlowTable', null);
      case 'decoders': {
        const d = await decodersStage();
        decoderText = d.text;
        return d.row;
      }
    }
  };
  // The rule stages are compared with each other (the cost of N rules is rules-N over rules-0),
  // so their repeats run in turn (0, 100, 1000, 0, 100, ...) and each keeps its least CPU time:
  // a busy spell of the machine then weighs on every stage of the group alike, not on the one
  // that happened to run during it.
  const ruleStages = STAGES.filter((id) => id.startsWith('rules-') && want(id));
  const ruleBest = new Map<StageId, StageRow>();
  const cpuOf = (r: StageRow): number => {
    const c = r.extra.cpuSeconds;
    return typeof c === 'number' ? c : (r.seconds ?? Infinity);
  };
  for (let i = 0; i < o.repeat; i++) {
    for (const id of ruleStages) {
      const have = ruleBest.get(id);
      if (have !== undefined && have.status !== 'ok') continue;
      const row = await runOnce(id);
      if (have === undefined || (row.status === 'ok' && cpuOf(row) < cpuOf(have))) {
        ruleBest.set(id, row);
      }
    }
  }
  for (const id of STAGES) {
    if (!want(id)) continue;
    const rule = ruleBest.get(id);
    if (rule !== undefined) {
      push(rule);
      continue;
    }
    // Best of --repeat runs (the machine may be busy with other work); a stage that did not
    // run is not retried.
    let best = await runOnce(id);
    for (let i = 1; i < o.repeat && best.status === 'ok'; i++) {
      const row = await runOnce(id);
      if (row.status === 'ok' && (row.seconds ?? Infinity) < (best.seconds ?? Infinity)) best = row;
    }
    push(best);
  }

  // --- report ---
  const loadAfter = os.loadavg()[0] ?? 0;
  const text = formatReport(rows);
  process.stdout.write(`\n${text}\n`);
  process.stdout.write(
    `\nload average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}` +
      ` on ${os.cpus().length} cores; best of ${o.repeat} run(s) per stage\n`,
  );
  if (decoderText !== '')
    process.stdout.write(`\nper-decoder parse rate (bench/decode.bench.ts):\n${decoderText}\n`);
  if (o.markdown) process.stdout.write(`\n${formatMarkdown(rows)}\n`);
  const results = {
    date: new Date().toISOString(),
    repeat: o.repeat,
    commit: gitCommit(),
    loadAverage: { before: loadBefore, after: loadAfter },
    machine: {
      cpu: os.cpus()[0]?.model ?? null,
      cores: os.cpus().length,
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    tools: {
      tshark: tshark ? toolVersion(tshark, ['-v'], /TShark \(Wireshark\) (\S+)/) : null,
      ndpiReader: ndpi ? toolVersion(ndpi, ['-h'], /nDPI (\S+)/) : null,
      peakRss: hasGnuTime() ? 'GNU time %M (ru_maxrss)' : '/proc VmHWM polled every 20 ms',
    },
    capture: cap,
    stages: rows,
    ratios: ratios(rows),
    targets: targets(rows),
  };
  mkdirSync(benchCacheDir(), { recursive: true });
  const resultsPath = path.join(benchCacheDir(), 'results.json');
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
  log(`results: ${resultsPath}`);
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killRunning();
    process.exit(130);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
