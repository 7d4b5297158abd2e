/** StreamFeeder: zero-copy when nothing is pending, linear on split PDUs, bounded, and honest statuses. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../test/helpers/hex.js';
import { Prng } from '../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction, OK, incomplete, reject, upgrade } from './decoder.js';
import type { AppDecoder, AppEvent, DecodeSink, ParseStatus } from './decoder.js';
import { modbusDecoder } from './app/modbus/index.js';
import { fixtures as modbusFixtures } from './app/modbus/fixtures.js';
import { RETAIN_BYTES, StreamFeeder } from './stream-feeder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/**
 * A test protocol: a 16-bit big-endian length, then that many bytes. Length 0xFFFF is "not this
 * protocol". It records every buffer `parse` is given, to check copies and call counts.
 */
interface ToyState {
  calls: Uint8Array[];
  gaps: number[];
}
const toy: AppDecoder<ToyState> = {
  id: 'toy',
  transport: 'tcp',
  defaultPorts: [],
  anomalies: {
    'toy.not_toy': { description: 'the length is 0xFFFF, so it is not toy', severity: 'low' },
  },
  eventKinds: ['toy.msg'],
  probe: () => 'match',
  createState: () => ({ calls: [], gaps: [] }),
  parse(state: ToyState, data: Uint8Array, _dir: Direction, sink: DecodeSink): ParseStatus {
    state.calls.push(data);
    let pos = 0;
    while (pos < data.length) {
      if (data.length - pos < 2) return incomplete(pos, 2);
      const len = ((data[pos] as number) << 8) | (data[pos + 1] as number);
      if (len === 0xffff) return reject('toy.not_toy');
      // Length 0xFFFE: "the rest of the stream is tls".
      if (len === 0xfffe) return upgrade(pos + 2, 'tls');
      if (data.length - pos < 2 + len) return incomplete(pos, 2 + len);
      let sum = 0;
      for (let i = pos + 2; i < pos + 2 + len; i++) sum = (sum + (data[i] as number)) & 0xffff;
      sink.emit({ kind: 'toy.msg', toy: { len, sum } });
      pos += 2 + len;
    }
    return OK;
  },
  onGap(state: ToyState, _dir: Direction, size: number): void {
    state.gaps.push(size);
  },
};

function msg(len: number, fill = 1): Uint8Array {
  const out = new Uint8Array(2 + len).fill(fill);
  out[0] = len >> 8;
  out[1] = len & 0xff;
  return out;
}

interface ToyEvent {
  kind: 'toy.msg';
  toy: { len: number; sum: number };
}

class Sink implements DecodeSink {
  events: ToyEvent[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as ToyEvent);
  }
  anomaly(): void {}
  confirm(): void {}
}

describe('StreamFeeder hand-over', () => {
  it('returns the bytes after the switch, however the stream was cut, and forgets both sides', () => {
    const stream = concatBytes(msg(3), hex('fffe'), hex('160301'));
    for (const cut of [1, 2, 3, 4, stream.length]) {
      const f = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
      const sink = new Sink();
      const st = toy.createState(DEFAULT_LIMITS);
      f.push(toy, st, hex('00'), S, sink); // a pending byte the other way
      let problem = null;
      const rest: number[] = [];
      for (let off = 0; off < stream.length; off += cut) {
        const piece = stream.subarray(off, Math.min(off + cut, stream.length));
        if (problem === null) problem = f.push(toy, st, piece, C, sink);
        else rest.push(...piece);
      }
      expect(problem?.kind).toBe('upgrade');
      if (problem?.kind !== 'upgrade') return;
      expect(problem.protocol).toBe('tls');
      // What followed in the same call, plus what the caller still had: the TLS record start.
      expect([...problem.rest, ...rest]).toEqual([0x16, 0x03, 0x01]);
      expect(sink.events).toHaveLength(1);
      expect(f.pending(S)).toBe(0);
      expect(f.pending(C)).toBe(0);
    }
  });
});

