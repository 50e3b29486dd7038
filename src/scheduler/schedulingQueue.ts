/**
 * Scheduling-queue bookkeeping (K pkg/scheduler/backend/queue/scheduling_queue.go), kept in
 * `state.schedulingQueue` keyed by pod. A pod without an entry is in activeQ (never tried, or tried
 * and bound). After a failed attempt it waits in unschedulablePods until a cluster change that may
 * help (a node added or changed, a pod's resources freed) moves it to backoffQ, or until it has
 * waited podMaxInUnschedulablePodsDuration; it is retried once its backoff has expired.
 */
import type { ClusterState, QueuedPodInfo, Settings } from '../model';
import { entriesIn } from '../model';

/**
 * Backoff after `attempts` failed attempts: podInitialBackoff doubling per attempt, capped at
 * podMaxBackoff (K PriorityQueue.calculateBackoffDuration); 1 s, 2 s, 4 s, 8 s, 10 s, 10 s... with
 * the defaults.
 */
export function backoffDuration(
  attempts: number,
  settings: Pick<Settings, 'podInitialBackoff' | 'podMaxBackoff'>,
): number {
  if (attempts <= 0) return 0;
  let duration = settings.podInitialBackoff;
  for (let i = 1; i < attempts; i++) {
    if (duration > settings.podMaxBackoff - duration) return settings.podMaxBackoff;
    duration += duration;
  }
  return Math.min(duration, settings.podMaxBackoff);
}

/** The queue entry after a failed attempt at `now`. */
export function afterFailure(
  previous: QueuedPodInfo | undefined,
  now: number,
  settings: Settings,
): QueuedPodInfo {
  const attempts = (previous?.attempts ?? 0) + 1;
  return {
    attempts,
    queue: 'unschedulable',
    backoffUntil: now + backoffDuration(attempts, settings),
    unschedulableSince: now,
  };
}

/** The queue entry once a cluster change moves the pod out of unschedulablePods (K movePodsToActiveOrBackoffQueue). */
export function afterMove(entry: QueuedPodInfo, now: number): QueuedPodInfo {
  return {
    attempts: entry.attempts,
    queue: entry.backoffUntil > now ? 'backoff' : 'active',
    backoffUntil: entry.backoffUntil,
  };
}

/** Whether a pod has waited in unschedulablePods long enough to be retried anyway (flushUnschedulablePodsLeftover). */
export function leftoverExpired(entry: QueuedPodInfo, now: number, settings: Settings): boolean {
  return now - (entry.unschedulableSince ?? 0) >= settings.podMaxInUnschedulablePodsDuration;
}

/** Keys of the pods waiting in unschedulablePods, sorted for a deterministic order. */
export function unschedulablePodKeys(state: ClusterState): string[] {
  return entriesIn(state.schedulingQueue)
    .filter(([, e]) => e.queue === 'unschedulable')
    .map(([k]) => k)
    .sort();
}
