/** The scheduler controllers of a cluster: one per profile, each answering to its schedulerName. */
import type { Controller } from '../model';
import { makeSchedulerController } from './controller';
import type { Profile } from './framework';
import { DEFAULT_PROFILE } from './profile';
import type { ScheduleOptions } from './scheduleOne';

/** A controller per profile (the default profile when none is given). */
export function schedulerControllers(
  profiles: readonly Profile[] | undefined,
  options: Pick<ScheduleOptions, 'scoreAllNodes'> = {},
): Controller[] {
  const list = profiles === undefined || profiles.length === 0 ? [DEFAULT_PROFILE] : profiles;
  return list.map((p) => makeSchedulerController(p, options));
}
