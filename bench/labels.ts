/**
 * The labelled sets of the detection evaluation, read from the shared captures
 * (`../shared/data/pcaps`, README.md there): every attack instance with where it is (whole file,
 * frames, time window) and its expected techniques (labels-techniques.ts), and the benign
 * captures.
 *
 * - `lemay-modbus`: per-packet labels (`<capture>_labeled.csv`, `frame;0|1`). Labelled frames are
 *   grouped by connection (transport and endpoint pair), and connections whose labelled frames
 *   overlap in time or follow within {@link MERGE_GAP_S} form one instance: one attack run, even
 *   when it opens several connections (the characterization scan opens four, the C&C upload an
 *   SMB session then its command channel).
 * - `qut-dnp3`: one instance per row of `<slice>.labels.tsv` (a UTC time window); the control
 *   slice has none and is benign.
 * - `qut-s7comm`: one instance per attack folder, on each capture of the folder (attacker, master
 *   and HMI ports): the time window of its `config.xml` (lab local time, UTC+10), and the
 *   labelled frames of `master.csv` on the master capture.
 * - MANIFEST.tsv labels: every `attack: ...` capture under it-attacks/, every `attack-like admin
 *   action`, `single-packet CIP command` and the PROFINET `DCP Set IP` capture, and the S7
 *   `benign-but-security-relevant engineering action` captures are one instance each (whole
 *   file). Captures labelled `benign` outside the datasets are the benign set. Not used:
 *   malformed and protocol-anomaly test inputs (they exercise decoders, they are neither attack
 *   nor normal traffic) and the capture the manifest marks MISLABELED.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Counters } from '../src/core/counters.js';
import { ipv4ToString, ipv6ToString } from '../src/core/net-format.js';
import { FileSource } from '../src/capture/file-source.js';
import { FrameDecoder } from '../src/decode/frame-decoder.js';
import { Packet, PacketKind } from '../src/decode/packet.js';
import { expectedTechniques } from './labels-techniques.js';
import type { AttackInstance, Dataset, Span } from './eval-score.js';

/**
 * Instances whose captures hold none of the attack's traffic, or hold it in no form that names
 * the operation, with the evidence (checked by labels.test.ts): listed in the results, left out
 * of the detection counts.
 */
export const UNOBSERVABLE: Readonly<Record<string, string>> = {
  'it-attacks/DCSync_krbtgt_dcerpc_smb':
    'the capture begins after the DCE/RPC bind and every request and response is sealed (SPNEGO, packet privacy): no byte names the interface or the replicated object, for Palisade, Wireshark or any passive tool',
  'ot-admin-actions/EIP-SoftwareDownloadFailure':
    'no traffic to the controller (ARP, STP, LLDP, CDP and one IGMP report): the failed download never reached it',
  'ot-admin-actions/EIP-SoftwareUploadFailure':
    'no traffic to or from the controller (ARP, STP, LLDP, CDP, IGMP and NetBIOS broadcasts): the failed upload never reached it',
  'it-attacks/eternalblue-failed-patched-win7':
    'no TCP at all (pings, NetBIOS, DHCP, LLMNR): the SMB exploit attempt is not in the capture',
  'qut-s7comm/20161215185758.ConveyorBeltGateChangeDirection_Flooding':
    "only the HMI port's capture is in the set (the master capture is missing): no frame of the attacker 10.10.10.66",
};

/** Seconds between two labelled connections of one attack run (lemay-modbus). */
export const MERGE_GAP_S = 30;

/** The lab clock of the QUT captures' logs and XML files: UTC+10 (datasets README). */
const QUT_LAB_OFFSET = '+10:00';

/** One row of MANIFEST.tsv (the columns the evaluation reads). */
export interface ManifestEntry {
  path: string;
  label: string;
  format: string;
}

