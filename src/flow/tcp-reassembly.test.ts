// TcpReassembler: in-order zero-copy delivery, out-of-order buffering, first-wins overlaps,
// retransmission and conflict detection, gaps, caps, FIN, wrap-around, and a fixed-seed fuzz.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counters } from '../core/counters.js';
import { BadChecksum, type Packet } from '../decode/packet.js';
import { Flow } from './flow.js';
import { FlowTable } from './flow-table.js';
import {
  RECENT_OVERHEAD,
  SEGMENT_OVERHEAD,
  TCP_REASSEMBLY_COUNTERS,
  TcpReassembler,
  type ReassemblyOptions,
  type StreamSink,
} from './tcp-reassembly.js';
import { bytesOf, packet, TcpConversation } from '../../test/helpers/packets.js';
import { Prng } from '../../test/helpers/prng.js';

type Item =
  | { kind: 'data'; orig: boolean; text: string; frame: number; view: Uint8Array; copy: Uint8Array }
  | { kind: 'gap'; orig: boolean; size: number }
  | { kind: 'anomaly'; orig: boolean; name: string; frame: number };

function setup(opts: ReassemblyOptions = {}) {
  const counters = new Counters();
  const items: Item[] = [];
  const sink: StreamSink = {
    data: (_f, orig, bytes, frame) =>
      items.push({
        kind: 'data',
        orig,
        text: Buffer.from(bytes).toString('latin1'),
        frame,
        view: bytes,
        copy: new Uint8Array(bytes),
      }),
    gap: (_f, orig, size) => items.push({ kind: 'gap', orig, size }),
    anomaly: (_f, orig, name, frame) => items.push({ kind: 'anomaly', orig, name, frame }),
  };
  const r = new TcpReassembler(opts, counters, sink);
  // The `auto` checksum policy, so the tests below can show bad packets being left out.
  const table = new FlowTable({ hashSeed: 1, checksums: 'auto' }, counters, (flow) =>
    r.flush(flow),
  );
  const feed = (...pkts: Packet[]): Flow => {
    let f: Flow | null = null;
    for (const p of pkts) {
      f = table.lookup(p, 1);
      r.segment(f, p, table.lastFromOrig);
    }
    return f as Flow;
  };
  /** The stream text each way, gaps shown as `[n]`. */
  const stream = (orig: boolean): string =>
    items
      .filter((i) => i.orig === orig && i.kind !== 'anomaly')
      .map((i) => (i.kind === 'data' ? i.text : i.kind === 'gap' ? `[${i.size}]` : ''))
      .join('');
  return { counters, items, r, table, feed, stream };
}

/** A conversation after its handshake (client ISN 1000, server ISN 5000). */
function established() {
  const c = new TcpConversation();
  return { c, hs: [c.client('S'), c.server('SA'), c.client('A')] };
}

