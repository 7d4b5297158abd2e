/**
 * Writes the synthetic VNC captures: `negative/input.pcap`, and `malformed/synthetic.pcap`
 * which the malformed scenario merges with real captures (see malformed/README.md). TCP
 * handshake then one segment per PDU, correct checksums.
 *
 * usage: npx tsx test/golden/vnc/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatBytes, hex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = new TextEncoder();
const V38 = enc.encode('RFB 003.008\n');

/** A 3.8 handshake with security None up to ServerInit (1x1, 32 bpp, name "x"). */
function handshake(conn: Conn): Conn {
  return conn
    .s(V38)
    .c(V38)
    .s(hex('0101')) // one security type: None
    .c(hex('01')) // None chosen
    .s(hex('00000000')) // SecurityResult OK
    .c(hex('01')) // ClientInit shared
    .s(hex('00010001' + '20180001' + '00ff00ff00ff' + '100800' + '000000' + '00000001' + '78'));
}

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_000_000_000 };
  // A client answering with a broken version line.
  new Conn(records, clock, '10.50.0.66', '10.50.0.10', 50001, 5900)
    .s(V38)
    .c(enc.encode('RFB 003.0x8\n'));
  // SetEncodings with 70 encodings (only 64 listed), then an unknown message type 123.
  const encodings = concatBytes(
    hex('02000046'),
    ...Array.from({ length: 70 }, () => hex('00000000')),
  );
  handshake(new Conn(records, clock, '10.50.0.66', '10.50.0.10', 50002, 5900))
    .c(encodings)
    .c(hex('7b000000'));
  // A 3.8 server offering no security type, with a reason.
  new Conn(records, clock, '10.50.0.66', '10.50.0.10', 50003, 5900)
    .s(V38)
    .c(V38)
    .s(concatBytes(hex('00' + '0000000e'), enc.encode('Access denied.')));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_100_000_000 };
  // HTTP on 5900 and an "RFB" line that is not a version on 5901: not VNC.
  new Conn(records, clock, '10.50.0.5', '10.50.0.10', 51000, 5900).c(
    enc.encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
  );
  new Conn(records, clock, '10.50.0.5', '10.50.0.10', 51001, 5901).s(enc.encode('RFB hello\r\n'));
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'malformed', 'synthetic.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
