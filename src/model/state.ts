/**
 * The one state tree of a simulation: plain, JSON-serialisable, normalised (records keyed by id).
 * Object records are keyed `namespace/name` for namespaced kinds and `name` for cluster-scoped ones.
 * It changes only inside the engine's immer producers.
 */
import type { DockerState } from './docker';
import type { EndpointSlice, NetworkPolicy, NetworkRuntime, Service } from './network';
import type { Deployment, KubeEvent, Namespace, Node, Pod, ReplicaSet } from './objects';
import type { QueueEntry } from './queue';
import type { Settings } from './settings';
import type { SwarmState } from './swarm';
import { deleteIn, entriesIn, getIn, type Sharded, setIn } from './sharded';

/** What the kubelet of a node keeps about one container, beyond what the API shows. */
export interface ContainerRuntime {
  /** xstate value of the container machine (see src/lifecycle/containerMachine.ts). */
  machine: string;
  /** Within ContainerCreating: pulling the image or creating/starting; stopping on deletion. */
  stage?: 'pulling' | 'starting' | 'stopping';
  /** When the current stage (pull, start, stop) finishes, in ms. */
  until?: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** Terminated reason when it is not the one the exit code implies (e.g. Unknown after a reboot). */
  reason?: string;
  /** Restart back-off of this container (client-go flowcontrol.Backoff entry). */
  backoffMs?: number;
  backoffUpdatedAt?: number;
  /** Scripted behaviour: after each start, crash this long afterwards, with `crashExitCode`. */
  crashAfterMs?: number;
  crashExitCode?: number;
  /**
   * Scripted faults set by the setBehaviour command, as windows of absolute ms [from, until):
   * a hang (the process stays up but answers no probe; it ends when the container restarts) and
   * an unready spell (readiness fails, liveness passes). `until` undefined = open-ended.
   */
  hangFrom?: number;
  hangUntil?: number;
  unreadyFrom?: number;
  unreadyUntil?: number;
  /** setBehaviour slowStart: after every start, probes fail this long (overrides the pod annotation). */
  startupDelayMs?: number;
  /** setBehaviour healthy: the pod's flotilla.dev/behaviour annotation no longer applies. */
  behaviourCleared?: true;
  /** The probe workers of the current container instance (src/controllers/probes.ts). */
  probes?: ProbeWorkers;
  /** When the next probe wake for this container is already queued (so it is queued once). */
  probeWakeAt?: number;
  /** A liveness/startup kill in progress (stage 'stopping'): the exit code when it completes. */
  stopExitCode?: number;
}

/** A probe worker's state (K pkg/kubelet/prober/worker.go: lastResult/resultRun, onHold). */
export interface ProbeWorkerState {
  /** The result the results manager holds for this container (Unknown: startup not decided). */
  result: 'Success' | 'Failure' | 'Unknown';
  /** Consecutive successes / failures (only one is non-zero), capped at the threshold. */
  successRun: number;
  failRun: number;
  /** After a liveness failure or a startup decision, no probing until a new container. */
  onHold?: true;
  /** The time of the next probe tick not yet processed, in ms. */
  next: number;
}

export interface ProbeWorkers {
  startup?: ProbeWorkerState;
  liveness?: ProbeWorkerState;
  readiness?: ProbeWorkerState;
}

/** Kubelet-side record of a pod admitted on a node. */
export interface PodRuntime {
  node: string;
  uid: string;
  containers: Record<string, ContainerRuntime>;
}

/** What the simulator knows of a node's machine and kubelet (not visible in the API). */
export interface NodeRuntime {
  /** Whether the machine (and its kubelet) is up. */
  up: boolean;
  /** xstate value of the node machine (src/lifecycle/nodeMachine.ts). */
  machine: string;
  /** Heartbeats happen at heartbeatPhase + k * nodeStatusUpdateFrequency while up. */
  heartbeatPhase: number;
  /** Last heartbeat before the node went down (while up, heartbeats are computed). */
  lastHeartbeat: number;
  /** Images already pulled on the node. */
  images: Record<string, true>;
  /** When the machine last booted. */
  bootedAt: number;
  /** Counter behind pod IPs from the node's pod CIDR. */
  nextPodIP: number;
}

/** Scheduling-queue bookkeeping per pending pod (K pkg/scheduler/backend/queue). */
export interface QueuedPodInfo {
  attempts: number;
  /** Where the pod waits: activeQ, backoffQ or unschedulablePods. */
  queue: 'active' | 'backoff' | 'unschedulable';
  backoffUntil: number;
  unschedulableSince?: number;
}

