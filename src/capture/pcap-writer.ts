/**
 * Capture writers: classic pcap (draft-ietf-opsawg-pcap sections 4-5) and pcapng
 * (draft-ietf-opsawg-pcapng sections 4.1 SHB, 4.2 IDB, 4.3 EPB), for the packets Palisade hands
 * back to people (`palisade pcap-slice`: an alert's flow, to open in Wireshark).
 *
 *   pcap:   file header (24) │ record header (16) │ frame │ record header │ frame ...
 *   pcapng: SHB │ IDB (one per interface) │ EPB │ EPB ...
 *
 * Both write little-endian. Frames go through one reused buffer flushed to the file descriptor
 * when full, so memory stays fixed whatever the number of frames. The file appears under its
 * name only when {@link CaptureWriter.close} succeeds: until then it is `<path>.partial`, which
 * {@link CaptureWriter.abort} removes, so a failed slice never leaves a half file that looks
 * complete.
 *
 * Timestamps are written exactly (no BigInt, no double rounding): a count of 1/U s with
 * U = m * 2^k (10^6 = 15625 * 2^6, 10^9 = 1953125 * 2^9) is `sec * m` (below 2^53 for any 32-bit
 * second count) shifted left by k bits, plus the fraction, split into two 32-bit words.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PlatformError } from '../core/errors.js';

/** What a writer needs of a frame (a {@link RawFrame} qualifies). */
export interface WritableFrame {
  /** Capture time: seconds since the Unix epoch and nanoseconds within the second. */
  tsSec: number;
  tsNs: number;
  /** Length on the wire. */
  origLen: number;
  /** The captured bytes. */
  data: Uint8Array;
}

/** Options of {@link PcapWriter}. */
export interface PcapWriterOptions {
  /** LINKTYPE_* of every frame. */
  linkType: number;
  /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds (a1b2c3d4). Default false. */
  nanosecond?: boolean;
  /** Snapshot length written in the header (default 262144, as tcpdump). */
  snaplen?: number;
}

/** One interface of a {@link PcapngWriter}. */
export interface PcapngInterface {
  /** LINKTYPE_* of the frames written on it. */
  linkType: number;
  /** Nanosecond timestamps (`if_tsresol` 9) instead of the default microseconds. */
  nanosecond?: boolean;
  /** Snapshot length (default 262144). */
  snaplen?: number;
}

/** Totals of a closed writer. */
export interface WriteTotals {
  frames: number;
  /** Bytes of the file, headers included. */
  bytes: number;
}

const DEFAULT_SNAPLEN = 262_144;
const BUFFER_BYTES = 1 << 20;
const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
const PCAP_MAGIC_NANO = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_IDB = 1;
const PCAPNG_EPB = 6;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** IDB option `if_tsresol` (draft-ietf-opsawg-pcapng 4.2) and SHB option `shb_userappl` (4.1). */
const OPT_IF_TSRESOL = 9;
const OPT_SHB_USERAPPL = 4;
const TWO_32 = 4_294_967_296;

/**
 * The timestamp as a count of 1/(m * 2^k) s in two 32-bit words, exactly: `sec * m` stays below
 * 2^53 for any second count that fits the formats' 32 bits (m < 2^21).
 */
function units(sec: number, frac: number, m: number, k: number, out: Uint32Array): void {
  const p = sec * m;
  const shift = 2 ** k;
  const span = 2 ** (32 - k);
  let hi = Math.floor(p / span);
  let lo = (p - hi * span) * shift + frac;
  if (lo >= TWO_32) {
    hi += Math.floor(lo / TWO_32);
    lo %= TWO_32;
  }
  out[0] = hi;
  out[1] = lo;
}

