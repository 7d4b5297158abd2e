/**
 * MELSEC fields against independent evidence: tshark 4.0 has no MELSEC/SLMP or MELSOFT
 * dissector, so each field is read here from the raw payload tshark shows (`udp.payload`,
 * `tcp.payload`) at the offsets README.md establishes, and compared with what the decoder put
 * in its events. The frames compared are the MELSOFT ports of the shared captures (UDP 5560,
 * TCP 5562) with a payload, less TCP retransmissions (the capture holds every segment twice;
 * the flow layer keeps one).
 *
 * Our side is marked `n:` so the normaliser tells it from tshark's hex payload.
 */
import { at, type EventLine, type ProtoSpec } from './spec.js';

const PAYLOAD = ['udp.payload', 'tcp.payload'] as const;

const ours =
  (path: string) =>
  (e: EventLine): string | undefined => {
    const v = at(e, path);
    return v === undefined ? undefined : `n:${String(v)}`;
  };

const bytes = (h: string): Uint8Array => {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
};

/** A normaliser taking our `n:` values as they are and computing tshark's from the payload. */
const fromPayload =
  (pick: (b: Uint8Array) => number | string | undefined) =>
  (v: string): string | undefined => {
    if (v.startsWith('n:')) return v.slice(2).toLowerCase();
    const r = pick(bytes(v.trim()));
    return r === undefined ? undefined : String(r).toLowerCase();
  };

const melsoft = (b: Uint8Array): boolean =>
  b.length >= 25 && ((b[0] as number) & 0x7f) === 0x57 && b[5] === 0x11 && b[6] === 0x11;
const search = (b: Uint8Array): boolean =>
  b.length >= 4 && ((b[0] as number) & 0x7f) === 0x5a && b[1] === 0 && b[2] === 0;
const cmdAt = (b: Uint8Array): number => 23 + (b[23] as number);
const le16 = (b: Uint8Array, p: number): number => (b[p] as number) | ((b[p + 1] as number) << 8);

export const melsecSpec: ProtoSpec = {
  proto: 'melsec',
  filter:
    '((udp.port == 5560 && udp.length > 8) || (tcp.port == 5562 && tcp.len > 0)) && !tcp.analysis.retransmission',
  sharedCaptures: ['melsec/'],
  fields: [
    {
      name: 'subheader',
      tshark: PAYLOAD,
      ours: ours('melsec.subheader'),
      norm: fromPayload((b) => (melsoft(b) || search(b) ? b[0] : undefined)),
    },
    {
      name: 'length',
      tshark: PAYLOAD,
      ours: (e) =>
        at(e, 'melsec.frame') === 'melsoft' ? ours('melsec.data_length')(e) : undefined,
      norm: fromPayload((b) => (melsoft(b) ? le16(b, 19) : undefined)),
    },
    {
      name: 'command',
      tshark: PAYLOAD,
      ours: ours('melsec.command'),
      norm: fromPayload((b) => {
        if (!melsoft(b)) return undefined;
        const c = cmdAt(b);
        return c + 2 <= b.length ? ((b[c] as number) << 8) | (b[c + 1] as number) : undefined;
      }),
    },
    {
      name: 'serial',
      tshark: PAYLOAD,
      ours: ours('melsec.serial'),
      norm: fromPayload((b) => {
        if (!melsoft(b)) return undefined;
        const c = cmdAt(b) + 2;
        return c + 4 <= b.length ? (le16(b, c) + le16(b, c + 2) * 0x10000) >>> 0 : undefined;
      }),
    },
    {
      name: 'end code',
      tshark: PAYLOAD,
      ours: ours('melsec.end_code'),
      norm: fromPayload((b) =>
        melsoft(b) && ((b[0] as number) & 0x80) !== 0 ? le16(b, cmdAt(b) - 2) : undefined,
      ),
    },
    {
      name: 'search query',
      tshark: PAYLOAD,
      ours: ours('melsec.query'),
      norm: fromPayload((b) => (search(b) ? b[3] : undefined)),
    },
    {
      name: 'CPU model',
      tshark: PAYLOAD,
      ours: ours('melsec.cpu_model'),
      norm: fromPayload((b) => {
        if (!melsoft(b) || ((b[0] as number) & 0x80) === 0) return undefined;
        const c = cmdAt(b);
        if (b[c] !== 0x01 || b[c + 1] !== 0x21) return undefined;
        let s = '';
        for (let i = c + 6; i < b.length && i < c + 22 && b[i] !== 0; i++) {
          s += String.fromCharCode(b[i] as number);
        }
        return s.trimEnd();
      }),
    },
  ],
};
