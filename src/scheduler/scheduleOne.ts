/**
 * One scheduling cycle for one pod (K pkg/scheduler/schedule_one.go schedulePod): PreFilter, then
 * Filter on the nodes from a rotating start index until numFeasibleNodesToFind feasible nodes are
 * found (all of them below 100 nodes), PostFilter (preemption) when none fits, PreScore / Score /
 * NormalizeScore on the feasible ones, and the best total, ties broken at random. Pure: it reads the
 * frozen state and draws from the random source it is given, nothing else.
 */
import { derivedKey, getIn, Memo, slotKey } from '../model';
import type { ClusterState, Pod } from '../model';
import { fitErrorMessage, NO_NODES_AVAILABLE_MESSAGE } from './fitError';
import {
  type CycleRecord,
  lazyResult,
  FailureLog,
  failureOf,
  failVerdicts,
  keepScores,
  reserveBytes,
  sameScores,
  ScoreSlabs,
  type FilterFailure,
  type PreFilterOutcome,
  passVerdicts,
  PRE_REJECTED,
  type ScoredPlugin,
} from './cycleRecord';
import type {
  Cycle,
  FailureStatus,
  FilterVerdict,
  NodeInfo,
  PostFilterResult,
  Profile,
  SchedulingResult,
} from './framework';
import { requestsOf } from './nodeInfo';
import { type NodeTable, tableFor } from './nodeTable';
import { anyNominatedPods, withNominatedPods } from './nominatedPods';
import { numFeasibleNodesToFind } from './numFeasibleNodes';
import { snapshotNodeInfos, snapshotTableFor } from './snapshot';
import { scoreForExplanation } from './whatIfScores';

/** Runs every PreFilter (K RunPreFilterPlugins); stops at the first that rejects the pod. */
export function runPreFilters(profile: Profile, cycle: Cycle, pod: Pod): PreFilterOutcome {
  const filters = profile.filters;
  // The skipping filters as bits by position, while there are few enough filters for that.
  let mask = 0;
  let skipped: Set<string> | undefined;
  for (let f = 0; f < filters.length; f++) {
    const plugin = filters[f] as Profile['filters'][number];
    if (plugin.preFilter === undefined) continue;
    const status = plugin.preFilter(cycle, pod);
    if (status.code === 'Skip') {
      if (f < 31) mask |= 1 << f;
      else (skipped ??= new Set()).add(plugin.name);
    } else if (status.code !== 'Success') {
      const names = skippedSet(profile, mask, skipped);
      return { skipped: names, rejected: { plugin: plugin.name, status } };
    }
  }
  if (skipped !== undefined) return { skipped: skippedSet(profile, mask, skipped) };
  return passedPreFilters(cycle.memo, profile, mask);
}

/**
 * The outcomes of cycles whose PreFilters all passed, per profile and set of skipping filters
 * (shared, read-only): most cycles of a profile skip the same filters.
 */
const OUTCOMES = derivedKey<Profile, Map<number, PreFilterOutcome>>('scheduler.preFilterOutcomes');
function passedPreFilters(memo: Memo, profile: Profile, mask: number): PreFilterOutcome {
  // Kept by the profile's identity, frozen or not: a profile is never changed once made.
  const outcomes = memo.table(OUTCOMES);
  let byMask = outcomes.get(profile);
  if (byMask === undefined) outcomes.set(profile, (byMask = new Map()));
  let outcome = byMask.get(mask);
  if (outcome === undefined)
    byMask.set(mask, (outcome = Object.freeze({ skipped: skippedSet(profile, mask, undefined) })));
  return outcome;
}

/** The names of the filters in `mask` (bits by position) and in `more`. */
function skippedSet(
  profile: Profile,
  mask: number,
  more: ReadonlySet<string> | undefined,
): ReadonlySet<string> {
  if (mask === 0 && more === undefined) return NONE_SKIPPED;
  const names = new Set<string>();
  profile.filters.forEach((plugin, f) => {
    if (f < 31 && (mask & (1 << f)) !== 0) names.add(plugin.name);
  });
  for (const name of more ?? []) names.add(name);
  return names;
}

/** The skipped set of a cycle where no PreFilter said Skip (shared; never added to). */
const NONE_SKIPPED: ReadonlySet<string> = new Set();

