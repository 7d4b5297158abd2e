// The evaluation's labels: each label format parses as the datasets README describes it, attack
// runs group as documented, every expected technique is a real ATT&CK id, and the shared set
// yields the instances and captures it should.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Counters } from '../src/core/counters.js';
import { ipv4ToString } from '../src/core/net-format.js';
import { FileSource } from '../src/capture/file-source.js';
import { FrameDecoder } from '../src/decode/frame-decoder.js';
import { IpProto, Packet, PacketKind } from '../src/decode/packet.js';
import {
  groupRuns,
  UNOBSERVABLE,
  loadDatasets,
  parseDnp3Labels,
  parseLemayCsv,
  parseManifest,
  parseS7Config,
  parseS7MasterCsv,
  qutLocalTime,
  toRanges,
} from './labels.js';
import { expectedTechniques, TECHNIQUE_TABLE } from './labels-techniques.js';
import { haveSharedPcaps, REQUIRE, SHARED_PCAPS } from '../test/helpers/shared.js';

describe('label formats', () => {
  it('reads lemay per-packet labels (frame;label, CRLF)', () => {
    expect(parseLemayCsv('1;0\r\n2;1\r\n3;1\r\n4;0\r\n10;1\r\n')).toEqual([2, 3, 10]);
    expect(parseLemayCsv('frame;label\n\n7;1')).toEqual([7]);
  });

  it('reads QUT DNP3 windows from the epoch columns', () => {
    const tsv =
      'attack\tstart_utc\tend_utc\tstart_epoch\tend_epoch\tsrc_ip_in_log\tdst_ip_in_log\n' +
      'nmap\t2016-08-13T00:11:38.008652+00:00\t2016-08-13T00:11:40.819619+00:00\t1471047098.008652\t1471047100.819619\t\t\n' +
      'injection_FreezeObj\tx\ty\t1471049462.189051\t1471049489.831652\t192.168.10.222\t192.168.10.221\n';
    expect(parseDnp3Labels(tsv)).toEqual([
      { attack: 'nmap', from: 1471047098.008652, to: 1471047100.819619 },
      { attack: 'injection_FreezeObj', from: 1471049462.189051, to: 1471049489.831652 },
    ]);
    expect(parseDnp3Labels('attack\tstart_utc\tend_utc\tstart_epoch\tend_epoch\n')).toEqual([]);
  });

  it('reads QUT S7 config windows in lab time (UTC+10) and master.csv frames', () => {
    expect(qutLocalTime('2016-12-15 18:06:42.895706')).toBeCloseTo(
      Date.parse('2016-12-15T08:06:42Z') / 1000 + 0.895706,
      6,
    );
    const xml =
      '<profile><master_cap>/x.pcap</master_cap><start>2016-12-15 18:06:42.895706</start>' +
      '<finish>2016-12-15 18:06:45.946284</finish><attack>ChangeUpperThreshold</attack>' +
      '<range pcap="master"><first>25694</first></range></profile>';
    const w = parseS7Config(xml);
    expect(w.attack).toBe('ChangeUpperThreshold');
    expect(w.to - w.from).toBeCloseTo(3.050578, 6);
    expect(
      parseS7MasterCsv(
        '1,Ether / IP / TCP 10.10.10.66:49610 > 10.10.10.10:iso_tsap A / Padding,ChangeUpperThreshold\n' +
          '42,Ether / IP / TCP 10.10.10.66:49610 > 10.10.10.10:iso_tsap PA / Raw,ChangeUpperThreshold',
      ),
    ).toEqual([1, 42]);
  });

  it('reads the capture rows of the manifest', () => {
    const tsv =
      'relative_path\tsource_repo\tlabel\tfile_format\n' +
      'a/x.pcap\tr\tbenign\tpcap\n' +
      'a/x.csv\tr\tlabels: ...\ttext\n' +
      'b/y.pcapng\tr\tattack: scan\tpcapng\n';
    expect(parseManifest(tsv)).toEqual([
      { path: 'a/x.pcap', label: 'benign', format: 'pcap' },
      { path: 'b/y.pcapng', label: 'attack: scan', format: 'pcapng' },
    ]);
  });

  it('turns frame lists into ranges', () => {
    expect(toRanges([5, 1, 2, 3, 9, 10, 3])).toEqual([
      [1, 3],
      [5, 5],
      [9, 10],
    ]);
  });

  it('groups labelled frames by conversation, merging conversations that overlap or follow closely', () => {
    const f = (frame: number, time: number, conversation: string) => ({
      frame,
      time,
      conversation,
    });
    expect(
      groupRuns(
        [
          f(1, 100, 'scan-1'),
          f(2, 101, 'scan-2'),
          f(3, 150, 'scan-1'), // scan-2 lies inside scan-1's span: one run
          f(10, 170, 'upload'), // within the gap after 150: same run
          f(20, 400, 'later'), // far after: a run of its own
          f(21, 401, 'later'),
        ],
        30,
      ),
    ).toEqual([
      [1, 2, 3, 10],
      [20, 21],
    ]);
  });
});

