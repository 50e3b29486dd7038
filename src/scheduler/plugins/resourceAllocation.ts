/**
 * The resource scoring formulas shared by NodeResourcesFit and NodeResourcesBalancedAllocation
 * (K pkg/scheduler/framework/plugins/noderesources/resource_allocation.go, least_allocated.go,
 * balanced_allocation.go). Amounts are canonical integers (millicores, bytes), as Kubernetes
 * scores int64 MilliCPU and Memory.
 */
import type { ResourceList } from '../../model/quantity';
import { MAX_NODE_SCORE, type NodeInfo } from '../framework';
import type { NodeTable } from '../nodeTable';
import { cachedScores, scoreCacheFor } from '../scoreCache';

/** A resource and its weight in a scoring strategy (K config.ResourceSpec). */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** The default resources of both plugins: cpu and memory, weight 1 (K apis/config/v1/defaults.go). */
export const DEFAULT_SCORING_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * Whether Kubernetes tracks a resource as a scalar (K v1helper.IsScalarResourceName): extended
 * resources such as `nvidia.com/gpu`, hugepages and attachable volumes. Other unknown names are
 * ignored by the scheduler.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

/**
 * Allocatable and requested amounts per resource, the node's pods plus the incoming pod
 * (K resourceAllocationScorer.calculateResourceAllocatableRequest). `useRequested` picks the real
 * requests (BalancedAllocation); otherwise cpu and memory use the non-zero defaults (the Fit
 * strategies). A scalar resource the pod does not request, or one the node does not have, gives
 * allocatable 0, which the scorers skip.
 */
export function allocatableAndRequested(
  nodeInfo: NodeInfo,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  into: { allocatable: number[]; requested: number[] } = { allocatable: [], requested: [] },
): { allocatable: number[]; requested: number[] } {
  const { allocatable, requested } = into;
  if (allocatable.length !== resources.length) allocatable.length = resources.length;
  if (requested.length !== resources.length) requested.length = resources.length;
  const scalar = scalarFlags(resources);
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const pod = podRequest[name] ?? 0;
    const nonZero = !useRequested && (name === 'cpu' || name === 'memory');
    const onNode = (nonZero ? nodeInfo.nonZeroRequested[name] : nodeInfo.requested[name]) ?? 0;
    const alloc = scalar[i] === true && pod === 0 ? 0 : (nodeInfo.allocatable[name] ?? 0);
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : onNode + pod;
  }
  return into;
}

/** Fills `into` with the amounts of one node, by its index in a node table. */
export type TableAmounts = (i: number, into: { allocatable: number[]; requested: number[] }) => void;

/** The columns behind allocatableAndRequested for one cycle: per resource, what a node has and holds. */
interface AmountColumns {
  readonly allocs: readonly Float64Array[];
  /** Requested on the node (non-zero defaults for cpu and memory unless useRequested). */
  readonly onNodes: readonly Float64Array[];
  readonly pods: readonly number[];
  /** A scalar resource the pod does not request: allocatable counts as 0, so it is left out. */
  readonly absent: readonly boolean[];
}

/** Per table and resource list, the columns amountColumns reads (columns live as long as their table). */
const columnSets = new WeakMap<
  NodeTable,
  Map<
    readonly ResourceSpec[],
    { requested?: Float64Array[]; nonZero?: Float64Array[]; allocs: Float64Array[] }
  >
>();

/** What the pod asks per resource of the list, and which to leave out; reused by every call. */
const POD_AMOUNTS: { pods: number[]; absent: boolean[] } = { pods: [], absent: [] };

/**
 * The columns for `resources` and the pod's amounts. The arrays are shared: read them before the
 * next call (the per-cycle kernels do; tableAmounts copies what it keeps).
 */
function amountColumns(
  table: NodeTable,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): AmountColumns {
  const scalar = scalarFlags(resources);
  let byList = columnSets.get(table);
  if (byList === undefined) columnSets.set(table, (byList = new Map()));
  let set = byList.get(resources);
  if (set === undefined)
    byList.set(resources, (set = { allocs: resources.map((r) => table.column(r.name).alloc) }));
  const onNodes = useRequested
    ? (set.requested ??= resources.map((r) => table.column(r.name).requested))
    : (set.nonZero ??= resources.map((r) => {
        const col = table.column(r.name);
        return r.name === 'cpu' || r.name === 'memory' ? col.nonZero : col.requested;
      }));
  const { pods, absent } = POD_AMOUNTS;
  // Set only when it changes: setting an array's length is a call into the runtime.
  if (pods.length !== resources.length) pods.length = absent.length = resources.length;
  for (let r = 0; r < resources.length; r++) {
    const pod = podRequest[(resources[r] as ResourceSpec).name] ?? 0;
    pods[r] = pod;
    absent[r] = scalar[r] === true && pod === 0;
  }
  return { allocs: set.allocs, onNodes, pods, absent };
}

