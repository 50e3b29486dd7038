/**
 * NodeResourcesFit's scoring strategies (K pkg/scheduler/framework/plugins/noderesources/
 * least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go and
 * plugins/helper/shape_score.go), all over the pod's non-zero requests plus the node's:
 * - LeastAllocated (default): per resource (cap - req) * 100 / cap, weighted integer average.
 * - MostAllocated: per resource min(req, cap) * 100 / cap, weighted integer average.
 * - RequestedToCapacityRatio: utilization req * 100 / cap (100 when over capacity) mapped through
 *   the shape's broken line (scores 0..10 scaled x10); resources scoring 0 are left out of the
 *   average, which is rounded.
 */
import {
  type ResourceSpec,
  leastAllocatedScore,
  mostRequestedScore,
  weightedResourceScore,
} from './resourceAllocation';

/** One point of a RequestedToCapacityRatio shape, score already scaled to 0..100. */
export interface ShapePoint {
  readonly utilization: number;
  readonly score: number;
}

export type ScoringStrategy =
  | { readonly type: 'LeastAllocated'; readonly resources: readonly ResourceSpec[] }
  | { readonly type: 'MostAllocated'; readonly resources: readonly ResourceSpec[] }
  | {
      readonly type: 'RequestedToCapacityRatio';
      readonly resources: readonly ResourceSpec[];
      readonly shape: readonly ShapePoint[];
    };

/** K config.MaxCustomPriorityScore: shape scores are given 0..10 and scaled to 0..MaxNodeScore. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** K apis/config/v1/defaults.go: the shape when RequestedToCapacityRatio gives none (least-allocated-like). */
export const DEFAULT_SHAPE: readonly ShapePoint[] = [
  { utilization: 0, score: 100 },
  { utilization: 100, score: 0 },
];

/** K mostResourceScorer. */
export function mostAllocatedScore(
  requested: readonly number[],
  allocatable: readonly number[],
  resources: readonly ResourceSpec[],
): number {
  return weightedResourceScore(requested, allocatable, resources, mostRequestedScore);
}

/** K helper.BuildBrokenLinearFunction: linear between points, flat beyond the ends (Go integer division). */
export function brokenLinear(shape: readonly ShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    const cur = shape[i] as ShapePoint;
    if (p <= cur.utilization) {
      if (i === 0) return cur.score;
      const prev = shape[i - 1] as ShapePoint;
      return (
        prev.score +
        Math.trunc(((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization))
      );
    }
  }
  return (shape[shape.length - 1] as ShapePoint).score;
}

/** K buildRequestedToCapacityRatioScorerFunction. */
export function requestedToCapacityRatioScore(
  requested: readonly number[],
  allocatable: readonly number[],
  resources: readonly ResourceSpec[],
  shape: readonly ShapePoint[],
): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const req = requested[i] ?? 0;
    const resourceScore =
      req > alloc ? brokenLinear(shape, 100) : brokenLinear(shape, Math.trunc((req * 100) / alloc));
    if (resourceScore > 0) {
      const weight = (resources[i] as ResourceSpec).weight;
      nodeScore += resourceScore * weight;
      weightSum += weight;
    }
  }
  // Go's math.Round rounds halves away from zero; scores are non-negative here.
  return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
}

/** The strategy's node score from per-resource requested and allocatable amounts. */
export function strategyScore(
  strategy: ScoringStrategy,
  requested: readonly number[],
  allocatable: readonly number[],
): number {
  switch (strategy.type) {
    case 'LeastAllocated':
      return leastAllocatedScore(requested, allocatable, strategy.resources);
    case 'MostAllocated':
      return mostAllocatedScore(requested, allocatable, strategy.resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScore(requested, allocatable, strategy.resources, strategy.shape);
  }
}
