/**
 * What InterPodAffinity's filter and score share: the failure reasons, the plugin's args, a pod's
 * terms by kind, counts per topology pair, and the walks over existing pods' terms.
 */
import type { Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../model';

import { derivedKey, type Memo } from '../../model';
import { type Cycle, failure, type NodeInfo } from '../framework';
import { type ExistingTerm, forCandidateTerms } from './affinityTermIndex';
import { candidateNodes, forClusterAntiTerms } from './clusterIndex';

/** K ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch. */
export const AFFINITY_RULES_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_RULES_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

/** The Skip statuses of PreFilter and PreScore (shared: most cycles skip). */
export const NO_AFFINITY_TO_CHECK = Object.freeze(failure('Skip', 'no pod affinity to check'));
export const NO_PREFERRED_AFFINITY = Object.freeze(failure('Skip', 'no preferred pod affinity'));
export const NO_PREFERENCES_APPLY = Object.freeze(failure('Skip', 'no pod affinity preferences apply'));

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** The empty term list (shared: most pods have no terms). */
const NO_TERMS: readonly never[] = Object.freeze([]);
export const requiredAffinity = (p: Pod): readonly PodAffinityTerm[] =>
  p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
export const requiredAnti = (p: Pod): readonly PodAffinityTerm[] =>
  p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
export const preferredAffinity = (p: Pod): readonly WeightedPodAffinityTerm[] =>
  p.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
export const preferredAnti = (p: Pod): readonly WeightedPodAffinityTerm[] =>
  p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
/** Whether the pod has pod affinity or anti-affinity terms (K NodeInfo.PodsWithAffinity membership). */
const hasAffinity = (p: Pod) =>
  p.spec.affinity?.podAffinity !== undefined || p.spec.affinity?.podAntiAffinity !== undefined;

/** Counts (or scores) per topology pair: topology key, then the label's value. */
export type PairCounts = Map<string, Map<string, number>>;

/**
 * The node's own value for label `key` (undefined when it lacks the label): a key such as
 * `constructor` must not find Object's prototype, or label-less nodes would share a domain.
 */
export function ownLabel(
  labels: Readonly<Record<string, string>> | undefined,
  key: string,
): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

export function bump(m: PairCounts, node: Node, key: string, by: number): void {
  const value = ownLabel(node.metadata.labels, key);
  if (value === undefined) return;
  let values = m.get(key);
  if (values === undefined) m.set(key, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + by);
}

/** The count of the pair (key, the node's value for key); 0 when the node lacks the label. */
export function countAt(m: PairCounts, key: string, value: string | undefined): number {
  return value === undefined ? 0 : (m.get(key)?.get(value) ?? 0);
}

/** A NodeInfo's pods with pod (anti-)affinity (K NodeInfo.PodsWithAffinity); NodeInfos are immutable, so memoized. */
const WITH_AFFINITY = derivedKey<NodeInfo, Pod[]>('scheduler.podsWithAffinity');
function affinityPods(memo: Memo, info: NodeInfo): Pod[] {
  const table = memo.table(WITH_AFFINITY);
  let v = table.get(info);
  if (v === undefined) table.set(info, (v = info.pods.filter(hasAffinity)));
  return v;
}

/**
 * Nodes with at least one pod that has pod (anti-)affinity (K HavePodsWithAffinityNodeInfoList),
 * for cycles without a node table: derived once per frozen node array (the engine's snapshot array
 * is replaced whenever a node or pod changes), else once per cycle.
 */
const AFFINITY_NODES = derivedKey<readonly NodeInfo[], readonly NodeInfo[]>(
  'scheduler.nodesWithAffinityPods',
);
function nodesWithAffinityPods(cycle: Cycle): readonly NodeInfo[] {
  const { memo } = cycle;
  let list = cycle.data.get('nodesWithAffinityPods') as readonly NodeInfo[] | undefined;
  if (list === undefined) {
    list = memo.derive(AFFINITY_NODES, cycle.nodes, (nodes) =>
      nodes.filter((info) => affinityPods(memo, info).length > 0),
    );
    cycle.data.set('nodesWithAffinityPods', list);
  }
  return list;
}

/**
 * Calls `visit` for each term of kinds `kinds` of the existing pods that could match a pod with
 * `podLabels`, with the node its owner runs on: required anti-affinity terms from the cluster-wide
 * index when the cycle has a node table (scoring terms then go by groups), else node by node over
 * the nodes with affinity pods.
 */
export function forExistingTerms(
  cycle: Cycle,
  podLabels: readonly string[],
  kinds: 'anti' | 'scoring',
  visit: (node: Node, t: ExistingTerm) => void,
): void {
  const table = cycle.table;
  if (table !== undefined && kinds === 'anti')
    forClusterAntiTerms(table, podLabels, (i, t) => visit((table.infos[i] as NodeInfo).node, t));
  else
    for (const info of nodesWithAffinityPods(cycle))
      forCandidateTerms(cycle.memo, info, podLabels, kinds, (t) => visit(info.node, t));
}

/**
 * Calls `visit` for each node that may hold a pod `term` matches: with a node table, the nodes
 * with a pod carrying a label the term's selector requires; else every node with pods.
 */
export function forNodesTermMayMatch(
  cycle: Cycle,
  term: PodAffinityTerm,
  visit: (info: NodeInfo) => void,
): void {
  const table = cycle.table;
  const nodes = table === undefined ? undefined : candidateNodes(table, term.labelSelector);
  if (table === undefined || nodes === undefined) {
    for (const info of cycle.nodes) if (info.pods.length > 0) visit(info);
    return;
  }
  for (const i of nodes) visit(table.infos[i] as NodeInfo);
}

/**
 * PreScore's result: scores per topology pair summed node by node (without a node table), plus,
 * with one, count maps kept beside the table, each adding `by` per count in the node's domain: the
 * pods matching each of the pod's own terms, and the matching groups of existing pods' terms
 * (clusterIndex.ts).
 */
