/**
 * The figures `flotilla compare` puts side by side for each scenario run: how long the app was
 * down after the failure, how many requests failed, how many containers were lost, whether the
 * data survived and whether a person had to act. Pure: it reads a run's trace and three snapshots
 * of its state (src/scenario/compareRun.ts takes them), whatever the orchestrator, since Compose
 * containers and Swarm tasks are Pods in the state too.
 *
 * Definitions (also printed as the table's footnotes by src/cli/compare.ts):
 * - failure: the first timeline action in {@link FAILURE_ACTIONS}.
 * - the app: the scenario's first traffic flow (its end-to-end figures: a failed downstream call
 *   fails the request).
 * - down for: from the first traffic second with a failed request at or after the failure, to the
 *   first second from which every request succeeds for {@link STABLE_MS} (or until the run ends).
 *   A second in which the flow sent nothing (no client alive) does not count as answering.
 * - failed requests: failed / sent from the failure to the end of the run.
 * - containers lost: per workload (Deployment, ReplicaSet, Compose or Swarm service; a standalone
 *   pod by its name), the containers running when the failure hit minus those running again before
 *   a person first acted (or at the end of the run, when nobody did); a replacement elsewhere
 *   counts as back. "Running" means really running: container up, on a machine that is up.
 * - data survived: for every volume mounted by a container running when the failure hit: a
 *   PersistentVolumeClaim is kept (Flotilla assumes network-attached storage that follows the pod);
 *   a host volume (Docker named volume, bind mount, hostPath) is kept if its host is up at the end;
 *   a volume that lives with the container or pod (emptyDir, anonymous volume, tmpfs) is kept only
 *   if that same pod is still running at the end.
 * - a person had to act: a timeline action at or after the failure other than narration and the
 *   failures themselves (recoverNode, uncordon, scale, apply, ...) came while the app was still
 *   down (or, with no traffic to tell, while containers were still lost).
 */
import type { TraceRecord } from '../engine';
import type { ClusterState } from '../model';
import {
  type ContainerFigures,
  containersLost,
  type DataFigures,
  dataSurvived,
  type VolumesOf,
} from './compareWorkloads';
import type { Scenario, TimelineEntry } from './scenario';

/** Timeline actions that inject a failure; the first one starts the clock. */
const FAILURE_ACTIONS: ReadonlySet<string> = new Set([
  'failNode',
  'crashContainer',
  'deletePod',
  'setBehaviour',
]);

/** How long a flow must succeed without a failure to count as answering again. */
export const STABLE_MS = 10_000;

export interface CompareInput {
  scenario: Pick<Scenario, 'name' | 'file' | 'orchestrator' | 'timeline' | 'network'> & { title?: string };
  trace: readonly TraceRecord[];
  /** The state just before the failure action (undefined: no failure in the timeline). */
  atFailure: ClusterState | undefined;
  /** The state just before the first person's action after the failure, or the end state. */
  beforePerson: ClusterState | undefined;
  end: ClusterState;
  endTime: number;
  /** The volumes each pod mounts (default: their pod spec's, compareWorkloads.ts podVolumes). */
  volumesOf?: VolumesOf;
}

type RecoveryStatus = 'recovered' | 'never' | 'noInterruption' | 'noTraffic' | 'noFailure';

export interface ScenarioMetrics {
  file: string;
  scenario: string;
  title?: string;
  orchestrator: string;
  failure: { at: number; action: string; target: string } | null;
  flow: string | null;
  recovery: {
    status: RecoveryStatus;
    /** The traffic second of the first failed request after the failure (ms). */
    firstFailedAt: number | null;
    /** The first second from which the flow answers again (ms). */
    recoveredAt: number | null;
    downMs: number | null;
  };
  requests: { sent: number; failed: number; percentFailed: number | null; from: number | null; to: number };
  containers: ContainerFigures;
  data: DataFigures;
  person: {
    /** Whether the timeline has any person's action after the failure. */
    acted: boolean;
    /** Whether one came while the app was still down (or, without traffic, containers still lost). */
    needed: boolean;
    actions: { at: number; action: string; target: string }[];
  };
}

