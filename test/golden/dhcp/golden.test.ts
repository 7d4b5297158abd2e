// DHCP golden scenarios: a PLC module's DISCOVER/OFFER/REQUEST/ACK and a plain BOOTP exchange,
// crafted malformed messages with a rogue second server, and non-BOOTP datagrams on UDP 67/68,
// through the built CLI, event for event against the reviewed expected.jsonl.
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
  dhcp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('dhcp');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['dhcp'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('DHCP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: the four-message exchange, the fingerprint and the assigned address', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(events.map((e) => e.dhcp?.message_type_name ?? null)).toEqual([
      'discover',
      'offer',
      'request',
      'ack',
      null,
      null,
    ]);
    expect(events[0]?.dhcp?.param_request_list).toEqual([1, 3, 28, 6]);
    expect(events[3]?.dhcp?.yiaddr).toBe('192.168.10.131');
    // The BOOTP reply of frame 3359 names the ControlLogix module it configures.
    expect(events[5]?.dhcp?.hostname).toBe('ConLgxEIP');
  });

  it('malformed: a rogue second server, a swallowed end option, bad lengths and a short datagram are named', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'dhcp.multiple_servers',
      'dhcp.missing_end',
      'dhcp.unknown_message_type',
      'dhcp.malformed_option',
      'dhcp.truncated_message',
    ]);
  });

  it('negative: text and impossible BOOTP headers on UDP 67 give no DHCP event', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
