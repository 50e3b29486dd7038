export { bootCompose, composeControllers } from './bootCompose';
export { COMPOSE, type ComposeDeployment, composeController, networkName } from './composeUp';
export { containerName } from './containerSpec';
export { conditionState, startOrder } from './dependencies';
export { DOCKERD, dockerd } from './dockerd';
export { containerEvent, shortId } from './dockerEvents';
export { advanceHealth, initialHealth, nextInterval } from './healthcheck';
export { failHost, recoverHost } from './hostCommands';
export {
  shouldRestart,
  restartsAtBoot,
  RESTART_INITIAL_DELAY_MS,
  RESTART_MAX_DELAY_MS,
} from './restartManager';
export { composeTimeline, type HostEntry } from './timeline';
export { composePsLines } from './ps';
