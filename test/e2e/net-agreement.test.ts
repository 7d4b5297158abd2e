// Frame-by-frame agreement of the link/network decoders with tshark (addresses, ports, checksum
// verdicts) over every shared capture and the synthetic net fixtures; also prints decode speed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCapture } from '../../src/capture/index.js';
import type { RawFrame } from '../../src/capture/source.js';
import { Counters } from '../../src/core/counters.js';
import { ipv4ToString, ipv6ToString } from '../../src/core/net-format.js';
import { FrameDecoder } from '../../src/decode/frame-decoder.js';
import { BadChecksum, Packet, PacketKind } from '../../src/decode/packet.js';
import { fixtureBytes, fixtureFrames, netFixtures } from '../fixtures/gen/net-synthetic.js';
import { haveSharedPcaps, haveTool, manifest } from '../helpers/shared.js';

/**
 * tshark fields, in this order. Several values of one field (ICMP errors quoting a datagram,
 * tunnels) come comma-joined, outermost first.
 */
const FIELDS = [
  'frame.number',
  'frame.protocols',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
  'ip.checksum.status',
  'tcp.checksum.status',
  'udp.checksum.status',
  'icmp.checksum.status',
  'icmpv6.checksum.status',
] as const;

/** What one frame decodes to, in comparable text: `src dst sport dport bad-bits`. */
type Verdict = string;

/**
 * tshark's line for a frame to a {@link Verdict}, by these rules (docs/fidelity-net.md):
 * 1. Addresses: the outermost IP layer in `frame.protocols` (first `ip` or `ipv6`) and the first
 *    value of its address fields; none when the frame has no IP layer (ARP, L2, bogus IP).
 * 2. Ports: only when the layer right after that IP layer (IPv6 extension headers skipped) is
 *    `tcp` or `udp`, and then the first values. Ports of a datagram quoted in an ICMP error, or
 *    carried in a tunnel (GRE, IP-in-IP, 6in4), belong to an inner layer Palisade does not
 *    decode: the flow layer keys those packets by addresses and protocol.
 * 3. Checksums: status 0 ("Bad") of the outer IPv4 header, and of the transport right after
 *    it, as in rule 2.
 */
function tsharkVerdict(cols: readonly string[]): Verdict {
  const col = (name: (typeof FIELDS)[number]): string =>
    (cols[FIELDS.indexOf(name)] ?? '').split(',')[0] ?? '';
  const protos = (cols[1] ?? '').split(':');
  const i = protos.findIndex((p) => p === 'ip' || p === 'ipv6');
  if (i < 0) return '- - - - 0';
  const v4 = protos[i] === 'ip';
  const src = v4 ? col('ip.src') : col('ipv6.src');
  const dst = v4 ? col('ip.dst') : col('ipv6.dst');
  let j = i + 1;
  while (j < protos.length && (protos[j] ?? '').startsWith('ipv6.')) j++;
  const l4 = protos[j] ?? '';
  let sp = '-';
  let dp = '-';
  let bad = 0;
  if (v4 && col('ip.checksum.status') === '0') bad |= BadChecksum.IPV4;
  if (l4 === 'tcp') {
    sp = col('tcp.srcport');
    dp = col('tcp.dstport');
    if (col('tcp.checksum.status') === '0') bad |= BadChecksum.TCP;
  } else if (l4 === 'udp') {
    sp = col('udp.srcport');
    dp = col('udp.dstport');
    if (col('udp.checksum.status') === '0') bad |= BadChecksum.UDP;
  } else if (l4 === 'icmp' && col('icmp.checksum.status') === '0') {
    bad |= BadChecksum.ICMP;
  } else if (l4 === 'icmpv6' && col('icmpv6.checksum.status') === '0') {
    bad |= BadChecksum.ICMP;
  }
  return `${src || '-'} ${dst || '-'} ${sp || '-'} ${dp || '-'} ${bad}`;
}

/** Our decode of a frame as a {@link Verdict}: addresses when an IP header was decoded, ports for TCP/UDP. */
function ourVerdict(pkt: Packet, kind: number): Verdict {
  let src = '-';
  let dst = '-';
  if (pkt.ipVersion === 4) {
    src = ipv4ToString(pkt.src4);
    dst = ipv4ToString(pkt.dst4);
  } else if (pkt.ipVersion === 6) {
    src = ipv6ToString(pkt.buf, pkt.src6Off);
    dst = ipv6ToString(pkt.buf, pkt.dst6Off);
  }
  const ports = kind === PacketKind.IP && (pkt.ipProto === 6 || pkt.ipProto === 17);
  return `${src} ${dst} ${ports ? pkt.srcPort : '-'} ${ports ? pkt.dstPort : '-'} ${pkt.bad}`;
}

/** Runs tshark on `file` and returns one {@link Verdict} per frame number. */
function tsharkVerdicts(file: string): Map<number, Verdict> {
  const args = ['-n', '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const p of ['ip', 'tcp', 'udp']) args.push('-o', `${p}.check_checksum:TRUE`);
  for (const f of FIELDS) args.push('-e', f);
  // ICMP and ICMPv6 checksums are always verified. A damaged file makes tshark exit non-zero
  // after printing every frame it could read.
  const r = spawnSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const out = new Map<number, Verdict>();
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue;
    const cols = line.split('\t');
    out.set(Number(cols[0]), tsharkVerdict(cols));
  }
  return out;
}

/** A capture read into memory (frame bytes copied out of the reader's buffer). */
interface Loaded {
  name: string;
  frames: RawFrame[];
  damaged: boolean;
}

async function load(file: string, name: string): Promise<Loaded> {
  const frames: RawFrame[] = [];
  const res = await openCapture(file).read((f) => frames.push({ ...f, data: f.data.slice() }));
  return { name, frames, damaged: res.error !== null };
}