describe('TcpReassembler: in-order delivery', () => {
  it('delivers in-order data both ways as views of the packet buffer (no copy)', () => {
    const { feed, items, stream } = setup();
    const { c, hs } = established();
    feed(...hs);
    const req = c.client('PA', 'GET /');
    const resp = c.server('PA', 'HTTP/1.0 200');
    feed(req, resp);
    expect(stream(true)).toBe('GET /');
    expect(stream(false)).toBe('HTTP/1.0 200');
    const d = items[0] as Extract<Item, { kind: 'data' }>;
    expect(d.view.buffer).toBe(req.buf.buffer);
    expect(d.view.byteOffset).toBe(req.buf.byteOffset + req.payOff);
    expect(d.frame).toBe(req.frame);
  });

  it('delivers SYN payload after the SYN sequence number', () => {
    const { feed, stream } = setup();
    const c = new TcpConversation();
    feed(c.client('S', 'early'), c.server('SA'), c.client('PA', '-data'));
    expect(stream(true)).toBe('early-data');
  });

  it('picks up a stream mid-way at the first segment with payload, not at a pure ACK', () => {
    const { feed, stream } = setup();
    const c = new TcpConversation();
    // A keep-alive-like ACK one below the next sequence number must not start the stream.
    feed(
      c.client('A', '', { seq: 999 }),
      c.client('PA', 'abc'),
      c.server('PA', 'xyz'),
      c.client('PA', 'def'),
    );
    expect(stream(true)).toBe('abcdef');
    expect(stream(false)).toBe('xyz');
  });

  it('handles 32-bit sequence wrap-around in order and out of order', () => {
    const { feed, stream, counters } = setup();
    const c = new TcpConversation({ cisn: 0xfffffff8 });
    feed(c.client('S'), c.server('SA'), c.client('A'));
    const a = c.client('PA', 'ABCDEFGH'); // 0xfffffff9 .. 0x00000000
    const b = c.client('PA', 'IJKLMNOP'); // 0x00000001 ..
    const d = c.client('PA', 'QRSTUVWX');
    feed(a, d, b);
    expect(stream(true)).toBe('ABCDEFGHIJKLMNOPQRSTUVWX');
    expect(counters.get('tcp.retransmission')).toBe(0);
    feed(c.client('PA', 'ABCD', { seq: 0xfffffff9 }));
    expect(counters.get('tcp.retransmission')).toBe(1);
  });

  it('reassembles 1-byte segments arriving in reverse order', () => {
    const { feed, stream, items } = setup();
    const { c, hs } = established();
    feed(...hs);
    const segs = [...'0123456789'].map((ch) => c.client('PA', ch));
    const last = segs[segs.length - 1] as Packet;
    feed(...segs.slice(1).reverse(), segs[0] as Packet);
    expect(stream(true)).toBe('0123456789');
    // Everything became in-order when the first byte arrived: all carry that frame.
    expect(new Set(items.map((i) => (i.kind === 'data' ? i.frame : 0)))).toEqual(
      new Set([segs[0]!.frame]),
    );
    expect(last.frame).toBeGreaterThan(segs[0]!.frame);
  });
});

