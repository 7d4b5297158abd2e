/**
 * PN-IO CM byte fixtures for the unit tests and the decoder conformance suite: UDP payloads
 * (DCE/RPC connectionless PDUs of the PNIO device interface), fields checked against tshark
 * 4.0.17. Sources in ../shared/data/pcaps/profinet: profinet_io_cm_mixed_1.pcap
 * (cisagov/icsnpp-profinet-io-cm, BSD-3-Clause) and profinet.pcap (ITI/ICS-Security-Tools,
 * CC-BY-4.0); the malformed ones are built from them by hand. In array order they form one
 * conversation: each request before its response.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** DCE/RPC header of a big-endian Control request (profinet_io_cm_mixed_1.pcap frame 9). */
const CONTROL_REQ_HEADER =
  '04' + // RPC version 4
  '00' + // packet type 0: request
  '20' + // flags1: idempotent
  '00' + // flags2
  '000000' + // data representation: big-endian, ASCII, IEEE
  '00' + // serial high
  'dea000006c9711d1827100010101014d' + // object UUID
  'dea000016c9711d1827100a02442df7d' + // interface UUID: PNIO device
  '35fda900358a12128004001c060b26ed' + // activity UUID
  '00000000' + // server boot time
  '00000001' + // interface version 1
  '00000002' + // sequence number 2
  '0004' + // opnum 4: Control
  'ffff' + // interface hint
  'ffff' + // activity hint
  '0034' + // body length 52
  '0000' + // fragment number 0
  '00' + // auth protocol: none
  '00'; // serial low

