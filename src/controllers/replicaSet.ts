/**
 * The ReplicaSet controller (K pkg/controller/replicaset/replica_set.go): keeps `spec.replicas`
 * active pods matching the template. Terminating and finished pods do not count, so a pod stuck
 * Terminating on an unreachable node is replaced at once.
 */
import {
  type ClusterState,
  type Controller,
  hasIn,
  type Intent,
  objectKey,
  type Pod,
  podsControlledBy,
  type ReconcileContext,
  type ReplicaSet,
  update,
} from '../model';
import { controllerOf, ownerRef, randomSuffix } from './ownership';
import { deletePodIntents } from './podDeletion';
import { rankForDeletion } from './podRanking';
import { isPodReady } from './podStatus';

const REPLICASET_CONTROLLER = 'replicaset-controller';

/** Active = counts towards replicas: not being deleted, not finished (controller.FilterActivePods). */
export function isActive(p: Pod): boolean {
  return (
    p.metadata.deletionTimestamp === undefined &&
    p.status.phase !== 'Succeeded' &&
    p.status.phase !== 'Failed'
  );
}

export function ownedPods(state: ClusterState, uid: string, namespace: string): Pod[] {
  const out: Pod[] = [];
  for (const [, p] of podsControlledBy(state, uid)) if (p.metadata.namespace === namespace) out.push(p);
  return out;
}

function rsEvent(rs: ReplicaSet, type: 'Normal' | 'Warning', reason: string, message: string): Intent {
  return {
    op: 'event',
    object: {
      kind: 'ReplicaSet',
      namespace: rs.metadata.namespace ?? 'default',
      name: rs.metadata.name,
      uid: rs.metadata.uid,
    },
    type,
    reason,
    message,
    source: { component: REPLICASET_CONTROLLER },
  };
}

function newPod(rs: ReplicaSet, ctx: ReconcileContext, taken: (name: string) => boolean): Pod {
  let name: string;
  do name = `${rs.metadata.name}-${randomSuffix(ctx)}`;
  while (taken(name));
  const t = rs.spec.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: rs.metadata.namespace ?? 'default',
      uid: '',
      creationTimestamp: 0,
      generateName: `${rs.metadata.name}-`,
      labels: { ...(t.metadata.labels ?? {}) },
      ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ownerReferences: [ownerRef('ReplicaSet', 'apps/v1', rs.metadata)],
    },
    spec: structuredClone(t.spec) as Pod['spec'],
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
}

export const replicaSetController: Controller = {
  name: REPLICASET_CONTROLLER,
  keysFor(change) {
    if (change.kind === 'ReplicaSet') return [change.key];
    if (change.kind === 'Pod') {
      const p = (change.after ?? change.before) as Pod;
      const owner = controllerOf(p.metadata);
      if (owner?.kind === 'ReplicaSet')
        return [objectKey({ name: owner.name, namespace: p.metadata.namespace })];
    }
    return [];
  },
  reconcile(state, key, ctx) {
    const rs = state.replicaSets[key];
    if (rs === undefined || rs.metadata.deletionTimestamp !== undefined) return [];
    const ns = rs.metadata.namespace ?? 'default';
    const pods = ownedPods(state, rs.metadata.uid, ns);
    const active = pods.filter(isActive);
    const intents: Intent[] = [];
    const diff = active.length - rs.spec.replicas;
    if (diff < 0) {
      const names = new Set<string>();
      for (let i = 0; i < -diff; i++) {
        const pod = newPod(rs, ctx, (n) => names.has(n) || hasIn(state.pods, `${ns}/${n}`));
        names.add(pod.metadata.name);
        intents.push({
          op: 'create',
          object: pod,
          why: `${active.length + i} of ${rs.spec.replicas} replicas`,
        });
        intents.push(rsEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`));
      }
    } else if (diff > 0) {
      for (const p of rankForDeletion(active, active).slice(0, diff)) {
        intents.push(...deletePodIntents(p, ctx.now, `scale down of ${rs.metadata.name}`));
        intents.push(rsEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`));
      }
    }
    // Status reflects what the controller saw this round (it runs again when pods change).
    const ready = active.filter(isPodReady).length;
    const status = {
      replicas: active.length,
      fullyLabeledReplicas: active.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
      intents.push(update('ReplicaSet', key, 'status', (d) => void (d.status = status)));
    }
    return intents;
  },
};
