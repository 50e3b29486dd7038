/**
 * NetworkPolicy truth tables, each row from a statement of W concepts/services-networking/
 * network-policies.md.
 */
import { describe, expect, it } from 'vitest';
import { defaultNamespace, defaultNetworkPolicy } from '../../src/manifests/defaults';
import type { NetworkPolicy } from '../../src/model/network';
import type { Pod } from '../../src/model/objects';
import { shardedFrom } from '../../src/model/sharded';
import type { ClusterState } from '../../src/model/state';
import { evaluateConnection } from '../../src/network/networkPolicy';
import type { NetworkPolicySpecInput } from '../../src/manifests/loadNetwork';

function pod(ns: string, name: string, ip: string, labels: Record<string, string>, node = 'node-1'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, uid: `${ns}-${name}`, creationTimestamp: 0, labels },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'i',
          ports: [
            { name: 'db', containerPort: 3306, protocol: 'TCP' },
            { name: 'http', containerPort: 80, protocol: 'TCP' },
          ],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      nodeName: node,
    },
    status: {
      phase: 'Running',
      conditions: [],
      containerStatuses: [],
      podIP: ip,
      hostIP: node === 'node-1' ? '192.168.0.11' : '192.168.0.12',
    },
  };
}

const POLICY_NS = 'prod';
const pods = {
  db: pod('prod', 'db', '10.244.1.10', { app: 'db' }),
  web: pod('prod', 'web', '10.244.2.10', { app: 'web' }, 'node-2'),
  other: pod('prod', 'other', '10.244.2.11', { app: 'other' }, 'node-2'),
  devWeb: pod('dev', 'web', '10.244.2.12', { app: 'web' }, 'node-2'),
  monitor: pod('ops', 'monitor', '10.244.2.13', { app: 'monitor' }, 'node-2'),
};

function state(policies: NetworkPolicySpecInput[]): ClusterState {
  const nps: Record<string, NetworkPolicy> = {};
  policies.forEach((spec, i) => {
    nps[`${POLICY_NS}/p${i}`] = defaultNetworkPolicy(
      { name: `p${i}`, namespace: POLICY_NS, uid: `p${i}`, creationTimestamp: 0 },
      spec,
    );
  });
  const ns = (name: string, labels: Record<string, string> = {}) =>
    defaultNamespace({ name, uid: name, creationTimestamp: 0, labels });
  return {
    namespaces: {
      prod: ns('prod', { env: 'prod' }),
      dev: ns('dev', { env: 'dev' }),
      ops: ns('ops', { team: 'ops' }),
    },
    pods: shardedFrom(
      Object.values(pods).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p] as [string, Pod]),
    ),
    networkPolicies: nps,
  } as unknown as ClusterState;
}

const allowed = (
  s: ClusterState,
  from: Pod | string,
  to: Pod,
  port = 3306,
  protocol: 'TCP' | 'UDP' = 'TCP',
) =>
  evaluateConnection(
    s,
    typeof from === 'string' ? { ip: from } : { ip: from.status.podIP as string, pod: from },
    { ip: to.status.podIP as string, pod: to },
    port,
    protocol,
  ).allowed;

const dbSelector = { matchLabels: { app: 'db' } };

