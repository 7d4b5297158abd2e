/** LDAP decoder: fields of every operation, filters, pairing, SASL layers, CLDAP, limits. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, DecoderLimits, ParseStatus } from '../../decoder.js';
import type { LdapEvent, LdapFields } from './events.js';
import { DCSHADOW_BIND_RESPONSE, fixtures } from './fixtures.js';
import { ldapDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: LdapEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as LdapEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {
    this.confirms++;
  }
  take(): { events: LdapEvent[]; anomalies: string[] } {
    const out = { events: this.events, anomalies: this.anomalies };
    this.events = [];
    this.anomalies = [];
    this.details = [];
    return out;
  }
}

function session(limits: DecoderLimits = DEFAULT_LIMITS, transport: 'tcp' | 'udp' = 'tcp') {
  const state = ldapDecoder.createState(limits, transport);
  const sink = new Sink();
  return {
    state,
    sink,
    parse(dir: Direction, bytes: Uint8Array): ParseStatus {
      return ldapDecoder.parse(state, bytes, dir, sink);
    },
    /** Parses and returns the `ldap` object of the only non-SASL event. */
    one(dir: Direction, bytes: Uint8Array): LdapFields {
      ldapDecoder.parse(state, bytes, dir, sink);
      const ev = sink.events.filter((e) => e.kind !== 'ldap.sasl_buffer');
      expect(ev).toHaveLength(1);
      return (ev[0] as LdapEvent).ldap;
    },
  };
}

const ascii = (t: string): Uint8Array => new TextEncoder().encode(t);

/** A BER element with a definite length (short or two-octet long form). */
function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : [0x82, n >> 8, n & 0xff];
  return concatBytes(new Uint8Array([tag, ...len]), body);
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

describe('probe', () => {
  it('recognises LDAPMessages with short and 4-octet lengths, and Kerberos SASL buffers', () => {
    expect(ldapDecoder.probe(fixture('simple-bind-request'), C)).toBe('match');
    expect(ldapDecoder.probe(DCSHADOW_BIND_RESPONSE, S)).toBe('match');
    expect(ldapDecoder.probe(fixture('dcshadow-signed-modify'), C)).toBe('match');
    expect(ldapDecoder.probe(hex('30'), C)).toBe('need_more');
    expect(ldapDecoder.probe(hex('300c0201'), C)).toBe('need_more');
  });

  it('refuses SNMP, Kerberos, HTTP and TLS openings', () => {
    // SNMPv2c GetRequest: 30 .. 02 01 01 04 (community): an OCTET STRING, not an operation.
    expect(ldapDecoder.probe(hex('3026020101040670756' + '26c6963a019'), C)).toBe('no_match');
    // Kerberos AS-REQ over TCP: a 4-byte length then [APPLICATION 10].
    expect(ldapDecoder.probe(hex('000000c16a81be3081bba103020105a20302010a'), C)).toBe('no_match');
    expect(ldapDecoder.probe(new TextEncoder().encode('GET / HTTP/1.1\r\n'), C)).toBe('no_match');
    expect(ldapDecoder.probe(hex('16030100c8010000c40303'), C)).toBe('no_match');
    // An unknown operation tag ([APPLICATION 17]).
    expect(ldapDecoder.probe(fixture('unknown-operation'), C)).toBe('no_match');
  });
});

