export { bootCompose, composeControllers } from './bootCompose';
export { type ComposeDeployment } from './composeUp';
export { containerName } from './containerSpec';
export { startOrder } from './dependencies';
export { advanceHealth, initialHealth, nextInterval } from './healthcheck';
export { shouldRestart, restartsAtBoot } from './restartManager';
export { composeTimeline } from './timeline';
export { composePsLines } from './ps';