/**
 * allocatableAndRequested over a node table: resolves the columns once per cycle and returns the
 * per-node filler, which gives the same amounts as allocatableAndRequested on the node's NodeInfo.
 */
export function tableAmounts(
  table: NodeTable,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): TableAmounts {
  const columns = amountColumns(table, podRequest, resources, useRequested);
  const { allocs, onNodes } = columns;
  const pods = [...columns.pods];
  const absent = [...columns.absent];
  const n = resources.length;
  return (i, into) => {
    const { allocatable, requested } = into;
    if (allocatable.length !== n) allocatable.length = n;
    if (requested.length !== n) requested.length = n;
    for (let r = 0; r < n; r++) {
      const alloc = absent[r] === true ? 0 : ((allocs[r] as Float64Array)[i] as number);
      allocatable[r] = alloc;
      requested[r] = alloc === 0 ? 0 : ((onNodes[r] as Float64Array)[i] as number) + (pods[r] as number);
    }
  };
}

/**
 * weightedResourceScore for the nodes `idx[0..count)` of a table, into `out`, with the
 * per-resource score of LeastAllocated ('least') or MostAllocated ('most'): the same scores as
 * tableAmounts followed by weightedResourceScore, read straight from the columns (this runs for
 * every feasible node of every cycle, so the per-resource formula is called directly, not passed).
 */
export function weightedTableScores(
  table: NodeTable,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  perResource: 'least' | 'most',
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const columns = amountColumns(table, podRequest, resources, false);
  const least = perResource === 'least';
  const cache = scoreCacheFor(table, cacheKind(perResource, resources), columns.pods);
  if (cache === undefined) {
    weightedScores(columns, resources, least, idx, count, out);
    return;
  }
  cachedScores(table, cache, idx, count, out, (nodes, n, scores) =>
    weightedScores(columns, resources, least, nodes, n, scores),
  );
}

/** weightedTableScores on the columns, every node computed. */
function weightedScores(
  columns: AmountColumns,
  resources: readonly ResourceSpec[],
  least: boolean,
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const { allocs, onNodes, pods, absent } = columns;
  const weights = weightsOf(resources);
  const n = resources.length;
  if (n === 2 && absent[0] !== true && absent[1] !== true) {
    // The default (cpu and memory): the same sums, unrolled, in a loop of their own.
    twoResourceScores(least, allocs, onNodes, pods, resources, idx, count, out);
    return;
  }
  for (let k = 0; k < count; k++) {
    const i = idx[k] as number;
    let nodeScore = 0;
    let weightSum = 0;
    for (let r = 0; r < n; r++) {
      const alloc = absent[r] === true ? 0 : ((allocs[r] as Float64Array)[i] as number);
      if (alloc === 0) continue;
      const requested = ((onNodes[r] as Float64Array)[i] as number) + (pods[r] as number);
      const weight = weights[r] as number;
      const score = least ? leastRequestedScore(requested, alloc) : mostRequestedScore(requested, alloc);
      nodeScore += score * weight;
      weightSum += weight;
    }
    out[k] = weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  }
}

/**
 * The score cache kind of a resource score: one object per kind and resource list (weights
 * included, by identity: lists live in profiles). The pod's amounts decide the rest.
 */
function cacheKind(kind: 'least' | 'most' | 'balanced', resources: readonly ResourceSpec[]): object {
  let kinds = cacheKinds.get(resources);
  if (kinds === undefined) cacheKinds.set(resources, (kinds = { least: {}, most: {}, balanced: {} }));
  return kinds[kind];
}
const cacheKinds = new WeakMap<readonly ResourceSpec[], Record<'least' | 'most' | 'balanced', object>>();

/**
 * weightedTableScores over two resources the pod both asks for. A node having both, the usual
 * case, takes its weighted average from a table of quotients (integer weights) rather than a third
 * division; one lacking either (or other weights) goes through weightedResourceScore.
 */