export function compareMetrics(input: CompareInput): ScenarioMetrics {
  const { scenario } = input;
  const failureEntry = failureOf(scenario.timeline);
  const failure = failureEntry && {
    at: failureEntry.at,
    action: failureEntry.action,
    target: targetOf(failureEntry),
  };
  const flow = scenario.network?.flows?.[0]?.name ?? null;
  const seconds = trafficSeconds(input.trace, flow);
  const recovery = recoveryOf(seconds, failure?.at, flow, input.endTime);
  const from = failure?.at ?? null;
  const counted = seconds.filter((s) => from !== null && s.t >= from);
  const sent = counted.reduce((n, s) => n + s.requests, 0);
  const failed = counted.reduce((n, s) => n + s.failed, 0);
  const actions = failure === undefined ? [] : personActions(scenario.timeline, failure.at);
  const firstPerson = actions[0]?.at;
  const containers = containersLost(
    input.atFailure,
    input.beforePerson ?? input.end,
    firstPerson ?? input.endTime,
  );
  const down = recovery.status === 'recovered' || recovery.status === 'never';
  const needed =
    firstPerson !== undefined &&
    (down ? recovery.recoveredAt === null || firstPerson < recovery.recoveredAt : containers.lost > 0);
  return {
    file: scenario.file,
    scenario: scenario.name,
    ...(scenario.title === undefined ? {} : { title: scenario.title }),
    orchestrator: scenario.orchestrator,
    failure: failure ?? null,
    flow,
    recovery,
    requests: {
      sent,
      failed,
      percentFailed: sent === 0 ? null : Math.round((failed / sent) * 1000) / 10,
      from,
      to: input.endTime,
    },
    containers,
    data: dataSurvived(input.atFailure, input.end, input.volumesOf),
    person: { acted: actions.length > 0, needed, actions },
  };
}

function targetOf(e: TimelineEntry): string {
  if ('node' in e) return e.node;
  if ('deployment' in e) return e.deployment;
  if ('target' in e) return e.target.by === 'name' ? e.target.name : e.target.text;
  if (e.action === 'apply')
    return e.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`).join(', ');
  return '';
}

/** The timeline entry that starts the clock: the first failure injected. */
export function failureOf(timeline: readonly TimelineEntry[]): TimelineEntry | undefined {
  return timeline.find((e) => FAILURE_ACTIONS.has(e.action));
}

/** A person's action at or after the failure: neither narration nor another failure. */
export function isPersonAction(e: TimelineEntry, failureAt: number): boolean {
  return e.at >= failureAt && e.action !== 'say' && !FAILURE_ACTIONS.has(e.action);
}

function personActions(timeline: readonly TimelineEntry[], from: number) {
  return timeline
    .filter((e) => isPersonAction(e, from))
    .map((e) => ({ at: e.at, action: e.action, target: targetOf(e) }));
}

/** What one traffic trace record covers: the flow's requests of one simulated second. */
const TRAFFIC_SECOND_MS = 1000;

interface Second {
  t: number;
  requests: number;
  failed: number;
}

function trafficSeconds(trace: readonly TraceRecord[], flow: string | null): Second[] {
  if (flow === null) return [];
  const out: Second[] = [];
  for (const r of trace) {
    if (r.type !== 'traffic' || r.flow !== flow) continue;
    const requests = Number(r.requests ?? 0);
    out.push({ t: r.t, requests, failed: requests - Number(r.successes ?? 0) });
  }
  return out;
}

function recoveryOf(
  seconds: readonly Second[],
  failureAt: number | undefined,
  flow: string | null,
  endTime: number,
): ScenarioMetrics['recovery'] {
  const none = { firstFailedAt: null, recoveredAt: null, downMs: null };
  if (failureAt === undefined) return { status: 'noFailure', ...none };
  if (flow === null || seconds.length === 0) return { status: 'noTraffic', ...none };
  const after = seconds.filter((s) => s.t >= failureAt);
  const bad = (s: Second) => s.failed > 0 || s.requests === 0;
  const first = after.find(bad);
  if (first === undefined) return { status: 'noInterruption', ...none };
  for (let i = after.indexOf(first) + 1; i < after.length; i++) {
    const start = after[i] as Second;
    if (bad(start)) continue;
    const window = after.slice(i).filter((s) => s.t < start.t + STABLE_MS);
    const lastSecond = after[after.length - 1] as Second;
    // Ten records from start.t (each a second) make ten seconds: the last one ends at t + 1 s.
    const longEnough = lastSecond.t + TRAFFIC_SECOND_MS - start.t >= STABLE_MS || lastSecond.t >= endTime;
    if (window.every((s) => !bad(s)) && longEnough)
      return { status: 'recovered', firstFailedAt: first.t, recoveredAt: start.t, downMs: start.t - first.t };
  }
  return { status: 'never', firstFailedAt: first.t, recoveredAt: null, downMs: null };
}
