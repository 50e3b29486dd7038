/**
 * NodeResourcesFit (K pkg/scheduler/framework/plugins/noderesources/fit.go).
 * Filter: for every resource the pod requests, the requests of the pods on the node plus the pod's
 * must fit in allocatable; the pod count must stay within allocatable `pods`. Every shortfall is
 * reported (`Insufficient cpu`, `Insufficient memory`, ...), as fitsRequest does.
 * Score: a scoring strategy (scoringStrategy.ts); LeastAllocated with cpu and memory weight 1 by default.
 */
import type { ResourceList } from '../../model';
import {
  type FailureStatus,
  type FilterPlugin,
  failure,
  type NodeInfo,
  type ScorePlugin,
  SUCCESS,
} from '../framework';
import {
  allocatableAndRequested,
  DEFAULT_SCORING_RESOURCES,
  isScalarResourceName,
  leastAllocatedScore,
  type ResourceSpec,
  resourceScorePlugin,
} from './resourceAllocation';
import { type ScoringStrategy, strategyScore } from './scoringStrategy';
import type { NodeTable } from '../nodeTable';

/** K fit.go fitsRequest: the pod count reason. */
const TOO_MANY_PODS_REASON = 'Too many pods';

/** K fit.go fitsRequest: `Insufficient cpu`, `Insufficient memory`, `Insufficient nvidia.com/gpu`. */
function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

/**
 * The Fit rule for one resource (K fit.go fitsRequest): the pod asks for more than the node has
 * free. Every path that decides Fit (the NodeInfo filter, the node-table screen, the whole-chunk
 * check on the least free amount) applies this function.
 */
function exceedsFree(want: number, allocatable: number, requested: number): boolean {
  return want > allocatable - requested;
}

/** The Fit rule for the pod count (K fitsRequest): one more pod would pass the node's `pods`. */
function podSlotsFull(pods: number, allowedPods: number): boolean {
  return pods + 1 > allowedPods;
}

/** One resource that does not fit (K noderesources.InsufficientResource). */
interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /**
   * The pod asks for more than the whole node has: no eviction could make room, so preemption
   * is not helpful (K InsufficientResource.Unresolvable, in current releases).
   */
  unresolvable: boolean;
}

/** Every resource of `podRequest` that does not fit on the node, in Kubernetes' check order. */
function insufficientResources(
  podRequest: ResourceList,
  nodeInfo: NodeInfo,
  checks: readonly [string, number][] = resourcesToCheck(podRequest),
): readonly InsufficientResource[] {
  let out: InsufficientResource[] | undefined;
  const allowedPods = nodeInfo.allocatable.pods ?? 0;
  if (podSlotsFull(nodeInfo.pods.length, allowedPods))
    out = [
      {
        resource: 'pods',
        reason: TOO_MANY_PODS_REASON,
        requested: 1,
        used: nodeInfo.pods.length,
        capacity: allowedPods,
        unresolvable: false,
      },
    ];
  for (let c = 0; c < checks.length; c++) {
    const [resource, want] = checks[c] as [string, number];
    const capacity = nodeInfo.allocatable[resource] ?? 0;
    const used = nodeInfo.requested[resource] ?? 0;
    if (!exceedsFree(want, capacity, used)) continue;
    const short = {
      resource,
      reason: insufficientReason(resource),
      requested: want,
      used,
      capacity,
      unresolvable: want > capacity,
    };
    if (out === undefined) out = [short];
    else out.push(short);
  }
  return out ?? NONE_SHORT;
}

/** No shortfall (shared: a node with room for the pod allocates nothing). */
const NONE_SHORT: readonly InsufficientResource[] = Object.freeze([]);

