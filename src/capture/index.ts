/**
 * The capture layer's front door: open a capture by the name the user gave, or a live
 * interface. Each named source kind is one line of {@link CAPTURE_SOURCES}; the first entry that
 * accepts a name opens it (so the catch-all file entry comes last).
 */
import { FileSource } from './file-source.js';
import { LiveSource, type LiveOptions } from './live-stream.js';
import type { CaptureSource } from './source.js';
import { stdinSource } from './stream-source.js';

export type { CaptureResult, CaptureSource, RawFrame, ReadOptions, ProgressFn } from './source.js';
export { LINKTYPE } from './source.js';
export { BytesSource, StreamSource } from './stream-source.js';
export { FileSource } from './file-source.js';
export {
  LiveSource,
  parseTcpdumpStats,
  type LiveOptions,
  type TcpdumpStats,
} from './live-stream.js';

/** One kind of capture that can be opened by name. */
export interface CaptureSourceEntry {
  /** Short id (`stdin`, `file`). */
  readonly id: string;
  /** What the entry reads, for help texts. */
  readonly summary: string;
  /** True when the entry handles this capture name. */
  accepts(name: string): boolean;
  /** Opens the capture (lazily: nothing is read or opened until `read()`). */
  open(name: string): CaptureSource;
}

/** The named source kinds, in the order they are tried. */
export const CAPTURE_SOURCES: readonly CaptureSourceEntry[] = [
  {
    id: 'stdin',
    summary: '`-`: a pcap or pcapng stream on standard input (tcpdump -w -, cat file |)',
    accepts: (name) => name === '-',
    open: () => stdinSource(),
  },
  {
    id: 'file',
    summary: 'a pcap or pcapng file (format sniffed from the magic number), streamed',
    accepts: () => true,
    open: (name) => new FileSource(name),
  },
];

/**
 * Opens a capture: `-` is standard input, anything else a file path.
 *
 * @example
 * const res = await openCapture('trace.pcapng').read((f) => handle(f));
 * if (res.error) console.error(res.error.message); // truncated or corrupt: earlier frames were delivered
 */
export function openCapture(name: string): CaptureSource {
  for (const entry of CAPTURE_SOURCES) if (entry.accepts(name)) return entry.open(name);
  return new FileSource(name);
}

/**
 * Opens a live capture on `iface` through tcpdump (which must be installed and allowed to
 * capture). Stop it by aborting the `signal` passed to `read()`.
 *
 * @example
 * const ac = new AbortController();
 * const done = openLive('eth0', { bpf: 'tcp port 502' }).read(onFrame, { signal: ac.signal });
 * // later: ac.abort(); const res = await done; console.log(res.drops);
 */
export function openLive(iface: string, opts: LiveOptions = {}): CaptureSource {
  return new LiveSource(iface, opts);
}

/**
 * Notes a capture reader counts in `CaptureResult.notes`: odd but survivable things about the
 * file itself (the frames are still delivered).
 */
export const CAPTURE_NOTES = Object.freeze({
  'capture.aborted': {
    description:
      'reading was stopped on request (live capture ended, Ctrl-C) before the end of the input',
    severity: 'low',
  },
  'pcap.bad_fraction': {
    description:
      'a pcap record timestamp had a sub-second part of a full second or more; it was carried into the seconds',
    severity: 'low',
  },
  'pcap.caplen_over_origlen': {
    description: 'a pcap record claimed more captured bytes than the frame had on the wire',
    severity: 'low',
  },
  'pcap.caplen_over_snaplen': {
    description: 'a pcap record carried more bytes than the file header snapshot length allows',
    severity: 'low',
  },
  'pcap.linktype_reserved_bits': {
    description: 'the pcap file header link type had reserved bits set; they were ignored',
    severity: 'low',
  },
  'pcap.unexpected_version': {
    description: 'the pcap file header version is not 2.x; the file was read as 2.4',
    severity: 'low',
  },
  'pcapng.bad_option': {
    description:
      'a pcapng block option was malformed (length past the block); the options were skipped',
    severity: 'low',
  },
  'pcapng.caplen_over_snaplen': {
    description: 'a pcapng packet carried more bytes than its interface snapshot length allows',
    severity: 'low',
  },
  'pcapng.isb_unknown_interface': {
    description: 'an interface statistics block named an interface the section does not define',
    severity: 'low',
  },
  'pcapng.non_packet_record': {
    description:
      'a pcapng block that Wireshark numbers as a frame but carries no packet (custom, journal, event blocks) was skipped',
    severity: 'low',
  },
  'pcapng.obsolete_packet_block': {
    description: 'the obsolete pcapng Packet Block (type 2) was read',
    severity: 'low',
  },
  'pcapng.timestamp_out_of_range': {
    description:
      'a pcapng timestamp fell before 1970 or after the year 9999; it was clamped to the nearest end of that range',
    severity: 'low',
  },
  'pcapng.unknown_block': {
    description: 'a pcapng block of an unknown type was skipped',
    severity: 'low',
  },
} satisfies Record<
  string,
  { description: string; severity: 'low' | 'medium' | 'high' | 'critical' }
>);
