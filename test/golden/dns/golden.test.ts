// DNS golden scenarios: LLMNR, NBNS and DNS TXT command-and-control traffic plus an mDNS
// browse, crafted malformed messages, and non-DNS traffic on DNS ports, through the built CLI,
// event for event against the reviewed expected.jsonl.
import { describe, expect, it } from 'vitest';
import {
  goldenBasics,
  goldenScenarios,
  runGolden,
  scenarioNamed,
  type GoldenScenario,
} from '../../helpers/golden.js';

interface Line {
  kind: string;
  frame: number;
  anomaly?: { name: string };
  dns?: Record<string, unknown>;
}

const scenarios = goldenScenarios('dns');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['dns'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('DNS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: LLMNR and DNS queries paired with their answers, TXT payloads sized, mDNS questions split', () => {
    const events = parse(run(scenario('normal')).actual);
    const msgs = events.filter((e) => e.kind !== 'anomaly');
    // NBNS (UDP 137) shares the format and is left alone.
    expect(msgs.some((e) => String(e.dns?.qname).toLowerCase().includes('workgroup'))).toBe(false);
    const txt = msgs.filter((e) => e.dns?.qtype_name === 'TXT' && e.kind === 'dns.response');
    expect(txt.length).toBeGreaterThan(3);
    expect(txt.every((e) => e.dns?.paired === true && Number(e.dns.txt_bytes) > 0)).toBe(true);
    expect(msgs.filter((e) => e.dns?.qname === 'isatap').length).toBeGreaterThan(4);
    const mdns = msgs.filter((e) => e.frame === msgs[msgs.length - 1]?.frame);
    expect(mdns.map((e) => e.kind)).toEqual([
      'dns.query',
      ...Array<string>(8).fill('dns.question'),
    ]);
  });

  it('malformed: loops, wild pointers, cut sections, bad labels, AXFR, ANY and a tunnel are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'dns.compression_loop',
      'dns.malformed_name',
      'dns.truncated_message',
      'dns.zone_transfer',
      'dns.any_query',
      'dns.long_name',
      'dns.high_entropy_name',
      'dns.truncated_response',
      'dns.malformed_name',
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly')).toHaveLength(9);
  });

  it('negative: NBNS, text and zero bytes on UDP 53, SSH on TCP 53 give no DNS event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
