/**
 * Docker's health monitor, as moby daemon/health.go runs it:
 *
 * - A new (or restarted) container starts `starting`, failing streak 0 (initHealthMonitor).
 * - The timer before each check is getInterval(): `interval` once `start_period` is over; before
 *   that, what is left of the start period when that is shorter than `interval`, else
 *   `start_interval` while the status is `starting` (else `interval`). The timer restarts when a
 *   check's result is in, so a slow check pushes the next one back.
 * - A check that exits 0 makes the container `healthy` and zeroes the streak. A failure while
 *   `starting` and still inside the start period (measured at the check's start) does not count;
 *   otherwise the streak grows and reaching `retries` makes it `unhealthy` (handleProbeResult).
 * - A check that runs longer than `timeout` is killed and counts as a failure (cmdProbe.run).
 * - A change of status is a `health_status: <status>` event. Plain Docker never restarts an
 *   unhealthy container (only Swarm replaces unhealthy tasks): the status is information.
 *
 * What the check finds comes from the scripted app (src/model/containerBehaviour.ts): a check
 * fails at once while the app is starting or unready, and times out while it hangs.
 */
import type { DockerHealth, Healthcheck } from '../../model';

/** What the app does when a check runs at time t. */
export type AppAt = (t: number) => 'ok' | 'fail' | 'hung';

/** The delay before the next check, decided at `at` (moby health.go monitor getInterval). */
export function nextInterval(
  hc: Healthcheck,
  startedAt: number,
  at: number,
  status: DockerHealth['status'],
): number {
  const elapsed = at - startedAt;
  if (elapsed >= hc.startPeriodMs) return hc.intervalMs;
  const remaining = hc.startPeriodMs - elapsed;
  if (remaining < hc.intervalMs) return remaining;
  return status === 'starting' ? hc.startIntervalMs : hc.intervalMs;
}

/** The health of a container that starts at `startedAt`. */
export function initialHealth(hc: Healthcheck, startedAt: number): DockerHealth {
  return {
    status: 'starting',
    failingStreak: 0,
    nextCheck: startedAt + nextInterval(hc, startedAt, startedAt, 'starting'),
  };
}

/** When the result of the next check is in. */
export function nextResultAt(h: DockerHealth, hc: Healthcheck, app: AppAt): number {
  return app(h.nextCheck) === 'hung' ? h.nextCheck + hc.timeoutMs : h.nextCheck;
}

export interface HealthChange {
  at: number;
  status: DockerHealth['status'];
  /** The last check's output, as `docker inspect` keeps it. */
  output: string;
}

/**
 * Runs every check whose result is in by `now` (stopping at `until`, e.g. when the container
 * exits). Returns the new health and each change of status, in order.
 */
export function advanceHealth(
  h: DockerHealth,
  hc: Healthcheck,
  startedAt: number,
  app: AppAt,
  now: number,
  until = Infinity,
): { health: DockerHealth; changes: HealthChange[] } {
  const health = { ...h };
  const changes: HealthChange[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const start = health.nextCheck;
    const outcome = app(start);
    const resultAt = outcome === 'hung' ? start + hc.timeoutMs : start;
    if (resultAt > now || resultAt >= until) break;
    const before = health.status;
    let output = '';
    if (outcome === 'ok') {
      health.failingStreak = 0;
      health.status = 'healthy';
    } else {
      output =
        outcome === 'hung' ? `Health check exceeded timeout (${hc.timeoutMs / 1000}s)` : 'connection refused';
      const inStartPeriod = health.status === 'starting' && start - startedAt < hc.startPeriodMs;
      if (!inStartPeriod) {
        health.failingStreak += 1;
        if (health.failingStreak >= hc.retries) health.status = 'unhealthy';
      }
    }
    if (health.status !== before) changes.push({ at: resultAt, status: health.status, output });
    health.nextCheck = resultAt + nextInterval(hc, startedAt, resultAt, health.status);
  }
  return { health, changes };
}
