/**
 * The Deployment controller (K pkg/controller/deployment): one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`, rolled with maxSurge / maxUnavailable
 * (rolling.go, deployment/util/deployment_util.go) or Recreate.
 */
import {
  type ClusterState,
  type Controller,
  type Deployment,
  fnv32a,
  type Intent,
  objectKey,
  type ReplicaSet,
  update,
} from '../model';
import { controllerOf, ownerRef, safeEncodeString } from './ownership';
import { deploymentStatus } from './deploymentStatus';
import { fenceposts } from './fenceposts';
import { isActive, ownedPods } from './replicaSet';

const DEPLOYMENT_CONTROLLER = 'deployment-controller';
const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The pod-template-hash: FNV-32a of the template (and collision count), safe-encoded (controller.ComputeHash). */
export function templateHash(d: Deployment): string {
  const text =
    JSON.stringify(d.spec.template) +
    (d.status.collisionCount !== undefined ? String(d.status.collisionCount) : '');
  return safeEncodeString(String(fnv32a(text)));
}

function event(d: Deployment, message: string): Intent {
  return {
    op: 'event',
    object: {
      kind: 'Deployment',
      namespace: d.metadata.namespace ?? 'default',
      name: d.metadata.name,
      uid: d.metadata.uid,
    },
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message,
    source: { component: DEPLOYMENT_CONTROLLER },
  };
}

function scale(d: Deployment, rs: ReplicaSet, to: number): Intent[] {
  const from = rs.spec.replicas;
  if (from === to) return [];
  const dir = to > from ? 'up' : 'down';
  return [
    update('ReplicaSet', objectKey(rs.metadata), `scale ${dir} for ${d.metadata.name}`, (r) => {
      r.spec.replicas = to;
      r.metadata.generation = (r.metadata.generation ?? 1) + 1;
    }),
    event(d, `Scaled ${dir} replica set ${rs.metadata.name} to ${to} from ${from}`),
  ];
}

function newReplicaSet(d: Deployment, hash: string, replicas: number, revision: number): ReplicaSet {
  const name = `${d.metadata.name}-${hash}`;
  const labels = { ...(d.spec.template.metadata.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace ?? 'default',
      uid: '',
      creationTimestamp: 0,
      generation: 1,
      labels,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [ownerRef('Deployment', 'apps/v1', d.metadata)],
    },
    spec: {
      replicas,
      selector,
      template: {
        metadata: { ...structuredClone(d.spec.template.metadata), labels },
        spec: structuredClone(d.spec.template.spec),
      },
      minReadySeconds: d.spec.minReadySeconds,
    },
    status: {
      replicas: 0,
      fullyLabeledReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 0,
    },
  };
}

function ownedReplicaSets(state: ClusterState, d: Deployment): ReplicaSet[] {
  return Object.values(state.replicaSets)
    .filter(
      (rs) =>
        rs.metadata.namespace === d.metadata.namespace && controllerOf(rs.metadata)?.uid === d.metadata.uid,
    )
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp ||
        (a.metadata.name < b.metadata.name ? -1 : 1),
    );
}

function rollout(
  state: ClusterState,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  olds: ReplicaSet[],
  hash: string,
): Intent[] {
  const replicas = d.spec.replicas;
  const liveOlds = olds.filter((rs) => rs.spec.replicas > 0);
  if (d.spec.strategy.type === 'Recreate') {
    if (liveOlds.length > 0) return liveOlds.flatMap((rs) => scale(d, rs, 0));
    const oldPodsLeft = olds.some((rs) =>
      ownedPods(state, rs.metadata.uid, rs.metadata.namespace ?? 'default').some(isActive),
    );
    if (oldPodsLeft) return [];
  }
  if (newRS === undefined) {
    const { maxSurge } = fenceposts(d);
    const current = olds.reduce((n, rs) => n + rs.spec.replicas, 0);
    const start =
      liveOlds.length === 0 ? replicas : Math.max(0, Math.min(replicas, replicas + maxSurge - current));
    const revision =
      1 +
      Math.max(
        0,
        ...olds.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)),
      );
    const rs = newReplicaSet(d, hash, start, revision);
    const intents: Intent[] = [{ op: 'create', object: rs, why: `new pod template of ${d.metadata.name}` }];
    if (start > 0) intents.push(event(d, `Scaled up replica set ${rs.metadata.name} to ${start}`));
    return intents;
  }
  if (liveOlds.length === 0 || d.spec.strategy.type === 'Recreate') return scale(d, newRS, replicas);
  // Rolling update: scale the new ReplicaSet up within maxSurge ...
  const { maxSurge, maxUnavailable } = fenceposts(d);
  const all = [newRS, ...olds];
  const total = all.reduce((n, rs) => n + rs.spec.replicas, 0);
  const intents: Intent[] = [];
  if (newRS.spec.replicas > replicas) return scale(d, newRS, replicas);
  if (total < replicas + maxSurge && newRS.spec.replicas < replicas) {
    const up = Math.min(replicas + maxSurge - total, replicas - newRS.spec.replicas);
    return scale(d, newRS, newRS.spec.replicas + up);
  }
  // ... and the old ones down, keeping replicas - maxUnavailable available.
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = newRS.spec.replicas - newRS.status.availableReplicas;
  let canDrop = total - minAvailable - newUnavailable;
  // First the old pods that are not available anyway (cleanupUnhealthyReplicas).
  for (const rs of liveOlds) {
    if (canDrop <= 0) break;
    const unhealthy = rs.spec.replicas - rs.status.availableReplicas;
    const drop = Math.min(unhealthy, canDrop);
    if (drop > 0) {
      intents.push(...scale(d, rs, rs.spec.replicas - drop));
      canDrop -= drop;
    }
  }
  if (intents.length > 0) return intents;
  const available = all.reduce((n, rs) => n + rs.status.availableReplicas, 0);
  let budget = available - minAvailable;
  for (const rs of liveOlds) {
    if (budget <= 0) break;
    const drop = Math.min(rs.spec.replicas, budget);
    intents.push(...scale(d, rs, rs.spec.replicas - drop));
    budget -= drop;
  }
  return intents;
}

export const deploymentController: Controller = {
  name: DEPLOYMENT_CONTROLLER,
  keysFor(change) {
    if (change.kind === 'Deployment') return [change.key];
    if (change.kind === 'ReplicaSet') {
      const rs = (change.after ?? change.before) as ReplicaSet;
      const owner = controllerOf(rs.metadata);
      if (owner?.kind === 'Deployment')
        return [objectKey({ name: owner.name, namespace: rs.metadata.namespace })];
    }
    return [];
  },
  reconcile(state, key, ctx) {
    const d = state.deployments[key];
    if (d === undefined || d.metadata.deletionTimestamp !== undefined) return [];
    const hash = templateHash(d);
    const owned = ownedReplicaSets(state, d);
    const newRS = owned.find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH] === hash);
    const olds = owned.filter((rs) => rs !== newRS);
    const intents = d.spec.paused ? [] : rollout(state, d, newRS, olds, hash);
    const status = deploymentStatus(d, newRS, owned, ctx.now);
    if (status !== undefined)
      intents.push(update('Deployment', key, 'status', (x) => void (x.status = status)));
    return intents;
  },
};
