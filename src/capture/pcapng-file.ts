/**
 * pcapng file format, push-style parser.
 *
 * References: draft-ietf-opsawg-pcapng (PCAP Next Generation Dump File Format), sections 3
 * (general block structure), 4.1 (SHB), 4.2 (IDB), 4.3 (EPB), 4.4 (SPB), 4.6 (ISB), appendix A
 * (obsolete Packet Block); Wireshark `wiretap/pcapng.c`.
 *
 * ```
 * every block                                   EPB body (type 6)
 * +---------------------------------------+     +----------------------------------------+
 * | Block Type (u32)                      |     | Interface ID (u32)                     |
 * | Block Total Length (u32)              |     | Timestamp (High) | Timestamp (Low)     |
 * | Block Body (variable, padded to 32 b) |     | Captured Length  | Original Length     |
 * | Block Total Length (u32, repeated)    |     | Packet Data (padded) ... Options ...   |
 * +---------------------------------------+     +----------------------------------------+
 * ```
 *
 * Sections: each Section Header Block (type 0x0A0D0D0A, a palindrome, so it is found in either
 * byte order) carries the byte-order magic 0x1A2B3C4D that sets the byte order of every block
 * up to the next SHB, and starts a new interface list. A file may hold several sections.
 *
 * Handled: SHB, IDB (link type, snaplen, if_tsresol, if_tsoffset), EPB, SPB (interface 0, no
 * timestamp, captured length = min(original length, snaplen, block space)), the obsolete Packet
 * Block (type 2, whose drops_count adds to the drops), ISB (isb_ifdrop, cumulative per
 * interface: the last one of each interface counts). Every other block (NRB, DSB, custom,
 * journal, unknown) is skipped and counted as `pcapng.unknown_block`, except that the blocks
 * Wireshark shows as records of their own still take a frame number (`pcapng.non_packet_record`).
 *
 * Validation: a block length that is not a multiple of 4, below 12, above 16 MiB + 64 KiB, or
 * different from the trailing copy is corrupt, as are a packet block naming an interface that was
 * not described and a captured length beyond the block. The first such block stops reading with
 * ERR_CAPTURE_CORRUPT and its offset, as Wireshark stops there too (so frame numbers agree).
 */
import { Counters } from '../core/counters.js';
import { PlatformError } from '../core/errors.js';
import { DEFAULT_TSRESOL, splitTimestamp, tsUnitsFromResol, type TsUnits } from './pcapng-time.js';
import {
  MAX_BLOCK_BYTES,
  newFrame,
  type FrameCallback,
  type RecordParser,
} from './record-parser.js';
import type { RawFrame } from './source.js';

/** Last second of the year 9999 (UTC), the latest time ISO 8601 event timestamps can carry. */
const MAX_TS_SEC = 253_402_300_799;

/** Block type codes (draft-ietf-opsawg-pcapng section 10.1). */
export const PCAPNG_BLOCK = {
  SHB: 0x0a0d0d0a,
  IDB: 1,
  PB: 2,
  SPB: 3,
  NRB: 4,
  ISB: 5,
  EPB: 6,
} as const;

/** The byte-order magic of the SHB, read in the section's own byte order. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Most interfaces accepted in one section; a file describing more is treated as corrupt. */
export const MAX_INTERFACES = 65_536;

// Option codes (section 4.2 and 4.6).
const OPT_ENDOFOPT = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const ISB_IFDROP = 5;

// Block type and length; the smallest legal block of each kind, trailer included.
const BLOCK_HEADER = 8;
const MIN_BLOCK = 12;
const MIN_SHB = 28;
const MIN_IDB = 20;
const MIN_EPB = 32;
const MIN_PB = 32;
const MIN_SPB = 16;
const MIN_ISB = 24;

/**
 * Non-packet blocks that Wireshark 4.0 turns into numbered records (custom blocks 0x00000BAD and
 * 0x40000BAD, systemd journal export 9, Sysdig events 0x204, 0x216, 0x221): skipped here, but
 * counted in the frame numbering. Checked against tshark 4.0.17; NRB, ISB, DSB and unknown
 * types are not numbered.
 */
const NUMBERED_RECORD_BLOCKS: ReadonlySet<number> = new Set([
  0x00000bad, 0x40000bad, 9, 0x204, 0x216, 0x221,
]);

/** PB drops_count value meaning "not known". */
const PB_DROPS_UNKNOWN = 0xffff;

