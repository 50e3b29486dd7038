/**
 * Kubernetes' addressing in the traffic model (addressing.ts): a target reached through cluster
 * DNS from the client's namespace, a Service VIP, a NodePort on a node's address, or a pod's
 * address; an outside client only through a node's address and a NodePort.
 */
import type { ClusterState, NetworkConfig, ServicePort } from '../model';
import { resolve } from './dns';
import type { Route } from './route';
import { isHeadless, serviceByClusterIP, serviceByNodePort } from './services';
import type { Target } from './url';

/** What the route needs from the tick's view of the network (TickNetwork in traffic.ts). */
export interface KubernetesRouteLookup {
  readonly state: ClusterState;
  readonly config: NetworkConfig;
  /** The node with this name or address. */
  nodeByAddress(host: string): string | undefined;
  /** The key of the live pod with this address. */
  podByIP(ip: string): string | undefined;
}

/** Where `target` leads for a client in `namespace` (undefined: outside the cluster). */
export function kubernetesRoute(
  net: KubernetesRouteLookup,
  namespace: string | undefined,
  target: Target,
): Route {
  const { state, config: c } = net;
  if (namespace === undefined) {
    // An outside client reaches the cluster through a node's address and a NodePort.
    const node = net.nodeByAddress(target.host);
    const hit = serviceByNodePort(state, target.port);
    if (node === undefined || hit === undefined) return { fail: 'timeout', dnsMs: 0 };
    return { svc: hit[0], sp: hit[1], ingressNode: node, dnsMs: 0 };
  }
  const dns = resolve(state, target.host, namespace);
  // One query per name tried, to the cluster DNS and back (a cross-node round trip).
  const dnsMs = dns.tried.length * 2 * c.crossNodeLatencyMs;
  if (dns.rcode === 'NXDOMAIN') return { dns, fail: 'nxdomain', dnsMs };
  if (dns.service !== undefined) {
    const sp = dns.service.spec.ports.find((p) => p.port === target.port);
    if (sp === undefined && !isHeadless(dns.service)) return { dns, fail: 'timeout', dnsMs };
    if (isHeadless(dns.service)) {
      const hp: ServicePort = sp ?? { protocol: 'TCP', port: target.port, targetPort: target.port };
      return { dns, svc: dns.service, sp: hp, dnsMs };
    }
    return { dns, svc: dns.service, sp: sp as ServicePort, dnsMs };
  }
  const ip = dns.addresses[0] as string;
  const svc = serviceByClusterIP(state, ip);
  if (svc !== undefined) {
    const sp = svc.spec.ports.find((p) => p.port === target.port);
    return sp === undefined ? { dns, fail: 'timeout', dnsMs } : { dns, svc, sp, dnsMs };
  }
  const pod = net.podByIP(ip);
  if (pod !== undefined) return { dns, pod, dnsMs };
  const node = net.nodeByAddress(ip);
  const hit = node === undefined ? undefined : serviceByNodePort(state, target.port);
  if (node !== undefined && hit !== undefined)
    return { dns, svc: hit[0], sp: hit[1], ingressNode: node, dnsMs };
  return { dns, fail: 'timeout', dnsMs };
}
