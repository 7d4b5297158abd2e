// PROFINET RT golden scenarios: a DCP IP change with cyclic, alarm and PTCP frames, malformed
// DCP and alarm frames on one stream, and streams that are not PROFINET RT, through the built
// CLI, event for event against the reviewed expected.jsonl.
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
  profinet?: Record<string, unknown>;
}

const scenarios = goldenScenarios('profinet');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['profinet'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('PROFINET golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: Identify, Set IP flagged, cyclic streams summarised, alarm and PTCP named', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'profinet.dcp_set_ip',
      'profinet.rt_status_problem',
    ]);
    expect(events.filter((e) => e.kind === 'profinet.dcp').map((e) => e.profinet?.service)).toEqual(
      ['identify', 'identify', 'set', 'set'],
    );
    const cyclic = events.filter((e) => e.kind === 'profinet.rt_cyclic');
    // 12 cyclic frames of two FrameIDs: one summary each (status constant).
    expect(cyclic.map((e) => e.profinet?.frame_id)).toEqual([0xc002, 0xc000]);
    expect(events.filter((e) => e.kind === 'profinet.alarm')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'profinet.ptcp')).toHaveLength(1);
  });

  it('malformed: each broken frame is named and the stream goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'profinet.dcp_set_ip',
      'profinet.dcp_signal',
      'profinet.dcp_factory_reset',
      'profinet.malformed_block',
      'profinet.truncated',
      'profinet.reserved_frame_id',
      'profinet.malformed_block',
      'profinet.dcp_block_error',
    ]);
    expect(events.filter((e) => e.kind !== 'anomaly')).toHaveLength(7);
  });

  it('negative: streams whose first frame is not PROFINET RT give no events', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
