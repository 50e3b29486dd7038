import { describe, expect, it } from 'vitest';
import {
  podQOSClass,
  serializeNode,
  serializePod,
  serializeResourceList,
  toList,
} from '../../src/manifests/serialize';
import { goYamlKeyOrder, toJson, toYaml } from '../../src/manifests/serializeText';
import { GI, makeNode, makePod, MI, running, S } from './printFixtures';

describe('serialize', () => {
  it('turns canonical resource amounts into quantity strings', () => {
    expect(serializeResourceList({ cpu: 2000, memory: 4 * GI, pods: 110 })).toEqual({
      cpu: '2',
      memory: '4Gi',
      pods: '110',
    });
    expect(serializeResourceList({ cpu: 1500, memory: 1536 * MI, 'ephemeral-storage': 20 * GI })).toEqual({
      cpu: '1500m',
      memory: '1536Mi',
      'ephemeral-storage': '20Gi',
    });
  });

  it('prints a Node as kubectl get node -o yaml does (sorted keys, quoted YAML 1.1 look-alikes)', () => {
    expect(toYaml(serializeNode(makeNode('node-1')))).toBe(
      [
        'apiVersion: v1',
        'kind: Node',
        'metadata:',
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        '  labels:',
        '    kubernetes.io/hostname: node-1',
        '  name: node-1',
        '  uid: uid-node-1',
        'spec:',
        '  podCIDR: 10.244.1.0/24',
        '  podCIDRs:',
        '  - 10.244.1.0/24',
        'status:',
        '  addresses:',
        '  - address: 10.0.0.1',
        '    type: InternalIP',
        '  - address: node-1',
        '    type: Hostname',
        '  allocatable:',
        '    cpu: "2"',
        '    memory: 4Gi',
        '    pods: "110"',
        '  capacity:',
        '    cpu: "2"',
        '    memory: 4Gi',
        '    pods: "110"',
        '  conditions:',
        '  - lastHeartbeatTime: "2025-01-01T00:00:00Z"',
        '    lastTransitionTime: "2025-01-01T00:00:00Z"',
        '    message: kubelet is posting ready status',
        '    reason: KubeletReady',
        '    status: "True"',
        '    type: Ready',
        '  nodeInfo:',
        '    architecture: amd64',
        '    containerRuntimeVersion: containerd://2.1.0',
        '    kernelVersion: 6.12.0-flotilla',
        '    kubeProxyVersion: v1.35.0',
        '    kubeletVersion: v1.35.0',
        '    operatingSystem: linux',
        '    osImage: Debian GNU/Linux 12 (bookworm)',
        '',
      ].join('\n'),
    );
  });

  it('keeps apiVersion, kind, metadata, spec, status first in the object itself', () => {
    const pod = makePod('web-1', {
      node: 'node-1',
      ip: '10.244.1.5',
      hostIP: '10.0.0.1',
      containers: [running(5 * S)],
    });
    pod.status.startTime = 1 * S;
    pod.status.conditions = [{ type: 'Ready', status: 'True', lastTransitionTime: 6 * S }];
    const json = serializePod(pod);
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(json.status).toEqual({
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:06Z' },
      ],
      hostIP: '10.0.0.1',
      hostIPs: [{ ip: '10.0.0.1' }],
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: '2025-01-01T00:00:01Z',
      containerStatuses: [
        {
          name: 'app',
          state: { running: { startedAt: '2025-01-01T00:00:05Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'nginx:1.27',
          started: true,
        },
      ],
      qosClass: 'BestEffort',
    });
    // Empty optional fields are dropped; always-printed structs stay.
    expect(json.metadata).toEqual({
      name: 'web-1',
      namespace: 'default',
      uid: 'uid-web-1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    });
  });

  it('computes the QoS class as the API server does', () => {
    expect(podQOSClass(makePod('a'))).toBe('BestEffort');
    expect(podQOSClass(makePod('b', { requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(podQOSClass(makePod('c', { limits: { cpu: '500m', memory: '128Mi' } }))).toBe('Guaranteed');
    expect(
      podQOSClass(
        makePod('d', { requests: { cpu: '0.5', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } }),
      ),
    ).toBe('Guaranteed');
    expect(
      podQOSClass(
        makePod('e', {
          requests: { cpu: '250m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '128Mi' },
        }),
      ),
    ).toBe('Burstable');
  });

  it('wraps objects in a v1 List and prints JSON with 4-space indent and sorted keys', () => {
    expect(toJson(toList([]))).toBe(
      [
        '{',
        '    "apiVersion": "v1",',
        '    "items": [],',
        '    "kind": "List",',
        '    "metadata": {',
        '        "resourceVersion": ""',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    const list = toList([makeNode('node-1')]);
    expect(Object.keys(list)).toEqual(['apiVersion', 'kind', 'items', 'metadata']);
    expect(list.metadata).toEqual({ resourceVersion: '' });
    expect((list.items as unknown[]).length).toBe(1);
  });

  it('can keep insertion order', () => {
    expect(toJson({ b: 1, a: [{ d: 'x', c: true }] }, { sortKeys: false })).toBe(
      '{\n    "b": 1,\n    "a": [\n        {\n            "d": "x",\n            "c": true\n        }\n    ]\n}\n',
    );
    expect(toYaml({ b: 1, a: 'yes' }, { sortKeys: false })).toBe('b: 1\na: "yes"\n');
  });
});

describe("go-yaml's key order", () => {
  it.each([
    ['node9', 'node10', -1],
    ['a', 'b', -1],
    ['app', 'app.kubernetes.io/name', -1],
    ['Z', '_', 1],
    ['kubeProxyVersion', 'kubeletVersion', -1],
    ['x', 'x', 0],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(Math.sign(goYamlKeyOrder(a, b))).toBe(want);
  });
});
