import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/model/network';
import { type Backend, chooseBackend, type ProxyMemory } from '../../src/network/proxy';
import { tickRandom } from '../../src/network/traffic';

const svc = (affinity: 'None' | 'ClientIP' = 'None'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'u', creationTimestamp: 0 },
  spec: {
    type: 'ClusterIP',
    selector: { app: 'web' },
    ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
    clusterIP: '10.96.0.50',
    sessionAffinity: affinity,
    ...(affinity === 'ClientIP' ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } } : {}),
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
  },
  status: { loadBalancer: {} },
});
const backends: Backend[] = ['10.244.1.2', '10.244.2.2', '10.244.3.2'].map((ip) => ({
  ip,
  port: 8080,
  terminating: false,
}));
const sp = svc().spec.ports[0] as Service['spec']['ports'][number];
const fresh = (): ProxyMemory => ({ rr: {}, affinity: {} });

function counts(
  mode: 'iptables' | 'ipvs',
  n: number,
  seed: number,
  s = svc(),
  clientOf = (_i: number) => '10.244.9.9',
): number[] {
  const memory = fresh();
  const random = tickRandom(seed);
  const out = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const k = chooseBackend(mode, memory, 'node-1', s, sp, clientOf(i), backends, 0, random);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('the service proxy', () => {
  it.each([1, 2, 3, 42, 12345])('iptables mode is uniform within statistical bounds (seed %i)', (seed) => {
    const n = 30_000;
    const c = counts('iptables', n, seed);
    // Pearson chi-square with 2 degrees of freedom: 13.8 is the 0.1% critical value.
    const chi = c.reduce((s, x) => s + (x - n / 3) ** 2 / (n / 3), 0);
    expect(chi).toBeLessThan(13.8);
    for (const x of c) expect(Math.abs(x - n / 3)).toBeLessThan(600);
  });

  it('iptables mode is the same for the same seed and differs across seeds', () => {
    expect(counts('iptables', 999, 7)).toEqual(counts('iptables', 999, 7));
    expect(counts('iptables', 999, 7)).not.toEqual(counts('iptables', 999, 8));
  });

  it('ipvs mode is an exact round robin per node and virtual server', () => {
    expect(counts('ipvs', 300, 1)).toEqual([100, 100, 100]);
    const memory = fresh();
    const order = Array.from({ length: 7 }, () =>
      chooseBackend('ipvs', memory, 'node-1', svc(), sp, 'c', backends, 0, Math.random),
    );
    expect(order).toEqual([0, 1, 2, 0, 1, 2, 0]);
    // Another node has its own position.
    expect(chooseBackend('ipvs', memory, 'node-2', svc(), sp, 'c', backends, 0, Math.random)).toBe(0);
  });

  it('sessionAffinity ClientIP sends a client to the same backend until the timeout since its last connection', () => {
    const s = svc('ClientIP');
    const memory = fresh();
    const random = tickRandom(5);
    const first = chooseBackend('iptables', memory, 'node-1', s, sp, '10.244.9.9', backends, 0, random);
    for (let t = 1; t < 50; t++)
      expect(
        chooseBackend('iptables', memory, 'node-1', s, sp, '10.244.9.9', backends, t * 1000, random),
      ).toBe(first);
    const key = Object.keys(memory.affinity)[0] as string;
    expect(memory.affinity[key]?.[1]).toBe(49_000 + 10_800_000);
    // Other clients still spread.
    expect(
      new Set(counts('iptables', 3000, 9, s, (i) => `10.0.${i % 250}.${i % 7}`).map((x) => x > 0)).size,
    ).toBe(1);
  });

  it('no backend: -1 (kube-proxy rejects the connection)', () => {
    expect(chooseBackend('iptables', fresh(), 'node-1', svc(), sp, 'c', [], 0, Math.random)).toBe(-1);
  });
});
