/**
 * Field access for rules: a rule names a field by its dotted path in `events.jsonl`
 * (`modbus.function_code`, `src_ip`, `anomaly.name`), and the {@link EventView} answers it from
 * whatever the engine has in hand, without building the event line:
 *
 * - a decoder event: envelope fields from the pipeline's reused {@link EventMeta}, protocol
 *   fields from the event object (its top-level keys are the line's protocol objects);
 * - a parsed line or a flow record (derived events, examples, `flows.jsonl` rows): the object.
 *
 * Arrays anywhere on a path fan out: a value matches when any element does (Sigma's list
 * semantics). Context fields `site.src_zone`, `site.dst_zone`, `site.src_level` and
 * `site.dst_level` come from the site model when one is loaded, computed once per event.
 * Learned fields come from what the analysis has seen so far, computed only for an event a
 * rule asks them of: `learned.src_reads`, the read requests the sender had sent the receiver
 * over this protocol before, and `learned.src_reading_s`, the seconds since the first of them
 * (a SCADA server that has polled a PLC for an hour reads it routinely; a host that writes
 * without ever having read does not).
 */
import { isoMicros } from '../../core/time.js';
import type { AppEvent } from '../../decode/decoder.js';
import type { EventMeta } from '../observer.js';

/** Envelope fields read from {@link EventMeta} (index into the switch of {@link EventView.value}). */
const ENVELOPE = [
  'ts',
  'frame',
  'proto',
  'kind',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'src_mac',
  'dst_mac',
  'flow',
  'transport',
] as const;

const SITE = ['site.src_zone', 'site.dst_zone', 'site.src_level', 'site.dst_level'] as const;

const LEARNED = ['learned.src_reads', 'learned.src_reading_s'] as const;

/** A field a rule reads, resolved once at compile time. */
export interface FieldRef {
  /** The dotted name as written in the rule. */
  readonly name: string;
  /** Path segments, and for each position the rest of the path joined (a key with dots). */
  readonly segs: readonly string[];
  readonly rest: readonly string[];
  /** Index in {@link ENVELOPE}, or -1. */
  readonly env: number;
  /** Index in {@link SITE}, or -1. */
  readonly site: number;
  /** Index in {@link LEARNED}, or -1. */
  readonly learned: number;
}

/** Resolves a field name. */
export function fieldRef(name: string): FieldRef {
  const segs = name.split('.');
  return {
    name,
    segs,
    rest: segs.map((_, i) => segs.slice(i).join('.')),
    env: (ENVELOPE as readonly string[]).indexOf(name),
    site: (SITE as readonly string[]).indexOf(name),
    learned: (LEARNED as readonly string[]).indexOf(name),
  };
}

/** A zone as the rules see it: its id and Purdue level (a site model's `Zone` is one). */
export interface ZoneInfo {
  readonly id: string;
  readonly purdue_level?: number | undefined;
}

/** Where the engine finds the zone of an address (the compiled site model). */
export interface SiteContext {
  /** The zone of a host; null when the model places it nowhere. */
  zoneOf(ip: string | null, mac: string): ZoneInfo | null;
}

/** Where the engine finds what the analysis learned so far (the asset tracker). */
export interface LearnedContext {
  /** Read requests of the event's sender to its receiver over its protocol so far. */
  readsBefore(meta: EventMeta): { count: number; first: number };
}

/** A test of one leaf value (never an array). */
export type LeafTest = (v: unknown) => boolean;

/** The last epoch given to a view. */
let epochs = 0;

/**
 * The event under evaluation. One instance per engine, reset for each event: evaluation
 * allocates nothing unless a rule asks for the timestamp text or site context.
 */
export class EventView {
  private meta: EventMeta | null = null;
  private event: AppEvent | null = null;
  private obj: Record<string, unknown> | null = null;
  /** The object is a flow record (`flows.jsonl`), not an event line. */
  private isFlow = false;
  private tsText: string | null = null;
  private prefixSec = -1;
  private prefix = '';
  private objSec = -1;
  private objNs = 0;
  private siteDone = false;
  private srcZone: ZoneInfo | null = null;
  private dstZone: ZoneInfo | null = null;
  private learnedDone = false;
  private reads = 0;
  private readingS = 0;

