/**
 * Level-based reconcilers (Controller in src/model/intents.ts): each compares desired with actual
 * state and returns intents. Named as in kube-controller-manager and the kubelet.
 */
export { deploymentController, DEPLOYMENT_CONTROLLER, POD_TEMPLATE_HASH, templateHash } from './deployment';
export { fenceposts } from './fenceposts';
export { replicaSetController, REPLICASET_CONTROLLER, isActive, ownedPods } from './replicaSet';
export { kubelet, KUBELET } from './kubelet';
export { nodeLifecycleController, NODE_LIFECYCLE_CONTROLLER, MONITOR_KEY } from './nodeLifecycle';
export { taintEvictionController, TAINT_EVICTION_CONTROLLER, evictionTime } from './taintEviction';
export { backoffUntil, nextBackoff } from './backoff';
export { computePhase, isPodReady } from './podStatus';
export { rankForDeletion } from './podRanking';
export { deletePodIntents } from './podDeletion';
export { healthyNodeConditions } from './nodeConditions';
