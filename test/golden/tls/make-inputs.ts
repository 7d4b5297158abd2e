/**
 * Writes input.pcap of the `malformed` and `negative` TLS scenarios (the `normal` one is cut
 * from a shared capture, see its README). Each connection is a TCP handshake then one segment per
 * PDU, correct checksums (RFC 793), Ethernet/IPv4.
 *
 * usage: npx tsx test/golden/tls/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SSLV2_CLIENT_HELLO, fixtures } from '../../../src/decode/app/tls/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** ServerHello choosing TLS 1.0 and TLS_RSA_WITH_RC4_128_MD5, no extensions (RFC 2246 7.4.1.3). */
const WEAK_SERVER_HELLO = hex(
  '160301002a' + // record: handshake, TLS 1.0, length 42
    '02000026' + // server_hello, length 38
    '0301' + // server_version = TLS 1.0
    '5f5e5d5c5b5a595857565554535251504f4e4d4c4b4a49484746454443424140' + // random
    '00' + // session id length 0
    '0004' + // TLS_RSA_WITH_RC4_128_MD5
    '00', // compression null
);

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_000_000_000 };
  // An SSLv2 scanner, refused with a fatal protocol_version alert.
  new Conn(records, clock, '10.20.0.66', '10.20.0.10', 50001, 443)
    .c(SSLV2_CLIENT_HELLO)
    .s(hex('1503010002' + '02' + '46'));
  // A client hello, a weak server choice, a Heartbleed probe, then a broken record and a
  // recovery on the next well-formed ones.
  new Conn(records, clock, '10.20.0.66', '10.20.0.10', 50002, 443)
    .c(fx('client-hello-on-port-502'))
    .s(WEAK_SERVER_HELLO)
    .c(fx('heartbleed-request'))
    .c(hex('6303030002' + '0000'))
    .c(fx('fatal-alert-certificate-unknown'))
    .c(fx('fatal-alert-certificate-unknown'));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_100_000_000 };
  const enc = new TextEncoder();
  // Plain HTTP on 443 and 8443: not TLS.
  new Conn(records, clock, '10.20.0.5', '10.20.0.10', 50100, 443)
    .c(enc.encode('GET / HTTP/1.1\r\nHost: plc\r\n\r\n'))
    .s(enc.encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  new Conn(records, clock, '10.20.0.5', '10.20.0.10', 50101, 8443)
    .c(enc.encode('\x16\x03\x09\x00\x05hello'))
    .s(enc.encode('\x00\x00\x00\x00'));
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