describe('StreamFeeder', () => {
  it('hands whole PDUs to the decoder in place, without buffering', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const data = concatBytes(msg(3), msg(10));
    expect(feeder.push(toy, state, data, C, new Sink())).toBeNull();
    expect(state.calls).toEqual([data]);
    expect(state.calls[0]).toBe(data);
    expect(feeder.bufferedBytes()).toBe(0);
  });

  it('completes a split PDU, then parses the rest of the chunk in place', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const first = msg(10);
    const second = concatBytes(msg(4), msg(5));
    const stream = concatBytes(first, second);
    const a = stream.subarray(0, 7);
    const b = stream.subarray(7);
    expect(feeder.push(toy, state, a, C, sink)).toBeNull();
    expect(feeder.pending(C)).toBe(7);
    expect(feeder.push(toy, state, b, C, sink)).toBeNull();
    expect(feeder.pending(C)).toBe(0);
    expect(sink.events.map((e) => e.toy.len)).toEqual([10, 4, 5]);
    // The last call got a view of the caller's chunk, not a copy.
    expect(state.calls.at(-1)?.buffer).toBe(b.buffer);
    expect(state.calls.at(-1)?.length).toBe(second.length);
  });

  it('calls parse a bounded number of times when a big PDU arrives one byte at a time', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const big = msg(50_000, 7);
    for (let i = 0; i < big.length; i++) feeder.push(toy, state, big.subarray(i, i + 1), C, sink);
    // One call with the first byte, one with the 2-byte header, one with the whole PDU.
    expect(state.calls.length).toBe(3);
    expect(sink.events).toEqual([
      { kind: 'toy.msg', toy: { len: 50_000, sum: (50_000 * 7) & 0xffff } },
    ]);
  });

  it('copies what it keeps, so the caller may reuse its buffer', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const stream = concatBytes(msg(5, 2), msg(9, 3), msg(1, 4));
    const scratch = new Uint8Array(4);
    for (let off = 0; off < stream.length; off += 4) {
      const n = Math.min(4, stream.length - off);
      scratch.set(stream.subarray(off, off + n));
      feeder.push(toy, state, scratch.subarray(0, n), C, sink);
      scratch.fill(0xee);
    }
    expect(sink.events.map((e) => e.toy)).toEqual([
      { len: 5, sum: 10 },
      { len: 9, sum: 27 },
      { len: 1, sum: 4 },
    ]);
  });

  it('keeps the two directions apart', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const a = msg(6, 1);
    const b = msg(3, 2);
    feeder.push(toy, state, a.subarray(0, 4), C, sink);
    feeder.push(toy, state, b.subarray(0, 2), S, sink);
    expect([feeder.pending(C), feeder.pending(S)]).toEqual([4, 2]);
    feeder.push(toy, state, b.subarray(2), S, sink);
    feeder.push(toy, state, a.subarray(4), C, sink);
    expect(sink.events.map((e) => e.toy.sum)).toEqual([6, 6]);
  });

  it("returns the decoder's reject and drops what it held", () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    feeder.push(toy, state, hex('00'), C, new Sink());
    expect(feeder.push(toy, state, hex('05' + '0102030405' + 'ffff'), C, new Sink())).toEqual({
      kind: 'reject',
      anomaly: 'toy.not_toy',
    });
    expect(feeder.pending(C)).toBe(0);
  });

  it('refuses to buffer more than maxPduBytes, drops the PDU and tells the decoder of a gap', () => {
    const feeder = new StreamFeeder(100);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const big = msg(500);
    expect(feeder.push(toy, state, big.subarray(0, 60), C, sink)).toEqual({ kind: 'overflow' });
    expect(state.gaps).toEqual([60]);
    expect(feeder.pending(C)).toBe(0);
    expect(feeder.bufferedBytes()).toBe(0);
    // Pending header, then a chunk that reveals an oversized length: the chunk is dropped too.
    feeder.push(toy, state, big.subarray(0, 1), C, sink);
    expect(feeder.push(toy, state, big.subarray(1, 40), C, sink)).toEqual({ kind: 'overflow' });
    expect(state.gaps).toEqual([60, 40]);
    expect(feeder.push(toy, state, msg(3), C, sink)).toBeNull();
    expect(sink.events).toHaveLength(1);
  });

  it('reports a decoder that returns an impossible status as a bug', () => {
    const liar = (st: ParseStatus): AppDecoder<null> => ({
      ...(toy as unknown as AppDecoder<null>),
      createState: () => null,
      parse: () => st,
    });
    const data = hex('00010203');
    for (const st of [incomplete(2, 2), incomplete(5, 1), incomplete(-1, 10)]) {
      expect(new StreamFeeder(1000).push(liar(st), null, data, C, new Sink())).toEqual({
        kind: 'bug',
      });
    }
    // Consuming everything and asking for more is not a bug: nothing is pending.
    expect(
      new StreamFeeder(1000).push(liar(incomplete(4, 8)), null, data, C, new Sink()),
    ).toBeNull();
  });

  it('holds nothing when a decoder consumes all buffered bytes and still asks for more', () => {
    const answers = [incomplete(0, 6), incomplete(6, 10)];
    const greedy: AppDecoder<null> = {
      ...(toy as unknown as AppDecoder<null>),
      createState: () => null,
      parse: () => answers.shift() ?? OK,
    };
    const feeder = new StreamFeeder(1000);
    expect(feeder.push(greedy, null, hex('00010203'), C, new Sink())).toBeNull();
    expect(feeder.pending(C)).toBe(4);
    expect(feeder.push(greedy, null, hex('0405'), C, new Sink())).toBeNull();
    expect(feeder.pending(C)).toBe(0);
  });

  it('gap() drops the pending bytes of one direction and says how many', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    feeder.push(toy, state, msg(10).subarray(0, 5), C, new Sink());
    feeder.push(toy, state, msg(10).subarray(0, 3), S, new Sink());
    expect(feeder.gap(C)).toBe(5);
    expect([feeder.pending(C), feeder.pending(S)]).toEqual([0, 3]);
    expect(state.gaps).toEqual([]);
  });

  it('frees a buffer that grew beyond RETAIN_BYTES once it is empty, keeps small ones', () => {
    const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
    const state = toy.createState(DEFAULT_LIMITS);
    const big = msg(RETAIN_BYTES * 2);
    feeder.push(toy, state, big.subarray(0, 100), C, new Sink());
    feeder.push(toy, state, big.subarray(100, 5000), C, new Sink());
    expect(feeder.bufferedBytes()).toBeGreaterThan(RETAIN_BYTES);
    feeder.push(toy, state, big.subarray(5000), C, new Sink());
    expect(feeder.bufferedBytes()).toBe(0);
    const small = msg(10);
    feeder.push(toy, state, small.subarray(0, 4), C, new Sink());
    feeder.push(toy, state, small.subarray(4), C, new Sink());
    expect(feeder.bufferedBytes()).toBeGreaterThan(0);
    expect(feeder.bufferedBytes()).toBeLessThanOrEqual(RETAIN_BYTES);
  });

  it('never holds more than maxPduBytes per direction under random chunking', () => {
    const cap = 300;
    const feeder = new StreamFeeder(cap);
    const state = toy.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    const rng = new Prng(7);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 500; i++) parts.push(msg(rng.int(400), rng.int(256)));
    const stream = concatBytes(...parts);
    let overflows = 0;
    for (let off = 0; off < stream.length;) {
      const n = rng.range(1, 700);
      const r = feeder.push(toy, state, stream.subarray(off, off + n), C, sink);
      if (r?.kind === 'overflow') overflows++;
      expect(feeder.bufferedBytes()).toBeLessThanOrEqual(cap);
      off += n;
    }
    expect(overflows).toBeGreaterThan(0);
  });

  it('gives the same Modbus events for real frames fed whole and one byte at a time', () => {
    const run = (chunk: number): string[] => {
      const feeder = new StreamFeeder(DEFAULT_LIMITS.maxPduBytes);
      const state = modbusDecoder.createState(DEFAULT_LIMITS);
      const sink = new Sink();
      for (const f of modbusFixtures) {
        for (let off = 0; off < f.bytes.length; off += chunk) {
          feeder.push(modbusDecoder, state, f.bytes.subarray(off, off + chunk), f.dir, sink);
        }
      }
      return sink.events.map((e) => JSON.stringify(e));
    };
    const whole = run(1 << 20);
    expect(whole.length).toBeGreaterThan(40);
    expect(run(1)).toEqual(whole);
    expect(run(5)).toEqual(whole);
  });
});
