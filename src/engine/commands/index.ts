export { type CrashOptions, crashContainer, deletePod } from './podCommands';
export { cordon, drain, failNode, recoverNode, uncordon } from './nodeCommands';
export { applyObjects, scaleDeployment } from './workloadCommands';
export { type PodTarget, resolveNode, resolvePods } from './targets';
