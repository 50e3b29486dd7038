import { describe, expect, it } from 'vitest';
import { project, runningOn, service, swarmNode, swarmSim, tasks } from './factory';

describe('swarm basics', () => {
  it('deploys a stack: tasks spread over the nodes and run', () => {
    const sim = swarmSim(
      [swarmNode('node-1'), swarmNode('node-2'), swarmNode('node-3')],
      project('tooling', [service('web', { deploy: { replicas: 2 } }), service('db')]),
    );
    sim.runUntil(30_000);
    expect(runningOn(sim.state, 'db')).toEqual(['node-1']);
    expect(runningOn(sim.state, 'web')).toEqual(['node-2', 'node-3']);
    const t = tasks(sim.state, 'web');
    expect(t.map((x) => x.slot)).toEqual([1, 2]);
  });
});
