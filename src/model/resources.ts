/**
 * Pod resource requests as the scheduler and kubelet see them
 * (k8s.io/component-helpers/resource: PodRequests): the sum over containers, raised to the
 * largest init container where that is bigger.
 */
import type { Container, Pod } from './objects';
import { canonicalAmount, type ResourceList } from './quantity';

/** Canonical requests of one container (a limit without a request counts as the request, as the API defaults it). */
export function containerRequests(c: Container): ResourceList {
  const out: ResourceList = {};
  const limits = c.resources?.limits ?? {};
  const requests = { ...limits, ...(c.resources?.requests ?? {}) };
  for (const [name, text] of Object.entries(requests)) {
    const v = canonicalAmount(name, text);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Effective requests of a pod: max(sum of containers, each init container), per resource. */
export function podRequests(pod: Pod): ResourceList {
  const out: ResourceList = {};
  for (const c of pod.spec.containers) addResources(out, containerRequests(c));
  for (const c of pod.spec.initContainers ?? []) maxResources(out, containerRequests(c));
  return out;
}

/** Requests used for scoring: a container without a cpu (memory) request counts as 100m (200Mi). */
export const DEFAULT_MILLI_CPU_REQUEST = 100; // K pkg/scheduler/util/pod_resources.go
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024; // K pkg/scheduler/util/pod_resources.go

export function podNonZeroRequests(pod: Pod): ResourceList {
  const nonZero = (c: Container): ResourceList => {
    const r = containerRequests(c);
    const explicit = c.resources?.requests ?? {};
    return {
      ...r,
      cpu: r.cpu ?? ('cpu' in explicit ? 0 : DEFAULT_MILLI_CPU_REQUEST),
      memory: r.memory ?? ('memory' in explicit ? 0 : DEFAULT_MEMORY_REQUEST),
    };
  };
  const out: ResourceList = {};
  for (const c of pod.spec.containers) addResources(out, nonZero(c));
  // As for real requests, an init container larger than the sum raises it (framework/types.go).
  for (const c of pod.spec.initContainers ?? []) maxResources(out, nonZero(c));
  return out;
}

// for-in rather than Object.entries: these run for every pod scheduled and bound, and the
// entry arrays were a tenth of the scheduler's allocations.
export function addResources(into: ResourceList, add: ResourceList): void {
  for (const k in add) into[k] = (into[k] ?? 0) + (add[k] as number);
}

function maxResources(into: ResourceList, other: ResourceList): void {
  for (const k in other) into[k] = Math.max(into[k] ?? 0, other[k] as number);
}
