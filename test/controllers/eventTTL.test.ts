import { describe, expect, it } from 'vitest';
import { valuesIn } from '../../src/model/sharded';
import { deployment, node, simulate } from '../helpers/cluster';

describe('event TTL (kube-apiserver --event-ttl)', () => {
  it('removes events an hour (here: 2 min) after their last update; the trace keeps them', () => {
    const sim = simulate([node('node-1')], [deployment('web', 2)], { eventTTL: 120_000 });
    sim.runUntil(60_000);
    const early = valuesIn(sim.state.events).length;
    expect(early).toBeGreaterThan(0);
    // Every event so far was last updated within the first seconds: all expire by the 3-minute sweep.
    sim.runUntil(180_000);
    expect(valuesIn(sim.state.events)).toEqual([]);
    expect(sim.trace.filter((r) => r.type === 'event').length).toBe(early);
  });

  it('keeps events younger than the TTL', () => {
    const sim = simulate([node('node-1')], [deployment('web', 1)], { eventTTL: 3_600_000 });
    sim.runUntil(600_000);
    expect(valuesIn(sim.state.events).map((e) => e.reason)).toContain('Scheduled');
  });
});
