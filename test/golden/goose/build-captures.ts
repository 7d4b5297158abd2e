/**
 * Builds the GOOSE golden captures `malformed` and `negative` from real frames of the shared
 * captures (iec61850/goose/GOOSE.pcap and GOOSE_DEMO.pcap, ITI/ICS-Security-Tools, CC-BY-4.0, as
 * quoted in src/decode/app/goose/fixtures.ts), edited field by field. The `normal` capture is cut
 * from the shared captures with editcap/mergecap (see normal/README.md).
 *
 * Run `npx tsx test/golden/goose/build-captures.ts` to rewrite the two `input.pcap` files.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixtures } from '../../../src/decode/app/goose/fixtures.js';
import { toHex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';
import { asdu, ether, svPayload, tlv } from '../sv/build-captures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const GOOSE_DST = '010ccd010001';
const GE = '00a0f4082f77';

function fixture(name: string): string {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return toHex(f.bytes);
}

/**
 * GOOSE.pcap frame 1 (from the APPID on) with stNum, sqNum and numDatSetEntries replaced: the
 * field octets sit at fixed places in that frame (`850101`, `86010a`, `8a0108`).
 */
function geFrame(stNum: number, sqNum: number, entries = 8): string {
  const base = fixture('ge-f650-sqnum-10');
  const b2 = (v: number): string => v.toString(16).padStart(2, '0');
  return base
    .replace('850101', `8501${b2(stNum)}`)
    .replace('86010a', `8601${b2(sqNum)}`)
    .replace('8a0108', `8a01${b2(entries)}`);
}

function records(
  frames: readonly Uint8Array[],
  cut: ReadonlyMap<number, number> = new Map(),
): PcapRecord[] {
  return frames.map((data, i) => {
    const r: PcapRecord = { tsSec: 1_216_135_243 + i, tsFrac: 0, data };
    const n = cut.get(i);
    if (n !== undefined) {
      r.data = data.subarray(0, n);
      r.origLen = data.length;
    }
    return r;
  });
}

/** malformed: sequence, flag, count and framing problems on one GE F650 publisher. */
export function malformed(): Uint8Array {
  const g = (payload: string): Uint8Array => ether(GOOSE_DST, GE, 0x88b8, payload);
  let deep = tlv(0x83, '01');
  for (let i = 0; i < 10; i++) deep = tlv(0xa2, deep);
  const deepFrame = (() => {
    // GOOSE.pcap frame 1 with allData replaced by one structure nested 10 deep.
    const base = geFrame(2, 2, 1);
    const at = base.indexOf('ab20');
    const apdu = base.slice(16, at) + tlv(0xab, deep);
    const body = apdu.slice(6); // drop the goosePdu tag and its 0x81 length
    const pdu = tlv(0x61, body);
    return '0001' + (8 + pdu.length / 2).toString(16).padStart(4, '0') + '00000000' + pdu;
  })();
  const frames: Uint8Array[] = [
    g(geFrame(1, 10)),
    g(geFrame(1, 11)),
    g(geFrame(1, 10)), // sqNum back: a replay of frame 1
    g(geFrame(1, 14)), // sqNum gap
    g(geFrame(4, 0)), // stNum jump
    g(geFrame(5, 2)), // new state at sqNum 2
    g(geFrame(2, 0)), // stNum back
    g(geFrame(2, 1, 9)), // numDatSetEntries 9 for 8 entries
    g(deepFrame), // allData nested deeper than 8
    g(fixture('simulated-entries-mismatch')), // another GoCB: Simulate, TAL 0, ndsCom
    g(fixture('alldata-length-overflow')), // allData length past the APDU
    g(fixture('length-too-short')), // Length 4
    g(geFrame(2, 3)), // cut by the snap length below
  ];
  return buildPcap({}, records(frames, new Map([[frames.length - 1, 80]])));
}

/** negative: what is not GOOSE on 0x88B8, and a goosePdu on the Sampled Values EtherType. */
export function negative(): Uint8Array {
  const frames: Uint8Array[] = [
    // A 9-2LE savPdu sent with the GOOSE EtherType.
    ether(
      GOOSE_DST,
      '0250c2000020',
      0x88b8,
      svPayload(0x4000, [asdu({ svId: 'MU0101', smpCnt: 1 })]),
    ),
    // Random-looking octets on 0x88B8 from another station.
    ether(GOOSE_DST, '0250c2000021', 0x88b8, 'fedcba98765432100123456789abcdef'.repeat(3)),
    // A real GOOSE frame (GOOSE.pcap frame 1) sent with the Sampled Values EtherType.
    ether('010ccd040001', GE, 0x88ba, fixture('ge-f650-sqnum-10')),
    // A GOOSE header on 0x88B8 whose goosePdu starts with an INTEGER, not gocbRef.
    ether(GOOSE_DST, '0250c2000022', 0x88b8, '0001000d00000000' + '6103020100'),
  ];
  return buildPcap({}, records(frames));
}

function main(): void {
  writeFileSync(path.join(here, 'malformed/input.pcap'), malformed());
  writeFileSync(path.join(here, 'negative/input.pcap'), negative());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