/** Runs the profile's filters on one node in order, stopping at the first failure (K RunFilterPlugins). */
export function runFilters(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  nodeInfo: NodeInfo,
  pre: PreFilterOutcome = { skipped: new Set() },
): { verdicts: FilterVerdict[]; failed?: FailureStatus } {
  const failedAt = firstFailure(profile, cycle, pod, nodeInfo, pre);
  if (failedAt === undefined) return { verdicts: passVerdicts(profile, pre) };
  return { verdicts: failVerdicts(profile, pre, failedAt), failed: failedAt.status };
}

/** The first filter that rejects the node, or undefined when it passes them all. */
function firstFailure(
  profile: Profile,
  cycle: Cycle,
  pod: Pod,
  nodeInfo: NodeInfo,
  pre: PreFilterOutcome,
): FilterFailure | undefined {
  if (pre.rejected !== undefined) return { index: PRE_REJECTED, status: pre.rejected.status };
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
 * The node to bind to among `candidates` (in evaluation order): the highest total, ties broken
 * uniformly at random. kube-scheduler (schedule_one.go selectHost, v1.26 on) pops the nodes from a
 * heap by total and reservoir-samples among those with the top total, one draw per extra top node;
 * the heap's order among equal totals is arbitrary, so only the uniform choice is reproducible.
 * Flotilla makes the same uniform choice with one draw: the k-th top node in evaluation order, k
 * uniform. It draws from `rng` only when the top total is tied, so a run without ties consumes no
 * randomness.
 */
export function selectHost(
  candidates: readonly { name: string; total: number }[],
  rng: () => number,
): string | null {
  const k = selectHostAt(
    candidates.length,
    Float64Array.from(candidates, (c) => c.total),
    rng,
    new Int32Array(candidates.length),
  );
  return k < 0 ? null : (candidates[k] as { name: string }).name;
}

/**
 * Builds the cycle data for `pod`, on `table`'s nodes when given (the caller keeps it up to date and
 * must not change it before the cycle runs); otherwise schedulePod finds the snapshot's table for
 * `nodes` when the cycle runs, so a cycle made earlier never reads a table that has moved on.
 * `memo` is the simulation's memory (a table's own when a table is given; a fresh one otherwise,
 * which only costs the caching).
 */
export function makeCycle(
  state: ClusterState,
  pod: Pod,
  nodes?: readonly NodeInfo[],
  table?: NodeTable,
  memo: Memo = table?.memo ?? new Memo(),
): Cycle {
  const { requests, nonZero } = requestsOf(pod, memo);
  return {
    state,
    pod,
    nodes: table?.infos ?? nodes ?? snapshotNodeInfos(state, memo),
    podRequests: requests,
    podNonZeroRequests: nonZero,
    data: new Map(),
    memo,
    table,
  };
}

export interface ScheduleOptions {
  /** Where the node walk starts (K nextStartNodeIndex); 0 by default. */
  startIndex?: number;
  /** Also score the nodes that failed a filter, for `flotilla explain --all-nodes`. */
  scoreAllNodes?: boolean;
  /** Count pods nominated to a node as running there (default true; false for prepared snapshots). */
  nominatedPods?: boolean;
  /**
   * Use the plugins' node-table fast paths (screen, scoreTable, normalizeInPlace); default true.
   * False runs every plugin's NodeInfo methods, the definition the fast paths must agree with.
   */
  fastPaths?: boolean;
}

/** A cycle's decision and what the scheduler carries to the next one. */
export interface CycleOutcome {
  result: SchedulingResult;
  /** The start index of the next cycle: (start + nodes processed) mod nodes. */
  nextStartIndex: number;
  /** What DefaultPreemption decided, when the pod fit nowhere. */
  preemption?: PostFilterResult;
  /** The selected node's index in the cycle's node list (-1 when none): saves a lookup by name. */
  selectedIndex: number;
}

/**
 * Schedules `cycle.pod` on `cycle.nodes` with `profile` (K schedulePod + findNodesThatFitPod).
 * Nodes are visited from the start index in chunks of as many nodes as feasible ones are still
 * wanted, each filter running over the chunk's surviving nodes, so the walk stops exactly where
 * Kubernetes' node-by-node walk stops. The per-node explain record is built when first read.
 */
export function schedulePod(
  given: Cycle,
  profile: Profile,
  rng: () => number,
  options: ScheduleOptions = {},
): CycleOutcome {
  const { pod } = given;
  const podKey = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  const table = given.table ?? snapshotTableFor(given.nodes, given.memo) ?? tableFor(given.nodes, given.memo);
  const fast = options.fastPaths !== false;
  // Plugins use the table (and the indexes kept beside it) only on the fast paths.
  const cycle: Cycle =
    fast === (given.table !== undefined) ? given : { ...given, table: fast ? table : undefined };
  const n = table.size;
  if (n === 0) {
    const result: SchedulingResult = {
      pod: podKey,
      time: given.state.time,
      selected: null,
      nodes: [],
      message: NO_NODES_AVAILABLE_MESSAGE,
    };
    return { result, nextStartIndex: 0, selectedIndex: -1 };
  }
  const start = (options.startIndex ?? 0) % n;
  const pre = runPreFilters(profile, cycle, pod);
  const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, n);
  // The nodes are visited in rotation from `start`; only the failures are recorded.
  const failures = new FailureLog();
  const work = workspace(given.memo, n);
  // The feasible nodes' indices, in visiting order: work.feasible[0..found).
  const feasible = work.feasible;
  let found = 0;
  let processed = 0;
  const nominated = options.nominatedPods !== false && anyNominatedPods(cycle.state);
  const out = { fast, nominated, failures };
  if (pre.rejected !== undefined) processed = n;
  else
    while (processed < n && found < toFind) {
      const want = Math.min(toFind - found, n - processed);
      const from = (start + processed) % n;
      const alive = filterChunk(profile, cycle, pre, table, work, from, want, out);
      // The survivors, in visiting order, are the chunk's feasible nodes.
      feasible.set(work.idx.subarray(0, alive), found);
      found += alive;
      processed += want;
    }
  const nextStartIndex = (start + processed) % n;
  const record: CycleRecord = { profile, pre, names: table.names, start, processed, failures, scored: [] };
  const result = lazyResult(podKey, given.state.time, record);
  let preemption: PostFilterResult | undefined;
  let selectedIndex = -1;
  if (found === 0) {
    const byName = new Map<string, FailureStatus>();
    for (let k = 0; k < processed; k++) {
      const i = (start + k) % n;
      byName.set(table.names[i] as string, (failureOf(record, i) as FilterFailure).status);
    }
    preemption = profile.postFilter?.postFilter(cycle, pod, byName);
    result.message = fitErrorMessage(n, [...byName.values()], preemption?.message);
    if (preemption?.nominatedNode !== undefined) result.nominatedNode = preemption.nominatedNode;
  } else if (found === 1) {
    // K schedulePod: with one feasible node there is nothing to compare, so scoring is skipped.
    selectedIndex = feasible[0] as number;
  } else {
    const counted = scoreFeasible(profile, cycle, table, work, found, fast, record.scored);
    const top = selectTop(found, counted, work, rng);
    selectedIndex = top < 0 ? -1 : (feasible[top] as number);
  }
  if (selectedIndex >= 0) result.selected = table.names[selectedIndex] as string;
  if (options.scoreAllNodes === true) {
    const feasibleInfos = Array.from(feasible.subarray(0, found), (i) => table.infos[i] as NodeInfo);
    const infeasible: NodeInfo[] = [];
    for (let k = 0; k < processed; k++) {
      const i = (start + k) % n;
      if (pre.rejected !== undefined || failures.has(i)) infeasible.push(table.infos[i] as NodeInfo);
    }
    scoreForExplanation(
      profile,
      cycle,
      feasibleInfos,
      infeasible,
      new Map(result.nodes.map((r) => [r.name, r])),
    );
  }
  return { result, nextStartIndex, selectedIndex, ...(preemption === undefined ? {} : { preemption }) };
}

