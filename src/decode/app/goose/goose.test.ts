/** GOOSE decoder: header and goosePdu fields, allData values, per-GoCB sequence rules, GSE management, framing and probe. */
import { describe, expect, it } from 'vitest';
import { hex, toHex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { GooseEvent, GooseFields } from './events.js';
import { fixtures } from './fixtures.js';
import { gooseDecoder } from './index.js';

const P = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: GooseEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as GooseEvent);
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
    ? gooseDecoder.createState(DEFAULT_LIMITS, 'ether')
    : gooseDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    feed: (bytes: Uint8Array) => gooseDecoder.parse(state, bytes, P, sink),
    last: (): GooseFields => sink.events[sink.events.length - 1]?.goose as GooseFields,
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** BER TLV in hex: one-octet tag, definite length (short or 0x81/0x82 form). */
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
const uint = (v: number): string => {
  const h = v.toString(16);
  const even = h.length % 2 ? `0${h}` : h;
  return parseInt(even.slice(0, 2), 16) & 0x80 ? `00${even}` : even;
};

interface PduOpts {
  appid?: number;
  reserved1?: number;
  gocbRef?: string;
  tal?: number;
  stNum?: number;
  sqNum?: number;
  simulation?: boolean;
  confRev?: number;
  ndsCom?: boolean;
  entries?: number;
  allData?: string;
}

/** A GOOSE frame from the APPID on, with the fields of `o` and defaults for the rest. */
function goose(o: PduOpts = {}): Uint8Array {
  const allData = o.allData ?? tlv(0x83, '00');
  const body =
    tlv(0x80, text(o.gocbRef ?? 'IED1/LLN0$GO$gcb1')) +
    tlv(0x81, uint(o.tal ?? 2000)) +
    tlv(0x82, text('IED1/LLN0$DS1')) +
    tlv(0x84, '5f5e100080000018') + // 2020-09-13 12:26:40.5 UTC, 24-bit accuracy
    tlv(0x85, uint(o.stNum ?? 1)) +
    tlv(0x86, uint(o.sqNum ?? 0)) +
    tlv(0x87, o.simulation === true ? 'ff' : '00') +
    tlv(0x88, uint(o.confRev ?? 1)) +
    tlv(0x89, o.ndsCom === true ? 'ff' : '00') +
    tlv(0x8a, uint(o.entries ?? 1)) +
    tlv(0xab, allData);
  const apdu = tlv(0x61, body);
  const len = 8 + apdu.length / 2;
  const h = (v: number): string => v.toString(16).padStart(4, '0');
  return hex(h(o.appid ?? 1) + h(len) + h(o.reserved1 ?? 0) + '0000' + apdu);
}

describe('GOOSE header and goosePdu', () => {
  it('decodes every field of a real GE F650 frame as tshark shows it', () => {
    const s = stream();
    s.feed(fixture('ge-f650-sqnum-10'));
    expect(s.sink.anomalies).toEqual([]);
    const f = s.last();
    expect(f).toMatchObject({
      appid: 1,
      length: 145,
      reserved1: 0,
      reserved2: 0,
      simulated: false,
      gocb_ref: 'GEDeviceF650/LLN0$GO$gcb01',
      time_allowed_to_live: 40000,
      dat_set: 'GEDeviceF650/LLN0$GOOSE1',
      go_id: 'F650_GOOSE1',
      t: '2000-01-02T02:46:11.258165836Z',
      t_quality: 10,
      t_clock_failure: false,
      t_clock_not_synchronized: false,
      st_num: 1,
      sq_num: 10,
      simulation: false,
      conf_rev: 1,
      nds_com: false,
      num_dat_set_entries: 8,
      data_entries: 8,
    });
    expect(f.state_change).toBeUndefined();
    expect(f.data?.slice(0, 2)).toEqual([
      { type: 'boolean', value: false },
      { type: 'bit-string', value: '0000000000000' },
    ]);
  });

  it('reads multi-octet INTEGER encodings (GOOSE_DEMO.pcap)', () => {
    const s = stream();
    s.feed(fixture('goose-demo'));
    expect(s.last()).toMatchObject({
      appid: 0x2000,
      time_allowed_to_live: 10000,
      st_num: 1,
      sq_num: 1,
      conf_rev: 1,
      num_dat_set_entries: 10,
      data_entries: 10,
      t: '2011-05-26T00:55:54.859000027Z',
    });
  });

  it('emits an event with the header when the APDU is not a GOOSE one', () => {
    const s = stream();
    s.feed(hex('0001' + '000c' + '0000' + '0000' + '6202' + '0000'));
    expect(s.sink.anomalies).toEqual(['goose.unknown_pdu']);
    expect(s.last()).toEqual({
      appid: 1,
      length: 12,
      reserved1: 0,
      reserved2: 0,
      simulated: false,
    });
  });

  it('names the mandatory fields a goosePdu lacks', () => {
    const s = stream();
    const apdu = tlv(0x61, tlv(0x80, text('X')) + tlv(0x85, '01') + tlv(0x86, '00'));
    s.feed(hex('0001' + (8 + apdu.length / 2).toString(16).padStart(4, '0') + '00000000' + apdu));
    expect(s.sink.anomalies).toEqual(['goose.malformed_ber']);
    expect(s.sink.details[0]).toBe(
      'goosePdu without timeAllowedtoLive, datSet, t, confRev, numDatSetEntries, allData',
    );
  });

  it('reports a t that is not 8 octets', () => {
    const s = stream();
    const bad = goose();
    // Find the t TLV (84 08) and shorten its length octet to 7: the TLV no longer lines up.
    const at = toHex(bad).indexOf('8408') / 2;
    bad[at + 1] = 7;
    s.feed(bad);
    expect(s.sink.anomalies[0]).toBe('goose.malformed_ber');
  });
});

