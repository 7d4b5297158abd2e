/**
 * GOOSE byte fixtures for the unit tests and the decoder conformance suite: Ethernet payloads
 * from the APPID on (what the pipeline hands the decoder after the EtherType and any VLAN tag).
 *
 * Real frames from the shared captures in ../shared/data/pcaps/iec61850/goose (ITI/ICS-Security-
 * Tools, CC-BY-4.0; file and frame in each comment; fields checked against tshark 4.0.17). The
 * GSE management exchange is built from the ASN.1 of IEC 61850-8-1 Annex A (no shared capture
 * has one). In array order they form one stream: GE F650 frames 1 and 2 (sqNum 10, 11), frame 1
 * again (a replay), then the malformed ones.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const P = Direction.TO_SERVER;

/** GOOSE.pcap frame 1 from the APPID on; `sq` is the sqNum octet (0x0a in the capture). */
function geF650(sq: string): Uint8Array {
  return hex(
    '0001' + // APPID 0x0001
      '0091' + // Length 145 (APPID to the end of the APDU)
      '0000' + // Reserved 1: Simulate bit clear
      '0000' + // Reserved 2
      '618186' + // goosePdu [APPLICATION 1], length 134 (long form)
      '801a' + // [0] gocbRef, 26 octets
      '474544657669636546363530' + // "GEDeviceF650"
      '2f4c4c4e3024474f246763623031' + // "/LLN0$GO$gcb01"
      '8103009c40' + // [1] timeAllowedtoLive 40000 ms
      '8218' + // [2] datSet, 24 octets
      '474544657669636546363530' + // "GEDeviceF650"
      '2f4c4c4e3024474f4f534531' + // "/LLN0$GOOSE1"
      '830b' + // [3] goID, 11 octets
      '463635305f474f4f534531' + // "F650_GOOSE1"
      '8408' + // [4] t, 8 octets
      '386ebbf3' + // SecondSinceEpoch 946781171 (2000-01-02 02:46:11 UTC)
      '421728' + // FractionOfSecond 0x421728 (.258165836 s)
      '0a' + // TimeQuality: accuracy 10 bits, clock flags clear
      '850101' + // [5] stNum 1
      '8601' +
      sq + // [6] sqNum
      '870100' + // [7] simulation FALSE
      '880101' + // [8] confRev 1
      '890100' + // [9] ndsCom FALSE
      '8a0108' + // [10] numDatSetEntries 8
      'ab20' + // [11] allData, 32 octets
      '830100' + // boolean FALSE
      '840303' + // bit-string, 3 unused bits
      '0000' + // 13 bits of Quality, all clear
      '830100' + // boolean FALSE
      '8403030000' + // bit-string (Quality)
      '830100' + // boolean FALSE
      '8403030000' + // bit-string (Quality)
      '830100' + // boolean FALSE
      '8403030000', // bit-string (Quality)
  );
}

