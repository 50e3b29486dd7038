/**
 * A Deployment's status and conditions (K pkg/controller/deployment/sync.go calculateStatus,
 * deployment/util: Available with MinimumReplicasAvailable, Progressing with NewReplicaSetAvailable
 * or ReplicaSetUpdated).
 */
import type { Deployment, ReplicaSet } from '../model';
import { fenceposts } from './fenceposts';

type Status = Deployment['status'];
type Condition = Status['conditions'][number];

function condition(
  prev: Condition[],
  type: Condition['type'],
  status: Condition['status'],
  reason: string,
  message: string,
  now: number,
): Condition {
  const old = prev.find((c) => c.type === type);
  const transitioned = old === undefined || old.status !== status;
  const changed = transitioned || old.reason !== reason || old.message !== message;
  return {
    type,
    status,
    reason,
    message,
    lastUpdateTime: changed ? now : (old?.lastUpdateTime ?? now),
    lastTransitionTime: transitioned ? now : (old?.lastTransitionTime ?? now),
  };
}

/** The status the controller would write, or undefined when it equals the current one. */
export function deploymentStatus(
  d: Deployment,
  newRS: ReplicaSet | undefined,
  all: ReplicaSet[],
  now: number,
): Status | undefined {
  const sum = (f: (rs: ReplicaSet) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const replicas = sum((rs) => rs.status.replicas);
  const available = sum((rs) => rs.status.availableReplicas);
  const { maxUnavailable } = fenceposts(d);
  const minAvailable = d.spec.replicas - maxUnavailable;
  const complete =
    newRS !== undefined &&
    newRS.status.replicas === d.spec.replicas &&
    newRS.status.availableReplicas === d.spec.replicas &&
    replicas === d.spec.replicas;
  const prev = d.status.conditions;
  const conditions: Condition[] = [
    available >= minAvailable
      ? condition(
          prev,
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          now,
        )
      : condition(
          prev,
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          now,
        ),
  ];
  if (newRS !== undefined) {
    conditions.push(
      complete
        ? condition(
            prev,
            'Progressing',
            'True',
            'NewReplicaSetAvailable',
            `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`,
            now,
          )
        : condition(
            prev,
            'Progressing',
            'True',
            'ReplicaSetUpdated',
            `ReplicaSet "${newRS.metadata.name}" is progressing.`,
            now,
          ),
    );
  }
  const status: Status = {
    replicas,
    updatedReplicas: newRS?.status.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, d.spec.replicas - available),
    observedGeneration: d.metadata.generation ?? 1,
    conditions,
  };
  if (d.status.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return JSON.stringify(status) === JSON.stringify(d.status) ? undefined : status;
}
