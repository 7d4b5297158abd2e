/** DHCP decoder: BOOTP fields, options, overload, anomalies, rogue-server check, probe, fuzz. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { DhcpFields } from './events.js';
import { fixtures } from './fixtures.js';
import { DHCP_ANOMALIES, dhcpDecoder } from './index.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface DhcpEvent {
  kind: string;
  dhcp: DhcpFields;
}

class Sink implements DecodeSink {
  events: DhcpEvent[] = [];
  anomalies: string[] = [];
  details: (string | undefined)[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as DhcpEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail);
  }
  confirm(): void {}
}

function session() {
  const state = dhcpDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      dhcpDecoder.parse(state, bytes, dir, sink),
  };
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

/** A copy of `b` with `patch` (hex) written at `at`. */
function patched(b: Uint8Array, at: number, patch: string): Uint8Array {
  const c = b.slice();
  c.set(hex(patch), at);
  return c;
}

describe('DHCP messages', () => {
  it('decodes the DISCOVER with its parameter request list', () => {
    const s = session();
    expect(s.parse(C, fixture('discover'))).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'dhcp.request',
        dhcp: {
          op: 1,
          htype: 1,
          hlen: 6,
          hops: 0,
          xid: 0xabcd0013,
          secs: 0,
          flags: 0,
          broadcast: false,
          ciaddr: '0.0.0.0',
          yiaddr: '0.0.0.0',
          siaddr: '0.0.0.0',
          giaddr: '0.0.0.0',
          chaddr: '00:e0:62:60:35:d0',
          dhcp: true,
          message_type: 1,
          message_type_name: 'discover',
          options: [53, 57, 55],
          max_message_size: 576,
          param_request_list: [1, 3, 28, 6],
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes the OFFER, REQUEST and ACK: server, lease, routers, host name, sname', () => {
    const s = session();
    for (const n of ['discover', 'offer', 'request', 'ack'])
      s.parse(n === 'offer' || n === 'ack' ? S : C, fixture(n));
    const [, offer, request, ack] = s.sink.events;
    expect(offer?.kind).toBe('dhcp.reply');
    expect(offer?.dhcp).toMatchObject({
      message_type_name: 'offer',
      yiaddr: '192.168.10.131',
      siaddr: '192.168.10.105',
      sname: 'DBLicenseServer',
      subnet_mask: '255.255.255.0',
      renewal_time: 0xffffffff,
      rebinding_time: 0xffffffff,
      lease_time: 0xffffffff,
      server_id: '192.168.10.105',
      routers: ['192.168.10.1'],
      hostname: 'KoyoDL405',
      options: [53, 1, 58, 59, 51, 54, 3, 12],
    });
    expect(request?.dhcp).toMatchObject({
      message_type_name: 'request',
      requested_ip: '192.168.10.131',
      server_id: '192.168.10.105',
    });
    expect(ack?.dhcp.message_type_name).toBe('ack');
    expect(s.sink.anomalies).toEqual([]);
  });

  it('reads vendor class, client id, domain, DNS servers, FQDN and relay agent info', () => {
    const opts =
      '350103' + // REQUEST
      '3c084d53465420352e30' + // 60 "MSFT 5.0"
      '3d0701000c29aabbcc' + // 61 client id: type 1, MAC 00:0c:29:aa:bb:cc
      '0f0b6578616d706c652e636f6d' + // 15 "example.com"
      '06080a0000010a000002' + // 6 DNS servers 10.0.0.1, 10.0.0.2
      '510c' + // 81 client FQDN, 12 bytes:
      '000000' + // flags, two obsolete rcode bytes
      '03706331' +
      '03636f6d' +
      '00' + // "pc1" "com" root
      '520a' + // 82 relay agent information, 10 bytes:
      '0104' +
      'deadbeef' + // circuit id
      '0202' +
      'cafe' + // remote id
      'ff';
    const base = fixture('request');
    const msg = new Uint8Array(240 + opts.length / 2);
    msg.set(base.subarray(0, 240));
    msg.set(hex(opts), 240);
    const s = session();
    s.parse(C, msg);
    expect(s.sink.events[0]?.dhcp).toMatchObject({
      vendor_class: 'MSFT 5.0',
      client_id: '01:00:0c:29:aa:bb:cc',
      domain_name: 'example.com',
      dns_servers: ['10.0.0.1', '10.0.0.2'],
      client_fqdn: 'pc1.com',
      relay_circuit_id: 'de:ad:be:ef',
      relay_remote_id: 'ca:fe',
    });
  });

  it('reads the broadcast flag and plain BOOTP without a cookie', () => {
    const s = session();
    const bootp = patched(fixture('discover'), 10, '8000');
    bootp.fill(0, 236);
    s.parse(C, bootp);
    expect(s.sink.events[0]?.dhcp.broadcast).toBe(true);
    expect(s.sink.events[0]?.dhcp.dhcp).toBe(false);
    expect(s.sink.events[0]?.dhcp.message_type).toBeUndefined();
  });
});

describe('anomalies', () => {
  it('names an overrunning option and an unassigned message type', () => {
    const s = session();
    s.parse(C, fixture('discover'));
    s.parse(C, fixture('overrun-option'));
    expect(s.sink.anomalies).toEqual([
      'dhcp.malformed_option',
      'dhcp.missing_end',
      'dhcp.unknown_message_type',
    ]);
    expect(s.sink.events[1]?.dhcp.message_type_name).toBe('unknown');
  });

  it('reads options overloaded into the file field and checks their lengths', () => {
    const s = session();
    s.parse(C, fixture('overload-bad-length'));
    expect(s.sink.events[0]?.dhcp).toMatchObject({ overload: 1, options: [53, 52, 50] });
    expect(s.sink.events[0]?.dhcp.file).toBeUndefined();
    expect(s.sink.anomalies).toEqual(['dhcp.malformed_option']);
  });

  it('flags a second server answering the same transaction on one flow, not on another', () => {
    const relay = session();
    relay.parse(S, fixture('offer'));
    // The same OFFER from server 192.168.10.66 (option 54 value at offset 240 + 3 + 24 + 2),
    // relayed on the same flow.
    relay.parse(S, patched(fixture('offer'), 269, 'c0a80a42'));
    expect(relay.sink.anomalies).toEqual(['dhcp.multiple_servers']);
    expect(relay.sink.details).toEqual([
      'transaction 0xabcd0013 answered by 192.168.10.105 and 192.168.10.66',
    ]);
    // The ACK of the first server for its own transaction is not flagged.
    relay.parse(S, fixture('ack'));
    expect(relay.sink.anomalies).toHaveLength(1);
    // Another flow has its own state: the flows are the detection layer's to compare.
    const other = session();
    other.parse(S, patched(fixture('offer'), 269, 'c0a80a42'));
    expect(other.sink.anomalies).toEqual([]);
  });

  it('remembers at most maxPendingTransactions transactions', () => {
    const state = dhcpDecoder.createState({ ...DEFAULT_LIMITS, maxPendingTransactions: 2 });
    const sink = new Sink();
    for (let x = 0; x < 5; x++) {
      dhcpDecoder.parse(state, patched(fixture('offer'), 4, `0000000${x}`), S, sink);
    }
    expect(state.servers.size).toBe(2);
  });

  it('rejects a first datagram that is not BOOTP, names one after confirmation', () => {
    expect(session().parse(C, hex('474554202f'))).toEqual({
      kind: 'reject',
      anomaly: 'dhcp.not_bootp',
    });
    const s = session();
    s.parse(C, fixture('discover'));
    expect(s.parse(C, hex('0101'))).toEqual({ kind: 'ok' });
    expect(s.sink.anomalies).toEqual(['dhcp.truncated_message']);
  });
});

describe('probe and robustness', () => {
  it('matches BOOTP and refuses short or foreign datagrams', () => {
    expect(dhcpDecoder.probe(fixture('discover'), C)).toBe('match');
    expect(dhcpDecoder.probe(fixture('discover').subarray(0, 235), C)).toBe('no_match');
    expect(dhcpDecoder.probe(patched(fixture('discover'), 0, '03'), C)).toBe('no_match');
  });

  it('never throws on 20,000 mutated datagrams and raises only declared anomalies', () => {
    const rng = new Prng(0xd1c9);
    const s = session();
    for (let i = 0; i < 20_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      const b = base.slice(0, rng.chance(0.2) ? rng.int(base.length + 1) : base.length);
      for (let k = rng.int(8); k > 0 && b.length > 0; k--) b[rng.int(b.length)] = rng.int(256);
      s.parse(C, b);
    }
    for (const a of s.sink.anomalies) expect(Object.keys(DHCP_ANOMALIES)).toContain(a);
    expect(s.sink.events.length).toBeGreaterThan(1000);
  });
});
