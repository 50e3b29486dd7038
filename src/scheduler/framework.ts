/**
 * The scheduling framework's types, after kube-scheduler's (K pkg/scheduler/framework/interface.go
 * and types.go): plugins return a Status per node at Filter and an integer per node at Score, each
 * score plugin may normalize its scores to 0..MAX_NODE_SCORE, and a Profile lists the plugins in the
 * order they run. Plugins are pure functions of the frozen cluster state: no plugin keeps state
 * between cycles, which is what lets the simulator rewind and replay a scheduling decision.
 */
import type { ClusterState, Memo, Pod, ResourceList } from '../model';
import type { NodeInfo } from './nodeInfo';
import type { NodeTable } from './nodeTable';

export type { NodeInfo } from './nodeInfo';

/** Highest score a score plugin may give after NormalizeScore (K framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

/** The schedulerName that selects the default profile (K v1.DefaultSchedulerName). */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Status codes other than Success (K framework.Code). */
export type FailureCode = 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

/**
 * What a plugin says about a pod on a node. `Unschedulable` means preemption might help;
 * `UnschedulableAndUnresolvable` means it cannot (the node is wrong for the pod whatever runs on
 * it). `reasons` holds every reason when a plugin reports several (NodeResourcesFit reports each
 * insufficient resource); `reason` is then their ", " join, as Status.Message() prints them.
 */
export type Status =
  | { readonly code: 'Success' }
  | { readonly code: FailureCode; readonly reason: string; readonly reasons?: readonly string[] };

/** A Status that is not Success. */
export type FailureStatus = Extract<Status, { reason: string }>;

export const SUCCESS: Status = { code: 'Success' };

/** A failure status with one or more reasons. */
export function failure(code: FailureCode, ...reasons: [string, ...string[]]): FailureStatus {
  if (reasons.length === 1) return { code, reason: reasons[0] };
  return { code, reason: reasons.join(', '), reasons };
}

/** Each reason of a failure status, as FitError counts them (K Status.Reasons()). */
export function statusReasons(status: FailureStatus): readonly string[] {
  return status.reasons ?? [status.reason];
}

/** What one scheduling cycle computes once and every plugin may read (K CycleState). */
export interface Cycle {
  readonly state: ClusterState;
  /** The pod being scheduled. */
  readonly pod: Pod;
  /** Every node, in name order (inter-pod plugins need the whole cluster). */
  readonly nodes: readonly NodeInfo[];
  /** The pod's effective requests (K resource.PodRequests). */
  readonly podRequests: ResourceList;
  /** The pod's requests with scoring defaults for missing cpu / memory. */
  readonly podNonZeroRequests: ResourceList;
  /**
   * What plugins computed at PreFilter / PreScore for this cycle, by key (K CycleState.Write).
   * Lives only as long as the cycle, so plugins stay stateless between cycles.
   */
  readonly data: Map<string, unknown>;
  /**
   * The simulation's memory (ReconcileContext.memo), where plugins keep what they derive from
   * frozen objects across cycles: never module state, so simulations can interleave.
   */
  readonly memo: Memo;
  /**
   * `nodes` as columns, with cluster-wide indexes kept beside them (plugins/clusterIndex.ts), when
   * the caller keeps a table up to date (the engine's snapshot and the benchmark do); otherwise
   * schedulePod builds one per node list (nodeTable.ts tableFor). Plugins use it on the fast paths
   * only: without it they walk the nodes.
   */
  readonly table?: NodeTable | undefined;
}

/** Decides whether a pod can run on a node (K framework.FilterPlugin). */
export interface FilterPlugin {
  readonly name: string;
  /**
   * Runs once per cycle before Filter (K PreFilterPlugin). Skip leaves the plugin's Filter out of
   * the cycle; a failure rejects every node with that status.
   */
  preFilter?(cycle: Cycle, pod: Pod): Status;
  filter(cycle: Cycle, pod: Pod, node: NodeInfo): Status;
  /**
   * Optional fast path over the node table: for each candidate `idx[k]` (k < count; in visiting
   * order, so ascending node indices that wrap around to 0 at most once) sets
   * `mayFail[k]` to 1 when the filter may reject the node and to 0 when it surely passes it, and
   * returns whether it flagged any. The scheduler runs `filter` on the flagged nodes only, for
   * their status, so a screen needs to be exact only about the nodes it passes. A screen that knows
   * the status `filter` would return may set `mayFail[k]` to 2 + its index in `screenStatuses`.
   */
  screen?(
    cycle: Cycle,
    pod: Pod,
    table: NodeTable,
    idx: Int32Array,
    count: number,
    mayFail: Uint8Array,
  ): boolean;
  /** The statuses a screen may give by index (see screen). */
  readonly screenStatuses?: readonly FailureStatus[];
}

/** What a PostFilter plugin (DefaultPreemption) decided for a pod that fits nowhere. */
export interface PostFilterResult {
  /** The node the pod will wait for (status.nominatedNodeName), when victims were chosen. */
  readonly nominatedNode?: string;
  /** The pods to evict from that node. */
  readonly victims: readonly Pod[];
  /** The FailedScheduling message's `preemption: ...` part. */
  readonly message: string;
}

/** Runs when no node passed the filters (K framework.PostFilterPlugin). */
export interface PostFilterPlugin {
  readonly name: string;
  postFilter(cycle: Cycle, pod: Pod, statuses: ReadonlyMap<string, FailureStatus>): PostFilterResult;
}

