/**
 * Flow layer micro-benchmark and memory measurement.
 *
 * Throughput: established TCP flows (handshake done before timing), then packets spread over
 * them in a pseudo-random order (a full-period LCG over the flow indices): with `--burst 1`
 * consecutive packets never share a flow (the worst case for CPU caches); with `--burst 4`
 * each flow picked sends four packets in a row (request, ACK, response, ACK), closer to what a
 * link shows. One {@link Packet}
 * record is reused and refilled per packet, as the decoder does. Reported per packet:
 * - `lookup`: FlowTable.lookup (find + update: counts, history, TCP state, LRU move);
 * - `lookup+reassembly`: the same plus TcpReassembler.segment delivering 64-byte in-order
 *   payloads to a sink that only counts bytes.
 * Each figure is the best of three timed runs after a warm-up run.
 *
 * Memory (`--memory N`): N concurrent TCP flows opened by one SYN each (distinct source
 * address and port), then a full GC; prints process RSS and heap bytes per flow. With
 * `--streams`, each flow also completes a handshake and carries one 64-byte segment each way
 * through the reassembler (stream state and a recent-bytes window per direction). Run with
 * `--expose-gc` so the numbers are after collection.
 *
 *   node --import tsx bench/flow-table.bench.ts [--flows 1000,100000,1000000] [--burst 1,4] [--packets N]
 *   node --expose-gc --import tsx bench/flow-table.bench.ts --memory 1000000 [--streams] [--json]
 */
import { fileURLToPath } from 'node:url';
import { Counters } from '../src/core/counters.js';
import { IpProto, Packet, PacketKind, TcpFlag } from '../src/decode/packet.js';
import type { Flow } from '../src/flow/flow.js';
import { FlowTable } from '../src/flow/flow-table.js';
import { TcpReassembler } from '../src/flow/tcp-reassembly.js';

const START_SEC = 1_735_689_600;
const PAYLOAD = 64;
const TRIALS = 3;
const SERVER = 0xc0a8010a; // 192.168.1.10
const CLIENT_BASE = 0x0a000000; // 10.0.0.0

/** Frame-shaped buffer: 14 Ethernet + 20 IPv4 + 20 TCP + payload. */
const BUF = new Uint8Array(14 + 20 + 20 + PAYLOAD).fill(0x41);

function fill(
  pkt: Packet,
  i: number,
  fromClient: boolean,
  flags: number,
  seq: number,
  pay: number,
  frame: number,
  sec: number,
): void {
  pkt.frame = frame;
  pkt.tsSec = sec;
  pkt.tsNs = 0;
  pkt.kind = PacketKind.IP;
  pkt.buf = BUF;
  pkt.data = BUF;
  pkt.l3Off = 14;
  pkt.ipVersion = 4;
  pkt.ipProto = IpProto.TCP;
  const client = (CLIENT_BASE + 1 + (i >>> 4)) >>> 0;
  const cport = 1024 + (i & 15);
  pkt.src4 = fromClient ? client : SERVER;
  pkt.dst4 = fromClient ? SERVER : client;
  pkt.srcPort = fromClient ? cport : 502;
  pkt.dstPort = fromClient ? 502 : cport;
  pkt.l4Off = 34;
  pkt.tcpFlags = flags;
  pkt.seq = seq >>> 0;
  pkt.window = 8192;
  pkt.payOff = 54;
  pkt.payLen = pay;
  pkt.payWireLen = pay;
}

interface Rate {
  flows: number;
  burst: number;
  packets: number;
  nsPerPacket: number;
  packetsPerSecond: number;
}

function throughput(nFlows: number, packets: number, reassemble: boolean, burst: number): Rate {
  const counters = new Counters();
  let delivered = 0;
  const r = new TcpReassembler({}, counters, {
    data: (_f, _o, bytes) => {
      delivered += bytes.length;
    },
    gap: () => undefined,
  });
  const table = new FlowTable({ maxFlows: Math.max(nFlows, 16), hashSeed: 1 }, counters, (f) =>
    r.flush(f),
  );
  const pkt = new Packet();
  const cseq = new Int32Array(nFlows);
  const sseq = new Int32Array(nFlows);
  let frame = 1;
  for (let i = 0; i < nFlows; i++) {
    cseq[i] = 1000 + i;
    sseq[i] = 500_000 + i;
    fill(pkt, i, true, TcpFlag.SYN, cseq[i] as number, 0, frame++, START_SEC);
    table.lookup(pkt, 1);
    fill(pkt, i, false, TcpFlag.SYN | TcpFlag.ACK, sseq[i] as number, 0, frame++, START_SEC);
    table.lookup(pkt, 1);
    cseq[i] = (cseq[i] as number) + 1;
    sseq[i] = (sseq[i] as number) + 1;
  }
  // Full-period LCG over a power of two >= nFlows (Hull-Dobell: c odd, a = 1 mod 4).
  let m = 1;
  while (m < nFlows) m *= 2;
  let x = 0;
  const run = (count: number): number => {
    const t0 = process.hrtime.bigint();
    let sec = START_SEC;
    for (let k = 0; k < count; k++) {
      if (k % burst === 0) {
        do x = (Math.imul(x, 1664525) + 1013904223) & (m - 1);
        while (x >= nFlows);
      }
      const fromClient = (k & 1) === 0;
      const seq = fromClient ? (cseq[x] as number) : (sseq[x] as number);
      if ((k & 0x1ffff) === 0) sec++;
      fill(pkt, x, fromClient, TcpFlag.ACK | TcpFlag.PSH, seq, PAYLOAD, frame++, sec);
      if (fromClient) cseq[x] = seq + PAYLOAD;
      else sseq[x] = seq + PAYLOAD;
      const f: Flow = table.lookup(pkt, 1);
      if (reassemble) r.segment(f, pkt, table.lastFromOrig);
    }
    return Number(process.hrtime.bigint() - t0);
  };
  run(Math.min(packets, 200_000)); // warm the JIT
  // Best of three: the machine may be shared, and interference only ever adds time.
  let ns = Infinity;
  for (let t = 0; t < TRIALS; t++) ns = Math.min(ns, run(packets));
  if (reassemble && delivered === 0) console.error('nothing delivered');
  return {
    flows: nFlows,
    burst,
    packets,
    nsPerPacket: ns / packets,
    packetsPerSecond: (packets / ns) * 1e9,
  };
}

