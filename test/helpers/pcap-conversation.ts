/**
 * A TCP connection written as pcap records: a three-way handshake, then one segment per
 * payload, from the client (`c`) or the server (`s`), with sequence and acknowledgement numbers
 * that follow (RFC 793) and correct checksums, over Ethernet/IPv4; each record 1 ms after the
 * previous one on a clock the connections of one capture share. The golden scenarios that
 * build their captures by hand (TLS, SMB, DCE/RPC, LDAP, RDP, SSH, VNC) write with it.
 */
import { ether, ipv4, tcp } from './net-packets.js';
import type { PcapRecord } from './pcap-builder.js';

const SYN = 0x02;
const SYN_ACK = 0x12;
const ACK = 0x10;
const PSH_ACK = 0x18;

/** One TCP connection writing into `records`. */
export class Conn {
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
