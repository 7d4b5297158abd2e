// STIX 2.1 patterning: the spec's examples parse to the expected trees, invalid patterns are
// refused with a column, and the committed parser is what the grammar generates.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateParserSource, STIX_PATTERN_FILES } from '../../../../scripts/gen-stix-pattern.js';
import { parsePattern, unsafeRegex } from './parse.js';

/** Examples from STIX 2.1 OS section 9.9 and the reference validator's spec examples. */
const VALID = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[file:hashes.'SHA-256' = 'aec0' AND file:mime_type = 'application/x-pdf']",
  "[file:hashes.'SHA-256' = 'bf07' OR file:hashes.MD5 = 'cead'] AND [file:hashes.'SHA-256' = 'aec0']",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008'] AND [user-account:user_id = '1009']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolvesto_refs[*].value = '198.51.100.1/32']",
  "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
  "[x-usb-device:usbdrive.serial_number = '575833334D4630333130383639']",
  "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
  "([file:name = 'foo.dll'] AND [file:name = 'bar.dll']) WITHIN 300 SECONDS",
  "[domain-name:value = 'example.com'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "[network-traffic:dst_port IN (502, 102, 20000) AND network-traffic:protocols[*] = 'tcp']",
  "[file:size NOT >= -12 AND file:x_ratio < -0.5 AND file:x_flag != true AND file:x_data = b'AAEC']",
  '[NOT EXISTS file:hashes.MD5 AND EXISTS file:name]',
  "[process:pid = 4 AND process:x_list[-1] = 'a' AND process:x_list[0] <> 'b']",
  "/* comment */ [ipv4-addr:value = '10.0.0.1'] // trailing comment",
  "[file:name LIKE 'invoice%.exe' AND file:name NOT MATCHES '^good'] REPEATS 2 TIMES",
];

const INVALID: [string, number][] = [
  ["[ipv4-addr:value = '10.0.0.1'", 30], // missing ]
  ["ipv4-addr:value = '10.0.0.1'", 1], // no brackets
  ['[ipv4-addr:value == ]', 21], // no literal
  ["[file:hashes.SHA-256 = 'x']", 17], // unquoted key with a hyphen
  ['[file:size > true]', 14], // booleans are not orderable
  ["[file:name = 'x'] within 5 SECONDS", 19], // keywords are upper case
  ["[file:name = 'x'] REPEATS 0 TIMES", 19], // at least once
  ["[file:name = 'x'] WITHIN 0 SECONDS", 19],
  ["[file:name = 'x'] REPEATS 1001 TIMES", 19],
  ["[file:name = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'", 19],
  ["[file:created = t'2016-13-01T00:00:00Z']", 25], // month 13
  ["[file:created = t'2016-01-01T00:00:00']", 38], // no Z
  ["[file:magic = h'ffd']", 20], // odd hex digits
  ["[file:data = b'AAE']", 19], // bad base64 length
  ["[ipv4-addr:value ISSUBSET 'not-an-ip']", 2],
  ["[file:name MATCHES '(a+)+$']", 2], // catastrophic backtracking
  ["[file:name MATCHES '(']", 2],
  ["[file:name = 'x'] AND", 22],
  ["[file:name = 'unterminated]", 28],
  ['[file:size = 01]', 16],
  ['', 1],
];

describe('parsePattern', () => {
  it.each(VALID)('parses %s', (p) => {
    const r = parsePattern(p);
    if (!r.ok) throw new Error(`${r.error.column}: ${r.error.message}`);
    expect(r.ok).toBe(true);
  });

  it.each(INVALID)('refuses %s (column %i)', (p, column) => {
    const r = parsePattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.column).toBe(column);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
  });

  it('builds the tree with precedence FOLLOWEDBY < OR < AND and chained qualifiers', () => {
    const r = parsePattern(
      "[a:x = 1] FOLLOWEDBY [a:y = 2] OR [a:z = 3] AND [b:v = 'q'] REPEATS 2 TIMES WITHIN 10.5 SECONDS",
    );
    expect(r.ok && r.pattern).toMatchObject({
      kind: 'followedby',
      operands: [
        { kind: 'observation' },
        {
          kind: 'or',
          operands: [
            { kind: 'observation' },
            {
              kind: 'and',
              operands: [
                { kind: 'observation' },
                {
                  kind: 'qualified',
                  qualifier: { kind: 'within', seconds: 10.5 },
                  expr: { kind: 'qualified', qualifier: { kind: 'repeats', times: 2 } },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('reads paths, escapes and every literal type', () => {
    const r = parsePattern(
      "[file:extensions.'windows-pebinary-ext'.sections[*].name = 'it\\'s \\\\ here' AND x-y:l[2] IN ('a', 1, 2.5, true, h'AB', t'2020-01-01T00:00:00.123Z')]",
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const obs = r.pattern;
    expect(obs.kind).toBe('observation');
    if (obs.kind !== 'observation' || obs.comparison.kind !== 'and') return;
    const [a, b] = obs.comparison.operands;
    expect(a).toMatchObject({
      path: {
        type: 'file',
        steps: ['extensions', 'windows-pebinary-ext', 'sections', null, 'name'],
      },
      op: '=',
      value: { type: 'string', value: "it's \\ here" },
    });
    expect(b).toMatchObject({
      path: { type: 'x-y', steps: ['l', 2] },
      op: 'IN',
      value: [
        { type: 'string', value: 'a' },
        { type: 'int', value: 1 },
        { type: 'float', value: 2.5 },
        { type: 'bool', value: true },
        { type: 'hex', value: 'ab' },
        { type: 'timestamp', value: '2020-01-01T00:00:00.123Z' },
      ],
    });
  });

  it('refuses hostile sizes without throwing', () => {
    expect(parsePattern('[a:b = 1]'.padEnd(20_000, ' ')).ok).toBe(false);
    let deep = "a:b = 'x'";
    for (let i = 0; i < 40; i++) deep = `a:b = 1 ${i % 2 ? 'AND' : 'OR'} (${deep})`;
    const r = parsePattern(`[${deep}]`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nested too deeply/);
    const parens = parsePattern('('.repeat(6000) + "[a:b = 'x']" + ')'.repeat(6000));
    expect(parens.ok).toBe(false);
  });
});

describe('hostile patterns', () => {
  it('never throws on random text or on mutations of valid patterns', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        const r = parsePattern(t);
        return r.ok || (r.error.column >= 1 && r.error.message.length > 0);
      }),
      { seed: 7, numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        (p, at, ins) => {
          const i = at % (p.length + 1);
          const r = parsePattern(p.slice(0, i) + ins + p.slice(i + 1));
          return r.ok || r.error.column >= 1;
        },
      ),
      { seed: 11, numRuns: 3000 },
    );
  });
});

describe('unsafeRegex', () => {
  it('accepts ordinary expressions and refuses backtracking shapes', () => {
    expect(unsafeRegex('^evil\\.(com|net)$')).toBeNull();
    expect(unsafeRegex('[a-z]+\\.exe')).toBeNull();
    expect(unsafeRegex('(ab)+c')).toBeNull();
    expect(unsafeRegex('((a+))+')).not.toBeNull();
    expect(unsafeRegex('(a|ab)*c')).not.toBeNull();
    expect(unsafeRegex('(x)\\1')).not.toBeNull();
    expect(unsafeRegex('a'.repeat(2000))).not.toBeNull();
  });
});

describe('generated parser', () => {
  it('is what the grammar generates (run npm run gen:stix-pattern)', () => {
    expect(readFileSync(STIX_PATTERN_FILES.output, 'utf8')).toBe(generateParserSource());
  });
});
