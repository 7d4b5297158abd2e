/**
 * StreamFeeder: feeds an application decoder the two byte streams of a TCP flow, keeping the
 * bytes the decoder left unconsumed (`incomplete`) and handing them back, completed by the next
 * data, exactly as the contract in `decoder.ts` promises. The pipeline and the decoder
 * conformance suite both use it.
 *
 * Cost model:
 * - Nothing pending (the common case: Modbus, DNP3, IEC 104... send whole PDUs per segment):
 *   the caller's view is passed to `parse` as is. Zero copies.
 * - A PDU split across segments: only the bytes of that PDU are copied, into a per-direction
 *   buffer that grows by doubling up to `limits.maxPduBytes`, and `parse` is called again only
 *   once the `needed` byte count is reached. Everything after the completed PDU is parsed in
 *   place. Feeding a stream one byte at a time is therefore linear, not quadratic.
 * - Bounded: a decoder that asks for more than `maxPduBytes` gets an `overflow` verdict, its
 *   pending bytes are dropped and it is told of a gap so it can resynchronise.
 *
 * The buffers are released when empty if they grew beyond {@link RETAIN_BYTES}, so an idle flow
 * holds at most that much per direction.
 */
import type { AppDecoder, DecodeSink, Direction } from './decoder.js';

/**
 * Why {@link StreamFeeder.push} could not simply take the data:
 * - `reject`: the decoder's own status: this is not its protocol; stop feeding the flow;
 * - `overflow`: the decoder wanted more than `maxPduBytes` buffered; the pending bytes and the
 *   rest of the chunk were dropped, and the feeder told the decoder of a gap (`onGap`) so it can
 *   resynchronise; count it (`<proto>.pdu_too_large`) and keep feeding;
 * - `bug`: the decoder returned an impossible status (consumed more than it was given, or
 *   `incomplete` asking for no more bytes than it already had); treat it as a decoder bug.
 */
export type FeedProblem =
  | { readonly kind: 'reject'; readonly anomaly: string }
  /** The decoder handed the stream to `protocol`; `rest` is what followed in this direction. */
  | { readonly kind: 'upgrade'; readonly protocol: string; readonly rest: Uint8Array }
  | { readonly kind: 'overflow' }
  | { readonly kind: 'bug' };

const OVERFLOW: FeedProblem = Object.freeze({ kind: 'overflow' });
const BUG: FeedProblem = Object.freeze({ kind: 'bug' });

/** Buffers larger than this are freed once they are empty again. */
export const RETAIN_BYTES = 4096;
const MIN_BUFFER_BYTES = 256;

/**
 * The pending bytes of one TCP flow, per direction. It holds no decoder: the caller passes the
 * decoder and its state on each call, so one feeder serves whatever decoder the flow gets.
 *
 * @example
 * const feeder = new StreamFeeder(limits.maxPduBytes);
 * const problem = feeder.push(modbusDecoder, state, segmentPayload, Direction.TO_SERVER, sink);
 * if (problem?.kind === 'reject') stopDecoding(problem.anomaly);
 *
 * Pitfall: `data` may be a view into a reused capture buffer. The feeder copies what it keeps,
 * so the caller may reuse the buffer as soon as `push` returns.
 */
export class StreamFeeder {
  private readonly cap: number;
  private readonly buf: [Uint8Array | null, Uint8Array | null] = [null, null];
  /** Pending byte count per direction. */
  private readonly len: [number, number] = [0, 0];
  /** Byte count the decoder needs before it can make progress, per direction. */
  private readonly need: [number, number] = [0, 0];

  /** @param maxPduBytes the most bytes held per direction (`DecoderLimits.maxPduBytes`). */
  constructor(maxPduBytes: number) {
    this.cap = Math.max(1, Math.floor(maxPduBytes));
  }

  /** Bytes held for direction `dir`, waiting for the rest of a PDU. */
  pending(dir: Direction): number {
    return this.len[dir];
  }

  /** Bytes of buffer memory currently held (both directions). */
  bufferedBytes(): number {
    return (this.buf[0]?.length ?? 0) + (this.buf[1]?.length ?? 0);
  }

