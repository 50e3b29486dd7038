import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAmount, formatAmount, parseQuantity, toCanonical } from '../../src/model/quantity';

const GI = 2 ** 30;
const MI = 2 ** 20;

describe('parseQuantity', () => {
  it.each([
    { name: 'milli suffix', input: '100m', want: { negative: false, digits: 100n, exp10: -3, exp2: 0 } },
    { name: 'negative', input: '-100m', want: { negative: true, digits: 100n, exp10: -3, exp2: 0 } },
    {
      name: 'binary suffix with a fraction',
      input: '1.5Gi',
      want: { negative: false, digits: 15n, exp10: -1, exp2: 30 },
    },
    { name: 'decimal exponent', input: '1e3', want: { negative: false, digits: 1n, exp10: 3, exp2: 0 } },
    { name: 'negative exponent', input: '25E-2', want: { negative: false, digits: 25n, exp10: -2, exp2: 0 } },
    { name: 'leading zeros dropped', input: '007', want: { negative: false, digits: 7n, exp10: 0, exp2: 0 } },
    { name: 'leading dot', input: '.5', want: { negative: false, digits: 5n, exp10: -1, exp2: 0 } },
    { name: 'explicit plus', input: '+1', want: { negative: false, digits: 1n, exp10: 0, exp2: 0 } },
    { name: 'kilo', input: '1k', want: { negative: false, digits: 1n, exp10: 3, exp2: 0 } },
    { name: 'YAML number', input: 0.25, want: { negative: false, digits: 25n, exp10: -2, exp2: 0 } },
  ])('$name: $input', ({ input, want }) => {
    expect(parseQuantity(input)).toEqual(want);
  });
});

describe('canonicalAmount', () => {
  it.each([
    { name: 'millicores', input: { resource: 'cpu', text: '100m' }, want: 100 },
    { name: 'whole cores', input: { resource: 'cpu', text: '2' }, want: 2000 },
    { name: 'fractional cores', input: { resource: 'cpu', text: '1.5' }, want: 1500 },
    { name: 'half a core', input: { resource: 'cpu', text: '0.5' }, want: 500 },
    { name: 'a tenth of a core', input: { resource: 'cpu', text: '0.1' }, want: 100 },
    { name: 'leading dot', input: { resource: 'cpu', text: '.5' }, want: 500 },
    { name: 'explicit plus', input: { resource: 'cpu', text: '+1' }, want: 1000 },
    { name: 'cpu exponent', input: { resource: 'cpu', text: '1e3' }, want: 1_000_000 },
    { name: 'cpu in nanocores rounds up', input: { resource: 'cpu', text: '1n' }, want: 1 },
    { name: '0.1m rounds up to 1 millicore', input: { resource: 'cpu', text: '0.1m' }, want: 1 },
    { name: '1.0001m rounds up to 2 millicores', input: { resource: 'cpu', text: '1.0001m' }, want: 2 },
    { name: 'cpu given as a YAML integer', input: { resource: 'cpu', text: 2 }, want: 2000 },
    { name: 'cpu given as a YAML float', input: { resource: 'cpu', text: 0.25 }, want: 250 },
    { name: 'cpu given as 0.1 (float)', input: { resource: 'cpu', text: 0.1 }, want: 100 },
    { name: 'mebibytes', input: { resource: 'memory', text: '256Mi' }, want: 256 * MI },
    { name: 'gibibyte', input: { resource: 'memory', text: '1Gi' }, want: GI },
    { name: 'fractional gibibytes', input: { resource: 'memory', text: '1.5Gi' }, want: 1_610_612_736 },
    { name: 'kibibytes', input: { resource: 'memory', text: '500Ki' }, want: 512_000 },
    { name: 'plain bytes', input: { resource: 'memory', text: '10000' }, want: 10_000 },
    { name: 'decimal kilo', input: { resource: 'memory', text: '1k' }, want: 1000 },
    { name: 'decimal mega', input: { resource: 'memory', text: '1M' }, want: 1_000_000 },
    { name: 'memory exponent', input: { resource: 'memory', text: '1e3' }, want: 1000 },
    { name: 'upper-case exponent', input: { resource: 'memory', text: '1E3' }, want: 1000 },
    { name: '1.5 bytes rounds up to 2', input: { resource: 'memory', text: '1.5' }, want: 2 },
    { name: '100m bytes rounds up to 1', input: { resource: 'memory', text: '100m' }, want: 1 },
    { name: 'memory given as a YAML integer', input: { resource: 'memory', text: 1_073_741_824 }, want: GI },
    // negativeScaleInt64 (apimachinery resource/scale_int.go) rounds an inexact value away from zero.
    { name: 'negative inexact rounds away from zero', input: { resource: 'cpu', text: '-1.5m' }, want: -2 },
    { name: 'extended resource as a number', input: { resource: 'nvidia.com/gpu', text: 1 }, want: 1 },
    { name: 'extended resource as a string', input: { resource: 'nvidia.com/gpu', text: '2' }, want: 2 },
    { name: 'pods', input: { resource: 'pods', text: '110' }, want: 110 },
  ])('$name', ({ input, want }) => {
    expect(canonicalAmount(input.resource, input.text)).toBe(want);
  });

  it.each([
    { name: 'letters', input: 'abc', want: undefined },
    { name: 'two dots', input: '1.2.3', want: undefined },
    { name: 'unknown suffix', input: '1Mii', want: undefined },
    { name: 'double sign', input: '--1', want: undefined },
    { name: 'space before the suffix', input: '1 Gi', want: undefined },
    { name: 'leading space (ParseQuantity does not trim)', input: ' 100m', want: undefined },
    { name: 'empty', input: '', want: undefined },
    { name: 'only spaces', input: '   ', want: undefined },
    { name: 'suffix without a number', input: 'Mi', want: undefined },
    { name: 'lower-case binary suffix', input: '1ki', want: undefined },
    { name: 'exponent without digits', input: '1e', want: undefined },
    { name: 'lone dot', input: '.', want: undefined },
  ])('invalid: $name ($input)', ({ input, want }) => {
    expect(parseQuantity(input)).toBe(want);
    expect(canonicalAmount('cpu', input)).toBe(want);
    expect(canonicalAmount('memory', input)).toBe(want);
  });
});

