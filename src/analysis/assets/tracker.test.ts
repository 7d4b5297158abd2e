import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../events/envelope.js';
import type { EventMeta } from '../observer.js';
import { ASSET_LIMITS, AssetTracker, ROUTER_MIN_IPS } from './tracker.js';
import { macKind, ouiVendor } from './oui.js';

function flow(over: Partial<FlowRecord>): FlowRecord {
  return {
    id: '1:1',
    ts: '2024-01-01T00:00:00.000000Z',
    duration: 1.5,
    transport: 'tcp',
    src_ip: '10.0.0.1',
    src_port: 40000,
    dst_ip: '10.0.0.2',
    dst_port: 502,
    orig_pkts: 3,
    orig_ip_bytes: 180,
    orig_bytes: 24,
    resp_pkts: 3,
    resp_ip_bytes: 170,
    resp_bytes: 20,
    conn_state: 'SF',
    history: 'ShADadFf',
    missed_bytes: 0,
    first_frame: 1,
    last_frame: 6,
    end_reason: 'closed',
    ...over,
  };
}

function meta(over: Partial<EventMeta>): EventMeta {
  return {
    sec: 1704067200,
    ns: 5000,
    frame: 7,
    proto: 'x',
    transport: 'tcp',
    srcIp: '10.0.0.2',
    dstIp: '10.0.0.1',
    srcPort: 502,
    dstPort: 40000,
    srcMac: '',
    dstMac: '',
    flow: '1:1',
    fromServer: true,
    ...over,
  };
}

