export { bootSwarm, nodeRoles, SWARM_CONTROLLERS, type SwarmNodeInput } from './boot';
export { findService, joinSwarm, scaleService, setAvailability, updateServiceImage } from './commands';
export { SWARM_KEY, SWARM_MANAGER, swarmManager } from './manager';
export { quorumOf, reachableManagers } from './raft';
export { LABEL_SERVICE, LABEL_STACK, LABEL_TASK_ID, LABEL_TASK_NAME, taskName } from './taskPod';
export * from './timings';
export { parseConstraint } from './constraints';
