import { describe, expect, it } from 'vitest';
import { compact } from '../../src/manifests/compact';
import { serializeObject } from '../../src/manifests/serialize';
import { toYaml } from '../../src/manifests/serializeText';

describe('compact', () => {
  it('keeps an empty object inside a list: ingress: [{}] allows all, no rule denies all', () => {
    const allowAll = {
      apiVersion: 'networking.k8s.io/v1' as const,
      kind: 'NetworkPolicy' as const,
      metadata: { name: 'allow-all', namespace: 'default', uid: 'u', creationTimestamp: 0 },
      spec: { podSelector: {}, policyTypes: ['Ingress' as const], ingress: [{}] },
    };
    expect(toYaml(serializeObject(allowAll))).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        '  name: allow-all',
        '  namespace: default',
        '  uid: u',
        'spec:',
        '  ingress:',
        '  - {}',
        '  podSelector: {}',
        '  policyTypes:',
        '  - Ingress',
        '',
      ].join('\n'),
    );
    const denyAll = { ...allowAll, spec: { ...allowAll.spec, ingress: [] } };
    expect(serializeObject(denyAll).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it.each([
    ['an empty field', { a: {}, b: 1 }, { b: 1 }],
    ['an empty list', { a: [], b: 1 }, { b: 1 }],
    ['an always-printed struct', { resources: {} }, { resources: {} }],
    ['an empty object in a list', { a: [{}, { x: undefined }] }, { a: [{}, {}] }],
    ['an empty list in a list', { a: [[]] }, undefined],
    ['undefined and non-finite numbers', { a: undefined, b: Number.NaN, c: [1, undefined] }, { c: [1] }],
  ])('%s', (_name, input, want) => {
    expect(compact(input)).toEqual(want);
  });
});
