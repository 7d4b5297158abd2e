// `palisade pcap-slice`: the slice of an alert holds exactly its flow's frames in the window
// (checked with tshark and capinfos on real captures), IP fragments included, in the capture's
// link type and precision, and every way it can go wrong says so clearly.
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlatformError } from '../../core/errors.js';
import { FileSource } from '../../capture/file-source.js';
import { LINKTYPE } from '../../capture/source.js';
import type { FlowRecord } from '../../events/envelope.js';
import { analyze } from '../../pipeline/analyze.js';
import { loadRulesOrThrow } from '../../analysis/rules/loader.js';
import { sliceAlert, type SliceRequest } from './pcap-slice.js';
import { buildPcap, PcapngBuilder } from '../../../test/helpers/pcap-builder.js';
import { ether, ipv4, tcp, udp, bytes } from '../../../test/helpers/net-packets.js';
import {
  haveSharedPcaps,
  haveTool,
  readJsonl,
  runCli,
  SHARED_PCAPS,
  tshark,
} from '../../../test/helpers/shared.js';

const tmp = mkdtempSync(join(tmpdir(), 'palisade-slice-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An alerts.jsonl line as `analyze` writes it (the fields the slicer reads, and the rest). */
function alertLine(id: string, flow: string, ts: string, lastTs = ts): string {
  return JSON.stringify({
    id,
    ts,
    frame: Number(flow.split(':')[1]),
    rule_id: 'test-rule',
    title: 'test alert',
    severity: 'low',
    source: 'rule',
    technique_ids: ['T0855'],
    src_ip: null,
    dst_ip: null,
    proto: 'test',
    flow,
    evidence: { frames: [], events: [] },
    count: 1,
    last_ts: lastTs,
  });
}

async function analyzed(name: string, captures: string[]): Promise<string> {
  const out = join(tmp, name);
  await analyze({ captures, outDir: out });
  return out;
}

function setAlerts(dir: string, lines: string[]): void {
  writeFileSync(join(dir, 'alerts.jsonl'), lines.map((l) => l + '\n').join(''));
}

async function frameTimes(path: string): Promise<{ frames: number; linkTypes: Set<number> }> {
  const linkTypes = new Set<number>();
  const res = await new FileSource(path).read((f) => linkTypes.add(f.linkType));
  return { frames: res.frames, linkTypes };
}

async function slice(req: Omit<SliceRequest, 'out'>, out: string): Promise<string> {
  const path = join(tmp, out);
  await sliceAlert({ ...req, out: path });
  return path;
}

async function errorOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

const tools = haveTool('tshark', '-v') && haveTool('capinfos', '-v');

describe.runIf(haveSharedPcaps() && tools)('slices of real captures', () => {
  const modbus = join(SHARED_PCAPS, 'modbus/ModbusTCP.pcap');
  let dir = '';
  let flows: FlowRecord[] = [];

  beforeAll(async () => {
    dir = await analyzed('modbus', [modbus]);
    flows = readJsonl<FlowRecord>(join(dir, 'flows.jsonl')).filter((f) => f.transport === 'tcp');
  });

  it('holds every frame of the flow, both ways, when the window covers it', async () => {
    const picked = flows.slice(0, 3);
    expect(picked.length).toBe(3);
    setAlerts(
      dir,
      picked.map((f, i) => alertLine(`A${i + 1}`, f.id, f.ts)),
    );
    for (const [i, f] of picked.entries()) {
      const out = await slice({ dir, alert: `A${i + 1}`, after: f.duration + 1 }, `flow-${i}.pcap`);
      const rows = tshark([
        '-n',
        '-r',
        out,
        '-T',
        'fields',
        '-e',
        'ip.src',
        '-e',
        'tcp.srcport',
        '-e',
        'ip.dst',
        '-e',
        'tcp.dstport',
      ])
        .trim()
        .split('\n');
      expect(rows.length).toBe(f.orig_pkts + f.resp_pkts);
      const tuples = new Set(rows);
      const fwd = `${f.src_ip}\t${f.src_port}\t${f.dst_ip}\t${f.dst_port}`;
      const rev = `${f.dst_ip}\t${f.dst_port}\t${f.src_ip}\t${f.src_port}`;
      expect([...tuples].sort()).toEqual([fwd, rev].sort());
      expect(readFileSync(out).readUInt32LE(0)).toBe(0xa1b2c3d4);
    }
  });

  it('keeps only the frames of the window around the alert', async () => {
    const f = flows.find((x) => x.orig_pkts + x.resp_pkts > 100)!;
    // An alert one third into the flow, a second each side: tshark counts the same frames.
    const at = Date.parse(f.ts) / 1000 + f.duration / 3;
    const ts = new Date(Math.floor(at) * 1000).toISOString().replace('.000Z', '.250000Z');
    setAlerts(dir, [alertLine('A1', f.id, ts)]);
    const out = await slice({ dir, alert: 'A1', before: 1, after: 1 }, 'window.pcap');
    const t0 = Math.floor(at) + 0.25;
    const filter =
      `ip.addr==${f.src_ip} && ip.addr==${f.dst_ip} && tcp.port==${f.src_port} && tcp.port==${f.dst_port}` +
      ` && frame.time_epoch >= ${t0 - 1} && frame.time_epoch <= ${t0 + 1}`;
    const expected = tshark([
      '-n',
      '-r',
      modbus,
      '-Y',
      filter,
      '-T',
      'fields',
      '-e',
      'frame.time_epoch',
    ])
      .trim()
      .split('\n');
    const got = tshark(['-n', '-r', out, '-T', 'fields', '-e', 'frame.time_epoch'])
      .trim()
      .split('\n');
    expect(got.length).toBeGreaterThan(2);
    expect(got).toEqual(expected);
  });

  it('slices the flow of a rule alert raised by analyze', async () => {
    // A rule written here, so that the alert does not depend on the built-in pack's tuning.
    const ruleFile = join(tmp, 'write.yml');
    writeFileSync(
      ruleFile,
      [
        'title: Modbus read of input registers',
        'id: 3c1f1b7e-8a59-4b3e-9f0e-1d2a3b4c5d6e',
        'status: test',
        'description: test rule',
        'author: Palisade',
        'date: 2026-11-26',
        'logsource: {product: palisade, service: modbus}',
        'detection:',
        '  selection: {kind: modbus.request, modbus.function_code: 4}',
        '  condition: selection',
        'falsepositives: [polling]',
        'level: low',
        'tags: [attack.collection, attack.t0801]',
        '',
      ].join('\n'),
    );
    const rdir = join(tmp, 'rule-alert');
    await analyze({
      captures: [modbus],
      outDir: rdir,
      engine: { rules: loadRulesOrThrow([ruleFile]).pack },
    });
    const alerts = readJsonl<{
      id: string;
      flow: string;
      ts: string;
      last_ts: string;
      rule_id: string;
    }>(join(rdir, 'alerts.jsonl')).filter(
      (a) => a.rule_id === '3c1f1b7e-8a59-4b3e-9f0e-1d2a3b4c5d6e',
    );
    expect(alerts.length).toBeGreaterThan(0);
    const a = alerts[0]!;
    const f = readJsonl<FlowRecord>(join(rdir, 'flows.jsonl')).find((x) => x.id === a.flow)!;
    const out = await slice(
      { dir: rdir, alert: a.id, before: 3600, after: 3600 },
      'rule-alert.pcap',
    );
    const count = tshark(['-n', '-r', out, '-T', 'fields', '-e', 'frame.number'])
      .trim()
      .split('\n');
    expect(count.length).toBe(f.orig_pkts + f.resp_pkts);
    const ends = new Set(
      tshark(['-n', '-r', out, '-T', 'fields', '-e', 'ip.src', '-e', 'tcp.srcport'])
        .trim()
        .split('\n'),
    );
    expect([...ends].sort()).toEqual(
      [`${f.dst_ip}\t${f.dst_port}`, `${f.src_ip}\t${f.src_port}`].sort(),
    );
  });

  it('slices a layer-2 stream (GOOSE) by its MAC pair and EtherType', async () => {
    const goose = join(SHARED_PCAPS, 'iec61850/goose/Sample_File_GOOSE.pcap');
    const gdir = await analyzed('goose', [goose]);
    const ev = readJsonl<{
      flow: string;
      ts: string;
      transport: string;
      src_mac: string;
      dst_mac: string;
    }>(join(gdir, 'events.jsonl')).find((e) => e.transport === 'ether')!;
    expect(ev).toBeDefined();
    setAlerts(gdir, [alertLine('A1', ev.flow, ev.ts)]);
    const out = await slice({ dir: gdir, alert: 'A1', before: 0, after: 86_400 }, 'goose.pcap');
    const first = Number(ev.flow.split(':')[1]);
    const filter =
      `(eth.type==0x88b8 || vlan.etype==0x88b8) && frame.number >= ${first} && ` +
      `((eth.src==${ev.src_mac} && eth.dst==${ev.dst_mac}) || (eth.src==${ev.dst_mac} && eth.dst==${ev.src_mac}))`;
    const expected = tshark([
      '-n',
      '-r',
      goose,
      '-Y',
      filter,
      '-T',
      'fields',
      '-e',
      'frame.time_epoch',
    ])
      .trim()
      .split('\n');
    const got = tshark(['-n', '-r', out, '-T', 'fields', '-e', 'frame.time_epoch'])
      .trim()
      .split('\n');
    expect(expected.length).toBeGreaterThan(1);
    expect(got).toEqual(expected);
  });
});

/** Frames of a small synthetic capture: one UDP flow with a fragmented datagram, and decoys. */
function fragmentFrames(): Uint8Array[] {
  const a = '10.1.0.1';
  const b = '10.1.0.2';
  const big = bytes(1000, 3);
  // The flow's datagram 0x0101 (UDP 40000 -> 20000), cut in two fragments of 512 + 496 bytes.
  const dg = udp({ src: a, dst: b, sport: 40000, dport: 20000 }, big);
  // A decoy datagram between the same hosts, other ports, also fragmented (id 0x0202).
  const decoy = udp({ src: a, dst: b, sport: 40001, dport: 20000 }, big);
  const first = udp({ src: a, dst: b, sport: 41000, dport: 21000 }, big);
  const frag = (id: number, d: Uint8Array, off: number, len: number, more: boolean): Uint8Array =>
    ether(
      0x0800,
      ipv4({ src: a, dst: b, proto: 17, id, fragOff: off, more }, d.subarray(off, off + len)),
    );
  return [
    ether(
      0x0800,
      ipv4(
        { src: a, dst: b, proto: 17, id: 1 },
        udp({ src: a, dst: b, sport: 40000, dport: 20000 }, bytes(20)),
      ),
    ),
    frag(0x0202, decoy, 0, 512, true),
    frag(0x0101, dg, 0, 512, true),
    frag(0x0202, decoy, 512, decoy.length - 512, false),
    frag(0x0101, dg, 512, dg.length - 512, false),
    ether(
      0x0800,
      ipv4(
        { src: b, dst: a, proto: 17, id: 2 },
        udp({ src: b, dst: a, sport: 20000, dport: 40000 }, bytes(8)),
      ),
    ),
    ether(
      0x0800,
      ipv4(
        { src: a, dst: b, proto: 6, id: 3 },
        tcp({ src: a, dst: b, sport: 40000, dport: 20000, flags: 0x02 }),
      ),
    ),
    // A flow whose first datagram (id 0x0303, UDP 41000 -> 21000) is fragmented: the flow opens
    // at its last fragment, frame 9.
    frag(0x0303, first, 0, 512, true),
    frag(0x0303, first, 512, first.length - 512, false),
  ];
}

describe.runIf(tools)('slices of synthetic captures', () => {
  it('takes the fragments of the flow datagrams and no others, at nanosecond precision', async () => {
    const cap = join(tmp, 'frag-ns.pcap');
    const frames = fragmentFrames();
    writeFileSync(
      cap,
      buildPcap(
        { nanosecond: true },
        frames.map((data, i) => ({ tsSec: 1_700_000_000, tsFrac: 123_456_789 + i, data })),
      ),
    );
    const dir = await analyzed('frag', [cap]);
    const flow = readJsonl<FlowRecord>(join(dir, 'flows.jsonl')).find(
      (f) => f.transport === 'udp' && f.src_port === 40000,
    )!;
    expect(flow.id).toBe('1:1');
    setAlerts(dir, [alertLine('A1', flow.id, flow.ts)]);
    const out = await slice({ dir, alert: 'A1' }, 'frag-slice.pcap');
    expect(readFileSync(out).readUInt32LE(0)).toBe(0xa1b23c4d);
    const rows = tshark([
      '-n',
      '-r',
      out,
      '-o',
      'ip.defragment:FALSE',
      '-T',
      'fields',
      '-e',
      'frame.time_epoch',
      '-e',
      'ip.id',
    ])
      .trim()
      .split('\n');
    // Frames 1, 3, 5 and 6 of the capture: the flow's datagrams and both fragments of 0x0101.
    expect(rows).toEqual([
      '1700000000.123456789\t0x0001',
      '1700000000.123456791\t0x0101',
      '1700000000.123456793\t0x0101',
      '1700000000.123456794\t0x0002',
    ]);
    const second = readJsonl<FlowRecord>(join(dir, 'flows.jsonl')).find(
      (f) => f.transport === 'udp' && f.src_port === 41000,
    )!;
    expect(second.id).toBe('1:9');
    setAlerts(dir, [alertLine('A1', second.id, second.ts)]);
    const out2 = await slice({ dir, alert: 'A1' }, 'frag-first.pcap');
    const rows2 = tshark([
      '-n',
      '-r',
      out2,
      '-o',
      'ip.defragment:FALSE',
      '-T',
      'fields',
      '-e',
      'frame.time_epoch',
      '-e',
      'ip.id',
    ])
      .trim()
      .split('\n');
    expect(rows2).toEqual(['1700000000.123456796\t0x0303', '1700000000.123456797\t0x0303']);
  });

  it('writes pcapng, one interface per link type, when the flow crosses link types', async () => {
    const a = '10.2.0.1';
    const b = '10.2.0.2';
    const seg = (
      src: string,
      dst: string,
      sport: number,
      dport: number,
      flags: number,
    ): Uint8Array => ipv4({ src, dst, proto: 6 }, tcp({ src, dst, sport, dport, flags }));
    const ng = new PcapngBuilder()
      .shb()
      .idb(LINKTYPE.ETHERNET, 65535)
      .idb(LINKTYPE.RAW, 65535, { tsresol: 9 })
      .epb(0, 1_700_000_000_000_000n, ether(0x0800, seg(a, b, 1234, 502, 0x02)))
      .epb(1, 1_700_000_000_000_500_001n, seg(b, a, 502, 1234, 0x12))
      .epb(0, 1_700_000_000_001_000n, ether(0x0800, seg(a, b, 1234, 502, 0x10)))
      .epb(0, 1_700_000_000_002_000n, ether(0x0800, seg(a, b, 9999, 502, 0x02)));
    const cap = join(tmp, 'two-links.pcapng');
    writeFileSync(cap, ng.bytes());
    const dir = await analyzed('two-links', [cap]);
    setAlerts(dir, [alertLine('A1', '1:1', '2023-11-14T22:13:20.000000Z')]);
    const out = await slice({ dir, alert: 'A1' }, 'two-links-slice.pcap');
    expect(readFileSync(out).readUInt32LE(0)).toBe(0x0a0d0d0a);
    const back = await frameTimes(out);
    expect(back.frames).toBe(3);
    expect([...back.linkTypes].sort()).toEqual([LINKTYPE.ETHERNET, LINKTYPE.RAW]);
    const times = tshark(['-n', '-r', out, '-T', 'fields', '-e', 'frame.time_epoch'])
      .trim()
      .split('\n');
    expect(times).toEqual(['1700000000.000000000', '1700000000.000500001', '1700000000.001000000']);
  });

  it('says what is wrong: unknown alert, no analysis, moved or changed capture', async () => {
    const cap = join(tmp, 'moving.pcap');
    writeFileSync(
      cap,
      buildPcap(
        {},
        fragmentFrames().map((data, i) => ({ tsSec: 1_700_000_000 + i, tsFrac: 0, data })),
      ),
    );
    const dir = await analyzed('moving', [cap]);
    setAlerts(dir, [alertLine('A1', '1:1', '2023-11-14T22:13:20.000000Z')]);

    // Lines written by other tools may space their JSON: the alert is still found.
    writeFileSync(
      join(dir, 'alerts.jsonl'),
      alertLine('A0', '1:1', '2023-11-14T22:13:20.000000Z')
        .replace(/,"/g, ', "')
        .replace(/":/g, '": ') +
        '\n' +
        alertLine('A1', '1:1', '2023-11-14T22:13:20.000000Z') +
        '\n',
    );
    expect((await sliceAlert({ dir, alert: 'A0', out: join(tmp, 'spaced.pcap') })).frames).toBe(4);
    const unknown = await errorOf(sliceAlert({ dir, alert: 'A7', out: join(tmp, 'x.pcap') }));
    expect(isPlatformError(unknown, 'ERR_CLI_USAGE')).toBe(true);
    expect((unknown as Error).message).toMatch(/no alert A7 in .*alerts\.jsonl \(2 alerts\)/);

    const noDir = await errorOf(sliceAlert({ dir: tmp, alert: 'A1', out: join(tmp, 'x.pcap') }));
    expect(isPlatformError(noDir, 'ERR_CLI_USAGE')).toBe(true);
    expect((noDir as Error).message).toMatch(/not an output directory of palisade analyze/);

    const moved = join(tmp, 'moved.pcap');
    renameSync(cap, moved);
    const gone = await errorOf(sliceAlert({ dir, alert: 'A1', out: join(tmp, 'x.pcap') }));
    expect(isPlatformError(gone, 'ERR_CAPTURE_OPEN')).toBe(true);
    expect((gone as Error).message).toMatch(/no longer at .*moving\.pcap.*--capture FILE/);
    const res = await sliceAlert({ dir, alert: 'A1', out: join(tmp, 'x.pcap'), capture: moved });
    expect(res.frames).toBe(4);

    copyFileSync(moved, cap);
    appendFileSync(cap, Buffer.alloc(16));
    const changed = await errorOf(sliceAlert({ dir, alert: 'A1', out: join(tmp, 'x.pcap') }));
    expect(isPlatformError(changed, 'ERR_CAPTURE_OPEN')).toBe(true);
    expect((changed as Error).message).toMatch(/the capture changed since/);
  });

  it('finds no packets outside the flow window and reports it', async () => {
    const cap = join(tmp, 'late.pcap');
    writeFileSync(
      cap,
      buildPcap(
        {},
        fragmentFrames().map((data, i) => ({ tsSec: 1_700_000_000 + i, tsFrac: 0, data })),
      ),
    );
    const dir = await analyzed('late', [cap]);
    // An alert a day after the flow, with a one-second window: nothing of the flow is in it.
    setAlerts(dir, [alertLine('A1', '1:1', '2023-11-15T22:13:20.000000Z')]);
    const err = await errorOf(
      sliceAlert({ dir, alert: 'A1', out: join(tmp, 'late-slice.pcap'), before: 1, after: 1 }),
    );
    expect(isPlatformError(err, 'ERR_CLI_USAGE')).toBe(true);
    expect((err as Error).message).toMatch(
      /no packet of flow 1:1 .* between 2023-11-15T22:13:19\.000000Z and 2023-11-15T22:13:21\.000000Z/,
    );
  });

  it('exits 2 with the message on the command line', () => {
    const r = runCli(['pcap-slice', '--alert', 'A1', '--out', join(tmp, 'cli.pcap'), '--dir', tmp]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not an output directory of palisade analyze.*ERR_CLI_USAGE/);
  });
});
