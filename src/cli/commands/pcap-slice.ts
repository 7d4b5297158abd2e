/**
 * `palisade pcap-slice --alert ID --out FILE.pcap [--dir DIR] [--before S] [--after S]`: writes
 * the packets of an alert's flow, around the alert's time, into a capture file to open in
 * Wireshark (DESIGN.md: "evidence (flows, frames, a pcap slice to open in Wireshark)").
 *
 * The alert is looked up in `DIR/alerts.jsonl`; its `flow` id (`<capture number>:<first frame>`)
 * names the capture (`DIR/summary.json` keeps each capture's absolute path) and the frame that
 * opened the flow. `DIR/flows.jsonl` gives the flow's addresses, ports, VLAN and last frame; a
 * layer-2 stream (GOOSE, PROFINET...) has no flow record, and its MAC pair, VLAN and EtherType
 * are read from its first frame instead. The slice holds every frame of the flow in both
 * directions, IP fragments of its datagrams included, from `ts - before` to `last_ts + after`.
 *
 * Output format: a classic pcap with the capture's link type; a classic pcap input keeps its
 * timestamp precision (micro- or nanoseconds from its magic number), a pcapng input gets
 * nanoseconds when a sliced frame has a sub-microsecond part. A flow whose frames span several
 * link types (a pcapng with several interfaces) is written as pcapng, one interface per link type.
 *
 * The capture is read twice (first to learn the link types and the fragment ids of the flow's
 * datagrams, then to write), streamed, so memory does not grow with the capture or the flow:
 * fragment ids are kept for at most {@link MAX_FRAGMENT_IDS} datagrams.
 */
import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import { PlatformError } from '../../core/errors.js';
import { Counters } from '../../core/counters.js';
import { ipv4ToString, ipv6ToString } from '../../core/net-format.js';
import { openCapture } from '../../capture/index.js';
import type { RawFrame } from '../../capture/source.js';
import { PcapWriter, PcapngWriter, type PcapngInterface } from '../../capture/pcap-writer.js';
import { FrameDecoder } from '../../decode/frame-decoder.js';
import { IpProto, Packet, PacketKind } from '../../decode/packet.js';
import type { Alert } from '../../analysis/alerts.js';
import type { FlowRecord } from '../../events/envelope.js';
import type { CaptureReport } from '../../pipeline/summary.js';

/** Datagrams whose fragment ids a slice remembers; past that, later fragments are left out. */
export const MAX_FRAGMENT_IDS = 65_536;

/** Seconds before the alert and after its last occurrence, when not given. */
export const DEFAULT_MARGIN_S = 60;

/** What to slice. */
export interface SliceRequest {
  /** Output directory of `palisade analyze`. */
  dir: string;
  /** Alert id (`A12`). */
  alert: string;
  /** Output file. */
  out: string;
  /** Seconds before the alert's first occurrence (default {@link DEFAULT_MARGIN_S}). */
  before?: number;
  /** Seconds after the alert's last occurrence (default {@link DEFAULT_MARGIN_S}). */
  after?: number;
  /** The capture, when it is no longer where the analysis read it. */
  capture?: string;
}

/** What was written. */
export interface SliceResult {
  out: string;
  format: 'pcap' | 'pcapng';
  frames: number;
  bytes: number;
  /** The capture read and the flow sliced. */
  capture: string;
  flow: string;
  /** The flow in words (`tcp 10.0.0.1:1234 <-> 10.0.0.2:502`). */
  conversation: string;
  /** Fragments of the flow's datagrams left out because {@link MAX_FRAGMENT_IDS} was reached. */
  fragmentIdsDropped: number;
}

/** The frames of one flow: an IP 5-tuple or a layer-2 MAC pair. */
type FlowMatch =
  | {
      kind: 'ip';
      proto: number;
      a: string;
      b: string;
      aPort: number;
      bPort: number;
      vlan: number;
      vlanInner: number;
    }
  | { kind: 'l2'; macs: Uint8Array; etherType: number; vlan: number };

/** A point in capture time: whole seconds and nanoseconds. */
interface Instant {
  sec: number;
  ns: number;
}

const TRANSPORTS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 };

/**
 * Writes the slice of one alert. Throws {@link PlatformError}: ERR_CLI_USAGE (not an analysis
 * directory, unknown alert, no packets), ERR_CAPTURE_OPEN (capture moved or changed),
 * ERR_OUTPUT_WRITE.
 */
