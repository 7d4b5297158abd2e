// The Sigma condition language: every form, precedence, errors, and the kinds a condition pins for dispatch.
import { describe, expect, it } from 'vitest';
import { compileDetection } from './compile.js';
import { expandTarget, parseCondition } from './condition.js';
import type { RuleSyntaxError } from './errors.js';
import { EventView } from './fields.js';

/** Evaluates a condition over identifiers a, b, c, _d, sel1, sel2 whose truth is given. */
function evalWith(condition: string, truth: Record<string, boolean>): boolean {
  const block: Record<string, unknown> = { condition };
  for (const id of ['a', 'b', 'c', '_d', 'sel1', 'sel2']) block[id] = { [`t.${id}`]: true };
  const det = compileDetection(block, ['detection']);
  const t: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(truth)) t[k] = v;
  const view = new EventView(null);
  view.setObject({ kind: 'x', t });
  return det.test(view);
}

describe('parseCondition', () => {
  it('parses and/or/not with not > and > or precedence', () => {
    expect(parseCondition('a or b and not c', [])).toEqual({
      t: 'or',
      items: [
        { t: 'id', name: 'a' },
        {
          t: 'and',
          items: [
            { t: 'id', name: 'b' },
            { t: 'not', item: { t: 'id', name: 'c' } },
          ],
        },
      ],
    });
  });
  it('parentheses, quantifiers and them', () => {
    expect(parseCondition('(a or b) and 1 of sel*', [])).toEqual({
      t: 'and',
      items: [
        {
          t: 'or',
          items: [
            { t: 'id', name: 'a' },
            { t: 'id', name: 'b' },
          ],
        },
        { t: 'of', n: 1, target: 'sel*' },
      ],
    });
    expect(parseCondition('all of them', [])).toEqual({ t: 'of', n: 'all', target: null });
    expect(parseCondition('any of them', [])).toEqual({ t: 'of', n: 1, target: null });
    expect(parseCondition('NOT a AND B', [])).toEqual({
      t: 'and',
      items: [
        { t: 'not', item: { t: 'id', name: 'a' } },
        { t: 'id', name: 'B' },
      ],
    });
  });
  it.each([
    ['a and', /ends where/],
    ['(a or b', /expected '\)'/],
    ['a b', /unexpected 'b'/],
    ['a )', /unexpected '\)'/],
    ['x of them', /expected 1, any or all/],
    ['1 of', /after 'of'/],
    ['and a', /unexpected 'and'/],
    [
      '(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))',
      /nested deeper/,
    ],
  ])('rejects %s', (text, msg) => {
    expect(() => parseCondition(text, ['detection', 'condition'])).toThrow(msg);
    try {
      parseCondition(text, ['detection', 'condition']);
    } catch (err) {
      expect((err as RuleSyntaxError).path).toEqual(['detection', 'condition']);
    }
  });
  it('them leaves out identifiers starting with _; patterns use *', () => {
    expect(expandTarget(null, ['a', '_d', 'sel1'])).toEqual(['a', 'sel1']);
    expect(expandTarget('sel*', ['a', 'sel1', 'sel2', 'xsel'])).toEqual(['sel1', 'sel2']);
    expect(expandTarget('_*', ['a', '_d'])).toEqual(['_d']);
  });
});

describe('condition semantics', () => {
  it('boolean forms', () => {
    expect(evalWith('a and b', { a: true, b: true })).toBe(true);
    expect(evalWith('a and b', { a: true })).toBe(false);
    expect(evalWith('a or b', { b: true })).toBe(true);
    expect(evalWith('not a', {})).toBe(true);
    expect(evalWith('a and not (b or c)', { a: true, c: true })).toBe(false);
    expect(evalWith('a and not (b or c)', { a: true })).toBe(true);
  });
  it('1 of / all of with patterns and them', () => {
    expect(evalWith('1 of sel*', { sel2: true })).toBe(true);
    expect(evalWith('1 of sel*', { a: true })).toBe(false);
    expect(evalWith('all of sel*', { sel1: true })).toBe(false);
    expect(evalWith('all of sel*', { sel1: true, sel2: true })).toBe(true);
    expect(evalWith('all of them', { a: true, b: true, c: true, sel1: true, sel2: true })).toBe(
      true,
    );
    // _d is not part of them.
    expect(evalWith('1 of them', { _d: true })).toBe(false);
    expect(evalWith('2 of them', { a: true, c: true })).toBe(true);
    expect(evalWith('2 of them', { a: true })).toBe(false);
  });
  it('a list of conditions is ORed', () => {
    const det = compileDetection(
      { a: { 't.a': true }, b: { 't.b': true }, condition: ['a', 'b'] },
      ['detection'],
    );
    const view = new EventView(null);
    view.setObject({ t: { b: true } });
    expect(det.test(view)).toBe(true);
  });
  it('names the missing identifier', () => {
    expect(() => compileDetection({ a: { x: 1 }, condition: 'a and zz' }, ['detection'])).toThrow(
      /'zz', which is not a search identifier \(have: a\)/,
    );
    expect(() => compileDetection({ a: { x: 1 }, condition: '1 of sel*' }, ['detection'])).toThrow(
      /matches no search identifier/,
    );
  });
});

describe('kinds and protocols a condition pins (dispatch index)', () => {
  const pins = (block: Record<string, unknown>) => {
    const d = compileDetection(block, ['detection']);
    return {
      kinds: d.kinds === null ? null : [...d.kinds].sort(),
      protos: d.protos === null ? null : [...d.protos].sort(),
    };
  };
  it('equalities on kind and proto, through and/or/1 of', () => {
    expect(
      pins({ s: { kind: 'modbus.request', 'modbus.function_code': 5 }, condition: 's' }),
    ).toEqual({
      kinds: ['modbus.request'],
      protos: null,
    });
    expect(
      pins({
        a: { kind: ['s7comm.job', 'S7COMM.ack_data'] },
        b: { proto: 's7comm' },
        condition: 'a and b',
      }),
    ).toEqual({ kinds: ['s7comm.ack_data', 's7comm.job'], protos: ['s7comm'] });
    expect(pins({ a: { kind: 'x.a' }, b: { kind: 'x.b' }, condition: '1 of them' }).kinds).toEqual([
      'x.a',
      'x.b',
    ]);
    expect(pins({ a: [{ kind: 'x.a' }, { kind: 'x.b' }], condition: 'a' }).kinds).toEqual([
      'x.a',
      'x.b',
    ]);
  });
  it('nothing is pinned through not, wildcards, modifiers, or an unpinned branch of or', () => {
    expect(pins({ a: { kind: 'x.a' }, condition: 'not a' }).kinds).toBeNull();
    expect(pins({ a: { kind: 'x.*' }, condition: 'a' }).kinds).toBeNull();
    expect(pins({ a: { 'kind|contains': 'x' }, condition: 'a' }).kinds).toBeNull();
    expect(pins({ a: { kind: 'x.a' }, b: { y: 1 }, condition: 'a or b' }).kinds).toBeNull();
    expect(pins({ a: { kind: 'x.a' }, b: { y: 1 }, condition: 'a and b' }).kinds).toEqual(['x.a']);
  });
});