describe('bind', () => {
  it('reports a simple bind without its password and flags the cleartext credential', () => {
    const s = session();
    expect(s.parse(C, fixture('simple-bind-request'))).toEqual({ kind: 'ok' });
    const { events, anomalies } = s.sink.take();
    expect(events).toEqual([
      {
        kind: 'ldap.bind_request',
        ldap: {
          message_id: 1,
          protocol_op: 0,
          protocol_op_name: 'bindRequest',
          version: 3,
          name: 'cn=admin,dc=example,dc=org',
          auth_type: 'simple',
          password_present: true,
          anonymous: false,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('secret');
    expect(anomalies).toEqual(['ldap.cleartext_password']);
    expect(s.sink.confirms).toBe(1);
    const r = s.one(S, fixture('bind-response-success'));
    expect(r).toMatchObject({ result_code: 0, result_name: 'success', request_op: 'bindRequest' });
  });

  it('names anonymous and unauthenticated binds', () => {
    const s = session();
    const anon = s.one(C, hex('300c' + '020101' + '6007' + '020103' + '0400' + '8000'));
    expect(anon).toMatchObject({ anonymous: true, password_present: false, name: '' });
    expect(s.sink.take().anomalies).toEqual(['ldap.anonymous_bind']);
    // slapd.pcap frame 168: DN, empty password
    const unauth = s.one(
      C,
      hex(
        '3028020101602302010304' +
          '1c7569643d6e6f626f64792c64633d6578616d706c652c64633d6f7267' +
          '8000',
      ),
    );
    expect(unauth).toMatchObject({ unauthenticated: true, name: 'uid=nobody,dc=example,dc=org' });
    expect(s.sink.take().anomalies).toEqual(['ldap.unauthenticated_bind']);
  });

  it('reads the SASL mechanism and pairs the bind response with it', () => {
    const s = session();
    expect(s.one(C, fixture('sasl-digest-md5-bind'))).toMatchObject({
      auth_type: 'sasl',
      mechanism: 'DIGEST-MD5',
    });
    s.sink.take();
    const r = s.one(S, fixture('bind-response-invalid-credentials'));
    expect(r).toMatchObject({
      result_code: 49,
      result_name: 'invalidCredentials',
      diagnostic_message: 'SASL(-13): user not found: no secret in database',
      request_op: 'bindRequest',
      request_mechanism: 'DIGEST-MD5',
    });
    expect(s.sink.anomalies).toEqual(['ldap.bind_failed']);
  });

  it('attaches the ntlmssp layer of a GSS-SPNEGO bind carrying NTLMSSP', () => {
    const s = session();
    s.parse(C, fixture('gss-spnego-ntlmssp-bind'));
    const [ev] = s.sink.events;
    expect(ev?.ldap).toMatchObject({ mechanism: 'GSS-SPNEGO', credentials_length: 40 });
    expect(ev?.ntlmssp).toMatchObject({ message_type: 'negotiate', version: '10.0.14393' });
  });

  it('reads sicily NTLM binds: NEGOTIATE in the bind, CHALLENGE in the answer', () => {
    // DCShadow frames 47 and 48: the NTLMSSP messages of a DCE/RPC bind, in sicily LDAP binds
    const negotiate = hex(
      '4e544c4d5353500001000000978208e2' + '00'.repeat(16) + '0a0039380000000f',
    );
    const challenge = hex(
      '4e544c4d53535000020000000400040038000000158289e2a54b60bdf64c7fa20000000000000000' +
        'b400b4003c0000000a005a290000000f330042000200040033004200010018003000320036003900' +
        '340057002d00570049004e003100300004001e0074006800720065006500620065006500730063' +
        '006f002e0063006f006d00030038003000320036003900340077002d00770069006e0031003000' +
        '2e0074006800720065006500620065006500730063006f002e0063006f006d0005001e0074006800' +
        '720065006500620065006500730063006f002e0063006f006d0007000800583808e4c35dd6010000' +
        '0000',
    );
    const s = session();
    s.parse(C, tlv(0x30, hex('020101'), tlv(0x60, hex('020103' + '0400'), tlv(0x8a, negotiate))));
    const [bind] = s.sink.take().events;
    expect(bind?.ldap).toMatchObject({ auth_type: 'sicily_negotiate', credentials_length: 40 });
    expect(bind?.ntlmssp?.message_type).toBe('negotiate');
    s.parse(
      S,
      tlv(0x30, hex('020101'), tlv(0x61, hex('0a0100'), tlv(0x04, challenge), hex('0400'))),
    );
    const [resp] = s.sink.take().events;
    expect(resp?.ldap.matched_dn).toBeUndefined();
    expect(resp?.ntlmssp).toMatchObject({ message_type: 'challenge', target_name: '3B' });
  });

  it('reads a Windows bind response with serverSaslCreds', () => {
    const s = session();
    expect(s.one(S, DCSHADOW_BIND_RESPONSE)).toEqual({
      message_id: 38,
      protocol_op: 1,
      protocol_op_name: 'bindResponse',
      result_code: 0,
      result_name: 'success',
      server_sasl_creds_length: 185,
    });
  });
});

describe('search', () => {
  it('renders a complex filter in RFC 4515 form, escaping and UTF-8 included', () => {
    const s = session();
    const m = s.one(C, fixture('search-request-complex-filter'));
    expect(m).toMatchObject({
      base_object: 'dc=example,dc=org',
      scope: 2,
      scope_name: 'wholeSubtree',
      deref_aliases: 0,
      deref_aliases_name: 'neverDerefAliases',
      size_limit: 0,
      time_limit: 0,
      types_only: false,
      attributes: ['cn', 'mail', 'sn'],
      attribute_count: 3,
    });
    expect(m.filter).toBe(
      '(&(objectClass=inetOrgPerson)(|(uid=ali*)(mail=*@example.org)(cn=*ice*))(!(cn=Bob*))' +
        '(description=a\\2ab\\28c\\29)(sn=Liddéll)(cn>=A)(sn<=Z)(cn~=alis)' +
        '(uid:caseExactMatch:=alice)(ou:dn:=people)(:dn:2.5.13.5:=example)' +
        '(objectSid=\\01\\05\\00\\00\\ff))',
    );
  });

  it('pairs entries with their search and counts them in the done message', () => {
    const s = session();
    s.parse(C, fixture('search-request-root-dse'));
    expect(s.sink.events[0]?.ldap.filter).toBe('(objectClass=*)');
    s.sink.take();
    s.parse(S, fixture('search-result-entry-root-dse'));
    s.parse(S, fixture('search-result-done-one-entry'));
    const [entry, done] = s.sink.take().events;
    expect(entry?.ldap).toMatchObject({
      object_name: '',
      attributes: ['namingContexts', 'supportedExtension', 'supportedSASLMechanisms'],
      attribute_count: 3,
      request_op: 'searchRequest',
    });
    expect(done?.ldap).toMatchObject({ entries: 1, references: 0, request_op: 'searchRequest' });
  });

  it('cuts a filter nested too deep and says so', () => {
    const s = session();
    const m = s.one(C, fixture('filter-too-deep'));
    expect(m.filter).toBe(`${'(!'.repeat(16)}...${')'.repeat(16)}`);
    expect(s.sink.anomalies).toContain('ldap.filter_too_deep');
  });

  it('cuts a filter longer than 1024 characters', () => {
    const items = Array.from({ length: 80 }, (_, i) =>
      tlv(0xa3, tlv(0x04, ascii('cn')), tlv(0x04, ascii(`member${String(i).padStart(4, '0')}`))),
    );
    const search = tlv(
      0x63,
      hex('0400' + '0a0102' + '0a0100' + '020100' + '020100' + '010100'),
      tlv(0xa1, ...items),
      hex('3000'),
    );
    const s = session();
    const m = s.one(C, tlv(0x30, hex('020105'), search));
    expect(m.filter?.length).toBe(1027);
    expect(m.filter?.endsWith('...')).toBe(true);
    expect(s.sink.anomalies).toEqual(['ldap.filter_too_long']);
  });
});

describe('directory updates and other operations', () => {
  it('lists the changes of a ModifyRequest', () => {
    const s = session();
    expect(s.one(C, fixture('modify-request'))).toMatchObject({
      object_name: 'uid=alice,ou=people,dc=example,dc=org',
      modifications: [
        { operation: 'replace', type: 'mail', values: 1 },
        { operation: 'add', type: 'description', values: 1 },
        { operation: 'delete', type: 'description', values: 0 },
      ],
      modification_count: 3,
    });
  });

  it('reads add, delete, modify DN, compare, abandon and unbind', () => {
    const s = session();
    expect(s.one(C, fixture('add-request'))).toMatchObject({
      object_name: 'uid=bob,ou=people,dc=example,dc=org',
      attributes: ['objectClass', 'uid', 'cn', 'sn'],
    });
    s.sink.take();
    expect(s.one(C, fixture('del-request')).object_name).toBe(
      'uid=robert,ou=people,dc=example,dc=org',
    );
    s.sink.take();
    expect(s.one(C, fixture('moddn-request'))).toMatchObject({
      new_rdn: 'uid=robert',
      delete_old_rdn: true,
      new_superior: 'ou=people,dc=example,dc=org',
    });
    s.sink.take();
    expect(s.one(C, fixture('compare-request'))).toMatchObject({ attribute: 'sn' });
    expect(JSON.stringify(s.sink.events)).not.toContain('Liddell');
    s.sink.take();
    expect(s.one(S, fixture('compare-response'))).toMatchObject({
      result_name: 'compareTrue',
      request_op: 'compareRequest',
    });
    s.sink.take();
    expect(s.one(C, fixture('abandon-request')).abandon_id).toBe(3);
    s.sink.take();
    expect(s.one(C, fixture('unbind-request')).protocol_op_name).toBe('unbindRequest');
  });

  it('reads intermediate responses and keeps the request pending until its final answer', () => {
    const s = session();
    // A Cancel extended request for messageID 7, an intermediate response, then the final one.
    s.parse(
      C,
      tlv(
        0x30,
        hex('020108'),
        tlv(0x77, tlv(0x80, ascii('1.3.6.1.1.8')), tlv(0x81, hex('3003020107'))),
      ),
    );
    expect(s.sink.take().events[0]?.ldap).toMatchObject({ oid_name: 'Cancel', value_length: 5 });
    s.parse(
      S,
      tlv(
        0x30,
        hex('020108'),
        tlv(0x79, tlv(0x80, ascii('1.3.6.1.4.1.4203.1.9.1.4')), tlv(0x81, hex('a000'))),
      ),
    );
    expect(s.sink.take().events[0]).toMatchObject({
      kind: 'ldap.intermediate_response',
      ldap: {
        oid: '1.3.6.1.4.1.4203.1.9.1.4',
        oid_name: 'Sync Info',
        value_length: 2,
        request_op: 'extendedReq',
      },
    });
    expect(s.state.pending.has(8)).toBe(true);
    s.parse(
      S,
      tlv(
        0x30,
        hex('020108'),
        tlv(0x78, hex('0a0177' + '0400' + '0400'), tlv(0x8a, ascii('1.3.6.1.1.8'))),
      ),
    );
    expect(s.sink.take().events[0]?.ldap).toMatchObject({
      result_code: 119,
      result_name: 'noSuchOperation',
      oid_name: 'Cancel',
      request_oid: '1.3.6.1.1.8',
    });
    expect(s.state.pending.has(8)).toBe(false);
  });

  it('names extended operations, and stops at a successful StartTLS', () => {
    const s = session();
    expect(s.one(C, fixture('whoami-request'))).toMatchObject({ oid_name: 'Who am I' });
    s.sink.take();
    expect(s.one(S, fixture('whoami-response'))).toMatchObject({
      value_length: 29,
      request_oid: '1.3.6.1.4.1.4203.1.11.3',
    });
    s.sink.take();
    expect(s.one(C, fixture('starttls-request'))).toMatchObject({ oid_name: 'StartTLS' });
    s.sink.take();
    s.parse(S, fixture('starttls-response'));
    expect(s.sink.take().events[0]?.ldap.request_oid).toBe('1.3.6.1.4.1.1466.20037');
    // A TLS ClientHello follows: not LDAP, not decoded, no anomaly.
    expect(s.parse(C, hex('16030100c8010000c40303'))).toEqual({ kind: 'ok' });
    expect(s.sink.take()).toEqual({ events: [], anomalies: [] });
  });
});

describe('SASL security layer', () => {
  it('decodes the messages of a signed Kerberos buffer and counts the buffer', () => {
    const s = session();
    s.parse(C, fixture('dcshadow-signed-modify'));
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['ldap.modify_request', 'ldap.sasl_buffer']);
    expect(events[0]?.ldap).toMatchObject({
      sasl_layer: 'krb5_cfx',
      message_id: 45,
      object_name: 'CN=02694W-WIN10,OU=Leadership,OU=Organization,DC=threebeesco,DC=com',
      modifications: [{ operation: 'add', type: 'servicePrincipalName', values: 1 }],
    });
    expect(events[1]?.ldap).toEqual({
      sasl_length: 210,
      sasl_token: 'krb5_cfx',
      sealed: false,
      messages: 1,
    });
    s.parse(S, fixture('dcshadow-signed-modify-response'));
    expect(s.sink.take().events[0]?.ldap.request_op).toBe('modifyRequest');
  });

  it('reads several messages from one buffer (referral then done)', () => {
    const s = session();
    s.parse(S, fixture('dcshadow-signed-search-reference'));
    const { events } = s.sink.take();
    expect(events.map((e) => e.kind)).toEqual([
      'ldap.search_result_reference',
      'ldap.search_result_done',
      'ldap.sasl_buffer',
    ]);
    expect(events[0]?.ldap).toMatchObject({
      message_id: 0x06000028,
      uris: ['ldap://threebeesco.com/CN=Schema,CN=Configuration,DC=threebeesco,DC=com'],
    });
  });

  it('counts a sealed buffer without reading into it', () => {
    const s = session();
    s.parse(S, fixture('sealed-sasl-buffer'));
    expect(s.sink.take().events).toEqual([
      {
        kind: 'ldap.sasl_buffer',
        ldap: { sasl_length: 32, sasl_token: 'krb5_cfx', sealed: true, messages: 0 },
      },
    ]);
  });

  it('names the mechanism that started the layer when the bind was seen', () => {
    const s = session();
    s.parse(
      C,
      hex('3018' + '020101' + '6013' + '0201030400' + 'a30c' + '040a4753532d53504e45474f'),
    );
    s.parse(S, hex('300c' + '020101' + '6107' + '0a0100' + '0400' + '0400'));
    s.sink.take();
    s.parse(S, fixture('sealed-sasl-buffer'));
    expect(s.sink.events[0]?.ldap.sasl_mechanism).toBe('GSS-SPNEGO');
  });

  it('reads a DIGEST-MD5 integrity buffer after a successful DIGEST-MD5 bind', () => {
    const s = session();
    s.parse(C, fixture('sasl-digest-md5-bind'));
    s.parse(S, hex('300c' + '02010a' + '6107' + '0a0100' + '0400' + '0400'));
    s.sink.take();
    // The message in clear, then a 10-byte HMAC, message type 1 and a sequence number.
    const wrapped = concatBytes(
      fixture('unbind-request'),
      hex('00'.repeat(10) + '0001' + '00000000'),
    );
    s.parse(C, concatBytes(hex('00000017'), wrapped));
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual([]);
    expect(events.map((e) => [e.kind, e.ldap.sasl_layer])).toEqual([
      ['ldap.unbind_request', 'sasl'],
      ['ldap.sasl_buffer', undefined],
    ]);
    expect(events[1]?.ldap).toMatchObject({
      sasl_token: 'sasl',
      sealed: false,
      sasl_mechanism: 'DIGEST-MD5',
    });
  });

  it('flags a buffer with an unknown token and rejects a flow that opens with one', () => {
    const s = session();
    expect(s.parse(C, fixture('unknown-sasl-token'))).toEqual({
      kind: 'reject',
      anomaly: 'ldap.not_ldap',
    });
    expect(s.sink.anomalies).toEqual(['ldap.malformed_sasl_buffer', 'ldap.not_ldap']);
  });
});

describe('CLDAP (UDP)', () => {
  it('decodes an LDAP ping and its answer, one datagram each', () => {
    const s = session(DEFAULT_LIMITS, 'udp');
    const q = s.one(C, fixture('cldap-ping-request'));
    expect(q.filter).toBe('(&(DnsDomain=example.org)(Host=WS01)(NtVer=\\06\\00\\00\\00))');
    expect(q.attributes).toEqual(['netlogon']);
    s.sink.take();
    s.parse(S, fixture('cldap-ping-response'));
    const { events } = s.sink.take();
    expect(events.map((e) => e.kind)).toEqual([
      'ldap.search_result_entry',
      'ldap.search_result_done',
    ]);
    expect(events[1]?.ldap).toMatchObject({ entries: 1, request_op: 'searchRequest' });
    expect(events[0]?.ldap.netlogon).toEqual({
      opcode: 23,
      opcode_name: 'LOGON_SAM_LOGON_RESPONSE_EX',
      flags: 0x0003f3fd,
      domain_guid: 'd1c12e5f-e2a3-4b4a-b8c9-d0e1f2a3b4c5',
      dns_forest: 'example.org',
      dns_domain: 'example.org',
      dns_host: 'dc1.example.org',
      netbios_domain: 'EXAMPLE',
      netbios_host: 'DC1',
      dc_site: 'Default-First-Site-Name',
      client_site: 'Default-First-Site-Name',
    });
  });

  it('stops a Netlogon name at a pointer loop', () => {
    const s = session(DEFAULT_LIMITS, 'udp');
    // Opcode 23, then a forest name that points to itself.
    const value = concatBytes(hex('1700' + '0000' + '00000000'), new Uint8Array(16), hex('c018'));
    const attr = tlv(0x30, tlv(0x04, ascii('Netlogon')), tlv(0x31, tlv(0x04, value)));
    const msg = tlv(0x30, hex('020101'), tlv(0x64, hex('0400'), tlv(0x30, attr)));
    expect(s.one(S, msg).netlogon).toMatchObject({ opcode: 23, flags: 0 });
  });

  it('skips the RFC 1798 user DN between messageID and protocolOp', () => {
    const s = session(DEFAULT_LIMITS, 'udp');
    const m = s.one(C, hex('3011' + '020102' + '0400' + '630a' + '04000a01000a0100020100'));
    expect(m.protocol_op_name).toBe('searchRequest');
  });

  it('rejects a first datagram that is not LDAP', () => {
    const s = session(DEFAULT_LIMITS, 'udp');
    expect(s.parse(C, hex('17000000'))).toEqual({ kind: 'reject', anomaly: 'ldap.not_ldap' });
  });
});

describe('malformed input and limits', () => {
  it('names unknown operations, messageID 0 requests and broken BER', () => {
    const s = session();
    s.parse(C, fixture('simple-bind-request'));
    s.sink.take();
    s.parse(C, fixture('unknown-operation'));
    expect(s.sink.take()).toMatchObject({
      events: [{ kind: 'ldap.unknown_operation', ldap: { protocol_op: 17 } }],
      anomalies: ['ldap.unknown_operation'],
    });
    s.parse(C, fixture('request-with-message-id-zero'));
    expect(s.sink.take().anomalies).toEqual(['ldap.invalid_message_id']);
    s.parse(C, fixture('bind-name-past-its-container'));
    const bad = s.sink.take();
    expect(bad.anomalies).toEqual(['ldap.malformed_message']);
    expect(bad.events[0]?.ldap.error).toMatch(/^name: /);
  });

  it('rejects a flow whose first bytes are not LDAP, and loses framing later', () => {
    const s = session();
    expect(s.parse(C, hex('1603010005'))).toEqual({ kind: 'reject', anomaly: 'ldap.not_ldap' });
    const t = session();
    t.parse(C, fixture('unbind-request'));
    expect(t.parse(C, hex('ff00'))).toEqual({ kind: 'ok' });
    expect(t.sink.anomalies).toEqual(['ldap.malformed_message']);
    t.sink.take();
    t.parse(C, fixture('unbind-request'));
    expect(t.sink.take().events).toEqual([]);
  });

  it('skips a message larger than maxPduBytes and decodes the next one', () => {
    const limits = { ...DEFAULT_LIMITS, maxPduBytes: 64 };
    const s = session(limits);
    s.parse(C, fixture('unbind-request'));
    s.sink.take();
    const big = concatBytes(
      hex('308200c8' + '020102' + '4a8200c1'),
      new Uint8Array(0xc1).fill(0x61),
    );
    expect(s.parse(C, big.subarray(0, 50))).toEqual({ kind: 'ok' });
    expect(s.parse(C, concatBytes(big.subarray(50), fixture('abandon-request')))).toEqual({
      kind: 'ok',
    });
    const { events, anomalies } = s.sink.take();
    expect(anomalies).toEqual(['ldap.oversized_message']);
    expect(events.map((e) => e.kind)).toEqual(['ldap.abandon_request']);
  });

  it('bounds the pending-request table', () => {
    const s = session({ ...DEFAULT_LIMITS, maxPendingTransactions: 2 });
    for (let id = 1; id <= 3; id++) {
      // delRequest "dc" with messageID id
      s.parse(C, hex('3007' + '0201' + id.toString(16).padStart(2, '0') + '4a02' + '6463'));
    }
    expect(s.state.pending.size).toBe(2);
    expect(s.sink.anomalies).toEqual(['ldap.too_many_pending']);
  });

  it('resumes after a capture gap only on a plausible message', () => {
    const s = session();
    s.parse(C, fixture('unbind-request'));
    ldapDecoder.onGap?.(s.state, C, 100);
    s.parse(C, fixture('abandon-request'));
    expect(s.sink.take().events.map((e) => e.kind)).toEqual([
      'ldap.unbind_request',
      'ldap.abandon_request',
    ]);
    ldapDecoder.onGap?.(s.state, C, 100);
    s.parse(C, hex('6162636465'));
    s.parse(C, fixture('abandon-request'));
    expect(s.sink.take()).toEqual({ events: [], anomalies: [] });
  });
});