function twoResourceScores(
  least: boolean,
  allocs: readonly Float64Array[],
  onNodes: readonly Float64Array[],
  pods: readonly number[],
  resources: readonly ResourceSpec[],
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const a0 = allocs[0] as Float64Array;
  const a1 = allocs[1] as Float64Array;
  const o0 = onNodes[0] as Float64Array;
  const o1 = onNodes[1] as Float64Array;
  const p0 = pods[0] as number;
  const p1 = pods[1] as number;
  const w0 = (resources[0] as ResourceSpec).weight;
  const w1 = (resources[1] as ResourceSpec).weight;
  const quotients = quotientTable(w0, w1);
  for (let k = 0; k < count; k++) {
    const i = idx[k] as number;
    const alloc0 = a0[i] as number;
    const alloc1 = a1[i] as number;
    const req0 = (o0[i] as number) + p0;
    const req1 = (o1[i] as number) + p1;
    if (alloc0 === 0 || alloc1 === 0 || quotients === undefined) {
      const { allocatable, requested } = SCRATCH;
      allocatable.length = requested.length = 2;
      allocatable[0] = alloc0;
      allocatable[1] = alloc1;
      requested[0] = req0;
      requested[1] = req1;
      out[k] = weightedResourceScore(
        requested,
        allocatable,
        resources,
        least ? leastRequestedScore : mostRequestedScore,
      );
      continue;
    }
    let s0: number;
    let s1: number;
    if (least) {
      s0 = req0 > alloc0 ? 0 : Math.trunc(((alloc0 - req0) * MAX_NODE_SCORE) / alloc0);
      s1 = req1 > alloc1 ? 0 : Math.trunc(((alloc1 - req1) * MAX_NODE_SCORE) / alloc1);
    } else {
      s0 = Math.trunc((Math.min(req0, alloc0) * MAX_NODE_SCORE) / alloc0);
      s1 = Math.trunc((Math.min(req1, alloc1) * MAX_NODE_SCORE) / alloc1);
    }
    out[k] = quotients[s0 * w0 + s1 * w1] as number;
  }
}

/**
 * trunc(x / (w0 + w1)) for every weighted sum x of two scores 0..100, by x; undefined unless the
 * weights are positive integers (configuration allows 1..100).
 */
const quotientTables = new Map<number, Uint8Array>();
function quotientTable(w0: number, w1: number): Uint8Array | undefined {
  if (!Number.isInteger(w0) || !Number.isInteger(w1) || w0 <= 0 || w1 <= 0 || w0 + w1 > 200) return undefined;
  const sum = w0 + w1;
  let table = quotientTables.get(sum);
  if (table === undefined) {
    table = new Uint8Array(MAX_NODE_SCORE * sum + 1);
    for (let x = 0; x < table.length; x++) table[x] = Math.trunc(x / sum);
    quotientTables.set(sum, table);
  }
  return table;
}

/**
 * balancedAllocationScore for the nodes `idx[0..count)` of a table, into `out` (real requests;
 * scores are integers 0..100).
 */
export function balancedTableScores(
  table: NodeTable,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const columns = amountColumns(table, podRequest, resources, true);
  const cache = scoreCacheFor(table, cacheKind('balanced', resources), columns.pods);
  if (cache === undefined) {
    balancedScores(columns, idx, count, out);
    return;
  }
  cachedScores(table, cache, idx, count, out, (nodes, n, scores) =>
    balancedScores(columns, nodes, n, scores),
  );
}

/** balancedTableScores on the columns, every node computed. */
function balancedScores(columns: AmountColumns, idx: Int32Array, count: number, out: Uint8Array): void {
  const { allocs, onNodes, pods, absent } = columns;
  const n = allocs.length;
  if (n === 2 && absent[0] !== true && absent[1] !== true) {
    twoResourceBalance(allocs, onNodes, pods, idx, count, out);
    return;
  }
  const fractions = BALANCE_SCRATCH.length >= n ? BALANCE_SCRATCH : (BALANCE_SCRATCH = new Float64Array(n));
  for (let k = 0; k < count; k++) {
    const i = idx[k] as number;
    let used = 0;
    for (let r = 0; r < n; r++) {
      const alloc = absent[r] === true ? 0 : ((allocs[r] as Float64Array)[i] as number);
      if (alloc === 0) continue;
      const requested = ((onNodes[r] as Float64Array)[i] as number) + (pods[r] as number);
      fractions[used++] = Math.min(requested / alloc, 1);
    }
    out[k] = balanceOfFractions(fractions, used);
  }
}
let BALANCE_SCRATCH = new Float64Array(4);

/**
 * balancedTableScores over two resources the pod both asks for (the default, cpu and memory),
 * unrolled: std of two fractions is |f0 - f1| / 2, and with one fraction (the other resource absent
 * on the node) it is 0, as balanceOfFractions computes.
 */