describe('allData values', () => {
  it('decodes each MMS Data type', () => {
    const s = stream();
    const allData =
      tlv(0x83, '01') + // boolean TRUE
      tlv(0x84, '0680') + // bit-string, 6 unused bits: Dbpos 10 (on)
      tlv(0x85, 'ff38') + // integer -200
      tlv(0x86, '00ff') + // unsigned 255
      tlv(0x87, '0841200000') + // floating-point single 10.0
      tlv(0x87, '087fc00000') + // floating-point NaN
      tlv(0x89, 'deadbeef') + // octet-string
      tlv(0x8a, text('open')) + // visible-string
      tlv(0x8f, '2b0601') + // obj-id 1.3.6.1
      tlv(0x90, text('mms')) + // mMSString
      tlv(0x91, '5f5e10008000000a') + // utc-time
      tlv(0x8d, '12') + // bcd 18
      tlv(0xa2, tlv(0x83, '00') + tlv(0xa1, tlv(0x85, '05'))); // structure { boolean, array { 5 } }
    s.feed(goose({ allData, entries: 13 }));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.last().data).toEqual([
      { type: 'boolean', value: true },
      { type: 'bit-string', value: '10' },
      { type: 'integer', value: -200 },
      { type: 'unsigned', value: 255 },
      { type: 'floating-point', value: 10 },
      { type: 'floating-point', value: 'NaN' },
      { type: 'octet-string', value: 'deadbeef' },
      { type: 'visible-string', value: 'open' },
      { type: 'obj-id', value: '1.3.6.1' },
      { type: 'mms-string', value: 'mms' },
      { type: 'utc-time', value: '2020-09-13T12:26:40.500000000Z' },
      { type: 'bcd', value: 18 },
      {
        type: 'structure',
        items: [
          { type: 'boolean', value: false },
          { type: 'array', items: [{ type: 'integer', value: 5 }] },
        ],
      },
    ]);
  });

  it('stops descending at the nesting limit and says so', () => {
    const s = stream();
    let v = tlv(0x83, '01');
    for (let i = 0; i < 12; i++) v = tlv(0xa2, v);
    s.feed(goose({ allData: v }));
    expect(s.sink.anomalies).toEqual(['goose.nesting_limit_reached']);
    let depth = 0;
    let node = s.last().data?.[0];
    while (node?.items && node.items.length > 0) {
      depth++;
      node = node.items[0];
    }
    expect(depth).toBe(7);
  });

  it('lists at most 256 values but counts every entry', () => {
    const s = stream();
    s.feed(goose({ allData: tlv(0x83, '00').repeat(300), entries: 300 }));
    expect(s.sink.anomalies).toEqual(['goose.values_limit_reached']);
    expect(s.last().data).toHaveLength(256);
    expect(s.last().data_entries).toBe(300);
  });

  it('flags numDatSetEntries that differ from allData', () => {
    const s = stream();
    s.feed(fixture('simulated-entries-mismatch'));
    expect(s.sink.anomalies).toEqual([
      'goose.entries_mismatch',
      'goose.invalid_time_allowed_to_live',
      'goose.simulation',
      'goose.needs_commissioning',
    ]);
    expect(s.last()).toMatchObject({ simulated: true, simulation: true, nds_com: true });
  });
});

