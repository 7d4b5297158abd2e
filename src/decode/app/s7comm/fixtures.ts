/**
 * S7comm byte fixtures: real frames from the shared captures (named with their frame numbers),
 * annotated one field per line, forming one conversation in array order (PG/HMI = client, PLC =
 * server on TCP 102). Malformed variants at the end.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 5
    name: 'cotp-connect-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000016' + // TPKT version 3, length 22
        '11' + // COTP length indicator 17
        'e0' + // CR (connect request), CDT 0
        '0000' + // destination reference 0
        '0007' + // source reference 7
        '00' + // class 0, no options
        'c1020100' + // calling TSAP 0x0100
        'c2020102' + // called TSAP 0x0102: PG connection, rack 0, slot 2
        'c0010a', // TPDU size 2^10 = 1024
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 6
    name: 'cotp-connect-confirm',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000016' + // TPKT version 3, length 22
        '11' + // COTP length indicator 17
        'd0' + // CC (connect confirm)
        '0007' + // destination reference 7
        '0003' + // source reference 3
        '00' + // class 0
        'c0010a' + // TPDU size 1024
        'c1020100' + // calling TSAP 0x0100
        'c2020102', // called TSAP 0x0102
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frames 7 and 9
    name: 'setup-communication-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000019' + // TPKT length 25
        '02f080' + // COTP DT, EOT, TPDU 0
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0200' + // PDU reference 512
        '0008' + // parameter length 8
        '0000' + // data length 0
        'f0' + // function: setup communication
        '00' + // reserved
        '0001' + // max AmQ calling 1
        '0001' + // max AmQ called 1
        '01e0' + // PDU length 480
        '03000007' + // TPKT length 7 (frame 9)
        '02f000', // COTP DT without data and without EOT (sent by STEP 7 after each PDU)
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 8
    name: 'setup-communication-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0300001b' + // TPKT length 27
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '03' + // ROSCTR ack-data
        '0000' + // redundancy id
        '0200' + // PDU reference 512
        '0008' + // parameter length 8
        '0000' + // data length 0
        '00' + // error class 0
        '00' + // error code 0
        'f0' + // function: setup communication
        '00' + // reserved
        '0001' + // max AmQ calling 1
        '0001' + // max AmQ called 1
        '00f0', // PDU length 240
    ),
  },
  {
    // s7comm/s7comm_varservice_libnodavedemo.pcap frame 13
    name: 'read-var-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300001f' + // TPKT length 31
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0001' + // PDU reference 1
        '000e' + // parameter length 14
        '0000' + // data length 0
        '04' + // function: read var
        '01' + // item count 1
        '12' + // variable specification
        '0a' + // length of the address specification 10
        '10' + // syntax id S7ANY
        '02' + // transport size BYTE
        '0010' + // count 16
        '0000' + // DB number 0
        '83' + // area: flags (M)
        '000000', // address: byte 0, bit 0
    ),
  },
  {
    // s7comm/s7comm_varservice_libnodavedemo.pcap frame 14
    name: 'read-var-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000029' + // TPKT length 41
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '03' + // ROSCTR ack-data
        '0000' + // redundancy id
        '0001' + // PDU reference 1
        '0002' + // parameter length 2
        '0014' + // data length 20
        '0000' + // error class, error code 0
        '04' + // function: read var
        '01' + // item count 1
        'ff' + // return code: success
        '04' + // transport size BYTE/WORD/DWORD (length in bits)
        '0080' + // length 128 bits = 16 bytes
        'a9100000000001010000000000000000', // data
    ),
  },
  {
    // s7comm/s7comm_varservice_libnodavedemo.pcap frame 15
    name: 'write-var-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000027' + // TPKT length 39
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0002' + // PDU reference 2
        '000e' + // parameter length 14
        '0008' + // data length 8
        '05' + // function: write var
        '01' + // item count 1
        '120a10' + // variable specification, length 10, S7ANY
        '02' + // transport size BYTE
        '0004' + // count 4
        '0000' + // DB number 0
        '83' + // area: flags (M)
        '000000' + // address: byte 0, bit 0
        '00' + // return code (reserved in a request)
        '04' + // transport size BYTE/WORD/DWORD
        '0020' + // length 32 bits
        'a9100001', // value
    ),
  },
  {
    // s7comm/s7comm_varservice_libnodavedemo.pcap frame 16
    name: 'write-var-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000016' + // TPKT length 22
        '02f080' + // COTP DT, EOT
        '3203' + // S7 ack-data
        '0000' + // redundancy id
        '0002' + // PDU reference 2
        '0002' + // parameter length 2
        '0001' + // data length 1
        '0000' + // no error
        '05' + // function: write var
        '01' + // item count 1
        'ff', // item 1 return code: success
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 3
    name: 'read-szl-module-identification-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000021' + // TPKT length 33
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '0000' + // redundancy id
        '0100' + // PDU reference 256
        '0008' + // parameter length 8
        '0008' + // data length 8
        '000112' + // parameter head
        '04' + // parameter length 4
        '11' + // method: request
        '44' + // type 4 (request), function group 4 (CPU functions)
        '01' + // subfunction: read SZL
        '00' + // sequence number 0
        'ff' + // return code success
        '09' + // transport size octet string
        '0004' + // length 4
        '0011' + // SZL id 0x0011 (module identification)
        '0000', // SZL index 0
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 4
    name: 'read-szl-module-identification-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000099' + // TPKT length 153
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '0000' + // redundancy id
        '0100' + // PDU reference 256
        '000c' + // parameter length 12
        '007c' + // data length 124
        '000112' + // parameter head
        '08' + // parameter length 8
        '12' + // method: response
        '84' + // type 8 (response), group 4 (CPU functions)
        '01' + // subfunction: read SZL
        '02' + // sequence number 2
        '00' + // data unit reference 0
        '00' + // last data unit: yes
        '0000' + // error code 0
        'ff090078' + // success, octet string, length 120
        '0011' + // SZL id 0x0011
        '0000' + // SZL index 0
        '001c' + // record length 28
        '0004' + // 4 records
        '0001' + // index 1: module
        '36455337203331352d32454831342d3041423020' + // MLFB "6ES7 315-2EH14-0AB0 "
        '00c0' + // module type id
        '0003' + // Ausbg 3
        '0001' + // Ausbe 1
        '0006' + // index 6: basic hardware
        '36455337203331352d32454831342d3041423020' + // MLFB
        '00c000030001' + // type, Ausbg, Ausbe
        '0007' + // index 7: basic firmware
        '2020202020202020202020202020202020202020' + // MLFB (blank)
        '00c0' + // module type id
        '5603' + // Ausbg: 'V' 3
        '0207' + // Ausbe: 2.7 -> firmware V3.2.7
        '0081' + // index 0x81: firmware extension
        '426f6f74204c6f61646572202020202020202020' + // "Boot Loader"
        '000041200909', // type, Ausbg, Ausbe
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 5
    name: 'read-szl-component-identification-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000021' + // TPKT length 33
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000200' + // redundancy id, PDU reference 512
        '00080008' + // parameter length 8, data length 8
        '000112041144' + // head, length 4, request, CPU functions
        '01' + // subfunction: read SZL
        '00' + // sequence number
        'ff090004' + // success, octet string, length 4
        '001c' + // SZL id 0x001C (component identification)
        '0000', // index 0
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 6: first fragment of the answer
    name: 'read-szl-component-identification-fragment-1',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '030000f7' + // TPKT length 247
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000200' + // redundancy id, PDU reference 512
        '000c00da' + // parameter length 12, data length 218
        '000112081284' + // head, length 8, response, CPU functions
        '01' + // subfunction: read SZL
        '02' + // sequence number 2
        'd5' + // data unit reference 0xD5
        '01' + // last data unit: no (more follows)
        '0000' + // error code 0
        'ff0900d6' + // success, octet string, length 214
        '001c0000' + // SZL id 0x001C, index 0
        '0022000a' + // record length 34, 10 records
        '0001' + // index 1: PLC name "S7300/ET200M station_1"
        '53373330302f45543230304d2073746174696f6e5f3100000000000000000000' +
        '0002' + // index 2: module name "PLC_1"
        '504c435f31000000000000000000000000000000000000000000000000000000' +
        '0003' + // index 3: plant designation (empty)
        '0000000000000000000000000000000000000000000000000000000000000000' +
        '0004' + // index 4: copyright "Original Siemens Equipment"
        '4f726967696e616c205369656d656e732045717569706d656e74000000000000' +
        '0005' + // index 5: serial number "S C-B1U393142011"
        '5320432d42315533393331343230313100000000000000000000000000000000' +
        '0007' + // index 7: module type name "CPU 315-2 PN/DP"
        '435055203331352d3220504e2f44500000000000000000000000000000000000' +
        '0008', // index 8 (its text continues in the next fragment)
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 7: "continue" request for the next fragment
    name: 'read-szl-component-identification-continue',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000021' + // TPKT length 33
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000300' + // redundancy id, PDU reference 768
        '000c0004' + // parameter length 12, data length 4
        '000112081244' + // head, length 8, method response, type request, CPU functions
        '01' + // subfunction: read SZL
        '02' + // sequence number 2
        '00' + // data unit reference 0
        '00' + // last data unit: yes
        '0000' + // error code 0
        '0a000000', // return code: object does not exist, no data
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 8: last fragment
    name: 'read-szl-component-identification-fragment-2',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '030000a7' + // TPKT length 167
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000300' + // redundancy id, PDU reference 768
        '000c008a' + // parameter length 12, data length 138
        '000112081284' + // head, length 8, response, CPU functions
        '0102' + // read SZL, sequence number 2
        'd5' + // data unit reference 0xD5 (same answer)
        '00' + // last data unit: yes
        '0000' + // error code 0
        'ff090086' + // success, octet string, length 134
        '4d4d432034413141433031390000000000000000000000000000000000000000' + // "MMC 4A1AC019" (index 8 text)
        '0009' + // index 9: manufacturer 0x002A, profile 0xF600, profile type 0x0001
        '002af60000010000000000000000000000000000000000000000000000000000' +
        '000a' + // index 10: OEM id (empty)
        '0000000000000000000000000000000000000000000000000000000000000000' +
        '000b' + // index 11: location (empty)
        '0000000000000000000000000000000000000000000000000000000000000000',
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 43
    name: 'request-download-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000031' + // TPKT length 49
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '0000' + // redundancy id
        '0e00' + // PDU reference 3584
        '0020' + // parameter length 32
        '0000' + // data length 0
        '1a' + // function: request download
        '00' + // function status
        '0100' + // unknown
        '00000000' + // unknown
        '09' + // file name length 9
        '5f30413030303031' + // "_0A00001": complete module, DB 1
        '50' + // "P": passive file system
        '0d' + // length of part 2: 13
        '31' + // "1"
        '303030353030' + // load memory length "000500"
        '303030343030', // MC7 code length "000400"
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 44
    name: 'request-download-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000014' + // TPKT length 20
        '02f080' + // COTP DT, EOT
        '3203' + // S7 ack-data
        '00000e00' + // redundancy id, PDU reference 3584
        '00010000' + // parameter length 1, data length 0
        '0000' + // no error
        '1a', // function: request download
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 46: the PLC asks for the block
    name: 'download-block-job-from-plc',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000023' + // TPKT length 35
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '00000100' + // redundancy id, PDU reference 256
        '00120000' + // parameter length 18, data length 0
        '1b' + // function: download block
        '00' + // function status
        '0000' + // unknown
        '00000000' + // unknown
        '09' + // file name length 9
        '5f3041303030303150', // "_0A00001P"
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 58
    name: 'pi-service-insert-block-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300002b' + // TPKT length 43
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '00000f00' + // redundancy id, PDU reference 3840
        '001a0000' + // parameter length 26, data length 0
        '28' + // function: PI service
        '0000000000' + // unknown
        '00fd' + // unknown
        '000a' + // parameter block length 10
        '01' + // 1 block
        '00' + // unknown
        '3041' + // block type "0A" = DB
        '3030303031' + // block number "00001"
        '50' + // file system "P"
        '05' + // service name length 5
        '5f494e5345', // "_INSE": activate the downloaded block
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 59
    name: 'pi-service-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000014' + // TPKT length 20
        '02f080' + // COTP DT, EOT
        '3203' + // S7 ack-data
        '00000f00' + // redundancy id, PDU reference 3840
        '00010000' + // parameter length 1, data length 0
        '0000' + // no error
        '28', // function: PI service
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frames 22 and 23 (list blocks)
    name: 'list-blocks-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300001d' + // TPKT length 29
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000700' + // redundancy id, PDU reference 1792
        '00080004' + // parameter length 8, data length 4
        '000112041143' + // head, length 4, request, group 3 (block functions)
        '01' + // subfunction: list blocks
        '00' + // sequence number
        '0a000000', // return code 0x0A, no data
    ),
  },
  {
    // s7comm/s7comm_downloading_block_db1.pcap frame 23
    name: 'list-blocks-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '0300003d' + // TPKT length 61
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000700' + // redundancy id, PDU reference 1792
        '000c0020' + // parameter length 12, data length 32
        '000112081283' + // head, length 8, response, block functions
        '0100' + // list blocks, sequence 0
        '0000' + // data unit reference 0, last data unit
        '0000' + // error code 0
        'ff09001c' + // success, octet string, length 28
        '30380001' + // OB: 1
        '30450000' + // FB: 0
        '30430000' + // FC: 0
        '30410000' + // DB: 0
        '3042000c' + // SDB: 12
        '30440047' + // SFC: 71
        '3046000e', // SFB: 14
    ),
  },
  {
    // s7comm/step7_s300_AuthPassword.pcapng frame 3
    name: 'plc-password-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000025' + // TPKT length 37
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000600' + // redundancy id, PDU reference 1536
        '0008000c' + // parameter length 8, data length 12
        '000112041145' + // head, length 4, request, group 5 (security)
        '01' + // subfunction: PLC password
        '00' + // sequence number
        'ff090008' + // success, octet string, length 8
        '213a1b1d6e681b1d', // obfuscated password (not kept in events)
    ),
  },
  {
    // s7comm/step7_s300_AuthPassword.pcapng frame 4
    name: 'plc-password-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000021' + // TPKT length 33
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000600' + // redundancy id, PDU reference 1536
        '000c0004' + // parameter length 12, data length 4
        '000112081285' + // head, length 8, response, security
        '0101' + // PLC password, sequence 1
        '0000' + // data unit reference 0, last data unit
        '0000' + // error code 0
        '0a000000', // return code 0x0A, no data
    ),
  },
  {
    // s7comm/step7_s300_stop.pcapng frame 1
    name: 'plc-stop-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000021' + // TPKT length 33
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '00003500' + // redundancy id, PDU reference 13568
        '00100000' + // parameter length 16, data length 0
        '29' + // function: PLC stop
        '0000000000' + // unknown
        '09' + // service name length 9
        '505f50524f4752414d', // "P_PROGRAM"
    ),
  },
  {
    // s7comm/step7_s300_stop.pcapng frames 2, 3 and 4 (ack-data, diagnostic message, mode push)
    name: 'plc-stop-ack-data-and-mode-transition',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000014' + // TPKT length 20
        '02f080' + // COTP DT, EOT
        '3203' + // S7 ack-data
        '00003500' + // PDU reference 13568
        '00010000' + // parameter length 1, data length 0
        '0000' + // no error
        '29' + // function: PLC stop
        '03000031' + // TPKT length 49 (frame 3)
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000000' + // PDU reference 0
        '00080018' + // parameter length 8, data length 24
        '000112041104' + // head, length 4, push (type 0), CPU functions
        '03' + // subfunction: diagnostic message
        '00' + // sequence number
        'ff090014' + // success, octet string, length 20
        '4304' + // event id 0x4304: STOP by PG
        'ff84' + // priority class, OB number
        '0000' + // DatID
        '0000' + // info 1
        '00000000' + // info 2
        '9401092153421521' + // timestamp 1994-01-09 21:53:42.152
        '03000019' + // TPKT length 25 (frame 4)
        '02f080' + // COTP DT, EOT
        '3207' + // S7 userdata
        '00000000' + // PDU reference 0
        '00080000' + // parameter length 8, data length 0
        '0001001010' + // mode transition parameter head
        '00' + // type 0 (push), group 0 (mode transition)
        '00' + // current mode: STOP
        '00', // sequence number
    ),
  },
  {
    // s7comm/V13_1200_TP1200sim_..._Timer_sync.pcapng frame 4 (S7-1200 HMI connect)
    name: 'cotp-connect-request-s7comm-plus',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000024' + // TPKT length 36
        '1f' + // COTP length indicator 31
        'e0' + // CR
        '0000' + // destination reference
        '0009' + // source reference
        '00' + // class 0
        'c1020600' + // calling TSAP 0x0600
        'c21053494d415449432d524f4f542d484d49' + // called TSAP "SIMATIC-ROOT-HMI"
        'c0010a', // TPDU size 1024
    ),
  },
  {
    // s7comm/V13_1200_TP1200sim_..._Timer_sync.pcapng frame 13
    name: 's7comm-plus-delete-object-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300003d' + // TPKT length 61
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '002e' + // data length 46
        '31' + // opcode: request
        '0000' + // reserved
        '04d4' + // function: DeleteObject
        '0000' + // reserved
        '0003' + // sequence number 3
        '000003e0' + // session id 0x3E0
        '34' + // transport flags
        '000003e0' + // object id 0x3E0 (the session)
        '00000004e88969001200000000896a001300896b0004000000000000' + // attributes (opaque)
        '72020000', // trailer
    ),
  },
  {
    // s7comm/S7-1511_db3_var1_HMI.pcap frame 16
    name: 's7comm-plus-set-multi-variables-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000020' + // TPKT length 32
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '0011' + // data length 17
        '32' + // opcode: response
        '0000' + // reserved
        '0542' + // function: SetMultiVariables
        '0000' + // reserved
        '0002' + // sequence number 2
        '34' + // transport flags
        '00000000000000' + // return value, item errors
        '72020000', // trailer
    ),
  },
  {
    // Constructed from s7comm_varservice_libnodavedemo.pcap frame 13: the read var job split
    // into two COTP DTs (the first without EOT), as ISO 8073 6.3 segmenting allows.
    name: 'read-var-job-segmented',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0300000e' + // TPKT length 14
        '02f000' + // COTP DT, no EOT, TPDU 0
        '32010000000100' + // S7 header, first 7 bytes
        '03000018' + // TPKT length 24
        '02f081' + // COTP DT, EOT, TPDU 1
        '0e0000' + // rest of the header: parameter length 14, data length 0
        '0401120a10020010000083000000', // read var, 1 item, MB0 16 bytes
    ),
  },
  {
    // Malformed: TPKT version 2 on the confirmed connection (the decoder resynchronises).
    name: 'bad-tpkt-version',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '02000007' + // TPKT version 2
        '02f000' + // COTP DT
        '0300001f02f080320100000001000e00000401120a10020010000083000000', // a valid job
    ),
  },
  {
    // Malformed: parameter length beyond the PDU, unknown job function, bad item.
    name: 'truncated-job-unknown-function',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '03000015' + // TPKT length 21
        '02f080' + // COTP DT, EOT
        '3201' + // S7 job
        '00000009' + // PDU reference 9
        '00100000' + // parameter length 16 (only 4 present)
        '42' + // function 0x42: undefined
        '010203',
    ),
  },
  {
    // Malformed: ROSCTR 5, item with a wrong variable specification, non-S7 COTP data.
    name: 'unknown-rosctr-and-foreign-data',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '03000011' + // TPKT length 17
        '02f080' + // COTP DT, EOT
        '3205' + // ROSCTR 5 (undefined)
        '0000000a00000000' + // header rest
        '0300001f' + // TPKT length 31
        '02f080' + // COTP DT, EOT
        '320100000001000e0000' + // job, PDU reference 1, parameter length 14, data 0
        '0401' + // read var, 1 item
        '110a10020010000083000000' + // variable specification 0x11 (not 0x12)
        '0300000c' + // TPKT length 12
        '02f080' + // COTP DT, EOT
        '0dfe0102c0', // MMS session SPDU, not S7
    ),
  },
  {
    // Malformed: S7comm-plus data length beyond the TSDU; COTP length indicator past the TPKT.
    name: 'truncated-s7comm-plus-and-bad-cotp',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '0300000f' + // TPKT length 15
        '02f080' + // COTP DT, EOT
        '72020040' + // S7comm-plus v2, data length 64 (4 present)
        '32000005' + // response, function truncated
        '03000008' + // TPKT length 8
        '09' + // COTP length indicator 9 (past the TPKT)
        'f08000', // DT
    ),
  },
];
