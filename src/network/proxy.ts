/**
 * The per-node service proxy (kube-proxy; W reference/networking/virtual-ips.md):
 *
 * - Backends are the endpoints of the Service's EndpointSlices that carry the Service port's name
 *   and are `ready`; when none is ready, the `serving` terminating ones (ProxyTerminatingEndpoints,
 *   GA in v1.28); when there are none at all, the connection is rejected (kube-proxy installs a
 *   REJECT rule: the client sees "connection refused" at once).
 * - iptables mode: a chain of `-m statistic --mode random --probability 1/n, 1/(n-1), ..., 1`
 *   rules (K pkg/proxy/iptables/proxier.go computeProbability), i.e. a uniformly random backend per
 *   connection, drawn here from the run's seeded generator.
 * - ipvs mode: the IPVS scheduler `rr` (kube-proxy's default --ipvs-scheduler), one position per
 *   virtual server on each node.
 * - sessionAffinity ClientIP: the node remembers which backend a client IP got and sends it there
 *   again while it is still a backend, for timeoutSeconds since its last connection (default 10800,
 *   K core/v1 DefaultClientIPServiceAffinitySeconds).
 */
import type { ClusterState, EndpointSlice, ProxyMode, Service, ServicePort } from '../model';

/** One backend as the proxy sees it. */
export interface Backend {
  ip: string;
  port: number;
  nodeName?: string;
  pod?: { namespace: string; name: string };
  terminating: boolean;
}

/** What a proxy remembers between connections (state.network.rr and .affinity, or a working copy). */
export interface ProxyMemory {
  rr: Record<string, number>;
  affinity: Record<string, [string, number]>;
}

const DEFAULT_AFFINITY_SECONDS = 10800;

function slicesOf(state: ClusterState, svc: Service): EndpointSlice[] {
  const ns = svc.metadata.namespace ?? 'default';
  return Object.keys(state.endpointSlices ?? {})
    .sort()
    .map((k) => (state.endpointSlices ?? {})[k] as EndpointSlice)
    .filter(
      (s) =>
        s.metadata.namespace === ns &&
        s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
    );
}

/** The backends of a Service port: ready endpoints, else serving terminating ones; sorted by IP. */
export function backendsOf(state: ClusterState, svc: Service, sp: ServicePort): Backend[] {
  const ready: Backend[] = [];
  const servingTerminating: Backend[] = [];
  for (const slice of slicesOf(state, svc)) {
    const port = slice.ports.find((p) => (p.name ?? '') === (sp.name ?? '') && p.protocol === sp.protocol);
    if (port === undefined) continue;
    for (const e of slice.endpoints) {
      const ip = e.addresses[0];
      if (ip === undefined) continue;
      const b: Backend = {
        ip,
        port: port.port,
        terminating: e.conditions.terminating,
        ...(e.nodeName === undefined ? {} : { nodeName: e.nodeName }),
        ...(e.targetRef === undefined
          ? {}
          : { pod: { namespace: e.targetRef.namespace, name: e.targetRef.name } }),
      };
      if (e.conditions.ready) ready.push(b);
      else if (e.conditions.serving && e.conditions.terminating) servingTerminating.push(b);
    }
  }
  const list = ready.length > 0 ? ready : servingTerminating;
  return list.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/**
 * Picks the backend index for one connection through `node`'s proxy, or -1 when there is none.
 * `random` is the run's seeded generator; `memory` is updated (round-robin position, affinity).
 */
export function chooseBackend(
  mode: ProxyMode,
  memory: ProxyMemory,
  node: string,
  svc: Service,
  sp: ServicePort,
  clientIP: string,
  backends: readonly Backend[],
  now: number,
  random: () => number,
  /** The virtual server's key (see {@link virtualServerKey}), when the caller has it already. */
  vsKey?: string,
): number {
  const n = backends.length;
  if (n === 0) return -1;
  const vs = vsKey ?? virtualServerKey(node, svc, sp);
  let affinityKey: string | undefined;
  if (svc.spec.sessionAffinity === 'ClientIP') {
    affinityKey = `${vs}|${clientIP}`;
    const seen = memory.affinity[affinityKey];
    if (seen !== undefined && seen[1] > now) {
      const i = backends.findIndex((b) => b.ip === seen[0]);
      if (i >= 0) {
        memory.affinity[affinityKey] = [seen[0], now + affinityTimeoutMs(svc)];
        return i;
      }
    }
  }
  let i: number;
  if (mode === 'ipvs') {
    const pos = memory.rr[vs] ?? 0;
    i = pos % n;
    memory.rr[vs] = (pos + 1) % n;
  } else {
    i = Math.min(n - 1, Math.floor(random() * n));
  }
  if (affinityKey !== undefined)
    memory.affinity[affinityKey] = [(backends[i] as Backend).ip, now + affinityTimeoutMs(svc)];
  return i;
}

/** The key of a Service port's virtual server on a node: its round-robin position and affinity entries. */
export function virtualServerKey(node: string, svc: Service, sp: ServicePort): string {
  return `${node}|${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}:${sp.port}`;
}

function affinityTimeoutMs(svc: Service): number {
  return (svc.spec.sessionAffinityConfig?.clientIP.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) * 1000;
}
