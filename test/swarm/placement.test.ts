import { describe, expect, it } from 'vitest';
import { failNode, recoverNode } from '../../src/engine/commands';
import { Simulation } from '../../src/engine/simulation';
import { bootSwarm, joinSwarm, setAvailability, SWARM_CONTROLLERS } from '../../src/orchestrators/swarm';
import { project, runningOn, service, swarmNode, swarmSim, tasks } from './factory';

describe('placement', () => {
  it('spread: fewest tasks of the service first, then fewest tasks in total', () => {
    const sim = swarmSim(
      [swarmNode('node-1'), swarmNode('node-2'), swarmNode('node-3')],
      project('s', [service('a', { deploy: { replicas: 2 } }), service('b', { deploy: { replicas: 4 } })]),
    );
    sim.runUntil(20_000);
    expect(runningOn(sim.state, 'a')).toEqual(['node-1', 'node-2']);
    // b: node-3 (0 tasks in total) first, then the others, then round again.
    expect(runningOn(sim.state, 'b')).toEqual(['node-1', 'node-2', 'node-3', 'node-3']);
  });

  it.each([
    ['node.role == manager', ['node-1', 'node-1']],
    ['node.role != manager', ['node-2', 'node-3']],
    ['node.hostname == node-3', ['node-3', 'node-3']],
    ['node.labels.zone == b', ['node-2', 'node-3']],
    ['node.labels.zone != b', ['node-1', 'node-1']],
  ])('constraint %s', (constraint, want) => {
    const sim = swarmSim(
      [
        swarmNode('node-1', 'manager', { zone: 'a' }),
        swarmNode('node-2', 'worker', { zone: 'b' }),
        swarmNode('node-3', 'worker', { zone: 'b' }),
      ],
      project('s', [service('web', { deploy: { replicas: 2, placement: { constraints: [constraint] } } })]),
    );
    sim.runUntil(20_000);
    expect(runningOn(sim.state, 'web')).toEqual(want);
  });

  it('no node matches: the task stays pending with the scheduler explanation', () => {
    const sim = swarmSim(
      [swarmNode('node-1'), swarmNode('node-2')],
      project('s', [service('web', { deploy: { placement: { constraints: ['node.labels.gpu == yes'] } } })]),
    );
    sim.runUntil(20_000);
    const [t] = tasks(sim.state, 'web');
    expect(t?.state).toBe('pending');
    expect(t?.err).toBe('no suitable node (scheduling constraints not satisfied on 2 nodes)');
  });

  it('resource reservations and max_replicas_per_node filter nodes', () => {
    const sim = swarmSim(
      [swarmNode('node-1', undefined, {}, '1'), swarmNode('node-2', undefined, {}, '1')],
      project('s', [
        service('big', { deploy: { replicas: 3, resources: { limits: {}, reservations: { cpus: '0.6' } } } }),
        service('one', { deploy: { replicas: 3, placement: { maxReplicasPerNode: 1 } } }),
      ]),
    );
    sim.runUntil(20_000);
    expect(runningOn(sim.state, 'big')).toEqual(['node-1', 'node-2']);
    const pendingBig = tasks(sim.state, 'big').find((t) => t.state === 'pending');
    expect(pendingBig?.err).toBe('no suitable node (insufficient resources on 2 nodes)');
    expect(runningOn(sim.state, 'one')).toEqual(['node-1', 'node-2']);
    const pendingOne = tasks(sim.state, 'one').find((t) => t.state === 'pending');
    expect(pendingOne?.err).toBe('no suitable node (max replicas per node limit exceed)');
  });

  it('placement preference spread over a label: even across zones first', () => {
    const sim = swarmSim(
      [
        swarmNode('node-1', 'manager', { zone: 'a' }),
        swarmNode('node-2', 'worker', { zone: 'a' }),
        swarmNode('node-3', 'worker', { zone: 'b' }),
      ],
      project('s', [
        service('web', { deploy: { replicas: 4, placement: { preferences: ['node.labels.zone'] } } }),
      ]),
    );
    sim.runUntil(20_000);
    // Two in zone a (one per node), two on node-3, the only node of zone b.
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-2', 'node-3', 'node-3']);
  });
});

describe('global mode', () => {
  it('one task per node; a node that joins gets one; a node that goes down loses it', () => {
    const sim = swarmSim(
      [swarmNode('node-1', 'manager'), swarmNode('node-2')],
      project('s', [service('agent', { deploy: { mode: 'global' } })]),
    );
    sim.runUntil(20_000);
    expect(runningOn(sim.state, 'agent')).toEqual(['node-1', 'node-2']);
    const t = tasks(sim.state, 'agent').find((x) => x.node === 'node-2');
    expect(t?.slot).toBeUndefined();
    expect(t?.pod).toMatch(
      new RegExp(`^default/s_agent\\.${sim.state.swarm?.nodes['node-2']?.id}\\.${t?.id}$`),
    );
    // node-2 leaves the swarm view (down), then comes back: a new task.
    sim.execute((s, ctx) => failNode(s, 'node-2', ctx.now));
    sim.runUntil(60_000);
    expect(tasks(sim.state, 'agent').find((x) => x.node === 'node-2')?.desiredState).toBe('shutdown');
    sim.execute((s, ctx) => recoverNode(s, 'node-2', ctx.now));
    sim.runUntil(90_000);
    expect(runningOn(sim.state, 'agent')).toEqual(['node-1', 'node-2']);
  });

  it('a machine that joins the swarm gets a task', () => {
    const state = bootSwarm(
      [swarmNode('node-1', 'manager'), swarmNode('node-2'), swarmNode('node-3')],
      project('s', [service('agent', { deploy: { mode: 'global' } })]),
      1,
    );
    // node-3 is a machine that has not joined yet.
    delete state.swarm?.nodes['node-3'];
    const sim = new Simulation(state, { controllers: SWARM_CONTROLLERS });
    sim.runUntil(20_000);
    expect(runningOn(sim.state, 'agent')).toEqual(['node-1', 'node-2']);
    sim.execute((s) => joinSwarm(s, 'node-3', 'worker', 'n3n3n3n3n3n3n3n3n3n3n3n3n'));
    sim.runUntil(40_000);
    expect(runningOn(sim.state, 'agent')).toEqual(['node-1', 'node-2', 'node-3']);
  });
});

describe('node availability', () => {
  it('drain moves the tasks at once (no restart delay); pause keeps them but takes no new ones', () => {
    const sim = swarmSim(
      [swarmNode('node-1', 'manager'), swarmNode('node-2'), swarmNode('node-3')],
      project('s', [service('web', { deploy: { replicas: 3 } })]),
    );
    sim.runUntil(20_000);
    sim.execute((s) => setAvailability(s, 'node-2', 'pause'));
    sim.execute((s) => setAvailability(s, 'node-3', 'drain'));
    sim.runUntil(20_000);
    const moved = tasks(sim.state, 'web').find((t) => t.slot === 3 && t.desiredState !== 'shutdown');
    // Created and allowed to start in the same instant.
    expect([moved?.createdAt, moved?.desiredState]).toEqual([20_000, 'running']);
    sim.runUntil(40_000);
    // node-2 (paused) keeps its task; node-3's goes to node-1, the only active node.
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-1', 'node-2']);
  });
});
