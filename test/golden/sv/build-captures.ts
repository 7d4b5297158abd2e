/**
 * Builds the Sampled Values golden captures (`normal`, `malformed`, `negative`), which the shared
 * captures cannot provide: they hold no IEC 61850-9-2 traffic. Frames follow IEC 61850-9-2 8.2
 * and the UCA 9-2LE guideline (see src/decode/app/sv/fixtures.ts); tshark 4.0 dissects them
 * independently in test/golden/sv/tshark-agreement.test.ts.
 *
 * Run `npx tsx test/golden/sv/build-captures.ts` to rewrite the three `input.pcap` files.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fixtures as gooseFixtures } from '../../../src/decode/app/goose/fixtures.js';
import { hex, toHex } from '../../helpers/hex.js';
import { buildPcap, type PcapRecord } from '../../helpers/pcap-builder.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** BER TLV in hex: one-octet tag, definite length. */
export function tlv(tag: number, content: string): string {
  const n = content.length / 2;
  const len =
    n < 0x80
      ? n.toString(16).padStart(2, '0')
      : n < 0x100
        ? `81${n.toString(16).padStart(2, '0')}`
        : `82${n.toString(16).padStart(4, '0')}`;
  return tag.toString(16).padStart(2, '0') + len + content;
}

const h16 = (v: number): string => (v & 0xffff).toString(16).padStart(4, '0');
const h32 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
const text = (s: string): string => toHex(new TextEncoder().encode(s));

/** A 50 Hz three-phase PhsMeas1 sample (9-2LE: mA and 10 mV), quality `q` on every channel. */
function phsMeas(smpCnt: number, q = 0): string {
  const w = (2 * Math.PI * smpCnt) / 80;
  const ch = [0, -2, 2].map((k) => Math.round(1000 * Math.sin(w + (k * Math.PI) / 3)));
  const v = [0, -2, 2].map((k) => Math.round(8980 * Math.sin(w + (k * Math.PI) / 3)));
  return [...ch, 0, ...v, 0].map((x) => h32(x) + h32(q)).join('');
}

/** Fields of one ASDU. */
export interface Asdu {
  svId: string;
  smpCnt: number;
  confRev?: number;
  smpSynch?: number;
  datSet?: string;
  refrTm?: string;
  smpRate?: number;
  smpMod?: number;
  quality?: number;
  /** seqData in hex (default: a 9-2LE PhsMeas1 sample). */
  seqData?: string;
}

export function asdu(a: Asdu): string {
  return tlv(
    0x30,
    tlv(0x80, text(a.svId)) +
      (a.datSet !== undefined ? tlv(0x81, text(a.datSet)) : '') +
      tlv(0x82, h16(a.smpCnt)) +
      tlv(0x83, h32(a.confRev ?? 1)) +
      (a.refrTm !== undefined ? tlv(0x84, a.refrTm) : '') +
      tlv(0x85, (a.smpSynch ?? 2).toString(16).padStart(2, '0')) +
      (a.smpRate !== undefined ? tlv(0x86, h16(a.smpRate)) : '') +
      tlv(0x87, a.seqData ?? phsMeas(a.smpCnt, a.quality)) +
      (a.smpMod !== undefined ? tlv(0x88, h16(a.smpMod)) : ''),
  );
}

/** The Sampled Values payload from the APPID on. */
export function svPayload(
  appid: number,
  asdus: string[],
  o: { noAsdu?: number; reserved1?: number } = {},
): string {
  const pdu = tlv(
    0x60,
    tlv(0x80, (o.noAsdu ?? asdus.length).toString(16).padStart(2, '0')) + tlv(0xa2, asdus.join('')),
  );
  return h16(appid) + h16(8 + pdu.length / 2) + h16(o.reserved1 ?? 0) + '0000' + pdu;
}

/** An Ethernet frame, 802.1Q-tagged when `vlan` is given (priority 4, the IEC 61850 default). */
export function ether(
  dst: string,
  src: string,
  etherType: number,
  payload: string,
  vlan?: number,
): Uint8Array {
  const tag = vlan === undefined ? '' : '8100' + h16((4 << 13) | vlan);
  return hex(dst + src + tag + h16(etherType) + payload);
}

const SV_DST = '010ccd040001';
const MU1 = '0250c2000001';
const MU2 = '0250c2000002';
const GOOSE_DST = '010ccd010001';

