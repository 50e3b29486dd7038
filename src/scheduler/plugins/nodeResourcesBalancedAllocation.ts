/**
 * NodeResourcesBalancedAllocation (K pkg/scheduler/framework/plugins/noderesources/
 * balanced_allocation.go): favours nodes whose cpu and memory would be used in equal shares after
 * placing the pod. It uses the real requests (no 100m / 200Mi defaults), and skips best-effort pods
 * altogether, which would otherwise all pile onto one node (kubernetes/kubernetes#129138).
 */
import type { ResourceList } from '../../model';
import { failure, type NodeInfo, type ScorePlugin, SUCCESS } from '../framework';
import {
  allocatableAndRequested,
  balancedAllocationScore,
  DEFAULT_SCORING_RESOURCES,
  type ResourceSpec,
  resourceScorePlugin,
} from './resourceAllocation';

/** Skip statuses, shared: most cycles skip. */
const BEST_EFFORT = Object.freeze(failure('Skip', 'best-effort pod'));

/** The BalancedAllocation score of a node for a pod with `podRequests`. */
export function balancedAllocation(
  podRequests: ResourceList,
  nodeInfo: NodeInfo,
  resources: readonly ResourceSpec[] = DEFAULT_SCORING_RESOURCES,
): number {
  const { allocatable, requested } = allocatableAndRequested(nodeInfo, podRequests, resources, true);
  return balancedAllocationScore(requested, allocatable);
}

/** The plugin over `resources` (pluginConfig NodeResourcesBalancedAllocationArgs.resources). */
export function makeNodeResourcesBalancedAllocation(
  resources: readonly ResourceSpec[] = DEFAULT_SCORING_RESOURCES,
  weight = 1,
): ScorePlugin {
  return {
    ...resourceScorePlugin(
      'NodeResourcesBalancedAllocation',
      weight,
      resources,
      true,
      balancedAllocationScore,
      (cycle) => cycle.podRequests,
    ),
    preScoreReadsNodes: false,
    preScore(cycle) {
      const bestEffort = resources.every((r) => (cycle.podRequests[r.name] ?? 0) === 0);
      return bestEffort ? BEST_EFFORT : SUCCESS;
    },
  };
}

export const nodeResourcesBalancedAllocation: ScorePlugin = makeNodeResourcesBalancedAllocation();
