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
import type { Node, Pod, PodAffinityTerm } from '../../model/objects';
import type { ClusterState } from '../../model/state';
import {
  type Cycle,
  type FilterPlugin,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type ScorePlugin,
  SUCCESS,
} from '../framework';
import { forCandidateTerms, labelKeys } from './affinityTermIndex';
import { countTermMatches, podMatchesTerm, termCountKey } from './podMatching';

/** K ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch. */
export const AFFINITY_RULES_REASON = "node(s) didn't match pod affinity rules";
export const ANTI_AFFINITY_RULES_REASON = "node(s) didn't match pod anti-affinity rules";
export const EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

const requiredAffinity = (p: Pod) =>
  p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
const requiredAnti = (p: Pod) =>
  p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
const preferredAffinity = (p: Pod) =>
  p.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
const preferredAnti = (p: Pod) =>
  p.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
/** Whether the pod has pod affinity or anti-affinity terms (K NodeInfo.PodsWithAffinity membership). */
export const hasAffinity = (p: Pod) =>
  p.spec.affinity?.podAffinity !== undefined || p.spec.affinity?.podAntiAffinity !== undefined;

const pair = (key: string, value: string) => `${key}\u0000${value}`;

function bump(m: Map<string, number>, node: Node, key: string, by: number): void {
  const value = node.metadata.labels?.[key];
  if (value === undefined) return;
  const k = pair(key, value);
  m.set(k, (m.get(k) ?? 0) + by);
}

/** A NodeInfo's pods with pod (anti-)affinity (K NodeInfo.PodsWithAffinity); NodeInfos are immutable, so memoized. */
const withAffinity = new WeakMap<NodeInfo, Pod[]>();
function affinityPods(info: NodeInfo): Pod[] {
  let v = withAffinity.get(info);
  if (v === undefined) withAffinity.set(info, (v = info.pods.filter(hasAffinity)));
  return v;
}
const hasAffinityPods = (info: NodeInfo) => affinityPods(info).length > 0;

/**
 * Nodes with at least one pod that has pod (anti-)affinity (K HavePodsWithAffinityNodeInfoList):
 * the cycle's list when its caller keeps one, else derived once per node array (the engine's
 * snapshot array is replaced whenever a node or pod changes).
 */
const affinityNodesOf = new WeakMap<readonly NodeInfo[], readonly NodeInfo[]>();
function nodesWithAffinityPods(cycle: Cycle): readonly NodeInfo[] {
  if (cycle.affinityNodes !== undefined) return cycle.affinityNodes;
  let list =
    affinityNodesOf.get(cycle.nodes) ?? (cycle.data.get('nodesWithAffinityPods') as NodeInfo[] | undefined);
  if (list === undefined) {
    list = cycle.nodes.filter(hasAffinityPods);
    if (Object.isFrozen(cycle.nodes)) affinityNodesOf.set(cycle.nodes, list);
    else cycle.data.set('nodesWithAffinityPods', list);
  }
  return list;
}

