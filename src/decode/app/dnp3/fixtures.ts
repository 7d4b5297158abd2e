/**
 * DNP3 byte fixtures: real link frames from the shared captures (named per fixture) and a few
 * malformed variants written from IEEE 1815-2012. Each fixture is what one direction of a TCP
 * stream carries: whole link frames, one field per line, data block CRCs where the frame puts
 * them (after every 16 user data octets). TO_SERVER is master to outstation (port 20000).
 *
 * The synthetic frames (marked "written from") were built with the CRC of 9.2.4.2, checked
 * against the real frames above them.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // dnp3/read_and_response.pcap frame 4
    name: 'read-class-data-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '14' + // LENGTH = 20
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '8fed' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '01' + // function 1 (read)
        '3c0206' + // object header g60v2 (class 1 data), qualifier 0x06 (all, no range)
        '3c0306' + // object header g60v3 (class 2 data), qualifier 0x06
        '3c0406' + // object header g60v4 (class 3 data), qualifier 0x06
        '3c0106' + // object header g60v1 (class 0 data), qualifier 0x06
        '8a51', // CRC of data block 0
    ),
  },
  {
    // dnp3/read_and_response.pcap frames 6 and 8: one fragment in two link frames
    name: 'read-response-two-segments',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        'ff' + // LENGTH = 255
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0100' + // destination = 1
        '0a00' + // source = 10
        '5aeb' + // header CRC
        '53' + // transport header: FIR, sequence 19
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN1 = 0, IIN2 = 0
        '0102000009' + // object header g1v2 (binary input with flags), qualifier 0x00 (8-bit start-stop), start 0, stop 9
        '020202020202' + // g1v2 points 0-9: flags 0x02 (restart), state off
        '2d3a' + // CRC of data block 0
        '02020202' + // g1v2 points 0-9: flags 0x02 (restart), state off (continued)
        '0302000009' + // object header g3v2 (double-bit input with flags), qualifier 0x00, start 0, stop 9
        '02020202020202' + // g3v2 points 0-9: flags 0x02 (restart), state 0
        '70da' + // CRC of data block 1
        '020202' + // g3v2 points 0-9: flags 0x02 (restart), state 0 (continued)
        '1401000009' + // object header g20v1 (32-bit counter with flag), qualifier 0x00, start 0, stop 9
        '0200000000020000' + // g20v1 points 0-9: flags 0x02, count 0
        'e30b' + // CRC of data block 2
        '00000200000000020000000002000000' + // g20v1 points 0-9: flags 0x02, count 0 (continued)
        '4dba' + // CRC of data block 3
        '00020000000002000000000200000000' + // g20v1 points 0-9: flags 0x02, count 0 (continued)
        '7eae' + // CRC of data block 4
        '02000000000200000000' + // g20v1 points 0-9: flags 0x02, count 0 (continued)
        '1501000009' + // object header g21v1 (32-bit frozen counter with flag), qualifier 0x00, start 0, stop 9
        '02' + // g21v1 points 0-9: flags 0x02, count 0
        'd342' + // CRC of data block 5
        '00000000020000000002000000000200' + // g21v1 points 0-9: flags 0x02, count 0 (continued)
        '69ce' + // CRC of data block 6
        '00000002000000000200000000020000' + // g21v1 points 0-9: flags 0x02, count 0 (continued)
        'dd5e' + // CRC of data block 7
        '00000200000000020000000002000000' + // g21v1 points 0-9: flags 0x02, count 0 (continued)
        '4dba' + // CRC of data block 8
        '00' + // g21v1 points 0-9: flags 0x02, count 0 (continued)
        '1e01000009' + // object header g30v1 (32-bit analog input with flag), qualifier 0x00, start 0, stop 9
        '02000000000200000000' + // g30v1 points 0-9: flags 0x02, value 0
        'cd63' + // CRC of data block 9
        '02000000000200000000020000000002' + // g30v1 points 0-9: flags 0x02, value 0 (continued)
        'f003' + // CRC of data block 10
        '00000000020000000002000000000200' + // g30v1 points 0-9: flags 0x02, value 0 (continued)
        '69ce' + // CRC of data block 11
        '0000000200000000' + // g30v1 points 0-9: flags 0x02, value 0 (continued)
        '0a02000009' + // object header g10v2 (binary output with flags), qualifier 0x00, start 0, stop 9
        '020202' + // g10v2 points 0-9: flags 0x02, state off
        '1710' + // CRC of data block 12
        '02020202020202' + // g10v2 points 0-9: flags 0x02, state off (continued)
        '2801000009' + // object header g40v1 (32-bit analog output status), qualifier 0x00, start 0, stop 9
        '02000000' + // g40v1 points 0-5: flags 0x02, value 0
        '58e4' + // CRC of data block 13
        '00020000000002000000000200000000' + // g40v1 points 0-5: flags 0x02, value 0 (continued)
        '7eae' + // CRC of data block 14
        '02000000000200000000' + // g40v1 points 0-5: flags 0x02, value 0 (continued)
        '4e72' + // CRC of data block 15
        '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0100' + // destination = 1
        '0a00' + // source = 10
        'af5d' + // header CRC
        '94' + // transport header: FIN, sequence 20
        '020000000002000000000200000000' + // g40v1 points 6-9 (the fragment continues in a second segment)
        '6642' + // CRC of data block 0
        '0200000000' + // g40v1 points 6-9 (the fragment continues in a second segment) (continued)
        'f3b9', // CRC of data block 1
    ),
  },
  {
    // dnp3/directoperate_and_response.pcap frame 4
    name: 'direct-operate-crob-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '8a1c' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '05' + // function 5 (direct operate)
        '0c0128' + // object header g12v1 (CROB), qualifier 0x28 (2-octet index prefix, 16-bit count)
        '0100' + // count = 1
        '0000' + // index = 0
        '03' + // control code 0x03: latch on, trip-close nul
        '01' + // count = 1
        '64000000' + // on-time = 100 ms
        'dded' + // CRC of data block 0
        '64000000' + // off-time = 100 ms
        '00' + // status = 0 (success)
        '005b', // CRC of data block 1
    ),
  },
  {
    // dnp3/directoperate_and_response.pcap frame 6
    name: 'direct-operate-crob-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '1c' + // LENGTH = 28
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0100' + // destination = 1
        '0a00' + // source = 10
        '7636' + // header CRC
        'c9' + // transport header: FIN, FIR, sequence 9
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0c0128' + // object header g12v1 (CROB), qualifier 0x28
        '0100' + // count = 1
        '0000' + // index = 0
        '03' + // control code 0x03: latch on
        '01' + // count = 1
        '6400' + // on-time = 100 ms
        '8ccd' + // CRC of data block 0
        '0000' + // on-time = 100 ms (continued)
        '64000000' + // off-time = 100 ms
        '00' + // status = 0 (success)
        '005b', // CRC of data block 1
    ),
  },
  {
    // dnp3/cold_restart_and_response.pcap frame 4
    name: 'cold-restart-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        'fc42' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '0d' + // function 13 (cold restart)
        '9c86', // CRC of data block 0
    ),
  },
  {
    // dnp3/cold_restart_and_response.pcap frame 6
    name: 'cold-restart-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0100' + // destination = 1
        '0a00' + // source = 10
        '6e25' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '00' + // IIN1 = 0
        '01' + // IIN2 = 0x01: no function code support
        'c2de', // CRC of data block 0
    ),
  },
  {
    // dnp3/file_read.pcap frame 1
    name: 'open-file-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '36' + // LENGTH = 54
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        'f2c0' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c1' + // application control: FIR, FIN, sequence 1
        '19' + // function 25 (open file)
        '46035b' + // object header g70v3 (file command), qualifier 0x5b (2-octet size prefix, free format)
        '01' + // count = 1
        '2800' + // object size = 40
        '1a00' + // file name offset = 26
        '0e00' + // file name size = 14
        '000000' + // time of creation = 0
        'b91c' + // CRC of data block 0
        '000000' + // time of creation = 0 (continued)
        '0000' + // permissions = 0
        '00000000' + // authentication key = 0
        '00000000' + // file size = 0
        '0100' + // operational mode = 1 (read)
        '00' + // maximum block size = 1024
        '47e6' + // CRC of data block 1
        '04' + // maximum block size = 1024 (continued)
        '0400' + // request id = 4
        '2e2f7465737466696c652e7478' + // file name "./testfile.txt"
        'ea02' + // CRC of data block 2
        '74' + // file name "./testfile.txt" (continued)
        '1dee', // CRC of data block 3
    ),
  },
  {
    // dnp3/file_read.pcap frame 2
    name: 'file-command-status-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '1d' + // LENGTH = 29
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0300' + // destination = 3
        '0400' + // source = 4
        '8308' + // header CRC
        'e7' + // transport header: FIN, FIR, sequence 39
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '46045b' + // object header g70v4 (file command status), qualifier 0x5b
        '01' + // count = 1
        '0d00' + // object size = 13
        '78563412' + // file handle = 0x12345678
        '13' + // file size = 19
        'cc36' + // CRC of data block 0
        '000000' + // file size = 19 (continued)
        '0004' + // maximum block size = 1024
        '0400' + // request id = 4
        '00' + // status = 0 (success)
        '3445', // CRC of data block 1
    ),
  },
  {
    // dnp3/dnp3_test_data_part1.pcap frame 40
    name: 'unsolicited-response-with-cto',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '4c' + // LENGTH = 76
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0300' + // destination = 3
        '0400' + // source = 4
        'd86b' + // header CRC
        'cc' + // transport header: FIN, FIR, sequence 12
        'f3' + // application control: FIR, FIN, CON, UNS, sequence 3
        '82' + // function 130 (unsolicited response)
        '0000' + // IIN = 0
        '330107' + // object header g51v1 (CTO, synchronized), qualifier 0x07 (8-bit count)
        '01' + // count = 1
        'e2437d87ff00' + // CTO = 1097489794018 ms (2004-10-11T10:16:34.018Z)
        '02' + // object header g2v3 (binary input event, relative time), qualifier 0x28
        'f8c3' + // CRC of data block 0
        '0328' + // object header g2v3 (binary input event, relative time), qualifier 0x28 (continued)
        '0500' + // count = 5
        '0000' + // index 0
        '01' + // flags 0x01: online, state off
        '0000' + // relative time 0 ms
        '0100' + // index 1
        '81' + // flags 0x81: online, state on
        '0000' + // relative time 0 ms
        '0200' + // index 2
        '5989' + // CRC of data block 1
        '81' + // flags 0x81
        '0000' + // relative time 0 ms
        '0000' + // index 0
        '81' + // flags 0x81
        'f303' + // relative time 1011 ms
        '0100' + // index 1
        '01' + // flags 0x01
        'f303' + // relative time 1011 ms
        '200128' + // object header g32v1 (32-bit analog input event), qualifier 0x28
        '3b46' + // CRC of data block 2
        '0300' + // count = 3
        '0000' + // index 0
        '01' + // flags 0x01
        '00000000' + // value 0
        '0100' + // index 1
        '01' + // flags 0x01
        '00000000' + // value 0
        'e8b9' + // CRC of data block 3
        '0200' + // index 2
        '01' + // flags 0x01
        '00000000' + // value 0
        '3d62', // CRC of data block 4
    ),
  },
  {
    // dnp3/dnp3_test_data_part1.pcap frame 41
    name: 'confirm-unsolicited',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        'b4b8' + // header CRC
        'c3' + // transport header: FIN, FIR, sequence 3
        'd3' + // application control: FIR, FIN, UNS, sequence 3
        '00' + // function 0 (confirm)
        '78d3', // CRC of data block 0
    ),
  },
  {
    // dnp3/write_iin_and_response.pcap frame 4
    name: 'write-iin-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '0e' + // LENGTH = 14
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '2529' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '02' + // function 2 (write)
        '500100' + // object header g80v1 (internal indications), qualifier 0x00 (8-bit start-stop)
        '0707' + // start 7, stop 7 (IIN1.7 device restart)
        '00' + // packed bits: IIN1.7 = 0 (clear the restart bit)
        '2c49', // CRC of data block 0
    ),
  },
  {
    // dnp3/bro_dnp3_link_only.pcap frame 1 (sent by the outstation)
    name: 'request-link-status',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '05' + // LENGTH = 5
        '49' + // control = 0x49: PRM, function 9 (request link status)
        '6400' + // destination = 100
        '0100' + // source = 1
        '7e5f', // header CRC
    ),
  },
  {
    // dnp3/bro_dnp3_link_only.pcap frame 2
    name: 'link-status',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '05' + // LENGTH = 5
        '8b' + // control = 0x8b: DIR, function 11 (link status)
        '0100' + // destination = 1
        '6400' + // source = 100
        'a097', // header CRC
    ),
  },
  {
    // dnp3/dnp3_test_data_part1.pcap frame 71
    name: 'cold-restart-response-with-delay',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '10' + // LENGTH = 16
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0300' + // destination = 3
        '0400' + // source = 4
        'd66a' + // header CRC
        'd6' + // transport header: FIN, FIR, sequence 22
        'c3' + // application control: FIR, FIN, sequence 3
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '340207' + // object header g52v2 (time delay fine), qualifier 0x07 (8-bit count)
        '01' + // count = 1
        '8813' + // time delay = 5000 ms
        '73fb', // CRC of data block 0
    ),
  },
  {
    // dnp3/lan_time_sync.pcap frame 1
    name: 'record-current-time-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        'b4b8' + // header CRC
        'c8' + // transport header: FIN, FIR, sequence 8
        'c9' + // application control: FIR, FIN, sequence 9
        '18' + // function 24 (record current time)
        'cbd2', // CRC of data block 0
    ),
  },
  {
    // dnp3/lan_time_sync.pcap frame 3
    name: 'write-last-recorded-time',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '12' + // LENGTH = 18
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        '1e7c' + // header CRC
        'c9' + // transport header: FIN, FIR, sequence 9
        'ca' + // application control: FIR, FIN, sequence 10
        '02' + // function 2 (write)
        '320307' + // object header g50v3 (time and date at last recorded time), qualifier 0x07
        '01' + // count = 1
        '9f0d83524c01' + // time = 1427313462687 ms (2015-03-25T19:57:42.687Z)
        'eb2c', // CRC of data block 0
    ),
  },
  {
    // dnp3/direct_operate_crob_malform_but_good_crc.pcap frame 1: two CROBs announced, one sent
    name: 'direct-operate-crob-truncated',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        'c2e6' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'ca' + // application control: FIR, FIN, sequence 10
        '05' + // function 5 (direct operate)
        '0c0128' + // object header g12v1 (CROB), qualifier 0x28
        '0200' + // count = 2
        '0100' + // index = 1
        '02' + // control code 0x02: pulse off
        '01' + // count = 1
        '64000000' + // on-time = 100 ms
        '57ab' + // CRC of data block 0
        '64000000' + // off-time = 100 ms
        '00' + // status = 0; the second CROB is missing
        '005b', // CRC of data block 1
    ),
  },
  {
    // dnp3/bro_dnp3.pcap frame 154: broadcast disable unsolicited with a corrupt last qualifier
    name: 'reserved-qualifier',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '11' + // LENGTH = 17
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        'ffff' + // destination = 65535
        '0300' + // source = 3
        'd0d0' + // header CRC
        'c1' + // transport header: FIN, FIR, sequence 1
        'c1' + // application control: FIR, FIN, sequence 1
        '15' + // function 21 (disable unsolicited)
        '3c0206' + // g60v2 (class 1), qualifier 0x06
        '3c0306' + // g60v3 (class 2), qualifier 0x06
        '3c04ed' + // g60v4 (class 3), qualifier 0xed: reserved bit, size prefix, reserved range code 13
        '55d6', // CRC of data block 0
    ),
  },
  {
    // dnp3/cold_restart_and_response.pcap frame 4 with its data CRC altered
    name: 'data-crc-error',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        'fc42' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '0d' + // function 13 (cold restart)
        '9c87', // CRC of data block 0 (corrupted)
    ),
  },
  {
    // a frame with a corrupted header CRC, then dnp3/cold_restart_and_response.pcap frame 4 (the decoder resynchronises on it)
    name: 'header-crc-error-then-frame',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '0000' + // header CRC (corrupted)
        'c1' + // transport header: FIN, FIR, sequence 1
        'c1' + // application control: FIR, FIN, sequence 1
        '0d' + // function 13 (cold restart)
        '6a34' + // CRC of data block 0
        '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        'fc42' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '0d' + // function 13 (cold restart)
        '9c86', // CRC of data block 0
    ),
  },
  {
    // written from IEEE 1815-2012 8.2: a first segment (sequence 5), then a final segment with sequence 7 instead of 6
    name: 'transport-out-of-sequence',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '0b' + // LENGTH = 11
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        'acd1' + // header CRC
        '45' + // transport header: FIR, sequence 5
        'c2' + // application control: FIR, FIN, sequence 2
        '01' + // function 1 (read)
        '3c0206' + // g60v2, qualifier 0x06
        '524f' + // CRC of data block 0
        '0564' + // start octets
        '09' + // LENGTH = 9
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '1bf7' + // header CRC
        '87' + // transport header: FIN, sequence 7
        '3c0306' + // g60v3, qualifier 0x06
        '74bd', // CRC of data block 0
    ),
  },
  {
    // written from IEEE 1815-2012 4.2.2.5: function 0x70 is not defined; DIR clear on a request
    name: 'unknown-function-and-direction',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '0d' + // LENGTH = 13
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        '01db' + // header CRC
        'c2' + // transport header: FIN, FIR, sequence 2
        'c3' + // application control: FIR, FIN, sequence 3
        '70' + // function 112 (not defined)
        '0102000009' + // g1v2, qualifier 0x00, start 0, stop 9
        '3a8d', // CRC of data block 0
    ),
  },
  {
    // dnp3/opendnp3-conformance/8.5.6.2_dump.pcap frame 20
    name: 'counter-events-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '24' + // LENGTH = 36
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0100' + // destination = 1
        '0004' + // source = 1024
        'e088' + // header CRC
        'c3' + // transport header: FIN, FIR, sequence 3
        'e3' + // application control: FIR, FIN, CON, sequence 3
        '81' + // function 129 (response)
        '9800' + // IIN1 = 0x98 (device restart, need time, class 3 events), IIN2 = 0
        '160128' + // object header g22v1 (32-bit counter event with flag), qualifier 0x28 (2-octet index, 16-bit count)
        '0300' + // count = 3
        '2900' + // index 41
        '01' + // flags 0x01: online
        '020000' + // value 2 (first three octets)
        '80a3' + // CRC of data block 0
        '00' + // value 2 (last octet)
        '2900' + // index 41
        '01' + // flags 0x01
        '03000000' + // value 3
        '2900' + // index 41
        '01' + // flags 0x01
        '04000000' + // value 4
        'c9d6', // CRC of data block 1
    ),
  },
  {
    // dnp3/direct_operate_analog_output.pcap frame 1
    name: 'direct-operate-analog-output',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '12' + // LENGTH = 18
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        '1e7c' + // header CRC
        'ee' + // transport header: FIN, FIR, sequence 46
        'c2' + // application control: FIR, FIN, sequence 2
        '05' + // function 5 (direct operate)
        '290228' + // object header g41v2 (16-bit analog output block), qualifier 0x28 (2-octet index, 16-bit count)
        '0100' + // count = 1
        '0100' + // index 1
        '0000' + // value 0
        '00' + // control status 0 (success)
        '7dd0', // CRC of data block 0
    ),
  },
  {
    // dnp3/bro_dnp3.pcap frame 7
    name: 'write-time-and-date',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '12' + // LENGTH = 18
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        '1e7c' + // header CRC
        'c1' + // transport header: FIN, FIR, sequence 1
        'c1' + // application control: FIR, FIN, sequence 1
        '02' + // function 2 (write)
        '320107' + // object header g50v1 (time and date), qualifier 0x07 (8-bit count)
        '01' + // count = 1
        'ebe45a87ff00' + // time = 1097487541483 ms (2004-10-11T09:39:01.483Z)
        '2801', // CRC of data block 0
    ),
  },
  {
    // dnp3/write_binary_output.pcap frame 1
    name: 'write-binary-output-packed',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '0e' + // LENGTH = 14
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0300' + // destination = 3
        '0400' + // source = 4
        '6682' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '02' + // function 2 (write)
        '0a0100' + // object header g10v1 (binary output, packed), qualifier 0x00 (8-bit start-stop)
        '02' + // start = 2
        '02' + // stop = 2
        '00' + // packed states: point 2 off (bit 0)
        '27c0', // CRC of data block 0
    ),
  },
  {
    // datasets/qut-dnp3/qut-dnp3_flooding_training-infrequent_slice.pcap frame 3162
    name: 'unsolicited-binary-input-event',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '10' + // LENGTH = 16
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '13fc' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'fc' + // application control: FIR, FIN, CON, UNS, sequence 12
        '82' + // function 130 (unsolicited response)
        '0000' + // IIN = 0
        '020117' + // object header g2v1 (binary input event), qualifier 0x17 (1-octet index, 8-bit count)
        '01' + // count = 1
        '01' + // index 1
        '81' + // flags 0x81: online, state on
        '8ea6', // CRC of data block 0
    ),
  },
  {
    // dnp3/warm_restart_and_response.pcap frame 4
    name: 'warm-restart-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '08' + // LENGTH = 8
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0a00' + // destination = 10
        '0100' + // source = 1
        'fc42' + // header CRC
        'c0' + // transport header: FIN, FIR, sequence 0
        'c0' + // application control: FIR, FIN, sequence 0
        '0e' + // function 14 (warm restart)
        '7edc', // CRC of data block 0
    ),
  },
  {
    // dnp3/bro_dnp3_file_read.pcap frame 7
    name: 'read-file-transport',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '16' + // LENGTH = 22
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        '7031' + // header CRC
        'f8' + // transport header: FIN, FIR, sequence 56
        'cf' + // application control: FIR, FIN, sequence 15
        '01' + // function 1 (read)
        '46055b' + // object header g70v5 (file transport), qualifier 0x5b (2-octet size prefix, free-format 8-bit count)
        '01' + // count = 1
        '0800' + // object size = 8
        '78563412' + // file handle 0x12345678
        '000000' + // block number 0 (first three octets)
        '9538' + // CRC of data block 0
        '00' + // block number 0 (last octet: bit 7 clear, not the last block)
        'ffff', // CRC of data block 1
    ),
  },
  {
    // dnp3/bro_dnp3_file_write.pcap frame 15
    name: 'file-transport-status-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '19' + // LENGTH = 25
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0300' + // destination = 3
        '0400' + // source = 4
        'ed45' + // header CRC
        'fe' + // transport header: FIN, FIR, sequence 62
        'c7' + // application control: FIR, FIN, sequence 7
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '46065b' + // object header g70v6 (file transport status), qualifier 0x5b
        '01' + // count = 1
        '0900' + // object size = 9
        '78563412' + // file handle 0x12345678
        '00' + // block number 0x80000000 (first octet)
        '6317' + // CRC of data block 0
        '000080' + // block number (last three octets: bit 31 set, the last block, number 0)
        '00' + // status 0 (success)
        'd0e4', // CRC of data block 1
    ),
  },
  {
    // dnp3/file_delete.pcap frame 1
    name: 'delete-file-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0564' + // start octets
        '38' + // LENGTH = 56
        'c4' + // control = 0xc4: DIR, PRM, function 4 (unconfirmed user data)
        '0400' + // destination = 4
        '0300' + // source = 3
        'f731' + // header CRC
        'f0' + // transport header: FIN, FIR, sequence 48
        'c1' + // application control: FIR, FIN, sequence 1
        '1b' + // function 27 (delete file)
        '46035b' + // object header g70v3 (file command), qualifier 0x5b (2-octet size prefix, free-format 8-bit count)
        '01' + // count = 1
        '2a00' + // object size = 42
        '1a00' + // file name offset = 26
        '1000' + // file name size = 16
        '000000' + // time of creation = 0
        '3004' + // CRC of data block 0
        '000000' + // time of creation = 0 (continued)
        '0000' + // permissions = 0
        '00000000' + // authentication key = 0
        '00000000' + // file size = 0
        '0000' + // operational mode = 0 (null: delete)
        '00' + // maximum block size = 0
        'ffff' + // CRC of data block 1
        '00' + // maximum block size = 0 (continued)
        '1200' + // request id = 18
        '2e2f68656c6c6f776f726c642e' + // file name "./helloworld.txt"
        'a42d' + // CRC of data block 2
        '747874' + // file name "./helloworld.txt" (continued)
        '5eda', // CRC of data block 3
    ),
  },
  {
    // datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap frames 14958, 14979 and
    // 14996 (outstation 1 to master 0), with garbage before the second: a non-start octet, a
    // lone first start octet, a repeated one, and a 05 64 header whose CRC does not check
    name: 'resync-after-garbage',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '7840' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0102000002' + // object header g1v2 (binary input with flags), qualifier 0x00, start 0, stop 2
        '010181' + // g1v2 points 0-2: flags 0x01, 0x01, 0x81 (online; point 2 on)
        '140200' + // object header g20v2 (16-bit counter with flag), qualifier 0x00
        '7de9' + // CRC of data block 0
        '0101' + // start 1, stop 1
        '00' + // g20v2 point 1: flags 0x00
        '0000' + // value 0
        '111e' + // CRC of data block 1
        'ff' + // garbage: not a start octet
        '05' + // garbage: a first start octet not followed by the second
        '0505' + // garbage: first start octet twice (the second is not 0x64)
        '0564' + // garbage: start octets of a header that does not check
        '0a44' + // LENGTH = 10, control 0x44
        '00000100' + // destination 0, source 1
        '0000' + // header CRC (wrong: b938)
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e1' + // transport header: FIN, FIR, sequence 33
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '2f11' + // CRC of data block 0
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'c2' + // application control: FIR, FIN, sequence 2
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '647e', // CRC of data block 0
    ),
  },
  {
    // the same three frames with one octet spliced in between the first two (a rewriting
    // proxy's copy one octet longer than the original, as in the MITM capture)
    name: 'spliced-octet-between-frames',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '7840' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0102000002' + // object header g1v2 (binary input with flags), qualifier 0x00, start 0, stop 2
        '010181' + // g1v2 points 0-2: flags 0x01, 0x01, 0x81 (online; point 2 on)
        '140200' + // object header g20v2 (16-bit counter with flag), qualifier 0x00
        '7de9' + // CRC of data block 0
        '0101' + // start 1, stop 1
        '00' + // g20v2 point 1: flags 0x00
        '0000' + // value 0
        '111e' + // CRC of data block 1
        '1e' + // spliced octet
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e1' + // transport header: FIN, FIR, sequence 33
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '2f11' + // CRC of data block 0
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'c2' + // application control: FIR, FIN, sequence 2
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '647e', // CRC of data block 0
    ),
  },
  {
    // the same three frames with one octet spliced into the first frame's second data block
    name: 'spliced-octet-inside-frame',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '7840' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0102000002' + // object header g1v2 (binary input with flags), qualifier 0x00, start 0, stop 2
        '010181' + // g1v2 points 0-2: flags 0x01, 0x01, 0x81 (online; point 2 on)
        '140200' + // object header g20v2 (16-bit counter with flag), qualifier 0x00
        '7de9' + // CRC of data block 0
        '0101' + // start 1, stop 1
        '00' + // g20v2 point 1: flags 0x00
        '00' + // spliced octet
        '0000' + // value 0
        '111e' + // CRC of data block 1 (no longer matches)
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e1' + // transport header: FIN, FIR, sequence 33
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '2f11' + // CRC of data block 0
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'c2' + // application control: FIR, FIN, sequence 2
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '647e', // CRC of data block 0
    ),
  },
  {
    // the same three frames with one octet lost from the first frame's second data block: its
    // LENGTH now reaches one octet into the next frame
    name: 'octet-lost-inside-frame',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '7840' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0102000002' + // object header g1v2 (binary input with flags), qualifier 0x00, start 0, stop 2
        '010181' + // g1v2 points 0-2: flags 0x01, 0x01, 0x81 (online; point 2 on)
        '140200' + // object header g20v2 (16-bit counter with flag), qualifier 0x00
        '7de9' + // CRC of data block 0
        '0101' + // start 1, stop 1
        '00' + // g20v2 point 1: flags 0x00
        '00' + // value 0 (one of its two octets lost)
        '111e' + // CRC of data block 1 (read one octet later, it no longer matches)
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e1' + // transport header: FIN, FIR, sequence 33
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '2f11' + // CRC of data block 0
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'c2' + // application control: FIR, FIN, sequence 2
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '647e', // CRC of data block 0
    ),
  },
  {
    // the octets the MITM capture's TCP stream carries under first-wins reassembly: the second
    // frame's first start octet overwritten by the last octet of the proxy's longer copy of the
    // first (0x1e); the third frame as sent
    name: 'start-octet-overwritten',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0564' + // start octets
        '1a' + // LENGTH = 26
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        '7840' + // header CRC
        'e0' + // transport header: FIN, FIR, sequence 32
        'c0' + // application control: FIR, FIN, sequence 0
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '0102000002' + // object header g1v2 (binary input with flags), qualifier 0x00, start 0, stop 2
        '010181' + // g1v2 points 0-2: flags 0x01, 0x01, 0x81 (online; point 2 on)
        '140200' + // object header g20v2 (16-bit counter with flag), qualifier 0x00
        '7de9' + // CRC of data block 0
        '0101' + // start 1, stop 1
        '00' + // g20v2 point 1: flags 0x00
        '0000' + // value 0
        '111e' + // CRC of data block 1
        '1e' + // overwritten first start octet (0x05 sent)
        '64' + // second start octet
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e1' + // transport header: FIN, FIR, sequence 33
        'c1' + // application control: FIR, FIN, sequence 1
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '2f11' + // CRC of data block 0
        '0564' + // start octets
        '0a' + // LENGTH = 10
        '44' + // control = 0x44: PRM, function 4 (unconfirmed user data)
        '0000' + // destination = 0
        '0100' + // source = 1
        'b938' + // header CRC
        'e2' + // transport header: FIN, FIR, sequence 34
        'c2' + // application control: FIR, FIN, sequence 2
        '81' + // function 129 (response)
        '0000' + // IIN = 0
        '647e', // CRC of data block 0
    ),
  },
];