export interface ClusterState {
  time: number;
  /** Next sequence number for queue entries: events at the same time run in insertion order. */
  seq: number;
  /** Seeded RNG state (see src/engine/rng.ts). */
  rng: number;
  /** Counter behind uids and other generated ids. */
  nextUid: number;
  /** Pending future events, a binary min-heap ordered by (at, seq). */
  queue: QueueEntry[];
  settings: Settings;
  namespaces: Record<string, Namespace>;
  nodes: Record<string, Node>;
  /** Sharded (src/model/sharded.ts): read with getIn / valuesIn / entriesIn. */
  pods: Sharded<Pod>;
  replicaSets: Record<string, ReplicaSet>;
  deployments: Record<string, Deployment>;
  /** Sharded; expired ones are removed after settings.eventTTL (src/controllers/eventTTL.ts). */
  events: Sharded<KubeEvent>;
  nodeRuntime: Record<string, NodeRuntime>;
  /** Sharded, keyed like pods. */
  podRuntime: Sharded<PodRuntime>;
  /** Sharded, keyed like pods. */
  schedulingQueue: Sharded<QueuedPodInfo>;
  /*
   * The network collections are optional so that states built by hand (tests, fixtures) without
   * them stay valid; bootCluster always sets them. Read them with `?? {}`.
   */
  services?: Record<string, Service>;
  /** Keyed namespace/name of the slice (`<service>-<suffix>`). */
  endpointSlices?: Record<string, EndpointSlice>;
  networkPolicies?: Record<string, NetworkPolicy>;
  /** kube-proxy's memory and the traffic flows (src/network/). */
  network?: NetworkRuntime;
  /** Docker hosts running Compose projects (src/model/docker.ts); only under orchestrator compose. */
  docker?: DockerState;
  /** Docker Swarm mode's services, tasks, nodes and Raft (src/model/swarm.ts); only under swarm. */
  swarm?: SwarmState;
}

/** Collections of Kubernetes objects, by kind. */
export const COLLECTION_OF_KIND = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  ReplicaSet: 'replicaSets',
  Deployment: 'deployments',
  Event: 'events',
  Service: 'services',
  EndpointSlice: 'endpointSlices',
  NetworkPolicy: 'networkPolicies',
} as const;

type ObjectCollection = (typeof COLLECTION_OF_KIND)[keyof typeof COLLECTION_OF_KIND];

/** Object collections stored sharded (the big ones). */
const SHARDED: ReadonlySet<ObjectCollection> = new Set<ObjectCollection>(['pods', 'events']);

type AnyObject =
  Namespace | Node | Pod | ReplicaSet | Deployment | KubeEvent | Service | EndpointSlice | NetworkPolicy;

/** The object of `kind` stored under `key`, whatever the collection's layout. */
export function getObject(
  state: ClusterState,
  kind: keyof typeof COLLECTION_OF_KIND,
  key: string,
): AnyObject | undefined {
  const coll = COLLECTION_OF_KIND[kind];
  return SHARDED.has(coll)
    ? getIn(state[coll] as Sharded<AnyObject>, key)
    : (state[coll] as Record<string, AnyObject> | undefined)?.[key];
}

/** Stores an object (on a draft or a state being built). */
export function putObject(
  draft: ClusterState,
  kind: keyof typeof COLLECTION_OF_KIND,
  key: string,
  obj: AnyObject,
): void {
  const coll = COLLECTION_OF_KIND[kind];
  if (SHARDED.has(coll)) setIn(draft[coll] as Sharded<AnyObject>, key, obj);
  else {
    // The network collections may be absent on a state built by hand (see ClusterState).
    const records = draft as unknown as Record<string, Record<string, AnyObject> | undefined>;
    (records[coll] ??= {})[key] = obj;
  }
}

/** Removes an object (on a draft). */
export function removeObject(draft: ClusterState, kind: keyof typeof COLLECTION_OF_KIND, key: string): void {
  const coll = COLLECTION_OF_KIND[kind];
  if (SHARDED.has(coll)) deleteIn(draft[coll] as Sharded<AnyObject>, key);
  else if (draft[coll] !== undefined) delete (draft[coll] as Record<string, AnyObject>)[key];
}

/** Every [key, object] of a kind. */
export function objectEntries(
  state: ClusterState,
  kind: keyof typeof COLLECTION_OF_KIND,
): [string, AnyObject][] {
  const coll = COLLECTION_OF_KIND[kind];
  return SHARDED.has(coll)
    ? entriesIn(state[coll] as Sharded<AnyObject>)
    : Object.entries((state[coll] as Record<string, AnyObject> | undefined) ?? {});
}

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones. */
export function objectKey(meta: { name: string; namespace?: string | undefined }): string {
  return meta.namespace === undefined ? meta.name : `${meta.namespace}/${meta.name}`;
}
