/**
 * Pod priority (K pkg/apis/scheduling, plugin/pkg/admission/priority): PriorityClass objects map a
 * name to an integer; the Priority admission plugin copies the class's value into spec.priority
 * (and its preemptionPolicy) when a pod is created. A pod without priorityClassName gets the
 * globalDefault class's value, or 0. Two classes always exist: system-cluster-critical and
 * system-node-critical.
 *
 * The classes live in `state.priorityClasses` (declared here by module augmentation, so the model
 * does not depend on the scheduler). They are loaded at t=0 from the scenario's manifests.
 */
import type { ClusterState, ObjectMeta, Pod } from '../model';

/** scheduling.k8s.io/v1 PriorityClass (cluster-scoped). */
export interface PriorityClass {
  apiVersion: 'scheduling.k8s.io/v1';
  kind: 'PriorityClass';
  metadata: ObjectMeta;
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  description?: string;
}

declare module '../model/state' {
  interface ClusterState {
    /** PriorityClasses by name (absent when the scenario defines none). */
    priorityClasses?: Record<string, PriorityClass>;
    /** Where the scheduler's next node walk starts (K Scheduler.nextStartNodeIndex). */
    schedulerNextStartNodeIndex?: number;
  }
}

/** K scheduling.SystemCriticalPriority and the two built-in classes (pkg/apis/scheduling/types.go). */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': SYSTEM_CRITICAL_PRIORITY,
  'system-node-critical': SYSTEM_CRITICAL_PRIORITY + 1000,
};

/** The highest user-definable value (K HighestUserDefinablePriority, 1e9). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

function globalDefault(
  classes: Readonly<Record<string, PriorityClass>> | undefined,
): PriorityClass | undefined {
  return Object.values(classes ?? {})
    .filter((c) => c.globalDefault === true)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
}

/** The class a pod's priority comes from, or undefined for the implicit 0. */
function classOf(pod: Pod, classes: Readonly<Record<string, PriorityClass>> | undefined) {
  const name = pod.spec.priorityClassName;
  if (name === undefined || name === '') return globalDefault(classes);
  return classes?.[name];
}

/**
 * What the Priority admission plugin does on create: sets spec.priority (and preemptionPolicy,
 * default PreemptLowerPriority) from the pod's class. Kubernetes refuses a pod naming an unknown
 * class; Flotilla admits it with priority 0 (a simplification: the engine has no rejected creates).
 */
export function admitPodPriority(
  pod: Pod,
  classes: Readonly<Record<string, PriorityClass>> | undefined,
): void {
  if (pod.spec.priority !== undefined) return;
  const name = pod.spec.priorityClassName;
  const system = name === undefined ? undefined : SYSTEM_PRIORITY_CLASSES[name];
  if (system !== undefined) {
    pod.spec.priority = system;
    return;
  }
  const cls = classOf(pod, classes);
  pod.spec.priority = cls?.value ?? 0;
  if (cls !== undefined && (name === undefined || name === ''))
    pod.spec.priorityClassName = cls.metadata.name;
  pod.spec.preemptionPolicy ??= cls?.preemptionPolicy ?? 'PreemptLowerPriority';
}

/** K corev1helpers.PodPriority: spec.priority, resolved from the class if admission did not set it. */
export function podPriority(pod: Pod, state?: Pick<ClusterState, 'priorityClasses'>): number {
  if (pod.spec.priority !== undefined) return pod.spec.priority;
  const name = pod.spec.priorityClassName;
  const system = name === undefined ? undefined : SYSTEM_PRIORITY_CLASSES[name];
  if (system !== undefined) return system;
  return classOf(pod, state?.priorityClasses)?.value ?? 0;
}

/** The pod's preemptionPolicy, from its spec or its class (default PreemptLowerPriority). */
export function podPreemptionPolicy(pod: Pod, state?: Pick<ClusterState, 'priorityClasses'>): string {
  const own = pod.spec.preemptionPolicy;
  if (typeof own === 'string') return own;
  return classOf(pod, state?.priorityClasses)?.preemptionPolicy ?? 'PreemptLowerPriority';
}
