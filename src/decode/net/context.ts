/**
 * The state shared by the link and network decoders while one frame is decoded: where anomalies
 * are counted, the options, the IP fragment reassembler, and two per-frame facts (was the frame
 * cut by the snaplen, what time is it in capture time).
 *
 * The decoders are plain functions taking this context first, so the hot path has no closures
 * and no per-packet objects; the {@link FrameDecoder} owns one context and reuses it.
 */
import type { Counters } from '../../core/counters.js';
import type { IpReassembler } from './ip-reassembly.js';

/** @internal The per-decoder context handed to every link/network decode function. */
export interface NetContext {
  /** Where named anomalies go (`ipv4.hlen_too_small`...). */
  readonly counters: Counters;
  /** Verify IPv4 header, TCP, UDP and ICMP checksums. */
  readonly verifyChecksums: boolean;
  /** Most IPv6 extension headers walked before the packet is given up. */
  readonly maxIpv6ExtHeaders: number;
  /** IPv4 and IPv6 fragment reassembly. */
  readonly reasm: IpReassembler;
  /**
   * True when the frame was cut by the snaplen (captured < wire length): lengths that run past
   * the captured bytes are then expected and not counted as truncation anomalies.
   */
  cut: boolean;
  /** Capture time of the current frame in seconds (for fragment timeouts). */
  nowSec: number;
}
