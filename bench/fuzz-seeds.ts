/**
 * The seed corpus of the decoder fuzzer (bench/fuzz.ts): for every decoder, its own byte
 * fixtures (`decode/app/<id>/fixtures.ts`) plus every payload the real pipeline hands it while
 * analysing the shared captures (`../shared/data/pcaps`, the files listed in MANIFEST.tsv).
 *
 * The captures are read by the product's own code, not by a parser of our own: the capture
 * reader, the frame decoder, the flow table, TCP reassembly and protocol recognition of the
 * {@link Engine}. Each decoder is wrapped in a recording decoder with the same id, ports and
 * probe whose `parse` copies what it is given, then calls the real one. So a seed is exactly a
 * buffer the pipeline passed to `parse` (a segment's in-order bytes, or a PDU completed by the
 * stream feeder, or one UDP datagram), and the pieces of one flow, in order, form a real
 * conversation that the fuzzer replays through one state to reach request/response pairing and
 * transport reassembly.
 *
 * A decoder that also runs over UDP (`udpPorts`) is wrapped twice, once per transport, so each
 * piece knows whether the pipeline fed it through the stream feeder or as a datagram.
 */
import { existsSync } from 'node:fs';
import { openCapture } from '../src/capture/index.js';
import type {
  AppDecoder,
  DecodeSink,
  DecoderFixture,
  DecoderLimits,
  Direction,
  ParseStatus,
} from '../src/decode/decoder.js';
import { Engine } from '../src/pipeline/engine.js';
import { listSharedCaptures } from './build-capture.js';
import { sharedPcapsDir } from './paths.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecoder = AppDecoder<any>;

/** Bytes the pipeline passes to `parse` in one call. */
export interface Piece {
  readonly dir: Direction;
  readonly bytes: Uint8Array;
  /** True for a UDP datagram or an Ethernet frame (parsed whole), false for TCP stream bytes. */
  readonly datagram: boolean;
}

/** What the fuzzer mutates for one decoder. */
export interface Corpus {
  readonly id: string;
  /** Distinct pieces: fixtures first, then capture payloads. */
  readonly seeds: readonly Piece[];
  /** The fixtures in array order (one conversation by the fixture contract). */
  readonly fixtures: readonly Piece[];
  /** Real flows with two pieces or more, each in the order the pipeline fed it. */
  readonly conversations: readonly (readonly Piece[])[];
  /** How many seeds came from fixtures and from the captures. */
  readonly fromFixtures: number;
  readonly fromCaptures: number;
  /** Shared captures read (0 when the shared data is missing). */
  readonly captures: number;
}

/** Pieces recorded per flow (longer flows add nothing the first ones do not). */
const MAX_PIECES_PER_FLOW = 1_000;
/** Seeds kept per decoder; more are thinned evenly. */
const MAX_SEEDS = 40_000;
/** Conversations kept per decoder; more are thinned evenly. */
const MAX_CONVERSATIONS = 4_000;
/** Seeds longer than this are left out (a few 64 KiB reassembled buffers would dominate). */
const MAX_SEED_BYTES = 16_384;

interface TapState {
  inner: unknown;
  flow: Piece[];
}

/** A decoder that records what `parse` receives and forwards everything to `d`. */
function tap(d: AnyDecoder, datagram: boolean, flows: Piece[][]): AppDecoder<TapState> {
  const udpOnly = datagram && d.transport === 'tcp';
  const base: AppDecoder<TapState> = {
    id: d.id,
    transport: udpOnly ? 'udp' : d.transport,
    defaultPorts: udpOnly ? (d.udpPorts ?? []) : d.defaultPorts,
    anomalies: d.anomalies,
    probe: (data: Uint8Array, dir: Direction) => d.probe(data, dir),
    createState(limits: DecoderLimits): TapState {
      const flow: Piece[] = [];
      flows.push(flow);
      return { inner: d.createState(limits), flow };
    },
    parse(s: TapState, data: Uint8Array, dir: Direction, sink: DecodeSink): ParseStatus {
      if (s.flow.length < MAX_PIECES_PER_FLOW && data.length > 0) {
        s.flow.push({ dir, bytes: data.slice(), datagram });
      }
      return d.parse(s.inner, data, dir, sink);
    },
    onGap(s: TapState, dir: Direction, size: number): void {
      d.onGap?.(s.inner, dir, size);
    },
  };
  return d.etherTypes === undefined ? base : { ...base, etherTypes: d.etherTypes };
}