describe('TcpReassembler: out of order and overlaps', () => {
  it('buffers out-of-order segments and delivers them in order with the completing frame', () => {
    const { feed, items, r } = setup();
    const { c, hs } = established();
    feed(...hs);
    const s1 = c.client('PA', 'one-');
    const s2 = c.client('PA', 'two-');
    const s3 = c.client('PA', 'three');
    feed(s3);
    expect(items).toHaveLength(0);
    expect(r.memUsed).toBe(5 + SEGMENT_OVERHEAD);
    feed(s1);
    feed(s2);
    expect(items.map((i) => (i.kind === 'data' ? [i.text, i.frame] : i.kind))).toEqual([
      ['one-', s1.frame],
      ['two-', s2.frame],
      ['three', s2.frame],
    ]);
    expect(r.memUsed).toBe(0);
    expect(r.recentUsed).toBe(256 + RECENT_OVERHEAD);
  });

  it('keeps copies: the packet buffer may be reused after the call', () => {
    const { feed, stream } = setup();
    const { c, hs } = established();
    feed(...hs);
    const late = c.client('PA', 'abc');
    const early = c.client('PA', 'def');
    feed(early);
    early.buf.fill(0x21); // the capture reader reuses its buffer
    feed(late);
    expect(stream(true)).toBe('abcdef');
  });

  it('counts a retransmission of delivered data once, delivers nothing twice, history T', () => {
    const { feed, stream, counters, table, items } = setup();
    const { c, hs } = established();
    const f = feed(...hs, c.client('PA', 'hello'));
    feed(c.client('PA', 'hello', { seq: 1001 }), c.client('PA', 'hello world', { seq: 1001 }));
    expect(stream(true)).toBe('hello world');
    expect(counters.get('tcp.retransmission')).toBe(2);
    expect(counters.get('tcp.overlap_conflict')).toBe(0);
    expect(items.some((i) => i.kind === 'anomaly')).toBe(false);
    expect(f.history).toContain('T');
    table.flushAll();
  });

  it('first wins over buffered bytes and flags different content as a conflict', () => {
    const { feed, stream, counters, items } = setup();
    const { c, hs } = established();
    feed(...hs);
    const head = c.client('PA', 'ABCD');
    const tail = c.client('PA', 'EFGH');
    feed(tail, c.client('PA', 'XXXX', { seq: 1005 }));
    expect(counters.get('tcp.overlap_conflict')).toBe(1);
    const anomaly = items.find((i) => i.kind === 'anomaly');
    expect(anomaly).toMatchObject({ name: 'tcp.overlap_conflict', orig: true });
    feed(head);
    expect(stream(true)).toBe('ABCDEFGH');
  });

  it('an in-order segment covering buffered bytes yields to them and is compared', () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs);
    feed(c.client('PA', 'EF', { seq: 1005 }), c.client('PA', 'IJ', { seq: 1009 }));
    feed(c.client('PA', 'ABCDzzGHIJKL', { seq: 1001 }));
    expect(stream(true)).toBe('ABCDEFGHIJKL');
    expect(counters.get('tcp.overlap_conflict')).toBe(1);
  });

  it('an out-of-order segment overlapping several buffered ones fills only the holes', () => {
    const { feed, stream, counters, r } = setup();
    const { c, hs } = established();
    feed(...hs);
    feed(c.client('PA', 'CD', { seq: 1003 }), c.client('PA', 'GH', { seq: 1007 }));
    feed(c.client('PA', 'cDEFgHIJ', { seq: 1003 }));
    expect(counters.get('tcp.overlap_conflict')).toBe(1);
    expect(r.memUsed).toBe(2 + 2 + 2 + 2 + 4 * SEGMENT_OVERHEAD);
    feed(c.client('PA', 'AB', { seq: 1001 }));
    expect(stream(true)).toBe('ABCDEFGHIJ');
  });

  it('catches a retransmission of just-delivered bytes with different content (evasion)', () => {
    const { feed, counters, items } = setup();
    const { c, hs } = established();
    feed(...hs, c.client('PA', 'rm -rf /tmp/x'));
    feed(c.client('PA', 'rm -rf /tmp/x', { seq: 1001 }));
    expect(counters.get('tcp.overlap_conflict')).toBe(0);
    const evil = c.client('PA', 'rm -rf /etc/x', { seq: 1001 });
    feed(evil);
    expect(counters.get('tcp.overlap_conflict')).toBe(1);
    expect(items.at(-1)).toMatchObject({ kind: 'anomaly', frame: evil.frame });
  });

  it('finds a changed byte anywhere in the recent window, across its wrap point', () => {
    const rnd = new Prng(5);
    for (let trial = 0; trial < 40; trial++) {
      const { feed, counters } = setup({ recentBytes: 64 });
      const { c, hs } = established();
      feed(...hs);
      const stream = rnd.bytes(rnd.range(64, 400));
      for (let pos = 0; pos < stream.length;) {
        const n = Math.min(stream.length - pos, rnd.range(1, 9));
        feed(c.client('PA', stream.subarray(pos, pos + n)));
        pos += n;
      }
      // Retransmit the last `span` bytes identically: no conflict.
      const span = rnd.range(1, 64);
      const from = stream.length - span;
      const seq = 1001 + from;
      feed(c.client('PA', stream.slice(from), { seq }));
      expect(counters.get('tcp.overlap_conflict')).toBe(0);
      // Then with one byte changed: a conflict.
      const evil = stream.slice(from);
      const k = rnd.int(span);
      evil[k] = (evil[k] as number) ^ 0x5a;
      feed(c.client('PA', evil, { seq }));
      expect(counters.get('tcp.overlap_conflict'), `trial ${trial}`).toBe(1);
    }
  });

  it('does not treat a keep-alive (1 byte below next, garbage content) as a retransmission', () => {
    const { feed, counters } = setup();
    const { c, hs } = established();
    feed(...hs, c.client('PA', 'abc'));
    feed(c.client('A', '\0', { seq: 1003 }));
    expect(counters.get('tcp.retransmission')).toBe(0);
    expect(counters.get('tcp.overlap_conflict')).toBe(0);
  });
});

