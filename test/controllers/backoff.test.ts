import { describe, expect, it } from 'vitest';
import { backoffUntil, nextBackoff } from '../../src/controllers/backoff';
import type { ContainerRuntime } from '../../src/model/state';

// client-go util/flowcontrol/backoff.go (IsInBackOffSince, Next, hasExpired) as used by
// K pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: 10 s initial, 300 s max, entries
// expire after 2 x max = 600 s without an update.
const S = { crashLoopBackOffInitial: 10_000, crashLoopBackOffMax: 300_000 };

function rt(backoffMs?: number, backoffUpdatedAt?: number): ContainerRuntime {
  return {
    machine: 'Error',
    ...(backoffMs !== undefined ? { backoffMs } : {}),
    ...(backoffUpdatedAt !== undefined ? { backoffUpdatedAt } : {}),
  };
}

describe('backoffUntil', () => {
  it.each<{
    name: string;
    input: { rt: ContainerRuntime; finishedAt: number; now: number };
    want: number | undefined;
  }>([
    {
      name: 'no entry: the first restart is immediate',
      input: { rt: rt(), finishedAt: 5_000, now: 5_000 },
      want: undefined,
    },
    {
      name: 'within 10 s of the exit',
      input: { rt: rt(10_000, 1_000), finishedAt: 5_000, now: 5_000 },
      want: 15_000,
    },
    {
      name: 'one ms before the end',
      input: { rt: rt(10_000, 1_000), finishedAt: 5_000, now: 14_999 },
      want: 15_000,
    },
    { name: 'at the end', input: { rt: rt(10_000, 1_000), finishedAt: 5_000, now: 15_000 }, want: undefined },
    {
      name: 'a 40 s entry',
      input: { rt: rt(40_000, 100_000), finishedAt: 130_000, now: 131_000 },
      want: 170_000,
    },
    {
      name: 'capped 300 s entry',
      input: { rt: rt(300_000, 0), finishedAt: 1_000, now: 2_000 },
      want: 301_000,
    },
    {
      name: 'exit exactly 600 s after the update: still live',
      input: { rt: rt(80_000, 0), finishedAt: 600_000, now: 600_000 },
      want: 680_000,
    },
    {
      name: 'exit 600.001 s after the update: expired',
      input: { rt: rt(80_000, 0), finishedAt: 600_001, now: 600_001 },
      want: undefined,
    },
    {
      name: 'an entry without an update time counts as expired',
      input: { rt: rt(80_000), finishedAt: 1_000, now: 1_000 },
      want: undefined,
    },
  ])('$name', ({ input, want }) => {
    expect(backoffUntil(input.rt, input.finishedAt, input.now, S)).toBe(want);
  });
});

describe('nextBackoff', () => {
  it.each<{
    name: string;
    input: { rt: ContainerRuntime; finishedAt: number; now: number };
    want: { backoffMs: number; backoffUpdatedAt: number };
  }>([
    {
      name: 'first: 10 s',
      input: { rt: rt(), finishedAt: 5_000, now: 5_000 },
      want: { backoffMs: 10_000, backoffUpdatedAt: 5_000 },
    },
    {
      name: '10 s doubles to 20 s',
      input: { rt: rt(10_000, 5_000), finishedAt: 20_000, now: 25_000 },
      want: { backoffMs: 20_000, backoffUpdatedAt: 25_000 },
    },
    {
      name: '20 s doubles to 40 s',
      input: { rt: rt(20_000, 25_000), finishedAt: 50_000, now: 60_000 },
      want: { backoffMs: 40_000, backoffUpdatedAt: 60_000 },
    },
    {
      name: '160 s is capped at 300 s',
      input: { rt: rt(160_000, 0), finishedAt: 100_000, now: 200_000 },
      want: { backoffMs: 300_000, backoffUpdatedAt: 200_000 },
    },
    {
      name: '300 s stays 300 s',
      input: { rt: rt(300_000, 0), finishedAt: 100_000, now: 400_000 },
      want: { backoffMs: 300_000, backoffUpdatedAt: 400_000 },
    },
    {
      name: 'exactly 600 s since the update: doubles',
      input: { rt: rt(40_000, 0), finishedAt: 600_000, now: 600_000 },
      want: { backoffMs: 80_000, backoffUpdatedAt: 600_000 },
    },
    {
      name: 'more than 600 s: reset to 10 s',
      input: { rt: rt(40_000, 0), finishedAt: 600_001, now: 600_001 },
      want: { backoffMs: 10_000, backoffUpdatedAt: 600_001 },
    },
  ])('$name', ({ input, want }) => {
    expect(nextBackoff(input.rt, input.finishedAt, input.now, S)).toEqual(want);
  });

  it('a container crashing at once after every start waits 0, 10, 20, 40 ... 300, 300 s', () => {
    const c = rt();
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const finishedAt = now; // crashes as soon as it starts
      const until = backoffUntil(c, finishedAt, now, S) ?? now;
      waits.push(until - finishedAt);
      now = until;
      Object.assign(c, nextBackoff(c, finishedAt, now, S));
    }
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });
});
