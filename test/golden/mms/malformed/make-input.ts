/**
 * Writes input.pcap of this scenario: iec61850/mms-commands/iec61850_write.pcap and
 * mms-killRequest.pcap of the shared captures as they are, then one TCP connection to port 102
 * carrying, in order, the MMS decoder's fixtures (src/decode/app/mms/fixtures.ts) that an analyst must see flagged:
 * transport and session connect with AARQ and initiate, an IEC 61850 operate and its response, a
 * data set definition and its rejection, a file deletion and its refusal, an identify response
 * that answers nothing, a truncated read, an initiate error and a session abort. Each PDU is one
 * TCP segment with correct checksums (RFC 793).
 *
 * usage: npx tsx test/golden/mms/anomalies/make-input.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../../../src/capture/index.js';
import { fixtures } from '../../../../src/decode/app/mms/fixtures.js';
import { Direction } from '../../../../src/decode/decoder.js';
import { ether, ipv4, tcp } from '../../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../../helpers/pcap-builder.js';
import { SHARED_PCAPS } from '../../../helpers/shared.js';

const CLIENT = '192.168.10.20';
const SERVER = '192.168.10.5';
const CPORT = 49152;
const SPORT = 102;
const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;

const NAMES = [
  'cotp-connect-request',
  'cotp-connect-confirm',
  'connect-aarq-initiate-request',
  'accept-aare-initiate-response',
  'write-request-control-operate',
  'write-response-success',
  'define-named-variable-list-request',
  'reject-unrecognized-service',
  'file-delete-request',
  'file-delete-error',
  'identify-response',
  'truncated-read-request',
  'initiate-error',
  'session-abort',
];

let cseq = 1000;
let sseq = 5000;
const records: PcapRecord[] = [];
let t = 1_700_000_000_000_000; // microseconds

function push(fromClient: boolean, flags: number, payload: Uint8Array): void {
  const seg = tcp(
    {
      src: fromClient ? CLIENT : SERVER,
      dst: fromClient ? SERVER : CLIENT,
      sport: fromClient ? CPORT : SPORT,
      dport: fromClient ? SPORT : CPORT,
      seq: fromClient ? cseq : sseq,
      ack: fromClient ? sseq : cseq,
      flags,
    },
    payload,
  );
  const adv = payload.length + (flags & SYN ? 1 : 0);
  if (fromClient) cseq += adv;
  else sseq += adv;
  const ip = ipv4(
    { src: fromClient ? CLIENT : SERVER, dst: fromClient ? SERVER : CLIENT, proto: 6 },
    seg,
  );
  records.push({ tsSec: Math.floor(t / 1e6), tsFrac: t % 1e6, data: ether(0x0800, ip) });
  t += 1000;
}

for (const name of ['iec61850_write.pcap', 'mms-killRequest.pcap']) {
  await new FileSource(path.join(SHARED_PCAPS, 'iec61850/mms-commands', name)).read((f) => {
    const data = f.data.slice(0, f.capLen);
    records.push({ tsSec: f.tsSec, tsFrac: Math.floor(f.tsNs / 1000), data, origLen: f.origLen });
  });
}
push(true, SYN, new Uint8Array(0));
push(false, SYN | ACK, new Uint8Array(0));
push(true, ACK, new Uint8Array(0));
for (const name of NAMES) {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  push(f.dir === Direction.TO_SERVER, PSH_ACK, f.bytes);
}
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'input.pcap'), buildPcap({ linkType: 1 }, records));
