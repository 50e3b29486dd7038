import { describe, expect, it } from 'vitest';
import { endpointId, trafficLayout } from '../../web/trafficLayout';
import type { FlowSecond, ServiceHub } from '../../web/trafficModel';

const endpoint = (pod: string) => ({ pod, name: pod, node: 'node-1', ready: true, terminating: false });
const hub = (id: string, pods: string[]): ServiceHub => ({
  id,
  name: id,
  type: 'ClusterIP',
  endpoints: pods.map(endpoint),
});
const flow = (name: string, client: string, service: string): FlowSecond => ({
  flow: name,
  client,
  service,
  requests: 1,
  successes: 1,
  failures: [],
  p99: 1,
  backends: {},
});

describe('the traffic layout', () => {
  it('puts clients, hubs and endpoints in three columns, Services in the order flows reach them', () => {
    const services = [hub('a', ['a-1']), hub('b', ['b-1', 'b-2'])];
    const layout = trafficLayout(services, [flow('f', 'external', 'b')], 1000);
    expect([...layout.hubs.keys()]).toEqual(['b', 'a']);
    expect([...layout.endpoints.keys()]).toEqual([endpointId('b', 'b-1'), endpointId('b', 'b-2'), 'a>a-1']);
    expect(layout.clients.get('external')).toEqual({ x: 150, y: 16 + 1.5 * 64 });
    expect(layout.hubs.get('b')?.x).toBe(450);
    expect(layout.endpoints.get('a>a-1')?.x).toBe(720);
    // Three endpoint rows make the height; each column spreads its rows over it.
    expect(layout.height).toBe(16 + 3 * 64);
    expect(layout.hubs.get('a')?.y).toBe(16 + 1.5 * 96);
  });

  it('has one row at least', () => {
    expect(trafficLayout([], [], 480).height).toBe(16 + 64);
  });
});
