// LDAP end to end against tshark: the fields of scripts/field-agree/ldap.ts over the shared
// DCShadow capture, over the same capture with its GSS-SPNEGO bind put back (so that Wireshark
// unwraps the signed SASL buffers and the messages inside can be compared), and over the normal
// golden capture (slapd session and CLDAP ping); then the search filter text, which Wireshark
// shows as a tree label only (docs/fidelity-ldap.md has the figures).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields, type FieldResult } from '../../../scripts/field-agree.js';
import { analyze } from '../../../src/pipeline/analyze.js';
import { ldapSpec } from '../../../scripts/field-agree/ldap.js';
import type { EventLine, ProtoSpec } from '../../../scripts/field-agree/spec.js';
import {
  REPO_ROOT,
  REQUIRE,
  SHARED_PCAPS,
  haveSharedPcaps,
  haveTool,
  readJsonl,
  tshark,
} from '../../helpers/shared.js';
import { DCSHADOW, dcshadowWithBind } from './with-bind.js';

const NORMAL = path.join(REPO_ROOT, 'test/golden/ldap/normal/input.pcap');

const ready = (): boolean => {
  const ok = haveSharedPcaps() && haveTool('tshark') && haveTool('mergecap', '-v');
  if (!ok && REQUIRE) throw new Error('shared captures, tshark or mergecap missing');
  return ok;
};

/** The spec with the messages of signed SASL buffers compared too. */
const UNWRAPPED: ProtoSpec = {
  ...ldapSpec,
  fields: ldapSpec.fields.map((f) => ({
    ...f,
    ours: (e: EventLine) => {
      const l = e.ldap as Record<string, unknown> | undefined;
      if (l === undefined || l.sasl_layer === undefined) return f.ours(e);
      const { sasl_layer: _layer, ...clear } = l;
      return f.ours({ ...e, ldap: clear });
    },
  })),
};

/** The DCShadow capture with its bind, made once per run. */
let withBindFile: string | null = null;
function withBind(): string {
  if (withBindFile === null) {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-ldap-bind-'));
    withBindFile = dcshadowWithBind(path.join(SHARED_PCAPS, DCSHADOW), dir);
  }
  expect(withBindFile).not.toBeNull();
  return withBindFile as string;
}

const table = (rs: FieldResult[]): [string, number, number, string[]][] =>
  rs.map((r) => [r.field, r.agree, r.frames, r.diffs]);

describe('LDAP end to end against tshark', () => {
  it('DCShadow: the bind response and the 37 SASL buffers agree', async () => {
    if (!ready()) return;
    const rs = await compareFields(ldapSpec, path.join(SHARED_PCAPS, DCSHADOW), 100);
    expect(table(rs)).toEqual([
      ['protocolOp', 1, 1, []],
      ['messageID', 1, 1, []],
      ['bind name', 0, 0, []],
      ['SASL mechanism', 0, 0, []],
      ['search base', 0, 0, []],
      ['search filter (top CHOICE)', 0, 0, []],
      ['resultCode', 1, 1, []],
      ['entry objectName', 0, 0, []],
      ['SASL buffer length', 37, 37, []],
      ['LDAP ping DC host', 0, 0, []],
      ['LDAP ping domain', 0, 0, []],
    ]);
  }, 120_000);

  it('DCShadow with its bind put back: every message inside the signed buffers agrees', async () => {
    if (!ready()) return;
    const rs = await compareFields(UNWRAPPED, withBind(), 100);
    expect(table(rs)).toEqual([
      ['protocolOp', 39, 39, []],
      ['messageID', 39, 39, []],
      ['bind name', 0, 0, []],
      ['SASL mechanism', 1, 1, []],
      ['search base', 12, 12, []],
      ['search filter (top CHOICE)', 13, 13, []],
      ['resultCode', 19, 19, []],
      ['entry objectName', 7, 7, []],
      ['SASL buffer length', 37, 37, []],
      ['LDAP ping DC host', 0, 0, []],
      ['LDAP ping domain', 0, 0, []],
    ]);
  }, 120_000);

  it('slapd session and LDAP ping: every field agrees', async () => {
    if (!ready()) return;
    const rs = await compareFields(ldapSpec, NORMAL, 100);
    expect(table(rs)).toEqual([
      ['protocolOp', 95, 95, []],
      ['messageID', 95, 95, []],
      ['bind name', 9, 9, []],
      ['SASL mechanism', 4, 4, []],
      ['search base', 5, 5, []],
      ['search filter (top CHOICE)', 8, 8, []],
      ['resultCode', 36, 36, []],
      ['entry objectName', 4, 4, []],
      ['SASL buffer length', 0, 0, []],
      ['LDAP ping DC host', 1, 1, []],
      ['LDAP ping domain', 1, 1, []],
    ]);
  }, 120_000);

  it('search filter text agrees but for Wireshark renderings RFC 4515 does not have', async () => {
    if (!ready()) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-ldap-filter-'));

    const diffs: string[] = [];
    let same = 0;
    for (const file of [NORMAL, withBind()]) {
      const theirs = tsharkFilters(file);
      const out = path.join(dir, `out-${path.basename(file)}`);
      await analyze({ captures: [file], outDir: out });
      const ours = new Map<number, string[]>();
      for (const e of readJsonl<EventLine>(path.join(out, 'events.jsonl'))) {
        const f = (e.ldap as { filter?: string } | undefined)?.filter;
        if (e.proto !== 'ldap' || f === undefined) continue;
        ours.set(e.frame, [...(ours.get(e.frame) ?? []), normalise(fromRfc4515(f))]);
      }
      for (const frame of new Set([...theirs.keys(), ...ours.keys()])) {
        const a = (theirs.get(frame) ?? []).join(' ');
        const b = (ours.get(frame) ?? []).join(' ');
        if (a === b) same++;
        else diffs.push(`${path.basename(file)} ${frame}`);
      }
    }
    // The one difference: the filter of every Filter choice (normal frame 43), whose values
    // Wireshark shows unescaped (`a*b(c)`) or as hex bytes (UTF-8 `Liddéll`, binary objectSid).
    expect(diffs).toEqual(['input.pcap 43']);
    expect(same).toBe(8 + 13 - 1);
  }, 120_000);
});