function twoResourceBalance(
  allocs: readonly Float64Array[],
  onNodes: readonly Float64Array[],
  pods: readonly number[],
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const a0 = allocs[0] as Float64Array;
  const a1 = allocs[1] as Float64Array;
  const o0 = onNodes[0] as Float64Array;
  const o1 = onNodes[1] as Float64Array;
  const p0 = pods[0] as number;
  const p1 = pods[1] as number;
  for (let k = 0; k < count; k++) {
    const i = idx[k] as number;
    const alloc0 = a0[i] as number;
    const alloc1 = a1[i] as number;
    let std = 0;
    if (alloc0 !== 0 && alloc1 !== 0) {
      const f0 = Math.min(((o0[i] as number) + p0) / alloc0, 1);
      const f1 = Math.min(((o1[i] as number) + p1) / alloc1, 1);
      std = Math.abs((f0 - f1) / 2);
    }
    out[k] = Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}

/**
 * Scratch arrays for a score computed and consumed at once (scoring runs per node per cycle, so
 * fresh arrays each time were a measurable share of the scheduler benchmark). Single-threaded, and
 * no caller keeps them.
 */
export const SCRATCH: { allocatable: number[]; requested: number[] } = { allocatable: [], requested: [] };

/** The weights of a resource list, computed once per list. */
const weightsOfList = new WeakMap<readonly ResourceSpec[], readonly number[]>();
function weightsOf(resources: readonly ResourceSpec[]): readonly number[] {
  let weights = weightsOfList.get(resources);
  if (weights === undefined) weightsOfList.set(resources, (weights = resources.map((r) => r.weight)));
  return weights;
}

/** isScalarResourceName of each resource of a list, computed once per list (lists live in profiles). */
const scalarFlagsOf = new WeakMap<readonly ResourceSpec[], readonly boolean[]>();
function scalarFlags(resources: readonly ResourceSpec[]): readonly boolean[] {
  let flags = scalarFlagsOf.get(resources);
  if (flags === undefined)
    scalarFlagsOf.set(resources, (flags = resources.map((r) => isScalarResourceName(r.name))));
  return flags;
}

/** Used share of one resource on a 0..100 scale, capped at 100 (K mostRequestedScore). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const req = Math.min(requested, capacity);
  return Math.trunc((req * MAX_NODE_SCORE) / capacity);
}

/** Free share of one resource on a 0..100 scale, integer division (K leastRequestedScore). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * The weighted integer average of a per-resource score over the resources the node has (a resource
 * with zero allocatable is left out), as K leastResourceScorer and mostResourceScorer compute it.
 */
export function weightedResourceScore(
  requested: readonly number[],
  allocatable: readonly number[],
  resources: readonly ResourceSpec[],
  perResource: (requested: number, allocatable: number) => number,
): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const weight = (resources[i] as ResourceSpec).weight;
    nodeScore += perResource(requested[i] ?? 0, alloc) * weight;
    weightSum += weight;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}

/** LeastAllocated: weighted integer average of the free shares (K leastResourceScorer). */
export function leastAllocatedScore(
  requested: readonly number[],
  allocatable: readonly number[],
  resources: readonly ResourceSpec[],
): number {
  return weightedResourceScore(requested, allocatable, resources, leastRequestedScore);
}

/**
 * BalancedAllocation (K balancedResourceScorer, unchanged up to v1.35): the fractions
 * f_i = min(requested_i / allocatable_i, 1) of the resources the node has; with two of them
 * std = |f1 - f2| / 2, with more the population standard deviation; score = int((1 - std) * 100).
 * Floating point as in Go (IEEE doubles both), then truncation.
 */
export function balancedAllocationScore(
  requested: readonly number[],
  allocatable: readonly number[],
): number {
  const n = requested.length;
  const fractions = BALANCE_SCRATCH.length >= n ? BALANCE_SCRATCH : (BALANCE_SCRATCH = new Float64Array(n));
  let used = 0;
  for (let i = 0; i < n; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    fractions[used++] = Math.min((requested[i] ?? 0) / alloc, 1);
  }
  return balanceOfFractions(fractions, used);
}

/** The score from the first `count` fractions: int((1 - std) * 100), std as balancedAllocationScore says. */
function balanceOfFractions(fractions: Float64Array, count: number): number {
  let std = 0;
  if (count === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (count > 2) {
    let total = 0;
    for (let i = 0; i < count; i++) total += fractions[i] as number;
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const d = (fractions[i] as number) - mean;
      sum += d * d;
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
