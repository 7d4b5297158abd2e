/**
 * Writes input.pcap of the synthetic RDP scenarios (malformed, negative) from the decoder's
 * fixtures (src/decode/app/rdp/fixtures.ts): TCP handshake then one segment per PDU, correct
 * checksums. The other scenarios are real captures (see their README.md).
 *
 * usage: npx tsx test/golden/rdp/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/rdp/fixtures.js';
import { fixtures as s7Fixtures } from '../../../src/decode/app/s7comm/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_000_000_000 };
  // An 80-character cookie requiring Restricted Admin mode (pass-the-hash style), answered.
  new Conn(records, clock, '10.40.0.66', '10.40.0.10', 50001, 3389)
    .c(fx('connection-request-long-cookie'))
    .s(fx('connection-confirm-hybrid-ex'));
  // A cookie without CR LF.
  new Conn(records, clock, '10.40.0.66', '10.40.0.10', 50002, 3389).c(
    hex('03000018' + '13' + 'e0' + '0000' + '0000' + '00' + '436f6f6b69653a206d73747368'),
  );
  // Standard RDP Security selected, but the client starts TLS anyway (nmap does).
  new Conn(records, clock, '10.40.0.66', '10.40.0.10', 50003, 3389)
    .c(fx('connection-request-cookie-only'))
    .s(fx('connection-confirm-bare'))
    .c(hex('16030102000100'));
  // A confirmed flow, then an X.224 LI that overruns its TPKT frame.
  new Conn(records, clock, '10.40.0.66', '10.40.0.10', 50004, 3389)
    .c(fx('connection-request-nla'))
    .c(fx('x224-li-overrun'));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_100_000_000 };
  // HTTP on 3389 and an S7comm connection request on 3389: not RDP.
  new Conn(records, clock, '10.40.0.5', '10.40.0.10', 51000, 3389).c(
    enc.encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
  );
  const s7cr = s7Fixtures.find((f) => f.role === 'normal' && (f.bytes[5] ?? 0) === 0xe0);
  if (!s7cr) throw new Error('no S7comm CR fixture');
  new Conn(records, clock, '10.40.0.5', '10.40.0.10', 51001, 3389).c(s7cr.bytes);
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
