/** SNMP decoder: v1/v2c/v3 messages, value types, traps, pairing, masking, anomalies, probe, fuzz. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { Prng } from '../../../../test/helpers/prng.js';
import { berUintText } from '../../ber.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import type { SnmpFields } from './events.js';
import { fixtures } from './fixtures.js';
import { SNMP_ANOMALIES, snmpDecoder } from './index.js';
import { oidName } from './varbind.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface SnmpEvent {
  kind: string;
  snmp: SnmpFields;
}

class Sink implements DecodeSink {
  events: SnmpEvent[] = [];
  anomalies: string[] = [];
  details: (string | undefined)[] = [];
  confirmed = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as SnmpEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail);
  }
  confirm(): void {
    this.confirmed++;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS) {
  const state = snmpDecoder.createState(limits);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      snmpDecoder.parse(state, bytes, dir, sink),
    /** Parses the named fixtures in order; returns the last event. */
    run: (...names: string[]): SnmpEvent => {
      for (const n of names) {
        const f = fixtures.find((x) => x.name === n);
        if (!f) throw new Error(`no fixture ${n}`);
        snmpDecoder.parse(state, f.bytes, f.dir, sink);
      }
      return sink.events[sink.events.length - 1] as SnmpEvent;
    },
  };
}

describe('SNMPv1 and v2c', () => {
  // Sample_File_MMS_and_GOOSE.pcap frames 32-33, fields as tshark 4.0.17 shows them.
  it('decodes a v2c GetRequest of ifOperStatus and its response, community masked', () => {
    const s = session();
    const req = s.run('v2c-get-ifoperstatus');
    expect(req.kind).toBe('snmp.request');
    expect(req.snmp).toMatchObject({
      version: 1,
      version_name: 'v2c',
      community_present: true,
      community: '****',
      community_length: 6,
      community_default: true,
      pdu_type: 0,
      pdu_name: 'get_request',
      request_id: 2149986,
      error_status: 0,
      error_status_name: 'no_error',
      error_index: 0,
      varbind_count: 8,
    });
    expect(req.snmp.varbinds?.[0]).toEqual({
      oid: '1.3.6.1.2.1.2.2.1.8.1',
      name: 'ifOperStatus.1',
      type: 'null',
    });
    const resp = s.run('v2c-get-ifoperstatus-response');
    expect(resp.kind).toBe('snmp.response');
    expect(resp.snmp.request_pdu_name).toBe('get_request');
    // ifOperStatus (tshark snmp.value.int): up(1) on ports 1, 3, 4 and 5, down(2) on the others.
    expect(resp.snmp.varbinds?.map((v) => [v.type, v.value])).toEqual(
      [1, 2, 1, 1, 1, 2, 2, 2].map((v) => ['integer', v]),
    );
  });

  it('decodes OCTET STRING, OID and TimeTicks values of the system group', () => {
    const resp = session().run('v1-get-system', 'v1-get-system-response');
    expect(resp.snmp.varbinds).toEqual([
      {
        oid: '1.3.6.1.2.1.1.1.0',
        name: 'sysDescr.0',
        type: 'octet_string',
        value: 'Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64',
      },
      {
        oid: '1.3.6.1.2.1.1.2.0',
        name: 'sysObjectID.0',
        type: 'oid',
        value: '1.3.6.1.4.1.8072.3.2.10',
      },
      { oid: '1.3.6.1.2.1.1.3.0', name: 'sysUpTime.0', type: 'timeticks', value: 251 },
      { oid: '1.3.6.1.2.1.1.5.0', name: 'sysName.0', type: 'octet_string', value: 'rtu-gw-07' },
    ]);
  });

  it('names error statuses: noSuchName in v1, notWritable in v2c', () => {
    const v1 = session().run('v1-get-no-such-name', 'v1-get-no-such-name-response');
    expect(v1.snmp).toMatchObject({ error_status: 2, error_status_name: 'no_such_name' });
    expect(v1.snmp.error_index).toBe(1);
    const v2 = session().run('v2c-set-not-writable', 'v2c-set-not-writable-response');
    expect(v2.snmp).toMatchObject({
      error_status: 17,
      error_status_name: 'not_writable',
      error_index: 1,
      request_pdu_name: 'set_request',
      community_default: false,
      community_length: 11,
    });
  });

  it('decodes GetBulk parameters and a Counter32 table', () => {
    const s = session();
    const req = s.run('v2c-get-bulk');
    expect(req.snmp).toMatchObject({
      version_name: 'v2c',
      pdu_name: 'get_bulk_request',
      non_repeaters: 1,
      max_repetitions: 3,
      community_default: false,
      community_length: 8,
    });
    expect(req.snmp.error_status).toBeUndefined();
    const resp = s.run('v2c-get-bulk-response');
    expect(resp.snmp.varbind_count).toBe(7);
    expect(resp.snmp.varbinds?.slice(1, 3)).toEqual([
      { oid: '1.3.6.1.2.1.2.2.1.2.1', name: 'ifDescr.1', type: 'octet_string', value: 'lo' },
      { oid: '1.3.6.1.2.1.2.2.1.10.1', name: 'ifInOctets.1', type: 'counter32', value: 145546 },
    ]);
  });

  it('decodes exceptions, Counter64, IpAddress, endOfMibView and Opaque', () => {
    const ex = session().run('v2c-get-exceptions', 'v2c-get-exceptions-response');
    expect(ex.snmp.varbinds?.map((v) => [v.name, v.type, v.value])).toEqual([
      ['system.99.0', 'no_such_object', undefined],
      ['sysDescr.99', 'no_such_instance', undefined],
      ['ifHCInOctets.1', 'counter64', 145546],
      ['ipAdEntAddr.127.0.0.1', 'ip_address', '127.0.0.1'],
    ]);
    const end = session().run('v2c-get-next-end', 'v2c-get-next-end-response');
    expect(end.snmp.varbinds?.[0]?.type).toBe('end_of_mib_view');
    const op = session().run('v2c-get-opaque', 'v2c-get-opaque-response');
    expect(op.snmp.varbinds?.[0]).toEqual({
      oid: '1.3.6.1.4.1.2021.10.1.6.1',
      name: 'enterprises.2021.10.1.6.1',
      type: 'opaque',
      value: '9f78043f4b2000',
    });
  });

  it('shows a binary OCTET STRING as hex and caps long values', () => {
    const long = 'ab'.repeat(100);
    const s = session();
    s.parse(
      S,
      hex(
        '3081d9' + // Message SEQUENCE, 217 octets
          '020101' + // version 1 (v2c)
          '04067075626c6963' + // community
          'a281cb' + // Response PDU, 203 octets
          '020101' + // request-id 1
          '020100' + // error-status 0
          '020100' + // error-index 0
          '3081bf' + // VarBindList, 191 octets
          '3081bc' + // VarBind, 188 octets
          '060a2b060102010202010601' + // ifPhysAddress.1
          '0481ad' + // OCTET STRING, 173 octets
          '000102' + // three binary octets
          long + // 100 octets 0xab
          'cd'.repeat(70), // 70 octets 0xcd
      ),
    );
    const vb = s.sink.events[0]?.snmp.varbinds?.[0];
    expect(vb).toMatchObject({ name: 'ifPhysAddress.1', type: 'octet_string', hex: true });
    expect(vb?.truncated).toBe(true);
    expect((vb?.value as string).length).toBe(128);
  });

  it('never copies a community into an event', () => {
    const s = session();
    for (const f of fixtures) s.parse(f.dir, f.bytes);
    const text = JSON.stringify(s.sink.events) + JSON.stringify(s.sink.details);
    for (const c of ['public', 'private', 'plantRW2024', 's3cr3tRO']) expect(text).not.toContain(c);
  });
});

