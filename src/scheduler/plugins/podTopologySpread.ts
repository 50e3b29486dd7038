/**
 * PodTopologySpread (K pkg/scheduler/framework/plugins/podtopologyspread: filtering.go,
 * scoring.go, common.go, plugin.go), v1.35 semantics (nodeAffinityPolicy Honor and
 * nodeTaintsPolicy Ignore by default, minDomains, matchLabelKeys).
 * Filter (DoNotSchedule): for each constraint, matching pods in the node's domain + 1 if the pod
 * matches its own selector - the global minimum (0 when fewer than minDomains domains exist)
 * must not exceed maxSkew. Only nodes that pass the pod's node affinity and carry every
 * constraint's key count as domains.
 * Score (ScheduleAnyway): per constraint, count x log(domains + 2) + (maxSkew - 1), summed and
 * rounded; normalized 100 x (max + min - s) / max, so fewer matching pods score higher.
 * A pod with no constraints of its own gets the default constraints with the selector of its
 * Services and ReplicaSets: the system defaults are hostname maxSkew 3 and zone maxSkew 5, both
 * ScheduleAnyway.
 */
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../model';
import { findUntoleratedTaint, podMatchesNodeSelectorAndAffinity, selectorMatches } from '../../model';
import {
  type Cycle,
  type FilterPlugin,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type ScorePlugin,
  type Status,
  SUCCESS,
} from '../framework';
import { type NodeTable, tableKey } from '../nodeTable';
import { candidateNodes, topologyCounts } from './clusterIndex';
import { countMatching, defaultSelector, spreadCounts } from './podMatching';

/** Skip statuses, shared: most cycles skip. */
const NO_DO_NOT_SCHEDULE = Object.freeze(failure('Skip', 'no DoNotSchedule constraints'));
const NO_SCHEDULE_ANYWAY = Object.freeze(failure('Skip', 'no ScheduleAnyway constraints'));

