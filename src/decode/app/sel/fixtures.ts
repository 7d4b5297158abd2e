/**
 * SEL Fast Message byte fixtures for the unit tests and the decoder conformance suite.
 *
 * No shared capture holds SEL Fast Message over TCP (other-ics/MirroredBits.pcap is a serial
 * capture of zero bytes, see README.md), so these are built from the layouts of [AG95-10],
 * [AG2002-14] and packet-selfm.c, with checksums and CRCs computed as those define them, and
 * checked against tshark 4.0.17 (`-d tcp.port==23,selfm`) through test/golden/sel. The master
 * (client) sends polls and commands; the relay (server) answers. In array order they form one
 * conversation.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    name: 'configuration-polls',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a5c0' + // relay definition request: the two sync bytes alone
        'a5c1' + // Fast Meter configuration request
        'a5ce' + // Fast Operate configuration request
        'a5d1', // Fast Meter data request
    ),
  },
  {
    name: 'relay-definition',
    dir: S,
    role: 'normal',
    bytes: hex(
      'a5c0' + // relay definition block
        '0d' + // length 13
        '01' + // 1 protocol
        '01' + // 1 Fast Meter message pair
        '00' + // 0 status flags
        'a5c1' + // Fast Meter configuration command
        'a5d1' + // Fast Meter data command
        '0300' + // protocol 0x0300: Fast Meter, Fast Operate and Fast SER
        '53', // checksum: sum of the 12 bytes before, mod 256
    ),
  },
  {
    name: 'remote-bit-set',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a5e0' + // Fast Operate remote bit control
        '06' + // length 6
        '22' + // operate code 0x22: RB03 set
        '89' + // operate validation
        '36', // checksum
    ),
  },
  {
    name: 'breaker-open',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a5e3' + // Fast Operate breaker bit control
        '06' + // length 6
        '31' + // operate code 0x31: breaker 1 open (OC)
        'c5' + // operate validation
        '84', // checksum
    ),
  },
  {
    name: 'fast-message-read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a546' + // Fast Message
        '14' + // length 20
        '0000000000' + // routing address (reserved)
        '00' + // status
        '10' + // function 0x10: read request
        'c0' + // sequence: FIR, FIN, count 0
        '00' + // response number
        '00001000' + // base address 0x1000
        '0008' + // 8 words
        'e75a', // CRC-16
    ),
  },
  {
    name: 'fast-message-unsolicited-write',
    dir: C,
    role: 'normal',
    bytes: hex(
      'a546' + // Fast Message
        '16' + // length 22
        '0000000000' + // routing address
        '00' + // status
        '20' + // function 0x20: unsolicited write
        'c0' + // sequence: FIR, FIN
        '01' + // response number 1
        '0010' + // address 1
        '0000' + // address 2
        '0001' + // 1 register
        '0001' + // value
        '512b', // CRC-16
    ),
  },
  {
    name: 'relay-definition-bad-checksum',
    dir: S,
    role: 'malformed',
    bytes: hex(
      'a5c0' +
        '0d' +
        '01' +
        '01' +
        '00' +
        'a5c1' +
        'a5d1' +
        '0300' + // as above
        '54', // checksum off by one
    ),
  },
];
