/**
 * TLS decoder: field values of real frames, fingerprints against the reference implementations'
 * published examples, certificates, alerts, heartbeats, SSLv2, reassembly and limits.
 */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { TlsEvent } from './events.js';
import { ja3String, ja4, ja4s, md5, sha256_12, ja4Alpn } from './fingerprint.js';
import { SSLV2_CLIENT_HELLO, fixtures } from './fixtures.js';
import { tlsDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: TlsEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  constructor(private readonly now?: number) {}
  emit(e: AppEvent): void {
    this.events.push(e as TlsEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
  captureTime(): number {
    return this.now ?? 0;
  }
}

function session(now = Date.UTC(2020, 6, 21) / 1000) {
  const state = tlsDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink(now);
  return {
    state,
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => tlsDecoder.parse(state, b, dir, sink),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

describe('published fingerprint examples', () => {
  // https://github.com/salesforce/ja3 README "How it works"
  it('JA3 MD5 of the README strings', () => {
    expect(md5('769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0')).toBe(
      'ada70206e40642a3e4461f35503241d5',
    );
    expect(md5('769,4-5-10-9-100-98-3-6-19-18-99,,,')).toBe('de350869b8c85de67a350c8d186f11e6');
    expect(
      ja3String({
        version: 769,
        maxSupportedVersion: 0,
        ciphers: [4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99],
        extensions: [],
        groups: [],
        pointFormats: [],
        sigAlgs: [],
        alpn: null,
        sni: false,
      }),
    ).toBe('769,4-5-10-9-100-98-3-6-19-18-99,,,');
  });

  // https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md "Example" and "Raw Output"
  it('JA4 of the technical_details example: t13d1516h2_8daaf6152771_e5627efa2ab1', () => {
    const hexes = (s: string): number[] => s.split(',').map((x) => parseInt(x, 16));
    const r = ja4({
      version: 0x0303,
      maxSupportedVersion: 0x0304,
      ciphers: hexes('1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035'),
      extensions: hexes(
        '001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015',
      ),
      groups: [],
      pointFormats: [],
      sigAlgs: hexes('0403,0804,0401,0503,0805,0501,0806,0601'),
      alpn: new TextEncoder().encode('h2'),
      sni: true,
    });
    expect(r.ja4).toBe('t13d1516h2_8daaf6152771_e5627efa2ab1');
    expect(r.ja4_r).toBe(
      't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_' +
        '0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_' +
        '0403,0804,0401,0503,0805,0501,0806,0601',
    );
    // Same document: the extension list without signature algorithms hashes to 6d807ffa2a79.
    expect(sha256_12('0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01')).toBe(
      '6d807ffa2a79',
    );
  });

  // JA4.md "ALPN Extension Value": non-alphanumeric ends print hex digits
  it('JA4 ALPN characters', () => {
    expect(ja4Alpn(new TextEncoder().encode('http/1.1'))).toBe('h1');
    expect(ja4Alpn(hex('ab'))).toBe('ab');
    expect(ja4Alpn(hex('abcd'))).toBe('ad');
    expect(ja4Alpn(hex('30ab'))).toBe('3b');
    expect(ja4Alpn(hex('3031abcd'))).toBe('3d');
    expect(ja4Alpn(hex('30abcd31'))).toBe('01');
    expect(ja4Alpn(null)).toBe('00');
  });

  // https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4S.md "JA4S Example"
  it('JA4S of the technical_details example: t120400_c030_4e8089b08790', () => {
    expect(ja4s(0x0303, 0xc030, [0x0005, 0x0017, 0xff01, 0x0000], null)).toBe(
      't120400_c030_4e8089b08790',
    );
  });
});

describe('real handshake (Discovery_PsLoggedOn capture)', () => {
  it('ClientHello: SNI, ALPN, GREASE removed, JA3 as Wireshark computes it, JA4', () => {
    const t = session();
    expect(t.parse(C, fx('client-hello-sni-grease'))).toEqual({ kind: 'ok' });
    const e = t.sink.events[0];
    expect(e?.kind).toBe('tls.client_hello');
    const f = e!.tls;
    expect(f.sni).toBe('smp.threebeesco.com');
    expect(f.alpn).toEqual(['h2', 'http/1.1']);
    expect(f.cipher_suite_count).toBe(15);
    expect(f.cipher_suites?.[0]).toBe('TLS_AES_128_GCM_SHA256');
    expect(f.supported_versions).toEqual(['tls1.3', 'tls1.2', 'tls1.1', 'tls1.0']);
    expect(f.key_share_groups).toEqual(['x25519']);
    // tshark -e tls.handshake.ja3 on frame 131
    expect(f.ja3_hash).toBe('b32309a26951912be7dba376398abc3b');
    expect(f.ja4?.startsWith('t13d1515h2_8daaf6152771_')).toBe(true);
    expect(t.sink.anomalies).toEqual([]);
  });

  it('server flight: ServerHello JA3S, certificate fields, SKE group, CertificateRequest', () => {
    const t = session();
    t.parse(C, fx('client-hello-sni-grease'));
    t.parse(S, fx('server-hello-certificate-flight'));
    const kinds = t.sink.events.map((e) => e.tls.handshake);
    expect(kinds).toEqual([
      'client_hello',
      'server_hello',
      'certificate',
      'server_key_exchange',
      'certificate_request',
      'server_hello_done',
    ]);
    const sh = t.sink.events[1]!.tls;
    expect(sh.ja3s_hash).toBe('1c9537b8108487575f2043b84071412d'); // tshark tls.handshake.ja3s
    expect(sh.cipher_suite_name).toBe('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
    expect(sh.ja4s).toBe('t1204h1_c030_1428ce7b4018');
    const cert = t.sink.events[2]!.tls.certificates?.[0];
    expect(cert).toMatchObject({
      subject_cn: 'smp-platform',
      issuer_o: 'Endgame',
      not_before: '2019-02-02T04:20:56Z',
      not_after: '2029-01-30T04:20:56Z',
      key_algorithm: 'rsa',
      key_bits: 4096,
      signature_algorithm: 'sha256_with_rsa',
      self_signed: false,
      san_dns: ['127.0.0.1'],
      sha1: '0aee51c53dae4b419da4214027a20a6fb36bdacc',
    });
    expect(t.sink.events[3]!.tls.server_key_exchange_group).toBe('secp384r1');
    expect(t.sink.events[4]!.tls.certificate_types).toEqual([1, 2, 64]);
    expect(t.sink.anomalies).toEqual([]);
  });

  it('the same flight one byte at a time gives the same events (reassembly across records)', () => {
    const whole = session();
    whole.parse(S, fx('server-hello-certificate-flight'));
    const bytes = session();
    const all = fx('server-hello-certificate-flight');
    let pending: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < all.length; i++) {
      pending = concatBytes(pending, all.subarray(i, i + 1));
      const r = bytes.parse(S, pending);
      pending = r.kind === 'incomplete' ? pending.subarray(r.consumed) : new Uint8Array(0);
    }
    expect(bytes.sink.events).toEqual(whole.sink.events);
  });

  it('expired at the capture time: a 2030 capture flags the certificate', () => {
    const t = session(Date.UTC(2030, 0, 1) / 1000);
    t.parse(S, fx('server-hello-certificate-flight'));
    expect(t.sink.anomalies).toContain('tls.expired_certificate');
  });

  it('fatal alert named', () => {
    const t = session();
    t.parse(C, fx('fatal-alert-certificate-unknown'));
    expect(t.sink.events[0]!.tls).toMatchObject({ alert_level: 2, alert: 'certificate_unknown' });
    expect(t.sink.anomalies).toEqual(['tls.fatal_alert']);
  });
});

describe('anomalies', () => {
  it('Heartbleed-shaped heartbeat', () => {
    const t = session();
    t.parse(C, fx('client-hello-on-port-502'));
    t.parse(C, fx('heartbleed-request'));
    expect(t.sink.anomalies).toContain('tls.heartbleed');
    expect(t.sink.events.at(-1)!.tls.payload_length).toBe(16384);
  });

  it('SSLv2 CLIENT-HELLO: version and weak kinds', () => {
    const t = session();
    expect(tlsDecoder.probe(SSLV2_CLIENT_HELLO, C)).toBe('match');
    t.parse(C, SSLV2_CLIENT_HELLO);
    expect(t.sink.events[0]!.tls).toMatchObject({ sslv2: true, version: 2, cipher_suite_count: 7 });
    expect(t.sink.anomalies).toEqual([
      'tls.sslv2_client_hello',
      'tls.weak_version_offered',
      'tls.weak_cipher_offered',
    ]);
  });

  it('a bad header rejects an unconfirmed flow and resynchronises a confirmed one', () => {
    const t = session();
    expect(t.parse(S, fx('bad-record-type'))).toEqual({
      kind: 'reject',
      anomaly: 'tls.malformed_record',
    });
    const u = session();
    u.parse(C, fx('client-hello-sni-grease'));
    const r = u.parse(
      C,
      concatBytes(
        hex('6303030002' + '0000'),
        fx('fatal-alert-certificate-unknown'),
        fx('fatal-alert-certificate-unknown'),
      ),
    );
    expect(r.kind).toBe('ok');
    expect(u.sink.anomalies[0]).toBe('tls.malformed_record');
    expect(u.sink.events.filter((e) => e.kind === 'tls.alert')).toHaveLength(2);
  });

  it('missing SNI, then a certificate', () => {
    const t = session();
    t.parse(C, fx('client-hello-on-port-502'));
    t.parse(S, fx('server-hello-certificate-flight'));
    expect(t.sink.anomalies).toContain('tls.missing_sni');
  });

  it('application data: one event per direction, the rest counted', () => {
    const t = session();
    const rec = hex('1703030004' + 'deadbeef');
    t.parse(C, concatBytes(rec, rec, rec));
    expect(t.sink.events.map((e) => e.kind)).toEqual(['tls.application_data']);
    expect(t.state.sides[C].appRecords).toBe(3);
  });

  it('oversized handshake message skipped and named', () => {
    const t = session();
    t.parse(C, fx('client-hello-sni-grease'));
    const big = 70_000;
    const head = hex('1603034000' + '0b' + big.toString(16).padStart(6, '0'));
    const r = t.parse(C, concatBytes(head, new Uint8Array(0x4000 - 4)));
    expect(r.kind).toBe('ok');
    expect(t.sink.anomalies).toContain('tls.handshake_too_large');
  });
});

describe('probe', () => {
  it('hellos match, other bytes do not', () => {
    expect(tlsDecoder.probe(fx('client-hello-sni-grease'), C)).toBe('match');
    expect(tlsDecoder.probe(fx('server-hello-certificate-flight'), S)).toBe('match');
    expect(tlsDecoder.probe(fx('client-hello-sni-grease'), S)).toBe('no_match');
    expect(tlsDecoder.probe(hex('1603'), C)).toBe('need_more');
    expect(tlsDecoder.probe(new TextEncoder().encode('GET / HTTP/1.1\r\n'), C)).toBe('no_match');
  });
});

/** A ServerHello record with `random` and extensions `exts` (hex), TLS 1.2 legacy version. */
function serverHello(random: string, exts: string): Uint8Array {
  const body =
    '0303' + // legacy_version TLS 1.2
    random + // random (32 bytes)
    '00' + // legacy_session_id_echo: empty
    '1301' + // TLS_AES_128_GCM_SHA256
    '00' + // compression null
    (exts.length / 2).toString(16).padStart(4, '0') + // extensions length
    exts;
  const hs = '02' + (body.length / 2).toString(16).padStart(6, '0') + body;
  return hex('160303' + (hs.length / 2).toString(16).padStart(4, '0') + hs);
}

describe('TLS 1.3 (RFC 8446 4.1.3, 4.1.4)', () => {
  const RANDOM = '11'.repeat(32);
  const HRR = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';
  const SV13 = '002b00020304'; // supported_versions: TLS 1.3
  it('a TLS 1.3 ServerHello: selected version from supported_versions, key share group, then encrypted', () => {
    const t = session();
    t.parse(
      S,
      serverHello(RANDOM, SV13 + '003300240017' + '0020' + '22'.repeat(32).slice(0, 62) + '22'),
    );
    const f = t.sink.events[0]!.tls;
    expect(f).toMatchObject({
      version: 0x0303,
      selected_version: 0x0304,
      selected_version_name: 'tls1.3',
    });
    expect(f.ja4s?.startsWith('t130200_1301_')).toBe(true);
    // The server's handshake after its ServerHello is encrypted: a handshake record is counted.
    t.parse(S, hex('1603030005' + '0800000100'));
    expect(t.sink.events).toHaveLength(1);
    expect(t.state.sides[S].encryptedHandshakes).toBe(1);
  });

  it('a HelloRetryRequest is named and leaves the next ServerHello in the clear', () => {
    const t = session();
    t.parse(S, serverHello(HRR, SV13 + '003300020017'));
    expect(t.sink.events[0]!.tls).toMatchObject({
      hello_retry_request: true,
      key_share_group: 'secp256r1',
    });
    t.parse(S, serverHello(RANDOM, SV13));
    expect(t.sink.events.map((e) => e.kind)).toEqual(['tls.server_hello', 'tls.server_hello']);
  });
});
