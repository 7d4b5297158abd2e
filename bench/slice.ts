/**
 * Cuts the first records of a little-endian classic pcap (as written by build-capture.ts) into a
 * smaller pcap, for the tools that are too slow to run on the whole benchmark capture (tshark).
 * The slice is a byte prefix of the capture holding its first N records; cut at a whole number
 * of rounds, it has exactly the capture's mix of protocols. Streamed through a fixed buffer.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
const CHUNK = 4 << 20;

/** A slice on disk. */
export interface PcapSlice {
  path: string;
  bytes: number;
  frames: number;
}

/**
 * Walks the record headers of the pcap open on `fd` from the start; returns the offset after
 * record `maxFrames` (or the end of the file) and the records before it.
 */
function findCut(fd: number, size: number, maxFrames: number): { cut: number; frames: number } {
  const win = Buffer.alloc(CHUNK);
  let winStart = 0;
  let winLen = 0;
  let off = PCAP_HEADER;
  let frames = 0;
  while (frames < maxFrames && off + RECORD_HEADER <= size) {
    if (off + RECORD_HEADER > winStart + winLen) {
      winStart = off;
      winLen = readSync(fd, win, 0, CHUNK, off);
      if (winLen < RECORD_HEADER) break;
    }
    const capLen = win.readUInt32LE(off - winStart + 8);
    if (off + RECORD_HEADER + capLen > size) break;
    off += RECORD_HEADER + capLen;
    frames++;
  }
  return { cut: off, frames };
}

/**
 * Writes (or reuses) `<src>.<tag>.first-<maxFrames>.pcap`: the pcap header and the first
 * `maxFrames` records of `src` (all of them if it has fewer). `tag` names the content of `src`
 * (a prefix of its sha256), so that a rebuilt capture never reuses a slice of the old one.
 */
export function slicePcap(src: string, maxFrames: number, tag: string): PcapSlice {
  const out = src.replace(/\.pcap$/, '') + `.${tag}.first-${maxFrames}.pcap`;
  const inFd = openSync(src, 'r');
  try {
    const { cut, frames } = findCut(inFd, statSync(src).size, maxFrames);
    if (existsSync(out) && statSync(out).size === cut) return { path: out, bytes: cut, frames };
    const partial = `${out}.partial`;
    const outFd = openSync(partial, 'w');
    const buf = Buffer.alloc(CHUNK);
    try {
      for (let off = 0; off < cut;) {
        const n = readSync(inFd, buf, 0, Math.min(CHUNK, cut - off), off);
        if (n <= 0) break;
        let done = 0;
        while (done < n) done += writeSync(outFd, buf, done, n - done);
        off += n;
      }
    } finally {
      closeSync(outFd);
    }
    renameSync(partial, out);
    return { path: out, bytes: cut, frames };
  } finally {
    closeSync(inFd);
  }
}
