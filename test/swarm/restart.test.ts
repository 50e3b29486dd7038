import { describe, expect, it } from 'vitest';
import { crashContainer } from '../../src/engine/commands';
import type { Simulation } from '../../src/engine/simulation';
import { project, service, swarmNode, swarmSim, tasks } from './factory';

function crashRunning(sim: Simulation, short: string): string {
  const t = tasks(sim.state, short).find((x) => x.state === 'running' && x.desiredState === 'running');
  const pod = (t?.pod ?? '').split('/')[1] as string;
  sim.execute((s, ctx) => crashContainer(s, { namespace: 'default', pod, exitCode: 3 }, ctx.now));
  return t?.id ?? '';
}

describe('restart policy', () => {
  it('a failed task is replaced in the same slot after the 5 s delay, never restarted in place', () => {
    const sim = swarmSim([swarmNode('node-1')], project('app', [service('web')]));
    sim.runUntil(20_000);
    const failedId = crashRunning(sim, 'web');
    sim.runUntil(20_000);
    const failed = sim.state.swarm?.tasks[failedId];
    expect(failed?.state).toBe('failed');
    expect(failed?.err).toBe('task: non-zero exit (3)');
    expect(failed?.desiredState).toBe('shutdown');
    const next = tasks(sim.state, 'web').find((t) => t.id !== failedId);
    expect(next?.slot).toBe(1);
    expect(next?.startAt).toBe(25_000);
    sim.runUntil(24_999);
    expect(sim.state.swarm?.tasks[next?.id ?? '']?.pod).toBeUndefined();
    // The image is on the node now: 1 s to start.
    sim.runUntil(26_000);
    expect(sim.state.swarm?.tasks[next?.id ?? '']?.state).toBe('running');
  });

  it('max_attempts: after 2 restarts the slot stays dead', () => {
    const sim = swarmSim(
      [swarmNode('node-1')],
      project('app', [service('web', { deploy: { restartPolicy: { maxAttempts: 2, delayMs: 1000 } } })]),
    );
    sim.runUntil(20_000);
    for (let i = 0; i < 3; i++) {
      crashRunning(sim, 'web');
      sim.runUntil(sim.now + 10_000);
    }
    const all = tasks(sim.state, 'web');
    expect(all.length).toBe(3);
    expect(all.every((t) => t.state === 'failed' && t.desiredState === 'shutdown')).toBe(true);
    sim.runUntil(sim.now + 60_000);
    expect(tasks(sim.state, 'web').length).toBe(3);
  });

  it('condition on-failure does not restart a task that completed', () => {
    const sim = swarmSim(
      [swarmNode('node-1')],
      project('app', [service('job', { deploy: { restartPolicy: { condition: 'on-failure' } } })]),
    );
    sim.runUntil(20_000);
    const t = tasks(sim.state, 'job')[0];
    const pod = (t?.pod ?? '').split('/')[1] as string;
    sim.execute((s, ctx) => crashContainer(s, { namespace: 'default', pod, exitCode: 0 }, ctx.now));
    sim.runUntil(60_000);
    expect(tasks(sim.state, 'job').map((x) => x.state)).toEqual(['complete']);
  });
});

describe('faulty nodes', () => {
  it('after 5 failures of its tasks on a node within 5 minutes, the service goes elsewhere', () => {
    const sim = swarmSim(
      [swarmNode('node-1'), swarmNode('node-2')],
      project('app', [service('web', { deploy: { restartPolicy: { delayMs: 1000 } } })]),
    );
    sim.runUntil(20_000);
    const nodes: string[] = [];
    for (let i = 0; i < 6; i++) {
      nodes.push(tasks(sim.state, 'web').find((t) => t.state === 'running')?.node ?? '');
      crashRunning(sim, 'web');
      sim.runUntil(sim.now + 10_000);
    }
    expect(nodes).toEqual(['node-1', 'node-1', 'node-1', 'node-1', 'node-1', 'node-2']);
  });
});
