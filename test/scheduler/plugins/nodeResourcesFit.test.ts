import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/model/objects';
import type { Status } from '../../../src/scheduler/framework';
import { nodeResourcesFitFilter } from '../../../src/scheduler/plugins';
import { makeCycle } from '../../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, nodeInfo, runningPod } from '../fixtures';

interface Case {
  name: string;
  pod: Pod;
  node: Node;
  existing?: Pod[];
  want: Status;
}

const node = makeNode('n', { cpu: '2', memory: '4Gi', pods: '3', 'nvidia.com/gpu': '1' });
const ok: Status = { code: 'Success' };

describe('NodeResourcesFit filter', () => {
  it.each<Case>([
    { name: 'fits on an empty node', pod: makePod('p', { cpu: '2', memory: '4Gi' }), node, want: ok },
    {
      name: 'fits exactly next to other pods',
      pod: makePod('p', { cpu: '500m', memory: '1Gi' }),
      node,
      existing: [runningPod('a', 'n', { cpu: '1500m', memory: '3Gi' })],
      want: ok,
    },
    {
      name: 'not enough cpu left',
      pod: makePod('p', { cpu: '600m' }),
      node,
      existing: [runningPod('a', 'n', { cpu: '1500m' })],
      want: { code: 'Unschedulable', reason: 'Insufficient cpu' },
    },
    {
      name: 'cpu and memory both short: both reasons, cpu first',
      pod: makePod('p', { cpu: '1', memory: '2Gi' }),
      node,
      existing: [runningPod('a', 'n', { cpu: '1500m', memory: '3Gi' })],
      want: {
        code: 'Unschedulable',
        reason: 'Insufficient cpu, Insufficient memory',
        reasons: ['Insufficient cpu', 'Insufficient memory'],
      },
    },
    {
      name: 'asks for more than the whole node: preemption cannot help',
      pod: makePod('p', { cpu: '3' }),
      node,
      want: { code: 'UnschedulableAndUnresolvable', reason: 'Insufficient cpu' },
    },
    {
      name: 'extended resource in use',
      pod: makePod('p', { 'nvidia.com/gpu': '1' }),
      node,
      existing: [runningPod('a', 'n', { 'nvidia.com/gpu': '1' })],
      want: { code: 'Unschedulable', reason: 'Insufficient nvidia.com/gpu' },
    },
    {
      name: 'extended resource the node lacks',
      pod: makePod('p', { 'example.com/fpga': '1' }),
      node,
      want: { code: 'UnschedulableAndUnresolvable', reason: 'Insufficient example.com/fpga' },
    },
    {
      name: 'pod count reached, even for a pod without requests',
      pod: makePod('p'),
      node,
      existing: [runningPod('a', 'n'), runningPod('b', 'n'), runningPod('c', 'n')],
      want: { code: 'Unschedulable', reason: 'Too many pods' },
    },
    {
      name: 'a best-effort pod fits a full node (requests, not usage, count)',
      pod: makePod('p'),
      node,
      existing: [runningPod('a', 'n', { cpu: '2', memory: '4Gi' })],
      want: ok,
    },
    {
      name: 'init containers raise the request to their largest',
      pod: (() => {
        const p = makePod('p', { cpu: '500m' });
        p.spec.initContainers = [
          { name: 'init', image: 'busybox', resources: { requests: { cpu: '2500m' } } },
        ];
        return p;
      })(),
      node,
      want: { code: 'UnschedulableAndUnresolvable', reason: 'Insufficient cpu' },
    },
  ])('$name', ({ pod, node: n, existing = [], want }) => {
    const state = makeState([n], [...existing, pod]);
    expect(nodeResourcesFitFilter.filter(makeCycle(state, pod), pod, nodeInfo(n, existing))).toEqual(want);
  });

  it('defaults allocatable pods to 110 when the node does not say', () => {
    const bare = makeNode('bare', { cpu: '100', memory: '100Gi' });
    const pods = Array.from({ length: 110 }, (_, i) => runningPod(`x${i}`, 'bare'));
    const pod = makePod('p');
    const state = makeState([bare], [...pods, pod]);
    expect(nodeResourcesFitFilter.filter(makeCycle(state, pod), pod, nodeInfo(bare, pods))).toEqual({
      code: 'Unschedulable',
      reason: 'Too many pods',
    });
    expect(nodeResourcesFitFilter.filter(makeCycle(state, pod), pod, nodeInfo(bare, pods.slice(1)))).toEqual(
      ok,
    );
  });
});
