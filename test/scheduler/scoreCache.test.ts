/**
 * The resource scores' per-node caches (src/scheduler/scoreCache.ts) must never change a score:
 * after any sequence of binds and node changes, the bytes a plugin's scoreBytes writes through its
 * cache equal its NodeInfo `score` on every node scored, whether the shape was seen before, the
 * table changed more than it remembers since, or the walk ran on, wrapped around or skipped nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/model/objects';
import type { NodeInfo, ScorePlugin } from '../../src/scheduler/framework';
import { makeNodeInfo, withPod } from '../../src/scheduler/nodeInfo';
import { NodeTable } from '../../src/scheduler/nodeTable';
import { makeNodeResourcesBalancedAllocation } from '../../src/scheduler/plugins/nodeResourcesBalancedAllocation';
import { makeNodeResourcesFitScore } from '../../src/scheduler/plugins/nodeResourcesFit';
import type { ResourceSpec } from '../../src/scheduler/plugins/resourceAllocation';
import { makeCycle } from '../../src/scheduler/scheduleOne';
import { MAX_SCORE_CACHES, scoreCacheCount } from '../../src/scheduler/scoreCache';
import { makeNode, makePod, makeState } from './fixtures';

const GPU = 'example.com/gpu';
const TWO: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 3 },
  { name: 'memory', weight: 1 },
];
const THREE: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 2 },
  { name: GPU, weight: 5 },
];

/** Every plugin with a cached byte score, in the resource lists that take each code path. */
const PLUGINS: readonly ScorePlugin[] = [
  makeNodeResourcesFitScore({ type: 'LeastAllocated', resources: TWO }),
  makeNodeResourcesFitScore({ type: 'MostAllocated', resources: TWO }),
  makeNodeResourcesFitScore({ type: 'LeastAllocated', resources: THREE }),
  makeNodeResourcesFitScore({ type: 'MostAllocated', resources: THREE }),
  makeNodeResourcesBalancedAllocation(TWO),
  makeNodeResourcesBalancedAllocation(THREE),
];

const CAPACITIES: readonly Record<string, string>[] = [
  { cpu: '4', memory: '8Gi' },
  { cpu: '2', memory: '16Gi', [GPU]: '2' },
  { cpu: '0', memory: '1Gi' },
  { cpu: '16', memory: '0' },
];

/** Pod shapes: a few, so they recur; some ask for nothing (the non-zero defaults) or for a GPU. */
const SHAPES: readonly (Record<string, string> | undefined)[] = [
  { cpu: '500m', memory: '1Gi' },
  { cpu: '1', memory: '256Mi' },
  { cpu: '100m', memory: '2Gi', [GPU]: '1' },
  { memory: '512Mi' },
  undefined,
];

function node(i: number, capacity: number): Node {
  return makeNode(`node-${i}`, CAPACITIES[capacity] as Record<string, string>);
}

let seq = 0;
const pod = (shape: number): Pod => makePod(`p${seq++}`, SHAPES[shape]);

type Op =
  | { kind: 'bind'; at: number; shape: number }
  | { kind: 'node'; at: number; capacity: number }
  | { kind: 'score'; shape: number; start: number; count: number; holes: number };

// Scores of a shape scored before, with binds between, are the cases that read a cache.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('bind' as const),
      at: fc.nat(),
      shape: fc.nat(SHAPES.length - 1),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('node' as const),
      at: fc.nat(),
      capacity: fc.nat(CAPACITIES.length - 1),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('score' as const),
      shape: fc.oneof(fc.constantFrom(0, 2), fc.nat(SHAPES.length - 1)),
      start: fc.nat(),
      count: fc.nat(),
      holes: fc.oneof(fc.constant(0), fc.nat()),
    }),
    weight: 4,
  },
);

/** The nodes a walk from `start` visits (wrapping), less those whose bit is set in `holes`. */
function walk(size: number, start: number, count: number, holes: number): Int32Array {
  const idx: number[] = [];
  for (let k = 0; k < count; k++) if (((holes >> k) & 1) === 0) idx.push((start + k) % size);
  return Int32Array.from(idx);
}

