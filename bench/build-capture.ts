/**
 * Builds the benchmark capture: a deterministic, mixed IT+OT classic pcap (Ethernet,
 * microsecond timestamps) of at least `sizeBytes` bytes, made of rounds of every shared capture
 * (../shared/data/pcaps, MANIFEST.tsv order by relative path, all protocol folders including
 * it-attacks and datasets).
 *
 * - Frames of other link types are given a synthetic Ethernet header (NULL/LOOP, RAW, IPv4/IPv6,
 *   Linux cooked); links that carry no IP (ARCNET, 802.15.4, serial) are skipped and counted.
 * - Timestamps are monotonic: within a round each file starts one second after the previous
 *   file's last frame, and round r starts one second after round r-1 ends; the first round
 *   starts at 2025-01-01T00:00:00Z. Within a file the gaps between frames are kept, except that
 *   a frame older than its predecessor gets its predecessor's time and a pause over an hour is
 *   shortened to one second.
 * - Round r rewrites addresses with key r (see address-rewrite.ts), so flows and hosts of
 *   different rounds stay distinct, with checksums updated (RFC 1624).
 * - The output is streamed through a fixed buffer and ends at the first frame boundary at or past
 *   `sizeBytes`. It is byte-for-byte reproducible: same inputs and size give the same sha256.
 *
 * The result is cached as `.tmp/bench/mixed-<size>.pcap` with a JSON sidecar (builder version,
 * size, sha256 of the inputs list and contents, output sha256); a later call with the same
 * parameters reuses it.
 *
 * Run alone: `node dist/bench/build-capture.js [--size BYTES] [--force]`.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rewriteFrame } from './address-rewrite.js';
import { readInputCapture } from './capture-input.js';
import { benchCacheDir, sharedPcapsDir } from './paths.js';

/** Bumped whenever the builder would write different bytes for the same inputs. */
export const BUILDER_VERSION = 2;

/** Default size: 1.1 GB (decimal). */
export const DEFAULT_SIZE = 1_100_000_000;

/** 2025-01-01T00:00:00Z in microseconds: the time of the first frame. */
const START_US = 1_735_689_600 * 1e6;
/** Pause between two files of a round and between two rounds. */
const GAP_US = 1_000_000;
/**
 * Longest pause kept between two frames of one file. Some shared captures are merges of traces
 * taken years apart; a longer jump is shortened to {@link GAP_US} so that the whole capture spans
 * days, not decades (and 32-bit pcap seconds do not overflow).
 */
const MAX_PAUSE_US = 3_600_000_000;
const OUT_BUFFER = 8 << 20;
const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
const LINKTYPE_ETHERNET = 1;
const MIN_SNAPLEN = 262_144;
/** Round keys are 16-bit; past this the rewrite would repeat round 0's addresses. */
const MAX_ROUNDS = 0xffff;

