/**
 * The shared NormalizeScore helper (K pkg/scheduler/framework/plugins/helper/normalize_score.go
 * DefaultNormalizeScore): scale scores so that the highest becomes `maxPriority`, with integer
 * division as in Go; `reverse` turns "more is worse" counts into scores (TaintToleration).
 */
import { MAX_NODE_SCORE, type NodeScore } from './framework';

export function defaultNormalizeScore(
  scores: readonly NodeScore[],
  reverse: boolean,
  maxPriority: number = MAX_NODE_SCORE,
): NodeScore[] {
  const values = Float64Array.from(scores, (s) => s.score);
  defaultNormalizeInPlace(values, values.length, reverse, maxPriority);
  return scores.map((s, i) => ({ name: s.name, score: values[i] as number }));
}

/** defaultNormalizeScore over the first `count` of `scores`, in place. */
export function defaultNormalizeInPlace(
  scores: Float64Array,
  count: number,
  reverse: boolean,
  maxPriority: number = MAX_NODE_SCORE,
): void {
  let maxCount = 0;
  for (let i = 0; i < count; i++) if ((scores[i] as number) > maxCount) maxCount = scores[i] as number;
  if (maxCount === 0) {
    // Nothing to tell nodes apart: reversed counts mean "no node is penalised", so all get the max.
    if (reverse) scores.fill(maxPriority, 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const scaled = Math.trunc((maxPriority * (scores[i] as number)) / maxCount);
    scores[i] = reverse ? maxPriority - scaled : scaled;
  }
}
