/**
 * SMB byte fixtures from the shared captures (../shared/data/pcaps/it-attacks), one TCP payload
 * each, annotated field by field. In order they form one conversation: NBSS session set-up,
 * SMB1 negotiation, an EternalBlue-era null session with the DoublePulsar ping, then SMB2/3
 * (PsExec over ADMIN$ and IPC$) and the SMBGhost compression transform.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 20: NetBIOS session request on TCP 139
    name: 'nbss-session-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '81' + // NBSS type = session request
        '000044' + // length = 68
        '20' + // called name: 32 first-level encoded letters
        '454545464644454c464545504641434e45424547464146474546464244434341' + // "DESKTOP-AFPVEQ2" <20>
        '00' + // scope: empty
        '20' + // calling name: 32 letters
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // "IE11WIN7" <00>
        '00', // scope: empty
    ),
  },
  {
    // modbus/mb2.pcap frame 3698 (NetBIOS session + SMB1 negotiate)
    name: 'smb1-negotiate-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00' + // NBSS type = session message
        '000085' + // length = 133
        'ff534d42' + // protocol id "\xffSMB"
        '72' + // command = NEGOTIATE
        '00000000' + // status
        '18' + // flags: canonical paths, case insensitive
        '53c8' + // flags2 = 0xc853 (unicode, NT status, extended security...)
        '0000' + // PID high
        '0000000000000000' + // security features
        '0000' + // reserved
        '0000' + // TID
        'fffe' + // PID low = 0xfeff
        '0000' + // UID
        '0000' + // MID
        '00' + // word count = 0
        '6200' + // byte count = 98
        '02' +
        '5043204e4554574f524b2050524f4752414d20312e3000' + // "PC NETWORK PROGRAM 1.0"
        '02' +
        '4c414e4d414e312e3000' + // "LANMAN1.0"
        '02' +
        '57696e646f777320666f7220576f726b67726f75707320332e316100' + // "Windows for Workgroups 3.1a"
        '02' +
        '4c4d312e325830303200' + // "LM1.2X002"
        '02' +
        '4c414e4d414e322e3100' + // "LANMAN2.1"
        '02' +
        '4e54204c4d20302e313200', // "NT LM 0.12"
    ),
  },
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 82: SESSION_SETUP_ANDX request without extended security (null session)
    name: 'smb1-session-setup-anonymous',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000088' + // NBSS session message, length 136
        'ff534d42' +
        '73' + // SMB1, command = SESSION_SETUP_ANDX
        '00000000' + // status
        '18' +
        '07c0' + // flags, flags2 = 0xc007 (unicode, NT status, long names)
        '0000' +
        '0000000000000000' +
        '0000' + // PID high, security features, reserved
        '0000' +
        'fffe' +
        '0000' +
        '4000' + // TID 0, PID 0xfeff, UID 0, MID 64
        '0d' + // word count = 13
        'ff' +
        '00' +
        '8800' + // AndX: no further command, reserved, offset 136
        '0411' +
        '0a00' +
        '0000' +
        '00000000' + // max buffer 4356, max mpx 10, VC 0, session key
        '0100' + // OEM password length = 1
        '0000' + // Unicode password length = 0
        '00000000' + // reserved
        'd4000000' + // capabilities
        '4b00' + // byte count = 75
        '00' + // OEM password: one NUL (anonymous)
        '0000' + // account name: empty (aligned), primary domain: empty
        '0000570069006e0064006f007700730020003200300030003000200032003100390035000000' + // native OS "Windows 2000 2195"
        '570069006e0064006f007700730020003200300030003000200035002e0030000000', // native LAN manager "Windows 2000 5.0"
    ),
  },
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 84: TREE_CONNECT_ANDX request for IPC$
    name: 'smb1-tree-connect-ipc',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000060' + // NBSS session message, length 96
        'ff534d42' +
        '75' +
        '00000000' +
        '18' +
        '07c0' + // SMB1 TREE_CONNECT_ANDX, flags2 unicode
        '0000' +
        '0000000000000000' +
        '0000' + // PID high, security features, reserved
        '0000' +
        'fffe' +
        '0008' +
        '4000' + // TID 0, PID 0xfeff, UID 2048, MID 64
        '04' + // word count = 4
        'ff' +
        '00' +
        '6000' + // AndX: none
        '0800' + // flags
        '0100' + // password length = 1
        '3500' + // byte count = 53
        '00' + // password: NUL
        '5c005c003100390032002e003100360038002e003100390038002e003200300033005c00490050004300240000' + // path "\\192.168.198.203\IPC$"
        '00' + // (end of path NUL high byte)
        '3f3f3f3f3f00', // service "?????"
    ),
  },
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 85: TREE_CONNECT_ANDX response, TID 2048
    name: 'smb1-tree-connect-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000038' + // NBSS session message, length 56
        'ff534d42' +
        '75' +
        '00000000' +
        '98' +
        '07c0' + // reply flag set
        '0000' +
        '0000000000000000' +
        '0000' + // PID high, security features, reserved
        '0008' +
        'fffe' +
        '0008' +
        '4000' + // TID 2048, PID 0xfeff, UID 2048, MID 64
        '07' + // word count = 7
        'ff' +
        '00' +
        '3800' + // AndX: none
        '0100' + // optional support
        'ffff1f00' +
        'ffff1f00' + // maximal share access, guest maximal share access
        '0700' + // byte count = 7
        '49504300' + // service "IPC"
        '000000', // native file system: empty (unicode)
    ),
  },
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 86: Trans2 SESSION_SETUP (the DoublePulsar ping), MID 65
    name: 'smb1-trans2-session-setup',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0000004e' + // NBSS session message, length 78
        'ff534d42' +
        '32' +
        '00000000' +
        '18' +
        '07c0' + // SMB1 TRANSACTION2
        '0000' +
        '0000000000000000' +
        '0000' + // PID high, security features, reserved
        '0008' +
        'fffe' +
        '0008' +
        '4100' + // TID 2048, PID 0xfeff, UID 2048, MID 65
        '0f' + // word count = 15
        '0c00' + // total parameter count = 12
        '0000' + // total data count = 0
        '0100' + // max parameter count
        '0000' + // max data count
        '00' +
        '00' + // max setup count, reserved
        '0000' + // flags
        '77bfed00' + // timeout = 0x00edbf77 (DoublePulsar opcode and key check)
        '0000' + // reserved
        '0c00' +
        '4200' + // parameter count 12, offset 66
        '0000' +
        '4e00' + // data count 0, offset 78
        '01' +
        '00' + // setup count 1, reserved
        '0e00' + // setup[0] = 0x000e SESSION_SETUP
        '0d00' + // byte count = 13
        '00' + // padding
        '000000000000000000000000', // parameters
    ),
  },
  {
    // it-attacks/smb-exploits/doublepulsar-backdoor-connect-win7.pcap frame 87: the implant's reply, MID 81 = 65 + 16, STATUS_NOT_IMPLEMENTED
    name: 'smb1-doublepulsar-reply',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000023' + // NBSS session message, length 35
        'ff534d42' +
        '32' + // SMB1 TRANSACTION2
        '020000c0' + // status = 0xc0000002 STATUS_NOT_IMPLEMENTED
        '98' +
        '07c0' + // reply
        '0000' +
        '794b5da400000000' +
        '0000' + // PID high, security features (signature), reserved
        '0008' +
        'fffe' +
        '0008' +
        '5100' + // TID 2048, PID 0xfeff, UID 2048, MID 81
        '00' + // word count = 0
        '0000', // byte count = 0
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 7: TREE_CONNECT \\172.16.66.36\ADMIN$
    name: 'smb2-tree-connect-admin',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000072' + // NBSS session message, length 114
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0300' + // command = 3
        '0100' + // credits
        '18000000' + // flags = 0x18 (request)
        '00000000' + // next command
        '0300000000000000' + // message id 3
        'fffe0000' + // reserved (process id)
        '00000000' + // tree id 0
        '5500002400ec0300' + // session id
        '793e6659a145f23d671e72f4ddac9aa9' + // signature
        '0900' + // structure size 9
        '0000' + // flags
        '4800' + // path offset 72
        '2a00' + // path length 42
        '5c005c003100370032002e00310036002e00360036002e00330036005c00410044004d0049004e002400', // "\\\\172.16.66.36\\ADMIN$"
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 8: TREE_CONNECT response, tree id 1, disk share
    name: 'smb2-tree-connect-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000050' + // NBSS session message, length 80
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // status
        '0300' + // command = 3
        '0100' + // credits
        '19000000' + // flags = 0x19 (response)
        '00000000' + // next command
        '0300000000000000' + // message id 3
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '5500002400ec0300' + // session id
        '2f539cfd3341aaa7970dd020a79b0504' + // signature
        '1000' + // structure size 16
        '01' + // share type = disk
        '00' + // reserved
        '00000000' + // share flags
        '00000000' + // capabilities
        'ff011f01', // maximal access
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 120: CLOSE on tree 1 (ADMIN$), file PSEXESVC.exe opened earlier in the capture
    name: 'smb2-close',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000058' + // NBSS session message, length 88
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0600' + // command = 6
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '0b00000000000000' + // message id 11
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '5500002400ec0300' + // session id
        '3aa6fe77a29d965bdd7ddfcec21e67eb' + // signature
        '1800' + // structure size 24
        '0100' + // flags: postquery attributes
        '00000000' + // reserved
        '74040000fb00000001000000fb000000', // file id (persistent, volatile)
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 147: TREE_CONNECT \\172.16.66.36\IPC$
    name: 'smb2-tree-connect-ipc',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0000006e' + // NBSS session message, length 110
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0300' + // command = 3
        '0100' + // credits
        '18000000' + // flags = 0x18 (request)
        '00000000' + // next command
        '0c00000000000000' + // message id 12
        'fffe0000' + // reserved (process id)
        '00000000' + // tree id 0
        '5500002400ec0300' + // session id
        'e2c3bc8373dc32a42cf47a8f6df7c121' + // signature
        '0900' + // structure size 9
        '0000' + // flags
        '4800' + // path offset 72
        '2600' + // path length 38
        '5c005c003100370032002e00310036002e00360036002e00330036005c004900500043002400', // "\\\\172.16.66.36\\IPC$"
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 148: TREE_CONNECT response, tree id 5, pipe share
    name: 'smb2-tree-connect-ipc-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000050' + // NBSS session message, length 80
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // status
        '0300' + // command = 3
        '0100' + // credits
        '19000000' + // flags = 0x19 (response)
        '00000000' + // next command
        '0c00000000000000' + // message id 12
        'fffe0000' + // reserved (process id)
        '05000000' + // tree id 5
        '5500002400ec0300' + // session id
        'c32285f88e10e306e574afadf0a18fc6' + // signature
        '1000' + // structure size 16
        '02' + // share type = pipe
        '00' + // reserved
        '30000000' + // share flags
        '00000000' + // capabilities
        'ff011f01', // maximal access
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 149: CREATE of the pipe PSEXESVC on IPC$
    name: 'smb2-create-pipe',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000088' + // NBSS session message, length 136
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0500' + // command = 5
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '0d00000000000000' + // message id 13
        'fffe0000' + // reserved (process id)
        '05000000' + // tree id 5
        '5500002400ec0300' + // session id
        'f4b9ec3601573dcd46db3218561b1b4f' + // signature
        '3900' + // structure size 57
        '00' + // security flags
        '00' + // requested oplock level
        '02000000' + // impersonation level
        '0000000000000000' + // create flags
        '0000000000000000' + // reserved
        '9f011200' + // desired access
        '00000000' + // file attributes
        '07000000' + // share access
        '01000000' + // create disposition = open
        '60000000' + // create options
        '7800' + // name offset 120
        '1000' + // name length 16
        '00000000' + // create contexts offset
        '00000000' + // create contexts length
        '50005300450058004500530056004300', // "PSEXESVC"
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 150: CREATE response, file id 0x0475/0xfb... on the pipe
    name: 'smb2-create-pipe-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000098' + // NBSS session message, length 152
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // status
        '0500' + // command = 5
        '0100' + // credits
        '39000000' + // flags = 0x39 (response)
        '00000000' + // next command
        '0d00000000000000' + // message id 13
        'fffe0000' + // reserved (process id)
        '05000000' + // tree id 5
        '5500002400ec0300' + // session id
        '0b9ef4e501cbc0294a1278684a9f4bc6' + // signature
        '5900' + // structure size 89
        '00' + // oplock level
        '00' + // flags
        '01000000' + // create action = opened
        '0000000000000000000000000000000000000000000000000000000000000000' + // four times (none for a pipe)
        '0000020000000000' + // allocation size
        '0000000000000000' + // end of file
        '80000000' + // file attributes
        '45005800' + // reserved2
        '75040000fb00000005000000fb000000' + // file id (persistent, volatile)
        '00000000' + // create contexts offset
        '00000000', // create contexts length
    ),
  },
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_psexec_smb_dcerpc_epm_svcctl.pcapng frame 155: WRITE of 4 bytes on the pipe
    name: 'smb2-write-pipe',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000074' + // NBSS session message, length 116
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0900' + // command = 9
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '1000000000000000' + // message id 16
        'fffe0000' + // reserved (process id)
        '05000000' + // tree id 5
        '5500002400ec0300' + // session id
        '0064ee13906559f7cac7675795a3ec34' + // signature
        '3100' + // structure size 49
        '7000' + // data offset 112
        '04000000' + // length 4
        '0000000000000000' + // offset 0
        '75040000fb00000005000000fb000000' + // file id of PSEXESVC
        '00000000' + // channel
        '00000000' + // remaining bytes
        '0000' + // write channel info offset
        '0000' + // write channel info length
        '00000000' + // flags
        '604a0000', // data
    ),
  },
  {
    // it-attacks/pcap-attack/PrivEsc/CVE-2020-0796_SMBGhost_PrivEsc_Loopback_traffic.pcapng frame 4: SMB 3.1.1 NEGOTIATE with preauth and compression contexts
    name: 'smb3-negotiate-compression',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '000000c4' + // NBSS session message, length 196
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0000' + // credit charge
        '00000000' + // channel sequence
        '0000' + // command = 0
        '0000' + // credits
        '00000000' + // flags = 0x0 (request)
        '00000000' + // next command
        '0000000000000000' + // message id 0
        '00000000' + // reserved (process id)
        '00000000' + // tree id 0
        '0000000000000000' + // session id
        '00000000000000000000000000000000' + // signature
        '2400' + // structure size 36
        '0800' + // dialect count 8
        '0000' + // security mode
        '0000' + // reserved
        '7f000000' + // capabilities
        '0102abcd0102abcd0102abcd0102abcd' + // client guid
        '78000000' + // negotiate context offset 120
        '0200' + // negotiate context count 2
        '0000' + // reserved
        '02021002220224020003020310031103' + // dialects 2.0.2, 2.1, 2.2.2, 2.2.4, 3.0, 3.0.2, 3.1, 3.1.1
        '00000000' + // padding to 8
        '0100' + // context type 1 PREAUTH_INTEGRITY_CAPABILITIES
        '2600' + // data length 38
        '00000000' + // reserved
        '0100' + // hash algorithm count 1
        '2000' + // salt length 32
        '0100' + // SHA-512
        '0000000000000000000000000000000000000000000000000000000000000000' + // salt
        '0000' + // padding to 8
        '0300' + // context type 3 COMPRESSION_CAPABILITIES
        '0e00' + // data length 14
        '00000000' + // reserved
        '0200' + // algorithm count 2
        '0000' + // padding
        '01000000' + // flags = chained
        '02000300' + // LZ77, LZ77+Huffman
        '0000000000000000', // trailing bytes
    ),
  },
  {
    // it-attacks/pcap-attack/PrivEsc/CVE-2020-0796_SMBGhost_PrivEsc_Loopback_traffic.pcapng frame 8: compression transform header with OriginalSize 0xffffffff (CVE-2020-0796)
    name: 'smb3-smbghost-compressed',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000033' + // direct TCP, length 51
        'fc534d42' + // protocol id "\xfcSMB"
        'ffffffff' + // original compressed segment size = 4294967295
        '0200' + // algorithm = LZ77
        '0000' + // flags: unchained
        '10000000' + // offset = 16
        'bcfffff21f000000bcfffff21f000000ffff3f404107000fff041130a924850be4ffff', // data
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 9: TREE_CONNECT \\\\...\\IPC$
    name: 'smb2-srvsvc-tree-connect-ipc',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '0000006e' + // NBSS session message, length 110
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0300' + // command = 3
        '0100' + // credits
        '18000000' + // flags = 0x18 (request)
        '00000000' + // next command
        '0400000000000000' + // message id 4
        'fffe0000' + // reserved (process id)
        '00000000' + // tree id 0
        '3d00000000f80300' + // session id
        '7e6b912ac620f8b2eb0992b7dd0590f0' + // signature
        '0900' + // structure size 9
        '0000' + // flags
        '4800' + // path offset 72
        '2600' + // path length
        '5c005c003100370032002e00310036002e00360036002e00330036005c004900500043002400', // path (UTF-16LE) ending in \\IPC$
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 10: TREE_CONNECT response, pipe share
    name: 'smb2-srvsvc-tree-connect-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000050' + // NBSS session message, length 80
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // status
        '0300' + // command = 3
        '0100' + // credits
        '19000000' + // flags = 0x19 (response)
        '00000000' + // next command
        '0400000000000000' + // message id 4
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '3d00000000f80300' + // session id
        '3c883648dc9f86e9b06626651f762cbb' + // signature
        '1000' + // structure size 16
        '02' + // share type = pipe
        '00' + // reserved
        '30000000' + // share flags
        '00000000' + // capabilities
        'ff011f01', // maximal access
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 12: CREATE of the srvsvc pipe
    name: 'smb2-create-srvsvc',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000084' + // NBSS session message, length 132
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0500' + // command = 5
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '0600000000000000' + // message id 6
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '3d00000000f80300' + // session id
        'df82a0a71b79b65c2e34f2e2e1c158a6' + // signature
        '3900' + // structure size 57
        '00' + // security flags
        '00' + // requested oplock level
        '02000000' + // impersonation level
        '0000000000000000' + // create flags
        '0000000000000000' + // reserved
        '9f011200' + // desired access
        '00000000' + // file attributes
        '07000000' + // share access
        '01000000' + // create disposition = open
        '40004200' + // create options
        '7800' + // name offset 120
        '0c00' + // name length 12
        '00000000' + // create contexts offset
        '00000000' + // create contexts length
        '730072007600730076006300', // "srvsvc"
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 14: CREATE response with the pipe file id
    name: 'smb2-create-srvsvc-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '00000098' + // NBSS session message, length 152
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // status
        '0500' + // command = 5
        '0100' + // credits
        '39000000' + // flags = 0x39 (response)
        '00000000' + // next command
        '0600000000000000' + // message id 6
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '3d00000000f80300' + // session id
        '245c8d66a0c04fcbc7167aa99aece17e' + // signature
        '5900' + // structure size 89
        '00' + // oplock level
        '00' + // flags
        '01000000' + // create action
        '0000000000000000000000000000000000000000000000000000000000000000' + // four times
        '0010000000000000' + // allocation size
        '0000000000000000' + // end of file
        '80000000' + // file attributes
        '76007300' + // reserved2
        '6e000000fe00000001000000fe000000' + // file id (persistent, volatile)
        '00000000' + // create contexts offset
        '00000000', // create contexts length
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 17: WRITE of a DCE/RPC bind on the srvsvc pipe
    name: 'smb2-write-srvsvc-bind',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000110' + // NBSS session message, length 272
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0900' + // command = 9
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '0800000000000000' + // message id 8
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '3d00000000f80300' + // session id
        '209e68095c6ed8a9196503139387d60a' + // signature
        '3100' + // structure size 49
        '7000' + // data offset 112
        'a0000000' + // length
        '0000000000000000' + // offset 0
        '6e000000fe00000001000000fe000000' + // file id of srvsvc
        '00000000' + // channel
        '00000000' + // remaining bytes
        '0000' + // write channel info offset
        '0000' + // write channel info length
        '00000000' + // flags
        '05000b0310000000a000000002000000b810b810000000000300000000000100c84f324b7016d30112785a47bf6ee18803000000045d888aeb1cc9119fe808002b1048600200000001000100c84f324b7016d30112785a47bf6ee1880300000033057171babe37498319b5dbef9ccc360100000002000100c84f324b7016d30112785a47bf6ee188030000002c1cb76c12984045030000000000000001000000', // DCE/RPC bind: srvsvc 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0, NDR and NDR64 transfer syntaxes
    ),
  },
  {
    // it-attacks/pcap-attack/Discovery/Discovery_dcerp_srvsvc_NetShareEnum.pcapng frame 21: IOCTL FSCTL_PIPE_TRANSCEIVE carrying NetrShareEnum
    name: 'smb2-ioctl-srvsvc-netshareenum',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00000108' + // NBSS session message, length 264
        'fe534d42' + // protocol id \xfeSMB
        '4000' + // structure size 64
        '0100' + // credit charge
        '00000000' + // channel sequence
        '0b00' + // command = 11
        '0100' + // credits
        '38000000' + // flags = 0x38 (request)
        '00000000' + // next command
        '0a00000000000000' + // message id 10
        'fffe0000' + // reserved (process id)
        '01000000' + // tree id 1
        '3d00000000f80300' + // session id
        '681ec619a989387cd4c08a90cd8f5b56' + // signature
        '3900' + // structure size 57
        '0000' + // reserved
        '17c01100' + // ctl code = 0x0011c017 FSCTL_PIPE_TRANSCEIVE
        '6e000000fe00000001000000fe000000' + // file id of srvsvc
        '78000000' + // input offset 120
        '90000000' + // input count
        '00000000' + // max input response
        '78000000' + // output offset
        '00000000' + // output count
        '00040000' + // max output response
        '01000000' + // flags = is FSCTL
        '00000000' + // reserved2
        '050000031000000090000000020000007800000001000f0000000200000000000f0000000000000000000000000000000f000000000000005c005c003100370032002e00310036002e00360036002e00330036000000000001000000000000000100000000000000000002000000000000000000000000000000000000000000ffffffff000000000000000000000000', // DCE/RPC request, opnum 15 (NetrShareEnum)
    ),
  },
  {
    // A session message whose body is not SMB after the flow is confirmed
    name: 'not-smb-after-confirm',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('00000008' + '0102030405060708'),
  },
  {
    // An SMB2 header whose NextCommand points past the message
    name: 'smb2-bad-next-command',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '00000044' + // length 68
        'fe534d42' +
        '4000' +
        '0000' +
        '00000000' +
        '0d00' +
        '0000' + // ECHO
        '00000000' +
        'ff000000' + // flags, next command 255 (past the end)
        '0100000000000000' +
        '00000000' +
        '00000000' +
        '0000000000000000' +
        '00000000000000000000000000000000' + // signature
        '0400' +
        '0000', // ECHO body
    ),
  },
  {
    // An SMB1 AndX chain whose offset points backwards
    name: 'smb1-andx-loop',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '00000027' + // length 39
        'ff534d42' +
        '74' +
        '00000000' +
        '18' +
        '07c0' +
        '0000' +
        '0000000000000000' +
        '0000' +
        '0008' +
        'fffe' +
        '0008' +
        '4200' + // TID, PID, UID, MID 66
        '02' + // word count 2
        '74' +
        '00' +
        '2000' + // AndX: LOGOFF_ANDX again at offset 32 (the same block)
        '0000', // byte count 0
    ),
  },
];
