/**
 * The mutation engine of the decoder fuzzer (bench/fuzz.ts): turns a real PDU into a hostile
 * one with a stack of 1 to 8 edits drawn from a {@link Prng}, so a mutant is reproduced from
 * the seed and the run.
 *
 * The edits follow the classic byte-level mutators of AFL and libFuzzer (bit flips,
 * "interesting" values, arithmetic, insertion, deletion, duplication, splicing) with two
 * additions aimed at what OT decoders trust most:
 * - length and count fields: 16- and 32-bit words, in both byte orders (Modbus, S7comm and
 *   TPKT are big-endian; DNP3 and EtherNet/IP little-endian), overwritten with boundary values
 *   and with values near the number of bytes that really follow the field, so a decoder is
 *   driven right up to, and one past, the end of its buffer;
 * - repeated chunks: one short range written up to 64 times in a row, which turns a valid
 *   object or item into a long list of them and exercises every per-message count limit.
 *
 * Mutants are capped at {@link MAX_MUTANT_BYTES}: more than one 64 KiB PDU is never needed to
 * reach a decoder's limits, and the cap keeps the fuzzer's own memory flat.
 */
import type { Prng } from '../test/helpers/prng.js';

/** Largest mutant, in bytes (a little more than `DEFAULT_LIMITS.maxPduBytes`). */
export const MAX_MUTANT_BYTES = 70_000;

/** Byte values that sit on the edges of signed, unsigned and flag ranges. */
const INTERESTING_8 = [0x00, 0x01, 0x02, 0x03, 0x04, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff] as const;

/** 16-bit values that sit on the edges of length and count ranges. */
const INTERESTING_16 = [
  0x0000, 0x0001, 0x0002, 0x0007, 0x0008, 0x00fe, 0x00ff, 0x0100, 0x0101, 0x03e8, 0x0fff, 0x7ffe,
  0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff,
] as const;

/** 32-bit values for the few 32-bit lengths and counts (CIP, S7 block lengths). */
const INTERESTING_32 = [
  0x00000000, 0x00000001, 0x0000ffff, 0x00010000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
] as const;

/** Names of the edits, as they appear in a finding's `ops` list. */
export const MUTATIONS = [
  'bit-flip',
  'byte-interesting',
  'byte-length',
  'byte-arith',
  'byte-random',
  'word16-length',
  'word32-length',
  'insert-random',
  'insert-interesting',
  'delete-range',
  'duplicate-range',
  'repeat-chunk',
  'truncate',
  'drop-head',
  'splice',
  'append-seed',
  'append-random',
  'overwrite-from-seed',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Relative weights of the edits (length fields and structure edits are drawn most). */
const WEIGHTS: Readonly<Record<Mutation, number>> = {
  'bit-flip': 10,
  'byte-interesting': 8,
  'byte-length': 6,
  'byte-arith': 5,
  'byte-random': 5,
  'word16-length': 14,
  'word32-length': 4,
  'insert-random': 4,
  'insert-interesting': 3,
  'delete-range': 5,
  'duplicate-range': 4,
  'repeat-chunk': 5,
  truncate: 6,
  'drop-head': 2,
  splice: 5,
  'append-seed': 4,
  'append-random': 3,
  'overwrite-from-seed': 3,
};

const TABLE: readonly Mutation[] = MUTATIONS.flatMap((m) =>
  new Array<Mutation>(WEIGHTS[m]).fill(m),
);

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(Math.min(n, MAX_MUTANT_BYTES));
  let off = 0;
  for (const p of parts) {
    const take = Math.min(p.length, out.length - off);
    if (take <= 0) break;
    out.set(p.subarray(0, take), off);
    off += take;
  }
  return out;
}

/**
 * Mutates PDUs of one decoder. `others` are the decoder's seeds, the donors of splices and
 * appended PDUs (splicing within one protocol keeps headers plausible).
 *
 * @example
 * const m = new Mutator(new Prng(1), seeds);
 * const ops: string[] = [];
 * const mutant = m.mutate(seeds[0], ops); // ops: ['word16-length@4', 'truncate@9']
 */
export class Mutator {
  constructor(
    private readonly rng: Prng,
    private readonly others: readonly Uint8Array[],
  ) {}

  /**
   * A mutated copy of `base` (never `base` itself). When `ops` is given, the edits are
   * appended to it as `name@offset`.
   */
  mutate(base: Uint8Array, ops: string[] | null): Uint8Array {
    const rng = this.rng;
    let b: Uint8Array = base.slice(0, MAX_MUTANT_BYTES);
    // 1 edit half of the time, then geometrically fewer, at most 8.
    let edits = 1;
    while (edits < 8 && rng.chance(0.5)) edits++;
    for (let e = 0; e < edits; e++) {
      const m = rng.pick(TABLE);
      const r = this.apply(m, b);
      b = r.bytes;
      ops?.push(`${m}@${r.at}`);
    }
    return b;
  }

  /** A buffer of `n` random bytes (the "not even this protocol" inputs). */
  random(n: number): Uint8Array {
    return this.rng.bytes(n);
  }

  /** An offset biased towards the headers (the first 16 bytes) where the length fields are. */
  private offset(len: number): number {
    const rng = this.rng;
    if (len <= 0) return 0;
    return rng.chance(0.5) ? rng.int(Math.min(len, 16)) : rng.int(len);
  }

