/**
 * The application decoder conformance suite (STYLE.md sections 4, 5.3 and 10): every decoder
 * in the registry runs it through `conformance.test.ts`; it is never run directly.
 *
 * What it proves, per decoder:
 * - the descriptor is well formed (id, anomaly catalogue, event kinds, ports);
 * - `probe` says `match` on the decoder's normal fixtures and `no_match` on every other
 *   protocol's, and is pure;
 * - truncating a fixture at any offset never throws, and splitting it there gives the events
 *   of the whole;
 * - feeding the fixtures one byte at a time (through the pipeline's StreamFeeder) gives exactly
 *   the events, anomalies and verdicts of feeding them whole;
 * - input given as a subarray at a non-zero byteOffset gives identical results;
 * - 10,000 fuzzed buffers (mutated fixtures and random bytes, fixed seed) never throw, never
 *   make the feeder see an impossible status, and decode the same under random chunking;
 * - every anomaly emitted is declared; every event is JSON-serialisable as is, of a declared
 *   kind starting with `<id>.`;
 * - `rules/anomalies/<id>.yml` has one Sigma rule per declared anomaly.
 */
import { parseAllDocuments } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { atOffset, concatBytes } from '../../test/helpers/hex.js';
import { Prng } from '../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from './decoder.js';
import type { AppDecoder, AppEvent, DecodeSink, DecoderFixture, DecoderLimits } from './decoder.js';
import { StreamFeeder } from './stream-feeder.js';

/** The checks of the suite, for skip lists. */
export type SuiteCheck =
  'descriptor' | 'probe' | 'truncation' | 'chunking' | 'byte-offset' | 'fuzz' | 'rules';

export interface DecoderSuiteOptions {
  /** Fixtures that must not be claimed by this decoder's probe (other protocols'). */
  readonly foreign?: readonly DecoderFixture[];
  /** Checks to skip, each with its reason (Hono `common.case.test.ts` style). */
  readonly skip?: readonly { readonly reason: string; readonly tests: readonly SuiteCheck[] }[];
  /** Limits to decode with (default DEFAULT_LIMITS). */
  readonly limits?: DecoderLimits;
  /** Fuzz cases (default 10,000) and seed (default 0x00c0ffee). */
  readonly fuzzRuns?: number;
  readonly seed?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecoder = AppDecoder<any>;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One step of what a decoder did: the trace two runs are compared on. */
type Step = string;

/** A sink that records everything and checks it against the descriptor as it goes. */
class RecordingSink implements DecodeSink {
  readonly trace: Step[] = [];
  readonly errors: string[] = [];
  constructor(private readonly decoder: AnyDecoder) {}

  emit(event: AppEvent): void {
    const id = this.decoder.id;
    let json = '';
    try {
      json = JSON.stringify(event);
    } catch (err) {
      this.errors.push(`event not serialisable: ${String(err)}`);
    }
    if (json !== '' && !isDeepStrictEqual(JSON.parse(json), event)) {
      this.errors.push(`event changes through JSON (undefined, NaN, typed array?): ${json}`);
    }
    if (typeof event.kind !== 'string' || !event.kind.startsWith(`${id}.`)) {
      this.errors.push(`event kind ${String(event.kind)} does not start with ${id}.`);
    }
    const kinds = this.decoder.eventKinds;
    if (kinds !== undefined && !kinds.includes(event.kind)) {
      this.errors.push(`event kind ${event.kind} is not declared in eventKinds`);
    }
    this.trace.push(`event ${json}`);
  }

  anomaly(name: string, detail?: string): void {
    if (!Object.hasOwn(this.decoder.anomalies, name)) {
      this.errors.push(`anomaly ${name} is not declared in the catalogue`);
    }
    this.trace.push(`anomaly ${name} ${detail ?? ''}`);
  }