/** ATT&CK ids of the reference files (ICS and Enterprise), or null when they are absent. */
function attackIds(): Set<string> | null {
  const dir = path.resolve(SHARED_PCAPS, '../reference');
  const files = ['attack-ics.json', 'attack-enterprise.json'].map((f) => path.join(dir, f));
  if (!files.every((f) => existsSync(f))) {
    if (REQUIRE) throw new Error(`ATT&CK references missing in ${dir}`);
    return null;
  }
  const ids = new Set<string>();
  for (const f of files) {
    const d = JSON.parse(readFileSync(f, 'utf8')) as { techniques: { id: string }[] };
    for (const t of d.techniques) ids.add(t.id);
  }
  return ids;
}

describe('technique table', () => {
  const ids = attackIds();

  it.runIf(ids !== null)('names only real ATT&CK techniques, with a reason for each row', () => {
    for (const row of TECHNIQUE_TABLE) {
      expect(row.reason.length).toBeGreaterThan(20);
      expect(row.ids.length).toBeGreaterThan(0);
      for (const id of row.ids) expect(ids?.has(id), `${id} (${String(row.match)})`).toBe(true);
    }
  });

  it('fails loudly for an attack it does not know', () => {
    expect(() => expectedTechniques('some_new_attack')).toThrow(/no expected techniques/);
    expect(expectedTechniques('cip_stop_plc').ids).toContain('T0858');
    expect(expectedTechniques('WaterTankOnManu_Flooding').ids).toContain('T0806');
    expect(expectedTechniques('master_replay_flooding').ids).toContain('T0814');
  });
});

describe.runIf(haveSharedPcaps())('the shared labelled sets', () => {
  it('yields every dataset with its instances, each with expected techniques', async () => {
    const sets = await loadDatasets(SHARED_PCAPS);
    const by = new Map(sets.map((d) => [d.id, d]));
    expect([...by.keys()]).toEqual([
      'lemay-modbus',
      'qut-dnp3',
      'qut-s7comm',
      'it-attacks',
      'ot-admin-actions',
      's7-engineering',
      'benign',
    ]);
    const counts = sets.map((d) => [d.id, d.captures.length, d.instances.length]);
    expect(counts).toEqual([
      ['lemay-modbus', 3, 3],
      ['qut-dnp3', 6, 22],
      ['qut-s7comm', 42, 19],
      ['it-attacks', 33, 33],
      ['ot-admin-actions', 18, 18],
      ['s7-engineering', 8, 8],
      ['benign', 212, 0],
    ]);
    // The fake command is one connection: the handshake, two Modbus PDUs and the teardown.
    const fake = by.get('lemay-modbus')?.instances.find((i) => i.attack === 'send_a_fake_command');
    expect(fake?.spans).toEqual([
      {
        capture: path.join(
          SHARED_PCAPS,
          'datasets/lemay-modbus/send_a_fake_command_modbus_6RTU_with_operate.pcap',
        ),
        kind: 'frames',
        ranges: [[4782, 4791]],
      },
    ]);
    // The characterization scan opens four overlapping connections: one run.
    const chr = by.get('lemay-modbus')?.instances.filter((i) => i.attack === 'characterization');
    expect(chr).toHaveLength(1);
    // Every capture of a dataset exists, and no capture is in two datasets.
    const all = sets.flatMap((d) => d.captures);
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(existsSync(c), c).toBe(true);
    for (const d of sets) for (const i of d.instances) expect(i.expected.length).toBeGreaterThan(0);
  });
});

/** IPv4 conversations of a capture: transport, addresses and server-side port of each packet. */
async function conversations(capture: string): Promise<string[]> {
  const dec = new FrameDecoder(new Counters(), { verifyChecksums: false });
  const pkt = new Packet();
  const out = new Set<string>();
  await new FileSource(capture).read((f) => {
    if (dec.decode(f, pkt) !== PacketKind.IP || pkt.ipVersion !== 4) return;
    const t = pkt.ipProto === IpProto.TCP ? 'tcp' : pkt.ipProto === IpProto.UDP ? 'udp' : 'ip';
    const port = Math.min(pkt.srcPort, pkt.dstPort);
    out.add(`${t} ${ipv4ToString(pkt.src4)} ${ipv4ToString(pkt.dst4)} ${port}`);
  });
  return [...out];
}

