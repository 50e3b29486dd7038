/**
 * Kubelet admission and pod start: the kubelet re-checks that the pod fits the node
 * (K pkg/kubelet/lifecycle/predicate.go), then sets up the pod sandbox (an IP from the node's pod
 * CIDR) and begins pulling images.
 */
import {
  type ClusterState,
  type ContainerRuntime,
  type ContainerStatus,
  getIn,
  type Intent,
  type Node,
  type Pod,
  podRequests,
  type ReconcileContext,
  runtimesOnNode,
  setIn,
  update,
} from '../model';
import { containerEvent, REASON } from './kubeletEvents';
import { setCondition } from './podStatus';

/** Requests of the pods this node's kubelet has admitted and that still run. */
function usedOnNode(state: ClusterState, nodeName: string, exceptKey: string): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [key] of runtimesOnNode(state, nodeName)) {
    if (key === exceptKey) continue;
    const p = getIn(state.pods, key);
    if (!p || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    for (const [r, v] of Object.entries(podRequests(p))) used[r] = (used[r] ?? 0) + v;
    used.pods = (used.pods ?? 0) + 1;
  }
  return used;
}

/** The pod's IP: host-local IPAM hands out .2 upwards of the node's /24 (.1 is the bridge). */
function podIP(cidr: string | undefined, n: number): string | undefined {
  if (cidr === undefined) return undefined;
  const base = cidr.split('/')[0]?.split('.') ?? [];
  return `${base[0]}.${base[1]}.${base[2]}.${2 + (n % 253)}`;
}

/**
 * Admits the pod on its node, or rejects it (`OutOf<resource>`, as the kubelet's admit handler);
 * an admitted pod gets its sandbox and starts pulling its images.
 */
export function admitPod(
  state: ClusterState,
  key: string,
  pod: Pod,
  nodeName: string,
  ctx: ReconcileContext,
): Intent[] {
  const now = ctx.now;
  const node = state.nodes[nodeName];
  const nodeRt = state.nodeRuntime[nodeName];
  if (node === undefined || nodeRt === undefined) return [];
  const rejected = rejection(state, key, pod, nodeName, node, now);
  if (rejected !== undefined) return rejected;
  const pulls = startPulls(state, pod, nodeName, nodeRt, now);
  ctx.requeueAfter(key, pulls.wake - now);
  return [
    sandbox(key, pod, nodeName, node, pulls.containers),
    ...pulls.events,
    pendingStatus(key, pod, node, now),
  ];
}

/** The rejection when the pod does not fit what the node's admitted pods leave (predicate.go). */
function rejection(
  state: ClusterState,
  key: string,
  pod: Pod,
  nodeName: string,
  node: Node,
  now: number,
): Intent[] | undefined {
  const used = usedOnNode(state, nodeName, key);
  const requests = { ...podRequests(pod), pods: 1 };
  for (const [resource, req] of Object.entries(requests)) {
    const capacity = node.status.allocatable[resource] ?? (resource === 'pods' ? 110 : 0);
    const inUse = used[resource] ?? 0;
    if (req <= 0 || inUse + req <= capacity) continue;
    const reason = `OutOf${resource}`;
    // The event carries the bare message; the status adds "Pod was rejected: " (kubelet.go rejectPod).
    const message = `Node didn't have enough resource: ${resource}, requested: ${req}, used: ${inUse}, capacity: ${capacity}`;
    return [
      update('Pod', key, 'rejected by kubelet admission', (p) => {
        p.status.phase = 'Failed';
        p.status.reason = reason;
        p.status.message = `Pod was rejected: ${message}`;
        p.status.startTime = now;
      }),
      {
        ...containerEvent(pod, '', nodeName, 'Warning', reason, message),
        object: {
          kind: 'Pod',
          namespace: pod.metadata.namespace ?? 'default',
          name: pod.metadata.name,
          uid: pod.metadata.uid,
        },
      },
    ];
  }
  return undefined;
}

/** Each container pulls its image, or starts at once when the image is on the node already. */
function startPulls(
  state: ClusterState,
  pod: Pod,
  nodeName: string,
  nodeRt: NonNullable<ClusterState['nodeRuntime'][string]>,
  now: number,
): { containers: Record<string, ContainerRuntime>; events: Intent[]; wake: number } {
  const containers: Record<string, ContainerRuntime> = {};
  const events: Intent[] = [];
  let wake = Number.POSITIVE_INFINITY;
  for (const c of pod.spec.containers) {
    const present = nodeRt.images[c.image] === true && c.imagePullPolicy !== 'Always';
    const until = now + (present ? state.settings.containerStartTime : state.settings.imagePullTime);
    containers[c.name] = { machine: 'ContainerCreating', stage: present ? 'starting' : 'pulling', until };
    wake = Math.min(wake, until);
    events.push(
      present
        ? containerEvent(
            pod,
            c.name,
            nodeName,
            'Normal',
            REASON.pulled,
            `Container image "${c.image}" already present on machine`,
          )
        : containerEvent(pod, c.name, nodeName, 'Normal', REASON.pulling, `Pulling image "${c.image}"`),
    );
  }
  return { containers, events, wake };
}

/** The kubelet's record of the pod, and its sandbox's IP from the node's pod CIDR. */
function sandbox(
  key: string,
  pod: Pod,
  nodeName: string,
  node: Node,
  containers: Record<string, ContainerRuntime>,
): Intent {
  const cidr = node.spec.podCIDR;
  return {
    op: 'runtime',
    why: 'pod admitted',
    mutate: (d) => {
      setIn(d.podRuntime, key, { node: nodeName, uid: pod.metadata.uid, containers });
      // The IP comes from the node's counter as it is when applied, so pods admitted in the same
      // round (the engine applies a controller's round in one batch) never share an address.
      const n = d.nodeRuntime[nodeName];
      const ip = n === undefined ? undefined : podIP(cidr, n.nextPodIP);
      if (n) n.nextPodIP += 1;
      const p = getIn(d.pods, key);
      if (p && ip !== undefined) p.status.podIP = ip;
    },
  };
}

/** Pending, initialised, its containers creating and not ready. */
function pendingStatus(key: string, pod: Pod, node: Node, now: number): Intent {
  const hostIP = node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  const statuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
    name: c.name,
    image: c.image,
    state: { waiting: { reason: 'ContainerCreating' } },
    lastState: {},
    ready: false,
    started: false,
    restartCount: 0,
  }));
  return update('Pod', key, 'pod admitted and sandbox created', (p) => {
    p.status.phase = 'Pending';
    p.status.startTime = now;
    if (hostIP !== undefined) p.status.hostIP = hostIP;
    setCondition(p.status.conditions, 'Initialized', 'True', now);
    const unready = `containers with unready status: [${statuses.map((s) => s.name).join(' ')}]`;
    setCondition(p.status.conditions, 'ContainersReady', 'False', now, 'ContainersNotReady', unready);
    setCondition(p.status.conditions, 'Ready', 'False', now, 'ContainersNotReady', unready);
    p.status.containerStatuses = statuses;
  });
}
