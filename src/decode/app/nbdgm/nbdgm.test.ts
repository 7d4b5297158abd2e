/** NetBIOS datagram decoder: names, Browser and NETLOGON mailslots, anomalies, probe, fuzz. */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { BrowserFields, NbdgmFields, NetlogonFields } from './events.js';
import { fixtures } from './fixtures.js';
import { NBDGM_ANOMALIES, nbdgmDecoder } from './index.js';

const C = Direction.TO_SERVER;

interface NbdgmEvent {
  kind: string;
  nbdgm: NbdgmFields;
  browser?: BrowserFields;
  netlogon?: NetlogonFields;
}

class Sink implements DecodeSink {
  events: NbdgmEvent[] = [];
  anomalies: string[] = [];
  constructor(private readonly sender = '') {}
  emit(e: AppEvent): void {
    this.events.push(e as unknown as NbdgmEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {}
  peerAddress(): string {
    return this.sender;
  }
}

function fx(name: string): Uint8Array {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
}

function one(name: string, sender = ''): { e: NbdgmEvent | undefined; sink: Sink } {
  const state = nbdgmDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink(sender);
  nbdgmDecoder.parse(state, fx(name), C, sink);
  return { e: sink.events[0], sink };
}

describe('nbdgm datagrams', () => {
  it('decodes a HostAnnouncement: names, OS, server type, browser version', () => {
    const { e, sink } = one('host-announcement', '192.168.198.203');
    expect(sink.anomalies).toEqual([]);
    expect(e?.kind).toBe('nbdgm.datagram');
    expect(e?.nbdgm).toMatchObject({
      type: 0x11,
      type_name: 'direct_group',
      datagram_id: 0xd3b1,
      source_ip: '192.168.198.203',
      source_port: 138,
      source_name: 'IE11WIN7<20>',
      source_netbios_name: 'IE11WIN7',
      destination_name: 'WORKGROUP<1d>',
      destination_suffix_name: 'master_browser',
      mailslot: '\\MAILSLOT\\BROWSE',
    });
    expect(e?.browser).toMatchObject({
      command: 1,
      command_name: 'host_announcement',
      periodicity: 720000,
      server: 'IE11WIN7',
      os_major: 6,
      os_minor: 1,
      server_type: 0x00011003,
      server_type_names: ['workstation', 'server', 'nt', 'potential_browser'],
      browser_version_major: 15,
      browser_version_minor: 1,
      signature: 0xaa55,
      comment: '',
    });
  });
  it('decodes a DomainAnnouncement: workgroup and master browser', () => {
    const { e } = one('domain-announcement');
    expect(e?.browser).toMatchObject({
      command_name: 'domain_announcement',
      server: 'WORKGROUP',
      os_major: 3,
      os_minor: 10,
      master_browser: 'IE11WIN7',
    });
    expect(e?.browser?.server_type_names).toContain('domain_enum');
  });
  it('decodes an election request with its criteria', () => {
    const { e } = one('request-election');
    expect(e?.browser).toMatchObject({
      command_name: 'request_election',
      election_version: 1,
      criteria: 0x10010f20,
      desire: ['wins'],
      election_os: ['nt_workstation'],
      server: 'IE11WIN7',
    });
  });
  it('decodes AnnouncementRequest, backup list response and a LocalMasterAnnouncement', () => {
    expect(one('announcement-request').e?.browser).toMatchObject({
      command_name: 'announcement_request',
      response_name: 'IE11WIN7',
    });
    expect(one('get-backup-list-response').e?.browser).toMatchObject({
      count: 2,
      token: 7,
      backup_servers: ['BACKUP1', 'BACKUP2'],
    });
    expect(one('local-master-announcement').e?.browser?.server_type_names).toContain(
      'master_browser',
    );
  });
  it('names a NETLOGON primary query and the computer asking', () => {
    const { e } = one('netlogon-primary-query');
    expect(e?.nbdgm.mailslot).toBe('\\MAILSLOT\\NET\\NETLOGON');
    expect(e?.netlogon).toEqual({
      opcode: 7,
      opcode_name: 'logon_primary_query',
      computer_name: 'IE11WIN7',
    });
  });
  it('decodes query requests and error datagrams', () => {
    const q = one('query-request').e;
    expect(q?.kind).toBe('nbdgm.query');
    expect(q?.nbdgm.destination_name).toBe('FILESRV<20>');
    const { e, sink } = one('error-datagram');
    expect(e?.kind).toBe('nbdgm.error');
    expect(e?.nbdgm.error_name).toBe('destination_name_not_present');
    expect(sink.anomalies).toEqual(['nbdgm.error_datagram']);
  });
});

describe('nbdgm anomalies', () => {
  it('flags a source address that is not the sender', () => {
    expect(one('host-announcement', '10.0.0.9').sink.anomalies).toEqual([
      'nbdgm.source_address_mismatch',
    ]);
  });
  it('raises the conversation fixtures’ anomalies', () => {
    const state = nbdgmDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink();
    for (const f of fixtures) nbdgmDecoder.parse(state, f.bytes, f.dir, sink);
    expect(sink.anomalies).toEqual([
      'nbdgm.error_datagram',
      'nbdgm.malformed_mailslot',
      'nbdgm.truncated_message',
    ]);
    const declared = new Set(Object.keys(NBDGM_ANOMALIES));
    for (const a of sink.anomalies) expect(declared.has(a)).toBe(true);
  });
  it('rejects a first datagram that is not NBDGM', () => {
    const state = nbdgmDecoder.createState(DEFAULT_LIMITS);
    const st: ParseStatus = nbdgmDecoder.parse(state, new Uint8Array(48).fill(0x23), C, new Sink());
    expect(st).toEqual({ kind: 'reject', anomaly: 'nbdgm.not_nbdgm' });
  });
});

describe('nbdgm probe and fuzz', () => {
  it('matches its normal fixtures', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal'))
      expect(nbdgmDecoder.probe(f.bytes, f.dir)).toBe('match');
  });
  it('survives 20,000 mutated datagrams', () => {
    const rng = new Prng(0x4e424447);
    const state = nbdgmDecoder.createState(DEFAULT_LIMITS);
    const sink = new Sink('192.168.198.203');
    for (const f of fixtures) nbdgmDecoder.parse(state, f.bytes, f.dir, sink);
    for (let i = 0; i < 20_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      const b = Uint8Array.from(base);
      for (let k = 0; k < 1 + rng.int(4); k++) b[rng.int(b.length)] = rng.int(256);
      const cut = b.subarray(0, rng.int(b.length + 1));
      expect(() => nbdgmDecoder.parse(state, cut, rng.int(2) as Direction, sink)).not.toThrow();
    }
  });
});
