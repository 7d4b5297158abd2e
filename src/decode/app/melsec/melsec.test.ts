/** MELSEC decoder: SLMP 3E/4E frames, MELSOFT frames and CPU search, probe, anomalies. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { MelsecEvent } from './events.js';
import { fixtures, slmpFixtures } from './fixtures.js';
import { melsecDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: MelsecEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as MelsecEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session() {
  const state = melsecDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      melsecDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = [...fixtures, ...slmpFixtures].find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('SLMP 3E/4E binary frames', () => {
  it('decodes a batch read of D100 and names its response', () => {
    const s = session();
    s.parse(C, fixture('slmp-3e-batch-read-request'));
    s.parse(S, fixture('slmp-3e-batch-read-response'));
    expect(s.sink.events).toEqual([
      {
        kind: 'melsec.request',
        melsec: {
          frame: 'slmp_3e',
          subheader: 0x5000,
          network: 0,
          pc: 0xff,
          module_io: 0x03ff,
          station: 0,
          data_length: 12,
          timer: 16,
          command: 0x0401,
          command_name: 'device_read',
          subcommand: 0,
          device: { code: 0xa8, name: 'D', head: 100, points: 3 },
        },
      },
      {
        kind: 'melsec.response',
        melsec: {
          frame: 'slmp_3e',
          subheader: 0xd000,
          network: 0,
          pc: 0xff,
          module_io: 0x03ff,
          station: 0,
          data_length: 8,
          end_code: 0,
          end_code_name: 'normal',
          command: 0x0401,
          command_name: 'device_read',
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes a 4E remote STOP with its serial and flags it', () => {
    const s = session();
    s.parse(C, fixture('slmp-4e-remote-stop-request'));
    expect(s.sink.events[0]!.melsec).toMatchObject({
      frame: 'slmp_4e',
      subheader: 0x5400,
      serial: 0x1234,
      command_name: 'remote_stop',
    });
    expect(s.sink.anomalies).toEqual(['melsec.remote_control']);
  });

  it('reads the iQ-R device form, flags writes, unknown commands and error end codes', () => {
    const s = session();
    // Batch write, subcommand 2: head 4 bytes, device code 2 bytes, 1 point, one word.
    s.parse(
      C,
      hex(
        '5000' +
          '00ff' +
          'ff0300' +
          '1000' +
          '1000' +
          '0114' +
          '0200' +
          'e8030000' +
          'a800' +
          '0100' +
          '3412',
      ),
    );
    s.parse(S, hex('d000' + '00ff' + 'ff0300' + '0200' + '5bc0'));
    s.parse(C, hex('5000' + '00ff' + 'ff0300' + '0600' + '1000' + '9999' + '0000'));
    expect(s.sink.events[0]!.melsec.device).toEqual({
      code: 0xa8,
      name: 'D',
      head: 1000,
      points: 1,
    });
    expect(s.sink.events[1]!.melsec).toMatchObject({
      end_code: 0xc05b,
      end_code_name: 'device_not_accessible',
      command_name: 'device_write',
    });
    expect(s.sink.anomalies).toEqual([
      'melsec.write',
      'melsec.error_response',
      'melsec.unknown_command',
    ]);
  });

  it('frames a stream and checks a cut header byte by byte', () => {
    const whole = new Uint8Array([
      ...fixture('slmp-3e-batch-read-request'),
      ...fixture('slmp-3e-batch-read-request'),
    ]);
    const s = session();
    expect(s.parse(C, whole.subarray(0, 25))).toEqual({
      kind: 'incomplete',
      consumed: 21,
      needed: 5,
    });
    expect(s.sink.events).toHaveLength(1);
  });
});

describe('MELSOFT frames', () => {
  it('decodes the read CPU model exchange (melsoft_UDP_clean_2.pcap frames 5, 6)', () => {
    const s = session();
    s.parse(C, fixture('melsoft-read-cpu-model-request'));
    s.parse(S, fixture('melsoft-read-cpu-model-response'));
    expect(s.sink.events[0]!.melsec).toEqual({
      frame: 'melsoft',
      subheader: 0x57,
      data_length: 32,
      link: 1,
      route: '0000001111070000ffff030000fe030000',
      channel: 0x0a,
      command: 0x0121,
      command_name: 'read_cpu_model',
      command_family: 'cpu_information',
      serial: 1,
    });
    expect(s.sink.events[1]!.melsec).toMatchObject({
      subheader: 0xd7,
      end_code: 0,
      command: 0x0121,
      serial: 1,
      cpu_model: 'FX5U-32MT/ES',
    });
  });

  it('reads the UTF-16 path of a file request (frame 29)', () => {
    const s = session();
    s.parse(C, fixture('melsoft-file-request'));
    expect(s.sink.events[0]!.melsec).toMatchObject({
      command: 0x185f,
      command_family: 'file',
      file_path: '$MELPRJ$\\CPU.PRM',
    });
  });

  it('flags the remote STOP of melsoft_UDP_clean_1.pcap (SLMP numbering, data 0x0001)', () => {
    const s = session();
    s.parse(
      C,
      hex(
        '57010000001111070000ffff030000fe0300002000' +
          '1c0a1614' +
          '00'.repeat(20) +
          '1002' + // command 0x1002
          '0b000000' + // counter 11
          '0100', // mode 1, as SLMP remote STOP
      ),
    );
    expect(s.sink.events[0]!.melsec.command_name).toBe('remote_stop');
    expect(s.sink.anomalies).toEqual(['melsec.remote_control']);
  });

  it('decodes the CPU search on UDP 5560', () => {
    const req = session();
    req.parse(C, hex('5a000001'));
    const rep = session();
    rep.parse(S, hex('da000001' + '1400' + 'c0a80365' + 'c0a80065'));
    expect(req.sink.events[0]).toEqual({
      kind: 'melsec.discovery',
      melsec: { frame: 'melsoft_search', subheader: 0x5a, data_length: 0, query: 1 },
    });
    expect(rep.sink.events[0]!.melsec.addresses).toEqual(['192.168.3.101', '192.168.0.101']);
  });

  it('probes each format and refuses others', () => {
    const p = (b: Uint8Array) => melsecDecoder.probe(b, C);
    for (const f of [...fixtures, ...slmpFixtures]) expect(p(f.bytes), f.name).toBe('match');
    expect(p(hex('5a000001'))).toBe('match');
    expect(p(hex('5a0000'))).toBe('need_more');
    expect(p(hex('5a000001ff'))).toBe('no_match');
    expect(p(hex('57010000002211'))).toBe('no_match');
    expect(p(hex('5000' + '00ff' + 'ff0300' + '0600' + '1000' + '9999' + '0000'))).toBe('no_match');
    expect(p(hex('474554202f'))).toBe('no_match');
    expect(session().parse(C, hex('474554'))).toEqual({
      kind: 'reject',
      anomaly: 'melsec.invalid_frame',
    });
  });
});
