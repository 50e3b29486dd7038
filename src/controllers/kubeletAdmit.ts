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
  const used = usedOnNode(state, nodeName, key);
  const requests = { ...podRequests(pod), pods: 1 };
  for (const [resource, req] of Object.entries(requests)) {
    const capacity = node.status.allocatable[resource] ?? (resource === 'pods' ? 110 : 0);
    const inUse = used[resource] ?? 0;
    if (req > 0 && inUse + req > capacity) {
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
  }
  const containers: Record<string, ContainerRuntime> = {};
  const intents: Intent[] = [];
  let wake = Number.POSITIVE_INFINITY;
  for (const c of pod.spec.containers) {
    const present = nodeRt.images[c.image] === true && c.imagePullPolicy !== 'Always';
    const until = now + (present ? state.settings.containerStartTime : state.settings.imagePullTime);
    containers[c.name] = { machine: 'ContainerCreating', stage: present ? 'starting' : 'pulling', until };
    wake = Math.min(wake, until);
    intents.push(
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
  const cidr = node.spec.podCIDR;
  const hostIP = node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  intents.unshift({
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
  });
  const statuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
    name: c.name,
    image: c.image,
    state: { waiting: { reason: 'ContainerCreating' } },
    lastState: {},
    ready: false,
    started: false,
    restartCount: 0,
  }));
  intents.push(
    update('Pod', key, 'pod admitted and sandbox created', (p) => {
      p.status.phase = 'Pending';
      p.status.startTime = now;
      if (hostIP !== undefined) p.status.hostIP = hostIP;
      setCondition(p.status.conditions, 'Initialized', 'True', now);
      const unready = `containers with unready status: [${statuses.map((s) => s.name).join(' ')}]`;
      setCondition(p.status.conditions, 'ContainersReady', 'False', now, 'ContainersNotReady', unready);
      setCondition(p.status.conditions, 'Ready', 'False', now, 'ContainersNotReady', unready);
      p.status.containerStatuses = statuses;
    }),
  );
  ctx.requeueAfter(key, wake - now);
  return intents;
}
