/** Docker's health monitor (moby daemon/health.go): timer, start period, retries, timeout. */
import { describe, expect, it } from 'vitest';
import type { Healthcheck } from '../../src/model/compose';
import { advanceHealth, initialHealth, nextInterval } from '../../src/orchestrators/compose';
import type { AppAt } from '../../src/orchestrators/compose/healthcheck';

const hc = (over: Partial<Healthcheck> = {}): Healthcheck => ({
  test: ['CMD', 'true'],
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
  disabled: false,
  ...over,
});

const ok: AppAt = () => 'ok';
const failing: AppAt = () => 'fail';
const until =
  (t: number): AppAt =>
  (x) =>
    x < t ? 'fail' : 'ok';

describe('nextInterval (getInterval)', () => {
  it.each([
    { name: 'no start period: interval', h: hc(), at: 0, status: 'starting' as const, want: 30_000 },
    {
      name: 'in the start period, starting: start_interval',
      h: hc({ startPeriodMs: 60_000 }),
      at: 0,
      status: 'starting' as const,
      want: 5_000,
    },
    {
      name: 'in the start period, healthy: interval',
      h: hc({ startPeriodMs: 60_000 }),
      at: 0,
      status: 'healthy' as const,
      want: 30_000,
    },
    {
      name: 'start period ends before the interval: the rest of it',
      h: hc({ startPeriodMs: 40_000 }),
      at: 20_000,
      status: 'starting' as const,
      want: 20_000,
    },
    {
      name: 'after the start period: interval',
      h: hc({ startPeriodMs: 40_000 }),
      at: 40_000,
      status: 'starting' as const,
      want: 30_000,
    },
  ])('$name', ({ h, at, status, want }) => {
    expect(nextInterval(h, 0, at, status)).toBe(want);
  });
});

describe('advanceHealth', () => {
  it('the first check runs one interval after the start; a success makes it healthy', () => {
    const h = initialHealth(hc(), 1000);
    expect(h).toEqual({ status: 'starting', failingStreak: 0, nextCheck: 31_000 });
    const r = advanceHealth(h, hc(), 1000, ok, 31_000);
    expect(r.changes).toEqual([{ at: 31_000, status: 'healthy', output: '' }]);
    expect(r.health.nextCheck).toBe(61_000);
  });

  it('retries consecutive failures make it unhealthy (30 s, 60 s, 90 s)', () => {
    const r = advanceHealth(initialHealth(hc(), 0), hc(), 0, failing, 200_000);
    expect(r.changes.map((c) => [c.at, c.status])).toEqual([[90_000, 'unhealthy']]);
    expect(r.health.failingStreak).toBe(6);
  });

  it('failures inside the start period do not count while starting', () => {
    // start_period 30 s, start_interval 5 s, interval 10 s: checks at 5, 10, ... 25, then 30 (rest of
    // the period), and from there every 10 s; the first three failures after 30 s count.
    const h = hc({ startPeriodMs: 30_000, intervalMs: 10_000, retries: 3 });
    const r = advanceHealth(initialHealth(h, 0), h, 0, failing, 100_000);
    expect(r.changes.map((c) => [c.at, c.status])).toEqual([[50_000, 'unhealthy']]);
  });

  it('a success during the start period ends it: later failures count', () => {
    const h = hc({ startPeriodMs: 60_000, intervalMs: 10_000, retries: 2 });
    // ok at 5 s, failing from 6 s on: checks at 5 (healthy), then every 10 s: 15, 25 (unhealthy).
    const app: AppAt = (t) => (t < 6_000 ? 'ok' : 'fail');
    const r = advanceHealth(initialHealth(h, 0), h, 0, app, 100_000);
    expect(r.changes.map((c) => [c.at, c.status])).toEqual([
      [5_000, 'healthy'],
      [25_000, 'unhealthy'],
    ]);
  });

  it('a slow start: healthy at the first check after the app answers', () => {
    const h = hc({ startPeriodMs: 30_000, intervalMs: 10_000, retries: 5 });
    const r = advanceHealth(initialHealth(h, 6_000), h, 6_000, until(26_000), 60_000);
    expect(r.changes.map((c) => [c.at, c.status])).toEqual([[26_000, 'healthy']]);
  });

  it('a hung check fails after its timeout, and the next waits for it', () => {
    const h = hc({ intervalMs: 10_000, timeoutMs: 5_000, retries: 1 });
    const hung: AppAt = () => 'hung';
    const r = advanceHealth(initialHealth(h, 0), h, 0, hung, 100_000);
    expect(r.changes).toEqual([
      { at: 15_000, status: 'unhealthy', output: 'Health check exceeded timeout (5s)' },
    ]);
    // checks start at 10, 25, 40 ...: each result 5 s later, the next 10 s after that.
    expect(r.health.nextCheck).toBe(100_000);
  });

  it('stops at `until` (the container exited)', () => {
    const r = advanceHealth(initialHealth(hc(), 0), hc(), 0, failing, 200_000, 60_000);
    expect(r.health.failingStreak).toBe(1);
  });
});
