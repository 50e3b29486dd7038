/**
 * Probes through the engine: timing (initialDelaySeconds, then every periodSeconds;
 * failureThreshold consecutive failures), startup gating, the `started` field, event messages,
 * restartPolicy, and the cost (no engine step for a healthy container's probes).
 * The container starts at 6 s (5 s image pull + 1 s start) and probes tick at 6 s + k * period.
 */
import { describe, expect, it } from 'vitest';
import { setBehaviour } from '../../src/engine/commands';
import type { Probe } from '../../src/model/objects';
import {
  barePodStory,
  firstTime,
  HTTP,
  probeEvents,
  ready,
  restarts,
  STARTED_AT,
  story,
  thePod,
} from './probeStory';

/** The first tick of the grid STARTED_AT + delay + k * period at or after t. */
const tickAtOrAfter = (t: number, period: number, delay = 0) => {
  const first = STARTED_AT + delay;
  return t <= first ? first : first + Math.ceil((t - first) / period) * period;
};

const hangAt = 30_000;

describe('liveness: failureThreshold x periodSeconds to a restart', () => {
  it.each([
    { period: 10, failures: 3 },
    { period: 5, failures: 1 },
    { period: 2, failures: 5 },
    { period: 1, failures: 3 },
    { period: 7, failures: 2 },
  ])('period $period s, failureThreshold $failures', ({ period, failures }) => {
    const P = period * 1000;
    const grace = 5;
    const sim = story({ liveness: { ...HTTP, periodSeconds: period, failureThreshold: failures }, grace });
    sim.runUntil(hangAt);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, hangAt));
    const firstFail = tickAtOrAfter(hangAt, P);
    const kill = firstFail + (failures - 1) * P;
    sim.runUntil(kill + grace * 1000 + 2_000);
    const killing = probeEvents(sim, ['Killing']);
    expect(killing.map((e) => [e.t, e.message])).toEqual([
      [kill, 'Container web failed liveness probe, will be restarted'],
    ]);
    const unhealthy = probeEvents(sim, ['Unhealthy']);
    expect(unhealthy.map((e) => e.t)).toEqual(Array.from({ length: failures }, (_, i) => firstFail + i * P));
    expect(unhealthy.at(-1)?.count).toBe(failures);
    // A hung process ignores SIGTERM: the whole grace period, then SIGKILL (137); the first
    // restart is immediate, the start takes 1 s.
    const s = thePod(sim).status.containerStatuses[0];
    expect(s?.restartCount).toBe(1);
    expect(s?.lastState.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
      finishedAt: kill + grace * 1000,
    });
    expect(s?.state.running?.startedAt).toBe(kill + grace * 1000 + 1_000);
  });
});

describe('readiness: failureThreshold x periodSeconds to not ready, successThreshold back', () => {
  it.each([
    { period: 10, failures: 3, successes: 1 },
    { period: 5, failures: 1, successes: 1 },
    { period: 2, failures: 4, successes: 3 },
    { period: 3, failures: 2, successes: 2 },
  ])(
    'period $period s, failureThreshold $failures, successThreshold $successes',
    ({ period, failures, successes }) => {
      const P = period * 1000;
      const spell = 40_000;
      const sim = story({
        readiness: {
          ...HTTP,
          periodSeconds: period,
          failureThreshold: failures,
          successThreshold: successes,
        },
      });
      // Ready after `successes` passing probes from the start.
      expect(firstTime(sim, 0, 30_000, () => ready(sim))).toBe(STARTED_AT + (successes - 1) * P);
      sim.runUntil(hangAt);
      sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'unready', forMs: spell }, hangAt));
      const notReady = tickAtOrAfter(hangAt, P) + (failures - 1) * P;
      expect(firstTime(sim, hangAt, hangAt + spell, () => !ready(sim))).toBe(notReady);
      const back = tickAtOrAfter(hangAt + spell, P) + (successes - 1) * P;
      expect(firstTime(sim, notReady, back + 30_000, () => ready(sim))).toBe(back);
      // Liveness passes throughout: no restart, the container was never killed.
      expect(restarts(sim)).toBe(0);
      expect(
        probeEvents(sim).every((e) =>
          e.message.startsWith('Readiness probe failed: HTTP probe failed with statuscode: 503'),
        ),
      ).toBe(true);
    },
  );
});

describe('initialDelaySeconds', () => {
  it.each([0, 3, 15, 30])('readiness with initialDelaySeconds %i: first probe (and Ready) then', (delay) => {
    const sim = story({ readiness: { ...HTTP, initialDelaySeconds: delay, periodSeconds: 10 } });
    expect(firstTime(sim, 0, 60_000, () => ready(sim))).toBe(STARTED_AT + delay * 1000);
  });

  it('liveness with initialDelaySeconds does not probe a slow starter before it', () => {
    // The app listens after 20 s; liveness starts at 25 s: never a failure.
    const sim = story({
      liveness: { ...HTTP, initialDelaySeconds: 25, periodSeconds: 1, failureThreshold: 1 },
      behaviour: '{"startupDelay":"20s"}',
    });
    sim.runUntil(120_000);
    expect(probeEvents(sim)).toEqual([]);
    expect(restarts(sim)).toBe(0);
  });
});

