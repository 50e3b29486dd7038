/**
 * InterPodAffinity's Filter (K interpodaffinity/filtering.go): required affinity, required
 * anti-affinity, and existing pods' required anti-affinity, from counts per topology pair computed
 * once at PreFilter.
 */
import type { ClusterState, Pod, PodAffinityTerm } from '../../model';

import { type FilterPlugin, failure, type Status, SUCCESS } from '../framework';
import { labelKeys } from './affinityTermIndex';

import { countTermMatches, podMatchesTerm, termCountKey } from './podMatching';

import {
  AFFINITY_RULES_REASON,
  ANTI_AFFINITY_RULES_REASON,
  EXISTING_ANTI_AFFINITY_REASON,
  NO_AFFINITY_TO_CHECK,
  type PairCounts,
  bump,
  countAt,
  forExistingTerms,
  forNodesTermMayMatch,
  ownLabel,
  requiredAffinity,
  requiredAnti,
} from './interPodAffinityTerms';

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

export const interPodAffinityFilter: FilterPlugin = {
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
    if (aff.length === 0 && anti.length === 0 && (existingAnti?.size ?? 0) === 0) return NO_AFFINITY_TO_CHECK;
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
