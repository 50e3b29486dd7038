/**
 * "What would node-2 have scored?": scores for the nodes that failed a filter, for
 * `flotilla explain --all-nodes`. Kubernetes never scores them, so this is Flotilla's own answer:
 * PreScore runs on every evaluated node, and each infeasible node's raw score is normalized together
 * with the feasible nodes' raw scores, as if it alone had also passed the filters. The feasible
 * nodes keep the scores the real cycle gave them. When the real cycle scored nothing (no node or one
 * node passed), every evaluated node is normalized together. Selection is never affected.
 */
import {
  type Cycle,
  type NodeInfo,
  type NodeResult,
  type NodeScore,
  normalizeNodeScores,
  type Profile,
} from './framework';

function rawScores(profile: Profile, cycle: Cycle, nodes: readonly NodeInfo[]) {
  const out: { plugin: Profile['scorers'][number]; raw: Map<string, number> }[] = [];
  for (const plugin of profile.scorers) {
    if (plugin.preScore?.(cycle, cycle.pod, nodes).code === 'Skip') continue;
    out.push({ plugin, raw: new Map(nodes.map((n) => [n.name, plugin.score(cycle, cycle.pod, n)])) });
  }
  return out;
}

/** Fills `scores` and `total` of the infeasible nodes (and of all nodes if none were scored). */
export function scoreForExplanation(
  profile: Profile,
  cycle: Cycle,
  feasible: readonly NodeInfo[],
  infeasible: readonly NodeInfo[],
  byName: ReadonlyMap<string, NodeResult>,
): void {
  const evaluated = [...feasible, ...infeasible];
  const plugins = rawScores(profile, cycle, evaluated);
  const scoredForReal = feasible.length > 1;
  const targets = scoredForReal ? infeasible : evaluated;
  for (const nodeInfo of targets) {
    const entry = byName.get(nodeInfo.name) as NodeResult;
    entry.scores = {};
    entry.total = 0;
  }
  for (const { plugin, raw } of plugins) {
    const normalize = (list: NodeScore[]) => normalizeNodeScores(plugin, list, cycle);
    if (!scoredForReal) {
      const all = normalize(evaluated.map((n) => ({ name: n.name, score: raw.get(n.name) ?? 0 })));
      for (const s of all) add(byName, plugin.name, plugin.weight, s);
      continue;
    }
    const base = feasible.map((n) => ({ name: n.name, score: raw.get(n.name) ?? 0 }));
    for (const nodeInfo of infeasible) {
      const list = normalize([...base, { name: nodeInfo.name, score: raw.get(nodeInfo.name) ?? 0 }]);
      const mine = list[list.length - 1] as NodeScore;
      add(byName, plugin.name, plugin.weight, mine);
    }
  }
}

function add(byName: ReadonlyMap<string, NodeResult>, plugin: string, weight: number, s: NodeScore): void {
  const entry = byName.get(s.name) as NodeResult;
  entry.scores[plugin] = s.score;
  entry.total += s.score * weight;
}
