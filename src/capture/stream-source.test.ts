// Stream sources: any Readable, a pipe from another process, and the real standard input of a
// child process fed by `cat file |` and `tcpdump -r file -w - |`; each runs the conformance suite.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlatformError } from '../core/errors.js';
import { Prng } from '../../test/helpers/prng.js';
import { collect, runSourceSuite } from './source.case.test.js';
import { StreamSource, stdinSource } from './stream-source.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const pcaps = path.resolve(repoRoot, '../shared/data/pcaps');
const require = process.env['PALISADE_REQUIRE_SERVICES'] === '1';
const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const hasData = existsSync(path.join(pcaps, 'MANIFEST.tsv'));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'palisade-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Splits `bytes` into Buffers of random sizes (1..max), as a pipe might deliver them. */
function randomChunks(bytes: Uint8Array, seed: number, max: number): Buffer[] {
  const rng = new Prng(seed);
  const out: Buffer[] = [];
  for (let off = 0; off < bytes.length;) {
    const n = Math.min(bytes.length - off, 1 + rng.int(max));
    out.push(Buffer.from(bytes.subarray(off, off + n)));
    off += n;
  }
  return out;
}

let seed = 1;
runSourceSuite({
  name: 'StreamSource over a Readable',
  fromBytes: (bytes, name) => {
    const chunks = randomChunks(bytes, seed++, 30);
    return new StreamSource(name, () => Readable.from(chunks));
  },
});

let fileSeq = 0;
runSourceSuite({
  name: 'StreamSource over a pipe from `cat`',
  fromBytes: (bytes, name) => {
    const file = path.join(tmp, `${fileSeq++}-${name}`);
    writeFileSync(file, bytes);
    return new StreamSource(
      name,
      () => spawn('cat', [file], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout,
    );
  },
});

/**
 * Runs `shell` with NODE standing for a child Node process that reads `openCapture('-')` from
 * its standard input, and $CAPTURE_FILE for `file`.
 */
function readStdinInChild(
  shell: string,
  file: string,
): Promise<{ frames: number; error: string | null; code: string | null }> {
  const indexUrl = pathToFileURL(path.join(here, 'index.ts')).href;
  const script = [
    `const { openCapture } = await import(${JSON.stringify(indexUrl)});`,
    `const r = await openCapture('-').read(() => {});`,
    `process.stdout.write(JSON.stringify({ frames: r.frames, error: r.error?.message ?? null, code: r.error?.code ?? null }));`,
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'sh',
      [
        '-c',
        shell.replace('NODE', '"$1" --import tsx --input-type=module -e "$2"'),
        'sh',
        process.execPath,
        script,
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CAPTURE_FILE: file },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited ${code}: ${err}`));
      else
        resolve(JSON.parse(out) as { frames: number; error: string | null; code: string | null });
    });
  });
}

describe('standard input', () => {
  const dataTest = hasData || require ? it : it.skip;
  const tcpdumpTest = (hasData && hasTcpdump) || require ? it : it.skip;

  dataTest('reads a pcapng capture (a `.pcap` on disk) piped in with `cat`', async () => {
    const file = path.join(pcaps, 'opcua/open62541_browse_next.pcap');
    expect(await readStdinInChild('cat "$CAPTURE_FILE" | NODE', file)).toEqual({
      frames: 752,
      error: null,
      code: null,
    });
  });

  tcpdumpTest('reads the output of `tcpdump -w -` piped in', async () => {
    const file = path.join(pcaps, 'modbus/modbusSmall.pcap');
    const res = await readStdinInChild('tcpdump -r "$CAPTURE_FILE" -w - 2>/dev/null | NODE', file);
    expect(res).toEqual({ frames: 166, error: null, code: null });
  });

  dataTest('reads standard input redirected from a file', async () => {
    const file = path.join(pcaps, 'modbus/modbusSmall.pcap');
    expect(await readStdinInChild('NODE < "$CAPTURE_FILE"', file)).toEqual({
      frames: 166,
      error: null,
      code: null,
    });
  });

  dataTest('reports a truncated capture on standard input with the name `-`', async () => {
    const file = path.join(pcaps, 'melsec/melsoft_129_clean.pcap');
    const res = await readStdinInChild('cat "$CAPTURE_FILE" | NODE', file);
    expect(res.frames).toBe(2041);
    expect(res.code).toBe('ERR_CAPTURE_TRUNCATED');
    expect(res.error).toBe('-: truncated record at byte 331665 (frame 2042)');
  });

  it('refuses a terminal and passes on stream errors as ERR_CAPTURE_READ', async () => {
    if (process.stdin.isTTY === true) {
      const err: unknown = await stdinSource()
        .read(() => undefined)
        .catch((e: unknown) => e);
      expect(isPlatformError(err, 'ERR_CAPTURE_OPEN')).toBe(true);
    }
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: device gone'));
      },
    });
    const { result } = await collect(new StreamSource('dev', () => failing));
    expect(isPlatformError(result.error, 'ERR_CAPTURE_READ')).toBe(true);
    expect(result.error?.message).toContain('EIO: device gone');
  });

  it('resolves at once when the stream was already read to its end', async () => {
    const stream = Readable.from([Buffer.from('x')]);
    const src = new StreamSource('once', () => stream);
    expect((await collect(src)).result.error?.code).toBe('ERR_CAPTURE_FORMAT');
    const again = await collect(src);
    expect(again.result.error?.message).toBe('once: empty input, not a capture');
  });

  it('turns a failure to open the stream into ERR_CAPTURE_OPEN', async () => {
    const src = new StreamSource('broken', () => {
      throw new Error('no stream');
    });
    const err: unknown = await src.read(() => undefined).catch((e: unknown) => e);
    expect(isPlatformError(err, 'ERR_CAPTURE_OPEN')).toBe(true);
  });
});
