/** VNC decoder: handshake of 3.3/3.7/3.8, VNC auth, VeNCrypt, ServerInit, message framing, anomalies. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { VncEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { vncDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;
const enc = new TextEncoder();

class Sink implements DecodeSink {
  events: VncEvent[] = [];
  anomalies: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as VncEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {}
}

function session() {
  const state = vncDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => vncDecoder.parse(state, b, dir, sink),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** The TigerVNC VNC-auth conversation of the fixtures, up to `last` (inclusive). */
function conversation(last: string) {
  const t = session();
  for (const f of fixtures) {
    t.parse(f.dir, f.bytes);
    if (f.name === last) break;
  }
  return t;
}

describe('RFB 3.8 with VNC authentication (TigerVNC)', () => {
  it('versions, types, challenge/response without the bytes, result, init', () => {
    const t = conversation('server-init');
    expect(t.sink.events.map((e) => e.kind)).toEqual([
      'vnc.version',
      'vnc.version',
      'vnc.security_types',
      'vnc.security_choice',
      'vnc.auth',
      'vnc.auth',
      'vnc.security_result',
      'vnc.client_init',
      'vnc.server_init',
    ]);
    const v = t.sink.events.map((e) => e.vnc);
    expect(v[0]).toEqual({ server_version: '003.008' });
    expect(v[2]).toEqual({ security_types: [2], security_type_names: ['vnc_auth'] });
    expect(v[4]).toEqual({ auth_step: 'challenge' });
    expect(v[5]).toEqual({ auth_step: 'response' });
    expect(v[6]).toEqual({ result: 0, auth_ok: true });
    expect(v[7]).toEqual({ shared: false });
    expect(v[8]).toEqual({
      width: 640,
      height: 480,
      bits_per_pixel: 32,
      depth: 24,
      big_endian: false,
      true_colour: true,
      red_max: 255,
      green_max: 255,
      blue_max: 255,
      red_shift: 16,
      green_shift: 8,
      blue_shift: 0,
      desktop_name: 'plant-hmi',
    });
    expect(t.sink.anomalies).toEqual([]);
  });

  it('SetEncodings lists names; server fence, clipboard caps and pseudo-rectangles are framed', () => {
    const t = conversation('input-events-and-cut-text');
    const msgs = t.sink.events.filter((e) => e.kind.endsWith('_message')).map((e) => e.vnc);
    expect(msgs[0]?.message).toBe('set_encodings');
    expect(msgs[0]?.encodings).toHaveLength(22);
    expect(msgs[0]?.encoding_names?.slice(13, 18)).toEqual([
      'raw',
      'copy_rect',
      'zrle',
      'tight',
      'hextile',
    ]);
    expect(msgs[0]?.encoding_names).toContain('jpeg_quality_8');
    expect(msgs.map((m) => m.message)).toEqual([
      'set_encodings',
      'framebuffer_update_request',
      'server_fence',
      'end_of_continuous_updates',
      'server_cut_text',
      'framebuffer_update',
      'framebuffer_update_request',
      'key_event',
      'key_event',
      'key_event',
      'key_event',
      'pointer_event',
      'pointer_event',
      'client_cut_text',
    ]);
    expect(msgs[4]?.text_length).toBe(8);
    expect(msgs[5]?.rectangles).toBe(3);
    expect(msgs[13]?.text_length).toBe(11);
    // The 10th client message brings the counts.
    const counts = t.sink.events.find((e) => e.kind === 'vnc.message_counts')?.vnc;
    expect(counts).toEqual({
      side: 'client',
      messages: 10,
      counts: {
        set_encodings: 1,
        framebuffer_update_request: 2,
        key_event: 4,
        pointer_event: 2,
        client_cut_text: 1,
      },
    });
    expect(t.sink.anomalies).toEqual([]);
  });

  it('a failed result gives its reason and auth_failed', () => {
    const t = conversation('vnc-auth-response');
    t.parse(S, fx('security-result-failed'));
    expect(t.sink.events.at(-1)?.vnc).toEqual({
      result: 1,
      auth_ok: false,
      reason: 'Authentication failure',
    });
    expect(t.sink.anomalies).toEqual(['vnc.auth_failed']);
  });
});

