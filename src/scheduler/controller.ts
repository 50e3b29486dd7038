/**
 * The scheduler as a Flotilla controller (K pkg/scheduler/schedule_one.go scheduleOne and
 * handleSchedulingFailure). A pod key runs one scheduling cycle when the pod is due; success binds
 * the pod (spec.nodeName, PodScheduled=True, a Normal `Scheduled` event); failure records
 * PodScheduled=False/Unschedulable, a Warning `FailedScheduling` event and parks the pod in
 * unschedulablePods with a backoff. Both write the cycle's explain record to the trace.
 */
import type { ClusterState, Controller, Intent, Pod, PodCondition, ReconcileContext } from '../model';
import { deleteIn, getIn, setIn, update } from '../model';
import { FLUSH_KEY, MOVE_KEY_PREFIX, needsScheduling, schedulerKeysFor } from './events';
import type { Profile, SchedulingResult } from './framework';
import { DEFAULT_PROFILE } from './profile';
import { preemptionIntents } from './preemptionIntents';
import { podPriority } from './priority';
import { scheduleCycle, type ScheduleOptions } from './scheduleOne';
import { afterFailure, afterMove, leftoverExpired, unschedulablePodKeys } from './schedulingQueue';

/** Replaces the pod's condition of the same type; the transition time changes only with the status. */
function setCondition(pod: Pod, condition: PodCondition): void {
  const conditions = pod.status.conditions;
  const i = conditions.findIndex((c) => c.type === condition.type);
  const old = i < 0 ? undefined : conditions[i];
  const next =
    old?.status === condition.status
      ? { ...condition, lastTransitionTime: old.lastTransitionTime }
      : condition;
  if (i < 0) conditions.push(next);
  else conditions[i] = next;
}

function podRef(pod: Pod) {
  const { name, namespace, uid } = pod.metadata;
  return { kind: 'Pod', name, uid, ...(namespace !== undefined ? { namespace } : {}) };
}

function traceIntent(result: SchedulingResult): Intent {
  return { op: 'trace', record: { type: 'schedule', ...result } };
}

