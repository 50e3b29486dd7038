/**
 * A reference scheduling cycle, written straight from kube-scheduler's schedule_one.go with none of
 * Flotilla's machinery: no node table, no chunks, no screens, caches or byte lists, no
 * `schedulePod` and no `selectTop`. It walks the nodes one by one from the start index, runs each
 * plugin's NodeInfo method, and builds the explain record as plain objects. The fast-path property
 * test (fastPaths.property.test.ts) checks that schedulePod gives exactly this record, start index,
 * preemption and number of random draws.
 */
import {
  type Cycle,
  type FailureStatus,
  type FilterVerdict,
  type NodeInfo,
  type NodeResult,
  normalizeNodeScores,
  type PostFilterResult,
  type Profile,
  type SchedulingResult,
  type Status,
} from '../../src/scheduler/framework';
import { fitErrorMessage, NO_NODES_AVAILABLE_MESSAGE } from '../../src/scheduler/fitError';
import { withNominatedPods } from '../../src/scheduler/nominatedPods';
import { numFeasibleNodesToFind } from '../../src/scheduler/numFeasibleNodes';
import { scoreForExplanation } from '../../src/scheduler/whatIfScores';

export interface ReferenceOutcome {
  result: SchedulingResult;
  nextStartIndex: number;
  preemption?: PostFilterResult;
}

const failed = (s: Status): s is FailureStatus => s.code !== 'Success' && s.code !== 'Skip';

/** One cycle for `cycle.pod` over `cycle.nodes` (K schedulePod, findNodesThatFitPod, selectHost). */
export function referenceSchedule(
  cycle: Cycle,
  profile: Profile,
  rng: () => number,
  options: { startIndex?: number; nominatedPods?: boolean; scoreAllNodes?: boolean } = {},
): ReferenceOutcome {
  const { pod, nodes } = cycle;
  const podKey = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  const n = nodes.length;
  if (n === 0)
    return {
      result: {
        pod: podKey,
        time: cycle.state.time,
        selected: null,
        nodes: [],
        message: NO_NODES_AVAILABLE_MESSAGE,
      },
      nextStartIndex: 0,
    };

  // PreFilter: a Skip leaves the plugin's Filter out; a failure rejects every node.
  const skipped = new Set<string>();
  let rejected: { plugin: string; status: FailureStatus } | undefined;
  for (const plugin of profile.filters) {
    if (plugin.preFilter === undefined) continue;
    const status = plugin.preFilter(cycle, pod);
    if (status.code === 'Skip') skipped.add(plugin.name);
    else if (failed(status)) {
      rejected = { plugin: plugin.name, status };
      break;
    }
  }
  const passed = (): FilterVerdict[] =>
    profile.filters.map((p) => ({ plugin: p.name, code: skipped.has(p.name) ? 'Skip' : 'Success' }));

  // Filter, node by node from the start index, until enough feasible nodes are found.
  const start = (options.startIndex ?? 0) % n;
  const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
  const visited: { info: NodeInfo; verdicts: FilterVerdict[]; failure?: FailureStatus }[] = [];
  let feasibleCount = 0;
  for (let k = 0; k < n && (rejected !== undefined || feasibleCount < toFind); k++) {
    const info = nodes[(start + k) % n] as NodeInfo;
    if (rejected !== undefined) {
      const { plugin, status } = rejected;
      visited.push({
        info,
        verdicts: [{ plugin, code: status.code, reason: status.reason }],
        failure: status,
      });
      continue;
    }
    const checked = options.nominatedPods === false ? info : withNominatedPods(cycle.state, pod, info);
    const verdicts: FilterVerdict[] = [];
    let failure: FailureStatus | undefined;
    for (const plugin of profile.filters) {
      if (skipped.has(plugin.name)) {
        verdicts.push({ plugin: plugin.name, code: 'Skip' });
        continue;
      }
      const status = plugin.filter(cycle, pod, checked);
      if (failed(status)) {
        verdicts.push({ plugin: plugin.name, code: status.code, reason: status.reason });
        failure = status;
        break;
      }
      verdicts.push({ plugin: plugin.name, code: 'Success' });
    }
    if (failure === undefined) feasibleCount++;
    visited.push({
      info,
      verdicts: failure === undefined ? passed() : verdicts,
      ...(failure ? { failure } : {}),
    });
  }
  const nextStartIndex = (start + visited.length) % n;
  const feasible = visited.filter((v) => v.failure === undefined).map((v) => v.info);

  // Score the feasible nodes (not with only one), then the highest total, ties drawn uniformly.
  const scores = new Map<string, Record<string, number>>(feasible.map((f) => [f.name, {}]));
  if (feasible.length > 1)
    for (const plugin of profile.scorers) {
      if (plugin.preScore?.(cycle, pod, feasible).code === 'Skip') continue;
      const raw = feasible.map((info) => ({ name: info.name, score: plugin.score(cycle, pod, info) }));
      for (const { name, score } of normalizeNodeScores(plugin, raw, cycle))
        (scores.get(name) as Record<string, number>)[plugin.name] = score;
    }
  const totalOf = (name: string): number => {
    let total = 0;
    const byPlugin = scores.get(name) ?? {};
    for (const plugin of profile.scorers)
      if (plugin.name in byPlugin) total += (byPlugin[plugin.name] as number) * plugin.weight;
    return total;
  };
  let selected: string | null = null;
  if (feasible.length === 1) selected = (feasible[0] as NodeInfo).name;
  else if (feasible.length > 1) {
    let best = -Infinity;
    let ties: string[] = [];
    for (const info of feasible) {
      const total = totalOf(info.name);
      if (total > best) {
        best = total;
        ties = [info.name];
      } else if (total === best) ties.push(info.name);
    }
    if (ties.length === 1) selected = ties[0] as string;
    else if (ties.length > 1) selected = ties[Math.floor(rng() * ties.length)] as string;
  }

  const records: NodeResult[] = visited.map((v) =>
    v.failure !== undefined
      ? { name: v.info.name, feasible: false, filters: v.verdicts, scores: {}, total: 0 }
      : {
          name: v.info.name,
          feasible: true,
          filters: v.verdicts,
          scores: scores.get(v.info.name) ?? {},
          total: feasible.length > 1 ? totalOf(v.info.name) : 0,
        },
  );
  const result: SchedulingResult = { pod: podKey, time: cycle.state.time, selected, nodes: records };
  let preemption: PostFilterResult | undefined;
  if (feasible.length === 0) {
    const byName = new Map(visited.map((v) => [v.info.name, v.failure as FailureStatus]));
    preemption = profile.postFilter?.postFilter(cycle, pod, byName);
    result.message = fitErrorMessage(n, [...byName.values()], preemption?.message);
    if (preemption?.nominatedNode !== undefined) result.nominatedNode = preemption.nominatedNode;
  }
  if (options.scoreAllNodes === true)
    scoreForExplanation(
      profile,
      cycle,
      feasible,
      visited.filter((v) => v.failure !== undefined).map((v) => v.info),
      new Map(records.map((r) => [r.name, r])),
    );
  return { result, nextStartIndex, ...(preemption === undefined ? {} : { preemption }) };
}
