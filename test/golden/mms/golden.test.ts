// MMS golden scenarios: a normal IEC 61850 association (initiate, attribute and read requests,
// an error, conclude and release) plus an identify/status exchange; malformed and
// attack-relevant traffic (a malformed ACCEPT, a bare-COTP kill, an operate, a file deletion, a
// data set definition, an unsolicited response, a truncated read, an abort); and non-MMS
// traffic (MMSE over HTTP, S7comm on TCP 102), through the built CLI, event for event against
// the reviewed expected.jsonl.
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
  proto: string;
  frame: number;
  anomaly?: { name: string };
  mms?: Record<string, unknown>;
}

const scenarios = goldenScenarios('mms');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['mms'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('MMS golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: the association is decoded layer by layer, PDU by PDU', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'mms.error_response',
    ]);
    const pdus = events.filter((e) => e.kind !== 'anomaly' && e.kind !== 'mms.cotp');
    expect(pdus.map((e) => [e.mms?.pdu ?? e.mms?.acse_pdu, e.mms?.service_name])).toEqual([
      ['initiate_request', undefined],
      ['initiate_response', undefined],
      ['confirmed_request', 'get_variable_access_attributes'],
      ['confirmed_error', 'get_variable_access_attributes'],
      ['confirmed_request', 'read'],
      ['confirmed_response', 'read'],
      ['conclude_request', undefined],
      ['conclude_response', undefined],
      ['rlrq', undefined],
      ['rlre', undefined],
      ['initiate_request', undefined],
      ['initiate_response', undefined],
      ['confirmed_request', 'identify'],
      ['confirmed_response', 'identify'],
      ['confirmed_request', 'status'],
    ]);
  });

  it('malformed: broken layers are named and the attack-relevant services flagged', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      // iec61850_write.pcap: ACCEPT overrunning its TSDU, write response without a service
      'mms.invalid_spdu',
      'mms.variable_write',
      'mms.invalid_pdu',
      'mms.invalid_pdu',
      // mms-killRequest.pcap: a CC cut to one byte, then the server's stream unframed
      'mms.invalid_cotp',
      'mms.invalid_tpkt',
      'mms.program_control',
      // the fixtures' connection
      'mms.control_operation',
      'mms.variable_list_change',
      'mms.reject',
      'mms.file_change',
      'mms.error_response',
      'mms.unsolicited_response',
      'mms.invalid_pdu',
      'mms.association_rejected',
      'mms.association_abort',
    ]);
  });

  it('negative: MMSE over HTTP and S7comm on TCP 102 are not taken for MMS', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
