/**
 * DHCP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * UDP payloads of enip-cip/quickdraw/EIP-IPAddressChangeAttempt.pcap (ITI/ICS-Security-Tools,
 * CC-BY-4.0: a Koyo DL405 PLC module obtaining its address from a DHCP server), frames 2945 to
 * 2948, fields checked against tshark 4.0.17; then malformed messages built by hand. In array
 * order they form one DISCOVER, OFFER, REQUEST, ACK exchange.
 *
 * BOOTP has no length field: a datagram is one message, handed over whole as the pipeline does.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

const zeros = (n: number): string => '00'.repeat(n);

/** Fixed BOOTP part of the exchange: op, then the fields after it up to chaddr. */
function fixed(op: string, xid: string, yiaddr: string, siaddr: string, sname: string): string {
  return (
    op + // op: 01 BOOTREQUEST, 02 BOOTREPLY
    '01' + // htype 1 Ethernet
    '06' + // hlen 6
    '00' + // hops 0
    xid + // xid
    '0000' + // secs 0
    '0000' + // flags: unicast
    '00000000' + // ciaddr 0.0.0.0
    yiaddr + // yiaddr
    siaddr + // siaddr
    '00000000' + // giaddr 0.0.0.0
    '00e0626035d0' +
    zeros(10) + // chaddr 00:e0:62:60:35:d0 + padding
    sname.padEnd(128, '0') + // sname (64 bytes)
    zeros(128) + // file
    '63825363' // magic cookie
  );
}

const SNAME = '44424c6963656e7365536572766572'; // "DBLicenseServer"
const SERVER_OPTIONS =
  '0104ffffff00' + // 1 subnet mask 255.255.255.0
  '3a04ffffffff' + // 58 renewal time: infinite
  '3b04ffffffff' + // 59 rebinding time: infinite
  '3304ffffffff' + // 51 lease time: infinite
  '3604c0a80a69' + // 54 server id 192.168.10.105
  '0304c0a80a01' + // 3 routers 192.168.10.1
  '0c094b6f796f444c343035' + // 12 host name "KoyoDL405"
  'ff'; // end

export const fixtures: readonly DecoderFixture[] = [
  {
    // EIP-IPAddressChangeAttempt.pcap frame 2945
    name: 'discover',
    dir: C,
    role: 'normal',
    bytes: hex(
      fixed('01', 'abcd0013', '00000000', '00000000', '') +
        '350101' + // 53 message type 1 DISCOVER
        '39020240' + // 57 max message size 576
        '37040103' +
        '1c06' + // 55 parameter request list 1, 3, 28, 6
        'ff' + // end
        zeros(54), // padding
    ),
  },
  {
    // EIP-IPAddressChangeAttempt.pcap frame 2946
    name: 'offer',
    dir: S,
    role: 'normal',
    bytes: hex(
      fixed('02', 'abcd0013', 'c0a80a83', 'c0a80a69', SNAME) +
        '350102' + // 53 message type 2 OFFER
        SERVER_OPTIONS +
        zeros(67), // padding
    ),
  },
  {
    // EIP-IPAddressChangeAttempt.pcap frame 2947
    name: 'request',
    dir: C,
    role: 'normal',
    bytes: hex(
      fixed('01', 'abcd0014', '00000000', '00000000', '') +
        '350103' + // 53 message type 3 REQUEST
        '39020240' + // 57 max message size 576
        '3204c0a80a83' + // 50 requested address 192.168.10.131
        '3604c0a80a69' + // 54 server id 192.168.10.105
        '37040103' +
        '1c06' + // 55 parameter request list 1, 3, 28, 6
        'ff' + // end
        zeros(42), // padding
    ),
  },
  {
    // EIP-IPAddressChangeAttempt.pcap frame 2948
    name: 'ack',
    dir: S,
    role: 'normal',
    bytes: hex(
      fixed('02', 'abcd0014', 'c0a80a83', 'c0a80a69', SNAME) +
        '350105' + // 53 message type 5 ACK
        SERVER_OPTIONS +
        zeros(67), // padding
    ),
  },
  {
    // Built: a host name option longer than what is left, after an unassigned message type
    name: 'overrun-option',
    dir: C,
    role: 'malformed',
    bytes: hex(
      fixed('01', '00000001', '00000000', '00000000', '') +
        '350163' + // 53 message type 99 (unassigned)
        '0c20' +
        '6869', // 12 host name, length 32 but 2 bytes left
    ),
  },
  {
    // Built: options overloaded into the file field; the requested address there has length 3
    name: 'overload-bad-length',
    dir: C,
    role: 'malformed',
    bytes: hex(
      fixed('01', '00000002', '00000000', '00000000', '').slice(0, -(128 * 2 + 8)) +
        '3203c0a80a' + // file field: 50 requested address with length 3
        'ff' + // end
        zeros(122) + // rest of the file field
        '63825363' + // magic cookie
        '350101' + // 53 DISCOVER
        '340101' + // 52 overload 1: the file field holds options
        'ff', // end
    ),
  },
];
