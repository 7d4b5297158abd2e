/**
 * ADS byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of other-ics/beckhoff-ads/beckoffiplinktc.pcapng of the shared captures
 * (ITI/ICS-Security-Tools, CC-BY-4.0; frame in each comment, fields checked against tshark
 * 4.0.17 `ams`), plus requests built from the [ADS] layouts for the commands the captures do
 * not hold (Write, WriteControl, DeviceNotification, ReadWrite by name, sum read). All are
 * AMS/TCP: the UDP router service is one datagram, covered in ads.test.ts. In array order they
 * form one conversation (client 192.168.1.99.1.1, TwinCAT CX 5.13.117.96.1.1).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** NetId 5.13.117.96.1.1 (the CX) and 192.168.1.99.1.1 (the engineering PC). */
const CX = '050d75600101';
const PC = 'c0a801630101';

export const fixtures: readonly DecoderFixture[] = [
  {
    // beckoffiplinktc.pcapng frame 8
    name: 'read-state-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved 0
        '20000000' + // AMS/TCP length 32
        CX + // target NetId 5.13.117.96.1.1
        '1027' + // target port 10000 (system service)
        PC + // source NetId 192.168.1.99.1.1
        '0380' + // source port 32771
        '0400' + // command 4 ReadState
        '0400' + // state flags: ADS command, request
        '00000000' + // data length 0
        '00000000' + // error code 0
        '05000000', // invoke id 5
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 9
    name: 'read-state-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '28000000' + // length 40
        PC + // target NetId
        '0380' + // target port 32771
        CX + // source NetId
        '1027' + // source port 10000
        '0400' + // command 4 ReadState
        '0500' + // state flags: ADS command, response
        '08000000' + // data length 8
        '00000000' + // error code 0
        '05000000' + // invoke id 5
        '00000000' + // ADS result 0
        '0500' + // ADS state 5 RUN
        '0200', // device state 2
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 11
    name: 'read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '2c000000' + // length 44
        CX + // target NetId
        '0100' + // target port 1 (router)
        PC + // source NetId
        '0f80' + // source port 32783
        '0200' + // command 2 Read
        '0400' + // state flags: ADS command
        '0c000000' + // data length 12
        '00000000' + // error code
        'e3000000' + // invoke id 0xe3
        '03000000' + // index group 3
        '02000000' + // index offset 2
        '04000000', // read length 4
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 12
    name: 'read-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '2c000000' + // length 44
        PC + // target NetId
        '0f80' + // target port 32783
        CX + // source NetId
        '0100' + // source port 1
        '0200' + // command 2 Read
        '0500' + // state flags: ADS command, response
        '0c000000' + // data length 12
        '00000000' + // error code
        'e3000000' + // invoke id 0xe3
        '00000000' + // ADS result 0
        '04000000' + // length 4
        '04000000', // data
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 15
    name: 'add-notification-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '48000000' + // length 72
        CX + // target NetId
        '6400' + // target port 100 (logger)
        PC + // source NetId
        '1180' + // source port 32785
        '0600' + // command 6 AddDeviceNotification
        '0400' + // state flags: ADS command
        '28000000' + // data length 40
        '00000000' + // error code
        '13000000' + // invoke id 0x13
        '01000000' + // index group 1
        'ffff0000' + // index offset 0xffff
        '00040000' + // length 1024
        '03000000' + // transmission mode 3
        '00000000' + // max delay 0
        '00000000' + // cycle time 0
        '00000000000000000000000000000000', // reserved
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 16
    name: 'add-notification-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '28000000' + // length 40
        PC + // target NetId
        '1180' + // target port 32785
        CX + // source NetId
        '6400' + // source port 100
        '0600' + // command 6 AddDeviceNotification
        '0500' + // state flags: ADS command, response
        '08000000' + // data length 8
        '00000000' + // error code
        '13000000' + // invoke id 0x13
        '00000000' + // ADS result 0
        '01000000', // notification handle 1
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 19
    name: 'delete-notification-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '24000000' + // length 36
        CX + // target NetId
        '6400' + // target port 100
        PC + // source NetId
        '1180' + // source port 32785
        '0700' + // command 7 DeleteDeviceNotification
        '0400' + // state flags: ADS command
        '04000000' + // data length 4
        '00000000' + // error code
        '14000000' + // invoke id 0x14
        '01000000', // notification handle 1
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 23
    name: 'read-write-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '5a000000' + // length 90
        CX + // target NetId
        '1027' + // target port 10000
        PC + // source NetId
        '0f80' + // source port 32783
        '0900' + // command 9 ReadWrite
        '0400' + // state flags: ADS command
        '3a000000' + // data length 58
        '00000000' + // error code
        'f3000000' + // invoke id 0xf3
        'c8000000' + // index group 0xc8 (registry read)
        '00000000' + // index offset 0
        'e8030000' + // read length 1000
        '2a000000' + // write length 42
        '536f6674776172655c4265636b686f66665c5477696e4341545c44726976657273' + // key path
        '00' + // NUL
        '54635254696d6500', // value name 'TcRTime'
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 24
    name: 'read-write-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '29000000' + // length 41
        PC + // target NetId
        '0f80' + // target port 32783
        CX + // source NetId
        '1027' + // source port 10000
        '0900' + // command 9 ReadWrite
        '0500' + // state flags: ADS command, response
        '09000000' + // data length 9
        '00000000' + // error code
        'f3000000' + // invoke id 0xf3
        '00000000' + // ADS result 0
        '01000000' + // length 1
        '00', // data
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 41
    name: 'read-device-info-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '20000000' + // length 32
        CX + // target NetId
        'f401' + // target port 500 (NC)
        PC + // source NetId
        '0f80' + // source port 32783
        '0100' + // command 1 ReadDeviceInfo
        '0400' + // state flags: ADS command
        '00000000' + // data length 0
        '00000000' + // error code
        '02010000', // invoke id 0x102
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 42
    name: 'read-device-info-port-not-found',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '20000000' + // length 32
        PC + // target NetId
        '0f80' + // target port 32783
        CX + // source NetId
        'f401' + // source port 500
        '0100' + // command 1 ReadDeviceInfo
        '0500' + // state flags: ADS command, response
        '00000000' + // data length 0
        '06000000' + // error code 6: target port not found
        '02010000', // invoke id 0x102
    ),
  },
  {
    // beckoffiplinktc.pcapng frame 44 (the request, frame 43, is like frame 41 to port 800)
    name: 'read-device-info-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '38000000' + // length 56
        PC + // target NetId
        '0f80' + // target port 32783
        CX + // source NetId
        '2003' + // source port 800 (PLC runtime 1, TwinCAT 2)
        '0100' + // command 1 ReadDeviceInfo
        '0500' + // state flags: ADS command, response
        '18000000' + // data length 24
        '00000000' + // error code
        '03010000' + // invoke id 0x103
        '00000000' + // ADS result 0
        '02' + // version 2
        '0b' + // revision 11
        '3708' + // build 2103
        '504c4320536572766572000000000000', // device name 'PLC Server'
    ),
  },
  {
    // Built from [ADS] "ADS Write Control": set the PLC (port 801) to STOP.
    name: 'write-control-stop',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '28000000' + // length 40
        CX + // target NetId
        '2103' + // target port 801 (PLC runtime 1)
        PC + // source NetId
        '0f80' + // source port 32783
        '0500' + // command 5 WriteControl
        '0400' + // state flags: ADS command
        '08000000' + // data length 8
        '00000000' + // error code
        '20010000' + // invoke id 0x120
        '0600' + // ADS state 6 STOP
        '0000' + // device state 0
        '00000000', // length 0
    ),
  },
  {
    // Built from [ADS] "ADS Write": two bytes to %MB0 (index group 0x4020).
    name: 'write-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '2e000000' + // length 46
        CX + // target NetId
        '2103' + // target port 801
        PC + // source NetId
        '0f80' + // source port 32783
        '0300' + // command 3 Write
        '0400' + // state flags: ADS command
        '0e000000' + // data length 14
        '00000000' + // error code
        '21010000' + // invoke id 0x121
        '20400000' + // index group 0x4020 (PLC memory)
        '00000000' + // index offset 0
        '02000000' + // length 2
        'ffff', // data
    ),
  },
  {
    // Built from [ADS] "ADS Read Write" and [TCADSDEF] ADSIGRP_SYM_HNDBYNAME.
    name: 'handle-by-name-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '3c000000' + // length 60
        CX + // target NetId
        '2103' + // target port 801
        PC + // source NetId
        '0f80' + // source port 32783
        '0900' + // command 9 ReadWrite
        '0400' + // state flags: ADS command
        '1c000000' + // data length 28
        '00000000' + // error code
        '22010000' + // invoke id 0x122
        '03f00000' + // index group 0xf003 (handle by name)
        '00000000' + // index offset 0
        '04000000' + // read length 4
        '0c000000' + // write length 12
        '4d41494e2e62537461727400', // 'MAIN.bStart' NUL
    ),
  },
  {
    // Built from [ADS] "ADS Read Write" and [TCADSDEF] ADSIGRP_SUMUP_READ: two reads.
    name: 'sum-read-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '48000000' + // length 72
        CX + // target NetId
        '2103' + // target port 801
        PC + // source NetId
        '0f80' + // source port 32783
        '0900' + // command 9 ReadWrite
        '0400' + // state flags: ADS command
        '28000000' + // data length 40
        '00000000' + // error code
        '23010000' + // invoke id 0x123
        '80f00000' + // index group 0xf080 (sum read)
        '02000000' + // index offset: 2 sub-requests
        '0c000000' + // read length 12
        '18000000' + // write length 24
        '20400000' +
        '00000000' +
        '02000000' + // read %MB0, 2 bytes
        '20f00000' +
        '00000000' +
        '01000000', // read input image, 1 byte
    ),
  },
  {
    // Built from [ADS] "ADS Device Notification": one stamp with one 2-byte sample.
    name: 'device-notification',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '3e000000' + // length 62
        PC + // target NetId
        '0f80' + // target port 32783
        CX + // source NetId
        '2103' + // source port 801
        '0800' + // command 8 DeviceNotification
        '0400' + // state flags: ADS command (a request from the server)
        '1e000000' + // data length 30
        '00000000' + // error code
        '00000000' + // invoke id 0
        '1a000000' + // length 26 (what follows this field)
        '01000000' + // stamps 1
        '0080c0ee1b5bd201' + // timestamp (FILETIME)
        '01000000' + // samples 1
        '01000000' + // notification handle 1
        '02000000' + // sample size 2
        '3412', // sample data
    ),
  },
  {
    // Built: an AMS data length that disagrees with the AMS/TCP length (malformed).
    name: 'data-length-mismatch',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0000' + // AMS/TCP reserved
        '20000000' + // length 32
        CX + // target NetId
        '1027' + // target port 10000
        PC + // source NetId
        '0380' + // source port
        '0400' + // command 4 ReadState
        '0400' + // state flags
        '10000000' + // data length 16, but no data follows
        '00000000' + // error code
        '06000000', // invoke id 6
    ),
  },
];
