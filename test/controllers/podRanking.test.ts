import { describe, expect, it } from 'vitest';
import { rankForDeletion } from '../../src/controllers/podRanking';
import type { Pod } from '../../src/model/objects';
import { pod } from './fixtures';

// K pkg/controller/controller_utils.go ActivePodsWithRanks.Less: earlier = deleted first.
// Each row differs in one criterion; the pod to delete first is listed last in the input.
describe('rankForDeletion', () => {
  it.each<{ name: string; input: { pods: Pod[]; siblings?: Pod[] }; want: string[] }>([
    {
      name: '1. unassigned before assigned',
      input: { pods: [pod('a', { nodeName: 'node-1', phase: 'Pending' }), pod('b', { phase: 'Pending' })] },
      want: ['b', 'a'],
    },
    {
      name: '2. Pending before Running',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', phase: 'Running' }),
          pod('b', { nodeName: 'node-1', phase: 'Pending' }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '2. Unknown before Running',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', phase: 'Running' }),
          pod('b', { nodeName: 'node-1', phase: 'Unknown' }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '2. Pending before Unknown',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', phase: 'Unknown' }),
          pod('b', { nodeName: 'node-1', phase: 'Pending' }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '3. not ready before ready',
      input: {
        pods: [pod('a', { nodeName: 'node-1', ready: true }), pod('b', { nodeName: 'node-1', ready: false })],
      },
      want: ['b', 'a'],
    },
    {
      name: '3. no Ready condition counts as not ready',
      input: { pods: [pod('a', { nodeName: 'node-1', ready: true }), pod('b', { nodeName: 'node-1' })] },
      want: ['b', 'a'],
    },
    {
      name: '4. lower pod-deletion-cost first',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', deletionCost: 10 }),
          pod('b', { nodeName: 'node-1', deletionCost: -5 }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '4. no annotation counts as cost 0',
      input: { pods: [pod('a', { nodeName: 'node-1', deletionCost: 1 }), pod('b', { nodeName: 'node-1' })] },
      want: ['b', 'a'],
    },
    {
      name: '5. more active siblings on the same node first',
      input: {
        pods: [pod('a', { nodeName: 'node-1' }), pod('b', { nodeName: 'node-2' })],
        siblings: [
          pod('a', { nodeName: 'node-1' }),
          pod('b', { nodeName: 'node-2' }),
          pod('c', { nodeName: 'node-2' }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '6. ready for a shorter time first',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', ready: true, readySince: 100 }),
          pod('b', { nodeName: 'node-1', ready: true, readySince: 500 }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: '7. more restarts first',
      input: {
        pods: [pod('a', { nodeName: 'node-1', restarts: 0 }), pod('b', { nodeName: 'node-1', restarts: 3 })],
      },
      want: ['b', 'a'],
    },
    {
      name: '8. newer before older',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', createdAt: 100 }),
          pod('b', { nodeName: 'node-1', createdAt: 200 }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: 'all equal: by name',
      input: { pods: [pod('b', { nodeName: 'node-1' }), pod('a', { nodeName: 'node-1' })] },
      want: ['a', 'b'],
    },
    {
      name: 'phase outranks deletion cost',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', phase: 'Running', deletionCost: -100 }),
          pod('b', { nodeName: 'node-1', phase: 'Pending', deletionCost: 100 }),
        ],
      },
      want: ['b', 'a'],
    },
    {
      name: 'readiness outranks restarts',
      input: {
        pods: [
          pod('a', { nodeName: 'node-1', ready: false, restarts: 0 }),
          pod('b', { nodeName: 'node-1', ready: true, restarts: 9 }),
        ],
      },
      want: ['a', 'b'],
    },
    {
      name: 'deletion cost outranks siblings',
      input: {
        pods: [pod('a', { nodeName: 'node-1', deletionCost: 5 }), pod('b', { nodeName: 'node-2' })],
        siblings: [
          pod('a', { nodeName: 'node-1' }),
          pod('x', { nodeName: 'node-1' }),
          pod('b', { nodeName: 'node-2' }),
        ],
      },
      want: ['b', 'a'],
    },
  ])('$name', ({ input, want }) => {
    const before = structuredClone(input.pods);
    const ranked = rankForDeletion(input.pods, input.siblings ?? input.pods);
    expect(ranked.map((p) => p.metadata.name)).toEqual(want);
    expect(input.pods).toEqual(before);
  });

  it('a full ranking of five pods', () => {
    const pods = [
      pod('old-ready', { nodeName: 'node-1', ready: true, readySince: 10, createdAt: 0 }),
      pod('new-ready', { nodeName: 'node-1', ready: true, readySince: 90, createdAt: 50 }),
      pod('unready', { nodeName: 'node-1', ready: false }),
      pod('pending', { nodeName: 'node-1', phase: 'Pending' }),
      pod('unbound', { phase: 'Pending' }),
    ];
    expect(rankForDeletion(pods, pods).map((p) => p.metadata.name)).toEqual([
      'unbound',
      'pending',
      'unready',
      'new-ready',
      'old-ready',
    ]);
  });
});
