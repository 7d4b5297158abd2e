/**
 * Per-decoder parse rate: for every application decoder in `src/decode/registry.ts` (`DECODERS`),
 * the packets/s, MB/s and events/s of its `parse` on the payloads of the shared captures that
 * carry it.
 *
 * Payloads are extracted once, before any timing, by a small independent parser (Ethernet,
 * VLAN, IPv4/IPv6, TCP/UDP) from every shared capture: TCP flows and UDP datagrams with a port
 * in the decoder's `defaultPorts`, or frames of its `etherTypes`. TCP is put in order per
 * direction (retransmissions dropped, holes passed to `onGap`). A flow is kept when `probe` does
 * not say `no_match` on its first payload. The timed loop then replays every kept flow through
 * `createState` and `parse` as the pipeline would (bytes left by `incomplete` are prepended to
 * the next data; `reject` ends the flow), one untimed pass to warm the JIT, then timed passes
 * until 0.3 s have passed. One "packet" is one payload-carrying frame.
 *
 *   node dist/bench/decode.bench.js [--only modbus,dnp3] [--json]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DEFAULT_LIMITS,
  Direction,
  type AppDecoder,
  type AppEvent,
  type DecodeSink,
} from '../src/decode/decoder.js';
import { listSharedCaptures } from './build-capture.js';
import { readInputCapture } from './capture-input.js';

const MIN_SECONDS = 0.3;
const MAX_PASSES = 200;

/** One piece of a flow: payload bytes in one direction, or a hole of `gap` bytes. */
interface Chunk {
  dir: Direction;
  data: Uint8Array;
  gap: number;
}

interface BenchFlow {
  chunks: Chunk[];
  /** TCP: next expected sequence number per direction (NaN before the first segment). */
  next: [number, number];
}

/** One decoder's result. */
export interface DecoderRow {
  id: string;
  transport: string;
  flows: number;
  packets: number;
  bytes: number;
  events: number;
  anomalies: number;
  rejects: number;
  bugs: number;
  packetsPerSec: number;
  mbPerSec: number;
  eventsPerSec: number;
}

interface Parsed {
  etherType: number;
  l2Off: number;
  proto: number;
  key: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  syn: boolean;
  payOff: number;
  payEnd: number;
}

/** Minimal Ethernet/VLAN/IP/TCP/UDP parse for payload extraction (setup only, not timed). */
function parseFrame(d: Uint8Array, file: number): Parsed | null {
  if (d.length < 14) return null;
  let off = 12;
  let et = (d[off]! << 8) | d[off + 1]!;
  while ((et === 0x8100 || et === 0x88a8) && off + 6 <= d.length) {
    off += 4;
    et = (d[off]! << 8) | d[off + 1]!;
  }
  off += 2;
  const p: Parsed = {
    etherType: et,
    l2Off: off,
    proto: 0,
    key: '',
    srcPort: 0,
    dstPort: 0,
    seq: 0,
    syn: false,
    payOff: 0,
    payEnd: 0,
  };
  let l4 = 0;
  let end = d.length;
  let src = '';
  let dst = '';
  if (et === 0x0800 && off + 20 <= d.length) {
    const ihl = (d[off]! & 0x0f) * 4;
    const total = (d[off + 2]! << 8) | d[off + 3]!;
    const frag = ((d[off + 6]! << 8) | d[off + 7]!) & 0x3fff;
    if (frag !== 0) return p;
    p.proto = d[off + 9]!;
    src = d.subarray(off + 12, off + 16).join('.');
    dst = d.subarray(off + 16, off + 20).join('.');
    l4 = off + ihl;
    end = Math.min(d.length, off + total);
  } else if (et === 0x86dd && off + 40 <= d.length) {
    p.proto = d[off + 6]!;
    src = Buffer.from(d.subarray(off + 8, off + 24)).toString('hex');
    dst = Buffer.from(d.subarray(off + 24, off + 40)).toString('hex');
    l4 = off + 40;
    end = Math.min(d.length, off + 40 + ((d[off + 4]! << 8) | d[off + 5]!));
  } else {
    return p;
  }
  if (p.proto === 6 && l4 + 20 <= end) {
    p.srcPort = (d[l4]! << 8) | d[l4 + 1]!;
    p.dstPort = (d[l4 + 2]! << 8) | d[l4 + 3]!;
    p.seq = ((d[l4 + 4]! << 24) | (d[l4 + 5]! << 16) | (d[l4 + 6]! << 8) | d[l4 + 7]!) >>> 0;
    p.syn = (d[l4 + 13]! & 0x02) !== 0;
    p.payOff = l4 + (d[l4 + 12]! >>> 4) * 4;
  } else if (p.proto === 17 && l4 + 8 <= end) {
    p.srcPort = (d[l4]! << 8) | d[l4 + 1]!;
    p.dstPort = (d[l4 + 2]! << 8) | d[l4 + 3]!;
    p.payOff = l4 + 8;
  } else {
    p.proto = 0;
    return p;
  }
  p.payEnd = end;
  const a = `${src}:${p.srcPort}`;
  const b = `${dst}:${p.dstPort}`;
  p.key = `${file}|${p.proto}|${a < b ? `${a}|${b}` : `${b}|${a}`}`;
  return p;
}

