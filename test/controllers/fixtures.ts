/**
 * Hand-made cluster states for controller tests: a booted cluster (bootCluster) plus pods,
 * ReplicaSets and Deployments built here, a recording ReconcileContext, and helpers that apply
 * returned intents to a copy of the state (through the engine's own applyIntents).
 */
import { applyIntents } from '../../src/engine/applyIntents';
import { Rng, seedState } from '../../src/engine/rng';
import type { TraceRecord } from '../../src/engine/trace';
import type { EventIntent, Intent, ReconcileContext } from '../../src/model/intents';
import { Memo } from '../../src/model/memo';
import type {
  ContainerStatus,
  Deployment,
  KubeEvent,
  OwnerReference,
  Pod,
  PodPhase,
  ReplicaSet,
  RestartPolicy,
  RollingUpdateStrategy,
  Toleration,
} from '../../src/model/objects';
import { entriesIn, getIn, setIn } from '../../src/model/sharded';
import { type ClusterState, type PodRuntime, objectKey } from '../../src/model/state';
import { bootCluster } from '../../src/orchestrators';

export const GI = 2 ** 30;

/** A booted cluster of Ready nodes with 2 CPUs and 4 GiB each, at `time`. */
export function cluster(nodes: string[] = ['node-1', 'node-2'], time = 0): ClusterState {
  const state = bootCluster(
    nodes.map((name) => ({ name, capacity: { cpu: 2000, memory: 4 * GI } })),
    1,
  );
  state.time = time;
  return state;
}

export function owner(kind: 'ReplicaSet' | 'Deployment', name: string, uid: string): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true };
}

export interface PodOptions {
  namespace?: string;
  uid?: string;
  nodeName?: string;
  phase?: PodPhase;
  /** Adds a Ready condition with this status. */
  ready?: boolean;
  /** lastTransitionTime of the Ready condition (default 0). */
  readySince?: number;
  createdAt?: number;
  restarts?: number;
  deletionCost?: number;
  deletionTimestamp?: number;
  labels?: Record<string, string>;
  owner?: OwnerReference;
  requests?: Record<string, string>;
  restartPolicy?: RestartPolicy;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  tolerations?: Toleration[];
  containerStatuses?: ContainerStatus[];
}

/** A pod with one container `app`. */
export function pod(name: string, o: PodOptions = {}): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: o.createdAt ?? 0,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.owner ? { ownerReferences: [o.owner] } : {}),
      ...(o.deletionCost !== undefined
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(o.deletionCost) } }
        : {}),
      ...(o.deletionTimestamp !== undefined ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: o.image ?? 'web:1.0',
          ...(o.requests ? { resources: { requests: o.requests } } : {}),
          ...(o.imagePullPolicy ? { imagePullPolicy: o.imagePullPolicy } : {}),
        },
      ],
      restartPolicy: o.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
    },
    status: {
      phase: o.phase ?? (o.nodeName === undefined ? 'Pending' : 'Running'),
      conditions:
        o.ready === undefined
          ? []
          : [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: o.readySince ?? 0 }],
      containerStatuses:
        o.containerStatuses ??
        (o.restarts === undefined
          ? []
          : [
              {
                name: 'app',
                image: o.image ?? 'web:1.0',
                state: { running: { startedAt: 0 } },
                lastState: {},
                ready: o.ready === true,
                started: true,
                restartCount: o.restarts,
              },
            ]),
    },
  };
  return p;
}

export interface ReplicaSetOptions {
  uid?: string;
  labels?: Record<string, string>;
  generation?: number;
  status?: Partial<ReplicaSet['status']>;
  owner?: OwnerReference;
  createdAt?: number;
  revision?: number;
}

/** A ReplicaSet selecting `app: <name>` with a one-container template. */
export function replicaSet(name: string, replicas: number, o: ReplicaSetOptions = {}): ReplicaSet {
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: o.createdAt ?? 0,
      generation: o.generation ?? 1,
      labels,
      ...(o.revision !== undefined
        ? { annotations: { 'deployment.kubernetes.io/revision': String(o.revision) } }
        : {}),
      ...(o.owner ? { ownerReferences: [o.owner] } : {}),
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'web:1.0' }],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: {
      replicas: 0,
      fullyLabeledReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 0,
      ...o.status,
    },
  };
}

