import { describe, expect, it } from 'vitest';
import { failNode } from '../../src/engine/commands';
import { NO_LEADER_MESSAGE, scaleService } from '../../src/orchestrators/swarm';
import { project, runningOn, service, swarmNode, swarmSim, tasks } from './factory';

describe('docker service scale', () => {
  it('scales up into the lowest free slots and down from the highest', () => {
    const sim = swarmSim([swarmNode('node-1'), swarmNode('node-2')], project('s', [service('web')]));
    sim.runUntil(20_000);
    sim.execute((s, ctx) => scaleService(s, 'web', 4, ctx.now));
    sim.runUntil(40_000);
    expect(runningOn(sim.state, 'web')).toEqual(['node-1', 'node-1', 'node-2', 'node-2']);
    sim.execute((s, ctx) => scaleService(s, 's_web', 2, ctx.now));
    sim.runUntil(60_000);
    const live = tasks(sim.state, 'web').filter((t) => t.desiredState === 'running');
    expect(live.map((t) => t.slot)).toEqual([1, 2]);
    expect(runningOn(sim.state, 'web').length).toBe(2);
  });

  it('is refused while an election is pending after the leader died, then accepted', () => {
    const sim = swarmSim(
      [swarmNode('node-1', 'manager'), swarmNode('node-2', 'manager'), swarmNode('node-3', 'manager')],
      project('s', [service('web')]),
    );
    sim.runUntil(20_000);
    sim.execute((s, ctx) => failNode(s, 'node-1', ctx.now));
    sim.runUntil(21_000);
    expect(() => sim.execute((s, ctx) => scaleService(s, 'web', 2, ctx.now))).toThrow(NO_LEADER_MESSAGE);
    sim.runUntil(45_000);
    sim.execute((s, ctx) => scaleService(s, 'web', 2, ctx.now));
    sim.runUntil(70_000);
    expect(runningOn(sim.state, 'web').length).toBe(2);
  });

  it('refuses an unknown service and scaling a global one', () => {
    const sim = swarmSim(
      [swarmNode('node-1')],
      project('s', [service('agent', { deploy: { mode: 'global' } })]),
    );
    expect(() => sim.execute((s, ctx) => scaleService(s, 'nope', 2, ctx.now))).toThrow(
      'service nope not found (services: s_agent)',
    );
    expect(() => sim.execute((s, ctx) => scaleService(s, 'agent', 2, ctx.now))).toThrow(
      's_agent: scale can only be used with replicated mode',
    );
  });
});
