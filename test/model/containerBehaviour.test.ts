/**
 * Scripted behaviour: the flotilla.dev/behaviour annotation, the setBehaviour command, the failure
 * windows behind probe results, and what probes cost the engine.
 */
import { describe, expect, it } from 'vitest';
import { failureWindows, firstFailingTick, parseBehaviour } from '../../src/model/containerBehaviour';
import { setBehaviour } from '../../src/engine/commands';
import { CommandError } from '../../src/engine/simulation';
import { HTTP, probeEvents, ready, restarts, STARTED_AT, story, thePod } from '../controllers/probeStory';

describe('parseBehaviour', () => {
  it.each([
    { value: '{"startupDelay": "20s"}', want: { all: { startupDelayMs: 20_000 }, byContainer: {} } },
    {
      value: '{"hangAfter": "1m30s", "crashAfter": "500ms", "exitCode": 2}',
      want: { all: { hangAfterMs: 90_000, crashAfterMs: 500, exitCode: 2 }, byContainer: {} },
    },
    {
      value: '{"startupDelay": "5s", "web": {"startupDelay": "1.5s"}}',
      want: { all: { startupDelayMs: 5_000 }, byContainer: { web: { startupDelayMs: 1_500 } } },
    },
  ])('$value', ({ value, want }) => {
    const r = parseBehaviour(value, ['web', 'side']);
    expect(r.problems).toEqual([]);
    expect({ all: r.all, byContainer: r.byContainer }).toEqual(want);
  });

  it.each([
    { value: '{startupDelay: 20s}', path: [], message: /^not valid JSON/ },
    { value: '["20s"]', path: [], message: /^expected a JSON object/ },
    { value: '{"startupDeley": "20s"}', path: ['startupDeley'], message: /^unknown field "startupDeley"/ },
    { value: '{"startupDelay": 20}', path: ['startupDelay'], message: /write "20s"/ },
    { value: '{"hangAfter": "-5s"}', path: ['hangAfter'], message: /^invalid duration/ },
    { value: '{"exitCode": 300}', path: ['exitCode'], message: /^invalid exit code 300/ },
    { value: '{"web": {"hang": "5s"}}', path: ['web', 'hang'], message: /^unknown field "hang"/ },
    { value: '{"db": {"hangAfter": "5s"}}', path: ['db'], message: /^unknown field "db"/ },
  ])('refuses $value', ({ value, path, message }) => {
    const r = parseBehaviour(value, ['web']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.path).toEqual(path);
    expect(r.problems[0]?.message).toMatch(message);
  });
});

describe('firstFailingTick', () => {
  const none = { starting: [], hung: [], unready: [] };
  it.each([
    { name: 'no window', w: none, from: 0, period: 10, readiness: true, want: Infinity },
    {
      name: 'hang from 25 on a 10 grid',
      w: { ...none, hung: [[25, Infinity] as const] },
      from: 0,
      period: 10,
      readiness: false,
      want: 30,
    },
    {
      name: 'hang already on',
      w: { ...none, hung: [[0, Infinity] as const] },
      from: 20,
      period: 10,
      readiness: false,
      want: 20,
    },
    {
      name: 'a spell between two ticks is never seen',
      w: { ...none, unready: [[21, 29] as const] },
      from: 0,
      period: 10,
      readiness: true,
      want: Infinity,
    },
    {
      name: 'unready does not fail liveness',
      w: { ...none, unready: [[0, Infinity] as const] },
      from: 0,
      period: 10,
      readiness: false,
      want: Infinity,
    },
    {
      name: 'earliest of two windows',
      w: { ...none, hung: [[55, Infinity] as const], unready: [[31, 45] as const] },
      from: 5,
      period: 5,
      readiness: true,
      want: 35,
    },
  ])('$name', ({ w, from, period, readiness, want }) => {
    expect(firstFailingTick(w, from, period, readiness)).toBe(want);
  });

  it('builds windows from the annotation and the runtime record', () => {
    const w = failureWindows(
      { machine: 'Running', hangFrom: 50, unreadyFrom: 10, unreadyUntil: 20 },
      { startupDelayMs: 5, hangAfterMs: 100 },
      1_000,
    );
    expect(w).toEqual({
      starting: [[1_000, 1_005]],
      hung: [
        [50, Infinity],
        [1_100, Infinity],
      ],
      unready: [[10, 20]],
    });
  });
});

