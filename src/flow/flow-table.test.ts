// FlowTable: keys, direction, counts, Zeek history and conn_state, port reuse, timeouts, eviction.
import { describe, expect, it } from 'vitest';
import { Counters } from '../core/counters.js';
import type { Packet } from '../decode/packet.js';
import { BadChecksum } from '../decode/packet.js';
import type { Flow, FlowEndReason } from './flow.js';
import { connState, FLOW_TABLE_COUNTERS, FlowTable, type FlowTableOptions } from './flow-table.js';
import { Flow as FlowRecord } from './flow.js';
import { hasHistory, Hist } from './history.js';
import { origEndpoint, respEndpoint, TcpEndpoint } from './tcp-state.js';
import { packet, TcpConversation, v4 } from '../../test/helpers/packets.js';

const T0 = 1_700_000_000;

interface Ended {
  flow: Flow;
  reason: FlowEndReason;
  state: string;
}

function setup(opts: FlowTableOptions = {}) {
  const counters = new Counters();
  const ended: Ended[] = [];
  const table = new FlowTable({ hashSeed: 7, ...opts }, counters, (flow, reason) =>
    ended.push({ flow, reason, state: connState(flow) }),
  );
  const feed = (...pkts: Packet[]): Flow[] => pkts.map((p) => table.lookup(p, 1));
  return { counters, ended, table, feed };
}

/** Runs a scripted TCP exchange and returns the flow's final record after flushAll. */
function run(script: (c: TcpConversation) => Packet[]): Ended {
  const { table, feed, ended } = setup();
  feed(...script(new TcpConversation()));
  table.flushAll();
  expect(ended).toHaveLength(1);
  return ended[0] as Ended;
}

