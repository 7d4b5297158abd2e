/**
 * Writes the crafted half of the SNMP golden inputs: `crafted-malformed.pcap` (broken or odd
 * messages from the decoder's fixtures, src/decode/app/snmp/fixtures.ts) and
 * `negative/input.pcap` (other protocols on UDP 161 and 162). Ethernet/IPv4/UDP, checksums valid.
 * malformed/input.pcap is real Net-SNMP traffic followed by the crafted datagrams (see its
 * README for the mergecap command).
 *
 * usage: npx tsx test/golden/snmp/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/snmp/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { ether, ipv4, udp } from '../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** Appends one datagram per payload, 10 ms apart. */
function datagrams(
  records: PcapRecord[],
  clock: { us: number },
  src: string,
  dst: string,
  sport: number,
  dport: number,
  payloads: readonly Uint8Array[],
): void {
  for (const p of payloads) {
    records.push({
      tsSec: Math.floor(clock.us / 1e6),
      tsFrac: clock.us % 1e6,
      data: ether(0x0800, ipv4({ src, dst, proto: 17 }, udp({ src, dst, sport, dport }, p))),
    });
    clock.us += 10_000;
  }
}

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_764_136_000_000_000 };
  // A well-formed request confirms the flow; then the broken and odd messages.
  datagrams(records, clock, '10.40.0.5', '10.40.0.10', 40001, 161, [
    fx('v2c-get-exceptions'),
    fx('trailing-bytes'),
    fx('truncated-varbind'),
    fx('unknown-version'),
    fx('unknown-pdu-type'),
    fx('indefinite-length'),
    fx('v3-invalid-header'),
  ]);
  datagrams(records, clock, '10.40.0.10', '10.40.0.5', 161, 40001, [fx('too-many-varbinds')]);
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_764_136_100_000_000 };
  // A DNS query for example.com sent to the agent port.
  const dns = hex(
    '1234' + // id
      '0100' + // flags: RD
      '0001' + // QDCOUNT 1
      '000000000000' + // ANCOUNT, NSCOUNT, ARCOUNT 0
      '076578616d706c6503636f6d00' + // example.com
      '00010001', // type A, class IN
  );
  datagrams(records, clock, '10.40.0.66', '10.40.0.10', 40100, 161, [dns]);
  // A CLDAP search request (RFC 1798): BER, a SEQUENCE starting with an INTEGER, but no SNMP.
  const cldap = hex(
    '300c' + // LDAPMessage SEQUENCE, 12 octets
      '020101' + // messageID 1
      '6307' + // searchRequest [APPLICATION 3], 7 octets
      '0400' + // baseObject ''
      '0a0100' + // scope baseObject
      '0000', // padding
  );
  datagrams(records, clock, '10.40.0.66', '10.40.0.10', 40101, 161, [cldap]);
  // Text and zeros to the trap port.
  datagrams(records, clock, '10.40.0.66', '10.40.0.20', 40102, 162, [
    enc.encode('hello trap receiver\n'),
  ]);
  datagrams(records, clock, '10.40.0.66', '10.40.0.20', 40103, 162, [new Uint8Array(32)]);
  // An SNMP-looking SEQUENCE with version 5.
  const v5 = hex(
    '3018' + // SEQUENCE, 24 octets
      '020105' + // version 5
      '04067075626c6963' + // OCTET STRING
      'a00b' + // [0], 11 octets
      '020101' + // INTEGER
      '020100' + // INTEGER
      '020100' + // INTEGER
      '3000', // SEQUENCE, empty
  );
  datagrams(records, clock, '10.40.0.66', '10.40.0.10', 40104, 161, [v5]);
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'crafted-malformed.pcap'), malformed());
writeFileSync(path.join(here, 'negative/input.pcap'), negative());
