/**
 * Matches of correlated rules, kept in columns while an engine runs: a base rule of a
 * correlation may match every GOOSE message or every Modbus write, and an object per match
 * would be garbage the collector keeps promoting until the end of the run. Columns of numbers
 * and of references to strings the event already had cost a few slots per match, and cross
 * threads as a handful of arrays. The main thread turns them into {@link MatchRecord}s once, for
 * correlation.
 */

/** A group-by or value field of a match: the value itself when it is a primitive. */
export type FieldValue = string | number | boolean | null;

/** A match of a correlated rule, as correlation reads it. */
export interface MatchRecord {
  /** Detection rule (index among the pack's detection rules). */
  r: number;
  sec: number;
  ns: number;
  frame: number;
  flow: string;
  src: string | null;
  dst: string | null;
  proto: string;
  /** Values of the rule's record fields (null: absent). */
  f: FieldValue[];
  /** The event line (or flow record) that matched, when the record kept it; null otherwise. */
  ev: Record<string, unknown> | null;
}

/** Records in columns (plain arrays: structured-clone friendly). */
export interface RecordColumns {
  r: number[];
  sec: number[];
  ns: number[];
  frame: number[];
  flow: string[];
  src: (string | null)[];
  dst: (string | null)[];
  proto: string[];
  /** Where record i's field values start in `f` (they end where record i + 1's start). */
  fOff: number[];
  f: FieldValue[];
  /** Index of record i's event line in `ev`, or -1. */
  evIdx: number[];
  ev: Record<string, unknown>[];
}

/** Empty columns. */
export function emptyColumns(): RecordColumns {
  return {
    r: [],
    sec: [],
    ns: [],
    frame: [],
    flow: [],
    src: [],
    dst: [],
    proto: [],
    fOff: [],
    f: [],
    evIdx: [],
    ev: [],
  };
}

/** Records in `c`. */
export function recordCount(c: RecordColumns): number {
  return c.r.length;
}

/** Appends one record (field values are pushed by the caller right after, into `c.f`). */
export function pushRecord(
  c: RecordColumns,
  r: number,
  sec: number,
  ns: number,
  frame: number,
  flow: string,
  src: string | null,
  dst: string | null,
  proto: string,
  ev: Record<string, unknown> | null,
): void {
  c.r.push(r);
  c.sec.push(sec);
  c.ns.push(ns);
  c.frame.push(frame);
  c.flow.push(flow);
  c.src.push(src);
  c.dst.push(dst);
  c.proto.push(proto);
  c.fOff.push(c.f.length);
  if (ev === null) c.evIdx.push(-1);
  else {
    c.evIdx.push(c.ev.length);
    c.ev.push(ev);
  }
}

/** Concatenates the columns of several engines. */
export function mergeColumns(list: readonly RecordColumns[]): RecordColumns {
  const out = emptyColumns();
  for (const c of list) {
    const fBase = out.f.length;
    const evBase = out.ev.length;
    for (let i = 0; i < c.r.length; i++) {
      out.r.push(c.r[i] as number);
      out.sec.push(c.sec[i] as number);
      out.ns.push(c.ns[i] as number);
      out.frame.push(c.frame[i] as number);
      out.flow.push(c.flow[i] as string);
      out.src.push(c.src[i] ?? null);
      out.dst.push(c.dst[i] ?? null);
      out.proto.push(c.proto[i] as string);
      out.fOff.push(fBase + (c.fOff[i] as number));
      const e = c.evIdx[i] as number;
      out.evIdx.push(e < 0 ? -1 : evBase + e);
    }
    for (const v of c.f) out.f.push(v);
    for (const e of c.ev) out.ev.push(e);
  }
  return out;
}

/** The records as objects (main thread, for correlation). */
export function toRecords(c: RecordColumns): MatchRecord[] {
  const n = c.r.length;
  const out: MatchRecord[] = new Array<MatchRecord>(n);
  for (let i = 0; i < n; i++) {
    const end = i + 1 < n ? (c.fOff[i + 1] as number) : c.f.length;
    const e = c.evIdx[i] as number;
    out[i] = {
      r: c.r[i] as number,
      sec: c.sec[i] as number,
      ns: c.ns[i] as number,
      frame: c.frame[i] as number,
      flow: c.flow[i] as string,
      src: c.src[i] ?? null,
      dst: c.dst[i] ?? null,
      proto: c.proto[i] as string,
      f: c.f.slice(c.fOff[i] as number, end),
      ev: e < 0 ? null : (c.ev[e] ?? null),
    };
  }
  return out;
}
