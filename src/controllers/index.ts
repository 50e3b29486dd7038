/**
 * Level-based reconcilers (Controller in src/model/intents.ts): each compares desired with actual
 * state and returns intents. Named as in kube-controller-manager and the kubelet.
 */
export { deploymentController } from './deployment';
export { replicaSetController } from './replicaSet';
export { kubelet, KUBELET } from './kubelet';
export { MONITOR_KEY, NODE_LIFECYCLE_CONTROLLER, nodeLifecycleController } from './nodeLifecycle';
export { taintEvictionController } from './taintEviction';
export { isPodReady } from './podStatus';
export { deletePodIntents } from './podDeletion';
export { healthyNodeConditions } from './nodeConditions';
export { EVENT_SWEEP_PERIOD, EVENT_TTL_CONTROLLER, eventTTLController, SWEEP_KEY } from './eventTTL';
export { controllerOf } from './ownership';
