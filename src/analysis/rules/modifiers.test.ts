// Every Sigma 2.1 value modifier, wildcard and value type, through the whole engine (loader, compiler, dispatch).
import { describe, expect, it } from 'vitest';
import { parseRules } from './loader.js';
import { matcher, ruleYaml } from '../../../test/helpers/rules.js';

/** An event of kind `x.e` with fields under `x`. */
const ev = (
  x: Record<string, unknown>,
  env: Record<string, unknown> = {},
): Record<string, unknown> => ({
  ts: '2024-03-05T10:20:30.123456Z',
  frame: 7,
  proto: 'x',
  kind: 'x.e',
  src_ip: '10.1.2.3',
  dst_ip: '192.168.0.9',
  flow: '1:1',
  x,
  ...env,
});

const one = (key: string, value: unknown) => matcher({ sel: { [key]: value }, condition: 'sel' });

/** The first error a detection block gets from `rules check`. */
function errorOf(detection: Record<string, unknown>): string {
  const { problems } = parseRules(ruleYaml(detection), 't.yml');
  return problems.find((p) => p.severity === 'error')?.message ?? '';
}

describe('plain values and wildcards', () => {
  it('compares strings case-insensitively, whole value', () => {
    const m = one('x.s', 'Write');
    expect(m(ev({ s: 'write' }))).toBe(true);
    expect(m(ev({ s: 'WRITE' }))).toBe(true);
    expect(m(ev({ s: 'writes' }))).toBe(false);
    expect(m(ev({}))).toBe(false);
  });
  it('* and ? match runs and single characters; escapes make them literal', () => {
    expect(one('x.s', 'a*c')(ev({ s: 'aXYZc' }))).toBe(true);
    expect(one('x.s', 'a*c')(ev({ s: 'aXYZcd' }))).toBe(false);
    expect(one('x.s', 'a?c')(ev({ s: 'abc' }))).toBe(true);
    expect(one('x.s', 'a?c')(ev({ s: 'abbc' }))).toBe(false);
    expect(one('x.s', 'a\\*c')(ev({ s: 'a*c' }))).toBe(true);
    expect(one('x.s', 'a\\*c')(ev({ s: 'abc' }))).toBe(false);
    expect(one('x.s', 'a\\?c')(ev({ s: 'abc' }))).toBe(false);
    expect(one('x.s', 'a\\\\b')(ev({ s: 'a\\b' }))).toBe(true);
    // A backslash before an ordinary character is itself literal.
    expect(one('x.s', 'C:\\Windows')(ev({ s: 'c:\\windows' }))).toBe(true);
    // Regular expression characters in a value are literal.
    expect(one('x.s', 'a.c(d)')(ev({ s: 'abc(d)' }))).toBe(false);
    expect(one('x.s', 'a.c(d)*')(ev({ s: 'a.c(d)e' }))).toBe(true);
  });
  it('folds non-ASCII text and wildcards case-insensitively too', () => {
    expect(one('x.s', 'STRAßE')(ev({ s: 'straße' }))).toBe(true);
    expect(one('x.s', 'Ä*')(ev({ s: 'äbc' }))).toBe(true);
  });
  it('a list of values is ORed', () => {
    const m = one('x.n', [5, 6, 15]);
    expect(m(ev({ n: 6 }))).toBe(true);
    expect(m(ev({ n: 7 }))).toBe(false);
  });
  it('numbers match numbers and their text; numeric strings match numbers', () => {
    expect(one('x.n', 5)(ev({ n: 5 }))).toBe(true);
    expect(one('x.n', 5)(ev({ n: '5' }))).toBe(true);
    expect(one('x.n', 5)(ev({ n: 50 }))).toBe(false);
    expect(one('x.n', '5')(ev({ n: 5 }))).toBe(true);
    expect(one('x.n', '5*')(ev({ n: 56 }))).toBe(true);
    expect(one('x.n', 0.5)(ev({ n: 0.5 }))).toBe(true);
  });
  it('booleans match booleans and their text', () => {
    expect(one('x.b', true)(ev({ b: true }))).toBe(true);
    expect(one('x.b', true)(ev({ b: 'True' }))).toBe(true);
    expect(one('x.b', true)(ev({ b: false }))).toBe(false);
    expect(one('x.b', 'false')(ev({ b: false }))).toBe(true);
  });
  it('null matches an absent, null or empty field', () => {
    const m = one('x.s', null);
    expect(m(ev({}))).toBe(true);
    expect(m(ev({ s: null }))).toBe(true);
    expect(m(ev({ s: '' }))).toBe(true);
    expect(m(ev({ s: [] }))).toBe(true);
    expect(m(ev({ s: 'a' }))).toBe(false);
    expect(one('x.s', [null, 'a'])(ev({ s: 'a' }))).toBe(true);
  });
  it('arrays match when any element does, also through arrays of objects', () => {
    expect(one('x.l', 'b')(ev({ l: ['a', 'b'] }))).toBe(true);
    expect(one('x.l', 'c')(ev({ l: ['a', 'b'] }))).toBe(false);
    expect(one('x.o.name', 'two')(ev({ o: [{ name: 'one' }, { name: 'two' }] }))).toBe(true);
    expect(one('x.o.name', 'three')(ev({ o: [{ name: 'one' }, { name: 'two' }] }))).toBe(false);
  });
  it('a key with dots is found whole when the path does not descend', () => {
    expect(one('x.a.b', 1)(ev({ 'a.b': 1 }))).toBe(true);
  });
  it('envelope fields by their line names', () => {
    expect(one('src_ip', '10.1.2.3')(ev({}))).toBe(true);
    expect(one('frame', 7)(ev({}))).toBe(true);
    expect(one('kind', 'x.e')(ev({}))).toBe(true);
  });
});

