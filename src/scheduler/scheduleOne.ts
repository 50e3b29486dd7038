/**
 * One scheduling cycle for one pod (K pkg/scheduler/schedule_one.go schedulePod): run the filters
 * on every node, score the feasible ones, and pick the best, breaking ties at random. Pure: it
 * reads the frozen state and draws from the random source it is given, nothing else.
 *
 * Simplification: every node is filtered. Kubernetes does too below 100 nodes; above, it stops
 * after numFeasibleNodesToFind feasible nodes (percentageOfNodesToScore) from a rotating start.
 */
import { getIn } from '../model/sharded';
import type { Pod } from '../model/objects';
import type { ClusterState } from '../model/state';
import { failedSchedulingMessage } from './fitError';
import type {
  Cycle,
  FailureStatus,
  FilterVerdict,
  NodeInfo,
  NodeResult,
  NodeScore,
  Profile,
  SchedulingResult,
} from './framework';
import { requestsOf } from './nodeInfo';
import { snapshotNodeInfos } from './snapshot';

/** Runs the profile's filters on one node in order, stopping at the first failure (K RunFilterPlugins). */
export function runFilters(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  nodeInfo: NodeInfo,
): { verdicts: FilterVerdict[]; failed?: FailureStatus } {
  const verdicts: FilterVerdict[] = [];
  for (const plugin of profile.filters) {
    const status = plugin.filter(cycle, pod, nodeInfo);
    if (status.code === 'Success' || status.code === 'Skip') {
      verdicts.push({ plugin: plugin.name, code: status.code });
      continue;
    }
    verdicts.push({ plugin: plugin.name, code: status.code, reason: status.reason });
    return { verdicts, failed: status };
  }
  return { verdicts };
}

/**
 * Normalized scores per plugin for the feasible nodes (K RunPreScorePlugins, RunScorePlugins).
 * Plugins whose preScore says Skip are left out, as Kubernetes leaves them out of the cycle.
 */
export function runScorers(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  feasible: readonly NodeInfo[],
): Map<string, { weight: number; scores: Map<string, number> }> {
  const out = new Map<string, { weight: number; scores: Map<string, number> }>();
  for (const plugin of profile.scorers) {
    if (plugin.preScore?.(cycle, pod, feasible).code === 'Skip') continue;
    let scores: NodeScore[] = feasible.map((n) => ({ name: n.name, score: plugin.score(cycle, pod, n) }));
    if (plugin.normalize) scores = plugin.normalize(scores);
    out.set(plugin.name, { weight: plugin.weight, scores: new Map(scores.map((s) => [s.name, s.score])) });
  }
  return out;
}

/**
 * The node to bind to among `candidates` (in node-name order): the highest total, ties broken
 * uniformly at random by reservoir sampling, as the older selectHost does: the k-th node met with
 * the top score replaces the choice with probability 1/k. Draws from `rng` only on ties, so a run
 * without ties consumes no randomness.
 */
export function selectHost(
  candidates: readonly { name: string; total: number }[],
  rng: () => number,
): string | null {
  let selected: string | null = null;
  let maxScore = -Infinity;
  let cntOfMaxScore = 0;
  for (const c of candidates) {
    if (c.total > maxScore) {
      maxScore = c.total;
      selected = c.name;
      cntOfMaxScore = 1;
    } else if (c.total === maxScore) {
      cntOfMaxScore++;
      if (Math.floor(rng() * cntOfMaxScore) === 0) selected = c.name;
    }
  }
  return selected;
}

/** Builds the cycle data for `pod`. */
export function makeCycle(
  state: ClusterState,
  pod: Pod,
  nodes: readonly NodeInfo[] = snapshotNodeInfos(state),
): Cycle {
  const { requests, nonZero } = requestsOf(pod);
  return { state, nodes, podRequests: requests, podNonZeroRequests: nonZero };
}

/**
 * Schedules the pod `podKey` (`namespace/name`) with `profile`. `rng` is a uniform [0, 1) source
 * (the engine's seeded `ctx.random`). Throws if the pod does not exist.
 */
export function scheduleOne(
  state: ClusterState,
  podKey: string,
  profile: Profile,
  rng: () => number,
): SchedulingResult {
  const pod = getIn(state.pods, podKey);
  if (pod === undefined) throw new Error(`scheduleOne: no pod ${podKey}`);
  const cycle = makeCycle(state, pod);
  const nodes: NodeResult[] = [];
  const feasible: NodeInfo[] = [];
  const failures: FailureStatus[] = [];
  for (const nodeInfo of cycle.nodes) {
    const { verdicts, failed } = runFilters(profile, cycle, pod, nodeInfo);
    nodes.push({
      name: nodeInfo.name,
      feasible: failed === undefined,
      filters: verdicts,
      scores: {},
      total: 0,
    });
    if (failed === undefined) feasible.push(nodeInfo);
    else failures.push(failed);
  }
  const result: SchedulingResult = { pod: podKey, time: state.time, selected: null, nodes };
  if (feasible.length === 0) {
    result.message = failedSchedulingMessage(pod, cycle.nodes.length, failures);
    return result;
  }
  if (feasible.length === 1) {
    // K schedulePod: with one feasible node there is nothing to compare, so scoring is skipped.
    result.selected = (feasible[0] as NodeInfo).name;
    return result;
  }
  const byPlugin = runScorers(profile, cycle, pod, feasible);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const nodeInfo of feasible) {
    const entry = byName.get(nodeInfo.name) as NodeResult;
    for (const [plugin, { weight, scores }] of byPlugin) {
      const score = scores.get(nodeInfo.name) ?? 0;
      entry.scores[plugin] = score;
      entry.total += score * weight;
    }
  }
  result.selected = selectHost(
    feasible.map((n) => byName.get(n.name) as NodeResult),
    rng,
  );
  return result;
}
