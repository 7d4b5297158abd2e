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
import { ether, ipv4, tcp } from '../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;
const PSH_ACK = 0x18;

/** One TCP connection writing into `records`. */
export class Conn {
  private cseq = 1000;
  private sseq = 5000;
  constructor(
    private readonly records: PcapRecord[],
    private readonly clock: { us: number },
    private readonly client: string,
    private readonly server: string,
    private readonly cport: number,
    private readonly sport: number,
  ) {
    this.seg(true, SYN, new Uint8Array(0));
    this.seg(false, SYN_ACK, new Uint8Array(0));
    this.seg(true, ACK, new Uint8Array(0));
  }
  c(payload: Uint8Array): this {
    this.seg(true, PSH_ACK, payload);
    return this;
  }
  s(payload: Uint8Array): this {
    this.seg(false, PSH_ACK, payload);
    return this;
  }
  private seg(fromClient: boolean, flags: number, payload: Uint8Array): void {
    const src = fromClient ? this.client : this.server;
    const dst = fromClient ? this.server : this.client;
    const t = tcp(
      {
        src,
        dst,
        sport: fromClient ? this.cport : this.sport,
        dport: fromClient ? this.sport : this.cport,
        seq: fromClient ? this.cseq : this.sseq,
        ack: fromClient ? this.sseq : this.cseq,
        flags,
      },
      payload,
    );
    const adv = payload.length + (flags & SYN ? 1 : 0);
    if (fromClient) this.cseq += adv;
    else this.sseq += adv;
    const us = this.clock.us;
    this.clock.us += 1000;
    this.records.push({
      tsSec: Math.floor(us / 1e6),
      tsFrac: us % 1e6,
      data: ether(0x0800, ipv4({ src, dst, proto: 6 }, t)),
    });
  }
}

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
