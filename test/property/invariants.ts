/**
 * Cluster invariants checked after every step of a random run. Some look at one state (resources,
 * placement rules, unique uids); some follow pods across steps (a pod never moves, a uid keeps its
 * name), so the checker keeps what it has seen.
 */
import type { TraceRecord } from '../../src/engine/trace';
import { selectorMatches } from '../../src/model/labels';
import type { Pod } from '../../src/model/objects';
import { podRequests } from '../../src/model/resources';
import type { ClusterState } from '../../src/model/state';
import { podsIn } from '../scenarios/pods';

/** Pods that hold node resources: all but Succeeded/Failed (Terminating pods still hold theirs). */
const holdsResources = (p: Pod) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';

export class InvariantChecker {
  private readonly nodeOfUid = new Map<string, string>();
  private readonly nameOfUid = new Map<string, string>();
  private readonly uidOfName = new Map<string, string>();
  /** How many states were checked (to show the checks ran). */
  checks = 0;

  check(state: ClusterState): void {
    this.checks += 1;
    const used = new Map<string, { cpu: number; memory: number; pods: number }>();
    const uids = new Set<string>();
    const keys = new Set<string>();
    for (const pod of podsIn(state)) {
      const { uid, name, namespace } = pod.metadata;
      const key = `${namespace ?? 'default'}/${name}`;
      const where = `t=${state.time} pod ${key}`;
      if (keys.has(key)) throw new Error(`${where}: two pods with this name`);
      keys.add(key);
      // (c) unique uids; a uid keeps its name and a name is never given to another pod.
      if (uids.has(uid)) throw new Error(`${where}: uid ${uid} is used twice`);
      uids.add(uid);
      const knownName = this.nameOfUid.get(uid);
      if (knownName !== undefined && knownName !== key)
        throw new Error(`${where}: uid ${uid} was ${knownName}`);
      this.nameOfUid.set(uid, key);
      const knownUid = this.uidOfName.get(key);
      if (knownUid !== undefined && knownUid !== uid)
        throw new Error(`${where}: the name was used before by uid ${knownUid}`);
      this.uidOfName.set(key, uid);
      const nodeName = pod.spec.nodeName;
      // (b) once bound, a pod stays on its node.
      const boundTo = this.nodeOfUid.get(uid);
      if (boundTo !== undefined && nodeName !== boundTo)
        throw new Error(`${where}: moved from ${boundTo} to ${String(nodeName)}`);
      if (nodeName === undefined) continue;
      const node = state.nodes[nodeName];
      if (node === undefined) throw new Error(`${where}: bound to a node that does not exist: ${nodeName}`);
      if (boundTo === undefined) {
        // First seen bound: the placement respected the nodeSelector and the user taints.
        this.nodeOfUid.set(uid, nodeName);
        if (!selectorMatches({ matchLabels: pod.spec.nodeSelector ?? {} }, node.metadata.labels)) {
          throw new Error(`${where}: on ${nodeName}, which does not match its nodeSelector`);
        }
        for (const taint of node.spec.taints ?? []) {
          if (taint.key.startsWith('node.kubernetes.io/') || taint.effect === 'PreferNoSchedule') continue;
          const tolerated = (pod.spec.tolerations ?? []).some(
            (t) =>
              t.key === taint.key &&
              (t.effect === undefined || t.effect === taint.effect) &&
              (t.operator === 'Exists' || t.value === taint.value),
          );
          if (!tolerated)
            throw new Error(
              `${where}: on ${nodeName} despite the untolerated taint ${taint.key}:${taint.effect}`,
            );
        }
      }
      if (!holdsResources(pod)) continue;
      const req = podRequests(pod);
      const u = used.get(nodeName) ?? { cpu: 0, memory: 0, pods: 0 };
      u.cpu += req.cpu ?? 0;
      u.memory += req.memory ?? 0;
      u.pods += 1;
      used.set(nodeName, u);
    }
    // (a) no node is over-committed.
    for (const [nodeName, u] of used) {
      const alloc = state.nodes[nodeName]?.status.allocatable ?? {};
      for (const r of ['cpu', 'memory', 'pods'] as const) {
        if (u[r] > (alloc[r] ?? 0))
          throw new Error(
            `t=${state.time} node ${nodeName}: ${r} requests ${u[r]} > allocatable ${String(alloc[r])}`,
          );
      }
    }
  }
}

/** (e) the trace's times never decrease. */
export function assertTraceOrdered(trace: readonly TraceRecord[]): void {
  for (let i = 1; i < trace.length; i++) {
    const a = (trace[i - 1] as TraceRecord).t;
    const b = (trace[i] as TraceRecord).t;
    if (b < a) throw new Error(`trace record ${i} at t=${b} comes after one at t=${a}`);
  }
}
