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