describe('score caches', () => {
  it('give the NodeInfo scores after any binds and node changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(CAPACITIES.length - 1), { minLength: 1, maxLength: 9 }),
        fc.array(opArb, { minLength: 10, maxLength: 80 }),
        (capacities, ops) => {
          const infos = capacities.map((c, i) => makeNodeInfo(node(i, c), []));
          const table = new NodeTable(infos);
          const state = makeState([]);
          for (const op of ops) {
            const at = op.kind === 'score' ? 0 : op.at % table.size;
            if (op.kind === 'bind') table.set(at, withPod(table.infos[at] as NodeInfo, pod(op.shape)));
            else if (op.kind === 'node') {
              const before = table.infos[at] as NodeInfo;
              table.set(at, makeNodeInfo(node(at, op.capacity), before.pods));
            } else {
              const p = pod(op.shape);
              const cycle = makeCycle(state, p, table.infos, table);
              const idx = walk(table.size, op.start % table.size, (op.count % table.size) + 1, op.holes);
              for (const plugin of PLUGINS) {
                const out = new Uint8Array(idx.length);
                plugin.scoreBytes?.(cycle, p, table, idx, idx.length, out);
                const expected = Array.from(idx, (i) => plugin.score(cycle, p, table.infos[i] as NodeInfo));
                expect(Array.from(out)).toEqual(expected);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // The scores of `plugins` for pods asking for `requests` in turn, on one node of one table.
  function scores(plugins: readonly ScorePlugin[], requests: readonly Record<string, string>[]) {
    const table = new NodeTable([makeNodeInfo(makeNode('n', { cpu: '4', memory: '1Gi' }), [])]);
    const state = makeState([]);
    const idx = Int32Array.from([0]);
    return requests.flatMap((r) => {
      const p = makePod(`p${seq++}`, r);
      const cycle = makeCycle(state, p, table.infos, table);
      return plugins.map((plugin) => {
        const out = new Uint8Array(1);
        plugin.scoreBytes?.(cycle, p, table, idx, 1, out);
        return out[0];
      });
    });
  }

  it('tell shapes apart by every amount and by the resource list, weights included', () => {
    const least = (cpu: number, memory: number) =>
      makeNodeResourcesFitScore({
        type: 'LeastAllocated',
        resources: [
          { name: 'cpu', weight: cpu },
          { name: 'memory', weight: memory },
        ],
      });
    // The same memory, cpu apart: (4 - 1) / 4 and (4 - 3) / 4 of 100, memory 50.
    const one = { cpu: '1', memory: '512Mi' };
    const three = { cpu: '3', memory: '512Mi' };
    expect(scores([least(1, 1)], [one, three, one, three, three, one])).toEqual([62, 37, 62, 37, 37, 62]);
    // Lists that differ only in weights, on one table: (75 x 3 + 50) / 4 and (75 + 50 x 3) / 4.
    expect(scores([least(3, 1), least(1, 3)], [one, one, one])).toEqual([68, 56, 68, 56, 68, 56]);
  });

  it('are bounded per table', () => {
    const table = new NodeTable([0, 1].map((i) => makeNodeInfo(node(i, 0), [])));
    const state = makeState([]);
    const idx = Int32Array.from([0, 1]);
    for (let m = 1; m <= 3 * MAX_SCORE_CACHES; m++) {
      const p = makePod(`p${seq++}`, { cpu: `${m}m`, memory: '1Gi' });
      for (const plugin of PLUGINS)
        plugin.scoreBytes?.(makeCycle(state, p, table.infos, table), p, table, idx, 2, new Uint8Array(2));
      expect(scoreCacheCount(table)).toBeLessThanOrEqual(MAX_SCORE_CACHES);
    }
    expect(scoreCacheCount(table)).toBeGreaterThan(0);
  });

  it('start over, still right, when more shapes are seen than they keep', () => {
    const table = new NodeTable([0, 1, 2, 3].map((i) => makeNodeInfo(node(i, 0), [])));
    const state = makeState([]);
    const plugin = PLUGINS[0] as ScorePlugin;
    const idx = Int32Array.from([0, 1, 2, 3]);
    for (let round = 0; round < 3; round++)
      for (let m = 1; m <= MAX_SCORE_CACHES + 10; m++) {
        const p = makePod(`p${seq++}`, { cpu: `${m}m`, memory: `${m}Mi` });
        const cycle = makeCycle(state, p, table.infos, table);
        const out = new Uint8Array(4);
        plugin.scoreBytes?.(cycle, p, table, idx, 4, out);
        expect(Array.from(out)).toEqual(
          Array.from(idx, (i) => plugin.score(cycle, p, table.infos[i] as NodeInfo)),
        );
        table.set(m % 4, withPod(table.infos[m % 4] as NodeInfo, p));
      }
  });
});

describe('NodeTable.changedSince', () => {
  it('lists the refilled nodes in order, and gives up past what it remembers', () => {
    const infos = [0, 1, 2].map((i) => makeNodeInfo(node(i, 0), []));
    const table = new NodeTable(infos);
    expect(table.changes).toBe(0);
    const into = new Int32Array(3);
    for (const i of [1, 2, 1]) table.set(i, withPod(table.infos[i] as NodeInfo, pod(0)));
    expect(table.changes).toBe(3);
    expect(table.changedSince(0, into)).toBe(3);
    expect(Array.from(into)).toEqual([1, 2, 1]);
    expect(table.changedSince(2, into)).toBe(1);
    expect(into[0]).toBe(1);
    expect(table.changedSince(3, into)).toBe(0);
    // Setting the same NodeInfo again changes nothing.
    table.set(0, table.infos[0] as NodeInfo);
    expect(table.changes).toBe(3);
    table.set(0, withPod(table.infos[0] as NodeInfo, pod(0)));
    expect(table.changedSince(0, into)).toBe(-1);
    expect(table.changedSince(1, into)).toBe(3);
    expect(Array.from(into)).toEqual([2, 1, 0]);
  });
});