/** Records at 4000 frames per second (one 9-2LE sample per frame at 50 Hz x 80). */
function records(
  frames: readonly Uint8Array[],
  inclLen?: readonly (number | undefined)[],
): PcapRecord[] {
  return frames.map((data, i) => {
    const r: PcapRecord = { tsSec: 1_700_000_000, tsFrac: i * 250, data };
    const cut = inclLen?.[i];
    if (cut !== undefined) {
      r.data = data.subarray(0, cut);
      r.origLen = data.length;
    }
    return r;
  });
}

/** normal: a 9-2LE stream across a smpCnt wrap, and an Ed.2 publisher with every optional field. */
export function normal(): Uint8Array {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    const cnt = (3994 + i) % 4000;
    frames.push(
      ether(SV_DST, MU1, 0x88ba, svPayload(0x4000, [asdu({ svId: 'MU0101', smpCnt: cnt })]), 0),
    );
    if (i % 4 === 3) {
      const ed2 = asdu({
        svId: 'IED2MU/LLN0$MSVCB01',
        datSet: 'IED2MU/LLN0$PhsMeas1',
        smpCnt: (i - 3) / 4,
        confRev: 3,
        refrTm: '655f6f80400000' + '18',
        smpSynch: 1,
        smpRate: 4000,
        smpMod: 1,
      });
      frames.push(ether(SV_DST, MU2, 0x88ba, svPayload(0x4001, [ed2]), 5));
    }
  }
  // Eight ASDUs per frame (9-2LE at 256 samples per cycle packs 8).
  const eight = Array.from({ length: 8 }, (_, k) => asdu({ svId: 'MU0102', smpCnt: 100 + k }));
  frames.push(ether(SV_DST, MU1, 0x88ba, svPayload(0x4002, eight)));
  return buildPcap({}, records(frames));
}

/** malformed: count, sequence, flag and framing problems. */
export function malformed(): Uint8Array {
  const f = (asdus: string[], o: { noAsdu?: number; reserved1?: number } = {}): Uint8Array =>
    ether(SV_DST, MU1, 0x88ba, svPayload(0x4000, asdus, o), 0);
  const frames: Uint8Array[] = [
    f([asdu({ svId: 'MU0101', smpCnt: 10 })]),
    f([asdu({ svId: 'MU0101', smpCnt: 14 })]), // gap
    f([asdu({ svId: 'MU0101', smpCnt: 14 })]), // repeat (replay)
    f([asdu({ svId: 'MU0101', smpCnt: 15 })], { noAsdu: 3 }), // noASDU 3, one ASDU
    f([asdu({ svId: 'MU0101', smpCnt: 16, confRev: 2 })]), // confRev change
    f([asdu({ svId: 'MU0101', smpCnt: 17, confRev: 2, smpSynch: 0 })]), // sync lost
    f([asdu({ svId: 'MU0101', smpCnt: 18, confRev: 2 })], { reserved1: 0x8000 }), // Simulate
    f([asdu({ svId: 'MU0101', smpCnt: 19, confRev: 2, quality: 1 })]), // invalid quality
    f([tlv(0x30, tlv(0x80, text('MU0101')) + tlv(0x82, h16(20)))]), // ASDU without fields
    ether(SV_DST, MU1, 0x88ba, '4000000300000000', 0), // Length 3
    f([asdu({ svId: 'MU0101', smpCnt: 21, confRev: 2 })]), // cut by the snap length below
  ];
  const cuts = frames.map((_, i) => (i === frames.length - 1 ? 60 : undefined));
  return buildPcap({}, records(frames, cuts));
}

/** negative: what is not a savPdu on 0x88BA, and a savPdu on the GOOSE EtherType. */
export function negative(): Uint8Array {
  const goose = gooseFixtures.find((x) => x.name === 'ge-f650-sqnum-10');
  if (!goose) throw new Error('GOOSE fixture missing');
  const frames: Uint8Array[] = [
    // A real GOOSE frame (GOOSE.pcap frame 1) sent with the Sampled Values EtherType.
    ether(SV_DST, '0250c2000010', 0x88ba, toHex(goose.bytes)),
    // Random-looking octets on 0x88BA from another station.
    ether(SV_DST, '0250c2000011', 0x88ba, '0123456789abcdef0011223344556677'.repeat(3)),
    // A 9-2LE savPdu sent with the GOOSE EtherType.
    ether(
      GOOSE_DST,
      '0250c2000012',
      0x88b8,
      svPayload(0x4000, [asdu({ svId: 'MU0101', smpCnt: 1 })]),
    ),
  ];
  return buildPcap({}, records(frames));
}

function main(): void {
  writeFileSync(path.join(here, 'normal/input.pcap'), normal());
  writeFileSync(path.join(here, 'malformed/input.pcap'), malformed());
  writeFileSync(path.join(here, 'negative/input.pcap'), negative());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