  /**
   * Feeds the next bytes of direction `dir` (in stream order, no overlap) to `decoder`.
   * Events and anomalies go to `sink` while this call runs.
   *
   * @returns null when all is well (decoded, or buffered until more arrives), else the problem.
   */
  push<S>(
    decoder: AppDecoder<S>,
    state: S,
    data: Uint8Array,
    dir: Direction,
    sink: DecodeSink,
  ): FeedProblem | null {
    const n = data.length;
    let off = 0;

    // First complete the pending PDU with as few bytes as it needs.
    while (this.len[dir] > 0) {
      const have = this.len[dir];
      const want = this.need[dir] - have;
      const take = Math.min(want, n - off);
      if (take > 0) this.append(dir, data, off, take);
      off += take;
      if (take < want) return null;
      const view = (this.buf[dir] as Uint8Array).subarray(0, have + take);
      const st = decoder.parse(state, view, dir, sink);
      if (st.kind === 'ok') {
        this.clear(dir);
        break;
      }
      if (st.kind === 'reject') {
        this.clear(dir);
        return st;
      }
      if (st.kind === 'upgrade') {
        const rest = concat(
          view.subarray(Math.max(0, Math.min(st.consumed, view.length))),
          data,
          off,
        );
        this.clear(0);
        this.clear(1);
        return { kind: 'upgrade', protocol: st.protocol, rest };
      }
      const keep = view.length - st.consumed;
      if (st.consumed < 0 || keep < 0 || (keep > 0 && st.needed <= keep)) return this.bug(dir);
      if (keep === 0) {
        this.clear(dir);
        break;
      }
      // The rest of this chunk belongs to the oversized PDU too: it is dropped with it.
      if (st.needed > this.cap) return this.overflow(decoder, state, dir, keep + n - off);
      // Move the unconsumed tail to the front (at most one PDU's worth of bytes).
      if (st.consumed > 0) (this.buf[dir] as Uint8Array).copyWithin(0, st.consumed, view.length);
      this.len[dir] = keep;
      this.need[dir] = st.needed;
    }
    if (off >= n) return null;

    // Nothing pending: parse the caller's bytes in place.
    const rest = off === 0 ? data : data.subarray(off, n);
    const st = decoder.parse(state, rest, dir, sink);
    if (st.kind === 'ok') return null;
    if (st.kind === 'reject') return st;
    if (st.kind === 'upgrade') {
      this.clear(0);
      this.clear(1);
      const from = Math.max(0, Math.min(st.consumed, rest.length));
      return { kind: 'upgrade', protocol: st.protocol, rest: rest.slice(from) };
    }
    const keep = rest.length - st.consumed;
    if (st.consumed < 0 || keep < 0 || (keep > 0 && st.needed <= keep)) return this.bug(dir);
    if (keep === 0) return null;
    if (st.needed > this.cap) return this.overflow(decoder, state, dir, keep);
    this.append(dir, rest, st.consumed, keep);
    this.need[dir] = st.needed;
    return null;
  }

  /**
   * Drops the pending bytes of direction `dir`, which can no longer complete after a capture
   * gap. The caller tells the decoder (`onGap`) itself.
   *
   * @returns the number of pending bytes dropped.
   */
  gap(dir: Direction): number {
    const dropped = this.len[dir];
    this.clear(dir);
    return dropped;
  }

  private append(dir: Direction, src: Uint8Array, from: number, count: number): void {
    const have = this.len[dir];
    const size = have + count;
    let b = this.buf[dir];
    if (b === null || b.length < size) {
      // Grow geometrically, never beyond the cap (size <= need <= cap was checked).
      const grown = new Uint8Array(
        Math.min(this.cap, Math.max(MIN_BUFFER_BYTES, (b?.length ?? 0) * 2, size)),
      );
      if (b !== null && have > 0) grown.set(b.subarray(0, have));
      b = grown;
      this.buf[dir] = b;
    }
    b.set(src.subarray(from, from + count), have);
    this.len[dir] = size;
  }

  private clear(dir: Direction): void {
    this.len[dir] = 0;
    this.need[dir] = 0;
    const b = this.buf[dir];
    if (b !== null && b.length > RETAIN_BYTES) this.buf[dir] = null;
  }

  private overflow<S>(
    decoder: AppDecoder<S>,
    state: S,
    dir: Direction,
    dropped: number,
  ): FeedProblem {
    this.clear(dir);
    decoder.onGap?.(state, dir, dropped);
    return OVERFLOW;
  }

  private bug(dir: Direction): FeedProblem {
    this.clear(dir);
    return BUG;
  }
}

/** A copy of `a` followed by `b[from..]` (the bytes after a hand-over, which outlive the call). */
function concat(a: Uint8Array, b: Uint8Array, from: number): Uint8Array {
  const tail = b.length > from ? b.length - from : 0;
  const out = new Uint8Array(a.length + tail);
  out.set(a, 0);
  if (tail > 0) out.set(b.subarray(from), a.length);
  return out;
}
