/**
 * Writes input.pcap of the `malformed` and `negative` SMB scenarios (the `normal` one is cut
 * from shared captures, see its README). Each connection is a TCP handshake then one segment per
 * payload, correct checksums, Ethernet/IPv4.
 *
 * usage: npx tsx test/golden/smb/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/smb/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_000_000_000 };
  // A confirmed SMB flow, then broken messages, framing garbage and a recovery.
  new Conn(records, clock, '10.30.0.66', '10.30.0.10', 50001, 445)
    .c(fx('smb1-negotiate-request'))
    .c(fx('smb2-bad-next-command'))
    .c(fx('smb1-andx-loop'))
    .c(fx('not-smb-after-confirm'))
    .c(hex('99' + '1234' + '56' + '00'))
    .c(fx('smb2-tree-connect-admin'))
    .c(fx('smb3-smbghost-compressed'));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_100_000_000 };
  const enc = new TextEncoder();
  // HTTP on 445 and an SSH banner on 139: not SMB.
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50100, 445)
    .c(enc.encode('GET / HTTP/1.1\r\nHost: fileserver\r\n\r\n'))
    .s(enc.encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50101, 139)
    .c(enc.encode('SSH-2.0-OpenSSH_9.2\r\n'))
    .s(enc.encode('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