/** K ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch. */
const SPREAD_CONSTRAINTS_REASON = "node(s) didn't match pod topology spread constraints";
const SPREAD_LABEL_REASON = `${SPREAD_CONSTRAINTS_REASON} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';

/** K systemDefaultConstraints (plugin.go). */
const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface PodTopologySpreadArgs {
  /** Constraints for pods without their own (their selector comes from Services and ReplicaSets). */
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** System: the system defaults (and nodes without a zone still spread by hostname). List: defaultConstraints. */
  readonly defaultingType: 'System' | 'List';
}

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  selectorKey: string;
  minDomains: number;
  honorTaints: boolean;
}

function build(
  pod: Pod,
  cycle: Cycle,
  args: PodTopologySpreadArgs,
  action: TopologySpreadConstraint['whenUnsatisfiable'],
): { readonly list: Constraint[]; readonly own: boolean } {
  const own = pod.spec.topologySpreadConstraints;
  if (own !== undefined && own.length > 0)
    return {
      list: own
        .filter((c) => c.whenUnsatisfiable === action)
        .map((c) =>
          makeConstraint(
            pod,
            c,
            c.labelSelector ?? { matchExpressions: [{ key: '\u0000', operator: 'Exists' }] },
          ),
        ),
      own: true,
    };
  const defaults = args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
  if (!defaults.some((c) => c.whenUnsatisfiable === action)) return NO_CONSTRAINTS;
  const selector = defaultSelector(cycle.memo, pod, cycle.state);
  if (selector === undefined) return NO_CONSTRAINTS;
  return {
    list: defaults.filter((c) => c.whenUnsatisfiable === action).map((c) => makeConstraint(pod, c, selector)),
    own: false,
  };
}

/** build()'s answer when no constraint applies (shared, never changed). */
const NO_CONSTRAINTS: { readonly list: Constraint[]; readonly own: boolean } = Object.freeze({
  list: Object.freeze([]) as unknown as Constraint[],
  own: false,
});

/** A constraint of `pod` as the plugin keeps it, with its matchLabelKeys merged into `selector`. */
function makeConstraint(pod: Pod, c: TopologySpreadConstraint, selector: LabelSelector): Constraint {
  const extra: Record<string, string> = {};
  for (const k of c.matchLabelKeys ?? []) {
    const v = pod.metadata.labels?.[k];
    if (v !== undefined) extra[k] = v;
  }
  const sel =
    Object.keys(extra).length === 0
      ? selector
      : { ...selector, matchLabels: { ...selector.matchLabels, ...extra } };
  const policy = (c as { nodeTaintsPolicy?: string }).nodeTaintsPolicy;
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: sel,
    selectorKey: `${pod.metadata.namespace ?? 'default'} ${JSON.stringify(sel)}`,
    minDomains: c.minDomains ?? 1,
    honorTaints: policy === 'Honor',
  };
}

function hasAllKeys(node: Node, constraints: readonly Constraint[]): boolean {
  const labels = node.metadata.labels ?? {};
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
}

/** K matchNodeInclusionPolicies: node affinity honoured; taints only with nodeTaintsPolicy Honor. */
function included(pod: Pod, node: Node, c: Constraint): boolean {
  if (!podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  return (
    !c.honorTaints ||
    findUntoleratedTaint(node.spec.taints, pod.spec.tolerations, ['NoSchedule', 'NoExecute']) === undefined
  );
}

/**
 * The Filter rule for one constraint and the node's domain (K filtering.go Filter): the matching
 * pods in the domain, plus the pod itself, less the global minimum, may not pass maxSkew (counted
 * against the allowance PreFilter computed). The filter applies it per node, the screen per domain.
 */
function domainStatus(s: FilterState, constraint: number, value: string): Status {
  const count = (s.counts[constraint] as Map<string, number>).get(value) ?? 0;
  return count > (s.allowances[constraint] as number) ? TOO_SKEWED : SUCCESS;
}

/** A screen flag for a status the screen knows: 0 passes, 2 + its place in screenStatuses. */
function screenFlag(status: Status): number {
  if (status === SUCCESS) return 0;
  if (status === TOO_SKEWED) return 2;
  throw new Error(`PodTopologySpread: no screen flag for ${JSON.stringify(status)}`);
}

interface FilterState {
  constraints: Constraint[];
  /** Matching pods per constraint index, per domain value. */
  counts: Map<string, number>[];
  /**
   * Per constraint, the most matching pods a node's domain may hold: maxSkew + the global minimum
   * - 1 if the pod matches its own selector (the filter's skew check, rearranged).
   */
  allowances: number[];
  /** The screen's verdict per domain (by label id), per constraint: built on its first chunk. */
  screen?: { ids: Int32Array; verdicts: Uint8Array }[];
}

/** The filter's state from its counts (the minimum and the pod's self-match are the same for every node). */
function filterState(pod: Pod, constraints: Constraint[], counts: Map<string, number>[]): FilterState {
  const allowances = constraints.map((c, i) => {
    const self = selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
    return c.maxSkew + minMatch(counts[i] as Map<string, number>, c) - self;
  });
  return { constraints, counts, allowances };
}

/** The filter's verdicts: one object each, as every node failing a check fails it the same way. */
const MISSING_LABEL = failure('UnschedulableAndUnresolvable', SPREAD_LABEL_REASON);
const TOO_SKEWED = failure('Unschedulable', SPREAD_CONSTRAINTS_REASON);

/** Whether every node passes the pod's node inclusion policies (no node selection, taints ignored). */
function includesEveryNode(pod: Pod, constraints: readonly Constraint[]): boolean {
  return (
    Object.keys(pod.spec.nodeSelector ?? {}).length === 0 &&
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution === undefined &&
    constraints.every((c) => !c.honorTaints)
  );
}

/**
 * The domains of each constraint's topology key among the nodes that have every constraint's key,
 * each in the order nodes first show it; cached per table until a Node changes.
 */
const DOMAINS = tableKey('scheduler.spreadDomains', () => ({
  version: -1,
  byKeys: new Map<string, string[][]>(),
}));
function domainsOf(table: NodeTable, constraints: readonly Constraint[]): string[][] {
  const cache = table.attached(DOMAINS);
  if (cache.version !== table.nodeVersion) {
    cache.version = table.nodeVersion;
    cache.byKeys.clear();
  }
  const signature = constraints.map((c) => c.topologyKey).join('\u0000');
  let domains = cache.byKeys.get(signature);
  if (domains === undefined) {
    const columns = constraints.map((c) => table.labelColumn(c.topologyKey));
    const seen = constraints.map(() => new Set<string>());
    for (let i = 0; i < table.size; i++) {
      if (!columns.every((col) => col[i] !== undefined)) continue;
      columns.forEach((col, c) => (seen[c] as Set<string>).add(col[i] as string));
    }
    domains = seen.map((s) => [...s]);
    cache.byKeys.set(signature, domains);
  }
  return domains;
}

/**
 * PreFilter's counts from the node table: every domain starts at 0, then only the nodes with a pod
 * carrying a label the selector requires are counted (the others match no pod). Equal to the walk
 * over every node when every node is included (includesEveryNode).
 */
function countsFromTable(table: NodeTable, pod: Pod, list: readonly Constraint[]): Map<string, number>[] {
  const ns = pod.metadata.namespace ?? 'default';
  const domains = domainsOf(table, list);
  const only = list.length === 1 ? (list[0] as Constraint) : undefined;
  if (only !== undefined) {
    // One constraint: its counts per domain are kept up to date beside the table.
    const m = new Map<string, number>();
    for (const value of domains[0] as string[]) m.set(value, 0);
    const counts = (p: Pod) => spreadCounts(p, only.selector, ns);
    const kept = topologyCounts(table, `spread ${only.selectorKey}`, only.selector, only.topologyKey, counts);
    for (const [value, n] of kept.values) m.set(value, (m.get(value) ?? 0) + n);
    return [m];
  }
  const columns = list.map((c) => table.labelColumn(c.topologyKey));
  const hasAll = (i: number) => columns.every((col) => col[i] !== undefined);
  return list.map((c, k) => {
    const m = new Map<string, number>();
    for (const value of domains[k] as string[]) m.set(value, 0);
    const column = columns[k] as readonly (string | undefined)[];
    const add = (i: number) => {
      if (!hasAll(i)) return;
      const value = column[i] as string;
      const n = countMatching(table.memo, table.infos[i] as NodeInfo, c.selector, ns, c.selectorKey);
      m.set(value, (m.get(value) ?? 0) + n);
    };
    const nodes = candidateNodes(table, c.selector);
    if (nodes === undefined) for (let i = 0; i < table.size; i++) add(i);
    else for (const i of nodes) add(i);
    return m;
  });
}

/** A constraint's global minimum for the filter: 0 when fewer than minDomains domains exist. */
function minMatch(m: Map<string, number>, c: Constraint): number {
  let min = m.size < c.minDomains ? 0 : Infinity;
  if (min !== 0) for (const v of m.values()) min = Math.min(min, v);
  return min === Infinity ? 0 : min;
}

/** Where a cycle keeps PodTopologySpread's ScheduleAnyway constraints (cycle.data). */
const BUILT_KEY = 'PodTopologySpreadScoreConstraints';

/** The plugin's Filter and Score, with `args` (pluginConfig PodTopologySpreadArgs). */
export function makePodTopologySpread(args: PodTopologySpreadArgs): {
  filter: FilterPlugin;
  score: ScorePlugin;
} {
  return { filter: spreadFilter(args), score: spreadScore(args) };
}

/** The Filter (K filtering.go): DoNotSchedule constraints, counted once at PreFilter. */
function spreadFilter(args: PodTopologySpreadArgs): FilterPlugin {
  return {
    name: 'PodTopologySpread',
    preFilter(cycle, pod) {
      const { list } = build(pod, cycle, args, 'DoNotSchedule');
      if (list.length === 0) return NO_DO_NOT_SCHEDULE;
      if (cycle.table !== undefined && includesEveryNode(pod, list)) {
        const counts = countsFromTable(cycle.table, pod, list);
        cycle.data.set('PreFilterPodTopologySpread', filterState(pod, list, counts));
        return SUCCESS;
      }
      const counts = list.map(() => new Map<string, number>());
      const ns = pod.metadata.namespace ?? 'default';
      for (const info of cycle.nodes) {
        if (!hasAllKeys(info.node, list)) continue;
        list.forEach((c, i) => {
          if (!included(pod, info.node, c)) return;
          const value = (info.node.metadata.labels ?? {})[c.topologyKey] as string;
          const m = counts[i] as Map<string, number>;
          m.set(value, (m.get(value) ?? 0) + countMatching(cycle.memo, info, c.selector, ns, c.selectorKey));
        });
      }
      cycle.data.set('PreFilterPodTopologySpread', filterState(pod, list, counts));
      return SUCCESS;
    },
    filter(cycle, _pod, info) {
      const s = cycle.data.get('PreFilterPodTopologySpread') as FilterState | undefined;
      if (s === undefined) return SUCCESS;
      const labels = info.node.metadata.labels ?? {};
      for (let i = 0; i < s.constraints.length; i++) {
        const key = (s.constraints[i] as Constraint).topologyKey;
        if (!Object.hasOwn(labels, key)) return MISSING_LABEL;
        const status = domainStatus(s, i, labels[key] as string);
        if (status !== SUCCESS) return status;
      }
      return SUCCESS;
    },
    screen(cycle, _pod, table, idx, count, mayFail) {
      const s = cycle.data.get('PreFilterPodTopologySpread') as FilterState | undefined;
      if (s === undefined) return false;
      // The filter's two failures: a missing key, or the domain's verdict (domainStatus). The
      // screen asks domainStatus once per domain and gives that status itself (screenStatuses: 2 =
      // TOO_SKEWED). A column reads undefined (id -1) for a missing key
      // and for a key holding undefined (a Node built in code), which filter tells apart: that
      // node goes to filter (1).
      // A cycle's table does not change between its chunks, nor do the counts.
      const checks = (s.screen ??= s.constraints.map((c, i) => {
        const { ids, values } = table.labelIds(c.topologyKey);
        const verdicts = Uint8Array.from(values, (v) => screenFlag(domainStatus(s, i, v)));
        return { ids, verdicts };
      }));
      let any = false;
      if (checks.length === 1) {
        // One constraint, the usual case: its columns in locals, no inner loop.
        const { ids, verdicts } = checks[0] as (typeof checks)[number];
        for (let k = 0; k < count; k++) {
          const id = ids[idx[k] as number] as number;
          const fails = id < 0 ? 1 : (verdicts[id] as number);
          mayFail[k] = fails;
          any ||= fails !== 0;
        }
        return any;
      }
      for (let k = 0; k < count; k++) {
        const i = idx[k] as number;
        let fails = 0;
        for (let c = 0; fails === 0 && c < checks.length; c++) {
          const { ids, verdicts } = checks[c] as (typeof checks)[number];
          const id = ids[i] as number;
          fails = id < 0 ? 1 : (verdicts[id] as number);
        }
        mayFail[k] = fails;
        any ||= fails !== 0;
      }
      return any;
    },
    screenStatuses: [TOO_SKEWED],
  };
}

/** The Score (K scoring.go): ScheduleAnyway constraints, counted once at PreScore. */
function spreadScore(args: PodTopologySpreadArgs): ScorePlugin {
  interface ScoreState {
    constraints: Constraint[];
    ignored: Set<string>;
    counts: Map<string, number>[];
    weights: number[];
  }
  /**
   * build() for ScheduleAnyway, once per cycle (preScoreReadsNodes and preScore both ask); kept with
   * the args it was built for, as another profile's instance has other args.
   */
  type Built = { args: PodTopologySpreadArgs; built: ReturnType<typeof build> };
  const scoreConstraints = (cycle: Cycle, pod: Pod): ReturnType<typeof build> => {
    const got = cycle.data.get(BUILT_KEY) as Built | undefined;
    if (got !== undefined && got.args === args) return got.built;
    const built = build(pod, cycle, args, 'ScheduleAnyway');
    cycle.data.set(BUILT_KEY, { args, built } satisfies Built);
    return built;
  };
  return {
    name: 'PodTopologySpread',
    weight: 2,
    // Only a pod with ScheduleAnyway constraints gets past the first lines of preScore.
    preScoreReadsNodes: (cycle, pod) => scoreConstraints(cycle, pod).list.length > 0,
    preScore(cycle, pod, filtered) {
      const { list, own } = scoreConstraints(cycle, pod);
      if (cycle.nodes.length === 0 || list.length === 0) return NO_SCHEDULE_ANYWAY;
      const requireAll = own || args.defaultingType !== 'System';
      const ignored = new Set<string>();
      const counts = list.map(() => new Map<string, number>());
      const sizes = list.map(() => 0);
      for (const info of filtered) {
        if (requireAll && !hasAllKeys(info.node, list)) {
          ignored.add(info.name);
          continue;
        }
        list.forEach((c, i) => {
          if (c.topologyKey === HOSTNAME) return;
          const m = counts[i] as Map<string, number>;
          const value = (info.node.metadata.labels ?? {})[c.topologyKey] ?? '';
          if (!m.has(value)) {
            m.set(value, 0);
            sizes[i] = (sizes[i] ?? 0) + 1;
          }
        });
      }
      const weights = list.map((c, i) =>
        Math.log((c.topologyKey === HOSTNAME ? filtered.length - ignored.size : (sizes[i] ?? 0)) + 2),
      );
      const ns = pod.metadata.namespace ?? 'default';
      for (const info of cycle.nodes) {
        if (requireAll && !hasAllKeys(info.node, list)) continue;
        list.forEach((c, i) => {
          if (!included(pod, info.node, c)) return;
          const m = counts[i] as Map<string, number>;
          const value = (info.node.metadata.labels ?? {})[c.topologyKey] ?? '';
          const cur = m.get(value);
          if (cur === undefined) return;
          m.set(value, cur + countMatching(cycle.memo, info, c.selector, ns, c.selectorKey));
        });
      }
      cycle.data.set('PreScorePodTopologySpread', {
        constraints: list,
        ignored,
        counts,
        weights,
      } satisfies ScoreState);
      return SUCCESS;
    },
    score(cycle, pod, info: NodeInfo) {
      const s = cycle.data.get('PreScorePodTopologySpread') as ScoreState | undefined;
      if (s === undefined || s.ignored.has(info.name)) return 0;
      const labels = info.node.metadata.labels ?? {};
      const ns = pod.metadata.namespace ?? 'default';
      let total = 0;
      s.constraints.forEach((c, i) => {
        const value = labels[c.topologyKey];
        if (value === undefined) return;
        const cnt =
          c.topologyKey === HOSTNAME
            ? countMatching(cycle.memo, info, c.selector, ns, c.selectorKey)
            : ((s.counts[i] as Map<string, number>).get(value) ?? 0);
        total += cnt * (s.weights[i] ?? 0) + (c.maxSkew - 1);
      });
      return Math.round(total);
    },
    normalize(scores, count, cycle, nameAt) {
      const s = cycle.data.get('PreScorePodTopologySpread') as ScoreState | undefined;
      const ignored = s?.ignored ?? new Set<string>();
      const skip = (k: number) => ignored.size > 0 && ignored.has(nameAt(k));
      let min = Infinity;
      let max = 0;
      for (let k = 0; k < count; k++) {
        if (skip(k)) continue;
        min = Math.min(min, scores[k] as number);
        max = Math.max(max, scores[k] as number);
      }
      for (let k = 0; k < count; k++) {
        if (skip(k)) scores[k] = 0;
        else if (max === 0) scores[k] = MAX_NODE_SCORE;
        else scores[k] = Math.trunc((MAX_NODE_SCORE * (max + min - (scores[k] as number))) / max);
      }
    },
  };
}