/** The intents of a successful cycle: bind, event, trace, dequeue. */
function bindIntents(
  pod: Pod,
  key: string,
  node: string,
  result: SchedulingResult,
  schedulerName: string,
  now: number,
): Intent[] {
  const namespace = pod.metadata.namespace ?? 'default';
  return [
    update('Pod', key, `${schedulerName} bound the pod to ${node}`, (draft) => {
      draft.spec.nodeName = node;
      setCondition(draft, { type: 'PodScheduled', status: 'True', lastTransitionTime: now });
    }),
    {
      op: 'event',
      object: podRef(pod),
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${namespace}/${pod.metadata.name} to ${node}`,
      source: { component: schedulerName },
    },
    traceIntent(result),
    {
      op: 'runtime',
      why: 'the pod left the scheduling queue',
      mutate: (d) => deleteIn(d.schedulingQueue, key),
    },
  ];
}

/** The intents of a failed cycle: condition, event, trace, and the pod parked in unschedulablePods. */
function failureIntents(
  state: ClusterState,
  pod: Pod,
  key: string,
  message: string,
  result: SchedulingResult,
  schedulerName: string,
  now: number,
): Intent[] {
  const entry = afterFailure(getIn(state.schedulingQueue, key), now, state.settings);
  return [
    update('Pod', key, `${schedulerName} found no node for the pod`, (draft) => {
      setCondition(draft, {
        type: 'PodScheduled',
        status: 'False',
        lastTransitionTime: now,
        reason: 'Unschedulable',
        message,
      });
    }),
    {
      op: 'event',
      object: podRef(pod),
      type: 'Warning',
      reason: 'FailedScheduling',
      message,
      source: { component: schedulerName },
    },
    traceIntent(result),
    {
      op: 'runtime',
      why: `attempt ${entry.attempts} failed: unschedulable, backoff until ${entry.backoffUntil}ms`,
      mutate: (d) => {
        setIn(d.schedulingQueue, key, { ...entry });
      },
    },
  ];
}

/** Moves pods out of unschedulablePods and wakes each when its backoff ends. */
function movePods(
  state: ClusterState,
  keys: readonly string[],
  ctx: ReconcileContext,
  why: string,
): Intent[] {
  const moved: [string, ReturnType<typeof afterMove>][] = [];
  for (const key of keys) {
    const entry = getIn(state.schedulingQueue, key);
    if (entry?.queue !== 'unschedulable') continue;
    const next = afterMove(entry, ctx.now);
    moved.push([key, next]);
    ctx.requeueAfter(key, Math.max(0, next.backoffUntil - ctx.now));
  }
  if (moved.length === 0) return [];
  return [
    {
      op: 'runtime',
      why,
      mutate: (d) => {
        for (const [key, next] of moved)
          if (getIn(d.schedulingQueue, key) !== undefined) setIn(d.schedulingQueue, key, { ...next });
      },
    },
  ];
}

function reconcilePod(
  state: ClusterState,
  key: string,
  ctx: ReconcileContext,
  profile: Profile,
  options: ScheduleOptions,
): Intent[] {
  const pod = getIn(state.pods, key);
  const entry = getIn(state.schedulingQueue, key);
  if (pod === undefined || !needsScheduling(pod, profile.schedulerName)) {
    if (entry === undefined) return [];
    const drop: Intent = {
      op: 'runtime',
      why: 'the pod no longer waits for scheduling',
      mutate: (d) => deleteIn(d.schedulingQueue, key),
    };
    return [drop];
  }
  if (entry !== undefined) {
    if (entry.queue === 'unschedulable') {
      // Waits for a cluster change (FLUSH_KEY) unless it has waited the leftover timeout.
      if (!leftoverExpired(entry, ctx.now, state.settings)) return [];
      if (entry.backoffUntil > ctx.now)
        return movePods(state, [key], ctx, 'waited in unschedulablePods too long');
    } else if (entry.backoffUntil > ctx.now) {
      return []; // the move that put it in backoffQ already asked to be woken when the backoff ends
    }
  }
  const start = state.schedulerNextStartNodeIndex ?? 0;
  const outcome = scheduleCycle(
    state,
    key,
    profile,
    () => ctx.random(),
    { ...options, startIndex: start },
    ctx.memo,
  );
  const { result } = outcome;
  // Only a walk that stopped early (percentageOfNodesToScore, 100+ nodes) moves the start index.
  const rotate: Intent[] =
    outcome.nextStartIndex === start
      ? []
      : [
          {
            op: 'runtime',
            why: 'the next cycle starts its node walk where this one stopped',
            mutate: (d) => {
              d.schedulerNextStartNodeIndex = outcome.nextStartIndex;
            },
          },
        ];
  if (result.selected !== null)
    return [...rotate, ...bindIntents(pod, key, result.selected, result, profile.schedulerName, ctx.now)];
  // The leftover flush (K flushUnschedulablePodsLeftover) is housekeeping: marked periodic so that a
  // run whose only pending work is retrying stuck pods counts as settled.
  ctx.requeueAfter(key, state.settings.podMaxInUnschedulablePodsDuration, true);
  return [
    ...rotate,
    ...failureIntents(state, pod, key, result.message ?? '', result, profile.schedulerName, ctx.now),
    ...preemptionIntents(state, pod, key, outcome.preemption, profile.schedulerName, ctx.now),
  ];
}

/**
 * The activeQ order (K queuesort PrioritySort.Less): higher priority first, then the pod that
 * entered the queue earlier. Flotilla takes the pod's creation time as its queue timestamp (the
 * real queue refreshes it when a pod is moved back from backoff); equal pods keep the order they
 * became pending. Keys that are not pods (the flush, moves) keep their places.
 */
export function prioritySort(state: ClusterState, keys: readonly string[]): readonly string[] {
  const slots: number[] = [];
  const pods: { key: string; priority: number; created: number; at: number }[] = [];
  keys.forEach((key, at) => {
    const pod = key === FLUSH_KEY || key.startsWith(MOVE_KEY_PREFIX) ? undefined : getIn(state.pods, key);
    if (pod === undefined) return;
    slots.push(at);
    pods.push({ key, priority: podPriority(pod, state), created: pod.metadata.creationTimestamp ?? 0, at });
  });
  if (pods.length < 2) return keys;
  pods.sort((a, b) => b.priority - a.priority || a.created - b.created || a.at - b.at);
  const out = [...keys];
  slots.forEach((slot, i) => {
    out[slot] = (pods[i] as { key: string }).key;
  });
  return out;
}

/**
 * A scheduler controller for `profile`, named after its schedulerName. `options.scoreAllNodes`
 * adds what-if scores of infeasible nodes to the trace (for `flotilla explain --all-nodes`); it
 * never changes a decision.
 */
export function makeSchedulerController(profile: Profile, options: ScheduleOptions = {}): Controller {
  return {
    name: profile.schedulerName,
    // Pod after pod: each binding must be visible to the next pod's filters.
    sequential: true,
    keysFor: (change, state) => schedulerKeysFor(change, state, profile.schedulerName),
    order: prioritySort,
    reconcile(state, key, ctx) {
      if (key === FLUSH_KEY)
        return movePods(
          state,
          unschedulablePodKeys(state),
          ctx,
          'a cluster change may make them schedulable',
        );
      if (key.startsWith(MOVE_KEY_PREFIX))
        return movePods(state, [key.slice(MOVE_KEY_PREFIX.length)], ctx, 'the pod was updated');
      return reconcilePod(state, key, ctx, profile, options);
    },
  };
}

/** kube-scheduler's default profile as a controller named `default-scheduler`. */
export const schedulerController: Controller = makeSchedulerController(DEFAULT_PROFILE);
