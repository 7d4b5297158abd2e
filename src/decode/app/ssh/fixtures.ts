/**
 * SSH fixtures, built from RFC 4253 (no shared capture holds SSH): in array order an OpenSSH
 * client and server exchange identification lines, KEXINITs, the ECDH key exchange and NEWKEYS,
 * then encrypted bytes; then malformed inputs. Packets are assembled by {@link packet} from
 * annotated fields; the algorithm lists are those of OpenSSH 8.9 / 9.x defaults.
 */
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { Direction } from '../../decoder.js';
import type { DecoderFixture } from '../../decoder.js';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An SSH string / name-list: uint32 length then the bytes ([RFC4253] 5). */
export function sshString(s: string): Uint8Array {
  const b = ascii(s);
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length);
  out.set(b, 4);
  return out;
}

/**
 * A cleartext binary packet around `payload` ([RFC4253] 6): packet_length, padding_length, the
 * payload, then zero padding so the whole is a multiple of 8 bytes with at least 4 of padding.
 */
export function packet(payload: Uint8Array): Uint8Array {
  let pad = 8 - ((5 + payload.length) % 8);
  if (pad < 4) pad += 8;
  const len = 1 + payload.length + pad;
  const out = new Uint8Array(4 + len);
  new DataView(out.buffer).setUint32(0, len);
  out[4] = pad;
  out.set(payload, 5);
  return out;
}

const KEX =
  'curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,' +
  'ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,' +
  'diffie-hellman-group18-sha512,diffie-hellman-group14-sha256,ext-info-c';
const HOST_KEYS = 'ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256';
const CIPHERS =
  'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,' +
  'aes256-gcm@openssh.com';
const MACS =
  'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,' +
  'hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,' +
  'umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1';
const COMP = 'none,zlib@openssh.com';

/** SSH_MSG_KEXINIT payload ([RFC4253] 7.1). */
function kexinit(kex: string, hostKeys: string, ciphers: string, macs: string): Uint8Array {
  return concatBytes(
    hex('14'), // SSH_MSG_KEXINIT (20)
    hex('00112233445566778899aabbccddeeff'), // cookie
    sshString(kex), // kex_algorithms
    sshString(hostKeys), // server_host_key_algorithms
    sshString(ciphers), // encryption_algorithms_client_to_server
    sshString(ciphers), // encryption_algorithms_server_to_client
    sshString(macs), // mac_algorithms_client_to_server
    sshString(macs), // mac_algorithms_server_to_client
    sshString(COMP), // compression_algorithms_client_to_server
    sshString(COMP), // compression_algorithms_server_to_client
    sshString(''), // languages_client_to_server
    sshString(''), // languages_server_to_client
    hex('00'), // first_kex_packet_follows = false
    hex('00000000'), // reserved
  );
}

export const fixtures: readonly DecoderFixture[] = [
  {
    name: 'server-identification',
    dir: Direction.TO_CLIENT,
    role: 'normal',
    bytes: ascii('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n'),
  },
  {
    name: 'client-identification',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: ascii('SSH-2.0-OpenSSH_9.6\r\n'),
  },
  {
    name: 'client-kexinit',
    dir: Direction.TO_SERVER,
    role: 'malformed', // a KEXINIT alone carries no identification line: probe says no
    bytes: packet(kexinit(KEX, HOST_KEYS, CIPHERS, MACS)),
  },
  {
    name: 'server-kexinit',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: packet(
      kexinit(
        'curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,' +
          'diffie-hellman-group14-sha256',
        'rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519',
        CIPHERS,
        MACS,
      ),
    ),
  },
  {
    name: 'client-ecdh-init',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: packet(
      concatBytes(
        hex('1e'), // SSH_MSG_KEX_ECDH_INIT (30)
        sshString('0123456789abcdef0123456789abcdef'), // Q_C, client ephemeral key (32 bytes)
      ),
    ),
  },
  {
    name: 'server-ecdh-reply',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: packet(
      concatBytes(
        hex('1f'), // SSH_MSG_KEX_ECDH_REPLY (31)
        hex('00000033'), // K_S length = 51
        sshString('ssh-ed25519'), // host key type
        sshString('fedcba9876543210fedcba9876543210'), // public key (32 bytes)
        sshString('f0e1d2c3b4a59687f0e1d2c3b4a59687'), // Q_S
        sshString('signature-of-the-exchange-hash..'), // signature of H
      ),
    ),
  },
  {
    name: 'newkeys-then-encrypted',
    dir: Direction.TO_CLIENT,
    role: 'malformed',
    bytes: concatBytes(
      packet(hex('15')), // SSH_MSG_NEWKEYS (21)
      hex('5a3c9f0e11d2b7a8c4e06f1b2d3e4f5061728394a5b6c7d8'), // encrypted packet
    ),
  },
  {
    name: 'ssh1-identification',
    dir: Direction.TO_SERVER,
    role: 'normal',
    bytes: ascii('SSH-1.5-1.2.27\r\n'),
  },
  {
    name: 'oversized-packet-length',
    dir: Direction.TO_SERVER,
    role: 'malformed',
    bytes: hex(
      '7fffffff' + // packet_length far beyond 35000
        '04' + // padding_length
        '14000000', // start of a payload
    ),
  },
];

/** The client KEXINIT lists of the fixtures, for HASSH tests. */
export const CLIENT_KEXINIT = { KEX, CIPHERS, MACS, COMP } as const;
