/**
 * PROFINET RT byte fixtures for the unit tests and the decoder conformance suite: Ethernet
 * payloads from the FrameID on (padding included, as the pipeline hands them over).
 *
 * Sources, all in ../shared/data/pcaps/profinet (fields checked against tshark 4.0.17):
 * ChangeIPUsingDCP.pcap and profinet-wireshark-bug.pcap (ITI/ICS-Security-Tools, CC-BY-4.0),
 * profinet_io_cm_mixed_1.pcap (cisagov/icsnpp-profinet-io-cm, BSD-3-Clause). The malformed ones
 * are built from them by hand. In array order they form one conversation on one state.
 *
 * RT frames have no length field: one frame is one `parse` call, as the conformance suite feeds
 * frame decoders.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const D = Direction.TO_SERVER;
const PAD = (n: number): string => '00'.repeat(n);

export const fixtures: readonly DecoderFixture[] = [
  {
    // ChangeIPUsingDCP.pcap frame 1
    name: 'dcp-identify-all-request',
    dir: D,
    role: 'normal',
    bytes: hex(
      'fefe' + // FrameID: DCP identify multicast request
        '05' + // ServiceID 5: Identify
        '00' + // ServiceType 0: request
        '01000001' + // Xid
        '0001' + // ResponseDelay 1
        '0004' + // DCPDataLength 4
        'ff' + // Option 255: All selector
        'ff' + // Suboption 255
        '0000' + // DCPBlockLength 0
        PAD(28), // Ethernet padding
    ),
  },
  {
    // ChangeIPUsingDCP.pcap frame 2
    name: 'dcp-identify-response',
    dir: D,
    role: 'normal',
    bytes: hex(
      'feff' + // FrameID: DCP identify response
        '05' + // ServiceID 5: Identify
        '01' + // ServiceType 1: response success
        '01000001' + // Xid
        '0000' + // reserved
        '005e' + // DCPDataLength 94
        '0205' + // Device/Device options
        '001c' + // length 28
        '0000' + // BlockInfo
        '0101010202010202020302040205033d0501050205030504ffff' + // 13 option/suboption pairs
        '0201' + // Device/Manufacturer specific (DeviceVendorValue)
        '0005' + // length 5
        '0000' + // BlockInfo
        '494e43' + // "INC"
        '00' + // padding to even
        '0202' + // Device/NameOfStation
        '000b' + // length 11
        '0000' + // BlockInfo
        '583230382d424f5244' + // "X208-BORD"
        '00' + // padding
        '0203' + // Device/Device ID
        '0006' + // length 6
        '0000' + // BlockInfo
        '002a' + // VendorID 0x002a (Siemens)
        '0a01' + // DeviceID 0x0a01
        '0204' + // Device/Device role
        '0004' + // length 4
        '0000' + // BlockInfo
        '01' + // DeviceRoleDetails: IO device
        '00' + // reserved
        '0102' + // IP/IP parameter
        '000e' + // length 14
        '0001' + // BlockInfo: IP set
        'c0a80006' + // IP 192.168.0.6
        'ffffff00' + // mask 255.255.255.0
        'c0a80001', // gateway 192.168.0.1
    ),
  },
  {
    // ChangeIPUsingDCP.pcap frame 3
    name: 'dcp-set-ip-request',
    dir: D,
    role: 'normal',
    bytes: hex(
      'fefd' + // FrameID: DCP get/set
        '04' + // ServiceID 4: Set
        '00' + // ServiceType 0: request
        '01000001' + // Xid
        '0000' + // reserved
        '0012' + // DCPDataLength 18
        '0102' + // IP/IP parameter
        '000e' + // length 14
        '0001' + // BlockQualifier 1: save permanent
        'c0a8000a' + // IP 192.168.0.10
        'ffffff00' + // mask 255.255.255.0
        'c0a80001' + // gateway 192.168.0.1
        PAD(12), // Ethernet padding
    ),
  },
  {
    // ChangeIPUsingDCP.pcap frame 4
    name: 'dcp-set-response',
    dir: D,
    role: 'normal',
    bytes: hex(
      'fefd' + // FrameID: DCP get/set
        '04' + // ServiceID 4: Set
        '01' + // ServiceType 1: response success
        '01000001' + // Xid
        '0000' + // reserved
        '0008' + // DCPDataLength 8
        '0504' + // Control/Response
        '0003' + // length 3
        '01' + // Option 1: IP
        '02' + // Suboption 2: IP parameter
        '00' + // BlockError 0: ok
        PAD(25), // padding byte and Ethernet padding
    ),
  },
  {
    // profinet-wireshark-bug.pcap frame 3 (802.1Q tagged; payload after the tag)
    name: 'dcp-set-name-request',
    dir: D,
    role: 'normal',
    bytes: hex(
      'fefd' + // FrameID: DCP get/set
        '04' + // ServiceID 4: Set
        '00' + // ServiceType 0: request
        '01000001' + // Xid
        '0000' + // reserved
        '0014' + // DCPDataLength 20
        '0202' + // Device/NameOfStation
        '0009' + // length 9
        '0001' + // BlockQualifier 1: permanent
        '256e256e256e20' + // "%n%n%n " (a format-string probe)
        '00' + // padding
        '0502' + // Control/End transaction
        '0002' + // length 2
        '0000', // BlockQualifier
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 466
    name: 'dcp-identify-response-device-initiative',
    dir: D,
    role: 'normal',
    bytes: hex(
      'feff' + // FrameID: DCP identify response
        '05' + // ServiceID 5: Identify
        '01' + // ServiceType 1: response success
        '00000001' + // Xid
        '0000' + // reserved
        '0064' + // DCPDataLength 100
        '0202' + // Device/NameOfStation
        '0010' + // length 16
        '0000' + // BlockInfo
        '76657273616d61782d706e73313' +
        '1' + // "versamax-pns11"
        '0205' + // Device/Device options
        '000e' + // length 14
        '0000' + // BlockInfo
        '010201020202030204060102' + // 6 option/suboption pairs
        '0201' + // Device/Manufacturer specific
        '000d' + // length 13
        '0000' + // BlockInfo
        '49433230305' +
        '04e53303031' + // "IC200PNS001"
        '00' + // padding
        '0203' + // Device/Device ID
        '0006' + // length 6
        '0000' + // BlockInfo
        '015a' + // VendorID 0x015a
        '0003' + // DeviceID 0x0003
        '0204' + // Device/Device role
        '0004' + // length 4
        '0000' + // BlockInfo
        '01' + // IO device
        '00' + // reserved
        '0102' + // IP/IP parameter
        '000e' + // length 14
        '0001' + // BlockInfo: IP set
        'c0a80102' + // IP 192.168.1.2
        'ffffff00' + // mask
        'c0a80102' + // gateway 192.168.1.2
        '0601' + // DeviceInitiative
        '0004' + // length 4
        '0000' + // BlockInfo
        '0001', // DeviceInitiativeValue 1: Hello after power on
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 486
    name: 'rt-cyclic-station-problem',
    dir: D,
    role: 'normal',
    bytes: hex(
      'c002' + // FrameID 0xc002: RT_CLASS_1 unicast
        PAD(40) + // IO data (40 bytes of C_SDU)
        '2000' + // CycleCounter 8192
        '15' + // DataStatus: primary, valid, run, station problem
        '00', // TransferStatus 0
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 490: the next frame of the same FrameID
    name: 'rt-cyclic-next',
    dir: D,
    role: 'normal',
    bytes: hex(
      'c002' + // FrameID 0xc002
        PAD(40) + // IO data
        '2100' + // CycleCounter 8448: 256 ticks = 8 ms later
        '15' + // DataStatus unchanged
        '00', // TransferStatus
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 495
    name: 'rt-cyclic-ok',
    dir: D,
    role: 'normal',
    bytes: hex(
      'c000' + // FrameID 0xc000
        '80000080808000000000800080000000000000000000000000000000000000000000000000000000' + // IO data with IOxS
        'c6e0' + // CycleCounter 50912
        '35' + // DataStatus: primary, valid, run, station ok
        '00', // TransferStatus
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 602
    name: 'alarm-low-err-rta',
    dir: D,
    role: 'normal',
    bytes: hex(
      'fe01' + // FrameID: alarm low
        '8001' + // AlarmDstEndpoint
        '8001' + // AlarmSrcEndpoint
        '14' + // PDUType: version 1, type 4 (ERR-RTA-PDU)
        '01' + // AddFlags: window size 1
        'ffff' + // SendSeqNum
        'fffe' + // AckSeqNum
        '0004' + // VarPartLen 4
        'cf81fd02' + // PNIOStatus: RTA error / PNIO / 253 / 2 (instance closed)
        PAD(28), // Ethernet padding
    ),
  },
  {
    // profinet_io_cm_mixed_1.pcap frame 34
    name: 'ptcp-delay-request',
    dir: D,
    role: 'normal',
    bytes: hex(
      'ff40' + // FrameID: PTCP DelayReq
        PAD(12) + // padding
        '001c' + // SequenceID 28
        '0000' + // padding
        '00000000' + // Delay1ns
        '0c06' + // TLV DelayParameter (type 6, length 6)
        '00099143e068' + // PortMACAddress
        '0000' + // TLV End
        PAD(16), // Ethernet padding
    ),
  },
  {
    // Built: a Set request with Control/Signal (flash once) and Reset to Factory
    name: 'dcp-set-signal-reset-to-factory',
    dir: D,
    role: 'malformed',
    bytes: hex(
      'fefd' + // FrameID: DCP get/set
        '04' + // ServiceID 4: Set
        '00' + // ServiceType 0: request
        '00000042' + // Xid
        '0000' + // reserved
        '000e' + // DCPDataLength 14
        '0503' + // Control/Signal
        '0004' + // length 4
        '0000' + // BlockQualifier
        '0100' + // SignalValue: flash once
        '0506' + // Control/Reset to Factory
        '0002' + // length 2
        '0004', // BlockQualifier: reset communication parameter
    ),
  },
  {
    // Built from ChangeIPUsingDCP.pcap frame 3: the block length runs past DCPDataLength
    name: 'dcp-block-past-data',
    dir: D,
    role: 'malformed',
    bytes: hex(
      'fefd' + // FrameID: DCP get/set
        '04' + // ServiceID 4: Set
        '00' + // ServiceType 0: request
        '01000001' + // Xid
        '0000' + // reserved
        '0012' + // DCPDataLength 18
        '0102' + // IP/IP parameter
        '00ff' + // length 255: past the data
        '0001' + // BlockQualifier
        'c0a8000affffff00c0a80001', // IP suite
    ),
  },
  {
    // Built: a FrameID in the reserved range 0x1000-0x7FFF
    name: 'reserved-frame-id',
    dir: D,
    role: 'malformed',
    bytes: hex(
      '1234' + // FrameID 0x1234: reserved
        PAD(44), // payload
    ),
  },
];
