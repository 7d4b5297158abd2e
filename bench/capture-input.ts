/**
 * A small, self-contained reader of the shared captures for the benchmark builder: classic pcap
 * (both byte orders, micro- and nanosecond magic) and pcapng (SHB byte order, IDB link type and
 * `if_tsresol`/`if_tsoffset`, EPB, SPB and the obsolete Packet Block), with every frame turned
 * into an Ethernet frame.
 *
 * It is deliberately independent of `src/capture`: the benchmark input must be the same bytes
 * whatever state the product's reader is in, so a bug there can never change what is measured.
 *
 * References: draft-ietf-opsawg-pcap (classic pcap), draft-ietf-opsawg-pcapng (pcapng),
 * tcpdump.org LINKTYPE registry (NULL/LOOP address families, LINUX_SLL, LINUX_SLL2, RAW).
 *
 * Input files are small (the shared set keeps none above 4 MiB), so each is read whole.
 */
import { readFileSync } from 'node:fs';

/** Link types converted to Ethernet (LINKTYPE_* values). */
const LT_NULL = 0;
const LT_ETHERNET = 1;
const LT_RAW = 101;
const LT_LOOP = 108;
const LT_LINUX_SLL = 113;
const LT_IPV4 = 228;
const LT_IPV6 = 229;
const LT_LINUX_SLL2 = 276;

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const ETH_HEADER = 14;

/**
 * Synthetic Ethernet header for frames captured on a non-Ethernet link: locally administered
 * unicast MACs (02:00:00:00:00:02 <- 02:00:00:00:00:01) and the EtherType filled per frame.
 */
const SYNTH_MACS = Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1);

/** One frame as the builder keeps it: Ethernet bytes plus its capture time in microseconds. */
export interface InputFrame {
  /** Capture time, microseconds since the Unix epoch (nanosecond inputs are floored). */
  tsUs: number;
  /** Wire length of the Ethernet frame (synthetic header included when one was added). */
  origLen: number;
  /** The Ethernet frame as captured (a copy, owned by the caller). */
  data: Uint8Array;
}

