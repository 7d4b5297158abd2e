/**
 * The Modbus fixtures against Wireshark, field by field: the fixture conversation is written as
 * one TCP connection in a pcap, run through the whole pipeline and through tshark, and every
 * field of `modbusFixtureSpec` (scripts/field-agree/modbus.ts) must agree on every frame. This
 * covers the functions no shared capture carries (comm event counter and log, file records,
 * FIFO queue, device identification responses, CANopen).
 *
 * Skipped when tshark is missing, unless PALISADE_REQUIRE_SERVICES=1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareFields } from '../../../../scripts/field-agree.js';
import { modbusFixtureSpec } from '../../../../scripts/field-agree/modbus.js';
import { ether, ipv4, tcp } from '../../../../test/helpers/net-packets.js';
import { buildPcap, type PcapRecord } from '../../../../test/helpers/pcap-builder.js';
import { haveTool } from '../../../../test/helpers/shared.js';
import { Direction } from '../../decoder.js';
import { fixtures } from './fixtures.js';

/**
 * Framing fixtures after which Wireshark does not resynchronise (it takes the bytes after a bad
 * header for the start of the next ADU; README "Agreement with Wireshark").
 */
const FRAMING = new Set(['invalid-protocol-id', 'invalid-length-then-valid-request']);

const EMPTY = new Uint8Array(0);

/** The fixtures as one TCP connection (handshake, then one segment per fixture). */
function fixtureCapture(): Uint8Array {
  const client = { ip: '10.0.0.1', port: 40000 };
  const server = { ip: '10.0.0.2', port: 502 };
  let clientSeq = 1000;
  let serverSeq = 5000;
  const records: PcapRecord[] = [];
  const segment = (toServer: boolean, flags: number, payload: Uint8Array = EMPTY): void => {
    const [from, to] = toServer ? [client, server] : [server, client];
    const t = tcp(
      {
        src: from.ip,
        dst: to.ip,
        sport: from.port,
        dport: to.port,
        seq: toServer ? clientSeq : serverSeq,
        ack: toServer ? serverSeq : clientSeq,
        flags,
      },
      payload,
    );
    const frame = ether(0x0800, ipv4({ src: from.ip, dst: to.ip, proto: 6 }, t));
    records.push({ tsSec: 1_700_000_000 + records.length, tsFrac: 0, data: frame });
    const advance = payload.length + (flags & 0x02 ? 1 : 0);
    if (toServer) clientSeq += advance;
    else serverSeq += advance;
  };
  segment(true, 0x02); // SYN
  segment(false, 0x12); // SYN ACK
  segment(true, 0x10); // ACK
  for (const f of fixtures) {
    if (!FRAMING.has(f.name)) segment(f.dir === Direction.TO_SERVER, 0x18, f.bytes);
  }
  return buildPcap({}, records);
}

describe('modbus fixtures against tshark', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'palisade-modbus-tshark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every field agrees on every frame', async () => {
    if (!haveTool('tshark')) return;
    const file = path.join(dir, 'fixtures.pcap');
    writeFileSync(file, fixtureCapture());
    const results = await compareFields(modbusFixtureSpec, file, 3);
    for (const r of results) {
      expect(r.frames, r.field).toBeGreaterThan(0);
      expect(r.agree, `${r.field}: ${r.diffs.join('; ')}`).toBe(r.frames);
    }
  }, 60_000);
});
