import { describe, expect, it } from 'vitest';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from '../../src/model/nodeAffinity';
import type { Node, NodeSelectorTerm, Pod } from '../../src/model/objects';
import { makeNode } from '../../src/orchestrators';

const NODE = makeNode(
  { name: 'n1', capacity: { cpu: 4000 }, labels: { zone: 'a', disktype: 'ssd', cores: '8' } },
  1,
  0,
  'uid-n1',
);

function pod(spec: { nodeSelector?: Record<string, string>; terms?: NodeSelectorTerm[] }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-p', creationTimestamp: 0 },
    spec: {
      containers: [{ name: 'c', image: 'nginx' }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
      ...(spec.terms
        ? {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: spec.terms },
              },
            },
          }
        : {}),
    },
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
}

describe('podMatchesNodeSelectorAndAffinity', () => {
  it.each<{
    name: string;
    input: { nodeSelector?: Record<string, string>; terms?: NodeSelectorTerm[] };
    want: boolean;
  }>([
    { name: 'no constraints', input: {}, want: true },
    { name: 'nodeSelector matches', input: { nodeSelector: { zone: 'a' } }, want: true },
    { name: 'nodeSelector another value', input: { nodeSelector: { zone: 'b' } }, want: false },
    {
      name: 'nodeSelector well-known label',
      input: { nodeSelector: { 'kubernetes.io/hostname': 'n1' } },
      want: true,
    },
    {
      name: 'nodeSelector needs every pair',
      input: { nodeSelector: { zone: 'a', disktype: 'hdd' } },
      want: false,
    },
    {
      name: 'terms are ORed',
      input: {
        terms: [
          { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
          { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
        ],
      },
      want: true,
    },
    {
      name: 'expressions of one term are ANDed',
      input: {
        terms: [
          {
            matchExpressions: [
              { key: 'zone', operator: 'In', values: ['a'] },
              { key: 'disktype', operator: 'In', values: ['hdd'] },
            ],
          },
        ],
      },
      want: false,
    },
    {
      name: 'nodeSelector and affinity must both hold',
      input: {
        nodeSelector: { zone: 'b' },
        terms: [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }],
      },
      want: false,
    },
    { name: 'only an empty term', input: { terms: [{}] }, want: false },
    {
      name: 'an empty term next to a matching one',
      input: { terms: [{}, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] },
      want: true,
    },
  ])('$name', ({ input, want }) => {
    expect(podMatchesNodeSelectorAndAffinity(pod(input), NODE)).toBe(want);
  });
});

describe('nodeSelectorTermMatches', () => {
  it.each<{ name: string; input: NodeSelectorTerm; want: boolean }>([
    {
      name: 'In hit',
      input: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b', 'a'] }] },
      want: true,
    },
    {
      name: 'In miss',
      input: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
      want: false,
    },
    {
      name: 'In on a missing label',
      input: { matchExpressions: [{ key: 'gpu', operator: 'In', values: ['a'] }] },
      want: false,
    },
    {
      name: 'NotIn other value',
      input: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] },
      want: true,
    },
    {
      name: 'NotIn same value',
      input: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      want: false,
    },
    {
      name: 'NotIn on a missing label',
      input: { matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: ['a'] }] },
      want: true,
    },
    {
      name: 'Exists present',
      input: { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] },
      want: true,
    },
    { name: 'Exists absent', input: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, want: false },
    {
      name: 'DoesNotExist absent',
      input: { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] },
      want: true,
    },
    {
      name: 'DoesNotExist present',
      input: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      want: false,
    },
    {
      name: 'Gt below',
      input: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] },
      want: true,
    },
    {
      name: 'Gt equal is not greater',
      input: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] },
      want: false,
    },
    {
      name: 'Lt above',
      input: { matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['16'] }] },
      want: true,
    },
    {
      name: 'Lt equal is not less',
      input: { matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['8'] }] },
      want: false,
    },
    {
      name: 'Gt on a missing label',
      input: { matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['0'] }] },
      want: false,
    },
    {
      name: 'Gt with two values',
      input: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] },
      want: false,
    },
    {
      name: 'Gt with a non-integer value',
      input: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['x'] }] },
      want: false,
    },
    {
      name: 'Gt on a non-integer label',
      input: { matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['1'] }] },
      want: false,
    },
    {
      name: 'matchFields metadata.name In',
      input: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
      want: true,
    },
    {
      name: 'matchFields metadata.name In other',
      input: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
      want: false,
    },
    {
      name: 'matchFields metadata.name NotIn',
      input: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] },
      want: false,
    },
    {
      name: 'matchFields on an unsupported field',
      input: { matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['uid-n1'] }] },
      want: false,
    },
    {
      name: 'matchExpressions AND matchFields',
      input: {
        matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }],
        matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }],
      },
      want: false,
    },
    { name: 'empty term matches nothing', input: {}, want: false },
    { name: 'empty lists match nothing', input: { matchExpressions: [], matchFields: [] }, want: false },
  ])('$name', ({ input, want }) => {
    expect(nodeSelectorTermMatches(input, NODE)).toBe(want);
  });
});

describe('Gt/Lt parse integers strictly (strconv.ParseInt)', () => {
  it.each([
    ['8x', false],
    ['1.5', false],
    ['8', true],
  ])('label cores=%s Gt 4 -> %s', (value, want) => {
    const n = { metadata: { name: 'n', labels: { cores: value } } } as unknown as Node;
    expect(
      nodeSelectorTermMatches({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }, n),
    ).toBe(want);
  });
});