  confirm(): void {
    this.trace.push('confirm');
  }
}

/** A piece of a stream: bytes in one direction. */
interface Piece {
  readonly dir: Direction;
  readonly bytes: Uint8Array;
}

/**
 * Feeds `pieces` in order into one fresh state, as the pipeline does: through a StreamFeeder,
 * each piece cut into chunks by `cut` (a list of chunk sizes, or whole), for a stream decoder;
 * one `parse` call per piece for a datagram decoder (`cut` does not apply: the pipeline never
 * splits a datagram or a frame). Stops at a reject, as the pipeline does.
 */
function run(
  decoder: AnyDecoder,
  limits: DecoderLimits,
  pieces: readonly Piece[],
  cut: (len: number) => readonly number[] = (len) => [len],
): RecordingSink {
  const sink = new RecordingSink(decoder);
  // Told its transport as the pipeline tells it: frame and datagram decoders one PDU per call.
  const state: unknown = decoder.createState(
    limits,
    isDatagram(decoder) ? decoder.transport : 'tcp',
  );
  if (isDatagram(decoder)) {
    for (const p of pieces) {
      const res = decoder.parse(state, p.bytes, p.dir, sink);
      if (res.kind === 'ok') continue;
      if (res.kind === 'reject') {
        sink.trace.push(`feed reject ${res.anomaly}`);
        return sink;
      }
      if (res.kind === 'incomplete') sink.trace.push('feed incomplete');
      else sink.errors.push('decoder returned an impossible status');
    }
    return sink;
  }
  const feeder = new StreamFeeder(limits.maxPduBytes);
  for (const p of pieces) {
    let off = 0;
    for (const size of cut(p.bytes.length)) {
      const problem = feeder.push(decoder, state, p.bytes.subarray(off, off + size), p.dir, sink);
      off += size;
      if (problem === null) continue;
      sink.trace.push(
        `feed ${problem.kind}${problem.kind === 'reject' ? ` ${problem.anomaly}` : problem.kind === 'upgrade' ? ` ${problem.protocol}` : ''}`,
      );
      if (problem.kind === 'bug') sink.errors.push('decoder returned an impossible status');
      // A reject ends the flow for the decoder, a hand-over gives it to another one.
      if (problem.kind === 'reject' || problem.kind === 'upgrade') return sink;
    }
  }
  return sink;
}

/**
 * True for a decoder the pipeline hands whole datagrams or Ethernet frames (`transport` udp or
 * ether): one PDU per call, never split, so the stream checks (a split at any offset, one byte
 * at a time) do not apply and are replaced by datagram ones.
 */
function isDatagram(decoder: AnyDecoder): boolean {
  return decoder.transport !== 'tcp';
}

const ones = (len: number): number[] => new Array<number>(len).fill(1);

function randomCuts(rng: Prng): (len: number) => number[] {
  return (len) => {
    const out: number[] = [];
    let left = len;
    while (left > 0) {
      const n = Math.min(left, rng.chance(0.3) ? 1 : rng.range(1, 64));
      out.push(n);
      left -= n;
    }
    return out;
  };
}

/** A mutated copy of one or two fixtures, or random bytes (fuzz case generator). */
function fuzzCase(rng: Prng, seeds: readonly DecoderFixture[]): Piece {
  const dir = rng.chance(0.5) ? Direction.TO_SERVER : Direction.TO_CLIENT;
  const mode = rng.int(10);
  if (seeds.length === 0 || mode === 0) return { dir, bytes: rng.bytes(rng.int(300)) };
  let bytes: Uint8Array = rng.pick(seeds).bytes.slice();
  if (mode === 1) bytes = concatBytes(bytes, rng.pick(seeds).bytes);
  const edits = rng.range(1, 6);
  for (let e = 0; e < edits && bytes.length > 0; e++) {
    const at = rng.int(bytes.length);
    switch (rng.int(8)) {
      case 0:
        bytes[at] = (bytes[at] as number) ^ (1 << rng.int(8));
        break;
      case 1:
        bytes[at] = rng.pick([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
        break;
      case 2:
        bytes[at] = rng.int(256);
        break;
      case 3:
        bytes = bytes.slice(0, at);
        break;
      case 4:
        bytes = concatBytes(bytes.subarray(0, at), rng.bytes(rng.range(1, 16)), bytes.subarray(at));
        break;
      case 5:
        bytes = concatBytes(
          bytes.subarray(0, at),
          bytes.subarray(Math.min(bytes.length, at + rng.range(1, 8))),
        );
        break;
      case 6:
        // Random tail: lets a mutated length field find the bytes it asks for.
        bytes = concatBytes(bytes, rng.bytes(rng.range(1, 300)));
        break;
      default:
        // Interesting 16-bit values (lengths, counts) at an even offset.
        if (at + 1 < bytes.length) {
          const v = rng.pick([0x0000, 0x0001, 0x00ff, 0x0100, 0x7fff, 0x8000, 0xfffe, 0xffff]);
          bytes[at] = v >> 8;
          bytes[at + 1] = v & 0xff;
        }
    }
  }
  return { dir, bytes };
}

/** Parses the Sigma rules of `rules/anomalies/<id>.yml` into the few fields the suite checks. */
function readAnomalyRules(
  file: string,
): { name: string; id: string; level: string; tags: string[] }[] {
  const text = readFileSync(file, 'utf8');
  // Every document must be valid YAML (a title with a colon needs quotes), as Sigma tools read it.
  for (const d of parseAllDocuments(text)) {
    const err = d.errors[0];
    if (err) throw new Error(`${file}: ${err.message.split('\n')[0] ?? err.code}`);
  }
  const docs = text.split(/^---\s*$/m);
  const rules: { name: string; id: string; level: string; tags: string[] }[] = [];
  for (const doc of docs) {
    if (!/^title:/m.test(doc)) continue;
    rules.push({
      name: /^\s+anomaly\.name:\s*(\S+)\s*$/m.exec(doc)?.[1] ?? '',
      id: /^id:\s*(\S+)\s*$/m.exec(doc)?.[1] ?? '',
      level: /^level:\s*(\S+)\s*$/m.exec(doc)?.[1] ?? '',
      tags: [...doc.matchAll(/^\s+-\s+(attack\.\S+)\s*$/gm)].map((m) => m[1] as string),
    });
  }
  return rules;
}

/** ATT&CK technique ids (ICS and Enterprise) from the shared reference data, or null. */
function attackTechniqueIds(): Set<string> | null {
  const dir = path.resolve(REPO_ROOT, '../shared/data/reference');
  const files = ['attack-ics.json', 'attack-enterprise.json'].map((f) => path.join(dir, f));
  if (!files.every((f) => existsSync(f))) {
    if (process.env.PALISADE_REQUIRE_SERVICES === '1') {
      throw new Error(`ATT&CK reference data missing in ${dir}`);
    }
    return null;
  }
  const ids = new Set<string>();
  for (const f of files) {
    const data = JSON.parse(readFileSync(f, 'utf8')) as {
      techniques?: { id: string }[];
      subtechniques?: { id: string }[];
    };
    for (const t of [...(data.techniques ?? []), ...(data.subtechniques ?? [])]) {
      ids.add(t.id.toLowerCase());
    }
  }
  return ids;
}

/**
 * Runs the conformance suite for `decoder` over its `fixtures`.
 *
 * @example
 * runDecoderSuite(modbusDecoder, fixtures, { foreign: FOREIGN_FIXTURES });
 */
export function runDecoderSuite(
  decoder: AnyDecoder,
  fixtures: readonly DecoderFixture[],
  options: DecoderSuiteOptions = {},
): void {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const skipped = new Set((options.skip ?? []).flatMap((s) => s.tests));
  const check = (name: SuiteCheck): typeof describe | typeof describe.skip =>
    skipped.has(name) ? describe.skip : describe;
  const id = decoder.id;
  const pieces: Piece[] = fixtures.map((f) => ({ dir: f.dir, bytes: f.bytes }));
  const datagram = isDatagram(decoder);

  describe(`decoder conformance: ${id}`, () => {
    check('descriptor')('descriptor', () => {
      it('has a lowercase protocol id and a transport', () => {
        expect(id).toMatch(/^[a-z][a-z0-9]*$/);
        expect(['tcp', 'udp', 'ether']).toContain(decoder.transport);
      });

      it('lists valid default ports', () => {
        for (const p of decoder.defaultPorts) {
          expect(Number.isInteger(p) && p > 0 && p < 65536).toBe(true);
        }
      });

      it('declares anomalies named <id>.<snake_case> with a description and a severity', () => {
        const names = Object.keys(decoder.anomalies);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          expect(name).toMatch(new RegExp(`^${id}\\.[a-z][a-z0-9_]*$`));
          const info = decoder.anomalies[name];
          expect(info?.description.length ?? 0).toBeGreaterThan(20);
          expect(['low', 'medium', 'high', 'critical']).toContain(info?.severity);
        }
      });

      it('declares its event kinds as <id>.<snake_case>', () => {
        expect(decoder.eventKinds?.length ?? 0).toBeGreaterThan(0);
        for (const k of decoder.eventKinds ?? [])
          expect(k).toMatch(new RegExp(`^${id}\\.[a-z][a-z0-9_]*$`));
      });

      it('has kebab-case, unique fixtures including normal ones', () => {
        expect(fixtures.some((f) => f.role === 'normal')).toBe(true);
        const names = fixtures.map((f) => f.name);
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      });
    });

    check('probe')('probe', () => {
      it.each(fixtures.filter((f) => f.role === 'normal').map((f) => [f.name, f] as const))(
        'matches its own normal fixture %s',
        (_name, f) => {
          expect(decoder.probe(f.bytes, f.dir)).toBe('match');
          // Pure: same verdict again and on a view at another byteOffset.
          expect(decoder.probe(atOffset(f.bytes), f.dir)).toBe('match');
        },
      );

      const foreign = options.foreign ?? [];
      it.each(foreign.map((f) => [f.name, f] as const))('refuses foreign fixture %s', (_n, f) => {
        expect(decoder.probe(f.bytes, Direction.TO_SERVER)).toBe('no_match');
        expect(decoder.probe(f.bytes, Direction.TO_CLIENT)).toBe('no_match');
      });

      it('never throws on a prefix of any fixture, in either direction', () => {
        for (const f of [...fixtures, ...foreign]) {
          for (let n = 0; n <= f.bytes.length; n++) {
            const prefix = f.bytes.subarray(0, n);
            expect(['match', 'no_match', 'need_more']).toContain(
              decoder.probe(prefix, Direction.TO_SERVER),
            );
            expect(['match', 'no_match', 'need_more']).toContain(
              decoder.probe(prefix, Direction.TO_CLIENT),
            );
          }
        }
      });
    });

    check('truncation')('truncation', () => {
      it.each(fixtures.map((f) => [f.name, f] as const))(
        '%s: every prefix decodes without throwing',
        (_n, f) => {
          for (let n = 0; n <= f.bytes.length; n++) {
            const sink = run(decoder, limits, [{ dir: f.dir, bytes: f.bytes.subarray(0, n) }]);
            expect(sink.errors).toEqual([]);
          }
        },
      );

      it.runIf(datagram).each(fixtures.map((f) => [f.name, f] as const))(
        '%s: every prefix after the whole conversation (a confirmed state) decodes without throwing',
        (_n, f) => {
          for (let n = 0; n <= f.bytes.length; n++) {
            const prefix = { dir: f.dir, bytes: f.bytes.subarray(0, n) };
            expect(run(decoder, limits, [...pieces, prefix]).errors).toEqual([]);
          }
        },
      );

      it.skipIf(datagram).each(fixtures.map((f) => [f.name, f] as const))(
        '%s: a split at any offset decodes as the whole',
        (_n, f) => {
          const whole = run(decoder, limits, [f]).trace;
          for (let k = 0; k <= f.bytes.length; k++) {
            const split = run(decoder, limits, [f], (len) =>
              k === 0 || k === len ? [len] : [k, len - k],
            );
            expect(split.trace).toEqual(whole);
          }
        },
      );
    });

    check('chunking')('chunking', () => {
      it.runIf(datagram)('datagrams: the conversation decodes the same in two fresh states', () => {
        const first = run(decoder, limits, pieces);
        const second = run(decoder, limits, pieces);
        expect(first.errors).toEqual([]);
        expect(first.trace.some((s) => s.startsWith('event '))).toBe(true);
        expect(second.trace).toEqual(first.trace);
      });

      it.skipIf(datagram)(
        'the whole conversation fed one byte at a time gives the same trace as fed whole',
        () => {
          const whole = run(decoder, limits, pieces);
          const bytewise = run(decoder, limits, pieces, ones);
          expect(whole.errors).toEqual([]);
          expect(bytewise.errors).toEqual([]);
          expect(whole.trace.some((s) => s.startsWith('event '))).toBe(true);
          expect(bytewise.trace).toEqual(whole.trace);
        },
      );

      it.skipIf(datagram).each(fixtures.map((f) => [f.name, f] as const))(
        '%s alone: one byte at a time equals whole',
        (_n, f) => {
          const whole = run(decoder, limits, [f]);
          expect(run(decoder, limits, [f], ones).trace).toEqual(whole.trace);
          expect(whole.errors).toEqual([]);
        },
      );
    });

    check('probe')('confirmation', () => {
      it('the normal fixtures confirm the protocol (flow.service; recognition stops there)', () => {
        const normal = fixtures.filter((f) => f.role === 'normal');
        expect(run(decoder, limits, normal).trace).toContain('confirm');
      });
    });

    check('byte-offset')('byte offset', () => {
      it('fixtures given as views at a non-zero byteOffset decode identically', () => {
        const moved = pieces.map((p) => ({ dir: p.dir, bytes: atOffset(p.bytes, 11) }));
        expect(moved.every((p) => p.bytes.byteOffset === 11)).toBe(true);
        expect(run(decoder, limits, moved).trace).toEqual(run(decoder, limits, pieces).trace);
      });
    });

    check('fuzz')('fuzz', () => {
      const runs = options.fuzzRuns ?? 10_000;
      const seed = options.seed ?? 0x00c0ffee;
      it(`${runs} fuzzed buffers never throw and decode the same ${datagram ? 'twice' : 'under random chunking'} (seed ${seed})`, () => {
        const rng = new Prng(seed);
        const cutRng = new Prng(seed ^ 0x5a5a5a5a);
        for (let i = 0; i < runs; i++) {
          const c = fuzzCase(rng, fixtures);
          // One case in three runs after the fixture conversation, on a state that has
          // confirmed the protocol, where malformed input is an anomaly rather than a reject.
          const input = i % 3 === 2 ? [...pieces, c] : [c];
          let whole: RecordingSink;
          let chunked: RecordingSink;
          try {
            decoder.probe(c.bytes, c.dir);
            whole = run(decoder, limits, input);
            chunked = run(decoder, limits, input, randomCuts(cutRng));
          } catch (err) {
            throw new Error(
              `fuzz case ${i} (seed ${seed}) threw on ${Buffer.from(c.bytes).toString('hex')}`,
              {
                cause: err,
              },
            );
          }
          if (whole.errors.length > 0 || chunked.trace.join('\n') !== whole.trace.join('\n')) {
            expect({
              case: i,
              input: Buffer.from(c.bytes).toString('hex'),
              errors: whole.errors,
              trace: chunked.trace,
            }).toEqual({
              case: i,
              input: Buffer.from(c.bytes).toString('hex'),
              errors: [],
              trace: whole.trace,
            });
          }
        }
      });

      it('a long stream of fuzzed buffers through one state stays bounded and never throws', () => {
        const rng = new Prng(seed + 1);
        const sink = run(
          decoder,
          limits,
          Array.from({ length: 2_000 }, () => fuzzCase(rng, fixtures)),
        );
        expect(sink.errors).toEqual([]);
      });
    });

    check('rules')('default Sigma rules', () => {
      it(`rules/anomalies/${id}.yml has one rule per declared anomaly`, () => {
        const file = path.join(REPO_ROOT, 'rules/anomalies', `${id}.yml`);
        const rules = readAnomalyRules(file);
        const names = rules.map((r) => r.name).sort();
        expect(names).toEqual(Object.keys(decoder.anomalies).sort());
        const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
        for (const r of rules) {
          expect(r.id).toMatch(uuid);
          expect(r.level).toBe(decoder.anomalies[r.name]?.severity);
          expect(r.tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t))).toBe(true);
        }
        expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
      });

      it('tags only ATT&CK techniques that exist', (ctx) => {
        const known = attackTechniqueIds();
        if (known === null) {
          ctx.skip();
          return;
        }
        const file = path.join(REPO_ROOT, 'rules/anomalies', `${id}.yml`);
        for (const r of readAnomalyRules(file)) {
          for (const t of r.tags.filter((x) => /^attack\.t\d/.test(x))) {
            expect(known.has(t.slice('attack.'.length)), `${r.name}: ${t}`).toBe(true);
          }
        }
      });
    });
  });
}
