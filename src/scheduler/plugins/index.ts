/** The in-tree plugins Flotilla implements, named as in Kubernetes (K pkg/scheduler/framework/plugins/names). */
export { NODE_AFFINITY_REASON, nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity';
export { NODE_NAME_REASON, nodeName } from './nodeName';
export { balancedAllocation, nodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation';
export {
  fitStatus,
  INSUFFICIENT_CPU_REASON,
  INSUFFICIENT_MEMORY_REASON,
  type InsufficientResource,
  insufficientReason,
  insufficientResources,
  leastAllocated,
  nodeResourcesFitFilter,
  nodeResourcesFitScore,
  TOO_MANY_PODS_REASON,
} from './nodeResourcesFit';
export { NODE_UNSCHEDULABLE_REASON, nodeUnschedulable } from './nodeUnschedulable';
export {
  balancedAllocationScore,
  DEFAULT_SCORING_RESOURCES,
  isScalarResourceName,
  leastAllocatedScore,
  leastRequestedScore,
  type ResourceSpec,
} from './resourceAllocation';
export {
  countIntolerablePreferNoSchedule,
  taintTolerationFilter,
  taintTolerationScore,
  untoleratedTaintReason,
} from './taintToleration';