const NO_NODES: readonly NodeInfo[] = Object.freeze([]);

/** Reusable per-cycle buffers, grown to the cluster's size; one per simulation (its Memo). */
interface Workspace {
  /** The feasible nodes' indices found so far, in visiting order. */
  feasible: Int32Array;
  /** The nodes still passing the filters run so far. */
  idx: Int32Array;
  mayFail: Uint8Array;
  totals: Float64Array;
  scores: Float64Array;
  /** Positions (into the feasible nodes) of the nodes tied at the top total. */
  ties: Int32Array;
  /** 0, 1, 2, ...: a rotation's runs are copied from it. */
  iota: Int32Array;
  /** A list of zeros, for the lists topOfBytes is not given (read only). */
  zeros: Uint8Array;
  /** The score plugins that rank the nodes, read by selectTop right after scoring. */
  readonly counted: ScoredPlugin[];
  /** Where the records keep their scores. */
  readonly slabs: ScoreSlabs;
}
const WORKSPACE = slotKey<{ current: Workspace | undefined }>('scheduler.workspace', () => ({
  current: undefined,
}));
function workspace(memo: Memo, n: number): Workspace {
  const slot = memo.slot(WORKSPACE);
  const got = slot.current;
  if (got === undefined || got.idx.length < n)
    slot.current = {
      feasible: new Int32Array(n),
      idx: new Int32Array(n),
      mayFail: new Uint8Array(n),
      totals: new Float64Array(n),
      scores: new Float64Array(n),
      ties: new Int32Array(n),
      iota: Int32Array.from({ length: n }, (_, i) => i),
      zeros: new Uint8Array(n),
      counted: got?.counted ?? [],
      slabs: got?.slabs ?? new ScoreSlabs(),
    };
  return slot.current as Workspace;
}

