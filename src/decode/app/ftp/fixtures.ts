/**
 * FTP fixtures from test/golden/ftp/*\/input.pcap (pyftpdlib 1.5.7 with curl 7.88 and lftp
 * 4.9 on 127.0.0.1, see their READMEs): in array order a login, FEAT, passive and active data
 * connections, a bounce attempt and AUTH TLS, then malformed lines. Lines whose verb or code
 * POP3 and SMTP share (USER, PASS, 331, 230 ...) are `malformed` by role only: the probe says
 * `need_more` to them (enough on port 21, not proof elsewhere), and the suite wants `match`
 * of `normal` fixtures.
 */
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

/** One protocol line: the text then CR LF ([RFC959] 4.1, 4.2). */
const line = (s: string): Uint8Array => concatBytes(new TextEncoder().encode(s), hex('0d0a'));

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

export const fixtures: readonly DecoderFixture[] = [
  // normal/input.pcap frame 4: the greeting, code 220 naming FTP
  {
    name: 'greeting',
    dir: S,
    role: 'normal',
    bytes: line('220 pyftpdlib 1.5.7 FTP server ready.'),
  },
  // frames 6-10: the login (USER / 331 / PASS / 230)
  { name: 'user', dir: C, role: 'malformed', bytes: line('USER alice') },
  { name: 'user-ok', dir: S, role: 'malformed', bytes: line('331 Username ok, send password.') },
  // the password of the test account; it never reaches an event
  { name: 'pass', dir: C, role: 'malformed', bytes: line('PASS secret') },
  { name: 'logged-in', dir: S, role: 'malformed', bytes: line('230 Login successful.') },
  // frames 234-239: FEAT and its multi-line reply ([RFC2389] 3.2)
  { name: 'feat', dir: C, role: 'normal', bytes: line('FEAT') },
  {
    name: 'feat-reply',
    dir: S,
    role: 'malformed',
    bytes: concatBytes(
      line('211-Features supported:'),
      line(' EPRT'),
      line(' EPSV'),
      line(' MDTM'),
      line(' MLST type*;perm*;size*;modify*;unique*;unix.mode;unix.uid;unix.gid;'),
      line(' REST STREAM'),
      line(' SIZE'),
      line(' TVFS'),
      line(' UTF8'),
      line('211 End FEAT.'),
    ),
  },
  // frames 13-14: extended passive mode ([RFC2428] 3)
  { name: 'epsv', dir: C, role: 'normal', bytes: line('EPSV') },
  {
    name: 'epsv-reply',
    dir: S,
    role: 'malformed',
    bytes: line('229 Entering extended passive mode (|||50002|).'),
  },
  // frames 46-47: passive mode
  { name: 'pasv', dir: C, role: 'normal', bytes: line('PASV') },
  {
    name: 'pasv-reply',
    dir: S,
    role: 'malformed',
    bytes: line('227 Entering passive mode (127,0,0,1,195,86).'),
  },
  // frames 114-118: active mode
  { name: 'port', dir: C, role: 'normal', bytes: line('PORT 127,0,0,1,178,153') },
  {
    name: 'port-reply',
    dir: S,
    role: 'malformed',
    bytes: line('200 Active data connection established.'),
  },
  // frames 88-95: an upload, with its preliminary 125 and completion 226 replies
  { name: 'stor', dir: C, role: 'normal', bytes: line('STOR up.txt') },
  {
    name: 'stor-replies',
    dir: S,
    role: 'malformed',
    bytes: concatBytes(
      line('125 Data connection already open. Transfer starting.'),
      line('226 Transfer complete.'),
    ),
  },
  // malformed/input.pcap frames 13-14: PORT to a third host's SMTP port (the FTP bounce)
  { name: 'port-bounce', dir: C, role: 'normal', bytes: line('PORT 10,0,0,99,0,25') },
  {
    name: 'port-bounce-refused',
    dir: S,
    role: 'malformed',
    bytes: line('501 Rejected data connection to foreign address 10.0.0.99:25.'),
  },
  // malformed/input.pcap frames 22-25
  { name: 'unknown-verb', dir: C, role: 'malformed', bytes: line('XYZZ plugh') },
  {
    name: 'unknown-verb-reply',
    dir: S,
    role: 'malformed',
    bytes: line('500 Command "XYZZ" not understood.'),
  },
  {
    name: 'binary-verb',
    dir: C,
    role: 'malformed',
    bytes: concatBytes(hex('c3a9544501'), line(' x')),
  },
  { name: 'line-too-long', dir: C, role: 'malformed', bytes: line(`MKD ${'A'.repeat(1500)}`) },
  { name: 'reply-not-a-reply', dir: S, role: 'malformed', bytes: line('HTTP/1.0 200 OK') },
  // auth-tls/input.pcap frames 6-8: AUTH, 234, then TLS bytes on the control connection
  { name: 'auth-tls', dir: C, role: 'malformed', bytes: line('AUTH TLS') }, // SMTP has AUTH too
  { name: 'auth-tls-ok', dir: S, role: 'malformed', bytes: line('234 AUTH TLS successful.') },
  {
    name: 'tls-client-hello',
    dir: C,
    role: 'malformed',
    bytes: hex('16030100' + '05' + '0100000100'), // TLS record header, then a stub handshake
  },
];
