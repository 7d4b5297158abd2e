/**
 * Test access to the shared real captures (`<repo>/../shared/data/pcaps`), their manifest, the
 * external tools the acceptance tests compare with (tshark, capinfos), and the built CLI.
 *
 * When PALISADE_REQUIRE_SERVICES=1 (as in CI) a missing capture set or tool fails the test;
 * otherwise such tests are skipped.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_PCAPS = path.resolve(REPO_ROOT, '../shared/data/pcaps');
export const CLI = path.join(REPO_ROOT, 'bin/palisade.js');
export const REQUIRE = process.env.PALISADE_REQUIRE_SERVICES === '1';

/** True when the shared captures are present; throws in CI when they are not. */
export function haveSharedPcaps(): boolean {
  const ok = existsSync(path.join(SHARED_PCAPS, 'MANIFEST.tsv'));
  if (!ok && REQUIRE) throw new Error(`shared captures missing at ${SHARED_PCAPS}`);
  return ok;
}

/** True when `tool` runs; throws in CI when it does not. */
export function haveTool(tool: string, arg = '--version'): boolean {
  const r = spawnSync(tool, [arg], { stdio: 'ignore' });
  const ok = r.status === 0;
  if (!ok && REQUIRE)
    throw new Error(`${tool} is required (PALISADE_REQUIRE_SERVICES=1) but does not run`);
  return ok;
}

/** One row of MANIFEST.tsv. */
export interface ManifestRow {
  path: string;
  abs: string;
  packets: number;
  format: string;
  linkType: string;
  label: string;
  protocols: string;
}

/** The capture files of the shared set (pcap and pcapng, whatever their extension). */
export function manifest(): ManifestRow[] {
  const text = readFileSync(path.join(SHARED_PCAPS, 'MANIFEST.tsv'), 'utf8');
  const [head, ...rows] = text.trim().split('\n');
  const cols = (head ?? '').split('\t');
  const at = (name: string): number => cols.indexOf(name);
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => c[at('file_format')] === 'pcap' || c[at('file_format')] === 'pcapng')
    .map((c) => ({
      path: c[at('relative_path')] ?? '',
      abs: path.join(SHARED_PCAPS, c[at('relative_path')] ?? ''),
      packets: Number(c[at('packets')]),
      format: c[at('file_format')] ?? '',
      linkType: c[at('link_type')] ?? '',
      label: c[at('label')] ?? '',
      protocols: c[at('protocols')] ?? '',
    }));
}

/** Runs the built CLI (`npm test` builds first). */
export function runCli(args: string[], input?: Buffer): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 28,
    env: { ...process.env, TZ: 'UTC' },
  });
}

/** Runs tshark and returns its standard output. */
export function tshark(args: string[]): string {
  return execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** Reads a JSON-lines file into objects. */
export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as T);
}
