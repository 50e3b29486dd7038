/**
 * Entries of the engine's event queue. They live in the state tree, so seeking restores them too.
 */

/** Wake a controller for one key (its requeueAfter, or a timer such as a back-off ending). */
export interface WakeEvent {
  type: 'wake';
  controller: string;
  key: string;
  /** Periodic housekeeping (a monitor tick): a run whose queue holds only these has settled. */
  periodic?: boolean;
}

/** Run the timeline entry with this index. */
interface TimelineEvent {
  type: 'timeline';
  index: number;
}

export type SimEvent = WakeEvent | TimelineEvent;

export interface QueueEntry {
  at: number;
  seq: number;
  event: SimEvent;
}
