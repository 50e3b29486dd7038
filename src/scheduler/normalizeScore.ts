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
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    // Nothing to tell nodes apart: reversed counts mean "no node is penalised", so all get the max.
    return scores.map((s) => ({ name: s.name, score: reverse ? maxPriority : s.score }));
  }
  return scores.map((s) => {
    const scaled = Math.trunc((maxPriority * s.score) / maxCount);
    return { name: s.name, score: reverse ? maxPriority - scaled : scaled };
  });
}
