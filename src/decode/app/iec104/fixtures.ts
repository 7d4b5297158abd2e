/**
 * IEC 60870-5-104 byte fixtures for the unit tests and the decoder conformance suite.
 *
 * Most are TCP payloads of real captures in ../shared/data/pcaps/iec104 (file and frame named in
 * each comment; checked field by field against tshark 4.0.17); the types no shared capture
 * carries are built from the ASDU layouts of IEC 60870-5-101 7.3 ([101]) with the 104 field
 * sizes; the malformed ones are the stray-octet frames of TestDissectIec104.pcap and minimal
 * variants. In array order they form one conversation (client = controlling station).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // iec104/iec104.pcap frame 4
    name: 'testfr-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '43' + // U format, TESTFR act
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // iec104/iec104.pcap frame 5
    name: 'testfr-con',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '83' + // U format, TESTFR con
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // iec104/iec104.pcap frame 7
    name: 'startdt-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '07' + // U format, STARTDT act
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // iec104/iec104.pcap frame 8
    name: 'startdt-con',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '0b' + // U format, STARTDT con
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // iec104/iec104.pcap frame 9
    name: 'interrogation-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0000' + // I format, N(S) = 0
        '0000' + // N(R) = 0
        '64' + // type id 100 C_IC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '000000' + // IOA 0
        '14', // QOI 20: station interrogation
    ),
  },
  {
    // iec104/iec104.pcap frame 10
    name: 'end-of-initialization',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0000' + // I format, N(S) = 0
        '0000' + // N(R) = 0
        '46' + // type id 70 M_EI_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '04' + // COT: cause 4 (init)
        '00' + // originator address 0
        '0a00' + // common address 10
        '000000' + // IOA 0
        '00', // COI: cause 0 (local power on), parameters unchanged
    ),
  },
  {
    // iec104/iec104.pcap frame 11
    name: 'second-interrogation-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0200' + // I format, N(S) = 1
        '0200' + // N(R) = 1
        '64' + // type id 100 C_IC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '000000' + // IOA 0
        '14', // QOI 20: station interrogation
    ),
  },
  {
    // iec104/iec104.pcap frame 12: three APDUs in one segment
    name: 'interrogation-points',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0200' + // I format, N(S) = 1
        '0200' + // N(R) = 1
        '64' + // type id 100 C_IC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '07' + // COT: cause 7 (actcon)
        '00' + // originator address 0
        '0a00' + // common address 10
        '000000' + // IOA 0
        '14' + // QOI 20: station interrogation
        '68' + // APCI start
        '1a' + // APDU length = 26
        '0400' + // I format, N(S) = 2
        '0200' + // N(R) = 1
        '01' + // type id 1 M_SP_NA_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '00' + // SIQ: off, good quality
        '020000' + // IOA 2
        '00' + // SIQ: off, good quality
        '030000' + // IOA 3
        '00' + // SIQ: off, good quality
        '040000' + // IOA 4
        '00' + // SIQ: off, good quality
        '68' + // APCI start
        '1a' + // APDU length = 26
        '0600' + // I format, N(S) = 3
        '0200' + // N(R) = 1
        '03' + // type id 3 M_DP_NA_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '020000' + // IOA 2
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '030000' + // IOA 3
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '040000' + // IOA 4
        '00', // DIQ: DPI 0 (indeterminate or intermediate)
    ),
  },
  {
    // iec104/iec104.pcap frame 14: nine APDUs, four objects each, inrogen, CA 10
    name: 'interrogation-measurements',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '1e' + // APDU length = 30
        '0800' + // I format, N(S) = 4
        '0400' + // N(R) = 2
        '05' + // type id 5 M_ST_NA_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '020000' + // IOA 2
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '030000' + // IOA 3
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '040000' + // IOA 4
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '68' + // APCI start
        '2a' + // APDU length = 42
        '0a00' + // I format, N(S) = 5
        '0400' + // N(R) = 2
        '07' + // type id 7 M_BO_NA_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '020000' + // IOA 2
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '030000' + // IOA 3
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '040000' + // IOA 4
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '68' + // APCI start
        '22' + // APDU length = 34
        '0c00' + // I format, N(S) = 6
        '0400' + // N(R) = 2
        '09' + // type id 9 M_ME_NA_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '0000' + // NVA: 0 (0)
        '00' + // QDS: good
        '020000' + // IOA 2
        '0000' + // NVA: 0 (0)
        '00' + // QDS: good
        '030000' + // IOA 3
        '0000' + // NVA: 0 (0)
        '00' + // QDS: good
        '040000' + // IOA 4
        '0000' + // NVA: 0 (0)
        '00' + // QDS: good
        '68' + // APCI start
        '22' + // APDU length = 34
        '0e00' + // I format, N(S) = 7
        '0400' + // N(R) = 2
        '0b' + // type id 11 M_ME_NB_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '0000' + // SVA: 0
        '00' + // QDS: good
        '020000' + // IOA 2
        '0000' + // SVA: 0
        '00' + // QDS: good
        '030000' + // IOA 3
        '0000' + // SVA: 0
        '00' + // QDS: good
        '040000' + // IOA 4
        '0000' + // SVA: 0
        '00' + // QDS: good
        '68' + // APCI start
        '2a' + // APDU length = 42
        '1000' + // I format, N(S) = 8
        '0400' + // N(R) = 2
        '0d' + // type id 13 M_ME_NC_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '00000000' + // R32: 0
        '00' + // QDS: good
        '020000' + // IOA 2
        '00000000' + // R32: 0
        '00' + // QDS: good
        '030000' + // IOA 3
        '00000000' + // R32: 0
        '00' + // QDS: good
        '040000' + // IOA 4
        '00000000' + // R32: 0
        '00' + // QDS: good
        '68' + // APCI start
        '36' + // APDU length = 54
        '1200' + // I format, N(S) = 9
        '0400' + // N(R) = 2
        '1e' + // type id 30 M_SP_TB_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '0b0000' + // IOA 11
        '00' + // SIQ: off, good quality
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0c0000' + // IOA 12
        '00' + // SIQ: off, good quality
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0d0000' + // IOA 13
        '00' + // SIQ: off, good quality
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0e0000' + // IOA 14
        '00' + // SIQ: off, good quality
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '68' + // APCI start
        '36' + // APDU length = 54
        '1400' + // I format, N(S) = 10
        '0400' + // N(R) = 2
        '1f' + // type id 31 M_DP_TB_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '0b0000' + // IOA 11
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0c0000' + // IOA 12
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0d0000' + // IOA 13
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0e0000' + // IOA 14
        '00' + // DIQ: DPI 0 (indeterminate or intermediate)
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '68' + // APCI start
        '3a' + // APDU length = 58
        '1600' + // I format, N(S) = 11
        '0400' + // N(R) = 2
        '20' + // type id 32 M_ST_TB_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '0b0000' + // IOA 11
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0c0000' + // IOA 12
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0d0000' + // IOA 13
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0e0000' + // IOA 14
        '00' + // VTI: step position 0
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '68' + // APCI start
        '46' + // APDU length = 70
        '1800' + // I format, N(S) = 12
        '0400' + // N(R) = 2
        '21' + // type id 33 M_BO_TB_1
        '04' + // VSQ: SQ = 0, 4 objects
        '14' + // COT: cause 20 (inrogen)
        '00' + // originator address 0
        '0a00' + // common address 10
        '0b0000' + // IOA 11
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0c0000' + // IOA 12
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0d0000' + // IOA 13
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d' + // year 13
        '0e0000' + // IOA 14
        '00000000' + // BSI: 0x00000000 (least significant octet first)
        '00' + // QDS: good
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d', // year 13
    ),
  },
  {
    // iec104/iec104.pcap frame 15
    name: 'supervisory-ack',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '0100' + // S format
        '1a00', // N(R) = 13
    ),
  },
  {
    // iec104/iec104.pcap frame 20
    name: 'single-command-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0400' + // I format, N(S) = 2
        '4200' + // N(R) = 33
        '2d' + // type id 45 C_SC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '020000' + // IOA 2
        '01', // SCO: on, QU 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 21: actcon, actterm, then the point changing spontaneously
    name: 'single-command-actcon-actterm',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '4200' + // I format, N(S) = 33
        '0600' + // N(R) = 3
        '2d' + // type id 45 C_SC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '07' + // COT: cause 7 (actcon)
        '00' + // originator address 0
        '0a00' + // common address 10
        '020000' + // IOA 2
        '01' + // SCO: on, QU 0, execute
        '68' + // APCI start
        '0e' + // APDU length = 14
        '4400' + // I format, N(S) = 34
        '0600' + // N(R) = 3
        '2d' + // type id 45 C_SC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '0a' + // COT: cause 10 (actterm)
        '00' + // originator address 0
        '0a00' + // common address 10
        '020000' + // IOA 2
        '01' + // SCO: on, QU 0, execute
        '68' + // APCI start
        '0e' + // APDU length = 14
        '4600' + // I format, N(S) = 35
        '0600' + // N(R) = 3
        '01' + // type id 1 M_SP_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '03' + // COT: cause 3 (spont)
        '00' + // originator address 0
        '0a00' + // common address 10
        '020000' + // IOA 2
        '01', // SIQ: on, good quality
    ),
  },
  {
    // iec104/iec104.pcap frame 25, third APDU
    name: 'single-point-with-time',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '15' + // APDU length = 21
        '4c00' + // I format, N(S) = 38
        '0800' + // N(R) = 4
        '1e' + // type id 30 M_SP_TB_1
        '01' + // VSQ: SQ = 0, 1 object
        '03' + // COT: cause 3 (spont)
        '00' + // originator address 0
        '0a00' + // common address 10
        '0d0000' + // IOA 13
        '01' + // SIQ: on, good quality
        'c75d' + // CP56Time2a milliseconds = 24007 (24.007 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d', // year 13
    ),
  },
  {
    // iec104/iec104.pcap frame 29
    name: 'double-command-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0800' + // I format, N(S) = 4
        '4e00' + // N(R) = 39
        '2e' + // type id 46 C_DC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '01', // DCO: DCS 1 (off), QU 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 39
    name: 'regulating-step-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '0c00' + // I format, N(S) = 6
        '5a00' + // N(R) = 45
        '2f' + // type id 47 C_RC_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '02', // RCO: RCS 2 (higher), QU 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 49
    name: 'bitstring-command-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '11' + // APDU length = 17
        '1000' + // I format, N(S) = 8
        '6600' + // N(R) = 51
        '33' + // type id 51 C_BO_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '030000' + // IOA 3
        '02000000', // BSI: 0x00000002 (least significant octet first)
    ),
  },
  {
    // iec104/iec104.pcap frame 57
    name: 'setpoint-normalized-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '10' + // APDU length = 16
        '1400' + // I format, N(S) = 10
        '7200' + // N(R) = 57
        '30' + // type id 48 C_SE_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        '0004' + // NVA: 1024 (0.03125)
        '00', // QOS: QL 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 70
    name: 'setpoint-scaled-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '10' + // APDU length = 16
        '1800' + // I format, N(S) = 12
        '7e00' + // N(R) = 63
        '31' + // type id 49 C_SE_NB_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '030000' + // IOA 3
        '7b00' + // SVA: 123
        '00', // QOS: QL 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 78
    name: 'setpoint-float-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '12' + // APDU length = 18
        '1c00' + // I format, N(S) = 14
        '8a00' + // N(R) = 69
        '32' + // type id 50 C_SE_NC_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0a00' + // common address 10
        '010000' + // IOA 1
        'c3f54840' + // R32: 3.14
        '00', // QOS: QL 0, execute
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 1
    name: 'measured-float-periodic',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '1a' + // APDU length = 26
        '9a00' + // I format, N(S) = 77
        '2800' + // N(R) = 20
        '0d' + // type id 13 M_ME_NC_1
        '02' + // VSQ: SQ = 0, 2 objects
        '01' + // COT: cause 1 (per_cyc)
        '00' + // originator address 0
        '0300' + // common address 3
        '140500' + // IOA 1300
        '0000f041' + // R32: 3e+01
        '00' + // QDS: good
        '150500' + // IOA 1301
        '00003144' + // R32: 708
        '00', // QDS: good
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 9
    name: 'single-command-with-time-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '15' + // APDU length = 21
        '2800' + // I format, N(S) = 20
        '9c00' + // N(R) = 78
        '3a' + // type id 58 C_SC_TA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0300' + // common address 3
        '951100' + // IOA 4501
        '81' + // SCO: on, QU 0, select
        '0800' + // CP56Time2a milliseconds = 8 (0.008 s)
        '17' + // minute 23
        '13' + // hour 19
        '0d' + // day 13, day of week 0
        '08' + // month 8
        '6d', // year 109
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 39
    name: 'setpoint-float-with-time-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '19' + // APDU length = 25
        '3000' + // I format, N(S) = 24
        'aa00' + // N(R) = 85
        '3f' + // type id 63 C_SE_TC_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0300' + // common address 3
        '9d1300' + // IOA 5021
        '0000f642' + // R32: 123
        '80' + // QOS: QL 0, select
        '0800' + // CP56Time2a milliseconds = 8 (0.008 s)
        '18' + // minute 24
        '13' + // hour 19
        '0d' + // day 13, day of week 0
        '08' + // month 8
        '6d', // year 109
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 139
    name: 'clock-sync-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '14' + // APDU length = 20
        '0c00' + // I format, N(S) = 6
        '1600' + // N(R) = 11
        '67' + // type id 103 C_CS_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '04' + // originator address 4
        '0d91' + // common address 37133
        '000000' + // IOA 0
        'c832' + // CP56Time2a milliseconds = 13000 (13.000 s)
        '39' + // minute 57
        '08' + // hour 8
        '1d' + // day 29, day of week 0
        '08' + // month 8
        '08', // year 8
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 140: an S format ack, then the confirmation
    name: 'clock-sync-actcon',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '0100' + // S format
        '0e00' + // N(R) = 7
        '68' + // APCI start
        '14' + // APDU length = 20
        '1600' + // I format, N(S) = 11
        '0e00' + // N(R) = 7
        '67' + // type id 103 C_CS_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '07' + // COT: cause 7 (actcon)
        '04' + // originator address 4
        '0d91' + // common address 37133
        '000000' + // IOA 0
        'c832' + // CP56Time2a milliseconds = 13000 (13.000 s)
        '39' + // minute 57
        '08' + // hour 8
        '1d' + // day 29, day of week 0
        '08' + // month 8
        '08', // year 8
    ),
  },
  {
    // built from [101] 7.3.4.2: counter interrogation, general request, read only
    name: 'counter-interrogation-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '1000' + // I format, N(S) = 8
        '1800' + // N(R) = 12
        '65' + // type id 101 C_CI_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0d91' + // common address 37133
        '000000' + // IOA 0
        '05', // QCC: RQT 5 (general counters), FRZ 0 (read)
    ),
  },
  {
    // built from [101] 7.3.1.15: integrated totals answering the counter interrogation
    name: 'integrated-totals',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '12' + // APDU length = 18
        '1800' + // I format, N(S) = 12
        '1200' + // N(R) = 9
        '0f' + // type id 15 M_IT_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '25' + // COT: cause 37 (reqcogen)
        '00' + // originator address 0
        '0d91' + // common address 37133
        'e80300' + // IOA 1000
        'e803000062', // BCR: counter reading 1000, sequence 2, CY, CA
    ),
  },
  {
    // built from [101] 7.3.4.3: read command
    name: 'read-command',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0d' + // APDU length = 13
        '1200' + // I format, N(S) = 9
        '1a00' + // N(R) = 13
        '66' + // type id 102 C_RD_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '05' + // COT: cause 5 (req)
        '00' + // originator address 0
        '0d91' + // common address 37133
        'e80300', // IOA 1000
    ),
  },
  {
    // built from [104] 8.8: test command with time tag
    name: 'test-command-with-time',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '16' + // APDU length = 22
        '1400' + // I format, N(S) = 10
        '1a00' + // N(R) = 13
        '6b' + // type id 107 C_TS_TA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0d91' + // common address 37133
        '000000' + // IOA 0
        '3412' + // TSC: test sequence counter 4660
        '3110' + // CP56Time2a milliseconds = 4145 (4.145 s)
        '17' + // minute 23
        '08' + // hour 8
        '84' + // day 4, day of week 4
        '07' + // month 7
        '0d', // year 13
    ),
  },
  {
    // built from [101] 7.3.4.6: reset process, general reset
    name: 'reset-process-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '0e' + // APDU length = 14
        '1600' + // I format, N(S) = 11
        '1a00' + // N(R) = 13
        '69' + // type id 105 C_RP_NA_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0d91' + // common address 37133
        '000000' + // IOA 0
        '01', // QRP 1: general reset of process
    ),
  },
  {
    // built from [101] 7.3.5.2: parameter of measured value, scaled, threshold
    name: 'parameter-scaled-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '10' + // APDU length = 16
        '1800' + // I format, N(S) = 12
        '1a00' + // N(R) = 13
        '6f' + // type id 111 P_ME_NB_1
        '01' + // VSQ: SQ = 0, 1 object
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0d91' + // common address 37133
        'e80300' + // IOA 1000
        '6400' + // SVA: 100
        '01', // QPM: KPA 1 (threshold)
    ),
  },
  {
    // built from [101] 7.3.1.21: normalized values without quality, SQ = 1
    name: 'normalized-sequence',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '13' + // APDU length = 19
        '1a00' + // I format, N(S) = 13
        '1a00' + // N(R) = 13
        '15' + // type id 21 M_ME_ND_1
        '83' + // VSQ: SQ = 1, 3 elements
        '01' + // COT: cause 1 (per_cyc)
        '00' + // originator address 0
        '0d91' + // common address 37133
        '640000' + // IOA 100
        '0040' + // IOA 100: NVA: 16384 (0.5)
        '00c0' + // IOA 101: NVA: -16384 (-0.5)
        'ff7f', // IOA 102: NVA: 32767 (0.9999695)
    ),
  },
  {
    // iec104/similator.pcap frame 658: a set-point refused, unknown information object
    name: 'setpoint-unknown-ioa',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '19' + // APDU length = 25
        '2a00' + // I format, N(S) = 21
        '0a00' + // N(R) = 5
        '3f' + // type id 63 C_SE_TC_1
        '01' + // VSQ: SQ = 0, 1 object
        '6f' + // COT: cause 47 (unknown IOA), P/N = 1 (negative)
        '00' + // originator address 0
        '0100' + // common address 1
        '010000' + // IOA 1
        '5c8fc5c2' + // R32: -98.78
        '00' + // QOS: QL 0, execute
        '38c7' + // CP56Time2a milliseconds = 51000 (51.000 s)
        '0c' + // minute 12
        '0e' + // hour 14
        '1e' + // day 30, day of week 0
        '09' + // month 9
        '13', // year 19
    ),
  },
  {
    // built from [104] 5.3: the controlling station stops the data transfer
    name: 'stopdt-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '13' + // U format, STOPDT act
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // built from [104] 5.3: the controlled station confirms the stop
    name: 'stopdt-con',
    dir: S,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '23' + // U format, STOPDT con
        '000000', // control octets 2-4 = 0
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 36: seven stray octets, then a U format APDU with
    // length 5 and no valid function bit
    name: 'stray-octets-and-bad-u-format',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '07070707070707' + // stray octets (no APCI start)
        '68' + // APCI start
        '05' + // APDU length = 5
        '17' + // U format, function bits 0x14: not exactly one function
        '171717' + // control octets 2-4, not 0
        '17', // octet beyond the 4 control octets of a U format
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 41: eight stray octets, an I format APDU whose ASDU
    // is 2 octets (type 24, reserved), then 2 stray octets
    name: 'stray-octets-and-truncated-asdu',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0808080808080808' + // stray octets (no APCI start)
        '68' + // APCI start
        '06' + // APDU length = 6
        '1818' + // I format, N(S) = 3084
        '1818' + // N(R) = 3084
        '18' + // type id 24 reserved
        '18' + // VSQ: SQ = 0, 24 objects; the ASDU ends here
        '1818', // stray octets (no APCI start)
    ),
  },
  {
    // I format APDU with no ASDU (TestDissectIec104.pcap frame 25 without its prefix)
    name: 'i-format-without-asdu',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '1616' + // I format, N(S) = 2827
        '1616', // N(R) = 2827; no ASDU
    ),
  },
  {
    // APDU length below the 4 control octets
    name: 'apdu-length-too-short',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '68' + // APCI start
        '02' + // APDU length = 2, below the 4 control octets
        '0100', // 2 octets framed by that length
    ),
  },
  {
    // a double command with state 3 (not permitted), two objects, a month of 13
    name: 'double-command-not-permitted',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '68' + // APCI start
        '20' + // APDU length = 32
        '1a00' + // I format, N(S) = 13
        '1a00' + // N(R) = 13
        '3b' + // type id 59 C_DC_TA_1
        '02' + // VSQ: SQ = 0, 2 objects
        '06' + // COT: cause 6 (act)
        '00' + // originator address 0
        '0d91' + // common address 37133
        '010000' + // IOA 1
        '03' + // DCO: DCS 3 (not permitted), QU 0, execute
        '0000' + // CP56Time2a milliseconds = 0 (0.000 s)
        '00' + // minute 0
        '00' + // hour 0
        '01' + // day 1, day of week 0
        '0d' + // month 13 (out of range: months are 1-12)
        '13' + // year 19
        '020000' + // IOA 2
        '02' + // DCO: DCS 2 (on), QU 0, execute
        '0000' + // CP56Time2a milliseconds = 0 (0.000 s)
        '00' + // minute 0
        '00' + // hour 0
        '01' + // day 1, day of week 0
        '01' + // month 1
        '13', // year 19
    ),
  },
];