/** One node's score from one plugin (K framework.NodeScore). */
export interface NodeScore {
  readonly name: string;
  readonly score: number;
}

/** Ranks the feasible nodes (K framework.ScorePlugin with its ScoreExtensions). */
export interface ScorePlugin {
  readonly name: string;
  /** Default weight in the profile (K apis/config/v1/default_plugins.go). */
  readonly weight: number;
  /** Returning Skip leaves the plugin out of this cycle (K PreScore returning Skip). */
  preScore?(cycle: Cycle, pod: Pod, nodes: readonly NodeInfo[]): Status;
  /**
   * False when preScore never reads its `nodes` (or a function saying whether it will for this
   * pod): on the fast paths the cycle then passes an empty list rather than gathering the
   * feasible nodes' NodeInfos for it.
   */
  readonly preScoreReadsNodes?: boolean | ((cycle: Cycle, pod: Pod) => boolean);
  score(cycle: Cycle, pod: Pod, node: NodeInfo): number;
  /**
   * Maps the first `count` raw scores to 0..MAX_NODE_SCORE in place (K ScoreExtensions
   * NormalizeScore, which also rewrites its list); `nameAt(k)` names the k-th node. Absent when
   * scores already are in that range. Its one definition: the cycle and `normalizeNodeScores` both
   * call it.
   */
  normalize?(scores: Float64Array, count: number, cycle: Cycle, nameAt: (k: number) => string): void;
  /**
   * Optional fast path over the node table: the raw scores of `idx[0..count)` into `out`, equal to
   * `score` on each node's NodeInfo. When the plugin knows every node ends with the same normalized
   * score (a TaintToleration cycle on a cluster without PreferNoSchedule taints), it may return that
   * score instead and leave `out` alone: the cycle records it without normalizing or summing.
   */
  scoreTable?(
    cycle: Cycle,
    pod: Pod,
    table: NodeTable,
    idx: Int32Array,
    count: number,
    out: Float64Array,
  ): number | void;
  /**
   * Optional fast path for a plugin whose scores are final (integers 0..MAX_NODE_SCORE, no
   * normalize): the scores of `idx[0..count)` straight into `out`, equal to `score` on each node's
   * NodeInfo. The cycle keeps `out` as the record's copy. Used instead of scoreTable when present.
   * `idx` lists the nodes in visiting order (ascending, wrapping to 0 at most once), which lets the
   * resource plugins copy a run of cached scores at once (scoreCache.ts).
   * The resource plugins' scores stay in range only for amounts that are not negative, which
   * validation guarantees (checkResourceList); a Node built in code with a negative allocatable
   * would wrap here where `score` goes below 0.
   */
  scoreBytes?(
    cycle: Cycle,
    pod: Pod,
    table: NodeTable,
    idx: Int32Array,
    count: number,
    out: Uint8Array,
  ): void;
}

/** `plugin.normalize` over a list of node scores: a new list (the scores of `list` are left alone). */
export function normalizeNodeScores(
  plugin: ScorePlugin,
  list: readonly NodeScore[],
  cycle: Cycle,
): NodeScore[] {
  if (plugin.normalize === undefined) return list.map((s) => ({ ...s }));
  const values = Float64Array.from(list, (s) => s.score);
  plugin.normalize(values, values.length, cycle, (k) => (list[k] as NodeScore).name);
  return list.map((s, i) => ({ name: s.name, score: values[i] as number }));
}

/** A scheduling profile: the plugins in the order they run (K KubeSchedulerProfile). */
export interface Profile {
  readonly schedulerName: string;
  readonly filters: readonly FilterPlugin[];
  readonly scorers: readonly ScorePlugin[];
  /** DefaultPreemption, unless disabled. */
  readonly postFilter?: PostFilterPlugin;
  /**
   * Share of the nodes to find feasible before scoring (K percentageOfNodesToScore); 0 or absent
   * means the adaptive default, 50 - nodes/125, at least 5.
   */
  readonly percentageOfNodesToScore?: number;
}

/** A score plugin with another weight, as a profile's `plugins.score.enabled[].weight` sets it. */
export function withWeight(plugin: ScorePlugin, weight: number): ScorePlugin {
  // Plugins are plain object literals, so a spread copies their methods too.
  return { ...plugin, weight };
}

/** One filter verdict in the explain record. */
export interface FilterVerdict {
  plugin: string;
  code: Status['code'];
  reason?: string;
}

/** What the scheduler decided about one node, for the explain view. */
export interface NodeResult {
  name: string;
  feasible: boolean;
  /** The filters that ran on the node, in order, up to and including the first failure. */
  filters: FilterVerdict[];
  /** Normalized score per plugin (0..100, before the weight); empty when scoring was skipped. */
  scores: Record<string, number>;
  /** Sum of normalized score x weight. */
  total: number;
}

/**
 * The record of one scheduling attempt: the explain contract
 * `{"pod": "ns/name", "time": ms, "selected": "node"|null, "nodes": [...]}`.
 */
export interface SchedulingResult {
  pod: string;
  time: number;
  selected: string | null;
  nodes: NodeResult[];
  /** The FailedScheduling message, when no node was selected. */
  message?: string;
  /** The node DefaultPreemption nominated, when it chose victims. */
  nominatedNode?: string;
}