/**
 * Runs the filters over the `count` nodes from index `from` in rotation, adding each rejected
 * node's failure (by node index) to `out.failures`, and returns how many passed: they are left in
 * `work.idx`, in visiting order. Each filter runs over the nodes that passed the previous ones:
 * its screen (on the fast paths) flags the nodes it may reject and only those run its NodeInfo
 * filter. A node with pods nominated to it is checked on its own, with those pods added
 * (nominatedPods.ts).
 */
function filterChunk(
  profile: Profile,
  cycle: Cycle,
  pre: PreFilterOutcome,
  table: NodeTable,
  work: Workspace,
  from: number,
  count: number,
  out: { fast: boolean; nominated: boolean; failures: FailureLog },
): number {
  const { pod } = cycle;
  const { idx, mayFail } = work;
  const infos = table.infos;
  const n = table.size;
  let alive = 0;
  if (!out.nominated) {
    // The rotation as at most two ascending runs.
    const firstRun = Math.min(count, n - from);
    const iota = work.iota;
    idx.set(iota.subarray(from, from + firstRun));
    if (count > firstRun) idx.set(iota.subarray(0, count - firstRun), firstRun);
    alive = count;
  } else
    for (let k = 0; k < count; k++) {
      const i = (from + k) % n;
      const info = infos[i] as NodeInfo;
      const withNominated = withNominatedPods(cycle.state, pod, info);
      if (withNominated !== info) {
        // Decided here, with the nominated pods added; it stays out of the filter passes below.
        const failed = firstFailure(profile, cycle, pod, withNominated, pre);
        if (failed !== undefined) out.failures.add(i, failed.index, failed.status);
        continue;
      }
      idx[alive++] = i;
    }
  const filters = profile.filters;
  for (let f = 0; f < filters.length && alive > 0; f++) {
    const plugin = filters[f] as Profile['filters'][number];
    if (pre.skipped.size > 0 && pre.skipped.has(plugin.name)) continue;
    if (out.fast && plugin.screen !== undefined) {
      if (!plugin.screen(cycle, pod, table, idx, alive, mayFail)) continue;
      // At most the flagged nodes fail: room for them at once (a spread constraint rejects hundreds).
      let flagged = 0;
      for (let a = 0; a < alive; a++) flagged += mayFail[a] === 0 ? 0 : 1;
      out.failures.reserve(flagged);
    } else mayFail.fill(1, 0, alive);
    let kept = 0;
    for (let a = 0; a < alive; a++) {
      const i = idx[a] as number;
      const flag = mayFail[a] as number;
      if (flag === 1) {
        const status = plugin.filter(cycle, pod, infos[i] as NodeInfo);
        if (status.code !== 'Success' && status.code !== 'Skip') {
          out.failures.add(i, f, status);
          continue;
        }
      } else if (flag > 1) {
        const status = plugin.screenStatuses?.[flag - 2];
        if (status === undefined) throw new Error(`${plugin.name}: screen gave unknown status ${flag}`);
        out.failures.add(i, f, status);
        continue;
      }
      idx[kept++] = i;
    }
    alive = kept;
  }
  if (out.nominated) {
    // The nodes decided with their nominated pods take their places among the survivors.
    alive = 0;
    for (let k = 0; k < count; k++) {
      const i = (from + k) % n;
      if (!out.failures.has(i)) idx[alive++] = i;
    }
  }
  return alive;
}

