import { describe, expect, it } from 'vitest';
import {
  formatSelector,
  type LabelSelector,
  parseSelector,
  SelectorSyntaxError,
  selectorMatches,
} from '../../src/model/labels';

const LABELS = { app: 'web', tier: 'front', empty: '' };

describe('selectorMatches', () => {
  it.each<{
    name: string;
    input: { selector: LabelSelector | undefined; labels?: Record<string, string> };
    want: boolean;
  }>([
    { name: 'undefined selects nothing', input: { selector: undefined }, want: false },
    { name: 'empty selects everything', input: { selector: {} }, want: true },
    { name: 'empty selects an unlabelled object', input: { selector: {}, labels: {} }, want: true },
    { name: 'matchLabels equal', input: { selector: { matchLabels: { app: 'web' } } }, want: true },
    { name: 'matchLabels different value', input: { selector: { matchLabels: { app: 'db' } } }, want: false },
    {
      name: 'matchLabels all of them',
      input: { selector: { matchLabels: { app: 'web', tier: 'front' } } },
      want: true,
    },
    {
      name: 'matchLabels one missing',
      input: { selector: { matchLabels: { app: 'web', zone: 'a' } } },
      want: false,
    },
    {
      name: 'matchLabels empty value present',
      input: { selector: { matchLabels: { empty: '' } } },
      want: true,
    },
    {
      name: 'matchLabels empty value absent',
      input: { selector: { matchLabels: { zone: '' } } },
      want: false,
    },
    {
      name: 'In hit',
      input: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] } },
      want: true,
    },
    {
      name: 'In miss',
      input: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] } },
      want: false,
    },
    {
      name: 'In absent key',
      input: { selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
      want: false,
    },
    {
      name: 'NotIn other value',
      input: { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] } },
      want: true,
    },
    {
      name: 'NotIn same value',
      input: { selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } },
      want: false,
    },
    {
      name: 'NotIn absent key',
      input: { selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] } },
      want: true,
    },
    {
      name: 'Exists present',
      input: { selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } },
      want: true,
    },
    {
      name: 'Exists absent',
      input: { selector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
      want: false,
    },
    {
      name: 'Exists with empty value',
      input: { selector: { matchExpressions: [{ key: 'empty', operator: 'Exists' }] } },
      want: true,
    },
    {
      name: 'DoesNotExist absent',
      input: { selector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] } },
      want: true,
    },
    {
      name: 'DoesNotExist present',
      input: { selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } },
      want: false,
    },
    {
      name: 'matchLabels AND expressions, both hold',
      input: {
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }],
        },
      },
      want: true,
    },
    {
      name: 'matchLabels AND expressions, expression fails',
      input: {
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }],
        },
      },
      want: false,
    },
  ])('$name', ({ input, want }) => {
    const labels = 'labels' in input ? input.labels : LABELS;
    expect(selectorMatches(input.selector, labels)).toBe(want);
  });

  it('an undefined labels map is matched by the empty selector only', () => {
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, undefined)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { a: 'b' } }, undefined)).toBe(false);
  });
});

