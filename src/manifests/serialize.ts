/**
 * Internal objects in their Kubernetes API JSON form, as `kubectl get -o json|yaml` prints them:
 * simulated-ms timestamps become RFC 3339 strings, node capacity/allocatable canonical integers
 * become quantity strings (`"2"`, `"4Gi"`, `"110"`), unset and empty optional fields are dropped
 * (Go's `omitempty`), and each object starts apiVersion, kind, metadata, spec, status.
 */
import {
  canonicalAmount,
  type Deployment,
  formatAmount,
  type KubeEvent,
  type KubeObject,
  type Namespace,
  type Node,
  type ObjectMeta,
  type Pod,
  type ReplicaSet,
  type ResourceList,
} from '../model';
import { compact, type JsonObject } from './compact';
import { SIMULATED_NODE_INFO } from './printNodes';
import { toRFC3339 } from './timeFormat';

export type { JsonObject, JsonValue } from './compact';

function put(target: JsonObject, key: string, value: unknown): void {
  const c = compact(value, key);
  if (c !== undefined) target[key] = c;
}

function time(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : toRFC3339(ms);
}

/** ObjectMeta in k8s.io/apimachinery's field order, timestamps as RFC 3339. */
function serializeMeta(meta: ObjectMeta): JsonObject {
  const out: JsonObject = {};
  put(out, 'name', meta.name);
  put(out, 'generateName', meta.generateName);
  put(out, 'namespace', meta.namespace);
  put(out, 'uid', meta.uid);
  put(out, 'generation', meta.generation);
  put(out, 'creationTimestamp', time(meta.creationTimestamp));
  put(out, 'deletionTimestamp', time(meta.deletionTimestamp));
  put(out, 'deletionGracePeriodSeconds', meta.deletionGracePeriodSeconds);
  put(out, 'labels', meta.labels);
  put(out, 'annotations', meta.annotations);
  put(out, 'ownerReferences', meta.ownerReferences);
  return out;
}

/** A ResourceList of canonical integers as quantity strings (`{cpu: "2", memory: "4Gi"}`). */
export function serializeResourceList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, amount] of Object.entries(list)) out[name] = formatAmount(name, amount);
  return out;
}

function object(
  apiVersion: string,
  kind: string,
  meta: ObjectMeta,
  rest: Record<string, unknown>,
): JsonObject {
  const out: JsonObject = { apiVersion, kind, metadata: serializeMeta(meta) };
  for (const [k, v] of Object.entries(rest)) put(out, k, v);
  return out;
}

function containerState(s: Pod['status']['containerStatuses'][number]['state']): Record<string, unknown> {
  return {
    waiting: s.waiting,
    running: s.running && { startedAt: time(s.running.startedAt) },
    terminated: s.terminated && {
      exitCode: s.terminated.exitCode,
      reason: s.terminated.reason,
      message: s.terminated.message,
      startedAt: time(s.terminated.startedAt),
      finishedAt: time(s.terminated.finishedAt),
    },
  };
}

/**
 * The QoS class the API server stores in status.qosClass (K pkg/apis/core/v1/helper/qos GetPodQOS):
 * BestEffort without any cpu/memory request or limit; Guaranteed when every container limits both
 * cpu and memory and requests equal limits; Burstable otherwise.
 */
export function podQOSClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const lim = c.resources?.limits ?? {};
    // A limit without a request defaults the request (API defaulting).
    const req = { ...lim, ...(c.resources?.requests ?? {}) };
    for (const name of ['cpu', 'memory']) {
      const r = req[name] === undefined ? 0 : (canonicalAmount(name, req[name]) ?? 0);
      if (r !== 0) requests[name] = (requests[name] ?? 0) + r;
      const l = lim[name] === undefined ? 0 : (canonicalAmount(name, lim[name]) ?? 0);
      if (l !== 0) limits[name] = (limits[name] ?? 0) + l;
      if (l === 0) guaranteed = false;
    }
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (guaranteed && ['cpu', 'memory'].every((n) => requests[n] === limits[n])) return 'Guaranteed';
  return 'Burstable';
}

/** A Pod as the API returns it. */
export function serializePod(pod: Pod): JsonObject {
  const s = pod.status;
  return object(pod.apiVersion, pod.kind, pod.metadata, {
    spec: pod.spec,
    status: {
      phase: s.phase,
      // lastProbeTime is a non-pointer metav1.Time: the API prints it as null.
      conditions: s.conditions.map((c) => ({
        type: c.type,
        status: c.status,
        lastProbeTime: null,
        lastTransitionTime: time(c.lastTransitionTime),
        reason: c.reason,
        message: c.message,
      })),
      message: s.message,
      reason: s.reason,
      nominatedNodeName: s.nominatedNodeName,
      hostIP: s.hostIP,
      hostIPs: s.hostIP === undefined ? undefined : [{ ip: s.hostIP }],
      podIP: s.podIP,
      podIPs: s.podIP === undefined ? undefined : [{ ip: s.podIP }],
      startTime: time(s.startTime),
      containerStatuses: s.containerStatuses.map((c) => ({
        name: c.name,
        state: containerState(c.state),
        lastState: containerState(c.lastState),
        ready: c.ready,
        restartCount: c.restartCount,
        image: c.image,
        containerID: c.containerID,
        started: c.started,
      })),
      qosClass: podQOSClass(pod),
    },
  });
}

