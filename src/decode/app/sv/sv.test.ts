/** Sampled Values decoder: savPdu and ASDU fields, 9-2LE samples, per-svID smpCnt rules, framing and probe. */
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { SvEvent, SvFields } from './events.js';
import { fixtures } from './fixtures.js';
import { svDecoder } from './index.js';

const P = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: SvEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as SvEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
}

/** A stream as the pipeline runs it (one Ethernet frame per call), or as a byte stream. */
function stream(perFrame = true) {
  const state = perFrame
    ? svDecoder.createState(DEFAULT_LIMITS, 'ether')
    : svDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    feed: (bytes: Uint8Array) => svDecoder.parse(state, bytes, P, sink),
    last: (): SvFields => sink.events[sink.events.length - 1]?.sv as SvFields,
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** BER TLV in hex: one-octet tag, definite length (short, 0x81 or 0x82 form). */
function tlv(tag: number, content: string): string {
  const n = content.length / 2;
  const len =
    n < 0x80
      ? n.toString(16).padStart(2, '0')
      : n < 0x100
        ? `81${n.toString(16).padStart(2, '0')}`
        : `82${n.toString(16).padStart(4, '0')}`;
  return tag.toString(16).padStart(2, '0') + len + content;
}

const text = (s: string): string => toHex(new TextEncoder().encode(s));
const h16 = (v: number): string => v.toString(16).padStart(4, '0');

interface AsduOpts {
  svId?: string;
  smpCnt?: number;
  confRev?: number;
  smpSynch?: number;
}

function asdu(o: AsduOpts = {}): string {
  return tlv(
    0x30,
    tlv(0x80, text(o.svId ?? 'MU01')) +
      tlv(0x82, h16(o.smpCnt ?? 0)) +
      tlv(0x83, (o.confRev ?? 1).toString(16).padStart(8, '0')) +
      tlv(0x85, (o.smpSynch ?? 2).toString(16).padStart(2, '0')) +
      tlv(0x87, '00'.repeat(64)),
  );
}

/** A Sampled Values frame from the APPID on. */
function sv(asdus: string[], opts: { noAsdu?: number; reserved1?: number } = {}): Uint8Array {
  const pdu = tlv(
    0x60,
    tlv(0x80, h16(opts.noAsdu ?? asdus.length).slice(2)) + tlv(0xa2, asdus.join('')),
  );
  return hex('4000' + h16(8 + pdu.length / 2) + h16(opts.reserved1 ?? 0) + '0000' + pdu);
}

describe('savPdu and ASDU', () => {
  it('decodes a 9-2LE frame with its eight values and qualities', () => {
    const s = stream();
    s.feed(fixture('le-smpcnt-3999'));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.last()).toEqual({
      appid: 0x4000,
      length: 104,
      reserved1: 0,
      reserved2: 0,
      simulated: false,
      no_asdu: 1,
      asdu_count: 1,
      asdus: [
        {
          sv_id: 'MU0101',
          smp_cnt: 3999,
          conf_rev: 1,
          smp_synch: 2,
          smp_synch_name: 'global',
          sample_length: 64,
          values: [12345, -6172, -6173, 0, 635085, -317542, -317543, 0],
          qualities: [0, 0, 0, 0, 0, 0, 0, 0],
        },
      ],
    });
  });

  it('decodes every optional Ed.2 field and leaves other data sets undecoded', () => {
    const s = stream();
    s.feed(fixture('ed2-all-fields'));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.last().asdus?.[0]).toEqual({
      sv_id: 'IED1MU/LLN0$MSVCB01',
      dat_set: 'IED1MU/LLN0$PhsMeas1',
      smp_cnt: 0,
      conf_rev: 2,
      refr_tm: '2020-09-13T12:26:40.500000000Z',
      smp_synch: 1,
      smp_synch_name: 'local',
      smp_rate: 80,
      sample_length: 8,
      smp_mod: 0,
    });
  });

  it('lists eight ASDUs of one frame and checks their counters in order', () => {
    const s = stream();
    s.feed(sv([0, 1, 2, 3, 4, 5, 6, 7].map((n) => asdu({ smpCnt: 100 + n }))));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.last().asdus?.map((a) => a.smp_cnt)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
  });

  it('lists at most 16 ASDUs and counts them all', () => {
    const s = stream();
    s.feed(sv(Array.from({ length: 20 }, (_, n) => asdu({ smpCnt: n }))));
    expect(s.sink.anomalies).toEqual(['sv.asdus_limit_reached']);
    expect(s.last().asdus).toHaveLength(16);
    expect(s.last().asdu_count).toBe(20);
  });

  it('flags noASDU that differs from the ASDUs present, and the Simulate bit once', () => {
    const s = stream();
    s.feed(fixture('noasdu-mismatch-simulated'));
    s.feed(sv([asdu({ svId: 'MU0101', smpCnt: 2, smpSynch: 0 })], { reserved1: 0x8000 }));
    expect(s.sink.anomalies).toEqual([
      'sv.not_synchronized',
      'sv.asdu_count_mismatch',
      'sv.simulation',
    ]);
  });

  it('names the mandatory fields an ASDU lacks, and a refrTm of the wrong size', () => {
    const s = stream();
    s.feed(sv([tlv(0x30, tlv(0x80, text('X')) + tlv(0x82, '0001'))]));
    s.feed(sv([tlv(0x30, tlv(0x80, text('Y')) + tlv(0x84, '0102'))]));
    expect(s.sink.details).toEqual([
      'ASDU without confRev, smpSynch, seqData',
      'refrTm of 2 octets, not 8',
    ]);
  });

  it('decodes an overflowing seqData as far as it goes', () => {
    const s = stream();
    s.feed(fixture('seqdata-length-overflow'));
    expect(s.sink.anomalies).toEqual(['sv.malformed_ber']);
    expect(s.last().asdus).toEqual([{ sv_id: 'MU', smp_cnt: 2 }]);
  });
});

