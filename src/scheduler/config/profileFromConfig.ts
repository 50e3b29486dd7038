/**
 * Builds a Profile from one checked KubeSchedulerProfile: the default plugins (K apis/config/v1/
 * default_plugins.go, in order, with their weights), minus `disabled` (`*` disables every default),
 * plus `enabled` (a default plugin listed again takes the given weight), per extension point;
 * `multiPoint` applies to every point a plugin implements. Plugin args come from pluginConfig.
 */
import type { TopologySpreadConstraint } from '../../model';
import {
  DEFAULT_SCHEDULER_NAME,
  type FilterPlugin,
  type Profile,
  type ScorePlugin,
  withWeight,
} from '../framework';
import { makeDefaultPreemption } from '../plugins/defaultPreemption';
import { imageLocality } from '../plugins/imageLocality';
import { makeInterPodAffinity } from '../plugins/interPodAffinity';
import { nodeAffinityFilter, nodeAffinityScore } from '../plugins/nodeAffinity';
import { nodeName } from '../plugins/nodeName';
import { nodePorts } from '../plugins/nodePorts';
import { makeNodeResourcesBalancedAllocation } from '../plugins/nodeResourcesBalancedAllocation';
import { makeNodeResourcesFitScore, nodeResourcesFitFilter } from '../plugins/nodeResourcesFit';
import { nodeUnschedulable } from '../plugins/nodeUnschedulable';
import { makePodTopologySpread } from '../plugins/podTopologySpread';
import { DEFAULT_SCORING_RESOURCES, type ResourceSpec } from '../plugins/resourceAllocation';
import type { ScoringStrategy } from '../plugins/scoringStrategy';
import { taintTolerationFilter, taintTolerationScore } from '../plugins/taintToleration';

/** Plugin args a profile may set (already checked). */
export interface PluginArgs {
  fitStrategy?: ScoringStrategy;
  balancedResources?: readonly ResourceSpec[];
  spread?: { defaultConstraints: readonly TopologySpreadConstraint[]; defaultingType: 'System' | 'List' };
  interPodAffinity?: { hardPodAffinityWeight: number; ignorePreferredTermsOfExistingPods: boolean };
}

export interface PluginSet {
  enabled: { name: string; weight?: number }[];
  disabled: string[];
}

/** A checked profile, before its plugins are instantiated. */
export interface ProfileConfig {
  schedulerName: string;
  percentageOfNodesToScore?: number;
  points: Partial<Record<'filter' | 'score' | 'postFilter' | 'multiPoint', PluginSet>>;
  args: PluginArgs;
}

/** Default filter order and score weights (K default_plugins.go). */
const DEFAULT_FILTERS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
];
const DEFAULT_SCORES: readonly [string, number][] = [
  ['TaintToleration', 3],
  ['NodeAffinity', 2],
  ['NodeResourcesFit', 1],
  ['PodTopologySpread', 2],
  ['InterPodAffinity', 2],
  ['NodeResourcesBalancedAllocation', 1],
  ['ImageLocality', 1],
];
const FILTER_PLUGINS: ReadonlySet<string> = new Set(DEFAULT_FILTERS);
const SCORE_PLUGINS: ReadonlySet<string> = new Set(DEFAULT_SCORES.map(([n]) => n));
export const KNOWN_PLUGINS: readonly string[] = [
  ...new Set([...DEFAULT_FILTERS, ...SCORE_PLUGINS, 'DefaultPreemption', 'PrioritySort', 'DefaultBinder']),
];

function instances(args: PluginArgs) {
  const spread = makePodTopologySpread(args.spread ?? { defaultConstraints: [], defaultingType: 'System' });
  const ipa = makeInterPodAffinity(
    args.interPodAffinity ?? { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false },
  );
  const filters: Record<string, FilterPlugin> = {
    NodeUnschedulable: nodeUnschedulable,
    NodeName: nodeName,
    TaintToleration: taintTolerationFilter,
    NodeAffinity: nodeAffinityFilter,
    NodePorts: nodePorts,
    NodeResourcesFit: nodeResourcesFitFilter,
    PodTopologySpread: spread.filter,
    InterPodAffinity: ipa.filter,
  };
  const scores: Record<string, ScorePlugin> = {
    TaintToleration: taintTolerationScore,
    NodeAffinity: nodeAffinityScore,
    NodeResourcesFit: makeNodeResourcesFitScore(
      args.fitStrategy ?? { type: 'LeastAllocated', resources: DEFAULT_SCORING_RESOURCES },
    ),
    PodTopologySpread: spread.score,
    InterPodAffinity: ipa.score,
    NodeResourcesBalancedAllocation: makeNodeResourcesBalancedAllocation(args.balancedResources),
    ImageLocality: imageLocality,
  };
  return { filters, scores };
}

function apply(
  defaults: [string, number][],
  set: PluginSet | undefined,
  known: ReadonlySet<string>,
): [string, number][] {
  if (set === undefined) return defaults;
  let list = set.disabled.includes('*') ? [] : defaults.filter(([n]) => !set.disabled.includes(n));
  for (const e of set.enabled) {
    if (!known.has(e.name)) continue;
    const at = list.findIndex(([n]) => n === e.name);
    const weight = e.weight ?? defaults.find(([n]) => n === e.name)?.[1] ?? 1;
    if (at >= 0) list[at] = [e.name, weight];
    else list = [...list, [e.name, weight]];
  }
  return list;
}

/** The Profile a checked configuration describes. */
export function profileFromConfig(config: ProfileConfig): Profile {
  const { filters, scores } = instances(config.args);
  const multi = config.points.multiPoint;
  const filterNames = apply(
    apply(
      DEFAULT_FILTERS.map((n) => [n, 0]),
      multi,
      FILTER_PLUGINS,
    ),
    config.points.filter,
    FILTER_PLUGINS,
  );
  const scoreNames = apply(
    apply([...DEFAULT_SCORES], multi, SCORE_PLUGINS),
    config.points.score,
    SCORE_PLUGINS,
  );
  const filterList = filterNames.map(([n]) => filters[n] as FilterPlugin);
  const preemptionOff = [multi, config.points.postFilter].some(
    (s) => s?.disabled.includes('DefaultPreemption') || s?.disabled.includes('*'),
  );
  return {
    schedulerName: config.schedulerName,
    filters: filterList,
    scorers: scoreNames.map(([n, w]) => withWeight(scores[n] as ScorePlugin, w)),
    ...(preemptionOff ? {} : { postFilter: makeDefaultPreemption(filterList) }),
    ...(config.percentageOfNodesToScore === undefined
      ? {}
      : { percentageOfNodesToScore: config.percentageOfNodesToScore }),
  };
}

/** kube-scheduler's default profile: every default plugin, default weights and args. */
export function defaultProfile(schedulerName = DEFAULT_SCHEDULER_NAME): Profile {
  return profileFromConfig({ schedulerName, points: {}, args: {} });
}