/**
 * `<packet type> level <auth level>` of every DCE/RPC PDU that starts a TCP segment's payload
 * ([C706] 12.6.3: version 5.0 header; the sec_trailer's auth level is the second byte of the
 * 8 bytes before the auth value, auth_length bytes from the PDU's end).
 */
async function dcerpcPdus(capture: string): Promise<string[]> {
  const dec = new FrameDecoder(new Counters(), {});
  const pkt = new Packet();
  const out: string[] = [];
  const types: Record<number, string> = { 0: 'request', 2: 'response', 11: 'bind', 14: 'alter' };
  await new FileSource(capture).read((f) => {
    if (dec.decode(f, pkt) !== PacketKind.IP || pkt.ipProto !== IpProto.TCP) return;
    const b = pkt.buf;
    const o = pkt.payOff;
    if (pkt.payLen < 16 || b[o] !== 5 || b[o + 1] !== 0) return;
    const fragLen = (b[o + 8] ?? 0) | ((b[o + 9] ?? 0) << 8);
    const authLen = (b[o + 10] ?? 0) | ((b[o + 11] ?? 0) << 8);
    // A PDU longer than this segment (a reassembled response) has its trailer further on:
    // counted by its header only.
    const level =
      fragLen > pkt.payLen ? 'n/a' : authLen > 0 ? (b[o + fragLen - authLen - 8 + 1] ?? -1) : 0;
    out.push(`${types[b[o + 2] ?? -1] ?? `type ${b[o + 2]}`} level ${level}`);
  });
  return out;
}

describe.runIf(haveSharedPcaps())('instances marked unobservable', () => {
  it('are exactly the ones whose captures hold none of the attack', async () => {
    expect(Object.keys(UNOBSERVABLE).sort()).toEqual([
      'it-attacks/DCSync_krbtgt_dcerpc_smb',
      'it-attacks/eternalblue-failed-patched-win7',
      'ot-admin-actions/EIP-SoftwareDownloadFailure',
      'ot-admin-actions/EIP-SoftwareUploadFailure',
      'qut-s7comm/20161215185758.ConveyorBeltGateChangeDirection_Flooding',
    ]);
    const q = path.join(SHARED_PCAPS, 'enip-cip/quickdraw');
    // Only IGMP reports in the failed download; NetBIOS broadcasts and IGMP in the failed upload.
    const down = await conversations(path.join(q, 'EIP-SoftwareDownloadFailure.pcap'));
    expect(down).toEqual(['ip 208.73.217.142 239.255.255.100 0']);
    const up = await conversations(path.join(q, 'EIP-SoftwareUploadFailure.pcap'));
    expect(up.length).toBeGreaterThan(0);
    for (const c of up)
      expect(c).toMatch(/^udp \S+ \S+\.255 13[78]$|^ip \S+ 239\.255\.255\.\d+ 0$/);
    // The failed EternalBlue capture holds pings and broadcasts, no TCP (so no SMB).
    const eb = await conversations(
      path.join(SHARED_PCAPS, 'it-attacks/smb-exploits/eternalblue-failed-patched-win7.pcap'),
    );
    expect(eb.length).toBeGreaterThan(0);
    for (const c of eb) expect(c).toMatch(/^(udp|ip) /);
    // The flooding folder's only capture (HMI port) never shows the attacker.
    const folder = path.join(
      SHARED_PCAPS,
      'datasets/qut-s7comm/20161215185758.ConveyorBeltGateChangeDirection_Flooding',
    );
    const hmi = await conversations(
      path.join(folder, '20161215185758.ConveyorBeltGateChangeDirection_Flooding.hmi.pcap'),
    );
    expect(hmi.length).toBeGreaterThan(0);
    for (const c of hmi) expect(c).not.toMatch(/10\.10\.10\.66/);
    // DCSync caught after the bind: every DCE/RPC PDU is a request or response whose
    // sec_trailer says packet privacy (auth level 6), and no bind or alter_context names the
    // interface.
    const sealed = await dcerpcPdus(
      path.join(SHARED_PCAPS, 'it-attacks/pcap-attack/CredAccess/DCSync_krbtgt_dcerpc_smb.pcapng'),
    );
    expect(sealed.filter((p) => p.startsWith('request '))).toHaveLength(6);
    expect(sealed.filter((p) => p.startsWith('response '))).toHaveLength(6);
    for (const p of sealed) expect(p).toMatch(/^(request level 6|response level (6|n\/a))$/);
    expect(sealed.filter((p) => p === 'response level n/a')).toHaveLength(1);
    const sets = await loadDatasets(SHARED_PCAPS);
    const marked = sets.flatMap((d) => d.instances).filter((i) => i.unobservable !== undefined);
    expect(marked.map((i) => i.id).sort()).toEqual(Object.keys(UNOBSERVABLE).sort());
  });
});
