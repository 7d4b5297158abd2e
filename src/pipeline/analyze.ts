/**
 * `analyze`: reads one or more captures through the engine and writes the output directory
 * (DESIGN.md, "External contract"): `events.jsonl`, `flows.jsonl` and `summary.json`.
 *
 * Each capture is a separate trace: frame numbers restart at 1, flows do not continue from one
 * file to the next, and flow ids carry the capture's number (`2:17`). A broken capture is
 * reported in the summary with everything decoded before the break kept and written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openCapture } from '../capture/index.js';
import type { CaptureSource } from '../capture/source.js';
import { PlatformError } from '../core/errors.js';
import { DECODERS } from '../decode/registry.js';
import { Engine, type EngineOptions, type EngineReport } from './engine.js';
import { runSharded } from './parallel.js';
import { JsonlWriter } from './jsonl-writer.js';
import { AssetTracker, type AssetSnapshot } from '../analysis/assets/tracker.js';
import { applySite } from '../analysis/site/apply.js';
import type { SiteModel } from '../analysis/site/model.js';
import { collectAlerts } from '../analysis/rules/finish.js';
import { serviceChangeEvent, serviceFingerprintChanges } from '../flow/service-fingerprint.js';
import { raiseSeverity } from '../analysis/rules/severity.js';
import type { Suppression } from '../analysis/rules/suppress.js';
import type { AssetRecord } from '../analysis/assets/record.js';
import { Counters } from '../core/counters.js';
import type { IntelData, IntelIndicator } from '../analysis/intel/bundle.js';
import { finishIntel } from '../analysis/intel/finish.js';
import { startIntelRefresh, type IntelRefresh } from '../analysis/intel/refresh.js';
import { buildSummary, captureReport, type Summary, type CaptureReport } from './summary.js';

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
  /**
   * Worker threads to shard flows over (default 1: everything on the calling thread). The
   * output is the same whatever the number.
   */
  workers?: number;
  /** Suppression entries (already loaded; expired ones left out) applied to the alerts. */
  suppressions?: readonly Suppression[];
  /** Threat-intelligence indicators (`loadIntel`), matched by every engine. */
  intel?: IntelData | null;
  /** Reload the indicators on a schedule (one thread only: live capture). */
  intelRefresh?: IntelRefresh;
}

/**
 * Analyses the captures and writes the output files. Resolves with the summary (also written
 * to `summary.json`). Rejects only when a capture cannot be opened or an output cannot be
 * written; a corrupt capture is reported in `summary.captures[i].error`.
 */
export async function analyze(opts: AnalyzeOptions): Promise<Summary> {
  const started = process.hrtime.bigint();
  // Every indicator version in force during the run, by id: sequence hits name their indicator.
  const intelSeen = new Map<string, IntelIndicator>();
  let intelData = opts.intel ?? null;
  if (intelData) {
    for (const i of intelData.indicators) intelSeen.set(i.id, i);
    opts = { ...opts, engine: { ...opts.engine, intel: intelData.indicators } };
  }
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
  let reports: CaptureReport[] = [];
  let report: EngineReport;
  const flusher = opts.flushEveryMs
    ? setInterval(() => {
        events.flush();
        flows.flush();
      }, opts.flushEveryMs)
    : null;
  try {
    const workers = opts.workers ?? 1;
    if (workers > 1) {
      const { decoders: _ignored, ...rest } = opts.engine ?? {};
      const settings = { assets: true, ...rest };
      const onProgress = opts.onProgress;
      const res = await runSharded(
        sources,
        workers,
        settings,
        { events, flows },
        onProgress
          ? (bytes, src, packets) => onProgress(bytes, src.sizeHint, packets, src.name)
          : undefined,
        opts.signal,
      );
      reports = res.captures;
      report = res.report;
    } else {
      const engine = new Engine(
        { decoders: DECODERS, assets: true, ...opts.engine },
        { event: (l) => events.write(l), flow: (l) => flows.write(l) },
      );
      const stopRefresh =
        opts.intelRefresh && engine.intel
          ? startIntelRefresh(opts.intelRefresh, (d) => {
              intelData = d;
              for (const i of d.indicators) intelSeen.set(i.id, i);
              engine.intel?.update(d.indicators);
            })
          : null;
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
        reports.push(captureReport(src, res));
      }
      stopRefresh?.();
      report = engine.report();
    }
  } finally {
    if (flusher) clearInterval(flusher);
    await Promise.all([events.close(), flows.close()]);
  }
  const assets = writeAssets(join(opts.outDir, 'assets.jsonl'), report.assets, opts.engine?.site);
  const detection = new Counters();
  if (intelData) {
    finishIntel(report, { ...intelData, indicators: [...intelSeen.values()] }, detection);
  }
  const decided = report.services
    ? serviceFingerprintChanges(report.services).map(serviceChangeEvent)
    : [];
  if (decided.length > 0) detection.inc('ip.service_fingerprint_changed', decided.length);
  const alerts = collectAlerts(report, {
    pack: opts.engine?.rules ?? null,
    suppressions: opts.suppressions ?? [],
    counters: detection,
    decided,
  });
  const alertList = alerts.list();
  raiseSeverity(alertList, { site: opts.engine?.site ?? null, assets: assets.assets });
  writeLines(join(opts.outDir, 'alerts.jsonl'), alertList);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = buildSummary(report, reports, elapsed);
  summary.assets = assets.count;
  summary.alerts = alertList.length;
  if (alerts.dropped > 0) summary.counters['alerts.dropped'] = alerts.dropped;
  for (const [k, v] of Object.entries(assets.counters)) summary.counters[k] = v;
  for (const [k, v] of Object.entries(detection.toJSON())) summary.counters[k] = v;
  writeFileSync(join(opts.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

/** Writes `assets.jsonl` (one line per asset, sorted by id); returns the count and counters. */
function writeAssets(
  path: string,
  snapshot: AssetSnapshot | undefined,
  site: SiteModel | null | undefined,
): { count: number; counters: Record<string, number>; assets: AssetRecord[] } {
  const tracker = new AssetTracker();
  if (snapshot) tracker.merge(snapshot);
  const assets = tracker.assets();
  const edges = tracker.communication();
  if (site) applySite(assets, site);
  try {
    writeFileSync(path, assets.map((a) => JSON.stringify(a) + '\n').join(''));
    writeFileSync(
      join(dirname(path), 'edges.jsonl'),
      edges.map((e) => JSON.stringify(e) + '\n').join(''),
    );
  } catch (err) {
    throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return { count: assets.length, counters: tracker.counterValues(), assets };
}

/** Writes records as JSON lines. */
function writeLines(path: string, records: readonly unknown[]): void {
  try {
    writeFileSync(path, records.map((r) => JSON.stringify(r) + '\n').join(''));
  } catch (err) {
    throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
