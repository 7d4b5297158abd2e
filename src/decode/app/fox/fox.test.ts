/** Fox decoder: message framing, hello fields, authentication masking, anomalies and probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { FoxEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { foxDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: FoxEvent[] = [];
  anomalies: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as FoxEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(limits = DEFAULT_LIMITS) {
  const state = foxDecoder.createState(limits);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => foxDecoder.parse(state, b, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('Fox messages', () => {
  it('decodes the client hello with every identifying field', () => {
    const s = session();
    expect(s.parse(C, fixture('hello-request'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'fox.message',
        fox: {
          message_type: 'a',
          message_type_name: 'async',
          number: 1,
          reply_to: -1,
          channel: 'fox',
          command: 'hello',
          field_count: 15,
          fox_version: '1.0',
          id: '1',
          host_name: 'xpvm-0omdc01xmy',
          host_address: '192.168.1.125',
          app_name: 'Workbench',
          app_version: '3.7.44',
          vm_name: 'Java HotSpot(TM) Server VM',
          vm_version: '20.4-b02',
          os_name: 'Windows XP',
          os_version: '5.1',
          lang: 'en',
          time_zone:
            'America/Los_Angeles;-28800000;3600000;02:00:00.000,wall,march,8,on or after,sunday,undefined;02:00:00.000,wall,november,1,on or after,sunday,undefined',
          host_id: 'Win-99CB-D49D-5442-07BB',
          vm_uuid: '8b530bc8-76c5-4139-a2ea-0fabd394d305',
          brand_id: 'vykon',
        },
      },
    ]);
    expect(s.sink.confirms).toBe(1);
  });

  it('reads the station hello past its embedded object, and the challenge past its nonce', () => {
    const s = session();
    s.parse(S, fixture('hello-response'));
    s.parse(S, fixture('challenge'));
    expect(s.sink.events[0]?.fox).toMatchObject({
      app_name: 'Station',
      station_name: 'Legion_HQ_V4',
      os_name: 'QNX',
      host_id: 'Qnx-NPM6-0000-1490-C30C',
      field_count: 17,
    });
    expect(s.sink.events[1]?.fox).toMatchObject({
      command: 'challenge',
      auth_method: 'digest-md5',
      field_count: 2,
    });
    expect(s.sink.anomalies).toEqual(['fox.cleartext_authentication']);
  });

  it('never copies credentials', () => {
    const s = session();
    s.parse(C, fixture('authenticate'));
    expect(s.sink.events[0]?.fox).toMatchObject({
      command: 'authenticate',
      user_name_present: true,
      user_name_masked: 'a***',
      secret_present: true,
    });
    const json = JSON.stringify(s.sink.events);
    expect(json).not.toContain('admin');
    expect(json).not.toContain('0cc175b9');
    expect(s.sink.anomalies).toEqual(['fox.cleartext_authentication']);
  });

  it('waits for the terminator, whatever the cut', () => {
    const whole = fixture('hello-response');
    for (const cut of [3, 30, 400, whole.length - 3, whole.length - 2]) {
      const s = session();
      const r = s.parse(S, whole.subarray(0, cut));
      expect(r.kind).toBe('incomplete');
      expect(s.sink.events).toEqual([]);
    }
  });

  it('decodes a message without a body and several messages in one segment', () => {
    const s = session();
    expect(s.parse(C, text('fox a 5 -1 fox bye\n;;\nfox s 6 5 fox ok\n{\n};;\n'))).toEqual({
      kind: 'ok',
    });
    expect(
      s.sink.events.map((e) => [e.fox.message_type_name, e.fox.command, e.fox.reply_to]),
    ).toEqual([
      ['async', 'bye', -1],
      ['response', 'ok', 5],
    ]);
  });

  it('rejects what cannot be framed', () => {
    expect(session().parse(C, text('GET / HTTP/1.0\r\n\r\n'))).toEqual({
      kind: 'reject',
      anomaly: 'fox.invalid_header',
    });
    expect(session().parse(S, fixture('blob-length-mismatch'))).toEqual({
      kind: 'reject',
      anomaly: 'fox.malformed_message',
    });
    expect(session().parse(C, text('fox a x -1 fox hello\n;;'))).toEqual({
      kind: 'reject',
      anomaly: 'fox.malformed_message',
    });
    const big = session({ ...DEFAULT_LIMITS, maxPduBytes: 64 });
    expect(big.parse(C, text(`fox a 1 -1 fox hello\n{\nx=s:${'y'.repeat(80)}\n`))).toEqual({
      kind: 'reject',
      anomaly: 'fox.invalid_length',
    });
  });

  it('on a confirmed flow, names a broken message and resumes at the next header', () => {
    const s = session();
    s.parse(S, fixture('hello-response'));
    expect(s.parse(S, fixture('blob-length-mismatch'))).toEqual({ kind: 'ok' });
    s.parse(S, text('garbage\nfox a 4 -1 fox bye\n;;\n'));
    expect(s.sink.anomalies).toEqual(['fox.malformed_message']);
    expect(s.sink.events.map((e) => e.fox.command)).toEqual(['hello', 'bye']);
  });

  it('reads at most maxObjectsPerMessage fields', () => {
    const s = session({ ...DEFAULT_LIMITS, maxObjectsPerMessage: 2 });
    s.parse(C, fixture('hello-request'));
    expect(s.sink.events[0]?.fox).toMatchObject({ fox_version: '1.0', id: '1', field_count: 15 });
    expect(s.sink.events[0]?.fox.host_name).toBeUndefined();
    expect(s.sink.anomalies).toEqual(['fox.objects_limit_reached']);
  });
});

describe('probe', () => {
  it('recognises the Fox header and refuses the rest', () => {
    expect(foxDecoder.probe(fixture('hello-request'), C)).toBe('match');
    expect(foxDecoder.probe(text('fo'), C)).toBe('need_more');
    expect(foxDecoder.probe(text('fox s 1'), C)).toBe('match');
    expect(foxDecoder.probe(text('fox z 1'), C)).toBe('no_match');
    expect(foxDecoder.probe(hex('160301020001'), C)).toBe('no_match');
  });
});
