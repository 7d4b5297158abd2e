/** EtherCAT decoder: frame header, datagram chains, register writes, working counters, probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import type { EthercatEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { ethercatDecoder } from './index.js';

const D = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: EthercatEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as EthercatEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
}

function stream(limits = DEFAULT_LIMITS) {
  const state = ethercatDecoder.createState(limits);
  const sink = new Sink();
  return { sink, parse: (b: Uint8Array) => ethercatDecoder.parse(state, b, D, sink) };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('EtherCAT frames', () => {
  it('decodes the header and a returned BRD with its working counter', () => {
    const s = stream();
    expect(s.parse(fixture('brd-al-status-returned'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'ethercat.frame',
        ethercat: {
          length: 14,
          type: 1,
          type_name: 'commands',
          datagram_count: 1,
          datagrams: [
            {
              command: 7,
              command_name: 'BRD',
              index: 2,
              adp: 5,
              ado: 0x130,
              length: 2,
              circulating: false,
              more: false,
              irq: 4,
              working_counter: 5,
            },
          ],
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('lists every datagram of a chain, logical and physical', () => {
    const s = stream();
    s.parse(fixture('lrd-and-status-poll'));
    const f = s.sink.events[0]?.ethercat;
    expect(f?.datagram_count).toBe(7);
    expect(f?.datagrams?.map((d) => d.command_name)).toEqual([
      'LRD',
      'BRD',
      'APRD',
      'APRD',
      'APRD',
      'APRD',
      'APRD',
    ]);
    expect(f?.datagrams?.[0]).toMatchObject({ logical_address: 0x11000, length: 1, more: true });
    expect(f?.datagrams?.[0]?.adp).toBeUndefined();
    expect(f?.datagrams?.[3]).toMatchObject({ adp: 0xffff, ado: 0x130, more: true });
    expect(f?.datagrams?.[6]?.more).toBe(false);
  });

  it('flags INIT requests, station address writes and broadcast writes', () => {
    const s = stream();
    s.parse(fixture('bwr-al-control-init'));
    s.parse(fixture('apwr-station-address'));
    s.parse(fixture('fpwr-al-control-init'));
    expect(s.sink.anomalies).toEqual([
      'ethercat.broadcast_write',
      'ethercat.state_change',
      'ethercat.station_address_write',
      'ethercat.state_change',
    ]);
    expect(s.sink.details[3]).toBe('FPWR adp 0x1000: AL control INIT');
    expect(s.sink.events[0]?.ethercat.datagrams?.[0]?.al_control).toBe('INIT');
    expect(s.sink.events[1]?.ethercat.datagrams?.[0]?.station_address).toBe(0x1001);
  });

  it('does not flag a request to OP', () => {
    const s = stream();
    const b = fixture('fpwr-al-control-init').slice();
    b[2 + 16 + 16 + 10] = 0x08; // AL control: OP
    s.parse(b);
    expect(s.sink.anomalies).toEqual([]);
    expect(s.sink.events[0]?.ethercat.datagrams?.[2]?.al_control).toBe('OP');
  });

  it('names a CoE mailbox', () => {
    const s = stream();
    s.parse(fixture('fpwr-coe-mailbox'));
    expect(s.sink.events[0]?.ethercat.datagrams?.[0]?.mailbox_type).toBe('CoE');
  });

  it('flags a working counter that changes between cycles of the same datagram', () => {
    const s = stream();
    s.parse(fixture('brd-al-status-returned'));
    const fewer = fixture('brd-al-status-returned').slice();
    fewer[14] = 4; // working counter 4: a slave did not answer
    s.parse(fewer);
    s.parse(fewer);
    expect(s.sink.anomalies).toEqual(['ethercat.working_counter_changed']);
    expect(s.sink.details[0]).toBe('BRD index 0x2: working counter 5 -> 4');
  });

  it('names malformed chains and lengths, and still emits the frame', () => {
    const s = stream();
    s.parse(fixture('datagram-past-frame-end'));
    s.parse(hex('ff10' + '07020000300102000000' + '0000' + '0000'));
    s.parse(hex('0e70' + '00'.repeat(14)));
    s.parse(hex('0e10' + '0f02000030010200' + '0000' + '0000' + '0000'));
    expect(s.sink.anomalies).toEqual([
      'ethercat.malformed_datagram',
      'ethercat.invalid_length',
      'ethercat.unknown_type',
      'ethercat.unknown_command',
    ]);
    expect(s.sink.events).toHaveLength(4);
    expect(s.sink.events[0]?.ethercat.datagram_count).toBe(0);
  });

  it('lists at most maxObjectsPerMessage datagrams and counts them all', () => {
    const s = stream({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    s.parse(fixture('bwr-al-control-init'));
    expect(s.sink.events[0]?.ethercat.datagram_count).toBe(7);
    expect(s.sink.events[0]?.ethercat.datagrams).toHaveLength(2);
    expect(s.sink.anomalies).toContain('ethercat.objects_limit_reached');
  });
});

describe('probe', () => {
  it('matches well-formed frames and refuses the rest', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(ethercatDecoder.probe(f.bytes, D)).toBe('match');
    }
    expect(ethercatDecoder.probe(fixture('datagram-past-frame-end'), D)).toBe('match');
    expect(
      ethercatDecoder.probe(hex('0e10' + '0f02000030010200' + '0000' + '0000' + '0000'), D),
    ).toBe('no_match');
    expect(ethercatDecoder.probe(hex('00'), D)).toBe('need_more');
    expect(ethercatDecoder.probe(hex('0040000000020107'), D)).toBe('no_match');
  });
});
