import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../events/envelope.js';
import { REPO_ROOT } from '../../../test/helpers/shared.js';
import type { EventMeta } from '../observer.js';
import { loadSiteModel } from './load.js';
import { PolicyChecker } from './policy.js';

const model = loadSiteModel(path.join(REPO_ROOT, 'test/fixtures/site/plant.yml'));
// Wednesday 2026-11-25, 10:00 UTC: inside the scada conduit's weekly window.
const WED = Date.UTC(2026, 10, 25, 10) / 1000;
// Sunday 2026-11-29, 10:00 UTC: outside it.
const SUN = Date.UTC(2026, 10, 29, 10) / 1000;

function iso(sec: number): string {
  return new Date(sec * 1000).toISOString().replace('.000Z', '.000000Z');
}

function flow(src: string, dst: string, dport: number, over: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: `1:${dport}`,
    ts: iso(WED),
    duration: 1,
    transport: 'tcp',
    src_ip: src,
    src_port: 40000,
    dst_ip: dst,
    dst_port: dport,
    orig_pkts: 3,
    orig_ip_bytes: 200,
    orig_bytes: 20,
    resp_pkts: 3,
    resp_ip_bytes: 200,
    resp_bytes: 20,
    conn_state: 'SF',
    history: 'ShADadFf',
    missed_bytes: 0,
    first_frame: 5,
    last_frame: 10,
    end_reason: 'closed',
    ...over,
  };
}

function meta(src: string, dst: string, proto: string, frame = 7, sec = WED): EventMeta {
  return {
    sec,
    ns: 0,
    frame,
    proto,
    transport: 'tcp',
    srcIp: src,
    dstIp: dst,
    srcPort: 40000,
    dstPort: proto === 'modbus' ? 502 : 102,
    srcMac: '',
    dstMac: '',
    flow: '1:5',
    fromServer: false,
  };
}

const HMI = '10.20.0.10';
const EWS = '10.20.0.20';
const PLC = '10.30.0.10';

function rules(p: PolicyChecker): string[] {
  return p.alerts
    .list()
    .map((a) => `${a.rule_id} ${a.severity} ${a.technique_ids.join(',')} x${a.count}`);
}

describe('PolicyChecker', () => {
  it('allows what the conduits allow', () => {
    const p = new PolicyChecker(model);
    p.flow(flow(HMI, PLC, 502, { service: 'modbus' }), false);
    p.event(meta(HMI, PLC, 'modbus'), { kind: 'modbus.request', modbus: { function_code: 3 } });
    p.event(meta(EWS, PLC, 's7comm'), { kind: 's7comm.job', s7comm: { function_code: 0x1a } });
    p.flow(flow(PLC, HMI, 8080), false);
    // Replies do not count as operations of the server.
    p.event(
      { ...meta(PLC, HMI, 'modbus'), fromServer: true },
      { kind: 'modbus.request', modbus: { function_code: 16 } },
    );
    expect(rules(p)).toEqual([]);
  });

  it('reports operations, function codes and senders the conduit does not allow', () => {
    const p = new PolicyChecker(model);
    p.event(meta(HMI, PLC, 'modbus', 7), { kind: 'modbus.request', modbus: { function_code: 6 } });
    p.event(meta(HMI, PLC, 'modbus', 9), { kind: 'modbus.request', modbus: { function_code: 6 } });
    p.event(meta(HMI, PLC, 'modbus', 11), { kind: 'modbus.request', modbus: { function_code: 1 } });
    p.event(meta(EWS, PLC, 'modbus', 13), { kind: 'modbus.request', modbus: { function_code: 3 } });
    expect(rules(p)).toEqual([
      'policy.operation_not_allowed high T0836,T0855 x2',
      'policy.operation_not_allowed medium T0801 x1',
      'policy.operation_not_allowed medium T0801 x1',
    ]);
    const [write] = p.alerts.list();
    expect(write).toMatchObject({
      frame: 7,
      source: 'policy',
      src_ip: HMI,
      dst_ip: PLC,
      zone: { src: 'supervisory', dst: 'control' },
      asset: { src: 'hmi-1', dst: 'plc-1' },
      policy: { conduit: 'scada' },
      evidence: {
        frames: [7, 9],
        explanation: "conduit 'scada' allows modbus (read) with function codes 3, 4 from hmi-1",
      },
    });
  });

  it('reports flows with no conduit, skipped levels, other protocols and closed windows', () => {
    const p = new PolicyChecker(model);
    p.flow(flow('10.1.2.3', PLC, 502, { service: 'modbus' }), false); // enterprise -> control
    p.flow(flow(PLC, '10.1.2.3', 443, { service: 'tls' }), false); // control -> enterprise
    p.flow(flow(HMI, PLC, 80, { service: 'http' }), false); // no http in the conduit
    p.flow(flow(PLC, HMI, 9090), false); // reports conduit: 8080 only
    p.flow(flow(HMI, PLC, 502, { service: 'modbus', ts: iso(SUN) }), false); // Sunday
    // Control straight to the enterprise skips two levels too.
    expect(rules(p)).toEqual([
      'policy.protocol_not_allowed high T0869,T0886 x1',
      'policy.protocol_not_allowed high T0869,T0886 x1',
      'policy.purdue_skip critical T0886 x1',
      'policy.purdue_skip critical T0886 x1',
      'policy.conduit_closed high T0886 x1',
    ]);
    const p2 = new PolicyChecker(model);
    p2.flow(flow('10.1.2.3', '10.40.0.5', 1433), false); // enterprise -> operations
    expect(rules(p2)).toEqual(['policy.no_conduit high T0886 x1']);
  });

  it('reports unknown devices in zones that list their assets, once each', () => {
    const p = new PolicyChecker(model);
    p.flow(flow('10.30.0.99', PLC, 502, { service: 'modbus' }), false);
    p.flow(flow('10.30.0.99', PLC, 503), false);
    // The enterprise zone lists no assets: its hosts are not reported.
    p.flow(flow('10.1.0.5', '10.1.0.6', 445, { service: 'smb' }), false);
    expect(p.alerts.list().map((a) => `${a.rule_id} ${a.src_ip} ${a.zone?.src}`)).toEqual([
      'policy.unknown_device 10.30.0.99 control',
    ]);
  });

  it('lets remote access in only within its windows', () => {
    const p = new PolicyChecker(model);
    const inside = Date.UTC(2026, 10, 26, 9) / 1000;
    const outside = Date.UTC(2026, 10, 26, 13) / 1000;
    p.flow(flow('198.51.100.7', HMI, 3389, { service: 'rdp', ts: iso(inside) }), false);
    expect(rules(p)).toEqual([]);
    p.flow(flow('198.51.100.7', HMI, 3389, { service: 'rdp', ts: iso(outside) }), false);
    expect(p.alerts.list()[0]).toMatchObject({
      rule_id: 'policy.remote_access_outside_window',
      technique_ids: ['T0822'],
      policy: { remote_access: 'vendor' },
    });
  });
});