function addTcp(flow: BenchFlow, dir: Direction, p: Parsed, d: Uint8Array): void {
  let next = flow.next[dir];
  if (p.syn) {
    flow.next[dir] = (p.seq + 1) >>> 0;
    return;
  }
  const len = p.payEnd - p.payOff;
  if (len <= 0) return;
  if (Number.isNaN(next)) next = p.seq;
  const rel = (p.seq - next) | 0;
  let skip = 0;
  if (rel > 0) flow.chunks.push({ dir, data: new Uint8Array(0), gap: rel });
  else if (rel < 0) skip = -rel;
  if (skip >= len) return;
  flow.chunks.push({ dir, data: d.slice(p.payOff + skip, p.payEnd), gap: 0 });
  flow.next[dir] = (p.seq + len) >>> 0;
}

/** Extracts every decoder's flows from the shared captures. */
function extract(decoders: readonly AppDecoder<unknown>[]): Map<string, BenchFlow[]> {
  const flows = new Map<string, Map<string, BenchFlow>>();
  for (const dec of decoders) flows.set(dec.id, new Map());
  const files = listSharedCaptures();
  files.forEach((f, fileNo) => {
    for (const fr of readInputCapture(f.abs).frames) {
      const p = parseFrame(fr.data, fileNo);
      if (p === null) continue;
      for (const dec of decoders) {
        const own = flows.get(dec.id)!;
        if (dec.transport === 'ether') {
          if (!dec.etherTypes?.includes(p.etherType)) continue;
          const key = `${fileNo}|ether`;
          const fl = own.get(key) ?? { chunks: [], next: [NaN, NaN] };
          own.set(key, fl);
          fl.chunks.push({ dir: Direction.TO_SERVER, data: fr.data.slice(p.l2Off), gap: 0 });
          continue;
        }
        // A tcp decoder that lists `udpPorts` also gets datagrams (DNS, FINS, DNP3 over UDP):
        // those flows make a row of their own, `<id>/udp`.
        const asUdp = dec.transport === 'tcp' && p.proto === 17 && dec.udpPorts !== undefined;
        if (
          (dec.transport === 'tcp' && p.proto !== 6 && !asUdp) ||
          (dec.transport === 'udp' && p.proto !== 17)
        )
          continue;
        const ports = asUdp ? (dec.udpPorts ?? []) : dec.defaultPorts;
        const toServer = ports.includes(p.dstPort);
        if (!toServer && !ports.includes(p.srcPort)) continue;
        const dir = toServer ? Direction.TO_SERVER : Direction.TO_CLIENT;
        const rowFlows = asUdp ? udpFlows(flows, dec.id) : own;
        const fl = rowFlows.get(p.key) ?? { chunks: [], next: [NaN, NaN] };
        rowFlows.set(p.key, fl);
        if (p.proto === 6) addTcp(fl, dir, p, fr.data);
        else fl.chunks.push({ dir, data: fr.data.slice(p.payOff, p.payEnd), gap: 0 });
      }
    }
  });
  const out = new Map<string, BenchFlow[]>();
  for (const [key, byKey] of flows) {
    const dec = decoders.find((d) => d.id === key.split('/')[0]);
    if (dec === undefined) continue;
    const kept = [...byKey.values()].filter((fl) => {
      const first = fl.chunks.find((c) => c.gap === 0 && c.data.length > 0);
      if (first === undefined) return false;
      try {
        return dec.probe(first.data, first.dir) !== 'no_match';
      } catch {
        return true;
      }
    });
    out.set(key, kept);
  }
  return out;
}

/** The flows of `<id>/udp`, the datagrams of a tcp decoder's `udpPorts`. */
function udpFlows(flows: Map<string, Map<string, BenchFlow>>, id: string): Map<string, BenchFlow> {
  const key = `${id}/udp`;
  let m = flows.get(key);
  if (m === undefined) {
    m = new Map();
    flows.set(key, m);
  }
  return m;
}

class CountingSink implements DecodeSink {
  events = 0;
  anomalies = 0;
  emit(_event: AppEvent): void {
    this.events++;
  }
  anomaly(_name: string, _detail?: string): void {
    this.anomalies++;
  }
  confirm(): void {}
}

interface PassTotals {
  rejects: number;
  bugs: number;
}

