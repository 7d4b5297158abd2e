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

/** CP56Time2a 2013-07-04 08:23:04.145 (iec104.pcap): ms 4145, min 23, hour 8, day 4 (Thu), July, 13. */
const T_2013 = '3110' + '17' + '08' + '84' + '07' + '0d';

export const fixtures: readonly DecoderFixture[] = [
  {
    // iec104/iec104.pcap frame 4
    name: 'testfr-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // APDU length = 4
        '43' + // control 1: U format (bits 1-2 = 11), TESTFR act (0x40)
        '000000', // control 2-4 = 0
    ),
  },
  {
    // iec104/iec104.pcap frame 5
    name: 'testfr-con',
    dir: S,
    role: 'normal',
    bytes: hex('68' + '04' + '83' + '000000'), // U format TESTFR con (0x80)
  },
  {
    // iec104/iec104.pcap frame 7
    name: 'startdt-act',
    dir: C,
    role: 'normal',
    bytes: hex('68' + '04' + '07' + '000000'), // U format STARTDT act (0x04)
  },
  {
    // iec104/iec104.pcap frame 8
    name: 'startdt-con',
    dir: S,
    role: 'normal',
    bytes: hex('68' + '04' + '0b' + '000000'), // U format STARTDT con (0x08)
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
        '06' + // COT: cause 6 (act), P/N = 0, T = 0
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
      '680e' + // APCI, length 14
        '0000' + // N(S) = 0
        '0000' + // N(R) = 0
        '46' + // type id 70 M_EI_NA_1
        '01' + // 1 object
        '04' + // cause 4 (init)
        '00' + // originator 0
        '0a00' + // common address 10
        '000000' + // IOA 0
        '00', // COI: cause 0 local power on, unchanged parameters
    ),
  },
  {
    // iec104/iec104.pcap frame 11
    name: 'second-interrogation-act',
    dir: C,
    role: 'normal',
    bytes: hex('680e' + '0200' + '0200' + '64' + '01' + '06' + '00' + '0a00' + '000000' + '14'), // N(S) 1, N(R) 1
  },
  {
    // iec104/iec104.pcap frame 12: three APDUs in one segment
    name: 'interrogation-points',
    dir: S,
    role: 'normal',
    bytes: hex(
      '680e' +
        '0200' +
        '0200' + // N(S) 1, N(R) 1
        '64' +
        '01' +
        '07' +
        '00' +
        '0a00' + // C_IC_NA_1, 1 object, actcon, CA 10
        '000000' +
        '14' + // IOA 0, QOI 20
        '681a' +
        '0400' +
        '0200' + // N(S) 2, N(R) 1
        '01' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_SP_NA_1, SQ = 0, 4 objects, inrogen, CA 10
        '010000' +
        '00' + // IOA 1, SIQ off
        '020000' +
        '00' + // IOA 2, SIQ off
        '030000' +
        '00' + // IOA 3, SIQ off
        '040000' +
        '00' + // IOA 4, SIQ off
        '681a' +
        '0600' +
        '0200' + // N(S) 3, N(R) 1
        '03' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_DP_NA_1, 4 objects, inrogen, CA 10
        '010000' +
        '00' + // IOA 1, DIQ 0 (indeterminate or intermediate)
        '020000' +
        '00' +
        '030000' +
        '00' +
        '040000' +
        '00',
    ),
  },
  {
    // iec104/iec104.pcap frame 14: nine APDUs, four objects each, inrogen, CA 10
    name: 'interrogation-measurements',
    dir: S,
    role: 'normal',
    bytes: hex(
      '681e' +
        '0800' +
        '0400' +
        '05' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_ST_NA_1 N(S) 4
        ('010000' + '00' + '00') +
        ('020000' + '0000') +
        ('030000' + '0000') +
        ('040000' + '0000') + // VTI, QDS
        '682a' +
        '0a00' +
        '0400' +
        '07' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_BO_NA_1 N(S) 5
        ('010000' + '00000000' + '00') +
        ('020000' + '0000000000') +
        ('030000' + '0000000000') +
        ('040000' + '0000000000') + // BSI, QDS
        '6822' +
        '0c00' +
        '0400' +
        '09' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_ME_NA_1 N(S) 6
        ('010000' + '0000' + '00') +
        ('020000' + '000000') +
        ('030000' + '000000') +
        ('040000' + '000000') + // NVA, QDS
        '6822' +
        '0e00' +
        '0400' +
        '0b' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_ME_NB_1 N(S) 7
        ('010000' + '0000' + '00') +
        ('020000' + '000000') +
        ('030000' + '000000') +
        ('040000' + '000000') + // SVA, QDS
        '682a' +
        '1000' +
        '0400' +
        '0d' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_ME_NC_1 N(S) 8
        ('010000' + '00000000' + '00') +
        ('020000' + '0000000000') +
        ('030000' + '0000000000') +
        ('040000' + '0000000000') + // R32, QDS
        '6836' +
        '1200' +
        '0400' +
        '1e' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_SP_TB_1 N(S) 9
        ('0b0000' + '00' + T_2013) +
        ('0c0000' + '00' + T_2013) + // SIQ, CP56Time2a
        ('0d0000' + '00' + T_2013) +
        ('0e0000' + '00' + T_2013) +
        '6836' +
        '1400' +
        '0400' +
        '1f' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_DP_TB_1 N(S) 10
        ('0b0000' + '00' + T_2013) +
        ('0c0000' + '00' + T_2013) + // DIQ, CP56Time2a
        ('0d0000' + '00' + T_2013) +
        ('0e0000' + '00' + T_2013) +
        '683a' +
        '1600' +
        '0400' +
        '20' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_ST_TB_1 N(S) 11
        ('0b0000' + '0000' + T_2013) +
        ('0c0000' + '0000' + T_2013) + // VTI, QDS, CP56Time2a
        ('0d0000' + '0000' + T_2013) +
        ('0e0000' + '0000' + T_2013) +
        '6846' +
        '1800' +
        '0400' +
        '21' +
        '04' +
        '14' +
        '00' +
        '0a00' + // M_BO_TB_1 N(S) 12
        ('0b0000' + '0000000000' + T_2013) +
        ('0c0000' + '0000000000' + T_2013) + // BSI, QDS, CP56
        ('0d0000' + '0000000000' + T_2013) +
        ('0e0000' + '0000000000' + T_2013),
    ),
  },
  {
    // iec104/iec104.pcap frame 15
    name: 'supervisory-ack',
    dir: C,
    role: 'normal',
    bytes: hex(
      '68' + // APCI start
        '04' + // length 4
        '01' + // control 1: S format
        '00' + // control 2: 0
        '1a00', // N(R) = 13
    ),
  },
  {
    // iec104/iec104.pcap frame 20
    name: 'single-command-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '680e' + // APCI, length 14
        '0400' + // N(S) = 2
        '4200' + // N(R) = 33
        '2d' + // type id 45 C_SC_NA_1
        '01' + // 1 object
        '06' + // act
        '00' + // originator 0
        '0a00' + // common address 10
        '020000' + // IOA 2
        '01', // SCO: SCS on, QU 0, S/E 0 (execute)
    ),
  },
  {
    // iec104/iec104.pcap frame 21: actcon, actterm, then the point changing spontaneously
    name: 'single-command-actcon-actterm',
    dir: S,
    role: 'normal',
    bytes: hex(
      '680e' +
        '4200' +
        '0600' +
        '2d' +
        '01' +
        '07' +
        '00' +
        '0a00' +
        '020000' +
        '01' + // N(S) 33, actcon
        '680e' +
        '4400' +
        '0600' +
        '2d' +
        '01' +
        '0a' +
        '00' +
        '0a00' +
        '020000' +
        '01' + // N(S) 34, actterm
        '680e' +
        '4600' +
        '0600' +
        '01' +
        '01' +
        '03' +
        '00' +
        '0a00' +
        '020000' +
        '01', // M_SP_NA_1 spont, on
    ),
  },
  {
    // iec104/iec104.pcap frame 25, third APDU
    name: 'single-point-with-time',
    dir: S,
    role: 'normal',
    bytes: hex(
      '6815' + // APCI, length 21
        '4c00' + // N(S) = 38
        '0800' + // N(R) = 4
        '1e' + // type id 30 M_SP_TB_1
        '01' + // 1 object
        '03' + // spont
        '00' + // originator 0
        '0a00' + // common address 10
        '0d0000' + // IOA 13
        '01' + // SIQ: on, good quality
        'c75d' + // CP56Time2a ms = 24007
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
      '680e' +
        '0800' +
        '4e00' + // N(S) 4, N(R) 39
        '2e' + // type id 46 C_DC_NA_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
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
      '680e' +
        '0c00' +
        '5a00' + // N(S) 6, N(R) 45
        '2f' + // type id 47 C_RC_NA_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
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
      '6811' +
        '1000' +
        '6600' + // length 17, N(S) 8, N(R) 51
        '33' + // type id 51 C_BO_NA_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
        '030000' + // IOA 3
        '02000000', // BSI = 2
    ),
  },
  {
    // iec104/iec104.pcap frame 57
    name: 'setpoint-normalized-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6810' +
        '1400' +
        '7200' + // length 16, N(S) 10, N(R) 57
        '30' + // type id 48 C_SE_NA_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
        '010000' + // IOA 1
        '0004' + // NVA raw 0x0400 = 1024 -> 0.03125
        '00', // QOS: QL 0, execute
    ),
  },
  {
    // iec104/iec104.pcap frame 70
    name: 'setpoint-scaled-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6810' +
        '1800' +
        '7e00' + // N(S) 12, N(R) 63
        '31' + // type id 49 C_SE_NB_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
        '030000' + // IOA 3
        '7b00' + // SVA 123
        '00', // QOS 0
    ),
  },
  {
    // iec104/iec104.pcap frame 78
    name: 'setpoint-float-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6812' +
        '1c00' +
        '8a00' + // length 18, N(S) 14, N(R) 69
        '32' + // type id 50 C_SE_NC_1
        '01' +
        '06' +
        '00' +
        '0a00' + // 1 object, act, CA 10
        '010000' + // IOA 1
        'c3f54840' + // R32 3.14 (0x4048f5c3)
        '00', // QOS 0
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 1
    name: 'measured-float-periodic',
    dir: S,
    role: 'normal',
    bytes: hex(
      '681a' +
        '9a00' +
        '2800' + // length 26, N(S) 77, N(R) 20
        '0d' + // type id 13 M_ME_NC_1
        '02' + // SQ = 0, 2 objects
        '01' +
        '00' + // per/cyc, originator 0
        '0300' + // common address 3
        '140500' +
        '0000f041' +
        '00' + // IOA 1300, R32 30.0, QDS 0
        '150500' +
        '00003144' +
        '00', // IOA 1301, R32 708.0, QDS 0
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 9
    name: 'single-command-with-time-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6815' +
        '2800' +
        '9c00' + // length 21, N(S) 20, N(R) 78
        '3a' + // type id 58 C_SC_TA_1
        '01' +
        '06' +
        '00' +
        '0300' + // 1 object, act, CA 3
        '951100' + // IOA 4501
        '81' + // SCO: on, QU 0, S/E 1 (select)
        '0800' + // CP56Time2a ms = 8
        '17' + // minute 23
        '13' + // hour 19
        '0d' + // day 13
        '08' + // month 8
        '6d', // year 109: a struct tm year (1900 + 109 = 2009), as this device sends
    ),
  },
  {
    // iec104/090813_diverse.pcap frame 39
    name: 'setpoint-float-with-time-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6819' +
        '3000' +
        'aa00' + // length 25, N(S) 24, N(R) 85
        '3f' + // type id 63 C_SE_TC_1
        '01' +
        '06' +
        '00' +
        '0300' + // 1 object, act, CA 3
        '9d1300' + // IOA 5021
        '0000f642' + // R32 123.0
        '80' + // QOS: QL 0, select
        '0800' +
        '18' +
        '13' +
        '0d' +
        '08' +
        '6d', // CP56Time2a
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 139
    name: 'clock-sync-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6814' +
        '0c00' +
        '1600' + // length 20, N(S) 6, N(R) 11
        '67' + // type id 103 C_CS_NA_1
        '01' +
        '06' + // 1 object, act
        '04' + // originator address 4
        '0d91' + // common address 37133
        '000000' + // IOA 0
        'c832' + // ms 13000
        '39' + // minute 57
        '08' + // hour 8
        '1d' + // day 29, day of week 0
        '08' + // month 8
        '08', // year 8 -> 2008-08-29T08:57:13.000
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 140: an S format ack, then the confirmation
    name: 'clock-sync-actcon',
    dir: S,
    role: 'normal',
    bytes: hex(
      '6804' +
        '0100' +
        '0e00' + // S format, N(R) 7
        '6814' +
        '1600' +
        '0e00' + // I format, N(S) 11, N(R) 7
        '67' +
        '01' +
        '07' +
        '04' +
        '0d91' +
        '000000' +
        'c832' +
        '39' +
        '08' +
        '1d' +
        '08' +
        '08',
    ),
  },
  {
    // built from [101] 7.3.4.2: counter interrogation, general request, read only
    name: 'counter-interrogation-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '680e' +
        '1000' +
        '1800' + // N(S) 8, N(R) 12
        '65' + // type id 101 C_CI_NA_1
        '01' +
        '06' +
        '00' +
        '0d91' + // 1 object, act, CA 37133
        '000000' + // IOA 0
        '05', // QCC: RQT 5 general, FRZ 0 read
    ),
  },
  {
    // built from [101] 7.3.1.15: integrated totals answering the counter interrogation
    name: 'integrated-totals',
    dir: S,
    role: 'normal',
    bytes: hex(
      '6812' +
        '1800' +
        '1200' + // length 18, N(S) 12, N(R) 9
        '0f' + // type id 15 M_IT_NA_1
        '01' +
        '25' +
        '00' +
        '0d91' + // 1 object, reqcogen (37), CA 37133
        'e80300' + // IOA 1000
        'e8030000' + // counter 1000
        '62', // BCR: sequence 2, CY 1, CA 1, IV 0
    ),
  },
  {
    // built from [101] 7.3.4.3: read command
    name: 'read-command',
    dir: C,
    role: 'normal',
    bytes: hex(
      '680d' +
        '1200' +
        '1a00' + // length 13, N(S) 9, N(R) 13
        '66' + // type id 102 C_RD_NA_1
        '01' +
        '05' +
        '00' +
        '0d91' + // 1 object, req, CA 37133
        'e80300', // IOA 1000
    ),
  },
  {
    // built from [104] 8.8: test command with time tag
    name: 'test-command-with-time',
    dir: C,
    role: 'normal',
    bytes: hex(
      '6816' +
        '1400' +
        '1a00' + // length 22, N(S) 10, N(R) 13
        '6b' + // type id 107 C_TS_TA_1
        '01' +
        '06' +
        '00' +
        '0d91' + // 1 object, act, CA 37133
        '000000' + // IOA 0
        '3412' + // TSC 0x1234
        T_2013, // CP56Time2a
    ),
  },
  {
    // built from [101] 7.3.4.6: reset process, general reset
    name: 'reset-process-act',
    dir: C,
    role: 'normal',
    bytes: hex(
      '680e' +
        '1600' +
        '1a00' + // N(S) 11, N(R) 13
        '69' + // type id 105 C_RP_NA_1
        '01' +
        '06' +
        '00' +
        '0d91' + // 1 object, act, CA 37133
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
      '6810' +
        '1800' +
        '1a00' + // length 16, N(S) 12, N(R) 13
        '6f' + // type id 111 P_ME_NB_1
        '01' +
        '06' +
        '00' +
        '0d91' + // 1 object, act, CA 37133
        'e80300' + // IOA 1000
        '6400' + // SVA 100
        '01', // QPM: KPA 1 threshold, LPC 0, POP 0
    ),
  },
  {
    // built from [101] 7.3.1.21: normalized values without quality, SQ = 1
    name: 'normalized-sequence',
    dir: S,
    role: 'normal',
    bytes: hex(
      '6813' +
        '1a00' +
        '1a00' + // length 19, N(S) 13, N(R) 13
        '15' + // type id 21 M_ME_ND_1
        '83' + // SQ = 1, 3 elements
        '01' +
        '00' +
        '0d91' + // per/cyc, CA 37133
        '640000' + // IOA 100 (then 101, 102)
        '0040' + // 0x4000 = 0.5
        '00c0' + // 0xc000 = -0.5
        'ff7f', // 0x7fff = 1 - 2^-15
    ),
  },
  {
    // iec104/similator.pcap frame 658: a set-point refused, unknown information object
    name: 'setpoint-unknown-ioa',
    dir: S,
    role: 'normal',
    bytes: hex(
      '6819' +
        '2a00' +
        '0a00' + // length 25, N(S) 21, N(R) 5
        '3f' + // type id 63 C_SE_TC_1
        '01' + // 1 object
        '6f' + // COT: P/N = 1, cause 47 (unknown IOA)
        '00' +
        '0100' + // originator 0, CA 1
        '010000' + // IOA 1
        '5c8fc5c2' + // R32 -98.78
        '00' + // QOS 0
        '38c7' +
        '0c' +
        '0e' +
        '1e' +
        '09' +
        '13', // CP56Time2a 2019-09-30 14:12:51.000
    ),
  },
  {
    // built from [104] 5.3: the controlling station stops the data transfer
    name: 'stopdt-act',
    dir: C,
    role: 'normal',
    bytes: hex('68' + '04' + '13' + '000000'), // U format STOPDT act (0x10)
  },
  {
    name: 'stopdt-con',
    dir: S,
    role: 'normal',
    bytes: hex('68' + '04' + '23' + '000000'), // U format STOPDT con (0x20)
  },
  {
    // iec104/TestDissectIec104.pcap frame 36: seven stray octets, then a U format APDU with
    // length 5 and no valid function bit
    name: 'stray-octets-and-bad-u-format',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '07070707070707' + // stray octets
        '68' + // APCI start
        '05' + // length 5: one octet too many for U format
        '17' + // control 1: U format, bits 0x14 (two functions)
        '171717' + // control 2-4 not 0
        '17', // extra octet
    ),
  },
  {
    // iec104/TestDissectIec104.pcap frame 41: eight stray octets, an I format APDU whose ASDU
    // is 2 octets (type 24, reserved), then 2 stray octets
    name: 'stray-octets-and-truncated-asdu',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '0808080808080808' + // stray octets
        '68' +
        '06' + // APCI, length 6
        '1818' +
        '1818' + // I format, N(S) 3084, N(R) 3084
        '18' + // type id 24 (reserved)
        '18' + // VSQ; the ASDU ends here
        '1818', // stray octets
    ),
  },
  {
    // I format APDU with no ASDU (TestDissectIec104.pcap frame 25 without its prefix)
    name: 'i-format-without-asdu',
    dir: C,
    role: 'malformed',
    bytes: hex('68' + '04' + '16161616'),
  },
  {
    // APDU length below the 4 control octets
    name: 'apdu-length-too-short',
    dir: S,
    role: 'malformed',
    bytes: hex('68' + '02' + '0100'),
  },
  {
    // a double command with state 3 (not permitted), two objects, a month of 13
    name: 'double-command-not-permitted',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '6820' +
        '1a00' +
        '1a00' + // length 32, N(S) 13, N(R) 13
        '3b' + // type id 59 C_DC_TA_1
        '02' +
        '06' +
        '00' +
        '0d91' + // 2 objects (commands carry one), act
        '010000' +
        '03' +
        '0000' +
        '00' +
        '00' +
        '01' +
        '0d' +
        '13' + // DCS 3; month 13
        '020000' +
        '02' +
        '0000' +
        '00' +
        '00' +
        '01' +
        '01' +
        '13', // DCS 2 on; 2019-01-01
    ),
  },
];
