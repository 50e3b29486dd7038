/**
 * Restart policies through the whole engine: the daemon restarts a container on its own host with
 * the restart manager's delay (100 ms doubling to 1 min, reset after a 10 s run); on-failure:N
 * gives up; an unhealthy container is not restarted by plain Docker.
 */
import { describe, expect, it } from 'vitest';
import { getIn } from '../../src/model/sharded';
import { composePsLines } from '../../src/orchestrators/compose/ps';
import { composeScenario, eventsOf, run } from './helpers';

/** One service `app` (image busybox) with these extra lines, run for `duration`. */
function app(lines: string, duration: string, extra = ''): string {
  return composeScenario({
    compose: [
      'inline:',
      '  services:',
      '    app:',
      '      image: busybox',
      ...lines.split('\n').map((l) => `      ${l}`),
    ].join('\n'),
    extra: `${extra}\nduration: ${duration}`,
  });
}

const pod = (r: ReturnType<typeof run>, name = 't-app-1') => getIn(r.sim.state.pods, `default/${name}`);

describe('restart: always', () => {
  it('restarts a crashing container with 100 ms, 200 ms, 400 ms ... between die and start', () => {
    const r = run(app(`restart: always\nlabels:\n  flotilla.dev/behaviour: '{"crashAfter": "1s"}'`, '30s'));
    const ev = eventsOf(r, 't-app-1');
    // pulled by 5 s, created, started 1 s later (containerStartTime); dies 1 s after every start.
    expect(ev.slice(0, 12)).toEqual([
      [5, 'create'],
      [6, 'start'],
      [7, 'die'],
      [7.1, 'start'],
      [8.1, 'die'],
      [8.3, 'start'],
      [9.3, 'die'],
      [9.7, 'start'],
      [10.7, 'die'],
      [11.5, 'start'],
      [12.5, 'die'],
      [14.1, 'start'],
    ]);
    const starts = ev.filter(([, e]) => e === 'start').map(([t]) => t);
    expect(starts).toEqual([6, 7.1, 8.3, 9.7, 11.5, 14.1, 18.3, 25.7]);
    expect(pod(r)?.status.containerStatuses[0]?.restartCount).toBe(7);
  });

  it('starts over at 100 ms once the container ran 10 s', () => {
    const r = run(app(`restart: always\nlabels:\n  flotilla.dev/behaviour: '{"crashAfter": "12s"}'`, '45s'));
    const starts = eventsOf(r, 't-app-1')
      .filter(([, e]) => e === 'start')
      .map(([t]) => t);
    expect(starts).toEqual([6, 18.1, 30.2, 42.3]);
  });

  it('a crashContainer from the timeline is a die (exit 137: oom first), then a start on the same host', () => {
    const r = run(
      app(
        'restart: always',
        '30s',
        'timeline:\n  - { at: 20s, action: crashContainer, pod: t-app-1, exitCode: 137 }',
      ),
    );
    expect(eventsOf(r, 't-app-1').slice(2)).toEqual([
      [20, 'oom'],
      [20, 'die'],
      [20.1, 'start'],
    ]);
    const die = r.sim.trace.find((x) => x.type === 'event' && (x as { reason: string }).reason === 'die');
    expect((die as { message: string }).message).toMatch(
      /^container die [0-9a-f]{12} \(exitCode=137, image=busybox, name=t-app-1\)$/,
    );
    expect(pod(r)?.spec.nodeName).toBe('host-1');
    expect(pod(r)?.status.phase).toBe('Running');
  });
});

describe('restart: on-failure', () => {
  it('on-failure:2 restarts twice, then leaves it Exited', () => {
    const r = run(
      app(`restart: on-failure:2\nlabels:\n  flotilla.dev/behaviour: '{"crashAfter": "1s"}'`, '30s'),
    );
    expect(eventsOf(r, 't-app-1').map(([t, e]) => `${t} ${e}`)).toEqual([
      '5 create',
      '6 start',
      '7 die',
      '7.1 start',
      '8.1 die',
      '8.3 start',
      '9.3 die',
    ]);
    const p = pod(r);
    expect(p?.status.phase).toBe('Failed');
    expect(p?.status.containerStatuses[0]?.restartCount).toBe(2);
    const lines = composePsLines(r.sim.state, 'host-1', 't', r.sim.now, true);
    expect(Array.isArray(lines) && lines[1]?.[5]).toBe('Exited (1) 20 seconds ago');
  });

  it('does not restart a clean exit', () => {
    const r = run(
      app(
        `restart: on-failure\nlabels:\n  flotilla.dev/behaviour: '{"crashAfter": "1s", "exitCode": 0}'`,
        '20s',
      ),
    );
    expect(eventsOf(r, 't-app-1').map(([, e]) => e)).toEqual(['create', 'start', 'die']);
    expect(pod(r)?.status.phase).toBe('Succeeded');
  });
});