/** The buffered file every writer appends to. */
abstract class CaptureWriter {
  protected readonly buf = Buffer.alloc(BUFFER_BYTES);
  protected used = 0;
  private fd: number;
  private readonly partial: string;
  private written = 0;
  protected frameCount = 0;
  protected readonly ts = new Uint32Array(2);

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    try {
      this.fd = openSync(this.partial, 'w');
    } catch (err) {
      throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${path}: ${errText(err)}`, {
        cause: err,
      });
    }
  }

  /** Frames written so far. */
  get frames(): number {
    return this.frameCount;
  }

  /** Room for `n` more bytes (a header: far below the buffer size), flushing first if needed. */
  protected room(n: number): void {
    if (this.used + n > this.buf.length) this.flush();
  }

  /** Appends bytes, writing them straight through when they exceed the buffer. */
  protected bytes(b: Uint8Array): void {
    if (b.length > this.buf.length) {
      this.flush();
      this.out(b);
      return;
    }
    this.room(b.length);
    this.buf.set(b, this.used);
    this.used += b.length;
  }

  protected flush(): void {
    if (this.used === 0) return;
    this.out(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  /** Finishes the file and gives it its name. */
  close(): WriteTotals {
    try {
      this.flush();
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.partial, this.path);
    } catch (err) {
      this.abort();
      throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${this.path}: ${errText(err)}`, {
        cause: err,
      });
    }
    return { frames: this.frameCount, bytes: this.written };
  }

  /** Gives up: closes and removes the partial file. */
  abort(): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // Closing a descriptor that failed to write is best effort; the file is removed below.
      }
      this.fd = -1;
    }
    rmSync(this.partial, { force: true });
  }

  private out(b: Uint8Array): void {
    try {
      let done = 0;
      while (done < b.length) done += writeSync(this.fd, b, done, b.length - done);
      this.written += b.length;
    } catch (err) {
      this.abort();
      throw new PlatformError('ERR_OUTPUT_WRITE', `cannot write ${this.path}: ${errText(err)}`, {
        cause: err,
      });
    }
  }
}

/**
 * Writes a classic pcap file.
 *
 * @example
 * const w = new PcapWriter('out.pcap', { linkType: LINKTYPE.ETHERNET });
 * w.write(frame); // a RawFrame, inside the capture callback (the bytes are copied at once)
 * const { frames } = w.close();
 */
export class PcapWriter extends CaptureWriter {
  private readonly nanosecond: boolean;

  /** Creates `<path>.partial` and writes the file header; throws ERR_OUTPUT_WRITE. */
  constructor(path: string, opts: PcapWriterOptions) {
    super(path);
    this.nanosecond = opts.nanosecond === true;
    const b = this.buf;
    b.writeUInt32LE(this.nanosecond ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, 0); // magic
    b.writeUInt16LE(2, 4); // version major
    b.writeUInt16LE(4, 6); // version minor
    b.writeInt32LE(0, 8); // thiszone
    b.writeUInt32LE(0, 12); // sigfigs
    b.writeUInt32LE(opts.snaplen ?? DEFAULT_SNAPLEN, 16); // snaplen
    b.writeUInt32LE(opts.linkType & 0xffff, 20); // LinkType
    this.used = 24;
  }

  /** Appends one record (the bytes are copied into the buffer before this returns). */
  write(f: WritableFrame): void {
    this.room(16);
    const b = this.buf;
    const o = this.used;
    b.writeUInt32LE(f.tsSec >>> 0, o); // ts_sec
    b.writeUInt32LE(this.nanosecond ? f.tsNs : Math.floor(f.tsNs / 1000), o + 4); // ts_usec / ts_nsec
    b.writeUInt32LE(f.data.length, o + 8); // incl_len
    b.writeUInt32LE(Math.max(f.origLen, f.data.length), o + 12); // orig_len
    this.used = o + 16;
    this.bytes(f.data);
    this.frameCount++;
  }
}

/**
 * Writes a pcapng file with one section and the given interfaces.
 *
 * @example
 * const w = new PcapngWriter('out.pcapng', [{ linkType: 1 }, { linkType: 113, nanosecond: true }]);
 * w.write(1, frame);
 * w.close();
 */
export class PcapngWriter extends CaptureWriter {
  private readonly nanosecond: boolean[];

