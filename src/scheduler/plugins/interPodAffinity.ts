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
 * The Filter is interPodAffinityFilter.ts, the Score interPodAffinityScore.ts, what they share
 * interPodAffinityTerms.ts.
 */
import type { FilterPlugin, ScorePlugin } from '../framework';
import { interPodAffinityFilter } from './interPodAffinityFilter';
import { makeInterPodAffinityScore } from './interPodAffinityScore';
import type { InterPodAffinityArgs } from './interPodAffinityTerms';

export {
  AFFINITY_RULES_REASON,
  ANTI_AFFINITY_RULES_REASON,
  EXISTING_ANTI_AFFINITY_REASON,
  type InterPodAffinityArgs,
} from './interPodAffinityTerms';

/** The plugin's Filter and Score, with `args` (pluginConfig InterPodAffinityArgs). */
export function makeInterPodAffinity(args: InterPodAffinityArgs): {
  filter: FilterPlugin;
  score: ScorePlugin;
} {
  return { filter: interPodAffinityFilter, score: makeInterPodAffinityScore(args) };
}
