/** PN-IO CM decoder: DCE/RPC header in both byte orders, NDR header, blocks, anomalies, probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { PnioEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { pnioDecoder } from './index.js';

const C = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: PnioEvent[] = [];
  anomalies: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as PnioEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {}
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

function decode(name: string): { sink: Sink; st: ParseStatus; e: PnioEvent['pnio'] } {
  const state = pnioDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  const st = pnioDecoder.parse(state, fixture(name), C, sink);
  return { sink, st, e: (sink.events[0] as PnioEvent).pnio };
}

describe('PN-IO DCE/RPC header', () => {
  it('decodes a big-endian Control request: UUIDs, interface, opnum, sequence', () => {
    const { e, sink } = decode('control-prm-end-request');
    expect(e).toMatchObject({
      packet_type: 0,
      packet_type_name: 'request',
      flags: ['idempotent'],
      drep: 'big',
      object_uuid: 'dea00000-6c97-11d1-8271-00010101014d',
      interface_uuid: 'dea00001-6c97-11d1-8271-00a02442df7d',
      interface: 'pnio_device',
      activity_uuid: '35fda900-358a-1212-8004-001c060b26ed',
      interface_version: 1,
      sequence_number: 2,
      opnum: 4,
      operation: 'control',
      fragment_number: 0,
      body_length: 52,
      args_length: 32,
    });
    expect(e.blocks).toEqual(['IODControlReq PrmEnd']);
    expect(e.control_commands).toEqual(['prm_end']);
    expect(e.session_key).toBe(2);
    expect(e.ar_uuid).toBe('09f1a530-c75f-6d47-b67f-8073439deaad');
    expect(sink.anomalies).toEqual([]);
  });

  it('decodes a little-endian response with its PNIOStatus', () => {
    const { e } = decode('control-prm-end-response');
    expect(e).toMatchObject({
      packet_type_name: 'response',
      drep: 'little',
      flags: ['last_frag', 'no_fack'],
      interface_uuid: 'dea00001-6c97-11d1-8271-00a02442df7d',
      sequence_number: 2,
      pnio_status: 'ok',
      control_commands: ['done'],
    });
  });
});

describe('PN-IO blocks', () => {
  it('decodes a ReadImplicit request and the I&M0 filter blocks of its response', () => {
    const req = decode('read-implicit-request').e;
    expect(req.operation).toBe('read_implicit');
    expect(req.records).toEqual([
      {
        block: 'IODReadReqHeader',
        seq_number: 10,
        api: 0,
        slot: 0,
        subslot: 1,
        index: 0xf840,
        index_name: 'I&M0FilterData',
        record_data_length: 32768,
      },
    ]);
    const res = decode('read-implicit-response').e;
    expect(res.blocks).toEqual([
      'IODReadResHeader',
      'I&M0FilterDataSubmodul',
      'I&M0FilterDataModul',
      'I&M0FilterDataDevice',
    ]);
    expect(res.records?.[0]?.record_data_length).toBe(104);
  });

  it('flags a Release request', () => {
    const { e, sink } = decode('release-request');
    expect(e.operation).toBe('release');
    expect(e.control_commands).toEqual(['release']);
    expect(sink.anomalies).toEqual(['pnio.release']);
  });

  it('names a block running past the body', () => {
    const { e, sink } = decode('control-block-past-body');
    expect(e.blocks).toBeUndefined();
    expect(sink.anomalies).toEqual(['pnio.malformed_block']);
  });

  it('names a body without its NDR header', () => {
    const { sink } = decode('body-without-ndr-header');
    expect(sink.anomalies).toEqual(['pnio.truncated']);
  });

  it('flags a write request and a response with an error PNIOStatus', () => {
    const body =
      '00000060' +
      '00000044' +
      '00000060' +
      '00000000' +
      '00000044' + // NDR header, ActualCount 68
      '0008' +
      '003c' +
      '0100' + // IODWriteReqHeader, length 60
      '0001' +
      '09f1a530c75f6d47b67f8073439deaad' +
      '00000000' +
      '0002' +
      '0001' +
      '0000' + // seq, AR, API, slot 2/1
      '0001' +
      '00000004' +
      '00'.repeat(24) + // index 1, 4 bytes of data, padding
      'deadbeef'; // record data
    const bytes = hex(
      '04' +
        '00' +
        '20' +
        '00' +
        '000000' +
        '00' +
        'dea000006c9711d1827100010101014d' +
        'dea000016c9711d1827100a02442df7d' +
        '35fda900358a12128004001c060b26ed' +
        '00000000' +
        '00000001' +
        '00000003' +
        '0003' +
        'ffff' +
        'ffff' +
        (body.length / 2).toString(16).padStart(4, '0') +
        '0000' +
        '00' +
        '00' +
        body,
    );
    const state = pnioDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    expect(pnioDecoder.parse(state, bytes, C, sink).kind).toBe('ok');
    expect(sink.events[0]?.pnio.records?.[0]).toMatchObject({
      slot: 2,
      subslot: 1,
      index: 1,
      record_data_length: 4,
    });
    expect(sink.anomalies).toEqual(['pnio.write_record']);
    const res = fixture('control-prm-end-response').slice();
    res.set([0xdd, 0x81, 0x40, 0x02], 80); // PNIOStatus: IODControlRes / PNIO / 0x40 / 2
    pnioDecoder.parse(state, res, Direction.TO_CLIENT, sink);
    expect(sink.events[1]?.pnio.pnio_status).toBe('iod_control_res/pnio/64/2');
    expect(sink.anomalies).toEqual(['pnio.write_record', 'pnio.error_status']);
    res.set([0xdf, 0x80, 0xb6, 0x00], 80); // IODWriteRes / PNIORW / access denied
    pnioDecoder.parse(state, res, Direction.TO_CLIENT, sink);
    expect(sink.events[2]?.pnio.pnio_status).toBe('iod_write_res/pniorw/access_denied/0');
  });
});

describe('PN-IO framing and probe', () => {
  it('waits for the whole PDU and rejects what is not DCE/RPC v4', () => {
    const f = fixture('control-prm-end-request');
    const state = pnioDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    expect(pnioDecoder.parse(state, f.subarray(0, 90), C, sink)).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 132,
    });
    expect(pnioDecoder.parse(state, hex('05000000'), C, sink)).toEqual({
      kind: 'reject',
      anomaly: 'pnio.invalid_header',
    });
  });

  it('matches PNIO interfaces only', () => {
    expect(pnioDecoder.probe(fixture('control-prm-end-request'), C)).toBe('match');
    expect(pnioDecoder.probe(fixture('read-implicit-response'), C)).toBe('match');
    const epm = fixture('control-prm-end-request').slice();
    epm.set([0xe1, 0xaf, 0x83, 0x08], 24); // endpoint mapper interface
    expect(pnioDecoder.probe(epm, C)).toBe('no_match');
    expect(pnioDecoder.probe(hex('04000000'), C)).toBe('need_more');
  });
});