describe('per-GoCB sequence', () => {
  it('accepts retransmissions and a state change starting at sqNum 0', () => {
    const s = stream();
    s.feed(goose({ stNum: 5, sqNum: 3 }));
    s.feed(goose({ stNum: 5, sqNum: 4 }));
    s.feed(goose({ stNum: 6, sqNum: 0 }));
    s.feed(goose({ stNum: 6, sqNum: 1 }));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events.map((e) => e.goose.state_change)).toEqual([undefined, false, true, false]);
  });

  it('wraps stNum and sqNum from 2^32 - 1 to 1', () => {
    const s = stream();
    s.feed(goose({ stNum: 0xffffffff, sqNum: 0xffffffff }));
    s.feed(goose({ stNum: 0xffffffff, sqNum: 1 }));
    s.feed(goose({ stNum: 1, sqNum: 0 }));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags gaps, replays, jumps and a new state that does not start at 0', () => {
    const s = stream();
    s.feed(goose({ stNum: 5, sqNum: 3 }));
    s.feed(goose({ stNum: 5, sqNum: 7 })); // gap
    s.feed(goose({ stNum: 5, sqNum: 7 })); // repeat
    s.feed(goose({ stNum: 9, sqNum: 0 })); // jump
    s.feed(goose({ stNum: 10, sqNum: 4 })); // new state, sqNum 4
    s.feed(goose({ stNum: 2, sqNum: 0 })); // back
    expect(s.sink.anomalies).toEqual([
      'goose.sqnum_gap',
      'goose.sqnum_backwards',
      'goose.stnum_jump',
      'goose.new_state_sqnum_nonzero',
      'goose.stnum_backwards',
    ]);
    expect(s.sink.details[4]).toBe('IED1/LLN0$GO$gcb1: stNum 10 -> 2');
  });

  it('follows each gocbRef of a stream on its own', () => {
    const s = stream();
    s.feed(goose({ gocbRef: 'A', stNum: 1, sqNum: 0 }));
    s.feed(goose({ gocbRef: 'B', stNum: 50, sqNum: 0 }));
    s.feed(goose({ gocbRef: 'A', stNum: 1, sqNum: 1 }));
    s.feed(goose({ gocbRef: 'B', stNum: 50, sqNum: 1 }));
    expect(s.sink.anomalies).toEqual([]);
  });

  it('flags a confRev change once and raises flag conditions when they start', () => {
    const s = stream();
    s.feed(goose({ sqNum: 0 }));
    s.feed(goose({ sqNum: 1, confRev: 2, simulation: true, tal: 0 }));
    s.feed(goose({ sqNum: 2, confRev: 2, simulation: true, tal: 0 }));
    s.feed(goose({ sqNum: 3, confRev: 2, reserved1: 0x8000, tal: 5000 }));
    expect(s.sink.anomalies).toEqual([
      'goose.confrev_change',
      'goose.invalid_time_allowed_to_live',
      'goose.simulation',
    ]);
    expect(s.sink.details[0]).toBe('IED1/LLN0$GO$gcb1: confRev 1 -> 2');
  });

  it('names the Simulate bit set without the simulation attribute', () => {
    const s = stream();
    s.feed(goose({ reserved1: 0x8000 }));
    expect(s.sink.details).toEqual([
      'IED1/LLN0$GO$gcb1: Simulate bit set but simulation attribute FALSE',
    ]);
  });

  it('follows at most 64 GoCBs per stream and says so once', () => {
    const s = stream();
    for (let i = 0; i < 70; i++) s.feed(goose({ gocbRef: `G${i}` }));
    expect(s.sink.anomalies).toEqual(['goose.control_blocks_limit_reached']);
  });
});

