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
