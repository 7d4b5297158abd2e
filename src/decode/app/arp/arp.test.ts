/** ARP decoder: fields, gratuitous/probe flags, VLAN tags, spoofing checks, binding table bounds. */
import { describe, expect, it } from 'vitest';
import { hex } from '../../../../test/helpers/hex.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink } from '../../decoder.js';
import { ArpState, parseArp, probeArp } from './arp.js';
import { ArpBindings, Claim } from './bindings.js';
import type { ArpEvent } from './events.js';
import { fixtures } from './fixtures.js';
import { arpDecoder } from './index.js';

const D = Direction.TO_SERVER;

class Sink implements DecodeSink {
  events: ArpEvent[] = [];
  anomalies: string[] = [];
  details: string[] = [];
  now = 0;
  emit(e: AppEvent): void {
    this.events.push(e as unknown as ArpEvent);
  }
  anomaly(name: string, detail?: string): void {
    this.anomalies.push(name);
    this.details.push(detail ?? '');
  }
  confirm(): void {}
  captureTime(): number {
    return this.now;
  }
}

const fixture = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};

function session() {
  const state = arpDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    state,
    at: (sec: number, name: string) => {
      sink.now = sec;
      return arpDecoder.parse(state, fixture(name), D, sink);
    },
  };
}

describe('ARP events', () => {
  it('decodes a request with its sender and target', () => {
    const s = session();
    expect(s.at(0, 'request-who-has')).toEqual({ kind: 'ok' });
    expect(s.sink.events).toEqual([
      {
        kind: 'arp.request',
        arp: {
          opcode: 1,
          operation: 'request',
          hardware_type: 1,
          protocol_type: 0x0800,
          sender_mac: '00:18:64:02:2f:a6',
          sender_ip: '192.168.10.221',
          target_mac: '00:00:00:00:00:00',
          target_ip: '192.168.10.222',
          gratuitous: false,
          probe: false,
        },
      },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });

  it('decodes a reply, and flags a gratuitous one', () => {
    const s = session();
    s.at(0, 'reply-is-at');
    s.at(1, 'reply-gratuitous');
    expect(s.sink.events.map((e) => e.kind)).toEqual(['arp.reply', 'arp.reply']);
    expect(s.sink.events[0]?.arp).toMatchObject({
      sender_ip: '192.168.10.221',
      target_mac: '00:10:18:cb:8c:13',
      target_ip: '192.168.10.66',
      gratuitous: false,
    });
    expect(s.sink.events[1]?.arp).toMatchObject({ sender_ip: '192.168.0.10', gratuitous: true });
  });

  it('walks a VLAN tag and flags a probe (sender 0.0.0.0), which claims nothing', () => {
    const s = session();
    s.at(0, 'request-probe-vlan');
    expect(s.sink.events[0]?.arp).toMatchObject({
      sender_ip: '0.0.0.0',
      target_ip: '192.168.10.221',
      probe: true,
      gratuitous: false,
    });
    expect(s.state.bindings.size).toBe(0);
  });

  it('reports other hardware/protocol types with their header only', () => {
    const s = session();
    const sink = s.sink;
    parseArp(
      s.state,
      hex(
        'ffffffffffff' + // Ethernet destination: broadcast
          '001864022fa6' + // Ethernet source
          '0806' + // EtherType ARP
          '0006' + // hrd 6 (IEEE 802)
          '86dd' + // pro IPv6 (not defined for ARP)
          '06' + // hln 6
          '10' + // pln 16
          '0008' + // op 8 (InARP request)
          '00'.repeat(44), // sha, spa, tha, tpa
      ),
      D,
      sink,
    );
    expect(sink.events).toEqual([
      {
        kind: 'arp.other',
        arp: { opcode: 8, operation: 'inarp_request', hardware_type: 6, protocol_type: 0x86dd },
      },
    ]);
    expect(sink.anomalies).toEqual([]);
  });

  it('counts cut addresses and wrong lengths as arp.malformed', () => {
    const s = session();
    s.at(0, 'truncated-addresses');
    expect(s.sink.events).toEqual([]);
    s.at(0, 'bad-hardware-length');
    expect(s.sink.events.map((e) => e.kind)).toEqual(['arp.request']);
    expect(s.sink.anomalies).toEqual(['arp.malformed', 'arp.malformed']);
    expect(s.sink.details[1]).toBe('Ethernet/IPv4 ARP with hln 8, pln 4');
  });

  it('probes Ethernet frames of EtherType 0x0806 only', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal')) {
      expect(probeArp(f.bytes, D)).toBe('match');
    }
    const ipv4 = fixture('request-who-has').slice();
    ipv4[13] = 0x00; // EtherType 0x0800
    expect(probeArp(ipv4, D)).toBe('no_match');
    expect(probeArp(fixture('request-who-has').subarray(0, 21), D)).toBe('no_match');
  });
});

