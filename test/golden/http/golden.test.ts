// HTTP golden scenarios: real curl / Python http.server traffic on 127.0.0.1 (pipelining,
// chunked bodies, HEAD / 304 / 204, 100 Continue, Basic and NTLM authentication, a WebSocket
// upgrade, a CONNECT tunnel, SSDP, an off-port server), hostile requests and responses, and
// non-HTTP traffic on HTTP ports, through the built CLI, event for event against the reviewed
// expected.jsonl.
import { describe, expect, it } from 'vitest';
import {
  goldenBasics,
  goldenScenarios,
  runGolden,
  scenarioNamed,
  type GoldenScenario,
} from '../../helpers/golden.js';

interface Line {
  frame: number;
  kind: string;
  anomaly?: { name: string };
  http?: Record<string, unknown>;
  ntlmssp?: Record<string, unknown>;
}

const scenarios = goldenScenarios('http');
// One CLI run per scenario, shared by the checks.
const runs = new Map<string, ReturnType<typeof runGolden>>();
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => {
  const r = runs.get(s.name) ?? runGolden(s, { protos: ['http'] });
  runs.set(s.name, r);
  return r;
};
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('HTTP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every request paired, tunnels, credentials masked', () => {
    const r = run(scenario('normal'));
    const events = parse(r.actual);
    const requests = events.filter((e) => e.kind === 'http.request');
    const responses = events.filter((e) => e.kind === 'http.response');
    expect(requests.map((e) => e.http?.method)).toEqual([
      'GET',
      'HEAD',
      'GET',
      'GET',
      'GET',
      'POST',
      'POST',
      'GET',
      'GET',
      'GET',
      'GET',
      'HEAD',
      'GET',
      'GET',
      'GET',
      'GET',
      'CONNECT',
      'M-SEARCH',
    ]);
    // Every TCP response pairs with a request (the SSDP answer is a datagram of its own).
    expect(responses.filter((e) => e.http?.paired === false)).toEqual([]);
    expect(events.filter((e) => e.kind === 'http.tunnel').map((e) => e.http?.tunnel)).toEqual([
      'upgrade',
      'connect',
    ]);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'http.cleartext_credentials',
    ]);
    expect(events.find((e) => e.ntlmssp?.message_type === 'authenticate')?.ntlmssp).toMatchObject({
      user: 'bob',
      domain: 'CORP',
      workstation: 'WORKSTATION',
    });
    expect(r.actual.join('\n')).not.toMatch(/s3cret|Passw0rd|secret-value|abc123/);
  });

  it('malformed: each hostile message is named, and decoding goes on', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'http.content_length_with_transfer_encoding',
      'http.conflicting_content_length',
      'http.bad_chunk_size',
      'http.header_line_too_long',
      'http.too_many_headers',
      'http.header_section_too_long',
      'http.duplicate_host',
      'http.malformed_header',
      'http.malformed_header',
      'http.bad_content_length',
      'http.not_http',
      'http.bad_transfer_encoding',
      'http.response_without_request',
      'http.bad_chunk_size',
    ]);
    expect(events.filter((e) => e.kind === 'http.request')).toHaveLength(12);
  });

  it('negative: TLS, SSH, RTSP, HTTP/2, FTP and HTTP/3-looking text on HTTP ports are not HTTP', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