export async function sliceAlert(req: SliceRequest): Promise<SliceResult> {
  const summary = readSummary(req.dir);
  const alert = await findAlert(req.dir, req.alert);
  const m = /^(\d+):(\d+)$/.exec(alert.flow);
  if (!m) {
    throw new PlatformError('ERR_CLI_USAGE', `alert ${alert.id} has no flow id (${alert.flow})`);
  }
  const captureNo = Number(m[1]);
  const firstFrame = Number(m[2]);
  const report = summary.captures[captureNo - 1];
  if (report === undefined) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `alert ${alert.id} is about capture ${captureNo}, but ${join(req.dir, 'summary.json')} lists ${summary.captures.length}`,
    );
  }
  const capture = capturePath(report, captureNo, req.capture);
  const record = await findFlow(req.dir, alert.flow);
  const from = shift(parseIso(alert.ts), -(req.before ?? DEFAULT_MARGIN_S));
  const to = shift(parseIso(alert.last_ts ?? alert.ts), req.after ?? DEFAULT_MARGIN_S);
  const lastFrame = record ? record.last_frame : Infinity;
  let match: FlowMatch | null = record ? ipMatch(record) : null;

  // Pass 1: the flow's link types and timestamp needs, and the ids of its fragmented datagrams.
  const dec = new FrameDecoder(new Counters(), { verifyChecksums: false });
  const pkt = new Packet();
  const linkTypes = new Map<number, boolean>();
  const fragIds = new Set<string>();
  let fragIdsDropped = 0;
  let maxCapLen = 0;
  // Both passes decode from the first frame of the capture: fragments of the flow's first
  // datagram come before the frame that opened the flow (the one that completed it).
  await readRange(capture, lastFrame, (f) => {
    const kind = dec.decode(f, pkt);
    if (f.frame < firstFrame) return;
    if (match === null && f.frame === firstFrame) match = firstFrameMatch(pkt, kind);
    if (match === null || !inWindow(f, from, to)) return;
    if (f.capLen > maxCapLen) maxCapLen = f.capLen;
    if (kind === PacketKind.IP && matches(match, pkt)) {
      const subUs = f.tsNs % 1000 !== 0;
      linkTypes.set(f.linkType, (linkTypes.get(f.linkType) ?? false) || subUs);
      if (pkt.reassembled) {
        if (fragIds.size < MAX_FRAGMENT_IDS) fragIds.add(fragmentId(pkt));
        else fragIdsDropped++;
      }
    } else if (kind === PacketKind.L2 && matches(match, pkt)) {
      linkTypes.set(f.linkType, (linkTypes.get(f.linkType) ?? false) || f.tsNs % 1000 !== 0);
    }
  });
  const flowMatch = match as FlowMatch | null;
  if (flowMatch === null) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `alert ${alert.id}: frame ${firstFrame} of ${capture} opens no flow Palisade can slice`,
    );
  }
  if (linkTypes.size === 0) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `alert ${alert.id}: no packet of flow ${alert.flow} in ${capture} between ${isoOf(from)} and ${isoOf(to)}`,
    );
  }

  // Pass 2: write.
  const magic = captureMagic(capture);
  const types = [...linkTypes.keys()];
  const format: 'pcap' | 'pcapng' = types.length === 1 ? 'pcap' : 'pcapng';
  const ifaceOf = new Map(types.map((t, i) => [t, i]));
  // Readers refuse records longer than the snapshot length (past 262144 bytes).
  const snaplen = Math.max(262_144, maxCapLen);
  let writer: PcapWriter | PcapngWriter;
  if (format === 'pcap') {
    const lt = types[0] as number;
    const nanosecond = magic === 'pcap-ns' || (magic === 'pcapng' && linkTypes.get(lt) === true);
    writer = new PcapWriter(req.out, { linkType: lt, nanosecond, snaplen });
  } else {
    const ifaces: PcapngInterface[] = types.map((t) => ({
      linkType: t,
      nanosecond: magic === 'pcap-ns' || linkTypes.get(t) === true,
      snaplen,
    }));
    writer = new PcapngWriter(req.out, ifaces, 'Palisade pcap-slice');
  }
  const dec2 = new FrameDecoder(new Counters(), { verifyChecksums: false });
  try {
    await readRange(capture, lastFrame, (f) => {
      const kind = dec2.decode(f, pkt);
      if (!inWindow(f, from, to)) return;
      let keep = false;
      if (kind === PacketKind.FRAGMENT) keep = fragmentOf(flowMatch, pkt, fragIds);
      else if (f.frame < firstFrame) return;
      else if (kind === PacketKind.IP || kind === PacketKind.L2) keep = matches(flowMatch, pkt);
      if (!keep) return;
      if (writer instanceof PcapWriter) writer.write(f);
      else writer.write(ifaceOf.get(f.linkType) ?? 0, f);
    });
  } catch (err) {
    writer.abort();
    throw err;
  }
  const totals = writer.close();
  return {
    out: req.out,
    format,
    frames: totals.frames,
    bytes: totals.bytes,
    capture,
    flow: alert.flow,
    conversation: describe(flowMatch, record),
    fragmentIdsDropped: fragIdsDropped,
  };
}