describe('notifications', () => {
  it('decodes a v1 enterprise-specific trap', () => {
    const e = session().run('v1-trap-enterprise');
    expect(e.kind).toBe('snmp.notification');
    expect(e.snmp).toMatchObject({
      pdu_type: 4,
      pdu_name: 'trap',
      enterprise: '1.3.6.1.4.1.8072.2.3',
      agent_addr: '127.0.0.1',
      generic_trap: 6,
      generic_trap_name: 'enterprise_specific',
      specific_trap: 17,
      time_stamp: 3631246,
      varbind_count: 1,
    });
    expect(e.snmp.request_id).toBeUndefined();
    expect(session().run('v1-trap-link-down').snmp.generic_trap_name).toBe('link_down');
  });

  it('gives the snmpTrapOID of SNMPv2 traps and pairs an inform with its acknowledgement', () => {
    const s = session();
    const trap = s.run('v2c-trap-link-down');
    expect(trap.snmp).toMatchObject({
      pdu_name: 'snmpv2_trap',
      trap_oid: '1.3.6.1.6.3.1.1.5.3',
      trap_name: 'linkDown',
      varbind_count: 5,
    });
    expect(trap.snmp.varbinds?.[1]?.name).toBe('snmpTrapOID.0');
    const inform = s.run('v2c-inform-link-up');
    expect(inform.kind).toBe('snmp.notification');
    expect(inform.snmp.trap_name).toBe('linkUp');
    expect(s.run('v2c-inform-link-up-response').snmp.request_pdu_name).toBe('inform_request');
  });
});