describe('TcpReassembler: gaps, caps and FIN', () => {
  it('reports a never-filled hole as a gap at flush and delivers what follows', () => {
    const { feed, stream, table, r, counters } = setup();
    const { c, hs } = established();
    const f = feed(...hs);
    c.client('PA', 'lost!');
    feed(c.client('PA', 'after'));
    table.flushAll();
    expect(stream(true)).toBe('[5]after');
    expect(f.missedBytes).toBe(5);
    expect(f.history).toBe('ShADG');
    expect(counters.get('tcp.gap')).toBe(1);
    expect(counters.get('tcp.gap_bytes')).toBe(5);
    expect(r.memUsed).toBe(0);
    expect(r.recentUsed).toBe(0);
    expect(f.tcp).toEqual([null, null]);
  });

  it('delivers data after a never-filled hole with the frame it arrived in', () => {
    const { feed, items, table } = setup();
    const { c, hs } = established();
    feed(...hs);
    // Frames are numbered in arrival order: CC (frame 10), then BB (11), then EE (12).
    c.client('PA', 'lost');
    const b = c.client('PA', 'BB', { frame: 11 });
    const cc = c.client('PA', 'CC', { frame: 10 });
    c.client('PA', 'lost');
    const e = c.client('PA', 'EE', { frame: 12 });
    feed(cc, b, e, c.server('A', '', { frame: 13 }));
    table.flushAll();
    const data = items.flatMap((i) => (i.kind === 'data' ? [[i.text, i.frame]] : []));
    // In stream order CC follows BB, so it is complete no earlier than BB's frame.
    expect(data).toEqual([
      ['BB', 11],
      ['CC', 11],
      ['EE', 12],
    ]);
  });

  it('skips a hole as soon as the peer acknowledges past it (Zeek content gap)', () => {
    const { feed, items, stream, counters } = setup();
    const { c, hs } = established();
    const f = feed(...hs);
    feed(c.client('PA', 'one', { frame: 10 }));
    c.client('PA', 'lost');
    feed(c.client('PA', 'three', { frame: 12 }));
    // Not yet: the hole may still be retransmitted.
    expect(stream(true)).toBe('one');
    // The server acknowledges everything: it got the lost bytes, the capture did not.
    feed(c.server('A', '', { frame: 13 }));
    expect(stream(true)).toBe('one[4]three');
    expect(
      items.filter((i) => i.kind === 'data').map((i) => (i.kind === 'data' ? i.frame : 0)),
    ).toEqual([10, 12]);
    expect(f.missedBytes).toBe(4);
    expect(counters.get('tcp.gap')).toBe(1);
    // An acknowledgement that stops inside the hole proves nothing about the rest of it.
    const g = setup();
    const t = established();
    g.feed(...t.hs);
    t.c.client('PA', 'lost');
    const late = t.c.client('PA', 'late');
    const ackInside = t.c.server('A', '', { ack: 1001 + 2 });
    g.feed(late, ackInside);
    expect(g.stream(true)).toBe('');
  });

  it('reports data missing before a FIN as a gap at flush', () => {
    const { feed, stream, table } = setup();
    const { c, hs } = established();
    feed(...hs, c.client('PA', 'abc'));
    c.client('PA', 'never');
    feed(c.client('FA'));
    table.flushAll();
    expect(stream(true)).toBe('abc[5]');
  });

  it('FIN consumes one sequence number; payload beyond the FIN is dropped', () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs, c.client('FA', 'bye'));
    feed(c.client('PA', 'more'));
    expect(stream(true)).toBe('bye');
    expect(counters.get('tcp.data_after_fin')).toBe(1);
  });

  it('trims a segment that straddles the FIN to the bytes before it', () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs);
    c.client('PA', 'abc');
    feed(c.client('FA', '', { seq: 1007 }), c.client('PA', 'abcdefXYZ', { seq: 1001 }));
    expect(stream(true)).toBe('abcdef');
    expect(counters.get('tcp.data_after_fin')).toBe(1);
  });

  it('skips the oldest hole when the per-direction segment limit is reached', () => {
    const { feed, stream, counters } = setup({ maxSegmentsPerDirection: 2 });
    const { c, hs } = established();
    feed(...hs);
    c.client('PA', 'a');
    const segs = ['b', 'c', 'd', 'e'].map((x) => c.client('PA', x));
    feed(segs[0]!, segs[2]!, segs[3]!);
    expect(counters.get('tcp.ooo_segment_limit')).toBe(1);
    expect(stream(true)).toBe('[1]b');
    feed(segs[1]!);
    expect(stream(true)).toBe('[1]bcde');
  });

  it('skips holes when the per-direction byte limit is reached', () => {
    const { feed, stream, counters, r } = setup({
      maxBytesPerDirection: 2 * (100 + SEGMENT_OVERHEAD),
    });
    const { c, hs } = established();
    feed(...hs);
    const chunk = (ch: string) => ch.repeat(100);
    c.client('PA', chunk('a'));
    const b = c.client('PA', chunk('b'));
    c.client('PA', chunk('c'));
    const d = c.client('PA', chunk('d'));
    const e = c.client('PA', chunk('e'));
    feed(b, d);
    expect(r.memUsed).toBe(2 * (100 + SEGMENT_OVERHEAD));
    feed(e);
    expect(counters.get('tcp.ooo_bytes_limit')).toBe(1);
    expect(stream(true)).toBe(`[100]${chunk('b')}`);
    expect(r.memUsed).toBeLessThanOrEqual(2 * (100 + SEGMENT_OVERHEAD));
  });

  it('holds the global memcap across flows: with no room, a hole is skipped and the data delivered', () => {
    const memcap = 300 + SEGMENT_OVERHEAD;
    const { feed, stream, counters, r } = setup({ memcap });
    const a = new TcpConversation({ cport: 1 });
    const b = new TcpConversation({ cport: 2 });
    feed(a.client('S'), b.client('S'));
    a.client('PA', 'x');
    feed(a.client('PA', 'y'.repeat(300)));
    expect(r.memUsed).toBe(memcap);
    b.client('PA', 'x');
    feed(b.client('PA', 'z'.repeat(10)));
    expect(counters.get('tcp.reassembly_memcap')).toBe(1);
    expect(r.memUsed).toBeLessThanOrEqual(memcap);
    expect(stream(true)).toBe(`[1]${'z'.repeat(10)}`);
  });

  it('keeps recent-bytes windows within their own budget, apart from reordering buffers', () => {
    const { feed, counters, r } = setup({ recentMemcap: 256 + RECENT_OVERHEAD, memcap: 1000 });
    const a = new TcpConversation({ cport: 1 });
    const b = new TcpConversation({ cport: 2 });
    feed(a.client('S'), b.client('S'), a.client('PA', 'x'), b.client('PA', 'y'));
    expect(r.recentUsed).toBe(256 + RECENT_OVERHEAD);
    expect(counters.get('tcp.recent_window_memcap')).toBe(1);
    // Out-of-order buffering is unaffected.
    b.client('PA', 'hole');
    feed(b.client('PA', 'later'));
    expect(r.memUsed).toBe(5 + SEGMENT_OVERHEAD);
    // The direction without a window still reassembles; it just cannot compare retransmissions.
    feed(b.client('PA', 'Yh', { seq: 1001 }));
    expect(counters.get('tcp.overlap_conflict')).toBe(0);
    expect(counters.get('tcp.retransmission')).toBe(1);
  });

  it('turns the part a snaplen cut off into a gap, in order and out of order', () => {
    const { feed, stream, table } = setup();
    const { c, hs } = established();
    feed(...hs);
    const cut1 = c.client('PA', 'abc', { wireLen: 10 });
    const full = c.client('PA', 'KLMNO');
    const cut2 = c.client('PA', 'pq', { wireLen: 5 });
    const end = c.client('PA', 'uv');
    feed(cut1);
    expect(stream(true)).toBe('abc[7]');
    feed(cut2, end, full);
    expect(stream(true)).toBe('abc[7]KLMNOpq[3]uv');
    table.flushAll();
  });

  it('follows the flow table on bad checksums: offloaded directions are reassembled', () => {
    const { feed, stream } = setup();
    const c = new TcpConversation();
    const bad = { bad: BadChecksum.TCP };
    feed(c.client('S', '', bad), c.server('SA'), c.client('A', '', bad));
    feed(c.client('PA', 'offloaded', bad), c.server('PA', 'fine'));
    expect(stream(true)).toBe('offloaded');
    expect(stream(false)).toBe('fine');
  });

  it('ignores RST payload and segments with a bad checksum', () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs);
    feed(c.client('PA', 'bad', { bad: BadChecksum.TCP, seq: 1001 }));
    feed(c.client('RA', 'reset text', { seq: 1001 }));
    feed(c.client('PA', 'good', { seq: 1001 }));
    expect(stream(true)).toBe('good');
    expect(counters.get('tcp.rst_with_data')).toBe(1);
  });

  it('ignores non-TCP packets and declares every counter it uses', () => {
    const { r, items } = setup();
    const f = new Flow();
    r.segment(f, packet({ proto: 'udp', data: 'x' }), true);
    expect(items).toHaveLength(0);
    for (const name of [
      'tcp.retransmission',
      'tcp.overlap_conflict',
      'tcp.reassembly_memcap',
      'tcp.ooo_segment_limit',
      'tcp.ooo_bytes_limit',
      'tcp.gap',
      'tcp.data_after_fin',
    ]) {
      expect(TCP_REASSEMBLY_COUNTERS[name]).toBeDefined();
    }
  });
});

