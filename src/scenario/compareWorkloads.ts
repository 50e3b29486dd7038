/**
 * What `flotilla compare` counts per workload and per volume (see src/scenario/compare.ts for the
 * definitions): which pods really run, the workload each belongs to, the containers lost between
 * two snapshots, and whether each volume's data outlived the failure.
 */
import { type ClusterState, type Pod, valuesIn } from '../model';

/** Where a volume's data lives, which decides whether it outlives a failure. */
type VolumeScope = 'claim' | 'host' | 'pod';

/** One volume of a container that was running when the failure hit. */
export interface VolumeRef {
  workload: string;
  volume: string;
  scope: VolumeScope;
  /** The host a `host` volume lives on. */
  node?: string;
}

/** Containers running when the failure hit, per workload, and how many of them were back at `checkedAt`. */
export interface ContainerFigures {
  runningAtFailure: number;
  lost: number;
  /** When "back" was checked: just before a person acted, or the end of the run (ms). */
  checkedAt: number;
  workloads: { workload: string; atFailure: number; back: number }[];
}

/** Whether the data of every volume in use when the failure hit is still there at the end. */
export interface DataFigures {
  survived: 'yes' | 'no' | 'n/a';
  volumes: (VolumeRef & { kept: boolean; why: string })[];
}

/** The volumes a pod mounts, each with where its data lives. */
export type VolumesOf = (pod: Pod, state: ClusterState) => VolumeRef[];

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
function isRunning(pod: Pod, state: ClusterState): boolean {
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

/** Containers running at `atFailure` (none: no failure) that are not running again in `later`. */
export function containersLost(
  atFailure: ClusterState | undefined,
  later: ClusterState,
  checkedAt: number,
): ContainerFigures {
  const before = atFailure === undefined ? new Map<string, Pod[]>() : runningByWorkload(atFailure);
  const after = runningByWorkload(later);
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

/** The volumes of the containers running at `at` (none: no failure), and whether each is kept at `end`. */
export function dataSurvived(
  at: ClusterState | undefined,
  end: ClusterState,
  volumesOf: VolumesOf = podVolumes,
): DataFigures {
  if (at === undefined) return { survived: 'n/a', volumes: [] };
  const uidsAtEnd = new Set(
    valuesIn(end.pods)
      .filter((p) => isRunning(p, end))
      .map((p) => p.metadata.uid),
  );
  const seen = new Set<string>();
  const volumes: DataFigures['volumes'] = [];
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
