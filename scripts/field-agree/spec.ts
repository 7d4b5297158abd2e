/**
 * The shape of a field-agreement spec: which of our event fields correspond to which tshark
 * fields for one protocol. One module per protocol in this folder, listed in `index.ts`.
 */

/** One line of events.jsonl, as parsed. */
export type EventLine = Record<string, unknown> & { frame: number; proto: string; kind: string };

/** One compared field. */
export interface FieldSpec {
  /** Label in the report (`reference number`). */
  name: string;
  /** tshark field name(s); with several, their values are pooled (`modbus.word_cnt`, `modbus.bit_cnt`). */
  tshark: string | readonly string[];
  /** The value(s) one of our events gives for the field (undefined or [] when it has none). */
  ours: (e: EventLine) => unknown;
  /** Normalises a value of either side to a comparable string (default: the number, or lower case). */
  norm?: (v: string) => string | undefined;
}

/** A protocol's comparison. */
export interface ProtoSpec {
  /** Our event `proto` whose events are compared. */
  proto: string;
  /** tshark display filter selecting the frames that carry the protocol. */
  filter: string;
  /** The shared captures to compare: MANIFEST path prefixes (`modbus/`, `datasets/lemay-modbus/`). */
  sharedCaptures: readonly string[];
  /** Extra tshark arguments (`-d tcp.port==12001,opcua`). */
  tsharkArgs?: readonly string[];
  /**
   * The flow layer's checksum policy for our side (default: the pipeline's `auto`). tshark
   * dissects every segment whatever its checksum; `ignore` compares like with like when a
   * capture holds offloaded segments that `auto` takes for inserted ones.
   */
  checksums?: 'auto' | 'strict' | 'ignore';
  /**
   * The test that pins this protocol's figures field by field, with every difference explained
   * (a Wireshark reassembly failure, ICMP-quoted datagrams it dissects and we do not): the
   * generic >= 99.9% test (`test/e2e/field-agree.test.ts`) defers to it.
   */
  pinnedBy?: string;
  fields: readonly FieldSpec[];
}

/** Reads `a.b.c` from an event. */
export function at(e: EventLine, path: string): unknown {
  let x: unknown = e;
  for (const k of path.split('.')) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string, unknown>)[k];
  }
  return x;
}

/** Default normaliser: numbers (decimal or 0x hex) as decimal, everything else lower case. */
export function normValue(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(t)) return String(Number(t));
  if (/^0x[0-9a-f]+$/i.test(t)) return String(Number.parseInt(t, 16));
  return t.toLowerCase();
}
