// The engine hands frames carried directly over Ethernet to the decoders of their EtherType,
// one decoder state per (MAC pair, VLAN, EtherType) stream, with MAC addresses in the envelope.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSource } from '../capture/index.js';
import { OK, type AppDecoder } from '../decode/decoder.js';
import { SHARED_PCAPS, haveSharedPcaps } from '../../test/helpers/shared.js';
import { Engine } from './engine.js';

/** A minimal EtherType decoder for the dispatch test: one event per frame, with a per-stream count. */
const gooseCounter: AppDecoder<{ n: number }> = {
  id: 'goosecount',
  transport: 'ether',
  defaultPorts: [],
  etherTypes: [0x88b8],
  anomalies: {},
  probe: (data) => (data.length >= 8 ? 'match' : 'no_match'),
  createState: () => ({ n: 0 }),
  parse(state, data, _dir, sink) {
    state.n++;
    // GOOSE header: APPID (2), length (2), reserved (4).
    sink.emit({
      kind: 'goosecount.frame',
      goosecount: { appid: (data[0]! << 8) | data[1]!, length: data.length, seen: state.n },
    });
    return OK;
  },
};

describe('EtherType dispatch', () => {
  it('decodes GOOSE frames of a real capture by EtherType, per publisher stream', async () => {
    if (!haveSharedPcaps()) return;
    const lines: string[] = [];
    const engine = new Engine(
      { decoders: [gooseCounter] },
      { event: (l) => lines.push(l), flow: () => undefined },
    );
    engine.beginCapture(1);
    const file = path.join(SHARED_PCAPS, 'iec61850/goose/Sample_File_GOOSE.pcap');
    const res = await new FileSource(file).read((f) => engine.frame(f));
    engine.finishCapture();
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.length).toBeGreaterThan(100);
    expect(events.length).toBe(engine.report().decoders.goosecount?.events);
    const byStream = new Map<string, Record<string, unknown>[]>();
    for (const e of events) {
      expect(e).toMatchObject({
        proto: 'goosecount',
        kind: 'goosecount.frame',
        transport: 'ether',
        src_ip: null,
        dst_ip: null,
      });
      expect(e.src_mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(e.dst_mac).toMatch(/^01:0c:cd:/); // GOOSE multicast range (IEC 61850-8-1 Annex B)
      const list = byStream.get(e.flow as string) ?? [];
      list.push(e);
      byStream.set(e.flow as string, list);
    }
    // Each stream's state counts its own frames from 1, and the stream id names its first frame.
    for (const [id, list] of byStream) {
      expect(list.map((e) => (e.goosecount as { seen: number }).seen)).toEqual(
        list.map((_, i) => i + 1),
      );
      expect(id).toBe(`1:${String(list[0]?.frame)}`);
      expect(new Set(list.map((e) => `${String(e.src_mac)} ${String(e.dst_mac)}`)).size).toBe(1);
    }
    expect(res.frames).toBeGreaterThanOrEqual(events.length);
  });
});

describe('recognition only', () => {
  /** Flow lines and the Modbus events counted, decoding every PDU or stopping at recognition. */
  async function run(recognizeOnly: boolean): Promise<{ flows: string[]; events: number }> {
    const { DECODERS } = await import('../decode/registry.js');
    const flows: string[] = [];
    const engine = new Engine(
      { decoders: DECODERS, eventLines: false, recognizeOnly },
      { event: () => undefined, flow: (l) => flows.push(l) },
    );
    engine.beginCapture(1);
    const file = path.join(SHARED_PCAPS, 'modbus/modbus-and-non-modbus-p502.pcap');
    await new FileSource(file).read((f) => engine.frame(f));
    engine.finishCapture();
    return { flows, events: engine.report().decoders.modbus?.events ?? 0 };
  }

  it('gives every flow the service full decoding gives, and stops decoding there', async () => {
    if (!haveSharedPcaps()) return;
    const full = await run(false);
    const rec = await run(true);
    const service = (l: string): string => /"service":"([^"]*)"/.exec(l)?.[1] ?? '';
    // Modbus flows and flows of other protocols on port 502 the probe refuses, both kinds.
    expect(full.flows.map(service)).toContain('modbus');
    expect(full.flows.map(service)).toContain('');
    expect(rec.flows.map(service)).toEqual(full.flows.map(service));
    expect(rec.events).toBeGreaterThan(0);
    expect(rec.events).toBeLessThan(full.events);
  });
});
