// The rule engine as an observer: decoder events (EventMeta + object) and lines match alike; flows, filters, site fields, alerts and correlation records.
import { describe, expect, it } from 'vitest';
import { Counters } from '../../core/counters.js';
import type { FlowRecord } from '../../events/envelope.js';
import type { EventMeta } from '../observer.js';
import { AssetTracker } from '../assets/tracker.js';
import { RuleEngine } from './rule-engine.js';
import { toRecords } from './records.js';
import { packOf, ruleYaml } from '../../../test/helpers/rules.js';

function meta(over: Partial<EventMeta> = {}): EventMeta {
  return {
    sec: 1_700_000_000,
    ns: 123_456_000,
    frame: 42,
    proto: 'modbus',
    transport: 'tcp',
    srcIp: '10.0.0.5',
    dstIp: '10.0.0.9',
    srcPort: 50000,
    dstPort: 502,
    srcMac: '00:11:22:33:44:55',
    dstMac: '66:77:88:99:aa:bb',
    flow: '1:17',
    fromServer: false,
    ...over,
  };
}

const WRITE = { kind: 'modbus.request', modbus: { function_code: 5, unit_id: 1 } };
const READ = { kind: 'modbus.request', modbus: { function_code: 3, unit_id: 1 } };

const writeRule = (extra: Record<string, unknown> = {}, id?: string): string =>
  ruleYaml(
    {
      selection: { kind: 'modbus.request', 'modbus.function_code': [5, 6, 15, 16] },
      condition: 'selection',
    },
    { logsource: { service: 'modbus' }, ...(id ? { id } : {}), extra },
  );

function engine(
  text: string,
  opts: { site?: boolean } = {},
): { e: RuleEngine; counters: Counters } {
  const counters = new Counters();
  const e = new RuleEngine({
    pack: packOf(text),
    counters,
    site: opts.site
      ? {
          zoneOf: (ip) =>
            ip?.startsWith('10.0.0.') === true
              ? { id: ip === '10.0.0.9' ? 'cell' : 'ops', purdue_level: ip === '10.0.0.9' ? 1 : 3 }
              : null,
        }
      : null,
  });
  return { e, counters };
}

