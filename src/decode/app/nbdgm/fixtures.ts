/**
 * NetBIOS datagram service fixtures: real Browser protocol datagrams from the shared captures
 * (AnnouncementRequest, HostAnnouncement, RequestElection, DomainAnnouncement,
 * LocalMasterAnnouncement), then datagrams built per [RFC1002] 4.4, [MS-BRWS] and [MS-ADTS]
 * (a NETLOGON primary query, a backup list response, a datagram query request) and malformed
 * ones (an error datagram, a truncated announcement, a DGM_LENGTH beyond the datagram).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 19
    name: 'announcement-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '0e' + // flags = 0x0e (first, NBDD-node)
        'd3b0' + // datagram id = 0xd3b0
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00a5' + // datagram length = 165
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424e' + // first-level encoded "WORKGROUP<1d>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '0b00' + // total data count = 11
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '0b00' + // data count = 11
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '1c00' + // byte count = 28
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '02' + // browser command = 0x02 (AnnouncementRequest)
        '00' + // unused
        '4945313157494e3700', // response name "IE11WIN7"
    ),
  },
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 20
    name: 'host-announcement',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '0e' + // flags = 0x0e (first, NBDD-node)
        'd3b1' + // datagram id = 0xd3b1
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00bb' + // datagram length = 187
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414341' + // first-level encoded "IE11WIN7<20>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424e' + // first-level encoded "WORKGROUP<1d>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '2100' + // total data count = 33
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '2100' + // data count = 33
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0000' + // setup: priority = 0
        '0200' + // setup: class = 2 (unreliable)
        '3200' + // byte count = 50
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '01' + // browser command = 0x01
        '00' + // update count = 0
        '80fc0a00' + // periodicity = 720000 ms
        '4945313157494e370000000000000000' + // name = "IE11WIN7" (NUL padded)
        '06' + // OS major = 6
        '01' + // OS minor = 1
        '03100100' + // server type = 0x00011003
        '0f' + // browser version major = 15
        '01' + // browser version minor
        '55aa' + // signature = 0xaa55
        '00', // comment ""
    ),
  },
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 24
    name: 'request-election',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '0e' + // flags = 0x0e (first, NBDD-node)
        'd3b5' + // datagram id = 0xd3b5
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00b1' + // datagram length = 177
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424f' + // first-level encoded "WORKGROUP<1e>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '1700' + // total data count = 23
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '1700' + // data count = 23
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '2800' + // byte count = 40
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '08' + // browser command = 0x08 (RequestElection)
        '01' + // version = 1
        '200f0110' + // criteria = 0x10010f20 (desire 0x20 WINS, revision 1.15, OS 0x10 NT workstation)
        '9a130606' + // uptime
        '00000000' + // reserved
        '4945313157494e3700', // server name "IE11WIN7"
    ),
  },
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 44
    name: 'domain-announcement',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '0e' + // flags = 0x0e (first, NBDD-node)
        'd3bd' + // datagram id = 0xd3bd
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00c3' + // datagram length = 195
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '4142414346504650454e46444543464345504648464445464650465041434142' + // first-level encoded "<01><02>__MSBROWSE__<02><01>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '2900' + // total data count = 41
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '2900' + // data count = 41
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '3a00' + // byte count = 58
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '0c' + // browser command = 0x0c
        '00' + // update count = 0
        '60ea0000' + // periodicity = 60000 ms
        '574f524b47524f55500000000000acfb' + // name = "WORKGROUP" (NUL padded)
        '03' + // OS major = 3
        '0a' + // OS minor = 10
        '00100080' + // server type = 0x80001000
        '27893800' + // browser version / signature (unused in domain announcements)
        '4945313157494e3700', // master browser name "IE11WIN7"
    ),
  },
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 45
    name: 'local-master-announcement',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '0e' + // flags = 0x0e (first, NBDD-node)
        'd3be' + // datagram id = 0xd3be
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00bb' + // datagram length = 187
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414341' + // first-level encoded "IE11WIN7<20>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424f' + // first-level encoded "WORKGROUP<1e>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '2100' + // total data count = 33
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '2100' + // data count = 33
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0000' + // setup: priority = 0
        '0200' + // setup: class = 2 (unreliable)
        '3200' + // byte count = 50
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '0f' + // browser command = 0x0f
        '00' + // update count = 0
        '80fc0a00' + // periodicity = 720000 ms
        '4945313157494e370000000000000000' + // name = "IE11WIN7" (NUL padded)
        '06' + // OS major = 6
        '01' + // OS minor = 1
        '03100500' + // server type = 0x00051003
        '0f' + // browser version major = 15
        '01' + // browser version minor
        '55aa' + // signature = 0xaa55
        '00', // comment ""
    ),
  },
  {
    // built per [MS-ADTS] 6.3.1.3: a primary domain controller query
    name: 'netlogon-primary-query',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '02' + // flags = 0x02 (first, B-node)
        '0101' + // datagram id = 0x0101
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00cb' + // datagram length = 203
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424d' + // first-level encoded "WORKGROUP<1c>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '2b00' + // total data count = 43
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '2b00' + // data count = 43
        '5c00' + // data offset = 92
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '4200' + // byte count = 66
        '5c4d41494c534c4f545c4e45545c4e45544c4f474f4e00' + // mailslot name "\MAILSLOT\NET\NETLOGON"
        '0700' + // opcode = 7 (LOGON_PRIMARY_QUERY)
        '4945313157494e37005c4d41494c534c4f545c4e45545c4745544443353736000001000000ffffffff', // computer name "IE11WIN7", reply mailslot, NT version, tokens
    ),
  },
  {
    // built per [MS-BRWS] 2.2.5
    name: 'get-backup-list-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '10' + // message type = 0x10 (direct unique)
        '02' + // flags = 0x02 (first, B-node)
        '0101' + // datagram id = 0x0101
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00b0' + // datagram length = 176
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424e' + // first-level encoded "WORKGROUP<1d>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '1600' + // total data count = 22
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '1600' + // data count = 22
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '2700' + // byte count = 39
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '0a' + // browser command = 0x0a (GetBackupListResponse)
        '02' + // backup server count = 2
        '07000000' + // token = 7
        '4241434b555031004241434b55503200', // backup servers "BACKUP1", "BACKUP2"
    ),
  },
  {
    // built per RFC 1002 4.4.4: a datagram query request
    name: 'query-request',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '14' + // message type = 0x14 (query request)
        '02' + // flags = 0x02 (first, B-node)
        '0102' + // datagram id = 0x0102
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '20' + // label length = 32
        '4547454a454d4546464446434647434143414341434143414341434143414341' + // first-level encoded "FILESRV<20>" (destination name)
        '00', // end of name (no scope)
    ),
  },
  {
    // built per RFC 1002 4.4.3
    name: 'error-datagram',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '13' + // message type = 0x13 (error)
        '02' + // flags = 0x02 (first, B-node)
        '0103' + // datagram id = 0x0103
        'c0a8c6cc' + // source ip = 192.168.198.204
        '008a' + // source port = 138
        '82', // error code = 0x82 (destination name not present)
    ),
  },
  {
    // built: a HostAnnouncement shorter than its fixed part
    name: 'truncated-host-announcement',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '02' + // flags = 0x02 (first, B-node)
        '0101' + // datagram id = 0x0101
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '00a5' + // datagram length = 165
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424e' + // first-level encoded "WORKGROUP<1d>" (destination name)
        '00' + // end of name (no scope)
        'ff534d42' + // SMB protocol = \xffSMB
        '25' + // command = 0x25 (Transaction)
        '000000000000000000000000000000000000000000000000000000' + // status, flags, flags2, pid, signature, tid, pid, uid, mid (all zero)
        '11' + // word count = 17
        '0000' + // total parameter count = 0
        '0b00' + // total data count = 11
        '0000' + // max parameter count = 0
        '0000' + // max data count = 0
        '0000' + // max setup count, reserved
        '0000' + // flags = 0
        'e8030000' + // timeout = 1000 ms
        '0000' + // reserved
        '0000' + // parameter count = 0
        '0000' + // parameter offset = 0
        '0b00' + // data count = 11
        '5600' + // data offset = 86
        '0300' + // setup count = 3, reserved
        '0100' + // setup: opcode = 1 (mailslot write)
        '0100' + // setup: priority = 1
        '0200' + // setup: class = 2 (unreliable)
        '1c00' + // byte count = 28
        '5c4d41494c534c4f545c42524f57534500' + // mailslot name "\MAILSLOT\BROWSE"
        '010080fc0a004141414141', // HostAnnouncement cut after 10 bytes
    ),
  },
  {
    // built: DGM_LENGTH larger than the datagram
    name: 'length-beyond-datagram',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '11' + // message type = 0x11 (direct group)
        '02' + // flags = 0x02 (first, B-node)
        '0101' + // datagram id = 0x0101
        'c0a8c6cb' + // source ip = 192.168.198.203
        '008a' + // source port = 138
        '01f4' + // datagram length = 500, beyond the datagram
        '0000' + // packet offset = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (source name)
        '00' + // end of name (no scope)
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424e' + // first-level encoded "WORKGROUP<1d>" (destination name)
        '00', // end of name (no scope)
    ),
  },
];
