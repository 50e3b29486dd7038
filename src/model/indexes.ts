/**
 * Indexes derived from the state (never stored in it, so they cannot drift): memoised per bucket of
 * the sharded collections (see groupedIndex), they turn "every pod on node X" from a scan of every
 * pod into a merge of small cached lists. Each returns what the full scan would, sorted by key.
 */
import type { Pod } from './objects';
import { groupedIndex } from './sharded';
import type { ClusterState, PodRuntime } from './state';

const podsByNode = groupedIndex<Pod>((p) => p.spec.nodeName);
const podsByController = groupedIndex<Pod>(
  (p) => p.metadata.ownerReferences?.find((o) => o.controller === true)?.uid,
);
const runtimeByNode = groupedIndex<PodRuntime>((r) => r.node);

/** [key, pod] of the pods bound to `node` (spec.nodeName), whatever their phase. */
export function podsOnNode(state: ClusterState, node: string): [string, Pod][] {
  return podsByNode(state.pods, node);
}

/** [key, pod] of the pods whose controlling owner has this uid. */
export function podsControlledBy(state: ClusterState, uid: string): [string, Pod][] {
  return podsByController(state.pods, uid);
}

/** [key, runtime] of the pods the kubelet of `node` has admitted. */
export function runtimesOnNode(state: ClusterState, node: string): [string, PodRuntime][] {
  return runtimeByNode(state.podRuntime, node);
}
