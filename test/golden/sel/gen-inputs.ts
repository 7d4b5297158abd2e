/**
 * Writes the SEL golden inputs (normal/, malformed/, negative/ input.pcap): TCP sessions on
 * port 23 between a master (10.0.0.1) and a relay (10.0.0.2) carrying the messages of
 * src/decode/app/sel/fixtures.ts, one message per segment, with ASCII text between them as a
 * relay's Telnet port carries. No public capture of SEL Fast Message over TCP exists in the
 * shared data (see src/decode/app/sel/README.md).
 *
 * usage: npx tsx test/golden/sel/gen-inputs.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from '../../../src/decode/app/sel/fixtures.js';
import { hex } from '../../helpers/hex.js';
import { ether, ipv4, tcp } from '../../helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MASTER = '10.0.0.1';
const RELAY = '10.0.0.2';

/** A TCP session: handshake, then one segment per payload, in order. */
function session(segments: readonly [fromMaster: boolean, payload: Uint8Array][]): Uint8Array {
  const recs: PcapRecord[] = [];
  let cseq = 1000;
  let sseq = 5000;
  let t = 0;
  const push = (fromMaster: boolean, flags: number, payload: Uint8Array): void => {
    const seg = fromMaster
      ? tcp(
          { src: MASTER, dst: RELAY, sport: 50123, dport: 23, seq: cseq, ack: sseq, flags },
          payload,
        )
      : tcp(
          { src: RELAY, dst: MASTER, sport: 23, dport: 50123, seq: sseq, ack: cseq, flags },
          payload,
        );
    const ip = ipv4(
      { src: fromMaster ? MASTER : RELAY, dst: fromMaster ? RELAY : MASTER, proto: 6 },
      seg,
    );
    recs.push({ tsSec: 1_700_000_000, tsFrac: t, data: ether(0x0800, ip) });
    t += 1000;
    const syn = flags & 0x02 ? 1 : 0;
    if (fromMaster) cseq += payload.length + syn;
    else sseq += payload.length + syn;
  };
  push(true, 0x02, new Uint8Array(0));
  push(false, 0x12, new Uint8Array(0));
  push(true, 0x10, new Uint8Array(0));
  for (const [m, p] of segments) push(m, 0x18, p);
  return buildPcap({}, recs);
}

const fx = (name: string): Uint8Array => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
};
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const normal = session([
  [true, fx('configuration-polls').subarray(0, 2)],
  [false, fx('relay-definition')],
  [false, text('\r\n=>')],
  [true, fx('remote-bit-set')],
  [true, fx('breaker-open')],
  [true, fx('fast-message-read-request')],
  [true, fx('fast-message-unsolicited-write')],
]);

const malformed = session([
  [true, fx('configuration-polls').subarray(0, 2)],
  [false, fx('relay-definition')],
  [false, fx('relay-definition-bad-checksum')],
  // A Fast Message whose CRC is wrong (last byte changed).
  [true, hex('a5461400000000000010c000000010000008e75b')],
  // A length byte of 2: too short for any message.
  [false, hex('a5c102')],
]);

const negative = session([
  [false, hex('fffb01fffb03')], // Telnet WILL ECHO, WILL SUPPRESS-GO-AHEAD
  [false, text('login: ')],
  [true, text('admin\r\n')],
]);

writeFileSync(path.join(here, 'normal/input.pcap'), normal);
writeFileSync(path.join(here, 'malformed/input.pcap'), malformed);
writeFileSync(path.join(here, 'negative/input.pcap'), negative);
