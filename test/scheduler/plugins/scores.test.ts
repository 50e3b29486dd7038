import { describe, expect, it } from 'vitest';
import { normalizeNodeScores } from '../../../src/scheduler/framework';
import { normCycle } from '../normCycle';
import type { Node, Pod } from '../../../src/model/objects';
import {
  balancedAllocation,
  balancedAllocationScore,
  leastAllocated,
  leastAllocatedScore,
  leastRequestedScore,
  nodeAffinityScore,
  nodeResourcesBalancedAllocation,
  nodeResourcesFitScore,
  taintTolerationScore,
} from '../../../src/scheduler/plugins';
import { podNonZeroRequests, podRequests } from '../../../src/model/resources';
import { defaultNormalizeScore } from '../../../src/scheduler/normalizeScore';
import { makeCycle } from '../../../src/scheduler/scheduleOne';
import { makeNode, makePod, makeState, nodeInfo, runningPod } from '../fixtures';

const small = { cpu: '1', memory: '1Gi' };

describe('TaintToleration score', () => {
  it.each<{ name: string; pod: Pod; node: Node; want: number }>([
    { name: 'no taints', pod: makePod('p'), node: makeNode('n', small), want: 0 },
    {
      name: 'two untolerated PreferNoSchedule taints',
      pod: makePod('p'),
      node: makeNode('n', small, {
        taints: [
          { key: 'a', effect: 'PreferNoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
          { key: 'c', effect: 'NoSchedule' },
        ],
      }),
      want: 2,
    },
    {
      name: 'a toleration without effect tolerates PreferNoSchedule too',
      pod: makePod('p', undefined, { tolerations: [{ key: 'a', operator: 'Exists' }] }),
      node: makeNode('n', small, {
        taints: [
          { key: 'a', effect: 'PreferNoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
        ],
      }),
      want: 1,
    },
    {
      name: 'a NoSchedule toleration does not tolerate PreferNoSchedule',
      pod: makePod('p', undefined, { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }),
      node: makeNode('n', small, { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
      want: 1,
    },
  ])('$name', ({ pod, node, want }) => {
    const cycle = makeCycle(makeState([node], [pod]), pod);
    expect(taintTolerationScore.score(cycle, pod, nodeInfo(node))).toBe(want);
  });

  it('normalizes reversed: fewest untolerated taints scores 100', () => {
    expect(
      normalizeNodeScores(
        taintTolerationScore,
        [
          { name: 'a', score: 0 },
          { name: 'b', score: 1 },
          { name: 'c', score: 3 },
        ],
        normCycle(),
      ),
    ).toEqual([
      { name: 'a', score: 100 },
      { name: 'b', score: 67 }, // 100 - 100*1/3 (integer division: 33)
      { name: 'c', score: 0 },
    ]);
    expect(
      normalizeNodeScores(
        taintTolerationScore,
        [
          { name: 'a', score: 0 },
          { name: 'b', score: 0 },
        ],
        normCycle(),
      ),
    ).toEqual([
      { name: 'a', score: 100 },
      { name: 'b', score: 100 },
    ]);
  });
});

describe('NodeAffinity score', () => {
  const pod = makePod('p', undefined, {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 80, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
          {
            weight: 20,
            preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
          },
        ],
      },
    },
  });
  it.each<{ name: string; node: Node; want: number }>([
    { name: 'both terms', node: makeNode('n', small, { labels: { zone: 'a', disk: 'ssd' } }), want: 100 },
    { name: 'heavier term', node: makeNode('n', small, { labels: { zone: 'a' } }), want: 80 },
    { name: 'lighter term', node: makeNode('n', small, { labels: { disk: 'ssd' } }), want: 20 },
    { name: 'none', node: makeNode('n', small), want: 0 },
  ])('$name', ({ node, want }) => {
    const cycle = makeCycle(makeState([node], [pod]), pod);
    expect(nodeAffinityScore.score(cycle, pod, nodeInfo(node))).toBe(want);
  });

  it('normalizes 100*s/max and skips pods without preferred terms', () => {
    expect(
      normalizeNodeScores(
        nodeAffinityScore,
        [
          { name: 'a', score: 20 },
          { name: 'b', score: 30 },
        ],
        normCycle(),
      ),
    ).toEqual([
      { name: 'a', score: 66 },
      { name: 'b', score: 100 },
    ]);
    const plain = makePod('q');
    const state = makeState([], [plain]);
    expect(nodeAffinityScore.preScore?.(makeCycle(state, plain), plain, []).code).toBe('Skip');
    expect(nodeAffinityScore.preScore?.(makeCycle(state, pod), pod, []).code).toBe('Success');
  });
});

describe('defaultNormalizeScore', () => {
  it.each([
    { scores: [1, 2, 3], reverse: false, want: [33, 66, 100] },
    { scores: [1, 2, 3], reverse: true, want: [67, 34, 0] },
    { scores: [0, 0], reverse: false, want: [0, 0] },
    { scores: [0, 0], reverse: true, want: [100, 100] },
  ])('$scores reverse=$reverse -> $want', ({ scores, reverse, want }) => {
    const named = scores.map((score, i) => ({ name: `n${i}`, score }));
    expect(defaultNormalizeScore(named, reverse).map((s) => s.score)).toEqual(want);
  });
});

describe('LeastAllocated (NodeResourcesFit score)', () => {
  it.each([
    // From K least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes".
    { requested: [3000, 5000], allocatable: [4000, 10000], want: 37 }, // (25 + 50) / 2
    { requested: [3000, 5000], allocatable: [6000, 10000], want: 50 },
    { requested: [0, 0], allocatable: [4000, 10000], want: 100 },
    { requested: [5000, 5000], allocatable: [4000, 10000], want: 25 }, // over capacity scores 0
    { requested: [1000, 0], allocatable: [3000, 0], want: 66 }, // a resource the node lacks is left out
  ])('requested $requested of $allocatable -> $want', ({ requested, allocatable, want }) => {
    const resources = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ];
    expect(leastAllocatedScore(requested, allocatable, resources)).toBe(want);
  });

  it('weights resources', () => {
    // cpu 25 x 3 + memory 50 x 1 = 125, / 4 = 31
    expect(
      leastAllocatedScore(
        [3000, 5000],
        [4000, 10000],
        [
          { name: 'cpu', weight: 3 },
          { name: 'memory', weight: 1 },
        ],
      ),
    ).toBe(31);
    expect(leastRequestedScore(1, 3)).toBe(66);
    expect(leastRequestedScore(4, 3)).toBe(0);
    expect(leastRequestedScore(0, 0)).toBe(0);
  });

  it('counts 100m / 200Mi for pods without requests, on the node and for the incoming pod', () => {
    const node = makeNode('n', { cpu: '1', memory: '2000Mi' });
    const onNode = [runningPod('a', 'n')]; // counts as 100m, 200Mi
    const pod = makePod('p', { cpu: '300m' }); // memory defaults to 200Mi
    // cpu: (1000 - 400) * 100 / 1000 = 60; memory: (2000Mi - 400Mi) * 100 / 2000Mi = 80; (60 + 80) / 2 = 70
    expect(leastAllocated(podNonZeroRequests(pod), nodeInfo(node, onNode))).toBe(70);
    const cycle = makeCycle(makeState([node], [...onNode, pod]), pod);
    expect(nodeResourcesFitScore.score(cycle, pod, nodeInfo(node, onNode))).toBe(70);
  });

  it('keeps an explicit zero request at zero', () => {
    const node = makeNode('n', { cpu: '1', memory: '1000Mi' });
    const pod = makePod('p', { cpu: '0', memory: '0' });
    expect(leastAllocated(podNonZeroRequests(pod), nodeInfo(node))).toBe(100);
  });
});