describe('match modes, all, cased', () => {
  it('contains, startswith, endswith (with wildcards inside)', () => {
    expect(one('x.s|contains', 'MIDDLE')(ev({ s: 'in the middle of' }))).toBe(true);
    expect(one('x.s|contains', 'middle')(ev({ s: 'in the midle of' }))).toBe(false);
    expect(one('x.s|startswith', 'in')(ev({ s: 'in the middle' }))).toBe(true);
    expect(one('x.s|startswith', 'the')(ev({ s: 'in the middle' }))).toBe(false);
    expect(one('x.s|endswith', 'DLE')(ev({ s: 'in the middle' }))).toBe(true);
    expect(one('x.s|endswith', 'the')(ev({ s: 'in the middle' }))).toBe(false);
    expect(one('x.s|contains', 't?e m')(ev({ s: 'in the middle' }))).toBe(true);
    expect(one('x.n|contains', '23')(ev({ n: 1234 }))).toBe(true);
  });
  it('all ANDs the list', () => {
    const m = one('x.s|contains|all', ['alpha', 'beta']);
    expect(m(ev({ s: 'alpha and beta' }))).toBe(true);
    expect(m(ev({ s: 'alpha only' }))).toBe(false);
    // Over an array: each value in some element.
    expect(m(ev({ s: ['x alpha', 'beta y'] }))).toBe(true);
  });
  it('cased compares case-sensitively', () => {
    expect(one('x.s|cased', 'Write')(ev({ s: 'Write' }))).toBe(true);
    expect(one('x.s|cased', 'Write')(ev({ s: 'write' }))).toBe(false);
    expect(one('x.s|contains|cased', 'PLC')(ev({ s: 'the plc' }))).toBe(false);
    expect(one('x.s|contains|cased', 'PLC')(ev({ s: 'the PLC' }))).toBe(true);
  });
});

describe('re', () => {
  it('matches a regular expression, case-sensitive by default', () => {
    expect(one('x.s|re', '^ab+c$')(ev({ s: 'abbbc' }))).toBe(true);
    expect(one('x.s|re', '^ab+c$')(ev({ s: 'ABBC' }))).toBe(false);
    expect(one('x.n|re', '^1\\d$')(ev({ n: 12 }))).toBe(true);
  });
  it('sub-modifiers i, m and s', () => {
    expect(one('x.s|re|i', '^ab+c$')(ev({ s: 'ABBC' }))).toBe(true);
    expect(one('x.s|re|m', '^b$')(ev({ s: 'a\nb\nc' }))).toBe(true);
    expect(one('x.s|re', '^b$')(ev({ s: 'a\nb\nc' }))).toBe(false);
    expect(one('x.s|re|s', 'a.c')(ev({ s: 'a\nc' }))).toBe(true);
    expect(one('x.s|re', 'a.c')(ev({ s: 'a\nc' }))).toBe(false);
  });
  it('rejects a broken expression and a flag without re', () => {
    expect(errorOf({ s: { 'x.s|re': '(' }, condition: 's' })).toMatch(/invalid regular expression/);
    expect(errorOf({ s: { 'x.s|i': 'a' }, condition: 's' })).toMatch(/flag of 're'/);
  });
});