interface Memory {
  flows: number;
  streams: boolean;
  externalBytes: number;
  reassemblyMemUsed: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapBytesPerFlow: number;
  buckets: number;
  seconds: number;
}

function memory(n: number, streams: boolean): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const counters = new Counters();
  const table = new FlowTable({ maxFlows: n }, counters, () => undefined);
  const r = new TcpReassembler({}, counters, { data: () => undefined, gap: () => undefined });
  const pkt = new Packet();
  let frame = 1;
  for (let i = 0; i < n; i++) {
    fill(pkt, i, true, TcpFlag.SYN, 1000, 0, frame++, START_SEC);
    table.lookup(pkt, 1);
    if (streams) {
      // One request and one response: both directions get stream state and a recent window.
      fill(pkt, i, false, TcpFlag.SYN | TcpFlag.ACK, 9000, 0, frame++, START_SEC);
      r.segment(table.lookup(pkt, 1), pkt, table.lastFromOrig);
      fill(pkt, i, true, TcpFlag.ACK | TcpFlag.PSH, 1001, PAYLOAD, frame++, START_SEC);
      r.segment(table.lookup(pkt, 1), pkt, table.lastFromOrig);
      fill(pkt, i, false, TcpFlag.ACK | TcpFlag.PSH, 9001, PAYLOAD, frame++, START_SEC);
      r.segment(table.lookup(pkt, 1), pkt, table.lastFromOrig);
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  gc?.();
  const mu = process.memoryUsage();
  if (table.size !== n) console.error(`expected ${n} flows, have ${table.size}`);
  return {
    flows: table.size,
    streams,
    rssBytes: mu.rss,
    heapUsedBytes: mu.heapUsed,
    externalBytes: mu.external + mu.arrayBuffers,
    heapBytesPerFlow: Math.round((mu.heapUsed - before) / n),
    reassemblyMemUsed: r.memUsed,
    buckets: table.bucketCount,
    seconds,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const json = process.argv.includes('--json');
  const mem = arg('--memory');
  if (mem !== undefined) {
    const m = memory(Number(mem), process.argv.includes('--streams'));
    if (json) console.log(JSON.stringify(m));
    else
      console.log(
        `${m.flows} flows${m.streams ? ' with both directions reassembled' : ''}: RSS ${(m.rssBytes / 2 ** 20).toFixed(0)} MiB, heap ${(m.heapUsedBytes / 2 ** 20).toFixed(0)} MiB, ` +
          `${m.heapBytesPerFlow} heap bytes/flow, ${m.buckets} buckets, built in ${m.seconds.toFixed(2)} s`,
      );
    return;
  }
  const flows = (arg('--flows') ?? '1000,100000,1000000').split(',').map(Number);
  const packets = Number(arg('--packets') ?? 1_000_000);
  const bursts = (arg('--burst') ?? '1,4').split(',').map(Number);
  const rows: Array<Rate & { stage: string }> = [];
  for (const n of flows) {
    for (const b of bursts) {
      rows.push({ stage: 'lookup', ...throughput(n, packets, false, b) });
      rows.push({ stage: 'lookup+reassembly', ...throughput(n, packets, true, b) });
    }
  }
  if (json) {
    console.log(JSON.stringify(rows));
    return;
  }
  for (const r of rows) {
    console.log(
      `${r.stage.padEnd(18)} ${String(r.flows).padStart(8)} flows  burst ${r.burst}  ${r.nsPerPacket.toFixed(0).padStart(5)} ns/pkt  ${(r.packetsPerSecond / 1e6).toFixed(2)} M pkt/s`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
