/**
 * Live capture through tcpdump: `tcpdump -U -n --immediate-mode -w - -i IFACE [-s SNAPLEN]
 * [-- BPF]` writes a classic pcap stream to its standard output, which is parsed like any other
 * stream. tcpdump only listens: nothing here transmits on the interface.
 *
 * Why these flags: `-U` flushes after every packet and `--immediate-mode` turns off the
 * kernel's batching timeout, so frames arrive as they are captured and nothing is left in a
 * buffer when the capture is stopped; `-n` avoids DNS lookups (which would send packets); the
 * filter comes after `--` so that a filter text beginning with `-` can never be taken as an
 * option (tcpdump's getopt permutes arguments).
 *
 * Stopping: aborting the signal sends SIGINT (tcpdump flushes its output, prints its counters and
 * exits), then SIGTERM after {@link STOP_TERM_MS} and SIGKILL after {@link STOP_KILL_MS} if it
 * is still there. The read still resolves with every frame that came out.
 *
 * Drops: at exit tcpdump prints "N packets captured", "N packets received by filter",
 * "N packets dropped by kernel" (and on some systems "N packets dropped by interface") on its
 * standard error. The kernel and interface drops add up to `CaptureResult.drops`; all four are
 * copied into `notes` as `live.packets_*`. When tcpdump printed no counters, drops is null.
 */
import { spawn } from 'node:child_process';
import { PlatformError } from '../core/errors.js';
import { CaptureReader } from './capture-reader.js';
import { errText } from './file-source.js';
import { STANDARD_SNAPLEN } from './record-parser.js';
import type { CaptureResult, CaptureSource, RawFrame, ReadOptions } from './source.js';
import { pumpStream } from './stream-source.js';

/** Options of a live capture. */
export interface LiveOptions {
  /** BPF filter expression (tcpdump syntax), e.g. `udp port 502`. */
  bpf?: string;
  /** Snapshot length in bytes (1..262144); tcpdump's default (262144) when absent. */
  snaplen?: number;
  /** Called once, when tcpdump reports that it is listening (the filter is in place). */
  onListening?: () => void;
  /** The capture program (default `tcpdump`, found on PATH). */
  tool?: string;
}

/** Counters tcpdump prints when it exits; null for a line it did not print. */
export interface TcpdumpStats {
  captured: number | null;
  receivedByFilter: number | null;
  droppedByKernel: number | null;
  droppedByInterface: number | null;
}

/** Milliseconds after SIGINT before SIGTERM, and before SIGKILL. */
export const STOP_TERM_MS = 3000;
export const STOP_KILL_MS = 8000;

/** Longest filter accepted (tcpdump itself has no limit; a filter this long is a mistake). */
export const MAX_BPF_CHARS = 8192;

/** Bytes of tcpdump's standard error kept (the tail, where the counters are). */
const STDERR_KEEP_BYTES = 64 * 1024;

const IFACE_RE = /^[A-Za-z0-9_.:@][A-Za-z0-9_.:@-]{0,63}$/;

