/**
 * Flotilla's kube-scheduler: the framework (Filter / Score / NormalizeScore), the in-tree plugins,
 * the FailedScheduling message, the scheduling queue and the `default-scheduler` controller.
 */
export { schedulerController } from './controller';
export { FLUSH_KEY, MOVE_KEY_PREFIX } from './events';
export {} from './fitError';
export { type NodeResult, type Profile, type SchedulingResult } from './framework';
export {} from './nodeInfo';
export {} from './snapshot';
export {} from './normalizeScore';
export * from './plugins';
export { DEFAULT_PROFILE } from './profile';
export {} from './scheduleOne';
export {} from './schedulingQueue';
export { HIGHEST_USER_DEFINABLE_PRIORITY } from './priority';
export { admitPodPriority } from './priority';
export { parseSchedulerConfig } from './config/parseConfig';
export { profileFromConfig } from './config/profileFromConfig';
export { schedulerControllers } from './schedulers';
export { type PriorityClass } from './priority';