  /**
   * Changes with every event any view is pointed at (shared entry results are per epoch, so
   * epochs are unique across views).
   */
  epoch = 0;

  constructor(
    private readonly site: SiteContext | null = null,
    private readonly learned: LearnedContext | null = null,
  ) {}

  /** Points the view at a decoder event. */
  setMeta(meta: EventMeta, event: AppEvent): void {
    this.epoch = ++epochs;
    this.meta = meta;
    this.event = event;
    this.obj = null;
    this.isFlow = false;
    this.tsText = null;
    this.siteDone = false;
    this.learnedDone = false;
  }

  /** Points the view at an event line (parsed), or at a flow record when `flow` is set. */
  setObject(obj: Record<string, unknown>, flow = false): void {
    this.epoch = ++epochs;
    this.meta = null;
    this.event = null;
    this.obj = obj;
    this.isFlow = flow;
    this.tsText = null;
    this.objSec = -1;
    this.siteDone = false;
    this.learnedDone = false;
  }

  /** True when the view holds a flow record. */
  get flowRecord(): boolean {
    return this.isFlow;
  }

  /**
   * The current event as a line object (for evidence), built here on a match only. A flow
   * record gets the `frame` of its first packet first, as evidence lines carry one.
   */
  toLine(): Record<string, unknown> {
    if (this.obj !== null) return this.isFlow ? { frame: this.frame(), ...this.obj } : this.obj;
    const m = this.meta as EventMeta;
    const e = this.event as AppEvent;
    const line: Record<string, unknown> = {
      ts: this.ts(),
      frame: m.frame,
      proto: m.proto,
      kind: e.kind,
      transport: m.transport,
      src_ip: m.srcIp,
      src_port: m.transport === 'ether' ? null : m.srcPort,
      dst_ip: m.dstIp,
      dst_port: m.transport === 'ether' ? null : m.dstPort,
    };
    if (m.transport === 'ether') {
      line.src_mac = m.srcMac;
      line.dst_mac = m.dstMac;
    }
    line.flow = m.flow;
    for (const k in e) if (k !== 'kind' && e[k] !== undefined) line[k] = e[k];
    return line;
  }

  /** Capture time of the occurrence: whole seconds (0 when an object carries no parsable `ts`). */
  sec(): number {
    if (this.meta !== null) return this.meta.sec;
    this.parseObjTs();
    return this.objSec;
  }

  /** Nanoseconds within {@link sec}. */
  ns(): number {
    if (this.meta !== null) return this.meta.ns;
    this.parseObjTs();
    return this.objNs;
  }

  /** ISO 8601 time text of the occurrence (`ts`; '' when absent). */
  tsString(): string {
    if (this.meta !== null) return this.ts();
    const t = this.obj?.ts;
    return typeof t === 'string' ? t : '';
  }

  /** Frame of the occurrence (a flow record's first frame). */
  frame(): number {
    if (this.meta !== null) return this.meta.frame;
    const f = this.isFlow ? this.obj?.first_frame : this.obj?.frame;
    return typeof f === 'number' ? f : 0;
  }

  /** Sender and receiver addresses (a flow's initiator and responder). */
  srcIp(): string | null {
    if (this.meta !== null) return this.meta.srcIp;
    const v = this.obj?.src_ip;
    return typeof v === 'string' ? v : null;
  }

  dstIp(): string | null {
    if (this.meta !== null) return this.meta.dstIp;
    const v = this.obj?.dst_ip;
    return typeof v === 'string' ? v : null;
  }

  /** Protocol of the occurrence (a flow's service, else its transport). */
  proto(): string {
    if (this.meta !== null) return this.meta.proto;
    const o = this.obj as Record<string, unknown>;
    const v = this.isFlow ? (o.service ?? o.transport) : o.proto;
    return typeof v === 'string' ? v : '';
  }

