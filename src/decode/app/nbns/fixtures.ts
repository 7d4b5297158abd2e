/**
 * NBNS byte fixtures: real frames from the shared captures (a node status query and its answer
 * with the responder's name table and MAC address, a broadcast name query and its positive
 * answer, a registration and a refresh), then malformed ones built per [RFC1002] 4.2 (a
 * negative registration response, an unmatched response, a name that is not first-level
 * encoded, a pointer loop, a truncated name). In array order they form one conversation.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

export const fixtures: readonly DecoderFixture[] = [
  {
    // it-attacks/pcap-attack/Lateral_Movement/LM_WMI_ProcessCallCreate.pcapng frame 9
    name: 'nbstat-query',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '81c5' + // transaction id = 0x81c5
        '0000' + // flags = 0x0000: request, opcode 0, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '434b414141414141414141414141414141414141414141414141414141414141' + // first-level encoded "*<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>" (question)
        '00' + // end of name (no scope)
        '0021' + // type = 33
        '0001', // class = 1 (IN)
    ),
  },
  {
    // LM_WMI_ProcessCallCreate.pcapng frame 10
    name: 'nbstat-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '81c5' + // transaction id = 0x81c5
        '8400' + // flags = 0x8400: response, opcode 0, AA, rcode 0
        '0000' + // questions = 0
        '0001' + // answers = 1
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '434b414141414141414141414141414141414141414141414141414141414141' + // first-level encoded "*<00><00><00><00><00><00><00><00><00><00><00><00><00><00><00>" (record)
        '00' + // end of name (no scope)
        '0021' + // type = 33
        '0001' + // class = 1 (IN)
        '00000000' + // ttl = 0 s
        '0089' + // rdata length = 137
        '05' + // number of names = 5
        '33422020202020202020202020202000' + // name "3B<00>"
        '8400' + // name flags = 0x8400 (group, active)
        '3031353636532d57494e31362d495200' + // name "01566S-WIN16-IR<00>"
        '0400' + // name flags = 0x0400 (unique, active)
        '3342202020202020202020202020201c' + // name "3B<1c>"
        '8400' + // name flags = 0x8400 (group, active)
        '3031353636532d57494e31362d495220' + // name "01566S-WIN16-IR<20>"
        '0400' + // name flags = 0x0400 (unique, active)
        '3342202020202020202020202020201b' + // name "3B<1b>"
        '0400' + // name flags = 0x0400 (unique, active)
        '005056234559' + // unit id = 00:50:56:23:45:59 (MAC address)
        '00000000000000000000000000000000000000000000000000000000000000000000000000000000', // statistics (40 bytes, zero)
    ),
  },
  {
    // datasets/lemay-modbus/CnC_uploading_exe_modbus_6RTU_with_operate.pcap frame 811
    name: 'name-query-broadcast',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '80a8' + // transaction id = 0x80a8
        '0110' + // flags = 0x0110: request, opcode 0, B, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '45444550454f464546434550454d454d434e4547444845434442444244434341' + // first-level encoded "CONTROLL-F7B112<20>" (question)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001', // class = 1 (IN)
    ),
  },
  {
    // CnC_uploading_exe_modbus_6RTU_with_operate.pcap frame 812
    name: 'positive-query-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      '80a8' + // transaction id = 0x80a8
        '8500' + // flags = 0x8500: response, opcode 0, AA, rcode 0
        '0000' + // questions = 0
        '0001' + // answers = 1
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '45444550454f464546434550454d454d434e4547444845434442444244434341' + // first-level encoded "CONTROLL-F7B112<20>" (record)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        '000493e0' + // ttl = 300000 s
        '0006' + // rdata length = 6
        '0000' + // NB flags = 0x0000 (unique, B-node)
        'c0a80168', // address = 192.168.1.104
    ),
  },
  {
    // it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap frame 6
    name: 'registration',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      'd3af' + // transaction id = 0xd3af
        '2900' + // flags = 0x2900: request, opcode 5, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0001' + // additional = 1
        '20' + // label length = 32
        '464845504643454c45484643455046464641434143414341434143414341424f' + // first-level encoded "WORKGROUP<1e>" (question)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        'c00c' + // name: pointer to offset 12 (record)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        '000493e0' + // ttl = 300000 s
        '0006' + // rdata length = 6
        'e000' + // NB flags = 0xe000 (group, H-node)
        'c0a8c6cb', // address = 192.168.198.203
    ),
  },
  {
    // eternalblue-failed-patched-win7.pcap frame 46
    name: 'refresh',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      'd3bf' + // transaction id = 0xd3bf
        '4000' + // flags = 0x4000: request, opcode 8, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0001' + // additional = 1
        '20' + // label length = 32
        '4142414346504650454e46444543464345504648464445464650465041434142' + // first-level encoded "<01><02>__MSBROWSE__<02><01>" (question)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        'c00c' + // name: pointer to offset 12 (record)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        '000493e0' + // ttl = 300000 s
        '0006' + // rdata length = 6
        'e000' + // NB flags = 0xe000 (group, H-node)
        'c0a8c6cb', // address = 192.168.198.203
    ),
  },
  {
    // built per RFC 1002 4.2.6: negative registration response (CFT_ERR) to the registration above
    name: 'registration-conflict-response',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      'd3af' + // transaction id = 0xd3af
        'ad87' + // flags = 0xad87: response, opcode 5, AA, rcode 7
        '0000' + // questions = 0
        '0001' + // answers = 1
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f444843414341434143414341434143414141' + // first-level encoded "IE11WIN7<00>" (record)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        '00000000' + // ttl = 0 s
        '0006' + // rdata length = 6
        '0000' + // NB flags = 0x0000 (unique, B-node)
        'c0a8c6cc', // address = 192.168.198.204
    ),
  },
  {
    // built per RFC 1002 4.2.13: a positive query response answering no request of the flow (blind spoofing)
    name: 'unmatched-response',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '1234' + // transaction id = 0x1234
        '8500' + // flags = 0x8500: response, opcode 0, AA, rcode 0
        '0000' + // questions = 0
        '0001' + // answers = 1
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '4547454a454d4546464446434647434143414341434143414341434143414341' + // first-level encoded "FILESRV<20>" (record)
        '00' + // end of name (no scope)
        '0020' + // type = 32
        '0001' + // class = 1 (IN)
        '000493e0' + // ttl = 300000 s
        '0006' + // rdata length = 6
        '0000' + // NB flags = 0x0000 (unique, B-node)
        'c0a80a63', // address = 192.168.10.99
    ),
  },
  {
    // built: a query whose name is not first-level encoded
    name: 'bad-name-encoding',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '4321' + // transaction id = 0x4321
        '0110' + // flags = 0x0110: request, opcode 0, B, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a' + // 32 x "Z": not first-level encoding
        '00' + // end of name
        '0020' + // type = 32
        '0001', // class = 1
    ),
  },
  {
    // built: an answer name pointing at itself
    name: 'pointer-loop',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: hex(
      '4322' + // transaction id = 0x4322
        '8500' + // flags = 0x8500: response, opcode 0, AA, rcode 0
        '0000' + // questions = 0
        '0001' + // answers = 1
        '0000' + // authority = 0
        '0000' + // additional = 0
        'c00c' + // name: pointer to offset 12, itself (a loop)
        '0020' + // type = 32
        '0001' + // class = 1
        '00000000' + // ttl = 0
        '0000', // rdata length = 0
    ),
  },
  {
    // built: a query cut inside its name
    name: 'truncated-name',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '4323' + // transaction id = 0x4323
        '0110' + // flags = 0x0110: request, opcode 0, B, rcode 0
        '0001' + // questions = 1
        '0000' + // answers = 0
        '0000' + // authority = 0
        '0000' + // additional = 0
        '20' + // label length = 32
        '454a4546444244424648454a454f4448434143', // 19 of the 32 name characters, then the datagram ends
    ),
  },
];
