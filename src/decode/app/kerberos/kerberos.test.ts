/** Kerberos decoder: both framings, kpasswd, message fields, anomalies, limits and the probe. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { KerberosFields, KpasswdFields } from './events.js';
import { fixtures } from './fixtures.js';
import { kerberosDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface KerberosEvent {
  kind: string;
  kerberos: KerberosFields;
  kpasswd?: KpasswdFields;
}

class Sink implements DecodeSink {
  events: KerberosEvent[] = [];
  anomalies: string[] = [];
  details: (string | undefined)[] = [];
  confirms = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as KerberosEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail);
  }
  confirm(): void {
    this.confirms++;
  }
}

function session(transport?: 'tcp' | 'udp', limits = DEFAULT_LIMITS) {
  const state = kerberosDecoder.createState(limits, transport);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      kerberosDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** The message of a stream-form fixture, as a datagram (record mark removed). */
const datagram = (name: string): Uint8Array => fixture(name).subarray(4);

/** One message decoded from a fixture in the stream form. */
function one(name: string, dir: Direction = C): { e: KerberosEvent; sink: Sink } {
  const s = session('tcp');
  expect(s.parse(dir, fixture(name))).toEqual({ kind: 'ok' });
  expect(s.sink.events).toHaveLength(1);
  return { e: s.sink.events[0] as KerberosEvent, sink: s.sink };
}

/** Minimal DER builder for hand-made messages. */
function tlv(tag: number, body: string): string {
  const n = body.length / 2;
  const len = n < 128 ? n.toString(16).padStart(2, '0') : `82${n.toString(16).padStart(4, '0')}`;
  return tag.toString(16).padStart(2, '0') + len + body;
}
const ctx = (n: number, body: string): string => tlv(0xa0 + n, body);
const int = (v: number): string => tlv(0x02, v.toString(16).padStart(2, '0'));
const str = (s: string): string => tlv(0x1b, Buffer.from(s, 'latin1').toString('hex'));
const principal = (type: number, ...c: string[]): string =>
  tlv(0x30, ctx(0, int(type)) + ctx(1, tlv(0x30, c.map(str).join(''))));
const record = (msg: string): Uint8Array =>
  hex((msg.length / 2).toString(16).padStart(8, '0') + msg);

/** A KRB-ERROR with the given error code and extra fields ([RFC4120] 5.9.1). */
function krbError(code: number, extra = ''): string {
  return tlv(
    0x7e,
    tlv(
      0x30,
      ctx(0, int(5)) +
        ctx(1, int(30)) +
        ctx(4, tlv(0x18, Buffer.from('20261126054530Z').toString('hex'))) +
        ctx(5, int(1)) +
        ctx(6, int(code)) +
        ctx(9, str('EXAMPLE.ORG')) +
        ctx(10, principal(2, 'krbtgt', 'EXAMPLE.ORG')) +
        extra,
    ),
  );
}