export interface DeploymentOptions {
  uid?: string;
  image?: string;
  strategy?: RollingUpdateStrategy;
}

/** A Deployment `app: <name>`, RollingUpdate 25% / 25% unless told otherwise. */
export function deployment(name: string, replicas: number, o: DeploymentOptions = {}): Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'default',
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: 0,
      generation: 1,
      labels,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: o.image ?? 'web:1.0' }],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          schedulerName: 'default-scheduler',
        },
      },
      strategy: o.strategy ?? {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      unavailableReplicas: 0,
      observedGeneration: 0,
      conditions: [],
    },
  };
}

/** Puts objects into `state` under their keys (returns the same state). */
export function withObjects(
  state: ClusterState,
  objects: { pods?: Pod[]; replicaSets?: ReplicaSet[]; deployments?: Deployment[] },
): ClusterState {
  for (const p of objects.pods ?? []) setIn(state.pods, objectKey(p.metadata), p);
  for (const rs of objects.replicaSets ?? []) state.replicaSets[objectKey(rs.metadata)] = rs;
  for (const d of objects.deployments ?? []) state.deployments[objectKey(d.metadata)] = d;
  return state;
}

/** The pod stored under `key` (the pod collection is sharded). */
export function podAt(state: ClusterState, key: string): Pod | undefined {
  return getIn(state.pods, key);
}

/** Every pod key, sorted. */
export function podKeys(state: ClusterState): string[] {
  return entriesIn(state.pods)
    .map(([k]) => k)
    .sort();
}

/** Every stored Event, sorted by key. */
export function eventEntries(state: ClusterState): [string, KubeEvent][] {
  return entriesIn(state.events).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function runtimeAt(state: ClusterState, key: string): PodRuntime | undefined {
  return getIn(state.podRuntime, key);
}

export function setRuntime(state: ClusterState, key: string, rt: PodRuntime): void {
  setIn(state.podRuntime, key, rt);
}

export interface RecordedWake {
  key: string;
  delayMs: number;
  periodic: boolean;
}

/** A ReconcileContext at `now` with a seeded generator; requeues are recorded in `wakes`. */
export function context(now: number, seed = 1): { ctx: ReconcileContext; wakes: RecordedWake[] } {
  const rng = new Rng(seedState(seed));
  const wakes: RecordedWake[] = [];
  const ctx: ReconcileContext = {
    now,
    memo: new Memo(),
    random: () => rng.next(),
    requeueAfter: (key, delayMs, periodic) => wakes.push({ key, delayMs, periodic: periodic === true }),
  };
  return { ctx, wakes };
}

/** The names `n` pods get from randomSuffix under `seed` (utilrand.String over the safe alphabet). */
export function expectedSuffixes(seed: number, n: number, length = 5): string[] {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const rng = new Rng(seedState(seed));
  return Array.from({ length: n }, () =>
    Array.from({ length }, () => alphabet[Math.floor(rng.next() * alphabet.length)]).join(''),
  );
}

/** Applies `intents` to a deep copy of `state` at time `now`; returns the copy and the trace. */
export function applyTo(state: ClusterState, intents: readonly Intent[], now = state.time) {
  const copy = structuredClone(state);
  copy.time = now;
  const trace: TraceRecord[] = [];
  applyIntents(copy, intents, trace);
  return { state: copy, trace };
}

/** A one-line summary of each intent, for exact comparisons. */
export function summary(intents: readonly Intent[]): string[] {
  return intents.map((i) => {
    switch (i.op) {
      case 'create':
        return `create ${i.object.kind} ${objectKey(i.object.metadata)}`;
      case 'update':
        return `update ${i.kind} ${i.key}: ${i.why}`;
      case 'delete':
        return `delete ${i.kind} ${i.key}: ${i.why}`;
      case 'event':
        return `event ${i.object.kind} ${i.object.name} ${i.type} ${i.reason}: ${i.message}`;
      case 'runtime':
        return `runtime: ${i.why}`;
      case 'wake':
        return `wake ${i.controller} ${i.key} +${i.afterMs}`;
      case 'trace':
        return `trace ${i.record.type}`;
    }
  });
}

export function eventsOf(intents: readonly Intent[]): EventIntent[] {
  return intents.filter((i): i is EventIntent => i.op === 'event');
}
