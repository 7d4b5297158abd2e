/**
 * Synthetic load for the "1 M concurrent flows" memory stage: 1,000,000 TCP SYN frames
 * (Ethernet / IPv4 / TCP, 54 bytes, valid checksums), each opening a distinct flow from
 * 10.0.0.1 + i, port 1024 + i mod 60000, to 192.168.1.10:502, all within one second of capture
 * time so that no timeout ends a flow before the memory is read. Generated in memory into one
 * reused buffer and one reused {@link RawFrame}, as a capture reader delivers frames.
 */
import type { RawFrame } from '../src/capture/source.js';

/** Number of flows (and frames) generated. */
export const SYN_FLOWS = 1_000_000;

const FRAME_BYTES = 54;
const IP = 14;
const TCP = 34;
const DST_IP = 0xc0a8010a; // 192.168.1.10
const SRC_BASE = 0x0a000001; // 10.0.0.1
const DST_PORT = 502;
const START_SEC = 1_735_689_600; // 2025-01-01T00:00:00Z

function sum16(buf: Uint8Array, from: number, to: number, acc: number): number {
  for (let i = from; i < to; i += 2) acc += (buf[i]! << 8) | buf[i + 1]!;
  return acc;
}

function finish(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + (acc >>> 16);
  return ~acc & 0xffff;
}

function put16(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 8;
  buf[at + 1] = v & 0xff;
}

function put32(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v >>> 24;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}

/** Calls `onFrame` for each of the {@link SYN_FLOWS} SYN frames, in order. */
export function generateSynFrames(onFrame: (raw: RawFrame) => void, count = SYN_FLOWS): void {
  const data = new Uint8Array(FRAME_BYTES);
  // Ethernet: 02:00:00:00:00:02 <- 02:00:00:00:00:01, IPv4.
  data.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  // IPv4: version 4, IHL 5, total length 40, DF, TTL 64, TCP.
  data.set([0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6], IP);
  put32(data, IP + 16, DST_IP);
  // TCP: data offset 5 words, SYN, window 64240.
  put16(data, TCP + 2, DST_PORT);
  data[TCP + 12] = 0x50;
  data[TCP + 13] = 0x02;
  put16(data, TCP + 14, 64240);
  const raw: RawFrame = {
    frame: 0,
    tsSec: START_SEC,
    tsNs: 0,
    linkType: 1,
    capLen: FRAME_BYTES,
    origLen: FRAME_BYTES,
    iface: 0,
    data,
  };
  for (let i = 0; i < count; i++) {
    const src = (SRC_BASE + i) >>> 0;
    put16(data, IP + 4, i & 0xffff); // identification
    put32(data, IP + 12, src);
    put16(data, IP + 10, 0);
    put16(data, IP + 10, finish(sum16(data, IP, IP + 20, 0)));
    put16(data, TCP, 1024 + (i % 60_000));
    put32(data, TCP + 4, Math.imul(i, 0x9e3779b1) >>> 0); // spread initial sequence numbers
    put16(data, TCP + 16, 0);
    // Pseudo-header: source, destination, protocol 6, TCP length 20.
    const pseudo = sum16(data, IP + 12, IP + 20, 6 + 20);
    put16(data, TCP + 16, finish(sum16(data, TCP, TCP + 20, pseudo)));
    raw.frame = i + 1;
    raw.tsNs = Math.floor((i * 1e9) / count);
    onFrame(raw);
  }
}
