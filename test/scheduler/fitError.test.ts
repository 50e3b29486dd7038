import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { failedSchedulingMessage, reasonHistogram } from '../../src/scheduler/fitError';
import { failure } from '../../src/scheduler/framework';
import { scheduleOne } from '../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, runningPod } from './fixtures';

const unreachable = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const }];
const noRandom = () => {
  throw new Error('no tie to break');
};

describe('FailedScheduling message', () => {
  it('counts reasons per node, sorts them, and adds what preemption says', () => {
    const state = makeState(
      [
        makeNode('node-1', { cpu: '1', memory: '1Gi' }),
        makeNode('node-2', { cpu: '4', memory: '4Gi' }, { taints: unreachable }),
        makeNode('node-3', { cpu: '4', memory: '4Gi' }, { taints: unreachable }),
      ],
      [runningPod('busy', 'node-1', { cpu: '800m' }), makePod('web-1', { cpu: '500m' })],
    );
    const result = scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, noRandom);
    expect(result.selected).toBeNull();
    expect(result.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, ' +
        '2 Preemption is not helpful for scheduling.',
    );
  });

  it('says preemption is not helpful when every node is ruled out for good', () => {
    const pod = makePod('web-1');
    const statuses = [1, 2, 3].map(() =>
      failure('UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector"),
    );
    expect(failedSchedulingMessage(pod, 3, statuses)).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('counts every reason of a node that reports several', () => {
    const pod = makePod('web-1');
    const statuses = [
      failure('Unschedulable', 'Insufficient cpu', 'Insufficient memory'),
      failure('Unschedulable', 'Insufficient memory'),
    ];
    expect(failedSchedulingMessage(pod, 2, statuses)).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. ' +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('sorts "<count> <reason>" as strings, as Go sort.Strings does', () => {
    expect(reasonHistogram([...Array(10).fill('b'), 'a', 'a'])).toBe('10 b, 2 a');
    expect(reasonHistogram(['Too many pods', 'Insufficient cpu'])).toBe(
      '1 Insufficient cpu, 1 Too many pods',
    );
  });

  it('reports preemptionPolicy: Never', () => {
    const pod = makePod('web-1', undefined, { preemptionPolicy: 'Never' });
    expect(failedSchedulingMessage(pod, 1, [failure('Unschedulable', 'Insufficient cpu')])).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('has its own message for a cluster without nodes', () => {
    const state = makeState([], [makePod('web-1')]);
    expect(scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, noRandom).message).toBe(
      'no nodes available to schedule pods',
    );
  });
});
