// NBNS golden scenarios: real name queries, registrations, refreshes, releases and a node status
// exchange from the shared captures; crafted conflict, unmatched, badly encoded, looping and
// truncated messages; and non-NBNS datagrams on UDP 137, through the built CLI, event for event
// against the reviewed expected.jsonl.
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
  anomaly?: { name: string };
  nbns?: {
    opcode_name: string;
    name?: string;
    records: { unit_id?: string; node_names?: { name: string }[] }[];
  };
}

const scenarios = goldenScenarios('nbns');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['nbns'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('NBNS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every NBNS frame decodes, names and the node status MAC address come out', () => {
    const events = parse(run(scenario('normal')).actual);
    const nbns = events.filter((e) => e.kind !== 'anomaly');
    expect(nbns).toHaveLength(45);
    const ops = new Set(nbns.map((e) => e.nbns?.opcode_name));
    expect([...ops].sort()).toEqual(['query', 'refresh', 'registration']);
    const status = nbns.find((e) => e.nbns?.records[0]?.unit_id !== undefined);
    expect(status?.nbns?.records[0]?.unit_id).toBe('00:50:56:23:45:59');
    expect(status?.nbns?.records[0]?.node_names?.map((n) => n.name)).toContain(
      '01566S-WIN16-IR<20>',
    );
  });

  it('malformed: conflict, unmatched response, bad encoding, loop and truncation are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      // The conflict response answers a registration this flow never carried.
      'nbns.unmatched_response',
      'nbns.name_conflict',
      'nbns.unmatched_response',
      'nbns.bad_name_encoding',
      'nbns.bad_label',
      'nbns.unmatched_response',
      'nbns.truncated_message',
    ]);
  });

  it('negative: text, zeros and all-ones datagrams on UDP 137 give no NBNS event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
