/**
 * Fox byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of other-ics/fox_info.pcap of the shared captures (ITI/ICS-Security-Tools,
 * CC-BY-4.0; frame in each comment; Wireshark has no Fox dissector, so the lines were checked
 * against the raw `tcp.payload`), plus an authenticate message built from the same syntax.
 * Fox is text: each line is written as text and turned into bytes, one line per source line.
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** Latin-1 text as hex digits. */
const t = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

export const fixtures: readonly DecoderFixture[] = [
  {
    // fox_info.pcap frame 4: Workbench hello (what Nmap fox-info sends, with more keys).
    name: 'hello-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      t('fox a 1 -1 fox hello\n') + // header: async, number 1, reply-to -1, channel fox, hello
        t('{\n') + // body start
        t('fox.version=s:1.0\n') + // Fox version
        t('id=i:1\n') + // message id
        t('hostName=s:xpvm-0omdc01xmy\n') + // client host name
        t('hostAddress=s:192.168.1.125\n') + // client address
        t('app.name=s:Workbench\n') + // application
        t('app.version=s:3.7.44\n') + // Niagara version
        t('vm.name=s:Java HotSpot(TM) Server VM\n') + // Java VM
        t('vm.version=s:20.4-b02\n') + // VM version
        t('os.name=s:Windows XP\n') + // operating system
        t('os.version=s:5.1\n') + // OS version
        t('lang=s:en\n') + // language
        t(
          'timeZone=s:America/Los_Angeles;-28800000;3600000;02:00:00.000,wall,march,8,on or after,sunday,undefined;02:00:00.000,wall,november,1,on or after,sunday,undefined\n',
        ) + // time zone and DST rules
        t('hostId=s:Win-99CB-D49D-5442-07BB\n') + // host id
        t('vmUuid=s:8b530bc8-76c5-4139-a2ea-0fabd394d305\n') + // VM UUID
        t('brandId=s:vykon\n') + // brand
        t('};;\n'), // body end, terminator
    ),
  },
  {
    // fox_info.pcap frame 6: the station's hello, with an embedded bog document.
    name: 'hello-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      t('fox a 0 -1 fox hello\n') + // header: number 0
        t('{\n') +
        t('fox.version=s:1.0\n') +
        t('id=i:2\n') +
        t('hostName=s:192.168.2.15\n') +
        t('hostAddress=s:192.168.2.15\n') +
        t('app.name=s:Station\n') + // a station
        t('app.version=s:3.5.41.1\n') +
        t('vm.name=s:J9\n') + // IBM J9 on QNX: a JACE controller
        t('vm.version=s:2.3\n') +
        t('os.name=s:QNX\n') +
        t('os.version=s:6.3.2\n') +
        t('station.name=s:Legion_HQ_V4\n') + // station name
        t('lang=s:en\n') +
        t('timeZone=s:Australia/Perth;28800000;0;null;null\n') +
        t('hostId=s:Qnx-NPM6-0000-1490-C30C\n') +
        t('vmUuid=s:11e4d864-cd0e-664a-0000-00000000b83b\n') +
        t('brandId=s:vykon\n') +
        t('sysInfo=o:bog 61[') + // object: format bog, 61 bytes
        t('<bog version="1.0">\n<p m="b=baja" t="b:Facets" v=""/>\n</bog>\n') + // 61 raw bytes
        t(']\n') + // end of the object
        t('};;\n'),
    ),
  },
  {
    // fox_info.pcap frame 9: the station asks for digest-MD5 authentication.
    name: 'challenge',
    dir: S,
    role: 'normal',
    bytes: hex(
      t('fox a 1 -1 fox challenge\n') + // header: challenge
        t('{\n') +
        t('method=s:digest-md5\n') + // authentication method
        t('nonce=b:44[') + // blob of 44 bytes
        '00056e6f6e636500000002000f3138342e3137342e3133312e3139330000a4b70000014c7bbf2be9869d7c665d' + // nonce (binary)
        t(']\n') +
        t('};;\n'),
    ),
  },
  {
    // Built from the same syntax: the client's answer (user and digest response).
    name: 'authenticate',
    dir: C,
    role: 'normal',
    bytes: hex(
      t('fox a 2 -1 fox authenticate\n') + // header: authenticate
        t('{\n') +
        t('username=s:admin\n') + // user name (reported masked)
        t('response=s:0cc175b9c0f1b6a831c399e269772661\n') + // digest response (never copied)
        t('};;\n'),
    ),
  },
  {
    // Built: a blob whose length does not end at its bracket (malformed).
    name: 'blob-length-mismatch',
    dir: S,
    role: 'malformed',
    bytes: hex(
      t('fox a 3 -1 fox challenge\n') +
        t('{\n') +
        t('nonce=b:4[abcdef]\n') + // 4 bytes announced, 6 present
        t('};;\n'),
    ),
  },
];
