/**
 * Writes input.pcap of the `malformed` and `negative` LDAP scenarios, and `cldap.pcap`, the CLDAP
 * datagrams merged into the `normal` scenario with a capture of OpenLDAP slapd (see its README). Each TCP connection is a handshake then one
 * segment per PDU, each UDP exchange one datagram per message set; Ethernet/IPv4, correct
 * checksums.
 *
 * usage: npx tsx test/golden/ldap/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/ldap/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { ether, ipv4, udp } from '../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** One UDP datagram into `records`. */
function datagram(
  records: PcapRecord[],
  clock: { us: number },
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payload: Uint8Array,
): void {
  const us = clock.us;
  clock.us += 1000;
  records.push({
    tsSec: Math.floor(us / 1e6),
    tsFrac: us % 1e6,
    data: ether(0x0800, ipv4({ src, dst, proto: 17 }, udp({ src, dst, sport, dport }, payload))),
  });
}

function cldap(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_790_000_000_000_000 };
  // A workstation pings two domain controllers; one answers.
  datagram(records, clock, '10.30.0.21', '10.30.0.10', 61001, 389, fx('cldap-ping-request'));
  datagram(records, clock, '10.30.0.10', '10.30.0.21', 389, 61001, fx('cldap-ping-response'));
  datagram(records, clock, '10.30.0.21', '10.30.0.11', 61002, 389, fx('cldap-ping-request'));
  return buildPcap({}, records);
}

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_790_000_100_000_000 };
  new Conn(records, clock, '10.30.0.66', '10.30.0.10', 50001, 389)
    .c(fx('simple-bind-request'))
    .s(fx('bind-response-success'))
    .c(fx('unknown-operation'))
    .c(fx('request-with-message-id-zero'))
    .c(fx('bind-name-past-its-container'))
    .c(fx('filter-too-deep'))
    .c(fx('unknown-sasl-token'))
    .c(fx('del-request'))
    // A byte that starts neither a message nor a SASL buffer: the direction is not decoded after.
    .c(hex('ff0102'))
    .c(fx('del-request'))
    .s(fx('del-response'));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_790_000_200_000_000 };
  const enc = new TextEncoder();
  // HTTP on TCP 389, text on UDP 389, a TLS ClientHello on TCP 3268: none of them is LDAP.
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50100, 389)
    .c(enc.encode('GET / HTTP/1.1\r\nHost: dc\r\n\r\n'))
    .s(enc.encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  datagram(records, clock, '10.30.0.5', '10.30.0.10', 50101, 389, enc.encode('hello ldap?\n'));
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50102, 3268).c(
    hex('16030100c8010000c40303' + '00'.repeat(32) + '000002002f0100'),
  );
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'cldap.pcap'), cldap());
writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
