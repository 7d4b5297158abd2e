// LDAP golden scenarios: OpenLDAP traffic of every operation plus an Active Directory LDAP ping
// over CLDAP, malformed messages on a confirmed flow, and non-LDAP traffic on the LDAP ports,
// through the built CLI, event for event against the reviewed expected.jsonl; and the signed
// SASL traffic of the shared DCShadow capture.
import { describe, expect, it } from 'vitest';
import {
  goldenBasics,
  goldenScenarios,
  runGolden,
  scenarioNamed,
  type GoldenScenario,
} from '../../helpers/golden.js';
import { REQUIRE, SHARED_PCAPS, haveSharedPcaps, runCli } from '../../helpers/shared.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DCSHADOW } from './with-bind.js';

interface Line {
  kind: string;
  proto: string;
  frame: number;
  anomaly?: { name: string };
  ldap?: Record<string, unknown>;
}

const scenarios = goldenScenarios('ldap');
const run = (s: GoldenScenario): ReturnType<typeof runGolden> => runGolden(s, { protos: ['ldap'] });
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const scenario = (name: string): GoldenScenario => scenarioNamed(scenarios, name);

describe('LDAP golden scenarios', () => {
  goldenBasics(scenarios, run);

  it('normal: every operation of the slapd session, the LDAP ping, no password in any event', () => {
    const r = run(scenario('normal'));
    // The passwords sent: "secret" (admin binds), "wrong", "newpass" (Password Modify).
    const text = r.actual.join('\n');
    expect(text).not.toMatch(/newpass|"wrong"/);
    expect(text.match(/secret/g)?.length).toBe(text.match(/no secret in database/g)?.length);
    const events = parse(r.actual);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of [
      'ldap.bind_request',
      'ldap.bind_response',
      'ldap.search_request',
      'ldap.search_result_entry',
      'ldap.search_result_done',
      'ldap.add_request',
      'ldap.modify_request',
      'ldap.moddn_request',
      'ldap.del_request',
      'ldap.compare_request',
      'ldap.extended_request',
      'ldap.extended_response',
      'ldap.unbind_request',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
    const anomalies = events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name);
    expect(new Set(anomalies)).toEqual(
      new Set([
        'ldap.cleartext_password',
        'ldap.anonymous_bind',
        'ldap.unauthenticated_bind',
        'ldap.bind_failed',
      ]),
    );
    const ping = events.find((e) => e.ldap?.netlogon !== undefined);
    expect(ping?.ldap?.netlogon).toMatchObject({ dns_host: 'dc1.example.org' });
    // The StartTLS exchange is the last LDAP of its flow: the TLS handshake after it is not.
    expect(events.filter((e) => e.ldap?.oid_name === 'StartTLS')).toHaveLength(1);
  });

  it('malformed: each broken message is named and decoding goes on until framing is lost', () => {
    const events = parse(run(scenario('malformed')).actual);
    expect(events.filter((e) => e.kind === 'anomaly').map((e) => e.anomaly?.name)).toEqual([
      'ldap.cleartext_password',
      'ldap.unknown_operation',
      'ldap.invalid_message_id',
      'ldap.malformed_message',
      'ldap.filter_too_deep',
      'ldap.malformed_sasl_buffer',
      'ldap.malformed_message',
    ]);
    // The delRequest after the stray bytes is not decoded; its response (other direction) is.
    expect(events.filter((e) => e.kind === 'ldap.del_request')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'ldap.del_response')).toHaveLength(1);
  });

  it('negative: HTTP, text and TLS on the LDAP ports are not taken for LDAP', () => {
    const r = run(scenario('negative'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.actual).toEqual([]);
  });

  it('DCShadow (shared capture): every signed message is decoded, with the SPN the attack adds', () => {
    const file = path.join(SHARED_PCAPS, DCSHADOW);
    if (!haveSharedPcaps()) {
      if (REQUIRE) throw new Error('shared captures missing');
      return;
    }
    const out = mkdtempSync(path.join(tmpdir(), 'palisade-ldap-'));
    const r = runCli(['analyze', file, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const events = parse(
      readFileSync(path.join(out, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"proto":"ldap"')),
    );
    expect(events.filter((e) => e.kind === 'anomaly')).toEqual([]);
    const buffers = events.filter((e) => e.kind === 'ldap.sasl_buffer');
    expect(buffers).toHaveLength(37);
    expect(buffers.every((e) => e.ldap?.sealed === false && e.ldap.sasl_token === 'krb5_cfx')).toBe(
      true,
    );
    const inner = events.filter((e) => e.ldap?.sasl_layer === 'krb5_cfx');
    expect(inner).toHaveLength(49);
    const spn = inner.find((e) => e.kind === 'ldap.modify_request');
    expect(spn?.ldap?.modifications).toEqual([
      { operation: 'add', type: 'servicePrincipalName', values: 1 },
    ]);
    expect(inner.filter((e) => e.kind === 'ldap.add_request')).toHaveLength(1);
    expect(inner.filter((e) => e.kind === 'ldap.del_request')).toHaveLength(2);
  });
});
