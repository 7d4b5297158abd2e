/**
 * EtherCAT byte fixtures for the unit tests and the decoder conformance suite: Ethernet
 * payloads (from the EtherCAT header on, Ethernet padding included) of
 * other-ics/EtherCAT.pcap of the shared captures (ControlThings-io/ct-samples, GPL-3.0; a
 * master at 00:14:4f:23:98:cf and five slaves; frame in each comment, fields checked against
 * tshark 4.0.17 `ecat`). Datagram lines read: command, index, ADP, ADO (or logical address),
 * length/flags, IRQ, data, working counter.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const D = Direction.TO_SERVER;
const PAD = (n: number): string => '00'.repeat(n);

export const fixtures: readonly DecoderFixture[] = [
  {
    // EtherCAT.pcap frame 1 (master to the ring)
    name: 'brd-al-status-sent',
    dir: D,
    role: 'normal',
    bytes: hex(
      '0e10' + // frame header: length 14, type 1 (commands)
        '07' + // command 7 BRD
        '02' + // index 2
        '0000' + // ADP 0
        '3001' + // ADO 0x0130 (AL status)
        '0200' + // length 2, not circulating, last datagram
        '0000' + // IRQ
        '0000' + // data
        '0000' + // working counter 0
        PAD(30), // Ethernet padding
    ),
  },
  {
    // EtherCAT.pcap frame 2 (the same frame back from the ring)
    name: 'brd-al-status-returned',
    dir: D,
    role: 'normal',
    bytes: hex(
      '0e10' + // frame header: length 14, type 1
        '07' + // BRD
        '02' + // index 2
        '0500' + // ADP 5 (incremented by each of the five slaves)
        '3001' + // ADO 0x0130
        '0200' + // length 2, last
        '0400' + // IRQ 0x0004
        '0800' + // data: AL status 0x0008 (OP)
        '0500' + // working counter 5
        PAD(30),
    ),
  },
  {
    // EtherCAT.pcap frame 3: a broadcast INIT request, then the AL status of every slave.
    name: 'bwr-al-control-init',
    dir: D,
    role: 'normal',
    bytes: hex(
      '6210' + // frame header: length 98, type 1
        '08' +
        '03' +
        '0000' +
        '2001' +
        '0280' +
        '0000' +
        '1100' +
        '0000' + // BWR AL control 0x0011: INIT + error ack
        '07' +
        '04' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // BRD AL status
        '01' +
        '05' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 0
        '01' +
        '06' +
        'ffff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 1
        '01' +
        '07' +
        'feff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 2
        '01' +
        '08' +
        'fdff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 3
        '01' +
        '09' +
        'fcff' +
        '3001' +
        '0200' +
        '0000' +
        '0000' +
        '0000', // APRD slave 4, last
    ),
  },
  {
    // EtherCAT.pcap frame 23: station address 0x1001 to the slave at position 1.
    name: 'apwr-station-address',
    dir: D,
    role: 'normal',
    bytes: hex(
      '6210' + // frame header: length 98, type 1
        '02' +
        '49' +
        'ffff' +
        '1000' +
        '0280' +
        '0000' +
        '0110' +
        '0000' + // APWR 0x0010 := 0x1001
        '07' +
        '4a' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // BRD AL status
        '01' +
        '4b' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 0
        '01' +
        '4c' +
        'ffff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 1
        '01' +
        '4d' +
        'feff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 2
        '01' +
        '4e' +
        'fdff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 3
        '01' +
        '4f' +
        'fcff' +
        '3001' +
        '0200' +
        '0000' +
        '0000' +
        '0000', // APRD slave 4, last
    ),
  },
  {
    // EtherCAT.pcap frame 857: a logical read followed by the AL status poll.
    name: 'lrd-and-status-poll',
    dir: D,
    role: 'normal',
    bytes: hex(
      '6110' + // frame header: length 97, type 1
        '0a' +
        '2f' +
        '00100100' +
        '0180' +
        '0000' +
        '00' +
        '0000' + // LRD 0x00011000, 1 byte
        '07' +
        '30' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // BRD AL status
        '01' +
        '31' +
        '0000' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 0
        '01' +
        '32' +
        'ffff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 1
        '01' +
        '33' +
        'feff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 2
        '01' +
        '34' +
        'fdff' +
        '3001' +
        '0280' +
        '0000' +
        '0000' +
        '0000' + // APRD slave 3
        '01' +
        '35' +
        'fcff' +
        '3001' +
        '0200' +
        '0000' +
        '0000' +
        '0000', // APRD slave 4, last
    ),
  },
  {
    // EtherCAT.pcap frame 511, first three datagrams (header length cut to 46): EEPROM
    // control writes, then INIT requested from station 0x1000.
    name: 'fpwr-al-control-init',
    dir: D,
    role: 'normal',
    bytes: hex(
      '2e10' + // frame header: length 46, type 1
        '05' +
        '8f' +
        '0310' +
        '0205' +
        '0480' +
        '0000' +
        '0001a700' +
        '0000' + // FPWR 0x1003 EEPROM control
        '05' +
        '90' +
        '0410' +
        '0205' +
        '0480' +
        '0000' +
        '0001a700' +
        '0000' + // FPWR 0x1004 EEPROM control
        '05' +
        '91' +
        '0010' +
        '2001' +
        '0200' +
        '0000' +
        '0100' +
        '0000', // FPWR 0x1000 AL control INIT, last
    ),
  },
  {
    // Built from ETG.1000.4 5.4: a datagram whose length runs past the frame (malformed).
    name: 'datagram-past-frame-end',
    dir: D,
    role: 'malformed',
    bytes: hex(
      '0e10' + // frame header: length 14
        '04' +
        '01' +
        '0010' +
        '3001' +
        '4000' +
        '0000' +
        '0000' +
        '0000', // FPRD, length 64: past the end
    ),
  },
  {
    // Built from ETG.1000.6 5.6: a CoE mailbox written to the mailbox out buffer at 0x1800.
    name: 'fpwr-coe-mailbox',
    dir: D,
    role: 'normal',
    bytes: hex(
      '1a10' + // frame header: length 26, type 1
        '05' +
        '10' +
        '0010' +
        '0018' +
        '0e00' +
        '0000' + // FPWR station 0x1000, ADO 0x1800, 14 bytes
        '0800' + // mailbox length 8
        '0000' + // address 0
        '00' + // channel, priority
        '13' + // type 3 (CoE), counter 1
        '0020' +
        '4018' +
        '10' +
        '000000' + // CoE SDO upload request 0x1018:01
        '0000', // working counter
    ),
  },
];