describe('AssetTracker', () => {
  it('joins an address and its MAC into one asset with services, clients and traffic', () => {
    const t = new AssetTracker();
    t.flow(flow({ service: 'modbus', src_mac: '00:0e:8c:00:00:01', dst_mac: '00:00:bc:00:00:02' }));
    const [server, client] = t.assets();
    expect(server).toMatchObject({
      id: 'mac:00:00:bc:00:00:02',
      ips: ['10.0.0.2'],
      mac_vendor: 'Rockwell Automation',
      services: [{ transport: 'tcp', port: 502, protocol: 'modbus', flows: 1 }],
      flows_accepted: 1,
      packets_sent: 3,
      bytes_sent: 170,
      first_seen: '2024-01-01T00:00:00.000000Z',
      last_seen: '2024-01-01T00:00:01.500000Z',
    });
    expect(client).toMatchObject({
      id: 'mac:00:0e:8c:00:00:01',
      mac_vendor: 'Siemens AG',
      client_protocols: [{ protocol: 'modbus', flows: 1 }],
      services: [],
    });
  });

  it('takes a MAC that carried many addresses for a router, not for their identity', () => {
    const t = new AssetTracker();
    for (let i = 0; i < ROUTER_MIN_IPS; i++) {
      t.flow(
        flow({
          src_ip: `192.168.${i}.9`,
          src_mac: '00:00:0c:aa:bb:cc',
          dst_mac: '02:00:00:00:00:02',
        }),
      );
    }
    const assets = t.assets();
    const router = assets.find((a) => a.id === 'mac:00:00:0c:aa:bb:cc');
    expect(router).toMatchObject({ router: true, routed_ips: ROUTER_MIN_IPS, ips: [] });
    const remote = assets.filter((a) => a.id.startsWith('ip:192.168.'));
    expect(remote).toHaveLength(ROUTER_MIN_IPS);
    // A locally administered address has no registered vendor, but it is still the identity.
    expect(assets.find((a) => a.ips.includes('10.0.0.2'))?.id).toBe('mac:02:00:00:00:00:02');
    expect(macKind('02:00:00:00:00:02')).toBe('local');
    expect(ouiVendor('02:00:00:00:00:02')).toBeUndefined();
  });

  it('keeps identity attributes with their evidence, best first', () => {
    const t = new AssetTracker();
    const identity = {
      vendor_id: 1,
      vendor: 'Rockwell Automation/Allen-Bradley',
      device_type_name: 'communications_adapter',
      product_code: 58,
      revision: '4.03',
      serial_hex: '00524d8e',
      product_name: '1756-ENBT/A',
    };
    t.event(meta({ frame: 9 }), { kind: 'enip.response', enip: { identity } });
    t.event(meta({ frame: 12, sec: 1704067201 }), { kind: 'enip.response', enip: { identity } });
    const [a] = t.assets();
    expect(a?.id).toBe('ip:10.0.0.2');
    expect(a?.identity.product).toEqual([
      {
        value: '1756-ENBT/A',
        confidence: 'high',
        source: 'enip.response',
        frame: 9,
        flow: '1:1',
        first_seen: '2024-01-01T00:00:00.000005Z',
        last_seen: '2024-01-01T00:00:01.000005Z',
        count: 2,
      },
    ]);
    expect(a?.identity.serial?.[0]?.value).toBe('00524d8e');
    expect(a?.identity.revision?.[0]?.value).toBe('4.03');
  });

  it('binds a DHCP lease and the client name to the client hardware address', () => {
    const t = new AssetTracker();
    const mac = '00:1c:06:01:02:03';
    t.event(meta({ srcIp: '0.0.0.0', dstIp: '255.255.255.255', fromServer: false }), {
      kind: 'dhcp.request',
      dhcp: { op: 1, htype: 1, chaddr: mac, hostname: 'hmi-01', param_request_list: [1, 3, 6] },
    });
    t.event(meta({ srcIp: '10.0.0.254', dstIp: '10.0.0.50' }), {
      kind: 'dhcp.reply',
      dhcp: { op: 2, htype: 1, chaddr: mac, yiaddr: '10.0.0.50', message_type: 5 },
    });
    const asset = t.assets().find((a) => a.id === `mac:${mac}`);
    expect(asset?.ips).toEqual(['10.0.0.50']);
    expect(asset?.identity.hostname?.[0]?.value).toBe('hmi-01');
    expect(asset?.identity.dhcp_fingerprint?.[0]?.value).toBe('1,3,6');
  });

  it('attaches layer-2 identities to the MAC address and joins them with its IP address', () => {
    const t = new AssetTracker();
    const ied = '00:50:c2:4f:90:01';
    t.event(
      meta({
        transport: 'ether',
        srcIp: null,
        dstIp: null,
        srcMac: ied,
        dstMac: '01:0c:cd:01:00:01',
      }),
      {
        kind: 'goose.pdu',
        goose: { gocb_ref: 'IED1LD0/LLN0$GO$gcb1', go_id: 'gcb1' },
      },
    );
    t.flow(
      flow({ src_ip: '10.0.0.9', src_mac: ied, dst_mac: '00:00:bc:00:00:02', service: 'mms' }),
    );
    const asset = t.assets().find((a) => a.id === `mac:${ied}`);
    expect(asset?.ips).toEqual(['10.0.0.9']);
    expect(asset?.identity.iec61850_logical_device?.[0]?.value).toBe('IED1LD0');
    // The group address receives nothing.
    expect(t.assets().some((a) => a.macs.includes('01:0c:cd:01:00:01'))).toBe(false);
  });

  it('gives a BACnet device behind a router an asset of its own, reached via the router', () => {
    const t = new AssetTracker();
    const router = meta({ transport: 'udp', srcIp: '192.168.0.24', dstIp: '192.168.0.255' });
    // I-Am of the router itself (no source network), then of a device on MS/TP network 3.
    t.event(router, {
      kind: 'bacnet.apdu',
      bacnet: { service: 'i-am', device_instance: 100, vendor_id: 24 },
    });
    t.event(
      { ...router, sec: router.sec + 1 },
      {
        kind: 'bacnet.apdu',
        bacnet: { service: 'i-am', device_instance: 21, vendor_id: 42, snet: 3, sadr: '15' },
      },
    );
    t.flow(
      flow({
        transport: 'udp',
        src_ip: '192.168.0.24',
        dst_ip: '192.168.0.255',
        src_port: 47808,
        dst_port: 47808,
      }),
    );
    const assets = t.assets();
    const own = assets.find((a) => a.ips.includes('192.168.0.24'));
    expect(own?.identity.bacnet_device_instance?.map((e) => e.value)).toEqual([100]);
    const behind = assets.find((a) => a.id === 'bacnet:21');
    expect(behind).toMatchObject({ ips: [], macs: [], via: ['192.168.0.24'] });
    expect(behind?.identity.bacnet_vendor_id?.[0]?.value).toBe(42);
  });

  it('puts the service on the initiator when the decoder found the server there', () => {
    const t = new AssetTracker();
    // Picked up mid-connection: the outstation's packet came first.
    t.flow(
      flow({
        src_ip: '10.0.0.2',
        src_port: 20000,
        dst_ip: '10.0.0.1',
        dst_port: 51328,
        service: 'dnp3',
        conn_state: 'OTH',
      }),
      true,
    );
    const out = t.assets().find((a) => a.ips.includes('10.0.0.2'));
    expect(out?.services.map((s) => `${s.transport}/${s.port}`)).toEqual(['tcp/20000']);
    expect(t.assets().find((a) => a.ips.includes('10.0.0.1'))?.services).toEqual([]);
  });

  it('infers roles from operations, with evidence and a Purdue level', () => {
    const t = new AssetTracker();
    const hmi = {
      srcIp: '10.0.0.1',
      dstIp: '10.0.0.2',
      fromServer: false,
      proto: 's7comm',
      flow: '1:1',
    };
    const ews = {
      srcIp: '10.0.0.9',
      dstIp: '10.0.0.2',
      fromServer: false,
      proto: 's7comm',
      flow: '1:7',
    };
    for (let i = 0; i < 5; i++)
      t.event(meta({ ...hmi, frame: 10 + i }), {
        kind: 's7comm.job',
        s7comm: { function_code: 4 },
      });
    t.event(meta({ ...ews, frame: 40 }), { kind: 's7comm.job', s7comm: { function_code: 0x1a } });
    t.flow(flow({ id: '1:1', dst_port: 102, service: 's7comm' }));
    t.flow(flow({ id: '1:7', src_ip: '10.0.0.9', dst_port: 102, service: 's7comm' }));
    const assets = t.assets();
    const role = (ip: string): unknown =>
      assets.find((a) => a.ips.includes(ip))?.roles?.map((r) => [r.role, r.confidence]);
    expect(role('10.0.0.2')).toEqual([['plc', 'high']]);
    expect(role('10.0.0.1')).toEqual([['hmi_scada', 'medium']]);
    expect(role('10.0.0.9')).toEqual([['engineering_workstation', 'high']]);
    const ewsAsset = assets.find((a) => a.ips.includes('10.0.0.9'));
    expect(ewsAsset?.roles?.[0]?.evidence[0]).toBe(
      'sent 1 program operation over s7comm to ip:10.0.0.2 (first in frame 40, flow 1:7)',
    );
    expect(ewsAsset?.purdue_level).toBe(2);
    expect(assets.find((a) => a.ips.includes('10.0.0.2'))?.purdue_level).toBe(1);
    expect(t.communication()).toEqual([
      {
        src: 'ip:10.0.0.1',
        dst: 'ip:10.0.0.2',
        protocol: 's7comm',
        operations: {
          read: {
            count: 5,
            first_seen: '2024-01-01T00:00:00.000005Z',
            last_seen: '2024-01-01T00:00:00.000005Z',
            frame: 10,
            flow: '1:1',
          },
        },
      },
      {
        src: 'ip:10.0.0.9',
        dst: 'ip:10.0.0.2',
        protocol: 's7comm',
        operations: {
          program: {
            count: 1,
            first_seen: '2024-01-01T00:00:00.000005Z',
            last_seen: '2024-01-01T00:00:00.000005Z',
            frame: 40,
            flow: '1:7',
          },
        },
      },
    ]);
  });

  it('takes a sweep of services that never answer for a scan, a dead server for none', () => {
    const t = new AssetTracker();
    // An HMI retrying a switched-off PLC, and polling a live one.
    for (let i = 0; i < 6; i++)
      t.flow(
        flow({
          id: `1:${i + 1}`,
          first_frame: i + 1,
          conn_state: 'S0',
          resp_pkts: 0,
          resp_bytes: 0,
        }),
      );
    t.flow(flow({ id: '1:9', first_frame: 9, dst_ip: '10.0.0.3' }));
    // A sweep of port 20000 over six hosts (one answers) and one refused port.
    for (let h = 10; h < 16; h++) {
      t.flow(
        flow({
          id: `1:${h * 10}`,
          first_frame: h * 10,
          src_ip: '10.0.0.66',
          dst_ip: `10.0.0.${h}`,
          dst_port: 20000,
          ...(h === 12 ? {} : { conn_state: 'REJ', history: 'Sr', resp_pkts: 1, resp_bytes: 0 }),
        }),
      );
    }
    t.flow(
      flow({
        id: '1:200',
        first_frame: 200,
        src_ip: '10.0.0.66',
        dst_ip: '10.0.0.12',
        dst_port: 22,
        conn_state: 'REJ',
        resp_bytes: 0,
      }),
    );
    const assets = t.assets();
    const hmi = assets.find((a) => a.ips.includes('10.0.0.1'));
    expect(hmi?.probes).toEqual({
      targets: 2,
      hosts: 2,
      ports: 1,
      unanswered: 1,
      first_unanswered: { ts: '2024-01-01T00:00:00.000000Z', frame: 1, flow: '1:1' },
    });
    expect(hmi?.roles?.map((r) => r.role)).not.toContain('scanner');
    const scanner = assets.find((a) => a.ips.includes('10.0.0.66'));
    expect(scanner?.probes).toMatchObject({ targets: 7, hosts: 6, ports: 2, unanswered: 6 });
    expect(scanner?.probes?.first_unanswered.frame).toBe(100);
    const role = scanner?.roles?.[0];
    expect(role?.role).toBe('scanner');
    expect(role?.confidence).toBe('medium');
    expect(role?.evidence).toEqual([
      'tried 7 services on 6 hosts (2 ports); 6 never answered, the first in frame 100 (flow 1:100)',
    ]);
    // Split over two trackers (a sharded run), the footprint is the same.
    const a = new AssetTracker();
    const b = new AssetTracker();
    for (let h = 10; h < 16; h++) {
      (h % 2 === 0 ? a : b).flow(
        flow({
          id: `1:${h}`,
          first_frame: h,
          src_ip: '10.0.0.66',
          dst_ip: `10.0.0.${h}`,
          conn_state: 'S0',
          resp_pkts: 0,
          resp_bytes: 0,
        }),
      );
    }
    a.merge(b.snapshot());
    expect(a.assets().find((x) => x.ips.includes('10.0.0.66'))?.probes).toMatchObject({
      targets: 6,
      unanswered: 6,
      first_unanswered: { frame: 10, flow: '1:10' },
    });
  });

  it('dates an address that never answered by its first flow, however flows are split', () => {
    // Three unanswered flows to a directed broadcast address, and one answered flow to a host.
    const flows = [0, 60, 120].map((s, i) =>
      flow({
        id: `1:${i + 1}`,
        first_frame: i + 1,
        ts: `2024-01-01T00:0${s / 60}:00.000000Z`,
        transport: 'udp',
        dst_ip: '10.0.0.255',
        dst_port: 137,
        conn_state: 'S0',
        resp_pkts: 0,
        resp_ip_bytes: 0,
        resp_bytes: 0,
      }),
    );
    const one = new AssetTracker();
    for (const f of flows) one.flow(f);
    const a = new AssetTracker();
    const b = new AssetTracker();
    a.flow(flows[0] as FlowRecord);
    b.flow(flows[1] as FlowRecord);
    b.flow(flows[2] as FlowRecord);
    a.merge(b.snapshot());
    const seen = (t: AssetTracker): [string, string] | undefined => {
      const x = t.assets().find((r) => r.ips.includes('10.0.0.255'));
      return x && [x.first_seen, x.last_seen];
    };
    expect(seen(one)).toEqual(['2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z']);
    expect(seen(a)).toEqual(seen(one));
  });

  it('merges snapshots into what one tracker would have seen', () => {
    const one = new AssetTracker();
    const a = new AssetTracker();
    const b = new AssetTracker();
    const f1 = flow({ service: 'modbus', src_mac: '00:0e:8c:00:00:01' });
    const f2 = flow({
      id: '1:9',
      ts: '2024-01-01T00:00:05.000000Z',
      dst_port: 102,
      service: 's7comm',
    });
    const ev = {
      kind: 's7comm.userdata',
      s7comm: { module_identification: { order_number: '6ES7 151-8AB01-0AB0' } },
    };
    one.flow(f1);
    one.flow(f2);
    one.event(meta({}), ev);
    a.flow(f1);
    b.flow(f2);
    b.event(meta({}), ev);
    const merged = new AssetTracker();
    merged.merge(a.snapshot());
    merged.merge(b.snapshot());
    expect(merged.assets()).toEqual(one.assets());
  });

  it('reads the identity of one flow and kind once per capture second', () => {
    const t = new AssetTracker();
    const ev = { kind: 'goose.pdu', goose: { gocb_ref: 'IED1LD0/LLN0$GO$g', go_id: 'g' } };
    const l2 = {
      transport: 'ether' as const,
      srcIp: null,
      dstIp: null,
      srcMac: '00:50:c2:4f:90:01',
      flow: '1:3',
    };
    for (let i = 0; i < 50; i++) t.event(meta({ ...l2, frame: i, ns: i * 1000 }), ev);
    t.event(meta({ ...l2, frame: 99, sec: 1704067201 }), ev);
    const [a] = t.assets();
    expect(a?.identity.goose_id?.[0]).toMatchObject({
      count: 2,
      frame: 0,
      last_seen: '2024-01-01T00:00:01.000005Z',
    });
  });

  it('counts what its bounds drop', () => {
    const t = new AssetTracker();
    for (let i = 0; i < ASSET_LIMITS.maxValuesPerAttribute + 3; i++) {
      t.event(meta({ sec: 1704067200 + i }), {
        kind: 'ssh.banner',
        ssh: { software: `OpenSSH_${i}` },
      });
    }
    expect(t.assets()[0]?.identity.software).toHaveLength(ASSET_LIMITS.maxValuesPerAttribute);
    expect(t.counterValues()).toEqual({ 'assets.values_dropped': 3 });
  });

  it('ignores attribute values of the wrong type and empty ones', () => {
    const t = new AssetTracker();
    t.event(meta({}), {
      kind: 'enip.response',
      enip: { identity: { product_name: 7, serial_hex: '  ' } },
    });
    t.event(meta({}), {
      kind: 'modbus.response',
      modbus: { objects: [{ name: 'vendor_name' }, null, 3] },
    });
    expect(t.assets()).toEqual([]);
  });
});
