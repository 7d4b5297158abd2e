// Indicators compiled into hash sets and tries, matched against events and flow records: what
// must raise an intel alert does, what must not does not, validity windows, orientation and
// multi-observation patterns decided over hits in capture order.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import type { AppEvent } from '../../decode/decoder.js';
import type { FlowRecord } from '../../events/envelope.js';
import { AlertCollection } from '../alerts.js';
import type { EventMeta } from '../observer.js';
import { BundleReader, type IntelData } from './bundle.js';
import { IntelMatcher } from './matcher.js';
import { evaluateSequences } from './sequence.js';

let n = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function data(
  patterns: (string | { pattern: string; valid_from?: string; valid_until?: string })[],
): IntelData {
  const r = new BundleReader();
  r.addDocument(
    {
      type: 'bundle',
      id: `bundle--${uuid()}`,
      objects: patterns.map((p, i) => {
        const o = typeof p === 'string' ? { pattern: p } : p;
        return {
          type: 'indicator',
          spec_version: '2.1',
          id: `indicator--00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
          created: '2020-01-01T00:00:00.000Z',
          modified: '2020-01-01T00:00:00.000Z',
          name: `ind ${i + 1}`,
          pattern_type: 'stix',
          valid_from: '2000-01-01T00:00:00Z',
          indicator_types: ['malicious-activity'],
          ...o,
        };
      }),
    },
    'test',
  );
  return r.build();
}

function meta(over: Partial<EventMeta> = {}): EventMeta {
  return {
    sec: 1_600_000_000,
    ns: 0,
    frame: 1,
    proto: 'dns',
    transport: 'udp',
    srcIp: '10.0.0.5',
    dstIp: '10.0.0.53',
    srcPort: 40000,
    dstPort: 53,
    srcMac: '',
    dstMac: '',
    flow: '1:1',
    fromServer: false,
    ...over,
  };
}

const dnsQuery = (qname: string): AppEvent => ({ kind: 'dns.query', dns: { qname, qr: false } });

function flowRec(over: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: '1:7',
    ts: '2020-09-13T12:26:40.000000Z',
    duration: 1.5,
    transport: 'tcp',
    src_ip: '10.0.0.5',
    src_port: 50000,
    dst_ip: '203.0.113.9',
    dst_port: 8443,
    orig_pkts: 3,
    orig_ip_bytes: 180,
    orig_bytes: 0,
    resp_pkts: 2,
    resp_ip_bytes: 120,
    resp_bytes: 0,
    conn_state: 'S1',
    history: 'Sh',
    missed_bytes: 0,
    first_frame: 7,
    last_frame: 9,
    end_reason: 'end_of_capture',
    ...over,
  };
}

function run(
  d: IntelData,
  feed: (m: IntelMatcher) => void,
): { alerts: ReturnType<AlertCollection['list']>; counters: Counters; m: IntelMatcher } {
  const counters = new Counters();
  const m = new IntelMatcher(d.indicators, counters);
  feed(m);
  const all = new AlertCollection();
  const s = m.snapshot();
  all.mergeSnapshot(s.alerts);
  evaluateSequences(d.indicators, s.hits, all);
  return { alerts: all.list(), counters, m };
}

describe('IntelMatcher', () => {
  it('matches exact addresses, CIDR blocks (= and ISSUBSET) and IPv6 in any notation', () => {
    const d = data([
      "[ipv4-addr:value = '10.0.0.53']",
      "[ipv4-addr:value = '192.168.0.0/16']",
      "[network-traffic:dst_ref.value ISSUBSET '10.0.0.0/24']",
      "[ipv6-addr:value = '2001:0db8:0000:0000:0000:0000:0000:0001']",
      "[ipv6-addr:value ISSUBSET '2001:db8:ff::/48']",
    ]);
    const { alerts } = run(d, (m) => {
      m.event(meta(), dnsQuery('a.example'));
      m.event(
        meta({ srcIp: '192.168.7.7', dstIp: '8.8.8.8', flow: '1:2', frame: 2 }),
        dnsQuery('b'),
      );
      m.event(
        meta({ srcIp: '2001:db8::1', dstIp: '2001:db8::2', flow: '1:3', frame: 3 }),
        dnsQuery('c'),
      );
      m.event(
        meta({ srcIp: '2001:db8:ff::9', dstIp: '2001:db8::2', flow: '1:4', frame: 4 }),
        dnsQuery('d'),
      );
      m.event(
        meta({ srcIp: '172.16.0.1', dstIp: '8.8.4.4', flow: '1:5', frame: 5 }),
        dnsQuery('e'),
      );
    });
    const got = alerts.map((a) => `${a.rule_id.slice(-1)} ${a.src_ip}>${a.dst_ip}`);
    expect(got).toEqual([
      '1 10.0.0.5>10.0.0.53',
      '3 10.0.0.5>10.0.0.53',
      '2 192.168.7.7>8.8.8.8',
      '4 2001:db8::1>2001:db8::2',
      '5 2001:db8:ff::9>2001:db8::2',
    ]);
    for (const a of alerts) {
      expect(a.source).toBe('intel');
      expect(a.severity).toBe('high');
      expect(a.technique_ids).toEqual(['T1071']);
      expect(a.title).toMatch(/^Intel: ind \d$/);
      expect(a.evidence.events[0]).toMatchObject({ kind: 'dns.query', frame: a.frame });
    }
  });

  it('orients alerts client to server so a conversation counts on one alert', () => {
    const d = data(["[ipv4-addr:value = '10.0.0.53']"]);
    const { alerts } = run(d, (m) => {
      m.event(meta(), dnsQuery('x'));
      m.event(
        meta({
          srcIp: '10.0.0.53',
          dstIp: '10.0.0.5',
          srcPort: 53,
          dstPort: 40000,
          fromServer: true,
          frame: 2,
        }),
        { kind: 'dns.response', dns: { qname: 'x', qr: true } },
      );
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ src_ip: '10.0.0.5', dst_ip: '10.0.0.53', count: 2 });
    expect(alerts[0]?.evidence.frames).toEqual([1, 2]);
  });

  it('counts every repeat of a long conversation on one alert with its last time', () => {
    const d = data(["[ipv4-addr:value = '10.0.0.53']"]);
    const { alerts } = run(d, (m) => {
      for (let i = 0; i < 500; i++) m.event(meta({ frame: i + 1, ns: i * 1000 }), dnsQuery('x'));
      m.flow(
        flowRec({ dst_ip: '10.0.0.53', first_frame: 1, ts: '2020-09-13T12:26:40.000000Z' }),
        false,
      );
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      count: 501,
      frame: 1,
      last_ts: '2020-09-13T12:26:40.000499Z',
    });
    expect(alerts[0]?.evidence.frames).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('matches names, URLs, certificates, files and accounts from protocol fields', () => {
    const d = data([
      "[domain-name:value = 'EVIL.example.']",
      "[url:value = 'HTTP://Bad.Example:80/drop/x.exe']",
      "[x509-certificate:serial_number = '00:0a:1b:2c']",
      "[x509-certificate:issuer = 'C=US, O=Evil Corp, CN=Evil CA']",
      "[x509-certificate:hashes.sha1 = 'AABBCC']",
      "[file:name = 'PSEXESVC.exe']",
      "[user-account:account_login = 'backdoor']",
      "[domain-name:value = 'c2.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.0/24']",
      // An address in a DNS answer is not an address of the event.
      "[ipv4-addr:value = '198.51.100.20']",
    ]);
    const ev = (proto: string, frame: number, e: AppEvent): [EventMeta, AppEvent] => [
      meta({
        proto,
        frame,
        transport: 'tcp',
        dstPort: 443,
        flow: `1:${frame}`,
        srcIp: `10.1.0.${frame}`,
      }),
      e,
    ];
    const events: [EventMeta, AppEvent][] = [
      ev('dns', 1, dnsQuery('evil.example')),
      ev('tls', 2, { kind: 'tls.client_hello', tls: { sni: 'www.ok.example' } }),
      ev('http', 3, {
        kind: 'http.request',
        http: { method: 'GET', host: 'bad.example', uri: '/drop/x.exe' },
      }),
      ev('tls', 4, {
        kind: 'tls.certificate',
        tls: { certificates: [{ serial: '0a1b2c', sha1: 'ff', size: 1 }] },
      }),
      ev('tls', 5, {
        kind: 'tls.certificate',
        tls: {
          certificates: [{ issuer_cn: 'Evil CA', issuer_o: 'Evil Corp', sha1: 'aabbcc', size: 1 }],
        },
      }),
      ev('smb', 6, { kind: 'smb.request', smb: { filename: 'Windows\\PSEXESVC.exe' } }),
      ev('ftp', 7, { kind: 'ftp.command', ftp: { user: 'backdoor' } }),
      ev('dns', 8, {
        kind: 'dns.response',
        dns: { qname: 'c2.example', answers: [{ type: 1, data: '198.51.100.20' }] },
      }),
      ev('dns', 9, {
        kind: 'dns.response',
        dns: { qname: 'c2.example', answers: [{ type: 1, data: '203.0.113.1' }] },
      }),
      ev('tls', 10, {
        kind: 'tls.certificate',
        tls: { certificates: [{ issuer_cn: 'Evil CA', issuer_o: 'Other', sha1: 'dd', size: 1 }] },
      }),
    ];
    const { alerts } = run(d, (m) => {
      for (const [mm, e] of events) m.event(mm, e);
    });
    const byFrame = alerts.map((a) => `${a.frame}:${a.rule_id.slice(-1)}`).sort();
    expect(byFrame).toEqual(['1:1', '3:2', '4:3', '5:4', '5:5', '6:6', '7:7', '8:8']);
  });

  it('matches flow records on ports, protocols and byte counts; unindexed patterns are scanned', () => {
    const d = data([
      "[network-traffic:dst_port = 8443 AND network-traffic:dst_ref.value = '203.0.113.9']",
      "[network-traffic:protocols[*] = 'tcp' AND network-traffic:src_byte_count = 0 AND network-traffic:dst_port IN (8443, 9443)]",
      "[network-traffic:dst_ref.value LIKE '203.0.113.%' AND network-traffic:dst_port > 8000]",
      "[network-traffic:dst_port = 8443 AND network-traffic:src_ref.value = '203.0.113.9']",
    ]);
    const { alerts, m } = run(d, (mm) => {
      mm.flow(flowRec(), false);
    });
    expect(m.size.scanned).toBe(1);
    expect(alerts.map((a) => a.rule_id.slice(-1)).sort()).toEqual(['1', '2', '3']);
    expect(alerts[0]).toMatchObject({
      src_ip: '10.0.0.5',
      dst_ip: '203.0.113.9',
      proto: 'tcp',
      frame: 7,
    });
  });

  it('honours valid_from and valid_until against capture time, and START/STOP windows', () => {
    const d = data([
      { pattern: "[ipv4-addr:value = '10.0.0.53']", valid_from: '2021-01-01T00:00:00Z' },
      { pattern: "[ipv4-addr:value = '10.0.0.53']", valid_until: '2019-01-01T00:00:00Z' },
      "[ipv4-addr:value = '10.0.0.53'] START t'2020-09-13T00:00:00Z' STOP t'2020-09-14T00:00:00Z'",
      "[ipv4-addr:value = '10.0.0.53'] START t'2020-09-14T00:00:00Z' STOP t'2020-09-15T00:00:00Z'",
    ]);
    const { alerts, counters } = run(d, (m) => m.event(meta(), dnsQuery('x')));
    expect(alerts.map((a) => a.rule_id.slice(-1))).toEqual(['3']);
    expect(counters.get('intel.outside_validity')).toBe(2);
  });

  it('decides FOLLOWEDBY, REPEATS and WITHIN over several observations', () => {
    const d = data([
      // A qualifier binds to the expression before it (STIXPattern.g4): parentheses give the pair.
      "([domain-name:value = 'stage1.example'] FOLLOWEDBY [domain-name:value = 'stage2.example']) WITHIN 60 SECONDS",
      "[domain-name:value = 'beacon.example'] REPEATS 3 TIMES WITHIN 10 SECONDS",
      "([domain-name:value = 'a.example'] AND [ipv4-addr:value = '192.0.2.1']) WITHIN 5 SECONDS",
    ]);
    const q = (
      name: string,
      sec: number,
      frame: number,
      flow = '1:1',
      dst = '10.0.0.53',
    ): [EventMeta, AppEvent] => [
      meta({ sec: 1_600_000_000 + sec, frame, flow, dstIp: dst }),
      dnsQuery(name),
    ];
    const feed: [EventMeta, AppEvent][] = [
      q('stage2.example', 0, 1), // before stage1: no order
      q('stage1.example', 10, 2),
      q('stage2.example', 100, 3), // too late
      q('stage1.example', 200, 4),
      q('stage2.example', 230, 5, '1:5'), // another flow: still one pattern
      q('beacon.example', 300, 6),
      q('beacon.example', 305, 7),
      q('beacon.example', 320, 8),
      q('beacon.example', 321, 9),
      q('beacon.example', 322, 10), // 320, 321, 322 within 10 s
      q('a.example', 400, 11),
      q('x.example', 420, 12, '1:12', '192.0.2.1'), // 20 s later: outside WITHIN 5
      q('a.example', 421, 13),
    ];
    const { alerts } = run(d, (m) => {
      for (const [mm, e] of feed) m.event(mm, e);
    });
    const got = alerts.map((a) => `${a.rule_id.slice(-1)}@${a.evidence.frames.join(',')}`);
    expect(got).toEqual(['1@4,5', '2@8,9,10', '3@12,13']);
  });

  it('costs nothing per event when nothing matches and no indicator is scanned', () => {
    const d = data(["[ipv4-addr:value = '203.0.113.1']", "[domain-name:value = 'evil.example']"]);
    const { alerts, counters } = run(d, (m) => {
      for (let i = 0; i < 1000; i++) m.event(meta({ frame: i + 1 }), dnsQuery(`h${i}.example`));
    });
    expect(alerts).toEqual([]);
    expect(counters.get('intel.matches')).toBe(0);
  });
});
