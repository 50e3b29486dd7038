/**
 * InterPodAffinity's Score (K interpodaffinity/scoring.go): per topology pair, + weight for each
 * existing pod matching a preferred affinity term of the pod, - weight per preferred anti-affinity
 * term; existing pods' required affinity terms matching the pod add hardPodAffinityWeight, their
 * preferred terms add or subtract their weight. A node scores the sum over its labels; normalized
 * 100 x (s - min) / (max - min).
 */

import { MAX_NODE_SCORE, type ScorePlugin, SUCCESS } from '../framework';
import { type ExistingTerm, labelKeys } from './affinityTermIndex';
import { forCandidateTermGroups, topologyCounts } from './clusterIndex';
import { countTermMatches, podMatchesTerm, termCountKey, termMatcher } from './podMatching';
import { ValueCounts } from './valueCounts';
import {
  NO_PREFERENCES_APPLY,
  NO_PREFERRED_AFFINITY,
  type PairCounts,
  bump,
  countAt,
  forExistingTerms,
  forNodesTermMayMatch,
  ownLabel,
  preferredAffinity,
  preferredAnti,
  type InterPodAffinityArgs,
} from './interPodAffinityTerms';

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

/** The plugin with `args` (pluginConfig InterPodAffinityArgs). */
export function makeInterPodAffinityScore(args: InterPodAffinityArgs): ScorePlugin {
  return {
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