/** The capture rows of MANIFEST.tsv. */
export function parseManifest(text: string): ManifestEntry[] {
  const [head, ...rows] = text.replace(/\r/g, '').trim().split('\n');
  const cols = (head ?? '').split('\t');
  const at = (name: string): number => cols.indexOf(name);
  return rows
    .map((r) => r.split('\t'))
    .map((c) => ({
      path: c[at('relative_path')] ?? '',
      label: c[at('label')] ?? '',
      format: c[at('file_format')] ?? '',
    }))
    .filter((e) => e.format === 'pcap' || e.format === 'pcapng');
}

/** Frame numbers labelled malicious (1) in a lemay `_labeled.csv` (`frame;label`, CRLF). */
export function parseLemayCsv(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s*;\s*(\d+)\s*$/.exec(line);
    if (m && m[2] === '1') out.push(Number(m[1]));
  }
  return out;
}

/** A time window of a QUT DNP3 `labels.tsv`. */
export interface LabelledWindow {
  attack: string;
  from: number;
  to: number;
}

/** The windows of a QUT DNP3 `<slice>.labels.tsv` (columns attack, ..., start_epoch, end_epoch). */
export function parseDnp3Labels(text: string): LabelledWindow[] {
  const [head, ...rows] = text.replace(/\r/g, '').trim().split('\n');
  const cols = (head ?? '').split('\t');
  const a = cols.indexOf('attack');
  const s = cols.indexOf('start_epoch');
  const e = cols.indexOf('end_epoch');
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => c.length > Math.max(a, s, e) && c[a] !== '')
    .map((c) => ({ attack: c[a] ?? '', from: Number(c[s]), to: Number(c[e]) }));
}

/** A lab local time (`2016-12-15 18:06:42.895706`, UTC+10) as epoch seconds. */
export function qutLocalTime(text: string): number {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return NaN;
  return Date.parse(`${m[1]}T${m[2]}${QUT_LAB_OFFSET}`) / 1000 + Number(`0.${m[3] ?? '0'}`);
}

/** The attack name and window of a QUT S7 `config.xml`. */
export function parseS7Config(xml: string): LabelledWindow {
  const tag = (name: string): string =>
    new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
  return {
    attack: tag('attack'),
    from: qutLocalTime(tag('start')),
    to: qutLocalTime(tag('finish')),
  };
}

/** Labelled frame numbers of a QUT S7 `master.csv` (`frame_number,summary,attack`). */
export function parseS7MasterCsv(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\d+),/.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

/** Sorted frame numbers as inclusive ranges of consecutive numbers. */
export function toRanges(frames: readonly number[]): [number, number][] {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const f of sorted) {
    const cur = out[out.length - 1];
    if (cur && f === cur[1] + 1) cur[1] = f;
    else out.push([f, f]);
  }
  return out;
}

/** A labelled frame: its number, time and conversation (`udp 10.0.0.1:137 10.0.0.255:137`). */
export interface LabelledFrame {
  frame: number;
  time: number;
  conversation: string;
}

/**
 * Groups labelled frames into attack runs: by conversation, then conversations whose time spans
 * overlap or lie within `gapS` of each other are merged. Returns the frames of each run.
 */
export function groupRuns(frames: readonly LabelledFrame[], gapS = MERGE_GAP_S): number[][] {
  const byConv = new Map<string, { from: number; to: number; frames: number[] }>();
  for (const f of frames) {
    const c = byConv.get(f.conversation);
    if (c === undefined)
      byConv.set(f.conversation, { from: f.time, to: f.time, frames: [f.frame] });
    else {
      c.from = Math.min(c.from, f.time);
      c.to = Math.max(c.to, f.time);
      c.frames.push(f.frame);
    }
  }
  const convs = [...byConv.values()].sort((a, b) => a.from - b.from);
  const runs: { to: number; frames: number[] }[] = [];
  for (const c of convs) {
    const cur = runs[runs.length - 1];
    if (cur && c.from <= cur.to + gapS) {
      cur.to = Math.max(cur.to, c.to);
      cur.frames.push(...c.frames);
    } else runs.push({ to: c.to, frames: [...c.frames] });
  }
  return runs.map((r) => r.frames.sort((a, b) => a - b));
}