describe('RuleEngine', () => {
  it('matches decoder events and raises a deduplicated rule alert with the event line as evidence', () => {
    const { e, counters } = engine(writeRule({}, 'aaaaaaaa-0000-4000-8000-000000000001'));
    e.event(meta(), WRITE);
    e.event(meta({ frame: 43 }), READ);
    e.event(meta({ frame: 44, ns: 500_000_000 }), WRITE);
    const alerts = e.alertList();
    expect(alerts).toHaveLength(1);
    const a = alerts[0]!;
    expect(a).toMatchObject({
      rule_id: 'aaaaaaaa-0000-4000-8000-000000000001',
      title: 'test rule',
      severity: 'high',
      source: 'rule',
      technique_ids: ['T0855'],
      src_ip: '10.0.0.5',
      dst_ip: '10.0.0.9',
      proto: 'modbus',
      flow: '1:17',
      frame: 42,
      ts: '2023-11-14T22:13:20.123456Z',
      count: 2,
    });
    expect(a.evidence.frames).toEqual([42, 44]);
    // The evidence is the events.jsonl line (as the pipeline writes it), built only for the match.
    const line =
      '{"ts":"2023-11-14T22:13:20.123456Z","frame":42,"proto":"modbus","kind":"modbus.request",' +
      '"transport":"tcp","src_ip":"10.0.0.5","src_port":50000,"dst_ip":"10.0.0.9","dst_port":502,' +
      '"flow":"1:17","modbus":{"function_code":5,"unit_id":1}}';
    expect(JSON.stringify(a.evidence.events[0])).toBe(line);
    expect(counters.get('rules.matches')).toBe(2);
  });

  it('reads the same fields from a decoder event and from its line', () => {
    const rule = ruleYaml(
      {
        s: {
          src_ip: '10.0.0.5',
          src_port: 50000,
          dst_port: 502,
          transport: 'tcp',
          flow: '1:17',
          frame: 42,
          proto: 'modbus',
          'ts|startswith': '2023-11-14T22:13:20.123',
          'modbus.unit_id': 1,
        },
        condition: 's',
      },
      { id: 'aaaaaaaa-0000-4000-8000-000000000002' },
    );
    const { e } = engine(rule);
    e.event(meta(), WRITE);
    expect(e.alertList()).toHaveLength(1);
    const line = JSON.parse(JSON.stringify(e.alertList()[0]!.evidence.events[0])) as Record<
      string,
      unknown
    >;
    expect(e.matchingRules(line).map((r) => r.id)).toEqual([
      'aaaaaaaa-0000-4000-8000-000000000002',
    ]);
    // MAC addresses are fields of Ethernet-level events only, as on their lines.
    const mac = engine(ruleYaml({ s: { src_mac: '00:11:22:33:44:55' }, condition: 's' })).e;
    mac.event(meta(), WRITE);
    expect(mac.alertList()).toHaveLength(0);
    mac.event(meta({ transport: 'ether', srcIp: null, dstIp: null }), WRITE);
    expect(mac.alertList()).toHaveLength(1);
  });

  it('dispatches by log source: service, anomaly and protocol categories', () => {
    const text = [
      writeRule({}, 'aaaaaaaa-0000-4000-8000-000000000003'),
      ruleYaml(
        { s: { kind: 'anomaly', 'anomaly.name': 'modbus.invalid_length' }, condition: 's' },
        {
          id: 'aaaaaaaa-0000-4000-8000-000000000004',
          logsource: { category: 'anomaly', service: 'modbus' },
        },
      ),
      ruleYaml(
        { s: { 'modbus.function_code': 5 }, condition: 's' },
        { id: 'aaaaaaaa-0000-4000-8000-000000000005', logsource: { service: 'dnp3' } },
      ),
    ].join('---\n');
    const { e } = engine(text);
    e.event(meta(), WRITE);
    e.event(meta({ frame: 50 }), { kind: 'anomaly', anomaly: { name: 'modbus.invalid_length' } });
    e.event(meta({ proto: 'dnp3', frame: 51 }), {
      kind: 'anomaly',
      anomaly: { name: 'modbus.invalid_length' },
    });
    expect(e.alertList().map((a) => [a.rule_id, a.frame])).toEqual([
      ['aaaaaaaa-0000-4000-8000-000000000003', 42],
      ['aaaaaaaa-0000-4000-8000-000000000004', 50],
    ]);
  });

  it('matches flow records with category flow, by service', () => {
    const text = ruleYaml(
      { s: { conn_state: ['S0', 'REJ'], dst_port: 102 }, condition: 's' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000006', logsource: { category: 'flow' } },
    );
    const { e } = engine(text);
    const rec: FlowRecord = {
      id: '1:3',
      ts: '2023-11-14T22:13:20.000001Z',
      duration: 0,
      transport: 'tcp',
      src_ip: '10.0.0.5',
      src_port: 40000,
      dst_ip: '10.0.0.9',
      dst_port: 102,
      orig_pkts: 1,
      orig_ip_bytes: 40,
      orig_bytes: 0,
      resp_pkts: 0,
      resp_ip_bytes: 0,
      resp_bytes: 0,
      conn_state: 'S0',
      history: 'S',
      missed_bytes: 0,
      first_frame: 3,
      last_frame: 3,
      end_reason: 'timeout',
    };
    e.flow(rec);
    e.flow({ ...rec, id: '1:4', conn_state: 'SF', first_frame: 4 });
    const alerts = e.alertList();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ frame: 3, flow: '1:3', proto: 'tcp', src_ip: '10.0.0.5' });
    expect(alerts[0]!.evidence.events[0]).toMatchObject({ frame: 3, conn_state: 'S0' });
  });

  it('applies filters naming the rule, and counts what they remove', () => {
    const id = 'aaaaaaaa-0000-4000-8000-000000000007';
    const text = `${writeRule({}, id)}---
title: the engineering workstation writes
logsource: {product: palisade, service: modbus}
filter:
  rules: [${id}]
  selection: {src_ip: 10.0.0.5}
  condition: not selection
`;
    const { e, counters } = engine(text);
    e.event(meta(), WRITE);
    e.event(meta({ srcIp: '10.0.0.6', frame: 60 }), WRITE);
    expect(e.alertList().map((a) => a.src_ip)).toEqual(['10.0.0.6']);
    expect(counters.get('rules.filtered')).toBe(1);
    expect(counters.get('rules.matches')).toBe(1);
  });

  it('offers site.* context fields from the site model', () => {
    const text = ruleYaml(
      { s: { 'site.dst_level|lte': 1, 'site.src_zone': 'ops' }, condition: 's' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000008' },
    );
    const { e } = engine(text, { site: true });
    e.event(meta(), WRITE);
    e.event(meta({ srcIp: '10.0.0.9', dstIp: '10.0.0.5', frame: 70 }), WRITE);
    expect(e.alertList().map((a) => a.frame)).toEqual([42]);
    // Without a site model the fields are absent.
    const none = engine(text).e;
    none.event(meta(), WRITE);
    expect(none.alertList()).toHaveLength(0);
  });

  it('offers learned.* fields from what the asset tracker has seen of the pair so far', () => {
    const text = ruleYaml(
      {
        selection: { kind: 'modbus.request', 'modbus.function_code': 5 },
        routine: { 'learned.src_reads|gte': 10, 'learned.src_reading_s|gte': 60 },
        condition: 'selection and not routine',
      },
      { id: 'aaaaaaaa-0000-4000-8000-000000000010' },
    );
    const tracker = new AssetTracker();
    const e = new RuleEngine({ pack: packOf(text), counters: new Counters(), learned: tracker });
    const both = (m: EventMeta, ev: typeof WRITE): void => {
      tracker.event(m, ev);
      e.event(m, ev);
    };
    // 10.0.0.5 polls 10.0.0.9 every 10 s for two minutes, then writes: routine.
    for (let i = 0; i < 12; i++) both(meta({ sec: 1_700_000_000 + 10 * i, frame: 1 + i }), READ);
    both(meta({ sec: 1_700_000_125, frame: 20 }), WRITE);
    // 10.0.0.6 writes without having read, and 10.0.0.7 after a burst of reads in 2 s.
    both(meta({ srcIp: '10.0.0.6', flow: '1:18', sec: 1_700_000_126, frame: 21 }), WRITE);
    for (let i = 0; i < 20; i++) {
      both(meta({ srcIp: '10.0.0.7', flow: '1:19', sec: 1_700_000_127, frame: 30 + i }), READ);
    }
    both(meta({ srcIp: '10.0.0.7', flow: '1:19', sec: 1_700_000_129, frame: 60 }), WRITE);
    expect(e.alertList().map((a) => `${a.src_ip}@${a.frame}`)).toEqual([
      '10.0.0.6@21',
      '10.0.0.7@60',
    ]);
    // Reads of flows that ended count too (a client that reconnects), and a line answers from
    // its own learned object when nothing learns.
    tracker.flow({
      id: '1:17',
      ts: '2023-11-14T22:13:20.000000Z',
      duration: 130,
      transport: 'tcp',
      src_ip: '10.0.0.5',
      src_port: 50000,
      dst_ip: '10.0.0.9',
      dst_port: 502,
      orig_pkts: 13,
      orig_ip_bytes: 780,
      orig_bytes: 156,
      resp_pkts: 12,
      resp_ip_bytes: 720,
      resp_bytes: 132,
      conn_state: 'SF',
      history: 'ShADadFf',
      missed_bytes: 0,
      first_frame: 1,
      last_frame: 20,
      end_reason: 'closed',
    });
    both(meta({ flow: '1:40', sec: 1_700_000_300, frame: 90 }), WRITE);
    expect(e.alertList()).toHaveLength(2);
    const lines = new RuleEngine({ pack: packOf(text), counters: new Counters() });
    lines.evaluateLine(
      '{"ts":"2024-01-01T00:00:00.000000Z","frame":9,"proto":"modbus","kind":"modbus.request","src_ip":"10.0.0.5","dst_ip":"10.0.0.9","flow":"1:9","modbus":{"function_code":5},"learned":{"src_reads":40,"src_reading_s":600}}',
    );
    lines.evaluateLine(
      '{"ts":"2024-01-01T00:00:00.000000Z","frame":9,"proto":"modbus","kind":"modbus.request","src_ip":"10.0.0.5","dst_ip":"10.0.0.9","flow":"1:9","modbus":{"function_code":5}}',
    );
    expect(lines.alertList().map((a) => a.frame)).toEqual([9]);
  });

  it('evaluates derived event lines (behaviour) and counts lines that are not JSON objects', () => {
    const text = ruleYaml(
      { s: { kind: 'behaviour.beacon', 'beacon.connections|gte': 6 }, condition: 's' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000009', logsource: { category: 'behaviour' } },
    );
    const { e, counters } = engine(text);
    e.evaluateLine(
      '{"ts":"2024-01-01T00:00:00.000000Z","frame":9,"proto":"behaviour","kind":"behaviour.beacon","src_ip":"10.0.0.5","dst_ip":"8.8.4.4","flow":"1:9","beacon":{"connections":12}}',
    );
    e.evaluateLine('not json');
    e.evaluateLine('[1,2]');
    // A protocol rule does not see behaviour events, nor a behaviour rule protocol events.
    e.event(meta(), { kind: 'modbus.request', beacon: { connections: 12 } });
    expect(e.alertList().map((a) => [a.frame, a.dst_ip])).toEqual([[9, '8.8.4.4']]);
    expect(counters.get('rules.lines_invalid')).toBe(2);
  });

  it('records matches of correlated rules instead of alerting (unless generate)', () => {
    const base = writeRule({ name: 'mb_write' }, 'aaaaaaaa-0000-4000-8000-00000000000a');
    const corr = (generate: boolean): string => `---
title: many writes
id: aaaaaaaa-0000-4000-8000-00000000000b
tags: [attack.t0855, attack.impair-process-control]
level: critical
generate: ${generate}
correlation:
  type: value_count
  rules: [mb_write]
  group-by: [src_ip]
  timespan: 1m
  condition: {gte: 2, field: modbus.unit_id}
`;
    const quiet = engine(base + corr(false)).e;
    quiet.event(meta(), WRITE);
    expect(quiet.alertList()).toHaveLength(0);
    const recs = toRecords(quiet.report().records);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      r: 0,
      frame: 42,
      src: '10.0.0.5',
      f: ['10.0.0.5', 1],
      flow: '1:17',
    });
    const loud = engine(base + corr(true)).e;
    loud.event(meta(), WRITE);
    expect(loud.alertList()).toHaveLength(1);
    expect(toRecords(loud.report().records)).toHaveLength(1);
  });

  it('caps match records and counts the rest', () => {
    const text = `${writeRule({ name: 'ww' }, 'aaaaaaaa-0000-4000-8000-00000000000c')}---
title: c
id: aaaaaaaa-0000-4000-8000-00000000000d
tags: [attack.t0855]
correlation: {type: event_count, rules: [ww], group-by: [src_ip], timespan: 1m, condition: {gte: 100}}
`;
    const counters = new Counters();
    const e = new RuleEngine({ pack: packOf(text), counters, maxRecords: 3 });
    for (let i = 0; i < 5; i++) e.event(meta({ frame: i + 1 }), WRITE);
    expect(toRecords(e.report().records)).toHaveLength(3);
    expect(counters.get('rules.records_dropped')).toBe(2);
  });
});
