/**
 * Writes input.pcap of the three SSH scenarios from the decoder's fixtures
 * (src/decode/app/ssh/fixtures.ts): TCP handshake then one segment per PDU, correct checksums.
 *
 * usage: npx tsx test/golden/ssh/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/ssh/fixtures.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

function normal(): Uint8Array {
  const records: PcapRecord[] = [];
  const conn = new Conn(
    records,
    { us: 1_700_000_000_000_000 },
    '10.30.0.5',
    '10.30.0.22',
    51000,
    22,
  );
  for (const f of fixtures.slice(0, 7)) {
    if (f.dir === 0) conn.c(f.bytes);
    else conn.s(f.bytes);
  }
  return buildPcap({}, records);
}

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_200_000_000 };
  // An SSH-1 server.
  new Conn(records, clock, '10.30.0.5', '10.30.0.23', 51001, 22).s(
    enc.encode('SSH-1.5-Cisco-1.25\r\n'),
  );
  // A banner grabber answering with HTTP.
  new Conn(records, clock, '10.30.0.66', '10.30.0.22', 51002, 22)
    .s(fx('server-identification'))
    .c(enc.encode('GET / HTTP/1.0\r\n\r\n'));
  // A client whose first packet claims 2 GiB.
  new Conn(records, clock, '10.30.0.66', '10.30.0.22', 51003, 22)
    .s(fx('server-identification'))
    .c(fx('client-identification'))
    .c(fx('oversized-packet-length'));
  // Password guessing: ten sessions from one client in ten seconds.
  for (let i = 0; i < 10; i++) {
    new Conn(records, clock, '10.30.0.66', '10.30.0.22', 52000 + i, 22)
      .s(fx('server-identification'))
      .c(enc.encode('SSH-2.0-libssh2_1.8.0\r\n'));
    clock.us += 1_000_000;
  }
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_300_000_000 };
  // Telnet-style text and an `SSH-9` line on port 22: not SSH.
  new Conn(records, clock, '10.30.0.5', '10.30.0.22', 53000, 22)
    .s(enc.encode('login: '))
    .c(enc.encode('admin\r\n'));
  new Conn(records, clock, '10.30.0.5', '10.30.0.22', 53001, 2222).s(enc.encode('SSH-9.9-x\r\n'));
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'normal', 'input.pcap'), normal());
writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