/** Replays every flow once through the decoder, as the pipeline feeds it. */
function pass(
  dec: AppDecoder<unknown>,
  transport: 'tcp' | 'udp' | 'ether',
  flows: readonly BenchFlow[],
  sink: CountingSink,
  t: PassTotals,
): void {
  const stream = transport === 'tcp';
  for (const fl of flows) {
    const state = dec.createState(DEFAULT_LIMITS, transport);
    const pending: [Uint8Array | null, Uint8Array | null] = [null, null];
    try {
      for (const c of fl.chunks) {
        if (c.gap > 0) {
          pending[c.dir] = null;
          dec.onGap?.(state, c.dir, c.gap);
          continue;
        }
        let data = c.data;
        const held = pending[c.dir];
        if (stream && held !== null) {
          data = new Uint8Array(held.length + c.data.length);
          data.set(held, 0);
          data.set(c.data, held.length);
        }
        const st = dec.parse(state, data, c.dir, sink);
        if (st.kind === 'reject') {
          t.rejects++;
          break;
        }
        pending[c.dir] =
          stream &&
          st.kind === 'incomplete' &&
          data.length - st.consumed <= DEFAULT_LIMITS.maxPduBytes
            ? data.subarray(st.consumed)
            : null;
      }
    } catch {
      t.bugs++;
    }
  }
}

function benchDecoder(
  dec: AppDecoder<unknown>,
  transport: 'tcp' | 'udp' | 'ether',
  flows: readonly BenchFlow[],
): DecoderRow {
  let packets = 0;
  let bytes = 0;
  for (const fl of flows) {
    for (const c of fl.chunks) {
      if (c.gap === 0) {
        packets++;
        bytes += c.data.length;
      }
    }
  }
  const warm = new CountingSink();
  const once: PassTotals = { rejects: 0, bugs: 0 };
  pass(dec, transport, flows, warm, once);
  const sink = new CountingSink();
  const t: PassTotals = { rejects: 0, bugs: 0 };
  let passes = 0;
  const t0 = process.hrtime.bigint();
  let secs = 0;
  do {
    pass(dec, transport, flows, sink, t);
    passes++;
    secs = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (secs < MIN_SECONDS && passes < MAX_PASSES);
  const perPass = secs / passes;
  return {
    id: dec.id,
    transport,
    flows: flows.length,
    packets,
    bytes,
    events: warm.events,
    anomalies: warm.anomalies,
    rejects: once.rejects,
    bugs: once.bugs,
    packetsPerSec: perPass > 0 ? packets / perPass : 0,
    mbPerSec: perPass > 0 ? bytes / perPass / 1e6 : 0,
    eventsPerSec: perPass > 0 ? warm.events / perPass : 0,
  };
}

function formatRows(rows: readonly DecoderRow[]): string {
  const n = (v: number, d = 0): string =>
    v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const head = [
    'decoder',
    'transport',
    'flows',
    'packets',
    'events',
    'anomalies',
    'rejects',
    'bugs',
    'packets/s',
    'MB/s',
    'events/s',
  ];
  const body = rows.map((r) => [
    r.id,
    r.transport,
    n(r.flows),
    n(r.packets),
    n(r.events),
    n(r.anomalies),
    n(r.rejects),
    n(r.bugs),
    n(r.packetsPerSec),
    n(r.mbPerSec, 1),
    n(r.eventsPerSec),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (i < 2 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...body.map(line)].join('\n');
}

/** Result of the whole run (`--json` prints it as one line). */
export interface DecodeBenchResult {
  status: 'ok' | 'na';
  note?: string;
  rows: DecoderRow[];
  text: string;
}

/** Runs the per-decoder benchmark (all registered decoders, or those in `only`). */
export async function runDecodeBench(only: ReadonlySet<string> | null): Promise<DecodeBenchResult> {
  const url = new URL('../src/decode/registry.js', import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    return { status: 'na', note: 'not built: src/decode/registry.ts', rows: [], text: '' };
  let reg: { DECODERS?: readonly AppDecoder<unknown>[] };
  try {
    reg = (await import(url.href)) as typeof reg;
  } catch (err) {
    return {
      status: 'na',
      note: `src/decode/registry.ts failed to load: ${(err as Error).message}`,
      rows: [],
      text: '',
    };
  }
  const decoders = (reg.DECODERS ?? []).filter((d) => only === null || only.has(d.id));
  if (decoders.length === 0)
    return { status: 'na', note: 'no decoder registered', rows: [], text: '' };
  const flows = extract(decoders);
  const rows = decoders.flatMap((d) => {
    const main = benchDecoder(d, d.transport, flows.get(d.id) ?? []);
    const udp = flows.get(`${d.id}/udp`);
    return udp === undefined ? [main] : [main, benchDecoder(d, 'udp', udp)];
  });
  return { status: 'ok', rows, text: formatRows(rows) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const oi = argv.indexOf('--only');
  const only = oi >= 0 ? new Set((argv[oi + 1] ?? '').split(',')) : null;
  runDecodeBench(only).then(
    (r) => {
      if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(r)}\n`);
      else process.stdout.write(r.status === 'ok' ? `${r.text}\n` : `n/a (${r.note ?? ''})\n`);
    },
    (err: unknown) => {
      process.stderr.write(
        `decode.bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