  /** Creates `<path>.partial` and writes the SHB and IDBs; throws ERR_OUTPUT_WRITE. */
  constructor(path: string, interfaces: readonly PcapngInterface[], application = 'Palisade') {
    super(path);
    this.nanosecond = interfaces.map((i) => i.nanosecond === true);
    const app = Buffer.from(application.slice(0, 200), 'utf8');
    const appPadded = (app.length + 3) & ~3;
    const shbLen = 28 + appPadded + 8;
    this.room(shbLen);
    let o = this.used;
    const b = this.buf;
    b.writeUInt32LE(PCAPNG_SHB, o); // Block Type
    b.writeUInt32LE(shbLen, o + 4); // Block Total Length
    b.writeUInt32LE(PCAPNG_BYTE_ORDER_MAGIC, o + 8); // Byte-Order Magic
    b.writeUInt16LE(1, o + 12); // Major Version
    b.writeUInt16LE(0, o + 14); // Minor Version
    b.writeInt32LE(-1, o + 16); // Section Length: not specified (-1, 64 bits)
    b.writeInt32LE(-1, o + 20);
    b.writeUInt16LE(OPT_SHB_USERAPPL, o + 24); // option code shb_userappl
    b.writeUInt16LE(app.length, o + 26); // option length
    b.fill(0, o + 28, o + 28 + appPadded);
    app.copy(b, o + 28);
    o += 28 + appPadded;
    b.writeUInt32LE(0, o); // opt_endofopt
    b.writeUInt32LE(shbLen, o + 4); // Block Total Length (trailer)
    this.used = o + 8;
    for (const itf of interfaces) {
      const ns = itf.nanosecond === true;
      const idbLen = 20 + (ns ? 12 : 0);
      this.room(idbLen);
      o = this.used;
      b.writeUInt32LE(PCAPNG_IDB, o); // Block Type
      b.writeUInt32LE(idbLen, o + 4); // Block Total Length
      b.writeUInt16LE(itf.linkType & 0xffff, o + 8); // LinkType
      b.writeUInt16LE(0, o + 10); // Reserved
      b.writeUInt32LE(itf.snaplen ?? DEFAULT_SNAPLEN, o + 12); // SnapLen
      o += 16;
      if (ns) {
        b.writeUInt16LE(OPT_IF_TSRESOL, o); // option code if_tsresol
        b.writeUInt16LE(1, o + 2); // option length
        b.writeUInt32LE(9, o + 4); // 10^-9 s, then 3 bytes of padding
        b.writeUInt32LE(0, o + 8); // opt_endofopt
        o += 12;
      }
      b.writeUInt32LE(idbLen, o); // Block Total Length (trailer)
      this.used = o + 4;
    }
  }

  /** Appends one Enhanced Packet Block on interface `iface` (an index into the constructor's list). */
  write(iface: number, f: WritableFrame): void {
    const ns = this.nanosecond[iface];
    if (ns === undefined) {
      throw new PlatformError('ERR_OUTPUT_WRITE', `${this.path}: no interface ${iface}`);
    }
    const padded = (f.data.length + 3) & ~3;
    const total = 32 + padded;
    if (ns) units(f.tsSec, f.tsNs, 1_953_125, 9, this.ts);
    else units(f.tsSec, Math.floor(f.tsNs / 1000), 15_625, 6, this.ts);
    this.room(28);
    const b = this.buf;
    const o = this.used;
    b.writeUInt32LE(PCAPNG_EPB, o); // Block Type
    b.writeUInt32LE(total, o + 4); // Block Total Length
    b.writeUInt32LE(iface, o + 8); // Interface ID
    b.writeUInt32LE(this.ts[0] as number, o + 12); // Timestamp (High)
    b.writeUInt32LE(this.ts[1] as number, o + 16); // Timestamp (Low)
    b.writeUInt32LE(f.data.length, o + 20); // Captured Packet Length
    b.writeUInt32LE(Math.max(f.origLen, f.data.length), o + 24); // Original Packet Length
    this.used = o + 28;
    this.bytes(f.data);
    this.room(4 + (padded - f.data.length));
    this.buf.fill(0, this.used, this.used + (padded - f.data.length));
    this.used += padded - f.data.length;
    this.buf.writeUInt32LE(total, this.used); // Block Total Length (trailer)
    this.used += 4;
    this.frameCount++;
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