describe('FlowTable: keys and direction', () => {
  it('puts both directions of a handshake and data in one flow, initiator = SYN sender', () => {
    const { table, feed } = setup();
    const c = new TcpConversation({ client: '192.168.1.20', server: '192.168.1.10', cport: 49152 });
    const dirs: boolean[] = [];
    const pkts = [
      c.client('S'),
      c.server('SA'),
      c.client('A'),
      c.client('PA', 'hello'),
      c.server('PA', 'world!'),
      c.client('A'),
    ];
    const flows = pkts.map((p) => {
      const f = table.lookup(p, 3);
      dirs.push(table.lastFromOrig);
      return f;
    });
    expect(new Set(flows).size).toBe(1);
    expect(dirs).toEqual([true, false, true, true, false, true]);
    const f = flows[0] as Flow;
    expect(f.id).toBe('3:1');
    expect(f.origA0 >>> 0).toBe(v4('192.168.1.20'));
    expect(f.respA0 >>> 0).toBe(v4('192.168.1.10'));
    expect([f.origPort, f.respPort]).toEqual([49152, 502]);
    expect([f.origPkts, f.respPkts]).toEqual([4, 2]);
    expect([f.origPayBytes, f.respPayBytes]).toEqual([5, 6]);
    // IP bytes: 20 (IPv4) + 20 (TCP) + payload per packet.
    expect([f.origIpBytes, f.respIpBytes]).toEqual([4 * 40 + 5, 2 * 40 + 6]);
    expect([f.firstFrame, f.lastFrame]).toEqual([1, 6]);
    expect(f.sawSyn).toBe(true);
    expect(table.size).toBe(1);
    // feed() is the only allocation site per flow: flows are stable objects.
    expect(feed(c.client('A'))[0]).toBe(f);
  });

  it('makes the receiver of a SYN-ACK seen first the initiator and marks the flip (^)', () => {
    const { table, feed } = setup();
    const c = new TcpConversation();
    const [f] = feed(c.server('SA'));
    expect(table.lastFromOrig).toBe(false);
    feed(c.client('A'));
    expect(table.lastFromOrig).toBe(true);
    expect(f!.origA0 >>> 0).toBe(v4('10.0.0.1'));
    expect(f!.respPort).toBe(502);
    expect(f!.history).toBe('^hA');
  });

  it('separates flows by VLAN and inner VLAN', () => {
    const { feed, table } = setup();
    const a = feed(
      packet({ proto: 'udp', vlan: -1 }),
      packet({ proto: 'udp', vlan: 10 }),
      packet({ proto: 'udp', vlan: 10, vlanInner: 20 }),
      packet({ proto: 'udp', vlan: 11 }),
      packet({
        proto: 'udp',
        vlan: 10,
        src: '10.0.0.2',
        dst: '10.0.0.1',
        sport: 502,
        dport: 40000,
      }),
    );
    expect(table.size).toBe(4);
    expect(a[4]).toBe(a[1]);
    expect(table.lastFromOrig).toBe(false);
    expect([a[2]!.vlan, a[2]!.vlanInner]).toEqual([10, 20]);
  });

  it('keys IPv6 flows on all 128 bits of both addresses', () => {
    const { feed, table } = setup();
    const a = feed(
      packet({ src: '2001:db8::1', dst: '2001:db8::2', proto: 'udp', sport: 1000, dport: 2000 }),
      packet({
        src: '2001:db8::1:0:0:1',
        dst: '2001:db8::2',
        proto: 'udp',
        sport: 1000,
        dport: 2000,
      }),
      packet({ src: '2001:db9::1', dst: '2001:db8::2', proto: 'udp', sport: 1000, dport: 2000 }),
      packet({ src: '2001:db8::2', dst: '2001:db8::1', proto: 'udp', sport: 2000, dport: 1000 }),
    );
    expect(table.size).toBe(3);
    expect(a[3]).toBe(a[0]);
    expect(table.lastFromOrig).toBe(false);
    const f = a[0] as Flow;
    expect(f.ipVersion).toBe(6);
    expect([f.origA0 >>> 0, f.origA1, f.origA2, f.origA3]).toEqual([0x20010db8, 0, 0, 1]);
    expect([f.respA0 >>> 0, f.respA3]).toEqual([0x20010db8, 2]);
    expect(a[1]!.origA2).toBe(0x10000);
  });

  it('does not confuse an IPv4 address with the IPv6 address of the same low word', () => {
    const { feed, table } = setup();
    feed(
      packet({ src: '0.0.0.1', dst: '0.0.0.2', proto: 'udp' }),
      packet({ src: '::1', dst: '::2', proto: 'udp' }),
    );
    expect(table.size).toBe(2);
  });

  it('pairs ICMP echo request and reply (type as port, as Zeek), one-way types by code', () => {
    const { feed, table } = setup();
    const a = feed(
      packet({ proto: 'icmp', src: '10.0.0.1', dst: '10.0.0.2', icmpType: 8 }),
      packet({ proto: 'icmp', src: '10.0.0.2', dst: '10.0.0.1', icmpType: 0 }),
      packet({ proto: 'icmp', src: '10.0.0.2', dst: '10.0.0.1', icmpType: 3, icmpCode: 3 }),
      packet({ proto: 'icmp6', src: 'fe80::1', dst: 'fe80::2', icmpType: 135 }),
      packet({ proto: 'icmp6', src: 'fe80::2', dst: 'fe80::1', icmpType: 136 }),
    );
    expect(a[1]).toBe(a[0]);
    expect([a[0]!.origPort, a[0]!.respPort]).toEqual([8, 0]);
    expect([a[2]!.origPort, a[2]!.respPort]).toEqual([3, 3]);
    expect(a[4]).toBe(a[3]);
    expect([a[3]!.origPort, a[3]!.respPort]).toEqual([135, 136]);
    expect(table.size).toBe(3);
    expect(connState(a[0] as Flow)).toBe('OTH');
  });

  it('keys ICMP without a readable type on addresses only', () => {
    const { feed, table } = setup();
    const a = feed(
      packet({ proto: 'icmp', icmpType: -1 }),
      packet({ proto: 'icmp', icmpType: -1, src: '10.0.0.2', dst: '10.0.0.1' }),
    );
    expect(a[1]).toBe(a[0]);
    expect([a[0]!.origPort, a[0]!.respPort]).toEqual([0, 0]);
    expect(table.size).toBe(1);
  });

  it('keys other IP protocols on addresses only', () => {
    const { feed, table } = setup();
    const a = feed(
      packet({ proto: 47, src: '10.0.0.1', dst: '10.0.0.2' }),
      packet({ proto: 47, src: '10.0.0.2', dst: '10.0.0.1' }),
    );
    expect(a[1]).toBe(a[0]);
    expect(table.size).toBe(1);
    expect(a[0]!.history).toBe('');
  });

  it('grows its bucket array and still finds every flow', () => {
    const { feed, table } = setup({ initialBuckets: 16 });
    const pkts = (rev: boolean) =>
      Array.from({ length: 3000 }, (_, i) =>
        packet({
          proto: 'udp',
          src: rev ? '10.9.9.9' : `10.1.${i >> 8}.${i & 255}`,
          dst: rev ? `10.1.${i >> 8}.${i & 255}` : '10.9.9.9',
          sport: rev ? 53 : 1024 + i,
          dport: rev ? 1024 + i : 53,
        }),
      );
    const first = feed(...pkts(false));
    expect(table.bucketCount).toBeGreaterThanOrEqual(2048);
    const again = feed(...pkts(true));
    expect(again).toEqual(first);
    expect(table.size).toBe(3000);
    expect(table.created).toBe(3000);
  });
});