/** The `pcap-slice` command. */
export function pcapSliceCommand(setCode: (code: number) => void): Command {
  return new Command('pcap-slice')
    .description("write an alert's flow, around the alert's time, to a pcap for Wireshark")
    .requiredOption('--alert <id>', 'alert id (the `id` of a line of alerts.jsonl, e.g. A12)')
    .requiredOption('-o, --out <file>', 'capture file to write')
    .option('-d, --dir <dir>', 'output directory of `palisade analyze`', '.')
    .option('--before <s>', 'seconds before the alert to include', parseSeconds, DEFAULT_MARGIN_S)
    .option(
      '--after <s>',
      "seconds after the alert's last occurrence to include",
      parseSeconds,
      DEFAULT_MARGIN_S,
    )
    .option('--capture <file>', 'the capture, if it moved since the analysis')
    .action(
      async (o: {
        alert: string;
        out: string;
        dir: string;
        before: number;
        after: number;
        capture?: string;
      }) => {
        const res = await sliceAlert({
          dir: o.dir,
          alert: o.alert,
          out: o.out,
          before: o.before,
          after: o.after,
          ...(o.capture !== undefined ? { capture: o.capture } : {}),
        });
        process.stdout.write(
          `${res.out}: ${res.frames} frame${res.frames === 1 ? '' : 's'} of flow ${res.flow} ` +
            `(${res.conversation}) from ${res.capture}, ${res.format}\n`,
        );
        if (res.fragmentIdsDropped > 0) {
          process.stderr.write(
            `palisade: ${res.fragmentIdsDropped} fragmented datagrams past the first ${MAX_FRAGMENT_IDS} were written without their earlier fragments\n`,
          );
        }
        setCode(0);
      },
    );
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 86_400 * 366) {
    throw new InvalidArgumentError('expected a number of seconds from 0 to 31622400');
  }
  return n;
}