describe('setBehaviour', () => {
  const probes = {
    liveness: { ...HTTP, periodSeconds: 10, failureThreshold: 3 },
    readiness: { ...HTTP, periodSeconds: 5 },
    grace: 5,
  };

  it('healthy before the liveness threshold: no kill, Ready again', () => {
    const sim = story(probes);
    sim.runUntil(30_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, 30_000));
    sim.runUntil(45_000); // liveness failed at 36 s only; readiness at 36 s and 41 s
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'healthy' }, 45_000));
    sim.runUntil(120_000);
    expect(probeEvents(sim, ['Killing'])).toEqual([]);
    expect(restarts(sim)).toBe(0);
    expect(ready(sim)).toBe(true);
  });

  it('a hang for less than the failure window is not acted on', () => {
    const sim = story(probes);
    sim.runUntil(30_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang', forMs: 15_000 }, 30_000));
    sim.runUntil(120_000);
    // Liveness ticks at 36 s (fails) and 46 s (passes: the hang ended at 45 s).
    expect(
      probeEvents(sim, ['Unhealthy'])
        .filter((e) => e.message.startsWith('Liveness'))
        .map((e) => e.t),
    ).toEqual([36_000]);
    expect(restarts(sim)).toBe(0);
  });

  it('a hang ends with the restart: the new container is healthy', () => {
    const sim = story(probes);
    sim.runUntil(30_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, 30_000));
    sim.runUntil(300_000);
    expect(restarts(sim)).toBe(1);
    expect(ready(sim)).toBe(true);
  });

  it('slowStart applies to later starts', () => {
    const sim = story({ readiness: { ...HTTP, periodSeconds: 5 } });
    sim.runUntil(20_000);
    sim.execute((s) =>
      setBehaviour(s, { pod: 'web', behaviour: 'slowStart', startupDelayMs: 12_000 }, 20_000),
    );
    // The current container started at 6 s, so its 12 s window is over: still ready.
    sim.runUntil(21_000);
    expect(ready(sim)).toBe(true);
  });

  it.each([
    {
      name: 'unknown container',
      at: 20_000,
      opts: { container: 'db', behaviour: 'hang' as const },
      error: /has no container "db"/,
    },
    {
      name: 'hang before the container runs',
      at: 2_000,
      opts: { behaviour: 'hang' as const },
      error: /is not running, so it cannot hang/,
    },
    {
      name: 'unknown pod',
      at: 20_000,
      opts: { pod: 'nope', behaviour: 'unready' as const },
      error: /no pod named "nope"/,
    },
  ])('refuses: $name, and changes nothing', ({ at, opts, error }) => {
    const sim = story(probes);
    sim.runUntil(at);
    const before = sim.state;
    expect(() => sim.execute((s) => setBehaviour(s, { pod: 'web', ...opts }, at))).toThrow(CommandError);
    expect(() => sim.execute((s) => setBehaviour(s, { pod: 'web', ...opts }, at))).toThrow(error);
    expect(sim.state).toBe(before);
  });
});

describe('the annotation', () => {
  it('hangAfter: every container instance hangs, liveness restarts it each time', () => {
    const sim = story({
      liveness: { ...HTTP, periodSeconds: 5, failureThreshold: 1 },
      behaviour: '{"hangAfter": "30s"}',
      grace: 2,
    });
    sim.runUntil(600_000);
    expect(restarts(sim)).toBeGreaterThanOrEqual(4);
    // First kill: the tick at or after 6 + 30 = 36 s.
    expect(probeEvents(sim, ['Killing'])[0]?.t).toBe(36_000);
  });

  it('crashAfter / exitCode: a crash loop without a timeline entry', () => {
    const sim = story({ behaviour: '{"crashAfter": "10s", "exitCode": 3}' });
    sim.runUntil(17_000);
    const s = thePod(sim).status.containerStatuses[0];
    expect(s?.lastState.terminated).toMatchObject({ exitCode: 3, finishedAt: STARTED_AT + 10_000 });
    expect(s?.restartCount).toBe(1);
  });

  it('healthy overrides it', () => {
    const sim = story({ behaviour: '{"crashAfter": "10s"}' });
    sim.runUntil(8_000);
    sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'healthy' }, 8_000));
    sim.runUntil(600_000);
    expect(restarts(sim)).toBe(0);
  });

  it('an invalid annotation counts as healthy in the engine (the loader reports it)', () => {
    const sim = story({ readiness: HTTP, behaviour: '{"startupDelay": 20}' });
    sim.runUntil(STARTED_AT);
    expect(ready(sim)).toBe(true);
  });
});

describe('cost', () => {
  it('a healthy container with probes every second costs no engine step once ready', () => {
    const every = { ...HTTP, periodSeconds: 1 };
    const plain = story({});
    const probed = story({ liveness: every, readiness: every, startup: every });
    for (const sim of [plain, probed]) sim.runUntil(3_600_000);
    expect(probed.stepsRun - plain.stepsRun).toBeLessThanOrEqual(2);
  });

  it('a failing readiness probe costs one step per probe, and wakes are queued once', () => {
    const sim = story({ readiness: { ...HTTP, periodSeconds: 2 }, liveness: { ...HTTP, periodSeconds: 3 } });
    // Flap readiness often: each flip updates the pod (a second reconcile in the same step).
    for (let i = 0; i < 20; i++) {
      const at = 20_000 + i * 20_000;
      sim.runUntil(at);
      sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'unready', forMs: 9_000 }, at));
    }
    sim.runUntil(430_000);
    const kubeletWakes = sim.state.queue.filter(
      (e) => e.event.type === 'wake' && e.event.controller === 'kubelet',
    );
    expect(kubeletWakes.length).toBeLessThanOrEqual(1);
  });

  it('seeking back into a hang and forward again gives the straight run', () => {
    const run = () => {
      const sim = story({
        liveness: { ...HTTP, periodSeconds: 5 },
        readiness: { ...HTTP, periodSeconds: 3 },
        grace: 4,
      });
      sim.runUntil(30_000);
      sim.execute((s) => setBehaviour(s, { pod: 'web', behaviour: 'hang' }, 30_000));
      return sim;
    };
    const straight = run();
    straight.runUntil(90_000);
    const seeking = run();
    seeking.runUntil(90_000);
    seeking.seek(41_000);
    seeking.seek(90_000);
    expect(JSON.stringify(seeking.state)).toBe(JSON.stringify(straight.state));
    expect(JSON.stringify(seeking.trace)).toBe(JSON.stringify(straight.trace));
  });
});