// canonicalAmount takes plain integer arithmetic for the common forms; the BigInt path is the
// definition it must agree with, for every text and both scales.
describe('canonicalAmount agrees with the exact path', () => {
  const exact = (resource: string, text: string | number) => {
    const q = parseQuantity(text);
    return q === undefined ? undefined : toCanonical(resource, q);
  };
  const suffix = fc.constantFrom(
    '',
    'm',
    'k',
    'M',
    'G',
    'T',
    'P',
    'E',
    'Ki',
    'Mi',
    'Gi',
    'Ti',
    'Pi',
    'Ei',
    'n',
    'u',
    'e3',
    'E-2',
    'i',
    'mi',
    'x',
  );
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
  const text = fc
    .tuple(fc.constantFrom('', '', '', '+', '-', ' '), digits(0, 18), fc.option(digits(0, 6)), suffix)
    .map(([sign, int, frac, sfx]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${sfx}`);
  it.each(['cpu', 'memory'])('%s: texts', (resource) => {
    fc.assert(
      fc.property(text, (t) => {
        expect(canonicalAmount(resource, t)).toBe(exact(resource, t));
      }),
      { numRuns: 20_000, seed: 20 },
    );
  });
  it.each(['cpu', 'memory'])('%s: YAML numbers', (resource) => {
    const n = fc.oneof(fc.integer({ min: 0, max: 2 ** 53 }), fc.double({ min: 0, max: 1e16, noNaN: true }));
    fc.assert(
      fc.property(n, (v) => {
        expect(canonicalAmount(resource, v)).toBe(exact(resource, v));
      }),
      { numRuns: 20_000, seed: 20 },
    );
  });
  it.each([
    { resource: 'cpu', text: '100m', want: 100 },
    { resource: 'cpu', text: '0.5', want: 500 },
    { resource: 'cpu', text: '1.0001', want: 1001 },
    { resource: 'memory', text: '100m', want: 1 },
    { resource: 'memory', text: '1.5Gi', want: 1.5 * GI },
    // Past 2^53 the integer path steps aside: the exact path's answer, whatever its rounding.
    { resource: 'memory', text: '999999999999999Ki', want: exact('memory', '999999999999999Ki') },
  ])('$resource $text', ({ resource, text, want }) => {
    expect(canonicalAmount(resource, text)).toBe(want);
    expect(exact(resource, text)).toBe(want);
  });
});

describe('formatAmount', () => {
  it.each([
    { name: 'millicores', input: { resource: 'cpu', amount: 250 }, want: '250m' },
    { name: 'whole cores', input: { resource: 'cpu', amount: 2000 }, want: '2' },
    { name: 'cores and millicores', input: { resource: 'cpu', amount: 2500 }, want: '2500m' },
    { name: 'zero cpu', input: { resource: 'cpu', amount: 0 }, want: '0' },
    { name: 'mebibytes', input: { resource: 'memory', amount: 512 * MI }, want: '512Mi' },
    { name: 'gibibyte', input: { resource: 'memory', amount: GI }, want: '1Gi' },
    { name: '1.5Gi prints as Mi', input: { resource: 'memory', amount: 1_610_612_736 }, want: '1536Mi' },
    { name: 'kibibyte', input: { resource: 'memory', amount: 1024 }, want: '1Ki' },
    { name: 'tebibyte', input: { resource: 'memory', amount: 2 ** 40 }, want: '1Ti' },
    { name: 'bytes not a power of two', input: { resource: 'memory', amount: 1000 }, want: '1000' },
    { name: 'zero memory', input: { resource: 'memory', amount: 0 }, want: '0' },
    { name: 'ephemeral storage', input: { resource: 'ephemeral-storage', amount: 10 * GI }, want: '10Gi' },
    { name: 'extended resource', input: { resource: 'nvidia.com/gpu', amount: 2 }, want: '2' },
    { name: 'pods', input: { resource: 'pods', amount: 110 }, want: '110' },
  ])('$name', ({ input, want }) => {
    expect(formatAmount(input.resource, input.amount)).toBe(want);
  });
});
