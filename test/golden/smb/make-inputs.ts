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
import { ether, ipv4, tcp } from '../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;
const PSH_ACK = 0x18;

/** One TCP connection writing into `records`. */
class Conn {
  private cseq = 1000;
  private sseq = 5000;
  constructor(
    private readonly records: PcapRecord[],
    private readonly clock: { us: number },
    private readonly client: string,
    private readonly server: string,
    private readonly cport: number,
    private readonly sport: number,
  ) {
    this.seg(true, SYN, new Uint8Array(0));
    this.seg(false, SYN_ACK, new Uint8Array(0));
    this.seg(true, ACK, new Uint8Array(0));
  }
  c(payload: Uint8Array): this {
    this.seg(true, PSH_ACK, payload);
    return this;
  }
  s(payload: Uint8Array): this {
    this.seg(false, PSH_ACK, payload);
    return this;
  }
  private seg(fromClient: boolean, flags: number, payload: Uint8Array): void {
    const src = fromClient ? this.client : this.server;
    const dst = fromClient ? this.server : this.client;
    const t = tcp(
      {
        src,
        dst,
        sport: fromClient ? this.cport : this.sport,
        dport: fromClient ? this.sport : this.cport,
        seq: fromClient ? this.cseq : this.sseq,
        ack: fromClient ? this.sseq : this.cseq,
        flags,
      },
      payload,
    );
    const adv = payload.length + (flags & SYN ? 1 : 0);
    if (fromClient) this.cseq += adv;
    else this.sseq += adv;
    const us = this.clock.us;
    this.clock.us += 1000;
    this.records.push({
      tsSec: Math.floor(us / 1e6),
      tsFrac: us % 1e6,
      data: ether(0x0800, ipv4({ src, dst, proto: 6 }, t)),
    });
  }
}

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