/**
 * PreScore, Score and NormalizeScore over the feasible nodes (K RunPreScorePlugins,
 * RunScorePlugins); plugins whose PreScore says Skip are left out of the cycle. Appends each
 * plugin's normalized scores (aligned with `feasible`) to `scored` and returns those that rank the
 * nodes: a plugin that gives every node the same score adds the same to every total, so it is
 * recorded but not counted.
 */
function scoreFeasible(
  profile: Profile,
  cycle: Cycle,
  table: NodeTable,
  work: Workspace,
  count: number,
  fast: boolean,
  scored: ScoredPlugin[],
): ScoredPlugin[] {
  const { pod } = cycle;
  const { feasible: idx, scores } = work;
  // Read by selectTop right after this returns, so one list serves every cycle.
  const counted = work.counted;
  counted.length = 0;
  // The feasible nodes' NodeInfos, gathered when a plugin needs them.
  let infos: NodeInfo[] | undefined;
  const feasibleInfos = (): NodeInfo[] => (infos ??= gatherInfos(table, idx, count));
  // The name of the k-th scored node, for normalizers that name nodes (PodTopologySpread's).
  const nameAt = (k: number): string => table.names[idx[k] as number] as string;
  const scorers = profile.scorers;
  for (let p = 0; p < scorers.length; p++) {
    const plugin = scorers[p] as Profile['scorers'][number];
    if (plugin.preScore !== undefined) {
      const reads = plugin.preScoreReadsNodes;
      const nodes =
        fast && (reads === false || (typeof reads === 'function' && !reads(cycle, pod)))
          ? NO_NODES
          : feasibleInfos();
      if (plugin.preScore(cycle, pod, nodes).code === 'Skip') continue;
    }
    const weight = plugin.weight;
    let kept: ArrayLike<number>;
    if (fast && plugin.scoreBytes !== undefined) {
      const bytes = reserveBytes(work.slabs, count);
      plugin.scoreBytes(cycle, pod, table, idx, count, bytes);
      kept = bytes;
    } else if (fast && plugin.scoreTable !== undefined) {
      const same = plugin.scoreTable(cycle, pod, table, idx, count, scores);
      if (typeof same === 'number') {
        const shared = sameScores(work.slabs, same, count);
        if (shared !== undefined) {
          scored.push({ name: plugin.name, weight, scores: shared });
          continue;
        }
        scores.fill(same, 0, count);
      } else plugin.normalize?.(scores, count, cycle, nameAt);
      kept = keepScores(work.slabs, scores, count);
    } else {
      const all = feasibleInfos();
      for (let k = 0; k < count; k++) scores[k] = plugin.score(cycle, pod, all[k] as NodeInfo);
      plugin.normalize?.(scores, count, cycle, nameAt);
      kept = keepScores(work.slabs, scores, count);
    }
    const entry = { name: plugin.name, weight, scores: kept };
    scored.push(entry);
    counted.push(entry);
  }
  return counted;
}

/** The NodeInfos of nodes `idx[0..count)` (a fresh array: storing young NodeInfos into a long-lived one costs a write barrier each). */
function gatherInfos(table: NodeTable, idx: Int32Array, count: number): NodeInfo[] {
  const infos = new Array<NodeInfo>(count);
  for (let k = 0; k < count; k++) infos[k] = table.infos[idx[k] as number] as NodeInfo;
  return infos;
}

/**
 * selectHost over the feasible nodes scored by `counted`: the position of the one chosen. A node's
 * total is the sum of its counted scores times their weights, in plugin order (what the totals
 * would be, less the same offset for every node from the plugins left uncounted).
 */
