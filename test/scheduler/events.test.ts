/** Which object changes wake the scheduler, and with which keys. */
import { setIn } from '../../src/model/sharded';
import { describe, expect, it } from 'vitest';
import { FLUSH_KEY, schedulerController } from '../../src/scheduler';
import { clone, makeNode, makePod, makeState, runningPod } from './fixtures';

const size = { cpu: '1', memory: '1Gi' };

describe('schedulerController.keysFor', () => {
  const state = makeState([makeNode('node-1', size)]);
  const pending = makePod('web-1');
  const node = makeNode('node-1', size);

  it.each<{
    name: string;
    change: Parameters<typeof schedulerController.keysFor>[0];
    queued?: boolean;
    want: string[];
  }>([
    {
      name: 'a pending pod is created',
      change: { kind: 'Pod', key: 'default/web-1', before: undefined, after: pending },
      want: ['default/web-1'],
    },
    {
      name: 'a pod for another scheduler',
      change: {
        kind: 'Pod',
        key: 'default/web-1',
        before: undefined,
        after: makePod('web-1', undefined, { schedulerName: 'other' }),
      },
      want: [],
    },
    {
      name: 'a pod created bound',
      change: { kind: 'Pod', key: 'default/web-1', before: undefined, after: runningPod('web-1', 'node-1') },
      want: [],
    },
    {
      name: 'a pending pod being deleted',
      change: {
        kind: 'Pod',
        key: 'default/web-1',
        before: undefined,
        after: makePod('web-1', undefined, { deletionTimestamp: 5 }),
      },
      want: [],
    },
    {
      name: "the scheduler's own status update of a queued pod",
      change: {
        kind: 'Pod',
        key: 'default/web-1',
        before: pending,
        after: { ...pending, status: { ...pending.status, conditions: [] } },
      },
      queued: true,
      want: [],
    },
    {
      name: 'a user changes a queued pod',
      change: {
        kind: 'Pod',
        key: 'default/web-1',
        before: pending,
        after: { ...pending, spec: { ...pending.spec, tolerations: [] } },
      },
      queued: true,
      want: ['*move*:default/web-1'],
    },
    {
      name: 'a bound pod is deleted',
      change: { kind: 'Pod', key: 'default/x', before: runningPod('x', 'node-1'), after: undefined },
      want: [FLUSH_KEY],
    },
    {
      name: 'a bound pod finishes',
      change: {
        kind: 'Pod',
        key: 'default/x',
        before: runningPod('x', 'node-1'),
        after: runningPod('x', 'node-1', undefined, { phase: 'Succeeded' }),
      },
      want: [FLUSH_KEY],
    },
    {
      name: 'a bound pod starts terminating (still holds resources)',
      change: {
        kind: 'Pod',
        key: 'default/x',
        before: runningPod('x', 'node-1'),
        after: runningPod('x', 'node-1', undefined, { deletionTimestamp: 9 }),
      },
      want: [],
    },
    {
      name: 'a node is added',
      change: { kind: 'Node', key: 'node-1', before: undefined, after: node },
      want: [FLUSH_KEY],
    },
    {
      name: 'a node is removed',
      change: { kind: 'Node', key: 'node-1', before: node, after: undefined },
      want: [],
    },
    {
      name: 'a heartbeat',
      change: {
        kind: 'Node',
        key: 'node-1',
        before: node,
        after: {
          ...node,
          status: {
            ...node.status,
            conditions: node.status.conditions.map((c) => ({ ...c, lastHeartbeatTime: 10_000 })),
          },
        },
      },
      want: [],
    },
    {
      name: 'a taint is removed',
      change: {
        kind: 'Node',
        key: 'node-1',
        before: makeNode('node-1', size, {
          taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
        }),
        after: node,
      },
      want: [FLUSH_KEY],
    },
    {
      name: 'a node is uncordoned',
      change: {
        kind: 'Node',
        key: 'node-1',
        before: makeNode('node-1', size, { unschedulable: true }),
        after: node,
      },
      want: [FLUSH_KEY],
    },
    {
      name: 'a node becomes Ready',
      change: {
        kind: 'Node',
        key: 'node-1',
        before: {
          ...node,
          status: {
            ...node.status,
            conditions: node.status.conditions.map((c) => ({ ...c, status: 'Unknown' as const })),
          },
        },
        after: node,
      },
      want: [FLUSH_KEY],
    },
  ])('$name', ({ change, queued, want }) => {
    const s = clone(state);
    if (queued)
      setIn(s.schedulingQueue, 'default/web-1', {
        attempts: 1,
        queue: 'unschedulable',
        backoffUntil: 1000,
        unschedulableSince: 0,
      });
    expect(schedulerController.keysFor(change, s)).toEqual(want);
  });
});
