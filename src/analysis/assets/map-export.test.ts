import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { AssetEdge, AssetRecord } from './record.js';
import { buildMap, toDot, toGraphml, toJson } from './map-export.js';

const seen = {
  confidence: 'high' as const,
  source: 'x',
  frame: 1,
  flow: '1:1',
  first_seen: 't',
  last_seen: 't',
  count: 1,
};

function asset(id: string, over: Partial<AssetRecord>): AssetRecord {
  return {
    id,
    ips: [],
    macs: [],
    first_seen: 't',
    last_seen: 't',
    identity: {},
    services: [],
    client_protocols: [],
    flows_initiated: 0,
    flows_accepted: 0,
    packets_sent: 0,
    bytes_sent: 0,
    packets_received: 0,
    bytes_received: 0,
    ...over,
  };
}

// A product name taken from a packet, written to break out of XML and DOT.
const HOSTILE = 'PLC"</data><script>x</script>\\"\n\u0001';

const assets = [
  asset('mac:00:1b:1b:17:f8:82', {
    ips: ['10.10.10.10'],
    identity: { product: [{ ...seen, value: HOSTILE }] },
    roles: [{ role: 'plc', confidence: 'high', evidence: ['e'] }],
    purdue_level: 1,
  }),
  asset('ip:10.10.10.20', {
    ips: ['10.10.10.20'],
    roles: [{ role: 'hmi_scada', confidence: 'high', evidence: ['e'] }],
    purdue_level: 2,
  }),
];
const edges: AssetEdge[] = [
  {
    src: 'ip:10.10.10.20',
    dst: 'mac:00:1b:1b:17:f8:82',
    protocol: 's7comm',
    operations: {
      read: { count: 5, first_seen: 't', last_seen: 't', frame: 2, flow: '1:2' },
      write: { count: 1, first_seen: 't', last_seen: 't', frame: 9, flow: '1:2' },
    },
  },
  {
    src: 'mac:00:1b:1b:17:f8:82',
    dst: '01:0c:cd:01:00:01',
    protocol: 'goose',
    operations: { report: { count: 7, first_seen: 't', last_seen: 't', frame: 3, flow: '1:3' } },
  },
];

describe('network map export', () => {
  const map = buildMap(assets, edges);

  it('has a node per asset and per group address, and edges with operation counts', () => {
    expect(map.nodes.map((n) => n.id)).toEqual([
      'mac:00:1b:1b:17:f8:82',
      'ip:10.10.10.20',
      '01:0c:cd:01:00:01',
    ]);
    expect(map.nodes[0]?.label).toBe(`${HOSTILE} (10.10.10.10)`);
    expect(map.nodes[2]?.roles).toEqual(['group']);
    expect(map.edges[0]).toEqual({
      source: 'ip:10.10.10.20',
      target: 'mac:00:1b:1b:17:f8:82',
      protocol: 's7comm',
      operations: { read: 5, write: 1 },
      count: 6,
    });
    expect(JSON.parse(toJson(map))).toEqual(map);
  });

  it('writes well-formed GraphML whatever the names hold', () => {
    const text = toGraphml(map);
    expect(text).not.toContain('<script>');
    // Parsed by a real XML parser when one is at hand (Python's expat).
    const py = spawnSync(
      'python3',
      [
        '-c',
        'import sys,xml.etree.ElementTree as E; r=E.fromstring(sys.stdin.read().encode()); ns={"g":"http://graphml.graphdrawing.org/xmlns"}; print(len(r.findall(".//g:node",ns)), len(r.findall(".//g:edge",ns)), r.find(".//g:node/g:data",ns).text[:4])',
      ],
      { input: text, encoding: 'utf8' },
    );
    if (py.status === null || py.error) return;
    expect(py.stderr).toBe('');
    expect(py.stdout.trim()).toBe('3 2 PLC"');
  });

  it('writes DOT with every identifier quoted and clusters by Purdue level', () => {
    const text = toDot(map);
    expect(text).toContain('subgraph cluster_level1 {');
    expect(text).toContain(
      '"ip:10.10.10.20" -> "mac:00:1b:1b:17:f8:82" [label="s7comm: read 5, write 1"];',
    );
    // The hostile name stays inside its quoted label: quotes and backslashes escaped, no raw
    // line break or control character.
    const line = text.split('\n').find((l) => l.includes('PLC')) as string;
    expect(line).toContain(
      'label="PLC\\"</data><script>x</script>\\\\\\"\\n  (10.10.10.10)\\nplc"',
    );
  });
});
