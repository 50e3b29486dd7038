import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/settings';
import {
  afterFailure,
  afterMove,
  backoffDuration,
  leftoverExpired,
} from '../../src/scheduler/schedulingQueue';

describe('backoffDuration', () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [30, 10_000],
  ])('after %i failed attempts: %i ms', (attempts, want) => {
    expect(backoffDuration(attempts, DEFAULT_SETTINGS)).toBe(want);
  });
});

describe('queue transitions', () => {
  it('parks a failed pod in unschedulablePods with a growing backoff', () => {
    const first = afterFailure(undefined, 5000, DEFAULT_SETTINGS);
    expect(first).toEqual({
      attempts: 1,
      queue: 'unschedulable',
      backoffUntil: 6000,
      unschedulableSince: 5000,
    });
    expect(afterFailure(first, 9000, DEFAULT_SETTINGS)).toEqual({
      attempts: 2,
      queue: 'unschedulable',
      backoffUntil: 11_000,
      unschedulableSince: 9000,
    });
  });

  it('moves to backoffQ while backing off, else to activeQ', () => {
    const entry = afterFailure(undefined, 5000, DEFAULT_SETTINGS);
    expect(afterMove(entry, 5500)).toEqual({ attempts: 1, queue: 'backoff', backoffUntil: 6000 });
    expect(afterMove(entry, 6000)).toEqual({ attempts: 1, queue: 'active', backoffUntil: 6000 });
  });

  it('lets a pod out after podMaxInUnschedulablePodsDuration (5 min)', () => {
    const entry = afterFailure(undefined, 5000, DEFAULT_SETTINGS);
    expect(leftoverExpired(entry, 304_999, DEFAULT_SETTINGS)).toBe(false);
    expect(leftoverExpired(entry, 305_000, DEFAULT_SETTINGS)).toBe(true);
  });
});
