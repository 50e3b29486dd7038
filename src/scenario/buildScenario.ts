/**
 * From a schema-valid scenario file to the normalised {@link Scenario}: times to ms, quantities to
 * canonical amounts, settings merged over the defaults, `apply` objects loaded (inline or from
 * files), timeline entries and expectations typed. Problems that need more than one field are
 * reported here with their location; cross-references (node and deployment names) in checkScenario.ts.
 */
import { loadManifests, loadManifestValue } from '../manifests/loadManifests';
import type { IgnoredObject, LoadedObject } from '../manifests/loadResult';
import type { LocatedError } from '../model/located';
import type { Locator } from '../manifests/loadYaml';
import { parseSelector } from '../model/labels';
import { canonicalAmount, formatAmount, type ResourceList } from '../model/quantity';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { parseSchedulerConfig } from '../scheduler/config/parseConfig';
import { profileFromConfig } from '../scheduler/config/profileFromConfig';
import type { Profile } from '../scheduler/framework';
import { parseDuration } from './duration';
import { resolveRelative } from './resolvePath';
import { behaviourAnnotationErrors, buildSetBehaviourEntry } from './schemaBehaviour';
import { addNetwork } from './buildTraffic';
import { buildCompose, composeTargetChecks } from './buildCompose';
import { buildSwarm, swarmTargetChecks } from './buildSwarm';
import { buildFlowSpec } from './flowExpectation';
import type {
  Expectation,
  ExpectationWindow,
  PodTarget,
  Scenario,
  ScenarioNode,
  TimelineEntry,
} from './scenario';
import type { ExpectationFile, NodeFile, ScenarioFile, TimelineEntryFile } from './schema';

/** Reads a file by path (injected: only src/cli touches the file system). Throws if it cannot. */
export type ReadFile = (path: string) => string;

/** Default pod capacity of a node (kubelet --max-pods 110, W setup/best-practices/cluster-large.md). */
export const DEFAULT_MAX_PODS = 110;

interface Ctx {
  path: string;
  loc: Locator;
  readFile: ReadFile;
  errors: LocatedError[];
  warnings: LocatedError[];
}

const ms = (d: string | number): number => (typeof d === 'number' ? d : parseDuration(d)); // already validated by the schema

/** Builds the scenario; the result is only meaningful when `errors` is empty. */
export function buildScenario(file: ScenarioFile, path: string, loc: Locator, readFile: ReadFile) {
  const ctx: Ctx = { path, loc, readFile, errors: [], warnings: [] };
  const swarm =
    file.orchestrator === 'swarm'
      ? buildSwarm(file, path, loc, readFile, ctx.errors, ctx.warnings)
      : undefined;
  for (const [i, n] of file.nodes.entries())
    if (n.role !== undefined && file.orchestrator !== 'swarm')
      ctx.errors.push(loc.keyError(['nodes', i, 'role'], 'role: needs orchestrator: swarm'));
  const compose =
    file.orchestrator === 'compose'
      ? buildCompose(file, path, loc, readFile, ctx.errors, ctx.warnings)
      : undefined;
  if (file.orchestrator === 'kubernetes' && file.compose !== undefined)
    ctx.errors.push(loc.keyError(['compose'], 'compose: needs orchestrator: compose or swarm'));
  const objects: LoadedObject[] = [];
  const ignored: IgnoredObject[] = [];
  for (const [i, item] of (file.apply ?? []).entries()) {
    const r =
      'kind' in item ? loadInline(ctx, item, ['apply', i]) : loadFile(ctx, item.file, ['apply', i, 'file']);
    objects.push(...r.objects);
    ignored.push(...r.ignored);
  }
  const scenario: Scenario = {
    file: path,
    name: file.name,
    ...(file.title === undefined ? {} : { title: file.title }),
    ...(file.description === undefined ? {} : { description: file.description }),
    seed: file.seed,
    orchestrator: compose !== undefined ? 'compose' : file.orchestrator === 'swarm' ? 'swarm' : 'kubernetes',
    nodes: file.nodes.map((n, i) => buildNode(ctx, n, i)),
    ...(compose !== undefined ? { compose } : {}),
    ...(swarm !== undefined ? { swarm } : {}),
    settings: buildSettings(file.settings ?? {}),
    ...(file.scheduler === undefined
      ? {}
      : { scheduler: file.scheduler, schedulerProfiles: buildSchedulerProfiles(ctx, file.scheduler) }),
    objects,
    ignored,
    timeline: stableSortByAt((file.timeline ?? []).map((e, i) => buildEntry(ctx, e, i))),
    expectations: (file.expect ?? []).flatMap((e, i) => buildExpectation(ctx, e, i) ?? []),
    ...(file.duration === undefined ? {} : { duration: ms(file.duration) }),
  };
  const hosts = scenario.nodes.map((n) => n.name);
  addNetwork(
    scenario,
    file,
    loc,
    ctx.errors,
    (compose && composeTargetChecks(compose, hosts)) ?? (swarm && swarmTargetChecks(swarm, hosts)),
  );
  return { scenario, errors: ctx.errors, warnings: ctx.warnings };
}

