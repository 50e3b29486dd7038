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
import type { LabelSelector } from '../../model/labels';
import { podMatchesNodeSelectorAndAffinity } from '../../model/nodeAffinity';
import type { Node, Pod, TopologySpreadConstraint } from '../../model/objects';
import { selectorMatches } from '../../model/labels';
import { findUntoleratedTaint } from '../../model/taints';
import {
  type Cycle,
  type FilterPlugin,
  failure,
  MAX_NODE_SCORE,
  type NodeInfo,
  type ScorePlugin,
  SUCCESS,
} from '../framework';
import { countMatching, defaultSelector } from './podMatching';

/** K ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch. */
export const SPREAD_CONSTRAINTS_REASON = "node(s) didn't match pod topology spread constraints";
export const SPREAD_LABEL_REASON = `${SPREAD_CONSTRAINTS_REASON} (missing required label)`;

const HOSTNAME = 'kubernetes.io/hostname';

/** K systemDefaultConstraints (plugin.go). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
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
): { list: Constraint[]; own: boolean } {
  const own = pod.spec.topologySpreadConstraints ?? [];
  const ns = pod.metadata.namespace ?? 'default';
  const make = (c: TopologySpreadConstraint, selector: LabelSelector): Constraint => {
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
      selectorKey: `${ns} ${JSON.stringify(sel)}`,
      minDomains: c.minDomains ?? 1,
      honorTaints: policy === 'Honor',
    };
  };
  if (own.length > 0)
    return {
      list: own
        .filter((c) => c.whenUnsatisfiable === action)
        .map((c) =>
          make(c, c.labelSelector ?? { matchExpressions: [{ key: '\u0000', operator: 'Exists' }] }),
        ),
      own: true,
    };
  const defaults = (
    args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints
  ).filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return { list: [], own: false };
  const selector = defaultSelector(pod, cycle.state);
  return { list: selector === undefined ? [] : defaults.map((c) => make(c, selector)), own: false };
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

interface FilterState {
  constraints: Constraint[];
  /** Matching pods per constraint index, per domain value. */
  counts: Map<string, number>[];
}

export function makePodTopologySpread(args: PodTopologySpreadArgs): {
  filter: FilterPlugin;
  score: ScorePlugin;
} {
  const filter: FilterPlugin = {
    name: 'PodTopologySpread',
    preFilter(cycle, pod) {
      const { list } = build(pod, cycle, args, 'DoNotSchedule');
      if (list.length === 0) return failure('Skip', 'no DoNotSchedule constraints');
      const counts = list.map(() => new Map<string, number>());
      const ns = pod.metadata.namespace ?? 'default';
      for (const info of cycle.nodes) {
        if (!hasAllKeys(info.node, list)) continue;
        list.forEach((c, i) => {
          if (!included(pod, info.node, c)) return;
          const value = (info.node.metadata.labels ?? {})[c.topologyKey] as string;
          const m = counts[i] as Map<string, number>;
          m.set(value, (m.get(value) ?? 0) + countMatching(info, c.selector, ns, c.selectorKey));
        });
      }
      cycle.data.set('PreFilterPodTopologySpread', { constraints: list, counts } satisfies FilterState);
      return SUCCESS;
    },
    filter(cycle, pod, info) {
      const s = cycle.data.get('PreFilterPodTopologySpread') as FilterState | undefined;
      if (s === undefined) return SUCCESS;
      const labels = info.node.metadata.labels ?? {};
      for (const [i, c] of s.constraints.entries()) {
        if (!Object.hasOwn(labels, c.topologyKey))
          return failure('UnschedulableAndUnresolvable', SPREAD_LABEL_REASON);
        const m = s.counts[i] as Map<string, number>;
        let min = m.size < c.minDomains ? 0 : Infinity;
        if (min !== 0) for (const v of m.values()) min = Math.min(min, v);
        if (min === Infinity) min = 0;
        const self = selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
        const skew = (m.get(labels[c.topologyKey] as string) ?? 0) + self - min;
        if (skew > c.maxSkew) return failure('Unschedulable', SPREAD_CONSTRAINTS_REASON);
      }
      return SUCCESS;
    },
  };
  interface ScoreState {
    constraints: Constraint[];
    ignored: Set<string>;
    counts: Map<string, number>[];
    weights: number[];
  }
  const score: ScorePlugin = {
    name: 'PodTopologySpread',
    weight: 2,
    preScore(cycle, pod, filtered) {
      const { list, own } = build(pod, cycle, args, 'ScheduleAnyway');
      if (cycle.nodes.length === 0 || list.length === 0)
        return failure('Skip', 'no ScheduleAnyway constraints');
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
          m.set(value, cur + countMatching(info, c.selector, ns, c.selectorKey));
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
            ? countMatching(info, c.selector, ns, c.selectorKey)
            : ((s.counts[i] as Map<string, number>).get(value) ?? 0);
        total += cnt * (s.weights[i] ?? 0) + (c.maxSkew - 1);
      });
      return Math.round(total);
    },
    normalize(scores, cycle) {
      const s = cycle?.data.get('PreScorePodTopologySpread') as ScoreState | undefined;
      const ignored = s?.ignored ?? new Set<string>();
      let min = Infinity;
      let max = 0;
      for (const x of scores) {
        if (ignored.has(x.name)) continue;
        min = Math.min(min, x.score);
        max = Math.max(max, x.score);
      }
      return scores.map((x) => {
        if (ignored.has(x.name)) return { name: x.name, score: 0 };
        if (max === 0) return { name: x.name, score: MAX_NODE_SCORE };
        return { name: x.name, score: Math.trunc((MAX_NODE_SCORE * (max + min - x.score)) / max) };
      });
    },
  };
  return { filter, score };
}
