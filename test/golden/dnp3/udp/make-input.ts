/**
 * Writes input.pcap of this scenario: the DNP3 link frames of dnp3/read_and_response.pcap and
 * dnp3/unsolcited_response_and_confirm.pcap of the shared captures, carried over UDP port 20000
 * instead of TCP (DNP3 IP networking allows both), with their capture times and addresses:
 * - one datagram per TCP segment of read_and_response.pcap (the two-segment response arrives
 *   in two datagrams);
 * - the unsolicited response and its confirm both in one datagram each way, the confirm
 *   followed by the first 7 octets of the same frame again (a datagram that ends inside a
 *   frame).
 *
 * usage: npx tsx test/golden/dnp3/udp/make-input.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../../../src/capture/index.js';
import { cat, ether, ipv4, udp } from '../../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../../helpers/pcap-builder.js';
import { SHARED_PCAPS } from '../../../helpers/shared.js';

const PORT = 20000;

interface Segment {
  tsSec: number;
  tsUs: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  payload: Uint8Array;
}

/** The TCP segments with payload of an Ethernet/IPv4 capture. */
async function segments(file: string): Promise<Segment[]> {
  const out: Segment[] = [];
  await new FileSource(path.join(SHARED_PCAPS, file)).read((f) => {
    const d = f.data.subarray(0, f.capLen);
    if (d.length < 54 || d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== 6) return;
    const ihl = ((d[14] as number) & 0x0f) * 4;
    const t = 14 + ihl;
    const total = ((d[16] as number) << 8) | (d[17] as number);
    const doff = ((d[t + 12] as number) >> 4) * 4;
    const payload = d.slice(t + doff, 14 + total);
    if (payload.length === 0) return;
    const ip = (o: number): string => Array.from(d.subarray(o, o + 4)).join('.');
    out.push({
      tsSec: f.tsSec,
      tsUs: Math.floor(f.tsNs / 1000),
      src: ip(26),
      dst: ip(30),
      sport: ((d[t] as number) << 8) | (d[t + 1] as number),
      dport: ((d[t + 2] as number) << 8) | (d[t + 3] as number),
      payload,
    });
  });
  return out;
}

function datagram(s: Segment, payload: Uint8Array): PcapRecord {
  const ends = { src: s.src, dst: s.dst };
  const frame = ether(
    0x0800,
    ipv4(
      { ...ends, proto: 17 },
      udp(
        { ...ends, sport: s.sport === PORT ? PORT : 50000, dport: s.dport === PORT ? PORT : 50000 },
        payload,
      ),
    ),
  );
  return { tsSec: s.tsSec, tsFrac: s.tsUs, data: frame };
}

const records: PcapRecord[] = [];
for (const s of await segments('dnp3/read_and_response.pcap')) records.push(datagram(s, s.payload));
const [unsolicited, confirm] = await segments('dnp3/unsolcited_response_and_confirm.pcap');
if (unsolicited === undefined || confirm === undefined) throw new Error('expected two segments');
records.push(datagram(unsolicited, unsolicited.payload));
records.push(datagram(confirm, cat(confirm.payload, confirm.payload.subarray(0, 7))));

const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'input.pcap'), buildPcap({ linkType: 1 }, records));
