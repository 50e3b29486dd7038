/**
 * A tiny builder of hand-made cluster states for the printer tests. Times are simulated ms.
 */
import { setIn } from '../../src/model/sharded';
import type {
  ContainerStatus,
  Deployment,
  KubeEvent,
  Node,
  Pod,
  PodCondition,
  PodPhase,
  ReplicaSet,
} from '../../src/model/objects';
import type { ClusterState } from '../../src/model/state';
import { DEFAULT_SETTINGS } from '../../src/model/settings';

export const S = 1000;
export const MIN = 60 * S;
export const GI = 2 ** 30;
export const MI = 2 ** 20;

export function emptyState(time = 0): ClusterState {
  return {
    time,
    seq: 0,
    rng: 1,
    nextUid: 0,
    queue: [],
    settings: { ...DEFAULT_SETTINGS },
    namespaces: {},
    nodes: {},
    pods: {},
    replicaSets: {},
    deployments: {},
    events: {},
    nodeRuntime: {},
    podRuntime: {},
    schedulingQueue: {},
  };
}

export function makeNode(
  name: string,
  opts: {
    created?: number;
    ready?: 'True' | 'False' | 'Unknown';
    unschedulable?: boolean;
    labels?: Record<string, string>;
    ip?: string;
    taints?: Node['spec']['taints'];
    heartbeat?: number;
  } = {},
): Node {
  const created = opts.created ?? 0;
  const ready = opts.ready ?? 'True';
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: created,
      labels: opts.labels ?? { 'kubernetes.io/hostname': name },
    },
    spec: { podCIDR: '10.244.1.0/24' },
    status: {
      capacity: { cpu: 2000, memory: 4 * GI, pods: 110 },
      allocatable: { cpu: 2000, memory: 4 * GI, pods: 110 },
      conditions: [
        {
          type: 'Ready',
          status: ready,
          lastHeartbeatTime: opts.heartbeat ?? created,
          lastTransitionTime: created,
          reason:
            ready === 'True' ? 'KubeletReady' : ready === 'False' ? 'KubeletNotReady' : 'NodeStatusUnknown',
          message:
            ready === 'True'
              ? 'kubelet is posting ready status'
              : ready === 'False'
                ? 'container runtime is down'
                : 'Kubelet stopped posting node status.',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: opts.ip ?? '10.0.0.1' },
        { type: 'Hostname', address: name },
      ],
    },
  };
  if (opts.unschedulable) node.spec.unschedulable = true;
  if (opts.taints) node.spec.taints = opts.taints;
  return node;
}

export function running(
  startedAt: number,
  ready = true,
): Pick<ContainerStatus, 'state' | 'ready' | 'started'> {
  return { state: { running: { startedAt } }, ready, started: true };
}

export function makePod(
  name: string,
  opts: {
    namespace?: string;
    created?: number;
    node?: string;
    phase?: PodPhase;
    ip?: string;
    hostIP?: string;
    containers?: Partial<ContainerStatus>[];
    image?: string;
    deletionTimestamp?: number;
    reason?: string;
    conditions?: PodCondition[];
    labels?: Record<string, string>;
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  } = {},
): Pod {
  const created = opts.created ?? 0;
  const image = opts.image ?? 'nginx:1.27';
  const statuses = opts.containers ?? [];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.namespace ?? 'default',
      uid: `uid-${name}`,
      creationTimestamp: created,
      ...(opts.labels ? { labels: opts.labels } : {}),
    },
    spec: {
      containers: (statuses.length ? statuses : [{}]).map((c, i) => ({
        name: c.name ?? (i === 0 ? 'app' : `app-${i}`),
        image,
        ...(opts.requests || opts.limits
          ? {
              resources: {
                ...(opts.requests ? { requests: opts.requests } : {}),
                ...(opts.limits ? { limits: opts.limits } : {}),
              },
            }
          : {}),
      })),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      ...(opts.node ? { nodeName: opts.node } : {}),
    },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: opts.conditions ?? [],
      containerStatuses: statuses.map((c, i) => ({
        name: c.name ?? (i === 0 ? 'app' : `app-${i}`),
        image,
        state: c.state ?? {},
        lastState: c.lastState ?? {},
        ready: c.ready ?? false,
        started: c.started ?? false,
        restartCount: c.restartCount ?? 0,
        ...(c.containerID ? { containerID: c.containerID } : {}),
      })),
      ...(opts.ip ? { podIP: opts.ip } : {}),
      ...(opts.hostIP ? { hostIP: opts.hostIP } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
    },
  };
  if (opts.deletionTimestamp !== undefined) pod.metadata.deletionTimestamp = opts.deletionTimestamp;
  return pod;
}

export function makeDeployment(
  name: string,
  o: { replicas: number; ready: number; updated: number; available: number; created?: number },
): Deployment {
  const template = { metadata: { labels: { app: name } }, spec: makePod('t').spec };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: o.created ?? 0,
      generation: 1,
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: name } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      replicas: o.replicas,
      updatedReplicas: o.updated,
      readyReplicas: o.ready,
      availableReplicas: o.available,
      unavailableReplicas: o.replicas - o.available,
      observedGeneration: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: 5 * S,
          lastTransitionTime: 5 * S,
        },
      ],
    },
  };
}

export function makeReplicaSet(
  name: string,
  app: string,
  o: { desired: number; current: number; ready: number; created?: number },
): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: o.created ?? 0 },
    spec: {
      replicas: o.desired,
      selector: { matchLabels: { app, 'pod-template-hash': name.slice(name.lastIndexOf('-') + 1) } },
      template: { metadata: { labels: { app } }, spec: makePod('t').spec },
    },
    status: {
      replicas: o.current,
      fullyLabeledReplicas: o.current,
      readyReplicas: o.ready,
      availableReplicas: o.ready,
      observedGeneration: 1,
    },
  };
}

export function makeEvent(
  name: string,
  o: {
    kind: string;
    object: string;
    reason: string;
    message: string;
    type?: 'Normal' | 'Warning';
    first: number;
    last?: number;
    count?: number;
    component?: string;
    namespace?: string;
  },
): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: o.namespace ?? 'default', uid: `uid-${name}`, creationTimestamp: o.first },
    involvedObject: {
      kind: o.kind,
      name: o.object,
      uid: `uid-${o.object}`,
      ...(o.kind === 'Node' ? {} : { namespace: o.namespace ?? 'default' }),
    },
    reason: o.reason,
    message: o.message,
    type: o.type ?? 'Normal',
    source: { component: o.component ?? 'kubelet' },
    firstTimestamp: o.first,
    lastTimestamp: o.last ?? o.first,
    count: o.count ?? 1,
  };
}

/** Puts objects into the state under their `namespace/name` (or `name`) keys. */
export function withObjects(
  state: ClusterState,
  objs: {
    nodes?: Node[];
    pods?: Pod[];
    deployments?: Deployment[];
    replicaSets?: ReplicaSet[];
    events?: KubeEvent[];
  },
): ClusterState {
  for (const n of objs.nodes ?? []) state.nodes[n.metadata.name] = n;
  for (const p of objs.pods ?? []) setIn(state.pods, `${p.metadata.namespace}/${p.metadata.name}`, p);
  for (const d of objs.deployments ?? []) state.deployments[`${d.metadata.namespace}/${d.metadata.name}`] = d;
  for (const r of objs.replicaSets ?? []) state.replicaSets[`${r.metadata.namespace}/${r.metadata.name}`] = r;
  for (const e of objs.events ?? []) setIn(state.events, `${e.metadata.namespace}/${e.metadata.name}`, e);
  return state;
}