describe('FlowTable: Zeek history and conn_state', () => {
  const cases: Array<[string, (c: TcpConversation) => Packet[], string, string]> = [
    ['S0: SYN, no reply', (c) => [c.client('S'), c.client('S', '', { seq: 1000 })], 'S0', 'S'],
    [
      'S1: established, not closed',
      (c) => [c.client('S'), c.server('SA'), c.client('A'), c.client('PA', 'abc'), c.server('A')],
      'S1',
      'ShADa',
    ],
    [
      'SF: normal establishment and termination',
      (c) => [
        c.client('S'),
        c.server('SA'),
        c.client('A'),
        c.client('PA', 'req'),
        c.server('PA', 'resp'),
        c.client('FA'),
        c.server('FA'),
        c.client('A'),
      ],
      'SF',
      'ShADdFf',
    ],
    [
      'REJ: SYN answered by RST',
      (c) => [c.client('S'), c.server('RA', '', { seq: 0 })],
      'REJ',
      'Sr',
    ],
    [
      'S2: originator closed, no reply',
      (c) => [c.client('S'), c.server('SA'), c.client('A'), c.client('FA')],
      'S2',
      'ShAF',
    ],
    [
      'S3: responder closed, no reply',
      (c) => [c.client('S'), c.server('SA'), c.client('A'), c.server('FA')],
      'S3',
      'ShAf',
    ],
    [
      'RSTO: originator aborted',
      (c) => [c.client('S'), c.server('SA'), c.client('A'), c.client('RA')],
      'RSTO',
      'ShAR',
    ],
    [
      'RSTR: responder aborted',
      (c) => [c.client('S'), c.server('SA'), c.client('A'), c.server('R')],
      'RSTR',
      'ShAr',
    ],
    [
      'RSTOS0: SYN then RST from the originator',
      (c) => [c.client('S'), c.client('R')],
      'RSTOS0',
      'SR',
    ],
    [
      'RSTRH: SYN-ACK then RST from the responder, no SYN seen',
      (c) => [c.server('SA'), c.server('R')],
      'RSTRH',
      '^hr',
    ],
    ['SH: SYN then FIN, no SYN-ACK', (c) => [c.client('S'), c.client('F')], 'SH', 'SF'],
    [
      'SHR: SYN-ACK then FIN from the responder, no SYN',
      (c) => [c.server('SA'), c.server('FA')],
      'SHR',
      '^hf',
    ],
    [
      'OTH: mid-stream traffic',
      (c) => [c.client('PA', 'x'), c.server('PA', 'y'), c.client('A')],
      'OTH',
      'DdA',
    ],
    [
      'SF after mid-stream pickup with FIN both ways',
      (c) => [c.client('PA', 'x'), c.server('FA'), c.client('FA')],
      'SF',
      'DfF',
    ],
  ];
  for (const [name, script, state, history] of cases) {
    it(name, () => {
      const e = run(script);
      expect(e.state).toBe(state);
      expect(e.flow.history).toBe(history);
    });
  }

  it('records Q for SYN+FIN, I for FIN+RST, W for a zero window, each letter once', () => {
    const e = run((c) => [
      c.client('SF'),
      c.server('SA'),
      c.client('A', '', { window: 0 }),
      c.client('A', '', { window: 0 }),
      c.server('FRA'),
    ]);
    expect(e.flow.history).toBe('QhAWi');
  });

  it('strict checksums: a bad packet gets history C and is not analysed', () => {
    const { feed, table, ended, counters } = setup({ checksums: 'strict' });
    const c = new TcpConversation();
    feed(c.client('S'), c.server('SA', '', { bad: BadChecksum.TCP }));
    expect(table.lastCorrupt).toBe(true);
    feed(c.server('R', '', { bad: BadChecksum.IPV4 }));
    table.flushAll();
    expect(ended[0]!.flow.history).toBe('Sc');
    expect(ended[0]!.state).toBe('S0');
    expect(ended[0]!.flow.respPkts).toBe(2);
    expect(counters.get('flow.bad_checksum_ignored')).toBe(2);
  });

  it('auto checksums: a direction that never sent a good checksum is offloading, and analysed', () => {
    const { feed, table, ended, counters } = setup({ checksums: 'auto' });
    const c = new TcpConversation();
    // Captured on the client: its own packets carry unfinished checksums.
    const bad = { bad: BadChecksum.TCP };
    feed(c.client('S', '', bad), c.server('SA'), c.client('A', '', bad));
    expect(table.lastCorrupt).toBe(false);
    feed(c.client('PA', 'q', bad), c.server('PA', 'r'), c.client('FA', '', bad), c.server('FA'));
    table.flushAll();
    expect(ended[0]!.state).toBe('SF');
    expect(ended[0]!.flow.history).toBe('CShADdFf');
    expect(counters.get('flow.bad_checksum_ignored')).toBe(0);
  });

  it('auto checksums: after a good checksum, a bad packet from that side is ignored', () => {
    const { feed, table, ended, counters } = setup({ checksums: 'auto' });
    const c = new TcpConversation();
    feed(c.client('S'), c.server('SA'), c.client('A'));
    // An inserted RST with a bad checksum must not close the connection, nor a SYN split it.
    feed(c.server('R', '', { bad: BadChecksum.TCP }));
    expect(table.lastCorrupt).toBe(true);
    feed(c.client('S', '', { bad: BadChecksum.TCP, seq: 4242 }));
    table.flushAll();
    expect(ended.map((e) => [e.state, e.flow.history])).toEqual([['S1', 'ShAcC']]);
    expect(counters.get('flow.bad_checksum_ignored')).toBe(2);
  });

  it('ignore checksums (the default): every packet is analysed (history C still recorded)', () => {
    const { feed, table, ended } = setup();
    const c = new TcpConversation();
    feed(c.client('S'), c.server('SA'), c.client('A'), c.server('R', '', { bad: BadChecksum.TCP }));
    table.flushAll();
    expect(ended.map((e) => [e.state, e.flow.history])).toEqual([['RSTR', 'ShAcr']]);
  });

  it('records T for a retransmission on a flow the reassembler does not follow, not for keep-alives', () => {
    const { feed, table, counters } = setup();
    const c = new TcpConversation();
    const [f] = feed(c.client('S'), c.server('SA'), c.client('A'), c.client('PA', 'abcd'));
    // Keep-alive: one byte at next - 1.
    feed(c.client('A', 'x', { seq: c.cseq - 1 }));
    expect(f!.history).toBe('ShAD');
    feed(c.client('PA', 'abcd', { seq: c.cseq - 4 }));
    feed(c.server('PA', 'zz'), c.server('PA', 'zz', { seq: c.sseq - 2 }));
    expect(f!.history).toBe('ShADTdt');
    expect(counters.get('tcp.retransmission')).toBe(2);
    table.flushAll();
  });

  it('exposes endpoint states and history letters to consumers', () => {
    const { feed } = setup();
    const c = new TcpConversation();
    const [f] = feed(c.client('S'), c.server('SA'), c.client('FA'));
    expect(origEndpoint(f!.tcpState)).toBe(TcpEndpoint.CLOSED);
    expect(respEndpoint(f!.tcpState)).toBe(TcpEndpoint.ESTABLISHED);
    expect(hasHistory(f!, Hist.H, false)).toBe(true);
    expect(hasHistory(f!, Hist.H, true)).toBe(false);
  });

  it('UDP with only responder packets is SHR (Zeek), with none OTH', () => {
    const f = new FlowRecord();
    f.ipProto = 17;
    expect(connState(f)).toBe('OTH');
    f.respPkts = 1;
    expect(connState(f)).toBe('SHR');
  });

  it('UDP is SF when both sides sent, S0 otherwise, with D/d history', () => {
    const { feed, table, ended } = setup();
    feed(
      packet({ proto: 'udp', sport: 5000, dport: 53, frame: 1 }),
      packet({ proto: 'udp', src: '10.0.0.2', dst: '10.0.0.1', sport: 53, dport: 5000, frame: 2 }),
      packet({ proto: 'udp', sport: 5001, dport: 53, frame: 3 }),
    );
    table.flushAll();
    expect(ended.map((e) => [e.state, e.flow.history])).toEqual([
      ['SF', 'Dd'],
      ['S0', 'D'],
    ]);
  });
});

