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
import type { TraceRecord } from '../engine/trace';
import type { Pod } from '../model/objects';
import { valuesIn } from '../model/sharded';
import type { ClusterState } from '../model/state';
import type { Scenario, TimelineEntry } from './scenario';

/** Timeline actions that inject a failure; the first one starts the clock. */
export const FAILURE_ACTIONS: ReadonlySet<string> = new Set([
  'failNode',
  'crashContainer',
  'deletePod',
  'setBehaviour',
]);

/** How long a flow must succeed without a failure to count as answering again. */
export const STABLE_MS = 10_000;

/** Where a volume's data lives, which decides whether it outlives a failure. */
export type VolumeScope = 'claim' | 'host' | 'pod';

/** One volume of a container that was running when the failure hit. */
export interface VolumeRef {
  workload: string;
  volume: string;
  scope: VolumeScope;
  /** The host a `host` volume lives on. */
  node?: string;
}

export interface CompareInput {
  scenario: Pick<Scenario, 'name' | 'file' | 'orchestrator' | 'timeline' | 'network'> & { title?: string };
  trace: readonly TraceRecord[];
  /** The state just before the failure action (undefined: no failure in the timeline). */
  atFailure: ClusterState | undefined;
  /** The state just before the first person's action after the failure, or the end state. */
  beforePerson: ClusterState | undefined;
  end: ClusterState;
  endTime: number;
  /** The volumes each pod mounts (default: {@link podVolumes}). */
  volumesOf?: (pod: Pod, state: ClusterState) => VolumeRef[];
}

export type RecoveryStatus = 'recovered' | 'never' | 'noInterruption' | 'noTraffic' | 'noFailure';

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
  containers: {
    runningAtFailure: number;
    lost: number;
    /** When "back" was checked: just before a person acted, or the end of the run (ms). */
    checkedAt: number;
    workloads: { workload: string; atFailure: number; back: number }[];
  };
  data: { survived: 'yes' | 'no' | 'n/a'; volumes: (VolumeRef & { kept: boolean; why: string })[] };
  person: {
    acted: boolean;
    actions: { at: number; action: string; target: string }[];
    beforeRecovery: boolean;
  };
}

export function compareMetrics(input: CompareInput): ScenarioMetrics {
  const { scenario } = input;
  const failureEntry = scenario.timeline.find((e) => FAILURE_ACTIONS.has(e.action));
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
  const containers = containersLost(input, firstPerson ?? input.endTime);
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
    data: dataOf(input),
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

function personActions(timeline: readonly TimelineEntry[], from: number) {
  return timeline
    .filter((e) => e.at >= from && e.action !== 'say' && !FAILURE_ACTIONS.has(e.action))
    .map((e) => ({ at: e.at, action: e.action, target: targetOf(e) }));
}

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
    const longEnough = start.t + STABLE_MS <= lastSecond.t + 1 || lastSecond.t >= endTime;
    if (window.every((s) => !bad(s)) && longEnough)
      return { status: 'recovered', firstFailedAt: first.t, recoveredAt: start.t, downMs: start.t - first.t };
  }
  return { status: 'never', firstFailedAt: first.t, recoveredAt: null, downMs: null };
}

/** The workload a pod belongs to: its controller's owner chain, a Compose/Swarm service, or itself. */
export function workloadOf(pod: Pod, state: ClusterState): string {
  const labels = pod.metadata.labels ?? {};
  const compose = labels['com.docker.compose.service'];
  if (compose !== undefined) return `service/${labels['com.docker.compose.project'] ?? ''}-${compose}`;
  const swarm = labels['com.docker.swarm.service.name'];
  if (swarm !== undefined) return `service/${swarm}`;
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true);
  if (owner === undefined) return `pod/${pod.metadata.name}`;
  if (owner.kind === 'ReplicaSet') {
    const rs = state.replicaSets[`${pod.metadata.namespace ?? 'default'}/${owner.name}`];
    const d = rs?.metadata.ownerReferences?.find((r) => r.controller === true);
    if (d !== undefined) return `${d.kind.toLowerCase()}/${d.name}`;
  }
  return `${owner.kind.toLowerCase()}/${owner.name}`;
}

