/**
 * FINS byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of the shared captures in ../shared/data/pcaps/omron-fins (file and frame in each
 * comment; fields checked against tshark 4.0.17): omron_test.pcap (ITI/ICS-Security-Tools,
 * CC-BY-4.0) and omron_fins_tcp_commands_responses.pcap (piercema/icsnpp-omron-fins,
 * BSD-3-Clause). All are FINS/TCP: a datagram has no length, so only the stream form can be
 * cut at any byte; fins.test.ts covers the UDP form. In array order they form one conversation.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // omron_test.pcap frame 6
    name: 'client-node-address-send',
    dir: C,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic 'FINS'
        '0000000c' + // length 12
        '00000000' + // command 0: client node address data send
        '00000000' + // error code 0
        '00000000', // client node 0: ask the server for one
    ),
  },
  {
    // omron_test.pcap frame 7
    name: 'server-node-address-send',
    dir: S,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '00000010' + // length 16
        '00000001' + // command 1: server node address data send
        '00000000' + // error code 0
        '000000fb' + // client node 251
        '000000c8', // server node 200
    ),
  },
  {
    // omron_fins_tcp_commands_responses.pcap frame 4
    name: 'run-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '00000017' + // length 23
        '00000002' + // command 2: FINS frame send
        '00000000' + // error code 0
        '80' + // ICF: gateway, command, response required
        '00' + // RSV
        '02' + // GCT 2
        '000000' + // DNA DA1 DA2
        '000000' + // SNA SA1 SA2
        '7a' + // SID 0x7a
        '0401' + // command 04 01: RUN
        '0000' + // program number 0
        '01', // mode 1
    ),
  },
  {
    // omron_fins_tcp_commands_responses.pcap frame 5
    name: 'run-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '00000016' + // length 22
        '00000002' + // FINS frame send
        '00000000' + // error code 0
        'c1' + // ICF: gateway, response, no response required
        '00' + // RSV
        '02' + // GCT
        '000000' + // DNA DA1 DA2
        '000000' + // SNA SA1 SA2
        '7a' + // SID
        '0401' + // RUN
        '0000', // end code: normal completion
    ),
  },
  {
    // omron_test.pcap frame 8
    name: 'controller-data-read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '00000015' + // length 21
        '00000002' + // FINS frame send
        '00000000' + // error code
        '80' + // ICF: command
        '00' + // RSV
        '02' + // GCT
        '00c800' + // DNA 0, DA1 200, DA2 0
        '0000ef' + // SNA 0, SA1 0, SA2 0xef
        '05' + // SID
        '0501' + // CONTROLLER DATA READ
        '00', // all data
    ),
  },
  {
    // omron_test.pcap frame 9 (model CP1L-EL20DR-D, version 01.00)
    name: 'controller-data-read-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '00000072' + // length 114
        '00000002' + // FINS frame send
        '00000000' + // error code
        'c0' + // ICF: response
        '00' + // RSV
        '02' + // GCT
        '00fbef' + // DNA DA1 DA2
        '00c800' + // SNA SA1 SA2
        '05' + // SID
        '0501' + // CONTROLLER DATA READ
        '0000' + // end code
        '4350314c2d454c323044522d4400000020202020' + // model "CP1L-EL20DR-D" (20 bytes)
        '30312e3030000000000030312e30360000000000' + // version "01.00" (20 bytes)
        '00000000000000000000000000000000000000010000000000000000000000000000000000010003000a172a1008000000000000', // system use, area data, status (as captured)
    ),
  },
  {
    // omron_fins_tcp_commands_responses.pcap frame 18
    name: 'clock-write-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '0000001b' + // length 27
        '00000002' + // FINS frame send
        '00000000' + // error code
        '80' +
        '00' +
        '02' +
        '000000' +
        '000000' +
        '7a' + // header, SID 0x7a
        '0702' + // CLOCK WRITE
        '09012001020103', // 09-01-20 01:02:01, day 3 (BCD)
    ),
  },
  {
    // omron1.pcap frame 1 (a UDP datagram there), in FINS/TCP framing
    name: 'memory-area-read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '46494e53' + // magic
        '0000001a' + // length 26
        '00000002' + // FINS frame send
        '00000000' + // error code
        '80' +
        '00' +
        '02' +
        '000000' +
        '000000' +
        '7a' + // header
        '0101' + // MEMORY AREA READ
        '00' + // area 0x00
        'cccc' + // beginning address 0xcccc
        'cc' + // bit 0xcc
        '0001', // one item
    ),
  },
  {
    // run-response with end code 0x2102 (write not possible: read-only area)
    name: 'error-response',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '46494e53' +
        '00000016' +
        '00000002' +
        '00000000' + // FINS/TCP header
        'c0' +
        '00' +
        '02' +
        '000000' +
        '000000' +
        '7a' + // header
        '0401' + // RUN
        '2102', // end code: write not possible
    ),
  },
  {
    // FINS frame send carrying only 4 bytes of FINS header
    name: 'truncated-fins-frame',
    dir: C,
    role: 'malformed',
    bytes: hex('46494e53' + '0000000c' + '00000002' + '00000000' + '80000200'),
  },
  {
    // a FINS command code no manual defines
    name: 'unknown-command',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '46494e53' +
        '00000014' +
        '00000002' +
        '00000000' + // FINS/TCP header
        '80' +
        '00' +
        '02' +
        '000000' +
        '000000' +
        '7b' + // header
        '7f7f', // command 7F 7F
    ),
  },
];
