import { describe, expect, it } from 'vitest';
import { crashContainer } from '../../src/engine/commands';
import type { Simulation } from '../../src/engine/simulation';
import { updateServiceImage } from '../../src/orchestrators/swarm';
import { project, service, swarmNode, swarmSim, tasks } from './factory';

/** [time, image, slot, state] of every running task change, from the trace of task states. */
function timeline(sim: Simulation, until: number, step = 500): string[] {
  const seen: string[] = [];
  let last = '';
  for (let t = sim.now; t <= until; t += step) {
    sim.runUntil(t);
    const now = tasks(sim.state, 'web')
      .filter((x) => x.state === 'running' && x.desiredState === 'running')
      .map((x) => `${x.slot}:${x.image}`)
      .sort()
      .join(' ');
    if (now !== last) seen.push(`${t / 1000}s ${now}`);
    last = now;
  }
  return seen;
}

const nodes = () => [swarmNode('node-1'), swarmNode('node-2'), swarmNode('node-3')];

describe('rolling update', () => {
  it('stop-first, parallelism 1, delay 10s: one slot at a time, each stopped before its replacement starts', () => {
    const sim = swarmSim(
      nodes(),
      project('app', [service('web', { deploy: { replicas: 3, updateConfig: { delayMs: 10_000 } } })]),
    );
    sim.runUntil(20_000);
    sim.execute((s, ctx) => updateServiceImage(s, 'web', 'web:2.0', ctx.now));
    const seen = timeline(sim, 120_000);
    // Slot 1 is shut down at once and stops in 1 s; its replacement then pulls (5 s) and starts
    // (1 s): running at 27 s; 5 s monitor and 10 s delay: slot 2 at 42 s; slot 3 at 64 s.
    expect(seen).toEqual([
      '20s 2:web:1.0 3:web:1.0',
      '27s 1:web:2.0 2:web:1.0 3:web:1.0',
      '42s 1:web:2.0 3:web:1.0',
      '49s 1:web:2.0 2:web:2.0 3:web:1.0',
      '64s 1:web:2.0 2:web:2.0',
      '71s 1:web:2.0 2:web:2.0 3:web:2.0',
    ]);
    const svc = Object.values(sim.state.swarm?.services ?? {})[0];
    expect(svc?.updateStatus?.state).toBe('completed');
    expect(svc?.updateStatus?.message).toBe('update completed');
  });

  it('start-first: the new task runs before the old one stops (never fewer than 3)', () => {
    const sim = swarmSim(
      nodes(),
      project('app', [
        service('web', { deploy: { replicas: 3, updateConfig: { order: 'start-first', parallelism: 3 } } }),
      ]),
    );
    sim.runUntil(20_000);
    sim.execute((s, ctx) => updateServiceImage(s, 'web', 'web:2.0', ctx.now));
    const seen = timeline(sim, 60_000);
    expect(seen.every((line) => line.split(' ').length - 1 >= 3)).toBe(true);
    expect(seen.at(-1)).toMatch(/1:web:2.0 2:web:2.0 3:web:2.0$/);
  });

  it('failure_action pause: a new task that fails within the monitor period pauses the update', () => {
    const sim = swarmSim(nodes(), project('app', [service('web', { deploy: { replicas: 3 } })]));
    sim.runUntil(20_000);
    sim.execute((s, ctx) => updateServiceImage(s, 'web', 'web:2.0', ctx.now));
    sim.runUntil(28_000);
    const fresh = tasks(sim.state, 'web').find((t) => t.image === 'web:2.0' && t.state === 'running');
    const pod = (fresh?.pod ?? '').split('/')[1] as string;
    sim.execute((s, ctx) => crashContainer(s, { namespace: 'default', pod, exitCode: 1 }, ctx.now));
    sim.runUntil(60_000);
    const svc = Object.values(sim.state.swarm?.services ?? {})[0];
    expect(svc?.updateStatus?.state).toBe('paused');
    expect(svc?.updateStatus?.message).toBe(
      `update paused due to failure or early termination of task ${fresh?.id}`,
    );
    // Slots 2 and 3 still run the old image.
    const old = tasks(sim.state, 'web').filter((t) => t.image === 'web:1.0' && t.state === 'running');
    expect(old.map((t) => t.slot).sort()).toEqual([2, 3]);
  });
});

describe('rolling update rollback', () => {
  it('failure_action rollback: the previous image comes back', () => {
    const sim = swarmSim(
      nodes(),
      project('app', [
        service('web', { deploy: { replicas: 2, updateConfig: { failureAction: 'rollback' } } }),
      ]),
    );
    sim.runUntil(20_000);
    sim.execute((s, ctx) => updateServiceImage(s, 'web', 'web:bad', ctx.now));
    sim.runUntil(28_000);
    const fresh = tasks(sim.state, 'web').find((t) => t.image === 'web:bad' && t.state === 'running');
    const pod = (fresh?.pod ?? '').split('/')[1] as string;
    sim.execute((s, ctx) => crashContainer(s, { namespace: 'default', pod, exitCode: 1 }, ctx.now));
    sim.runUntil(120_000);
    const svc = Object.values(sim.state.swarm?.services ?? {})[0];
    expect(svc?.image).toBe('web:1.0');
    expect(svc?.updateStatus?.state).toBe('rollback_completed');
    const running = tasks(sim.state, 'web').filter(
      (t) => t.state === 'running' && t.desiredState === 'running',
    );
    expect(running.map((t) => t.image)).toEqual(['web:1.0', 'web:1.0']);
  });
});