describe('framing of framebuffer updates without decoding pixels', () => {
  function init(bpp32 = true) {
    const t = conversation('server-init');
    if (!bpp32) t.state.bpp = 2;
    return t;
  }
  it('raw pixels are skipped across segments, then the next message is read', () => {
    const t = init();
    // FramebufferUpdate: 1 raw rectangle 100x100 at 4 bytes per pixel = 40000 bytes.
    t.parse(S, hex('00000001' + '00000000' + '00640064' + '00000000'));
    for (let i = 0; i < 4; i++) t.parse(S, new Uint8Array(10_000));
    t.parse(S, hex('02')); // Bell
    const names = t.sink.events
      .filter((e) => e.kind === 'vnc.server_message')
      .map((e) => e.vnc.message);
    expect(names).toEqual(['framebuffer_update', 'bell']);
  });
  it('hextile, ZRLE, RRE and tight rectangles', () => {
    const t = init();
    t.parse(
      S,
      concatBytes(
        hex('00000004'), // FramebufferUpdate, 4 rectangles
        hex('00000000' + '00100010' + '00000005'), // 16x16 hextile: one tile
        hex('0a' + '11223344' + '01' + '0011'), // background + any subrects, 1 subrect
        hex('00000000' + '00100010' + '00000010' + '00000003' + 'aabbcc'), // ZRLE, 3 bytes
        hex(
          '00000000' +
            '00100010' +
            '00000002' +
            '00000001' +
            '00000000' +
            '01020304' +
            '0000000000010001',
        ), // RRE
        hex('00000000' + '00100010' + '00000007' + '80' + '112233'), // tight fill
        hex('02'), // Bell
      ),
    );
    const names = t.sink.events
      .filter((e) => e.kind === 'vnc.server_message')
      .map((e) => e.vnc.message);
    expect(names).toEqual(['framebuffer_update', 'bell']);
    expect(t.sink.anomalies).toEqual([]);
  });
  it('an encoding that cannot be framed (TRLE) stops the server direction quietly', () => {
    const t = init();
    t.parse(S, hex('00000001' + '00000000' + '00100010' + '0000000f' + 'deadbeef'));
    t.parse(S, hex('02'));
    expect(t.sink.events.filter((e) => e.kind === 'vnc.server_message')).toHaveLength(1);
    expect(t.state.sides[S].counted).toBe(5);
  });
});

describe('long text is cut, not buffered', () => {
  it('a 60,000-byte desktop name keeps 256 characters; the rest is skipped', () => {
    const t = conversation('client-init');
    const name = new Uint8Array(60_000).fill(0x41);
    t.parse(
      S,
      concatBytes(
        hex('02800' + '1e0' + '20180001' + '00ff00ff00ff' + '100800' + '000000' + '0000ea60'),
        name.subarray(0, 5000),
      ),
    );
    t.parse(S, concatBytes(name.subarray(5000), hex('02')));
    const init = t.sink.events.find((e) => e.kind === 'vnc.server_init')?.vnc;
    expect(init?.desktop_name).toHaveLength(256);
    expect(t.sink.events.at(-1)?.vnc.message).toBe('bell');
  });
});