/** A Node as the API returns it; nodeInfo comes from {@link SIMULATED_NODE_INFO}. */
export function serializeNode(node: Node): JsonObject {
  return object(node.apiVersion, node.kind, node.metadata, {
    spec: {
      podCIDR: node.spec.podCIDR,
      podCIDRs: node.spec.podCIDR === undefined ? undefined : [node.spec.podCIDR],
      taints: node.spec.taints?.map((t) => ({
        key: t.key,
        value: t.value,
        effect: t.effect,
        timeAdded: time(t.timeAdded),
      })),
      unschedulable: node.spec.unschedulable === true ? true : undefined,
    },
    status: {
      capacity: serializeResourceList(node.status.capacity),
      allocatable: serializeResourceList(node.status.allocatable),
      conditions: node.status.conditions.map((c) => ({
        type: c.type,
        status: c.status,
        lastHeartbeatTime: time(c.lastHeartbeatTime),
        lastTransitionTime: time(c.lastTransitionTime),
        reason: c.reason,
        message: c.message,
      })),
      addresses: node.status.addresses,
      nodeInfo: {
        kernelVersion: SIMULATED_NODE_INFO.kernelVersion,
        osImage: SIMULATED_NODE_INFO.osImage,
        containerRuntimeVersion: SIMULATED_NODE_INFO.containerRuntimeVersion,
        kubeletVersion: SIMULATED_NODE_INFO.kubeletVersion,
        kubeProxyVersion: SIMULATED_NODE_INFO.kubeProxyVersion,
        operatingSystem: SIMULATED_NODE_INFO.operatingSystem,
        architecture: SIMULATED_NODE_INFO.architecture,
      },
    },
  });
}

/** A ReplicaSet as the API returns it. */
function serializeReplicaSet(rs: ReplicaSet): JsonObject {
  return object(rs.apiVersion, rs.kind, rs.metadata, { spec: rs.spec, status: rs.status });
}

/** A Deployment as the API returns it. */
function serializeDeployment(d: Deployment): JsonObject {
  return object(d.apiVersion, d.kind, d.metadata, {
    spec: d.spec,
    status: {
      ...d.status,
      conditions: d.status.conditions.map((c) => ({
        ...c,
        lastUpdateTime: time(c.lastUpdateTime),
        lastTransitionTime: time(c.lastTransitionTime),
      })),
    },
  });
}

/** A core/v1 Event as the API returns it (eventTime null and empty reporting fields, as recorded by client-go's legacy recorder). */
function serializeEvent(ev: KubeEvent): JsonObject {
  const out = object(ev.apiVersion, ev.kind, ev.metadata, {
    involvedObject: ev.involvedObject,
    reason: ev.reason,
    message: ev.message,
    source: ev.source,
    firstTimestamp: time(ev.firstTimestamp),
    lastTimestamp: time(ev.lastTimestamp),
    count: ev.count,
    type: ev.type,
  });
  out.eventTime = null;
  out.reportingComponent = '';
  out.reportingInstance = '';
  return out;
}

/** A Namespace as the API returns it. */
function serializeNamespace(ns: Namespace): JsonObject {
  return object(ns.apiVersion, ns.kind, ns.metadata, { spec: ns.spec, status: ns.status });
}

/** Any modelled object in its API form. */
export function serializeObject(obj: KubeObject): JsonObject {
  switch (obj.kind) {
    case 'Pod':
      return serializePod(obj);
    case 'Node':
      return serializeNode(obj);
    case 'ReplicaSet':
      return serializeReplicaSet(obj);
    case 'Deployment':
      return serializeDeployment(obj);
    case 'Event':
      return serializeEvent(obj);
    case 'Namespace':
      return serializeNamespace(obj);
    case 'Service':
      return object(obj.apiVersion, obj.kind, obj.metadata, { spec: obj.spec, status: obj.status });
    case 'EndpointSlice':
      return object(obj.apiVersion, obj.kind, obj.metadata, {
        addressType: obj.addressType,
        endpoints: obj.endpoints,
        ports: obj.ports,
      });
    case 'NetworkPolicy':
      return object(obj.apiVersion, obj.kind, obj.metadata, { spec: obj.spec });
  }
}

/**
 * The List `kubectl get <kind> -o json|yaml` prints for several objects (k8s.io/kubectl/pkg/cmd/get:
 * a v1 List with an empty resourceVersion).
 */
export function toList(objects: readonly KubeObject[]): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: objects.map(serializeObject),
    metadata: { resourceVersion: '' },
  };
}
