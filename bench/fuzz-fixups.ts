/**
 * Integrity repairs for the decoder fuzzer (bench/fuzz.ts). A protocol whose frames carry a
 * checksum discards almost every mutant at its first check, so the fuzzer would test little
 * more than the check itself. For such a protocol this table holds a function that recomputes
 * the checksums of a mutated buffer in place, as an attacker crafting frames would; the fuzzer
 * applies it to part of the mutants only, so bad checksums are still fed too.
 *
 * A decoder without an entry here is fuzzed with byte-level mutations alone. Add an entry when
 * a new decoder's anomaly coverage in the fuzz report shows its checksum anomaly dominating and
 * its deeper anomalies unreached.
 */
import { dnp3Crc } from '../src/decode/app/dnp3/crc.js';
import { LINK } from '../src/decode/app/dnp3/constants.js';

/**
 * DNP3 ([IEEE 1815-2012] 9.2.4): rewrites the header CRC of every link frame found (0x05 0x64
 * start octets) and the CRC after each 16-octet user data block, with block boundaries taken
 * from the frame's own (possibly mutated) LENGTH. A block cut short by the end of the buffer
 * is left as it is.
 */
function fixDnp3(b: Uint8Array): void {
  const n = b.length;
  let pos = 0;
  while (pos + LINK.HEADER_BYTES <= n) {
    if (b[pos] !== LINK.START_0 || b[pos + 1] !== LINK.START_1) {
      pos++;
      continue;
    }
    const crc = dnp3Crc(b, pos, pos + LINK.HEADER_CRC_COVERS);
    b[pos + 8] = crc & 0xff;
    b[pos + 9] = crc >>> 8;
    const len = b[pos + 2] as number;
    let off = pos + LINK.HEADER_BYTES;
    let user = len >= LINK.MIN_LENGTH ? len - LINK.MIN_LENGTH : 0;
    while (user > 0) {
      const chunk = Math.min(LINK.BLOCK_BYTES, user);
      if (off + chunk + LINK.CRC_BYTES > n) return;
      const c = dnp3Crc(b, off, off + chunk);
      b[off + chunk] = c & 0xff;
      b[off + chunk + 1] = c >>> 8;
      off += chunk + LINK.CRC_BYTES;
      user -= chunk;
    }
    pos = off;
  }
}

/** Checksum repairs by decoder id. */
export const FIXUPS: Readonly<Record<string, (bytes: Uint8Array) => void>> = {
  dnp3: fixDnp3,
};