/** Options of {@link buildBenchCapture}. */
export interface BuildOptions {
  /** Minimum size of the output in bytes. */
  sizeBytes: number;
  /** Folder of the shared captures (holding MANIFEST.tsv). */
  dataDir?: string;
  /** Where the capture and its sidecar go. */
  cacheDir?: string;
  /** Rebuild even when a matching cached capture exists. */
  force?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** The built (or reused) capture and what went into it. */
export interface BenchCapture {
  path: string;
  bytes: number;
  frames: number;
  /** Rounds started (the last one may be partial). */
  rounds: number;
  /** Input capture files used per round. */
  inputs: number;
  /** Input frames per round. */
  framesPerRound: number;
  /** Input frames that could not be turned into Ethernet, by reason. */
  skipped: Record<string, number>;
  /** sha256 of the output file. */
  sha256: string;
  /** sha256 over the inputs list (relative path and content sha256 of each file). */
  inputsSha256: string;
  /** True when a cached file was reused. */
  reused: boolean;
  /** Time spent building (0 when reused). */
  buildSeconds: number;
}

interface Sidecar extends Omit<BenchCapture, 'path' | 'reused' | 'buildSeconds'> {
  builder: number;
  sizeBytes: number;
}

/** One shared capture file. */
export interface InputFile {
  /** Path relative to the shared captures folder (MANIFEST.tsv `relative_path`). */
  rel: string;
  abs: string;
}

/** The capture files of the manifest (pcap and pcapng rows), in byte order of relative path. */
export function listSharedCaptures(dataDir: string = sharedPcapsDir()): InputFile[] {
  const manifest = readFileSync(path.join(dataDir, 'MANIFEST.tsv'), 'utf8').split('\n');
  const header = manifest[0]?.split('\t') ?? [];
  const relCol = header.indexOf('relative_path');
  const fmtCol = header.indexOf('file_format');
  if (relCol < 0 || fmtCol < 0) throw new Error(`${dataDir}/MANIFEST.tsv: unexpected header`);
  const rels: string[] = [];
  for (const line of manifest.slice(1)) {
    const cols = line.split('\t');
    const fmt = cols[fmtCol];
    const rel = cols[relCol];
    if (rel !== undefined && (fmt === 'pcap' || fmt === 'pcapng')) rels.push(rel);
  }
  rels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return rels.map((rel) => ({ rel, abs: path.join(dataDir, rel) }));
}

function hashInputs(files: readonly InputFile[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    const content = createHash('sha256').update(readFileSync(f.abs)).digest('hex');
    h.update(`${f.rel}\t${content}\n`);
  }
  return h.digest('hex');
}

/** One round's frames packed as pcap records (timestamps left 0), plus their relative times. */
interface Template {
  records: Buffer;
  /** Offset of each record in `records`. */
  offsets: Uint32Array;
  /** Time of each frame relative to the round start, microseconds. */
  relUs: Float64Array;
  /** Round length including the trailing gap. */
  spanUs: number;
  maxCapLen: number;
  skipped: Record<string, number>;
}

function buildTemplate(files: readonly InputFile[]): Template {
  // One buffer per file (records written in place), joined once at the end: the builder's
  // memory stays about twice one round whatever the output size.
  const parts: Buffer[] = [];
  const rel: number[] = [];
  const skipped: Record<string, number> = {};
  let last = 0;
  let maxCapLen = 0;
  for (const f of files) {
    const cap = readInputCapture(f.abs);
    for (const [k, v] of Object.entries(cap.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
    let prevTs = cap.frames[0]?.tsUs;
    if (prevTs === undefined) continue;
    let size = 0;
    for (const fr of cap.frames) size += RECORD_HEADER + fr.data.length;
    const part = Buffer.alloc(size);
    let at = 0;
    for (const fr of cap.frames) {
      const step = fr.tsUs - prevTs;
      prevTs = fr.tsUs;
      const t = last + (step < 0 ? 0 : step > MAX_PAUSE_US ? GAP_US : step);
      rel.push(t);
      last = t;
      part.writeUInt32LE(fr.data.length, at + 8);
      part.writeUInt32LE(Math.max(fr.origLen, fr.data.length), at + 12);
      part.set(fr.data, at + RECORD_HEADER);
      at += RECORD_HEADER + fr.data.length;
      if (fr.data.length > maxCapLen) maxCapLen = fr.data.length;
    }
    parts.push(part);
    last += GAP_US;
  }
  const records = Buffer.concat(parts);
  const offsets = new Uint32Array(rel.length);
  for (let i = 0, off = 0; i < offsets.length; i++) {
    offsets[i] = off;
    off += RECORD_HEADER + records.readUInt32LE(off + 8);
  }
  return { records, offsets, relUs: Float64Array.from(rel), spanUs: last, maxCapLen, skipped };
}

/** Cache path of the capture of `sizeBytes` bytes. */
export function benchCapturePath(sizeBytes: number, cacheDir = benchCacheDir()): string {
  return path.join(cacheDir, `mixed-${sizeBytes}.pcap`);
}

function readSidecar(file: string): Sidecar | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

/**
 * Builds the benchmark capture, or returns the cached one when its sidecar matches the builder
 * version, the size and the inputs.
 *
 * @example
 * const cap = buildBenchCapture({ sizeBytes: DEFAULT_SIZE, log: console.log });
 * console.log(cap.path, cap.frames);
 */
export function buildBenchCapture(opts: BuildOptions): BenchCapture {
  const log = opts.log ?? ((): void => {});
  const dataDir = opts.dataDir ?? sharedPcapsDir();
  const cacheDir = opts.cacheDir ?? benchCacheDir();
  const out = benchCapturePath(opts.sizeBytes, cacheDir);
  const sidecarPath = `${out}.json`;
  const files = listSharedCaptures(dataDir);
  const inputsSha256 = hashInputs(files);

  const cached = readSidecar(sidecarPath);
  if (
    !opts.force &&
    cached !== null &&
    cached.builder === BUILDER_VERSION &&
    cached.sizeBytes === opts.sizeBytes &&
    cached.inputsSha256 === inputsSha256 &&
    existsSync(out) &&
    statSync(out).size === cached.bytes
  ) {
    const { builder: _b, sizeBytes: _s, ...rest } = cached;
    return { ...rest, path: out, reused: true, buildSeconds: 0 };
  }

  const t0 = process.hrtime.bigint();
  log(`building ${out} (${opts.sizeBytes} bytes) from ${files.length} captures in ${dataDir}`);
  const tpl = buildTemplate(files);
  const perRound = tpl.offsets.length;
  if (perRound === 0) throw new Error(`no usable frames in ${dataDir}`);

  mkdirSync(cacheDir, { recursive: true });
  const partial = `${out}.partial`;
  const fd = openSync(partial, 'w');
  const hash = createHash('sha256');
  const buf = Buffer.alloc(Math.max(OUT_BUFFER, RECORD_HEADER + tpl.maxCapLen));
  let pos = 0;
  let bytes = 0;
  const flush = (): void => {
    const chunk = buf.subarray(0, pos);
    hash.update(chunk);
    let done = 0;
    while (done < pos) done += writeSync(fd, chunk, done, pos - done);
    bytes += pos;
    pos = 0;
  };

  buf.writeUInt32LE(0xa1b2c3d4, 0); // microsecond pcap, little-endian
  buf.writeUInt16LE(2, 4);
  buf.writeUInt16LE(4, 6);
  buf.writeInt32LE(0, 8); // thiszone
  buf.writeUInt32LE(0, 12); // sigfigs
  buf.writeUInt32LE(Math.max(MIN_SNAPLEN, tpl.maxCapLen), 16);
  buf.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  pos = PCAP_HEADER;

  let frames = 0;
  let round = 0;
  while (bytes + pos < opts.sizeBytes) {
    if (round >= MAX_ROUNDS)
      throw new Error(`size ${opts.sizeBytes} needs more than ${MAX_ROUNDS} rounds`);
    const roundStart = START_US + round * tpl.spanUs;
    for (let i = 0; i < perRound && bytes + pos < opts.sizeBytes; i++) {
      const from = tpl.offsets[i]!;
      const capLen = tpl.records.readUInt32LE(from + 8);
      const len = RECORD_HEADER + capLen;
      if (pos + len > buf.length) flush();
      tpl.records.copy(buf, pos, from, from + len);
      const ts = roundStart + tpl.relUs[i]!;
      const sec = Math.floor(ts / 1e6);
      buf.writeUInt32LE(sec, pos);
      buf.writeUInt32LE(ts - sec * 1e6, pos + 4);
      rewriteFrame(buf, pos + RECORD_HEADER, capLen, round);
      pos += len;
      frames++;
    }
    round++;
    if (round % 4 === 0) log(`  round ${round}: ${((bytes + pos) / 1e6).toFixed(0)} MB`);
  }
  flush();
  closeSync(fd);
  renameSync(partial, out);

  const result: BenchCapture = {
    path: out,
    bytes,
    frames,
    rounds: round,
    inputs: files.length,
    framesPerRound: perRound,
    skipped: tpl.skipped,
    sha256: hash.digest('hex'),
    inputsSha256,
    reused: false,
    buildSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
  const { path: _p, reused: _r, buildSeconds: _t, ...rest } = result;
  const sidecar: Sidecar = { builder: BUILDER_VERSION, sizeBytes: opts.sizeBytes, ...rest };
  writeFileSync(sidecarPath, JSON.stringify(sidecar, null, 2) + '\n');
  return result;
}

function parseArgs(argv: readonly string[]): { size: number; force: boolean } {
  let size = DEFAULT_SIZE;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--size') size = Number(argv[++i]);
    else if (a === '--force') force = true;
    else throw new Error(`unknown argument ${a ?? ''} (use --size BYTES, --force)`);
  }
  if (!Number.isSafeInteger(size) || size < PCAP_HEADER)
    throw new Error('--size needs a byte count');
  return { size, force };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = parseArgs(process.argv.slice(2));
  const cap = buildBenchCapture({
    sizeBytes: args.size,
    force: args.force,
    log: (l) => process.stderr.write(`${l}\n`),
  });
  process.stdout.write(`${JSON.stringify(cap, null, 2)}\n`);
}
