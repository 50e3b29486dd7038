/**
 * Docker Swarm's service discovery and routing mesh (docs.docker.com engine/swarm/networking,
 * ingress-network): a task's embedded DNS answers `<service>` and `<stack>_<service>` with the
 * service's virtual IP on the overlay network, and `tasks.<service>` with the addresses of its
 * running tasks; IPVS on every node balances the VIP over the running tasks. A port published in
 * ingress mode answers on every node, with or without a task of the service, and the node's IPVS
 * forwards the connection over the ingress network to a task. The VIP and the published ports are
 * a Service object per swarm service (src/orchestrators/swarm/network.ts), so the proxy and the
 * EndpointSlices do the balancing; this module only answers the names.
 */
import { type ClusterState, getIn, type Service, type SwarmService } from '../model';
import { parseIPv4 } from './ipam';
import type { Addressing, Client, Route, RouteContext } from './route';
import type { Target } from './url';

/** The swarm service a DNS name means, if any (`web`, `tooling_web`, `tasks.web`). */
function swarmServiceByName(
  state: ClusterState,
  name: string,
): { svc: SwarmService; tasks: boolean } | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const tasks = n.startsWith('tasks.');
  const bare = tasks ? n.slice('tasks.'.length) : n;
  for (const svc of Object.values(state.swarm?.services ?? {}))
    if (svc.shortName === bare || svc.name === bare) return { svc, tasks };
  return undefined;
}

/** Pod keys of the service's running tasks (what `tasks.<service>` answers), by task id. */
function runningTaskPods(state: ClusterState, svc: SwarmService): string[] {
  return Object.values(state.swarm?.tasks ?? {})
    .filter((t) => t.serviceId === svc.id && t.state === 'running' && t.desiredState === 'running')
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .flatMap((t) => (t.pod === undefined ? [] : [t.pod]));
}

export const swarmAddressing: Addressing = {
  // Every task sees the same names (one overlay network per stack): one scope.
  scope: (client) => (client.kind === 'pod' ? 'overlay' : ''),
  route(tn: RouteContext, client: Client, target: Target): Route {
    // Outside clients, node addresses and raw IPs: published ports (NodePort) and VIPs as usual.
    if (client.kind === 'external' || parseIPv4(target.host) !== undefined)
      return tn.computeRoute(client.kind === 'external' ? undefined : 'default', target);
    // One query to the embedded DNS (127.0.0.11) inside the container and back.
    const dnsMs = 2 * tn.config.sameNodeLatencyMs;
    const tried = [target.host];
    const hit = swarmServiceByName(tn.state, target.host);
    if (hit !== undefined && hit.tasks) {
      const pods = runningTaskPods(tn.state, hit.svc);
      const addresses = pods.map((k) => getIn(tn.state.pods, k)?.status.podIP ?? '');
      return { dns: { rcode: 'NOERROR', name: target.host, addresses, headless: true, tried }, pods, dnsMs };
    }
    if (hit !== undefined) {
      const svc = tn.state.services?.[`default/${hit.svc.name}`] as Service | undefined;
      const dns = {
        rcode: 'NOERROR' as const,
        name: target.host,
        addresses: [hit.svc.vip],
        headless: false,
        tried,
        ...(svc === undefined ? {} : { service: svc }),
      };
      const sp = svc?.spec.ports.find((p) => p.port === target.port);
      if (svc === undefined || sp === undefined) return { dns, fail: 'timeout', dnsMs };
      return { dns, svc, sp, dnsMs };
    }
    // A node's name: the host's resolver answers it; the routing mesh takes the port.
    if (tn.nodeByAddress(target.host) !== undefined) return { ...tn.computeRoute(undefined, target), dnsMs };
    return { dns: { rcode: 'NXDOMAIN', name: target.host, tried }, fail: 'nxdomain', dnsMs };
  },
};
