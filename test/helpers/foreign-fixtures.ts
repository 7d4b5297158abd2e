/**
 * Traffic of protocols that have no decoder (yet): the decoder conformance suite checks that no
 * decoder's probe claims it. Real first payloads from ../shared/data/pcaps where named, else
 * written from the protocol's specification.
 */
import { Direction } from '../../src/decode/decoder.js';
import type { DecoderFixture } from '../../src/decode/decoder.js';
import { hex } from './hex.js';
import { Prng } from './prng.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export const FOREIGN_FIXTURES: readonly DecoderFixture[] = [
  {
    // modbus/modbus-and-non-modbus-p502.pcap frame 65 (zgrab on TCP 502)
    name: 'http-get-on-port-502',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: ascii(
      'GET / HTTP/1.1\r\nHost: 160.97.70.34\r\nAccept: */*\r\nAccept-Encoding: gzip\r\n' +
        'User-Agent: Mozilla/5.0 zgrab/0.x\r\n\r\n',
    ),
  },
  {
    name: 'http-response',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: ascii('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok'),
  },
  {
    // modbus/modbus-and-non-modbus-p502.pcap frame 49
    name: 'tls-client-hello-on-port-502',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '16' + // TLS record type = handshake
        '0301' + // record version = TLS 1.0
        '0085' + // record length = 133
        '01' + // handshake type = ClientHello
        '000081' + // handshake length = 129
        '0303' + // client version = TLS 1.2
        '736ff818542129f78f492d9b1557dafcc7926f075fa314dc76a47a73d1b6f109' + // random
        '00' + // session id length = 0
        '0020c02fc030c02bc02ccca8cca9c013c009c014c00a009c009d002f0035c012000a' + // cipher suites
        '0100' + // compression methods: null
        '0038000500050100000000000a000a0008001d001700180019000b00020100000d000e000c' + // extensions
        '040104030501050302010203ff0100010000120000',
    ),
  },
  {
    name: 'ssh-banner',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: ascii('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n'),
  },
  {
    // modbus/mb2.pcap frame 3698 (NetBIOS session + SMB negotiate)
    name: 'smb-negotiate',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      '00' + // NBSS type = session message
        '000085' + // NBSS length = 133
        'ff534d42' + // SMB magic "\xffSMB"
        '72' + // command = negotiate
        '000000001853c80000000000000000000000000000fffe000000000062' + // header, word count, byte count
        '00025043204e4554574f524b2050524f4752414d20312e3000024c414e4d414e', // dialects
    ),
  },
  {
    name: 'random-bytes',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: new Prng(0x5eed).bytes(96),
  },
];