/** Times and conversations of the given frames of a capture (read with Palisade's decoder). */
async function labelledFrames(
  capture: string,
  wanted: ReadonlySet<number>,
): Promise<LabelledFrame[]> {
  const dec = new FrameDecoder(new Counters(), { verifyChecksums: false });
  const pkt = new Packet();
  const out: LabelledFrame[] = [];
  const res = await new FileSource(capture).read((f) => {
    if (!wanted.has(f.frame)) return;
    const kind = dec.decode(f, pkt);
    let conversation = 'l2';
    if (kind === PacketKind.IP || kind === PacketKind.FRAGMENT) {
      const a = pkt.ipVersion === 4 ? ipv4ToString(pkt.src4) : ipv6ToString(pkt.buf, pkt.src6Off);
      const b = pkt.ipVersion === 4 ? ipv4ToString(pkt.dst4) : ipv6ToString(pkt.buf, pkt.dst6Off);
      const ends = [`${a}:${pkt.srcPort}`, `${b}:${pkt.dstPort}`].sort();
      conversation = `${pkt.ipProto} ${ends.join(' ')}`;
    }
    out.push({ frame: f.frame, time: f.tsSec + f.tsNs / 1e9, conversation });
  });
  if (res.error) throw res.error;
  return out;
}

function instance(id: string, attack: string, spans: Span[]): AttackInstance {
  const e = expectedTechniques(attack);
  const unobservable = UNOBSERVABLE[id];
  return {
    id,
    attack,
    expected: e.ids,
    reason: e.reason,
    spans,
    ...(unobservable !== undefined ? { unobservable } : {}),
  };
}

/** datasets/lemay-modbus. */
export async function lemayDataset(pcaps: string): Promise<Dataset> {
  const dir = path.join(pcaps, 'datasets/lemay-modbus');
  const captures: string[] = [];
  const instances: AttackInstance[] = [];
  for (const csv of readdirSync(dir)
    .filter((f) => f.endsWith('_labeled.csv'))
    .sort()) {
    const capture = path.join(dir, csv.replace(/_labeled\.csv$/, '.pcap'));
    captures.push(capture);
    const attack = csv.replace(/_modbus_6RTU_with_operate_labeled\.csv$/, '');
    const labelled = parseLemayCsv(readFileSync(path.join(dir, csv), 'utf8'));
    const frames = await labelledFrames(capture, new Set(labelled));
    groupRuns(frames).forEach((run, i) => {
      instances.push(
        instance(`lemay-modbus/${attack}#${i + 1}`, attack, [
          { capture, kind: 'frames', ranges: toRanges(run) },
        ]),
      );
    });
  }
  return { id: 'lemay-modbus', title: 'Lemay Modbus/TCP SCADA testbed', captures, instances };
}

/** datasets/qut-dnp3. */
export function qutDnp3Dataset(pcaps: string): Dataset {
  const dir = path.join(pcaps, 'datasets/qut-dnp3');
  const captures: string[] = [];
  const instances: AttackInstance[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('_slice.pcap'))
    .sort()) {
    const capture = path.join(dir, f);
    captures.push(capture);
    const slice = f.replace(/^qut-dnp3_/, '').replace(/_training-.*$/, '');
    const labels = path.join(dir, f.replace(/\.pcap$/, '.labels.tsv'));
    const windows = existsSync(labels) ? parseDnp3Labels(readFileSync(labels, 'utf8')) : [];
    windows.forEach((w, i) => {
      instances.push(
        instance(`qut-dnp3/${slice}#${i + 1}`, w.attack, [
          { capture, kind: 'window', from: w.from, to: w.to },
        ]),
      );
    });
  }
  return { id: 'qut-dnp3', title: 'QUT DNP3 substation testbed', captures, instances };
}

