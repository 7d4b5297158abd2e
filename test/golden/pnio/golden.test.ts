// PN-IO CM golden scenarios: a whole AR life cycle and an implicit read, malformed PDUs on one
// flow, and non-PNIO traffic on UDP 34964, through the built CLI, event for event against the
// reviewed expected.jsonl.
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
  pnio?: Record<string, unknown>;
}

const scenarios = goldenScenarios('pnio');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['pnio'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('PN-IO golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: connect, write, PrmEnd, read, release and an implicit read, in order', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'pnio.write_record',
      'pnio.release',
    ]);
    const pdus = events.filter((e) => e.kind !== 'anomaly');
    expect(pdus.map((e) => `${e.kind} ${String(e.pnio?.operation)}`)).toEqual([
      'pnio.request connect',
      'pnio.response connect',
      'pnio.request write',
      'pnio.response write',
      'pnio.request control',
      'pnio.response control',
      'pnio.request read',
      'pnio.response read',
      'pnio.request release',
      'pnio.response release',
      'pnio.request read_implicit',
      'pnio.response read_implicit',
    ]);
    expect(
      pdus.every((e) => e.pnio?.pnio_status === undefined || e.pnio.pnio_status === 'ok'),
    ).toBe(true);
  });

  it('malformed: broken blocks, a short body, a cut datagram and an error status are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'pnio.malformed_block',
      'pnio.truncated',
      'pnio.truncated_datagram',
      'pnio.error_status',
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly')).toHaveLength(4);
  });

  it('negative: an endpoint-mapper call and text on UDP 34964 are not taken for PN-IO', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
