/**
 * Small builders for scheduler tests: Nodes with capacity from quantity strings, Pods with
 * requests, a ClusterState with Kubernetes' default settings, and a recording ReconcileContext.
 */
import { shardedFrom } from '../../src/model/sharded';
import { Rng, seedState } from '../../src/engine/rng';
import type { ReconcileContext } from '../../src/model/intents';
import { Memo } from '../../src/model/memo';
import type { Affinity, Node, Pod, PodPhase, Taint, Toleration } from '../../src/model/objects';
import { canonicalAmount, type ResourceList } from '../../src/model/quantity';
import { DEFAULT_SETTINGS } from '../../src/model/settings';
import { type ClusterState, objectKey } from '../../src/model/state';
import { parse as parseYaml } from 'yaml';
import { parseSchedulerConfig } from '../../src/scheduler/config/parseConfig';
import { profileFromConfig } from '../../src/scheduler/config/profileFromConfig';
import type { NodeInfo, Profile } from '../../src/scheduler/framework';
import { makeNodeInfo } from '../../src/scheduler/nodeInfo';

/** `{ cpu: '2', memory: '4Gi' }` to canonical integers (millicores, bytes). */
export function resources(text: Record<string, string>): ResourceList {
  const out: ResourceList = {};
  for (const [name, value] of Object.entries(text)) {
    const amount = canonicalAmount(name, value);
    if (amount === undefined) throw new Error(`bad quantity ${name}: ${value}`);
    out[name] = amount;
  }
  return out;
}

export interface NodeOptions {
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

/** A Ready node whose capacity and allocatable are `capacity`. */
export function makeNode(name: string, capacity: Record<string, string>, options: NodeOptions = {}): Node {
  const amounts = resources(capacity);
  const spec: Node['spec'] = {};
  if (options.taints !== undefined) spec.taints = options.taints;
  if (options.unschedulable !== undefined) spec.unschedulable = options.unschedulable;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: 0,
      labels: { 'kubernetes.io/hostname': name, ...options.labels },
    },
    spec,
    status: {
      capacity: { ...amounts },
      allocatable: { ...amounts },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: 0,
          lastTransitionTime: 0,
          reason: 'KubeletReady',
          message: '',
        },
      ],
      addresses: [{ type: 'Hostname', address: name }],
    },
  };
}

export interface PodOptions {
  namespace?: string;
  nodeName?: string;
  phase?: PodPhase;
  deletionTimestamp?: number;
  schedulerName?: string;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  labels?: Record<string, string>;
  /** More containers, each with its own requests. */
  extraContainers?: Record<string, string>[];
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
}

/** A Pending pod with one container requesting `requests` (no `resources` at all when undefined). */
export function makePod(name: string, requests?: Record<string, string>, options: PodOptions = {}): Pod {
  const container = (i: number, r: Record<string, string> | undefined) => ({
    name: `c${i}`,
    image: 'nginx',
    ...(r !== undefined ? { resources: { requests: r } } : {}),
  });
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: options.namespace ?? 'default', uid: `uid-${name}`, creationTimestamp: 0 },
    spec: {
      containers: [
        container(0, requests),
        ...(options.extraContainers ?? []).map((r, i) => container(i + 1, r)),
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: options.schedulerName ?? 'default-scheduler',
    },
    status: { phase: options.phase ?? 'Pending', conditions: [], containerStatuses: [] },
  };
  if (options.labels !== undefined) pod.metadata.labels = options.labels;
  if (options.deletionTimestamp !== undefined) pod.metadata.deletionTimestamp = options.deletionTimestamp;
  if (options.nodeName !== undefined) pod.spec.nodeName = options.nodeName;
  if (options.tolerations !== undefined) pod.spec.tolerations = options.tolerations;
  if (options.nodeSelector !== undefined) pod.spec.nodeSelector = options.nodeSelector;
  if (options.affinity !== undefined) pod.spec.affinity = options.affinity;
  if (options.preemptionPolicy !== undefined) pod.spec.preemptionPolicy = options.preemptionPolicy;
  return pod;
}

/** A pod already running on `node`. */
export function runningPod(
  name: string,
  node: string,
  requests?: Record<string, string>,
  options: PodOptions = {},
): Pod {
  return makePod(name, requests, { ...options, nodeName: node, phase: options.phase ?? 'Running' });
}

/** A cluster at time `time` with these nodes and pods and the default settings. */
export function makeState(
  nodes: Node[],
  pods: Pod[] = [],
  options: { time?: number; seed?: number } = {},
): ClusterState {
  return {
    time: options.time ?? 0,
    seq: 0,
    rng: seedState(options.seed ?? 1),
    nextUid: 0,
    queue: [],
    settings: { ...DEFAULT_SETTINGS },
    namespaces: {},
    nodes: Object.fromEntries(nodes.map((n) => [n.metadata.name, n])),
    pods: shardedFrom(pods.map((p): [string, Pod] => [objectKey(p.metadata), p])),
    replicaSets: {},
    deployments: {},
    events: {},
    nodeRuntime: {},
    podRuntime: {},
    schedulingQueue: {},
  };
}

/** The NodeInfo of `node` with `pods` bound to it. */
export function nodeInfo(node: Node, pods: Pod[] = []): NodeInfo {
  return makeNodeInfo(node, pods);
}

export interface RecordedWake {
  key: string;
  delayMs: number;
  periodic: boolean;
}

/** A ReconcileContext at `now` drawing from a seeded generator, recording requeues. */
export function makeContext(
  now: number,
  seed = 1,
): { ctx: ReconcileContext; wakes: RecordedWake[]; rng: Rng } {
  const rng = new Rng(seedState(seed));
  const wakes: RecordedWake[] = [];
  const ctx: ReconcileContext = {
    now,
    memo: new Memo(),
    random: () => rng.next(),
    requeueAfter: (key, delayMs, periodic) => wakes.push({ key, delayMs, periodic: periodic === true }),
  };
  return { ctx, wakes, rng };
}

/** A deep, mutable copy (the tests apply `mutate` callbacks to it). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The one profile of a KubeSchedulerConfiguration given as YAML text, as scenarios give it. */
export function profileFromYaml(text: string): Profile {
  const { profiles, issues } = parseSchedulerConfig(parseYaml(text));
  if (issues.length > 0 || profiles.length !== 1)
    throw new Error(`bad test configuration: ${JSON.stringify(issues)}`);
  return profileFromConfig(profiles[0] as (typeof profiles)[number]);
}
