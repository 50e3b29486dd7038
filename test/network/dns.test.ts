import { describe, expect, it } from 'vitest';
import { candidates, resolve, searchPath } from '../../src/network/dns';
import { run, scenarioText } from './helpers';

describe('cluster DNS', () => {
  const state = run(scenarioText(), 30_000).sim.state;
  const clusterIP = state.services?.['default/web']?.spec.clusterIP as string;

  it('a pod gets the ClusterFirst search path and ndots 5', () => {
    expect(searchPath('default')).toEqual([
      'default.svc.cluster.local',
      'svc.cluster.local',
      'cluster.local',
    ]);
    expect(candidates('web', 'default')[0]).toBe('web.default.svc.cluster.local');
    expect(candidates('a.b.c.d.e.f', 'default')[0]).toBe('a.b.c.d.e.f');
    expect(candidates('web.default.svc.cluster.local.', 'default')).toEqual([
      'web.default.svc.cluster.local',
    ]);
  });

  it.each([
    ['web', 'default', 1],
    ['web.default', 'default', 2],
    ['web.default.svc', 'default', 3],
    ['web.default.svc.cluster.local', 'default', 4],
    ['web.default', 'other', 2],
    ['web.default.svc.cluster.local.', 'other', 1],
  ])('%s from namespace %s resolves to the ClusterIP after %i queries', (name, ns, queries) => {
    const a = resolve(state, name, ns);
    expect(a).toMatchObject({
      rcode: 'NOERROR',
      name: 'web.default.svc.cluster.local',
      addresses: [clusterIP],
    });
    expect(a.tried).toHaveLength(queries);
  });

  it.each([
    ['web', 'other'],
    ['nope', 'default'],
    ['web.other', 'default'],
    ['web.default.svc.cluster', 'default'],
  ])('%s from namespace %s is NXDOMAIN, with every name tried', (name, ns) => {
    const a = resolve(state, name, ns);
    expect(a.rcode).toBe('NXDOMAIN');
    expect(a.tried).toHaveLength(4);
  });

  it('a headless name returns the ready pod IPs; a pod name its address', () => {
    const a = resolve(state, 'web-headless', 'default');
    expect(a.rcode === 'NOERROR' && a.headless).toBe(true);
    const ips = Object.values(state.endpointSlices ?? {})
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web-headless')
      .flatMap((s) => s.endpoints.map((e) => e.addresses[0]))
      .sort();
    expect(a.rcode === 'NOERROR' && a.addresses).toEqual(ips);
    expect(ips).toHaveLength(3);
    expect(resolve(state, '10-244-1-2.default.pod.cluster.local', 'other')).toMatchObject({
      addresses: ['10.244.1.2'],
    });
  });

  it('a ClusterIP comes from 10.96.0.0/12 and the kubernetes Service has 10.96.0.1', () => {
    expect(clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(resolve(state, 'kubernetes', 'default')).toMatchObject({ addresses: ['10.96.0.1'] });
    expect(state.services?.['default/web-headless']?.spec.clusterIP).toBe('None');
  });
});