describe('SNMPv3', () => {
  it('decodes engine discovery and its usmStatsUnknownEngineIDs report', () => {
    const s = session();
    const req = s.run('v3-discovery');
    expect(req.snmp).toMatchObject({
      version: 3,
      version_name: 'v3',
      msg_id: 1795727098,
      msg_max_size: 65507,
      msg_flags: 4,
      auth: false,
      priv: false,
      reportable: true,
      security_model: 3,
      security_model_name: 'usm',
      engine_id: '',
      engine_boots: 0,
      engine_time: 0,
      user_name: '',
      auth_params_present: false,
      priv_params_present: false,
      context_engine_id: '',
      context_name: '',
      pdu_name: 'get_request',
      varbind_count: 0,
    });
    expect(req.snmp.community_present).toBeUndefined();
    const rep = s.run('v3-discovery-report');
    expect(rep.kind).toBe('snmp.response');
    expect(rep.snmp.pdu_name).toBe('report');
    expect(rep.snmp.engine_id).toBe('80001f888079d6d971d4c6076b00000000');
    expect(rep.snmp.varbinds?.[0]?.name).toBe('usmStatsUnknownEngineIDs.0');
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes an authNoPriv request: user name, parameters present, never their octets', () => {
    const e = session().run('v3-auth-get');
    expect(e.snmp).toMatchObject({
      msg_flags: 5,
      auth: true,
      priv: false,
      user_name: 'authOnlyUser',
      auth_params_present: true,
      priv_params_present: false,
      engine_boots: 1,
      engine_time: 4,
    });
    expect(JSON.stringify(e)).not.toContain('981ab789');
  });

  it('marks an authPriv message as encrypted', () => {
    const s = session();
    const e = s.run('v3-priv-get');
    expect(e.kind).toBe('snmp.encrypted');
    expect(e.snmp).toMatchObject({
      user_name: 'privUser',
      auth: true,
      priv: true,
      encrypted: true,
      encrypted_length: 53,
      priv_params_present: true,
    });
    expect(e.snmp.pdu_type).toBeUndefined();
    expect(s.run('v3-priv-trap').snmp).toMatchObject({ encrypted: true, reportable: false });
  });

  it('flags an unauthenticated named user and the unknown-user report', () => {
    const s = session();
    s.run('v3-unknown-user', 'v3-unknown-user-report');
    expect(s.sink.anomalies).toEqual(['snmp.v3_no_auth', 'snmp.usm_authentication_failure']);
    expect(s.sink.details[1]).toBe('usmStatsUnknownUserNames.0');
  });

  it('flags msgMaxSize below 484 and privacy without authentication', () => {
    const s = session();
    s.run('v3-discovery', 'v3-invalid-header');
    expect(s.sink.anomalies).toEqual(['snmp.invalid_msg_max_size', 'snmp.invalid_msg_flags']);
  });
});

