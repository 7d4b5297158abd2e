/**
 * Runs one measured command in a child process: wall time from spawn to exit, and the peak
 * resident set size of that process.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the kernel's ru_maxrss of the child from
 * wait4) when it is installed (Debian package `time`), and otherwise from polling VmHWM in
 * /proc/<pid>/status every 20 ms (which can miss a peak in the last 20 ms of a short run).
 * Children's output goes to /dev/null unless captured: what we time is the work, not a terminal.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';
const POLL_MS = 20;

/** How a measured command went. */
export interface Measured {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Wall time, seconds. */
  seconds: number;
  /** Peak RSS of the process in kB, null when it could not be read. */
  peakRssKb: number | null;
  /** Standard output when `captureStdout` was set, otherwise ''. */
  stdout: string;
  /** The last 4 kB of standard error. */
  stderr: string;
  /** True when the command was killed for running past `timeoutSeconds`. */
  timedOut: boolean;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  cwd?: string;
  /** Keep standard output (for stage runners that report JSON); otherwise it goes to /dev/null. */
  captureStdout?: boolean;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Kill the command after this many seconds. */
  timeoutSeconds?: number;
}

/** Process groups of the commands being measured. */
const running = new Set<number>();

function killGroup(group: number | undefined): void {
  if (group === undefined) return;
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Ends the measured commands still running (the bench is being interrupted). */
export function killRunning(): void {
  for (const g of running) killGroup(g);
  running.clear();
}

/** True when GNU time is available to report peak RSS. */
export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

function readHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Runs `cmd args` and measures it. Never rejects for a failing command: see `code`. */
export function measure(
  cmd: string,
  args: readonly string[],
  opts: MeasureOptions = {},
): Promise<Measured> {
  const gnuTime = hasGnuTime();
  const tmp = gnuTime ? mkdtempSync(path.join(tmpdir(), 'palisade-bench-')) : '';
  const timeFile = path.join(tmp, 'time.txt');
  const argv = gnuTime ? ['-f', '%M', '-o', timeFile, cmd, ...args] : [...args];
  const devNull = openSync('/dev/null', 'w');
  return new Promise<Measured>((resolve) => {
    const start = process.hrtime.bigint();
    // A process group of its own, so that a timeout (or Ctrl-C of the bench) ends the measured
    // command and not only the GNU time wrapper around it.
    const child = spawn(gnuTime ? GNU_TIME : cmd, argv, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', opts.captureStdout ? 'pipe' : devNull, 'pipe'],
      detached: true,
    });
    const group = child.pid;
    if (group !== undefined) running.add(group);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-4096);
    });
    let polled: number | null = null;
    let timedOut = false;
    const poll = gnuTime
      ? null
      : setInterval(() => {
          if (child.pid !== undefined) polled = readHwmKb(child.pid) ?? polled;
        }, POLL_MS);
    const timer =
      opts.timeoutSeconds === undefined
        ? null
        : setTimeout(() => {
            timedOut = true;
            killGroup(group);
          }, opts.timeoutSeconds * 1000);
    let done = false;
    const finish = (code: number | null): void => {
      if (done) return;
      done = true;
      if (group !== undefined) running.delete(group);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      closeSync(devNull);
      let peak = polled;
      if (gnuTime) {
        try {
          // GNU time prefixes "Command exited with non-zero status N" lines; the number is last.
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const v = Number(lines[lines.length - 1]);
          peak = Number.isFinite(v) ? v : null;
        } catch {
          peak = null;
        }
        rmSync(tmp, { recursive: true, force: true });
      }
      resolve({ code, seconds, peakRssKb: peak, stdout, stderr, timedOut });
    };
    child.on('error', (err) => {
      stderr += String(err);
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

/** Looks a program up on PATH. */
export function which(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, program);
    if (dir !== '' && existsSync(p)) return p;
  }
  return null;
}
