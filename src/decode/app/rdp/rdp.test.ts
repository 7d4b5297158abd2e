/** RDP decoder: negotiation, TLS switch, MCS client/server data, RDP-UDP SYN, probes, anomalies. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { probeMms } from '../mms/mms.js';
import { fixtures as mmsFixtures } from '../mms/fixtures.js';
import { probeS7 } from '../s7comm/s7comm.js';
import { fixtures as s7Fixtures } from '../s7comm/fixtures.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { RdpEvent } from './events.js';
import { CONNECT_INITIAL, CONNECT_RESPONSE, fixtures } from './fixtures.js';
import { rdpDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: RdpEvent[] = [];
  anomalies: string[] = [];
  confirmed = false;
  emit(e: AppEvent): void {
    this.events.push(e as RdpEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {
    this.confirmed = true;
  }
}

function session(transport: 'tcp' | 'udp' = 'tcp') {
  const state = rdpDecoder.createState(DEFAULT_LIMITS, transport);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => rdpDecoder.parse(state, b, dir, sink),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

describe('negotiation with Enhanced RDP Security', () => {
  it('SharpRDP: cookie, requested TLS|CredSSP|CredSSP-EUA, HYBRID_EX selected, then TLS', () => {
    const t = session();
    t.parse(C, fx('connection-request-nla'));
    t.parse(S, fx('connection-confirm-hybrid-ex'));
    // The TLS ClientHello that follows is counted, not parsed.
    expect(t.parse(C, hex('160301013601000132'))).toEqual({ kind: 'ok' });
    expect(t.sink.events.map((e) => e.kind)).toEqual([
      'rdp.connection_request',
      'rdp.connection_confirm',
      'rdp.tls_start',
    ]);
    const [req, cc, tls] = t.sink.events.map((e) => e.rdp);
    expect(req).toEqual({
      cookie: 'IEUser',
      requested_protocols: 11,
      requested_protocol_names: ['tls', 'credssp', 'credssp_early_user_auth'],
      neg_flags: 0,
      neg_flag_names: [],
    });
    expect(cc?.selected_protocol).toBe(8);
    expect(cc?.neg_flag_names).toContain('restricted_admin_mode_supported');
    expect(tls).toEqual({
      selected_protocol: 8,
      selected_protocol_name: 'credssp_early_user_auth',
    });
    expect(t.sink.anomalies).toEqual([]);
    expect(t.state.counted[C]).toBe(9);
    expect(t.sink.confirmed).toBe(true);
  });

  it('RDP_NEG_FAILURE is named and flagged', () => {
    const t = session();
    t.parse(S, fx('connection-confirm-failure'));
    expect(t.sink.events[0]?.rdp).toEqual({
      negotiated: true,
      failure_code: 1,
      failure_name: 'ssl_required_by_server',
    });
    expect(t.sink.anomalies).toEqual(['rdp.negotiation_failed']);
  });

  it('correlation info and a msts routing token', () => {
    const t = session();
    const token = new TextEncoder().encode('Cookie: msts=3640205228.15629.0000\r\n');
    const tail = hex(
      '01' + // RDP_NEG_REQ
        '08' + // flags CORRELATION_INFO_PRESENT
        '0800' + // length
        '03000000' + // TLS | HYBRID
        '06' + // RDP_NEG_CORRELATION_INFO
        '00' + // flags
        '2400' + // length 36
        '00112233445566778899aabbccddeeff' + // correlationId
        '00'.repeat(16), // reserved
    );
    const li = 6 + token.length + tail.length;
    t.parse(
      C,
      concatBytes(
        hex('0300' + (li + 5).toString(16).padStart(4, '0')),
        hex(li.toString(16) + 'e0' + '0000' + '0000' + '00'),
        token,
        tail,
      ),
    );
    const r = t.sink.events[0]?.rdp;
    expect(r?.routing_token).toBe('msts=3640205228.15629.0000');
    expect(r?.correlation_id).toBe('00112233445566778899aabbccddeeff');
    expect(r?.neg_flag_names).toEqual(['correlation_info_present']);
    expect(t.sink.anomalies).toEqual([]);
  });
});

describe('Standard RDP Security (xfreerdp /sec:rdp against xrdp)', () => {
  it('bare CR and CC, client data and server data', () => {
    const t = session();
    t.parse(C, fx('connection-request-cookie-only'));
    t.parse(S, fx('connection-confirm-bare'));
    t.parse(C, CONNECT_INITIAL);
    t.parse(S, CONNECT_RESPONSE);
    expect(t.sink.events.map((e) => e.kind)).toEqual([
      'rdp.connection_request',
      'rdp.connection_confirm',
      'rdp.client_data',
      'rdp.server_data',
    ]);
    expect(t.sink.events[0]?.rdp).toEqual({ cookie: 'alice' });
    expect(t.sink.events[1]?.rdp).toEqual({
      negotiated: false,
      selected_protocol: 0,
      selected_protocol_name: 'rdp',
    });
    expect(t.sink.events[2]?.rdp).toEqual({
      version: 0x0008000c,
      rdp_version: '10.7',
      desktop_width: 800,
      desktop_height: 600,
      keyboard_layout: 1033,
      client_build: 18363,
      client_name: 'vm',
      keyboard_type: 4,
      server_selected_protocol: 0,
      cluster_flags: 0x0d,
      encryption_methods: 0x1b,
      encryption_method_names: ['40bit', '128bit', '56bit', 'fips'],
      channels: ['rdpdr', 'rdpsnd', 'cliprdr', 'drdynvc'],
    });
    expect(t.sink.events[3]?.rdp).toEqual({
      version: 0x00080004,
      rdp_version: '5.0-8.1',
      encryption_method: 2,
      encryption_method_name: '128bit',
      encryption_level: 3,
      encryption_level_name: 'high',
      server_certificate_length: 376,
    });
    expect(t.sink.anomalies).toEqual(['rdp.standard_security']);
    // Later PDUs (erect domain, fast-path) are counted.
    t.parse(C, hex('0300000c02f0800401000100'));
    expect(t.sink.events).toHaveLength(4);
  });

  it('encryption method NONE and 40-bit are flagged', () => {
    for (const [method, anomaly] of [
      ['00000000', 'rdp.no_encryption'],
      ['01000000', 'rdp.weak_encryption'],
    ] as const) {
      const t = session();
      const b = CONNECT_RESPONSE.slice();
      // encryptionMethod of TS_UD_SC_SEC1 follows its 4-byte header "020cac01".
      const at = Buffer.from(b).indexOf(Buffer.from('020cac01', 'hex')) + 4;
      b.set(hex(method), at);
      t.parse(S, b);
      expect(t.sink.anomalies).toEqual([anomaly]);
    }
  });
});

describe('anomalies', () => {
  it('an overlong cookie is flagged, with restricted admin mode', () => {
    const t = session();
    t.parse(C, fx('connection-request-long-cookie'));
    expect(t.sink.events[0]?.rdp.cookie).toBe('A'.repeat(80));
    expect(t.sink.anomalies).toEqual(['rdp.cookie_too_long', 'rdp.restricted_admin_requested']);
  });

  it('a cookie without CR LF is malformed negotiation', () => {
    const t = session();
    t.parse(
      C,
      hex('03000018' + '13' + 'e0' + '0000' + '0000' + '00' + '436f6f6b69653a206d73747368'),
    ); // "Cookie: mstsh"
    expect(t.sink.anomalies).toEqual(['rdp.malformed_negotiation']);
  });

  it('not TPKT on a new flow rejects; on a confirmed flow it is named and counted', () => {
    expect(session().parse(C, hex('474554202f20485454502f312e310d0a'))).toEqual({
      kind: 'reject',
      anomaly: 'rdp.malformed_tpkt',
    });
    const t = session();
    t.parse(C, fx('connection-request-cookie-only'));
    t.parse(S, fx('connection-confirm-bare'));
    t.parse(C, hex('16030102000100'));
    expect(t.sink.anomalies).toEqual(['rdp.standard_security', 'rdp.malformed_tpkt']);
  });

  it('an LI overrunning the frame is malformed X.224', () => {
    const t = session();
    expect(t.parse(C, fx('x224-li-overrun'))).toEqual({
      kind: 'reject',
      anomaly: 'rdp.malformed_x224',
    });
  });

  it('a truncated MCS connect PDU is malformed MCS', () => {
    const t = session();
    const cut = CONNECT_INITIAL.slice(0, 120);
    cut[2] = 0;
    cut[3] = 120; // TPKT length of the cut frame
    t.parse(C, cut);
    expect(t.sink.anomalies).toEqual(['rdp.malformed_mcs']);
  });
});

describe('RDP-UDP', () => {
  // LM_rdp_sharprdp.pcapng frame 67 (first 16 of 1232 bytes; the rest is padding).
  const SYN = hex(
    'ffffffff' + // snSourceAck -1
      '0040' + // uReceiveWindowSize 64
      '1801' + // uFlags SYN | CORRELATION_ID | SYNEX
      'ffe43a25' + // snInitialSequenceNumber
      '04d0' + // uUpStreamMtu 1232
      '04d0', // uDownStreamMtu 1232
  );
  it('the SYN is recognised by the probe and decoded', () => {
    expect(rdpDecoder.probe(SYN, C)).toBe('match');
    const t = session('udp');
    t.parse(C, SYN);
    expect(t.sink.events[0]).toEqual({
      kind: 'rdp.udp_syn',
      rdp: {
        udp_flags: 0x1801,
        udp_flag_names: ['syn', 'correlation_id', 'synex'],
        mtu_up: 1232,
        mtu_down: 1232,
      },
    });
    expect(t.parse(C, hex('c10b14920400000c0000'))).toEqual({ kind: 'ok' });
    expect(t.sink.events).toHaveLength(1);
  });
  it('a short datagram on a new flow rejects', () => {
    expect(session('udp').parse(C, hex('ffff'))).toEqual({
      kind: 'reject',
      anomaly: 'rdp.malformed_udp',
    });
  });
});

describe('probe against S7comm and MMS (shared TPKT/COTP)', () => {
  it('RDP refuses S7comm and MMS connection requests; they refuse RDP ones', () => {
    for (const f of [...s7Fixtures, ...mmsFixtures].filter((x) => x.role === 'normal')) {
      expect(rdpDecoder.probe(f.bytes, f.dir)).toBe('no_match');
    }
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(probeS7(f.bytes, f.dir)).toBe('no_match');
      expect(probeMms(f.bytes, f.dir)).toBe('no_match');
    }
  });
  it("a bare CR (nmap's TerminalServer probe) is undecided; the RDP port decides", () => {
    expect(rdpDecoder.probe(hex('0300000b06e00000000000'), C)).toBe('need_more');
  });
});

describe('downgrade and unrequested selection', () => {
  it('a client offering TLS|CredSSP answered with Standard RDP Security is a downgrade', () => {
    const t = session();
    t.parse(C, fx('connection-request-nla'));
    t.parse(
      S,
      hex('03000013' + '0e' + 'd0' + '0000' + '1234' + '00' + '02' + '00' + '0800' + '00000000'),
    );
    expect(t.sink.anomalies).toEqual(['rdp.standard_security']);
  });
  it('a selected protocol the client did not request is malformed negotiation', () => {
    const t = session();
    t.parse(C, fx('connection-request-long-cookie'));
    t.parse(S, fx('connection-confirm-hybrid-ex'));
    expect(t.sink.anomalies).toContain('rdp.malformed_negotiation');
  });
});
