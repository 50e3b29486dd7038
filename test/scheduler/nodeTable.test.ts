/**
 * The node table (src/scheduler/nodeTable.ts) is a column view of NodeInfos: after any sequence of
 * `set(i, info)` it must hold exactly what a table built from scratch on the final NodeInfos holds,
 * whether a column was first asked for before the updates or after them. Also the table-side
 * resource amounts (tableAmounts) against allocatableAndRequested, and balancedAllocationScore
 * against the formula it documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../../src/model/objects';
import type { ResourceList } from '../../src/model/quantity';
import type { NodeInfo } from '../../src/scheduler/framework';
import { makeNodeInfo, withPod } from '../../src/scheduler/nodeInfo';
import { NodeTable, tableFor } from '../../src/scheduler/nodeTable';
import { Memo } from '../../src/model/memo';
import {
  allocatableAndRequested,
  balancedAllocationScore,
  type ResourceSpec,
  tableAmounts,
} from '../../src/scheduler/plugins/resourceAllocation';
import { makeNode, resources, runningPod } from './fixtures';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const GPU = 'example.com/gpu';
const FPGA = 'example.com/fpga';
const EPH = 'ephemeral-storage';
const HUGE = 'hugepages-2Mi';

/** Every resource and label key the comparisons read (some of which no node or pod has). */
const RESOURCES = ['cpu', 'memory', 'pods', EPH, GPU, FPGA, HUGE, 'nobody-has-this'];
const LABELS = [HOST, ZONE, 'disk', 'absent'];

// ---------------------------------------------------------------------------------------------
// Nodes and pods from small descriptions.

interface NodeDesc {
  cpu: string;
  memory: string;
  pods: number | undefined;
  gpu: number | undefined;
  eph: string | undefined;
  huge: string | undefined;
  cordoned: boolean;
  taints: Taint[];
  zone: string | undefined;
  disk: string | undefined;
}