/** One Interface Description Block, with what the packet blocks need precomputed. */
class Iface implements TsUnits {
  units: number;
  nsMul: number;
  nsDiv: number;
  big: bigint | null;
  /** if_tsoffset: seconds added to every timestamp. */
  offsetSec = 0;
  /** Last isb_ifdrop seen for this interface, -1 when none. */
  ifDrop = -1;

  constructor(
    readonly linkType: number,
    readonly snaplen: number,
  ) {
    const u = tsUnitsFromResol(DEFAULT_TSRESOL);
    this.units = u.units;
    this.nsMul = u.nsMul;
    this.nsDiv = u.nsDiv;
    this.big = u.big;
  }

  setResolution(resol: number): void {
    const u = tsUnitsFromResol(resol);
    this.units = u.units;
    this.nsMul = u.nsMul;
    this.nsDiv = u.nsDiv;
    this.big = u.big;
  }
}

/** Push-style pcapng parser (see {@link RecordParser}). */
export class PcapngParser implements RecordParser {
  readonly format = 'pcapng' as const;
  need = BLOCK_HEADER;
  error: PlatformError | null = null;
  frames = 0;
  /**
   * Records numbered so far: the frames plus the non-packet records that Wireshark numbers as
   * frames too (custom blocks, systemd journal entries, Sysdig events), so that frame numbers
   * agree with Wireshark's even in files that carry such blocks.
   */
  numbered = 0;
  readonly notes = new Counters();
  /** Sections started so far. */
  sections = 0;

  private le = true;
  private ifaces: Iface[] = [];
  /** isb_ifdrop totals of the sections already closed. */
  private closedDrops = 0;
  /** Sum of the obsolete Packet Blocks' drops_count. */
  private pbDrops = 0;
  private sawDrops = false;
  private readonly frame = newFrame();

  constructor(
    private readonly name: string,
    private readonly onFrame: FrameCallback,
  ) {}

  parse(buf: Uint8Array, dv: DataView, pos: number, end: number, abs: number): number {
    let p = pos;
    const f = this.frame;
    const cb = this.onFrame;
    // Eight bytes (type and length) are enough to judge a block's length, so a hostile length
    // is refused before anything waits for or buffers the body.
    while (end - p >= BLOCK_HEADER) {
      let le = this.le;
      const type = dv.getUint32(p, le);
      if (type === PCAPNG_BLOCK.SHB) {
        if (end - p < MIN_BLOCK) break;
        const bom = dv.getUint32(p + 8, true);
        if (bom === PCAPNG_BYTE_ORDER_MAGIC) le = true;
        else if (bom === 0x4d3c2b1a) le = false;
        else return this.corrupt(p, pos, abs, `bad byte-order magic 0x${bom.toString(16)}`);
        this.le = le;
      } else if (this.sections === 0) {
        return this.corrupt(p, pos, abs, 'block before the first section header');
      }
      const len = dv.getUint32(p + 4, le);
      if ((len & 3) !== 0 || len < MIN_BLOCK || len > MAX_BLOCK_BYTES) {
        return this.corrupt(p, pos, abs, `bad block length ${len}`);
      }
      if (len > end - p) {
        this.need = len;
        return p;
      }
      if (dv.getUint32(p + len - 4, le) !== len) {
        return this.corrupt(p, pos, abs, `trailing block length differs from ${len}`);
      }
      if (type === PCAPNG_BLOCK.EPB) {
        // The common case, kept inline.
        if (len < MIN_EPB) return this.corrupt(p, pos, abs, `EPB of ${len} bytes`);
        const id = dv.getUint32(p + 8, le);
        const ifc = this.ifaces[id];
        if (ifc === undefined)
          return this.corrupt(p, pos, abs, `EPB for undefined interface ${id}`);
        const capLen = dv.getUint32(p + 20, le);
        if (capLen > len - MIN_EPB) {
          return this.corrupt(p, pos, abs, `captured length ${capLen} exceeds the block`);
        }
        splitTimestamp(dv.getUint32(p + 12, le), dv.getUint32(p + 16, le), ifc, ifc.offsetSec, f);
        if (f.tsSec < 0 || f.tsSec > MAX_TS_SEC) this.clampTime(f);
        if (capLen > ifc.snaplen && ifc.snaplen !== 0) this.notes.inc('pcapng.caplen_over_snaplen');
        this.frames++;
        f.frame = ++this.numbered;
        f.linkType = ifc.linkType;
        f.iface = id;
        f.capLen = capLen;
        f.origLen = dv.getUint32(p + 24, le);
        f.data = buf.subarray(p + 28, p + 28 + capLen);
        cb(f);
      } else if (!this.otherBlock(type, len, buf, dv, p, pos, abs, le)) {
        return p;
      }
      p += len;
    }
    this.need = end - p >= BLOCK_HEADER ? MIN_BLOCK : BLOCK_HEADER;
    return p;
  }

