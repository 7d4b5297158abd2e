/**
 * HART-IP byte fixtures for the unit tests and the decoder conformance suite.
 *
 * TCP payloads of ../shared/data/pcaps/hart-ip/hart_ip.pcap (ITI/ICS-Security-Tools, CC-BY-4.0;
 * pcapng despite its name; file and frame in each comment; fields checked against tshark
 * 4.0.17's hart_ip dissector): a HART-IP 1 session over TCP 5094 to a WirelessHART gateway.
 * `messages` holds them one by one; `fixtures` pairs the short requests (see `both`).
 */
import { hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

/** Every message of the capture's TCP session, by name (single HART-IP messages). */
export const messages: Readonly<Record<string, DecoderFixture>> = {
  'session-initiate-request': {
    // hart_ip.pcap frame 76
    name: 'session-initiate-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '01' + // version 1
        '00' + // message type 0: request
        '00' + // message id 0: session initiate
        '00' + // status 0
        '0002' + // sequence number 2
        '000d' + // byte count 13
        '01' + // host type 1: primary
        '00007530', // inactivity close timer 30000 ms
    ),
  },
  'session-initiate-response': {
    // hart_ip.pcap frame 78
    name: 'session-initiate-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '01' + // version 1
        '01' + // message type 1: response
        '00' + // session initiate
        '00' + // status 0: success
        '0002' + // sequence number 2
        '000d' + // byte count 13
        '01' + // host type primary
        '0000ea60', // inactivity close timer 60000 ms
    ),
  },
  'command-0-request': {
    // hart_ip.pcap frame 80
    name: 'command-0-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '01000300' + // version 1, request, token-passing PDU, status 0
        '0003' + // sequence number 3
        '000d' + // byte count 13
        '02' + // delimiter: polling address, STX (host to device)
        '00' + // address: secondary master, polling address 0
        '00' + // command 0: read unique identifier
        '00' + // byte count 0
        '02', // check byte (XOR from the delimiter on)
    ),
  },
  'command-0-response': {
    // hart_ip.pcap frame 81
    name: 'command-0-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '01010300' + // version 1, response, token-passing PDU, status 0
        '0003' + // sequence number 3
        '0025' + // byte count 37
        '06' + // delimiter: polling address, ACK (device reply)
        '00' + // polling address 0
        '00' + // command 0
        '18' + // byte count 24
        '00' + // response code 0
        'd0' + // device status: device malfunction, configuration changed, cold start
        'fe' + // 254
        '264e' + // expanded device type 0x264e
        '05' + // minimum request preambles 5
        '07' + // HART revision 7
        '04' + // device revision 4
        '01' + // software revision 1
        '0e' + // hardware revision 1, physical signalling 6
        '0c' + // flags
        '0000d2' + // device id 210
        '05' + // minimum response preambles 5
        '02' + // maximum device variables 2
        '0002' + // configuration change counter 2
        'd0' + // extended device status
        '0026' + // manufacturer id 0x26 (Rosemount)
        '0026' + // private label distributor 0x26
        '84' + // device profile 0x84: WirelessHART gateway
        'de', // check byte
    ),
  },
  'command-1-request': {
    // hart_ip.pcap frame 83
    name: 'command-1-request',
    dir: C,
    role: 'normal',
    bytes: hex(
      '01000300' + // request, token-passing PDU
        '0004' + // sequence number 4
        '0011' + // byte count 17
        '82' + // delimiter: unique address, STX
        '264e0000d2' + // unique address: device type 0x264e, device id 210
        '01' + // command 1: read primary variable
        '00' + // byte count 0
        '39', // check byte
    ),
  },
  'command-1-response': {
    // hart_ip.pcap frame 84
    name: 'command-1-response',
    dir: S,
    role: 'normal',
    bytes: hex(
      '01010300' + // response, token-passing PDU
        '0004' + // sequence number 4
        '0018' + // byte count 24
        '86' + // delimiter: unique address, ACK
        '264e0000d2' + // unique address
        '01' + // command 1
        '07' + // byte count 7
        '00' + // response code 0
        'd0' + // device status
        'fb' + // PV units 251 (none)
        '00000000' + // PV 0.0
        '11', // check byte
    ),
  },
  'keep-alive-request': {
    // hart_ip.pcap frame 108
    name: 'keep-alive-request',
    dir: C,
    role: 'normal',
    bytes: hex('01' + '00' + '02' + '00' + '000c' + '0008'), // keep alive, sequence 12
  },
  'session-close-request': {
    // hart_ip.pcap frame 111
    name: 'session-close-request',
    dir: C,
    role: 'normal',
    bytes: hex('01' + '00' + '01' + '00' + '000d' + '0008'), // session close, sequence 13
  },
};

/**
 * Two requests back to back where a single short request could pass for the start of another
 * protocol's header (an 8- or 13-byte HART-IP request is a prefix EtherNet/IP cannot refuse).
 */
function both(name: string, a: string, b: string): DecoderFixture {
  const x = messages[a] as DecoderFixture;
  const y = messages[b] as DecoderFixture;
  return { name, dir: x.dir, role: 'normal', bytes: new Uint8Array([...x.bytes, ...y.bytes]) };
}

export const fixtures: readonly DecoderFixture[] = [
  messages['session-initiate-request'] as DecoderFixture,
  messages['session-initiate-response'] as DecoderFixture,
  both('command-0-and-1-requests', 'command-0-request', 'command-1-request'),
  messages['command-0-response'] as DecoderFixture,
  messages['command-1-response'] as DecoderFixture,
  both('keep-alive-and-session-close-requests', 'keep-alive-request', 'session-close-request'),
];