export const fixtures: readonly DecoderFixture[] = [
  {
    // profinet_io_cm_mixed_1.pcap frame 9
    name: 'control-prm-end-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '00' + // packet type 0: request
        '20' + // flags1 0x20
        '00' + // flags2
        '000000' + // data representation: big-endian, ASCII, IEEE
        '00' + // serial high
        'dea000006c9711d1827100010101014d' + // object UUID
        'dea000016c9711d1827100a02442df7d' + // interface UUID: PNIO device
        '35fda900358a12128004001c060b26ed' + // activity UUID
        '00000000' + // server boot time
        '00000001' + // interface version 1
        '00000002' + // sequence number 2
        '0004' + // opnum 4: Control
        'ffff' + // interface hint
        'ffff' + // activity hint
        '0034' + // body length 52
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '00000020' + // ArgsMaximum
        '00000020' + // ArgsLength 32
        '00000020' + // MaximumCount
        '00000000' + // Offset
        '00000020' + // ActualCount 32
        '0110' + // BlockType 0x0110: IODControlReq PrmEnd
        '001c' + // BlockLength 28
        '0100' + // BlockVersion 1.0
        '0000' + // reserved
        '09f1a530c75f6d47b67f8073439deaad' + // ARUUID
        '0002' + // SessionKey 2
        '0000' + // reserved
        '0001' + // ControlCommand 0x0001: PrmEnd
        '0000', // ControlBlockProperties
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 11
    name: 'control-prm-end-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '02' + // packet type 2: response
        '0a' + // flags1 0x0a
        '00' + // flags2
        '100000' + // data representation: little-endian, ASCII, IEEE
        '00' + // serial high
        '0000a0de976cd111827100010101014d' + // object UUID
        '0100a0de976cd111827100a02442df7d' + // interface UUID: PNIO device
        '00a9fd358a3512128004001c060b26ed' + // activity UUID
        '00000000' + // server boot time
        '01000000' + // interface version 1
        '02000000' + // sequence number 2
        '0400' + // opnum 4: Control
        'ffff' + // interface hint
        'ffff' + // activity hint
        '3400' + // body length 52
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '00000000' + // PNIOStatus
        '20000000' + // ArgsLength 32
        '20000000' + // MaximumCount
        '00000000' + // Offset
        '20000000' + // ActualCount 32
        '8110' + // BlockType 0x8110: IODControlRes PrmEnd
        '001c' + // BlockLength 28
        '0100' + // BlockVersion 1.0
        '0000' + // reserved
        '09f1a530c75f6d47b67f8073439deaad' + // ARUUID
        '0002' + // SessionKey 2
        '0000' + // reserved
        '0008' + // ControlCommand 0x0008: Done
        '0000', // ControlBlockProperties
    ),
  },
  {
    // profinet.pcap frame 1
    name: 'read-implicit-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '00' + // packet type 0: request
        '08' + // flags1 0x08
        '00' + // flags2
        '100000' + // data representation: little-endian, ASCII, IEEE
        '00' + // serial high
        '0000a0de976cd111827100010003015a' + // object UUID
        '0100a0de976cd111827100a02442df7d' + // interface UUID: PNIO device
        'dbabbaec1d005443b2500b01630abafd' + // activity UUID
        '00000000' + // server boot time
        '01000000' + // interface version 1
        '00000000' + // sequence number 0
        '0500' + // opnum 5: ReadImplicit
        'ffff' + // interface hint
        'ffff' + // activity hint
        '5400' + // body length 84
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '40800000' + // ArgsMaximum
        '40000000' + // ArgsLength 64
        '40800000' + // MaximumCount
        '00000000' + // Offset
        '40000000' + // ActualCount 64
        '0009' + // BlockType 0x0009: IODReadReqHeader
        '003c' + // BlockLength 60
        '0100' + // BlockVersion 1.0
        '000a0000000000000000000000000000000000000000000000010000f84000008000000000000000000000000000000000000000000000000000', // block body
    ),
  },
  {
    // profinet.pcap frame 2
    name: 'read-implicit-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '02' + // packet type 2: response
        '28' + // flags1 0x28
        '00' + // flags2
        '100000' + // data representation: little-endian, ASCII, IEEE
        '00' + // serial high
        '0000a0de976cd111827100010003015a' + // object UUID
        '0100a0de976cd111827100a02442df7d' + // interface UUID: PNIO device
        'dbabbaec1d005443b2500b01630abafd' + // activity UUID
        '01000000' + // server boot time
        '01000000' + // interface version 1
        '00000000' + // sequence number 0
        '0500' + // opnum 5: ReadImplicit
        'ffff' + // interface hint
        'ffff' + // activity hint
        'bc00' + // body length 188
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '00000000' + // PNIOStatus
        'a8000000' + // ArgsLength 168
        '40800000' + // MaximumCount
        '00000000' + // Offset
        'a8000000' + // ActualCount 168
        '8009' + // BlockType 0x8009: IODReadResHeader
        '003c' + // BlockLength 60
        '0100' + // BlockVersion 1.0
        '000a0000000000000000000000000000000000000000000000010000f84000000068000000000000000000000000000000000000000000000000' + // block body
        '0030' + // BlockType 0x0030: I&M0FilterDataSubmodul
        '002c' + // BlockLength 44
        '0100' + // BlockVersion 1.0
        '000100000000000200000000000100020001000000010003ffff010a0001ffff814000010001ffff8140' + // block body
        '0031' + // BlockType 0x0031: I&M0FilterDataModul
        '0018' + // BlockLength 24
        '0100' + // BlockVersion 1.0
        '00010000000000010001ffff814000010001ffff8140' + // block body
        '0032' + // BlockType 0x0032: I&M0FilterDataDevice
        '0018' + // BlockLength 24
        '0100' + // BlockVersion 1.0
        '00010000000000010000000000010001000100000001', // block body
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 27
    name: 'release-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '00' + // packet type 0: request
        '20' + // flags1 0x20
        '00' + // flags2
        '000000' + // data representation: big-endian, ASCII, IEEE
        '00' + // serial high
        'dea000006c9711d1827100010003015a' + // object UUID
        'dea000016c9711d1827100a02442df7d' + // interface UUID: PNIO device
        '13142f9000001000a994d2106890ca5a' + // activity UUID
        '00000000' + // server boot time
        '00000001' + // interface version 1
        '00000004' + // sequence number 4
        '0001' + // opnum 1: Release
        'ffff' + // interface hint
        'ffff' + // activity hint
        '0034' + // body length 52
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '00001000' + // ArgsMaximum
        '00000020' + // ArgsLength 32
        '00001000' + // MaximumCount
        '00000000' + // Offset
        '00000020' + // ActualCount 32
        '0114' + // BlockType 0x0114: IODReleaseReq
        '001c' + // BlockLength 28
        '0100' + // BlockVersion 1.0
        '0000' + // reserved
        '7c74224e166c4a58bf6b6c25a75870f0' + // ARUUID
        '0001' + // SessionKey 1
        '0000' + // reserved
        '0004' + // ControlCommand 0x0004: Release
        '0000', // ControlBlockProperties
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 28
    name: 'release-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '04' + // RPC version 4
        '02' + // packet type 2: response
        '28' + // flags1 0x28
        '00' + // flags2
        '100000' + // data representation: little-endian, ASCII, IEEE
        '00' + // serial high
        '0000a0de976cd111827100010003015a' + // object UUID
        '0100a0de976cd111827100a02442df7d' + // interface UUID: PNIO device
        '902f141300000010a994d2106890ca5a' + // activity UUID
        '02000000' + // server boot time
        '01000000' + // interface version 1
        '04000000' + // sequence number 4
        '0100' + // opnum 1: Release
        'ffff' + // interface hint
        'ffff' + // activity hint
        '3400' + // body length 52
        '0000' + // fragment number 0
        '00' + // auth protocol: none
        '00' + // serial low
        '00000000' + // PNIOStatus
        '20000000' + // ArgsLength 32
        '00100000' + // MaximumCount
        '00000000' + // Offset
        '20000000' + // ActualCount 32
        '8114' + // BlockType 0x8114: IODReleaseRes
        '001c' + // BlockLength 28
        '0100' + // BlockVersion 1.0
        '0000' + // reserved
        '7c74224e166c4a58bf6b6c25a75870f0' + // ARUUID
        '0001' + // SessionKey 1
        '0000' + // reserved
        '0008' + // ControlCommand 0x0008: Done
        '0000', // ControlBlockProperties
    ),
  },
  {
    // Built from control-prm-end-request: the block length runs past the body
    name: 'control-block-past-body',
    dir: C,
    role: 'malformed',
    bytes: hex(
      CONTROL_REQ_HEADER +
        '00000020' + // ArgsMaximum
        '00000020' + // ArgsLength 32
        '00000020' + // MaximumCount
        '00000000' + // Offset
        '00000020' + // ActualCount 32
        '0110' + // BlockType 0x0110: IODControlReq PrmEnd
        '00ff' + // BlockLength 255: past the body
        '0100' + // BlockVersion 1.0
        '0000' + // reserved
        '09f1a530c75f6d47b67f8073439deaad' + // ARUUID
        '0002' + // SessionKey
        '0000' + // reserved
        '0001' + // ControlCommand: PrmEnd
        '0000', // ControlBlockProperties
    ),
  },
  {
    // Built from control-prm-end-request: the body is shorter than the NDR header
    name: 'body-without-ndr-header',
    dir: C,
    role: 'malformed',
    bytes: hex(
      CONTROL_REQ_HEADER.slice(0, 148) +
        '0008' + // body length 8
        '0000' + // fragment number 0
        '00' + // auth protocol
        '00' + // serial low
        '00000020' + // ArgsMaximum
        '00000020', // ArgsLength; the NDR header stops here
    ),
  },
];
