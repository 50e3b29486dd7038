export { BEHAVIOUR_NAMES, type BehaviourName, crashContainer, deletePod, setBehaviour } from './podCommands';
export { cordon, drain, failNode, recoverNode, uncordon } from './nodeCommands';
export { applyObjects, scaleDeployment } from './workloadCommands';
export { type PodTarget } from './targets';