describe('FlowTable: port reuse', () => {
  it('a new SYN on a closed connection ends it (reused) and starts a new flow', () => {
    const { feed, table, ended, counters } = setup();
    const c = new TcpConversation();
    const [f1] = feed(
      c.client('S'),
      c.server('SA'),
      c.client('A'),
      c.client('FA'),
      c.server('FA'),
      c.client('A'),
    );
    const c2 = new TcpConversation({ cisn: 900_000, firstFrame: 7 });
    const [f2] = feed(c2.client('S'), c2.server('SA'));
    expect(f2).not.toBe(f1);
    expect(ended.map((e) => [e.flow.id, e.reason, e.state])).toEqual([['1:1', 'reused', 'SF']]);
    expect(f2!.id).toBe('1:7');
    expect(f2!.history).toBe('Sh');
    expect(counters.get('flow.port_reuse')).toBe(1);
    expect(table.size).toBe(1);
  });

  it('a SYN with a new ISN ends an unanswered attempt; a retransmitted SYN does not', () => {
    const { feed, ended } = setup();
    const c = new TcpConversation();
    const a = feed(
      c.client('S'),
      c.client('S', '', { seq: 1000 }),
      c.client('S', '', { seq: 77_777 }),
    );
    expect(a[1]).toBe(a[0]);
    expect(a[2]).not.toBe(a[0]);
    expect(ended.map((e) => [e.reason, e.state])).toEqual([['reused', 'S0']]);
  });

  it('a SYN after a reset with the same ISN (a retried attempt) stays in the flow', () => {
    const { feed, ended, table } = setup();
    const c = new TcpConversation();
    feed(c.client('S'), c.server('RA', '', { seq: 0 }), c.client('S', '', { seq: 1000 }));
    table.flushAll();
    expect(ended.map((e) => [e.reason, e.state, e.flow.origPkts])).toEqual([
      ['end_of_capture', 'REJ', 2],
    ]);
  });

  it('a SYN after a reset with a new ISN starts a new flow', () => {
    const { feed, ended, table } = setup();
    const c = new TcpConversation();
    feed(c.client('S'), c.server('RA', '', { seq: 0 }), c.client('S', '', { seq: 5000 }));
    table.flushAll();
    expect(ended.map((e) => [e.reason, e.state])).toEqual([
      ['reused', 'REJ'],
      ['end_of_capture', 'S0'],
    ]);
  });

  it('a SYN after mid-stream pickup (new ISN) starts a new flow with the SYN sender as initiator', () => {
    const { feed, ended } = setup();
    const c = new TcpConversation();
    const a = feed(c.server('PA', 'data'), c.client('S', '', { seq: 12 }));
    expect(a[1]).not.toBe(a[0]);
    expect(ended[0]!.reason).toBe('reused');
    expect(a[1]!.origA0 >>> 0).toBe(v4('10.0.0.1'));
  });
});