describe('Kerberos requests', () => {
  it('AS-REQ without pre-authentication: client, service, realm, options, etypes, nonce, till', () => {
    const { e } = one('as-req-without-preauth');
    expect(e.kind).toBe('kerberos.as_req');
    expect(e.kerberos).toMatchObject({
      transport: 'tcp',
      msg_type: 10,
      msg_type_name: 'AS-REQ',
      pvno: 5,
      realm: 'THREEBEESCO.COM',
      cname: 'admin',
      cname_type: 1,
      sname: 'krbtgt/THREEBEESCO.COM',
      sname_type: 2,
      kdc_options: 0x10,
      kdc_option_names: ['renewable-ok'],
      till: '2020-07-23T19:16:35Z',
      nonce: 792988530,
      etypes: [18, 17, 23],
      etype_names: ['aes256-cts-hmac-sha1-96', 'aes128-cts-hmac-sha1-96', 'rc4-hmac'],
      padata_types: [],
      preauth: false,
    });
    // RC4 offered next to AES is no downgrade.
    expect(e.kerberos.weak_etype).toBeUndefined();
  });

  it('the same AS-REQ as a UDP datagram', () => {
    const s = session('udp');
    expect(s.parse(C, datagram('as-req-without-preauth'))).toEqual({ kind: 'ok' });
    expect(s.sink.events[0]?.kerberos.transport).toBe('udp');
    expect(s.sink.events[0]?.kerberos.cname).toBe('admin');
    expect(s.sink.confirms).toBe(1);
  });

  it('AS-REQ with an RC4 encrypted timestamp: pre-authentication etype, PAC request, options', () => {
    const { e, sink } = one('as-req-rc4-timestamp');
    expect(e.kerberos).toMatchObject({
      preauth: true,
      preauth_etype: 23,
      include_pac: true,
      padata_names: ['PA-ENC-TIMESTAMP', 'PA-PAC-REQUEST'],
      kdc_option_names: ['forwardable', 'renewable', 'canonicalize', 'renewable-ok'],
      rtime: '2037-09-13T02:48:05Z',
      weak_etype: true,
    });
    expect(sink.anomalies).toEqual(['kerberos.weak_etype_used']);
  });

  it('TGS-REQ: the TGT of PA-TGS-REQ, authenticator etype, PAC options, Microsoft etypes', () => {
    const { e, sink } = one('tgs-req-cifs');
    expect(e.kind).toBe('kerberos.tgs_req');
    expect(e.kerberos).toMatchObject({
      sname: 'cifs/01566s-win16-ir',
      realm: 'THREEBEESCO.COM',
      ap_options: [],
      ticket: {
        realm: 'THREEBEESCO.COM',
        sname: 'krbtgt/THREEBEESCO.COM',
        sname_type: 2,
        etype: 18,
        etype_name: 'aes256-cts-hmac-sha1-96',
        kvno: 2,
      },
      authenticator_etype: 18,
      authorization_data_etype: 18,
      pac_options: ['branch-aware'],
      etypes: [18, 17, 23, 24, -135],
    });
    expect(e.kerberos.etype_names?.[4]).toBe('rc4-hmac-old-exp');
    expect(e.kerberos.cname).toBeUndefined();
    expect(sink.anomalies).toEqual([]);
  });
  it('S4U: PA-FOR-USER names the impersonated user; additional tickets are listed', () => {
    const tgt = tlv(
      0x61,
      tlv(
        0x30,
        ctx(0, int(5)) +
          ctx(1, str('EXAMPLE.ORG')) +
          ctx(2, principal(1, 'websvc')) +
          ctx(3, tlv(0x30, ctx(0, int(23)) + ctx(1, int(3)) + ctx(2, tlv(0x04, '00'.repeat(16))))),
      ),
    );
    const forUser = tlv(
      0x30,
      ctx(0, principal(10, 'alice@example.org')) +
        ctx(1, str('EXAMPLE.ORG')) +
        ctx(2, tlv(0x30, ctx(0, int(16)) + ctx(1, tlv(0x04, '00'.repeat(16))))) +
        ctx(3, str('Kerberos')),
    );
    const padata = tlv(0x30, tlv(0x30, ctx(1, tlv(0x02, '0081')) + ctx(2, tlv(0x04, forUser))));
    const body = tlv(
      0x30,
      ctx(0, tlv(0x03, '0040820000')) +
        ctx(2, str('EXAMPLE.ORG')) +
        ctx(3, principal(2, 'cifs', 'fs01.example.org')) +
        ctx(5, tlv(0x18, Buffer.from('20370913024805Z').toString('hex'))) +
        ctx(7, int(7)) +
        ctx(8, tlv(0x30, int(18))) +
        ctx(11, tlv(0x30, tgt)),
    );
    const msg = tlv(
      0x6c,
      tlv(0x30, ctx(1, int(5)) + ctx(2, int(12)) + ctx(3, padata) + ctx(4, body)),
    );
    const s = session('udp');
    s.parse(C, hex(msg));
    const f = s.sink.events[0]?.kerberos;
    expect(f).toMatchObject({
      for_user: 'alice\\@example.org',
      for_user_realm: 'EXAMPLE.ORG',
      padata_names: ['PA-FOR-USER'],
      kdc_option_names: ['forwardable', 'renewable', 'cname-in-addl-tkt'],
      ticket_count: 1,
      tickets: [{ realm: 'EXAMPLE.ORG', sname: 'websvc', etype: 23, kvno: 3 }],
    });
    // The RC4 evidence ticket is weak material.
    expect(s.sink.anomalies).toEqual(['kerberos.weak_etype_used']);
  });
});

