/**
 * A Docker host dies and comes back: its containers are down (Unknown: no daemon to ask), nothing
 * moves to another host, and at boot the daemon's restore starts again those its restart manager
 * would for exit 255: always, unless-stopped and on-failure, not no (moby daemon/daemon.go restore).
 */
import { describe, expect, it } from 'vitest';
import { getIn } from '../../src/model/sharded';
import { composePsLines } from '../../src/orchestrators/compose/ps';
import { composeScenario, eventsOf, run } from './helpers';

const policies = ['always', 'unless-stopped', 'on-failure', '"no"'];
const services = policies.flatMap((p, i) => [`    s${i}:`, '      image: busybox', `      restart: ${p}`]);

function scenario(until: string, timeline: string[]): string {
  return composeScenario({
    hosts: ['host-1', 'host-2'],
    compose: ['inline:', '  services:', ...services].join('\n'),
    extra: ['timeline:', ...timeline.map((l) => `  - ${l}`), `duration: ${until}`].join('\n'),
  });
}

const FAIL = '{ at: 20s, action: failNode, node: host-1 }';
const RECOVER = '{ at: 60s, action: recoverNode, node: host-1 }';
const phase = (r: ReturnType<typeof run>, i: number) =>
  getIn(r.sim.state.pods, `default/t-s${i}-1`)?.status.phase;

describe('a host dies', () => {
  it('everything on it is Unknown, nothing moves, and ps cannot reach the daemon', () => {
    const r = run(scenario('50s', [FAIL]));
    for (let i = 0; i < 4; i++) {
      expect(phase(r, i)).toBe('Unknown');
      expect(getIn(r.sim.state.pods, `default/t-s${i}-1`)?.spec.nodeName).toBe('host-1');
    }
    expect(Object.values(r.sim.state.docker?.containers ?? {}).every((c) => c.host === 'host-1')).toBe(true);
    expect(r.sim.state.nodes['host-1']?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe(
      'Unknown',
    );
    expect(composePsLines(r.sim.state, 'host-1', 't', r.sim.now, true)).toMatch(
      /^Cannot connect to the Docker daemon/,
    );
    // No die events: the daemon died with the containers.
    expect(eventsOf(r, 't-s0-1').map(([, e]) => e)).toEqual(['create', 'start']);
  });

  it('at boot the daemon starts always, unless-stopped and on-failure again, not no', () => {
    const r = run(scenario('90s', [FAIL, RECOVER]));
    expect([0, 1, 2, 3].map((i) => phase(r, i))).toEqual(['Running', 'Running', 'Running', 'Failed']);
    expect(eventsOf(r, 't-s0-1')).toEqual([
      [5, 'create'],
      [6, 'start'],
      [61, 'start'],
    ]);
    const lines = composePsLines(r.sim.state, 'host-1', 't', r.sim.now, true);
    expect(Array.isArray(lines) && lines.slice(1).map((l) => `${l[0]} ${l[5]}`)).toEqual([
      't-s0-1 Up 29 seconds',
      't-s1-1 Up 29 seconds',
      't-s2-1 Up 29 seconds',
      't-s3-1 Exited (255) About a minute ago',
    ]);
    // A daemon start is not a restart by the restart manager: RestartCount starts over.
    expect(getIn(r.sim.state.pods, 'default/t-s0-1')?.status.containerStatuses[0]?.restartCount).toBe(0);
    expect(r.sim.state.nodes['host-1']?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe(
      'True',
    );
  });

  it('a compose up under way dies with the host; after the boot nothing was ever created', () => {
    const r = run(scenario('90s', ['{ at: 2s, action: failNode, node: host-1 }', RECOVER]));
    expect(r.sim.state.docker?.projects['host-1/t']?.phase).toBe('failed');
    expect(Object.keys(r.sim.state.docker?.containers ?? {})).toEqual([]);
  });

  it('a second failNode while down is skipped with a reason', () => {
    const r = run(scenario('40s', [FAIL, '{ at: 30s, action: failNode, node: host-1 }']));
    expect(r.sim.trace.filter((x) => x.type === 'actionSkipped')).toEqual([
      expect.objectContaining({ action: 'failNode', reason: 'node host-1 is already down' }),
    ]);
  });
});