describe('FlowTable: timeouts', () => {
  const udp = (sec: number, frame: number, sport = 5000) =>
    packet({ proto: 'udp', sec, frame, sport });

  it('UDP: inactive for more than 60 s ends the flow (timeout)', () => {
    const { feed, ended } = setup();
    const a = feed(udp(T0, 1), udp(T0 + 60, 2), udp(T0 + 121, 3));
    expect(a[1]).toBe(a[0]);
    expect(a[2]).not.toBe(a[0]);
    expect(ended.map((e) => [e.flow.id, e.reason])).toEqual([['1:1', 'timeout']]);
  });

  it('TCP: 300 s while open, 5 s once closed (reason closed)', () => {
    const { feed, ended } = setup({ udpTimeout: 1000 });
    const open = new TcpConversation({ sec: T0, cport: 1 });
    const [fo] = feed(open.client('S'), open.server('SA'));
    const closed = new TcpConversation({ sec: T0, cport: 2, firstFrame: 10 });
    feed(
      closed.client('S'),
      closed.server('SA'),
      closed.client('A'),
      closed.client('FA'),
      closed.server('FA'),
    );
    // Unrelated traffic moves the capture clock.
    const tick = (sec: number, frame: number) => feed(packet({ proto: 'udp', sec, frame }));
    tick(T0 + 5, 20);
    expect(ended).toHaveLength(0);
    tick(T0 + 6, 21);
    expect(ended.map((e) => [e.flow.id, e.reason, e.state])).toEqual([['1:10', 'closed', 'SF']]);
    tick(T0 + 300, 22);
    expect(ended).toHaveLength(1);
    tick(T0 + 301, 23);
    expect(ended.map((e) => [e.flow.id, e.reason, e.state])).toEqual([
      ['1:10', 'closed', 'SF'],
      ['1:1', 'timeout', 'S1'],
    ]);
    expect(ended[1]!.flow).toBe(fo);
  });

  it('a late packet within the close delay stays in the closed flow', () => {
    const { feed, ended } = setup();
    const c = new TcpConversation({ sec: T0 });
    const [f] = feed(c.client('S'), c.server('SA'), c.client('A'), c.client('FA'), c.server('FA'));
    const late = c.client('A', '', { sec: T0 + 5 });
    expect(feed(late)[0]).toBe(f);
    expect(ended).toHaveLength(0);
  });

  it('ICMP and other protocols: 60 s by default, each class configurable', () => {
    const { feed, ended } = setup({ icmpTimeout: 10, otherTimeout: 20 });
    feed(packet({ proto: 'icmp', sec: T0, frame: 1 }), packet({ proto: 47, sec: T0, frame: 2 }));
    feed(packet({ proto: 'udp', sec: T0 + 11, frame: 3 }));
    expect(ended.map((e) => e.flow.id)).toEqual(['1:1']);
    feed(packet({ proto: 'udp', sec: T0 + 21, frame: 4 }));
    expect(ended.map((e) => e.flow.id)).toEqual(['1:1', '1:2']);
  });

  it('expire() ends only flows past their timeout, oldest first, and counts them', () => {
    const { feed, table, ended } = setup();
    feed(udp(T0, 1, 1), udp(T0 + 10, 2, 2), udp(T0 + 20, 3, 3), udp(T0 + 21, 4, 1));
    expect(table.expire(T0 + 71)).toBe(1);
    expect(ended.map((e) => e.flow.id)).toEqual(['1:2']);
    expect(table.expire(T0 + 82)).toBe(2);
    expect(ended.map((e) => e.flow.id)).toEqual(['1:2', '1:3', '1:1']);
    expect(table.size).toBe(0);
  });

  it('a capture clock that steps back neither expires flows nor moves last times back', () => {
    const { feed, ended } = setup();
    const [f] = feed(udp(T0 + 100, 1), udp(T0, 2));
    expect(ended).toHaveLength(0);
    expect(f!.lastSec).toBe(T0 + 100);
    expect(f!.lastFrame).toBe(2);
  });
});

