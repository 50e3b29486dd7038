/**
 * Which object changes wake the scheduler (K pkg/scheduler/eventhandlers.go), as controller keys:
 * a pod to schedule wakes its own key; a change that may make unschedulable pods fit (a node added
 * or its scheduling properties changed, a bound pod deleted or finished) wakes FLUSH_KEY, which
 * moves every pod out of unschedulablePods. Simplification: Kubernetes' queueing hints move only
 * the pods whose failing plugins care about the event; Flotilla moves them all.
 */
import type { ClusterState, Node, ObjectChange, Pod } from '../model';
import { getIn } from '../model';
import { podHoldsResources } from './nodeInfo';

/** Key that moves every pod in unschedulablePods to backoffQ / activeQ. */
export const FLUSH_KEY = '*flush*';

/** Prefix of the key that moves one pod (`*move*:ns/name`): the pod itself was updated. */
export const MOVE_KEY_PREFIX = '*move*:';

/** Whether this scheduler should place the pod: unbound, not being deleted, Pending, and its schedulerName. */
export function needsScheduling(pod: Pod, schedulerName: string): boolean {
  return (
    (pod.spec.nodeName === undefined || pod.spec.nodeName === '') &&
    pod.metadata.deletionTimestamp === undefined &&
    pod.status.phase === 'Pending' &&
    pod.spec.schedulerName === schedulerName
  );
}

function sameRecord(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => (a ?? {})[k] === (b ?? {})[k]);
}

function conditionStatuses(node: Node): Record<string, string> {
  return Object.fromEntries(node.status.conditions.map((c) => [c.type, c.status]));
}

/**
 * Whether a Node update changed anything the scheduler looks at (K nodeSchedulingPropertiesChange):
 * unschedulable, allocatable, labels, taints, condition statuses or annotations. A heartbeat, which
 * only moves lastHeartbeatTime, does not, so it does not flush the queue every 10 s.
 */
function nodeSchedulingPropertiesChanged(before: Node, after: Node): boolean {
  return (
    (before.spec.unschedulable ?? false) !== (after.spec.unschedulable ?? false) ||
    !sameRecord(before.status.allocatable, after.status.allocatable) ||
    !sameRecord(before.metadata.labels, after.metadata.labels) ||
    JSON.stringify(before.spec.taints ?? []) !== JSON.stringify(after.spec.taints ?? []) ||
    !sameRecord(conditionStatuses(before), conditionStatuses(after)) ||
    !sameRecord(before.metadata.annotations, after.metadata.annotations)
  );
}

/** A bound pod gave its node's resources back: deleted, or its containers finished. */
function freedResources(before: Pod, after: Pod | undefined): boolean {
  if (before.spec.nodeName === undefined || before.spec.nodeName === '' || !podHoldsResources(before))
    return false;
  return after === undefined || !podHoldsResources(after);
}

/** The scheduler's keys for an object change. */
export function schedulerKeysFor(change: ObjectChange, state: ClusterState, schedulerName: string): string[] {
  if (change.kind === 'Node') {
    const after = change.after as Node | undefined;
    if (after === undefined) return [];
    const before = change.before as Node | undefined;
    return before === undefined || nodeSchedulingPropertiesChanged(before, after) ? [FLUSH_KEY] : [];
  }
  if (change.kind !== 'Pod') return [];
  const before = change.before as Pod | undefined;
  const after = change.after as Pod | undefined;
  const keys: string[] = [];
  if (after !== undefined && needsScheduling(after, schedulerName)) {
    const entry = getIn(state.schedulingQueue, change.key);
    if (entry === undefined) keys.push(change.key);
    // The scheduler's own status update leaves spec and labels untouched (immer keeps them
    // identical), so only a user's change to the pod moves it (K isPodUpdated).
    else if (
      entry.queue === 'unschedulable' &&
      before !== undefined &&
      (before.spec !== after.spec || before.metadata.labels !== after.metadata.labels)
    )
      keys.push(MOVE_KEY_PREFIX + change.key);
  }
  if (before !== undefined && freedResources(before, after)) keys.push(FLUSH_KEY);
  return keys;
}
