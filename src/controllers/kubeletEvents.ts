/**
 * The kubelet's event reasons and messages (K pkg/kubelet/events/event.go and
 * pkg/kubelet/kuberuntime/kuberuntime_container.go, kuberuntime_image.go).
 */
import type { EventIntent, Pod } from '../model';

export const REASON = {
  pulling: 'Pulling',
  pulled: 'Pulled',
  created: 'Created',
  started: 'Started',
  killing: 'Killing',
  backOff: 'BackOff',
  /** A failed probe (K pkg/kubelet/events ContainerUnhealthy). */
  unhealthy: 'Unhealthy',
  outOfResource: 'OutOf',
} as const;

/** An event on a container of a pod, from the kubelet of `node`. */
export function containerEvent(
  pod: Pod,
  container: string,
  node: string,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): EventIntent {
  return {
    op: 'event',
    object: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      fieldPath: `spec.containers{${container}}`,
    },
    type,
    reason,
    message,
    source: { component: 'kubelet', host: node },
  };
}

/** `name_namespace(uid)`, the way kubelet names a pod in messages (format.Pod). */
export function podDesc(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`;
}

/** `5s`, `1.5s`, `2m0s`: Go's time.Duration String for the durations kubelet prints. */
export function goDuration(ms: number): string {
  if (ms < 60_000) return `${ms / 1000}s`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m < 60) return `${m}m${s}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s}s`;
}
