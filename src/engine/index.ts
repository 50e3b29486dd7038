/**
 * The deterministic engine: virtual clock, event queue, seeded RNG, steps with journal and seek,
 * and the commands (timeline actions, kubectl verbs, UI clicks) that change a cluster atomically.
 */
export { CommandError, Simulation, type TimelineHandler } from './simulation';
export type { ActionRecord, EventRecord, GenericRecord, NarrationRecord, TraceRecord } from './trace';
export {
  applyObjects,
  BEHAVIOUR_NAMES,
  type BehaviourName,
  cordon,
  crashContainer,
  deletePod,
  drain,
  failNode,
  type PodTarget,
  recoverNode,
  scaleDeployment,
  setBehaviour,
  uncordon,
} from './commands';
