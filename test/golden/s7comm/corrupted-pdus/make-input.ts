/**
 * Writes input.pcap of this scenario: s7comm/snap7_s300_everything.pcapng of the shared captures
 * (classic pcap despite its name) with five S7 PDUs corrupted, TCP checksums recomputed:
 * - frame 3 (Read SZL request): ROSCTR 7 -> 5 (undefined PDU type);
 * - frame 17 (start upload job): parameter length + 16 (past the end of the PDU);
 * - frame 44 (ack): TPKT version 3 -> 2 (the decoder resynchronises on the next header);
 * - frame 49 (write var job): variable specification 0x12 -> 0x11 in its item;
 * - frame 51 (read var job): function 0x04 -> 0x42 (undefined), so its ack-data mismatches.
 *
 * usage: npx tsx test/golden/s7comm/corrupted-pdus/make-input.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../../../src/capture/index.js';
import { inetChecksum } from '../../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../../helpers/pcap-builder.js';
import { SHARED_PCAPS } from '../../../helpers/shared.js';

/** Offset of the TCP payload (the TPKT) in an Ethernet/IPv4/TCP frame, and of the TCP header. */
function offsets(d: Uint8Array): { tcp: number; tpkt: number } {
  const tcp = 14 + ((d[14] as number) & 0x0f) * 4;
  return { tcp, tpkt: tcp + ((d[tcp + 12] as number) >> 4) * 4 };
}

/** Recomputes the TCP checksum over the IPv4 pseudo-header and the segment. */
function fixTcpChecksum(d: Uint8Array): void {
  const { tcp } = offsets(d);
  const ipTotal = ((d[16] as number) << 8) | (d[17] as number);
  const segLen = 14 + ipTotal - tcp;
  d[tcp + 16] = 0;
  d[tcp + 17] = 0;
  const pseudo = new Uint8Array(12);
  pseudo.set(d.subarray(26, 34), 0);
  pseudo[9] = 6;
  pseudo[10] = segLen >> 8;
  pseudo[11] = segLen & 0xff;
  const sum = inetChecksum(pseudo, d.subarray(tcp, tcp + segLen));
  d[tcp + 16] = sum >> 8;
  d[tcp + 17] = sum & 0xff;
}

/** Per frame number: the change, at an offset from the TPKT header (TPKT 4 + COTP 3 + S7). */
const EDITS: Readonly<Record<number, (d: Uint8Array, t: number) => void>> = {
  3: (d, t) => {
    d[t + 8] = 0x05; // ROSCTR
  },
  17: (d, t) => {
    d[t + 14] = (d[t + 14] as number) + 0x10; // parameter length, low byte
  },
  44: (d, t) => {
    d[t] = 0x02; // TPKT version
  },
  49: (d, t) => {
    d[t + 19] = 0x11; // first item: variable specification
  },
  51: (d, t) => {
    d[t + 17] = 0x42; // parameter function
  },
};

const records: PcapRecord[] = [];
let frame = 0;
await new FileSource(path.join(SHARED_PCAPS, 's7comm/snap7_s300_everything.pcapng')).read((f) => {
  frame++;
  const data = f.data.slice(0, f.capLen);
  const edit = EDITS[frame];
  if (edit) {
    edit(data, offsets(data).tpkt);
    fixTcpChecksum(data);
  }
  records.push({ tsSec: f.tsSec, tsFrac: Math.floor(f.tsNs / 1000), data, origLen: f.origLen });
});
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'input.pcap'), buildPcap({ linkType: 1 }, records));
