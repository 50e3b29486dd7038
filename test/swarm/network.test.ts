import { describe, expect, it } from 'vitest';
import { parseSelector } from '../../src/model/labels';
import type { TrafficFlow } from '../../src/model/network';
import { podsOf, project, runningOn, service, swarmNode, swarmSim } from './factory';

function flow(name: string, from: 'external' | string, to: string): TrafficFlow {
  return {
    name,
    from:
      from === 'external'
        ? { kind: 'external' }
        : { kind: 'pods', selector: parseSelector(from), text: from, namespace: 'default' },
    to,
    rate: 10,
    calls: [],
    start: 20_000,
    sample: 1,
  };
}

const stack = () =>
  project('tooling', [
    service('web', {
      ports: [{ target: 80, published: 5000, protocol: 'tcp', mode: 'ingress' }],
      deploy: { replicas: 2, placement: { constraints: ['node.role == worker'] } },
    }),
    service('db', { deploy: { placement: { constraints: ['node.role == manager'] } } }),
  ]);
const nodes = () => [swarmNode('node-1', 'manager'), swarmNode('node-2'), swarmNode('node-3')];
const fromWeb = 'com.docker.swarm.service.name=tooling_web';

describe('overlay network and routing mesh', () => {
  it('a published port answers on a node without a task; VIP and tasks.<service> resolve', () => {
    const flows = [
      flow('mesh', 'external', 'http://node-1:5000/'),
      flow('vip', fromWeb, 'db:3306'),
      flow('full', fromWeb, 'tooling_db:3306'),
      flow('tasks', fromWeb, 'tasks.web:80'),
      flow('nope', fromWeb, 'mysql:3306'),
    ];
    const sim = swarmSim(nodes(), stack(), 1, { flows });
    sim.runUntil(40_000);
    const stats = sim.state.network?.stats ?? {};
    // node-1 (the manager) runs no web task, yet answers on 5000.
    expect(runningOn(sim.state, 'web')).toEqual(['node-2', 'node-3']);
    for (const name of ['mesh', 'vip', 'full', 'tasks']) {
      expect(stats[name]?.requests).toBeGreaterThan(100);
      expect(stats[name]?.successes).toBe(stats[name]?.requests);
    }
    expect(stats.nope?.successes).toBe(0);
    expect(stats.nope?.failures.nxdomain).toBe(stats.nope?.requests);
    // IPVS round robin over the two web tasks through the mesh.
    const mesh = sim.trace.filter((r) => r.type === 'traffic' && r.flow === 'mesh').at(-1) as
      { backends: Record<string, number> } | undefined;
    expect(Object.values(mesh?.backends ?? {})).toEqual([5, 5]);
  });

  it('the VIP is a ClusterIP on the stack network; published ports are the node ports', () => {
    const sim = swarmSim(nodes(), stack());
    const web = sim.state.services?.['default/tooling_web'];
    expect(web?.spec.clusterIP).toMatch(/^10\.0\.1\.\d+$/);
    expect(web?.spec.type).toBe('NodePort');
    expect(web?.spec.ports.map((p) => [p.port, p.nodePort])).toEqual([[80, 5000]]);
    expect(sim.state.services?.['default/kubernetes']).toBeUndefined();
  });

  it('tasks get addresses on the overlay network after the VIPs', () => {
    const sim = swarmSim(nodes(), stack());
    sim.runUntil(20_000);
    const ips = podsOf(sim.state)
      .map((p) => p.status.podIP)
      .sort();
    // VIPs 10.0.1.2 (web) and 10.0.1.3 (db); the three tasks next, whatever their node.
    expect(ips).toEqual(['10.0.1.4', '10.0.1.5', '10.0.1.6']);
    expect(sim.state.nodes['node-2']?.spec.podCIDR).toBeUndefined();
  });
});
