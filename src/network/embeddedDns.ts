/**
 * Docker Compose's networking on single hosts. Every project gets its own bridge network(s) on its
 * host; Docker's embedded DNS server (127.0.0.11 in each container) answers a container's queries
 * with the addresses of the running containers that share a network with it, by service name,
 * container name or hostname (docs.docker.com engine/network/#dns-services, compose
 * networking: "reachable by other containers on that network, and discoverable by the service's
 * name"). Nothing else: a container on another host, even one running the same kind of project,
 * is not on that network, so its name does not resolve (NXDOMAIN), and its address (172.18.0.x,
 * private to its host's bridge) leads nowhere. What crosses hosts is a port published on a host's
 * address (`ports: ["5000:80"]` answers on host-1:5000); the name of a host itself is taken to
 * resolve on the LAN (a simplification: the host's resolver, not Docker's, answers that).
 */
import type { ClusterState, DockerContainer } from '../model';
import { parseIPv4 } from './ipam';
import type { Addressing, Client, Route, RouteContext } from './route';
import type { Target } from './url';

const live = (c: DockerContainer) => c.status === 'running';

/** [pod key, record] of the running containers of a host. */
function runningOn(state: ClusterState, host: string): [string, DockerContainer][] {
  return Object.entries(state.docker?.containers ?? {})
    .filter(([, c]) => c.host === host && live(c))
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * What the embedded DNS of `client`'s container answers for `name`: the running containers on
 * the same host sharing a network with it whose service, container name or hostname is `name`.
 */
export function embeddedLookup(state: ClusterState, clientKey: string, name: string): string[] {
  const me = state.docker?.containers[clientKey];
  if (me === undefined) return [];
  const nets = new Set(Object.keys(me.addresses));
  const n = name.toLowerCase().replace(/\.$/, '');
  return runningOn(state, me.host)
    .filter(
      ([, c]) =>
        c.aliases.some((a) => a.toLowerCase() === n) && Object.keys(c.addresses).some((x) => nets.has(x)),
    )
    .map(([k]) => k);
}

/** The running container publishing `port` on `host`, if any (Docker's port mapping, docker-proxy). */
function publisher(state: ClusterState, host: string, port: number): string | undefined {
  for (const [k, c] of runningOn(state, host))
    if (
      c.ports.some(
        (p) => p.published !== undefined && p.published <= port && port <= (p.publishedEnd ?? p.published),
      )
    )
      return k;
  return undefined;
}

function viaPublishedPort(
  tn: RouteContext,
  node: string,
  target: Target,
  dnsMs: number,
  dns?: Route['dns'],
): Route {
  const base = { dnsMs, ingressNode: node, ...(dns !== undefined ? { dns } : {}) };
  if (!tn.nodeUp(node)) return { ...base, fail: 'timeout' };
  const key = publisher(tn.state, node, target.port);
  // Nothing listens on that host port: the host answers with a reset.
  if (key === undefined) return { ...base, fail: 'connectionRefused' };
  const c = tn.state.docker?.containers[key] as DockerContainer;
  const p = c.ports.find(
    (x) =>
      x.published !== undefined &&
      x.published <= target.port &&
      target.port <= (x.publishedEnd ?? x.published),
  );
  return { ...base, pods: [key], port: p?.target ?? target.port };
}

export const composeAddressing: Addressing = {
  // Answers depend on the client's host and networks: one scope per client container.
  scope: (client) => (client.kind === 'pod' ? client.key : ''),
  route(tn, client: Client, target: Target): Route {
    const state = tn.state;
    if (client.kind === 'external') {
      const node = tn.nodeByAddress(target.host);
      return node === undefined ? { fail: 'timeout', dnsMs: 0 } : viaPublishedPort(tn, node, target, 0);
    }
    const me = state.docker?.containers[client.key];
    if (parseIPv4(target.host) !== undefined) {
      const node = tn.nodeByAddress(target.host);
      if (node !== undefined) return viaPublishedPort(tn, node, target, 0);
      // A container address: only on a bridge network this container is on, on this host.
      const nets = new Set(Object.keys(me?.addresses ?? {}));
      const hit = runningOn(state, me?.host ?? '').find(([, c]) =>
        Object.entries(c.addresses).some(([net, ip]) => ip === target.host && nets.has(net)),
      );
      return hit === undefined ? { fail: 'timeout', dnsMs: 0 } : { pods: [hit[0]], dnsMs: 0 };
    }
    // One query to 127.0.0.11 and back, inside the container's own network namespace.
    const dnsMs = 2 * tn.config.sameNodeLatencyMs;
    const tried = [target.host];
    const keys = embeddedLookup(state, client.key, target.host);
    if (keys.length > 0) {
      const addresses = keys.map((k) => {
        const c = state.docker?.containers[k] as DockerContainer;
        const shared = Object.keys(c.addresses).find((n) => me?.addresses[n] !== undefined);
        return shared === undefined ? '' : (c.addresses[shared] as string);
      });
      return {
        dns: { rcode: 'NOERROR', name: target.host, addresses, headless: false, tried },
        pods: keys,
        dnsMs,
      };
    }
    const node = tn.nodeByAddress(target.host);
    if (node !== undefined) {
      const ip = state.nodes[node]?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
      return viaPublishedPort(tn, node, target, dnsMs, {
        rcode: 'NOERROR',
        name: target.host,
        addresses: [ip],
        headless: false,
        tried,
      });
    }
    return { dns: { rcode: 'NXDOMAIN', name: target.host, tried }, fail: 'nxdomain', dnsMs };
  },
};
