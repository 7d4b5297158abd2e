/**
 * Sampled Values byte fixtures for the unit tests and the decoder conformance suite: Ethernet
 * payloads from the APPID on (what the pipeline hands the decoder after the EtherType and any
 * VLAN tag).
 *
 * The shared captures hold no Sampled Values, so these are built from the specifications: the
 * 9-2LE frames follow the UCA 9-2LE guideline (one ASDU, svID, smpCnt, confRev, smpSynch, 64
 * octets of PhsMeas1), the Ed.2 frame carries every optional field of IEC 61850-9-2 8.5.2.
 * test/golden/sv/build-captures.ts puts the same frames on the wire for tshark to check. In
 * array order they form one stream: smpCnt 3999 then 0 (the counter wrapping at 50 Hz x 80).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const P = Direction.TO_SERVER;

/** PhsMeas1 of a balanced three-phase system: (INT32 value, quality 0 = good) x 8. */
const PHS_MEAS =
  '00003039' + // Ia 12345 mA
  '00000000' + // quality good
  'ffffe7e4' + // Ib -6172 mA
  '00000000' +
  'ffffe7e3' + // Ic -6173 mA
  '00000000' +
  '00000000' + // In 0
  '00000000' +
  '0009b0cd' + // Va 635085 x 10 mV
  '00000000' +
  'fffb279a' + // Vb -317542 x 10 mV
  '00000000' +
  'fffb2799' + // Vc -317543 x 10 mV
  '00000000' +
  '00000000' + // Vn 0
  '00000000';

/** A 9-2LE frame of merging unit MU0101 with sample counter `smpCnt` (4 hex digits). */
function le(smpCnt: string): Uint8Array {
  return hex(
    '4000' + // APPID 0x4000
      '0068' + // Length 104
      '0000' + // Reserved 1: Simulate bit clear
      '0000' + // Reserved 2
      '605e' + // savPdu [APPLICATION 0], length 94
      '800101' + // [0] noASDU 1
      'a259' + // [2] seqASDU, length 89
      '3057' + // ASDU, length 87
      '8006' + // [0] svID, 6 octets
      '4d5530313031' + // "MU0101"
      '8202' +
      smpCnt + // [2] smpCnt
      '830400000001' + // [3] confRev 1
      '850102' + // [5] smpSynch 2: global clock
      '8740' + // [7] seqData, 64 octets
      PHS_MEAS,
  );
}

export const fixtures: readonly DecoderFixture[] = [
  {
    // 9-2LE, 80 samples per cycle at 50 Hz: the last sample of a second
    name: 'le-smpcnt-3999',
    dir: P,
    role: 'normal',
    bytes: le('0f9f'),
  },
  {
    // The next sample: smpCnt wraps to 0
    name: 'le-smpcnt-0',
    dir: P,
    role: 'normal',
    bytes: le('0000'),
  },
  {
    // IEC 61850-9-2 Ed.2 8.5.2 with every optional field; a 2-channel data set
    name: 'ed2-all-fields',
    dir: P,
    role: 'normal',
    bytes: hex(
      '4001' + // APPID 0x4001
        '0065' + // Length 101
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '605b' + // savPdu, length 91
        '800101' + // [0] noASDU 1
        'a256' + // [2] seqASDU, length 86
        '3054' + // ASDU, length 84
        '8013' + // [0] svID, 19 octets
        '494544314d552f4c4c4e30244d5356434230' + // "IED1MU/LLN0$MSVCB0"
        '31' + // "1"
        '8114' + // [1] datSet, 20 octets
        '494544314d552f4c4c4e30245068734d656173' + // "IED1MU/LLN0$PhsMeas"
        '31' + // "1"
        '82020000' + // [2] smpCnt 0
        '830400000002' + // [3] confRev 2
        '84085f5e100080000018' + // [4] refrTm 2020-09-13 12:26:40.5 UTC, 24-bit accuracy
        '850101' + // [5] smpSynch 1: local clock
        '86020050' + // [6] smpRate 80
        '8708' + // [7] seqData, 8 octets
        '00000064' + // value 100
        '00002000' + // quality: good, derived (bit 13)
        '88020000', // [8] smpMod 0: samples per nominal period
    ),
  },
  {
    // 9-2LE frame saying noASDU 2 while carrying one ASDU, with the Simulate bit set
    name: 'noasdu-mismatch-simulated',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '4000' + // APPID 0x4000
        '0068' + // Length 104
        '8000' + // Reserved 1: Simulate bit set
        '0000' + // Reserved 2
        '605e' + // savPdu, length 94
        '800102' + // [0] noASDU 2 (one present)
        'a259' + // [2] seqASDU
        '3057' + // ASDU
        '80064d5530313031' + // [0] svID "MU0101"
        '82020001' + // [2] smpCnt 1
        '830400000001' + // [3] confRev 1
        '850100' + // [5] smpSynch 0: not synchronised
        '8740' + // [7] seqData, 64 octets
        PHS_MEAS,
    ),
  },
  {
    // An ASDU whose seqData length (0x7f) runs past the savPdu
    name: 'seqdata-length-overflow',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '4000' + // APPID
        '001e' + // Length 30
        '0000' + // Reserved 1
        '0000' + // Reserved 2
        '6014' + // savPdu, length 20
        '800101' + // [0] noASDU 1
        'a20f' + // [2] seqASDU, length 15
        '300d' + // ASDU, length 13
        '80024d55' + // [0] svID "MU"
        '82020002' + // [2] smpCnt 2
        '877f' + // [7] seqData claims 127 octets ...
        '000000', // ... three are there
    ),
  },
];