/** datasets/qut-s7comm. */
export function qutS7Dataset(pcaps: string): Dataset {
  const dir = path.join(pcaps, 'datasets/qut-s7comm');
  const captures: string[] = [];
  const instances: AttackInstance[] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const folder of folders) {
    const fdir = path.join(dir, folder);
    const files = readdirSync(fdir).sort();
    const config = files.find((f) => f.endsWith('.config.xml'));
    if (config === undefined) continue;
    const w = parseS7Config(readFileSync(path.join(fdir, config), 'utf8'));
    const spans: Span[] = [];
    for (const f of files.filter((x) => x.endsWith('.pcap'))) {
      const capture = path.join(fdir, f);
      captures.push(capture);
      spans.push({ capture, kind: 'window', from: w.from, to: w.to });
      const csv = path.join(fdir, f.replace(/\.master\.pcap$/, '.master.csv'));
      if (f.endsWith('.master.pcap') && existsSync(csv)) {
        const frames = parseS7MasterCsv(readFileSync(csv, 'utf8'));
        if (frames.length > 0) spans.push({ capture, kind: 'frames', ranges: toRanges(frames) });
      }
    }
    instances.push(instance(`qut-s7comm/${folder}`, w.attack, spans));
  }
  return { id: 'qut-s7comm', title: 'QUT S7comm process attacks', captures, instances };
}

/** The attack name of a one-attack capture: its file name without the extension. */
function fileAttack(rel: string): string {
  return path.basename(rel).replace(/\.(pcapng|pcap|cap)$/, '');
}

/** A set of one-attack captures from MANIFEST.tsv. */
function wholeFileDataset(
  pcaps: string,
  id: string,
  title: string,
  rows: readonly ManifestEntry[],
): Dataset {
  const captures = rows.map((r) => path.join(pcaps, r.path));
  const instances = rows.map((r, i) =>
    instance(`${id}/${fileAttack(r.path)}`, fileAttack(r.path), [
      { capture: captures[i] as string, kind: 'whole' },
    ]),
  );
  return { id, title, captures, instances };
}

/** The labelled and benign captures of MANIFEST.tsv outside the datasets folders. */
export function manifestDatasets(pcaps: string, rows: readonly ManifestEntry[]): Dataset[] {
  const outside = rows.filter((r) => !r.path.startsWith('datasets/'));
  const it = outside.filter(
    (r) => r.path.startsWith('it-attacks/') && r.label.startsWith('attack:'),
  );
  const admin = outside.filter(
    (r) =>
      r.label.startsWith('attack-like admin action') ||
      r.label.startsWith('single-packet CIP command') ||
      r.label.startsWith('DCP Set IP'),
  );
  const s7 = outside.filter((r) =>
    r.label.startsWith('benign-but-security-relevant engineering action'),
  );
  const benign = outside.filter(
    (r) => r.label === 'benign' || r.label.startsWith('benign (') || r.label.startsWith('benign;'),
  );
  return [
    wholeFileDataset(pcaps, 'it-attacks', 'IT attacks (PCAP-ATTACK, Malcolm, zeek)', it),
    wholeFileDataset(
      pcaps,
      'ot-admin-actions',
      'ENIP/CIP admin actions, CIP commands, DCP Set',
      admin,
    ),
    wholeFileDataset(
      pcaps,
      's7-engineering',
      'S7 engineering actions (download, stop, password)',
      s7,
    ),
    {
      id: 'benign',
      title: 'benign captures of the shared set',
      captures: benign.map((r) => path.join(pcaps, r.path)),
      instances: [],
    },
  ];
}

/** Every dataset of the evaluation, in report order. */
export async function loadDatasets(pcaps: string): Promise<Dataset[]> {
  const rows = parseManifest(readFileSync(path.join(pcaps, 'MANIFEST.tsv'), 'utf8'));
  return [
    await lemayDataset(pcaps),
    qutDnp3Dataset(pcaps),
    qutS7Dataset(pcaps),
    ...manifestDatasets(pcaps, rows),
  ];
}