  private donor(): Uint8Array {
    return this.others.length > 0 ? this.rng.pick(this.others) : this.rng.bytes(this.rng.int(64));
  }

  private apply(m: Mutation, b: Uint8Array): { bytes: Uint8Array; at: number } {
    const rng = this.rng;
    const n = b.length;
    const at = this.offset(n);
    switch (m) {
      case 'bit-flip': {
        if (n === 0) return { bytes: b, at };
        const flips = rng.range(1, 4);
        for (let i = 0; i < flips; i++) {
          const o = i === 0 ? at : this.offset(n);
          b[o] = (b[o] as number) ^ (1 << rng.int(8));
        }
        return { bytes: b, at };
      }
      case 'byte-interesting':
        if (n > 0) b[at] = rng.pick(INTERESTING_8);
        return { bytes: b, at };
      case 'byte-length': {
        // A one-byte length (IEC 104 APDU length, S7 item counts, DNP3 link length) set to the
        // bytes that follow it, give or take one.
        if (n === 0) return { bytes: b, at };
        const rest = n - at - 1;
        b[at] = (rest + rng.pick([-2, -1, 0, 0, 1, 2, 128])) & 0xff;
        return { bytes: b, at };
      }
      case 'byte-arith':
        if (n > 0) b[at] = ((b[at] as number) + rng.range(-35, 35)) & 0xff;
        return { bytes: b, at };
      case 'byte-random':
        if (n > 0) b[at] = rng.int(256);
        return { bytes: b, at };
      case 'word16-length': {
        if (n < 2) return { bytes: b, at };
        const o = Math.min(at, n - 2);
        const rest = n - o - 2;
        const v = rng.chance(0.5)
          ? rng.pick(INTERESTING_16)
          : (rest + rng.pick([-3, -2, -1, 0, 1, 2, 3, rest, 256])) & 0xffff;
        if (rng.chance(0.5)) {
          b[o] = v >>> 8;
          b[o + 1] = v & 0xff;
        } else {
          b[o] = v & 0xff;
          b[o + 1] = v >>> 8;
        }
        return { bytes: b, at: o };
      }
      case 'word32-length': {
        if (n < 4) return { bytes: b, at };
        const o = Math.min(at, n - 4);
        const rest = n - o - 4;
        const v = rng.chance(0.6) ? rng.pick(INTERESTING_32) : (rest + rng.range(-2, 2)) >>> 0;
        const le = rng.chance(0.5);
        for (let i = 0; i < 4; i++) {
          const shift = le ? 8 * i : 8 * (3 - i);
          b[o + i] = (v >>> shift) & 0xff;
        }
        return { bytes: b, at: o };
      }
      case 'insert-random':
        return {
          bytes: concat(b.subarray(0, at), rng.bytes(rng.range(1, 32)), b.subarray(at)),
          at,
        };
      case 'insert-interesting': {
        const k = rng.range(1, 8);
        const ins = new Uint8Array(k).fill(rng.pick(INTERESTING_8));
        return { bytes: concat(b.subarray(0, at), ins, b.subarray(at)), at };
      }
      case 'delete-range': {
        if (n === 0) return { bytes: b, at };
        const k = rng.range(1, Math.min(32, n - at));
        return { bytes: concat(b.subarray(0, at), b.subarray(at + k)), at };
      }
      case 'duplicate-range': {
        if (n === 0) return { bytes: b, at };
        const k = rng.range(1, Math.min(64, n - at));
        const to = rng.int(n + 1);
        const chunk = b.slice(at, at + k);
        return { bytes: concat(b.subarray(0, to), chunk, b.subarray(to)), at };
      }
      case 'repeat-chunk': {
        if (n === 0) return { bytes: b, at };
        const k = rng.range(1, Math.min(16, n - at));
        const times = rng.range(2, 64);
        const chunk = b.subarray(at, at + k);
        const reps = new Uint8Array(k * times);
        for (let i = 0; i < times; i++) reps.set(chunk, i * k);
        return { bytes: concat(b.subarray(0, at + k), reps, b.subarray(at + k)), at };
      }
      case 'truncate': {
        const cut = n === 0 ? 0 : rng.int(n);
        return { bytes: b.slice(0, cut), at: cut };
      }
      case 'drop-head': {
        const k = n === 0 ? 0 : rng.range(1, Math.min(n, 16));
        return { bytes: b.slice(k), at: k };
      }
      case 'splice': {
        // Head of this PDU, tail of another: a valid header over a foreign body.
        const d = this.donor();
        const from = d.length === 0 ? 0 : rng.int(d.length);
        return { bytes: concat(b.subarray(0, at), d.subarray(from)), at };
      }
      case 'append-seed':
        return { bytes: concat(b, this.donor()), at: n };
      case 'append-random':
        return { bytes: concat(b, rng.bytes(rng.range(1, 256))), at: n };
      case 'overwrite-from-seed': {
        if (n === 0) return { bytes: b, at };
        const d = this.donor();
        if (d.length === 0) return { bytes: b, at };
        const from = rng.int(d.length);
        const k = Math.min(n - at, d.length - from, rng.range(1, 32));
        b.set(d.subarray(from, from + k), at);
        return { bytes: b, at };
      }
    }
  }
}
