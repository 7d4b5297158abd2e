/**
 * Per-frame agreement with ../shared/tools/tshark-agree.mjs over many captures: one run of the
 * built CLI over all of them, its events split per capture (flow ids are `<capture number>:...`),
 * then the tool on each capture, two at a time.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { REPO_ROOT, runCli, type ManifestRow } from './shared.js';

const run = promisify(execFile);
const TOOL = path.resolve(REPO_ROOT, '../shared/tools/tshark-agree.mjs');

/**
 * Wireshark preferences (`name: value`, as in its `preferences` file) for the tool's tshark:
 * written to a private configuration folder that `WIRESHARK_CONFIG_DIR` points tshark at, since
 * the tool passes no `-o` options of its own. Empty: tshark's defaults.
 */
export type TsharkPrefs = Readonly<Record<string, string>>;

/** The environment that gives the tool's tshark these preferences. */
function prefsEnv(prefs: TsharkPrefs): NodeJS.ProcessEnv {
  const names = Object.keys(prefs);
  if (names.length === 0) return process.env;
  const dir = mkdtempSync(path.join(tmpdir(), 'palisade-wireshark-'));
  writeFileSync(
    path.join(dir, 'preferences'),
    names.map((n) => `${n}: ${prefs[n] ?? ''}\n`).join(''),
  );
  return { ...process.env, WIRESHARK_CONFIG_DIR: dir };
}

/** One capture's figures: frames either side has, those that agree, and the differing frames. */
export interface CaptureAgreement {
  path: string;
  abs: string;
  agree: number;
  total: number;
  /** Differing frame numbers (the tool lists at most 15). */
  diffs: number[];
}

/** The tool on one capture and its events; `key` is the tool's protocol key (`dnp3`, `cip`). */
export async function agreeOne(
  capture: string,
  events: string,
  key: string,
  prefs: TsharkPrefs = {},
): Promise<Omit<CaptureAgreement, 'path' | 'abs'>> {
  // The tool exits 1 when neither side has a frame; its summary line is still printed.
  const r = await run(process.execPath, [TOOL, capture, events, key], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: prefsEnv(prefs),
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const got = /agreeing (\d+)\/(\d+)/.exec(r.stdout);
  expect(got, r.stdout).not.toBeNull();
  const diffs = [...r.stdout.matchAll(/^frame (\d+):/gm)].map((m) => Number(m[1]));
  return { agree: Number(got?.[1]), total: Number(got?.[2]), diffs };
}

/**
 * Analyses `caps` in one CLI run (checking that it succeeds with no decoder bug for `proto`) and
 * compares each capture's events with tshark for the tool's protocol `key`, tshark running with
 * `prefs`.
 */
export async function agreePerCapture(
  caps: readonly ManifestRow[],
  key: string,
  proto: string,
  prefs: TsharkPrefs = {},
): Promise<CaptureAgreement[]> {
  const out = mkdtempSync(path.join(tmpdir(), `palisade-${key}-`));
  const r = runCli(['analyze', ...caps.map((m) => m.abs), '--out', out, '--json']);
  expect(r.status, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout) as { bugs: string[]; counters: Record<string, number> };
  expect(summary.bugs).toEqual([]);
  expect(summary.counters[`decoder_bug.${proto}`] ?? 0).toBe(0);
  const perCapture = caps.map(() => [] as string[]);
  for (const line of readFileSync(path.join(out, 'events.jsonl'), 'utf8').split('\n')) {
    const n = /"flow":"(\d+):/.exec(line);
    if (n) perCapture[Number(n[1]) - 1]?.push(line);
  }
  const results: CaptureAgreement[] = new Array<CaptureAgreement>(caps.length);
  let next = 0;
  // Two at a time: the machine has two cores.
  const worker = async (): Promise<void> => {
    while (next < caps.length) {
      const i = next++;
      const m = caps[i] as ManifestRow;
      const events = path.join(out, `events-${i + 1}.jsonl`);
      writeFileSync(events, (perCapture[i] ?? []).map((l) => `${l}\n`).join(''));
      results[i] = { path: m.path, abs: m.abs, ...(await agreeOne(m.abs, events, key, prefs)) };
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}
