/**
 * Nominated pods (K framework.RunFilterPluginsWithNominatedPods, addGENominatedPods): a pod that
 * preempted others waits for its victims to terminate with status.nominatedNodeName set. Until it
 * is bound, pods of equal or lower priority filtering that node must count it as already there,
 * so that the room its victims free is kept for it. Simplification: Kubernetes runs the filters
 * twice (with and without the nominated pods) and needs both to pass; Flotilla runs them once with
 * the nominated pods added, which differs only for filters that nominated pods could help
 * (required pod affinity to a nominated pod).
 */
import type { ClusterState, Pod } from '../model';
import { groupedIndex } from '../model';
import type { NodeInfo } from './framework';
import { makeNodeInfo } from './nodeInfo';
import { podPriority } from './priority';

const byNominatedNode = groupedIndex<Pod>((p) =>
  (p.spec.nodeName === undefined || p.spec.nodeName === '') && p.metadata.deletionTimestamp === undefined
    ? p.status.nominatedNodeName || undefined
    : undefined,
);

/** `info` with the pods nominated to it that rank at least as high as `pod` added (or `info` itself). */
export function withNominatedPods(state: ClusterState, pod: Pod, info: NodeInfo): NodeInfo {
  if (!byNominatedNode.any(state.pods)) return info; // the usual case: nobody is nominated
  const nominated = byNominatedNode(state.pods, info.name);
  if (nominated.length === 0) return info;
  const priority = podPriority(pod, state);
  const extra = nominated
    .map(([, p]) => p)
    .filter((p) => p.metadata.uid !== pod.metadata.uid && podPriority(p, state) >= priority);
  return extra.length === 0 ? info : makeNodeInfo(info.node, [...info.pods, ...extra]);
}

/** Whether any pod is nominated to a node (the usual answer, no, lets a cycle skip the per-node check). */
export function anyNominatedPods(state: ClusterState): boolean {
  return byNominatedNode.any(state.pods);
}