describe('NetworkPolicy', () => {
  it('pods are non-isolated by default: everything is allowed', () => {
    const s = state([]);
    expect(allowed(s, pods.web, pods.db)).toBe(true);
    expect(allowed(s, pods.devWeb, pods.db)).toBe(true);
    expect(allowed(s, '8.8.8.8', pods.db)).toBe(true);
  });

  it('a policy selecting a pod with Ingress and no rules isolates it (default deny); other pods stay open', () => {
    const s = state([{ podSelector: dbSelector, policyTypes: ['Ingress'] }]);
    expect(allowed(s, pods.web, pods.db)).toBe(false);
    expect(allowed(s, pods.db, pods.web)).toBe(true); // egress of db is not isolated
    expect(allowed(s, pods.web, pods.other)).toBe(true);
    const v = evaluateConnection(
      s,
      { ip: '10.244.2.10', pod: pods.web },
      { ip: '10.244.1.10', pod: pods.db },
      3306,
    );
    expect(v.ingress).toMatchObject({ isolated: true, allowed: false, pod: 'prod/db', policies: ['p0'] });
    expect(v.egress.isolated).toBe(false);
  });

  it('policyTypes defaults to Ingress, plus Egress when egress rules are given', () => {
    expect(
      defaultNetworkPolicy({ name: 'a', uid: '', creationTimestamp: 0 }, { podSelector: {} }).spec
        .policyTypes,
    ).toEqual(['Ingress']);
    expect(
      defaultNetworkPolicy({ name: 'a', uid: '', creationTimestamp: 0 }, { podSelector: {}, egress: [{}] })
        .spec.policyTypes,
    ).toEqual(['Ingress', 'Egress']);
  });

  // One ingress rule on db, peers as given; rows: [source, allowed].
  const peerCases: [string, NetworkPolicySpecInput['ingress'], [keyof typeof pods, boolean][]][] = [
    [
      'podSelector alone: pods of the policy namespace',
      [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      [
        ['web', true],
        ['devWeb', false],
        ['other', false],
      ],
    ],
    [
      'namespaceSelector alone: every pod of those namespaces',
      [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] }],
      [
        ['web', false],
        ['devWeb', true],
        ['monitor', false],
      ],
    ],
    [
      'both in one peer: AND',
      [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { env: 'dev' } },
              podSelector: { matchLabels: { app: 'web' } },
            },
          ],
        },
      ],
      [
        ['web', false],
        ['devWeb', true],
        ['monitor', false],
      ],
    ],
    [
      'separate peers: OR',
      [
        {
          from: [
            { namespaceSelector: { matchLabels: { team: 'ops' } } },
            { podSelector: { matchLabels: { app: 'web' } } },
          ],
        },
      ],
      [
        ['web', true],
        ['devWeb', false],
        ['monitor', true],
        ['other', false],
      ],
    ],
    [
      'empty from: every source',
      [{}],
      [
        ['web', true],
        ['devWeb', true],
        ['monitor', true],
      ],
    ],
    [
      'namespaceSelector {}: pods of every namespace',
      [{ from: [{ namespaceSelector: {} }] }],
      [
        ['web', true],
        ['devWeb', true],
      ],
    ],
  ];
  it.each(peerCases)('%s', (_name, ingress, rows) => {
    const s = state([{ podSelector: dbSelector, policyTypes: ['Ingress'], ...(ingress ? { ingress } : {}) }]);
    for (const [from, want] of rows) expect([from, allowed(s, pods[from], pods.db)]).toEqual([from, want]);
  });

  it('policies add up (union, order-free)', () => {
    const a = {
      podSelector: dbSelector,
      policyTypes: ['Ingress' as const],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    };
    const b = {
      podSelector: dbSelector,
      policyTypes: ['Ingress' as const],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'other' } } }] }],
    };
    for (const s of [state([a, b]), state([b, a])]) {
      expect(allowed(s, pods.web, pods.db)).toBe(true);
      expect(allowed(s, pods.other, pods.db)).toBe(true);
      expect(allowed(s, pods.devWeb, pods.db)).toBe(false);
    }
  });

  it.each([
    ['a number', [{ protocol: 'TCP' as const, port: 3306 }], 3306, 'TCP', true],
    ['another number', [{ protocol: 'TCP' as const, port: 3306 }], 80, 'TCP', false],
    ['the protocol must match', [{ protocol: 'TCP' as const, port: 3306 }], 3306, 'UDP', false],
    ['a named port of the destination', [{ protocol: 'TCP' as const, port: 'db' }], 3306, 'TCP', true],
    ['a named port elsewhere', [{ protocol: 'TCP' as const, port: 'http' }], 3306, 'TCP', false],
    ['a range with endPort', [{ protocol: 'TCP' as const, port: 3000, endPort: 4000 }], 3306, 'TCP', true],
    ['outside the range', [{ protocol: 'TCP' as const, port: 3000, endPort: 3305 }], 3306, 'TCP', false],
    ['protocol without port: every port', [{ protocol: 'TCP' as const }], 12345, 'TCP', true],
  ] as const)('ports: %s', (_name, ports, port, protocol, want) => {
    const s = state([
      { podSelector: dbSelector, policyTypes: ['Ingress'], ingress: [{ ports: [...ports] }] },
    ]);
    expect(allowed(s, pods.web, pods.db, port, protocol)).toBe(want);
  });

  it('ipBlock matches addresses in cidr but not in except', () => {
    const s = state([
      {
        podSelector: dbSelector,
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }] }],
      },
    ]);
    expect(allowed(s, '172.17.0.5', pods.db)).toBe(true);
    expect(allowed(s, '172.17.1.5', pods.db)).toBe(false);
    expect(allowed(s, '10.0.0.1', pods.db)).toBe(false);
  });

  it('a connection needs the egress of the source and the ingress of the destination', () => {
    const egressDeny = { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress' as const] };
    const ingressAllowWeb = {
      podSelector: dbSelector,
      policyTypes: ['Ingress' as const],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    };
    const egressAllowDb = {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress' as const],
      egress: [{ to: [{ podSelector: dbSelector }] }],
    };
    expect(allowed(state([egressDeny, ingressAllowWeb]), pods.web, pods.db)).toBe(false);
    const v = evaluateConnection(
      state([egressDeny, ingressAllowWeb]),
      { ip: '10.244.2.10', pod: pods.web },
      { ip: '10.244.1.10', pod: pods.db },
      3306,
    );
    expect(v.egress).toMatchObject({ isolated: true, allowed: false, pod: 'prod/web' });
    expect(v.ingress).toMatchObject({ isolated: true, allowed: true, allowedBy: 'p1' });
    expect(allowed(state([egressDeny, egressAllowDb, ingressAllowWeb]), pods.web, pods.db)).toBe(true);
    expect(allowed(state([egressDeny, egressAllowDb]), pods.web, pods.other)).toBe(false);
  });

  it('a pod cannot block traffic to itself, and its own node always reaches it', () => {
    const s = state([{ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }]);
    expect(allowed(s, pods.db, pods.db)).toBe(true);
    expect(allowed(s, '192.168.0.11', pods.db)).toBe(true);
    expect(allowed(s, '192.168.0.12', pods.db)).toBe(false);
  });
});
