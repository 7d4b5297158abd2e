// DCE/RPC golden scenarios: psexec's endpoint-mapper lookup and NTLM-sealed svcctl session and
// the Zerologon attempts, a malformed endpoint-mapper session and non-DCE/RPC traffic on TCP 135,
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
  frame: number;
  anomaly?: { name: string };
  dcerpc?: Record<string, unknown>;
  ntlmssp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('dcerpc');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['dcerpc'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('DCE/RPC golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: ept_map gives svcctl on 49688, then a sealed svcctl session names every call', () => {
    const events = parse(run(scenario('normal')).actual).filter((e) => e.frame <= 25);
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const map = events.find(
      (e) => e.kind === 'dcerpc.response' && e.dcerpc?.operation === 'ept_map',
    );
    expect(map?.dcerpc?.epm_towers).toEqual([
      {
        interface_uuid: '367abb81-9844-35f1-ad32-98f038001003',
        interface_name: 'svcctl',
        protseq: 'ncacn_ip_tcp',
        port: 49688,
        ip: '172.16.66.36',
      },
    ]);
    const auth3 = events.find((e) => e.kind === 'dcerpc.auth3');
    expect(auth3?.ntlmssp).toMatchObject({
      message_type: 'authenticate',
      user: 'backdoor',
      domain: '3B',
    });
    const calls = events.filter((e) => e.kind === 'dcerpc.request').map((e) => e.dcerpc?.operation);
    expect(calls).toEqual([
      'ept_map',
      'ROpenSCManagerW',
      'RCreateServiceWOW64W',
      'RCloseServiceHandle',
      'ROpenServiceW',
      'RStartServiceW',
      'RQueryServiceStatus',
      'RQueryServiceStatus',
      'RCloseServiceHandle',
      'RCloseServiceHandle',
    ]);
    expect(
      events
        .filter((e) => e.dcerpc?.interface_name === 'svcctl' && e.kind !== 'dcerpc.bind')
        .every(
          (e) =>
            e.kind === 'dcerpc.bind_ack' ||
            e.kind === 'dcerpc.auth3' ||
            e.dcerpc?.stub_encrypted === true,
        ),
    ).toBe(true);
  });

  it('normal: every zero-credential Netlogon call of Zerologon is flagged', () => {
    const events = parse(run(scenario('normal')).actual).filter((e) => e.frame > 25);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.frame)).toEqual([
      32, 34, 42, 44,
    ]);
    expect(
      events
        .filter((e) => e.dcerpc?.netlogon_zero_credential === true)
        .map((e) => e.dcerpc?.operation),
    ).toEqual([
      'NetrServerReqChallenge',
      'NetrServerAuthenticate3',
      'NetrServerReqChallenge',
      'NetrServerAuthenticate3',
    ]);
  });

  it('malformed: each broken PDU is named, decoding goes on until framing is lost', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'dcerpc.bind_rejected',
      'dcerpc.malformed_pdu',
      'dcerpc.invalid_auth_length',
      'dcerpc.unknown_context',
      'dcerpc.fault',
      'dcerpc.fragment_out_of_order',
      'dcerpc.invalid_header',
    ]);
    // The ept_map request after the broken bytes is not decoded: the direction lost framing.
    expect(events.filter((e) => e.kind !== 'anomaly')).toHaveLength(8);
  });

  it('negative: HTTP and connectionless DCE/RPC on TCP 135 are not taken for DCE/RPC', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