export function selectTop(
  count: number,
  counted: readonly ScoredPlugin[],
  work: { readonly ties: Int32Array; readonly totals: Float64Array; readonly zeros: Uint8Array },
  rng: () => number,
): number {
  // Byte scores times integer weights make integer totals below 2^31: for up to three lists (the
  // usual case) one branch-free pass sums them as it compares, never storing the totals.
  let weights = 0;
  let integral = true;
  for (const { scores, weight } of counted) {
    if (!(scores instanceof Uint8Array) || !Number.isInteger(weight) || weight < 0) integral = false;
    weights += weight;
  }
  integral &&= weights <= 0x7fffff;
  if (integral && counted.length > 0 && counted.length <= 3) {
    // A missing list reads as zeros with weight 0: one loop for one, two or three lists.
    const ZEROS = work.zeros;
    const lists = counted as readonly (ScoredPlugin & { scores: Uint8Array })[];
    const a = lists[0];
    const b = lists[1];
    const c = lists[2];
    return topOfBytes(
      count,
      a?.scores ?? ZEROS,
      a?.weight ?? 0,
      b?.scores ?? ZEROS,
      b?.weight ?? 0,
      c?.scores ?? ZEROS,
      c?.weight ?? 0,
      work.ties,
      rng,
    );
  }
  const { totals } = work;
  totals.fill(0, 0, count);
  for (const { scores, weight } of counted)
    if (scores instanceof Uint8Array) addWeighted(totals, scores, weight, count);
    else for (let k = 0; k < count; k++) totals[k] = (totals[k] as number) + (scores[k] as number) * weight;
  return selectHostAt(count, totals, rng, work.ties);
}

/**
 * selectHostAt over the totals of three byte lists with integer weights (integer totals below 2^31).
 * Each position is written at the end of the ties and kept (counted) only when it ties the top,
 * without a branch the ties would make unpredictable: with total <= top, (top - total - 1) >>> 31
 * is 1 when they are equal, else 0.
 */
function topOfBytes(
  count: number,
  a: Uint8Array,
  wa: number,
  b: Uint8Array,
  wb: number,
  c: Uint8Array,
  wc: number,
  ties: Int32Array,
  rng: () => number,
): number {
  let top = -1;
  let tied = 0;
  for (let k = 0; k < count; k++) {
    const total = ((a[k] as number) * wa + (b[k] as number) * wb + (c[k] as number) * wc) | 0;
    if (total > top) {
      top = total;
      tied = 0;
    }
    ties[tied] = k;
    tied += (top - total - 1) >>> 31;
  }
  return pickTie(ties, tied, rng);
}

/** totals[k] += bytes[k] x weight over the first `count` (a loop per array type keeps it monomorphic). */
function addWeighted(totals: Float64Array, bytes: Uint8Array, weight: number, count: number): void {
  for (let k = 0; k < count; k++) totals[k] = (totals[k] as number) + (bytes[k] as number) * weight;
}

/**
 * selectHost over `count` candidates with these totals: the position of the one chosen, -1 for
 * none. `ties` (at least `count` long) receives the positions of the top ones.
 */
function selectHostAt(count: number, totals: Float64Array, rng: () => number, ties: Int32Array): number {
  let maxScore = -Infinity;
  let tied = 0;
  for (let k = 0; k < count; k++) {
    const total = totals[k] as number;
    if (total > maxScore) {
      maxScore = total;
      ties[0] = k;
      tied = 1;
    } else if (total === maxScore) ties[tied++] = k;
  }
  return pickTie(ties, tied, rng);
}

/** One of the `tied` top positions, uniformly: no draw without a tie; -1 when none (NaN totals). */
function pickTie(ties: Int32Array, tied: number, rng: () => number): number {
  if (tied === 0) return -1;
  return (tied === 1 ? ties[0] : ties[Math.floor(rng() * tied)]) as number;
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
  memo: Memo = new Memo(),
): CycleOutcome {
  const pod = getIn(state.pods, podKey);
  if (pod === undefined) throw new Error(`scheduleOne: no pod ${podKey}`);
  const outcome = schedulePod(makeCycle(state, pod, undefined, undefined, memo), profile, rng, options);
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
  memo?: Memo,
): SchedulingResult {
  return scheduleCycle(state, podKey, profile, rng, options, memo).result;
}
