/**
 * Terminal output of the CLI: the progress bar while reading and the one-screen summary after.
 */
import { SingleBar } from 'cli-progress';
import type { Summary } from '../pipeline/summary.js';

const MB = 1024 * 1024;

/** A progress reporter: a bar on a terminal, nothing otherwise. */
export class Progress {
  private bar: SingleBar | null = null;
  private started = Date.now();
  private current = '';

  constructor(private readonly enabled: boolean) {}

  update(bytes: number, total: number | undefined, packets: number, capture: string): void {
    if (!this.enabled) return;
    if (this.bar === null || capture !== this.current) {
      this.bar?.stop();
      this.current = capture;
      this.bar = new SingleBar({
        format: `${shorten(capture)} [{bar}] {percentage}% | {mb}/{totalMb} MB | {pps} packets/s`,
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
        fps: 5,
      });
      this.bar.start(total ?? 0, 0, {
        mb: '0',
        totalMb: total ? (total / MB).toFixed(1) : '?',
        pps: 0,
      });
    }
    const secs = (Date.now() - this.started) / 1000;
    this.bar.update(total ? bytes : 0, {
      mb: (bytes / MB).toFixed(1),
      pps: secs > 0 ? Math.round(packets / secs) : 0,
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

function shorten(s: string): string {
  return s.length > 32 ? '…' + s.slice(-31) : s;
}

/** The one-screen summary printed at the end of an analysis. */
export function formatSummary(s: Summary, outDir: string): string {
  const lines: string[] = [];
  const n = (x: number): string => x.toLocaleString('en-US');
  lines.push(
    `Analysed ${s.captures.length} capture${s.captures.length === 1 ? '' : 's'}: ${n(s.packets)} packets, ${(s.bytes / MB).toFixed(1)} MB in ${s.elapsed_s.toFixed(2)} s (${n(s.packets_per_s)} packets/s, ${s.mbit_per_s} Mbit/s)`,
  );
  lines.push(
    `  link: ${n(s.link.ip)} IP, ${n(s.link.fragments)} fragments, ${n(s.link.arp)} ARP, ${n(s.link.l2_only)} other EtherTypes, ${n(s.link.undecoded)} undecoded`,
  );
  lines.push(
    `  flows: ${n(s.flows)}   events: ${n(s.events)}${s.drops !== null ? `   capture drops: ${n(s.drops)}` : ''}`,
  );
  const decs = Object.entries(s.decoders).filter(([, d]) => d.flows > 0);
  if (decs.length > 0) {
    lines.push('  decoder     flows     events  anomalies  rejects  bugs');
    for (const [id, d] of decs) {
      lines.push(
        `  ${id.padEnd(10)}${n(d.flows).padStart(6)}${n(d.events).padStart(11)}${n(d.anomalies).padStart(11)}${n(d.rejects).padStart(9)}${n(d.bugs).padStart(6)}`,
      );
    }
  }
  const top = Object.entries(s.counters)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  if (top.length > 0)
    lines.push(`  top counters: ${top.map(([k, v]) => `${k}=${n(v)}`).join(', ')}`);
  for (const c of s.captures) {
    if (c.error) lines.push(`  ! ${c.error.message} (${c.error.code})`);
  }
  if (s.bugs.length > 0)
    lines.push(`  ! ${s.bugs.length} decoder/pipeline bug report(s) in summary.json`);
  lines.push(`  output: ${outDir}/{events,flows}.jsonl, ${outDir}/summary.json`);
  return lines.join('\n') + '\n';
}