describe('GSE management', () => {
  it('decodes a GetGoReference request and its positive response', () => {
    const s = stream();
    s.feed(fixture('gse-get-go-reference-request'));
    s.feed(fixture('gse-get-go-reference-response'));
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events.map((e) => [e.kind, e.goose])).toEqual([
      [
        'goose.management',
        {
          appid: 2,
          length: 40,
          reserved1: 0,
          reserved2: 0,
          simulated: false,
          state_id: 1,
          mngt_type: 'request',
          mngt_service: 'get_go_reference',
          ident: 'IED1F1/LLN0$Open',
        },
      ],
      [
        'goose.management',
        {
          appid: 2,
          length: 54,
          reserved1: 0,
          reserved2: 0,
          simulated: false,
          state_id: 1,
          mngt_type: 'response',
          mngt_service: 'get_go_reference',
          ident: 'IED',
          dat_set: 'IED1F1/LLN0$DSet1',
        },
      ],
    ]);
  });

  it('decodes gseMngtNotSupported', () => {
    const s = stream();
    const apdu = tlv(0x60, tlv(0x80, '07') + tlv(0xa2, tlv(0x80, '')));
    s.feed(hex('0002' + (8 + apdu.length / 2).toString(16).padStart(4, '0') + '00000000' + apdu));
    expect(s.last()).toMatchObject({
      state_id: 7,
      mngt_type: 'response',
      mngt_service: 'gse_mngt_not_supported',
    });
  });
});

describe('framing', () => {
  it('ignores Ethernet padding after Length in a frame', () => {
    const s = stream();
    const f = goose();
    const padded = new Uint8Array(f.length + 20);
    padded.set(f);
    expect(s.feed(padded)).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events).toHaveLength(1);
  });

  it('decodes a frame cut short as far as it goes', () => {
    const s = stream();
    s.feed(goose().subarray(0, 40));
    expect(s.sink.anomalies).toEqual(['goose.truncated_frame', 'goose.malformed_ber']);
    expect(s.sink.details[1]).toBe('APDU: length runs past its container');
    expect(s.last().gocb_ref).toBe('IED1/LLN0$GO$gcb1');
  });

  it('flags a Length that cannot hold a PDU and a frame shorter than a header', () => {
    const s = stream();
    s.feed(fixture('length-too-short'));
    s.feed(hex('0001'));
    expect(s.sink.anomalies).toEqual(['goose.invalid_length', 'goose.truncated_frame']);
    // The header of the bad-Length frame is still shown, as Wireshark does.
    expect(s.sink.events).toEqual([
      {
        kind: 'goose.pdu',
        goose: { appid: 3, length: 4, reserved1: 0, reserved2: 0, simulated: false },
      },
    ]);
  });

  it('as a byte stream (no transport), frames by Length and resynchronises quietly', () => {
    const s = stream(false);
    const two = new Uint8Array([...goose({ sqNum: 0 }), ...goose({ sqNum: 1 })]);
    expect(s.feed(two)).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events).toHaveLength(2);
    expect(s.feed(two.subarray(0, 20))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: two.length / 2,
    });
    // Two bad headers in a row: one anomaly.
    expect(s.feed(hex('0001000400000000' + '0001000400000000'))).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual(['goose.invalid_length']);
  });
});

describe('probe', () => {
  it('matches GOOSE and GSE management frames', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(gooseDecoder.probe(f.bytes, P), f.name).toBe('match');
    }
  });

  it('refuses a Sampled Values savPdu and short data, recognises a frame the snap length cut', () => {
    const sv = tlv(0x60, tlv(0x80, '01') + tlv(0xa2, tlv(0x30, tlv(0x80, text('MU01')))));
    const frame = hex('4000' + (8 + sv.length / 2).toString(16).padStart(4, '0') + '00000000' + sv);
    expect(gooseDecoder.probe(frame, P)).toBe('no_match');
    expect(gooseDecoder.probe(hex('0001009100'), P)).toBe('no_match');
    expect(gooseDecoder.probe(goose().subarray(0, 30), P)).toBe('match');
    // A goosePdu that does not start with gocbRef, whole or cut.
    expect(gooseDecoder.probe(hex('0001000d00000000' + '6103020100'), P)).toBe('no_match');
    expect(gooseDecoder.probe(hex('0001004000000000' + '6140020100'), P)).toBe('no_match');
  });
});
