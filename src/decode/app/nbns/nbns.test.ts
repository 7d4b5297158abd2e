/** NBNS decoder: names, records, node status, pairing, anomalies, probe, fuzz. */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../test/helpers/prng.js';
import { DEFAULT_LIMITS, Direction } from '../../decoder.js';
import type { AppEvent, DecodeSink, ParseStatus } from '../../decoder.js';
import type { NbnsFields } from './events.js';
import { fixtures } from './fixtures.js';
import { NBNS_ANOMALIES, nbnsDecoder } from './index.js';
import { NAME_BAD_LABEL, NAME_OK, nameResult, readNetbiosName } from './names.js';

const C = Direction.TO_SERVER;
const S = Direction.TO_CLIENT;

interface NbnsEvent {
  kind: string;
  nbns: NbnsFields;
}

class Sink implements DecodeSink {
  events: NbnsEvent[] = [];
  anomalies: string[] = [];
  emit(e: AppEvent): void {
    this.events.push(e as unknown as NbnsEvent);
  }
  anomaly(name: string): void {
    this.anomalies.push(name);
  }
  confirm(): void {}
}

function fx(name: string): Uint8Array {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f.bytes;
}

function session() {
  const state = nbnsDecoder.createState(DEFAULT_LIMITS);
  const sink = new Sink();
  return {
    sink,
    parse: (dir: Direction, bytes: Uint8Array): ParseStatus =>
      nbnsDecoder.parse(state, bytes, dir, sink),
  };
}

/** First-level encodes a 15-character name and suffix ([RFC1001] 14.1). */
function encode(name: string, suffix: number): string {
  const b = [...name.padEnd(15, ' ')].map((c) => c.charCodeAt(0));
  b.push(suffix);
  return b.map((x) => ((0x41 + (x >> 4)) * 256 + 0x41 + (x & 15)).toString(16)).join('');
}

describe('nbns names', () => {
  it('decodes first-level encoding, the suffix and a scope', () => {
    const h = `20${encode('FILESRV', 0x20)}04636f7270036c616e00`;
    const d = Uint8Array.from(Buffer.from(h, 'hex'));
    expect(readNetbiosName(d, 0, d.length, true)).toBe(NAME_OK);
    expect(nameResult.name).toBe('FILESRV');
    expect(nameResult.suffix).toBe(0x20);
    expect(nameResult.scope).toBe('corp.lan');
    expect(nameResult.display).toBe('FILESRV<20>.corp.lan');
    expect(nameResult.next).toBe(d.length);
  });
  it('shows non-printable bytes as <xx> (__MSBROWSE__)', () => {
    const d = fx('refresh');
    expect(readNetbiosName(d, 12, d.length, true)).toBe(NAME_OK);
    expect(nameResult.display).toBe('<01><02>__MSBROWSE__<02><01>');
  });
  it('refuses a forward pointer', () => {
    const d = Uint8Array.from([0xc0, 0x02, 0x00]);
    expect(readNetbiosName(d, 0, d.length, true)).toBe(NAME_BAD_LABEL);
  });
});