/** The scheduler profiles of the `scheduler:` block, its problems located under `scheduler`. */
function buildSchedulerProfiles(ctx: Ctx, block: unknown): Profile[] {
  const { profiles, issues } = parseSchedulerConfig(block);
  for (const i of issues) {
    const path = ['scheduler', ...i.path];
    ctx.errors.push(
      i.key === true
        ? ctx.loc.keyError(path, i.message, i.expected)
        : ctx.loc.error(path, i.message, i.expected),
    );
  }
  return profiles.map(profileFromConfig);
}

function loadFile(
  ctx: Ctx,
  rel: string,
  at: (string | number)[],
): { objects: LoadedObject[]; ignored: IgnoredObject[] } {
  const resolved = resolveRelative(ctx.path, rel);
  let text: string;
  try {
    text = ctx.readFile(resolved);
  } catch {
    ctx.errors.push(
      ctx.loc.keyError(
        at,
        `cannot read "${rel}" (looked for ${resolved})`,
        'a YAML file path relative to the scenario file',
      ),
    );
    return { objects: [], ignored: [] };
  }
  const r = loadManifests(text, resolved);
  ctx.errors.push(...r.errors, ...behaviourAnnotationErrors(r.objects));
  ctx.warnings.push(...r.warnings);
  return r;
}

function loadInline(
  ctx: Ctx,
  value: unknown,
  at: (string | number)[],
): { objects: LoadedObject[]; ignored: IgnoredObject[] } {
  const r = loadManifestValue(value, ctx.loc.child(at));
  ctx.errors.push(...r.errors, ...behaviourAnnotationErrors(r.objects));
  ctx.warnings.push(...r.warnings);
  return r;
}

function resources(list: Record<string, string | number>): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list)) out[k] = canonicalAmount(k, v) ?? 0;
  return out;
}

function buildNode(ctx: Ctx, n: NodeFile, i: number): ScenarioNode {
  const capacity = resources(n.capacity);
  capacity.pods ??= DEFAULT_MAX_PODS;
  const given = resources(n.allocatable ?? {});
  const allocatable: ResourceList = { ...capacity, ...given };
  for (const [k, v] of Object.entries(given)) {
    const cap = capacity[k];
    if (cap === undefined)
      ctx.errors.push(
        ctx.loc.keyError(['nodes', i, 'allocatable', k], `allocatable "${k}" is not in the node's capacity`),
      );
    else if (v > cap)
      ctx.errors.push(
        ctx.loc.error(
          ['nodes', i, 'allocatable', k],
          `allocatable ${k} ${formatAmount(k, v)} exceeds capacity ${formatAmount(k, cap)}`,
        ),
      );
  }
  // What the kubelet labels every node with (W reference/labels-annotations-taints).
  const labels = {
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    ...(n.labels ?? {}),
  };
  const taints = (n.taints ?? []).map((t) => ({
    key: t.key,
    effect: t.effect,
    ...(t.value === undefined ? {} : { value: t.value }),
  }));
  return {
    name: n.name,
    capacity,
    allocatable,
    labels,
    taints,
    ...(n.role === undefined ? {} : { role: n.role }),
    source: ctx.loc.at(['nodes', i]),
  };
}

function buildSettings(overrides: Partial<Record<keyof Settings, string | number | undefined>>): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(overrides) as [keyof Settings, string | number | undefined][]) {
    if (v !== undefined) out[k] = typeof v === 'number' ? v : parseDuration(v);
  }
  return out;
}

function target(
  ctx: Ctx,
  e: { pod?: string | undefined; selector?: string | undefined },
  i: number,
): PodTarget {
  if (e.pod !== undefined && e.selector !== undefined)
    ctx.errors.push(
      ctx.loc.keyError(['timeline', i, 'selector'], 'give either "pod" or "selector", not both'),
    );
  if (e.pod !== undefined) return { by: 'name', name: e.pod };
  if (e.selector !== undefined)
    return { by: 'selector', selector: parseSelector(e.selector), text: e.selector };
  ctx.errors.push(
    ctx.loc.error(['timeline', i], 'missing "pod" or "selector"', 'pod: <name> or selector: app=<label>'),
  );
  return { by: 'name', name: '' };
}