describe('cidr', () => {
  it('IPv4 and IPv6 networks', () => {
    const m = one('src_ip|cidr', ['10.0.0.0/8', '2001:db8::/32']);
    expect(m(ev({}, { src_ip: '10.200.1.1' }))).toBe(true);
    expect(m(ev({}, { src_ip: '11.0.0.1' }))).toBe(false);
    expect(m(ev({}, { src_ip: '2001:db8:1::5' }))).toBe(true);
    expect(m(ev({}, { src_ip: '2001:db9::5' }))).toBe(false);
    expect(m(ev({}, { src_ip: 'not-an-ip' }))).toBe(false);
    expect(m(ev({}, { src_ip: null }))).toBe(false);
    expect(one('dst_ip|cidr', '192.168.0.9')(ev({}))).toBe(true);
  });
  it('rejects what is not a network', () => {
    expect(errorOf({ s: { 'src_ip|cidr': '10.0.0.0/33' }, condition: 's' })).toMatch(/not an IPv4/);
    expect(errorOf({ s: { 'src_ip|cidr': 'ten' }, condition: 's' })).toMatch(/not an IPv4/);
  });
});

describe('exists, comparisons, neq, fieldref', () => {
  it('exists true and false', () => {
    expect(one('x.s|exists', true)(ev({ s: 'a' }))).toBe(true);
    expect(one('x.s|exists', true)(ev({}))).toBe(false);
    expect(one('x.s|exists', false)(ev({}))).toBe(true);
    // Through a list: some element has the field.
    expect(one('x.l.s|exists', true)(ev({ l: [{ t: 1 }, { s: 'a' }] }))).toBe(true);
    expect(one('x.l.s|exists', true)(ev({ l: [{ t: 1 }] }))).toBe(false);
    expect(one('x.l.s|exists', false)(ev({ l: [] }))).toBe(true);
    expect(one('x.s|exists', false)(ev({ s: 0 }))).toBe(false);
    expect(errorOf({ s: { 'x.s|exists': 'yes' }, condition: 's' })).toMatch(/true or false/);
  });
  it('gt, gte, lt, lte over numbers and numeric strings', () => {
    expect(one('x.n|gt', 10)(ev({ n: 11 }))).toBe(true);
    expect(one('x.n|gt', 10)(ev({ n: 10 }))).toBe(false);
    expect(one('x.n|gte', 10)(ev({ n: 10 }))).toBe(true);
    expect(one('x.n|lt', 10)(ev({ n: 9.5 }))).toBe(true);
    expect(one('x.n|lt', 10)(ev({ n: 10 }))).toBe(false);
    expect(one('x.n|lte', 10)(ev({ n: '10' }))).toBe(true);
    expect(one('x.n|gt', 10)(ev({ n: 'eleven' }))).toBe(false);
    expect(one('x.n|gt', 10)(ev({ n: [1, 20] }))).toBe(true);
    expect(errorOf({ s: { 'x.n|gt': 'ten' }, condition: 's' })).toMatch(/takes a number/);
  });
  it('neq: the field exists and is not the value', () => {
    const m = one('x.s|neq', 'read');
    expect(m(ev({ s: 'write' }))).toBe(true);
    expect(m(ev({ s: 'READ' }))).toBe(false);
    expect(m(ev({}))).toBe(false);
  });
  it('fieldref compares two fields of the event', () => {
    const m = one('x.a|fieldref', 'x.b');
    expect(m(ev({ a: 'Same', b: 'same' }))).toBe(true);
    expect(m(ev({ a: 'one', b: 'two' }))).toBe(false);
    expect(m(ev({ a: 'one' }))).toBe(false);
    expect(one('x.a|fieldref|contains', 'x.b')(ev({ a: 'xyz', b: 'Y' }))).toBe(true);
    expect(one('x.a|fieldref|cased', 'x.b')(ev({ a: 'Same', b: 'same' }))).toBe(false);
    expect(one('src_ip|fieldref', 'dst_ip')(ev({}, { dst_ip: '10.1.2.3' }))).toBe(true);
  });
  it('modifiers that do not combine are refused', () => {
    expect(errorOf({ s: { 'x.s|re|cidr': 'a' }, condition: 's' })).toMatch(/do not combine/);
    expect(errorOf({ s: { 'x.s|contains|gt': 1 }, condition: 's' })).toMatch(/does not combine/);
    expect(errorOf({ s: { 'x.s|contains|startswith': 'a' }, condition: 's' })).toMatch(
      /one match mode/,
    );
    expect(errorOf({ s: { 'x.s|bogus': 'a' }, condition: 's' })).toMatch(
      /unknown modifier 'bogus'/,
    );
    expect(errorOf({ s: { 'x.s|expand': '%a%' }, condition: 's' })).toMatch(/processing pipeline/);
  });
});

