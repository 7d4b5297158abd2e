/**
 * BACnet byte fixtures for the unit tests and the decoder conformance suite.
 *
 * UDP payloads of the shared captures in ../shared/data/pcaps/bacnet (Wireshark SampleCaptures
 * via ControlThings-io/ct-samples; file and frame named in each comment; fields checked against
 * tshark 4.0.17). In array order they form one conversation, requests before their responses,
 * then malformed datagrams.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  {
    // bacnet/BACnet-BBMD-on-same-subnet.cap frame 1
    name: 'register-foreign-device',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '05' + // function = Register-Foreign-Device
        '0006' + // BVLC length = 6
        'ea60', // time-to-live = 60000 s
    ),
  },
  {
    // bacnet/BACnet-BBMD-on-same-subnet.cap frame 4
    name: 'forwarded-who-is',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '04' + // function = Forwarded-NPDU
        '0012' + // BVLC length = 18
        'c0a80086' + // original source address = 192.168.0.134
        'bac0' + // original source port = 47808
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        'ffff' + // DNET = 65535 (global broadcast)
        '00' + // DLEN = 0 (broadcast)
        '0e' + // hop count = 14
        '10' + // APDU type = unconfirmed request
        '08', // service = Who-Is (no range)
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 10
    name: 'who-is-range',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0010' + // BVLC length = 16
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        'ffff' + // DNET = 65535
        '00' + // DLEN = 0
        'ff' + // hop count = 255
        '10' + // APDU type = unconfirmed request
        '08' + // service = Who-Is
        '093d' + // [0] low limit = 61
        '193d', // [1] high limit = 61
    ),
  },
  {
    // bacnet/BACnet-BBMD-on-same-subnet.cap frame 11
    name: 'i-am-routed',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0b' + // function = Original-Broadcast-NPDU
        '001c' + // BVLC length = 28
        '01' + // NPDU version = 1
        '28' + // control: DNET and SNET present
        'ffff' + // DNET = 65535
        '00' + // DLEN = 0
        '6591' + // SNET = 26001
        '01' + // SLEN = 1
        '72' + // SADR = 0x72 (MS/TP MAC)
        'fe' + // hop count = 254
        '10' + // APDU type = unconfirmed request
        '00' + // service = I-Am
        'c402015062' + // object id = device 86114
        '2132' + // max APDU length accepted = 50
        '9103' + // segmentation supported = no-segmentation
        '220104', // vendor id = 260
    ),
  },
  {
    // bacnet/BACnet-MSTP-SNAP-Mixed.cap frame 1630
    name: 'read-property-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0016' + // BVLC length = 22
        '01' + // NPDU version = 1
        '24' + // control: DNET present, expecting reply
        '6591' + // DNET = 26001
        '01' + // DLEN = 1
        '72' + // DADR = 0x72
        'ff' + // hop count = 255
        '00' + // APDU type = confirmed request, no segmentation
        '03' + // max segments unspecified, max APDU = 480
        '01' + // invoke id = 1
        '0c' + // service = ReadProperty
        '0c02015062' + // [0] object id = device 86114
        '194b', // [1] property = object-identifier (75)
    ),
  },
  {
    // bacnet/BACnet-MSTP-SNAP-Mixed.cap frame 1633
    name: 'read-property-ack',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '001b' + // BVLC length = 27
        '01' + // NPDU version = 1
        '08' + // control: SNET present
        '6591' + // SNET = 26001
        '01' + // SLEN = 1
        '72' + // SADR = 0x72
        '30' + // APDU type = complex ack
        '01' + // invoke id = 1
        '0c' + // service = ReadProperty
        '0c02015062' + // [0] object id = device 86114
        '194b' + // [1] property = object-identifier
        '3e' + // [3] opening: property value
        'c402015062' + // object id = device 86114
        '3f', // [3] closing
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 3
    name: 'write-property-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '001f' + // BVLC length = 31
        '01' + // NPDU version = 1
        '24' + // control: DNET present, expecting reply
        '0003' + // DNET = 3
        '01' + // DLEN = 1
        '6c' + // DADR = 0x6c
        'ff' + // hop count = 255
        '02' + // APDU type = confirmed request, segmented response accepted
        '03' + // max APDU = 480
        '02' + // invoke id = 2
        '0f' + // service = WriteProperty
        '0c00400065' + // [0] object id = analog-output 101
        '1955' + // [1] property = present-value (85)
        '3e' + // [3] opening: property value
        '4442480000' + // REAL 50.0
        '3f' + // [3] closing
        '490a', // [4] priority = 10
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 4
    name: 'write-property-simple-ack',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '000d' + // BVLC length = 13
        '01' + // NPDU version = 1
        '08' + // control: SNET present
        '0003' + // SNET = 3
        '01' + // SLEN = 1
        '6c' + // SADR = 0x6c
        '20' + // APDU type = simple ack
        '02' + // invoke id = 2
        '0f', // service = WriteProperty
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 112
    name: 'read-property-multiple-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0017' + // BVLC length = 23
        '01' + // NPDU version = 1
        '0c' + // control: SNET present, expecting reply
        '000d' + // SNET = 13
        '01' + // SLEN = 1
        '3d' + // SADR = 0x3d
        '02' + // APDU type = confirmed request, segmented response accepted
        '03' + // max APDU = 480
        '3b' + // invoke id = 59
        '0e' + // service = ReadPropertyMultiple
        '0c00000000' + // [0] object id = analog-input 0
        '1e' + // [1] opening: list of property references
        '0908' + // [0] property = all (8)
        '1f', // [1] closing
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 113
    name: 'read-property-multiple-reject',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '000e' + // BVLC length = 14
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        '000d' + // DNET = 13
        '01' + // DLEN = 1
        '3d' + // DADR = 0x3d
        'ff' + // hop count = 255
        '60' + // APDU type = reject
        '3b' + // invoke id = 59 (the ReadPropertyMultiple above)
        '09', // reject reason = unrecognized-service
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 76
    name: 'device-communication-control-disable',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '001c' + // BVLC length = 28
        '01' + // NPDU version = 1
        '0c' + // control: SNET present, expecting reply
        '000d' + // SNET = 13
        '01' + // SLEN = 1
        '3d' + // SADR = 0x3d
        '02' + // APDU type = confirmed request
        '03' + // max APDU = 480
        '31' + // invoke id = 49
        '11' + // service = DeviceCommunicationControl
        '1901' + // [1] enable-disable = disable
        '2d0a' + // [2] password, 10 octets
        '00' + // character set = UTF-8
        '77697265736861726b', // "wireshark"
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 87
    name: 'device-communication-control-error',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0012' + // BVLC length = 18
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        '000d' + // DNET = 13
        '01' + // DLEN = 1
        '3d' + // DADR = 0x3d
        'ff' + // hop count = 255
        '50' + // APDU type = error
        '32' + // invoke id = 50
        '11' + // service = DeviceCommunicationControl
        '9105' + // error class = services (5)
        '911a', // error code = password-failure (26)
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 398
    name: 'reinitialize-device-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '001c' + // BVLC length = 28
        '01' + // NPDU version = 1
        '24' + // control: DNET present, expecting reply
        '0003' + // DNET = 3
        '01' + // DLEN = 1
        '6c' + // DADR = 0x6c
        'ff' + // hop count = 255
        '02' + // APDU type = confirmed request
        '03' + // max APDU = 480
        '89' + // invoke id = 137
        '14' + // service = ReinitializeDevice
        '0900' + // [0] state = coldstart
        '1d09' + // [1] password, 9 octets
        '00' + // character set = UTF-8
        '657468657265616c', // "ethereal"
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 9
    name: 'atomic-read-file-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '001b' + // BVLC length = 27
        '01' + // NPDU version = 1
        '24' + // control: DNET present, expecting reply
        '0003' + // DNET = 3
        '01' + // DLEN = 1
        '6c' + // DADR = 0x6c
        'ff' + // hop count = 255
        '02' + // APDU type = confirmed request
        '03' + // max APDU = 480
        '05' + // invoke id = 5
        '06' + // service = AtomicReadFile
        'c402800000' + // object id = file 0
        '0e' + // [0] opening: stream access
        '3100' + // file start position = 0
        '2201b8' + // requested octet count = 440
        '0f', // [0] closing
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 10
    name: 'atomic-read-file-ack',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0013' + // BVLC length = 19
        '01' + // NPDU version = 1
        '08' + // control: SNET present
        '0003' + // SNET = 3
        '01' + // SLEN = 1
        '6c' + // SADR = 0x6c
        '30' + // APDU type = complex ack
        '05' + // invoke id = 5
        '06' + // service = AtomicReadFile
        '11' + // end of file = TRUE
        '0e' + // [0] opening: stream access
        '3100' + // file start position = 0
        '60' + // file data, 0 octets
        '0f', // [0] closing
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 282
    name: 'segment-ack',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '000f' + // BVLC length = 15
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        '0003' + // DNET = 3
        '01' + // DLEN = 1
        '6c' + // DADR = 0x6c
        'ff' + // hop count = 255
        '40' + // APDU type = segment ack, from the client, positive
        '88' + // invoke id = 136
        '01' + // sequence number = 1
        '10', // actual window size = 16
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 394
    name: 'i-have',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0020' + // BVLC length = 32
        '01' + // NPDU version = 1
        '08' + // control: SNET present
        '0003' + // SNET = 3
        '01' + // SLEN = 1
        '6c' + // SADR = 0x6c
        '10' + // APDU type = unconfirmed request
        '01' + // service = I-Have
        'c40200006c' + // device id = device 108
        'c40200006c' + // object id = device 108
        '7508' + // object name, 8 octets
        '00' + // character set = UTF-8
        '53594e45524759', // "SYNERGY"
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 54
    name: 'unconfirmed-cov-notification',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0025' + // BVLC length = 37
        '01' + // NPDU version = 1
        '20' + // control: DNET present
        'ffff' + // DNET = 65535
        '00' + // DLEN = 0
        'ff' + // hop count = 255
        '10' + // APDU type = unconfirmed request
        '02' + // service = UnconfirmedCOVNotification
        '0901' + // [0] subscriber process id = 1
        '1c02000002' + // [1] initiating device = device 2
        '2c00c00004' + // [2] monitored object = binary-input 4
        '3905' + // [3] time remaining = 5 s
        '4e' + // [4] opening: list of values
        '0955' + // [0] property = present-value
        '2e' + // [2] opening: value
        '4442c80000' + // REAL 100.0
        '2f' + // [2] closing
        '4f', // [4] closing
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 273
    name: 'who-is-router-to-network',
    dir: C,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0b' + // function = Original-Broadcast-NPDU
        '0007' + // BVLC length = 7
        '01' + // NPDU version = 1
        '80' + // control: network-layer message
        '00', // message type = Who-Is-Router-To-Network (any network)
    ),
  },
  {
    // bacnet/bacnet-services.cap frame 274
    name: 'i-am-router-to-network',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0b' + // function = Original-Broadcast-NPDU
        '000b' + // BVLC length = 11
        '01' + // NPDU version = 1
        '80' + // control: network-layer message
        '01' + // message type = I-Am-Router-To-Network
        '0002' + // network 2
        '0003', // network 3
    ),
  },
  {
    // Built from 20.1.9: no shared capture carries an Abort PDU.
    name: 'abort-from-server',
    dir: S,
    role: 'normal',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0009' + // BVLC length = 9
        '01' + // NPDU version = 1
        '00' + // control: APDU, normal priority
        '71' + // APDU type = abort, sent by the server
        '05' + // invoke id = 5
        '04', // abort reason = segmentation-not-supported
    ),
  },
  {
    // bacnet/bacnet-stack-services.cap frame 1: tshark shows NPDU version 0x10 (unknown)
    name: 'npdu-version-16',
    dir: S,
    role: 'malformed',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '000b' + // BVLC length = 11
        '10' + // NPDU version = 16 (not 1)
        '07' + // control: expecting reply, priority 3
        '2c' + // APDU type = simple ack (and flag bits Wireshark ignores)
        '02' + // invoke id = 2
        '00' + // service = AcknowledgeAlarm
        '00' + // (trailing octets)
        '3d',
    ),
  },
  {
    // ReadProperty cut inside its object identifier (from the read-property-request above).
    name: 'read-property-cut-tag',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '000d' + // BVLC length = 13
        '01' + // NPDU version = 1
        '04' + // control: expecting reply
        '00' + // APDU type = confirmed request
        '03' + // max APDU = 480
        '07' + // invoke id = 7
        '0c' + // service = ReadProperty
        '0c0201', // [0] object id, 2 of 4 octets
    ),
  },
  {
    // APDU type 9 does not exist (20.1.1).
    name: 'unknown-pdu-type',
    dir: C,
    role: 'malformed',
    bytes: hex(
      '81' + // BVLC type = BACnet/IP
        '0a' + // function = Original-Unicast-NPDU
        '0008' + // BVLC length = 8
        '01' + // NPDU version = 1
        '00' + // control
        '90' + // APDU type = 9
        '00', // (octet)
    ),
  },
];
