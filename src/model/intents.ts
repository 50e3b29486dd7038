/**
 * What controllers return: intents the engine applies atomically after each reconcile round.
 * Controllers read a frozen snapshot and never mutate it (DESIGN.md, "Controller" shape).
 */
import type { EndpointSlice, NetworkPolicy, Service } from './network';
import type { Kind } from './kubeObject';
import type { Deployment, KubeEvent, Namespace, Node, Pod, ReplicaSet } from './objects';
import type { Memo } from './memo';
import type { ClusterState } from './state';

export interface KindMap {
  Pod: Pod;
  Node: Node;
  ReplicaSet: ReplicaSet;
  Deployment: Deployment;
  Namespace: Namespace;
  Event: KubeEvent;
  Service: Service;
  EndpointSlice: EndpointSlice;
  NetworkPolicy: NetworkPolicy;
}
export type ObjectKind = Exclude<Kind, 'Event'>;

/** Create an object (its metadata.uid and creationTimestamp are filled in by the engine). */
export interface CreateIntent {
  op: 'create';
  object: Pod | ReplicaSet | Deployment | Namespace | Node | Service | EndpointSlice | NetworkPolicy;
  why: string;
}

/** Change one object in place; `mutate` receives a draft of it. */
export interface UpdateIntent<K extends ObjectKind = ObjectKind> {
  op: 'update';
  kind: K;
  key: string;
  why: string;
  mutate: (draft: KindMap[K]) => void;
}

/** Remove an object from the store (a pod's graceful deletion is an update of deletionTimestamp). */
interface DeleteIntent {
  op: 'delete';
  kind: ObjectKind;
  key: string;
  why: string;
}

/** Record a Kubernetes Event about an object (aggregated with equal ones, as the recorder does). */
export interface EventIntent {
  op: 'event';
  object: { kind: string; namespace?: string; name: string; uid: string; fieldPath?: string };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: { component: string; host?: string };
}

/** Change the simulator-only records (kubelet runtime, node runtime, scheduling queue). */
interface RuntimeIntent {
  op: 'runtime';
  why: string;
  mutate: (draft: ClusterState) => void;
}

/** Wake another controller for a key after a delay (e.g. the kubelet noticing a container exit). */
interface WakeIntent {
  op: 'wake';
  controller: string;
  key: string;
  afterMs: number;
}

/** Anything that should appear in the trace (scheduling decisions, controller reasons). */
export interface TraceIntent {
  op: 'trace';
  record: Record<string, unknown> & { type: string };
}

export type Intent =
  CreateIntent | UpdateIntent | DeleteIntent | EventIntent | RuntimeIntent | TraceIntent | WakeIntent;

/** Helper so callers get the right draft type for `mutate`. */
export function update<K extends ObjectKind>(
  kind: K,
  key: string,
  why: string,
  mutate: (draft: KindMap[K]) => void,
): UpdateIntent {
  return { op: 'update', kind, key, why, mutate: mutate as UpdateIntent['mutate'] };
}

/** Facilities a reconcile may use; all deterministic. */
export interface ReconcileContext {
  /** Simulated now, in ms. */
  readonly now: number;
  /** Uniform [0, 1) from the run's seeded generator. */
  random(): number;
  /** Ask to be woken for `key` after `delayMs` (a requeue or a timer). */
  requeueAfter(key: string, delayMs: number, periodic?: boolean): void;
  /** The simulation's own memory for derived values and buffers (never module state). */
  readonly memo: Memo;
}

/** An object change the engine saw, for mapping to controller keys. */
export interface ObjectChange {
  kind: Kind;
  key: string;
  /** The object before and after the change (undefined when created / deleted). */
  before: unknown;
  after: unknown;
}

/** A level-based reconciler (DESIGN.md): compare desired with actual, return intents. */
export interface Controller {
  readonly name: string;
  /**
   * Whether each key must see the intents of the keys reconciled before it in the same round (the
   * scheduler: two pods must not both take a node's last CPU). Otherwise the engine reconciles a
   * round's keys against one state and applies their intents together, which is much cheaper.
   */
  readonly sequential?: boolean;
  /**
   * For a sequential controller: the order to reconcile a round's keys in (the scheduler's
   * PrioritySort queue order). Absent: the order the keys became pending.
   */
  order?(state: ClusterState, keys: readonly string[]): readonly string[];
  /** Keys to reconcile because of a change to an object it watches. */
  keysFor(change: ObjectChange, state: ClusterState): readonly string[];
  reconcile(state: ClusterState, key: string, ctx: ReconcileContext): Intent[];
}