describe('Kerberos replies and errors', () => {
  it('KRB-ERROR PREAUTH_REQUIRED: error named, METHOD-DATA padata and ETYPE-INFO2 hints', () => {
    const { e } = one('error-preauth-required', S);
    expect(e.kind).toBe('kerberos.error');
    expect(e.kerberos).toMatchObject({
      error_code: 25,
      error_name: 'KDC_ERR_PREAUTH_REQUIRED',
      stime: '2020-07-22T19:16:35Z',
      realm: 'THREEBEESCO.COM',
      sname: 'krbtgt/THREEBEESCO.COM',
      padata_types: [19, 2, 16, 15],
      etype_info: [18, 23],
    });
  });

  it('AS-REP: client, ticket service, etypes and key versions; never the cipher text', () => {
    const { e, sink } = one('as-rep-rc4', S);
    expect(e.kind).toBe('kerberos.as_rep');
    expect(e.kerberos).toMatchObject({
      crealm: 'THREEBEESCO.COM',
      cname: 'backdoor',
      ticket: { sname: 'krbtgt/THREEBEESCO.COM', etype: 18, kvno: 2 },
      enc_part_etype: 23,
      enc_part_etype_name: 'rc4-hmac',
      enc_part_kvno: 6,
    });
    expect(sink.anomalies).toEqual(['kerberos.weak_etype_used']);
    // The first 16 bytes of the ticket's and of the reply's cipher text appear nowhere.
    const json = JSON.stringify(sink.events);
    const bytes = Buffer.from(fixture('as-rep-rc4')).toString('hex');
    for (const marker of ['a2820', '04820']) {
      let at = bytes.indexOf(marker);
      while (at >= 0) {
        expect(json).not.toContain(bytes.slice(at + 12, at + 44));
        at = bytes.indexOf(marker, at + 1);
      }
    }
  });

  it('TGS-REP with an RC4 service ticket (Kerberoasting material)', () => {
    const { e, sink } = one('tgs-rep-rc4-ticket', S);
    expect(e.kerberos.ticket).toMatchObject({ sname: 'cifs/01566s-win16-ir', etype: 23 });
    expect(sink.anomalies).toEqual(['kerberos.weak_etype_used']);
    expect(sink.details[0]).toContain('ticket cifs/01566s-win16-ir rc4-hmac');
  });

  it('an AS-REP on the flow of an AS-REQ without pre-authentication is AS-REP roasting', () => {
    const s = session('udp');
    s.parse(C, datagram('as-req-without-preauth'));
    s.parse(S, datagram('as-rep-rc4'));
    expect(s.sink.anomalies).toContain('kerberos.asrep_without_preauth');
    // With pre-authentication it is not.
    const t = session('udp');
    t.parse(C, datagram('as-req-rc4-timestamp'));
    t.parse(S, datagram('as-rep-rc4'));
    expect(t.sink.anomalies).not.toContain('kerberos.asrep_without_preauth');
  });

  it('KERB-ERROR-DATA with an extended error gives the NTSTATUS; e-text is capped', () => {
    const eData = tlv(
      0x30,
      ctx(1, int(3)) + ctx(2, tlv(0x04, '6d0000c0' + '00000000' + '01000000')),
    );
    const msg = krbError(24, ctx(11, str('x'.repeat(300))) + ctx(12, tlv(0x04, eData)));
    const s = session('tcp');
    s.parse(S, record(msg));
    const f = s.sink.events[0]?.kerberos;
    expect(f).toMatchObject({ error_name: 'KDC_ERR_PREAUTH_FAILED', e_data_type: 3 });
    expect(f?.nt_status).toBe('0xc000006d');
    expect(f?.e_text).toHaveLength(256);
  });
});

