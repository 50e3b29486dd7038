import { describe, expect, it } from 'vitest';
import { age, humanDuration, toCivil, toRFC1123Z, toRFC3339 } from '../../src/manifests/timeFormat';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration (k8s.io/apimachinery/pkg/util/duration HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [59_900, '59s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [150 * S, '2m30s'],
    [599 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [179 * M, '179m'],
    [180 * M, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [48 * H, '2d'],
    [51 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [745 * D, '2y15d'],
    [8 * 365 * D, '8y'],
    [-1500, '0s'],
    [-1999, '0s'],
    [-2000, '<invalid>'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('age() is <unknown> for an unset timestamp, like translateTimestampSince', () => {
    expect(age(undefined, 5 * M)).toBe('<unknown>');
    expect(age(30 * S, 5 * M)).toBe('4m30s');
  });
});

describe('RFC 3339 and RFC 1123Z from the simulation epoch', () => {
  it.each([
    [0, '2025-01-01T00:00:00Z'],
    [999, '2025-01-01T00:00:00Z'],
    [150_500, '2025-01-01T00:02:30Z'],
    [23 * H + 59 * M + 59 * S, '2025-01-01T23:59:59Z'],
    [59 * D, '2025-03-01T00:00:00Z'],
    [365 * D, '2026-01-01T00:00:00Z'],
    [1154 * D + 12 * H, '2028-02-29T12:00:00Z'],
  ])('%i ms → %s', (ms, text) => {
    expect(toRFC3339(ms)).toBe(text);
  });

  it('formats describe times as Go time.RFC1123Z in UTC', () => {
    expect(toRFC1123Z(0)).toBe('Wed, 01 Jan 2025 00:00:00 +0000');
    expect(toRFC1123Z(5 * S)).toBe('Wed, 01 Jan 2025 00:00:05 +0000');
    expect(toRFC1123Z(4 * D + 13 * H + 7 * M)).toBe('Sun, 05 Jan 2025 13:07:00 +0000');
  });

  it('knows the weekday', () => {
    expect(toCivil(0).weekday).toBe(3);
    expect(toCivil(1154 * D).weekday).toBe(2); // 2028-02-29 is a Tuesday
  });
});