/**
 * Splits a random stream into segments, adds retransmitted and re-cut copies of random
 * ranges (same bytes), shuffles them after the SYN, and checks what the sink received.
 */
function scenario(
  len: number,
  seed: number,
  isn: number,
  opts: ReassemblyOptions,
  withFin: boolean,
  mutate = false,
) {
  const rnd = new Prng(seed);
  const data = rnd.bytes(len);
  const other = rnd.bytes(len);
  const ranges: Array<[number, number, boolean]> = [];
  for (let pos = 0; pos < len;) {
    const n = Math.min(len - pos, rnd.chance(0.2) ? 1 : rnd.range(1, 300));
    ranges.push([pos, pos + n, false]);
    pos += n;
  }
  const extra = rnd.int(ranges.length + 1);
  for (let i = 0; i < extra; i++) {
    const a = rnd.int(len);
    ranges.push([a, Math.min(len, a + rnd.range(1, 400)), mutate && rnd.chance(0.5)]);
  }
  for (let i = ranges.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [ranges[i], ranges[j]] = [
      ranges[j] as [number, number, boolean],
      ranges[i] as [number, number, boolean],
    ];
  }
  const { r, items, table, counters } = setup(opts);
  const c = new TcpConversation({ cisn: isn });
  const syn = c.client('S');
  let flow = table.lookup(syn, 1);
  r.segment(flow, syn, true);
  let maxMem = r.memUsed;
  let maxRecent = r.recentUsed;
  let reused: Packet | undefined;
  // The first version of each byte that arrived: what first-wins must deliver.
  const first = new Int16Array(len).fill(-1);
  for (const [a, b, alt] of ranges) {
    const src = alt ? other : data;
    for (let i = a; i < b; i++) if (first[i] === -1) first[i] = src[i] as number;
    const pkt = c.client('PA', src.subarray(a, b), {
      seq: (isn + 1 + a) >>> 0,
      ...(reused ? { into: reused } : {}),
    });
    flow = table.lookup(pkt, 1);
    r.segment(flow, pkt, true);
    // The record and its buffer are reused by the next packet, as in the pipeline.
    pkt.buf.fill(0xee);
    reused = pkt;
    maxMem = Math.max(maxMem, r.memUsed);
    maxRecent = Math.max(maxRecent, r.recentUsed);
  }
  if (withFin) {
    const fin = c.client('FA', '', { seq: (isn + 1 + len) >>> 0 });
    r.segment(table.lookup(fin, 1), fin, true);
  }
  table.flushAll();
  // Rebuild: data lands at the running offset, gaps skip.
  const out = new Uint8Array(len);
  const got = new Uint8Array(len);
  let pos = 0;
  let gaps = 0;
  for (const it of items) {
    if (it.kind === 'data') {
      // Views die with their packet (the buffers were overwritten since): use the copies.
      out.set(it.copy, pos);
      got.fill(1, pos, pos + it.copy.length);
      pos += it.copy.length;
    } else if (it.kind === 'gap') {
      pos += it.size;
      gaps += it.size;
    }
  }
  return { data, first, out, got, pos, gaps, maxMem, maxRecent, r, counters, flow };
}

