/**
 * What the kubelet reports about a pod: its phase from the container states (getPhase in
 * K pkg/kubelet/kubelet_pods.go) and its conditions (K pkg/kubelet/status/generate.go).
 */
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../model';

/** The phase the kubelet computes from container statuses and the restart policy. */
export function computePhase(pod: Pod, statuses: readonly ContainerStatus[]): PodPhase {
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      // A container waiting to restart has run before: it counts as stopped, not pending.
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    // All containers are terminated (or waiting to restart after a run).
    if (pod.spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (pod.spec.restartPolicy === 'Never') return 'Failed';
    return 'Running'; // OnFailure: at least one failed and is restarting
  }
  return 'Pending';
}

/** Sets (or adds) a condition, moving lastTransitionTime only when the status changes. */
export function setCondition(
  conditions: PodCondition[],
  type: PodCondition['type'],
  status: PodCondition['status'],
  now: number,
  reason?: string,
  message?: string,
): void {
  const existing = conditions.find((c) => c.type === type);
  if (existing) {
    if (existing.status !== status) existing.lastTransitionTime = now;
    existing.status = status;
    if (reason === undefined) delete existing.reason;
    else existing.reason = reason;
    if (message === undefined) delete existing.message;
    else existing.message = message;
    return;
  }
  const c: PodCondition = { type, status, lastTransitionTime: now };
  if (reason !== undefined) c.reason = reason;
  if (message !== undefined) c.message = message;
  conditions.push(c);
}

/** Ready and ContainersReady from container readiness (no probes yet: running = ready). */
export function readinessConditions(
  conditions: PodCondition[],
  statuses: readonly ContainerStatus[],
  now: number,
  podSucceeded: boolean,
): void {
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  if (unready.length === 0) {
    setCondition(conditions, 'ContainersReady', 'True', now);
    setCondition(conditions, 'Ready', 'True', now);
    return;
  }
  const reason = podSucceeded ? 'PodCompleted' : 'ContainersNotReady';
  const message = podSucceeded ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  setCondition(conditions, 'ContainersReady', 'False', now, reason, message);
  setCondition(conditions, 'Ready', 'False', now, reason, message);
}

export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** When the pod last became Ready (for the ReplicaSet's deletion ranking). */
export function readySince(pod: Pod): number | undefined {
  const c = pod.status.conditions.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime;
}
