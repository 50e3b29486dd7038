/**
 * InterPodAffinity (K pkg/scheduler/framework/plugins/interpodaffinity: filtering.go, scoring.go).
 * Filter, from counts per topology pair computed once at PreFilter:
 * - required affinity: every term's topology key on the node, and some pod matching all terms in
 *   the node's domain (or, for the first pod of a group, no such pod anywhere and the pod matches
 *   its own terms) — else UnschedulableAndUnresolvable;
 * - required anti-affinity: no pod matching a term in the node's domain — else Unschedulable;
 * - existing pods' required anti-affinity: no pod whose term matches this pod in a domain of the
 *   node — else Unschedulable.
 * Score: per topology pair, + weight for each existing pod matching a preferred affinity term of
 * the pod, - weight per preferred anti-affinity term; existing pods' required affinity terms
 * matching the pod add hardPodAffinityWeight (1), their preferred terms add / subtract their
 * weight. A node scores the sum over its labels; normalized 100 x (s - min) / (max - min).
 */
import type { Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../model/objects';
import type { ClusterState } from '../../model/state';
import { derivedKey, type Memo } from '../../model/memo';
import {
  type Cycle,
  type FilterPlugin,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type ScorePlugin,
  type Status,
  SUCCESS,
} from '../framework';
import { type ExistingTerm, forCandidateTerms, labelKeys } from './affinityTermIndex';
import { candidateNodes, forCandidateTermGroups, forClusterAntiTerms, topologyCounts } from './clusterIndex';
import { countTermMatches, podMatchesTerm, termCountKey, termMatcher } from './podMatching';
import { ValueCounts } from './valueCounts';

/** K ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch. */
export const AFFINITY_RULES_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_RULES_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

/** The Skip statuses of PreFilter and PreScore (shared: most cycles skip). */
const NO_AFFINITY_TO_CHECK = Object.freeze(failure('Skip', 'no pod affinity to check'));
const NO_PREFERRED_AFFINITY = Object.freeze(failure('Skip', 'no preferred pod affinity'));
const NO_PREFERENCES_APPLY = Object.freeze(failure('Skip', 'no pod affinity preferences apply'));

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** The empty term list (shared: most pods have no terms). */
const NO_TERMS: readonly never[] = Object.freeze([]);
const requiredAffinity = (p: Pod): readonly PodAffinityTerm[] =>
  p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
const requiredAnti = (p: Pod): readonly PodAffinityTerm[] =>
  p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
const preferredAffinity = (p: Pod): readonly WeightedPodAffinityTerm[] =>
  p.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
const preferredAnti = (p: Pod): readonly WeightedPodAffinityTerm[] =>
  p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? NO_TERMS;
/** Whether the pod has pod affinity or anti-affinity terms (K NodeInfo.PodsWithAffinity membership). */
const hasAffinity = (p: Pod) =>
  p.spec.affinity?.podAffinity !== undefined || p.spec.affinity?.podAntiAffinity !== undefined;

/** Counts (or scores) per topology pair: topology key, then the label's value. */
type PairCounts = Map<string, Map<string, number>>;

/**
 * The node's own value for label `key` (undefined when it lacks the label): a key such as
 * `constructor` must not find Object's prototype, or label-less nodes would share a domain.
 */
function ownLabel(labels: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function bump(m: PairCounts, node: Node, key: string, by: number): void {
  const value = ownLabel(node.metadata.labels, key);
  if (value === undefined) return;
  let values = m.get(key);
  if (values === undefined) m.set(key, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + by);
}

/** The count of the pair (key, the node's value for key); 0 when the node lacks the label. */
function countAt(m: PairCounts, key: string, value: string | undefined): number {
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
function forExistingTerms(
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
function forNodesTermMayMatch(cycle: Cycle, term: PodAffinityTerm, visit: (info: NodeInfo) => void): void {
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
/** Existing pods' terms that act alike on the pod: their weight and counts per topology value. */
interface ScoreGroup {
  key: string;
  by: number;
  pairs: ValueCounts;
}

interface ScoreState {
  own: PairCounts;
  groups: ScoreGroup[];
}

/**
 * The Score rule (K scoring.go Score): the sum, over the topology pairs PreScore counted, of the
 * node's pair's count times its weight; `valueOf` gives the node's value of a topology key and
 * `groupAt` a group's count at the node. score() and scoreTable() both apply it.
 */
function affinityScore(
  s: ScoreState,
  valueOf: (key: string) => string | undefined,
  groupAt: (group: ScoreGroup) => number,
): number {
  let total = 0;
  for (const key of s.own.keys()) total += countAt(s.own, key, valueOf(key));
  for (const group of s.groups) if (valueOf(group.key) !== undefined) total += group.by * groupAt(group);
  return total;
}

const ANTI_AFFINITY_FAILURE = Object.freeze(failure('Unschedulable', ANTI_AFFINITY_RULES_REASON));
const EXISTING_ANTI_FAILURE = Object.freeze(failure('Unschedulable', EXISTING_ANTI_AFFINITY_REASON));

/**
 * The anti-affinity part of the Filter rule (K filtering.go satisfyPodAntiAffinity and
 * satisfyExistingPodsAntiAffinity): a pod the incoming pod's anti-affinity matches, or whose own
 * anti-affinity matches the incoming pod, in the node's domain. `valueOf` gives the node's value
 * of a topology key. filter() and the screen both apply it.
 */
function antiAffinityStatus(s: FilterState, pod: Pod, valueOf: (key: string) => string | undefined): Status {
  for (const t of requiredAnti(pod))
    if (countAt(s.anti, t.topologyKey, valueOf(t.topologyKey)) > 0) return ANTI_AFFINITY_FAILURE;
  for (const key of s.existingAnti.keys())
    if (countAt(s.existingAnti, key, valueOf(key)) > 0) return EXISTING_ANTI_FAILURE;
  return SUCCESS;
}

interface FilterState {
  affinity: PairCounts;
  anti: PairCounts;
  existingAnti: PairCounts;
}

function matchesAll(terms: readonly PodAffinityTerm[], owner: Pod, pod: Pod, state: ClusterState): boolean {
  return terms.length > 0 && terms.every((t) => podMatchesTerm(t, owner, pod, state));
}

export function makeInterPodAffinity(args: InterPodAffinityArgs): {
  filter: FilterPlugin;
  score: ScorePlugin;
} {
  const filter: FilterPlugin = {
    name: 'InterPodAffinity',
    preFilter(cycle, pod) {
      const state = cycle.state;
      let existingAnti: PairCounts | undefined;
      const podLabels = labelKeys(cycle.memo, pod);
      forExistingTerms(cycle, podLabels, 'anti', (node, { owner, term }) => {
        if (podMatchesTerm(term, owner, pod, state))
          bump((existingAnti ??= new Map()), node, term.topologyKey, 1);
      });
      const aff = requiredAffinity(pod);
      const anti = requiredAnti(pod);
      if (aff.length === 0 && anti.length === 0 && (existingAnti?.size ?? 0) === 0)
        return NO_AFFINITY_TO_CHECK;
      const affinity: PairCounts = new Map();
      const antiCounts: PairCounts = new Map();
      const affKey = aff.length === 1 ? termCountKey(cycle.memo, aff[0] as PodAffinityTerm, pod) : undefined;
      const antiKeys = anti.map((t) => [t, termCountKey(cycle.memo, t, pod)] as const);
      // Sums of counts, so visiting term by term gives what visiting node by node gives.
      if (aff.length > 0)
        forNodesTermMayMatch(cycle, aff[0] as PodAffinityTerm, (info) => {
          // A pod counts for affinity when it matches every term; with one term that is a count.
          const matchingAll =
            aff.length === 1
              ? countTermMatches(cycle.memo, info, aff[0] as PodAffinityTerm, pod, state, affKey)
              : info.pods.filter((other) => matchesAll(aff, pod, other, state)).length;
          if (matchingAll > 0) for (const t of aff) bump(affinity, info.node, t.topologyKey, matchingAll);
        });
      for (const [t, key] of antiKeys)
        forNodesTermMayMatch(cycle, t, (info) => {
          const n = countTermMatches(cycle.memo, info, t, pod, state, key);
          if (n > 0) bump(antiCounts, info.node, t.topologyKey, n);
        });
      cycle.data.set('PreFilterInterPodAffinity', {
        affinity,
        anti: antiCounts,
        existingAnti: existingAnti ?? new Map(),
      } satisfies FilterState);
      return SUCCESS;
    },
    filter(cycle, pod, info) {
      const s = cycle.data.get('PreFilterInterPodAffinity') as FilterState | undefined;
      if (s === undefined) return SUCCESS;
      const labels = info.node.metadata.labels ?? {};
      const aff = requiredAffinity(pod);
      let podsExist = true;
      for (const t of aff) {
        const v = ownLabel(labels, t.topologyKey);
        if (v === undefined) return failure('UnschedulableAndUnresolvable', AFFINITY_RULES_REASON);
        if (countAt(s.affinity, t.topologyKey, v) <= 0) podsExist = false;
      }
      // The first pod of a group with affinity to itself may go anywhere (K satisfyPodAffinity).
      if (!podsExist && !(s.affinity.size === 0 && matchesAll(aff, pod, pod, cycle.state)))
        return failure('UnschedulableAndUnresolvable', AFFINITY_RULES_REASON);
      return antiAffinityStatus(s, pod, (key) => ownLabel(labels, key));
    },
    screen(cycle, pod, table, idx, count, mayFail) {
      const s = cycle.data.get('PreFilterInterPodAffinity') as FilterState | undefined;
      if (s === undefined) {
        return false;
      }
      // Required affinity has its first-pod rule and the node's NodeInfo: left to filter().
      // Otherwise the node's verdict is the anti-affinity rule, asked here.
      if (requiredAffinity(pod).length > 0) {
        mayFail.fill(1, 0, count);
        return true;
      }
      // The anti-affinity rule on each node's label values, read from the table's columns.
      let at = 0;
      const valueOf = (key: string) => table.labelColumn(key)[at];
      let any = false;
      for (let k = 0; k < count; k++) {
        at = idx[k] as number;
        const fails = antiAffinityStatus(s, pod, valueOf) === SUCCESS ? 0 : 1;
        mayFail[k] = fails;
        any ||= fails === 1;
      }
      return any;
    },
  };

  const score: ScorePlugin = {
    name: 'InterPodAffinity',
    weight: 2,
    preScoreReadsNodes: false,
    preScore(cycle, pod) {
      const state = cycle.state;
      const own = preferredAffinity(pod).length > 0 || preferredAnti(pod).length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !own) return NO_PREFERRED_AFFINITY;
      const m: PairCounts = new Map();
      const groups: ScoreState['groups'] = [];
      const table = cycle.table;
      // The pod's own preferred terms, against every pod of the cluster: a count per node.
      if (own) {
        const terms = [
          ...preferredAffinity(pod).map((t) => ({ t, by: t.weight })),
          ...preferredAnti(pod).map((t) => ({ t, by: -t.weight })),
        ]
          .filter(({ t }) => t.weight !== 0)
          .map(({ t, by }) => ({
            term: t.podAffinityTerm,
            by,
            key: termCountKey(cycle.memo, t.podAffinityTerm, pod),
          }));
        for (const { term, by, key } of terms) {
          if (table !== undefined && key !== undefined) {
            // The matches per topology value, kept up to date beside the table (clusterIndex.ts).
            const matches = termMatcher(term, pod.metadata.namespace ?? 'default');
            const pairs = topologyCounts(table, `term ${key}`, term.labelSelector, term.topologyKey, matches);
            if (pairs.values.size > 0) groups.push({ key: term.topologyKey, by, pairs });
            continue;
          }
          forNodesTermMayMatch(cycle, term, (info) => {
            const n = countTermMatches(cycle.memo, info, term, pod, state, key);
            if (n > 0) bump(m, info.node, term.topologyKey, by * n);
          });
        }
      }
      // Existing pods' terms that match the pod: only pods with affinity have any.
      const podLabels = labelKeys(cycle.memo, pod);
      const effect = ({ owner, term, kind, weight }: ExistingTerm): number => {
        if (kind === 'requiredAffinity' && args.hardPodAffinityWeight <= 0) return 0;
        if (!podMatchesTerm(term, owner, pod, state)) return 0;
        return kind === 'requiredAffinity'
          ? args.hardPodAffinityWeight
          : kind === 'preferredAffinity'
            ? weight
            : -weight;
      };
      // With ignorePreferredTermsOfExistingPods the cycle got here only because the pod has
      // preferred terms of its own, and then Kubernetes processes existing pods' terms all the
      // same (K scoring.go PreScore: it skips only when !hasConstraints).
      if (table !== undefined)
        // A group's terms act alike: one check, then its counts per topology value stand for them.
        forCandidateTermGroups(table, podLabels, (group) => {
          if (group.pairs.values.size === 0) return;
          const by = effect(group.sample);
          if (by !== 0) groups.push({ key: group.sample.term.topologyKey, by, pairs: group.pairs });
        });
      else
        forExistingTerms(cycle, podLabels, 'scoring', (node, t) => {
          const by = effect(t);
          if (by !== 0) bump(m, node, t.term.topologyKey, by);
        });
      if (m.size === 0 && groups.length === 0) return NO_PREFERENCES_APPLY;
      cycle.data.set('PreScoreInterPodAffinity', { own: m, groups } satisfies ScoreState);
      return SUCCESS;
    },
    score(cycle, _pod, info) {
      const s = cycle.data.get('PreScoreInterPodAffinity') as ScoreState | undefined;
      if (s === undefined) return 0;
      const labels = info.node.metadata.labels ?? {};
      return affinityScore(
        s,
        (key) => ownLabel(labels, key),
        ({ key, pairs }) => {
          const value = ownLabel(labels, key);
          return value === undefined ? 0 : (pairs.values.get(value) ?? 0);
        },
      );
    },
    scoreTable(cycle, _pod, table, idx, count, out) {
      const s = cycle.data.get('PreScoreInterPodAffinity') as ScoreState | undefined;
      if (s === undefined) {
        out.fill(0, 0, count);
        return undefined;
      }
      // The rule on each node's label values from the table's columns, and the groups' counts by
      // node index (ValueCounts.perNode: the same counts, without a lookup by value).
      let at = 0;
      const valueOf = (key: string) => table.labelColumn(key)[at];
      const groupAt = (group: ScoreGroup) => group.pairs.perNode()[at] as number;
      let same = true;
      for (let k = 0; k < count; k++) {
        at = idx[k] as number;
        out[k] = affinityScore(s, valueOf, groupAt);
        same &&= out[k] === out[0];
      }
      if (!same || count === 0) return undefined;
      // Every node scored alike: one normalized score for all.
      const one = Float64Array.of(out[0] as number);
      minMaxNormalize(one, 1);
      return one[0] as number;
    },
    normalize(scores, count) {
      minMaxNormalize(scores, count);
    },
  };
  return { filter, score };
}

/** K scoring.go NormalizeScore: 100 x (s - min) / (max - min), truncated; all 0 when every score is equal. */
function minMaxNormalize(scores: Float64Array, count: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    min = Math.min(min, scores[i] as number);
    max = Math.max(max, scores[i] as number);
  }
  const diff = max - min;
  for (let i = 0; i < count; i++)
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] as number) - min) / diff)) : 0;
}