interface FilterState {
  affinity: Map<string, number>;
  anti: Map<string, number>;
  existingAnti: Map<string, number>;
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
      const existingAnti = new Map<string, number>();
      const podLabels = labelKeys(pod);
      for (const info of nodesWithAffinityPods(cycle))
        forCandidateTerms(info, podLabels, 'anti', ({ owner, term }) => {
          if (podMatchesTerm(term, owner, pod, state)) bump(existingAnti, info.node, term.topologyKey, 1);
        });
      const aff = requiredAffinity(pod);
      const anti = requiredAnti(pod);
      if (aff.length === 0 && anti.length === 0 && existingAnti.size === 0)
        return failure('Skip', 'no pod affinity to check');
      const affinity = new Map<string, number>();
      const antiCounts = new Map<string, number>();
      const affKey = aff.length === 1 ? termCountKey(aff[0] as PodAffinityTerm, pod) : undefined;
      const antiKeys = anti.map((t) => [t, termCountKey(t, pod)] as const);
      if (aff.length > 0 || anti.length > 0)
        for (const info of cycle.nodes) {
          if (info.pods.length === 0) continue;
          // A pod counts for affinity when it matches every term; with one term that is a count.
          const matchingAll =
            aff.length === 1
              ? countTermMatches(info, aff[0] as PodAffinityTerm, pod, state, affKey)
              : aff.length === 0
                ? 0
                : info.pods.filter((other) => matchesAll(aff, pod, other, state)).length;
          if (matchingAll > 0) for (const t of aff) bump(affinity, info.node, t.topologyKey, matchingAll);
          for (const [t, key] of antiKeys) {
            const n = countTermMatches(info, t, pod, state, key);
            if (n > 0) bump(antiCounts, info.node, t.topologyKey, n);
          }
        }
      cycle.data.set('PreFilterInterPodAffinity', {
        affinity,
        anti: antiCounts,
        existingAnti,
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
        const v = labels[t.topologyKey];
        if (v === undefined) return failure('UnschedulableAndUnresolvable', AFFINITY_RULES_REASON);
        if ((s.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
      }
      // The first pod of a group with affinity to itself may go anywhere (K satisfyPodAffinity).
      if (!podsExist && !(s.affinity.size === 0 && matchesAll(aff, pod, pod, cycle.state)))
        return failure('UnschedulableAndUnresolvable', AFFINITY_RULES_REASON);
      for (const t of requiredAnti(pod)) {
        const v = labels[t.topologyKey];
        if (v !== undefined && (s.anti.get(pair(t.topologyKey, v)) ?? 0) > 0)
          return failure('Unschedulable', ANTI_AFFINITY_RULES_REASON);
      }
      if (s.existingAnti.size > 0)
        for (const [k, v] of Object.entries(labels))
          if ((s.existingAnti.get(pair(k, v)) ?? 0) > 0)
            return failure('Unschedulable', EXISTING_ANTI_AFFINITY_REASON);
      return SUCCESS;
    },
  };

  const score: ScorePlugin = {
    name: 'InterPodAffinity',
    weight: 2,
    preScore(cycle, pod) {
      const state = cycle.state;
      const own = preferredAffinity(pod).length > 0 || preferredAnti(pod).length > 0;
      if (args.ignorePreferredTermsOfExistingPods && !own)
        return failure('Skip', 'no preferred pod affinity');
      const m = new Map<string, number>();
      // The pod's own preferred terms, against every pod of the cluster: a count per node.
      if (own) {
        const terms = [
          ...preferredAffinity(pod).map((t) => ({ t, by: t.weight })),
          ...preferredAnti(pod).map((t) => ({ t, by: -t.weight })),
        ]
          .filter(({ t }) => t.weight !== 0)
          .map(({ t, by }) => ({ term: t.podAffinityTerm, by, key: termCountKey(t.podAffinityTerm, pod) }));
        for (const info of cycle.nodes) {
          if (info.pods.length === 0) continue;
          for (const { term, by, key } of terms) {
            const n = countTermMatches(info, term, pod, state, key);
            if (n > 0) bump(m, info.node, term.topologyKey, by * n);
          }
        }
      }
      // Existing pods' terms that match the pod: only pods with affinity have any.
      const podLabels = labelKeys(pod);
      if (!args.ignorePreferredTermsOfExistingPods)
        for (const info of nodesWithAffinityPods(cycle))
          forCandidateTerms(info, podLabels, 'scoring', ({ owner, term, kind, weight }) => {
            if (kind === 'requiredAffinity' && args.hardPodAffinityWeight <= 0) return;
            if (!podMatchesTerm(term, owner, pod, state)) return;
            const by =
              kind === 'requiredAffinity'
                ? args.hardPodAffinityWeight
                : kind === 'preferredAffinity'
                  ? weight
                  : -weight;
            bump(m, info.node, term.topologyKey, by);
          });
      if (m.size === 0) return failure('Skip', 'no pod affinity preferences apply');
      cycle.data.set('PreScoreInterPodAffinity', m);
      return SUCCESS;
    },
    score(cycle, _pod, info) {
      const m = cycle.data.get('PreScoreInterPodAffinity') as Map<string, number> | undefined;
      if (m === undefined) return 0;
      let s = 0;
      for (const [k, v] of Object.entries(info.node.metadata.labels ?? {})) s += m.get(pair(k, v)) ?? 0;
      return s;
    },
    normalize(scores) {
      let min = Infinity;
      let max = -Infinity;
      for (const x of scores) {
        min = Math.min(min, x.score);
        max = Math.max(max, x.score);
      }
      const diff = max - min;
      return scores.map((x) => ({
        name: x.name,
        score: diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((x.score - min) / diff)) : 0,
      }));
    },
  };
  return { filter, score };
}
