/**
 * Which pods a ReplicaSet deletes first when it scales down: ActivePodsWithRanks.Less in
 * K pkg/controller/controller_utils.go. Earlier in the returned order = deleted first.
 */
import type { Pod } from '../model';
import { isPodReady, readySince } from './podStatus';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(p: Pod): number {
  const v = Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

function restarts(p: Pod): number {
  return p.status.containerStatuses.reduce((n, c) => Math.max(n, c.restartCount), 0);
}

/** Sorts `pods` (a copy) so that the first ones are the ones to delete. */
export function rankForDeletion(pods: readonly Pod[], sameOwnerActive: readonly Pod[]): Pod[] {
  // Rank: how many active pods of the same owner share the pod's node (more = delete first).
  const perNode = new Map<string, number>();
  for (const p of sameOwnerActive) {
    const n = p.spec.nodeName;
    if (n !== undefined) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const rank = (p: Pod) => (p.spec.nodeName === undefined ? 0 : (perNode.get(p.spec.nodeName) ?? 0));
  return [...pods].sort((a, b) => {
    // 1. Unassigned before assigned.
    const ua = a.spec.nodeName === undefined ? 0 : 1;
    const ub = b.spec.nodeName === undefined ? 0 : 1;
    if (ua !== ub) return ua - ub;
    // 2. Pending < Unknown < Running.
    const pa = PHASE_ORDER[a.status.phase] ?? 3;
    const pb = PHASE_ORDER[b.status.phase] ?? 3;
    if (pa !== pb) return pa - pb;
    // 3. Not ready before ready.
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    // 4. Lower pod-deletion-cost first.
    if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
    // 5. More siblings on the same node first.
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    // 6. Ready for a shorter time first.
    const sa = readySince(a);
    const sb = readySince(b);
    if (ra === 1 && sa !== sb) return (sb ?? 0) - (sa ?? 0);
    // 7. More restarts first.
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    // 8. Newer before older.
    if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp)
      return b.metadata.creationTimestamp - a.metadata.creationTimestamp;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
