import { describe, expect, it } from 'vitest';
import { deployment, node, podsOf, simulate } from '../helpers/cluster';

describe('a deployment on a two-node cluster', () => {
  it('runs its replicas', () => {
    const sim = simulate([node('node-1'), node('node-2')], [deployment('web', 3, { cpu: '100m' })]);
    sim.runUntil(60_000);
    const pods = podsOf(sim, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.status.phase).toBe('Running');
      expect(p.metadata.name).toMatch(
        /^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      );
    }
  });
});