describe('restart: no', () => {
  it('leaves a crashed container Exited', () => {
    const r = run(
      app('restart: "no"', '30s', 'timeline:\n  - { at: 10s, action: crashContainer, pod: t-app-1 }'),
    );
    expect(eventsOf(r, 't-app-1').map(([, e]) => e)).toEqual(['create', 'start', 'die']);
    expect(pod(r)?.status.phase).toBe('Failed');
  });
});

describe('healthcheck', () => {
  const hung = [
    'restart: always',
    'healthcheck:',
    '  test: ["CMD", "true"]',
    '  interval: 5s',
    '  timeout: 2s',
    '  retries: 2',
    'labels:',
    `  flotilla.dev/behaviour: '{"hangAfter": "10s"}'`,
  ].join('\n');

  it('goes starting → healthy → unhealthy, and plain Docker does not restart it', () => {
    const r = run(app(hung, '60s'));
    // started at 6 s; checks at 11 (ok), 16 (hung: fails at 18), 23 (fails at 25): unhealthy.
    expect(eventsOf(r, 't-app-1')).toEqual([
      [5, 'create'],
      [6, 'start'],
      [11, 'health_status: healthy'],
      [25, 'health_status: unhealthy'],
    ]);
    const p = pod(r);
    expect(p?.status.phase).toBe('Running');
    expect(p?.status.containerStatuses[0]?.restartCount).toBe(0);
    expect(p?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('False');
    const lines = composePsLines(r.sim.state, 'host-1', 't', r.sim.now, false);
    expect(Array.isArray(lines) && lines[1]?.[5]).toBe('Up 54 seconds (unhealthy)');
  });

  it('shows health: starting until the first check', () => {
    const r = run(app(hung, '8s'));
    const lines = composePsLines(r.sim.state, 'host-1', 't', r.sim.now, false);
    expect(lines).toEqual([
      ['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'],
      ['t-app-1', 'busybox', '""', 'app', '3 seconds ago', 'Up 2 seconds (health: starting)', ''],
    ]);
  });
});

describe('deletePod (docker stop, then docker rm)', () => {
  it('sends SIGTERM, the process exits 143, the container is destroyed and not restarted', () => {
    const r = run(
      app('restart: always', '30s', 'timeline:\n  - { at: 10s, action: deletePod, pod: t-app-1 }'),
    );
    expect(eventsOf(r, 't-app-1')).toEqual([
      [5, 'create'],
      [6, 'start'],
      [10, 'kill'],
      [11, 'die'],
      [11, 'destroy'],
    ]);
    expect(pod(r)).toBeUndefined();
    expect(r.sim.state.docker?.containers['default/t-app-1']).toBeUndefined();
  });
});

describe('setBehaviour', () => {
  it('a hang from the timeline makes the container unhealthy; Docker leaves it running', () => {
    const hc = [
      'restart: always',
      'healthcheck:',
      '  test: ["CMD", "true"]',
      '  interval: 5s',
      '  timeout: 1s',
      '  retries: 1',
    ];
    const r = run(
      app(
        hc.join('\n'),
        '30s',
        'timeline:\n  - { at: 12s, action: setBehaviour, pod: t-app-1, behaviour: hang }',
      ),
    );
    // checks at 11 (healthy), 16 (hung: fails at 17, 1 retry): unhealthy.
    expect(eventsOf(r, 't-app-1').slice(2)).toEqual([
      [11, 'health_status: healthy'],
      [17, 'health_status: unhealthy'],
    ]);
    expect(pod(r)?.status.containerStatuses[0]?.restartCount).toBe(0);
  });
});
