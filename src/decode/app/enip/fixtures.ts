/**
 * EtherNet/IP + CIP byte fixtures: real frames from the shared captures (capture and frame
 * named on each), the Logix tag services written from the examples of 1756-PM020 (no shared
 * capture has a symbolic Read/Write Tag), and malformed variants. In order they form one
 * conversation: requests before their replies, the sender context or CIP sequence count of
 * each reply matching its request.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

/** Encapsulation header fields common to the hand-written SendUnitData fixtures. */
const UNIT_HEADER_TAIL =
  '00010212' + // session handle = 0x12020100
  '00000000' + // status = success
  '0000000000000000' + // sender context (unused by SendUnitData)
  '00000000' + // options
  '00000000' + // interface handle = CIP
  '0000' + // timeout = 0
  '0200'; // item count = 2

export const fixtures: readonly DecoderFixture[] = [
  {
    // enip-cip/enip_test.pcap frame 6
    name: 'list-identity-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6300' + // command = ListIdentity
        '0000' + // length = 0
        '00000000' + // session handle = 0
        '00000000' + // status = success
        '00000000c1debed1' + // sender context
        '00000000', // options = 0
    ),
  },
  {
    // enip-cip/enip_test.pcap frame 7
    name: 'list-identity-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6300' + // command = ListIdentity
        '3300' + // length = 51
        '00000000' + // session handle = 0
        '00000000' + // status = success
        '00000000c1debed1' + // sender context (echoed)
        '00000000' + // options = 0
        '0100' + // item count = 1
        '0c00' + // item type = CIP Identity
        '2d00' + // item length = 45
        '0100' + // encapsulation protocol version = 1
        '0002' + // sin_family = 2 (big-endian)
        'af12' + // sin_port = 44818 (big-endian)
        '0a0101a4' + // sin_addr = 10.1.1.164
        '0000000000000000' + // sin_zero
        '0100' + // vendor id = 1 (Rockwell Automation/Allen-Bradley)
        '0c00' + // device type = 12 (communications adapter)
        '3a00' + // product code = 58
        '04' + // revision major = 4
        '03' + // revision minor = 3
        '3000' + // status = 0x0030
        '8e4d5200' + // serial number = 0x00524d8e
        '0b' + // product name length = 11
        '313735362d454e42542f41' + // product name = "1756-ENBT/A"
        '03', // state = 3 (operational)
    ),
  },
  {
    // enip-cip/quickdraw/EIP-FirmwareChange.pcap frame 10673
    name: 'list-services-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0400' + // command = ListServices
        '0000' + // length = 0
        '00000000' + // session handle
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000', // options
    ),
  },
  {
    // enip-cip/quickdraw/EIP-FirmwareChange.pcap frame 10677
    name: 'list-services-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0400' + // command = ListServices
        '1a00' + // length = 26
        '00000000' + // session handle
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '0100' + // item count = 1
        '0001' + // item type = 0x0100 (communications)
        '1400' + // item length = 20
        '0100' + // version = 1
        '2001' + // capability flags = 0x0120 (CIP over TCP, class 0/1 over UDP)
        '436f6d6d756e69636174696f6e730000', // name = "Communications"
    ),
  },
  {
    // enip-cip/EthernetIP-CIP.pcap frame 29
    name: 'unconnected-send-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2600' + // length = 38
        '00050213' + // session handle = 0x13020500
        '00000000' + // status
        '6ac0be0000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle = CIP
        '1400' + // timeout = 20 s
        '0200' + // item count = 2
        '0000' + // item type = null address
        '0000' + // item length = 0
        'b200' + // item type = unconnected data
        '1600' + // item length = 22
        '52' + // service = Unconnected Send
        '02' + // request path size = 2 words
        '2006' + // class 0x06 (Connection Manager)
        '2401' + // instance 1
        '07' + // priority/time tick
        'e9' + // timeout ticks = 233
        '0800' + // message request size = 8
        '01' + // embedded: service = Get Attributes All
        '02' + // embedded: request path size = 2 words
        '20ac' + // embedded: class 0xAC
        '2401' + // embedded: instance 1
        '0100' + // embedded: request data (2 bytes)
        '0100' + // route path size = 1 word, reserved
        '0100', // route: port 1 (backplane), link address 0
    ),
  },
  {
    // enip-cip/EthernetIP-CIP.pcap frame 31
    name: 'unconnected-send-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '3400' + // length = 52
        '00050213' + // session handle
        '00000000' + // status
        '6ac0be0000000000' + // sender context (echoed)
        '00000000' + // options
        '00000000' + // interface handle
        '1400' + // timeout
        '0200' + // item count = 2
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '2400' + // item length = 36
        '81' + // service = Get Attributes All | response (the embedded request's reply)
        '00' + // reserved
        '00' + // general status = success
        '00' + // additional status size = 0
        'e8000100e302b2a4c1d1afa40000e803020000009453d33d01000100e2fc2030', // class 0xAC data
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 475
    name: 'forward-open-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '3e00' + // length = 62
        '09a6183f' + // session handle = 0x3f18a609
        '00000000' + // status
        '5936060038bc270c' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '1400' + // timeout = 20
        '0200' + // item count = 2
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '2e00' + // item length = 46
        '54' + // service = Forward Open
        '02' + // request path size = 2 words
        '2006' + // class 0x06 (Connection Manager)
        '2401' + // instance 1
        '07' + // priority/time tick = 7
        '9b' + // timeout ticks = 155
        '06000080' + // O->T connection id = 0x80000006
        '0500fe80' + // T->O connection id = 0x80fe0005
        '0600' + // connection serial = 6
        '4d00' + // originator vendor = 0x4d (Rockwell Software)
        'e0312b3d' + // originator serial = 0x3d2b31e0
        '02' + // timeout multiplier = 2 (x16)
        '3d0600' + // reserved
        'd0121300' + // O->T RPI = 1,250,000 us
        '1243' + // O->T parameters: point to point, low, variable, 274 bytes
        'd0121300' + // T->O RPI = 1,250,000 us
        '1243' + // T->O parameters
        'a3' + // transport: server, application object trigger, class 3
        '02' + // connection path size = 2 words
        '2002' + // class 0x02 (Message Router)
        '2401', // instance 1
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 478
    name: 'forward-open-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2e00' + // length = 46
        '09a6183f' + // session handle
        '00000000' + // status
        '5936060038bc270c' + // sender context (echoed)
        '00000000' + // options
        '00000000' + // interface handle
        '0004' + // timeout
        '0200' + // item count = 2
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '1e00' + // item length = 30
        'd4' + // service = Forward Open | response
        '00' + // reserved
        '00' + // general status = success
        '00' + // additional status size
        '6ef3240a' + // O->T connection id = 0x0a24f36e (chosen by the target)
        '0500fe80' + // T->O connection id = 0x80fe0005
        '0600' + // connection serial = 6
        '4d00' + // originator vendor
        'e0312b3d' + // originator serial
        'd0121300' + // O->T API = 1,250,000 us
        'd0121300' + // T->O API
        '00' + // application reply size = 0 words
        '00', // reserved
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 2884
    name: 'forward-close-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2600' + // length = 38
        '09a6183f' + // session handle
        '00000000' + // status
        'cb46060038bc270c' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '1400' + // timeout
        '0200' + // item count = 2
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '1600' + // item length = 22
        '4e' + // service = Forward Close
        '02' + // request path size
        '2006' + // class 0x06
        '2401' + // instance 1
        '07' + // priority/time tick
        '9b' + // timeout ticks
        '0600' + // connection serial = 6
        '4d00' + // originator vendor
        'e0312b3d' + // originator serial
        '02' + // connection path size = 2 words
        '00' + // reserved
        '2002' + // class 0x02
        '2401', // instance 1
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 2885
    name: 'forward-close-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1e00' + // length = 30
        '09a6183f' + // session handle
        '00000000' + // status
        'cb46060038bc270c' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0004' + // timeout
        '0200' + // item count = 2
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '0e00' + // item length = 14
        'ce' + // service = Forward Close | response
        '00' + // reserved
        '00' + // general status = success
        '00' + // additional status size
        '0600' + // connection serial
        '4d00' + // originator vendor
        'e0312b3d' + // originator serial
        '00' + // application reply size
        '00', // reserved
    ),
  },
  {
    // enip-cip/EthernetIP-CIP.pcap frame 37
    name: 'multiple-service-read-modify-write-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        'aa00' + // length = 170
        '00010210' + // session handle = 0x10020100
        '00000000' + // status
        'a3a8930000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0a00' + // timeout
        '0200' + // item count = 2
        'a100' + // item type = connected address
        '0400' + // item length = 4
        '01038b00' + // connection id = 0x008b0301
        'b100' + // item type = connected data
        '9600' + // item length = 150
        '71ec' + // CIP sequence count = 60529
        '0a' + // service = Multiple Service Packet
        '02' + // request path size = 2 words
        '2002' + // class 0x02 (Message Router)
        '2401' + // instance 1
        '0400' + // number of services = 4
        '0a002800' + // offsets 10, 40
        '46006a00' + // offsets 70, 106
        '4e' + // [1] service = Read Modify Write Tag
        '0c' + // [1] path size = 12 words
        '9116' + // [1] ANSI extended symbol, 22 bytes
        '4c4d535f44495341424c455f32445343414e4e455231' + // "LMS_DISABLE_2DSCANNER1"
        '0100' + // [1] mask size = 1
        '01' + // [1] OR mask
        'ff' + // [1] AND mask
        '4e0c9116' + // [2] Read Modify Write Tag, 12 words, symbol of 22 bytes
        '4c4d535f44495341424c455f32445343414e4e455232' + // "LMS_DISABLE_2DSCANNER2"
        '010001ff' + // [2] mask size 1, OR 0x01, AND 0xff
        '4e0f911b' + // [3] Read Modify Write Tag, 15 words, symbol of 27 bytes
        '4c4d535f44495341424c455f424152434f44455f5343414e4e455200' + // "LMS_DISABLE_BARCODE_SCANNER" + pad
        '010000fe' + // [3] mask size 1, OR 0x00, AND 0xfe
        '4e0f911b' + // [4] Read Modify Write Tag, 15 words, symbol of 27 bytes
        '4c4d535f534554504f494e544348414e47455f524543454956454400' + // "LMS_SETPOINTCHANGE_RECEIVED" + pad
        '010000fe', // [4] mask size 1, OR 0x00, AND 0xfe
    ),
  },
  {
    // enip-cip/EthernetIP-CIP.pcap frame 38
    name: 'multiple-service-read-modify-write-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '3400' + // length = 52
        '00010210' + // session handle
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0000' + // timeout
        '0200' + // item count = 2
        'a100' + // item type = connected address
        '0400' + // item length
        'b5c70080' + // connection id = 0x8000c7b5 (T->O)
        'b100' + // item type = connected data
        '2000' + // item length = 32
        '71ec' + // CIP sequence count = 60529 (pairs with the request)
        '8a' + // service = Multiple Service Packet | response
        '00' + // reserved
        '00' + // general status
        '00' + // additional status size
        '0400' + // number of services = 4
        '0a000e00' + // offsets 10, 14
        '12001600' + // offsets 18, 22
        'ce000000' + // [1] Read Modify Write Tag reply, success
        'ce000000' + // [2]
        'ce000000' + // [3]
        'ce000000', // [4]
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 17020
    name: 'execute-pccc-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2200' + // length = 34
        '09a6183f' + // session handle
        '00000000' + // status
        '71a7060038bc270c' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0a00' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '1200' + // item length = 18
        '4b' + // service = Execute PCCC
        '02' + // path size
        '2067' + // class 0x67 (PCCC)
        '2401' + // instance 1
        '07' + // requestor id length = 7
        '4d00' + // vendor = 0x4d
        'e0312b3d' + // serial = 0x3d2b31e0
        '06' + // PCCC command = 0x06 (diagnostic)
        '00' + // status
        '9ae6' + // TNS = 0xe69a
        '03', // function = 0x03 (diagnostic status)
    ),
  },
  {
    // enip-cip/cip_only.pcap frame 17022
    name: 'execute-pccc-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '3800' + // length = 56
        '09a6183f' + // session handle
        '00000000' + // status
        '71a7060038bc270c' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0004' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '2800' + // item length = 40
        'cb' + // service = Execute PCCC | response
        '00' + // reserved
        '00' + // general status
        '00' + // additional status size
        '07' + // requestor id length
        '4d00' + // vendor
        'e0312b3d' + // serial
        '46' + // PCCC command = 0x46 (reply to 0x06)
        '00' + // status
        '9ae6' + // TNS
        '00ee4a9f23313736362d4c45432020200000260036829efc01', // diagnostic status data
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap frame 1273
    name: 'tcpip-get-attributes-all-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1600' + // length = 22
        '00010212' + // session handle = 0x12020100
        '00000000' + // status
        'df6d8601701ee100' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '0600' + // item length = 6
        '01' + // service = Get Attributes All
        '02' + // path size
        '20f5' + // class 0xF5 (TCP/IP Interface)
        '2401', // instance 1
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap frame 1275
    name: 'tcpip-get-attributes-all-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '3e00' + // length = 62
        '00010212' + // session handle
        '00000000' + // status
        'df6d8601701ee100' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '2e00' + // item length = 46
        '81000000' + // Get Attributes All reply, success
        '01000000' + // attribute 1: status = 1 (configured)
        '17000000' + // attribute 2: configuration capability = 0x17
        '10000000' + // attribute 3: configuration control = 0x10 (static, DNS enabled)
        '0200' + // attribute 4: path size = 2 words
        '20f62401' + // attribute 4: class 0xF6 (Ethernet Link), instance 1
        '790aa8c0' + // attribute 5: IP address = 192.168.10.121
        '00ffffff' + // subnet mask = 255.255.255.0
        '010aa8c0' + // gateway = 192.168.10.1
        '00000000' + // name server = 0.0.0.0
        '00000000' + // name server 2
        '0000' + // domain name: length 0
        '0000', // attribute 6: host name: length 0
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap frame 2398
    name: 'ethernet-link-set-attribute-single-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1c00' + // length = 28
        '00010212' + // session handle
        '00000000' + // status
        'ec6d8601701ee100' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '0c00' + // item length = 12
        '10' + // service = Set Attribute Single
        '03' + // path size = 3 words
        '20f6' + // class 0xF6 (Ethernet Link)
        '2401' + // instance 1
        '3006' + // attribute 6 (interface control)
        '0200' + // control bits = 0x0002 (forced full duplex)
        '6400', // forced speed = 100 Mbit/s
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ChangePortConfigurationAttempt.pcap frame 2401
    name: 'ethernet-link-set-attribute-single-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1400' + // length = 20
        '00010212' + // session handle
        '00000000' + // status
        'ec6d8601701ee100' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '0400' + // item length = 4
        '90000000', // Set Attribute Single reply, success
    ),
  },
  {
    // Written from the Write Tag example of 1756-PM020 (write 42 to the DINT tag "Count")
    name: 'write-tag-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '2800' + // length = 40
        UNIT_HEADER_TAIL +
        'a100' + // item type = connected address
        '0400' + // item length
        '6ef3240a' + // connection id (O->T)
        'b100' + // item type = connected data
        '1400' + // item length = 20
        '0200' + // CIP sequence count = 2
        '4d' + // service = Write Tag
        '04' + // path size = 4 words
        '9105' + // ANSI extended symbol, 5 bytes
        '436f756e74' + // "Count"
        '00' + // pad
        'c400' + // data type = DINT
        '0100' + // elements = 1
        '2a000000', // value = 42
    ),
  },
  {
    // The reply to the Write Tag example of 1756-PM020 (success)
    name: 'write-tag-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '1a00' + // length = 26
        UNIT_HEADER_TAIL +
        'a100' + // item type = connected address
        '0400' + // item length
        '0500fe80' + // connection id (T->O)
        'b100' + // item type = connected data
        '0600' + // item length = 6
        '0200' + // CIP sequence count = 2
        'cd000000', // Write Tag reply, success
    ),
  },
  {
    // Written from the Read Tag Fragmented example of 1756-PM020 (two DINTs of "Arr" from [3])
    name: 'read-tag-fragmented-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '2600' + // length = 38
        UNIT_HEADER_TAIL +
        'a100' + // item type = connected address
        '0400' + // item length
        '6ef3240a' + // connection id
        'b100' + // item type = connected data
        '1200' + // item length = 18
        '0300' + // CIP sequence count = 3
        '52' + // service = Read Tag Fragmented
        '04' + // path size = 4 words
        '9103' + // ANSI extended symbol, 3 bytes
        '417272' + // "Arr"
        '00' + // pad
        '2803' + // member (element) 3
        '0200' + // elements = 2
        '00000000', // byte offset = 0
    ),
  },
  {
    // The reply to the Read Tag Fragmented example of 1756-PM020 (the two DINTs)
    name: 'read-tag-fragmented-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '2400' + // length = 36
        UNIT_HEADER_TAIL +
        'a100' + // item type = connected address
        '0400' + // item length
        '0500fe80' + // connection id
        'b100' + // item type = connected data
        '1000' + // item length = 16
        '0300' + // CIP sequence count = 3
        'd2000000' + // Read Tag Fragmented reply, success
        'c400' + // data type = DINT
        '01000000' + // value = 1
        'ffffffff', // value = -1
    ),
  },
  {
    // enip-cip/enip_cip_example.pcap frame 377 (UDP 2222)
    name: 'io-datagram',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0200' + // item count = 2
        '0280' + // item type = sequenced address
        '0800' + // item length = 8
        '03064b00' + // connection id = 0x004b0603
        'db943f00' + // encapsulation sequence number = 4166875
        'b100' + // item type = connected data
        '0600' + // item length = 6
        'a587e80f0300', // I/O data (sequence count 0x87a5, 4 data bytes)
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ControlProtocolChangeAttempt.pcap frame 1319 (TCP 1102 <-> 44818): Studio
    // 5000 writing two structure definitions to the Template object, which are no tag writes
    name: 'msp-template-writes-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '5e01' + // length = 350
        '00010211' + // session handle = 0x11020100
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0100' + // timeout = 1
        '0200' + // item count = 2
        'a100' + // item type = connected address
        '0400' + // item length = 4
        '01298300' + // connection id = 0x00832901
        'b100' + // item type = connected data
        '4a01' + // item length = 330
        '9c00' + // CIP sequence count = 156
        '0a' + // service = Multiple Service Packet
        '02' + // path size = 2 words
        '2002' + // class 0x02 (Message Router)
        '2401' + // instance 1
        '0200' + // number of services = 2
        '0600' + // offset of service 1 = 6
        '6c00' + // offset of service 2 = 108
        '4d' + // service 1 = 0x4D (Template object: a structure definition written)
        '03' + // path size = 3 words
        '206c' + // class 0x6C (Logix Template)
        '25006608' + // 16-bit instance 0x0866
        '00000000580000002089000000005802c3204c0000005802c320fc0400000000' + // template data (opaque), 94 bytes
        '2f85ac0900004d4e65744d6f64756c654465663b6e414145414541414100496e' + // (continued)
        '537461740052656164446174610057726974654461746100425000000000' + // (continued)
        '4d' + // service 2 = 0x4D (Template object)
        '03' + // path size = 3 words
        '206c' + // class 0x6C (Logix Template)
        '25003b0b' + // 16-bit instance 0x0B3B
        '00000000c8000000c300000000000000c300020000000000c300040000000000' + // template data (opaque), 206 bytes
        'c300060000000000c300080000000000c3000a0000000000c3000c0000000000' + // (continued)
        'c3000e0000000000c300100000000000c300120000004d4e6574506f72744572' + // (continued)
        '726f72733b6e454145414541454145414541454145414541454100436d645265' + // (continued)
        '7100436d645265737000436d6445727200526571756573747300526573706f6e' + // (continued)
        '7365730045727253656e740045727252656300436667457272576f7264004375' + // (continued)
        '72457272004c6173744572720000', // (continued)
    ),
  },
  {
    // enip-cip/quickdraw/EIP-ControlProtocolChangeAttempt.pcap frame 1320
    name: 'msp-template-writes-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '7000' + // command = SendUnitData
        '2800' + // length = 40
        '00010211' + // session handle = 0x11020100
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0000' + // timeout = 0
        '0200' + // item count = 2
        'a100' + // item type = connected address
        '0400' + // item length = 4
        '1b00fe80' + // connection id = 0x80fe001b
        'b100' + // item type = connected data
        '1400' + // item length = 20
        '9c00' + // CIP sequence count = 156
        '8a' + // service = Multiple Service Packet reply
        '00' + // reserved
        '00' + // general status = success
        '00' + // additional status size = 0
        '0200' + // number of services = 2
        '0600' + // offset of reply 1 = 6
        '0a00' + // offset of reply 2 = 10
        'cd' + // reply 1 = 0x4D | 0x80
        '00' + // reserved
        '00' + // general status = success
        '00' + // additional status size = 0
        'cd' + // reply 2 = 0x4D | 0x80
        '00' + // reserved
        '00' + // general status = success
        '00', // additional status size = 0
    ),
  },
  {
    // enip-cip/quickdraw/EIP-FirmwareChange.pcap frame 10680
    name: 'register-session-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6500' + // command = RegisterSession
        '0400' + // length = 4
        '00000000' + // session handle = 0 (not yet granted)
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '0100' + // protocol version = 1
        '0000', // options flags = 0
    ),
  },
  {
    // enip-cip/quickdraw/EIP-FirmwareChange.pcap frame 10681
    name: 'register-session-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '6500' + // command = RegisterSession
        '0400' + // length = 4
        '00010212' + // session handle = 0x12020100 (granted)
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000' + // options
        '0100' + // protocol version
        '0000', // options flags
    ),
  },
  {
    // A request on another session than the one just granted (session hijack or replay).
    name: 'send-rr-data-foreign-session',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1600' + // length = 22
        'efbeadde' + // session handle = 0xdeadbeef (not the granted one)
        '00000000' + // status
        '0100000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '0600' + // item length = 6
        '07' + // service = Stop
        '02' + // path size
        '2001' + // class 0x01 (Identity)
        '2401', // instance 1
    ),
  },
  {
    // Built from [V2] 2-4.5 (no shared capture closes its session): the client of
    // EIP-FirmwareChange.pcap ending the session it was granted in frame 10681.
    name: 'unregister-session',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '6600' + // command = UnRegisterSession
        '0000' + // length = 0 (no command data)
        '00010212' + // session handle = 0x12020100
        '00000000' + // status
        '0000000000000000' + // sender context
        '00000000', // options
    ),
  },
  {
    // The data item says 200 bytes; 6 follow.
    name: 'cpf-item-overrun',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '6f00' + // command = SendRRData
        '1600' + // length = 22
        '00010212' + // session handle
        '00000000' + // status
        '0200000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        'c800' + // item length = 200 (overruns the message)
        '0e03' + // Get Attribute Single, path 3 words
        '20012401', // class 1, instance 1 (attribute segment missing)
    ),
  },
  {
    // A Multiple Service Packet whose second offset points past its end, and a reserved service.
    name: 'msp-offset-out-of-range',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2000' + // length = 32
        '00010212' + // session handle
        '00000000' + // status
        '0300000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '1000' + // item length = 16
        '0a02' + // Multiple Service Packet, path 2 words
        '20022401' + // class 2, instance 1
        '0200' + // number of services = 2
        '06004000' + // offsets 6, 64 (past the end)
        '3301' + // [1] service 0x33 (reserved), path 1 word
        '2001', // [1] class 1
    ),
  },
  {
    // A Forward Open cut after its connection ids, and a path with a reserved segment type.
    name: 'forward-open-truncated',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '6f00' + // command = SendRRData
        '2000' + // length = 32
        '00010212' + // session handle
        '00000000' + // status
        '0400000000000000' + // sender context
        '00000000' + // options
        '00000000' + // interface handle
        '0500' + // timeout
        '0200' + // item count
        '00000000' + // null address item
        'b200' + // item type = unconnected data
        '1000' + // item length = 16
        '5403' + // Forward Open, path 3 words
        '20062401' + // class 6, instance 1
        'e000' + // reserved segment type 0xE0
        '079b' + // priority/time tick, timeout ticks
        '0600008005' + // O->T connection id and one byte of T->O: cut
        '00', // a second byte of the T->O connection id (two are still missing)
    ),
  },
  {
    // Command 0x0099 is not an encapsulation command; options are non-zero too.
    name: 'unknown-command',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '9900' + // command = 0x0099 (undefined)
        '0200' + // length = 2
        '00010212' + // session handle
        '00000000' + // status
        '0500000000000000' + // sender context
        '01000000' + // options = 1 (must be 0)
        'abcd', // data
    ),
  },
];