describe('FlowTable: bounded size', () => {
  it('when full, ends the least recently active flow (evicted) and admits the new one', () => {
    const { feed, table, ended, counters } = setup({ maxFlows: 3 });
    const u = (sport: number, sec: number, frame: number) =>
      packet({ proto: 'udp', sport, sec, frame });
    feed(u(1, T0, 1), u(2, T0 + 1, 2), u(3, T0 + 2, 3), u(1, T0 + 3, 4), u(4, T0 + 4, 5));
    expect(ended.map((e) => [e.flow.id, e.reason])).toEqual([['1:2', 'evicted']]);
    expect(table.size).toBe(3);
    expect(counters.get('flow.evicted_table_full')).toBe(1);
    expect(FLOW_TABLE_COUNTERS['flow.evicted_table_full']).toBeDefined();
  });

  it('evicts a closed TCP flow before any open flow', () => {
    const { feed, ended } = setup({ maxFlows: 3 });
    feed(packet({ proto: 'udp', sport: 1, sec: T0, frame: 1 }));
    const c = new TcpConversation({ sec: T0 + 1, firstFrame: 2 });
    feed(c.client('S'), c.server('RA', '', { seq: 0 }));
    feed(
      packet({ proto: 'udp', sport: 2, sec: T0 + 2, frame: 4 }),
      packet({ proto: 'udp', sport: 3, sec: T0 + 3, frame: 5 }),
    );
    expect(ended.map((e) => [e.flow.id, e.reason, e.state])).toEqual([['1:2', 'evicted', 'REJ']]);
  });

  it('flushAll ends every flow in first-frame order and empties the table', () => {
    const { feed, table, ended } = setup();
    const c = new TcpConversation({ firstFrame: 2 });
    feed(
      packet({ proto: 'udp', frame: 1 }),
      c.client('S'),
      packet({ proto: 'icmp', frame: 5 }),
      c.server('SA'),
      packet({ proto: 47, frame: 7 }),
    );
    feed(packet({ proto: 'udp', frame: 8 }));
    table.flushAll();
    expect(ended.map((e) => [e.flow.id, e.reason])).toEqual([
      ['1:1', 'end_of_capture'],
      ['1:2', 'end_of_capture'],
      ['1:5', 'end_of_capture'],
      ['1:7', 'end_of_capture'],
    ]);
    expect(ended.every((e) => e.flow.ended)).toBe(true);
    expect(table.size).toBe(0);
    expect(table.peak).toBe(4);
    expect(feed(packet({ proto: 'udp', frame: 9 }))[0]!.id).toBe('1:9');
  });

  it('falls back to the defaults for invalid options', () => {
    const { feed, table } = setup({ maxFlows: -5, udpTimeout: Number.NaN, initialBuckets: 0 });
    feed(packet({ proto: 'udp', sport: 1, sec: T0 }), packet({ proto: 'udp', sport: 2, sec: T0 }));
    feed(packet({ proto: 'udp', sport: 1, sec: T0 + 60 }));
    expect(table.size).toBe(2);
    expect(table.bucketCount).toBe(16);
  });
});
