/**
 * Classic libpcap file format ("pcap"), push-style parser.
 *
 * References: draft-ietf-opsawg-pcap (PCAP Capture File Format), sections 4 and 5; libpcap
 * `sf-pcap.c`; Wireshark `wiretap/libpcap.c`.
 *
 * ```
 * file header (24 bytes)                     record header (16 bytes) + incl_len bytes
 * +----------------+--------+--------+        +-----------+-----------+----------+----------+
 * | magic          | major  | minor  |        | ts_sec    | ts_frac   | incl_len | orig_len |
 * +----------------+--------+--------+        +-----------+-----------+----------+----------+
 * | thiszone (ignored)                |        | packet data (incl_len bytes) ...            |
 * | sigfigs (ignored)                 |        +---------------------------------------------+
 * | snaplen                           |
 * | LinkType + FCS bits               |
 * +-----------------------------------+
 * ```
 *
 * The magic number gives both byte order and timestamp unit: a1b2c3d4 means microseconds and
 * a1b23c4d nanoseconds, each readable in either byte order (d4c3b2a1 / 4d3cb2a1 when the writer
 * was little-endian). Quirks handled:
 * - `incl_len < orig_len` is normal (snaplen cut the frame).
 * - `incl_len > snaplen` happens with some writers (Wireshark tolerates it up to the link's
 *   maximum): counted as `pcap.caplen_over_snaplen`, and only a length above
 *   max(snaplen, 262144), capped at 16 MiB, is corrupt.
 * - a fraction field of a second or more (`ts_usec >= 1e6`) is carried into the seconds and
 *   counted as `pcap.bad_fraction`, so `tsNs` stays within 0..999,999,999.
 * - `thiszone` is ignored, as Wireshark and libpcap do (writers always put 0 there).
 */
import { Counters } from '../core/counters.js';
import { PlatformError } from '../core/errors.js';
import {
  MAX_FRAME_BYTES,
  STANDARD_SNAPLEN,
  newFrame,
  type FrameCallback,
  type RecordParser,
} from './record-parser.js';

/** Magic numbers read as a big-endian u32. */
export const PCAP_MAGIC = {
  /** Microsecond timestamps, written big-endian (little-endian writers give d4c3b2a1). */
  MICRO: 0xa1b2c3d4,
  MICRO_SWAPPED: 0xd4c3b2a1,
  /** Nanosecond timestamps. */
  NANO: 0xa1b23c4d,
  NANO_SWAPPED: 0x4d3cb2a1,
} as const;

/** Size of the file header and of one record header. */
export const PCAP_FILE_HEADER_BYTES = 24;
export const PCAP_RECORD_HEADER_BYTES = 16;

// LinkType field: the low 16 bits are the LINKTYPE_* value; bits 16-25 are reserved and the
// top bits carry the FCS length (draft-ietf-opsawg-pcap section 4, "LinkType and additional
// information").
const LINKTYPE_MASK = 0xffff;
const LINKTYPE_RESERVED_MASK = 0x03ff0000;

/** True when `magic` (first four bytes read big-endian) opens a classic pcap file. */
export function isPcapMagic(magic: number): boolean {
  return (
    magic === PCAP_MAGIC.MICRO ||
    magic === PCAP_MAGIC.MICRO_SWAPPED ||
    magic === PCAP_MAGIC.NANO ||
    magic === PCAP_MAGIC.NANO_SWAPPED
  );
}

/** Push-style classic pcap parser (see {@link RecordParser}). */
export class PcapParser implements RecordParser {
  readonly format = 'pcap' as const;
  need = PCAP_FILE_HEADER_BYTES;
  error: PlatformError | null = null;
  frames = 0;
  readonly notes = new Counters();

  /** Values from the file header, valid once `headerDone`. */
  headerDone = false;
  littleEndian = false;
  nanosecond = false;
  snaplen = 0;
  linkType = 0;
  versionMajor = 0;
  versionMinor = 0;

  private nsMul = 1000;
  private fracLimit = 1_000_000;
  /** Largest acceptable incl_len: max(snaplen, 262144), at most 16 MiB. */
  private maxLen = STANDARD_SNAPLEN;
  private readonly frame = newFrame();

  constructor(
    private readonly name: string,
    private readonly onFrame: FrameCallback,
  ) {}

