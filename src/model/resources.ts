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
  const limits = c.resources?.limits;
  const requests = c.resources?.requests;
  // The keys of { ...limits, ...requests } in that order, without building the merged object.
  if (limits !== undefined)
    for (const name in limits) {
      const text = requests !== undefined && Object.hasOwn(requests, name) ? requests[name] : limits[name];
      putAmount(out, name, text);
    }
  if (requests !== undefined)
    for (const name in requests)
      if (limits === undefined || !Object.hasOwn(limits, name)) putAmount(out, name, requests[name]);
  return out;
}

function putAmount(out: ResourceList, name: string, text: string | number | undefined): void {
  if (text === undefined) return;
  const v = canonicalAmount(name, text);
  if (v !== undefined) out[name] = v;
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
  return podRequestsBoth(pod).nonZero;
}

/** A container's requests for scoring, from its requests `r` (see podNonZeroRequests). */
function nonZeroOf(c: Container, r: ResourceList): ResourceList {
  const explicit = c.resources?.requests ?? {};
  return {
    ...r,
    cpu: r.cpu ?? ('cpu' in explicit ? 0 : DEFAULT_MILLI_CPU_REQUEST),
    memory: r.memory ?? ('memory' in explicit ? 0 : DEFAULT_MEMORY_REQUEST),
  };
}

/** podRequests and podNonZeroRequests in one pass, each container's requests parsed once. */
export function podRequestsBoth(pod: Pod): { requests: ResourceList; nonZero: ResourceList } {
  const requests: ResourceList = {};
  const nonZero: ResourceList = {};
  for (const c of pod.spec.containers) {
    const r = containerRequests(c);
    addResources(requests, r);
    addResources(nonZero, nonZeroOf(c, r));
  }
  // As for real requests, an init container larger than the sum raises it (framework/types.go).
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    maxResources(requests, r);
    maxResources(nonZero, nonZeroOf(c, r));
  }
  return { requests, nonZero };
}

// for-in rather than Object.entries: these run for every pod scheduled and bound, and the
// entry arrays were a tenth of the scheduler's allocations.
export function addResources(into: ResourceList, add: ResourceList): void {
  for (const k in add) into[k] = (into[k] ?? 0) + (add[k] as number);
}

function maxResources(into: ResourceList, other: ResourceList): void {
  for (const k in other) into[k] = Math.max(into[k] ?? 0, other[k] as number);
}