  /** Flow id of the occurrence (a flow record's own id). */
  flowId(): string {
    if (this.meta !== null) return this.meta.flow;
    const o = this.obj as Record<string, unknown>;
    const v = this.isFlow ? o.id : o.flow;
    return typeof v === 'string' ? v : '';
  }

  private parseObjTs(): void {
    if (this.objSec >= 0) return;
    const t = parseTs(this.obj?.ts);
    this.objSec = t.sec;
    this.objNs = t.ns;
  }

  private ts(): string {
    if (this.tsText === null) {
      const m = this.meta as EventMeta;
      // Consecutive events share their second: format the date once per second.
      if (m.sec !== this.prefixSec) {
        const full = isoMicros(m.sec, 0);
        this.prefix = full.slice(0, full.length - 7);
        this.prefixSec = m.sec;
      }
      this.tsText = this.prefix + (Math.floor(m.ns / 1000) + 1_000_000).toString().slice(1) + 'Z';
    }
    return this.tsText;
  }

  private siteZones(): void {
    if (this.siteDone) return;
    this.siteDone = true;
    const site = this.site;
    if (site === null) {
      this.srcZone = this.dstZone = null;
      return;
    }
    const src = this.envValue(4);
    const dst = this.envValue(6);
    const srcMac = this.envValue(8);
    const dstMac = this.envValue(9);
    this.srcZone = site.zoneOf(
      typeof src === 'string' ? src : null,
      typeof srcMac === 'string' ? srcMac : '',
    );
    this.dstZone = site.zoneOf(
      typeof dst === 'string' ? dst : null,
      typeof dstMac === 'string' ? dstMac : '',
    );
  }

  /** Envelope field `i` of {@link ENVELOPE}. */
  private envValue(i: number): unknown {
    const m = this.meta;
    if (m === null) return this.obj?.[ENVELOPE[i] as string];
    switch (i) {
      case 0:
        return this.ts();
      case 1:
        return m.frame;
      case 2:
        return m.proto;
      case 3:
        return (this.event as AppEvent).kind;
      case 4:
        return m.srcIp;
      case 5:
        return m.transport === 'ether' ? null : m.srcPort;
      case 6:
        return m.dstIp;
      case 7:
        return m.transport === 'ether' ? null : m.dstPort;
      // The event line carries MAC addresses only for protocols over Ethernet.
      case 8:
        return m.transport === 'ether' ? m.srcMac : undefined;
      case 9:
        return m.transport === 'ether' ? m.dstMac : undefined;
      case 10:
        return m.flow;
      default:
        return m.transport;
    }
  }

  private siteValue(i: number): unknown {
    // Without a site model, a line that carries its own `site` object (a rule's examples, a
    // replayed line) answers for it, so rules on site context can be tested.
    if (this.site === null && this.obj !== null) {
      const own = this.obj.site;
      if (own === null || typeof own !== 'object') return undefined;
      return (own as Record<string, unknown>)[(SITE[i] as string).slice(5)];
    }
    this.siteZones();
    const z = i === 0 || i === 2 ? this.srcZone : this.dstZone;
    if (z === null) return undefined;
    return i < 2 ? z.id : z.purdue_level;
  }

  private learnedValue(i: number): unknown {
    // A line answers from its own `learned` object (a rule's examples, a replayed line); so
    // does a decoder event when nothing is learning (no asset tracker).
    if (this.meta === null || this.learned === null) {
      const own = this.obj?.learned;
      if (own === null || typeof own !== 'object') return undefined;
      return (own as Record<string, unknown>)[(LEARNED[i] as string).slice(8)];
    }
    if (!this.learnedDone) {
      this.learnedDone = true;
      const m = this.meta;
      const r = this.learned.readsBefore(m);
      this.reads = r.count;
      this.readingS = r.count > 0 ? Math.max(0, m.sec + m.ns / 1e9 - r.first) : 0;
    }
    return i === 0 ? this.reads : this.readingS;
  }

