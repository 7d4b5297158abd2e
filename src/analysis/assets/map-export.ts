/**
 * The network map in three formats: JSON (for programs and the console), GraphML (yEd, Gephi,
 * NetworkX) and Graphviz DOT (clustered by Purdue level, the way OT diagrams are drawn).
 *
 * Names in the map come from packets (product names, host names, station names), so every
 * string is escaped for its format: XML character escapes and no control characters in
 * GraphML, quoted and backslash-escaped identifiers in DOT.
 */
import type { AssetEdge, AssetRecord } from './record.js';

/** A node of the map: an asset, or an address that is none (a multicast group). */
export interface MapNode {
  id: string;
  label: string;
  roles: string[];
  purdue_level: number | null;
  ips: string[];
  macs: string[];
  vendor: string | null;
  product: string | null;
}

/** One edge of the map: protocol and the operations seen, with their total. */
export interface MapEdge {
  source: string;
  target: string;
  protocol: string;
  operations: Record<string, number>;
  count: number;
}

export interface NetworkMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

function best(a: AssetRecord, name: string): string | null {
  const v = a.identity[name]?.[0]?.value;
  return v === undefined ? null : String(v);
}

/** Builds the map from `assets.jsonl` and `edges.jsonl` records. */
export function buildMap(assets: readonly AssetRecord[], edges: readonly AssetEdge[]): NetworkMap {
  const nodes = new Map<string, MapNode>();
  for (const a of assets) {
    const name =
      best(a, 'hostname') ?? best(a, 'station_name') ?? best(a, 'plc_name') ?? best(a, 'product');
    const address = a.ips[0] ?? a.macs[0] ?? a.id;
    nodes.set(a.id, {
      id: a.id,
      label: name !== null ? `${name} (${address})` : address,
      roles: (a.roles ?? []).map((r) => r.role),
      purdue_level: a.purdue_level ?? null,
      ips: a.ips,
      macs: a.macs,
      vendor: best(a, 'vendor') ?? a.mac_vendor ?? null,
      product: best(a, 'product') ?? best(a, 'order_number') ?? best(a, 'model'),
    });
  }
  const out: MapEdge[] = [];
  for (const e of edges) {
    for (const id of [e.src, e.dst]) {
      if (!nodes.has(id)) {
        nodes.set(id, {
          id,
          label: id,
          roles: ['group'],
          purdue_level: null,
          ips: [],
          macs: [],
          vendor: null,
          product: null,
        });
      }
    }
    const operations: Record<string, number> = {};
    let count = 0;
    for (const [op, o] of Object.entries(e.operations)) {
      operations[op] = o.count;
      count += o.count;
    }
    out.push({ source: e.src, target: e.dst, protocol: e.protocol, operations, count });
  }
  return { nodes: [...nodes.values()], edges: out };
}

/** The map as pretty-printed JSON. */
export function toJson(map: NetworkMap): string {
  return JSON.stringify(map, null, 2) + '\n';
}

/** Characters XML 1.0 does not allow, even escaped. */

const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xml(s: string): string {
  return s
    .replace(XML_INVALID, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The map as GraphML (http://graphml.graphdrawing.org/), attributes declared as keys. */
export function toGraphml(map: NetworkMap): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="roles" for="node" attr.name="roles" attr.type="string"/>',
    '  <key id="level" for="node" attr.name="purdue_level" attr.type="int"/>',
    '  <key id="ips" for="node" attr.name="ips" attr.type="string"/>',
    '  <key id="macs" for="node" attr.name="macs" attr.type="string"/>',
    '  <key id="vendor" for="node" attr.name="vendor" attr.type="string"/>',
    '  <key id="product" for="node" attr.name="product" attr.type="string"/>',
    '  <key id="protocol" for="edge" attr.name="protocol" attr.type="string"/>',
    '  <key id="operations" for="edge" attr.name="operations" attr.type="string"/>',
    '  <key id="count" for="edge" attr.name="count" attr.type="long"/>',
    '  <graph id="palisade" edgedefault="directed">',
  ];
  const data = (key: string, value: string | number | null): void => {
    if (value === null || value === '') return;
    lines.push(`      <data key="${key}">${xml(String(value))}</data>`);
  };
  for (const n of map.nodes) {
    lines.push(`    <node id="${xml(n.id)}">`);
    data('label', n.label);
    data('roles', n.roles.join(','));
    data('level', n.purdue_level);
    data('ips', n.ips.join(','));
    data('macs', n.macs.join(','));
    data('vendor', n.vendor);
    data('product', n.product);
    lines.push('    </node>');
  }
  map.edges.forEach((e, i) => {
    lines.push(`    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    data('protocol', e.protocol);
    data(
      'operations',
      Object.entries(e.operations)
        .map(([op, n]) => `${op}=${n}`)
        .join(','),
    );
    data('count', e.count);
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n') + '\n';
}

function dot(s: string): string {
  // A quoted DOT identifier: backslash and quote escaped, line breaks as \n.
  return (
    '"' +
    s
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\r?\n|\r/g, '\\n')

      .replace(/[\u0000-\u001f]/g, ' ') +
    '"'
  );
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  0: 'Level 0: process',
  1: 'Level 1: basic control',
  2: 'Level 2: supervisory control',
  3: 'Level 3: site operations',
  4: 'Level 4: enterprise',
};

/** Node shapes by role, as OT diagrams draw them. */
const SHAPES: Readonly<Record<string, string>> = {
  plc: 'box3d',
  rtu: 'box3d',
  ied: 'box3d',
  io_device: 'component',
  hmi_scada: 'tab',
  engineering_workstation: 'tab',
  historian: 'cylinder',
  router: 'diamond',
  group: 'ellipse',
};

/** The map as Graphviz DOT, one cluster per Purdue level. */
export function toDot(map: NetworkMap): string {
  const lines = [
    'digraph palisade {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica" fontsize=10];',
  ];
  const byLevel = new Map<number | null, MapNode[]>();
  for (const n of map.nodes) {
    const l = byLevel.get(n.purdue_level);
    if (l) l.push(n);
    else byLevel.set(n.purdue_level, [n]);
  }
  const node = (n: MapNode, indent: string): string => {
    const label =
      n.roles.length > 0 && n.roles[0] !== 'group' ? `${n.label}\n${n.roles.join(', ')}` : n.label;
    return `${indent}${dot(n.id)} [label=${dot(label)} shape=${SHAPES[n.roles[0] ?? ''] ?? 'box'}];`;
  };
  for (const level of [4, 3, 2, 1, 0]) {
    const nodes = byLevel.get(level);
    if (!nodes) continue;
    lines.push(`  subgraph cluster_level${level} {`, `    label=${dot(LEVEL_NAMES[level] ?? '')};`);
    for (const n of nodes) lines.push(node(n, '    '));
    lines.push('  }');
  }
  for (const n of byLevel.get(null) ?? []) lines.push(node(n, '  '));
  for (const e of map.edges) {
    const ops = Object.entries(e.operations)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ');
    lines.push(`  ${dot(e.source)} -> ${dot(e.target)} [label=${dot(`${e.protocol}: ${ops}`)}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