describe('per-svID sequence', () => {
  it('accepts counting up and wrapping to 0', () => {
    const s = stream();
    s.feed(fixture('le-smpcnt-3999'));
    s.feed(fixture('le-smpcnt-0'));
    s.feed(sv([asdu({ svId: 'MU0101', smpCnt: 1 })]));
    s.feed(sv([asdu({ svId: 'MU0101', smpCnt: 2 })]));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags gaps, replays and a confRev change', () => {
    const s = stream();
    s.feed(sv([asdu({ smpCnt: 10 })]));
    s.feed(sv([asdu({ smpCnt: 15 })]));
    s.feed(sv([asdu({ smpCnt: 15 })]));
    s.feed(sv([asdu({ smpCnt: 3 })]));
    s.feed(sv([asdu({ smpCnt: 4, confRev: 9 })]));
    expect(s.sink.anomalies).toEqual([
      'sv.smpcnt_gap',
      'sv.smpcnt_backwards',
      'sv.smpcnt_backwards',
      'sv.confrev_change',
    ]);
    expect(s.sink.details[0]).toBe('MU01: smpCnt 10 -> 15');
  });

  it('reports loss of synchronisation when it starts, again after it recovered', () => {
    const s = stream();
    for (const [cnt, synch] of [
      [0, 2],
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 0],
    ] as const) {
      s.feed(sv([asdu({ smpCnt: cnt, smpSynch: synch })]));
    }
    expect(s.sink.anomalies).toEqual(['sv.not_synchronized', 'sv.not_synchronized']);
  });

  it('follows at most 64 svIDs per stream and says so once', () => {
    const s = stream();
    for (let i = 0; i < 70; i++) s.feed(sv([asdu({ svId: `MU${i}` })]));
    expect(s.sink.anomalies).toEqual(['sv.streams_limit_reached']);
  });
});

describe('framing', () => {
  it('ignores Ethernet padding, decodes a cut frame as far as it goes', () => {
    const s = stream();
    const f = fixture('le-smpcnt-0');
    const padded = new Uint8Array(f.length + 6);
    padded.set(f);
    s.feed(padded);
    s.feed(f.subarray(0, 40));
    expect(s.sink.anomalies).toEqual(['sv.truncated_frame', 'sv.malformed_ber']);
    expect(s.sink.events).toHaveLength(2);
    expect(s.last().asdus?.[0]?.sv_id).toBe('MU0101');
  });

  it('flags a bad Length and a frame shorter than a header; rejects nothing', () => {
    const s = stream();
    expect(s.feed(hex('4000000300000000'))).toEqual({ kind: 'ok' });
    expect(s.feed(hex('4000'))).toEqual({ kind: 'ok' });
    s.feed(hex('4000000c00000000' + '6102' + '0000'));
    expect(s.sink.anomalies).toEqual(['sv.invalid_length', 'sv.truncated_frame', 'sv.unknown_pdu']);
    // The header of the bad-Length frame and of the foreign APDU are still shown.
    expect(s.sink.events.map((e) => e.sv.length)).toEqual([3, 12]);
  });

  it('as a byte stream, frames by Length', () => {
    const s = stream(false);
    const two = new Uint8Array([...fixture('le-smpcnt-3999'), ...fixture('le-smpcnt-0')]);
    expect(s.feed(two)).toEqual({ kind: 'ok' });
    expect(s.sink.events).toHaveLength(2);
    expect(s.feed(two.subarray(0, 50))).toEqual({ kind: 'incomplete', consumed: 0, needed: 104 });
  });
});

describe('probe', () => {
  it('matches savPdus, whole or cut, and refuses GSE management and short data', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(svDecoder.probe(f.bytes, P), f.name).toBe('match');
    }
    const gse = tlv(0x60, tlv(0x80, '01') + tlv(0xa2, tlv(0x80, '')));
    expect(svDecoder.probe(hex('0001' + h16(8 + gse.length / 2) + '00000000' + gse), P)).toBe(
      'no_match',
    );
    expect(svDecoder.probe(hex('40000068'), P)).toBe('no_match');
    // Cut by the snap length: recognised from what is there, unless it stops inside a header.
    expect(svDecoder.probe(fixture('le-smpcnt-0').subarray(0, 60), P)).toBe('match');
    expect(svDecoder.probe(fixture('le-smpcnt-0').subarray(0, 15), P)).toBe('no_match');
  });
});
