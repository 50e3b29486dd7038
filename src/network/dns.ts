/**
 * Cluster DNS, as CoreDNS's kubernetes plugin answers and a pod's resolver asks
 * (W concepts/services-networking/dns-pod-service.md):
 *
 * - A pod with dnsPolicy ClusterFirst gets `search <ns>.svc.cluster.local svc.cluster.local
 *   cluster.local` and `options ndots:5` (kubelet pkg/kubelet/network/dns). A name with fewer than 5
 *   dots is tried with each search domain first, then as is; a name ending in "." only as is.
 * - `<svc>.<ns>.svc.cluster.local` → the Service's ClusterIP; for a headless Service, the IPs of
 *   its ready endpoints (NXDOMAIN-free empty answer when there are none: the name exists).
 * - `a-b-c-d.<ns>.pod.cluster.local` → a-b-c-d as an address.
 * - Anything else in cluster.local: NXDOMAIN. Names outside the cluster domain are not modelled
 *   (NXDOMAIN too, named as a simplification in the answer).
 */
import type { ClusterState, Service } from '../model';
import { parseIPv4 } from './ipam';
import { isHeadless } from './services';

export const CLUSTER_DOMAIN = 'cluster.local';
const NDOTS = 5;

/** The search list of a pod in `namespace` (dnsPolicy ClusterFirst). */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The fully qualified names a resolver asks for, in order, for `name` from a pod in `namespace`. */
export function candidates(name: string, namespace: string | undefined): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  if (namespace === undefined) return [name];
  const dots = name.split('.').length - 1;
  const searched = searchPath(namespace).map((d) => `${name}.${d}`);
  return dots >= NDOTS ? [name, ...searched] : [...searched, name];
}

export type DnsAnswer =
  | {
      rcode: 'NOERROR';
      name: string;
      addresses: string[];
      service?: Service;
      headless: boolean;
      tried: string[];
    }
  | { rcode: 'NXDOMAIN'; name: string; tried: string[] };

/** The answer for one fully qualified name (no search list). */
function lookup(
  state: ClusterState,
  fqdn: string,
): { addresses: string[]; service?: Service; headless: boolean } | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  if (labels.length === 3 && labels[2] === 'svc') {
    const svc = state.services?.[`${labels[1]}/${labels[0]}`];
    if (svc === undefined) return undefined;
    if (!isHeadless(svc)) return { addresses: [svc.spec.clusterIP as string], service: svc, headless: false };
    return { addresses: headlessAddresses(state, svc), service: svc, headless: true };
  }
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = (labels[0] ?? '').replaceAll('-', '.');
    if (parseIPv4(ip) === undefined || state.namespaces[labels[1] ?? ''] === undefined) return undefined;
    return { addresses: [ip], headless: false };
  }
  return undefined;
}

/** Ready endpoint addresses of a headless Service, sorted (CoreDNS answers with every ready one). */
function headlessAddresses(state: ClusterState, svc: Service): string[] {
  const ns = svc.metadata.namespace ?? 'default';
  const out: string[] = [];
  for (const s of Object.values(state.endpointSlices ?? {})) {
    if (
      s.metadata.namespace !== ns ||
      s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name
    )
      continue;
    for (const e of s.endpoints) if (e.conditions.ready) out.push(...e.addresses);
  }
  return [...new Set(out)].sort();
}

/** Resolves `name` as a pod in `namespace` would (undefined namespace: a client outside the cluster). */
export function resolve(state: ClusterState, name: string, namespace: string | undefined): DnsAnswer {
  if (parseIPv4(name) !== undefined)
    return { rcode: 'NOERROR', name, addresses: [name], headless: false, tried: [] };
  const tried: string[] = [];
  for (const fqdn of candidates(name.toLowerCase(), namespace)) {
    tried.push(fqdn);
    const a = lookup(state, fqdn);
    if (a !== undefined) return { rcode: 'NOERROR', name: fqdn, ...a, tried };
  }
  return { rcode: 'NXDOMAIN', name, tried };
}