describe('nbns messages', () => {
  it('decodes a node status response: name table and MAC address', () => {
    const s = session();
    s.parse(C, fx('nbstat-query'));
    s.parse(S, fx('nbstat-response'));
    expect(s.sink.anomalies).toEqual([]);
    const [q, r] = s.sink.events;
    expect(q?.kind).toBe('nbns.request');
    expect(q?.nbns.questions[0]?.type_name).toBe('NBSTAT');
    expect(r?.kind).toBe('nbns.response');
    const rec = r?.nbns.records[0];
    expect(rec?.unit_id).toBe('00:50:56:23:45:59');
    expect(rec?.node_names?.map((n) => n.name)).toEqual([
      '3B<00>',
      '01566S-WIN16-IR<00>',
      '3B<1c>',
      '01566S-WIN16-IR<20>',
      '3B<1b>',
    ]);
    expect(rec?.node_names?.[0]).toMatchObject({ group: true, active: true, node_type: 'B' });
    expect(rec?.node_names?.[2]?.suffix_name).toBe('domain_controllers');
  });
  it('decodes a query and its positive response with the address', () => {
    const s = session();
    s.parse(C, fx('name-query-broadcast'));
    s.parse(S, fx('positive-query-response'));
    const [q, r] = s.sink.events;
    expect(q?.nbns).toMatchObject({
      opcode_name: 'query',
      broadcast: true,
      rd: true,
      name: 'CONTROLL-F7B112<20>',
      netbios_name: 'CONTROLL-F7B112',
      suffix_name: 'server',
    });
    expect(r?.nbns.records[0]).toMatchObject({ ttl: 300000, section: 'answer' });
    expect(r?.nbns.records[0]?.addresses).toEqual([
      { address: '192.168.1.104', group: false, node_type: 'B' },
    ]);
    expect(s.sink.anomalies).toEqual([]);
  });
  it('decodes a registration: the group name and the address claiming it', () => {
    const s = session();
    s.parse(C, fx('registration'));
    const e = s.sink.events[0];
    expect(e?.nbns).toMatchObject({ opcode_name: 'registration', name: 'WORKGROUP<1e>' });
    expect(e?.nbns.records[0]).toMatchObject({ section: 'additional', name: 'WORKGROUP<1e>' });
    expect(e?.nbns.records[0]?.addresses?.[0]).toEqual({
      address: '192.168.198.203',
      group: true,
      node_type: 'H',
    });
  });
  it('names a refresh', () => {
    const s = session();
    s.parse(C, fx('refresh'));
    expect(s.sink.events[0]?.nbns.opcode_name).toBe('refresh');
  });
});

describe('nbns anomalies', () => {
  it('raises the conversation fixtures’ anomalies in order', () => {
    const s = session();
    for (const f of fixtures) s.parse(f.dir, f.bytes);
    expect(s.sink.anomalies).toEqual([
      'nbns.name_conflict',
      'nbns.unmatched_response',
      'nbns.bad_name_encoding',
      'nbns.bad_label',
      'nbns.unmatched_response',
      'nbns.truncated_message',
    ]);
  });
  it('does not flag a response on a flow without requests (broadcast query answered elsewhere)', () => {
    const s = session();
    s.parse(S, fx('positive-query-response'));
    expect(s.sink.anomalies).toEqual([]);
  });
  it('rejects a first datagram that is not NBNS', () => {
    const s = session();
    const st = s.parse(
      C,
      Uint8Array.from(
        Buffer.from('000001000001000000000000076578616d706c6503636f6d0000010001', 'hex'),
      ),
    );
    expect(st).toEqual({ kind: 'reject', anomaly: 'nbns.not_nbns' });
  });
  it('every anomaly raised is declared', () => {
    const declared = new Set(Object.keys(NBNS_ANOMALIES));
    const s = session();
    for (const f of fixtures) s.parse(f.dir, f.bytes);
    for (const a of s.sink.anomalies) expect(declared.has(a)).toBe(true);
  });
});

describe('nbns probe and fuzz', () => {
  it('matches its normal fixtures', () => {
    for (const f of fixtures.filter((x) => x.role === 'normal'))
      expect(nbnsDecoder.probe(f.bytes, f.dir)).toBe('match');
  });
  it('survives 20,000 mutated datagrams', () => {
    const rng = new Prng(0x4e424e53);
    const s = session();
    for (const f of fixtures) s.parse(f.dir, f.bytes);
    for (let i = 0; i < 20_000; i++) {
      const base = (fixtures[rng.int(fixtures.length)] as (typeof fixtures)[number]).bytes;
      const b = Uint8Array.from(base);
      for (let k = 0; k < 1 + rng.int(4); k++) b[rng.int(b.length)] = rng.int(256);
      expect(() =>
        s.parse(rng.int(2) as Direction, b.subarray(0, rng.int(b.length + 1))),
      ).not.toThrow();
    }
  });
});
