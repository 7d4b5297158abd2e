// OPC UA golden scenarios: sessions on None channels (anonymous, user name with Write and Call),
// an encrypted channel, a malformed Call, a capture with gaps, and non-OPC UA traffic on TCP
// 4840, through the built CLI, event for event against the reviewed expected.jsonl.
import { existsSync } from 'node:fs';
import path from 'node:path';
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
  anomaly?: { name: string };
  opcua?: Record<string, unknown>;
}

const scenarios = goldenScenarios('opcua');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> =>
  runGolden(s, { protos: ['opcua'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);
const anomalies = (events: Line[]): (string | undefined)[] =>
  events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
const services = (events: Line[]): unknown[] =>
  events.filter((e) => e.opcua?.service_name !== undefined).map((e) => e.opcua?.service_name);

// The three scenarios every protocol has, plus three of OPC UA's own.
const BASIC = ['malformed', 'negative', 'normal'];

describe('OPC UA golden scenarios', () => {
  goldenBasics(
    scenarios.filter((s) => BASIC.includes(s.name)),
    run,
  );

  it.each(scenarios.filter((s) => !BASIC.includes(s.name)).map((s) => [s.name, s] as const))(
    '%s: events equal expected.jsonl',
    (_n, s) => {
      expect(existsSync(path.join(s.dir, 'README.md'))).toBe(true);
      const r = run(s);
      expect(r.status, r.stderr).toBe(0);
      expect(r.actual).toEqual(r.expected);
    },
  );

  it('normal: a whole anonymous session on a None channel, HEL to CLO', () => {
    const events = parse(run(scenario('normal')).actual);
    expect(anomalies(events)).toEqual(['opcua.security_none', 'opcua.anonymous_session']);
    expect(events.filter((e) => e.kind !== 'anomaly').map((e) => e.opcua?.msg_type)).toEqual([
      'HEL',
      'ACK',
      'OPN',
      'OPN',
      ...Array<string>(12).fill('MSG'),
      'CLO',
    ]);
    expect(services(events)).toContain('BrowseRequest');
    expect(events.every((e) => e.opcua?.encrypted !== true)).toBe(true);
  });

  it('username-write-call: cleartext password, Write and Call flagged, no password copied', () => {
    const r = run(scenario('username-write-call'));
    const events = parse(r.actual);
    const names = anomalies(events);
    expect(names.slice(0, 2)).toEqual(['opcua.security_none', 'opcua.cleartext_password']);
    expect(names).toContain('opcua.write_request');
    expect(names).toContain('opcua.call_request');
    expect(r.actual.join('\n')).not.toContain('"password"');
    const write = events.find((e) => e.opcua?.service_name === 'WriteRequest');
    expect(write?.opcua?.attributes).toEqual([
      {
        node_id: 'ns=1;s=the.answer',
        attribute_id: 13,
        attribute: 'Value',
        value: { type: 'Int32', value: 1 },
      },
    ]);
  });

  it('encrypted: a Basic128Rsa15 channel gives metadata only', () => {
    const events = parse(run(scenario('encrypted')).actual);
    const secure = events.filter((e) => ['OPN', 'MSG', 'CLO'].includes(String(e.opcua?.msg_type)));
    expect(secure.length).toBeGreaterThan(10);
    expect(secure.every((e) => e.opcua?.encrypted === true)).toBe(true);
    expect(secure.some((e) => e.opcua?.sequence_number !== undefined)).toBe(false);
    expect(secure[0]?.opcua?.security_policy_uri).toBe(
      'http://opcfoundation.org/UA/SecurityPolicy#Basic128Rsa15',
    );
    expect(anomalies(events)).toEqual([]);
  });

  it('malformed: a Call request with broken arguments, then the server closes with an error', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(anomalies(events)).toEqual([
      'opcua.security_none',
      'opcua.anonymous_session',
      'opcua.malformed_message',
      'opcua.call_request',
      'opcua.error_message',
    ]);
    const err = events.find((e) => e.kind === 'opcua.error');
    expect(err?.opcua?.error_name).toBe('BadDecodingError');
  });

  it('capture-gap: the CreateSessionResponse spread over retransmitted segments is decoded', () => {
    const events = parse(run(scenario('capture-gap')).actual);
    const res = events.find((e) => e.opcua?.service_name === 'CreateSessionResponse');
    expect(res?.opcua?.message_size).toBe(13990);
    expect(res?.opcua?.service_result_name).toBe('Good');
    expect(services(events)).toContain('ReadResponse');
  });

  it('negative: scanners probing TCP 4840 are not taken for OPC UA', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });
});
