/**
 * FTP fields against Wireshark's `ftp` dissector (4.0, packet-ftp.c): request command and
 * argument, reply code and argument, and the data addresses of PORT / EPRT / PASV / EPSV.
 *
 * No shared capture holds FTP; the golden captures (test/golden/ftp, real pyftpdlib, curl and
 * lftp sessions) are compared instead. PASS frames are left out: Wireshark shows the password,
 * we never report it. Wireshark dissects every segment on its own: the opening line of a
 * multi-line reply sent in a segment of its own has its code there, where we report the reply
 * once, at its closing line (docs/fidelity-ftp.md).
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const req = (e: EventLine): boolean => e.kind === 'ftp.request' && at(e, 'ftp.command') !== 'PASS';
const rep = (e: EventLine): boolean => e.kind === 'ftp.reply';

/**
 * The comparison reads tshark's fields with `|` as the occurrence separator, so an argument
 * holding `|` (EPRT `|1|10.0.0.5|5282|`, the 229 reply `(|||50002|)`) comes out in pieces: ours
 * are cut the same way (empty pieces are dropped on both sides).
 */
const pieces = (v: unknown): unknown => (typeof v === 'string' ? v.split('|') : v);

export const ftpSpec: ProtoSpec = {
  proto: 'ftp',
  // TLS records after AUTH (RFC 4217 4) are ciphertext that Wireshark 4.0 still dissects as FTP
  // lines when the mechanism is AUTH SSL: those frames (a TLS record header, content type 20-23
  // and major version 3) are left out, as are PASS frames.
  filter:
    'ftp && !(ftp.request.command == "PASS") && ' +
    '!(tcp.payload[0] >= 0x14 && tcp.payload[0] <= 0x17 && tcp.payload[1] == 0x03)',
  sharedCaptures: [],
  // The golden capture has FTP on TCP 2121 too, which Wireshark only dissects when told.
  tsharkArgs: ['-d', 'tcp.port==2121,ftp'],
  fields: [
    {
      name: 'request command',
      tshark: 'ftp.request.command',
      ours: (e) => (req(e) ? at(e, 'ftp.command') : undefined),
    },
    {
      name: 'request arg',
      tshark: 'ftp.request.arg',
      ours: (e) => (req(e) ? pieces(at(e, 'ftp.arg')) : undefined),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'response code',
      tshark: 'ftp.response.code',
      ours: (e) => (rep(e) ? at(e, 'ftp.code') : undefined),
    },
    {
      name: 'response arg',
      tshark: 'ftp.response.arg',
      ours: (e) => (rep(e) ? pieces(at(e, 'ftp.text')) : undefined),
      norm: (v) => (v === '' ? undefined : v),
    },
    {
      name: 'data address',
      tshark: ['ftp.active.cip', 'ftp.passive.ip', 'ftp.eprt.ip', 'ftp.eprt.ipv6'],
      ours: (e) => at(e, 'ftp.data_ip'),
    },
    {
      name: 'data port',
      tshark: ['ftp.active.port', 'ftp.passive.port', 'ftp.eprt.port', 'ftp.epsv.port'],
      ours: (e) => at(e, 'ftp.data_port'),
    },
  ],
};
