import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/model/objects';
import type { Status } from '../../../src/scheduler/framework';
import {
  NODE_AFFINITY_REASON,
  NODE_NAME_REASON,
  NODE_UNSCHEDULABLE_REASON,
  nodeAffinityFilter,
  nodeName,
  nodeUnschedulable,
  taintTolerationFilter,
} from '../../../src/scheduler/plugins';
import type { FilterPlugin } from '../../../src/scheduler/framework';
import { makeCycle } from '../../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, nodeInfo } from '../fixtures';

interface Case {
  name: string;
  pod: Pod;
  node: Node;
  want: Status;
}

function run(plugin: FilterPlugin, pod: Pod, node: Node): Status {
  const state = makeState([node], [pod]);
  return plugin.filter(makeCycle(state, pod), pod, nodeInfo(node));
}

const small = { cpu: '1', memory: '1Gi' };
const ok: Status = { code: 'Success' };

describe('NodeUnschedulable', () => {
  it.each<Case>([
    { name: 'schedulable node', pod: makePod('p'), node: makeNode('n', small), want: ok },
    {
      name: 'cordoned node',
      pod: makePod('p'),
      node: makeNode('n', small, { unschedulable: true }),
      want: { code: 'UnschedulableAndUnresolvable', reason: NODE_UNSCHEDULABLE_REASON },
    },
    {
      name: 'cordoned node, pod tolerates the unschedulable taint',
      pod: makePod('p', undefined, {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      }),
      node: makeNode('n', small, { unschedulable: true }),
      want: ok,
    },
    {
      name: 'cordoned node, toleration for another effect does not help',
      pod: makePod('p', undefined, {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }],
      }),
      node: makeNode('n', small, { unschedulable: true }),
      want: { code: 'UnschedulableAndUnresolvable', reason: 'node(s) were unschedulable' },
    },
  ])('$name', ({ pod, node, want }) => {
    expect(run(nodeUnschedulable, pod, node)).toEqual(want);
  });
});

describe('NodeName', () => {
  it.each<Case>([
    { name: 'no node name', pod: makePod('p'), node: makeNode('n1', small), want: ok },
    {
      name: 'matching node name',
      pod: makePod('p', undefined, { nodeName: 'n1' }),
      node: makeNode('n1', small),
      want: ok,
    },
    {
      name: 'other node name',
      pod: makePod('p', undefined, { nodeName: 'n2' }),
      node: makeNode('n1', small),
      want: { code: 'UnschedulableAndUnresolvable', reason: NODE_NAME_REASON },
    },
  ])('$name', ({ pod, node, want }) => {
    expect(run(nodeName, pod, node)).toEqual(want);
  });
});

describe('TaintToleration filter', () => {
  const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' } as const;
  it.each<Case>([
    { name: 'no taints', pod: makePod('p'), node: makeNode('n', small), want: ok },
    {
      name: 'untolerated NoExecute taint without value',
      pod: makePod('p'),
      node: makeNode('n', small, { taints: [unreachable] }),
      want: {
        code: 'UnschedulableAndUnresolvable',
        reason: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
      },
    },
    {
      name: 'untolerated NoSchedule taint with value',
      pod: makePod('p'),
      node: makeNode('n', small, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      want: {
        code: 'UnschedulableAndUnresolvable',
        reason: 'node(s) had untolerated taint {dedicated: gpu}',
      },
    },
    {
      name: 'PreferNoSchedule taints never filter',
      pod: makePod('p'),
      node: makeNode('n', small, { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
      want: ok,
    },
    {
      name: 'tolerated with Exists',
      pod: makePod('p', undefined, {
        tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      }),
      node: makeNode('n', small, { taints: [unreachable] }),
      want: ok,
    },
    {
      name: 'Equal toleration with the wrong value',
      pod: makePod('p', undefined, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db' }] }),
      node: makeNode('n', small, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      want: {
        code: 'UnschedulableAndUnresolvable',
        reason: 'node(s) had untolerated taint {dedicated: gpu}',
      },
    },
    {
      name: 'the first untolerated taint is reported',
      pod: makePod('p', undefined, { tolerations: [{ key: 'a', operator: 'Exists' }] }),
      node: makeNode('n', small, {
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'b', value: '1', effect: 'NoSchedule' },
          { key: 'c', effect: 'NoExecute' },
        ],
      }),
      want: { code: 'UnschedulableAndUnresolvable', reason: 'node(s) had untolerated taint {b: 1}' },
    },
  ])('$name', ({ pod, node, want }) => {
    expect(run(taintTolerationFilter, pod, node)).toEqual(want);
  });
});

describe('NodeAffinity filter', () => {
  const zoneA = makeNode('n', small, { labels: { zone: 'a', disk: 'ssd' } });
  const notMatched: Status = { code: 'UnschedulableAndUnresolvable', reason: NODE_AFFINITY_REASON };
  it.each<Case>([
    { name: 'no selector', pod: makePod('p'), node: zoneA, want: ok },
    {
      name: 'nodeSelector matches',
      pod: makePod('p', undefined, { nodeSelector: { zone: 'a' } }),
      node: zoneA,
      want: ok,
    },
    {
      name: 'nodeSelector does not match',
      pod: makePod('p', undefined, { nodeSelector: { zone: 'b' } }),
      node: zoneA,
      want: notMatched,
    },
    {
      name: 'required term matches (terms are ORed)',
      pod: makePod('p', undefined, {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
                { matchExpressions: [{ key: 'disk', operator: 'Exists' }] },
              ],
            },
          },
        },
      }),
      node: zoneA,
      want: ok,
    },
    {
      name: 'required term does not match',
      pod: makePod('p', undefined, {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }],
            },
          },
        },
      }),
      node: zoneA,
      want: notMatched,
    },
    {
      name: 'nodeSelector and required affinity must both hold',
      pod: makePod('p', undefined, {
        nodeSelector: { zone: 'b' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
            },
          },
        },
      }),
      node: zoneA,
      want: notMatched,
    },
  ])('$name', ({ pod, node, want }) => {
    expect(run(nodeAffinityFilter, pod, node)).toEqual(want);
  });
});