/** What reading one file gave: its frames and the frames it could not turn into Ethernet. */
export interface InputCapture {
  frames: InputFrame[];
  /** Frames skipped, by reason (`linktype.<n>`, `null.family.<n>`, `truncated`...). */
  skipped: Record<string, number>;
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

/** EtherType for a BSD/Linux loopback address family, 0 when it is not IP. */
function familyToEtherType(af: number): number {
  if (af === 2) return ETH_IPV4;
  // AF_INET6 differs per OS: 10 Linux, 24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS.
  if (af === 10 || af === 24 || af === 28 || af === 30) return ETH_IPV6;
  return 0;
}

function withEthernet(
  payload: Uint8Array,
  etherType: number,
  origLen: number,
  tsUs: number,
): InputFrame {
  const data = new Uint8Array(ETH_HEADER + payload.length);
  data.set(SYNTH_MACS, 0);
  data[12] = etherType >>> 8;
  data[13] = etherType & 0xff;
  data.set(payload, ETH_HEADER);
  return { tsUs, origLen, data };
}

/**
 * Turns one captured frame of `linkType` into an Ethernet frame, or names why it cannot
 * (returned as a string) when the link carries no IP (ARCNET, 802.15.4, serial...).
 */
function toEthernet(
  linkType: number,
  bytes: Uint8Array,
  origLen: number,
  tsUs: number,
): InputFrame | string {
  switch (linkType) {
    case LT_ETHERNET:
      // A copy: `bytes` is a Buffer view, and Buffer#slice would share its memory.
      return { tsUs, origLen, data: new Uint8Array(bytes) };
    case LT_NULL:
    case LT_LOOP: {
      if (bytes.length < 4) return 'truncated';
      const dv = new DataView(bytes.buffer, bytes.byteOffset, 4);
      // NULL stores the family in the capturing host's byte order; LOOP in network order.
      let af = linkType === LT_LOOP ? dv.getUint32(0, false) : dv.getUint32(0, true);
      if (af > 0xffff) af = dv.getUint32(0, linkType === LT_LOOP);
      const et = familyToEtherType(af);
      if (et === 0) return `null.family.${af}`;
      return withEthernet(bytes.subarray(4), et, origLen - 4 + ETH_HEADER, tsUs);
    }
    case LT_RAW:
    case LT_IPV4:
    case LT_IPV6: {
      if (bytes.length < 1) return 'truncated';
      const v = bytes[0]! >>> 4;
      if (v !== 4 && v !== 6) return `raw.version.${v}`;
      return withEthernet(bytes, v === 4 ? ETH_IPV4 : ETH_IPV6, origLen + ETH_HEADER, tsUs);
    }
    case LT_LINUX_SLL: {
      // 16-byte cooked header; protocol (EtherType) in its last two bytes.
      if (bytes.length < 16) return 'truncated';
      const et = (bytes[14]! << 8) | bytes[15]!;
      return withEthernet(bytes.subarray(16), et, origLen - 16 + ETH_HEADER, tsUs);
    }
    case LT_LINUX_SLL2: {
      // 20-byte cooked header v2; protocol (EtherType) first.
      if (bytes.length < 20) return 'truncated';
      const et = (bytes[0]! << 8) | bytes[1]!;
      return withEthernet(bytes.subarray(20), et, origLen - 20 + ETH_HEADER, tsUs);
    }
    default:
      return `linktype.${linkType}`;
  }
}

function readPcap(buf: Buffer, le: boolean, nanos: boolean, out: InputCapture): void {
  const linkType = (le ? buf.readUInt32LE(20) : buf.readUInt32BE(20)) & 0x0fffffff;
  let off = 24;
  while (off + 16 <= buf.length) {
    const sec = le ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
    const frac = le ? buf.readUInt32LE(off + 4) : buf.readUInt32BE(off + 4);
    const capLen = le ? buf.readUInt32LE(off + 8) : buf.readUInt32BE(off + 8);
    const origLen = le ? buf.readUInt32LE(off + 12) : buf.readUInt32BE(off + 12);
    if (off + 16 + capLen > buf.length) {
      bump(out.skipped, 'truncated');
      return;
    }
    const tsUs = sec * 1e6 + (nanos ? Math.floor(frac / 1000) : frac);
    const f = toEthernet(linkType, buf.subarray(off + 16, off + 16 + capLen), origLen, tsUs);
    if (typeof f === 'string') bump(out.skipped, f);
    else out.frames.push(f);
    off += 16 + capLen;
  }
}

interface Iface {
  linkType: number;
  /** Timestamp units per second (10^6 unless `if_tsresol` says otherwise). */
  unitsPerSec: bigint;
  /** `if_tsoffset`, seconds. */
  offsetSec: bigint;
}

function parseIdb(body: Buffer, le: boolean): Iface {
  const u16 = (o: number): number => (le ? body.readUInt16LE(o) : body.readUInt16BE(o));
  const iface: Iface = { linkType: u16(0), unitsPerSec: 1_000_000n, offsetSec: 0n };
  let o = 8; // link type (2), reserved (2), snaplen (4), then options
  while (o + 4 <= body.length) {
    const code = u16(o);
    const len = u16(o + 2);
    if (code === 0 || o + 4 + len > body.length) break;
    if (code === 9 && len >= 1) {
      // if_tsresol: MSB clear = 10^-v, set = 2^-v.
      const v = body[o + 4]!;
      iface.unitsPerSec = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
    } else if (code === 14 && len >= 8) {
      iface.offsetSec = le ? body.readBigInt64LE(o + 4) : body.readBigInt64BE(o + 4);
    }
    o += 4 + ((len + 3) & ~3);
  }
  return iface;
}

function readPcapng(buf: Buffer, out: InputCapture): void {
  let le = true;
  let ifaces: Iface[] = [];
  let off = 0;
  while (off + 12 <= buf.length) {
    const type = buf.readUInt32LE(off);
    if (type === 0x0a0d0d0a) {
      // Section Header Block: its byte-order magic sets the order for the whole section.
      le = buf.readUInt32LE(off + 8) === 0x1a2b3c4d;
      ifaces = [];
    }
    const blockType = le ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
    const total = le ? buf.readUInt32LE(off + 4) : buf.readUInt32BE(off + 4);
    if (total < 12 || total % 4 !== 0 || off + total > buf.length) {
      bump(out.skipped, 'truncated');
      return;
    }
    const body = buf.subarray(off + 8, off + total - 4);
    const u32 = (o: number): number => (le ? body.readUInt32LE(o) : body.readUInt32BE(o));
    if (blockType === 1) {
      ifaces.push(parseIdb(body, le));
    } else if (blockType === 6 || blockType === 2) {
      // Enhanced Packet Block (6) / obsolete Packet Block (2, 16-bit interface id + drops).
      const ifId = blockType === 6 ? u32(0) : le ? body.readUInt16LE(0) : body.readUInt16BE(0);
      const iface = ifaces[ifId];
      const capLen = u32(12);
      const origLen = u32(16);
      if (iface === undefined || 20 + capLen > body.length) {
        bump(out.skipped, iface === undefined ? 'pcapng.no_interface' : 'truncated');
      } else {
        const units = (BigInt(u32(4)) << 32n) | BigInt(u32(8));
        const tsUs = Number(
          (units * 1_000_000n) / iface.unitsPerSec + iface.offsetSec * 1_000_000n,
        );
        const f = toEthernet(iface.linkType, body.subarray(20, 20 + capLen), origLen, tsUs);
        if (typeof f === 'string') bump(out.skipped, f);
        else out.frames.push(f);
      }
    } else if (blockType === 3) {
      // Simple Packet Block: no timestamp; it inherits the previous frame's time.
      const iface = ifaces[0];
      const origLen = u32(0);
      const capLen = Math.min(origLen, body.length - 4);
      const prev = out.frames[out.frames.length - 1];
      if (iface === undefined) bump(out.skipped, 'pcapng.no_interface');
      else {
        const f = toEthernet(
          iface.linkType,
          body.subarray(4, 4 + capLen),
          origLen,
          prev?.tsUs ?? 0,
        );
        if (typeof f === 'string') bump(out.skipped, f);
        else out.frames.push(f);
      }
    }
    off += total;
  }
}

/**
 * Reads every frame of a pcap or pcapng file as Ethernet. Unknown formats yield no frames and a
 * `format` skip reason.
 */
export function readInputCapture(path: string): InputCapture {
  const buf = readFileSync(path);
  const out: InputCapture = { frames: [], skipped: {} };
  if (buf.length < 24) {
    bump(out.skipped, 'format');
    return out;
  }
  const magicLe = buf.readUInt32LE(0);
  if (magicLe === 0xa1b2c3d4) readPcap(buf, true, false, out);
  else if (magicLe === 0xa1b23c4d) readPcap(buf, true, true, out);
  else if (magicLe === 0xd4c3b2a1) readPcap(buf, false, false, out);
  else if (magicLe === 0x4d3cb2a1) readPcap(buf, false, true, out);
  else if (magicLe === 0x0a0d0d0a) readPcapng(buf, out);
  else bump(out.skipped, 'format');
  return out;
}
