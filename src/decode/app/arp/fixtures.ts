/**
 * ARP byte fixtures for the unit tests and the decoder conformance suite: whole Ethernet frames
 * from the destination MAC on (what the pipeline hands this decoder, `etherHeader`).
 *
 * Real frames from the shared captures (file and frame in each comment; fields checked with
 * tshark 4.0.17): the QUT DNP3 MITM slice (qut-infosec/2017QUT_DNP3), where 00:10:18:cb:8c:13
 * (192.168.10.66) poisons the caches of 192.168.10.221 (00:18:64:02:2f:a6) and 192.168.10.222
 * (00:18:64:02:30:fc), and a gratuitous reply from profinet/ChangeIPUsingDCP.pcap. The
 * VLAN-tagged and malformed frames are edits of those, said so below. In array order they form
 * one segment: the real owner of .221 asks and answers, then the poisoner claims .221
 * (`arp.binding_changed`) and relays a reply under its own Ethernet source
 * (`arp.sender_mismatch`).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const P = Direction.TO_SERVER;

/** Ethernet padding to the 60-byte minimum frame (IEEE 802.3 4.2.3.3), 18 bytes. */
const PAD18 = '000000000000000000000000000000000000';

export const fixtures: readonly DecoderFixture[] = [
  {
    // datasets/qut-dnp3/qut-dnp3_mitm_training-frequent_slice.pcap frame 2484
    name: 'request-who-has',
    dir: P,
    role: 'normal',
    bytes: hex(
      'ffffffffffff' + // Ethernet destination: broadcast
        '001864022fa6' + // Ethernet source 00:18:64:02:2f:a6
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro 0x0800 (IPv4)
        '06' + // hln 6
        '04' + // pln 4
        '0001' + // op 1 (request)
        '001864022fa6' + // sha 00:18:64:02:2f:a6
        'c0a80add' + // spa 192.168.10.221
        '000000000000' + // tha unknown
        'c0a80ade' + // tpa 192.168.10.222
        PAD18,
    ),
  },
  {
    // same capture, frame 3370: the real owner of .221 answers .66
    name: 'reply-is-at',
    dir: P,
    role: 'normal',
    bytes: hex(
      '001018cb8c13' + // Ethernet destination 00:10:18:cb:8c:13
        '001864022fa6' + // Ethernet source 00:18:64:02:2f:a6
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0002' + // op 2 (reply)
        '001864022fa6' + // sha 00:18:64:02:2f:a6
        'c0a80add' + // spa 192.168.10.221
        '001018cb8c13' + // tha 00:10:18:cb:8c:13
        'c0a80a42' + // tpa 192.168.10.66
        PAD18,
    ),
  },
  {
    // same capture, frame 3368: the poisoner tells .222 that .221 is at its own MAC
    name: 'reply-poisoning',
    dir: P,
    role: 'normal',
    bytes: hex(
      '0018640230fc' + // Ethernet destination 00:18:64:02:30:fc
        '001018cb8c13' + // Ethernet source 00:10:18:cb:8c:13
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0002' + // op 2 (reply)
        '001018cb8c13' + // sha 00:10:18:cb:8c:13 (the poisoner's)
        'c0a80add' + // spa 192.168.10.221 (the victim's address)
        '0018640230fc' + // tha 00:18:64:02:30:fc
        'c0a80ade', // tpa 192.168.10.222 (no padding in the capture)
    ),
  },
  {
    // same capture, frame 3374: the poisoner relays .222's real binding to .221
    name: 'reply-relayed-sender-mismatch',
    dir: P,
    role: 'normal',
    bytes: hex(
      '001864022fa6' + // Ethernet destination 00:18:64:02:2f:a6
        '001018cb8c13' + // Ethernet source 00:10:18:cb:8c:13
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0002' + // op 2 (reply)
        '0018640230fc' + // sha 00:18:64:02:30:fc (not the Ethernet source)
        'c0a80ade' + // spa 192.168.10.222
        '001018cb8c13' + // tha 00:10:18:cb:8c:13
        'c0a80a42' + // tpa 192.168.10.66
        PAD18,
    ),
  },
  {
    // profinet/ChangeIPUsingDCP.pcap frame 6: a device announces its new address
    name: 'reply-gratuitous',
    dir: P,
    role: 'normal',
    bytes: hex(
      'ffffffffffff' + // Ethernet destination: broadcast
        '08000693cf32' + // Ethernet source 08:00:06:93:cf:32
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0002' + // op 2 (reply)
        '08000693cf32' + // sha 08:00:06:93:cf:32
        'c0a8000a' + // spa 192.168.0.10
        '08000693cf32' + // tha 08:00:06:93:cf:32
        'c0a8000a' + // tpa 192.168.0.10 (= spa: gratuitous)
        PAD18,
    ),
  },
  {
    // frame 2484 of the MITM slice with an 802.1Q tag inserted (VLAN 10) and 0.0.0.0 as
    // sender: an RFC 5227 probe on a tagged port
    name: 'request-probe-vlan',
    dir: P,
    role: 'normal',
    bytes: hex(
      'ffffffffffff' + // Ethernet destination: broadcast
        '001864022fa6' + // Ethernet source 00:18:64:02:2f:a6
        '8100' + // TPID 802.1Q
        '000a' + // PCP 0, DEI 0, VID 10
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0001' + // op 1 (request)
        '001864022fa6' + // sha 00:18:64:02:2f:a6
        '00000000' + // spa 0.0.0.0 (probe)
        '000000000000' + // tha unknown
        'c0a80add', // tpa 192.168.10.221
    ),
  },
  {
    // frame 3368 of the MITM slice cut after the sender address
    name: 'truncated-addresses',
    dir: P,
    role: 'malformed',
    bytes: hex(
      '0018640230fc' + // Ethernet destination 00:18:64:02:30:fc
        '001018cb8c13' + // Ethernet source 00:10:18:cb:8c:13
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '06' + // hln 6
        '04' + // pln 4
        '0002' + // op 2 (reply)
        '001018cb8c13' + // sha 00:10:18:cb:8c:13
        'c0a80add', // spa 192.168.10.221; tha and tpa missing
    ),
  },
  {
    // frame 2484 of the MITM slice with hln 8: Ethernet/IPv4 with the wrong address length
    name: 'bad-hardware-length',
    dir: P,
    role: 'malformed',
    bytes: hex(
      'ffffffffffff' + // Ethernet destination: broadcast
        '001864022fa6' + // Ethernet source 00:18:64:02:2f:a6
        '0806' + // EtherType ARP
        '0001' + // hrd 1 (Ethernet)
        '0800' + // pro IPv4
        '08' + // hln 8 (Ethernet is 6)
        '04' + // pln 4
        '0001' + // op 1 (request)
        '001864022fa60000' + // sha, 8 bytes
        'c0a80add' + // spa 192.168.10.221
        '0000000000000000' + // tha, 8 bytes
        'c0a80ade', // tpa 192.168.10.222
    ),
  },
];