/** Top-level filter texts per frame from tshark's tree (the least indented `Filter:` lines). */
function tsharkFilters(file: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let frame = 0;
  let lines: [number, string][] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const top = Math.min(...lines.map(([ind]) => ind));
    out.set(
      frame,
      lines.filter(([ind]) => ind === top).map(([, t]) => normalise(t)),
    );
    lines = [];
  };
  for (const l of tshark(['-r', file, '-Y', 'ldap.filter', '-V', '-O', 'ldap,cldap']).split('\n')) {
    const f = /^Frame (\d+):/.exec(l);
    if (f) {
      flush();
      frame = Number(f[1]);
      continue;
    }
    const m = /^( +)Filter: (.*)$/.exec(l);
    if (m) lines.push([(m[1] as string).length, m[2] as string]);
  }
  flush();
  return out;
}

/**
 * Ours in Wireshark's terms: the NtVer value of an LDAP ping as the number Wireshark prints.
 */
function fromRfc4515(f: string): string {
  return f.replace(/\(NtVer=((?:\\[0-9a-f]{2}){4})\)/g, (_m, v: string) => {
    const b = v
      .split('\\')
      .slice(1)
      .map((h) => Number.parseInt(h, 16));
    const n =
      ((b[3] ?? 0) * 2 ** 24 + ((b[2] ?? 0) << 16) + ((b[1] ?? 0) << 8) + (b[0] ?? 0)) >>> 0;
    return `(NtVer=0x${n.toString(16).padStart(8, '0')})`;
  });
}

/**
 * Both sides flattened: Wireshark chains an AND or OR of n items as n-1 nested binary ones,
 * `(&(&(a)(b))(c))`, which is the same filter as `(&(a)(b)(c))`.
 */
function normalise(text: string): string {
  let i = 0;
  type Node = { op: string; kids: Node[] } | string;
  const parse = (): Node => {
    const start = i;
    if (text[i] !== '(') return text.slice(i);
    const op = text[i + 1];
    if (op === '&' || op === '|' || op === '!') {
      i += 2;
      const kids: Node[] = [];
      while (i < text.length && text[i] === '(') kids.push(parse());
      i++;
      return { op: op as string, kids };
    }
    const close = text.indexOf(')', i);
    i = close < 0 ? text.length : close + 1;
    return text.slice(start, i);
  };
  const flat = (n: Node): Node => {
    if (typeof n === 'string') return n;
    const kids = n.kids.map(flat);
    const first = kids[0];
    if (n.op !== '!' && first !== undefined && typeof first !== 'string' && first.op === n.op) {
      return { op: n.op, kids: [...first.kids, ...kids.slice(1)] };
    }
    return { op: n.op, kids };
  };
  const show = (n: Node): string =>
    typeof n === 'string' ? n : `(${n.op}${n.kids.map(show).join('')})`;
  return show(flat(parse()));
}
