/**
 * Modbus/TCP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * Most are TCP payloads of real captures in ../shared/data/pcaps (file and frame named in each
 * comment; checked field by field against tshark 4.0.17); the rest rebuild the examples of the
 * MODBUS Application Protocol Specification V1.1b3 ([AP]) or are minimal malformed variants.
 * In array order they form one conversation: requests precede their responses.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** Hex of the bytes 0x00, 0x01 .. 0xF9: the test pattern of modicon_test.pcap frames 19-20. */
const COUNTING_250 = Array.from({ length: 250 }, (_, i) => i.toString(16).padStart(2, '0')).join(
  '',
);

export const fixtures: readonly DecoderFixture[] = [
  {
    // modbus/modbus_test_data_part1.pcap frame 51
    name: 'read-coils-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0001' + // MBAP transaction id = 1
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '01' + // function code = 1 (Read Coils)
        '0000' + // starting address = 0
        '0001', // quantity of coils = 1
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 52
    name: 'read-coils-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0001' + // MBAP transaction id = 1
        '0000' + // MBAP protocol id = 0
        '0004' + // MBAP length = 4
        '0a' + // unit id = 10
        '01' + // function code = 1 (Read Coils)
        '01' + // byte count = 1
        '00', // coil status: coil 0 off
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 57
    name: 'read-holding-registers-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0002' + // MBAP transaction id = 2 (the capture reuses 1; changed to keep pairs apart)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '03' + // function code = 3 (Read Holding Registers)
        '0005' + // starting address = 5
        '0002', // quantity of registers = 2
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 58
    name: 'read-holding-registers-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0002' + // MBAP transaction id = 2
        '0000' + // MBAP protocol id = 0
        '0007' + // MBAP length = 7
        '0a' + // unit id = 10
        '03' + // function code = 3
        '04' + // byte count = 4
        '0009' + // register 5 = 9
        '0018', // register 6 = 24
    ),
  },
  {
    // datasets/lemay-modbus/send_a_fake_command_modbus_6RTU_with_operate.pcap frame 4785
    name: 'write-single-coil-on-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0003' + // MBAP transaction id = 3 (1 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '05' + // function code = 5 (Write Single Coil)
        '0002' + // output address = 2
        'ff00', // output value = 0xFF00 (ON)
    ),
  },
  {
    // same capture, frame 4786: the response echoes the request
    name: 'write-single-coil-on-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0003' + // MBAP transaction id = 3
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '05' + // function code = 5
        '0002' + // output address = 2
        'ff00', // output value = ON
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 66
    name: 'write-single-register-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0004' + // MBAP transaction id = 4 (1 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '06' + // function code = 6 (Write Single Register)
        '0005' + // register address = 5
        '000b', // register value = 11
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 67
    name: 'write-single-register-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0004' + // MBAP transaction id = 4
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '06' + // function code = 6
        '0005' + // register address = 5
        '000b', // register value = 11
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 14: three pipelined requests in one segment
    name: 'pipelined-read-requests',
    dir: C,
    role: 'normal',
    bytes: hex(
      '2977' + // ADU 1: MBAP transaction id = 0x2977
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        'ff' + // unit id = 255
        '04' + // function code = 4 (Read Input Registers)
        '044c' + // starting address = 1100
        '0073' + // quantity of registers = 115
        '2978' + // ADU 2: MBAP transaction id = 0x2978
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        'ff' + // unit id = 255
        '04' + // function code = 4
        '0514' + // starting address = 1300
        '0004' + // quantity of registers = 4
        '2979' + // ADU 3: MBAP transaction id = 0x2979
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        'ff' + // unit id = 255
        '02' + // function code = 2 (Read Discrete Inputs)
        '00cb' + // starting address = 203
        '001e', // quantity of inputs = 30
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 24: 115 input registers (230 bytes)
    name: 'read-input-registers-response-115-registers',
    dir: S,
    role: 'normal',
    bytes: hex(
      '2977' + // MBAP transaction id = 0x2977
        '0000' + // MBAP protocol id = 0
        '00e9' + // MBAP length = 233
        'ff' + // unit id = 255
        '04' + // function code = 4
        'e6' + // byte count = 230
        '0032000300000004000000000000000000000000003c000b' + // registers 1100-1111
        '003c000b0258001e000401fe006e0000000500e400080000' + // registers 1112-1123
        '00000073000f00950005000f001000150083002a001c0028' + // registers 1124-1135
        '0017002500060009000a000a000000000000000000000000' + // registers 1136-1147
        '000000000037000000080000000000000000000000000000' + // registers 1148-1159
        '000000000000000000000000000000000000000000000000' + // registers 1160-1171
        '000000000000000000000000000000000000000000000000' + // registers 1172-1183
        '000000000000000000000000000000000000000000000000' + // registers 1184-1195
        '00000000000000006b73747279206b7369657a6e69637a6b' + // 1196-1207 (ASCII from 1200)
        '6130392020206b73747279200384', // registers 1208-1214
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 30: two responses in one segment
    name: 'two-responses-in-one-segment',
    dir: S,
    role: 'normal',
    bytes: hex(
      '2978' + // ADU 1: MBAP transaction id = 0x2978
        '0000' + // MBAP protocol id = 0
        '000b' + // MBAP length = 11
        'ff' + // unit id = 255
        '04' + // function code = 4
        '08' + // byte count = 8
        '0000000000000000' + // registers 1300-1303 = 0
        '2979' + // ADU 2: MBAP transaction id = 0x2979
        '0000' + // MBAP protocol id = 0
        '0007' + // MBAP length = 7
        'ff' + // unit id = 255
        '02' + // function code = 2
        '04' + // byte count = 4
        '7ca3c801', // input status, LSB first: inputs 203-232 (30 bits)
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 6023
    name: 'write-multiple-registers-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '030c' + // MBAP transaction id = 0x030c
        '0000' + // MBAP protocol id = 0
        '0009' + // MBAP length = 9
        'ff' + // unit id = 255
        '10' + // function code = 16 (Write Multiple Registers)
        '0834' + // starting address = 2100
        '0001' + // quantity of registers = 1
        '02' + // byte count = 2
        '0003', // register 2100 = 3
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 6025
    name: 'write-multiple-registers-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '030c' + // MBAP transaction id = 0x030c
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        'ff' + // unit id = 255
        '10' + // function code = 16
        '0834' + // starting address = 2100
        '0001', // quantity of registers = 1
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 28
    name: 'write-multiple-coils-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '485a' + // MBAP transaction id = 0x485a
        '0000' + // MBAP protocol id = 0
        '0008' + // MBAP length = 8
        'ff' + // unit id = 255
        '0f' + // function code = 15 (Write Multiple Coils)
        '0007' + // starting address = 7
        '0003' + // quantity of outputs = 3
        '01' + // byte count = 1
        '05', // outputs 7..9 = on, off, on (0x00 in the capture; changed to show bit order)
    ),
  },
  {
    // modbus/ModbusTCP.pcap frame 32
    name: 'write-multiple-coils-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '485a' + // MBAP transaction id = 0x485a
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        'ff' + // unit id = 255
        '0f' + // function code = 15
        '0007' + // starting address = 7
        '0003', // quantity of outputs = 3
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 8
    name: 'diagnostics-force-listen-only-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0000' + // MBAP transaction id = 0
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '08' + // function code = 8 (Diagnostics)
        '0004' + // sub-function = 4 (Force Listen Only Mode)
        '0000', // data = 0
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 9
    name: 'diagnostics-exception-gateway-target',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0000' + // MBAP transaction id = 0
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '0a' + // unit id = 10
        '88' + // function code = 0x80 | 8 (exception to Diagnostics)
        '0b', // exception code = 0x0B (Gateway Target Device Failed to Respond)
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 40
    name: 'report-server-id-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0010' + // MBAP transaction id = 16 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0002' + // MBAP length = 2
        '0a' + // unit id = 10
        '11', // function code = 17 (Report Server ID)
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 41
    name: 'report-server-id-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0010' + // MBAP transaction id = 16
        '0000' + // MBAP protocol id = 0
        '0015' + // MBAP length = 21
        '0a' + // unit id = 10
        '11' + // function code = 17
        '12' + // byte count = 18
        '00' + // server id = 0
        'ff' + // run indicator status = ON
        '57696e6770617468204c696d69746564', // additional data = "Wingpath Limited"
    ),
  },
  {
    // [AP] 6.21 example: Read Device Identification, basic objects
    name: 'read-device-identification-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0011' + // MBAP transaction id = 17
        '0000' + // MBAP protocol id = 0
        '0005' + // MBAP length = 5
        '01' + // unit id = 1
        '2b' + // function code = 43 (Encapsulated Interface Transport)
        '0e' + // MEI type = 14 (Read Device Identification)
        '01' + // Read Device ID code = 1 (basic)
        '00', // object id = 0 (VendorName)
    ),
  },
  {
    // [AP] 6.21 example response
    name: 'read-device-identification-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0011' + // MBAP transaction id = 17
        '0000' + // MBAP protocol id = 0
        '0038' + // MBAP length = 56
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0e' + // MEI type = 14
        '01' + // Read Device ID code = 1
        '01' + // conformity level = 1 (basic, stream access)
        '00' + // more follows = no
        '00' + // next object id = 0
        '03' + // number of objects = 3
        '00' + // object id = 0 (VendorName)
        '16' + // object length = 22
        '436f6d70616e79206964656e74696669636174696f6e' + // "Company identification"
        '01' + // object id = 1 (ProductCode)
        '0f' + // object length = 15
        '50726f6475637420636f6465205858' + // "Product code XX"
        '02' + // object id = 2 (MajorMinorRevision)
        '05' + // object length = 5
        '56322e3131', // "V2.11"
    ),
  },
  {
    // [AP] 6.17 example
    name: 'read-write-multiple-registers-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0012' + // MBAP transaction id = 18
        '0000' + // MBAP protocol id = 0
        '0011' + // MBAP length = 17
        '01' + // unit id = 1
        '17' + // function code = 23 (Read/Write Multiple Registers)
        '0003' + // read starting address = 3
        '0006' + // quantity to read = 6
        '000e' + // write starting address = 14
        '0003' + // quantity to write = 3
        '06' + // write byte count = 6
        '00ff' + // register 14 = 255
        '00ff' + // register 15 = 255
        '00ff', // register 16 = 255
    ),
  },
  {
    // [AP] 6.17 example response
    name: 'read-write-multiple-registers-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0012' + // MBAP transaction id = 18
        '0000' + // MBAP protocol id = 0
        '000f' + // MBAP length = 15
        '01' + // unit id = 1
        '17' + // function code = 23
        '0c' + // byte count = 12
        '00fe' + // register 3 = 254
        '0acd' + // register 4 = 2765
        '0001' + // register 5 = 1
        '0003' + // register 6 = 3
        '000d' + // register 7 = 13
        '00ff', // register 8 = 255
    ),
  },
  {
    // [AP] 6.16 example
    name: 'mask-write-register-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0013' + // MBAP transaction id = 19
        '0000' + // MBAP protocol id = 0
        '0008' + // MBAP length = 8
        '01' + // unit id = 1
        '16' + // function code = 22 (Mask Write Register)
        '0004' + // reference address = 4
        '00f2' + // AND mask
        '0025', // OR mask
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 25
    name: 'read-exception-status-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0040' + // MBAP transaction id = 64 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0002' + // MBAP length = 2
        '01' + // unit id = 1
        '07', // function code = 7 (Read Exception Status)
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 27
    name: 'read-exception-status-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0040' + // MBAP transaction id = 64
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '07' + // function code = 7
        '15', // output data = 0x15 (outputs 0, 2 and 4 on)
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 17
    name: 'diagnostics-restart-communications-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0041' + // MBAP transaction id = 65 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '08' + // function code = 8 (Diagnostics)
        '0001' + // sub-function = 1 (Restart Communications Option)
        '0000', // data = 0x0000 (leave the event log)
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 18: the response echoes the request
    name: 'diagnostics-restart-communications-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0041' + // MBAP transaction id = 65
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '08' + // function code = 8
        '0001' + // sub-function = 1
        '0000', // data = 0x0000
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 23
    name: 'diagnostics-clear-counters-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0042' + // MBAP transaction id = 66 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '08' + // function code = 8
        '000a' + // sub-function = 10 (Clear Counters and Diagnostic Register)
        '0000', // data = 0
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 24
    name: 'diagnostics-clear-counters-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0042' + // MBAP transaction id = 66
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '0a' + // unit id = 10
        '08' + // function code = 8
        '000a' + // sub-function = 10
        '0000', // data = 0 (echo)
    ),
  },
  {
    // [AP] 6.8 example: Return Query Data
    name: 'diagnostics-return-query-data-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0043' + // MBAP transaction id = 67
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '08' + // function code = 8
        '0000' + // sub-function = 0 (Return Query Data)
        'a537', // data = 0xA537
    ),
  },
  {
    // [AP] 6.8 example response: the query data echoed
    name: 'diagnostics-return-query-data-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0043' + // MBAP transaction id = 67
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '08' + // function code = 8
        '0000' + // sub-function = 0
        'a537', // data = 0xA537
    ),
  },
  {
    // [AP] 6.8.1 sub-function 14 layout (request data 0000, response: the counter)
    name: 'diagnostics-server-message-count-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0044' + // MBAP transaction id = 68
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '08' + // function code = 8
        '000e' + // sub-function = 14 (Return Server Message Count)
        '0000', // data = 0
    ),
  },
  {
    // [AP] 6.8.1 sub-function 0x0E: the server message count in the echo
    name: 'diagnostics-server-message-count-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0044' + // MBAP transaction id = 68
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '08' + // function code = 8
        '000e' + // sub-function = 14
        '0121', // server message count = 289
    ),
  },
  {
    // [AP] 6.9 example
    name: 'get-comm-event-counter-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0045' + // MBAP transaction id = 69
        '0000' + // MBAP protocol id = 0
        '0002' + // MBAP length = 2
        '01' + // unit id = 1
        '0b', // function code = 11 (Get Comm Event Counter)
    ),
  },
  {
    // [AP] 6.9 example response
    name: 'get-comm-event-counter-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0045' + // MBAP transaction id = 69
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '0b' + // function code = 11
        'ffff' + // status = 0xFFFF (busy)
        '0108', // event count = 264
    ),
  },
  {
    // [AP] 6.10 example
    name: 'get-comm-event-log-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0046' + // MBAP transaction id = 70
        '0000' + // MBAP protocol id = 0
        '0002' + // MBAP length = 2
        '01' + // unit id = 1
        '0c', // function code = 12 (Get Comm Event Log)
    ),
  },
  {
    // [AP] 6.10 example response
    name: 'get-comm-event-log-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0046' + // MBAP transaction id = 70
        '0000' + // MBAP protocol id = 0
        '000b' + // MBAP length = 11
        '01' + // unit id = 1
        '0c' + // function code = 12
        '08' + // byte count = 8
        '0000' + // status = 0 (not busy)
        '0108' + // event count = 264
        '0121' + // message count = 289
        '20' + // event 0 (most recent) = 0x20
        '00', // event 1 = 0x00 (entered listen only mode)
    ),
  },
  {
    // [AP] 6.14 example
    name: 'read-file-record-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0047' + // MBAP transaction id = 71
        '0000' + // MBAP protocol id = 0
        '0011' + // MBAP length = 17
        '01' + // unit id = 1
        '14' + // function code = 20 (Read File Record)
        '0e' + // byte count = 14
        '06' + // sub-request 1: reference type = 6
        '0004' + // file number = 4
        '0001' + // record number = 1
        '0002' + // record length = 2
        '06' + // sub-request 2: reference type = 6
        '0003' + // file number = 3
        '0009' + // record number = 9
        '0002', // record length = 2
    ),
  },
  {
    // [AP] 6.14 example response
    name: 'read-file-record-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0047' + // MBAP transaction id = 71
        '0000' + // MBAP protocol id = 0
        '000f' + // MBAP length = 15
        '01' + // unit id = 1
        '14' + // function code = 20
        '0c' + // response data length = 12
        '05' + // sub-response 1: file response length = 5
        '06' + // reference type = 6
        '0dfe' + // register = 0x0DFE
        '0020' + // register = 0x0020
        '05' + // sub-response 2: file response length = 5
        '06' + // reference type = 6
        '33cd' + // register = 0x33CD
        '0040', // register = 0x0040
    ),
  },
  {
    // [AP] 6.15 example
    name: 'write-file-record-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0048' + // MBAP transaction id = 72
        '0000' + // MBAP protocol id = 0
        '0010' + // MBAP length = 16
        '01' + // unit id = 1
        '15' + // function code = 21 (Write File Record)
        '0d' + // request data length = 13
        '06' + // sub-request 1: reference type = 6
        '0004' + // file number = 4
        '0007' + // record number = 7
        '0003' + // record length = 3
        '06af' + // register = 0x06AF
        '04be' + // register = 0x04BE
        '100d', // register = 0x100D
    ),
  },
  {
    // [AP] 6.15 example response: the request echoed
    name: 'write-file-record-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0048' + // MBAP transaction id = 72
        '0000' + // MBAP protocol id = 0
        '0010' + // MBAP length = 16
        '01' + // unit id = 1
        '15' + // function code = 21
        '0d' + // response data length = 13
        '06' + // reference type = 6
        '0004' + // file number = 4
        '0007' + // record number = 7
        '0003' + // record length = 3
        '06af' + // register = 0x06AF
        '04be' + // register = 0x04BE
        '100d', // register = 0x100D
    ),
  },
  {
    // [AP] 6.18 example
    name: 'read-fifo-queue-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0049' + // MBAP transaction id = 73
        '0000' + // MBAP protocol id = 0
        '0004' + // MBAP length = 4
        '01' + // unit id = 1
        '18' + // function code = 24 (Read FIFO Queue)
        '04de', // FIFO pointer address = 0x04DE
    ),
  },
  {
    // [AP] 6.18 example response
    name: 'read-fifo-queue-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0049' + // MBAP transaction id = 73
        '0000' + // MBAP protocol id = 0
        '000a' + // MBAP length = 10
        '01' + // unit id = 1
        '18' + // function code = 24
        '0006' + // byte count = 6
        '0002' + // FIFO count = 2
        '01b8' + // FIFO value = 440
        '1284', // FIFO value = 4740
    ),
  },
  {
    // [AP] 6.20 layout; the CANopen bytes (an SDO upload of object 0x1018 sub-index 1) are
    // illustrative: Modbus carries them opaquely
    name: 'canopen-general-reference-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '004a' + // MBAP transaction id = 74
        '0000' + // MBAP protocol id = 0
        '0007' + // MBAP length = 7
        '01' + // unit id = 1
        '2b' + // function code = 43 (Encapsulated Interface Transport)
        '0d' + // MEI type = 13 (CANopen General Reference)
        '40181001', // MEI data (CANopen)
    ),
  },
  {
    // [AP] 6.20: the CANopen answer, opaque to Modbus
    name: 'canopen-general-reference-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '004a' + // MBAP transaction id = 74
        '0000' + // MBAP protocol id = 0
        '000b' + // MBAP length = 11
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0d' + // MEI type = 13
        '4318100178563412', // MEI data (CANopen)
    ),
  },
  {
    // [AP] 6.21 stream access to the regular objects, from object 3
    name: 'read-device-identification-regular-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '004b' + // MBAP transaction id = 75
        '0000' + // MBAP protocol id = 0
        '0005' + // MBAP length = 5
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0e' + // MEI type = 14 (Read Device Identification)
        '02' + // Read Device ID code = 2 (regular)
        '03', // object id = 3 (VendorUrl)
    ),
  },
  {
    // [AP] 6.21: a response that does not fit one PDU says where to continue
    name: 'read-device-identification-regular-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '004b' + // MBAP transaction id = 75
        '0000' + // MBAP protocol id = 0
        '0025' + // MBAP length = 37
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0e' + // MEI type = 14
        '02' + // Read Device ID code = 2
        '82' + // conformity level = 0x82 (regular, stream and individual access)
        'ff' + // more follows = yes
        '06' + // next object id = 6
        '03' + // number of objects = 3
        '03' + // object id = 3 (VendorUrl)
        '0e' + // object length = 14
        '7777772e6d6f646275732e6f7267' + // "www.modbus.org"
        '04' + // object id = 4 (ProductName)
        '04' + // object length = 4
        '504c4331' + // "PLC1"
        '05' + // object id = 5 (ModelName)
        '05' + // object length = 5
        '4d31323334', // "M1234"
    ),
  },
  {
    // [AP] 6.21 individual access to one extended (private) object
    name: 'read-device-identification-private-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '004c' + // MBAP transaction id = 76
        '0000' + // MBAP protocol id = 0
        '0005' + // MBAP length = 5
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0e' + // MEI type = 14
        '04' + // Read Device ID code = 4 (one specific object)
        '80', // object id = 0x80 (first private object)
    ),
  },
  {
    // [AP] 6.21 individual access: one private object
    name: 'read-device-identification-private-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '004c' + // MBAP transaction id = 76
        '0000' + // MBAP protocol id = 0
        '000f' + // MBAP length = 15
        '01' + // unit id = 1
        '2b' + // function code = 43
        '0e' + // MEI type = 14
        '04' + // Read Device ID code = 4
        '83' + // conformity level = 0x83 (extended, stream and individual access)
        '00' + // more follows = no
        '00' + // next object id = 0
        '01' + // number of objects = 1
        '80' + // object id = 0x80 (private)
        '05' + // object length = 5
        '4c696e6531', // "Line1"
    ),
  },
  {
    // modbus/modicon_test.pcap frame 7: Schneider UMAS rides on reserved code 90
    name: 'umas-reserved-function-90-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0001' + // MBAP transaction id = 1
        '0000' + // MBAP protocol id = 0
        '0005' + // MBAP length = 5
        '00' + // unit id = 0
        '5a' + // function code = 90 (reserved, [AP] Annex A; UMAS)
        '000100', // UMAS session 0, function 0x01 (read id), payload 0
    ),
  },
  {
    // modbus/modicon_test.pcap frame 8
    name: 'umas-reserved-function-90-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0001' + // MBAP transaction id = 1
        '0000' + // MBAP protocol id = 0
        '0011' + // MBAP length = 17
        '00' + // unit id = 0
        '5a' + // function code = 90
        '00fefd000104000032000000000000', // UMAS reply (15 bytes, not decoded)
    ),
  },
  {
    // modbus/modicon_test.pcap frame 19: a UMAS request over the 254-byte MBAP length limit
    name: 'umas-length-255-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0007' + // MBAP transaction id = 7
        '0000' + // MBAP protocol id = 0
        '00ff' + // MBAP length = 255 (at most 254)
        '00' + // unit id = 0
        '5a' + // function code = 90
        '000a00' + // UMAS session 0, function 0x0A, 0
        COUNTING_250, // 250 bytes of test pattern 0x00, 0x01 .. 0xF9
    ),
  },
  {
    // modbus/modicon_test.pcap frame 20
    name: 'umas-length-255-response',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0007' + // MBAP transaction id = 7
        '0000' + // MBAP protocol id = 0
        '00ff' + // MBAP length = 255
        '00' + // unit id = 0
        '5a' + // function code = 90
        '00fe00' + // UMAS session 0, status 0xFE (ok), 0
        COUNTING_250, // the test pattern echoed
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 11: a scanner asks for 0 coils
    name: 'read-coils-quantity-zero-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0020' + // MBAP transaction id = 32 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '01' + // function code = 1
        '0000' + // starting address = 0
        '0000', // quantity = 0 (spec: 1..2000)
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 13
    name: 'exception-illegal-data-value',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0020' + // MBAP transaction id = 32
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '81' + // function code = 0x80 | 1
        '03', // exception code = 3 (Illegal Data Value)
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 6: function code 0 is not assigned
    name: 'unassigned-function-0-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0021' + // MBAP transaction id = 33 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '00' + // function code = 0 (unassigned)
        '00000000', // data
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 9
    name: 'exception-illegal-function',
    dir: S,
    role: 'normal',
    bytes: hex(
      '0021' + // MBAP transaction id = 33
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '80' + // function code = 0x80 | 0
        '01', // exception code = 1 (Illegal Function)
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 32: one byte more than [AP] 6.21 defines
    name: 'read-device-identification-trailing-byte',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0022' + // MBAP transaction id = 34 (1 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6 (5 expected)
        '0a' + // unit id = 10
        '2b' + // function code = 43
        '0e' + // MEI type = 14
        '03' + // Read Device ID code = 3 (extended)
        '01' + // object id = 1
        '00', // extra byte
    ),
  },
  {
    // modbus/modbus_test_data_part1.pcap frame 91: no request, one byte too many
    name: 'exception-trailing-byte-without-request',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0023' + // MBAP transaction id = 35 (1 in the capture)
        '0000' + // MBAP protocol id = 0
        '0004' + // MBAP length = 4 (3 expected)
        '0a' + // unit id = 10
        '81' + // function code = 0x80 | 1
        '06' + // exception code = 6 (Server Device Busy)
        '00', // extra byte
    ),
  },
  {
    // Constructed: one register more than [AP] 6.3 allows
    name: 'read-holding-registers-quantity-126-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0030' + // MBAP transaction id = 48
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '03' + // function code = 3
        '0000' + // starting address = 0
        '007e', // quantity = 126 (spec: 1..125)
    ),
  },
  {
    // Constructed: [AP] 6.5 allows only 0xFF00 and 0x0000
    name: 'write-single-coil-invalid-value-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0031' + // MBAP transaction id = 49
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '05' + // function code = 5
        '0001' + // output address = 1
        '1234', // output value = 0x1234 (only 0xFF00 or 0x0000 allowed)
    ),
  },
  {
    // Constructed: the byte count disagrees with the quantity ([AP] 6.12)
    name: 'write-multiple-registers-byte-count-mismatch-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0032' + // MBAP transaction id = 50
        '0000' + // MBAP protocol id = 0
        '000b' + // MBAP length = 11
        '01' + // unit id = 1
        '10' + // function code = 16
        '0000' + // starting address = 0
        '0003' + // quantity = 3 (needs byte count 6)
        '04' + // byte count = 4
        '00010002', // two registers
    ),
  },
  {
    // Constructed: a request with the exception bit set ([AP] 7 gives it to responses only)
    name: 'exception-in-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0033' + // MBAP transaction id = 51
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '83' + // function code = 0x80 | 3 (exception bit in a request)
        '02', // exception code = 2
    ),
  },
  {
    // Constructed: a request whose answer (next fixture) carries another function
    name: 'request-for-mismatched-response',
    dir: C,
    role: 'normal',
    bytes: hex(
      '0034' + // MBAP transaction id = 52
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '03' + // function code = 3
        '0000' + // starting address = 0
        '0001', // quantity = 1
    ),
  },
  {
    // Constructed: the answer to the previous request, with another function code
    name: 'response-function-mismatch',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0034' + // MBAP transaction id = 52
        '0000' + // MBAP protocol id = 0
        '0005' + // MBAP length = 5
        '01' + // unit id = 1
        '04' + // function code = 4 (the request was 3)
        '02' + // byte count = 2
        '0007', // register = 7
    ),
  },
  {
    // Constructed: an exception code [AP] 7 does not define
    name: 'exception-unknown-code',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0035' + // MBAP transaction id = 53 (no request)
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '83' + // function code = 0x80 | 3
        '0c', // exception code = 0x0C (not defined in [AP] 7)
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 35: a scanner pads every request to 4 data bytes
    name: 'get-comm-event-counter-with-data-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0050' + // MBAP transaction id = 80 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6 (2 expected)
        '01' + // unit id = 1
        '0b' + // function code = 11 (Get Comm Event Counter)
        '00000000', // 4 bytes the function does not define
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 36
    name: 'get-comm-event-counter-exception',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0050' + // MBAP transaction id = 80
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        '8b' + // function code = 0x80 | 11
        '03', // exception code = 3 (Illegal Data Value)
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 57: byte count 0, then 3 stray bytes
    name: 'read-file-record-byte-count-zero-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0051' + // MBAP transaction id = 81 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '14' + // function code = 20 (Read File Record)
        '00' + // byte count = 0 (0x07-0xF5 allowed)
        '000000', // 3 stray bytes
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 119: MEI type 0 is reserved
    name: 'encapsulated-reserved-mei-type-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0052' + // MBAP transaction id = 82 (0 in the capture)
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '2b' + // function code = 43 (Encapsulated Interface Transport)
        '00' + // MEI type = 0 (reserved)
        '000000', // MEI data
    ),
  },
  {
    // modbus/modbus_test_data_part2.pcap frame 120
    name: 'encapsulated-reserved-mei-type-exception',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0052' + // MBAP transaction id = 82
        '0000' + // MBAP protocol id = 0
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        'ab' + // function code = 0x80 | 43
        '01', // exception code = 1 (Illegal Function)
    ),
  },
  {
    // Constructed: a Diagnostics sub-function [AP] 6.8.1 reserves
    name: 'diagnostics-reserved-sub-function-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0053' + // MBAP transaction id = 83
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '08' + // function code = 8 (Diagnostics)
        '0013' + // sub-function = 19 (reserved)
        '0000', // data = 0
    ),
  },
  {
    // Constructed: reference type, file and record number out of [AP] 6.15 ranges
    name: 'write-file-record-invalid-reference-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0054' + // MBAP transaction id = 84
        '0000' + // MBAP protocol id = 0
        '000c' + // MBAP length = 12
        '01' + // unit id = 1
        '15' + // function code = 21 (Write File Record)
        '09' + // request data length = 9
        '07' + // reference type = 7 (must be 6)
        '0000' + // file number = 0 (1-0xFFFF)
        '2710' + // record number = 10000 (0-9999)
        '0001' + // record length = 1
        '0001', // register = 1
    ),
  },
  {
    // modbus/fuzz-72.pcap frame 8 (Zeek fuzz trace): protocol id 0x0200
    name: 'invalid-protocol-id',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '0000' + // MBAP transaction id = 0
        '0200' + // MBAP protocol id = 0x0200 (must be 0)
        '0003' + // MBAP length = 3
        '01' + // unit id = 1
        'a2' + // function code = 0x80 | 0x22
        '01', // exception code = 1
    ),
  },
  {
    // Constructed: an MBAP length below 2, then a valid request to resynchronise on
    name: 'invalid-length-then-valid-request',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0005' + // MBAP transaction id = 5
        '0000' + // MBAP protocol id = 0
        '0000' + // MBAP length = 0 (at least 2)
        '01' + // unit id = 1
        '0036' + // next ADU: MBAP transaction id = 54
        '0000' + // MBAP protocol id = 0
        '0006' + // MBAP length = 6
        '01' + // unit id = 1
        '03' + // function code = 3
        '0000' + // starting address = 0
        '0001', // quantity = 1
    ),
  },
];