describe('startup probe', () => {
  const slow = '{"startupDelay":"40s"}';

  it('holds liveness and readiness until it succeeds; started and ready follow it', () => {
    const sim = story({
      startup: { ...HTTP, periodSeconds: 5, failureThreshold: 12 },
      liveness: { ...HTTP, periodSeconds: 1, failureThreshold: 1 },
      readiness: { ...HTTP, periodSeconds: 10 },
      behaviour: slow,
    });
    sim.runUntil(45_000);
    let s = thePod(sim).status.containerStatuses[0];
    expect([s?.state.running !== undefined, s?.started, s?.ready]).toEqual([true, false, false]);
    // The app answers at 46 s: the startup tick then succeeds, readiness runs at once.
    sim.runUntil(46_000);
    s = thePod(sim).status.containerStatuses[0];
    expect([s?.started, s?.ready]).toEqual([true, true]);
    sim.runUntil(120_000);
    const failures = probeEvents(sim);
    expect(failures.map((e) => e.t)).toEqual([6, 11, 16, 21, 26, 31, 36, 41].map((x) => x * 1000));
    expect(failures.every((e) => e.message.startsWith('Startup probe failed: Get "http://'))).toBe(true);
    expect(restarts(sim)).toBe(0);
  });

  it('kills the container after failureThreshold failures', () => {
    const sim = story({ startup: { ...HTTP, periodSeconds: 5, failureThreshold: 2 }, behaviour: slow });
    sim.runUntil(12_000);
    expect(probeEvents(sim, ['Killing']).map((e) => [e.t, e.message])).toEqual([
      [11_000, 'Container web failed startup probe, will be restarted'],
    ]);
    // Not hung, so it exits on SIGTERM (143) after containerStopTime (1 s).
    sim.runUntil(20_000);
    expect(thePod(sim).status.containerStatuses[0]?.lastState.terminated).toMatchObject({
      exitCode: 143,
      finishedAt: 12_000,
    });
  });

  it('without a startup probe, liveness kills a slow starter over and over (the reason startup probes exist)', () => {
    const sim = story({ liveness: { ...HTTP, periodSeconds: 10, failureThreshold: 3 }, behaviour: slow });
    sim.runUntil(300_000);
    expect(probeEvents(sim, ['Killing'])[0]?.t).toBe(26_000);
    expect(restarts(sim)).toBeGreaterThanOrEqual(3);
    expect(ready(sim)).toBe(false);
  });

  it('a container without any probe is started and ready once running', () => {
    const sim = story({});
    sim.runUntil(STARTED_AT);
    expect(thePod(sim).status.containerStatuses[0]).toMatchObject({ started: true, ready: true });
  });
});

describe('event messages (K pkg/kubelet/prober/prober.go, pkg/probe/*)', () => {
  const cases: { name: string; probe: Probe; hang: string; unready: string }[] = [
    {
      name: 'httpGet',
      probe: { httpGet: { path: '/healthz', port: 'http' } },
      hang: 'Get "http://10.244.1.2:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      unready: 'HTTP probe failed with statuscode: 503',
    },
    {
      name: 'tcpSocket',
      probe: { tcpSocket: { port: 8080 } },
      hang: 'dial tcp 10.244.1.2:8080: i/o timeout',
      unready: 'dial tcp 10.244.1.2:8080: connect: connection refused',
    },
    {
      name: 'grpc',
      probe: { grpc: { port: 9090 } },
      hang: 'timeout: health rpc did not complete within 1s',
      unready: 'service unhealthy (responded with "NOT_SERVING")',
    },
    {
      name: 'exec',
      probe: { exec: { command: ['cat', '/tmp/healthy'] } },
      hang: 'command "cat /tmp/healthy" timed out',
      unready: 'command "cat /tmp/healthy" exited with code 1',
    },
  ];
  it.each(cases)('$name', ({ probe, hang, unready }) => {
    const ports = [{ name: 'http', containerPort: 8080 }];
    const sim = story({
      readiness: { ...probe, periodSeconds: 5 },
      liveness: { ...probe, periodSeconds: 5 },
      ports,
    });
    sim.runUntil(20_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'unready', forMs: 5_000 }, 20_000));
    sim.runUntil(40_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, 40_000));
    sim.runUntil(60_000);
    const messages = [...new Set(probeEvents(sim).map((e) => e.message))];
    expect(messages).toEqual([
      `Readiness probe failed: ${unready}`,
      `Liveness probe failed: ${hang}`,
      `Readiness probe failed: ${hang}`,
      'Container web failed liveness probe, will be restarted',
    ]);
    expect(new Set(probeEvents(sim).map((e) => [e.source, e.object.split('-')[0]].join(' ')))).toEqual(
      new Set(['kubelet pod/web']),
    );
  });
});

describe('restartPolicy after a liveness failure', () => {
  it.each([
    {
      policy: 'Always',
      message: 'Container web failed liveness probe, will be restarted',
      restarts: 1,
      phase: 'Running',
    },
    {
      policy: 'OnFailure',
      message: 'Container web failed liveness probe, will be restarted',
      restarts: 1,
      phase: 'Running',
    },
    { policy: 'Never', message: 'Container web failed liveness probe', restarts: 0, phase: 'Failed' },
  ] as const)('$policy', ({ policy, message, restarts: want, phase }) => {
    const sim = barePodStory({
      liveness: { ...HTTP, periodSeconds: 5, failureThreshold: 2 },
      restartPolicy: policy,
      grace: 3,
    });
    sim.runUntil(hangAt);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, hangAt));
    sim.runUntil(60_000);
    expect(probeEvents(sim, ['Killing']).map((e) => e.message)).toEqual([message]);
    const p = thePod(sim);
    expect(p.status.phase).toBe(phase);
    expect(p.status.containerStatuses[0]?.restartCount).toBe(want);
  });
});
