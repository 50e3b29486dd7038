import { describe, expect, it } from 'vitest';
import { setBehaviour } from '../../src/engine/commands';
import { project, service, swarmNode, swarmSim, tasks } from './factory';

const healthcheck = {
  test: ['CMD', 'curl', '-f', 'http://localhost/'],
  intervalMs: 5000,
  timeoutMs: 2000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5000,
  disabled: false,
};

describe('healthcheck', () => {
  it('a task is starting until healthy, then running; an unhealthy one is killed and replaced', () => {
    const sim = swarmSim([swarmNode('node-1')], project('s', [service('web', { healthcheck })]));
    sim.runUntil(7_000);
    const [t] = tasks(sim.state, 'web');
    // Pulled at 5 s, started at 6 s: no passing check yet.
    expect(t?.state).toBe('starting');
    sim.runUntil(20_000);
    expect(tasks(sim.state, 'web')[0]?.state).toBe('running');
    const pod = (t?.pod ?? '').split('/')[1] as string;
    sim.execute((s, ctx) => setBehaviour(s, { namespace: 'default', pod, behaviour: 'hang' }, ctx.now));
    sim.runUntil(120_000);
    const all = tasks(sim.state, 'web');
    expect(all[0]?.state).toBe('failed');
    expect(all[0]?.err).toMatch(/^task: non-zero exit \(137\)/);
    expect(all.at(-1)?.state).toBe('running');
  });
});
