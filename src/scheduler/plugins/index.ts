/** The in-tree plugins Flotilla implements, named as in Kubernetes (K pkg/scheduler/framework/plugins/names). */
export { NODE_AFFINITY_REASON, nodeAffinityFilter, nodeAffinityScore } from './nodeAffinity';
export { NODE_NAME_REASON, nodeName } from './nodeName';
export { balancedAllocation, nodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation';
export { leastAllocated, nodeResourcesFitFilter, nodeResourcesFitScore } from './nodeResourcesFit';
export { NODE_UNSCHEDULABLE_REASON, nodeUnschedulable } from './nodeUnschedulable';
export { balancedAllocationScore, leastAllocatedScore, leastRequestedScore } from './resourceAllocation';
export { taintTolerationFilter, taintTolerationScore } from './taintToleration';
