import { describe, expect, it } from 'vitest';
import { prioritySort } from '../../src/scheduler/controller';
import { FLUSH_KEY } from '../../src/scheduler/events';
import { makeNode, makePod, makeState } from './fixtures';

describe('prioritySort (K queuesort PrioritySort.Less)', () => {
  const withPriority = (name: string, priority: number, created: number) => {
    const pod = makePod(name, { cpu: '100m' });
    pod.spec.priority = priority;
    pod.metadata.creationTimestamp = created;
    return pod;
  };
  const state = makeState(
    [makeNode('n', { cpu: '1', memory: '1Gi' })],
    [
      withPriority('low', 0, 0),
      withPriority('high', 1000, 5),
      withPriority('mid-old', 10, 1),
      withPriority('mid-new', 10, 3),
    ],
  );

  it('puts higher priority first, then the earlier pod', () => {
    expect(
      prioritySort(state, ['default/low', 'default/mid-new', 'default/high', 'default/mid-old']),
    ).toEqual(['default/high', 'default/mid-old', 'default/mid-new', 'default/low']);
  });

  it('keeps non-pod keys in their places and unknown pods where they were', () => {
    expect(prioritySort(state, [FLUSH_KEY, 'default/low', 'default/gone', 'default/high'])).toEqual([
      FLUSH_KEY,
      'default/high',
      'default/gone',
      'default/low',
    ]);
  });
});