describe('BalancedAllocation', () => {
  it.each([
    // From K balanced_allocation_test.go: 3000/4000 cpu and 5000/10000 memory: std 0.125 -> 87.
    { requested: [3000, 5000], allocatable: [4000, 10000], want: 87 },
    { requested: [3000, 5000], allocatable: [6000, 10000], want: 100 },
    { requested: [0, 0], allocatable: [4000, 10000], want: 100 },
    { requested: [8000, 0], allocatable: [4000, 10000], want: 50 }, // fractions capped at 1: |1 - 0| / 2
    { requested: [1000, 0], allocatable: [4000, 0], want: 100 }, // a single resource has no deviation
    // Three resources: fractions 0.5, 0.25, 0.75 -> population std sqrt(0.125/3) = 0.2041 -> 79.
    { requested: [2, 1, 3], allocatable: [4, 4, 4], want: 79 },
  ])('requested $requested of $allocatable -> $want', ({ requested, allocatable, want }) => {
    expect(balancedAllocationScore(requested, allocatable)).toBe(want);
  });

  it('uses real requests (no defaults) of the node and the pod', () => {
    const node = makeNode('n', { cpu: '4', memory: '10000' });
    const onNode = [runningPod('a', 'n', { cpu: '1', memory: '1000' }), runningPod('b', 'n')];
    const pod = makePod('p', { cpu: '2', memory: '4000' });
    // cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 -> 87 (pod b adds nothing)
    expect(balancedAllocation(podRequests(pod), nodeInfo(node, onNode))).toBe(87);
  });

  it('skips best-effort pods', () => {
    const state = makeState([]);
    const bestEffort = makePod('p');
    const burstable = makePod('q', { memory: '1Mi' });
    expect(
      nodeResourcesBalancedAllocation.preScore?.(makeCycle(state, bestEffort), bestEffort, []).code,
    ).toBe('Skip');
    expect(nodeResourcesBalancedAllocation.preScore?.(makeCycle(state, burstable), burstable, []).code).toBe(
      'Success',
    );
  });
});
