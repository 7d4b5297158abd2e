/**
 * MELSEC byte fixtures for the unit tests and the decoder conformance suite.
 *
 * MELSOFT frames are UDP payloads of ../shared/data/pcaps/melsec/melsoft_UDP_clean_2.pcap
 * (ITI/ICS-Security-Tools, CC-BY-4.0; GX Works and an FX5U-32MT/ES CPU; file and frame in each
 * comment, bytes checked against tshark's `udp.payload`). No shared capture holds SLMP, so the
 * 3E/4E fixtures are built from the frame examples of the SLMP reference manual (SH-080956ENG
 * 5.1 and 7: batch read of D100, remote STOP). In array order they form one conversation per
 * format; the format of a flow is fixed by its first byte, so the conformance suite feeds them
 * in one state only as far as the first format goes.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** The outer and inner MELSOFT request header of melsoft_UDP_clean_2.pcap, `len` the length. */
const melsoftRequest = (len: string): string =>
  '57' + // subheader: request
  '01' + // link byte (0x01 over UDP)
  '0000001111070000ffff030000fe030000' + // routing bytes 2-18
  len + // length of the rest, little-endian
  '1c' + // inner header flags (bit 7 clear: request)
  '0a' + // channel
  '16' + // 22 bytes from here to the command
  '14' +
  '00'.repeat(20);

export const fixtures: readonly DecoderFixture[] = [
  {
    // melsoft_UDP_clean_2.pcap frame 5
    name: 'melsoft-read-cpu-model-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      melsoftRequest('2000') + // length 32
        '0121' + // command 0x0121: read CPU model
        '01000000' + // request counter 1
        '0001',
    ),
  },
  {
    // melsoft_UDP_clean_2.pcap frame 6
    name: 'melsoft-read-cpu-model-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      'd7' + // subheader: response
        '01' + // link byte
        '00000011117f000000a80300ffff030000' + // routing bytes 2-18
        '3800' + // length 56
        '9c' + // inner header flags (bit 7 set: response)
        '0a' + // channel
        '18' + // 24 bytes from here to the command
        '14' +
        '00'.repeat(20) +
        '0000' + // end code 0
        '0121' + // command 0x0121
        '01000000' + // request counter 1
        '465835552d33324d542f4553' + // 'FX5U-32MT/ES'
        '00000000294a000800000000',
    ),
  },
  {
    // melsoft_UDP_clean_2.pcap frame 29
    name: 'melsoft-file-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      melsoftRequest('4800') + // length 72
        '185f' + // command 0x185f (file family)
        '09000000' + // request counter 9
        '000000000400' +
        '2200' + // path length 34 bytes
        '24004d0045004c00500052004a0024005c004300500055002e00500052004d000000', // '$MELPRJ$\CPU.PRM'
    ),
  },
];

/** SLMP 3E/4E binary frames (SLMP reference manual SH-080956ENG 5.1, 7). */
export const slmpFixtures: readonly DecoderFixture[] = [
  {
    name: 'slmp-3e-batch-read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '5000' + // subheader 3E request
        '00' + // network 0
        'ff' + // PC 0xFF
        'ff03' + // request destination module I/O 0x03FF (own station)
        '00' + // station 0
        '0c00' + // request data length 12
        '1000' + // monitoring timer 16 x 250 ms
        '0104' + // command 0x0401: device read
        '0000' + // subcommand 0: words
        '640000' + // head device 100
        'a8' + // device code 0xA8: D
        '0300', // 3 points
    ),
  },
  {
    name: 'slmp-3e-batch-read-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      'd000' + // subheader 3E response
        '00ff' + // network, PC
        'ff0300' + // module I/O, station
        '0800' + // response data length 8
        '0000' + // end code 0
        '0100' + // D100 = 1
        '0200' + // D101 = 2
        '0300', // D102 = 3
    ),
  },
  {
    name: 'slmp-4e-remote-stop-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '5400' + // subheader 4E request
        '3412' + // serial number 0x1234
        '0000' + // fixed
        '00ff' + // network, PC
        'ff0300' + // module I/O, station
        '0800' + // request data length 8
        '1000' + // monitoring timer
        '0210' + // command 0x1002: remote STOP
        '0000' + // subcommand
        '0100', // mode 1
    ),
  },
];
