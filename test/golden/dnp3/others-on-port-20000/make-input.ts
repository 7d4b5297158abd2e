/**
 * Writes input.pcap of this scenario: modbus/modbus-and-non-modbus-p502.pcap of the shared
 * captures (a Modbus conversation, TLS, NFS/RPC and HTTP scans of TCP 502) with TCP port 502
 * moved to 20000, DNP3's port, and the TCP checksums updated (RFC 1624).
 *
 * usage: npx tsx test/golden/dnp3/others-on-port-20000/make-input.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../../../src/capture/index.js';
import { buildPcap, type PcapRecord } from '../../../helpers/pcap-builder.js';
import { SHARED_PCAPS } from '../../../helpers/shared.js';

const FROM = 502;
const TO = 20000;

/** Moves TCP port `from` to `to` in an Ethernet/IPv4 frame, updating the TCP checksum. */
function movePort(d: Uint8Array, from: number, to: number): void {
  if (d.length < 34 || d[12] !== 0x08 || d[13] !== 0x00 || d[23] !== 6) return;
  const t = 14 + ((d[14] as number) & 0x0f) * 4;
  if (d.length < t + 18) return;
  for (const at of [t, t + 2]) {
    if ((((d[at] as number) << 8) | (d[at + 1] as number)) !== from) continue;
    d[at] = to >> 8;
    d[at + 1] = to & 0xff;
    const old = ((d[t + 16] as number) << 8) | (d[t + 17] as number);
    // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')
    let sum = (~old & 0xffff) + (~from & 0xffff) + to;
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    const fixed = ~sum & 0xffff;
    d[t + 16] = fixed >> 8;
    d[t + 17] = fixed & 0xff;
  }
}

const records: PcapRecord[] = [];
await new FileSource(path.join(SHARED_PCAPS, 'modbus/modbus-and-non-modbus-p502.pcap')).read(
  (f) => {
    const data = f.data.slice(0, f.capLen);
    movePort(data, FROM, TO);
    records.push({ tsSec: f.tsSec, tsFrac: Math.floor(f.tsNs / 1000), data, origLen: f.origLen });
  },
);
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'input.pcap'), buildPcap({ linkType: 1 }, records));