function buildEntry(ctx: Ctx, e: TimelineEntryFile, i: number): TimelineEntry {
  const base = {
    at: ms(e.at),
    index: i,
    source: ctx.loc.at(['timeline', i]),
    ...(e.say === undefined ? {} : { say: e.say }),
  };
  const ns = (x: { namespace?: string | undefined }) => x.namespace ?? 'default';
  switch (e.action) {
    case undefined:
    case 'say':
      return { ...base, action: 'say', say: e.say };
    case 'crashContainer':
      return {
        ...base,
        action: e.action,
        namespace: ns(e),
        target: target(ctx, e, i),
        exitCode: e.exitCode ?? 1,
        ...(e.container === undefined ? {} : { container: e.container }),
        ...(e.crashLoop === undefined ? {} : { crashLoop: parseDuration(String(e.crashLoop)) }),
      };
    case 'deletePod':
      return { ...base, action: e.action, namespace: ns(e), target: target(ctx, e, i) };
    case 'setBehaviour':
      return buildSetBehaviourEntry(e, base, ns(e), target(ctx, e, i), (f, m, x) =>
        ctx.errors.push(ctx.loc.keyError(['timeline', i, f], m, x)),
      );
    case 'scale':
      if (e.service !== undefined) {
        if (e.deployment !== undefined)
          ctx.errors.push(
            ctx.loc.keyError(['timeline', i, 'service'], 'give either "deployment" or "service", not both'),
          );
        return { ...base, action: e.action, service: e.service, replicas: e.replicas };
      }
      if (e.deployment === undefined)
        ctx.errors.push(ctx.loc.error(['timeline', i], 'missing "deployment" (or, under swarm, "service")'));
      return {
        ...base,
        action: e.action,
        namespace: ns(e),
        deployment: e.deployment ?? '',
        replicas: e.replicas,
      };
    case 'updateService':
      return { ...base, action: e.action, service: e.service, image: e.image };
    case 'apply': {
      if ((e.object === undefined) === (e.file === undefined)) {
        ctx.errors.push(
          ctx.loc.error(['timeline', i], 'an apply entry needs exactly one of "object" or "file"'),
        );
        return { ...base, action: 'apply', objects: [], ignored: [] };
      }
      const r =
        e.object !== undefined
          ? loadInline(ctx, e.object, ['timeline', i, 'object'])
          : loadFile(ctx, e.file ?? '', ['timeline', i, 'file']);
      return { ...base, action: 'apply', objects: r.objects, ignored: r.ignored };
    }
    default:
      return { ...base, action: e.action, node: e.node };
  }
}

function stableSortByAt(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([e]) => e);
}

function buildExpectation(ctx: Ctx, e: ExpectationFile, i: number): Expectation | undefined {
  let window: ExpectationWindow | undefined;
  if (e.at !== undefined && e.within !== undefined)
    ctx.errors.push(ctx.loc.keyError(['expect', i, 'within'], 'give either "at" or "within", not both'));
  else if (e.at !== undefined) window = { kind: 'at', at: ms(e.at) };
  else if (e.within !== undefined) window = { kind: 'within', within: ms(e.within) };
  else
    ctx.errors.push(
      ctx.loc.error(['expect', i], 'missing "at" or "within"', 'at: 5m (check then) or within: 5m (by then)'),
    );
  if (window === undefined) return undefined;
  const base = {
    window,
    index: i,
    source: ctx.loc.at(['expect', i]),
    ...(e.description === undefined ? {} : { description: e.description }),
  };
  if ('pods' in e) {
    const rc = e.restartCount;
    const range = rc === undefined ? undefined : typeof rc === 'number' ? { min: rc, max: rc } : rc;
    return {
      ...base,
      check: 'pods',
      selector: parseSelector(e.pods.selector),
      selectorText: e.pods.selector,
      namespace: e.pods.namespace ?? 'default',
      ...(e.count === undefined ? {} : { count: e.count }),
      ...(e.phase === undefined ? {} : { phase: e.phase }),
      ...(e.ready === undefined ? {} : { ready: e.ready }),
      ...(e.node === undefined ? {} : { node: e.node }),
      ...(range === undefined
        ? {}
        : {
            restartCount: {
              ...(range.min === undefined ? {} : { min: range.min }),
              ...(range.max === undefined ? {} : { max: range.max }),
            },
          }),
      ...(e.terminating === undefined ? {} : { terminating: e.terminating }),
    };
  }
  if ('flow' in e) return { ...base, check: 'flow', ...buildFlowSpec(e.flow) };
  if ('event' in e) {
    const ev = e.event;
    return {
      ...base,
      check: 'event',
      reason: ev.reason,
      ...(ev.object === undefined ? {} : { object: ev.object }),
      ...(ev.type === undefined ? {} : { type: ev.type }),
    };
  }
  const r = e.node.ready;
  return {
    ...base,
    check: 'node',
    node: e.node.name,
    ready: r === true ? 'True' : r === false ? 'False' : r,
  };
}
