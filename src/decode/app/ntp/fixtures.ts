/**
 * NTP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * UDP payloads of the shared captures (file and frame in each comment; fields checked against
 * tshark 4.0.17): iec61850/Sample_File_MMS_and_GOOSE.pcap and iec104/JavaRMI_and_IEC_Misc.pcap
 * (ITI/ICS-Security-Tools, CC-BY-4.0), datasets/qut-dnp3 (qut-infosec/2017QUT_DNP3). The mode 6
 * and mode 7 requests are the ones ntpq and ntpdc send, built by hand after ntp_control.h and
 * ntp_request.h; the kiss-o'-death after [RFC5905] 7.4. In array order: a client exchange, a
 * broadcast, then control and private requests.
 *
 * NTP has no length field: a datagram is one message, handed over whole as the pipeline does.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // Sample_File_MMS_and_GOOSE.pcap frame 1 (SNTP client)
    name: 'client-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '23' + // LI 0, VN 4, mode 3 client
        '00' + // stratum 0 (unspecified)
        '00' + // poll 0
        '00' + // precision 0
        '00000000' + // root delay 0
        '00000000' + // root dispersion 0
        '00000000' + // reference ID
        '0000000000000000' + // reference timestamp
        '0000000000000000' + // origin timestamp
        '0000000000000000' + // receive timestamp
        'cc2b0c4efb1abd7d', // transmit timestamp 2008-07-18 12:34:22.980876772
    ),
  },
  {
    // Sample_File_MMS_and_GOOSE.pcap frame 2
    name: 'server-reply',
    dir: S,
    role: 'normal',
    bytes: hex(
      '24' + // LI 0, VN 4, mode 4 server
        '06' + // stratum 6
        '00' + // poll 0
        'ec' + // precision -20
        '00000000' + // root delay 0
        '000002e3' + // root dispersion 0.01123 s
        '7f7f0100' + // reference ID 127.127.1.0 (local clock)
        'cc2b0c374b1a1279' + // reference timestamp
        'cc2b0c4efb1abd7d' + // origin timestamp (the client's transmit)
        'cc2b0c4efa8a1cac' + // receive timestamp
        'cc2b0c4efa8b00e5', // transmit timestamp
    ),
  },
  {
    // JavaRMI_and_IEC_Misc.pcap frame 2: stratum 1, reference "SHM" (shared memory refclock)
    name: 'server-reply-stratum-1',
    dir: S,
    role: 'normal',
    bytes: hex(
      '24' + // LI 0, VN 4, mode 4 server
        '01' + // stratum 1
        '00' + // poll 0
        'ed' + // precision -19
        '00000000' + // root delay 0
        '006bd0b9' + // root dispersion
        '53484d00' + // reference ID "SHM"
        'cbce6bc97b894dc1' + // reference timestamp
        '0000002500000000' + // origin timestamp (era 1: 2036)
        'cc3c245b1152c685' + // receive timestamp
        'cc3c245b115a3524', // transmit timestamp
    ),
  },
  {
    // qut-dnp3_control_training-frequent_slice.pcap frame 42: broadcast from a GPS clock
    name: 'broadcast',
    dir: S,
    role: 'normal',
    bytes: hex(
      '25' + // LI 0, VN 4, mode 5 broadcast
        '01' + // stratum 1
        '03' + // poll 3 (8 s)
        'de' + // precision -34 (2^-34 s, a GPS clock)
        '00000000' + // root delay
        '00000000' + // root dispersion
        '47505300' + // reference ID "GPS"
        'db63ec9f00000000' + // reference timestamp
        '0000000000000000' + // origin timestamp
        '0000000000000000' + // receive timestamp
        'db63eca04e9b6513', // transmit timestamp
    ),
  },
  {
    // Built: ntpq -c rv (mode 6 read variables, association 0)
    name: 'control-read-variables',
    dir: C,
    role: 'normal',
    bytes: hex(
      '16' + // LI 0, VN 2, mode 6 control
        '02' + // R 0, E 0, M 0, opcode 2 read variables
        '0001' + // sequence 1
        '0000' + // status
        '0000' + // association ID 0 (the system)
        '0000' + // offset 0
        '0000', // count 0
    ),
  },
  {
    // Built: ntpdc -c monlist (mode 7 MON_GETLIST_1), padded to 48 bytes as ntpdc sends it
    name: 'private-monlist',
    dir: C,
    role: 'normal',
    bytes: hex(
      '17' + // R 0, M 0, VN 2, mode 7 private
        '00' + // A 0, sequence 0
        '03' + // implementation 3 xntpd
        '2a' + // request code 42 MON_GETLIST_1
        '0000' + // err 0, 0 items
        '0000' + // item size 0
        '00'.repeat(40), // request data (unused)
    ),
  },
  {
    // Built ([RFC5905] 7.4): a RATE kiss-o'-death
    name: 'kiss-of-death-rate',
    dir: S,
    role: 'malformed',
    bytes: hex(
      'e4' + // LI 3 (unsynchronized), VN 4, mode 4 server
        '00' + // stratum 0: kiss-o'-death
        '00' + // poll 0
        '00' + // precision 0
        '00000000' + // root delay
        '00000000' + // root dispersion
        '52415445' + // kiss code "RATE"
        '0000000000000000' + // reference timestamp
        'cc2b0c4efb1abd7d' + // origin timestamp
        '0000000000000000' + // receive timestamp
        '0000000000000000', // transmit timestamp
    ),
  },
  {
    // Built: a client request cut after 20 bytes
    name: 'truncated-client',
    dir: C,
    role: 'malformed',
    bytes: hex('23' + '00' + '00' + '00' + '00000000' + '00000000' + '00000000' + '00000000'),
  },
];
