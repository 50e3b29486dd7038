/**
 * One scheduling cycle for one pod (K pkg/scheduler/schedule_one.go schedulePod): PreFilter, then
 * Filter on the nodes from a rotating start index until numFeasibleNodesToFind feasible nodes are
 * found (all of them below 100 nodes), PostFilter (preemption) when none fits, PreScore / Score /
 * NormalizeScore on the feasible ones, and the best total, ties broken at random. Pure: it reads the
 * frozen state and draws from the random source it is given, nothing else.
 */
import { getIn } from '../model/sharded';
import type { Pod } from '../model/objects';
import type { ClusterState } from '../model/state';
import { fitErrorMessage, NO_NODES_AVAILABLE_MESSAGE } from './fitError';
import type {
  Cycle,
  FailureStatus,
  FilterVerdict,
  NodeInfo,
  NodeResult,
  PostFilterResult,
  Profile,
  SchedulingResult,
} from './framework';
import { requestsOf } from './nodeInfo';
import { withNominatedPods } from './nominatedPods';
import { numFeasibleNodesToFind } from './numFeasibleNodes';
import { snapshotNodeInfos } from './snapshot';
import { scoreForExplanation } from './whatIfScores';

/** The PreFilter outcome: plugins whose Filter is skipped, or the status that rejects every node. */
export interface PreFilterOutcome {
  skipped: ReadonlySet<string>;
  rejected?: { plugin: string; status: FailureStatus };
}

/** Runs every PreFilter (K RunPreFilterPlugins); stops at the first that rejects the pod. */
export function runPreFilters(profile: Profile, cycle: Cycle, pod: Pod): PreFilterOutcome {
  const skipped = new Set<string>();
  for (const plugin of profile.filters) {
    if (plugin.preFilter === undefined) continue;
    const status = plugin.preFilter(cycle, pod);
    if (status.code === 'Skip') skipped.add(plugin.name);
    else if (status.code !== 'Success') return { skipped, rejected: { plugin: plugin.name, status } };
  }
  return { skipped };
}

/** Runs the profile's filters on one node in order, stopping at the first failure (K RunFilterPlugins). */
export function runFilters(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  nodeInfo: NodeInfo,
  pre: PreFilterOutcome = { skipped: new Set() },
): { verdicts: FilterVerdict[]; failed?: FailureStatus } {
  const failedAt = firstFailure(profile, cycle, pod, nodeInfo, pre);
  if (failedAt === undefined) return { verdicts: [...passVerdicts(profile, pre)] };
  return { verdicts: failVerdicts(profile, pre, failedAt), failed: failedAt.status };
}

/** Where a node failed: the filter's index in the profile (-1: a PreFilter rejected the pod). */
interface FilterFailure {
  index: number;
  status: FailureStatus;
}

/** The first filter that rejects the node, or undefined when it passes them all. */
function firstFailure(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  nodeInfo: NodeInfo,
  pre: PreFilterOutcome,
): FilterFailure | undefined {
  if (pre.rejected !== undefined) return { index: -1, status: pre.rejected.status };
  const filters = profile.filters;
  for (let i = 0; i < filters.length; i++) {
    const plugin = filters[i] as Profile['filters'][number];
    if (pre.skipped.size > 0 && pre.skipped.has(plugin.name)) continue;
    const status = plugin.filter(cycle, pod, nodeInfo);
    if (status.code !== 'Success' && status.code !== 'Skip') return { index: i, status };
  }
  return undefined;
}

/**
 * The verdicts of a node that passed every filter: the same for every such node of a cycle, so a
 * cycle builds the list once and its records share it (read-only).
 */
function passVerdicts(profile: Profile, pre: PreFilterOutcome): readonly FilterVerdict[] {
  return profile.filters.map((plugin) => ({
    plugin: plugin.name,
    code: pre.skipped.has(plugin.name) ? 'Skip' : 'Success',
  }));
}

/** The verdicts of a node that failed: those that ran, up to and including the failing one. */
function failVerdicts(profile: Profile, pre: PreFilterOutcome, failedAt: FilterFailure): FilterVerdict[] {
  const { index, status } = failedAt;
  if (index < 0) return [{ plugin: pre.rejected?.plugin ?? '', code: status.code, reason: status.reason }];
  const verdicts: FilterVerdict[] = [];
  for (let i = 0; i < index; i++) {
    const name = (profile.filters[i] as Profile['filters'][number]).name;
    verdicts.push({ plugin: name, code: pre.skipped.has(name) ? 'Skip' : 'Success' });
  }
  const name = (profile.filters[index] as Profile['filters'][number]).name;
  verdicts.push({ plugin: name, code: status.code, reason: status.reason });
  return verdicts;
}

/** One plugin's normalized scores, aligned with the nodes they were computed for. */
interface AlignedScores {
  name: string;
  weight: number;
  scores: readonly number[];
}

/**
 * Normalized scores per plugin for `nodes`, in node order (K RunPreScorePlugins, RunScorePlugins).
 * Plugins whose preScore says Skip are left out, as Kubernetes leaves them out of the cycle.
 */
function scoreNodes(profile: Profile, cycle: Cycle, pod: Pod, nodes: readonly NodeInfo[]): AlignedScores[] {
  const out: AlignedScores[] = [];
  for (const plugin of profile.scorers) {
    if (plugin.preScore?.(cycle, pod, nodes).code === 'Skip') continue;
    const raw = new Array<number>(nodes.length);
    for (let i = 0; i < nodes.length; i++) raw[i] = plugin.score(cycle, pod, nodes[i] as NodeInfo);
    let scores: readonly number[] = raw;
    if (plugin.normalize) {
      // normalize keeps the order of its input (every implementation maps over it).
      const normalized = plugin.normalize(
        raw.map((score, i) => ({ name: (nodes[i] as NodeInfo).name, score })),
        cycle,
      );
      scores = normalized.map((s) => s.score);
    }
    out.push({ name: plugin.name, weight: plugin.weight, scores });
  }
  return out;
}