describe('ARP spoofing checks', () => {
  it('arp.sender_mismatch: the Ethernet source is not the ARP sender', () => {
    const s = session();
    s.at(0, 'reply-relayed-sender-mismatch');
    expect(s.sink.events[0]?.arp.eth_src_mismatch).toBe(true);
    expect(s.sink.anomalies).toEqual(['arp.sender_mismatch']);
    expect(s.sink.details[0]).toBe(
      'Ethernet source 00:10:18:cb:8c:13, ARP sender 00:18:64:02:30:fc (192.168.10.222)',
    );
  });

  it('arp.binding_changed: a second MAC claims an address within the hold time', () => {
    const s = session();
    s.at(100, 'request-who-has'); // .221 is 00:18:64:02:2f:a6
    s.at(110, 'reply-is-at'); // the same again
    expect(s.sink.anomalies).toEqual([]);
    s.at(120, 'reply-poisoning'); // .221 claimed by 00:10:18:cb:8c:13
    expect(s.sink.anomalies).toEqual(['arp.binding_changed']);
    expect(s.sink.details[0]).toBe(
      '192.168.10.221 new 00:10:18:cb:8c:13 old 00:18:64:02:2f:a6 (old claimed it 10 s before)',
    );
    expect(s.sink.events[2]?.arp.conflicting_mac).toBe('00:18:64:02:2f:a6');
    expect(s.sink.events[1]?.arp.conflicting_mac).toBeUndefined();
  });

  it('keeps reporting while both MACs claim the address, and stops after the hold time', () => {
    const s = session();
    s.at(0, 'reply-is-at');
    s.at(10, 'reply-poisoning'); // change
    s.at(20, 'reply-poisoning'); // the poisoner repeats: the owner claimed it 20 s ago
    s.at(30, 'reply-is-at'); // the owner refreshes: flip back
    s.at(40, 'reply-poisoning'); // and again
    expect(s.sink.anomalies).toEqual(Array(4).fill('arp.binding_changed'));
    s.at(40 + 301, 'reply-poisoning'); // the owner has been silent for 311 s
    expect(s.sink.anomalies).toHaveLength(4);
  });

  it('lets an address move quietly once the old MAC has been silent for the hold time', () => {
    const s = session();
    s.at(0, 'reply-is-at');
    s.at(301, 'reply-poisoning'); // a DHCP lease moving to a new device
    s.at(302, 'reply-poisoning');
    expect(s.sink.anomalies).toEqual([]);
    s.at(303, 'reply-is-at'); // but the old device coming back within the hold time is caught
    expect(s.sink.anomalies).toEqual(['arp.binding_changed']);
  });
});

describe('ArpBindings', () => {
  it('is bounded: a full table sweeps out stale entries, else refuses new addresses', () => {
    const b = new ArpBindings(4, 300);
    for (let ip = 1; ip <= 4; ip++) expect(b.claim(ip, 1, ip, 0)).toBe(Claim.OK);
    expect(b.claim(5, 1, 5, 10)).toBe(Claim.FULL);
    expect(b.size).toBe(4);
    // Within the sweep back-off nothing is swept; after it, the stale entries go.
    expect(b.claim(5, 1, 5, 400)).toBe(Claim.OK);
    expect(b.size).toBe(1);
    // Known addresses keep working when full.
    for (let ip = 6; ip <= 8; ip++) b.claim(ip, 1, ip, 400);
    expect(b.claim(5, 2, 5, 401)).toBe(Claim.CONFLICT);
    expect([b.otherHi, b.otherLo, b.otherSec]).toEqual([1, 5, 400]);
  });

  it('reports a full table as arp.bindings_limit_reached on the first and every 256th claim', () => {
    const state = new ArpState(new ArpBindings(1, 300));
    const sink = new Sink();
    const frame = fixture('reply-is-at').slice();
    for (let i = 0; i < 300; i++) {
      frame[31] = i & 0xff; // spa 192.168.10.x
      frame[30] = 10 + (i >> 8);
      parseArp(state, frame, D, sink);
    }
    expect(sink.anomalies).toEqual(['arp.bindings_limit_reached', 'arp.bindings_limit_reached']);
    expect(state.untracked).toBe(299);
  });
});