describe('TcpReassembler: two Ethernet paths', () => {
  const O = '02:00:00:00:00:01'; // the outstation
  const X = '02:00:00:00:00:66'; // a man in the middle forwarding what it intercepts
  const R = '02:00:00:00:00:0b'; // a second router after a failover

  it('follows the first path when a man in the middle forwards longer, rewritten copies', () => {
    const { feed, stream, counters, items } = setup();
    const { c, hs } = established();
    feed(...hs);
    for (const text of ['resp-1;', 'resp-2;', 'resp-3;']) {
      const seq = c.sseq;
      const original = c.server('PA', text, { srcMac: O });
      // Same sequence number, one octet longer: the copy overlaps the next original's first octet.
      const copy = c.server('PA', text.replace(';', 'X;'), { srcMac: X, seq });
      feed(original, copy);
    }
    expect(stream(false)).toBe('resp-1;resp-2;resp-3;');
    expect(counters.get('tcp.second_path')).toBe(3);
    expect(counters.get('tcp.overlap_conflict')).toBe(3);
    const named = items.filter((i) => i.kind === 'anomaly' && i.name === 'tcp.second_path');
    expect(named).toHaveLength(1);
  });

  it('uses new bytes from another source, so a changed path loses nothing', () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs);
    feed(c.server('PA', 'one;', { srcMac: O }));
    const seq = c.sseq;
    feed(c.server('PA', 'two;', { srcMac: R }), c.server('PA', 'three;', { srcMac: R }));
    // The first path re-sends bytes it sent itself: an ordinary retransmission.
    feed(c.server('PA', 'two;', { srcMac: O, seq }));
    expect(stream(false)).toBe('one;two;three;');
    expect(counters.get('tcp.second_path')).toBe(0);
    expect(counters.get('tcp.retransmission')).toBe(1);
  });

  it("takes each direction's path from its own first payload", () => {
    const { feed, stream, counters } = setup();
    const { c, hs } = established();
    feed(...hs);
    const cseq = c.cseq;
    feed(c.client('PA', 'req;', { srcMac: X }), c.server('PA', 'ans;', { srcMac: O }));
    // The client's copy from another source re-sends its bytes: dropped, not spliced.
    feed(c.client('PA', 'reqZZ', { srcMac: O, seq: cseq }));
    expect(stream(true)).toBe('req;');
    expect(stream(false)).toBe('ans;');
    expect(counters.get('tcp.second_path')).toBe(1);
  });
});