describe('anomalies', () => {
  it('raises cleartext and default community once per flow, and every set with a default', () => {
    const s = session();
    s.run('v2c-get-ifoperstatus', 'v2c-get-ifoperstatus-response', 'v2c-set-private');
    s.run('v2c-set-private');
    expect(s.sink.anomalies).toEqual([
      'snmp.cleartext_community',
      'snmp.default_community',
      'snmp.set_default_community',
      'snmp.set_default_community',
    ]);
    expect(s.sink.details[0]).toBe('v2c community of 6 octets');
  });

  it('flags a large GetBulk, too many varbinds and trailing octets', () => {
    const s = session();
    s.run('get-bulk-amplification', 'too-many-varbinds', 'trailing-bytes');
    expect(s.sink.anomalies.slice(2)).toEqual([
      'snmp.large_max_repetitions',
      'snmp.too_many_varbinds',
      'snmp.trailing_bytes',
    ]);
    const big = s.sink.events[1] as SnmpEvent;
    expect(big.snmp.varbind_count).toBe(130);
    expect(big.snmp.varbinds?.length).toBe(128);
  });

  it('flags an oversize message', () => {
    // BER element with a definite length in the long form when needed.
    const tlv = (tag: string, body: string): string => {
      const n = body.length / 2;
      const len =
        n < 0x80 ? n.toString(16).padStart(2, '0') : `82${n.toString(16).padStart(4, '0')}`;
      return tag + len + body;
    };
    const varbind = tlv('30', '06022b06' + tlv('04', 'aa'.repeat(17_000)));
    const pdu = tlv('a2', '020101' + '020100' + '020100' + tlv('30', varbind));
    const s = session();
    s.parse(S, hex(tlv('30', '020101' + '0403616263' + pdu)));
    expect(s.sink.anomalies).toEqual(['snmp.oversize_message', 'snmp.cleartext_community']);
    expect(s.sink.details[0]).toBe('17041 octets');
    expect(s.sink.events[0]?.snmp.varbinds?.[0]).toMatchObject({ hex: true, truncated: true });
  });

  it('flags authenticationFailure notifications', () => {
    const s = session();
    s.parse(
      C,
      hex(
        '3028' + // Message SEQUENCE, 40 octets
          '020100' + // version 0 (v1)
          '0406736974653761' + // community 'site7a'
          'a41b' + // Trap PDU, 27 octets
          '06082b06010401bf0803' + // enterprise 1.3.6.1.4.1.8072.3
          '40040a000001' + // agent-addr 10.0.0.1
          '020104' + // generic-trap 4 (authenticationFailure)
          '020100' + // specific-trap 0
          '430100' + // time-stamp 0
          '3000', // no variable bindings
      ),
    );
    expect(s.sink.anomalies).toEqual([
      'snmp.cleartext_community',
      'snmp.authentication_failure_trap',
    ]);
  });

  it('names malformed encodings and unknown versions and PDU types', () => {
    const s = session();
    s.run('v2c-get-exceptions', 'truncated-varbind', 'unknown-version', 'unknown-pdu-type');
    s.run('indefinite-length');
    expect(s.sink.anomalies.slice(2)).toEqual([
      'snmp.malformed_ber',
      'snmp.unknown_version',
      'snmp.unknown_pdu_type',
      'snmp.malformed_ber',
    ]);
    expect(s.sink.details.slice(2)).toEqual([
      'variable binding 1: length runs past its container at offset 26',
      'version 2 (SNMPv2u)',
      'tag 0xa9',
      'message: indefinite length',
    ]);
    // The SNMPv2u message is still decoded past its parameters, as Wireshark does.
    expect(s.sink.events.map((e) => e.snmp.version_name)).toEqual(['v2c', 'v2c', 'v2u']);
    expect(s.sink.events[2]?.snmp.request_id).toBe(8);
  });

  it('bounds the pending-request table and says so once', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 4 });
    for (let id = 1; id <= 10; id++) {
      s.parse(
        C,
        hex(
          '3018' + // Message SEQUENCE, 24 octets
            '020101' + // version 1 (v2c)
            '0406' + // community, 6 octets
            '6775657373' + // 'guess'
            (30 + id).toString(16) + // one more octet per guess
            'a00b' + // GetRequest PDU, 11 octets
            '0201' + // request-id, 1 octet
            id.toString(16).padStart(2, '0') + // request-id value
            '020100' + // error-status 0
            '020100' + // error-index 0
            '3000', // no variable bindings
        ),
      );
    }
    expect(s.sink.anomalies.filter((a) => a === 'snmp.too_many_pending')).toEqual([
      'snmp.too_many_pending',
    ]);
  });
});

