/**
 * Builds the scheduler's view of the nodes (K pkg/scheduler/backend/cache snapshot): for each Node,
 * the pods bound to it and the resources they request.
 */
import type { ClusterState, Memo, Node, Pod, ResourceList } from '../model';
import { addResources, entriesIn, podRequestsBoth } from '../model';
import { podMemo } from './podMemo';

/** A node as the scheduler sees it: the Node plus what the pods on it already take (K NodeInfo). */
export interface NodeInfo {
  readonly name: string;
  readonly node: Node;
  /** Pods bound to the node that still hold resources (terminating ones included). */
  readonly pods: readonly Pod[];
  /** Sum of the pods' requests (K NodeInfo.Requested). */
  readonly requested: ResourceList;
  /** Same with 100m / 200Mi for missing cpu / memory requests (K NodeInfo.NonZeroRequested). */
  readonly nonZeroRequested: ResourceList;
  /** The node's allocatable resources, with `pods` defaulted to 110 when absent. */
  readonly allocatable: ResourceList;
}

/** Pods a node admits when its allocatable has no `pods` entry (the kubelet's --max-pods default). */
const DEFAULT_MAX_PODS = 110;

/**
 * Whether a bound pod still holds its node's resources. A pod being deleted does (its containers
 * run until the grace period ends and the kubelet reports it gone); a pod in phase Succeeded or
 * Failed does not, as its containers have exited.
 */
export function podHoldsResources(pod: Pod): boolean {
  return pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

/**
 * The pod's requests and non-zero requests (memoized in `memo` for frozen pods, see podMemo;
 * computed afresh without one).
 */
export function requestsOf(pod: Pod, memo?: Memo): { requests: ResourceList; nonZero: ResourceList } {
  if (memo === undefined) return podRequestsBoth(pod);
  return (podMemo(memo, pod).requests ??= podRequestsBoth(pod));
}

/** A NodeInfo for `node` with `pods` on it. */
export function makeNodeInfo(node: Node, pods: readonly Pod[], memo?: Memo): NodeInfo {
  const requested: ResourceList = {};
  const nonZeroRequested: ResourceList = {};
  for (const pod of pods) {
    const { requests, nonZero } = requestsOf(pod, memo);
    addResources(requested, requests);
    addResources(nonZeroRequested, nonZero);
  }
  const allocatable: ResourceList = { ...node.status.allocatable };
  if (allocatable.pods === undefined) allocatable.pods = DEFAULT_MAX_PODS;
  return { name: node.metadata.name, node, pods, requested, nonZeroRequested, allocatable };
}

/**
 * `info` with `pod` added after its pods (K NodeInfo.AddPod): the sums are updated rather than
 * recomputed, and equal makeNodeInfo(info.node, [...info.pods, pod]).
 */
export function withPod(info: NodeInfo, pod: Pod, memo?: Memo): NodeInfo {
  const { requests, nonZero } = requestsOf(pod, memo);
  const requested = { ...info.requested };
  addResources(requested, requests);
  const nonZeroRequested = { ...info.nonZeroRequested };
  addResources(nonZeroRequested, nonZero);
  // Spelled out: one object shape for every NodeInfo, whatever `info` carried.
  const after: NodeInfo = {
    name: info.name,
    node: info.node,
    pods: [...info.pods, pod],
    requested,
    nonZeroRequested,
    allocatable: info.allocatable,
  };
  return after;
}

/** Whether a bound pod counts on `nodeName`'s NodeInfo; returns that node or undefined. */
export function placement(pod: Pod): string | undefined {
  const nodeName = pod.spec.nodeName;
  return nodeName === undefined || nodeName === '' || !podHoldsResources(pod) ? undefined : nodeName;
}

/** Pods in key order: record order may differ after a rewind (patches re-add keys). */
export function sortedPods(pods: ReadonlyMap<string, Pod>): Pod[] {
  return [...pods.keys()].sort().map((k) => pods.get(k) as Pod);
}

/** Every node's NodeInfo from scratch, sorted by node name so every cycle visits nodes in one order. */
export function buildNodeInfos(state: ClusterState): NodeInfo[] {
  const podsByNode = new Map<string, Map<string, Pod>>();
  for (const [key, pod] of entriesIn(state.pods)) {
    const nodeName = placement(pod);
    if (nodeName === undefined) continue;
    let onNode = podsByNode.get(nodeName);
    if (!onNode) podsByNode.set(nodeName, (onNode = new Map()));
    onNode.set(key, pod);
  }
  return Object.keys(state.nodes)
    .sort()
    .map((name) => makeNodeInfo(state.nodes[name] as Node, sortedPods(podsByNode.get(name) ?? new Map())));
}