/** Per-capture result. */
interface Row {
  name: string;
  frames: number;
  agree: number;
  differences: string[];
}

function compare(
  cap: Loaded,
  theirs: (frame: number) => Verdict | undefined,
  known: ReadonlyMap<number, string> = new Map(),
): Row {
  const counters = new Counters();
  const dec = new FrameDecoder(counters);
  const pkt = new Packet();
  const row: Row = { name: cap.name, frames: cap.frames.length, agree: 0, differences: [] };
  for (const f of cap.frames) {
    const ours = ourVerdict(pkt, dec.decode(f, pkt));
    const t = theirs(f.frame) ?? '(no frame)';
    const why = known.get(f.frame);
    if (ours === t) {
      row.agree++;
      if (why !== undefined)
        row.differences.push(`#${f.frame} listed as a known difference but agrees: ${why}`);
    } else if (why === undefined) {
      row.differences.push(`#${f.frame} ours [${ours}] tshark [${t}]`);
    }
  }
  return row;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'palisade-net-'));
/** Rows of every capture compared, for the table of docs/fidelity-net.md. */
const table: Row[] = [];
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  // PALISADE_FIDELITY_TABLE=FILE writes the per-capture table that docs/fidelity-net.md shows.
  const out = process.env.PALISADE_FIDELITY_TABLE;
  if (out === undefined || table.length === 0) return;
  const pct = (a: number, n: number): string => ((100 * a) / Math.max(1, n)).toFixed(2);
  const lines = ['| capture | frames | agree | % |', '| --- | ---: | ---: | ---: |'];
  for (const r of table)
    lines.push(`| ${r.name} | ${r.frames} | ${r.agree} | ${pct(r.agree, r.frames)} |`);
  writeFileSync(out, lines.join('\n') + '\n');
});

const ready = haveSharedPcaps() && haveTool('tshark', '-v') && haveTool('mergecap', '-v');

describe.skipIf(!ready)('link/network decode agrees with tshark', () => {
  it('on the synthetic net fixtures, except the listed differences', () => {
    const rows: Row[] = [];
    for (const fx of netFixtures()) {
      const file = path.join(tmp, fx.name);
      writeFileSync(file, fixtureBytes(fx));
      const theirs = tsharkVerdicts(file);
      const known = new Map(fx.knownDifferences.map((k) => [k.frame, k.reason]));
      const row = compare(
        { name: fx.name, frames: fixtureFrames(fx), damaged: false },
        (n) => theirs.get(n),
        known,
      );
      rows.push(row);
      table.push(row);
      expect(row.agree + known.size).toBe(row.frames);
    }
    expect(rows.flatMap((r) => r.differences.map((d) => `${r.name} ${d}`))).toEqual([]);
  });

  it('on every shared capture, frame by frame', async () => {
    const rows = manifest();
    const loaded: Loaded[] = [];
    for (const r of rows) loaded.push(await load(r.abs, r.path));
    // One tshark run over the clean captures concatenated (tshark start-up dominates otherwise);
    // damaged ones (cut mid-record) are read on their own, as far as they go.
    const clean = loaded.filter((c) => !c.damaged);
    const merged = path.join(tmp, 'shared.pcapng');
    const m = spawnSync(
      'mergecap',
      [
        '-a',
        '-F',
        'pcapng',
        '-w',
        merged,
        ...clean.map((c) => rows.find((r) => r.path === c.name)!.abs),
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      },
    );
    expect(m.stderr).toBe('');
    const all = tsharkVerdicts(merged);
    const results: Row[] = [];
    let base = 0;
    for (const cap of loaded) {
      if (cap.damaged) {
        const own = tsharkVerdicts(rows.find((r) => r.path === cap.name)!.abs);
        results.push(compare(cap, (n) => own.get(n)));
        continue;
      }
      const offset = base;
      results.push(compare(cap, (n) => all.get(offset + n)));
      base += cap.frames.length;
    }
    expect(base).toBe(all.size);

    const frames = results.reduce((s, r) => s + r.frames, 0);
    const agree = results.reduce((s, r) => s + r.agree, 0);
    const report = results
      .filter((r) => r.agree !== r.frames)
      .map(
        (r) => `${r.name}: ${r.agree}/${r.frames}\n  ${r.differences.slice(0, 10).join('\n  ')}`,
      );
    console.log(
      `net agreement with tshark: ${agree}/${frames} frames (${((100 * agree) / frames).toFixed(3)}%) in ${results.length} captures` +
        (report.length > 0 ? `\n${report.join('\n')}` : ''),
    );
    table.push(...results);
    expect(report).toEqual([]);

    // Decode speed over the preloaded frames (printed, not asserted: STYLE.md section 10).
    const every = loaded.flatMap((c) => c.frames);
    const bytes = every.reduce((s, f) => s + f.capLen, 0);
    for (const verifyChecksums of [true, false]) {
      const dec = new FrameDecoder(new Counters(), { verifyChecksums });
      const pkt = new Packet();
      for (const f of every) dec.decode(f, pkt);
      let best = Infinity;
      for (let pass = 0; pass < 3; pass++) {
        const t0 = process.hrtime.bigint();
        for (const f of every) dec.decode(f, pkt);
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
      }
      console.log(
        `FrameDecoder.decode, checksums ${verifyChecksums ? 'on' : 'off'}: ${(every.length / best / 1e6).toFixed(2)} M packets/s, ` +
          `${((bytes * 8) / best / 1e9).toFixed(2)} Gbit/s, ${((best / every.length) * 1e9).toFixed(0)} ns/packet`,
      );
    }
  });
});