describe('SNMP over TCP', () => {
  // The stream form ([RFC3430]): the same messages back to back, framed by their SEQUENCE length.
  const get = fixtures.find((f) => f.name === 'v1-get-system')?.bytes as Uint8Array;
  const bulk = fixtures.find((f) => f.name === 'v2c-get-bulk')?.bytes as Uint8Array;

  it('frames messages split anywhere in the stream', () => {
    const both = new Uint8Array(get.length + bulk.length);
    both.set(get);
    both.set(bulk, get.length);
    const state = snmpDecoder.createState(DEFAULT_LIMITS, 'tcp');
    const sink = new Sink();
    // A message cut after its first 10 octets asks for the whole of it.
    expect(snmpDecoder.parse(state, both.subarray(0, 10), C, sink)).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: get.length,
    });
    expect(snmpDecoder.parse(state, both, C, sink)).toEqual({ kind: 'ok' });
    expect(sink.events.map((e) => e.snmp.pdu_name)).toEqual(['get_request', 'get_bulk_request']);
    expect(sink.confirmed).toBe(1);
    // One octet of a length header: two are needed.
    expect(snmpDecoder.parse(state, both.subarray(0, 1), C, sink)).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: 2,
    });
  });

  it('rejects a stream that is not SNMP or loses its framing, and stops after a gap', () => {
    const state = snmpDecoder.createState(DEFAULT_LIMITS, 'tcp');
    const sink = new Sink();
    expect(
      snmpDecoder.parse(state, new TextEncoder().encode('GET / HTTP/1.0\r\n'), C, sink),
    ).toEqual({
      kind: 'reject',
      anomaly: 'snmp.not_snmp',
    });
    const s2 = snmpDecoder.createState(DEFAULT_LIMITS, 'tcp');
    snmpDecoder.parse(s2, get, C, sink);
    snmpDecoder.onGap?.(s2, C, 100);
    expect(snmpDecoder.parse(s2, bulk, C, sink)).toEqual({ kind: 'ok' });
    expect(sink.events.length).toBe(1);
    const s3 = snmpDecoder.createState({ ...DEFAULT_LIMITS, maxPduBytes: 64 }, 'tcp');
    expect(snmpDecoder.parse(s3, get, C, sink)).toEqual({
      kind: 'reject',
      anomaly: 'snmp.oversize_message',
    });
  });

  it('says need_more on the consistent start of a message, no_match on other bytes', () => {
    expect(snmpDecoder.probe(get.subarray(0, 12), C)).toBe('need_more');
    expect(snmpDecoder.probe(get.subarray(0, 1), C)).toBe('need_more');
    expect(snmpDecoder.probe(hex('3053' + '020109'), C)).toBe('no_match');
    expect(snmpDecoder.probe(hex('3053' + '020101' + '3000'), C)).toBe('no_match');
  });
});

describe('probe and verdicts', () => {
  it('recognises every normal fixture and refuses other datagrams', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(snmpDecoder.probe(f.bytes, f.dir), f.name).toBe('match');
    }
    const others = [
      new TextEncoder().encode('hello trap receiver\n'),
      new Uint8Array(32),
      hex('300c' + '020101' + '6307' + '0400' + '0a0100' + '0000'), // CLDAP search
      hex('1234010000010000000000000765'), // DNS query header
    ];
    for (const b of others) expect(snmpDecoder.probe(b, C)).toBe('no_match');
  });

  it('rejects a flow whose first datagram is not SNMP, then confirms on SNMP', () => {
    const s = session();
    expect(s.parse(C, new Uint8Array(32))).toEqual({ kind: 'reject', anomaly: 'snmp.not_snmp' });
    s.run('v1-get-system');
    expect(s.sink.confirmed).toBe(1);
  });
});

describe('helpers', () => {
  it('names variables after their longest known prefix', () => {
    expect(oidName('1.3.6.1.2.1.1.5.0')).toBe('sysName.0');
    expect(oidName('1.3.6.1.2.1.2.2')).toBe('ifTable');
    expect(oidName('1.3.6.1.2.1.31.1.1.1.18.12')).toBe('ifAlias.12');
    expect(oidName('1.3.6.1.6.3.1.1.4.1.0')).toBe('snmpTrapOID.0');
    expect(oidName('1.3.6.1.4.1.9.9.1')).toBe('enterprises.9.9.1');
    expect(oidName('1.0.8802.1.1.2')).toBeUndefined();
    expect(oidName('1.3.6.1.3.1')).toBeUndefined();
  });

  it('renders Counter64 exactly beyond 2^53 (ber.ts berUintText)', () => {
    const max = hex('00ffffffffffffffff');
    expect(berUintText(max, 0, max.length)).toBe('18446744073709551615');
    expect(berUintText(hex('0102'), 0, 2)).toBe('258');
    expect(berUintText(new Uint8Array(10), 0, 10)).toBe('');
  });
});

describe('robustness', () => {
  it('never throws on 20,000 mutated datagrams and raises only declared anomalies', () => {
    const rng = new Prng(0x5eed);
    const s = session();
    s.run('v1-get-system');
    for (let i = 0; i < 20_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      const b = base.slice(0, rng.chance(0.2) ? rng.int(base.length + 1) : base.length);
      for (let k = rng.int(6); k > 0 && b.length > 0; k--) b[rng.int(b.length)] = rng.int(256);
      s.parse(rng.chance(0.5) ? C : S, b);
    }
    for (const a of s.sink.anomalies) expect(Object.keys(SNMP_ANOMALIES)).toContain(a);
    expect(s.sink.events.length).toBeGreaterThan(5000);
  });
});
