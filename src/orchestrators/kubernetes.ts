/**
 * The Kubernetes orchestrator: which controllers run (in reconcile order) and how a cluster boots.
 */
import {
  deploymentController,
  EVENT_SWEEP_PERIOD,
  EVENT_TTL_CONTROLLER,
  eventTTLController,
  healthyNodeConditions,
  kubelet,
  MONITOR_KEY,
  NODE_LIFECYCLE_CONTROLLER,
  nodeLifecycleController,
  replicaSetController,
  SWEEP_KEY,
  taintEvictionController,
} from '../controllers';
import {
  type ClusterState,
  type Controller,
  DEFAULT_SETTINGS,
  emptyNetworkRuntime,
  heapPush,
  type Namespace,
  type NetworkConfig,
  type Node,
  type ResourceList,
  seedState,
  type Service,
  type Settings,
  type Taint,
  type TrafficFlow,
} from '../model';
import {
  endpointSliceController,
  KUBERNETES_SERVICE_IP,
  TRAFFIC_CONTROLLER,
  TRAFFIC_TICK_KEY,
  TRAFFIC_TICK_MS,
  trafficController,
} from '../network';
import { schedulerController } from '../scheduler';

/** Controllers in the order they reconcile within a step. */
export const KUBERNETES_CONTROLLERS: readonly Controller[] = [
  deploymentController,
  replicaSetController,
  schedulerController,
  kubelet,
  nodeLifecycleController,
  taintEvictionController,
  eventTTLController,
  endpointSliceController,
  trafficController,
];

export interface NodeSpecInput {
  name: string;
  capacity: ResourceList;
  allocatable?: ResourceList;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** The Node object a freshly registered kubelet creates (plus the well-known labels). */
export function makeNode(spec: NodeSpecInput, index: number, now: number, uid: string): Node {
  const capacity: ResourceList = { pods: 110, ...spec.capacity };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      uid,
      creationTimestamp: now,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name,
        'kubernetes.io/os': 'linux',
        ...(spec.labels ?? {}),
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      ...(spec.taints && spec.taints.length > 0 ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable: { pods: capacity.pods ?? 110, ...(spec.allocatable ?? spec.capacity) },
      conditions: healthyNodeConditions(now),
      addresses: [
        { type: 'InternalIP', address: `192.168.0.${10 + index}` },
        { type: 'Hostname', address: spec.name },
      ],
    },
  };
}

function namespace(name: string, uid: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid, creationTimestamp: 0, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** The `kubernetes` Service the API server keeps in `default` (its endpoints are the API server's, not pods). */
function kubernetesService(uid: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      uid,
      creationTimestamp: 0,
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  };
}

/** The pod network and traffic of a run (the scenario's `network:` and `traffic:`). */
export interface NetworkInput {
  config?: Partial<NetworkConfig>;
  flows?: TrafficFlow[];
}

/** An empty cluster with these nodes, all Ready at t=0, and the node monitor ticking. */
export function bootCluster(
  nodes: readonly NodeSpecInput[],
  seed: number,
  settings: Partial<Settings> = {},
  network: NetworkInput = {},
): ClusterState {
  const s: Settings = { ...DEFAULT_SETTINGS, ...settings };
  let uid = 0;
  const nextUid = () => `00000000-0000-4000-8000-${(++uid).toString(16).padStart(12, '0')}`;
  const state: ClusterState = {
    time: 0,
    seq: 2,
    rng: seedState(seed),
    nextUid: 0,
    // Periodic housekeeping: the node monitor (every nodeMonitorPeriod) and the event TTL sweep.
    queue: [
      {
        at: s.nodeMonitorPeriod,
        seq: 0,
        event: { type: 'wake', controller: NODE_LIFECYCLE_CONTROLLER, key: MONITOR_KEY, periodic: true },
      },
      {
        at: EVENT_SWEEP_PERIOD,
        seq: 1,
        event: { type: 'wake', controller: EVENT_TTL_CONTROLLER, key: SWEEP_KEY, periodic: true },
      },
    ],
    settings: s,
    namespaces: {},
    nodes: {},
    pods: {},
    replicaSets: {},
    deployments: {},
    events: {},
    nodeRuntime: {},
    podRuntime: {},
    schedulingQueue: {},
    services: {},
    endpointSlices: {},
    networkPolicies: {},
    network: { ...emptyNetworkRuntime(network.config), flows: network.flows ?? [] },
  };
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    state.namespaces[ns] = namespace(ns, nextUid());
  nodes.forEach((spec, i) => {
    state.nodes[spec.name] = makeNode(spec, i + 1, 0, nextUid());
    state.nodeRuntime[spec.name] = {
      up: true,
      machine: 'Ready',
      heartbeatPhase: 0,
      lastHeartbeat: 0,
      images: {},
      bootedAt: 0,
      nextPodIP: 0,
    };
  });
  // A uid outside the counter's sequence, so that adding this Service shifts no other object's uid.
  (state.services as Record<string, Service>)['default/kubernetes'] = kubernetesService(
    '00000000-0000-4000-9000-000000000001',
  );
  // heapPush, not push: the queue is a binary heap, and the tick (1 s) is due before the others.
  if ((network.flows ?? []).length > 0)
    heapPush(state.queue, {
      at: TRAFFIC_TICK_MS,
      seq: state.seq++,
      event: { type: 'wake', controller: TRAFFIC_CONTROLLER, key: TRAFFIC_TICK_KEY, periodic: true },
    });
  state.nextUid = uid;
  return state;
}
