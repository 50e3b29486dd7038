import { describe, expect, it } from 'vitest';
import { deletePod } from '../../src/engine/commands';
import type { EndpointSlice } from '../../src/model/network';
import type { ClusterState } from '../../src/model/state';
import { slicesOfService } from '../../src/network/endpointsController';
import { runScenario } from '../../src/scenario/run';
import { load, scenarioText } from './helpers';

const slice = (s: ClusterState, svc = 'web'): EndpointSlice => {
  const list = slicesOfService(s, 'default', svc);
  expect(list).toHaveLength(1);
  return (list[0] as [string, EndpointSlice])[1];
};

describe('the EndpointSlice controller', () => {
  it('lists the matching pods with ready conditions from pod readiness, and resolves named targetPorts', () => {
    const sim = runScenario(load(scenarioText()), { until: 30_000 }).sim;
    const s = slice(sim.state);
    expect(s.metadata.labels).toMatchObject({
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(s.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true });
    expect(s.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(s.endpoints).toHaveLength(3);
    for (const e of s.endpoints)
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('a pod not yet ready is listed with ready false', () => {
    // At 2s the containers are still being created (image pull 5s).
    const sim = runScenario(load(scenarioText()), { until: 2_000 }).sim;
    const s = slice(sim.state);
    expect(s.endpoints.length).toBe(3);
    for (const e of s.endpoints) expect(e.conditions).toMatchObject({ ready: false, serving: false });
  });

  it('a deleted pod turns terminating (ready false, still serving) until it is gone', () => {
    const sim = runScenario(load(scenarioText()), { until: 30_000 }).sim;
    const victim = slice(sim.state).endpoints[0]?.targetRef?.name as string;
    sim.execute((s, ctx) => deletePod(s, { namespace: 'default', pod: victim }, ctx.now));
    const during = slice(sim.state).endpoints.find((e) => e.targetRef?.name === victim);
    expect(during?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    sim.runUntil(120_000);
    expect(slice(sim.state).endpoints.some((e) => e.targetRef?.name === victim)).toBe(false);
    expect(slice(sim.state).endpoints.filter((e) => e.conditions.ready)).toHaveLength(3);
  });

  it("a dead node's pods stay ready until the node controller marks them not ready", () => {
    const text = scenarioText(`
timeline:
  - { at: 30s, action: failNode, node: node-1 }
`);
    const sim = runScenario(load(text), { until: 60_000 }).sim;
    const onNode1 = (s: ClusterState) => slice(s).endpoints.filter((e) => e.nodeName === 'node-1');
    expect(onNode1(sim.state).length).toBeGreaterThan(0);
    for (const e of onNode1(sim.state)) expect(e.conditions.ready).toBe(true);
    sim.runUntil(30_000 + 50_000 + 5_000 + 1);
    for (const e of onNode1(sim.state)) expect(e.conditions).toMatchObject({ ready: false, serving: false });
  });

  it('a Service without a selector gets no managed slices', () => {
    const text = scenarioText(
      '',
      `
  - apiVersion: v1
    kind: Service
    metadata: { name: ext }
    spec: { ports: [{ port: 5432 }] }
`,
    );
    const sim = runScenario(load(text), { until: 5_000 }).sim;
    expect(slicesOfService(sim.state, 'default', 'ext')).toEqual([]);
  });
});
