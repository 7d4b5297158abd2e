/** SSH decoder: banners, KEXINIT lists, HASSH against the published examples, negotiation, anomalies. */
import { describe, expect, it } from 'vitest';
import { concatBytes, hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { SshEvent } from './events.js';
import { fixtures, packet, sshString } from './fixtures.js';
import { sshDecoder } from './index.js';
import { md5 } from './ssh.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

class Sink implements DecodeSink {
  events: SshEvent[] = [];
  anomalies: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as SshEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {}
}

function session() {
  const state = sshDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    state,
    sink,
    parse: (dir: Direction, b: Uint8Array): ParseStatus => sshDecoder.parse(state, b, dir, sink),
  };
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

function kexinit(lists: string[]): Uint8Array {
  return packet(
    concatBytes(hex('14' + '00'.repeat(16)), ...lists.map(sshString), hex('00' + '00000000')),
  );
}

// https://github.com/salesforce/hassh README, Example 1 (Cyberduck 6.7.1): hassh
// 8a8ae540028bf433cd68356c1b9e8d5b over these four lists.
const CYBERDUCK = {
  kex: 'curve25519-sha256@libssh.org,diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp521,ecdh-sha2-nistp384,ecdh-sha2-nistp256,diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,diffie-hellman-group15-sha512,diffie-hellman-group16-sha512,diffie-hellman-group17-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256@ssh.com,diffie-hellman-group15-sha256,diffie-hellman-group15-sha256@ssh.com,diffie-hellman-group15-sha384@ssh.com,diffie-hellman-group16-sha256,diffie-hellman-group16-sha384@ssh.com,diffie-hellman-group16-sha512@ssh.com,diffie-hellman-group18-sha512@ssh.com',
  enc: 'aes128-cbc,aes128-ctr,aes192-cbc,aes192-ctr,aes256-cbc,aes256-ctr,blowfish-cbc,blowfish-ctr,cast128-cbc,cast128-ctr,idea-cbc,idea-ctr,serpent128-cbc,serpent128-ctr,serpent192-cbc,serpent192-ctr,serpent256-cbc,serpent256-ctr,3des-cbc,3des-ctr,twofish128-cbc,twofish128-ctr,twofish192-cbc,twofish192-ctr,twofish256-cbc,twofish256-ctr,twofish-cbc,arcfour,arcfour128,arcfour256',
  mac: 'hmac-sha1,hmac-sha1-96,hmac-md5,hmac-md5-96,hmac-sha2-256,hmac-sha2-512',
  comp: 'zlib@openssh.com,zlib,none',
};

describe('HASSH (published example)', () => {
  it('the Cyberduck client KEXINIT gives hassh 8a8ae540028bf433cd68356c1b9e8d5b', () => {
    const t = session();
    t.parse(
      C,
      new TextEncoder().encode('SSH-2.0-Cyberduck/6.7.1.28683 (Mac OS X/10.13.6) (x86_64)\r\n'),
    );
    const { kex, enc, mac, comp } = CYBERDUCK;
    t.parse(C, kexinit([kex, 'ssh-rsa', enc, enc, mac, mac, comp, comp, '', '']));
    const k = t.sink.events.find((e) => e.kind === 'ssh.kexinit')!.ssh;
    expect(k.hassh).toBe('8a8ae540028bf433cd68356c1b9e8d5b');
    expect(k.hassh_algorithms).toBe(`${kex};${enc};${mac};${comp}`);
    expect(t.sink.anomalies).toContain('ssh.weak_algorithm_offered');
  });

  it('hasshServer uses the server-to-client lists', () => {
    const t = session();
    t.parse(S, new TextEncoder().encode('SSH-2.0-OpenSSH_5.3\r\n'));
    t.parse(S, kexinit(['k', 'ssh-rsa', 'c2s', 's2c', 'm1', 'm2', 'none', 'zlib', '', '']));
    const k = t.sink.events.find((e) => e.kind === 'ssh.kexinit')!.ssh;
    expect(k.hassh_server_algorithms).toBe('k;s2c;m2;zlib');
    expect(k.hassh_server).toBe(md5('k;s2c;m2;zlib'));
  });
});

describe('OpenSSH exchange (fixtures)', () => {
  it('banners, KEXINITs with negotiation, ECDH reply host key type, NEWKEYS then counting', () => {
    const t = session();
    for (const f of fixtures.slice(0, 7)) t.parse(f.dir, f.bytes);
    const ev = t.sink.events;
    expect(ev.map((e) => e.kind)).toEqual([
      'ssh.banner',
      'ssh.banner',
      'ssh.kexinit',
      'ssh.kexinit',
      'ssh.message',
      'ssh.message',
      'ssh.message',
      'ssh.encrypted',
    ]);
    expect(ev[0]!.ssh).toMatchObject({
      proto_version: '2.0',
      software: 'OpenSSH_8.9p1',
      comments: 'Ubuntu-3ubuntu0.1',
    });
    expect(ev[3]!.ssh.negotiated).toEqual({
      kex: 'curve25519-sha256',
      host_key: 'ssh-ed25519',
      encryption_c2s: 'chacha20-poly1305@openssh.com',
      encryption_s2c: 'chacha20-poly1305@openssh.com',
      compression_c2s: 'none',
      compression_s2c: 'none',
    });
    expect(ev[4]!.ssh.message).toBe('kex_ecdh_init');
    expect(ev[5]!.ssh).toMatchObject({ message: 'kex_ecdh_reply', host_key_type: 'ssh-ed25519' });
    expect(ev[6]!.ssh.message).toBe('newkeys');
    expect(t.sink.anomalies).toEqual([]);
    expect(t.state.sides[S].encryptedBytes).toBe(24);
  });
});

describe('anomalies', () => {
  it('SSH-1 banner', () => {
    const t = session();
    t.parse(C, fx('ssh1-identification'));
    expect(t.sink.anomalies).toEqual(['ssh.v1_protocol']);
  });

  it('a client that is not SSH after the server banner', () => {
    const t = session();
    t.parse(S, fx('server-identification'));
    t.parse(C, new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n'));
    expect(t.sink.anomalies).toEqual(['ssh.not_ssh_client']);
  });

  it('non-standard banner: no software version, no CR', () => {
    const t = session();
    t.parse(S, new TextEncoder().encode('SSH-2.0\n'));
    expect(t.sink.anomalies).toEqual(['ssh.nonstandard_banner']);
  });

  it('oversized packet length stops the direction', () => {
    const t = session();
    t.parse(C, fx('client-identification'));
    expect(t.parse(C, fx('oversized-packet-length')).kind).toBe('ok');
    expect(t.sink.anomalies).toEqual(['ssh.malformed_packet']);
  });

  it('weak algorithms negotiated', () => {
    const t = session();
    t.parse(C, fx('client-identification'));
    t.parse(S, fx('server-identification'));
    const l = [
      'diffie-hellman-group1-sha1',
      'ssh-dss',
      'aes128-cbc',
      'aes128-cbc',
      'hmac-md5',
      'hmac-md5',
      'none',
      'none',
      '',
      '',
    ];
    t.parse(C, kexinit(l));
    t.parse(S, kexinit(l));
    expect(t.sink.anomalies).toContain('ssh.weak_algorithm_negotiated');
  });

  it('probe', () => {
    expect(sshDecoder.probe(fx('server-identification'), S)).toBe('match');
    expect(sshDecoder.probe(hex('5353'), S)).toBe('need_more');
    expect(sshDecoder.probe(new TextEncoder().encode('SSH-9.x\r\n'), S)).toBe('no_match');
  });
});
