/**
 * Writes input.pcap of the `malformed` and `negative` DCE/RPC scenarios (`normal` and
 * `zerologon` are cut from shared captures, see their READMEs). Each connection is a TCP
 * handshake then one segment per PDU, correct checksums (RFC 793), Ethernet/IPv4.
 *
 * usage: npx tsx test/golden/dcerpc/make-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/dcerpc/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { Conn } from '../../helpers/pcap-conversation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f.bytes;
};

/** The last fragment (flags 0x02) of a response whose first fragment never came. */
function orphanLastFragment(): Uint8Array {
  const b = Uint8Array.from(fx('netr-server-req-challenge-response'));
  b[3] = 0x02; // pfc_flags: PFC_LAST_FRAG only
  b[12] = 0x09; // call_id 9
  return b;
}

function malformed(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_000_000_000 };
  // Endpoint mapper: a bind refused with bind_nak, a bind with a context list cut short, a
  // request whose auth_length leaves no room for its body, a call on an unbound context and its
  // fault, a last fragment without its first, then bytes that are not a PDU (framing lost).
  new Conn(records, clock, '10.30.0.66', '10.30.0.10', 50001, 135)
    .c(fx('bind-epmapper'))
    .s(fx('bind-nak'))
    .c(fx('bind-truncated-context-list'))
    .s(fx('bind-ack-epmapper'))
    .c(fx('request-bad-auth-length'))
    .c(fx('request-unknown-context'))
    .s(fx('fault-unknown-interface'))
    .s(orphanLastFragment())
    .c(hex('ffffffffffffffffffffffffffffffff'))
    .c(fx('ept-map-request'));
  return buildPcap({}, records);
}

function negative(): Uint8Array {
  const records: PcapRecord[] = [];
  const clock = { us: 1_700_000_100_000_000 };
  const enc = new TextEncoder();
  // HTTP on the endpoint mapper port, and connectionless DCE/RPC (version 4) sent over TCP 135:
  // neither is connection-oriented DCE/RPC.
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50100, 135)
    .c(enc.encode('GET / HTTP/1.1\r\nHost: dc\r\n\r\n'))
    .s(enc.encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  new Conn(records, clock, '10.30.0.5', '10.30.0.10', 50101, 135).c(
    hex('04000800' + '10000000' + '00000000' + '00000000' + '00000000' + '00000000'),
  );
  return buildPcap({}, records);
}

writeFileSync(path.join(here, 'malformed', 'input.pcap'), malformed());
writeFileSync(path.join(here, 'negative', 'input.pcap'), negative());