  truncated(abs: number, have: number): PlatformError {
    const frame = this.numbered + 1;
    return new PlatformError(
      'ERR_CAPTURE_TRUNCATED',
      `${this.name}: truncated block at byte ${abs} (frame ${frame})`,
      { details: { file: this.name, offset: abs, frame, have } },
    );
  }

  drops(): number | null {
    if (!this.sawDrops) return null;
    return this.closedDrops + this.sectionDrops() + this.pbDrops;
  }

  /** Handles every block but EPB; false when it set `error`. */
  private otherBlock(
    type: number,
    len: number,
    buf: Uint8Array,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    switch (type) {
      case PCAPNG_BLOCK.SHB:
        return this.sectionHeader(len, dv, p, pos, abs, le);
      case PCAPNG_BLOCK.IDB:
        return this.interfaceDescription(len, dv, p, pos, abs, le);
      case PCAPNG_BLOCK.SPB:
        return this.simplePacket(len, buf, dv, p, pos, abs, le);
      case PCAPNG_BLOCK.PB:
        return this.obsoletePacket(len, buf, dv, p, pos, abs, le);
      case PCAPNG_BLOCK.ISB:
        return this.interfaceStatistics(len, dv, p, pos, abs, le);
      default:
        if (NUMBERED_RECORD_BLOCKS.has(type)) {
          this.numbered++;
          this.notes.inc('pcapng.non_packet_record');
        } else {
          this.notes.inc('pcapng.unknown_block');
        }
        return true;
    }
  }

  private sectionHeader(
    len: number,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    if (len < MIN_SHB) return this.fail(p, pos, abs, `SHB of ${len} bytes`);
    const major = dv.getUint16(p + 12, le);
    const minor = dv.getUint16(p + 14, le);
    if (major !== 1) return this.fail(p, pos, abs, `unsupported pcapng version ${major}.${minor}`);
    // A new section describes its interfaces afresh; the drops of the closed one are kept.
    this.closedDrops += this.sectionDrops();
    this.ifaces = [];
    this.sections++;
    return true;
  }

