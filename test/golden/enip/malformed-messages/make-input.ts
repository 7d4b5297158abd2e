/**
 * Writes input.pcap of this scenario: frames 468-499 of enip-cip/cip_only.pcap of the shared
 * captures (an RSLinx session: Execute PCCC requests and replies, a Forward Open), with a few
 * bytes of six TCP payloads changed and their TCP checksums recomputed, so that each message is
 * malformed in one documented way (README.md).
 *
 * usage: npx tsx test/golden/enip/malformed-messages/make-input.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../../../src/capture/index.js';
import { buildPcap, type PcapRecord } from '../../../helpers/pcap-builder.js';
import { SHARED_PCAPS } from '../../../helpers/shared.js';

const FIRST = 468;
const LAST = 499;

/** Frame number -> [offset in the TCP payload, new byte value][] (negative offsets from the end). */
const EDITS: ReadonlyMap<number, readonly (readonly [number, number])[]> = new Map([
  [472, [[20, 0x01]]], // encapsulation options = 1
  [475, [[-4, 0xe0]]], // Forward Open connection path: class segment 0x20 -> reserved 0xE0
  [477, [[0, 0x99]]], // SendUnitData command 0x0070 -> undefined 0x0099
  [480, [[38, 0x40]]], // unconnected data item length 18 -> 64 (past the end)
  [484, [[41, 0x40]]], // CIP request path size 2 -> 64 words (past the end)
  [485, [[40, 0x8e]]], // reply service 0xCB (Execute PCCC) -> 0x8E (Get Attribute Single)
]);

/** Recomputes the TCP checksum of an Ethernet/IPv4/TCP frame (RFC 793 pseudo-header). */
function fixTcpChecksum(d: Uint8Array): void {
  const ip = 14;
  const ihl = ((d[ip] as number) & 0x0f) * 4;
  const total = ((d[ip + 2] as number) << 8) | (d[ip + 3] as number);
  const t = ip + ihl;
  const len = total - ihl;
  d[t + 16] = 0;
  d[t + 17] = 0;
  let sum = 0;
  for (let i = 0; i < 8; i += 2)
    sum += ((d[ip + 12 + i] as number) << 8) | (d[ip + 13 + i] as number);
  sum += 6 + len;
  for (let i = 0; i < len; i += 2) {
    sum += ((d[t + i] as number) << 8) | (i + 1 < len ? (d[t + i + 1] as number) : 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  d[t + 16] = c >> 8;
  d[t + 17] = c & 0xff;
}

const records: PcapRecord[] = [];
let frame = 0;
await new FileSource(path.join(SHARED_PCAPS, 'enip-cip/cip_only.pcap')).read((f) => {
  frame++;
  if (frame < FIRST || frame > LAST) return;
  const data = f.data.slice(0, f.capLen);
  const edits = EDITS.get(frame);
  if (edits) {
    const t = 14 + ((data[14] as number) & 0x0f) * 4;
    const payload = t + ((data[t + 12] as number) >> 4) * 4;
    for (const [at, v] of edits) data[at < 0 ? data.length + at : payload + at] = v;
    fixTcpChecksum(data);
  }
  records.push({ tsSec: f.tsSec, tsFrac: Math.floor(f.tsNs / 1000), data, origLen: f.origLen });
});
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'input.pcap'), buildPcap({ linkType: 1 }, records));
