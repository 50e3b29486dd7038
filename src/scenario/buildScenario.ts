/**
 * From a schema-valid scenario file to the normalised {@link Scenario}: times to ms, quantities to
 * canonical amounts, settings merged over the defaults, `apply` objects loaded (inline or from
 * files), timeline entries and expectations typed. Problems that need more than one field are
 * reported here with their location (the timeline's in buildTimeline.ts, expectations' in
 * buildExpectation.ts); cross-references (node and deployment names) in checkScenario.ts.
 */
import type { IgnoredObject, LoadedObject, Locator } from '../manifests';
import { canonicalAmount, DEFAULT_SETTINGS, formatAmount, type ResourceList, type Settings } from '../model';
import { parseSchedulerConfig, type Profile, profileFromConfig } from '../scheduler';
import { type BuildContext, ms, type ReadFile } from './buildContext';
import { buildExpectation } from './buildExpectation';
import { buildTimeline } from './buildTimeline';
import { parseDuration } from './duration';
import { loadFile, loadInline } from './loadApply';
import { addNetwork } from './buildTraffic';
import { buildCompose, composeTargetChecks } from './buildCompose';
import { buildSwarm, swarmTargetChecks } from './buildSwarm';
import type { Scenario, ScenarioNode } from './scenario';
import type { NodeFile, ScenarioFile } from './schema';

export type { ReadFile } from './buildContext';

/** Default pod capacity of a node (kubelet --max-pods 110, W setup/best-practices/cluster-large.md). */
const DEFAULT_MAX_PODS = 110;

/** Builds the scenario; the result is only meaningful when `errors` is empty. */
export function buildScenario(file: ScenarioFile, path: string, loc: Locator, readFile: ReadFile) {
  const ctx: BuildContext = { path, loc, readFile, errors: [], warnings: [] };
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
    timeline: buildTimeline(ctx, file.timeline ?? []),
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
function buildSchedulerProfiles(ctx: BuildContext, block: unknown): Profile[] {
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

function resources(list: Record<string, string | number>): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list)) out[k] = canonicalAmount(k, v) ?? 0;
  return out;
}

function buildNode(ctx: BuildContext, n: NodeFile, i: number): ScenarioNode {
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
