/**
 * `summary.json`: what an analysis saw and did, in counters (STYLE.md section 8 rule 4).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CaptureResult, CaptureSource } from '../capture/source.js';
import type { DecoderStats } from './app-layer.js';
import type { EngineReport } from './engine.js';

/** One capture's reading result. */
export interface CaptureReport {
  name: string;
  /**
   * Absolute path of the capture file when the name is one (null for standard input or a live
   * interface): `palisade pcap-slice` finds the packets of an alert through it.
   */
  path: string | null;
  format: string;
  frames: number;
  bytes: number;
  drops: number | null;
  notes: Record<string, number>;
  /** Why reading stopped early (truncated or corrupt file), with the byte offset. */
  error: { code: string; message: string; offset: number } | null;
}

/** The summary of an analysis. */
export interface Summary {
  captures: CaptureReport[];
  packets: number;
  bytes: number;
  flows: number;
  events: number;
  /** Lines of `assets.jsonl` and of `alerts.jsonl`. */
  assets?: number;
  alerts?: number;
  elapsed_s: number;
  packets_per_s: number;
  mbit_per_s: number;
  link: { ip: number; fragments: number; arp: number; l2_only: number; undecoded: number };
  decoders: Record<string, DecoderStats>;
  /** Packets the capture mechanism dropped (live capture), summed over captures; null if unknown. */
  drops: number | null;
  /** Every named counter: anomalies, limits reached, evictions, decoder bugs. */
  counters: Record<string, number>;
  /** Decoder and pipeline bugs (first occurrences, with stacks). Empty in a healthy run. */
  bugs: string[];
}

export function buildSummary(
  report: EngineReport,
  captures: CaptureReport[],
  elapsed: number,
): Summary {
  const t = report.totals;
  let drops: number | null = null;
  for (const c of captures) if (c.drops !== null) drops = (drops ?? 0) + c.drops;
  const secs = elapsed > 0 ? elapsed : 1e-9;
  return {
    captures,
    packets: t.packets,
    bytes: t.bytes,
    flows: t.flows,
    events: t.events,
    elapsed_s: Math.round(elapsed * 1000) / 1000,
    packets_per_s: Math.round(t.packets / secs),
    mbit_per_s: Math.round(((t.bytes * 8) / secs / 1e6) * 10) / 10,
    link: {
      ip: t.ipPackets,
      fragments: t.fragments,
      arp: t.arp,
      l2_only: t.l2Only,
      undecoded: t.undecoded,
    },
    decoders: report.decoders,
    drops,
    counters: report.counters,
    bugs: report.bugs,
  };
}

/** The summary entry of one capture's reading result. */
export function captureReport(src: Pick<CaptureSource, 'name'>, res: CaptureResult): CaptureReport {
  const path = src.name === '-' ? null : resolve(src.name);
  return {
    name: src.name,
    path: path !== null && existsSync(path) ? path : null,
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
  };
}