describe('TcpReassembler: fuzz (fixed seed)', () => {
  it('delivers exactly the original stream when nothing is lost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer(),
        fc.oneof(
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.integer({ min: 0xfffff000, max: 0xffffffff }),
        ),
        fc.boolean(),
        (len, seed, isn, withFin) => {
          const s = scenario(len, seed, isn, {}, withFin);
          expect(s.gaps).toBe(0);
          expect(s.pos).toBe(len);
          expect(Buffer.from(s.out).equals(Buffer.from(s.data))).toBe(true);
          expect(s.counters.get('tcp.overlap_conflict')).toBe(0);
          expect(s.r.memUsed).toBe(0);
          expect(s.r.recentUsed).toBe(0);
        },
      ),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('holds its caps and never delivers a wrong byte when caps force gaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2000 }),
        (len, seed, isn, maxSegs, maxBytes) => {
          const memcap = 1500;
          const s = scenario(
            len,
            seed,
            isn,
            {
              maxSegmentsPerDirection: maxSegs,
              maxBytesPerDirection: maxBytes,
              memcap,
              recentBytes: 64,
              recentMemcap: 200,
            },
            true,
          );
          expect(s.maxMem).toBeLessThanOrEqual(memcap);
          expect(s.maxRecent).toBeLessThanOrEqual(200);
          expect(s.pos).toBe(len);
          for (let i = 0; i < len; i++) {
            if (s.got[i] === 1 && s.out[i] !== s.data[i]) expect.fail(`byte ${i} differs`);
          }
          expect(s.flow.missedBytes).toBe(s.gaps);
          expect(s.counters.get('tcp.overlap_conflict')).toBe(0);
          expect(s.r.memUsed).toBe(0);
          expect(s.r.recentUsed).toBe(0);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('TcpReassembler: fuzz with conflicting retransmissions (fixed seed)', () => {
  it('delivers, at every position, the first version of the byte that arrived', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.boolean(),
        (len, seed, isn, tight) => {
          const opts: ReassemblyOptions = tight
            ? { maxSegmentsPerDirection: 3, memcap: 1200, recentBytes: 32 }
            : {};
          const s = scenario(len, seed, isn, opts, true, true);
          expect(s.pos).toBe(len);
          for (let i = 0; i < len; i++) {
            if (s.got[i] === 1 && s.out[i] !== s.first[i])
              expect.fail(`byte ${i}: not the first version`);
          }
          if (!tight) expect(s.gaps).toBe(0);
        },
      ),
      { seed: 99, numRuns: 300 },
    );
  });
});

describe('test helper sanity', () => {
  it('bytesOf is latin1', () => {
    expect([...bytesOf('A\u00ff')]).toEqual([0x41, 0xff]);
  });
});