  parse(buf: Uint8Array, dv: DataView, pos: number, end: number, abs: number): number {
    let p = pos;
    if (!this.headerDone) {
      if (end - p < PCAP_FILE_HEADER_BYTES) {
        this.need = PCAP_FILE_HEADER_BYTES;
        return p;
      }
      if (!this.readHeader(dv, p)) return p;
      p += PCAP_FILE_HEADER_BYTES;
    }
    // Hot loop: everything it needs is in locals; one DataView read per header field and one
    // subarray per frame, nothing else allocated.
    const le = this.littleEndian;
    const nsMul = this.nsMul;
    const fracLimit = this.fracLimit;
    const maxLen = this.maxLen;
    const snaplen = this.snaplen === 0 ? maxLen : this.snaplen;
    const f = this.frame;
    const cb = this.onFrame;
    let frames = this.frames;
    while (end - p >= PCAP_RECORD_HEADER_BYTES) {
      const incl = dv.getUint32(p + 8, le);
      if (incl > maxLen) {
        this.frames = frames;
        this.error = this.corrupt(
          abs + (p - pos),
          `captured length ${incl} exceeds the limit of ${maxLen} bytes`,
        );
        return p;
      }
      const next = p + PCAP_RECORD_HEADER_BYTES + incl;
      if (next > end) {
        this.frames = frames;
        this.need = PCAP_RECORD_HEADER_BYTES + incl;
        return p;
      }
      const orig = dv.getUint32(p + 12, le);
      let sec = dv.getUint32(p, le);
      let frac = dv.getUint32(p + 4, le);
      if (frac >= fracLimit) {
        sec += Math.floor(frac / fracLimit);
        frac %= fracLimit;
        this.notes.inc('pcap.bad_fraction');
      }
      if (incl > snaplen) this.notes.inc('pcap.caplen_over_snaplen');
      if (incl > orig) this.notes.inc('pcap.caplen_over_origlen');
      f.frame = ++frames;
      f.tsSec = sec;
      f.tsNs = frac * nsMul;
      f.capLen = incl;
      f.origLen = orig;
      f.data = buf.subarray(p + PCAP_RECORD_HEADER_BYTES, next);
      this.frames = frames;
      cb(f);
      p = next;
    }
    this.frames = frames;
    this.need = PCAP_RECORD_HEADER_BYTES;
    return p;
  }

  truncated(abs: number, have: number): PlatformError {
    if (!this.headerDone) {
      return new PlatformError(
        'ERR_CAPTURE_TRUNCATED',
        `${this.name}: truncated pcap file header (${have} of ${PCAP_FILE_HEADER_BYTES} bytes)`,
        { details: { file: this.name, offset: abs, frame: 0 } },
      );
    }
    const frame = this.frames + 1;
    return new PlatformError(
      'ERR_CAPTURE_TRUNCATED',
      `${this.name}: truncated record at byte ${abs} (frame ${frame})`,
      { details: { file: this.name, offset: abs, frame, have } },
    );
  }

  drops(): number | null {
    // Classic pcap has no place for drop counts.
    return null;
  }

  private readHeader(dv: DataView, p: number): boolean {
    const magic = dv.getUint32(p, false);
    if (!isPcapMagic(magic)) {
      this.error = new PlatformError(
        'ERR_CAPTURE_FORMAT',
        `${this.name}: not a pcap file (magic 0x${magic.toString(16).padStart(8, '0')})`,
        { details: { file: this.name, offset: 0 } },
      );
      return false;
    }
    const le = magic === PCAP_MAGIC.MICRO_SWAPPED || magic === PCAP_MAGIC.NANO_SWAPPED;
    this.littleEndian = le;
    this.nanosecond = magic === PCAP_MAGIC.NANO || magic === PCAP_MAGIC.NANO_SWAPPED;
    this.nsMul = this.nanosecond ? 1 : 1000;
    this.fracLimit = this.nanosecond ? 1_000_000_000 : 1_000_000;
    this.versionMajor = dv.getUint16(p + 4, le);
    this.versionMinor = dv.getUint16(p + 6, le);
    this.snaplen = dv.getUint32(p + 16, le);
    const network = dv.getUint32(p + 20, le);
    this.linkType = network & LINKTYPE_MASK;
    if (this.versionMajor !== 2) this.notes.inc('pcap.unexpected_version');
    if ((network & LINKTYPE_RESERVED_MASK) !== 0) this.notes.inc('pcap.linktype_reserved_bits');
    this.maxLen = Math.min(Math.max(this.snaplen, STANDARD_SNAPLEN), MAX_FRAME_BYTES);
    this.frame.linkType = this.linkType;
    this.frame.iface = 0;
    this.headerDone = true;
    return true;
  }

  private corrupt(offset: number, why: string): PlatformError {
    const frame = this.frames + 1;
    return new PlatformError(
      'ERR_CAPTURE_CORRUPT',
      `${this.name}: corrupt record at byte ${offset} (frame ${frame}): ${why}`,
      { details: { file: this.name, offset, frame } },
    );
  }
}
