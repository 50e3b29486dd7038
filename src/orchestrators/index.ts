export {
  bootCluster,
  KUBERNETES_CONTROLLERS,
  makeNode,
  type NetworkInput,
  type NodeSpecInput,
} from './kubernetes';
export {
  bootCompose,
  composeControllers,
  type ComposeDeployment,
  composePsLines,
  composeTimeline,
  containerName,
} from './compose';
export {
  bootSwarm,
  findService,
  NO_LEADER_MESSAGE,
  parseConstraint,
  scaleService,
  setAvailability,
  SWARM_CONTROLLERS,
  updateServiceImage,
} from './swarm';
