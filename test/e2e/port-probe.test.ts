// Recognition by probe: the same Modbus conversation moved from TCP port 502 to 5020 (ports
// rewritten, checksums updated) still decodes as Modbus, event for event.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSource } from '../../src/capture/index.js';
import { buildPcap, type PcapRecord } from '../helpers/pcap-builder.js';
import { SHARED_PCAPS, haveSharedPcaps, readJsonl, runCli } from '../helpers/shared.js';

/** Moves TCP port `from` to `to` in an Ethernet/IPv4 frame, updating the TCP checksum (RFC 1624). */
function movePort(d: Uint8Array, from: number, to: number): void {
  if (d.length < 34 || d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== 6) return;
  const t = 14 + (d[14]! & 0x0f) * 4;
  if (d.length < t + 18) return;
  for (const at of [t, t + 2]) {
    if (((d[at]! << 8) | d[at + 1]!) !== from) continue;
    d[at] = to >> 8;
    d[at + 1] = to & 0xff;
    const old = (d[t + 16]! << 8) | d[t + 17]!;
    // HC' = ~(~HC + ~m + m')
    let sum = (~old & 0xffff) + (~from & 0xffff) + to;
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    const fixed = ~sum & 0xffff;
    d[t + 16] = fixed >> 8;
    d[t + 17] = fixed & 0xff;
  }
}

describe('protocol recognition by probe', () => {
  it('decodes Modbus on TCP port 5020 exactly as on 502', async () => {
    if (!haveSharedPcaps()) return;
    const file = path.join(SHARED_PCAPS, 'modbus/modbus_test_data_part2.pcap');
    const records: PcapRecord[] = [];
    await new FileSource(file).read((f) => {
      const data = f.data.slice(0, f.capLen);
      movePort(data, 502, 5020);
      records.push({ tsSec: f.tsSec, tsFrac: Math.floor(f.tsNs / 1000), data, origLen: f.origLen });
    });
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-port-'));
    const moved = path.join(dir, 'modbus-5020.pcap');
    writeFileSync(moved, buildPcap({ linkType: 1 }, records));
    expect(runCli(['analyze', file, '--out', path.join(dir, 'a')]).status).toBe(0);
    expect(runCli(['analyze', moved, '--out', path.join(dir, 'b')]).status).toBe(0);
    const a = readJsonl(path.join(dir, 'a', 'events.jsonl'));
    const b = readJsonl(path.join(dir, 'b', 'events.jsonl'));
    expect(a.length).toBeGreaterThan(100);
    expect(b.filter((e) => e.src_port === 5020 || e.dst_port === 5020).length).toBe(b.length);
    const strip = (e: Record<string, unknown>): unknown => ({ ...e, src_port: 0, dst_port: 0 });
    expect(b.map(strip)).toEqual(a.map(strip));
    const flows = readJsonl(path.join(dir, 'b', 'flows.jsonl'));
    expect(flows.some((f) => f.service === 'modbus' && f.dst_port === 5020)).toBe(true);
    // The moved capture's checksums are still right: nothing was counted as bad.
    const summary = JSON.parse(
      runCli(['analyze', moved, '--out', path.join(dir, 'c'), '--json']).stdout,
    ) as { counters: Record<string, number> };
    expect(summary.counters['tcp.bad_checksum'] ?? 0).toBe(0);
  });
});
