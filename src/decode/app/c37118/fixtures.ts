/**
 * C37.118 byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of ../shared/data/pcaps/c37.118/C37.118_1PMU_TCP.pcap (ITI/ICS-Security-Tools,
 * CC-BY-4.0; file and frame in each comment; fields checked against tshark 4.0.17's synphasor
 * dissector). In array order they form the start of the capture's session: the PDC asks for
 * CFG-2, the PMU sends it, the PDC turns transmission on and data frames follow.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // C37.118_1PMU_TCP.pcap frame 4
    name: 'command-send-cfg2',
    dir: C,
    role: 'normal',
    bytes: hex(
      'aa41' + // SYNC: frame type 4 (command), version 1
        '0012' + // FRAMESIZE 18
        '00f1' + // IDCODE 241
        '00000000' + // SOC 0
        '00000000' + // FRACSEC: time quality 0, fraction 0
        '0005' + // CMD 5: send CFG-2
        'd7d0', // CHK
    ),
  },
  {
    // C37.118_1PMU_TCP.pcap frame 6
    name: 'cfg2',
    dir: S,
    role: 'normal',
    bytes: hex(
      'aa31' + // SYNC: frame type 3 (CFG-2), version 1
        '0086' + // FRAMESIZE 134
        '00f1' + // IDCODE 241
        '4893344a' + // SOC 2008-08-01 16:05:30 UTC
        '0019999a' + // FRACSEC: time quality 0, fraction 1677722
        '00ffffff' + // TIME_BASE 16777215
        '0001' + // NUM_PMU 1
        '426c756520504d5520202020202020' + // STN 'Blue PMU' (16 bytes with the next)
        '20' +
        '00f1' + // IDCODE 241
        '0006' + // FORMAT: analogs float, phasors float, rectangular, FREQ 16-bit
        '0004' + // PHNMR 4
        '0000' + // ANNMR 0
        '0000' + // DGNMR 0
        '56314c504d2020202020202020202020' + // CHNAM 'V1LPM'
        '56414c504d2020202020202020202020' + // CHNAM 'VALPM'
        '56424c504d2020202020202020202020' + // CHNAM 'VBLPM'
        '56434c504d2020202020202020202020' + // CHNAM 'VCLPM'
        '00000001' + // PHUNIT #1: voltage, 1 x 10^-5
        '00000001' + // PHUNIT #2
        '00000001' + // PHUNIT #3
        '00000001' + // PHUNIT #4
        '0001' + // FNOM: 50 Hz
        '0059' + // CFGCNT 89
        '0032' + // DATA_RATE 50 frames/s
        'c1e2', // CHK
    ),
  },
  {
    // C37.118_1PMU_TCP.pcap frame 8
    name: 'command-turn-on',
    dir: C,
    role: 'normal',
    bytes: hex(
      'aa41' + // SYNC: command, version 1
        '0012' + // FRAMESIZE 18
        '00f1' + // IDCODE 241
        '00000000' + // SOC
        '00000000' + // FRACSEC
        '0002' + // CMD 2: turn on transmission
        'a737', // CHK
    ),
  },
  {
    // C37.118_1PMU_TCP.pcap frame 10
    name: 'data',
    dir: S,
    role: 'normal',
    bytes: hex(
      'aa01' + // SYNC: frame type 0 (data), version 1
        '0036' + // FRAMESIZE 54
        '00f1' + // IDCODE 241
        '4893344a' + // SOC
        '001eb852' + // FRACSEC: fraction 2013266 (0.12 s)
        '0800' + // STAT: trigger detected, reason 0 (manual)
        '42f68f24c7c36623' + // phasor 1 real 123.28, imaginary -100044.27 (float)
        '430188cbc7c36332' + // phasor 2
        'c7a956764742fe4b' + // phasor 3
        '47a91cdd4743d144' + // phasor 4
        '0000' + // FREQ: 0 mHz deviation (16-bit)
        '0000' + // DFREQ 0
        '47ef', // CHK
    ),
  },
];
