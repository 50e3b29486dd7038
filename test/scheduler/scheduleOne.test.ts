import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../src/engine/rng';
import { DEFAULT_PROFILE } from '../../src/scheduler/profile';
import { scheduleOne, selectHost, selectTop } from '../../src/scheduler/scheduleOne';
import { buildNodeInfos } from '../../src/scheduler/nodeInfo';
import { makeNode, makePod, makeState, runningPod } from './fixtures';

const size = { cpu: '2', memory: '4Gi' };

function seeded(seed: number): () => number {
  const rng = new Rng(seedState(seed));
  return () => rng.next();
}

describe('scheduleOne', () => {
  it('records every node: filters in order up to the first failure, scores and totals of feasible ones', () => {
    const state = makeState(
      [
        makeNode('node-a', size, { unschedulable: true }),
        makeNode('node-b', size),
        makeNode('node-c', size, { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
      ],
      [
        runningPod('busy', 'node-b', { cpu: '1', memory: '1Gi' }),
        makePod('web-1', { cpu: '500m', memory: '1Gi' }),
      ],
      { time: 4200 },
    );
    const result = scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, seeded(1));
    expect(result).toEqual({
      pod: 'default/web-1',
      time: 4200,
      selected: 'node-b', // TaintToleration's weight 3 outweighs node-c's free resources
      nodes: [
        {
          name: 'node-a',
          feasible: false,
          filters: [
            {
              plugin: 'NodeUnschedulable',
              code: 'UnschedulableAndUnresolvable',
              reason: 'node(s) were unschedulable',
            },
          ],
          scores: {},
          total: 0,
        },
        {
          name: 'node-b',
          feasible: true,
          filters: [
            { plugin: 'NodeUnschedulable', code: 'Success' },
            { plugin: 'NodeName', code: 'Success' },
            { plugin: 'TaintToleration', code: 'Success' },
            { plugin: 'NodeAffinity', code: 'Skip' },
            { plugin: 'NodePorts', code: 'Skip' },
            { plugin: 'NodeResourcesFit', code: 'Success' },
            { plugin: 'PodTopologySpread', code: 'Skip' },
            { plugin: 'InterPodAffinity', code: 'Skip' },
          ],
          // TaintToleration: no PreferNoSchedule taint -> 100 (x3). NodeAffinity skipped (no preferred terms).
          // Fit: cpu (2000-1500)*100/2000 = 25, memory (4Gi-2Gi) -> 50: 37. Balanced: 0.75 vs 0.5 -> 87.
          scores: {
            TaintToleration: 100,
            NodeResourcesFit: 37,
            NodeResourcesBalancedAllocation: 87,
            ImageLocality: 0,
          },
          total: 300 + 37 + 87,
        },
        {
          name: 'node-c',
          feasible: true,
          filters: [
            { plugin: 'NodeUnschedulable', code: 'Success' },
            { plugin: 'NodeName', code: 'Success' },
            { plugin: 'TaintToleration', code: 'Success' },
            { plugin: 'NodeAffinity', code: 'Skip' },
            { plugin: 'NodePorts', code: 'Skip' },
            { plugin: 'NodeResourcesFit', code: 'Success' },
            { plugin: 'PodTopologySpread', code: 'Skip' },
            { plugin: 'InterPodAffinity', code: 'Skip' },
          ],
          // One untolerated PreferNoSchedule taint, the max: 0. Fit: cpu 75, memory 75. Balanced: 0.25 vs 0.25 -> 100.
          scores: {
            TaintToleration: 0,
            NodeResourcesFit: 75,
            NodeResourcesBalancedAllocation: 100,
            ImageLocality: 0,
          },
          total: 0 + 75 + 100,
        },
      ],
    });
  });

  it('skips scoring when only one node is feasible', () => {
    const state = makeState(
      [makeNode('node-1', size), makeNode('node-2', { cpu: '100m', memory: '4Gi' })],
      [makePod('web-1', { cpu: '1' })],
    );
    const result = scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, () => {
      throw new Error('no randomness expected');
    });
    expect(result.selected).toBe('node-1');
    expect(result.nodes.map((n) => [n.name, n.feasible, n.scores, n.total])).toEqual([
      ['node-1', true, {}, 0],
      ['node-2', false, {}, 0],
    ]);
  });

  it('counts terminating pods on their node but not finished ones', () => {
    const state = makeState(
      [makeNode('node-1', { cpu: '1', memory: '1Gi' })],
      [
        runningPod('leaving', 'node-1', { cpu: '600m' }, { deletionTimestamp: 0 }),
        runningPod('done', 'node-1', { cpu: '600m' }, { phase: 'Succeeded' }),
        runningPod('failed', 'node-1', { cpu: '600m' }, { phase: 'Failed' }),
      ],
    );
    const [info] = buildNodeInfos(state);
    expect(info?.pods.map((p) => p.metadata.name)).toEqual(['leaving']);
    expect(info?.requested).toEqual({ cpu: 600 });
    expect(info?.nonZeroRequested).toEqual({ cpu: 600, memory: 200 * 1024 * 1024 });
  });

  it('breaks ties with the seeded generator: same seed, same node; other seeds, other nodes', () => {
    const nodes = ['node-1', 'node-2', 'node-3', 'node-4'].map((n) => makeNode(n, size));
    const state = makeState(nodes, [makePod('web-1', { cpu: '100m', memory: '128Mi' })]);
    const pick = (seed: number) =>
      scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, seeded(seed)).selected;
    const totals = scheduleOne(state, 'default/web-1', DEFAULT_PROFILE, seeded(7)).nodes.map((n) => n.total);
    expect(new Set(totals).size).toBe(1); // a four-way tie
    expect(pick(7)).toBe(pick(7));
    const picked = new Set(Array.from({ length: 40 }, (_, seed) => pick(seed)));
    expect(picked).toEqual(new Set(['node-1', 'node-2', 'node-3', 'node-4']));
  });
});

