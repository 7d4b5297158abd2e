/** FINS decoder: FINS/TCP framing, FINS/UDP datagrams, field values, anomalies and probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { FinsEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { finsDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: FinsEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as FinsEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session() {
  const state = finsDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      finsDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('FINS/TCP', () => {
  it('decodes the node address exchange and confirms the flow', () => {
    const s = session();
    expect(s.parse(C, fixture('client-node-address-send'))).toEqual({ kind: 'ok' });
    expect(s.parse(S, fixture('server-node-address-send'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'fins.tcp_control',
        fins: {
          framing: 'tcp',
          tcp_command: 0,
          tcp_command_name: 'client_node_address_send',
          tcp_error_code: 0,
          client_node: 0,
        },
      },
      {
        kind: 'fins.tcp_control',
        fins: {
          framing: 'tcp',
          tcp_command: 1,
          tcp_command_name: 'server_node_address_send',
          tcp_error_code: 0,
          client_node: 251,
          server_node: 200,
        },
      },
    ]);
    expect(s.sink.confirms).toBe(1);
  });

  it('decodes a RUN request and its response, and flags the mode change', () => {
    const s = session();
    s.parse(C, fixture('run-request'));
    s.parse(S, fixture('run-response'));
    expect(s.sink.events.map((e) => e.kind)).toEqual(['fins.request', 'fins.response']);
    expect(s.sink.events[0]?.fins).toEqual({
      framing: 'tcp',
      tcp_command: 2,
      tcp_command_name: 'fins_frame_send',
      tcp_error_code: 0,
      icf: 0x80,
      response_required: true,
      gct: 2,
      dna: 0,
      da1: 0,
      da2: 0,
      sna: 0,
      sa1: 0,
      sa2: 0,
      sid: 0x7a,
      command_code: 0x0401,
      command_name: 'run',
      program_number: 0,
      run_mode: '0x01',
      data_length: 3,
    });
    expect(s.sink.events[1]?.fins).toMatchObject({
      icf: 0xc1,
      response_required: false,
      command_code: 0x0401,
      end_code: 0,
      end_code_name: 'normal_completion',
      data_length: 0,
    });
    expect(s.sink.anomalies).toEqual(['fins.mode_change']);
  });

  it('reads the controller model and version, and a clock write', () => {
    const s = session();
    s.parse(S, fixture('controller-data-read-response'));
    s.parse(C, fixture('clock-write-request'));
    expect(s.sink.events[0]?.fins).toMatchObject({
      command_name: 'controller_data_read',
      controller_model: 'CP1L-EL20DR-D',
      controller_version: '01.00',
      sid: 5,
    });
    expect(s.sink.events[1]?.fins).toMatchObject({
      command_code: 0x0702,
      clock: '09-01-20 01:02:01',
    });
  });

  it('decodes the memory area of a read request', () => {
    const s = session();
    s.parse(C, fixture('memory-area-read-request'));
    expect(s.sink.events[0]?.fins).toMatchObject({
      command_name: 'memory_area_read',
      memory_area: 0,
      memory_area_name: 'clock_pulses_condition_flags',
      address: 0xcccc,
      bit: 0xcc,
      count: 1,
    });
  });

  it('names error responses, truncated frames and unknown commands', () => {
    const s = session();
    s.parse(S, fixture('error-response'));
    s.parse(C, fixture('truncated-fins-frame'));
    s.parse(C, fixture('unknown-command'));
    expect(s.sink.anomalies).toEqual([
      'fins.error_response',
      'fins.truncated_frame',
      'fins.unknown_command',
    ]);
    expect(s.sink.events[0]?.fins).toMatchObject({
      end_code: 0x2102,
      end_code_name: 'write_not_possible',
    });
    expect(s.sink.events[2]?.fins).toMatchObject({ command_code: 0x7f7f, command_name: 'unknown' });
  });

  it('waits for a whole frame and rejects a stream without the magic or with a bad length', () => {
    const s = session();
    const run = fixture('run-request');
    expect(s.parse(C, run.subarray(0, 10))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 31,
    });
    expect(session().parse(C, hex('46494e54' + '00000010'))).toEqual({
      kind: 'reject',
      anomaly: 'fins.invalid_magic',
    });
    expect(session().parse(C, hex('46494e53' + '00000004'))).toEqual({
      kind: 'reject',
      anomaly: 'fins.invalid_length',
    });
    expect(session().parse(C, hex('46494e53' + '7fffffff'))).toEqual({
      kind: 'reject',
      anomaly: 'fins.invalid_length',
    });
  });
});

describe('FINS/UDP', () => {
  // omron1.pcap frames 20 and 39: bare FINS frames, one per datagram
  const write = hex(
    '80' + // ICF
      '00' + // RSV
      '02' + // GCT
      '000000' + // DNA DA1 DA2
      '000000' + // SNA SA1 SA2
      '7a' + // SID
      '0102' + // MEMORY AREA WRITE
      '00' + // area 0x00
      'cccc' + // address
      '00' + // bit
      '0001' + // one item
      '414243444546', // data
  );
  const stop = hex('80' + '00' + '02' + '000000' + '000000' + '7a' + '0402'); // STOP

  it('decodes one frame per datagram', () => {
    const s = session();
    expect(s.parse(C, write)).toEqual({ kind: 'ok' });
    expect(s.parse(C, stop)).toEqual({ kind: 'ok' });
    expect(s.sink.events.map((e) => [e.kind, e.fins.framing, e.fins.command_name])).toEqual([
      ['fins.request', 'udp', 'memory_area_write'],
      ['fins.request', 'udp', 'stop'],
    ]);
    expect(s.sink.events[0]?.fins).toMatchObject({ address: 0xcccc, count: 1, data_length: 12 });
    expect(s.sink.anomalies).toEqual(['fins.mode_change']);
  });

  it('lists the memory areas of multiple read, transfer and forced set/reset requests', () => {
    const s = session();
    const head = '80' + '00' + '02' + '000000' + '000000' + '7a'; // ICF RSV GCT DNA.. SID
    // omron1.pcap frame 23: MULTIPLE MEMORY AREA READ, items (area, address, bit)
    s.parse(C, hex(head + '0104' + '80ffffff' + '40ffffff'));
    // omron1.pcap frame 24: MEMORY AREA TRANSFER, source 0x80, destination 0x81, 16 items
    s.parse(C, hex(head + '0105' + '80cccccc' + '81cccdce' + '0010'));
    // omron1.pcap frame 88: FORCED SET/RESET, count 1 but two (spec, area, address) items
    s.parse(C, hex(head + '2301' + '0001' + '8000' + '80000001' + '8000' + '80000001'));
    expect(s.sink.events.map((e) => e.fins.memory_areas)).toEqual([
      [0x80, 0x40],
      [0x80, 0x81],
      [0x80, 0x80],
    ]);
  });

  it('reads a clock write without seconds as second 00', () => {
    const s = session();
    // CLOCK WRITE with year, month, day, hour, minute only ([W227] 5-3-17): 26-11-25 13:45
    s.parse(C, hex('80' + '00' + '02' + '000000' + '000000' + '01' + '0702' + '2611251345'));
    expect(s.sink.events[0]?.fins).toMatchObject({ clock: '26-11-25 13:45:00', data_length: 5 });
  });

  it('rejects a first datagram whose header is not FINS', () => {
    expect(session().parse(C, hex('82' + '00' + '02' + '000000000000007a0101'))).toEqual({
      kind: 'reject',
      anomaly: 'fins.invalid_header',
    });
    expect(session().parse(C, hex('80' + '00' + '02' + '000000000000007a' + '0001'))).toEqual({
      kind: 'reject',
      anomaly: 'fins.invalid_header',
    });
  });

  it('probes FINS/UDP and FINS/TCP, and refuses other bytes', () => {
    expect(finsDecoder.probe(write, C)).toBe('match');
    expect(finsDecoder.probe(fixture('run-request'), C)).toBe('match');
    expect(finsDecoder.probe(hex('46494e'), C)).toBe('need_more');
    expect(finsDecoder.probe(hex('474554202f20485454502f312e31'), C)).toBe('no_match');
    expect(finsDecoder.probe(hex('0001000000060103006b0003'), C)).toBe('no_match');
  });
});
