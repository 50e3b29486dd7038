import { describe, expect, it } from 'vitest';
import { crashContainer, failNode, recoverNode } from '../../src/engine/commands';
import { deployment, node, podsOf, simulate } from '../helpers/cluster';

describe('the two failure stories', () => {
  it('a crashed container restarts in place', () => {
    const sim = simulate(
      [node('node-1'), node('node-2')],
      [deployment('tooling', 1, { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } })],
    );
    sim.runUntil(30_000);
    sim.execute((s, ctx) => crashContainer(s, { pod: 'tooling' }, ctx.now));
    sim.runUntil(31_000);
    const [pod] = podsOf(sim, 'tooling');
    expect(pod?.spec.nodeName).toBe('node-1');
    expect(pod?.status.containerStatuses[0]?.restartCount).toBe(1);
    expect(pod?.status.containerStatuses[0]?.state.running).toBeDefined();
    expect(pod?.status.containerStatuses[0]?.lastState.terminated?.reason).toBe('Error');
  });

  it('a crash loop backs off 10s, 20s, 40s', () => {
    const sim = simulate([node('node-1')], [deployment('tooling', 1)]);
    sim.runUntil(30_000);
    sim.execute((s, ctx) => crashContainer(s, { pod: 'tooling', crashLoopAfterMs: 5_000 }, ctx.now));
    sim.runUntil(200_000);
    const backoffs = sim.trace.filter(
      (r) => r.type === 'event' && (r as { reason: string }).reason === 'BackOff',
    );
    expect(backoffs.length).toBeGreaterThanOrEqual(3);
    const starts = sim.trace
      .filter((r) => r.type === 'event' && (r as { reason: string }).reason === 'Started')
      .map((r) => r.t);
    // started at 6s; crash at 30s -> restart at 30s (+1s start); crash 5s later -> back-off 10s ...
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(gaps.slice(1, 4)).toEqual([
      5_000 + 10_000 + 1_000,
      5_000 + 20_000 + 1_000,
      5_000 + 40_000 + 1_000,
    ]);
  });

  it('a dead node: NotReady after the grace period, eviction after 300s, replacement on node-2', () => {
    const sim = simulate([node('node-1'), node('node-2')], [deployment('tooling', 1, { cpu: '100m' })]);
    sim.runUntil(30_000);
    const [first] = podsOf(sim, 'tooling');
    const home = first?.spec.nodeName as string;
    const other = home === 'node-1' ? 'node-2' : 'node-1';
    sim.execute((s, ctx) => failNode(s, home, ctx.now));
    sim.runUntil(30_000 + 50_000 + 10_000);
    expect(sim.state.nodes[home]?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(sim.state.nodes[home]?.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toContain(
      'node.kubernetes.io/unreachable:NoExecute',
    );
    sim.runUntil(30_000 + 60_000 + 300_000 + 10_000);
    const pods = podsOf(sim, 'tooling');
    const old = pods.find((p) => p.metadata.name === first?.metadata.name);
    expect(old?.metadata.deletionTimestamp).toBeDefined();
    const replacement = pods.find((p) => p.metadata.deletionTimestamp === undefined);
    expect(replacement?.spec.nodeName).toBe(other);
    expect(replacement?.status.phase).toBe('Running');
    // The node comes back: the Terminating pod is finally removed and taints go.
    sim.execute((s, ctx) => recoverNode(s, home, ctx.now));
    sim.runUntil(sim.now + 20_000);
    expect(podsOf(sim, 'tooling').map((p) => p.metadata.name)).toEqual([replacement?.metadata.name]);
    expect(sim.state.nodes[home]?.spec.taints ?? []).toEqual([]);
  });

  it('seeking back and forward gives the same state as the straight run', () => {
    const straight = simulate([node('node-1'), node('node-2')], [deployment('web', 3)]);
    straight.runUntil(20_000);
    straight.execute((s, ctx) => failNode(s, 'node-1', ctx.now));
    straight.runUntil(500_000);
    const end = JSON.stringify(straight.state);
    const trace = JSON.stringify(straight.trace);
    straight.seek(100_000);
    expect(straight.state.time).toBeLessThanOrEqual(100_000);
    straight.seek(10_000);
    straight.seek(500_000);
    expect(JSON.stringify(straight.state)).toBe(end);
    expect(JSON.stringify(straight.trace)).toBe(trace);
  });
});