/** Every `step`-th element, so that at most `max` remain (deterministic thinning). */
function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

/** The fixtures of decoder `id` (`decode/app/<id>/fixtures.ts`), empty when it has none. */
async function loadFixtures(id: string): Promise<readonly DecoderFixture[]> {
  const url = new URL(`../src/decode/app/${id}/fixtures.js`, import.meta.url);
  try {
    const mod = (await import(url.href)) as { fixtures?: readonly DecoderFixture[] };
    return mod.fixtures ?? [];
  } catch {
    return [];
  }
}

/**
 * Builds the corpus of every decoder in `decoders`: loads their fixtures and runs the shared
 * captures through the pipeline once with all of them tapped.
 *
 * @param onFile called after each capture (for progress output).
 */
export async function buildCorpora(
  decoders: readonly AnyDecoder[],
  onFile?: (done: number, total: number) => void,
): Promise<Map<string, Corpus>> {
  const flowsById = new Map<string, Piece[][]>();
  const taps: AppDecoder<TapState>[] = [];
  for (const d of decoders) {
    const flows: Piece[][] = [];
    flowsById.set(d.id, flows);
    taps.push(tap(d, d.transport !== 'tcp', flows));
    if (d.transport === 'tcp' && d.udpPorts !== undefined) taps.push(tap(d, true, flows));
  }

  let captures = 0;
  const dir = sharedPcapsDir();
  if (existsSync(dir)) {
    const files = listSharedCaptures(dir);
    const engine = new Engine(
      { decoders: taps as AppDecoder<unknown>[], eventLines: false },
      { event: () => undefined, flow: () => undefined },
    );
    for (let i = 0; i < files.length; i++) {
      const f = files[i] as (typeof files)[number];
      engine.beginCapture(i + 1);
      await openCapture(f.abs).read((frame) => engine.frame(frame));
      engine.finishCapture();
      captures++;
      onFile?.(i + 1, files.length);
    }
  }

  const out = new Map<string, Corpus>();
  for (const d of decoders) {
    const fixtures: Piece[] = (await loadFixtures(d.id)).map((f) => ({
      dir: f.dir,
      bytes: f.bytes,
      datagram: d.transport !== 'tcp',
    }));
    const seen = new Set<string>();
    /** True the first time a usable piece is seen (same direction, transport and bytes). */
    const fresh = (p: Piece): boolean => {
      if (p.bytes.length === 0 || p.bytes.length > MAX_SEED_BYTES) return false;
      const key = `${p.dir}${p.datagram ? 'd' : 's'}${Buffer.from(p.bytes).toString('latin1')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const seeds = fixtures.filter(fresh);
    const fromFixtures = seeds.length;
    const captured: Piece[] = [];
    const flows = flowsById.get(d.id) ?? [];
    for (const fl of flows) for (const p of fl) if (fresh(p)) captured.push(p);
    const keptCaptured = thin(captured, Math.max(0, MAX_SEEDS - seeds.length));
    seeds.push(...keptCaptured);
    const conversations = thin(
      flows.filter((fl) => fl.length >= 2),
      MAX_CONVERSATIONS,
    );
    if (fixtures.length >= 2) conversations.push(fixtures);
    out.set(d.id, {
      id: d.id,
      seeds,
      fixtures,
      conversations,
      fromFixtures,
      fromCaptures: keptCaptured.length,
      captures,
    });
  }
  return out;
}