/** The Filter verdict for a list of shortfalls. */
function fitStatus(shortfalls: readonly InsufficientResource[]): FailureStatus | undefined {
  const [first, ...rest] = shortfalls.map((s) => s.reason);
  if (first === undefined) return undefined;
  const code = shortfalls.some((s) => s.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return failure(code, first, ...rest);
}

/** The resources checked before the scalar ones, in fitsRequest's order. */
const BASE_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

/** The resources a pod requests, in fitsRequest's check order (cpu, memory, ephemeral-storage, scalars). */
function resourcesToCheck(podRequest: ResourceList): [string, number][] {
  const out: [string, number][] = [];
  for (const resource of BASE_RESOURCES) {
    const want = podRequest[resource] ?? 0;
    if (want > 0) out.push([resource, want]);
  }
  let scalars: string[] | undefined;
  for (const name in podRequest) if (isScalarResourceName(name)) (scalars ??= []).push(name);
  if (scalars !== undefined)
    for (const resource of scalars.sort()) {
      const want = podRequest[resource] ?? 0;
      if (want > 0) out.push([resource, want]);
    }
  return out;
}

/**
 * Whether every node of `idx[0..count)` (in visiting order) has room for the pod: the table keeps
 * the least free amount per range, so this needs no look at each node.
 */
function everyNodeHasRoom(
  table: NodeTable,
  checks: readonly [string, number][],
  idx: Int32Array,
  count: number,
): boolean {
  // The rules on the least room over the span: no node has less (pods: room = allowed - count).
  if (podSlotsFull(0, table.minPodRoomOver(idx, count))) return false;
  // An index loop: destructuring in for-of made an iterator per cycle.
  for (let c = 0; c < checks.length; c++) {
    const [resource, want] = checks[c] as [string, number];
    if (exceedsFree(want, table.minFreeOver(resource, idx, count), 0)) return false;
  }
  return true;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  // K fit.go PreFilter computes the pod's request once per cycle; it never skips.
  preFilter(cycle) {
    cycle.data.set('PreFilterNodeResourcesFit', resourcesToCheck(cycle.podRequests));
    return SUCCESS;
  },
  filter(cycle, _pod, nodeInfo) {
    const checks = cycle.data.get('PreFilterNodeResourcesFit') as [string, number][] | undefined;
    return fitStatus(insufficientResources(cycle.podRequests, nodeInfo, checks)) ?? SUCCESS;
  },
  screen(cycle, _pod, table, idx, count, mayFail) {
    const checks = cycle.data.get('PreFilterNodeResourcesFit') as [string, number][] | undefined;
    if (checks === undefined) {
      mayFail.fill(1, 0, count);
      return true;
    }
    // Every node of the span has room for the pod: none can fail, without a look at each.
    if (everyNodeHasRoom(table, checks, idx, count)) return false;
    const maxPods = table.column('pods').alloc;
    const podCount = table.podCount;
    const allocs = checks.map(([resource]) => table.column(resource).alloc);
    const used = checks.map(([resource]) => table.column(resource).requested);
    const wants = checks.map(([, want]) => want);
    const n = checks.length;
    let any = false;
    for (let k = 0; k < count; k++) {
      const i = idx[k] as number;
      let fails = podSlotsFull(podCount[i] as number, maxPods[i] as number);
      for (let c = 0; !fails && c < n; c++)
        fails = exceedsFree(
          wants[c] as number,
          (allocs[c] as Float64Array)[i] as number,
          (used[c] as Float64Array)[i] as number,
        );
      mayFail[k] = fails ? 1 : 0;
      any ||= fails;
    }
    return any;
  },
};

/** The LeastAllocated score of a node for the cycle's pod. */
export function leastAllocated(
  podNonZeroRequests: ResourceList,
  nodeInfo: NodeInfo,
  resources: readonly ResourceSpec[] = DEFAULT_SCORING_RESOURCES,
): number {
  const { allocatable, requested } = allocatableAndRequested(nodeInfo, podNonZeroRequests, resources, false);
  return leastAllocatedScore(requested, allocatable, resources);
}

/** NodeResourcesFit's Score with a scoring strategy (pluginConfig NodeResourcesFitArgs.scoringStrategy). */
export function makeNodeResourcesFitScore(strategy: ScoringStrategy, weight = 1): ScorePlugin {
  return resourceScorePlugin(
    'NodeResourcesFit',
    weight,
    strategy.resources,
    false,
    (requested, allocatable) => strategyScore(strategy, requested, allocatable),
    (cycle) => cycle.podNonZeroRequests,
  );
}

export const nodeResourcesFitScore: ScorePlugin = makeNodeResourcesFitScore({
  type: 'LeastAllocated',
  resources: DEFAULT_SCORING_RESOURCES,
});
