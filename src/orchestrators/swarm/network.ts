/**
 * Swarm's service networking, on the simulator's network model:
 *
 * - Each service gets a virtual IP on the stack's overlay network (endpoint_mode vip, the
 *   default). IPVS on every node balances connections to the VIP over the service's running tasks
 *   (round robin). The VIP is a ClusterIP Service named `<stack>_<service>` whose selector is the
 *   task label `com.docker.swarm.service.name`, so the EndpointSlice controller and the proxy do
 *   the balancing (proxy mode ipvs).
 * - A port published in ingress mode answers on every node of the swarm, with or without a task
 *   (the routing mesh): the Service is a NodePort one whose node port is the published port.
 * - Docker's embedded DNS answers `<service>` and `<stack>_<service>` with the VIP and
 *   `tasks.<service>` with the running tasks' IPs (swarmResolve, the resolver seam of dns.ts).
 *
 * A VIP forwards every port to the tasks; the Service lists the ports the service publishes or
 * exposes and those the scenario's traffic calls it on (a simplification with the same effect).
 */
import type { NetworkRuntime, Service, ServicePort, SwarmService } from '../../model';
import { parseTarget } from '../../network';
import { LABEL_SERVICE } from './taskPod';

/** The n-th VIP of the stack's /24 (.1 is the gateway). */
export function vipOf(subnet: string, n: number): string {
  const base = subnet.split('/')[0]?.split('.') ?? [];
  return `${base[0]}.${base[1]}.${base[2]}.${2 + n}`;
}

/** Every name the embedded DNS knows the service by. */
function dnsNames(svc: SwarmService): string[] {
  return [svc.shortName, svc.name];
}

/** Ports the traffic flows send to one of the service's names. */
function trafficPorts(svc: SwarmService, network: NetworkRuntime | undefined): number[] {
  const names = new Set([...dnsNames(svc), ...dnsNames(svc).map((n) => `tasks.${n}`)]);
  const out: number[] = [];
  for (const f of network?.flows ?? [])
    for (const to of [f.to, ...f.calls.map((c) => c.to)]) {
      const t = parseTarget(to);
      if (!('error' in t) && names.has(t.host)) out.push(t.port);
    }
  return out;
}

/** The Service object standing for the service's VIP and its ingress ports. */
export function vipService(svc: SwarmService, network: NetworkRuntime | undefined): Service {
  const ingress = svc.ports.filter((p) => p.mode === 'ingress' && p.published !== undefined);
  const ports: ServicePort[] = [];
  const seen = new Set<number>();
  for (const p of ingress) {
    ports.push({
      name: `${p.protocol}-${p.published}`,
      protocol: p.protocol === 'udp' ? 'UDP' : 'TCP',
      port: p.target,
      targetPort: p.target,
      nodePort: p.published as number,
    });
    seen.add(p.target);
  }
  const others = [...svc.spec.expose, ...svc.ports.map((p) => p.target), ...trafficPorts(svc, network)];
  for (const port of [...new Set(others)].sort((a, b) => a - b)) {
    if (seen.has(port)) continue;
    seen.add(port);
    ports.push({ name: `tcp-${port}`, protocol: 'TCP', port, targetPort: port });
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: svc.name,
      namespace: 'default',
      uid: '',
      creationTimestamp: 0,
      labels: { 'com.docker.stack.namespace': svc.stack, 'com.docker.swarm.service.id': svc.id },
    },
    spec: {
      type: ingress.length > 0 ? 'NodePort' : 'ClusterIP',
      selector: { [LABEL_SERVICE]: svc.name },
      ports,
      clusterIP: svc.vip,
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  };
}