  private interfaceDescription(
    len: number,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    if (len < MIN_IDB) return this.fail(p, pos, abs, `IDB of ${len} bytes`);
    if (this.ifaces.length >= MAX_INTERFACES) {
      return this.fail(p, pos, abs, `more than ${MAX_INTERFACES} interfaces in one section`);
    }
    const ifc = new Iface(dv.getUint16(p + 8, le), dv.getUint32(p + 12, le));
    const optEnd = p + len - 4;
    let o = p + 16;
    while (optEnd - o >= 4) {
      const code = dv.getUint16(o, le);
      const olen = dv.getUint16(o + 2, le);
      if (code === OPT_ENDOFOPT) break;
      if (olen > optEnd - o - 4) {
        this.notes.inc('pcapng.bad_option');
        break;
      }
      if (code === IF_TSRESOL && olen >= 1) {
        ifc.setResolution(dv.getUint8(o + 4));
      } else if (code === IF_TSOFFSET && olen >= 8) {
        // Signed 64-bit seconds: high word signed, low word unsigned.
        const hi = le ? dv.getInt32(o + 8, true) : dv.getInt32(o + 4, false);
        const lo = le ? dv.getUint32(o + 4, true) : dv.getUint32(o + 8, false);
        ifc.offsetSec = hi * 4_294_967_296 + lo;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    this.ifaces.push(ifc);
    return true;
  }

  private simplePacket(
    len: number,
    buf: Uint8Array,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    if (len < MIN_SPB) return this.fail(p, pos, abs, `SPB of ${len} bytes`);
    const ifc = this.ifaces[0];
    if (ifc === undefined) return this.fail(p, pos, abs, 'SPB without an interface');
    const origLen = dv.getUint32(p + 8, le);
    // The SPB has no captured-length field: what fits, cut by the snaplen (section 4.4).
    let capLen = Math.min(origLen, len - MIN_SPB);
    if (ifc.snaplen !== 0 && capLen > ifc.snaplen) capLen = ifc.snaplen;
    const f = this.frame;
    // No timestamp in an SPB: Wireshark shows the epoch, so do we.
    f.tsSec = 0;
    f.tsNs = 0;
    this.frames++;
    f.frame = ++this.numbered;
    f.linkType = ifc.linkType;
    f.iface = 0;
    f.capLen = capLen;
    f.origLen = origLen;
    f.data = buf.subarray(p + 12, p + 12 + capLen);
    this.onFrame(f);
    return true;
  }

  private obsoletePacket(
    len: number,
    buf: Uint8Array,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    if (len < MIN_PB) return this.fail(p, pos, abs, `PB of ${len} bytes`);
    const id = dv.getUint16(p + 8, le);
    const ifc = this.ifaces[id];
    if (ifc === undefined) return this.fail(p, pos, abs, `PB for undefined interface ${id}`);
    const capLen = dv.getUint32(p + 20, le);
    if (capLen > len - MIN_PB)
      return this.fail(p, pos, abs, `captured length ${capLen} exceeds the block`);
    const drops = dv.getUint16(p + 10, le);
    if (drops !== PB_DROPS_UNKNOWN) {
      this.pbDrops += drops;
      this.sawDrops = true;
    }
    const f = this.frame;
    splitTimestamp(dv.getUint32(p + 12, le), dv.getUint32(p + 16, le), ifc, ifc.offsetSec, f);
    if (f.tsSec < 0 || f.tsSec > MAX_TS_SEC) this.clampTime(f);
    this.notes.inc('pcapng.obsolete_packet_block');
    this.frames++;
    f.frame = ++this.numbered;
    f.linkType = ifc.linkType;
    f.iface = id;
    f.capLen = capLen;
    f.origLen = dv.getUint32(p + 24, le);
    f.data = buf.subarray(p + 28, p + 28 + capLen);
    this.onFrame(f);
    return true;
  }

  private interfaceStatistics(
    len: number,
    dv: DataView,
    p: number,
    pos: number,
    abs: number,
    le: boolean,
  ): boolean {
    if (len < MIN_ISB) return this.fail(p, pos, abs, `ISB of ${len} bytes`);
    const ifc = this.ifaces[dv.getUint32(p + 8, le)];
    if (ifc === undefined) {
      this.notes.inc('pcapng.isb_unknown_interface');
      return true;
    }
    const optEnd = p + len - 4;
    let o = p + 20;
    while (optEnd - o >= 4) {
      const code = dv.getUint16(o, le);
      const olen = dv.getUint16(o + 2, le);
      if (code === OPT_ENDOFOPT) break;
      if (olen > optEnd - o - 4) {
        this.notes.inc('pcapng.bad_option');
        break;
      }
      if (code === ISB_IFDROP && olen >= 8) {
        const hi = dv.getUint32(o + (le ? 8 : 4), le);
        const lo = dv.getUint32(o + (le ? 4 : 8), le);
        // Counters are cumulative since the capture started: the last ISB wins.
        ifc.ifDrop = hi * 4_294_967_296 + lo;
        this.sawDrops = true;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    return true;
  }

  private sectionDrops(): number {
    let n = 0;
    for (const ifc of this.ifaces) if (ifc.ifDrop > 0) n += ifc.ifDrop;
    return n;
  }

  private fail(p: number, pos: number, abs: number, why: string): boolean {
    this.corrupt(p, pos, abs, why);
    return false;
  }

  /** Sets `error` for the block at `p` (absolute offset abs + p - pos); returns `p`. */
  /**
   * A 64-bit timestamp (with an interface offset) can name a time before 1970 or after the
   * year 9999, which no ISO 8601 event time can carry: it is clamped and counted.
   */
  private clampTime(f: RawFrame): void {
    this.notes.inc('pcapng.timestamp_out_of_range');
    if (f.tsSec < 0) {
      f.tsSec = 0;
      f.tsNs = 0;
    } else {
      f.tsSec = MAX_TS_SEC;
      f.tsNs = 999_999_999;
    }
  }

  private corrupt(p: number, pos: number, abs: number, why: string): number {
    const offset = abs + (p - pos);
    const frame = this.numbered + 1;
    this.error = new PlatformError(
      'ERR_CAPTURE_CORRUPT',
      `${this.name}: corrupt block at byte ${offset} (frame ${frame}): ${why}`,
      { details: { file: this.name, offset, frame } },
    );
    return p;
  }
}
