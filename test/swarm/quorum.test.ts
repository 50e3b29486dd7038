import { describe, expect, it } from 'vitest';
import { failNode, recoverNode } from '../../src/engine/commands';
import { CommandError } from '../../src/engine/simulation';
import { scaleService, NO_LEADER_MESSAGE } from '../../src/orchestrators/swarm';
import { project, runningOn, service, swarmNode, swarmSim } from './factory';

const three = () => [
  swarmNode('node-1', 'manager'),
  swarmNode('node-2', 'manager'),
  swarmNode('node-3', 'manager'),
];
const stack = () => project('tooling', [service('web', { deploy: { replicas: 3 } })]);

describe('raft quorum', () => {
  it('with 2 of 3 managers gone: running tasks go on, nothing changes; one back: it proceeds', () => {
    const sim = swarmSim(three(), stack());
    sim.runUntil(30_000);
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-2', 'node-3']);
    sim.execute((s, ctx) => failNode(s, 'node-2', ctx.now));
    sim.execute((s, ctx) => failNode(s, 'node-3', ctx.now));
    sim.runUntil(31_000);
    expect(sim.state.swarm?.raft.leader).toBeUndefined();
    // A change is refused with Docker's message.
    expect(() => sim.execute((s, ctx) => scaleService(s, 'web', 5, ctx.now))).toThrow(CommandError);
    expect(() => sim.execute((s, ctx) => scaleService(s, 'web', 5, ctx.now))).toThrow(NO_LEADER_MESSAGE);
    // Nobody marks the dead nodes down, nothing is rescheduled; node-1's task keeps running.
    sim.runUntil(300_000);
    expect(sim.state.swarm?.nodes['node-2']?.status).toBe('ready');
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-2', 'node-3']); // the manager's (stale) view
    const live = Object.values(sim.state.nodeRuntime).filter((n) => n.up).length;
    expect(live).toBe(1);
    const events = sim.trace.filter((r) => r.type === 'event' && r.reason === 'QuorumLost');
    expect(events.length).toBe(1);
    // node-2 returns: 2 of 3, a leader after an election timeout (10-20 s).
    sim.execute((s, ctx) => recoverNode(s, 'node-2', ctx.now));
    sim.runUntil(300_000 + 9_999);
    expect(sim.state.swarm?.raft.leader).toBeUndefined();
    sim.runUntil(321_000);
    expect(sim.state.swarm?.raft.leader).toBeDefined();
    // The new leader finds node-3 dead (unknown, then down a grace period later) and reschedules.
    sim.runUntil(400_000);
    expect(sim.state.swarm?.nodes['node-3']?.status).toBe('down');
    // node-2's own task died with its machine: both replacements spread over node-1 and node-2.
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-1', 'node-2']);
    sim.execute((s, ctx) => scaleService(s, 'web', 4, ctx.now));
    sim.runUntil(420_000);
    expect(runningOn(sim.state, 'web').length).toBe(4);
  });

  it('a dead leader is replaced when a quorum remains', () => {
    const sim = swarmSim(three(), stack());
    sim.runUntil(30_000);
    expect(sim.state.swarm?.raft.leader).toBe('node-1');
    sim.execute((s, ctx) => failNode(s, 'node-1', ctx.now));
    sim.runUntil(31_000);
    expect(sim.state.swarm?.raft.leader).toBeUndefined();
    sim.runUntil(51_000);
    expect(['node-2', 'node-3']).toContain(sim.state.swarm?.raft.leader);
    expect(sim.state.swarm?.raft.term).toBe(2);
  });
});
