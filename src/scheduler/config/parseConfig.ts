/**
 * Checks a scenario's `scheduler:` block: a KubeSchedulerConfiguration (`apiVersion:
 * kubescheduler.config.k8s.io/v1`, `kind: KubeSchedulerConfiguration`) or just `{profiles: [...]}`.
 * Every problem is reported with its path inside the block, so the scenario loader can locate it.
 * Accepted: percentageOfNodesToScore (global and per profile), profiles[].schedulerName,
 * plugins.{multiPoint,preFilter,filter,postFilter,preScore,score}.{enabled,disabled}, and
 * pluginConfig args of NodeResourcesFit, NodeResourcesBalancedAllocation, PodTopologySpread and
 * InterPodAffinity. Ranges as K pkg/scheduler/apis/config/validation checks them.
 */
import type { TopologySpreadConstraint } from '../../model';
import { DEFAULT_SCHEDULER_NAME } from '../framework';
import type { ResourceSpec } from '../plugins/resourceAllocation';
import { DEFAULT_SHAPE, MAX_CUSTOM_PRIORITY_SCORE, type ScoringStrategy } from '../plugins/scoringStrategy';
import { KNOWN_PLUGINS, type PluginArgs, type PluginSet, type ProfileConfig } from './profileFromConfig';

type Path = (string | number)[];
export interface ConfigIssue {
  path: Path;
  message: string;
  expected?: string;
  /** The issue is about a key (unknown field) rather than its value. */
  key?: boolean;
}

const API_VERSION = 'kubescheduler.config.k8s.io/v1';
const POINTS = [
  'multiPoint',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
];

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  issues: ConfigIssue[] = [];
  err(path: Path, message: string, expected?: string): void {
    this.issues.push({ path, message, ...(expected === undefined ? {} : { expected }) });
  }
  keys(v: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const k of Object.keys(v))
      if (!allowed.includes(k))
        this.issues.push({
          path: [...path, k],
          message: `unknown field "${k}"`,
          expected: allowed.join(', '),
          key: true,
        });
  }
  obj(v: unknown, path: Path, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (!isObj(v)) return void this.err(path, 'expected a map', allowed.join(', '));
    this.keys(v, path, allowed);
    return v;
  }
  list(v: unknown, path: Path): unknown[] | undefined {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return void this.err(path, 'expected a list');
    return v;
  }
  int(v: unknown, path: Path, min: number, max: number): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return void this.err(path, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v;
  }
}

function resources(c: Checker, v: unknown, path: Path): ResourceSpec[] | undefined {
  const items = c.list(v, path);
  if (items === undefined) return undefined;
  return items.flatMap((r, i) => {
    const o = c.obj(r, [...path, i], ['name', 'weight']);
    if (o === undefined) return [];
    if (typeof o.name !== 'string' || o.name === '') {
      c.err([...path, i, 'name'], 'a resource name is required', 'cpu, memory, nvidia.com/gpu');
      return [];
    }
    return [{ name: o.name, weight: c.int(o.weight ?? 1, [...path, i, 'weight'], 1, 100) ?? 1 }];
  });
}

function fitArgs(c: Checker, args: Record<string, unknown>, path: Path): ScoringStrategy | undefined {
  const s =
    args.scoringStrategy === undefined
      ? undefined
      : c.obj(
          args.scoringStrategy,
          [...path, 'scoringStrategy'],
          ['type', 'resources', 'requestedToCapacityRatio'],
        );
  if (s === undefined) return undefined;
  const p = [...path, 'scoringStrategy'];
  const type = s.type ?? 'LeastAllocated';
  const res = resources(c, s.resources, [...p, 'resources']) ?? [
    { name: 'cpu', weight: 1 },
    { name: 'memory', weight: 1 },
  ];
  if (type === 'LeastAllocated' || type === 'MostAllocated') return { type, resources: res };
  if (type !== 'RequestedToCapacityRatio')
    return void c.err(
      [...p, 'type'],
      `unsupported scoring strategy "${String(type)}"`,
      'LeastAllocated, MostAllocated, RequestedToCapacityRatio',
    );
  const r =
    s.requestedToCapacityRatio === undefined
      ? undefined
      : c.obj(s.requestedToCapacityRatio, [...p, 'requestedToCapacityRatio'], ['shape']);
  const points = r === undefined ? undefined : c.list(r.shape, [...p, 'requestedToCapacityRatio', 'shape']);
  if (points === undefined) return { type, resources: res, shape: DEFAULT_SHAPE };
  const shape = points.flatMap((pt, i) => {
    const at = [...p, 'requestedToCapacityRatio', 'shape', i];
    const o = c.obj(pt, at, ['utilization', 'score']);
    const u = c.int(o?.utilization, [...at, 'utilization'], 0, 100);
    const sc = c.int(o?.score, [...at, 'score'], 0, MAX_CUSTOM_PRIORITY_SCORE);
    if (u === undefined || sc === undefined) return [];
    // Shape scores are 0..10 in the configuration, scaled to 0..100 (K requested_to_capacity_ratio.go).
    return [{ utilization: u, score: sc * (100 / MAX_CUSTOM_PRIORITY_SCORE), index: i }];
  });
  if (shape.length === 0)
    c.err([...p, 'requestedToCapacityRatio', 'shape'], 'at least one point is required');
  for (let i = 1; i < shape.length; i++)
    if ((shape[i]?.utilization ?? 0) <= (shape[i - 1]?.utilization ?? 0))
      c.err(
        [...p, 'requestedToCapacityRatio', 'shape', shape[i]?.index ?? i, 'utilization'],
        'utilization values must be sorted in increasing order',
      );
  return { type, resources: res, shape: shape.map(({ utilization, score }) => ({ utilization, score })) };
}

