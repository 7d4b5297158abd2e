/**
 * `analyze`: reads one or more captures through the engine and writes the output directory
 * (DESIGN.md, "External contract"): `events.jsonl`, `flows.jsonl` and `summary.json`.
 *
 * Each capture is a separate trace: frame numbers restart at 1, flows do not continue from one
 * file to the next, and flow ids carry the capture's number (`2:17`). A broken capture is
 * reported in the summary with everything decoded before the break kept and written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCapture } from '../capture/index.js';
import type { CaptureSource } from '../capture/source.js';
import { PlatformError } from '../core/errors.js';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions } from './engine.js';
import { JsonlWriter } from './jsonl-writer.js';
import { buildSummary, type Summary, type CaptureReport } from './summary.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** Capture paths; `-` is standard input. */
  captures: readonly string[];
  /** Output directory (created if missing). */
  outDir: string;
  /** Called with (bytes read of the current capture, its size if known, packets so far). */
  onProgress?: (
    bytesRead: number,
    total: number | undefined,
    packets: number,
    capture: string,
  ) => void;
  /** Engine settings (decoders default to the registry). */
  engine?: Partial<EngineOptions>;
  /** Opens a capture by name (live capture and tests inject sources; default {@link openCapture}). */
  open?: (name: string) => CaptureSource;
  /** Stops reading (live capture: Ctrl-C); what was read is still analysed and written. */
  signal?: AbortSignal;
  /** Writes buffered lines out at least this often (live capture), in milliseconds. */
  flushEveryMs?: number;
}

/**
 * Analyses the captures and writes the output files. Resolves with the summary (also written
 * to `summary.json`). Rejects only when a capture cannot be opened or an output cannot be
 * written; a corrupt capture is reported in `summary.captures[i].error`.
 */
export async function analyze(opts: AnalyzeOptions): Promise<Summary> {
  const started = process.hrtime.bigint();
  try {
    mkdirSync(opts.outDir, { recursive: true });
  } catch (err) {
    throw new PlatformError(
      'ERR_OUTPUT_WRITE',
      `cannot create ${opts.outDir}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const open = opts.open ?? openCapture;
  const sources = opts.captures.map((name) => open(name));
  const events = new JsonlWriter(join(opts.outDir, 'events.jsonl'));
  const flows = new JsonlWriter(join(opts.outDir, 'flows.jsonl'));
  const engine = new Engine(
    { decoders: DECODERS, ...opts.engine },
    { event: (l) => events.write(l), flow: (l) => flows.write(l) },
  );
  const reports: CaptureReport[] = [];
  const flusher = opts.flushEveryMs
    ? setInterval(() => {
        events.flush();
        flows.flush();
      }, opts.flushEveryMs)
    : null;
  try {
    for (let i = 0; i < sources.length; i++) {
      const src = sources[i] as CaptureSource;
      engine.beginCapture(i + 1);
      const onProgress = opts.onProgress;
      const res = await src.read((f) => engine.frame(f), {
        progress: onProgress
          ? (bytes) => onProgress(bytes, src.sizeHint, engine.totals.packets, src.name)
          : (): void => undefined,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      engine.finishCapture();
      reports.push({
        name: src.name,
        format: res.format,
        frames: res.frames,
        bytes: res.bytes,
        drops: res.drops,
        notes: res.notes,
        error: res.error
          ? {
              code: res.error.code,
              message: res.error.message,
              offset: Number(res.error.details.offset ?? -1),
            }
          : null,
      });
    }
  } finally {
    if (flusher) clearInterval(flusher);
    events.close();
    flows.close();
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = buildSummary(engine, reports, elapsed);
  writeFileSync(join(opts.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