/**
 * The node to bind to among `candidates` (in evaluation order): the highest total, ties broken
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
  return { state, pod, nodes, podRequests: requests, podNonZeroRequests: nonZero, data: new Map() };
}

export interface ScheduleOptions {
  /** Where the node walk starts (K nextStartNodeIndex); 0 by default. */
  startIndex?: number;
  /** Also score the nodes that failed a filter, for `flotilla explain --all-nodes`. */
  scoreAllNodes?: boolean;
  /** Count pods nominated to a node as running there (default true; false for prepared snapshots). */
  nominatedPods?: boolean;
}

/** A cycle's decision and what the scheduler carries to the next one. */
export interface CycleOutcome {
  result: SchedulingResult;
  /** The start index of the next cycle: (start + nodes processed) mod nodes. */
  nextStartIndex: number;
  /** What DefaultPreemption decided, when the pod fit nowhere. */
  preemption?: PostFilterResult;
}

/** Schedules `cycle.pod` on `cycle.nodes` with `profile` (K schedulePod + findNodesThatFitPod). */
export function schedulePod(
  cycle: Cycle,
  profile: Profile,
  rng: () => number,
  options: ScheduleOptions = {},
): CycleOutcome {
  const { pod, nodes: all } = cycle;
  const podKey = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  const result: SchedulingResult = { pod: podKey, time: cycle.state.time, selected: null, nodes: [] };
  const n = all.length;
  const start = n === 0 ? 0 : (options.startIndex ?? 0) % n;
  if (n === 0) {
    result.message = NO_NODES_AVAILABLE_MESSAGE;
    return { result, nextStartIndex: 0 };
  }
  const pre = runPreFilters(profile, cycle, pod);
  const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
  const passed = passVerdicts(profile, pre) as FilterVerdict[];
  const feasible: NodeInfo[] = [];
  const feasibleResults: NodeResult[] = [];
  const infeasible: NodeInfo[] = [];
  const statuses = new Map<string, FailureStatus>();
  const nominated = options.nominatedPods !== false;
  let processed = 0;
  for (let i = 0; i < n && feasible.length < toFind; i++) {
    const nodeInfo = all[(start + i) % n] as NodeInfo;
    processed++;
    const withNominated = nominated ? withNominatedPods(cycle.state, pod, nodeInfo) : nodeInfo;
    const failedAt = firstFailure(profile, cycle, pod, withNominated, pre);
    if (failedAt === undefined) {
      const entry: NodeResult = {
        name: nodeInfo.name,
        feasible: true,
        filters: passed,
        scores: {},
        total: 0,
      };
      result.nodes.push(entry);
      feasible.push(nodeInfo);
      feasibleResults.push(entry);
    } else {
      const filters = failVerdicts(profile, pre, failedAt);
      result.nodes.push({ name: nodeInfo.name, feasible: false, filters, scores: {}, total: 0 });
      infeasible.push(nodeInfo);
      statuses.set(nodeInfo.name, failedAt.status);
    }
  }
  const nextStartIndex = (start + processed) % n;
  let preemption: PostFilterResult | undefined;
  if (feasible.length === 0) {
    preemption = profile.postFilter?.postFilter(cycle, pod, statuses);
    result.message = fitErrorMessage(n, [...statuses.values()], preemption?.message);
    if (preemption?.nominatedNode !== undefined) result.nominatedNode = preemption.nominatedNode;
  } else if (feasible.length === 1) {
    // K schedulePod: with one feasible node there is nothing to compare, so scoring is skipped.
    result.selected = (feasible[0] as NodeInfo).name;
  } else {
    addAlignedScores(feasibleResults, scoreNodes(profile, cycle, pod, feasible));
    result.selected = selectHost(feasibleResults, rng);
  }
  const byName = () => new Map(result.nodes.map((r) => [r.name, r]));
  if (options.scoreAllNodes === true) scoreForExplanation(profile, cycle, feasible, infeasible, byName());
  return { result, nextStartIndex, ...(preemption === undefined ? {} : { preemption }) };
}

/** Writes each plugin's normalized score and the weighted total into the feasible nodes' results (aligned). */
function addAlignedScores(entries: readonly NodeResult[], byPlugin: readonly AlignedScores[]): void {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as NodeResult;
    const scores: Record<string, number> = {};
    let total = 0;
    for (const { name, weight, scores: list } of byPlugin) {
      const score = list[i] ?? 0;
      scores[name] = score;
      total += score * weight;
    }
    entry.scores = scores;
    entry.total = total;
  }
}

/**
 * Schedules the pod `podKey` (`namespace/name`) with `profile`. `rng` is a uniform [0, 1) source
 * (the engine's seeded `ctx.random`). Throws if the pod does not exist.
 */
export function scheduleCycle(
  state: ClusterState,
  podKey: string,
  profile: Profile,
  rng: () => number,
  options: ScheduleOptions = {},
): CycleOutcome {
  const pod = getIn(state.pods, podKey);
  if (pod === undefined) throw new Error(`scheduleOne: no pod ${podKey}`);
  const outcome = schedulePod(makeCycle(state, pod), profile, rng, options);
  outcome.result.pod = podKey;
  return outcome;
}

/** The record of one cycle for `podKey` (see scheduleCycle). */
export function scheduleOne(
  state: ClusterState,
  podKey: string,
  profile: Profile,
  rng: () => number,
  options: ScheduleOptions = {},
): SchedulingResult {
  return scheduleCycle(state, podKey, profile, rng, options).result;
}