describe('other versions and security types', () => {
  it('3.3: the server decides None; no SecurityResult', () => {
    const t = session();
    t.parse(S, enc.encode('RFB 003.008\n'));
    t.parse(C, enc.encode('RFB 003.003\n'));
    t.parse(S, hex('00000001'));
    t.parse(C, hex('00'));
    expect(t.sink.events.map((e) => e.kind).slice(2)).toEqual([
      'vnc.security_types',
      'vnc.client_init',
    ]);
    expect(t.sink.events[2]?.vnc).toEqual({ security_type: 1, security_type_name: 'none' });
    expect(t.sink.anomalies).toEqual(['vnc.no_authentication']);
  });
  it('3.3: type 0 with "Too many security failures" is a refusal', () => {
    const t = session();
    t.parse(
      S,
      concatBytes(
        enc.encode('RFB 003.003\n'),
        hex('00000000' + '0000001a'),
        enc.encode('Too many security failures'),
      ),
    );
    expect(t.sink.events[1]?.vnc.reason).toBe('Too many security failures');
    expect(t.sink.anomalies).toEqual(['vnc.connection_refused']);
  });
  it('VeNCrypt Plain: user name kept, password only flagged', () => {
    const t = session();
    t.parse(S, enc.encode('RFB 003.008\n'));
    t.parse(C, enc.encode('RFB 003.008\n'));
    t.parse(S, hex('0113'));
    t.parse(C, hex('13'));
    t.parse(S, hex('0002'));
    t.parse(C, hex('0002'));
    t.parse(S, hex('00' + '01' + '00000100'));
    t.parse(C, hex('00000100'));
    t.parse(C, concatBytes(hex('00000005' + '00000009'), enc.encode('aliceHunter2pw')));
    const creds = t.sink.events.find((e) => e.vnc.username !== undefined)?.vnc;
    expect(creds).toEqual({ username: 'alice', password_present: true });
    expect(JSON.stringify(t.sink.events)).not.toContain('Hunter2');
    expect(t.sink.anomalies).toEqual(['vnc.cleartext_credentials']);
  });
  it('VeNCrypt TLS subtype: status then tls_start, rest counted', () => {
    const t = session();
    for (const [d, b] of [
      [S, 'RFB 003.008\n'],
      [C, 'RFB 003.008\n'],
    ] as const)
      t.parse(d, enc.encode(b));
    t.parse(S, hex('021302'));
    t.parse(C, hex('13'));
    t.parse(S, hex('0002'));
    t.parse(C, hex('0002'));
    t.parse(S, hex('00020000010200000002'));
    t.parse(C, hex('00000102'));
    t.parse(S, hex('01'));
    t.parse(C, hex('160301'));
    expect(t.sink.events.at(-1)).toEqual({
      kind: 'vnc.tls_start',
      vnc: {
        security_type: 19,
        security_type_name: 'vencrypt',
        vencrypt_subtype: 258,
        vencrypt_subtype_name: 'tls_vnc',
      },
    });
    expect(t.state.sides[C].counted).toBe(3);
  });
});

describe('probe and malformed input', () => {
  it('matches a version line in either direction, refuses others', () => {
    expect(vncDecoder.probe(enc.encode('RFB 003.008\n'), S)).toBe('match');
    expect(vncDecoder.probe(enc.encode('RFB 0'), S)).toBe('need_more');
    expect(vncDecoder.probe(enc.encode('RFB hello\r\n'), S)).toBe('no_match');
    expect(vncDecoder.probe(enc.encode('GET / HTTP/1.1'), C)).toBe('no_match');
  });
  it('a broken version line rejects a new flow, and is named on a confirmed one', () => {
    expect(session().parse(S, fx('bad-version-line'))).toEqual({
      kind: 'reject',
      anomaly: 'vnc.malformed_handshake',
    });
    const t = session();
    t.parse(S, fx('server-protocol-version'));
    t.parse(C, fx('bad-version-line'));
    expect(t.sink.anomalies).toEqual(['vnc.malformed_handshake']);
  });
  it('an unknown client message type ends client framing', () => {
    const t = conversation('server-init');
    t.parse(C, hex('7b000000'));
    expect(t.sink.anomalies).toEqual(['vnc.unknown_message']);
  });
});
