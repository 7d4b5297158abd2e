/** NTP decoder: time packets, control and private messages, anomalies, probe, fuzz. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { NtpFields } from './events.js';
import { fixtures } from './fixtures.js';
import { NTP_ANOMALIES, ntpDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface NtpEvent {
  kind: string;
  ntp: NtpFields;
}

class Sink implements DecodeSink {
  events: NtpEvent[] = [];
  anomalies: string[] = [];
  details: (string | undefined)[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as NtpEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail);
  }
  confirm(): void {}
}

function session() {
  const state = ntpDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      ntpDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('NTP time packets', () => {
  // Timestamps as tshark 4.0.17 shows them for Sample_File_MMS_and_GOOSE.pcap frames 1 and 2.
  it('decodes an SNTP client request and the server reply', () => {
    const s = session();
    s.parse(C, fixture('client-request'));
    s.parse(S, fixture('server-reply'));
    expect(s.sink.events).toEqual([
      {
        kind: 'ntp.message',
        ntp: {
          li: 0,
          li_name: 'no_warning',
          version: 4,
          mode: 3,
          mode_name: 'client',
          stratum: 0,
          poll: 0,
          precision: 0,
          root_delay: 0,
          root_dispersion: 0,
          ref_id: '',
          xmt_time: '2008-07-18T12:34:22.980876772Z',
        },
      },
      {
        kind: 'ntp.message',
        ntp: {
          li: 0,
          li_name: 'no_warning',
          version: 4,
          mode: 4,
          mode_name: 'server',
          stratum: 6,
          poll: 0,
          precision: -20,
          root_delay: 0,
          root_dispersion: 0x2e3 / 65536,
          ref_id: '127.127.1.0',
          ref_time: '2008-07-18T12:33:59.293366579Z',
          org_time: '2008-07-18T12:34:22.980876772Z',
          rec_time: '2008-07-18T12:34:22.978669921Z',
          xmt_time: '2008-07-18T12:34:22.978683524Z',
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('shows a stratum-1 reference as text and an era-1 timestamp in 2036', () => {
    const s = session();
    s.parse(S, fixture('server-reply-stratum-1'));
    expect(s.sink.events[0]?.ntp.ref_id).toBe('SHM');
    // tshark 4.0.17: "Feb  7, 2036 06:28:53.000000000 UTC"
    expect(s.sink.events[0]?.ntp.org_time).toBe('2036-02-07T06:28:53.000000000Z');
    s.parse(S, fixture('broadcast'));
    expect(s.sink.events[1]?.ntp).toMatchObject({
      mode_name: 'broadcast',
      stratum: 1,
      poll: 3,
      precision: -34,
      ref_id: 'GPS',
    });
  });

  it("flags a kiss-o'-death and an unsynchronised server", () => {
    const s = session();
    s.parse(S, fixture('kiss-of-death-rate'));
    const unsync = fixture('server-reply').slice();
    unsync[1] = 16;
    s.parse(S, unsync);
    expect(s.sink.anomalies).toEqual(['ntp.kiss_of_death', 'ntp.unsynchronized_server']);
    expect(s.sink.details[0]).toBe('RATE');
    expect(s.sink.events[0]?.ntp).toMatchObject({ kiss_code: 'RATE', li_name: 'unsynchronized' });
  });

  it('counts the bytes after the header (key id and MAC)', () => {
    const s = session();
    const withMac = new Uint8Array(68);
    withMac.set(fixture('client-request'));
    s.parse(C, withMac);
    expect(s.sink.events[0]?.ntp.extra_bytes).toBe(20);
  });
});

describe('control and private messages', () => {
  it('decodes an ntpq read-variables request and flags it', () => {
    const s = session();
    s.parse(C, fixture('control-read-variables'));
    expect(s.sink.events[0]).toEqual({
      kind: 'ntp.control',
      ntp: {
        li: 0,
        li_name: 'no_warning',
        version: 2,
        mode: 6,
        mode_name: 'control',
        response: false,
        error: false,
        more: false,
        opcode: 2,
        opcode_name: 'read_variables',
        sequence: 1,
        status: 0,
        association_id: 0,
        offset: 0,
        count: 0,
      },
    });
    expect(s.sink.anomalies).toEqual(['ntp.control_request']);
  });

  it('decodes a monlist request and flags it; a response is not flagged', () => {
    const s = session();
    s.parse(C, fixture('private-monlist'));
    expect(s.sink.events[0]?.ntp).toMatchObject({
      mode_name: 'private',
      response: false,
      implementation: 3,
      request_code: 42,
      request_name: 'mon_getlist_1',
      items: 0,
      item_size: 0,
    });
    // A response: R bit set, 6 items of 72 bytes.
    s.parse(S, hex('97' + '00' + '03' + '2a' + '0006' + '0048' + '00'.repeat(432)));
    expect(s.sink.events[1]?.ntp).toMatchObject({ response: true, items: 6, item_size: 72 });
    s.parse(C, hex('17' + '00' + '03' + '04' + '0000' + '0000'));
    expect(s.sink.anomalies).toEqual(['ntp.monlist_request', 'ntp.private_request']);
  });
});

describe('probe and robustness', () => {
  it('refuses text, short datagrams and impossible headers; names them once confirmed', () => {
    expect(ntpDecoder.probe(hex('474554202f20485454502f312e310d0a'), C)).toBe('no_match');
    expect(ntpDecoder.probe(fixture('truncated-client'), C)).toBe('no_match');
    expect(
      ntpDecoder.parse(ntpDecoder.createState(DEFAULT_LIMITS), hex('00'), C, new Sink()),
    ).toEqual({
      kind: 'reject',
      anomaly: 'ntp.not_ntp',
    });
    const s = session();
    s.parse(C, fixture('client-request'));
    s.parse(C, fixture('truncated-client'));
    s.parse(C, hex('3f'.repeat(48)));
    expect(s.sink.anomalies).toEqual(['ntp.truncated_message', 'ntp.not_ntp']);
  });

  it('never throws on 20,000 mutated datagrams and raises only declared anomalies', () => {
    const rng = new Prng(0x0123);
    const s = session();
    for (let i = 0; i < 20_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      const b = base.slice(0, rng.chance(0.2) ? rng.int(base.length + 1) : base.length);
      for (let k = rng.int(6); k > 0 && b.length > 0; k--) b[rng.int(b.length)] = rng.int(256);
      s.parse(C, b);
    }
    for (const a of s.sink.anomalies) expect(Object.keys(NTP_ANOMALIES)).toContain(a);
    expect(s.sink.events.length).toBeGreaterThan(1000);
  });
});