  /**
   * The value at a field: for a path through arrays, the first array met (callers that need
   * every element use {@link anyLeaf}).
   */
  value(f: FieldRef): unknown {
    if (f.site >= 0) return this.siteValue(f.site);
    if (f.learned >= 0) return this.learnedValue(f.learned);
    if (f.env >= 0 && this.meta !== null) return this.envValue(f.env);
    let cur: unknown = this.meta !== null ? this.event : this.obj;
    for (let i = 0; i < f.segs.length; i++) {
      // A list on the way: the list itself (the dispatcher then offers every rule of its node,
      // and the tests look into its elements through anyLeaf).
      if (Array.isArray(cur)) return cur;
      if (cur === null || typeof cur !== 'object') return undefined;
      const o = cur as Record<string, unknown>;
      const next = o[f.segs[i] as string];
      if (next === undefined && i < f.segs.length - 1) {
        const whole = o[f.rest[i] as string];
        if (whole !== undefined) return whole;
      }
      cur = next;
    }
    return cur;
  }

  /** True when `test` holds for the field's value or, through arrays, for any element of it. */
  anyLeaf(f: FieldRef, test: LeafTest): boolean {
    if (f.site >= 0) return test(this.siteValue(f.site));
    if (f.learned >= 0) return test(this.learnedValue(f.learned));
    if (f.env >= 0 && this.meta !== null) return test(this.envValue(f.env));
    return walk(this.meta !== null ? this.event : this.obj, f, 0, test);
  }

  /** True when the field is absent, null, an empty string or an empty list. */
  isEmpty(f: FieldRef): boolean {
    const v = this.value(f);
    return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  }

  /** True when `test` holds for some string or number anywhere in the event (keyword search). */
  anyValue(test: LeafTest): boolean {
    if (this.meta !== null) {
      for (let i = 0; i < ENVELOPE.length; i++) {
        const v = this.envValue(i);
        if (v !== undefined && v !== null && test(v)) return true;
      }
      // The event's `kind` was searched with the envelope.
      const e = this.event as AppEvent;
      for (const k in e) if (k !== 'kind' && deep(e[k], test, 1)) return true;
      return false;
    }
    return deep(this.obj, test, 0);
  }
}

/** Deepest nesting a keyword search or path walk descends (events are shallow; lines are hostile). */
const MAX_DEPTH = 32;

function walk(cur: unknown, f: FieldRef, i: number, test: LeafTest): boolean {
  if (Array.isArray(cur)) {
    if (i > MAX_DEPTH) return false;
    for (const el of cur) if (walk(el, f, i, test)) return true;
    return false;
  }
  if (i === f.segs.length) return test(cur);
  if (cur === null || typeof cur !== 'object') return test(undefined);
  const o = cur as Record<string, unknown>;
  const next = o[f.segs[i] as string];
  if (next === undefined && i < f.segs.length - 1) {
    const whole = o[f.rest[i] as string];
    if (whole !== undefined) return walk(whole, f, f.segs.length, test);
  }
  return walk(next, f, i + 1, test);
}

function deep(v: unknown, test: LeafTest, depth: number): boolean {
  if (v === null || v === undefined || depth > MAX_DEPTH) return false;
  if (typeof v !== 'object') return test(v);
  if (Array.isArray(v)) {
    for (const el of v) if (deep(el, test, depth + 1)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (deep(o[k], test, depth + 1)) return true;
  return false;
}

/** Seconds and nanoseconds of an ISO 8601 `ts` (microseconds kept); 0 when absent or invalid. */
export function parseTs(ts: unknown): { sec: number; ns: number } {
  if (typeof ts !== 'string') return { sec: 0, ns: 0 };
  const ms = Date.parse(ts);
  if (!Number.isFinite(ms)) return { sec: 0, ns: 0 };
  const sec = Math.floor(ms / 1000);
  const frac = /\.(\d{1,9})/.exec(ts)?.[1];
  const ns = frac !== undefined ? Number(frac.padEnd(9, '0')) : (ms - sec * 1000) * 1e6;
  return { sec, ns };
}
