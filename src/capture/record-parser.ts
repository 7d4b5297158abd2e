/**
 * The contract between the chunk-feeding engine (`capture-reader.ts`) and the container format
 * parsers (`pcap-file.ts`, `pcapng-file.ts`), plus the limits every format shares.
 *
 * A parser is push-style: it is handed `buf[pos..end)` and parses as many *whole* records as it
 * finds there, delivering each frame to the callback as a view into `buf`. It returns the offset
 * of the first record it could not complete and sets `need` to the number of bytes that record
 * requires (counted from its first byte), so the engine knows how much to carry over into the
 * next chunk. Every declared length is checked against a cap before `need` is set, so a hostile
 * header can never make the engine buffer more than {@link MAX_RECORD_BYTES}.
 */
import type { Counters } from '../core/counters.js';
import type { PlatformError } from '../core/errors.js';
import type { RawFrame } from './source.js';

/**
 * Hard cap on one captured frame (pcap `incl_len`, pcapng captured length): 16 MiB. Real link
 * types stay far below (Wireshark's largest per-encapsulation maximum for common links is
 * 256 KiB); anything above is treated as a corrupt header, not as a reason to allocate.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** The usual maximum snapshot length (libpcap and Wireshark `WTAP_MAX_PACKET_SIZE_STANDARD`). */
export const STANDARD_SNAPLEN = 262_144;

/** Hard cap on one pcapng block: a maximal frame plus 64 KiB of block header and options. */
export const MAX_BLOCK_BYTES = MAX_FRAME_BYTES + 65_536;

/** Largest number of bytes any parser may ask the engine to hold for one record. */
export const MAX_RECORD_BYTES = MAX_BLOCK_BYTES;

/** Callback receiving the reused frame record. */
export type FrameCallback = (frame: RawFrame) => void;

/** A push-style container parser. See the module comment for the protocol. */
export interface RecordParser {
  /** Container format this parser reads. */
  readonly format: 'pcap' | 'pcapng';
  /**
   * Bytes required, counted from the offset returned by the last {@link parse}, before that
   * call can make progress. Always greater than the bytes that were available there.
   */
  need: number;
  /** Set when the input is broken; the engine then stops feeding the parser. */
  error: PlatformError | null;
  /** Frames delivered so far. */
  frames: number;
  /** Named odd-but-survivable conditions (`pcapng.unknown_block`...). */
  readonly notes: Counters;
  /**
   * Parses whole records in `buf[pos..end)`. `dv` is a DataView whose offsets equal `buf`'s
   * indices; `abs` is the absolute byte offset of `buf[pos]` in the capture, for error messages.
   * Returns the offset just past the last whole record consumed.
   */
  parse(buf: Uint8Array, dv: DataView, pos: number, end: number, abs: number): number;
  /**
   * The error for an input that ended `have` bytes into an incomplete record (or header) that
   * starts at absolute offset `abs`.
   */
  truncated(abs: number, have: number): PlatformError;
  /** Packets reported dropped by the capture mechanism, or null when the file does not say. */
  drops(): number | null;
}

const EMPTY = new Uint8Array(0);

/** A fresh frame record with every field initialized, so the reused object keeps one shape. */
export function newFrame(): RawFrame {
  return { frame: 0, tsSec: 0, tsNs: 0, linkType: 0, capLen: 0, origLen: 0, iface: 0, data: EMPTY };
}
