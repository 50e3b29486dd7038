/**
 * NodeAffinity (K pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 * Filter: spec.nodeSelector and the required node affinity terms must hold.
 * Score: the sum of the weights of the preferred terms the node matches, normalized 100*s/max.
 */
import type { Pod } from '../../model';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from '../../model';
import { type FilterPlugin, failure, type ScorePlugin, SUCCESS } from '../framework';
import { defaultNormalizeInPlace } from '../normalizeScore';

/** Skip statuses, shared: most cycles skip. */
const NO_REQUIRED_AFFINITY = Object.freeze(failure('Skip', 'no node selector or required node affinity'));
const NO_PREFERRED_TERMS = Object.freeze(failure('Skip', 'no preferred node affinity terms'));

/** K nodeaffinity.ErrReasonPod. */
export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter(_cycle, pod) {
    // K node_affinity.go PreFilter: with no nodeSelector and no required node affinity the Filter
    // has nothing to do with the pod, so it returns Skip (and the Filter does not run).
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return required === undefined && pod.spec.nodeSelector === undefined ? NO_REQUIRED_AFFINITY : SUCCESS;
  },
  filter(_cycle, pod, nodeInfo) {
    return podMatchesNodeSelectorAndAffinity(pod, nodeInfo.node)
      ? SUCCESS
      : failure('UnschedulableAndUnresolvable', NODE_AFFINITY_REASON);
  },
};

function preferredTerms(pod: Pod) {
  return pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
}

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScoreReadsNodes: false,
  preScore(_cycle, pod) {
    // K PreScore returns Skip when the pod has no preferred terms: the plugin has nothing to say.
    return preferredTerms(pod).length === 0 ? NO_PREFERRED_TERMS : SUCCESS;
  },
  score(_cycle, pod, nodeInfo) {
    let sum = 0;
    for (const term of preferredTerms(pod)) {
      // A weight-0 term is ignored, as nodeaffinity.NewPreferredSchedulingTerms drops it.
      if (term.weight !== 0 && nodeSelectorTermMatches(term.preference, nodeInfo.node)) sum += term.weight;
    }
    return sum;
  },
  normalize(scores, count) {
    defaultNormalizeInPlace(scores, count, false);
  },
};