/** Reads tcpdump's exit counters from its standard error. */
export function parseTcpdumpStats(stderr: string): TcpdumpStats {
  const pick = (re: RegExp): number | null => {
    const m = re.exec(stderr);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  return {
    captured: pick(/^(\d+) packets? captured$/m),
    receivedByFilter: pick(/^(\d+) packets? received by filter$/m),
    droppedByKernel: pick(/^(\d+) packets? dropped by kernel$/m),
    droppedByInterface: pick(/^(\d+) packets? dropped by interface$/m),
  };
}

/**
 * A live capture on one interface.
 *
 * @example
 * const ac = new AbortController();
 * const res = await new LiveSource('eth0', { bpf: 'tcp port 502' }).read(onFrame, { signal: ac.signal });
 */
export class LiveSource implements CaptureSource {
  readonly name: string;
  readonly sizeHint: number | undefined = undefined;

  constructor(
    readonly iface: string,
    private readonly opts: LiveOptions = {},
  ) {
    this.name = `live:${iface}`;
  }

  /** The tcpdump arguments for this capture (validated: throws ERR_LIVE_TOOL when invalid). */
  tcpdumpArgs(): string[] {
    const { bpf, snaplen } = this.opts;
    if (!IFACE_RE.test(this.iface)) {
      throw new PlatformError('ERR_LIVE_TOOL', `${this.name}: invalid interface name`, {
        details: { iface: this.iface },
      });
    }
    const args = ['-U', '-n', '--immediate-mode', '-w', '-', '-i', this.iface];
    if (snaplen !== undefined) {
      if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > STANDARD_SNAPLEN) {
        throw new PlatformError(
          'ERR_LIVE_TOOL',
          `${this.name}: snaplen must be 1..${STANDARD_SNAPLEN}`,
        );
      }
      args.push('-s', String(snaplen));
    }
    if (bpf !== undefined && bpf.trim() !== '') {
      if (bpf.length > MAX_BPF_CHARS || bpf.includes('\0')) {
        throw new PlatformError('ERR_LIVE_TOOL', `${this.name}: invalid BPF filter`);
      }
      args.push('--', bpf);
    }
    return args;
  }

  async read(onFrame: (frame: RawFrame) => void, opts: ReadOptions = {}): Promise<CaptureResult> {
    const args = this.tcpdumpArgs();
    const tool = this.opts.tool ?? 'tcpdump';
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let spawnError: unknown = null;
    child.once('error', (err) => {
      spawnError = err;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => {
        child.once('close', (code, signal) => resolve({ code, signal }));
      },
    );

    let stderr = '';
    let listening = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEEP_BYTES);
      if (!listening && /listening on /.test(stderr)) {
        listening = true;
        this.opts.onListening?.();
      }
    });

    let stopping = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      timers.push(setTimeout(() => child.kill('SIGTERM'), STOP_TERM_MS));
      timers.push(setTimeout(() => child.kill('SIGKILL'), STOP_KILL_MS));
    };

    const reader = new CaptureReader(this.name, onFrame);
    let aborted: boolean;
    try {
      aborted = await pumpStream(child.stdout, reader, {
        signal: opts.signal,
        progress: opts.progress,
        pause: opts.pause,
        onAbort: stop,
      });
      // A broken stream (not expected from tcpdump) ends the capture too.
      if (reader.stopped) stop();
    } catch (err) {
      stop();
      await exited;
      throw err;
    }
    const { code, signal } = await exited;
    for (const t of timers) clearTimeout(t);

    if (spawnError !== null) {
      throw new PlatformError(
        'ERR_LIVE_TOOL',
        `${this.name}: cannot start ${tool} (${errText(spawnError)})`,
        {
          cause: spawnError,
        },
      );
    }
    const failed = !stopping && code !== 0;
    const why = `${tool} exited with ${code === null ? `signal ${signal ?? '?'}` : `code ${code}`}: ${lastLine(stderr)}`;
    if (failed && reader.bytesRead === 0) {
      throw new PlatformError('ERR_LIVE_TOOL', `${this.name}: ${why}`, {
        details: { stderr: stderr.slice(-2000) },
      });
    }
    if (failed) reader.fail('ERR_LIVE_TOOL', why);

    const result = reader.finish(aborted);
    const stats = parseTcpdumpStats(stderr);
    if (stats.captured !== null) result.notes['live.packets_captured'] = stats.captured;
    if (stats.receivedByFilter !== null)
      result.notes['live.packets_received_by_filter'] = stats.receivedByFilter;
    if (stats.droppedByKernel !== null)
      result.notes['live.packets_dropped_by_kernel'] = stats.droppedByKernel;
    if (stats.droppedByInterface !== null) {
      result.notes['live.packets_dropped_by_interface'] = stats.droppedByInterface;
    }
    result.drops =
      stats.droppedByKernel === null && stats.droppedByInterface === null
        ? null
        : (stats.droppedByKernel ?? 0) + (stats.droppedByInterface ?? 0);
    return result;
  }
}

/** tcpdump's own complaint (its last `tcpdump: ...` line), else the last line of stderr. */
function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('tcpdump: ') && !line.includes('listening on ')) return line;
  }
  return lines[lines.length - 1] ?? '';
}
