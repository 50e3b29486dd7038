import { describe, expect, it } from 'vitest';
import { failNode, recoverNode } from '../../src/engine/commands';
import { project, runningOn, service, swarmNode, swarmSim, tasks } from './factory';

const stack = () => project('tooling', [service('web', { deploy: { replicas: 2 } }), service('db')]);
const nodes = () => [swarmNode('node-1', 'manager'), swarmNode('node-2'), swarmNode('node-3')];

describe('a worker dies', () => {
  it('is marked down 3 heartbeat periods after its last heartbeat; its task is rescheduled after the restart delay', () => {
    const sim = swarmSim(nodes(), stack());
    sim.runUntil(60_000);
    expect(runningOn(sim.state, 'web')).toEqual(['node-2', 'node-3']);
    sim.execute((s, ctx) => failNode(s, 'node-3', ctx.now));
    sim.runUntil(74_999);
    expect(sim.state.swarm?.nodes['node-3']?.status).toBe('ready');
    sim.runUntil(75_000);
    const n3 = sim.state.swarm?.nodes['node-3'];
    expect(n3?.status).toBe('down');
    expect(n3?.message).toBe('heartbeat failure');
    const ready = sim.state.nodes['node-3']?.status.conditions.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('Unknown');
    const web = tasks(sim.state, 'web');
    const old = web.find((t) => t.node === 'node-3' && t.slot === 2);
    expect(old?.desiredState).toBe('shutdown');
    // The old task's state is stale: its agent is gone.
    expect(old?.state).toBe('running');
    const next = web.find((t) => t.slot === 2 && t.desiredState !== 'shutdown');
    expect(next?.desiredState).toBe('ready');
    expect(next?.startAt).toBe(80_000);
    expect(next?.node).toBe('node-1');
    sim.runUntil(79_999);
    expect(next && sim.state.swarm?.tasks[next.id]?.pod).toBeUndefined();
    sim.runUntil(90_000);
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-2']);
    // 5 s pull + 1 s start after the delay.
    expect(next && sim.state.swarm?.tasks[next.id]?.since).toBe(86_000);
  });

  it('the returning node has its old container removed and nothing moves back', () => {
    const sim = swarmSim(nodes(), stack());
    sim.runUntil(60_000);
    sim.execute((s, ctx) => failNode(s, 'node-3', ctx.now));
    sim.runUntil(120_000);
    sim.execute((s, ctx) => recoverNode(s, 'node-3', ctx.now));
    sim.runUntil(180_000);
    expect(sim.state.swarm?.nodes['node-3']?.status).toBe('ready');
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-2']);
    const stale = tasks(sim.state, 'web').find((t) => t.node === 'node-3');
    // Back, its agent finds the task's desired state shutdown and removes the container.
    expect(stale?.state).toBe('shutdown');
    expect(stale?.desiredState).toBe('shutdown');
    expect(sim.state.pods).toBeDefined();
    expect(
      Object.values(sim.state.swarm?.tasks ?? {}).filter((t) => t.node === 'node-3' && t.pod !== undefined)
        .length,
    ).toBe(1);
  });
});