/** Really running: not being deleted, every container running, on a machine that is up. */
export function isRunning(pod: Pod, state: ClusterState): boolean {
  const node = pod.spec.nodeName;
  return (
    node !== undefined &&
    state.nodeRuntime[node]?.up === true &&
    pod.metadata.deletionTimestamp === undefined &&
    pod.status.phase === 'Running' &&
    pod.status.containerStatuses.length > 0 &&
    pod.status.containerStatuses.every((c) => c.state.running !== undefined)
  );
}

function runningByWorkload(state: ClusterState): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of valuesIn(state.pods)) {
    if (!isRunning(pod, state)) continue;
    const w = workloadOf(pod, state);
    out.set(w, [...(out.get(w) ?? []), pod]);
  }
  return out;
}

function containersLost(input: CompareInput, checkedAt: number): ScenarioMetrics['containers'] {
  const before =
    input.atFailure === undefined ? new Map<string, Pod[]>() : runningByWorkload(input.atFailure);
  const after = runningByWorkload(input.beforePerson ?? input.end);
  const workloads = [...before.keys()].sort().map((w) => ({
    workload: w,
    atFailure: (before.get(w) ?? []).length,
    back: Math.min((before.get(w) ?? []).length, (after.get(w) ?? []).length),
  }));
  const running = workloads.reduce((n, w) => n + w.atFailure, 0);
  const lost = workloads.reduce((n, w) => n + (w.atFailure - w.back), 0);
  return { runningAtFailure: running, lost, checkedAt, workloads };
}

/** Volumes from a pod spec: persistentVolumeClaim → claim, hostPath → host, anything else (emptyDir, ...) → pod. */
export function podVolumes(pod: Pod, state: ClusterState): VolumeRef[] {
  const volumes = (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) as Record<string, unknown>[];
  const workload = workloadOf(pod, state);
  return volumes.map((v) => {
    const name = String(v.name ?? '');
    if (v.persistentVolumeClaim !== undefined) {
      const claim = (v.persistentVolumeClaim as { claimName?: string }).claimName ?? name;
      return { workload, volume: `pvc/${claim}`, scope: 'claim' };
    }
    if (v.hostPath !== undefined) {
      const path = (v.hostPath as { path?: string }).path ?? name;
      return { workload, volume: `hostPath ${path}`, scope: 'host', ...nodeOf(pod) };
    }
    return {
      workload,
      volume: `${Object.keys(v).find((k) => k !== 'name') ?? 'volume'} ${name}`,
      scope: 'pod',
    };
  });
}

function nodeOf(pod: Pod): { node?: string } {
  return pod.spec.nodeName === undefined ? {} : { node: pod.spec.nodeName };
}

function dataOf(input: CompareInput): ScenarioMetrics['data'] {
  const at = input.atFailure;
  if (at === undefined) return { survived: 'n/a', volumes: [] };
  const volumesOf = input.volumesOf ?? podVolumes;
  const end = input.end;
  const uidsAtEnd = new Set(
    valuesIn(end.pods)
      .filter((p) => isRunning(p, end))
      .map((p) => p.metadata.uid),
  );
  const seen = new Set<string>();
  const volumes: ScenarioMetrics['data']['volumes'] = [];
  for (const pod of valuesIn(at.pods)) {
    if (!isRunning(pod, at)) continue;
    for (const v of volumesOf(pod, at)) {
      const key = `${v.workload} ${v.volume} ${v.node ?? ''} ${v.scope === 'pod' ? pod.metadata.uid : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      volumes.push({ ...v, ...keptOf(v, pod, end, uidsAtEnd) });
    }
  }
  const survived = volumes.length === 0 ? 'n/a' : volumes.every((v) => v.kept) ? 'yes' : 'no';
  return { survived, volumes };
}

function keptOf(v: VolumeRef, pod: Pod, end: ClusterState, uidsAtEnd: ReadonlySet<string>) {
  switch (v.scope) {
    case 'claim':
      return { kept: true, why: 'a claim outlives pods and nodes (network-attached storage assumed)' };
    case 'host': {
      const up = v.node !== undefined && end.nodeRuntime[v.node]?.up === true;
      return up
        ? { kept: true, why: `on ${v.node}'s disk, and ${v.node} is up at the end` }
        : { kept: false, why: `on ${v.node ?? 'its host'}'s disk, and that host is still down at the end` };
    }
    case 'pod':
      return uidsAtEnd.has(pod.metadata.uid)
        ? { kept: true, why: `lives with ${pod.metadata.name}, which still runs` }
        : { kept: false, why: `lived with ${pod.metadata.name}, which is gone` };
  }
}
