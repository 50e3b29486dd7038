import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/scenario/duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['0', 0],
    ['0s', 0],
    ['2h', 7_200_000],
    ['1m30s', 90_000],
    ['0.25s', 250],
    ['1.5m', 90_000],
    ['10m0s', 600_000],
    [' 40s ', 40_000],
  ])('%s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['30'],
    ['5x'],
    [''],
    ['s'],
    ['1.5'],
    ['-5s'],
    ['1d'],
    ['1.0005s'],
    ['5 m'],
    ['1h-30m'],
    ['.5s'],
    ['1us'],
  ])('%j is refused', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
  });

  it('says why a negative duration is refused', () => {
    expect(() => parseDuration('-5s')).toThrow(/negative/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1500, '1.5s'],
    [30_000, '30s'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [90_500, '1m30.5s'],
    [3_600_001, '1h0.001s'],
  ])('%d ms = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });

  it('round-trips every whole millisecond it formats', () => {
    for (let ms = 0; ms < 10_000_000; ms += 7_919) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
