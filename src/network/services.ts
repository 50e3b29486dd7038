/**
 * Services: what the API server does when one is created (allocate its ClusterIP and NodePorts),
 * and the lookups the endpoints controller, DNS and the proxy share (which Services select a pod,
 * which container port a targetPort names).
 */
import { type ClusterState, fnv32a, type Pod, type Service, type ServicePort } from '../model';
import { allocateClusterIP, allocateNodePort, CLUSTER_DNS_IP, KUBERNETES_SERVICE_IP } from './ipam';

/** `namespace/name` of a Service. */
export const serviceKey = (svc: Service): string =>
  `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;

/** Whether the Service is headless (`clusterIP: None`): DNS answers with pod IPs, no proxying. */
export const isHeadless = (svc: Service): boolean => svc.spec.clusterIP === 'None';

/**
 * Fills in what the API server allocates on create (K pkg/registry/core/service/storage): a ClusterIP
 * unless one is given or the Service is headless, and a NodePort for each port of a NodePort (or
 * LoadBalancer) Service that has none. Runs on a draft of the state.
 */
export function allocateServiceAddresses(draft: ClusterState, svc: Service): void {
  const key = serviceKey(svc);
  const services = Object.values(draft.services ?? {}).filter((s) => serviceKey(s) !== key);
  if (svc.spec.clusterIP === undefined) {
    const used = new Set(services.map((s) => s.spec.clusterIP ?? ''));
    used.add(KUBERNETES_SERVICE_IP);
    used.add(CLUSTER_DNS_IP);
    svc.spec.clusterIP = allocateClusterIP(key, used, (s) => fnv32a(s));
  }
  svc.spec.clusterIPs = [svc.spec.clusterIP];
  if (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') {
    const used = new Set(services.flatMap((s) => s.spec.ports.map((p) => p.nodePort ?? 0)));
    for (const p of svc.spec.ports) if (p.nodePort !== undefined) used.add(p.nodePort);
    for (const p of svc.spec.ports) {
      if (p.nodePort !== undefined) continue;
      p.nodePort = allocateNodePort(`${key}:${p.port}`, used, (s) => fnv32a(s));
      used.add(p.nodePort);
    }
  }
}

/** Whether the pod's Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Whether a Service's selector selects these labels (a Service selector is a plain map; empty = none). */
export function serviceSelects(svc: Service, namespace: string, pod: Pod): boolean {
  const sel = svc.spec.selector;
  if (sel === undefined || Object.keys(sel).length === 0) return false;
  if ((svc.metadata.namespace ?? 'default') !== namespace) return false;
  const labels = pod.metadata.labels ?? {};
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}

/**
 * The container port a Service port targets on this pod: a number as is, a name looked up among the
 * pod's container ports with the same protocol (K pkg/api/v1/pod FindPort). Undefined when the pod
 * has no port of that name: the endpoints controller then leaves that port out for the pod.
 */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  for (const c of pod.spec.containers)
    for (const p of c.ports ?? [])
      if (p.name === sp.targetPort && (p.protocol ?? 'TCP') === sp.protocol) return p.containerPort;
  return undefined;
}

/** The Service with this ClusterIP, if any. */
export function serviceByClusterIP(state: ClusterState, ip: string): Service | undefined {
  for (const s of Object.values(state.services ?? {})) if (s.spec.clusterIP === ip) return s;
  return undefined;
}

/** The Service (and its port) that owns this NodePort, if any. */
export function serviceByNodePort(state: ClusterState, nodePort: number): [Service, ServicePort] | undefined {
  for (const s of Object.values(state.services ?? {}))
    for (const p of s.spec.ports) if (p.nodePort === nodePort) return [s, p];
  return undefined;
}

/**
 * On `kubectl apply` of an existing Service, the allocated ClusterIP and NodePorts stay unless the
 * new spec names others (the API server keeps them; they are immutable or re-allocated only on
 * request). Copies them from `current` into `next` where `next` leaves them out.
 */
export function keepAllocations(current: Service['spec'], next: Service['spec']): void {
  if (next.clusterIP === undefined && current.clusterIP !== undefined) {
    next.clusterIP = current.clusterIP;
    next.clusterIPs = [current.clusterIP];
  }
  for (const p of next.ports) {
    if (p.nodePort !== undefined || next.type === 'ClusterIP') continue;
    const old = current.ports.find((o) => o.port === p.port && o.protocol === p.protocol);
    if (old?.nodePort !== undefined) p.nodePort = old.nodePort;
  }
}
