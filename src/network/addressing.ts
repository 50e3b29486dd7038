/**
 * The extension point where an orchestrator's naming and addressing plug into the traffic model:
 * how a client's target (`http://db:3306`, `http://host-1:5000`) becomes a {@link Route} (a
 * Service to balance over, containers to pick from, or a failure with its cause). Everything
 * after the route (backend choice, reachability, policy, latency) is shared.
 *
 * - Kubernetes: cluster DNS from the client's namespace, Service VIPs, NodePorts, pod addresses
 *   (kubernetesRoute.ts, through TickNetwork.computeRoute).
 * - Docker Compose: each project network's embedded DNS, on its own host only, and ports
 *   published on a host's address (embeddedDns.ts).
 * - Docker Swarm adds its own here (overlay DNS, service VIPs, the routing mesh): a state section
 *   of its own and one more branch in {@link addressingFor}.
 */
import type { ClusterState } from '../model';
import { composeAddressing } from './embeddedDns';
import { swarmAddressing } from './swarmDns';
import type { Addressing } from './route';

const kubernetesAddressing: Addressing = {
  scope: (client) => (client.kind === 'pod' ? client.namespace : ''),
  route: (tn, client, target) =>
    tn.computeRoute(client.kind === 'pod' ? client.namespace : undefined, target),
};

/** The addressing of the orchestrator this state runs under. */
export function addressingFor(state: ClusterState): Addressing {
  if (state.docker !== undefined) return composeAddressing;
  if (state.swarm !== undefined) return swarmAddressing;
  return kubernetesAddressing;
}