function spreadArgs(
  c: Checker,
  args: Record<string, unknown>,
  path: Path,
): NonNullable<PluginArgs['spread']> {
  const type = args.defaultingType ?? 'System';
  if (type !== 'System' && type !== 'List')
    c.err([...path, 'defaultingType'], `must be System or List, got ${JSON.stringify(type)}`, 'System, List');
  const items = c.list(args.defaultConstraints, [...path, 'defaultConstraints']) ?? [];
  if (type === 'System' && items.length > 0)
    c.err(
      [...path, 'defaultConstraints'],
      'when .defaultingType is "System", .defaultConstraints must be empty',
      'defaultingType: List',
    );
  const defaultConstraints: TopologySpreadConstraint[] = items.flatMap((raw, i) => {
    const at = [...path, 'defaultConstraints', i];
    const o = c.obj(raw, at, ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector']);
    if (o === undefined) return [];
    if (o.labelSelector !== undefined)
      c.err([...at, 'labelSelector'], 'constraint must not define a selector, as they deduced for each pod');
    const maxSkew = c.int(o.maxSkew, [...at, 'maxSkew'], 1, 2147483647);
    if (typeof o.topologyKey !== 'string' || o.topologyKey === '')
      c.err([...at, 'topologyKey'], 'a topologyKey is required', 'topology.kubernetes.io/zone');
    if (o.whenUnsatisfiable !== 'DoNotSchedule' && o.whenUnsatisfiable !== 'ScheduleAnyway')
      c.err([...at, 'whenUnsatisfiable'], 'must be DoNotSchedule or ScheduleAnyway');
    return maxSkew === undefined
      ? []
      : [
          {
            maxSkew,
            topologyKey: String(o.topologyKey),
            whenUnsatisfiable: o.whenUnsatisfiable as TopologySpreadConstraint['whenUnsatisfiable'],
          },
        ];
  });
  return { defaultConstraints, defaultingType: type === 'List' ? 'List' : 'System' };
}

function pluginSet(c: Checker, v: unknown, path: Path, score: boolean): PluginSet | undefined {
  const o = c.obj(v, path, ['enabled', 'disabled']);
  if (o === undefined) return undefined;
  const names = (list: unknown, p: Path, withWeight: boolean) =>
    (c.list(list, p) ?? []).flatMap((e, i) => {
      const item = c.obj(e, [...p, i], withWeight ? ['name', 'weight'] : ['name']);
      if (item === undefined) return [];
      const name = item.name;
      if (typeof name !== 'string' || (name !== '*' && !KNOWN_PLUGINS.includes(name))) {
        c.err([...p, i, 'name'], `unknown plugin ${JSON.stringify(name)}`, KNOWN_PLUGINS.join(', '));
        return [];
      }
      const weight = withWeight ? c.int(item.weight, [...p, i, 'weight'], 1, 100) : undefined;
      return [{ name, ...(weight === undefined ? {} : { weight }) }];
    });
  return {
    enabled: names(o.enabled, [...path, 'enabled'], score),
    disabled: names(o.disabled, [...path, 'disabled'], false).map((e) => e.name),
  };
}

function profile(
  c: Checker,
  raw: unknown,
  path: Path,
  globalPct: number | undefined,
): ProfileConfig | undefined {
  const o = c.obj(raw, path, ['schedulerName', 'percentageOfNodesToScore', 'plugins', 'pluginConfig']);
  if (o === undefined) return undefined;
  const schedulerName = o.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  if (typeof schedulerName !== 'string' || schedulerName === '')
    c.err([...path, 'schedulerName'], 'must be a non-empty string', 'default-scheduler');
  const pct = c.int(o.percentageOfNodesToScore, [...path, 'percentageOfNodesToScore'], 0, 100) ?? globalPct;
  const points: ProfileConfig['points'] = {};
  const plugins = o.plugins === undefined ? undefined : c.obj(o.plugins, [...path, 'plugins'], POINTS);
  for (const point of ['multiPoint', 'filter', 'postFilter', 'score'] as const) {
    const set =
      plugins?.[point] === undefined
        ? undefined
        : pluginSet(
            c,
            plugins[point],
            [...path, 'plugins', point],
            point === 'score' || point === 'multiPoint',
          );
    if (set !== undefined) points[point] = set;
  }
  for (const point of POINTS)
    if (plugins?.[point] !== undefined && !(point in points))
      pluginSet(c, plugins[point], [...path, 'plugins', point], false);
  const args: PluginArgs = {};
  for (const [i, pc] of (c.list(o.pluginConfig, [...path, 'pluginConfig']) ?? []).entries()) {
    const at = [...path, 'pluginConfig', i];
    const item = c.obj(pc, at, ['name', 'args']);
    if (item === undefined) continue;
    const a =
      item.args === undefined
        ? {}
        : isObj(item.args)
          ? item.args
          : (c.err([...at, 'args'], 'expected a map'), {});
    const ap = [...at, 'args'];
    switch (item.name) {
      case 'NodeResourcesFit': {
        c.keys(a, ap, ['scoringStrategy', 'ignoredResources', 'ignoredResourceGroups']);
        const s = fitArgs(c, a, ap);
        if (s !== undefined) args.fitStrategy = s;
        break;
      }
      case 'NodeResourcesBalancedAllocation': {
        c.keys(a, ap, ['resources']);
        const r = resources(c, a.resources, [...ap, 'resources']);
        if (r !== undefined) args.balancedResources = r;
        break;
      }
      case 'PodTopologySpread':
        c.keys(a, ap, ['defaultConstraints', 'defaultingType']);
        args.spread = spreadArgs(c, a, ap);
        break;
      case 'InterPodAffinity':
        c.keys(a, ap, ['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods']);
        args.interPodAffinity = {
          hardPodAffinityWeight:
            c.int(a.hardPodAffinityWeight, [...ap, 'hardPodAffinityWeight'], 0, 100) ?? 1,
          ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods === true,
        };
        break;
      default:
        c.err(
          [...at, 'name'],
          `no configurable args for plugin ${JSON.stringify(item.name)}`,
          'NodeResourcesFit, NodeResourcesBalancedAllocation, PodTopologySpread, InterPodAffinity',
        );
    }
  }
  return {
    schedulerName: String(schedulerName),
    ...(pct === undefined ? {} : { percentageOfNodesToScore: pct }),
    points,
    args,
  };
}

/** The profiles the block configures, and every problem found. */
export function parseSchedulerConfig(raw: unknown): { profiles: ProfileConfig[]; issues: ConfigIssue[] } {
  const c = new Checker();
  const o = c.obj(raw, [], ['apiVersion', 'kind', 'percentageOfNodesToScore', 'profiles', 'parallelism']);
  if (o === undefined) return { profiles: [], issues: c.issues };
  if (o.apiVersion !== undefined && o.apiVersion !== API_VERSION)
    c.err(['apiVersion'], `unsupported apiVersion ${JSON.stringify(o.apiVersion)}`, API_VERSION);
  if (o.kind !== undefined && o.kind !== 'KubeSchedulerConfiguration')
    c.err(
      ['kind'],
      `expected kind KubeSchedulerConfiguration, got ${JSON.stringify(o.kind)}`,
      'KubeSchedulerConfiguration',
    );
  const pct = c.int(o.percentageOfNodesToScore, ['percentageOfNodesToScore'], 0, 100);
  const items = c.list(o.profiles, ['profiles']) ?? [{}];
  const profiles = items.flatMap((p, i) => profile(c, p, ['profiles', i], pct) ?? []);
  const seen = new Map<string, number>();
  profiles.forEach((p, i) => {
    if (seen.has(p.schedulerName))
      c.err(
        ['profiles', i, 'schedulerName'],
        `duplicate schedulerName "${p.schedulerName}" (also profiles[${seen.get(p.schedulerName)}])`,
      );
    seen.set(p.schedulerName, i);
  });
  return { profiles, issues: c.issues };
}
