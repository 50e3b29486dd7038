/**
 * Docker Swarm mode's own records (swarmkit api/objects.proto, types.proto), kept beside the
 * Kubernetes objects in `ClusterState.swarm`: services, tasks with desired and current state,
 * nodes' role, availability and status, and the Raft membership of the managers. A task's
 * container is a Pod and a swarm node is a Node (so the views and the traffic model keep working);
 * these records hold what only swarm knows.
 */
import type { ComposeService } from './compose';

/**
 * Task states in swarmkit's order (api/types.proto TaskState). Modelled as current states: new
 * (created), pending (waiting for a node, with the scheduler's "no suitable node" error), assigned,
 * accepted (the agent took it: its container is created), preparing (image pull), starting (until
 * the container runs, and its healthcheck passes if it has one), running, complete (exit 0),
 * failed ("task: non-zero exit (N)"), rejected (the node refused it), shutdown (stopped on the
 * manager's order). `ready` is used only as a desired state (a replacement waiting out its restart
 * delay); orphaned (a task on a node down for 24 h) and remove are not modelled.
 */
const TASK_STATES = [
  'new',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Whether `a` comes after `b` in the task lifecycle (swarmkit compares the enum's numbers). */
export const stateAfter = (a: TaskState, b: TaskState): boolean =>
  TASK_STATES.indexOf(a) > TASK_STATES.indexOf(b);

export interface SwarmTask {
  /** 25 lower-case base-36 characters, like swarmkit identity.NewID(). */
  id: string;
  serviceId: string;
  /** Replicated services: the slot (1..replicas) the task fills. */
  slot?: number;
  /** The node (by hostname) the task is assigned to; a global task has it from creation. */
  node?: string;
  desiredState: 'ready' | 'running' | 'shutdown';
  state: TaskState;
  /** TaskStatus.Message (e.g. "scheduler assigned task to node", "started"). */
  message: string;
  /** TaskStatus.Err (e.g. "task: non-zero exit (1)", "no suitable node (...)"). */
  err?: string;
  /** When the current state was entered (ms). */
  since: number;
  createdAt: number;
  /** The service spec version it was created from (rolling updates compare it). */
  specVersion: number;
  image: string;
  /** When a restart delay ends (desiredState ready until then). */
  startAt?: number;
  /** Key of the Pod that runs its container, once created. */
  pod?: string;
  /** Its address on the stack's overlay network, allocated by the manager when it is created. */
  ip?: string;
  /** Exit code of its container, once it stopped. */
  exitCode?: number;
  /** The restart policy refused a replacement: the slot stays dead (it still counts as a replica). */
  noRestart?: true;
  /** Rolling update, stop-first: start only after this (old) task has stopped. */
  afterTask?: string;
  /** Rolling update, start-first: the old task to shut down once this one runs. */
  replaces?: string;
}

export interface SwarmPort {
  target: number;
  published?: number;
  protocol: 'tcp' | 'udp';
  mode: 'ingress' | 'host';
}

/** A rolling update in progress (swarmkit api UpdateStatus). */
interface UpdateStatus {
  state: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_completed';
  message: string;
  startedAt: number;
  completedAt?: number;
  /** When the next batch may start (update_config.delay after the previous one). */
  nextBatchAt?: number;
  /** Tasks of the current batch, watched for `monitor` after they run. */
  batch?: string[];
  /** Image before the update, for a rollback. */
  previousImage?: string;
}

export interface SwarmService {
  id: string;
  /** `<stack>_<service>`, as `docker stack deploy` names it. */
  name: string;
  /** The name in the compose file. */
  shortName: string;
  stack: string;
  /** The compose service it was deployed from (deploy: section normalised). */
  spec: ComposeService;
  mode: 'replicated' | 'global';
  replicas: number;
  image: string;
  /** Bumped on every change of the spec (scale does not change the task spec). */
  specVersion: number;
  ports: SwarmPort[];
  /** The virtual IP on the stack's overlay network (endpoint_mode vip). */
  vip: string;
  createdAt: number;
  updatedAt: number;
  updateStatus?: UpdateStatus;
  /** Restart history per slot (or node for global) and spec version: times of restarts. */
  restarts: Record<string, number[]>;
}

export interface SwarmNode {
  /** 25 lower-case base-36 characters. */
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  /** NodeStatus.State as the dispatcher sets it. */
  status: 'ready' | 'down' | 'unknown';
  /** NodeStatus.Message ("heartbeat failure"). */
  message?: string;
  /** When status last changed. */
  since: number;
  /** Labels (`docker node update --label-add`), for placement constraints. */
  labels: Record<string, string>;
}

interface SwarmRaft {
  /** Managers by hostname, in join order. */
  members: string[];
  leader?: string;
  term: number;
  /** When a pending election completes (a candidate with a quorum wins then). */
  electionAt?: number;
}

export interface SwarmState {
  stack: string;
  /** Subnet of the stack's overlay network (`<stack>_default`). */
  subnet: string;
  services: Record<string, SwarmService>;
  tasks: Record<string, SwarmTask>;
  nodes: Record<string, SwarmNode>;
  raft: SwarmRaft;
  /** Counter for VIPs handed out on the overlay network. */
  nextVip: number;
  /** The manager's next timer already queued (so it is queued once). */
  wakeAt?: number;
  /** Times tasks failed, by `node|serviceId@specVersion` (the scheduler avoids faulty nodes). */
  failures?: Record<string, number[]>;
}
