/**
 * Capture sources: where frames come from (a pcap or pcapng file, standard input, a live
 * interface through tcpdump). Every source implements {@link CaptureSource} and passes the one
 * conformance suite in `source.case.test.ts`.
 *
 * Frames are delivered synchronously to a callback as {@link RawFrame} records that are reused:
 * `frame.data` is a view into the reader's chunk buffer and is valid only until the callback
 * returns. Copy (`Uint8Array.prototype.slice`) anything that must outlive it.
 */
import type { PlatformError } from '../core/errors.js';

/** Link-layer header types (LINKTYPE_* values of the tcpdump.org registry) that Palisade decodes. */
export const LINKTYPE = {
  NULL: 0, // BSD loopback: 4-byte host-order address family
  ETHERNET: 1,
  RAW: 101, // raw IPv4 or IPv6, version from the first nibble
  LOOP: 108, // OpenBSD loopback: 4-byte network-order address family
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/**
 * One captured frame. The reader reuses a single instance: never keep a reference to it or to
 * `data` beyond the callback.
 */
export interface RawFrame {
  /** 1-based number of the frame in its capture, as Wireshark numbers it. */
  frame: number;
  /** Capture time: whole seconds since the Unix epoch (UTC). */
  tsSec: number;
  /** Capture time: nanoseconds within the second (0..999,999,999). */
  tsNs: number;
  /** LINKTYPE_* of the interface the frame was captured on. */
  linkType: number;
  /** Bytes captured (may be less than `origLen` when the snaplen cut the frame). */
  capLen: number;
  /** Length of the frame on the wire. */
  origLen: number;
  /** Interface index within the capture section (0 for classic pcap). */
  iface: number;
  /** The captured bytes: a view into the reader's buffer, `capLen` long. */
  data: Uint8Array;
}

/** How reading a capture ended. A broken file is a result, not an exception. */
export interface CaptureResult {
  /** Container format that was detected from the magic number. */
  format: 'pcap' | 'pcapng' | 'unknown';
  /** Frames delivered to the callback. */
  frames: number;
  /** Bytes of the capture consumed (headers included). */
  bytes: number;
  /**
   * Why reading stopped early: a truncated or corrupt file, with the byte offset in the message
   * and `details.offset`. Everything before that point was delivered. `null` on a clean end.
   */
  error: PlatformError | null;
  /** Packets the capture mechanism reported dropped (live capture, pcapng ISB); null if unknown. */
  drops: number | null;
  /** Named counters of odd-but-survivable things (`pcapng.unknown_block`, `pcap.caplen_over_snaplen`). */
  notes: Record<string, number>;
}

/** Progress report: bytes consumed so far (and the total when known). */
export type ProgressFn = (bytesRead: number) => void;

/**
 * A source of captured frames.
 *
 * @example
 * const src = openCapture('trace.pcapng');
 * const res = await src.read((f) => decoder.decode(f));
 * if (res.error) console.error(res.error.message);
 */
export interface CaptureSource {
  /** What the user named: a file path, `-` for standard input, `live:eth0`. */
  readonly name: string;
  /** Total size in bytes when known in advance (regular files), for progress bars. */
  readonly sizeHint: number | undefined;
  /**
   * Reads the capture to its end (or until `signal` aborts), calling `onFrame` for every frame in
   * order. Resolves with a {@link CaptureResult}; rejects only when the source cannot be opened
   * at all (`ERR_CAPTURE_OPEN`, `ERR_LIVE_TOOL`).
   */
  read(onFrame: (frame: RawFrame) => void, opts?: ReadOptions): Promise<CaptureResult>;
}

/** Options of {@link CaptureSource.read}. */
export interface ReadOptions {
  /** Called now and then (once per chunk) with the bytes consumed so far. */
  progress?: ProgressFn;
  /** Stops reading at the next chunk boundary. */
  signal?: AbortSignal;
  /**
   * Backpressure: called after each chunk; when it returns a promise, reading waits for it
   * before the next chunk (a consumer that hands frames to worker threads uses this to wait
   * for them). In-memory sources, which read synchronously, do not call it.
   */
  pause?: () => Promise<void> | undefined;
}
