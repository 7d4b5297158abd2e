/**
 * Builders for synthetic capture files: classic pcap (either byte order, micro- or nanosecond
 * magic) and pcapng (any mix of SHB, IDB with options, EPB, SPB, obsolete PB, ISB and arbitrary
 * blocks, each section in its own byte order). They write exactly what they are told, including
 * impossible lengths, so tests can build broken files too.
 *
 * References: draft-ietf-opsawg-pcap section 4-5, draft-ietf-opsawg-pcapng sections 3-4.
 */

/** A little byte writer with explicit endianness. */
class Writer {
  private buf = new Uint8Array(256);
  private dv = new DataView(this.buf.buffer);
  length = 0;

  constructor(public le: boolean) {}

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
    this.dv = new DataView(grown.buffer);
  }

  u8(v: number): this {
    this.room(1);
    this.dv.setUint8(this.length, v);
    this.length += 1;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    this.dv.setUint16(this.length, v, this.le);
    this.length += 2;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    this.dv.setUint32(this.length, v >>> 0, this.le);
    this.length += 4;
    return this;
  }

  /** A 64-bit value (two's complement for negatives). */
  u64(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    const hi = Number(x >> 32n);
    const lo = Number(x & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  pad4(): this {
    while (this.length % 4 !== 0) this.u8(0);
    return this;
  }

  /** Overwrites a u32 already written at `at`. */
  patch32(at: number, v: number): void {
    this.dv.setUint32(at, v >>> 0, this.le);
  }

  out(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** One record of a classic pcap file. */
export interface PcapRecord {
  tsSec: number;
  /** Microseconds or nanoseconds, per the file's magic. */
  tsFrac: number;
  data: Uint8Array;
  /** Length on the wire (default: data length). */
  origLen?: number;
  /** The incl_len written (default: data length); set it to lie about the record. */
  inclLen?: number;
}

/** File header fields of a classic pcap. */
export interface PcapHeader {
  littleEndian?: boolean;
  nanosecond?: boolean;
  snaplen?: number;
  linkType?: number;
  versionMajor?: number;
  versionMinor?: number;
}

/** A classic pcap file. */
export function buildPcap(header: PcapHeader, records: readonly PcapRecord[]): Uint8Array {
  const w = new Writer(header.littleEndian ?? true);
  w.u32(header.nanosecond === true ? 0xa1b23c4d : 0xa1b2c3d4) // magic, in the writer's order
    .u16(header.versionMajor ?? 2) // version major
    .u16(header.versionMinor ?? 4) // version minor
    .u32(0) // thiszone
    .u32(0) // sigfigs
    .u32(header.snaplen ?? 65535) // snaplen
    .u32(header.linkType ?? 1); // LinkType
  for (const r of records) {
    w.u32(r.tsSec) // ts_sec
      .u32(r.tsFrac) // ts_usec / ts_nsec
      .u32(r.inclLen ?? r.data.length) // incl_len
      .u32(r.origLen ?? r.data.length) // orig_len
      .bytes(r.data);
  }
  return w.out();
}

/** A pcapng option: code and raw value (padded when written). */
export interface PcapngOption {
  code: number;
  value: Uint8Array;
}

/** Options of {@link PcapngBuilder.idb}. */
export interface IdbOptions {
  /** if_tsresol byte (default: none, meaning 10^-6). */
  tsresol?: number;
  /** if_tsoffset in seconds. */
  tsoffset?: bigint;
  /** More options, written as given. */
  extra?: readonly PcapngOption[];
}

/** Builds a pcapng file block by block. */
export class PcapngBuilder {
  private readonly parts: Uint8Array[] = [];
  private le = true;

  /** Starts a section in the given byte order. */
  shb(
    opts: {
      littleEndian?: boolean;
      major?: number;
      minor?: number;
      options?: readonly PcapngOption[];
    } = {},
  ): this {
    this.le = opts.littleEndian ?? true;
    const body = new Writer(this.le)
      .u32(0x1a2b3c4d) // byte-order magic
      .u16(opts.major ?? 1) // major version
      .u16(opts.minor ?? 0) // minor version
      .u64(-1n); // section length: not specified
    writeOptions(body, opts.options ?? []);
    return this.block(0x0a0d0d0a, body.out());
  }

  /** Interface Description Block. */
  idb(linkType: number, snaplen: number, opts: IdbOptions = {}): this {
    const body = new Writer(this.le)
      .u16(linkType) // LinkType
      .u16(0) // reserved
      .u32(snaplen); // SnapLen
    const options: PcapngOption[] = [];
    if (opts.tsresol !== undefined) options.push({ code: 9, value: Uint8Array.of(opts.tsresol) });
    if (opts.tsoffset !== undefined)
      options.push({ code: 14, value: new Writer(this.le).u64(opts.tsoffset).out() });
    options.push(...(opts.extra ?? []));
    writeOptions(body, options);
    return this.block(1, body.out());
  }

  /** Enhanced Packet Block; `ts` in the interface's units. */
  epb(
    iface: number,
    ts: bigint,
    data: Uint8Array,
    opts: { origLen?: number; capLen?: number } = {},
  ): this {
    const body = new Writer(this.le)
      .u32(iface) // Interface ID
      .u32(Number(ts >> 32n)) // Timestamp (High)
      .u32(Number(ts & 0xffffffffn)) // Timestamp (Low)
      .u32(opts.capLen ?? data.length) // Captured Packet Length
      .u32(opts.origLen ?? data.length) // Original Packet Length
      .bytes(data)
      .pad4();
    return this.block(6, body.out());
  }

  /** Simple Packet Block (interface 0). */
  spb(data: Uint8Array, origLen = data.length): this {
    const body = new Writer(this.le)
      .u32(origLen) // Original Packet Length
      .bytes(data)
      .pad4();
    return this.block(3, body.out());
  }

  /** Obsolete Packet Block (type 2). */
  pb(iface: number, ts: bigint, data: Uint8Array, dropsCount: number, origLen = data.length): this {
    const body = new Writer(this.le)
      .u16(iface) // Interface ID
      .u16(dropsCount) // Drops Count
      .u32(Number(ts >> 32n)) // Timestamp (High)
      .u32(Number(ts & 0xffffffffn)) // Timestamp (Low)
      .u32(data.length) // Captured Length
      .u32(origLen) // Packet Length
      .bytes(data)
      .pad4();
    return this.block(2, body.out());
  }

  /** Interface Statistics Block with isb_ifdrop (and optionally isb_osdrop). */
  isb(iface: number, ts: bigint, counters: { ifdrop?: bigint; osdrop?: bigint } = {}): this {
    const body = new Writer(this.le)
      .u32(iface) // Interface ID
      .u32(Number(ts >> 32n)) // Timestamp (High)
      .u32(Number(ts & 0xffffffffn)); // Timestamp (Low)
    const options: PcapngOption[] = [];
    if (counters.ifdrop !== undefined)
      options.push({ code: 5, value: new Writer(this.le).u64(counters.ifdrop).out() });
    if (counters.osdrop !== undefined)
      options.push({ code: 7, value: new Writer(this.le).u64(counters.osdrop).out() });
    writeOptions(body, options);
    return this.block(5, body.out());
  }

  /** Any block, body as given (padded to 32 bits). */
  block(type: number, body: Uint8Array): this {
    const w = new Writer(this.le);
    const padded = (body.length + 3) & ~3;
    const total = 12 + padded;
    w.u32(type) // Block Type
      .u32(total) // Block Total Length
      .bytes(body)
      .pad4()
      .u32(total); // Block Total Length (trailer)
    this.parts.push(w.out());
    return this;
  }

  /** Raw bytes appended as they are (for broken files). */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  /** The file so far. */
  bytes(): Uint8Array {
    let n = 0;
    for (const p of this.parts) n += p.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

function writeOptions(w: Writer, options: readonly PcapngOption[]): void {
  if (options.length === 0) return;
  for (const o of options) {
    w.u16(o.code) // option code
      .u16(o.value.length) // option length
      .bytes(o.value)
      .pad4();
  }
  w.u16(0).u16(0); // opt_endofopt
}

/** Bytes 0, 1, 2, ... (mod 256) of length `n`, offset by `seed`, for recognisable payloads. */
export function payload(n: number, seed = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i + seed) & 0xff;
  return out;
}

/** Where the record length fields of a capture are (for targeted corruption in fuzz tests). */
export interface RecordLayout {
  format: 'pcap' | 'pcapng' | 'unknown';
  /** Offset of each record's or block's length field (pcap incl_len; pcapng both copies). */
  lengthFields: number[];
  /** Byte order of each length field. */
  littleEndian: boolean[];
}

/**
 * Walks a well-formed capture independently of the reader under test and lists its length
 * fields. Stops quietly at the first thing it does not understand.
 */
export function recordLayout(bytes: Uint8Array): RecordLayout {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: RecordLayout = { format: 'unknown', lengthFields: [], littleEndian: [] };
  if (bytes.length < 4) return out;
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    out.format = 'pcapng';
    let p = 0;
    let le = true;
    while (p + 12 <= bytes.length) {
      if (dv.getUint32(p, true) === 0x0a0d0d0a) le = dv.getUint32(p + 8, true) === 0x1a2b3c4d;
      const len = dv.getUint32(p + 4, le);
      if (len < 12 || len % 4 !== 0 || p + len > bytes.length) break;
      out.lengthFields.push(p + 4, p + len - 4);
      out.littleEndian.push(le, le);
      p += len;
    }
    return out;
  }
  const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  if (!le && magic !== 0xa1b2c3d4 && magic !== 0xa1b23c4d) return out;
  out.format = 'pcap';
  let p = 24;
  while (p + 16 <= bytes.length) {
    const incl = dv.getUint32(p + 8, le);
    if (p + 16 + incl > bytes.length) break;
    out.lengthFields.push(p + 8);
    out.littleEndian.push(le);
    p += 16 + incl;
  }
  return out;
}
