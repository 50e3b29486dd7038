/**
 * Flotilla's kube-scheduler: the framework (Filter / Score / NormalizeScore), the in-tree plugins,
 * the FailedScheduling message, the scheduling queue and the `default-scheduler` controller.
 */
export { bindIntents, failureIntents, makeSchedulerController, schedulerController } from './controller';
export {
  FLUSH_KEY,
  MOVE_KEY_PREFIX,
  needsScheduling,
  nodeSchedulingPropertiesChanged,
  schedulerKeysFor,
} from './events';
export {
  failedSchedulingMessage,
  fitErrorMessage,
  NO_NODES_AVAILABLE_MESSAGE,
  NO_PREEMPTION_VICTIMS,
  PREEMPTION_NOT_HELPFUL,
  PREEMPTION_POLICY_NEVER,
  preemptionMessage,
  reasonHistogram,
} from './fitError';
export {
  type Cycle,
  DEFAULT_SCHEDULER_NAME,
  type FailureCode,
  type FailureStatus,
  type FilterPlugin,
  type FilterVerdict,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type NodeResult,
  type NodeScore,
  type Profile,
  type ScorePlugin,
  type SchedulingResult,
  type Status,
  statusReasons,
  SUCCESS,
  withWeight,
} from './framework';
export {
  buildNodeInfos,
  DEFAULT_MAX_PODS,
  makeNodeInfo,
  placement,
  podHoldsResources,
  requestsOf,
} from './nodeInfo';
export { snapshotNodeInfos } from './snapshot';
export { defaultNormalizeScore } from './normalizeScore';
export * from './plugins';
export { DEFAULT_PROFILE } from './profile';
export { makeCycle, runFilters, scheduleOne, selectHost } from './scheduleOne';
export {
  afterFailure,
  afterMove,
  backoffDuration,
  leftoverExpired,
  unschedulablePodKeys,
} from './schedulingQueue';
export { HIGHEST_USER_DEFINABLE_PRIORITY } from './priority';
export { admitPodPriority } from './priority';
export { parseSchedulerConfig } from './config/parseConfig';
export { profileFromConfig } from './config/profileFromConfig';
export { schedulerControllers } from './schedulers';
export { type PriorityClass } from './priority';