describe('selectHost', () => {
  const candidates = [
    { name: 'a', total: 5 },
    { name: 'b', total: 9 },
    { name: 'c', total: 9 },
    { name: 'd', total: 1 },
    { name: 'e', total: 9 },
  ];
  it('takes the k-th top node in evaluation order, k drawn uniformly', () => {
    expect(selectHost(candidates, () => 0)).toBe('b');
    expect(selectHost(candidates, () => 0.5)).toBe('c');
    expect(selectHost(candidates, () => 0.99)).toBe('e');
  });
  it('draws once when the top total is tied, never for ties below it', () => {
    let draws = 0;
    selectHost(candidates, () => (draws++, 0.5));
    expect(draws).toBe(1);
    const lowTies = [5, 5, 3, 3, 9].map((total, i) => ({ name: `n${i}`, total }));
    expect(selectHost(lowTies, () => (draws++, 0))).toBe('n4');
    expect(draws).toBe(1);
    expect(selectHost([{ name: 'x', total: 3 }], () => 0)).toBe('x');
    expect(selectHost([], () => 0)).toBeNull();
  });
  it('picks each of three tied nodes about a third of the time', () => {
    const next = seeded(42);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    const tied = ['a', 'b', 'c'].map((name) => ({ name, total: 1 }));
    for (let i = 0; i < 3000; i++) counts[selectHost(tied, next) as string]! += 1;
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(900);
  });
});

describe('selectTop', () => {
  // Byte score lists take branch-free loops when the weights are integers; whatever the path, the
  // choice must be selectHost's over the weighted totals, with the same draws.
  it('chooses as selectHost over the weighted totals, with the same draws', () => {
    const next = seeded(7);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(next() * 40);
      const spread = 1 + Math.floor(next() * 4);
      const bytes = () => Uint8Array.from({ length: count }, () => 97 + Math.floor(next() * spread));
      const weights = [
        [1, 1],
        [3, 2],
        [0.5, 2],
        [100, 7],
      ][trial % 4] as [number, number];
      // One to four lists: the fused passes for up to three, the general sum for more.
      const lists = 1 + ((trial % 7) % 4);
      const counted = Array.from({ length: lists }, (_, l) => ({
        name: String.fromCharCode(65 + l),
        weight: weights[l % 2] as number,
        scores: bytes(),
      }));
      const candidates = Array.from({ length: count }, (_, k) => ({
        name: String(k),
        total: counted.reduce((sum, c) => sum + (c.scores[k] as number) * c.weight, 0),
      }));
      const draws: number[] = Array.from({ length: 3 }, () => next());
      let used = 0;
      const fromList = () => draws[used++] as number;
      const buffers = {
        ties: new Int32Array(count),
        totals: new Float64Array(count),
        zeros: new Uint8Array(count),
      };
      const got = selectTop(count, counted, buffers, fromList);
      const gotDraws = used;
      used = 0;
      expect(String(got)).toBe(selectHost(candidates, fromList));
      expect(gotDraws).toBe(used);
    }
  });
  it('chooses nothing, without a draw, when no total is a number', () => {
    let draws = 0;
    const scores = Uint8Array.from([1, 2, 3]);
    const buffers = {
      ties: Int32Array.from([7, 7, 7]),
      totals: new Float64Array(3),
      zeros: new Uint8Array(3),
    };
    const counted = [
      { name: 'A', weight: NaN, scores },
      { name: 'B', weight: 1, scores },
    ];
    expect(selectTop(3, counted, buffers, () => (draws++, 0))).toBe(-1);
    expect(selectTop(3, [...counted, counted[1]!], buffers, () => (draws++, 0))).toBe(-1);
    expect(draws).toBe(0);
  });
});
