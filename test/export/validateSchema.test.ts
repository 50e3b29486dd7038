import { describe, expect, it } from 'vitest';
import { schemaIssues, validateKubernetesObject, VALIDATED_TYPES } from '../../src/manifests/validateSchema';

const deployment = (spec: Record<string, unknown>, name = 'tooling') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: 'tooling' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'tooling' } },
    template: {
      metadata: { labels: { app: 'tooling' } },
      spec: { containers: [{ name: 'web', image: 'tooling:1.0', ports: [{ containerPort: 80 }] }] },
    },
    ...spec,
  },
});

describe('validateKubernetesObject', () => {
  it('accepts valid objects of the kinds Flotilla emits', () => {
    expect(validateKubernetesObject(deployment({}))).toEqual([]);
    const objects = [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'mysql' },
        spec: { ports: [{ port: 3306, targetPort: 'mysql' }] },
      },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'db' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'shop' },
        spec: {
          containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '500m', memory: 1024 } } }],
        },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'x' } },
    ];
    for (const o of objects) expect(validateKubernetesObject(o), o.kind).toEqual([]);
  });

  it.each([
    { name: 'wrong type', obj: deployment({ replicas: 'two' }), want: ['spec.replicas: must be integer'] },
    {
      name: 'bad quantity (oneOf folded into one message)',
      obj: deployment({
        template: {
          spec: { containers: [{ name: 'web', image: 'i', resources: { requests: { cpu: 'lots' } } }] },
        },
      }),
      want: ['spec.template.spec.containers[0].resources.requests.cpu: must be a valid quantity'],
    },
    {
      name: 'missing required field',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { ports: [{ name: 'http' }] },
      },
      want: ['spec.ports[0].port: required field is missing'],
    },
    {
      name: 'int-or-string of the wrong type',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { ports: [{ port: 80, targetPort: true }] },
      },
      want: ['spec.ports[0].targetPort: must be integer or string'],
    },
    {
      name: 'invalid names (API server rules)',
      obj: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'My_svc', labels: { 'a/b/c': 'x', app: 'has space' } },
      },
      want: [
        'metadata.name: "My_svc" is not a valid Service name (a DNS-1035 label: lower-case letters, digits and \'-\', starting with a letter, at most 63)',
        'metadata.labels[a/b/c]: invalid label key',
        "metadata.labels.app: invalid label value \"has space\" (at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric)",
      ],
    },
    {
      name: 'missing name',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      want: ['metadata.name: required field is missing'],
    },
    {
      name: 'namespace on a cluster-scoped kind',
      obj: {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'x', namespace: 'default' },
        value: 1,
      },
      want: ['metadata.namespace: PriorityClass is not namespaced'],
    },
  ])('$name', ({ obj, want }) => {
    expect(validateKubernetesObject(obj)).toEqual(want);
  });

  it('names an unknown kind and a missing apiVersion', () => {
    expect(
      validateKubernetesObject({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } })[0],
    ).toMatch(/^kind: no schema for v1 Widget/);
    expect(validateKubernetesObject({ kind: 'Pod' })).toEqual(['apiVersion: must be a string']);
    expect(validateKubernetesObject('nope')).toEqual(['must be a mapping (a Kubernetes object)']);
  });

  it('keeps paths as lists for locating them in YAML', () => {
    expect(schemaIssues(deployment({ replicas: 'two' }))).toEqual([
      { path: ['spec', 'replicas'], message: 'must be integer' },
    ]);
    expect(VALIDATED_TYPES).toContain('apps/v1/Deployment');
  });
});
