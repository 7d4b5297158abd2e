/**
 * Puts back the bind the shared DCShadow capture starts after: one TCP segment carrying the
 * client's GSS-SPNEGO bindRequest (messageID 38, the ID of the bindResponse in frame 1), just
 * before frame 1 and in sequence with the client's next segment. Wireshark 4.0 unwraps signed
 * SASL buffers only when it saw such a bind; with it, tshark decodes the LDAP messages inside
 * and the agreement can compare them. mergecap orders the frames by time, so every frame number
 * moves up by one on both sides.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { hex } from '../../helpers/hex.js';
import { ether, ipv4, tcp } from '../../helpers/net-packets.js';
import { buildPcap } from '../../helpers/pcap-builder.js';

/** The capture, relative to ../shared/data/pcaps. */
export const DCSHADOW =
  'it-attacks/pcap-attack/CredAccess/DCShadow_add_primarygroupid_512_to_std_account.pcapng';

/** bindRequest, messageID 38, version 3, name "", sasl GSS-SPNEGO without credentials. */
const BIND = hex(
  '3018' + '020126' + '6013' + '020103' + '0400' + 'a30c' + '040a4753532d53504e45474f',
);

/**
 * Writes `<dir>/dcshadow-with-bind.pcapng` from the shared capture at `capture` and returns its
 * path, or null when mergecap fails.
 */
export function dcshadowWithBind(capture: string, dir: string): string | null {
  // From frame 2: the client 172.16.66.1:52220 next sends sequence 2237976626, acknowledging
  // 155111050 (the server's frame 1 starts there); frame 1 is at 1595159897.899190.
  const seg = tcp(
    {
      src: '172.16.66.1',
      dst: '172.16.66.36',
      sport: 52220,
      dport: 389,
      seq: 2237976626 - BIND.length,
      ack: 155111050,
      flags: 0x18,
    },
    BIND,
  );
  const bind = path.join(dir, 'bind.pcap');
  writeFileSync(
    bind,
    buildPcap({}, [
      {
        tsSec: 1595159897,
        tsFrac: 899000,
        data: ether(0x0800, ipv4({ src: '172.16.66.1', dst: '172.16.66.36', proto: 6 }, seg)),
      },
    ]),
  );
  const out = path.join(dir, 'dcshadow-with-bind.pcapng');
  const r = spawnSync('mergecap', ['-w', out, bind, capture], { encoding: 'utf8' });
  return r.status === 0 ? out : null;
}