describe('encodings: base64, base64offset, utf16, wide, windash', () => {
  it('base64 encodes the value', () => {
    const b64 = Buffer.from('powershell').toString('base64');
    expect(one('x.s|base64', 'powershell')(ev({ s: b64 }))).toBe(true);
    expect(one('x.s|base64|contains', 'powershell')(ev({ s: `xx${b64}yy` }))).toBe(true);
  });
  it('base64offset|contains finds the value at each of the three alignments', () => {
    const m = one('x.s|base64offset|contains', 'http://');
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const enc = Buffer.from(`${prefix}http://evil.example/x`).toString('base64');
      expect(m(ev({ s: enc })), prefix).toBe(true);
    }
    expect(m(ev({ s: Buffer.from('ftp://evil').toString('base64') }))).toBe(false);
    expect(errorOf({ s: { 'x.s|base64offset': 'a' }, condition: 's' })).toMatch(/needs 'contains'/);
  });
  it('utf16le (wide), utf16be and utf16 with a byte order mark, then base64', () => {
    const le = Buffer.from('cmd', 'utf16le').toString('base64');
    expect(one('x.s|wide|base64', 'cmd')(ev({ s: le }))).toBe(true);
    expect(one('x.s|utf16le|base64', 'cmd')(ev({ s: le }))).toBe(true);
    const be = Buffer.from('cmd', 'utf16le').swap16().toString('base64');
    expect(one('x.s|utf16be|base64', 'cmd')(ev({ s: be }))).toBe(true);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('cmd', 'utf16le')]).toString(
      'base64',
    );
    expect(one('x.s|utf16|base64', 'cmd')(ev({ s: bom }))).toBe(true);
    expect(one('x.s|wide|base64offset|contains', 'cmd')(ev({ s: `AAAA${le}` }))).toBe(true);
  });
  it('windash matches every dash a Windows command line accepts', () => {
    const m = one('x.s|windash|contains', ' -enc ');
    for (const d of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(m(ev({ s: `powershell ${d}enc AAAA` })), d).toBe(true);
    }
    expect(m(ev({ s: 'powershell +enc AAAA' }))).toBe(false);
  });
});

describe('time parts', () => {
  it('hour, minute, day, month, year, week of an ISO time (UTC)', () => {
    expect(one('ts|hour', 10)(ev({}))).toBe(true);
    expect(one('ts|minute', 20)(ev({}))).toBe(true);
    expect(one('ts|day', 5)(ev({}))).toBe(true);
    expect(one('ts|month', 3)(ev({}))).toBe(true);
    expect(one('ts|year', 2024)(ev({}))).toBe(true);
    expect(one('ts|week', 10)(ev({}))).toBe(true);
    expect(one('ts|hour', 11)(ev({}))).toBe(false);
    expect(one('ts|hour|lt', 6)(ev({}))).toBe(false);
    expect(one('ts|hour|gte', 6)(ev({}))).toBe(true);
  });
});

describe('keywords', () => {
  it('a list of strings searches every value of the event', () => {
    const m = matcher({ keywords: ['jndi:ldap', 'evil'], condition: 'keywords' });
    expect(m(ev({ ua: '${jndi:ldap://x/a}' }))).toBe(true);
    expect(m(ev({ deep: [{ v: 'Very EVIL' }] }))).toBe(true);
    expect(m(ev({ ua: 'curl' }))).toBe(false);
  });
  it('keywords with modifiers: all', () => {
    const m = matcher({ keywords: { '|all': ['alpha', 'beta'] }, condition: 'keywords' });
    expect(m(ev({ a: 'alpha', b: 'beta' }))).toBe(true);
    expect(m(ev({ a: 'alpha' }))).toBe(false);
  });
});