export const fixtures: readonly DecoderFixture[] = [
  {
    // iec61850/goose/GOOSE.pcap frame 1 (GE F650, no VLAN tag)
    name: 'ge-f650-sqnum-10',
    dir: P,
    role: 'normal',
    bytes: geF650('0a'),
  },
  {
    // iec61850/goose/GOOSE.pcap frame 2: the same state retransmitted
    name: 'ge-f650-sqnum-11',
    dir: P,
    role: 'normal',
    bytes: geF650('0b'),
  },
  {
    // GOOSE.pcap frame 1 once more after frame 2: sqNum goes back within stNum 1 (replay)
    name: 'ge-f650-replayed',
    dir: P,
    role: 'normal',
    bytes: geF650('0a'),
  },
  {
    // iec61850/goose/GOOSE_DEMO.pcap frame 1 (VLAN 10 priority 4 on the wire; 4- and 5-octet
    // INTEGER encodings)
    name: 'goose-demo',
    dir: P,
    role: 'normal',
    bytes: hex(
      '2000' + // APPID 0x2000
        '006c' + // Length 108
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '6162' + // goosePdu, length 98
        '8003313131' + // [0] gocbRef "111"
        '81050000002710' + // [1] timeAllowedtoLive 10000 (5 octets)
        '8203323232' + // [2] datSet "222"
        '8303333333' + // [3] goID "333"
        '84084ddda51adbe76d00' + // [4] t 2011-05-26 00:54:18.858999967 UTC, quality 0
        '85050000000001' + // [5] stNum 1
        '86050000000001' + // [6] sqNum 1
        '870100' + // [7] simulation FALSE
        '88050000000001' + // [8] confRev 1
        '890100' + // [9] ndsCom FALSE
        '8a05000000000a' + // [10] numDatSetEntries 10
        'ab1e' + // [11] allData, 30 octets
        '830100830100830100830100830100' + // 5 x boolean FALSE
        '830100830100830100830100830100', // 5 x boolean FALSE
    ),
  },
  {
    // Built from IEC 61850-8-1 A.2: GetGoReference request for one data set member
    name: 'gse-get-go-reference-request',
    dir: P,
    role: 'normal',
    bytes: hex(
      '0002' + // APPID 0x0002
        '0028' + // Length 40
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '601e' + // gseMngtPdu [APPLICATION 0], length 30
        '800101' + // [0] stateID 1
        'a119' + // [1] requests
        'a117' + // [1] getGoReference
        '8010' + // [0] ident, 16 octets
        '4945443146312f4c4c4e30244f7065' + // "IED1F1/LLN0$Ope"
        '6e' + // "n"
        'a103' + // [1] offset SEQUENCE OF INTEGER
        '020100', // INTEGER 0
    ),
  },
  {
    // Built from IEC 61850-8-1 A.2: the positive GetGoReference response
    name: 'gse-get-go-reference-response',
    dir: P,
    role: 'normal',
    bytes: hex(
      '0002' + // APPID 0x0002
        '0036' + // Length 54
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '602c' + // gseMngtPdu, length 44
        '800101' + // [0] stateID 1
        'a227' + // [2] responses
        'a125' + // [1] getGoReference
        '8003' + // [0] ident, 3 octets
        '494544' + // "IED"
        '810101' + // [1] confRev 1
        'a21b' + // [2] responsePositive
        '8011' + // [0] datSet, 17 octets
        '4945443146312f4c4c4e302444536574' + // "IED1F1/LLN0$DSet"
        '31' + // "1"
        'a106' + // [1] result
        '810449454431', // [1] reference "IED1"
    ),
  },
  {
    // GOOSE.pcap frame 1 with allData's length raised from 0x20 to 0x7f: it runs past the APDU
    name: 'alldata-length-overflow',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '0001' + // APPID
        '001a' + // Length 26
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '6110' + // goosePdu, length 16
        '8003414243' + // [0] gocbRef "ABC"
        '850102' + // [5] stNum 2
        '860100' + // [6] sqNum 0
        'ab7f' + // [11] allData claims 127 octets ...
        '830100', // ... but holds one boolean
    ),
  },
  {
    // GOOSE_DEMO.pcap frame 1 edited: Simulate bit, simulation TRUE, numDatSetEntries 12 for
    // 10 entries, timeAllowedtoLive 0
    name: 'simulated-entries-mismatch',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '2000' + // APPID 0x2000
        '006c' + // Length 108
        '8000' + // Reserved 1: Simulate bit set
        '0000' + // Reserved 2
        '6162' + // goosePdu, length 98
        '8003313131' + // [0] gocbRef "111"
        '81050000000000' + // [1] timeAllowedtoLive 0
        '8203323232' + // [2] datSet "222"
        '8303333333' + // [3] goID "333"
        '84084ddda51adbe76d20' + // [4] t, quality: clock not synchronised
        '85050000000001' + // [5] stNum 1
        '86050000000002' + // [6] sqNum 2
        '8701ff' + // [7] simulation TRUE
        '88050000000001' + // [8] confRev 1
        '8901ff' + // [9] ndsCom TRUE
        '8a05000000000c' + // [10] numDatSetEntries 12
        'ab1e' + // [11] allData, 30 octets
        '830100830100830100830100830100' + // 5 x boolean FALSE
        '830100830100830100830100830100', // 5 x boolean FALSE
    ),
  },
  {
    // A header whose Length (4) cannot hold a header and an APDU
    name: 'length-too-short',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '0003' + // APPID
        '0004' + // Length 4
        '0000' + // Reserved 1
        '0000', // Reserved 2
    ),
  },
];