describe('parseSelector', () => {
  it.each<{ name: string; input: string; want: LabelSelector }>([
    { name: 'empty string selects everything', input: '', want: {} },
    { name: 'blank string', input: '   ', want: {} },
    { name: 'equality', input: 'a=b', want: { matchLabels: { a: 'b' } } },
    { name: 'double equals', input: 'a==b', want: { matchLabels: { a: 'b' } } },
    {
      name: 'inequality',
      input: 'a!=b',
      want: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['b'] }] },
    },
    {
      name: 'in',
      input: 'a in (x,y)',
      want: { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'y'] }] },
    },
    {
      name: 'in without a space',
      input: 'a in(x)',
      want: { matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] },
    },
    {
      name: 'notin',
      input: 'a notin (x)',
      want: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] },
    },
    { name: 'exists', input: 'a', want: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } },
    {
      name: 'does not exist',
      input: '!a',
      want: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] },
    },
    // K apimachinery labels/selector.go parseExactValue: `a=` means the value "".
    { name: 'empty value', input: 'a=', want: { matchLabels: { a: '' } } },
    {
      name: 'prefixed key',
      input: 'example.com/app=web',
      want: { matchLabels: { 'example.com/app': 'web' } },
    },
    {
      name: 'combination with spaces',
      input: ' a = b , c in ( x , y ) , !d ',
      want: {
        matchLabels: { a: 'b' },
        matchExpressions: [
          { key: 'c', operator: 'In', values: ['x', 'y'] },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      },
    },
    {
      name: 'kubectl style',
      input: 'app=web,tier!=db,env',
      want: {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['db'] },
          { key: 'env', operator: 'Exists' },
        ],
      },
    },
    {
      name: 'same key twice with different values',
      input: 'a=b,a=c',
      want: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['c'] }] },
    },
  ])('$name: "$input"', ({ input, want }) => {
    expect(parseSelector(input)).toEqual(want);
  });

  it.each([
    { name: 'missing key', input: '=b', want: { offset: 0, message: 'invalid label key ""' } },
    {
      name: 'unclosed value list',
      input: 'a in (x',
      want: { offset: 7, message: 'expected "," or ")" in the value list of "a"' },
    },
    {
      name: 'two keys',
      input: 'a b',
      want: { offset: 2, message: 'expected "=", "!=", "in", "notin" or "," after "a"' },
    },
    {
      name: 'in without parentheses',
      input: 'a in x',
      want: { offset: 2, message: 'expected "=", "!=", "in", "notin" or "," after "a"' },
    },
    { name: 'missing comma', input: 'a=b c', want: { offset: 4, message: 'expected "," but found "c"' } },
    { name: 'trailing comma', input: 'a,', want: { offset: 2, message: 'invalid label key ""' } },
    { name: 'bang alone', input: '!', want: { offset: 1, message: 'invalid label key ""' } },
    { name: 'bang then equals', input: '!a=b', want: { offset: 2, message: 'expected "," but found "="' } },
    { name: 'invalid value', input: 'a=-b', want: { offset: 2, message: 'invalid label value "-b"' } },
    { name: 'invalid key', input: '-a=b', want: { offset: 0, message: 'invalid label key "-a"' } },
    {
      name: 'value too long',
      input: `a=${'v'.repeat(64)}`,
      want: { offset: 2, message: `invalid label value "${'v'.repeat(64)}"` },
    },
  ])('error: $name ("$input")', ({ input, want }) => {
    let error: unknown;
    try {
      parseSelector(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SelectorSyntaxError);
    const e = error as SelectorSyntaxError;
    expect({ offset: e.offset, message: e.message }).toEqual(want);
  });
});

describe('formatSelector', () => {
  it.each<{ name: string; input: LabelSelector | undefined; want: string }>([
    { name: 'undefined', input: undefined, want: '<none>' },
    { name: 'empty', input: {}, want: '<none>' },
    { name: 'matchLabels', input: { matchLabels: { app: 'web' } }, want: 'app=web' },
    {
      name: 'In',
      input: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] },
      want: 'env in (dev,prod)',
    },
    {
      name: 'NotIn',
      input: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] },
      want: 'env notin (dev)',
    },
    { name: 'Exists', input: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, want: 'gpu' },
    {
      name: 'DoesNotExist',
      input: { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] },
      want: '!gpu',
    },
    {
      name: 'labels then expressions',
      input: {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
      },
      want: 'app=web,tier notin (db)',
    },
  ])('$name', ({ input, want }) => {
    expect(formatSelector(input)).toBe(want);
  });

  it.each([
    { name: 'equality', input: 'app=web', want: 'app=web' },
    { name: 'double equals normalises', input: 'app==web', want: 'app=web' },
    { name: 'inequality prints as notin', input: 'app!=web', want: 'app notin (web)' },
    { name: 'in', input: 'env in (dev,prod)', want: 'env in (dev,prod)' },
    { name: 'spaces normalise', input: ' a = b , c in ( x , y ) , !d ', want: 'a=b,c in (x,y),!d' },
    { name: 'exists and not exists', input: 'gpu,!spot', want: 'gpu,!spot' },
    { name: 'empty', input: '', want: '<none>' },
  ])('round trip: $name', ({ input, want }) => {
    const once = formatSelector(parseSelector(input));
    expect(once).toBe(want);
    if (want !== '<none>') expect(parseSelector(once)).toEqual(parseSelector(input));
  });
});

describe('formatSelector sorts as apimachinery does', () => {
  it.each([
    [{ matchLabels: { tier: 'db', app: 'web' } }, 'app=web,tier=db'],
    [
      { matchExpressions: [{ key: 'env', operator: 'In' as const, values: ['prod', 'dev'] }] },
      'env in (dev,prod)',
    ],
    [{ matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' as const }] }, 'a,z=1'],
  ])('%o -> %s', (selector, want) => {
    expect(formatSelector(selector)).toBe(want);
  });
});
