/**
 * The resource scoring formulas shared by NodeResourcesFit and NodeResourcesBalancedAllocation
 * (K pkg/scheduler/framework/plugins/noderesources/resource_allocation.go, least_allocated.go,
 * balanced_allocation.go). Amounts are canonical integers (millicores, bytes), as Kubernetes
 * scores int64 MilliCPU and Memory.
 */
import type { ResourceList } from '../../model';
import { type Cycle, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin } from '../framework';
import { type NodeTable, tableKey } from '../nodeTable';
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
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const pod = podRequest[name] ?? 0;
    const nonZero = !useRequested && (name === 'cpu' || name === 'memory');
    const onNode = (nonZero ? nodeInfo.nonZeroRequested[name] : nodeInfo.requested[name]) ?? 0;
    const alloc = pod === 0 && isScalarResourceName(name) ? 0 : (nodeInfo.allocatable[name] ?? 0);
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : onNode + pod;
  }
  return into;
}

/** Fills `into` with the amounts of one node, by its index in a node table. */
export type TableAmounts = (i: number, into: { allocatable: number[]; requested: number[] }) => void;

/** A node score from per-resource requested and allocatable amounts: the rule a resource score plugin applies. */
export type ResourceRule = (requested: readonly number[], allocatable: readonly number[]) => number;

/** Per resource list, the columns tableAmounts reads (kept beside the table, as long as it lives). */
interface ColumnSet {
  readonly allocs: Float64Array[];
  requested?: Float64Array[];
  nonZero?: Float64Array[];
  readonly scalar: readonly boolean[];
}
const COLUMN_SETS = tableKey(
  'scheduler.resourceColumns',
  () => new Map<readonly ResourceSpec[], ColumnSet>(),
);

/**
 * allocatableAndRequested over a node table: resolves the columns once per cycle and returns the
 * per-node filler, which gives the same amounts as allocatableAndRequested on the node's NodeInfo,
 * and the pod's amount of each resource (what, besides the node's row, a resource score reads).
 */
export function tableAmounts(
  table: NodeTable,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): TableAmounts & { readonly pods: readonly number[] } {
  const sets = table.attached(COLUMN_SETS);
  let set = sets.get(resources);
  if (set === undefined)
    sets.set(
      resources,
      (set = {
        allocs: resources.map((r) => table.column(r.name).alloc),
        scalar: resources.map((r) => isScalarResourceName(r.name)),
      }),
    );
  const allocs = set.allocs;
  const onNodes = useRequested
    ? (set.requested ??= resources.map((r) => table.column(r.name).requested))
    : (set.nonZero ??= resources.map((r) => {
        const col = table.column(r.name);
        return r.name === 'cpu' || r.name === 'memory' ? col.nonZero : col.requested;
      }));
  const n = resources.length;
  const pods = resources.map((r) => podRequest[r.name] ?? 0);
  // A scalar resource the pod does not request: allocatable counts as 0, so it is left out.
  const absent = pods.map((pod, r) => set.scalar[r] === true && pod === 0);
  const fill: TableAmounts = (i, into) => {
    const { allocatable, requested } = into;
    if (allocatable.length !== n) allocatable.length = n;
    if (requested.length !== n) requested.length = n;
    for (let r = 0; r < n; r++) {
      const alloc = absent[r] === true ? 0 : ((allocs[r] as Float64Array)[i] as number);
      allocatable[r] = alloc;
      requested[r] = alloc === 0 ? 0 : ((onNodes[r] as Float64Array)[i] as number) + (pods[r] as number);
    }
  };
  return Object.assign(fill, { pods });
}

/**
 * A resource score plugin's scores for the nodes `idx[0..count)` of a table, into `out`: `rule`
 * (the very function its NodeInfo `score` applies) on each node's amounts read from the columns.
 * The score cache of the plugin's `kind` (one object per plugin instance) and the pod's amounts
 * decides which nodes need the rule run: the ones the table changed since the cache's last use and
 * the ones it has never scored; the others are copied.
 */
function resourceTableScores(
  table: NodeTable,
  kind: object,
  podRequest: ResourceList,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  rule: ResourceRule,
  idx: Int32Array,
  count: number,
  out: Uint8Array,
): void {
  const amounts = tableAmounts(table, podRequest, resources, useRequested);
  const scratch = { allocatable: [] as number[], requested: [] as number[] };
  const score = (nodes: Int32Array, n: number, scores: Uint8Array) => {
    for (let k = 0; k < n; k++) {
      amounts(nodes[k] as number, scratch);
      scores[k] = rule(scratch.requested, scratch.allocatable);
    }
  };
  const cache = scoreCacheFor(table, kind, amounts.pods);
  if (cache === undefined) score(idx, count, out);
  else cachedScores(table, cache, idx, count, out, score);
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
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    fractions.push(Math.min((requested[i] ?? 0) / alloc, 1));
  }
  return balanceOfFractions(fractions, fractions.length);
}

/** The score from the first `count` fractions: int((1 - std) * 100), std as balancedAllocationScore says. */
function balanceOfFractions(fractions: readonly number[], count: number): number {
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

/**
 * A score plugin that applies `rule` to each node's amounts of `resources` (the pod's, from
 * `podRequest`, plus the node's): NodeResourcesFit's scoring strategies and
 * NodeResourcesBalancedAllocation are this with their own rule. `score` reads the amounts from the
 * NodeInfo, `scoreBytes` from the node table's columns through the score cache; both run `rule`,
 * so the rule exists once. Scores must be integers 0..100 (every resource rule's are).
 */
export function resourceScorePlugin(
  name: string,
  weight: number,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  rule: ResourceRule,
  podRequest: (cycle: Cycle) => ResourceList,
): ScorePlugin {
  // What the plugin's cached scores are filed under (one per instance: another instance may have
  // another rule or resources).
  const kind = {};
  return {
    name,
    weight,
    score(cycle, _pod, nodeInfo) {
      const { allocatable, requested } = allocatableAndRequested(
        nodeInfo,
        podRequest(cycle),
        resources,
        useRequested,
      );
      return rule(requested, allocatable);
    },
    scoreBytes(cycle, _pod, table, idx, count, out) {
      resourceTableScores(table, kind, podRequest(cycle), resources, useRequested, rule, idx, count, out);
    },
  };
}
