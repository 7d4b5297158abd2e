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
        '53373330302f45543230304d2073746174696f6e5f3100000000000000000000' + // text, NUL padded to 32
        '0002' + // index 2: module name "PLC_1"
        '504c435f31000000000000000000000000000000000000000000000000000000' + // text, NUL padded to 32
        '0003' + // index 3: plant designation (empty)
        '0000000000000000000000000000000000000000000000000000000000000000' + // 32 NULs
        '0004' + // index 4: copyright "Original Siemens Equipment"
        '4f726967696e616c205369656d656e732045717569706d656e74000000000000' + // text, NUL padded to 32
        '0005' + // index 5: serial number "S C-B1U393142011"
        '5320432d42315533393331343230313100000000000000000000000000000000' + // text, NUL padded to 32
        '0007' + // index 7: module type name "CPU 315-2 PN/DP"
        '435055203331352d3220504e2f44500000000000000000000000000000000000' + // text, NUL padded to 32
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
        '002af60000010000000000000000000000000000000000000000000000000000' + // ids, then 26 reserved NULs
        '000a' + // index 10: OEM id (empty)
        '0000000000000000000000000000000000000000000000000000000000000000' + // 32 NULs
        '000b' + // index 11: location (empty)
        '0000000000000000000000000000000000000000000000000000000000000000', // 32 NULs
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
    // s7comm/snap7_s300_everything.pcapng frame 17: the upload of SDB 0 starts
    name: 'start-upload-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000023' + // TPKT length 35
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0800' + // PDU reference
        '0012' + // parameter length 18
        '0000' + // data length 0
        '1d' + // function: start upload
        '00' + // function status
        '0000' + // unknown
        '00000000' + // upload id 0 (none yet)
        '09' + // file name length 9
        '5f3042303030303041', // file name "_0B00000A": SDB 0, active file system
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 18: the PLC gives the upload id and the length
    name: 'start-upload-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000023' + // TPKT length 35
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '03' + // ROSCTR ack-data
        '0000' + // redundancy id
        '0800' + // PDU reference
        '0010' + // parameter length 16
        '0000' + // data length 0
        '00' + // error class
        '00' + // error code
        '1d' + // function: start upload
        '00' + // function status
        '0100' + // unknown
        '00000007' + // upload id 7
        '07' + // length string length 7
        '30303030323136', // block length "0000216"
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 19: upload, by upload id only
    name: 'upload-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000019' + // TPKT length 25
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0900' + // PDU reference
        '0008' + // parameter length 8
        '0000' + // data length 0
        '1e' + // function: upload
        '00' + // function status
        '0000' + // unknown
        '00000007', // upload id 7
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 20: the block's 216 bytes
    name: 'upload-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '030000f1' + // TPKT length 241
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '03' + // ROSCTR ack-data
        '0000' + // redundancy id
        '0900' + // PDU reference
        '0002' + // parameter length 2
        '00dc' + // data length 220
        '00' + // error class
        '00' + // error code
        '1e' + // function: upload
        '00' + // function status (no more data)
        '00d8' + // block data length 216
        '00fb' + // unknown
        '70700302070b0000000000d880000000003921002d9804ef6d80122c00000000' + // block data
        '000000901c031001010100001f0202040001210500140000019f003c01900027' + // block data
        '741553373330302f45543230304d2073746174696f6e5f310000504c435f3100' + // block data
        '0000000000000000000000000000000000000000000000000000000000000000' + // block data
        '0000000000000000000000000000000000000000000000000000000000000000' + // block data
        '0000000000000000000000000000000000000000535445502037202320202020' + // block data
        '2020202020202020202020200000d1cc3152481400000000', // block data
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 21
    name: 'end-upload-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000019' + // TPKT length 25
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '0a00' + // PDU reference
        '0008' + // parameter length 8
        '0000' + // data length 0
        '1f' + // function: end upload
        '00' + // function status
        '0000' + // error code 0
        '00000007', // upload id 7
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 22
    name: 'end-upload-ack-data',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000014' + // TPKT length 20
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '03' + // ROSCTR ack-data
        '0000' + // redundancy id
        '0a00' + // PDU reference
        '0001' + // parameter length 1
        '0000' + // data length 0
        '00' + // error class
        '00' + // error code
        '1f', // function: end upload
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 43: the upload of OB 0 starts
    name: 'start-upload-ob0-job',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '03000023' + // TPKT length 35
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '01' + // ROSCTR job
        '0000' + // redundancy id
        '1500' + // PDU reference
        '0012' + // parameter length 18
        '0000' + // data length 0
        '1d' + // function: start upload
        '00' + // function status
        '0000' + // unknown
        '00000000' + // upload id 0 (none yet)
        '09' + // file name length 9
        '5f3038303030303041', // file name "_0800000A": OB 0, active file system
    ),
  },
  {
    // s7comm/snap7_s300_everything.pcapng frame 44: refused, by an ack with an error
    name: 'start-upload-refused-ack',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '03000013' + // TPKT length 19
        '02f080' + // COTP DT, EOT
        '32' + // S7 protocol id
        '02' + // ROSCTR ack
        '0000' + // redundancy id
        '1500' + // PDU reference
        '0000' + // parameter length 0
        '0000' + // data length 0
        'd2' + // error class 0xD2
        '0c', // error code 0x0C: 0xD20C, OB cannot be copied (its priority class does not exist)
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
    // s7comm/S7-1511_db3_var1_HMI.pcap frame 15: the request answered by frame 16 below
    name: 's7comm-plus-set-multi-variables-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '030001aa' + // TPKT length 426
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '019b' + // data length 411
        '31' + // opcode: request
        '0000' + // reserved
        '0542' + // function: SetMultiVariables
        '0000' + // reserved
        '0002' + // sequence number 2
        '00000388' + // session id 0x388
        '34' + // transport flags
        '000003880303823282318e260100170000013a823b00048240823c0004824082' + // object id, items, values, integrity (opaque), 397 bytes
        '3d000484818040823e000484818040823f001500824000151a313b3645533720' + // (continued)
        '3531312d31414b30302d304142303b56312e3082410003000300022003010002' + // (continued)
        '030017000007088e090004008e0a0002008e0b0017000007218e2200058c86ef' + // (continued)
        'b0c29fa296948e2300048480108e24000400008e0c0017000007218e220005b6' + // (continued)
        'f9e288cbc5949be88e2300048480018e24000400008e0d0014008134addee1fe' + // (continued)
        'b40000000100000001000000e81b4a718910e76d01000000000000009416d147' + // (continued)
        '087b1b18100000000000000088d651fd87d1d596d5b44b19e8d5850a32c06515' + // (continued)
        '05881b41aa33422a3bbd1ce33cb9dd896bd732231b353202845dcc0a37fcae07' + // (continued)
        '2d143c9ed3988cd57f579974c8f942071be24ff574c761e658cd7919917f4287' + // (continued)
        '9dac5c1026981a9abbfdba3de66ec211b00382a6a3c0bad7b42e100dc8e23c08' + // (continued)
        '973b6c78acd53455380435e8b7c014f10000000004e88969001200000000896a' + // (continued)
        '001300896b0004000000000000' + // (continued)
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
    // s7comm/S7-1200-Uploading-OB1-TIAV12.pcap frame 127 (TIA Portal V12 loading OB1 into an
    // S7-1200 as one CreateObject request in three fragments): the first fragment: opcode, function, sequence and session id; no trailer
    name: 's7comm-plus-create-object-first-fragment',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '030003fb' + // TPKT length 1019
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '03f0' + // data length 1008
        '31' + // opcode: request
        '0000' + // reserved
        '04ca' + // function: CreateObject
        '0000' + // reserved
        '0027' + // sequence number 39
        '000003c0' + // session id 0x3C0
        '34' + // transport flags
        '0000000300040000000000a18a32000194572000a381690015044d61696ea393' + // object data (opaque), 994 bytes in this fragment
        '15000589d0b2d1b5919f8ce8a3931600048b7ea39311001400820a9800000278' + // object data (continued)
        'f95814b03b7d955d6bc3201486ff4ae91f989f894216d8ca02852ebb88f7e310' + // object data (continued)
        '6c16969ad19941fffd4e24b49dabbd117cceabc78ff7e8ff8360e1209e263fd6' + // object data (continued)
        'c122cb255c81683792712a895222d39a33c2a2ddcc6de3e1f0159668c8e3fa7a' + // object data (continued)
        '88929c6ab15e199ae0ecc273c628e1045320e709bd48e8e5cc31c06446891254' + // object data (continued)
        '4b91a3ef4c96e07982ab503246df7970d2aeddda76f361dbcf4572eedebdc4b7' + // object data (continued)
        'e7f7cde8be3d38bfaa43a1227985de2dd1adf3f6b88736146b598f6e4e1ed18b' + // object data (continued)
        '13aab826826b77e0ba093abbb33f7628f137ba410b03c7cefa0a0efd702a1b7c' + // object data (continued)
        '8308291efec0e2a5a926d77a5c3f0cbd3f2dd3a1256e06501e250eca28edd9ab' + // object data (continued)
        'bfc3becf50a39313000424a3a140401500a3936f000589d0b2cf86a6cd8aa8a3' + // object data (continued)
        'a13f401588081d20224d61696e2050726f6772616d2053776565702028437963' + // object data (continued)
        '6c65292200a3935900030001a3935a000101a3935b00030004a3935c00170000' + // object data (continued)
        '0d779a78000b00009a7910021400000000000000000000000000000000000000' + // object data (continued)
        '0000a3935f000100a39361000589d0b2d1b5919f8ce8a39364000c00000000a3' + // object data (continued)
        '984f001700000da09b210008009b220015009b2300080000a39c23000800a3a3' + // object data (continued)
        '620014001501000800080001000200050001030008000c000000a39414001400' + // object data (continued)
        '14184001e0018c0021abcde0018c00211234144001a39415000588b8ce938f8c' + // object data (continued)
        '89ff78a39419401400a3941a0014000400000000a3941b001400300000002c10' + // object data (continued)
        'e27131e304ff7800200001000000000000000000000000000200000001000000' + // object data (continued)
        '0000000000000000000000a3941e000800a3941f0014000c0c00000000000000' + // object data (continued)
        '000710c6a3941740140200822898000002787db0155ff8d5954d0b823018c7bf' + // object data (continued)
        '8aac6be5e6b399412ff472e8d229a2a3546a04d9a942faf4ad6dda9c9a1875c8' + // object data (continued)
        '8b0c419efdfe2fcf609cc427eb96bb16f73c67773e0cd1f512753c341e1592a7' + // object data (continued)
        '2be5271803f1dde7db017fbbdb0728a55a20d8d3193a5ddc25c8d43953467005' + // object data (continued)
        '96d110502b31a2328e724221b85deea6744225a600a719469e856b0018a314fa' + // object data (continued)
        '2fcb2fc224b3fd6c3e9962ed511f246e3e9edb926072e9581def61db5a9f03ee' + // object data (continued)
        'bcda44189c8903b49ab3d7943373ff833350e2bce72cc17cce79b9c119575507' + // object data (continued)
        '2955684a953223cb1f63355201dffa6f855c7ad92bc9449b6892c9b32e19b790' + // object data (continued)
        '5a16cb30e64b2557cbb858cc572e4854b558a40bebc4d216a6c805f609322a3d' + // object data (continued)
        '158f34158ffc3a11f95d5f7a57db68de07ceb3c93400a3a3500003ffffa39370' + // object data (continued)
        '0014', // object data (continued)
    ),
  },
  {
    // s7comm/S7-1200-Uploading-OB1-TIAV12.pcap frame 128 (TIA Portal V12 loading OB1 into an
    // S7-1200 as one CreateObject request in three fragments): an inner fragment: data only (its first byte is no opcode); no trailer
    name: 's7comm-plus-create-object-inner-fragment',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '030003fc' + // TPKT length 1020
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '03f1' + // data length 1009
        '00823f98000002787d66052b13ad96490ec2300c45ef927d556742c9a6a7e002' + // object data (opaque), 1009 bytes in this fragment
        '452d3b24964888bb9379b04391102b045562d3fffcfdbf3ba3a1c6880449d257' + // object data (continued)
        '030016f750688cb32463b823fadf212e1ac8e332ea860da0e66ca9a47aebacfd' + // object data (continued)
        '459f252ec48d954a493349abf4a4ac86c96efbeabe5ed7cd5cd66ddd34b1aaa7' + // object data (continued)
        'e0c0258849097d7ab1f1a6f11c1444ffb624dc1f4cb4fb464e59ecf37ebb2794' + // object data (continued)
        'e1e1b9c02ca3c9138978f782e7a5b38a946f06bb0818092840220a0c424a2c32' + // object data (continued)
        '775566af8efb286a954d52791199971c72fc99aa70b834849c7a44e623498696' + // object data (continued)
        '87668b162ab8c77641dba53c959ee9a1ef3633ef8e873be320417cf1c95b5d96' + // object data (continued)
        '085d76f7ff50ae371c5271500265211215b295e1cc007d6a00941b00250740d9' + // object data (continued)
        '013ea60718e507d27b4b04d656656d0bd3c7d6310265ae98e55ffa895bde4b53' + // object data (continued)
        'a586a39371001400820c9800000278f91398a37fed56b10e823010dd4dfc07d2' + // object data (continued)
        '1dd22b4636070dc6810d43dcd8fc49073fc95f90427b6de9b51295ad03090dbd' + // object data (continued)
        'd7d777efee783d9e0bae0850f06278d861bbc9322d927c1f564eee195e9965ca' + // object data (continued)
        '079d2884f402b9dd11064364824bd107a3a482eee67d5fb795f285805d0e97ba' + // object data (continued)
        'e439bf1d7910045380486d058263007a605cb8969992c334b0edb20e44cff517' + // object data (continued)
        'efd060ba91c459968c455a9b76a2844e2548595e093083183353a1c8852e2a43' + // object data (continued)
        'ce07b16a1b51068b4642bc1660d2b1a4ee23c8a69720a46a2a5fcb2baf92a4fd' + // object data (continued)
        'bbb4564f4bf2ae236f72ee2ad2b6a786d1e38518c978e27dd6e367d3cd9bdc0b' + // object data (continued)
        '03a9014f877eb8d4b5495ef9d92b91ffc237d2bbdd27a3937240140100179800' + // object data (continued)
        '0002787d3c55436ac3ee0e3427e8db010021ab0d4000a3936540140200834698' + // object data (continued)
        '000002787defaeae49b557df4fc230107e37f17f30f1dd2995ed6521190323c9' + // object data (continued)
        '08c429ef1d2bbab8d1a5dd8cfcf7deb51ddd868292f846ef763ffa71fdeeae97' + // object data (continued)
        '441c46e70507c0c1d3924bddedc04fcc6bb166adde7e3340c5ae48384ee4fac7' + // object data (continued)
        '5598a3f552b23ae55a04e8ee0ae332ae9330a752e23166f9668c739f82ba631e' + // object data (continued)
        '674599b39eb9db65915f58588a25bfb4f0babce13bfbeb3d716e0b4f1ea0d068' + // object data (continued)
        '4c37c27a9f418ce7404a504f3f4b1895d0c0344c57eb51be145931d140aea831' + // object data (continued)
        '1f6af58a8a2091989cbd83637d8dfc7184a2451948330be8acb5b81f7478db0d' + // object data (continued)
        '1ae273e55b0963cb14c7fb6b9aacd366dd321928bdde2f7412ee61120f595c69' + // object data (continued)
        'ac1a10a03023e3474fe63d788877029ec151780839179efb63f07827e0b91b90' + // object data (continued)
        'fd5ae3fe008ff7377886a6cabac585df36cf6de4bf6cb3cad2f81c5eadad3df5' + // object data (continued)
        'a05ac7d1e50510d523a3297001bcfa8f2c45768fd5301df2a2cc722680b791af' + // object data (continued)
        '6d3c45ff4a669a8e347babf2d62a7a2369', // object data (continued)
    ),
  },
  {
    // s7comm/S7-1200-Uploading-OB1-TIAV12.pcap frame 129 (TIA Portal V12 loading OB1 into an
    // S7-1200 as one CreateObject request in three fragments): the last fragment: data, then the trailer
    name: 's7comm-plus-create-object-last-fragment',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '030000e7' + // TPKT length 231
        '02f080' + // COTP DT, EOT
        '72' + // S7comm-plus protocol id
        '02' + // version 2
        '00d8' + // data length 216
        'be52277b862b4d74edda47a7c742703f03a044ad16c5886d5fab371534e2fc3d' + // object data (opaque), 216 bytes in this fragment
        'a8d445e6c0436217084695217e4f61336c35289884179b8d64cdbef75d74420e' + // object data (continued)
        'a37bff16dd775a50f84ee79f6a31f717d914b4eb00a3936900140000a3941840' + // object data (continued)
        '1400a3941d0014005c9800000278f966052b138314792ea949a5e9e034c3cba5' + // object data (continued)
        'a06003accac0d519d05843a089a9e9c0668da3b3ad1230f05df352c04c434b25' + // object data (continued)
        '05b7cca26260c5032c6941e53b3476816a7c1231854d9514f48186dbe8a3d907' + // object data (continued)
        '00dab627e7a4900a00000060a4900a00000060a200000000' + // object data (continued)
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
        '010203', // 3 of the 15 parameter bytes announced
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
