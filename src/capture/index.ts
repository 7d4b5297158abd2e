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
