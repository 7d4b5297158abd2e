/**
 * Telnet fixtures from test/golden/telnet/normal/input.pcap (GNU inetutils telnetd 2.4 and
 * telnet client on 127.0.0.1, see its README): in array order the option negotiation of both
 * sides, the login dialogue and a command, then malformed inputs. Plain-text pieces (prompts,
 * typed lines) are `malformed` by role only: text alone is not recognisable as Telnet, so the
 * probe says no to them, which the suite requires of `normal` fixtures.
 */
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

export const fixtures: readonly DecoderFixture[] = [
  {
    // frame 4: the server opens the negotiation
    name: 'server-negotiation',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      'fffb25' + // IAC WILL AUTHENTICATION (37)
        'fffb26' + // IAC WILL ENCRYPT (38)
        'fffd18' + // IAC DO TERMINAL-TYPE (24)
        'fffd20' + // IAC DO TERMINAL-SPEED (32)
        'fffd23' + // IAC DO X-DISPLAY-LOCATION (35)
        'fffd27' + // IAC DO NEW-ENVIRON (39)
        'fffd24', // IAC DO ENVIRON (36)
    ),
  },
  {
    // frame 6: the client answers
    name: 'client-negotiation',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      'fffd25' + // IAC DO AUTHENTICATION
        'fffd26' + // IAC DO ENCRYPT
        'fffa2601fff0' + // IAC SB ENCRYPT SUPPORT(1) IAC SE (no types)
        'fffb18' + // IAC WILL TERMINAL-TYPE
        'fffb20' + // IAC WILL TERMINAL-SPEED
        'fffc23' + // IAC WONT X-DISPLAY-LOCATION
        'fffb27' + // IAC WILL NEW-ENVIRON
        'fffc24', // IAC WONT ENVIRON
    ),
  },
  {
    // frame 8: the server asks for the values
    name: 'server-send-requests',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: hex(
      'fffa2001fff0' + // IAC SB TERMINAL-SPEED SEND IAC SE
        'fffa2701fff0' + // IAC SB NEW-ENVIRON SEND IAC SE
        'fffa1801fff0', // IAC SB TERMINAL-TYPE SEND IAC SE
    ),
  },
  {
    // frame 9, with the USER variable the client sends when run as `telnet -l alice`
    name: 'client-values',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: hex(
      'fffa2000' + // IAC SB TERMINAL-SPEED IS
        '33383430302c3338343030' + // "38400,38400"
        'fff0' + // IAC SE
        'fffa2700' + // IAC SB NEW-ENVIRON IS
        '00' + // VAR
        '55534552' + // "USER"
        '01' + // VALUE
        '616c696365' + // "alice"
        'fff0' + // IAC SE
        'fffa1800' + // IAC SB TERMINAL-TYPE IS
        '585445524d' + // "XTERM"
        'fff0' + // IAC SE
        'fffa1f' + // IAC SB NAWS
        '0050' + // width 80
        '0018' + // height 24
        'fff0', // IAC SE
    ),
  },
  {
    // frame 16
    name: 'login-prompt',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: ascii('vm login: '),
  },
  {
    // frame 17: the user name, then CR NUL ([RFC854] NVT)
    name: 'user-name',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: concatBytes(ascii('alice'), hex('0d00')),
  },
  {
    // frames 18 and 20: the echo, then the password prompt
    name: 'password-prompt',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: ascii('alice\r\nPassword: '),
  },
  {
    // frame 22, typed one key per segment by interactive clients; the value is a test account's
    name: 'password',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: concatBytes(ascii('Secr3t!'), hex('0d00')),
  },
  {
    // frames 23-25: the login succeeds
    name: 'shell-prompt',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: ascii('\r\nLast login: Thu Nov 26 05:44:44 UTC 2026 from localhost on pts/1\r\n$ '),
  },
  {
    // frame 27, with a typo erased by DEL
    name: 'command',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: concatBytes(ascii('idd'), hex('7f'), hex('0d00')),
  },
  {
    // IAC AYT alone opens no negotiation: the probe does not take it
    name: 'are-you-there',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('fff6'), // IAC AYT
  },
  {
    name: 'iac-non-command',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('ff05'), // IAC then 5: no such command
  },
  {
    name: 'naws-wrong-length',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex('fffa1f' + '0050001800' + 'fff0'), // IAC SB NAWS, 5 bytes, IAC SE
  },
  {
    name: 'subnegotiation-too-long',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: concatBytes(hex('fffa1800'), ascii('A'.repeat(600)), hex('fff0')),
  },
  {
    name: 'iac-inside-subnegotiation',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: concatBytes(hex('fffa1800'), ascii('vt100'), hex('ff07')), // IAC 7 inside SB
  },
];