function readSummary(dir: string): { captures: CaptureReport[] } {
  const path = join(dir, 'summary.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `${dir} is not an output directory of palisade analyze (cannot read ${path}: ${(err as Error).message})`,
      { cause: err },
    );
  }
  try {
    const s = JSON.parse(text) as { captures?: unknown };
    if (!Array.isArray(s.captures)) throw new Error('no captures list');
    return s as { captures: CaptureReport[] };
  } catch (err) {
    throw new PlatformError('ERR_CLI_USAGE', `${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Lines of a JSON lines file, streamed (alerts and flows files can be large). */
async function* lines(path: string): AsyncGenerator<string> {
  if (!existsSync(path)) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `cannot read ${path}: no such file (is this an analyze output directory?)`,
    );
  }
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}

async function findAlert(dir: string, id: string): Promise<Alert> {
  const path = join(dir, 'alerts.jsonl');
  // Only lines that hold the id as a string are parsed (any JSON spacing).
  const needle = JSON.stringify(id);
  let n = 0;
  for await (const line of lines(path)) {
    n++;
    if (!line.includes(needle)) continue;
    let a: Alert;
    try {
      a = JSON.parse(line) as Alert;
    } catch {
      throw new PlatformError('ERR_CLI_USAGE', `${path}:${n}: not a JSON line`);
    }
    if (a.id === id) return a;
  }
  throw new PlatformError('ERR_CLI_USAGE', `no alert ${id} in ${path} (${n} alerts)`);
}

async function findFlow(dir: string, id: string): Promise<FlowRecord | null> {
  const path = join(dir, 'flows.jsonl');
  if (!existsSync(path)) return null;
  // Only lines that hold the id as a string are parsed, so most lines are skipped unparsed.
  const needle = JSON.stringify(id);
  for await (const line of lines(path)) {
    if (!line.includes(needle)) continue;
    let rec: FlowRecord;
    try {
      rec = JSON.parse(line) as FlowRecord;
    } catch {
      continue;
    }
    if (rec.id === id) return rec;
  }
  return null;
}

function capturePath(report: CaptureReport, no: number, override: string | undefined): string {
  if (override !== undefined) {
    const p = resolve(override);
    if (!existsSync(p))
      throw new PlatformError('ERR_CAPTURE_OPEN', `cannot open ${p}: no such file`);
    return p;
  }
  const p = report.path ?? null;
  if (p === null) {
    throw new PlatformError(
      'ERR_CAPTURE_OPEN',
      `capture ${no} (${report.name}) was not read from a file; give it with --capture FILE`,
    );
  }
  if (!existsSync(p)) {
    throw new PlatformError(
      'ERR_CAPTURE_OPEN',
      `capture ${no} is no longer at ${p} (moved or deleted?); give it with --capture FILE`,
    );
  }
  // A capture read to its end must still have the size it had; a different one is another file.
  const size = statSync(p).size;
  if (report.error === null && size !== report.bytes) {
    throw new PlatformError(
      'ERR_CAPTURE_OPEN',
      `${p} has ${size} bytes but the analysis read ${report.bytes}: the capture changed since`,
    );
  }
  return p;
}

/** `pcap-us`, `pcap-ns` or `pcapng`, from the magic number (never from the file name). */
function captureMagic(path: string): 'pcap-us' | 'pcap-ns' | 'pcapng' {
  const b = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, b, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const be = b.readUInt32BE(0);
  if (be === 0x0a0d0d0a) return 'pcapng';
  return be === 0xa1b23c4d || be === 0x4d3cb2a1 ? 'pcap-ns' : 'pcap-us';
}

/** Reads the frames of a capture up to frame `last`, stopping soon after it. */
async function readRange(
  path: string,
  last: number,
  onFrame: (f: RawFrame) => void,
): Promise<void> {
  const ac = new AbortController();
  const res = await openCapture(path).read(
    (f) => {
      if (f.frame > last) {
        ac.abort();
        return;
      }
      onFrame(f);
    },
    { signal: ac.signal },
  );
  if (res.error !== null && res.error.code !== 'ERR_CAPTURE_TRUNCATED') {
    throw new PlatformError('ERR_CAPTURE_OPEN', res.error.message, { cause: res.error });
  }
}

function ipMatch(r: FlowRecord): FlowMatch {
  const proto = TRANSPORTS[r.transport] ?? Number(r.transport);
  return {
    kind: 'ip',
    proto,
    a: r.src_ip,
    b: r.dst_ip,
    aPort: r.src_port,
    bPort: r.dst_port,
    vlan: r.vlan ?? -1,
    vlanInner: r.vlan_inner ?? -1,
  };
}

/** The flow opened by frame `pkt` (no flow record: a layer-2 stream, or a record not found). */
function firstFrameMatch(pkt: Packet, kind: PacketKind): FlowMatch | null {
  if (kind === PacketKind.IP) {
    return {
      kind: 'ip',
      proto: pkt.ipProto,
      a: srcAddr(pkt),
      b: dstAddr(pkt),
      aPort: pkt.srcPort,
      bPort: pkt.dstPort,
      vlan: pkt.vlan,
      vlanInner: pkt.vlanInner,
    };
  }
  if (kind === PacketKind.L2 && pkt.macOff >= 0) {
    // A copy: the frame's bytes are gone after the callback.
    const macs = pkt.data.slice(pkt.macOff, pkt.macOff + 12);
    return { kind: 'l2', macs, etherType: pkt.etherType, vlan: pkt.vlan };
  }
  return null;
}

function srcAddr(pkt: Packet): string {
  return pkt.ipVersion === 4 ? ipv4ToString(pkt.src4) : ipv6ToString(pkt.buf, pkt.src6Off);
}

function dstAddr(pkt: Packet): string {
  return pkt.ipVersion === 4 ? ipv4ToString(pkt.dst4) : ipv6ToString(pkt.buf, pkt.dst6Off);
}

function isIcmp(proto: number): boolean {
  return proto === IpProto.ICMP || proto === IpProto.ICMPV6;
}

/** True when the packet's addresses are the flow's, either way round. */
function sameAddresses(m: FlowMatch & { kind: 'ip' }, pkt: Packet): 0 | 1 | -1 {
  const s = srcAddr(pkt);
  const d = dstAddr(pkt);
  if (s === m.a && d === m.b) return 1;
  if (s === m.b && d === m.a) return -1;
  return 0;
}

function matches(m: FlowMatch, pkt: Packet): boolean {
  if (m.kind === 'l2') {
    if (pkt.kind !== PacketKind.L2 || pkt.macOff < 0) return false;
    if (pkt.etherType !== m.etherType || pkt.vlan !== m.vlan) return false;
    const d = pkt.data;
    const o = pkt.macOff;
    let fwd = true;
    let rev = true;
    for (let i = 0; i < 6; i++) {
      // Ethernet: destination MAC first, then source; the copy in `macs` has the same layout.
      if (d[o + i] !== m.macs[i] || d[o + 6 + i] !== m.macs[6 + i]) fwd = false;
      if (d[o + i] !== m.macs[6 + i] || d[o + 6 + i] !== m.macs[i]) rev = false;
    }
    return fwd || rev;
  }
  if (pkt.ipProto !== m.proto || pkt.vlan !== m.vlan || pkt.vlanInner !== m.vlanInner) return false;
  if (isIcmp(m.proto)) return sameAddresses(m, pkt) !== 0;
  // Cheap port test first: address strings are built only for candidates.
  const fwdPorts = pkt.srcPort === m.aPort && pkt.dstPort === m.bPort;
  const revPorts = pkt.srcPort === m.bPort && pkt.dstPort === m.aPort;
  if (!fwdPorts && !revPorts) return false;
  const dir = sameAddresses(m, pkt);
  return (dir === 1 && fwdPorts) || (dir === -1 && revPorts);
}

/**
 * Key of an IP datagram's fragments: addresses, protocol and IPv4 identification. The
 * reassembled datagram keeps the header of its first fragment, identification included.
 */
function fragmentId(pkt: Packet): string {
  const b = pkt.buf;
  const o = pkt.l3Off;
  const id = pkt.ipVersion === 4 ? ((b[o + 4] ?? 0) << 8) | (b[o + 5] ?? 0) : -1;
  return `${srcAddr(pkt)}|${dstAddr(pkt)}|${pkt.ipProto}|${id}`;
}

/**
 * True for a fragment of one of the flow's datagrams. IPv4 fragments are matched by
 * identification; IPv6 reassembly drops the Fragment header, so IPv6 fragments between the
 * flow's addresses with its protocol are all kept.
 */
function fragmentOf(m: FlowMatch, pkt: Packet, ids: ReadonlySet<string>): boolean {
  if (m.kind !== 'ip' || pkt.ipProto !== m.proto || pkt.vlan !== m.vlan) return false;
  if (sameAddresses(m, pkt) === 0) return false;
  if (pkt.ipVersion === 6) return true;
  return ids.has(fragmentId(pkt));
}

function describe(m: FlowMatch, r: FlowRecord | null): string {
  if (m.kind === 'l2') {
    const mac = (o: number): string =>
      [...m.macs.subarray(o, o + 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');
    return `ether 0x${m.etherType.toString(16).padStart(4, '0')} ${mac(6)} <-> ${mac(0)}`;
  }
  const t = r?.transport ?? Object.keys(TRANSPORTS).find((k) => TRANSPORTS[k] === m.proto);
  const host = (ip: string, port: number): string =>
    isIcmp(m.proto) ? ip : ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
  return `${t ?? m.proto} ${host(m.a, m.aPort)} <-> ${host(m.b, m.bPort)}`;
}

/** An event time (`2016-08-13T00:10:38.123456Z`) as seconds and nanoseconds. */
function parseIso(ts: string): Instant {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  const ms = m ? Date.parse(`${m[1]}Z`) : NaN;
  if (!m || Number.isNaN(ms)) {
    throw new PlatformError(
      'ERR_CLI_USAGE',
      `alert time ${JSON.stringify(ts)} is not ISO 8601 UTC`,
    );
  }
  return { sec: ms / 1000, ns: Number((m[2] ?? '').padEnd(9, '0')) };
}

/** `t` moved by `s` seconds (fractional seconds to the nanosecond). */
function shift(t: Instant, s: number): Instant {
  const whole = Math.trunc(s);
  let sec = t.sec + whole;
  let ns = t.ns + Math.round((s - whole) * 1e9);
  if (ns < 0) {
    sec -= 1;
    ns += 1e9;
  } else if (ns >= 1e9) {
    sec += 1;
    ns -= 1e9;
  }
  return { sec, ns };
}

function inWindow(f: RawFrame, from: Instant, to: Instant): boolean {
  if (f.tsSec < from.sec || (f.tsSec === from.sec && f.tsNs < from.ns)) return false;
  return f.tsSec < to.sec || (f.tsSec === to.sec && f.tsNs <= to.ns);
}

function isoOf(t: Instant): string {
  return (
    new Date(t.sec * 1000).toISOString().replace(/\.\d{3}Z$/, '') +
    '.' +
    String(Math.floor(t.ns / 1000)).padStart(6, '0') +
    'Z'
  );
}