const TAINTS: readonly Taint[] = [
  { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
  { key: 'maintenance', effect: 'NoExecute' },
  { key: 'spot', effect: 'PreferNoSchedule' },
  { key: 'noisy', value: 'yes', effect: 'PreferNoSchedule' },
];

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const nodeDescArb: fc.Arbitrary<NodeDesc> = fc.record({
  cpu: fc.constantFrom('0', '250m', '1', '4', '16'),
  memory: fc.constantFrom('0', '1Gi', '4Gi', '64Gi'),
  pods: opt(fc.integer({ min: 0, max: 8 })),
  gpu: opt(fc.integer({ min: 0, max: 4 })),
  eph: opt(fc.constantFrom('1Gi', '20Gi')),
  huge: opt(fc.constantFrom('0', '1Gi')),
  cordoned: fc.boolean(),
  taints: fc.subarray([...TAINTS], { maxLength: 3 }),
  zone: opt(fc.constantFrom('z0', 'z1', 'z2')),
  disk: opt(fc.constantFrom('ssd', 'hdd')),
});

type PodDesc = Record<string, string> | undefined;

const podDescArb: fc.Arbitrary<PodDesc> = fc.option(
  fc.record(
    {
      cpu: fc.constantFrom('0', '100m', '250m', '1'),
      memory: fc.constantFrom('64Mi', '1Gi'),
      [GPU]: fc.constantFrom('1', '2'),
      [EPH]: fc.constantFrom('100Mi', '1Gi'),
      [HUGE]: fc.constantFrom('2Mi', '64Mi'),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const nodeName = (i: number) => `node-${i}`;

function buildNode(d: NodeDesc, i: number): Node {
  const capacity: Record<string, string> = { cpu: d.cpu, memory: d.memory };
  if (d.pods !== undefined) capacity.pods = String(d.pods);
  if (d.gpu !== undefined) capacity[GPU] = String(d.gpu);
  if (d.eph !== undefined) capacity[EPH] = d.eph;
  if (d.huge !== undefined) capacity[HUGE] = d.huge;
  const labels: Record<string, string> = {};
  if (d.zone !== undefined) labels[ZONE] = d.zone;
  if (d.disk !== undefined) labels.disk = d.disk;
  return makeNode(nodeName(i), capacity, {
    labels,
    ...(d.taints.length > 0 ? { taints: d.taints } : {}),
    ...(d.cordoned ? { unschedulable: true } : {}),
  });
}

let podSeq = 0;
const buildPods = (descs: readonly PodDesc[], node: string): Pod[] =>
  descs.map((r) => runningPod(`p${podSeq++}`, node, r));

/** Every column of a table as plain arrays, each asked for in `order`. */
function columns(table: NodeTable, order: { resources: string[]; labels: string[] }) {
  const out: Record<string, unknown> = {
    names: [...table.names],
    size: table.size,
    podCount: Array.from(table.podCount),
    unschedulable: Array.from(table.unschedulable),
    hard: table.names.map((_, i) => table.hasHardTaints(i)),
    soft: table.names.map((_, i) => table.hasSoftTaints(i)),
    softTainted: table.softTainted,
    hardTainted: table.hardTainted,
    cordoned: table.cordoned,
    podRoom: ranges(table.size, (lo, hi) => table.minPodRoom(lo, hi)),
  };
  for (const r of order.resources) {
    const col = table.column(r);
    out[`alloc ${r}`] = Array.from(col.alloc);
    out[`requested ${r}`] = Array.from(col.requested);
    out[`nonZero ${r}`] = Array.from(col.nonZero);
    out[`free ${r}`] = ranges(table.size, (lo, hi) => table.minFree(r, lo, hi));
  }
  for (const key of order.labels) {
    out[`label ${key}`] = [...table.labelColumn(key)];
    out[`nodes by ${key}`] = Object.fromEntries([...table.nodesByLabel(key)].sort());
    // Ids differ by history; each node's id must name its current value.
    const { ids, values } = table.labelIds(key);
    out[`ids of ${key}`] = Array.from(ids, (id) => (id < 0 ? undefined : values[id]));
  }
  return out;
}

/** `min(lo, hi)` for every range [lo, hi) of `size` slots, empty ones included. */
function ranges(size: number, min: (lo: number, hi: number) => number): number[] {
  const out: number[] = [];
  for (let lo = 0; lo <= size; lo++) for (let hi = lo; hi <= size; hi++) out.push(min(lo, hi));
  return out;
}

/** The least of `values` over every range, as ranges() lists them. */
function rangeMinima(values: readonly number[]): number[] {
  return ranges(values.length, (lo, hi) => Math.min(...values.slice(lo, hi)));
}

/** What a fresh table on `infos` holds, from the NodeInfos directly (the columns' definition). */
function expectedColumns(infos: readonly NodeInfo[]) {
  const out: Record<string, unknown> = {
    names: infos.map((i) => i.name),
    size: infos.length,
    podCount: infos.map((i) => i.pods.length),
    unschedulable: infos.map((i) => (i.node.spec.unschedulable === true ? 1 : 0)),
    hard: infos.map((i) => (i.node.spec.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule')),
    soft: infos.map((i) => (i.node.spec.taints ?? []).some((t) => t.effect === 'PreferNoSchedule')),
    softTainted: infos.filter((i) => (i.node.spec.taints ?? []).some((t) => t.effect === 'PreferNoSchedule'))
      .length,
    hardTainted: infos.filter((i) => (i.node.spec.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule'))
      .length,
    cordoned: infos.filter((i) => i.node.spec.unschedulable === true).length,
    podRoom: rangeMinima(infos.map((i) => (i.allocatable.pods ?? 0) - i.pods.length)),
  };
  for (const r of RESOURCES) {
    out[`alloc ${r}`] = infos.map((i) => i.allocatable[r] ?? 0);
    out[`requested ${r}`] = infos.map((i) => i.requested[r] ?? 0);
    out[`nonZero ${r}`] = infos.map((i) =>
      r === 'cpu' || r === 'memory' ? (i.nonZeroRequested[r] ?? 0) : (i.requested[r] ?? 0),
    );
    out[`free ${r}`] = rangeMinima(infos.map((i) => (i.allocatable[r] ?? 0) - (i.requested[r] ?? 0)));
  }
  for (const key of LABELS) {
    const values = infos.map((i) => i.node.metadata.labels?.[key]);
    out[`label ${key}`] = values;
    const byValue: Record<string, number[]> = {};
    values.forEach((v, i) => {
      if (v !== undefined) (byValue[v] ??= []).push(i);
    });
    out[`nodes by ${key}`] = Object.fromEntries(Object.entries(byValue).sort());
    out[`ids of ${key}`] = values;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

type Update =
  | { kind: 'pods'; at: number; pods: PodDesc[] }
  | { kind: 'node'; at: number; node: NodeDesc }
  | { kind: 'both'; at: number; node: NodeDesc; pods: PodDesc[] }
  | { kind: 'same'; at: number }
  | { kind: 'rebuilt'; at: number };

const updateArb: fc.Arbitrary<Update> = fc.oneof(
  fc.record({
    kind: fc.constant('pods' as const),
    at: fc.nat(),
    pods: fc.array(podDescArb, { maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('node' as const), at: fc.nat(), node: nodeDescArb }),
  fc.record({
    kind: fc.constant('both' as const),
    at: fc.nat(),
    node: nodeDescArb,
    pods: fc.array(podDescArb, { maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('same' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rebuilt' as const), at: fc.nat() }),
);

describe('NodeTable.set', () => {
  it('leaves the table equal to one built on the final NodeInfos, columns asked for before or after', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nodeDescArb, fc.array(podDescArb, { maxLength: 4 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(updateArb, { maxLength: 25 }),
        fc.subarray(RESOURCES),
        fc.subarray(LABELS),
        (initial, updates, earlyResources, earlyLabels) => {
          const nodes = initial.map(([d], i) => buildNode(d, i));
          const pods = initial.map(([, p], i) => buildPods(p, nodeName(i)));
          const infos = nodes.map((n, i) => makeNodeInfo(n, pods[i] as Pod[]));
          const table = new NodeTable(infos);
          // Columns asked for before the updates are kept up to date by set(); the others are
          // built from the NodeInfos of the moment.
          columns(table, { resources: earlyResources, labels: earlyLabels });
          const changes: [number, NodeInfo, NodeInfo][] = [];
          table.onChange((i, before, after) => changes.push([i, before, after]));
          const expectedChanges: [number, NodeInfo, NodeInfo][] = [];
          for (const u of updates) {
            const i = u.at % nodes.length;
            const before = infos[i] as NodeInfo;
            let next: NodeInfo;
            switch (u.kind) {
              case 'pods': // same Node object, other pods
                next = makeNodeInfo(before.node, buildPods(u.pods, nodeName(i)));
                break;
              case 'node': // cordon, taints, labels, allocatable: a new Node, the same pods
                next = makeNodeInfo(buildNode(u.node, i), before.pods);
                break;
              case 'both':
                next = makeNodeInfo(buildNode(u.node, i), buildPods(u.pods, nodeName(i)));
                break;
              case 'same': // the very NodeInfo: nothing to do
                next = before;
                break;
              case 'rebuilt': // an equal NodeInfo, rebuilt (the engine's snapshot does this)
                next = makeNodeInfo(before.node, before.pods);
                break;
            }
            table.set(i, next);
            if (next !== before) expectedChanges.push([i, before, next]);
            infos[i] = next;
          }
          expect(table.infos).toEqual(infos);
          infos.forEach((info, i) => expect(table.infos[i]).toBe(info));
          expect(changes.length).toBe(expectedChanges.length);
          changes.forEach(([i, b, a], k) => {
            const [ei, eb, ea] = expectedChanges[k] as [number, NodeInfo, NodeInfo];
            expect(i).toBe(ei);
            expect(b).toBe(eb);
            expect(a).toBe(ea);
          });
          const all = { resources: RESOURCES, labels: LABELS };
          const fresh = new NodeTable(infos);
          const expected = expectedColumns(infos);
          expect(columns(fresh, all)).toEqual(expected);
          expect(columns(table, all)).toEqual(expected);
        },
      ),
      { seed: 7031, numRuns: 300 },
    );
  });

  it('tracks a cordon, a taint, a label and an allocatable change in columns already built', () => {
    const a = makeNode('a', { cpu: '2', memory: '4Gi' }, { labels: { [ZONE]: 'z0' } });
    const b = makeNode('b', { cpu: '4', memory: '8Gi', [GPU]: '2' });
    const busy = runningPod('busy', 'a', { cpu: '500m' });
    const table = new NodeTable([makeNodeInfo(a, [busy]), makeNodeInfo(b, [])]);
    const cpu = table.column('cpu');
    const gpu = table.column(GPU);
    const zone = table.labelColumn(ZONE);
    expect([...cpu.alloc, ...cpu.requested, ...cpu.nonZero]).toEqual([2000, 4000, 500, 0, 500, 0]);
    expect([table.unschedulable[0], table.hasHardTaints(0), table.hasSoftTaints(0)]).toEqual([
      0,
      false,
      false,
    ]);

    const a2 = makeNode(
      'a',
      { cpu: '3', memory: '4Gi', [GPU]: '1' },
      {
        unschedulable: true,
        taints: [{ key: 'spot', effect: 'PreferNoSchedule' }],
        labels: { [ZONE]: 'z1' },
      },
    );
    table.set(0, makeNodeInfo(a2, [busy, runningPod('best-effort', 'a')]));
    expect([...cpu.alloc]).toEqual([3000, 4000]);
    expect([...cpu.requested]).toEqual([500, 0]);
    expect([...cpu.nonZero]).toEqual([600, 0]); // the best-effort pod counts 100m for scoring
    expect([...gpu.alloc]).toEqual([1, 2]);
    expect([...table.podCount]).toEqual([2, 0]);
    expect([table.unschedulable[0], table.hasHardTaints(0), table.hasSoftTaints(0)]).toEqual([
      1,
      false,
      true,
    ]);
    expect(zone).toEqual(['z1', undefined]);

    const b2 = makeNode('b', { cpu: '4', memory: '8Gi' }, { taints: [{ key: 'k', effect: 'NoExecute' }] });
    table.set(1, makeNodeInfo(b2, []));
    expect([...gpu.alloc]).toEqual([1, 0]);
    expect([table.hasHardTaints(1), table.hasSoftTaints(1)]).toEqual([true, false]);
    expect(table.labelColumn(ZONE)).toBe(zone);
    expect(columns(table, { resources: RESOURCES, labels: LABELS })).toEqual(expectedColumns(table.infos));
  });

  it("throws on another node's NodeInfo and leaves the table as it was", () => {
    const a = makeNode('a', { cpu: '2', memory: '4Gi' });
    const b = makeNode('b', { cpu: '4', memory: '8Gi' }, { unschedulable: true });
    const infos = [makeNodeInfo(a, []), makeNodeInfo(b, [])];
    const table = new NodeTable(infos);
    table.column('cpu');
    expect(() => table.set(0, makeNodeInfo(b, [runningPod('x', 'b', { cpu: '1' })]))).toThrow(
      /NodeTable\.set/,
    );
    expect(() => table.set(1, infos[0] as NodeInfo)).toThrow(/node 1 is b, not a/);
    expect(table.infos[0]).toBe(infos[0]);
    expect(table.infos[1]).toBe(infos[1]);
    expect(columns(table, { resources: RESOURCES, labels: LABELS })).toEqual(expectedColumns(infos));
  });

  it('keeps its own copy of the list it was built from', () => {
    const infos = [makeNodeInfo(makeNode('a', { cpu: '1', memory: '1Gi' }), [])];
    const table = new NodeTable(infos);
    table.set(0, makeNodeInfo(makeNode('a', { cpu: '2', memory: '1Gi' }), []));
    expect(infos[0]?.allocatable.cpu).toBe(1000);
    expect(table.column('cpu').alloc[0]).toBe(2000);
  });
});

describe('tableFor', () => {
  const infos = [
    makeNodeInfo(makeNode('a', { cpu: '1', memory: '1Gi' }), []),
    makeNodeInfo(makeNode('b', { cpu: '2', memory: '2Gi' }), []),
  ];

  it('builds a table per call for a list that may change, one per frozen list', () => {
    const memo = new Memo();
    expect(tableFor(infos, memo)).not.toBe(tableFor(infos, memo));
    const frozen = Object.freeze([...infos]);
    expect(tableFor(frozen, memo)).toBe(tableFor(frozen, memo));
    expect(tableFor(frozen, new Memo())).not.toBe(tableFor(frozen, memo));
    expect(tableFor(Object.freeze([...infos]), memo)).not.toBe(tableFor(frozen, memo));
    expect(columns(tableFor(frozen, memo), { resources: RESOURCES, labels: LABELS })).toEqual(
      expectedColumns(infos),
    );
  });
});

// ---------------------------------------------------------------------------------------------

const specsArb: fc.Arbitrary<ResourceSpec[]> = fc
  .shuffledSubarray(['cpu', 'memory', EPH, GPU, FPGA, HUGE, 'pods', 'nobody-has-this'], { minLength: 0 })
  .chain((names) =>
    fc.tuple(...names.map((name) => fc.integer({ min: 1, max: 5 }).map((weight) => ({ name, weight })))),
  );

const podRequestArb: fc.Arbitrary<ResourceList> = fc
  .record(
    {
      cpu: fc.constantFrom('0', '50m', '1'),
      memory: fc.constantFrom('0', '100Mi', '2Gi'),
      [EPH]: fc.constantFrom('0', '1Gi'),
      [GPU]: fc.constantFrom('0', '1', '3'),
      [HUGE]: fc.constantFrom('2Mi'),
    },
    { requiredKeys: [] },
  )
  .map((r) => resources(r));

describe('tableAmounts', () => {
  it('gives the amounts allocatableAndRequested gives on each NodeInfo', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nodeDescArb, fc.array(podDescArb, { maxLength: 4 })), {
          minLength: 1,
          maxLength: 6,
        }),
        podRequestArb,
        specsArb,
        fc.boolean(),
        (nodes, podRequest, specs, useRequested) => {
          const infos = nodes.map(([d, p], i) => makeNodeInfo(buildNode(d, i), buildPods(p, nodeName(i))));
          const table = new NodeTable(infos);
          const amounts = tableAmounts(table, podRequest, specs, useRequested);
          // A reused buffer, longer than the resource list: the filler resizes it.
          const into = { allocatable: [7, 7, 7, 7, 7, 7, 7, 7, 7], requested: [7, 7, 7, 7, 7, 7, 7, 7, 7] };
          infos.forEach((info, i) => {
            amounts(i, into);
            const expected = allocatableAndRequested(info, podRequest, specs, useRequested);
            expect(into).toEqual(expected);
            expect(into.allocatable).toHaveLength(specs.length);
          });
        },
      ),
      { seed: 1207, numRuns: 300 },
    );
  });

  it('leaves out a scalar resource the pod does not request, and uses non-zero requests unless told not to', () => {
    const node = makeNode('a', { cpu: '2', memory: '4Gi', [GPU]: '4', [EPH]: '10Gi' });
    const info = makeNodeInfo(node, [runningPod('best-effort', 'a'), runningPod('gpu', 'a', { [GPU]: '1' })]);
    const table = new NodeTable([info]);
    const specs: ResourceSpec[] = [
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: GPU, weight: 1 },
      { name: EPH, weight: 1 },
    ];
    const into = { allocatable: [] as number[], requested: [] as number[] };
    const pod = resources({ cpu: '100m', [EPH]: '1Gi' });
    tableAmounts(table, pod, specs, false)(0, into);
    // Non-zero: the two pods count 100m and 200Mi each; the GPU is left out (the pod asks none).
    expect(into).toEqual({
      allocatable: [2000, 4 * 2 ** 30, 0, 10 * 2 ** 30],
      requested: [300, 400 * 2 ** 20, 0, 2 ** 30],
    });
    tableAmounts(table, pod, specs, true)(0, into);
    expect(into).toEqual({
      allocatable: [2000, 4 * 2 ** 30, 0, 10 * 2 ** 30],
      requested: [100, 0, 0, 2 ** 30],
    });
    tableAmounts(table, resources({ [GPU]: '2' }), specs, true)(0, into);
    expect(into.allocatable[2]).toBe(4);
    expect(into.requested[2]).toBe(3);
    expect(into).toEqual(allocatableAndRequested(info, resources({ [GPU]: '2' }), specs, true));
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * NodeResourcesBalancedAllocation as documented (K balancedResourceScorer): f_i = min(req_i /
 * alloc_i, 1) over the resources with allocatable > 0; std = |f1 - f2| / 2 with two of them, the
 * population standard deviation with more, 0 with fewer; score = trunc((1 - std) x 100).
 */
function referenceBalanced(requested: readonly number[], allocatable: readonly number[]): number {
  const f: number[] = [];
  requested.forEach((r, i) => {
    const a = allocatable[i] ?? 0;
    if (a !== 0) f.push(Math.min(r / a, 1));
  });
  let std = 0;
  if (f.length === 2) std = Math.abs((f[0] as number) - (f[1] as number)) / 2;
  else if (f.length > 2) {
    let sum = 0;
    for (const x of f) sum += x;
    const mean = sum / f.length;
    let squares = 0;
    for (const x of f) squares += (x - mean) * (x - mean);
    std = Math.sqrt(squares / f.length);
  }
  return Math.trunc((1 - std) * 100);
}

describe('balancedAllocationScore', () => {
  it.each([
    ['no resource with allocatable', [5, 7], [0, 0], 100],
    ['one resource', [3], [4], 100],
    ['one resource over capacity', [9], [4], 100],
    ['two: 0.5 and 0.25', [500, 1], [1000, 4], 87],
    ['two, one over capacity (capped at 1)', [3000, 0], [1000, 8], 50],
    ['two equal', [1, 2], [2, 4], 100],
    ['zero allocatable left out', [500, 5, 1], [1000, 0, 4], 87],
    ['three: 0, 0.5, 1', [0, 1, 2], [4, 2, 2], 59],
    ['four: 0.2, 0.4, 0.6, 0.8', [2, 4, 6, 8], [10, 10, 10, 10], 77],
    ['three, one capped: 1, 1, 0.25', [5, 4, 1], [4, 4, 4], 64],
  ])('%s', (_, requested, allocatable, expected) => {
    expect(referenceBalanced(requested, allocatable)).toBe(expected);
    expect(balancedAllocationScore(requested, allocatable)).toBe(expected);
  });

  it('follows the formula on random amounts (1 to 6 resources)', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 4000 }),
      fc.integer({ min: 0, max: 64 * 2 ** 30 }),
      fc.constantFrom(0, 1, 3, 7, 1000),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(amount, fc.oneof(fc.constant(0), amount)), { minLength: 1, maxLength: 6 }),
        (pairs) => {
          const requested = pairs.map(([r]) => r);
          const allocatable = pairs.map(([, a]) => a);
          expect(balancedAllocationScore(requested, allocatable)).toBe(
            referenceBalanced(requested, allocatable),
          );
        },
      ),
      { seed: 4242, numRuns: 1000 },
    );
  });
});

describe('withPod', () => {
  it('equals makeNodeInfo with the pod appended, sums and their key order included', () => {
    const node = makeNode('n1', { cpu: '4', memory: '8Gi', 'example.com/gpu': '2' });
    const pods = [
      runningPod('a', 'n1', { cpu: '500m' }),
      runningPod('b', 'n1', {}),
      runningPod('c', 'n1', { memory: '1Gi', 'example.com/gpu': '1' }),
      runningPod('d', 'n1', { cpu: '250m', 'ephemeral-storage': '1Gi' }),
    ];
    let info = makeNodeInfo(node, []);
    for (let k = 0; k < pods.length; k++) {
      info = withPod(info, pods[k] as Pod);
      const fresh = makeNodeInfo(node, pods.slice(0, k + 1));
      expect(info).toEqual(fresh);
      expect(Object.keys(info.requested)).toEqual(Object.keys(fresh.requested));
      expect(Object.keys(info.nonZeroRequested)).toEqual(Object.keys(fresh.nonZeroRequested));
    }
  });
});