describe('kpasswd, KRB-SAFE, KRB-CRED', () => {
  it('kpasswd change password: the AP-REQ and the KRB-PRIV, with the kpasswd header', () => {
    const s = session('tcp');
    s.parse(C, fixture('kpasswd-request'));
    s.parse(S, fixture('kpasswd-reply'));
    expect(s.sink.events.map((e) => e.kind)).toEqual([
      'kerberos.ap_req',
      'kerberos.priv',
      'kerberos.ap_rep',
      'kerberos.priv',
    ]);
    expect(s.sink.events[0]?.kpasswd).toEqual({
      version: 1,
      operation: 'change_password',
      ap_length: s.sink.events[0]?.kpasswd?.ap_length,
    });
    expect(s.sink.events[0]?.kerberos.ticket?.sname).toBe('kadmin/changepw');
    expect(s.sink.events[2]?.kpasswd?.operation).toBe('reply');
    expect(s.sink.events[3]?.kerberos.enc_part_etype).toBe(18);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('kpasswd over UDP: one datagram is the whole message', () => {
    const s = session('udp');
    s.parse(C, fixture('kpasswd-request').subarray(4));
    expect(s.sink.events).toHaveLength(2);
    expect(s.sink.confirms).toBe(1);
  });

  it('KRB-SAFE: checksum type and user data length, never the user data', () => {
    const { e, sink } = one('krb-safe');
    expect(e.kind).toBe('kerberos.safe');
    expect(e.kerberos).toMatchObject({ cksum_type: 16, user_data_length: 5 });
    expect(JSON.stringify(sink.events)).not.toContain('hello');
  });

  it('KRB-CRED with an unencrypted enc-part raises cleartext_credentials', () => {
    const { e, sink } = one('krb-cred-cleartext');
    expect(e.kind).toBe('kerberos.cred');
    expect(e.kerberos).toMatchObject({ ticket_count: 1, enc_part_etype: 0 });
    expect(e.kerberos.tickets?.[0]?.sname).toBe('krbtgt/EXAMPLE.ORG');
    expect(sink.anomalies).toEqual(['kerberos.cleartext_credentials']);
  });
});

describe('malformed Kerberos', () => {
  /** Feeds a malformed fixture on a flow confirmed by a good message. */
  function confirmed(name: string, dir: Direction): Sink {
    const s = session('tcp');
    s.parse(C, fixture('as-req-without-preauth'));
    s.parse(dir, fixture(name));
    return s.sink;
  }

  it('a msg-type differing from the message tag is malformed', () => {
    const sink = confirmed('msg-type-mismatch', C);
    expect(sink.anomalies).toEqual(['kerberos.malformed']);
    expect(sink.details[0]).toContain('msg-type 12');
    expect(sink.events[1]?.kerberos.error).toContain('msg-type 12');
  });

  it('an element longer than its container is malformed', () => {
    const sink = confirmed('overlong-element', C);
    expect(sink.anomalies).toEqual(['kerberos.malformed']);
    expect(sink.details[0]).toContain('length runs past its container');
  });

  it('pvno 4 is named', () => {
    const sink = confirmed('bad-pvno', S);
    expect(sink.anomalies).toEqual(['kerberos.bad_pvno']);
    expect(sink.events[1]?.kerberos.error_code).toBe(25);
  });

  it('the reserved record-mark bit stops that direction', () => {
    const s = session('tcp');
    s.parse(C, fixture('as-req-without-preauth'));
    s.parse(C, fixture('reserved-record-mark'));
    s.parse(C, fixture('as-req-without-preauth'));
    expect(s.sink.anomalies).toEqual(['kerberos.invalid_record_mark']);
    expect(s.sink.events).toHaveLength(1);
    // The other direction still decodes.
    s.parse(S, fixture('error-preauth-required'));
    expect(s.sink.events).toHaveLength(2);
  });

  it('an oversized record is skipped and the next one decoded', () => {
    const s = session('tcp', { ...DEFAULT_LIMITS, maxPduBytes: 100 });
    s.parse(C, fixture('krb-safe'));
    const big = new Uint8Array(4 + 200);
    big[3] = 200;
    expect(s.parse(C, big.subarray(0, 50))).toEqual({ kind: 'ok' });
    s.parse(C, big.subarray(50));
    s.parse(C, fixture('krb-safe'));
    expect(s.sink.anomalies).toEqual(['kerberos.oversize']);
    expect(s.sink.events).toHaveLength(2);
  });

  it('a principal over 16 components is cut and named; "/" and "@" in a component are escaped', () => {
    const comps = Array.from({ length: 20 }, (_, i) => `c${i}`);
    comps[0] = 'a/b@c';
    const msg = krbError(6, ctx(8, principal(1, ...comps)));
    const s = session('tcp');
    s.parse(S, record(msg));
    expect(s.sink.anomalies).toEqual(['kerberos.limit_reached']);
    const cname = s.sink.events[0]?.kerberos.cname ?? '';
    expect(cname.startsWith('a\\/b\\@c/c1/')).toBe(true);
    expect(cname.split(/(?<!\\)\//)).toHaveLength(16);
  });

  it('a first message that is not Kerberos rejects the flow', () => {
    const s = session('tcp');
    expect(s.parse(C, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))).toEqual({
      kind: 'reject',
      anomaly: 'kerberos.not_kerberos',
    });
    const u = session('udp');
    expect(u.parse(C, hex('0001000000000000'))).toEqual({
      kind: 'reject',
      anomaly: 'kerberos.not_kerberos',
    });
  });

  it('waits for the rest of a record', () => {
    const s = session('tcp');
    const b = fixture('as-req-without-preauth');
    expect(s.parse(C, b.subarray(0, 20))).toEqual({
      kind: 'incomplete',
      consumed: 0,
      needed: b.length,
    });
  });
});

describe('Kerberos probe', () => {
  it('recognises record-marked messages, datagrams and kpasswd', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(kerberosDecoder.probe(f.bytes, f.dir), f.name).toBe('match');
    }
    expect(kerberosDecoder.probe(datagram('error-preauth-required'), S)).toBe('match');
    expect(kerberosDecoder.probe(fixture('kpasswd-request').subarray(4), C)).toBe('match');
  });

  it('waits on a short prefix of a record and refuses other protocols', () => {
    expect(kerberosDecoder.probe(fixture('tgs-req-cifs').subarray(0, 9), C)).toBe('need_more');
    expect(kerberosDecoder.probe(new TextEncoder().encode('SSH-2.0-OpenSSH_9.2\r\n'), C)).toBe(
      'no_match',
    );
    // A record mark followed by a message tag with pvno 4.
    expect(kerberosDecoder.probe(hex('0000000c' + '6a0a3008a103020104a20302010a'), C)).toBe(
      'no_match',
    );
  });
});
