/** Resolving what a command names: pods by name, name prefix or selector; nodes; deployments. */
import {
  type ClusterState,
  getIn,
  type LabelSelector,
  type Node,
  parseSelector,
  type Pod,
  selectorMatches,
  valuesIn,
} from '../../model';
import { CommandError } from '../simulation';

export interface PodTarget {
  namespace?: string;
  /** An exact pod name, or the name of its Deployment/ReplicaSet (`tooling` finds `tooling-5d…-x7k2p`). */
  pod?: string;
  /** A label selector in kubectl's string form (`app=tooling`), or as an object. */
  selector?: string | LabelSelector;
}

const live = (p: Pod) => p.metadata.deletionTimestamp === undefined;

/**
 * The pods a command acts on. A name that is not an exact pod name picks the oldest live pod whose
 * name starts with `<name>-` (ties by name), so a scenario can say `pod: tooling`.
 */
export function resolvePods(state: ClusterState, target: PodTarget): Pod[] {
  const ns = target.namespace ?? 'default';
  if (target.pod !== undefined) {
    // The common case, a pod's exact name, without a scan of every pod.
    const byKey = getIn(state.pods, `${ns}/${target.pod}`);
    if (
      byKey !== undefined &&
      byKey.metadata.name === target.pod &&
      (byKey.metadata.namespace ?? 'default') === ns
    )
      return [byKey];
  }
  const pods = valuesIn(state.pods).filter((p) => (p.metadata.namespace ?? 'default') === ns);
  if (target.pod !== undefined) {
    const exact = pods.find((p) => p.metadata.name === target.pod);
    if (exact) return [exact];
    const prefixed = pods
      .filter((p) => live(p) && p.metadata.name.startsWith(`${target.pod}-`))
      .sort(
        (a, b) =>
          a.metadata.creationTimestamp - b.metadata.creationTimestamp ||
          (a.metadata.name < b.metadata.name ? -1 : 1),
      );
    if (prefixed[0]) return [prefixed[0]];
    throw new CommandError(
      `no pod named "${target.pod}" (or created by a workload of that name) in namespace "${ns}"`,
    );
  }
  if (target.selector !== undefined) {
    const sel = typeof target.selector === 'string' ? parseSelector(target.selector) : target.selector;
    const found = pods
      .filter((p) => live(p) && selectorMatches(sel, p.metadata.labels))
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (found.length === 0)
      throw new CommandError(
        `no live pod matches selector "${typeof target.selector === 'string' ? target.selector : JSON.stringify(target.selector)}" in namespace "${ns}"`,
      );
    return found;
  }
  throw new CommandError('name a pod (pod:) or a label selector (selector:)');
}

export function resolveNode(state: ClusterState, name: string): Node {
  const node = state.nodes[name];
  if (node === undefined) {
    throw new CommandError(
      `no node named "${name}" (nodes: ${Object.keys(state.nodes).sort().join(', ') || 'none'})`,
    );
  }
  return node;
}
